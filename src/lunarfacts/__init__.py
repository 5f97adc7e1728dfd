"""lunarfacts: an offline, sourced fact base about the race back to the Moon."""

__version__ = "1.0.0"
