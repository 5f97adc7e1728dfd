"""What the global options decide for one run, and the fact base read once for it, lazily.

Light at import (no typing): a warm `missions --json` asks only for cached rows, and a TAB press or
`show ID` only for the cached REF index; the records are unpacked, or the files parsed, only when a
command needs them.
"""

from __future__ import annotations

from lunarfacts.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from lunarfacts.cache import FactCache
    from lunarfacts.dates import PartialDate
    from lunarfacts.files import FactFile
    from lunarfacts.model import FactBase, Loaded, Record
    from lunarfacts.refs import Entry, RefIndex


def _index_ok(value: object) -> bool:
    """The shape of the cached REF index: (entries, positions), every value of the type it should be."""
    if type(value) is not tuple or len(value) != 2:
        return False
    entries, positions = value
    if type(entries) is not list or type(positions) is not list or len(entries) != len(positions):
        return False
    for entry in entries:
        if type(entry) is not tuple or len(entry) != 5:
            return False
        record_id, record_type, name, aliases, keys = entry
        if not (type(record_id) is str and type(record_type) is str and type(name) is str):
            return False
        if type(aliases) is not tuple or type(keys) is not tuple:
            return False
        if not all(type(a) is str for a in aliases) or not all(type(k) is str for k in keys):
            return False
    return all(type(p) is int for p in positions)


class Session:
    """The global options of a run; the fact base is read on first use and kept."""

    def __init__(
        self,
        overlays: list[str] | None = None,
        no_color: bool = False,
        as_of: str | None = None,
        use_cache: bool = True,
    ) -> None:
        self.overlays = overlays or []
        self.no_color = no_color
        self.as_of_text = as_of
        self.use_cache = use_cache
        self._as_of: PartialDate | None = None
        self._files: list[FactFile] | None = None
        self._cache: FactCache | None = None
        self._loaded: Loaded | None = None
        self._base: FactBase | None = None
        self._index: RefIndex | None = None
        self._positions: list[int] | None = None

    @property
    def as_of(self) -> PartialDate | None:
        """--as-of as a date; a usage error naming the option when it is not one."""
        if self.as_of_text is not None and self._as_of is None:
            from lunarfacts.dates import PartialDate

            try:
                self._as_of = PartialDate.parse(self.as_of_text)
            except ValueError as error:
                raise UsageError(f"--as-of: {error}") from None
        return self._as_of

    def files(self) -> list[FactFile]:
        if self._files is None:
            from lunarfacts.files import data_paths, read_fact_files

            self._files = read_fact_files(data_paths(self.overlays))
        return self._files

    def cache(self) -> FactCache:
        if self._cache is None:
            from lunarfacts.cache import FactCache, cache_disabled

            self._cache = FactCache(self.files(), self.use_cache and not cache_disabled())
        return self._cache

    def loaded(self) -> Loaded:
        """The bundled base and every overlay, validated (not yet cut to --as-of)."""
        if self._loaded is None:
            from lunarfacts.loader import load_files

            self._loaded = self.cache().load(load_files)
        return self._loaded

    def base(self) -> FactBase:
        if self._base is None:
            full = self.loaded().base
            moment = self.as_of
            if moment is None:
                self._base = full
            else:
                from lunarfacts.timeinfo import as_of  # only --as-of needs the time machinery

                self._base = as_of(full, moment)
        return self._base

    def plain_rows(self, record_type: str) -> list[bytes] | None:
        """A type's records as compact JSON lines in default order, from the cache, when nothing
        alters them (no --as-of); None when the cache cannot say."""
        if self.as_of is not None:
            return None
        rows = self.cache().rows(record_type)
        if rows is None and self._loaded is None:
            self.loaded()  # a first run: loading writes the cache, whose rows are then at hand
            rows = self.cache().rows(record_type)
        return rows

    def entries(self) -> list[Entry]:
        """Every record's REF entry, from the cached index when it can serve."""
        return list(self.index().entries)

    def index(self) -> RefIndex:
        if self._index is None:
            from lunarfacts.refs import RefIndex, entries_of

            cached = self.cache().plain("index") if self.as_of is None else None
            if cached is not None and not _index_ok(cached):
                self.cache().condemn()
                cached = None
            if cached is not None:
                assert isinstance(cached, tuple)
                entries: list[Entry] = cached[0]
                self._positions = cached[1]
                self._index = RefIndex(entries)
            else:
                self._index = RefIndex(entries_of(self.base()))
        return self._index

    def resolve(self, ref: str, types: tuple[str, ...] = ()) -> Entry:
        return self.index().resolve(ref, types)

    def record(self, ref: str, types: tuple[str, ...] = ()) -> Record:
        return self.base().by_id[self.resolve(ref, types)[0]]

    def row(self, entry: Entry) -> bytes | None:
        """The cached compact JSON line of one record, when the cache's index served the REF."""
        index = self.index()
        position = index.position(entry[0])
        if self._positions is None or position is None:
            return None
        rows = self.plain_rows(entry[1])
        place = self._positions[position]
        if rows is None or not 0 <= place < len(rows):
            return None
        row = rows[place]
        # The row must be this record's: a cache that disagrees with itself is not used.
        if not row.startswith(b'{"type":"%s","id":"%s",' % (entry[1].encode(), entry[0].encode())):
            self.cache().condemn()
            return None
        return row

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
