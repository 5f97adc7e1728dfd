"""Questions asked of a FactBase: filter and sort a list, relate records, compare them.

Imports the model, rules and refs only; never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from lunarfacts.dates import PartialDate
from lunarfacts.errors import UsageError
from lunarfacts.model import (
    Agreement,
    Claim,
    Country,
    FactBase,
    Mission,
    Organization,
    Program,
    Record,
    Vehicle,
)
from lunarfacts.refs import normalize
from lunarfacts.rules import TYPES, all_field_names
from lunarfacts.vocab import RecordType

UNKNOWN = "unknown"  # `--status unknown`: records whose status is not known

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
    if isinstance(record, Vehicle):
        return {*record.builder, *record.operator}
    if isinstance(record, Claim):
        return set(record.about)  # (what it is about; the filters only ask after organizations)
    return set()


def country_ids_of(base: FactBase, record: Record) -> set[str]:
    if isinstance(record, Claim):  # the countries of what it is about
        return {country for other in about(base, record) for country in country_ids_of(base, other)}
    if isinstance(record, Country):
        return {record.id}
    if isinstance(record, Organization):
        return {record.country} if record.country else set()
    countries: set[str] = set(record.countries) if isinstance(record, Mission | Vehicle) else set()
    for ref in organizations_of(record):
        countries |= countries_of(base, ref)
    return countries


def program_of(record: Record) -> str | None:
    if isinstance(record, Mission | Agreement | Vehicle):
        return record.program
    return record.id if isinstance(record, Program) else None


def about(base: FactBase, record: Record) -> list[Record]:
    """The records a claim is about (none for any other record)."""
    if not isinstance(record, Claim):
        return []
    return [base.by_id[ref] for ref in record.about if ref in base.by_id]


def programs_of(base: FactBase, record: Record) -> set[str]:
    """The programme a record belongs to; for a claim, those of the records it is about."""
    if isinstance(record, Claim):
        return {p for other in about(base, record) if (p := program_of(other))}
    program = program_of(record)
    return {program} if program else set()


class Related(NamedTuple):
    """Records `show` lists under a heading, with any columns the relation needs (a partner's role)."""

    heading: str
    records: tuple[Record, ...]
    columns: tuple[str, ...] = ()  # headers of the extra columns
    cells: tuple[tuple[str, ...], ...] = ()  # per record, one text per extra column


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,}"
    return "" if value is None else getattr(value, "shown", str(value))


def related(base: FactBase, record: Record) -> list[Related]:
    """What `show` lists under a record: a programme's partners and missions, an agreement's parties
    with the day each signed, a country's firsts, and so on."""
    groups: list[Related] = []

    def add(
        heading: str,
        records: Iterable[Record],
        columns: tuple[str, ...] = (),
        cells: Iterable[tuple[str, ...]] = (),
    ) -> None:
        kept = tuple(records)
        if kept:
            groups.append(Related(heading, kept, columns, tuple(cells)))

    missions = base.of_type(RecordType.MISSION)
    agreements = base.of_type(RecordType.AGREEMENT)
    vehicles = base.of_type(RecordType.VEHICLE)
    if isinstance(record, Program):
        partners = [p for p in record.partners if p.id in base.by_id]
        add(
            "partners",
            (base.by_id[p.id] for p in partners),
            ("joined", "role"),
            ((_shown(p.joined), p.role or "") for p in partners),
        )
        add("missions", (m for m in missions if program_of(m) == record.id))
        add(
            "vehicles",
            (v for v in vehicles if program_of(v) == record.id or getattr(v, "part_of", None) == record.id),
        )
        add("agreements", (a for a in agreements if program_of(a) == record.id))
    elif isinstance(record, Mission):
        if record.program and record.program in base.by_id:
            add("program", [base.by_id[record.program]])
        add("vehicles", (base.by_id[v] for v in record.vehicles if v in base.by_id))
    elif isinstance(record, Vehicle):
        add("missions", (m for m in missions if isinstance(m, Mission) and record.id in m.vehicles))
        add("contracts", (a for a in agreements if isinstance(a, Agreement) and a.vehicle == record.id))
        add("parts", (v for v in vehicles if isinstance(v, Vehicle) and v.part_of == record.id))
        if record.part_of and record.part_of in base.by_id:
            add("part of", [base.by_id[record.part_of]])
    elif isinstance(record, Organization):
        programs = base.of_type(RecordType.PROGRAM)
        add("programs", (p for p in programs if record.id in organizations_of(p)))
        add("missions", (m for m in missions if record.id in organizations_of(m)))
        add("vehicles", (v for v in vehicles if record.id in organizations_of(v)))
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
        add("firsts", (m for m, _ in firsts), ("first",), ((first,) for _, first in firsts))
        add("agreements", (a for a in agreements if record.id in organizations_of(a)))
    elif isinstance(record, Agreement):
        signed = {s.id: s.date for s in record.signatories}
        ids = [i for i in (*record.parties, *signed) if i in base.by_id]
        ids = list(dict.fromkeys(ids))
        add(
            "parties",
            (base.by_id[i] for i in ids),
            ("signed",),
            ((_shown(signed.get(i) or record.signed_date),) for i in ids),
        )
        if record.program and record.program in base.by_id:
            add("program", [base.by_id[record.program]])
        if record.vehicle and record.vehicle in base.by_id:
            add("vehicle", [base.by_id[record.vehicle]])
    elif isinstance(record, Claim):
        others = about(base, record)
        add("about", others, ("type", "what decides it"), ((o.TYPE, deciding(o)) for o in others))
    if not isinstance(record, Claim):
        claims = [c for c in base.of_type(RecordType.CLAIM) if isinstance(c, Claim) and record.id in c.about]
        add("claims about it", claims, ("verdict",), ((c.verdict,) for c in claims))
    return groups


