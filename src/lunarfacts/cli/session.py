"""What the global options decide for one run, and the fact base read once for it, lazily.

Light at import (no typing): a warm `missions --json` asks only for cached rows, and a TAB press or
`show ID` only for the cached REF index; the records are unpacked, or the files parsed, only when a
command needs them.
"""

from __future__ import annotations

from lunarfacts.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from lunarfacts.cache import FactCache
    from lunarfacts.dates import PartialDate
    from lunarfacts.files import FactFile
    from lunarfacts.model import FactBase, Loaded, Record
    from lunarfacts.refs import Entry, RefIndex
    from lunarfacts.search import Texts


def _entries_shape() -> Callable[[object], bool]:
    """The shape of the cached REF index, checked before it is used."""
    from lunarfacts.cache import checker

    return checker([(str, str, str, (str, ...), (str, ...))])


class Session:
    """The global options of a run; the fact base is read on first use and kept."""

    def __init__(
        self,
        overlays: list[str] | None = None,
        no_color: bool = False,
        as_of: str | None = None,
        use_cache: bool = True,
        no_pager: bool = False,
    ) -> None:
        self.overlays = overlays or []
        self.no_color = no_color
        self.no_pager = no_pager
        self.as_of_text = as_of
        self.use_cache = use_cache
        self._as_of: PartialDate | None = None
        self._files: list[FactFile] | None = None
        self._cache: FactCache | None = None
        self._loaded: Loaded | None = None
        self._base: FactBase | None = None
        self._index: RefIndex | None = None

    def show(self, renderable: Any) -> None:  # a Rich renderable (Rich stays out of this module)
        """A Rich renderable to stdout: paged on a terminal when taller than it, unless --no-pager."""
        from lunarfacts.cli import output

        output.show(renderable, self.no_color, paged=not self.no_pager)

    @property
    def as_of(self) -> PartialDate | None:
        """--as-of as a date; a usage error naming the option when it is not one."""
        if self.as_of_text is not None and self._as_of is None:
            from lunarfacts.dates import PartialDate

            try:
                self._as_of = PartialDate.parse(self.as_of_text)
            except ValueError as error:
                from lunarfacts.cli.spec import flag

                raise UsageError(f"{flag('as_of')}: {error}") from None
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

                seen = as_of(full, moment)
                self._base = seen.base
                if seen.undated:
                    from lunarfacts.cli import output

                    count = sum(seen.undated.values())
                    ids = sorted(seen.undated)
                    named = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                    who = "member" if count == 1 else "members"
                    output.note(
                        f"as of {moment}: {count} {who} (partners, parties, signatories) with no known "
                        f"date left out, of {named}"
                    )
        return self._base

    def plain_rows(self, record_type: str) -> bytes | None:
        """A type's records as compact JSON Lines in default order, from the cache, when nothing alters
        them (no --as-of); None when the cache cannot say."""
        if self.as_of is not None:
            return None
        rows = self.cache().rows(record_type)
        if rows is None and self._loaded is None:
            self.loaded()  # a first run: loading writes the cache, whose rows are then at hand
            rows = self.cache().rows(record_type)
        return rows

    def rows_at(self, indexes: list[int]) -> list[bytes] | None:
        """The cached compact JSON lines of the records at these places in the base (no --as-of)."""
        if self.as_of is not None:
            return None
        found = self.cache().rows_at(indexes)
        if found is None and self._loaded is None:
            self.loaded()
            found = self.cache().rows_at(indexes)
        return found

    def row(self, record_id: str) -> bytes | None:
        """One record's cached compact JSON line, when nothing alters it (no --as-of)."""
        if self.as_of is not None:
            return None
        row = self.cache().row(record_id)
        if row is None and self._loaded is None:
            self.loaded()
            row = self.cache().row(record_id)
        return row

    def entries(self) -> list[Entry]:
        """Every record's REF entry, from the cached index when it can serve."""
        return list(self.index().entries)

    def index(self) -> RefIndex:
        if self._index is None:
            from lunarfacts.refs import RefIndex, entries_of

            if self.as_of is None:
                entries = self.cache().derived("index", lambda: entries_of(self.base()), _entries_shape())
                self._index = RefIndex(entries)
            else:
                self._index = RefIndex(entries_of(self.base()))
        return self._index

    def search_texts(self) -> Texts:
        """Every record's normalized searchable text, from the cache when it can serve."""
        from lunarfacts.search import search_texts, texts_ok

        if self.as_of is not None:
            return search_texts(self.base())
        found: Texts = self.cache().derived("search", lambda: search_texts(self.base()), texts_ok)
        return found

    def resolve(self, ref: str, types: tuple[str, ...] = ()) -> Entry:
        return self.index().resolve(ref, types)

    def resolve_id(self, ref: str, types: tuple[str, ...] = ()) -> tuple[str, str]:
        """(id, type) of the record a REF names; an exact id is found by the cache's row table alone,
        without the REF index (the name keys of every record)."""
        if self.as_of is None and self._index is None:
            places = self.cache().places()
            index = None if places is None else places.index(ref)
            if places is not None and index is not None:
                record_type = places.place(index)[0]
                if not types or record_type in types:
                    return ref, record_type
        entry = self.resolve(ref, types)
        return entry[0], entry[1]

    def record(self, ref: str, types: tuple[str, ...] = ()) -> Record:
        return self.base().by_id[self.resolve(ref, types)[0]]

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
