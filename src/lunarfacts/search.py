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

# One record's text as searched: id, type, name (for ties), then the normalized texts by kind.
Texts = tuple[str, str, str, tuple[str, ...], str, str, str]

# Where a match counts most: (whole phrase, each word) per kind of text, in that order.
_WEIGHTS = ((100, 10), (30, 6), (20, 5), (10, 3))  # names, vocabulary values, summary, other text
_NAMED = frozenset(("id", "name", "aliases", "summary"))


def texts_of(record: Record) -> Texts:
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
            other.extend(target.milestone for target in value)
        elif field.name == "partners":
            other.extend(p.role for p in value if p.role)
    names = tuple(normalize(n) for n in (record.id, record.name, *record.aliases))
    return (
        record.id,
        record.TYPE,
        record.name.casefold(),
        names,
        " ".join(normalize(v) for v in values),
        normalize(record.summary),
        normalize(" ".join(other)),
    )


def search_texts(base: FactBase) -> list[Texts]:
    return [texts_of(record) for record in base.records]


def search_ids(texts: Sequence[Texts], text: str, types: Sequence[str] = ()) -> list[str]:
    """The ids of the records matching every word of `text`, best first.

    A whole-phrase match counts more than matching words, an exact name most; a record missing any
    word is left out.
    """
    # Each word once: a repeated word adds nothing, and 100,000 copies of one made search take minutes.
    words = list(dict.fromkeys(w for w in (normalize(part) for part in text.split()) if w))
    whole = normalize(text)
    if not words:
        raise UsageError("search: give some letters or digits to look for")
    scored: list[tuple[int, str, str]] = []
    for record_id, record_type, name, names, values, summary, other in texts:
        if types and record_type not in types:
            continue
        kinds = ("\n".join(names), values, summary, other)
        score = 200 if whole in names else 0
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
            scored.append((-score, name, record_id))
    scored.sort()
    return [record_id for _, _, record_id in scored]


def search(base: FactBase, text: str, types: Sequence[str] = ()) -> list[Record]:
    return [base.by_id[i] for i in search_ids(search_texts(base), text, types)]
