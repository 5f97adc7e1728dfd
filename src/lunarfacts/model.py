"""Typed records of the fact base and the containers that hold a loaded base.

Stdlib only: nothing here may import the loader, Rich or Typer. A record class's fields, in order,
are its fields in JSON and on a card; what each one may hold is stated in `rules`. Every field has a
default so the order can be the order people read; which ones are required is a rule too.
"""

# No `from __future__ import annotations` here: NamedTuple would turn every string annotation into a
# ForwardRef and compile it, a few milliseconds of every run.
#
# Records are NamedTuples rather than frozen dataclasses: importing `dataclasses` and building the
# classes with it costs more than a command's whole budget over bare Typer, and a NamedTuple can be
# built in C from a sequence (tuple.__new__), which the loader and the cache do.

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from lunarfacts.dates import PartialDate
from lunarfacts.errors import Problem
from lunarfacts.vocab import RecordType

_NO_DATE = PartialDate.parse("0001")  # the default of a required date: never seen, the loader requires it

# --- nested tables ----------------------------------------------------------------------------


class Source(NamedTuple):
    """A page a fact was checked against."""

    url: str = ""
    title: str = ""
    publisher: str | None = None
    date: PartialDate | None = None
    kind: str | None = None  # primary, press, reference or mirror


class Target(NamedTuple):
    """One announced target date for a milestone; a milestone's targets in order are its slip history."""

    milestone: str = ""
    date: PartialDate = _NO_DATE
    announced: PartialDate | None = None
    note: str | None = None  # how it was put ("no earlier than", "with HALO"): not part of the milestone
    dropped: PartialDate | None = None  # when the milestone itself was given up (a redefined mission)
    sources: tuple[Source, ...] = ()

    @property
    def words(self) -> str:
        """'launch targeted for 2027-12 (with HALO)': the target as a sentence's object."""
        note = f" ({self.note})" if self.note else ""
        return f"{self.milestone} targeted for {self.date.shown}{note}"


class Partner(NamedTuple):
    """A country or organization taking part in a programme, and since when."""

    id: str = ""
    joined: PartialDate | None = None
    role: str | None = None


class Signatory(NamedTuple):
    """A party that signed an agreement, and when."""

    id: str = ""
    date: PartialDate | None = None


class Money(NamedTuple):
    """A sum as it was signed, in its own currency (ISO 4217)."""

    amount: float = 0.0
    currency: str = ""


class Budget(NamedTuple):
    """A country's space budget for one year, and what it counts."""

    year: int = 0
    usd: float = 0.0
    basis: str | None = None
    sources: tuple[Source, ...] = ()


class HistoryEntry(NamedTuple):
    """What an organization was called from a date on, and why: founded, renamed, merged..."""

    date: PartialDate = _NO_DATE
    event: str = ""
    name: str = ""
    sources: tuple[Source, ...] = ()


class Change(NamedTuple):
    """From `date` on, the record's `field` had `value` (a status that moved, a crew that was named)."""

    date: PartialDate = _NO_DATE
    field: str = ""
    value: Any = None
    sources: tuple[Source, ...] = ()


# --- records ----------------------------------------------------------------------------------


class Program(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    kind: str | None = None
    status: str | None = None
    lead: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    location: str | None = None
    targets: tuple[Target, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.PROGRAM


class Mission(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    program: str | None = None
    kind: str | None = None
    status: str | None = None
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    launch_date: PartialDate | None = None
    landing_date: PartialDate | None = None
    return_date: PartialDate | None = None
    end_date: PartialDate | None = None
    launch_vehicle: str | None = None
    vehicles: tuple[str, ...] = ()
    crew: tuple[str, ...] = ()
    landing_crew: tuple[str, ...] = ()
    samples_g: float | None = None
    site: str | None = None
    firsts: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.MISSION


class Organization(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    kind: str | None = None
    country: str | None = None
    founded: PartialDate | None = None
    website: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.ORGANIZATION


class Country(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    iso_code: str | None = None
    region: str | None = None
    space_budget_usd: float | None = None
    space_budget_year: int | None = None
    budgets: tuple[Budget, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.COUNTRY


class Agreement(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    kind: str | None = None
    signed_date: PartialDate | None = None
    parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    customer: str | None = None
    contractor: str | None = None
    value_usd: float | None = None
    value: Money | None = None
    program: str | None = None
    vehicle: str | None = None
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.AGREEMENT


class Vehicle(NamedTuple):
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    kind: str | None = None
    status: str | None = None
    builder: tuple[str, ...] = ()
    operator: tuple[str, ...] = ()
    program: str | None = None
    part_of: str | None = None
    first_flight: PartialDate | None = None
    countries: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.VEHICLE


class Claim(NamedTuple):
    """A statement in a news report, checked: the report it appeared in, the verdict, the records that
    decide it, and the evidence (`sources`). Shaped after schema.org's ClaimReview."""

    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""  # why the verdict, in a sentence or two
    statement: str = ""  # as published
    published: Source | None = None  # the report
    published_date: PartialDate | None = None  # the report's date (derived from published)
    verdict: str = ""
    about: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: PartialDate = _NO_DATE

    @property
    def TYPE(self) -> str:
        return RecordType.CLAIM


# Every record has id, name, aliases, summary, sources, as_of and TYPE.
Record = Program | Mission | Organization | Country | Agreement | Vehicle | Claim
RECORD_CLASSES: dict[str, type[Record]] = {
    RecordType.PROGRAM: Program,
    RecordType.MISSION: Mission,
    RecordType.ORGANIZATION: Organization,
    RecordType.COUNTRY: Country,
    RecordType.AGREEMENT: Agreement,
    RecordType.VEHICLE: Vehicle,
    RecordType.CLAIM: Claim,
}

# --- a loaded base ----------------------------------------------------------------------------


class FactBase:
    """Every record, by id and by type, in file order."""

    __slots__ = ("_of_type", "by_id", "records")

    def __init__(self, records: Iterable[Record]) -> None:
        self.records: tuple[Record, ...] = tuple(records)
        self.by_id: Mapping[str, Record] = {record.id: record for record in self.records}
        self._of_type: dict[str, tuple[Record, ...]] = {}

    def of_type(self, record_type: str) -> tuple[Record, ...]:
        found = self._of_type.get(record_type)
        if found is None:
            found = self._of_type[record_type] = tuple(r for r in self.records if record_type == r.TYPE)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FactBase) and self.records == other.records

    def __hash__(self) -> int:
        return hash(self.records)

    def __repr__(self) -> str:
        return f"FactBase({self.records!r})"

    def name_of(self, ref: str) -> str:
        """A referenced record's name, or the id itself when it names no record."""
        record = self.by_id.get(ref)
        return ref if record is None else record.name


class Replacement(NamedTuple):
    """A record id defined again by a later file, which wins."""

    id: str
    old_file: str
    new_file: str


class Loaded(NamedTuple):
    """A validated base, the files it came from, what overlays replaced, and the problems that did not
    stop it from loading (lints and warnings, which `check` reports)."""

    base: FactBase
    files: tuple[str, ...]
    replacements: tuple[Replacement, ...] = ()
    notes: tuple[Problem, ...] = ()


AnyRecord = TypeVar("AnyRecord", Program, Mission, Organization, Country, Agreement, Vehicle)


def replace(record: AnyRecord, **changes: Any) -> AnyRecord:
    """A copy of the record with some fields changed (NamedTuple._replace, typed for any record)."""
    return record._replace(**changes)
