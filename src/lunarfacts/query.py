"""Questions asked of a FactBase: resolve a REF, filter and sort a list, search, relate, compare.

Imports the model, loader types and errors only; never prints.
"""

import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from lunarfacts.errors import RefError, UsageError
from lunarfacts.loader import FactBase
from lunarfacts.model import (
    FIELDS,
    PRIMARY_DATE,
    Agreement,
    Country,
    Mission,
    Organization,
    PartialDate,
    Program,
    Record,
    RecordType,
    Shape,
    field_names,
)

_MAX_SUGGEST_KEY = 200  # longer keys are not worth fuzzy-matching and would make difflib slow


def _close_matches(word: str, candidates: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    import difflib  # only a miss pays for fuzzy matching

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)


_ASCII_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def normalize(text: str) -> str:
    """The form REFs are matched in: no case, accents, punctuation or spacing (嫦娥五号 stays as is)."""
    if text.isascii():  # the same answer, without a Python step per character
        return _ASCII_NOT_ALNUM.sub("", text).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def record_keys(record: Record) -> set[str]:
    return {key for key in map(normalize, (record.id, record.name, *record.aliases)) if key}


def _label(record: Record) -> str:
    return f"{record.name} ({record.TYPE.value} {record.id})"


# --- references -------------------------------------------------------------------------------


def _shown(text: str) -> str:
    """A REF as a message quotes it: a megabyte of it must not come back in full."""
    return text if len(text) <= 60 else text[:57] + "..."


def ref_key(text: str) -> str:
    """The key a REF is matched by; RefError when it has no letters or digits to match on."""
    key = normalize(text)
    if not key:
        raise RefError(f"{_shown(text)!r} names no record: a REF needs letters or digits")
    return key


class RefIndex:
    """Normalized id, name and alias keys mapped to the records that carry them."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self._keys: dict[str, list[Record]] | None = None

    @property
    def keys(self) -> dict[str, list[Record]]:
        """Built on first need: a REF that is an exact id (most of them) never pays for it."""
        if self._keys is None:
            self._keys = {}
            for record in self.base.records:
                for key in record_keys(record):
                    self._keys.setdefault(key, []).append(record)
        return self._keys

    def resolve(self, text: str, types: Sequence[RecordType] = ()) -> Record:
        """The one record `text` names; RefError listing candidates or suggestions otherwise."""
        key = ref_key(text)
        exact = self.base.by_id.get(text)
        if exact is not None and (not types or exact.TYPE in types):
            return exact
        found = [r for r in self.keys.get(key, ()) if not types or r.TYPE in types]
        if len(found) == 1:
            return found[0]
        shown = _shown(text)
        if found:
            listing = "\n".join(f"  {_label(r)}" for r in found)
            raise RefError(f"{shown!r} is ambiguous; it could be:\n{listing}\nuse an id to choose")
        what = " or ".join(t.value for t in types) if types else "record"
        suggestions = self.suggest(key, types)
        hint = ""
        if suggestions:
            hint = "\ndid you mean: " + ", ".join(_label(r) for r in suggestions)
        raise RefError(f"no {what} matches {shown!r}{hint}")

    def suggest(self, key: str, types: Sequence[RecordType] = (), n: int = 3) -> list[Record]:
        if len(key) > _MAX_SUGGEST_KEY:
            return []
        candidates = {k: rs for k, rs in self.keys.items() if any(not types or r.TYPE in types for r in rs)}
        ordered = [k for k in candidates if k.startswith(key)]
        ordered += _close_matches(key, list(candidates), n=n * 2, cutoff=0.6)
        picked: list[Record] = []
        for k in ordered:
            for record in candidates[k]:
                if record not in picked and (not types or record.TYPE in types):
                    picked.append(record)
        return picked[:n]


# --- relations --------------------------------------------------------------------------------


def countries_of(base: FactBase, ref: str) -> set[str]:
    """The country ids a reference stands for: a country itself, or an organization's home."""
    record = base.by_id.get(ref)
    if isinstance(record, Country):
        return {record.id}
    if isinstance(record, Organization) and record.country:
        return {record.country}
    return set()


def organizations_of(record: Record) -> set[str]:
    """Every id a record names as taking part (organizations, and countries where they stand in)."""
    if isinstance(record, Program):
        return {*record.lead, *(p.id for p in record.partners)}
    if isinstance(record, Mission):
        return set(record.organizations)
    if isinstance(record, Agreement):
        named = {*record.parties, *(s.id for s in record.signatories)}
        return named | {ref for ref in (record.customer, record.contractor) if ref}
    if isinstance(record, Organization):
        return {record.id}
    return set()


