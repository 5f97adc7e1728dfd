"""What the global options decide for one run, and the fact base loaded once for it."""

from __future__ import annotations

from lunarfacts.cache import FactCache, cache_disabled
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
        self._cache: FactCache | None = None
        self._loaded: Loaded | None = None
        self._base: FactBase | None = None
        self._index: RefIndex | None = None

    def cache(self) -> FactCache:
        if self._cache is None:
            enabled = self.use_cache and not cache_disabled()
            self._cache = FactCache(data_paths(self.overlays), enabled)
        return self._cache

    def loaded(self) -> Loaded:
        """The bundled base and every overlay, validated (not yet cut to --as-of)."""
        if self._loaded is None:
            self._loaded = self.cache().load(load_facts)
        return self._loaded

    def plain_rows(self, record_type: str) -> bytes | None:
        """A type's records as JSON Lines (UTF-8) in default order, from the cache, when nothing alters
        them (no --as-of); None when the cache cannot say."""
        if self.as_of is not None:
            return None
        rows = self.cache().rows(record_type)
        if rows is None and self._loaded is None:
            self.loaded()  # a first run: loading writes the cache and keeps its rows
            rows = self.cache().rows(record_type)
        return rows

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