def deciding(record: Record) -> str:
    """A record's list-table fields (beyond id and name) as `field: value` words: what a claim about
    it is checked against, at a glance."""
    parts = []
    for name in TYPES[record.TYPE].columns:
        value = getattr(record, name, None)
        if name in ("id", "name") or value in (None, ()):
            continue
        many = isinstance(value, tuple) and not isinstance(value, PartialDate)
        shown = "; ".join(map(_shown, value)) if many else _shown(value)
        parts.append(f"{name}: {shown}")
    return " · ".join(parts)


# --- listing ----------------------------------------------------------------------------------


def _regions(base: FactBase, record: Record) -> set[str]:
    found = set()
    for country in country_ids_of(base, record):
        record_country = base.by_id.get(country)
        if isinstance(record_country, Country) and record_country.region:
            found.add(record_country.region)
    return found


def _known(value: str) -> str | None:
    return None if value == UNKNOWN else value


def _dated(base: FactBase, record: Record) -> PartialDate | None:
    date_field = TYPES[record.TYPE].primary_date
    return None if date_field is None else getattr(record, date_field)


# What each list filter keeps, by the `dest` of its option: (the base, a record, the option's value,
# already parsed: an id for a REF, a PartialDate for a DATE). A new filter is one entry here and its
# option in cli/spec.py.
Filter = Callable[[FactBase, Record, Any], bool]
FILTERS: dict[str, Filter] = {
    "status": lambda base, record, value: getattr(record, "status", None) == _known(value),
    "kind": lambda base, record, value: getattr(record, "kind", None) == _known(value),
    "organization": lambda base, record, value: (
        value in organizations_of(record)
        or any(value in organizations_of(other) for other in about(base, record))
    ),
    "country": lambda base, record, value: value in country_ids_of(base, record),
    "program": lambda base, record, value: value in programs_of(base, record),
    "verdict": lambda base, record, value: getattr(record, "verdict", None) == value,
    "site": lambda base, record, value: normalize(value) in normalize(getattr(record, "site", None) or ""),
    "region": lambda base, record, value: value in _regions(base, record),
    "since": lambda base, record, value: within(_dated(base, record), value, None),
    "until": lambda base, record, value: within(_dated(base, record), None, value),
}


class ListQuery(NamedTuple):
    """The filters and order of a list command: (dest, value) pairs of FILTERS, all of which must hold."""

    filters: tuple[tuple[str, Any], ...] = ()
    sort: str | None = None
    reverse: bool = False
    limit: int | None = None


def check_field(record_type: str | None, name: str, option: str) -> str:
    """A field name valid for the type (any type when None), else a usage error listing them."""
    valid = all_field_names(record_type)
    if name not in valid:
        import difflib

        hint = difflib.get_close_matches(name, valid, n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise UsageError(f"{option}: unknown field {name!r}{maybe}; valid fields: {', '.join(valid)}")
    return name


def select(base: FactBase, record_type: str, query: ListQuery) -> list[Record]:
    """The records of one type that pass the filters, in the asked order, cut to the limit."""
    records: Iterable[Record] = base.of_type(record_type)
    for dest, value in query.filters:
        keep = FILTERS[dest]
        records = [r for r in records if keep(base, r, value)]
    ordered = sort_records(list(records), query.sort, query.reverse)
    return ordered if query.limit is None else ordered[: query.limit]


def within(date: PartialDate | None, since: PartialDate | None, until: PartialDate | None) -> bool:
    """A span counts when it overlaps the asked range: '2027' is within --since 2027-06."""
    if date is None:
        return False
    if since is not None and date.end < since.start:
        return False
    return not (until is not None and date.start > until.end)


def sort_key(value: Any) -> Any:
    """A comparable key for any field value; callers keep None apart."""
    if isinstance(value, PartialDate):
        return value  # a NamedTuple: orders by first day, then last
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
        default = TYPES[records[0].TYPE].primary_date
        by_name = sorted(records, key=lambda r: sort_key(r.name))
        if default is None:
            return by_name[::-1] if reverse else by_name
        return sort_records(by_name, default, reverse)
    if field == "type":
        return sorted(records, key=lambda r: r.TYPE, reverse=reverse)
    present = [r for r in records if getattr(r, field, None) not in (None, ())]
    missing = [r for r in records if getattr(r, field, None) in (None, ())]
    present.sort(key=lambda r: sort_key(getattr(r, field)), reverse=reverse)
    return present + missing


# --- compare ----------------------------------------------------------------------------------


class CompareRow(NamedTuple):
    field: str
    values: tuple[Any, ...]  # raw field values, one per record (None where a type lacks the field)
    differs: bool


def compare(records: Sequence[Record], fields: Sequence[str] | None = None) -> list[CompareRow]:
    """Fields as rows and records as columns; a row differs when its values are not all equal."""
    names: list[str] = []
    for record in records:
        names += [n for n in TYPES[record.TYPE].field_names if n not in names]
    if fields is not None:
        names = list(fields)
    rows = []
    for name in names:
        if name == "type":
            values: tuple[Any, ...] = tuple(r.TYPE for r in records)
        else:
            values = tuple(getattr(r, name, None) for r in records)
        rows.append(CompareRow(name, values, len({repr(v) for v in values}) > 1))
    return rows


def newest_as_of(records: Iterable[Record]) -> PartialDate | None:
    dates = [r.as_of for r in records]
    return max(dates) if dates else None