def country_ids_of(base: FactBase, record: Record) -> set[str]:
    if isinstance(record, Country):
        return {record.id}
    if isinstance(record, Organization):
        return {record.country} if record.country else set()
    countries: set[str] = set(record.countries) if isinstance(record, Mission) else set()
    for ref in organizations_of(record):
        countries |= countries_of(base, ref)
    return countries


def program_of(record: Record) -> str | None:
    if isinstance(record, Mission | Agreement):
        return record.program
    return record.id if isinstance(record, Program) else None


class Related(NamedTuple):
    heading: str
    records: tuple[Record, ...]
    notes: tuple[str, ...] = ()  # one per record where the relation needs words (a country's firsts)


def related(base: FactBase, record: Record) -> list[Related]:
    """What `show` lists under a record: a programme's missions, a country's firsts, and so on."""
    groups: list[Related] = []

    def add(heading: str, records: Iterable[Record], notes: Iterable[str] = ()) -> None:
        kept = tuple(records)
        if kept:
            groups.append(Related(heading, kept, tuple(notes)))

    missions = base.of_type(RecordType.MISSION)
    agreements = base.of_type(RecordType.AGREEMENT)
    if isinstance(record, Program):
        add("missions", (m for m in missions if program_of(m) == record.id))
        add("agreements", (a for a in agreements if program_of(a) == record.id))
    elif isinstance(record, Mission):
        if record.program and record.program in base.by_id:
            add("program", [base.by_id[record.program]])
    elif isinstance(record, Organization):
        programs = base.of_type(RecordType.PROGRAM)
        add("programs", (p for p in programs if record.id in organizations_of(p)))
        add("missions", (m for m in missions if record.id in organizations_of(m)))
        add("agreements", (a for a in agreements if record.id in organizations_of(a)))
    elif isinstance(record, Country):
        organizations = base.of_type(RecordType.ORGANIZATION)
        add(
            "organizations",
            (o for o in organizations if isinstance(o, Organization) and o.country == record.id),
        )
        programs = base.of_type(RecordType.PROGRAM)
        add("programs", (p for p in programs if record.id in country_ids_of(base, p)))
        own = [m for m in missions if isinstance(m, Mission) and record.id in m.countries]
        add("missions", own)
        firsts = [(m, first) for m in own if isinstance(m, Mission) for first in m.firsts]
        add("firsts", (m for m, _ in firsts), (first for _, first in firsts))
        add("agreements", (a for a in agreements if record.id in organizations_of(a)))
    elif isinstance(record, Agreement):
        ids = [*record.parties, *(s.id for s in record.signatories if s.id not in record.parties)]
        add("parties", (base.by_id[i] for i in ids if i in base.by_id))
        if record.program and record.program in base.by_id:
            add("program", [base.by_id[record.program]])
    return groups


# --- listing ----------------------------------------------------------------------------------


class ListQuery(NamedTuple):
    """The filters and order of a list command; None means 'not asked'."""

    status: str | None = None
    kind: str | None = None
    organization: str | None = None
    country: str | None = None
    program: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    sort: str | None = None
    reverse: bool = False
    limit: int | None = None


