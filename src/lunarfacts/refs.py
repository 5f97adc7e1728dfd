"""REFs: the ids, names and aliases records are found by, matched ignoring case, accents and punctuation.

Stdlib and errors only, and light (no typing): TAB and `show ID` on a warm cache resolve through the
cached index without building any record. An index entry is `(id, type, name, aliases, keys)`.
"""

from __future__ import annotations

import re
import unicodedata

from lunarfacts.errors import RefError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lunarfacts.model import FactBase

    Entry = tuple[str, str, str, tuple[str, ...], tuple[str, ...]]

_MAX_SUGGEST_KEY = 200  # longer keys are not worth fuzzy-matching and would make difflib slow
_ASCII_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def normalize(text: str) -> str:
    """The form REFs are matched in: no case, accents, punctuation or spacing (嫦娥五号 stays as is)."""
    if text.isascii():  # the same answer, without a Python step per character
        return _ASCII_NOT_ALNUM.sub("", text).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def keys_of(id_: str, name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """A record's distinct match keys, id first."""
    found: list[str] = []
    for text in (id_, name, *aliases):
        key = normalize(text)
        if key and key not in found:
            found.append(key)
    return tuple(found)


def entries_of(base: FactBase) -> list[Entry]:
    return [(r.id, r.TYPE, r.name, r.aliases, keys_of(r.id, r.name, r.aliases)) for r in base.records]


def quoted_ref(text: str) -> str:
    """A REF quoted in a message: short, escaped by repr, a character beyond the BMP as \\U000E0041."""
    return re.sub(r"\\U([0-9a-f]{8})", lambda m: "\\U" + m.group(1).upper(), repr(shown(text)))


def shown(text: str) -> str:
    """A REF as a message repeats it (quoted by repr, which escapes what cannot be printed): short."""
    return text if len(text) <= 60 else text[:57] + "..."


def ref_key(text: str) -> str:
    """The key a REF is matched by; RefError when it has no letters or digits to match on."""
    key = normalize(text)
    if not key:
        raise RefError(f"{shown(text)!r} names no record: a REF needs letters or digits")
    return key


def label(entry: Entry) -> str:
    return f"{entry[2]} ({entry[1]} {entry[0]})"


class RefIndex:
    """Every record's keys, for finding the one record a REF names."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._by_id: dict[str, int] | None = None
        self._by_key: dict[str, list[int]] | None = None

    def position(self, record_id: str) -> int | None:
        if self._by_id is None:
            self._by_id = {entry[0]: i for i, entry in enumerate(self.entries)}
        return self._by_id.get(record_id)

    @property
    def by_key(self) -> dict[str, list[int]]:
        """Built on first need: a REF that is an exact id (most of them) never pays for it."""
        if self._by_key is None:
            self._by_key = {}
            for i, entry in enumerate(self.entries):
                for key in entry[4]:
                    self._by_key.setdefault(key, []).append(i)
        return self._by_key

    def resolve(self, text: str, types: Sequence[str] = ()) -> Entry:
        """The one entry `text` names: an exact id, else a whole name or alias, else the start of one.

        RefError listing the candidates when it could be several, or up to three suggestions when
        it names none.
        """
        key = ref_key(text)
        exact = self.position(text)
        if exact is not None and (not types or self.entries[exact][1] in types):
            return self.entries[exact]
        found = self._wanted(self.by_key.get(key, ()), types)
        if not found:
            found = self._wanted(
                (i for k, positions in self.by_key.items() if k.startswith(key) for i in positions), types
            )
        if len(found) == 1:
            return self.entries[found[0]]
        if found:
            listing = "\n".join(f"  {label(self.entries[i])}" for i in found[:20])
            more = f"\n  … and {len(found) - 20} more" if len(found) > 20 else ""
            raise RefError(
                f"{quoted_ref(text)} is ambiguous; it could be:\n{listing}{more}\nuse an id to choose"
            )
        what = " or ".join(types) if types else "record"
        suggestions = self.suggest(key, types)
        hint = "\ndid you mean: " + ", ".join(label(e) for e in suggestions) if suggestions else ""
        raise RefError(f"no {what} matches {quoted_ref(text)}{hint}")

    def _wanted(self, positions: Iterable[int], types: Sequence[str]) -> list[int]:
        return list(dict.fromkeys(i for i in positions if not types or self.entries[i][1] in types))

    def suggest(self, key: str, types: Sequence[str] = (), n: int = 3) -> list[Entry]:
        if len(key) > _MAX_SUGGEST_KEY:
            return []
        import difflib  # only a miss pays for fuzzy matching

        candidates = [k for k, positions in self.by_key.items() if self._wanted(positions, types)]
        close = difflib.get_close_matches(key, candidates, n=n * 2, cutoff=0.6)
        picked = self._wanted((i for k in close for i in self.by_key[k]), types)
        return [self.entries[i] for i in picked[:n]]
