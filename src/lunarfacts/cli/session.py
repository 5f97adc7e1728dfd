"""What the global options decide for one run, and the fact base loaded once for it."""

from __future__ import annotations

from lunarfacts.cache import cache_disabled, load_with_cache
from lunarfacts.loader import FactBase, Loaded, data_paths, load_facts
from lunarfacts.model import PartialDate
from lunarfacts.query import RefIndex


class Session:
    """The global options of a run; the fact base is read on first use and kept."""

    def __init__(
        self,
        overlays: list[str] | None = None,
        no_color: bool = False,
        as_of: PartialDate | None = None,
        use_cache: bool = True,
    ) -> None:
        self.overlays = overlays or []
        self.no_color = no_color
        self.as_of = as_of
        self.use_cache = use_cache
        self._loaded: Loaded | None = None
        self._base: FactBase | None = None
        self._index: RefIndex | None = None

    def loaded(self) -> Loaded:
        """The bundled base and every overlay, validated (not yet cut to --as-of)."""
        if self._loaded is None:
            enabled = self.use_cache and not cache_disabled()
            self._loaded = load_with_cache(data_paths(self.overlays), load_facts, enabled)
        return self._loaded

    def base(self) -> FactBase:
        if self._base is None:
            full = self.loaded().base
            if self.as_of is None:
                self._base = full
            else:
                from lunarfacts.timeinfo import as_of  # only --as-of needs the time machinery

                self._base = as_of(full, self.as_of)
        return self._base

    def index(self) -> RefIndex:
        if self._index is None:
            self._index = RefIndex(self.base())
        return self._index