def check_field(record_type: RecordType | None, name: str, option: str) -> str:
    """A field name valid for the type (any type when None), else a usage error listing them."""
    valid = all_field_names(record_type)
    if name not in valid:
        hint = _close_matches(name, valid, n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise UsageError(f"{option}: unknown field {name!r}{maybe}; valid fields: {', '.join(valid)}")
    return name


def all_field_names(record_type: RecordType | None) -> list[str]:
    if record_type is not None:
        return ["type", *field_names(record_type)]
    names = ["type"]
    for each in RecordType:
        names += [n for n in field_names(each) if n not in names]
    return names


def select(base: FactBase, record_type: RecordType, query: ListQuery) -> list[Record]:
    """The records of one type that pass the filters, in the asked order, cut to the limit."""
    records: Iterable[Record] = base.of_type(record_type)
    if query.status is not None:
        records = [r for r in records if _enum_value(getattr(r, "status", None)) == query.status]
    if query.kind is not None:
        records = [r for r in records if _enum_value(getattr(r, "kind", None)) == query.kind]
    if query.organization is not None:
        org = query.organization
        records = [r for r in records if org in organizations_of(r)]
    if query.country is not None:
        country = query.country
        records = [r for r in records if country in country_ids_of(base, r)]
    if query.program is not None:
        records = [r for r in records if program_of(r) == query.program]
    date_field = PRIMARY_DATE[record_type]
    if (query.since or query.until) and date_field is not None:
        records = [r for r in records if _within(getattr(r, date_field), query.since, query.until)]
    ordered = sort_records(list(records), query.sort, query.reverse)
    return ordered if query.limit is None else ordered[: query.limit]


def _within(date: PartialDate | None, since: PartialDate | None, until: PartialDate | None) -> bool:
    """A span counts when it overlaps the asked range: '2027' is within --since 2027-06."""
    if date is None:
        return False
    if since is not None and date.end < since.start:
        return False
    return not (until is not None and date.start > until.end)


def _enum_value(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def sort_key(value: Any) -> Any:
    """A comparable key for any field value; callers keep None apart."""
    if isinstance(value, PartialDate):
        return value  # a NamedTuple: orders by first day, then last
    if isinstance(value, enum.Enum):
        return value._value_
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, tuple):
        return (len(value), "; ".join(str(sort_key(v)) for v in value))
    return value


def sort_records(records: list[Record], field: str | None, reverse: bool = False) -> list[Record]:
    """Sorted by a field (default: the type's date, then name); records lacking it always go last."""
    if not records:
        return records
    if field is None:
        default = PRIMARY_DATE[records[0].TYPE]
        by_name = sorted(records, key=lambda r: sort_key(r.name))
        if default is None:
            return by_name[::-1] if reverse else by_name
        return sort_records(by_name, default, reverse)
    if field == "type":
        return sorted(records, key=lambda r: r.TYPE.value, reverse=reverse)
    present = [r for r in records if getattr(r, field, None) not in (None, ())]
    missing = [r for r in records if getattr(r, field, None) in (None, ())]
    present.sort(key=lambda r: sort_key(getattr(r, field)), reverse=reverse)
    return present + missing


# --- search -----------------------------------------------------------------------------------


def _texts(record: Record) -> tuple[list[str], list[str]]:
    """A record's searchable text besides names and summary: (enum values, everything else)."""
    enums: list[str] = []
    other: list[str] = []
    for spec in FIELDS[record.TYPE]:
        value = getattr(record, spec.name)
        if value is None or spec.name in ("id", "name", "aliases", "summary"):
            continue
        if spec.shape is Shape.ENUM:
            enums.append(str(_enum_value(value)))
        elif spec.shape is Shape.TEXT:
            other.append(value)
        elif spec.shape is Shape.TEXT_LIST:
            other.extend(value)
        elif spec.shape is Shape.TARGETS:
            other.extend(target.milestone for target in value)
        elif spec.shape is Shape.PARTNERS:
            other.extend(p.role for p in value if p.role)
    return enums, other


# Where a match counts most: (whole phrase, each word) per kind of text.
_WEIGHTS = {"name": (100, 10), "enum": (30, 6), "summary": (20, 5), "other": (10, 3)}


def search(base: FactBase, text: str, types: Sequence[RecordType] = ()) -> list[Record]:
    """Records matching every word of `text` in their names, summary or other text; best first.

    A whole-phrase match counts more than matching words, an exact name most; a record missing
    any word is left out.
    """
    # Each word once: a repeated word adds nothing, and 100,000 copies of one made search take minutes.
    words = list(dict.fromkeys(w for w in (normalize(part) for part in text.split()) if w))
    whole = normalize(text)
    if not words:
        raise UsageError("search: give some letters or digits to look for")
    scored: list[tuple[float, Record]] = []
    for record in base.records:
        if types and record.TYPE not in types:
            continue
        enums, other = _texts(record)
        texts = {
            "name": [normalize(n) for n in (record.id, record.name, *record.aliases)],
            "enum": [normalize(e) for e in enums],
            "summary": [normalize(record.summary)],
            "other": [normalize(" ".join(other))],
        }
        score = 0.0
        if whole in texts["name"]:
            score += 200
        for kind, (phrase_weight, _) in _WEIGHTS.items():
            if any(whole in t for t in texts[kind]):
                score += phrase_weight
                break
        for word in words:
            hits = [w for kind, (_, w) in _WEIGHTS.items() if any(word in t for t in texts[kind])]
            if not hits:
                break
            score += max(hits)
        else:
            scored.append((score, record))
    scored.sort(key=lambda pair: (-pair[0], sort_key(pair[1].name)))
    return [record for _, record in scored]


# --- compare ----------------------------------------------------------------------------------


class CompareRow(NamedTuple):
    field: str
    values: tuple[Any, ...]  # raw field values, one per record (None where a type lacks the field)
    differs: bool


def compare(records: Sequence[Record], fields: Sequence[str] | None = None) -> list[CompareRow]:
    """Fields as rows and records as columns; a row differs when its values are not all equal."""
    names: list[str] = []
    for record in records:
        names += [n for n in field_names(record.TYPE) if n not in names]
    if fields is not None:
        names = list(fields)
    rows = []
    for name in names:
        if name == "type":
            values: tuple[Any, ...] = tuple(r.TYPE.value for r in records)
        else:
            values = tuple(getattr(r, name, None) for r in records)
        rows.append(CompareRow(name, values, len({repr(v) for v in values}) > 1))
    return rows


def newest_as_of(records: Iterable[Record]) -> PartialDate | None:
    dates = [r.as_of for r in records]
    return max(dates) if dates else None
