"""Typed records of the fact base: enums, PartialDate, immutable records and their field specs.

Stdlib only: nothing here may import the loader, Rich or Typer.
"""

# No `from __future__ import annotations` here: NamedTuple would turn every string annotation into a
# ForwardRef and compile it, a few milliseconds of every run. Names are defined before they are used;
# PartialDate's own methods name it in quotes.

import datetime as dt
import enum
import re
from typing import NamedTuple

# --- dates ------------------------------------------------------------------------------------


class Precision(enum.IntEnum):
    """How much of a date a source gave: a year, a quarter, a month or a day."""

    YEAR = 1
    QUARTER = 2
    MONTH = 3
    DAY = 4


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar costs more than the whole of this module's dates.
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


_DATE_PATTERN = re.compile(r"^([0-9]{4})(?:-(?:Q([1-4])|([0-9]{2})(?:-([0-9]{2}))?))?$")  # ASCII digits only


class PartialDate(NamedTuple):
    """A date at the precision its source gave, seen as the span of days it names.

    `"2027"` is the whole of 2027, never 2027-01-01: it sorts by its first day, then its last, and
    filters test overlap with the span.
    """

    start: dt.date
    end: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`; ValueError says what was wrong."""
        match = _DATE_PATTERN.match(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)")
        year_text, quarter, month_text, day_text = match.groups()
        year = int(year_text)
        if year < 1:
            raise ValueError(f"{text!r} has year 0, which does not exist")
        if quarter is not None:
            first_month = (int(quarter) - 1) * 3 + 1
            last_month = first_month + 2
            return cls(
                dt.date(year, first_month, 1),
                dt.date(year, last_month, _days_in_month(year, last_month)),
                Precision.QUARTER,
            )
        if month_text is None:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)
        month = int(month_text)
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has month {month}, which does not exist")
        if day_text is None:
            last_day = _days_in_month(year, month)
            return cls(dt.date(year, month, 1), dt.date(year, month, last_day), Precision.MONTH)
        try:
            day = dt.date(year, month, int(day_text))
        except ValueError:
            raise ValueError(f"{text!r} is not a day of the calendar") from None
        return cls(day, day, Precision.DAY)

    @classmethod
    def from_date(cls, day: dt.date) -> "PartialDate":
        return cls(day, day, Precision.DAY)

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.start.year:04d}"
        if self.precision is Precision.QUARTER:
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision is Precision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    def overlaps(self, other: "PartialDate") -> bool:
        return self.start <= other.end and other.start <= self.end

    def known_by(self, moment: "PartialDate") -> bool:
        """True when this date is certainly no later than the end of `moment` (used by `--as-of`)."""
        return self.end <= moment.end


# Ids and URLs as the loader accepts them. Always fullmatch an id: `$` also matches before a trailing
# newline, so .match let "probe-1\n" through.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_ID_PATTERN = re.compile(r"^[a-z]{2}$")
URL_PATTERN = re.compile(r"^https?://[^\s/]+")

# The output formats every command takes (--format); `table` is for people, the rest for scripts.
FORMATS = ("table", "json", "jsonl", "csv", "tsv")

# --- enums ------------------------------------------------------------------------------------


class RecordType(str, enum.Enum):
    PROGRAM = "program"
    MISSION = "mission"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    AGREEMENT = "agreement"

    @property
    def plural(self) -> str:
        """The name of the fact-file table and of the list command."""
        return f"{self.value}s" if self is not RecordType.COUNTRY else "countries"


class ProgramKind(str, enum.Enum):
    CREWED = "crewed"
    ROBOTIC = "robotic"
    STATION = "station"
    COMMERCIAL = "commercial"
    SAMPLE_RETURN = "sample-return"
    MIXED = "mixed"


class ProgramStatus(str, enum.Enum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    SUSPENDED = "suspended"  # paused by its agency, neither ended nor cancelled (e.g. Gateway, 2026)
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class MissionKind(str, enum.Enum):
    FLYBY = "flyby"
    ORBITER = "orbiter"
    IMPACTOR = "impactor"
    LANDER = "lander"
    ROVER = "rover"
    SAMPLE_RETURN = "sample-return"
    CREWED_FLYBY = "crewed-flyby"
    CREWED_ORBITER = "crewed-orbiter"
    CREWED_LANDING = "crewed-landing"
    STATION_MODULE = "station-module"
    CARGO = "cargo"
    TEST_FLIGHT = "test-flight"
    RELAY = "relay"


class MissionStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_FLIGHT = "in-flight"
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial-success"
    FAILURE = "failure"
    CANCELLED = "cancelled"


class OrganizationKind(str, enum.Enum):
    SPACE_AGENCY = "space-agency"
    COMPANY = "company"
    INTERGOVERNMENTAL = "intergovernmental"
    INSTITUTE = "institute"
    GOVERNMENT = "government"


class AgreementKind(str, enum.Enum):
    MEMORANDUM = "memorandum"
    ACCORDS = "accords"
    INTERGOVERNMENTAL_AGREEMENT = "intergovernmental-agreement"
    CONTRACT = "contract"
    JOINT_STATEMENT = "joint-statement"


# --- records ----------------------------------------------------------------------------------
#
# Records are immutable NamedTuples rather than frozen dataclasses: importing `dataclasses` (with the
# `inspect` and `ast` it pulls in) and building twenty classes with it took ~30 ms of every run, more
# than the whole budget a command has over bare Typer; a NamedTuple can be built in C from a sequence
# (tuple.__new__), which the loader's fast path and the cache do by each class's _fields. Everywhere
# else fields are passed by keyword, and a record's order of fields for people and JSON is FIELDS
# below, not the tuple order.


class Source(NamedTuple):
    """A page a fact was checked against."""

    url: str
    title: str
    publisher: str | None = None
    date: PartialDate | None = None


class Target(NamedTuple):
    """One announced target date for a milestone; a milestone's targets in order are its slip history."""

    milestone: str
    date: PartialDate
    announced: PartialDate | None = None
    sources: tuple[Source, ...] = ()


class Partner(NamedTuple):
    """A country or organization taking part in a programme, and since when."""

    id: str
    joined: PartialDate | None = None
    role: str | None = None


class Signatory(NamedTuple):
    """A party that signed an agreement, and when."""

    id: str
    date: PartialDate | None = None


class Program(NamedTuple):
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    as_of: PartialDate
    aliases: tuple[str, ...] = ()
    kind: ProgramKind | None = None
    status: ProgramStatus | None = None
    lead: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    location: str | None = None
    targets: tuple[Target, ...] = ()

    @property
    def TYPE(self) -> RecordType:
        return RecordType.PROGRAM


class Mission(NamedTuple):
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    as_of: PartialDate
    aliases: tuple[str, ...] = ()
    program: str | None = None
    kind: MissionKind | None = None
    status: MissionStatus | None = None
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    launch_date: PartialDate | None = None
    landing_date: PartialDate | None = None
    return_date: PartialDate | None = None
    end_date: PartialDate | None = None
    launch_vehicle: str | None = None
    crew: tuple[str, ...] = ()
    samples_g: float | None = None
    site: str | None = None
    firsts: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def TYPE(self) -> RecordType:
        return RecordType.MISSION


class Organization(NamedTuple):
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    as_of: PartialDate
    aliases: tuple[str, ...] = ()
    kind: OrganizationKind | None = None
    country: str | None = None
    founded: PartialDate | None = None
    website: str | None = None

    @property
    def TYPE(self) -> RecordType:
        return RecordType.ORGANIZATION


class Country(NamedTuple):
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    as_of: PartialDate
    aliases: tuple[str, ...] = ()
    iso_code: str | None = None
    space_budget_usd: float | None = None
    space_budget_year: int | None = None

    @property
    def TYPE(self) -> RecordType:
        return RecordType.COUNTRY


class Agreement(NamedTuple):
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    as_of: PartialDate
    aliases: tuple[str, ...] = ()
    kind: AgreementKind | None = None
    signed_date: PartialDate | None = None
    parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    customer: str | None = None
    contractor: str | None = None
    value_usd: float | None = None
    program: str | None = None
    vehicle: str | None = None

    @property
    def TYPE(self) -> RecordType:
        return RecordType.AGREEMENT


# Every record has id, name, aliases, summary, sources, as_of and TYPE.
Record = Program | Mission | Organization | Country | Agreement
RECORD_CLASSES: dict[RecordType, type[Record]] = {
    RecordType.PROGRAM: Program,
    RecordType.MISSION: Mission,
    RecordType.ORGANIZATION: Organization,
    RecordType.COUNTRY: Country,
    RecordType.AGREEMENT: Agreement,
}

# --- field specs: one table drives validation, JSON Schema, CSV columns, sorting and completion ---


class Shape(enum.Enum):
    """What a field's value looks like in TOML and JSON."""

    TEXT = "text"
    TEXT_LIST = "text-list"
    URL = "url"
    DATE = "date"
    NUMBER = "number"
    INTEGER = "integer"
    ENUM = "enum"
    REF = "ref"
    REF_LIST = "ref-list"
    SOURCES = "sources"
    TARGETS = "targets"
    PARTNERS = "partners"
    SIGNATORIES = "signatories"


ORG_OR_COUNTRY = (RecordType.ORGANIZATION, RecordType.COUNTRY)


class FieldSpec(NamedTuple):
    name: str
    shape: Shape
    help: str
    required: bool = False
    choices: type[enum.Enum] | None = None
    refs: tuple[RecordType, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.shape in _LIST_SHAPES

    @property
    def is_nested(self) -> bool:
        return self.shape in _NESTED_SHAPES


_LIST_SHAPES = {
    Shape.TEXT_LIST,
    Shape.REF_LIST,
    Shape.SOURCES,
    Shape.TARGETS,
    Shape.PARTNERS,
    Shape.SIGNATORIES,
}
_NESTED_SHAPES = {Shape.SOURCES, Shape.TARGETS, Shape.PARTNERS, Shape.SIGNATORIES}

_COMMON_HEAD = (
    FieldSpec("id", Shape.TEXT, "lowercase kebab-case id, unique across all types", required=True),
    FieldSpec("name", Shape.TEXT, "common English name", required=True),
    FieldSpec("aliases", Shape.TEXT_LIST, "other names, native-script ones included"),
    FieldSpec("summary", Shape.TEXT, "one or two sentences", required=True),
)
_COMMON_TAIL = (
    FieldSpec("sources", Shape.SOURCES, "pages the record was checked against", required=True),
    FieldSpec("as_of", Shape.DATE, "when the record was last checked", required=True),
)
_ORG = (RecordType.ORGANIZATION,)
_COUNTRY = (RecordType.COUNTRY,)
_PROGRAM = (RecordType.PROGRAM,)

FIELDS: dict[RecordType, tuple[FieldSpec, ...]] = {
    RecordType.PROGRAM: (
        *_COMMON_HEAD,
        FieldSpec("kind", Shape.ENUM, "kind of programme", choices=ProgramKind),
        FieldSpec("status", Shape.ENUM, "status as of as_of", choices=ProgramStatus),
        FieldSpec("lead", Shape.REF_LIST, "leading organizations", refs=_ORG),
        FieldSpec("partners", Shape.PARTNERS, "partner organizations or countries", refs=ORG_OR_COUNTRY),
        FieldSpec("start_date", Shape.DATE, "when it started"),
        FieldSpec("end_date", Shape.DATE, "when it ended"),
        FieldSpec("location", Shape.TEXT, "where a station is"),
        FieldSpec("targets", Shape.TARGETS, "announced target dates per milestone"),
        *_COMMON_TAIL,
    ),
    RecordType.MISSION: (
        *_COMMON_HEAD,
        FieldSpec("program", Shape.REF, "the programme it belongs to", refs=_PROGRAM),
        FieldSpec("kind", Shape.ENUM, "kind of mission", choices=MissionKind),
        FieldSpec("status", Shape.ENUM, "outcome or state", choices=MissionStatus),
        FieldSpec("organizations", Shape.REF_LIST, "organizations that ran or built it", refs=_ORG),
        FieldSpec("countries", Shape.REF_LIST, "countries it flew for", refs=_COUNTRY),
        FieldSpec("launch_date", Shape.DATE, "launch (UTC)"),
        FieldSpec("landing_date", Shape.DATE, "landing or impact on the Moon"),
        FieldSpec("return_date", Shape.DATE, "return of crew or samples to Earth"),
        FieldSpec("end_date", Shape.DATE, "end of the mission"),
        FieldSpec("launch_vehicle", Shape.TEXT, "launch vehicle"),
        FieldSpec("crew", Shape.TEXT_LIST, "crew members"),
        FieldSpec("samples_g", Shape.NUMBER, "lunar samples returned, grams"),
        FieldSpec("site", Shape.TEXT, "landing or impact site"),
        FieldSpec("firsts", Shape.TEXT_LIST, "firsts it achieved"),
        FieldSpec("targets", Shape.TARGETS, "announced target dates per milestone"),
        *_COMMON_TAIL,
    ),
    RecordType.ORGANIZATION: (
        *_COMMON_HEAD,
        FieldSpec("kind", Shape.ENUM, "kind of organization", choices=OrganizationKind),
        FieldSpec("country", Shape.REF, "home country", refs=_COUNTRY),
        FieldSpec("founded", Shape.DATE, "founding date"),
        FieldSpec("website", Shape.URL, "official website"),
        *_COMMON_TAIL,
    ),
    RecordType.COUNTRY: (
        *_COMMON_HEAD,
        FieldSpec("iso_code", Shape.TEXT, "ISO 3166-1 alpha-2 code"),
        FieldSpec("space_budget_usd", Shape.NUMBER, "government space budget, US dollars"),
        FieldSpec("space_budget_year", Shape.INTEGER, "the year of that budget"),
        *_COMMON_TAIL,
    ),
    RecordType.AGREEMENT: (
        *_COMMON_HEAD,
        FieldSpec("kind", Shape.ENUM, "kind of agreement", choices=AgreementKind),
        FieldSpec("signed_date", Shape.DATE, "when it was signed or awarded"),
        FieldSpec("parties", Shape.REF_LIST, "parties to it", refs=ORG_OR_COUNTRY),
        FieldSpec("signatories", Shape.SIGNATORIES, "who signed, and when", refs=ORG_OR_COUNTRY),
        FieldSpec("customer", Shape.REF, "the buyer of a contract", refs=_ORG),
        FieldSpec("contractor", Shape.REF, "the seller of a contract", refs=_ORG),
        FieldSpec("value_usd", Shape.NUMBER, "value, US dollars"),
        FieldSpec("program", Shape.REF, "the programme it serves", refs=_PROGRAM),
        FieldSpec("vehicle", Shape.TEXT, "the vehicle a contract buys"),
        *_COMMON_TAIL,
    ),
}

# The date a record is placed at in time, for `--since`/`--until` and the default sort.
PRIMARY_DATE: dict[RecordType, str | None] = {
    RecordType.PROGRAM: "start_date",
    RecordType.MISSION: "launch_date",
    RecordType.ORGANIZATION: "founded",
    RecordType.COUNTRY: None,
    RecordType.AGREEMENT: "signed_date",
}


def field_names(record_type: RecordType) -> tuple[str, ...]:
    return tuple(spec.name for spec in FIELDS[record_type])
