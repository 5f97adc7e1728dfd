"""`search`: records whose names, aliases, summary or other text hold every word asked for, best first.

Imports the model, rules and refs only, and those lazily: a search served from the cache's texts needs
none of the record machinery. Each record's searchable text is normalized once (and kept in the cache),
so a search over ten thousand records is a few substring tests each.
"""

from __future__ import annotations

from lunarfacts.errors import UsageError
from lunarfacts.refs import normalize

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lunarfacts.model import FactBase, Record

# The searchable text of every record, in the base's order: seven strings, one line per record (ids,
# types, names for ties, normalized names and aliases joined by "\x1f", vocabulary values, summary, other
# text). A few long strings load and check at once; ten thousand small ones would not.
Texts = tuple[str, str, str, str, str, str, str]
_KEY = "\x1f"

# Where a match counts most: (whole phrase, each word) per kind of text, in that order.
_WEIGHTS = ((100, 10), (30, 6), (20, 5), (10, 3))  # names, vocabulary values, summary, other text
_NAMED = frozenset(("id", "name", "aliases", "summary"))


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ")


def _line(record: Record) -> tuple[str, str, str, str, str, str, str]:
    from lunarfacts.rules import TYPES, Shape

    values: list[str] = []
    other: list[str] = []
    for field in TYPES[record.TYPE].fields:
        value = getattr(record, field.name)
        if value is None or field.name in _NAMED:
            continue
        if field.shape == Shape.CHOICE:
            values.append(value)
        elif field.shape == Shape.TEXT:
            other.append(value)
        elif field.shape == Shape.TEXT_LIST:
            other.extend(value)
        elif field.name == "targets":
            other.extend(f"{target.milestone} {target.note or ''}" for target in value)
        elif field.name == "partners":
            other.extend(p.role for p in value if p.role)
    names = _KEY.join(normalize(n) for n in (record.id, record.name, *record.aliases))
    return (
        record.id,
        record.TYPE,
        _one_line(record.name.casefold()),
        names,
        " ".join(normalize(v) for v in values),
        normalize(record.summary),
        normalize(" ".join(other)),
    )


def search_texts(base: FactBase) -> Texts:
    lines = [_line(record) for record in base.records]
    joined = tuple("\n".join(column) for column in zip(*lines, strict=True)) if lines else ("",) * 7
    texts: Texts = joined  # type: ignore[assignment]
    return texts


def texts_ok(texts: object) -> bool:
    """Seven strings with the same number of lines each: the shape of the cached texts."""
    if type(texts) is not tuple or len(texts) != 7 or not all(type(t) is str for t in texts):
        return False
    return len({t.count("\n") for t in texts}) == 1


def search_places(texts: Texts, text: str, types: Sequence[str] = ()) -> list[int]:
    """The places (in the base's order) of the records matching every word of `text`, best first.

    A whole-phrase match counts more than matching words, an exact name most; a record missing any
    word is left out.
    """
    # Each word once: a repeated word adds nothing, and 100,000 copies of one made search take minutes.
    words = list(dict.fromkeys(w for w in (normalize(part) for part in text.split()) if w))
    whole = normalize(text)
    if not words:
        raise UsageError("search: give some letters or digits to look for")
    if not texts[0]:
        return []
    columns = [column.split("\n") for column in texts[1:]]
    exact = _KEY + whole + _KEY
    scored: list[tuple[int, str, int]] = []
    for index, (record_type, name, names, values, summary, other) in enumerate(zip(*columns, strict=True)):
        if types and record_type not in types:
            continue
        kinds = (names, values, summary, other)
        score = 200 if exact in f"{_KEY}{names}{_KEY}" else 0
        for kind, (phrase, _) in zip(kinds, _WEIGHTS, strict=True):
            if whole in kind:
                score += phrase
                break
        for word in words:
            best = 0
            for kind, (_, weight) in zip(kinds, _WEIGHTS, strict=True):
                if word in kind:
                    best = weight
                    break  # the kinds are in falling order of weight
            if not best:
                break
            score += best
        else:
            scored.append((-score, name, index))
    scored.sort()
    return [index for _, _, index in scored]


def search(base: FactBase, text: str, types: Sequence[str] = ()) -> list[Record]:
    return [base.records[i] for i in search_places(search_texts(base), text, types)]


# --- snippets: where a record matched, for people ---------------------------------------------

_SNIPPET = 100  # characters of text around the first match
_LEAD = 30  # of them before it


def _normalized_with_places(text: str) -> tuple[str, list[int]]:
    """The text as search sees it, and for each of its characters the place it came from."""
    out: list[str] = []
    places: list[int] = []
    for index, char in enumerate(text):
        for normal in normalize(char):
            out.append(normal)
            places.append(index)
    return "".join(out), places


def _fields_to_show(record: Record) -> list[tuple[str, str]]:
    """The texts a snippet may come from, most telling first: summary, aliases, other text, name."""
    from lunarfacts.rules import TYPES, Shape

    texts = [("summary", record.summary), ("aliases", "; ".join(record.aliases))]
    for field in TYPES[record.TYPE].fields:
        value = getattr(record, field.name)
        if field.name in _NAMED or not value:
            continue
        if field.shape == Shape.TEXT:
            texts.append((field.name, value))
        elif field.shape == Shape.TEXT_LIST:
            texts.append((field.name, "; ".join(value)))
        elif field.name == "targets":
            texts.append((field.name, "; ".join(t.milestone for t in value)))
    return [*texts, ("name", record.name)]


def snippet(record: Record, text: str) -> tuple[str, str, list[tuple[int, int]]]:
    """(field, a stretch of its text around the first match, the matches' spans in that stretch).

    The field is the one matching most of the words; ("", "", []) when no single field holds any
    (a match across fields or in an id)."""
    from lunarfacts.escape import safe

    words = list(dict.fromkeys(w for w in (normalize(part) for part in text.split()) if w))
    best: tuple[int, str, str, list[tuple[int, int]]] = (0, "", "", [])
    for field, text_of_field in _fields_to_show(record):
        value = " ".join(text_of_field.split())  # one space between words: a snippet is one line
        normal, places = _normalized_with_places(value)
        hits: list[tuple[int, int]] = []
        found = 0
        for word in words:
            start = normal.find(word)
            found += start >= 0
            while start >= 0:
                hits.append((places[start], places[start + len(word) - 1] + 1))
                start = normal.find(word, start + len(word))
        if found > best[0]:
            best = (found, field, value, sorted(hits))
    found, field, value, hits = best
    if not found:
        return "", "", []
    first = hits[0][0]
    start = 0 if first <= _LEAD else value.rfind(" ", 0, first - _LEAD) + 1
    end = min(len(value), start + _SNIPPET)
    if end < len(value):
        end = max(value.rfind(" ", start, end), hits[0][1])
    piece = value[start:end]
    lead, tail = ("…" if start > 0 else ""), ("…" if end < len(value) else "")
    shown = safe(piece)
    spans = (
        [(a - start + len(lead), b - start + len(lead)) for a, b in hits if a >= start and b <= end]
        if shown == piece
        else []
    )
    return field, lead + shown + tail, spans
