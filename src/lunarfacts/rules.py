"""The one rule set: what each field of each record type may hold, and how TOML values become records.

Stdlib and the model only. Every field's shape and limits (patterns, ranges, vocabularies, required,
reference targets, nested tables) are declared here once. The loader turns documents into records
with the converters made from these rules; the cache packs records by the layout they give; the JSON
rows, the JSON Schema, `--fields`, `--sort` and TAB completion all read them.

A converter is fast and silent: it returns the value, or INVALID. Only when one says INVALID does
`explain` go over the same value again to say, in words, what is wrong and where.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from lunarfacts.dates import DATE_FORMS, PartialDate
from lunarfacts.escape import ascii_shown
from lunarfacts.model import (
    Agreement,
    Budget,
    Change,
    Claim,
    Country,
    HistoryEntry,
    Mission,
    Money,
    Organization,
    Partner,
    Program,
    Record,
    Signatory,
    Source,
    Target,
    Vehicle,
)
from lunarfacts.vocab import (
    PLURALS,
    AgreementKind,
    BudgetBasis,
    HistoryEvent,
    MissionKind,
    MissionStatus,
    OrganizationKind,
    ProgramKind,
    ProgramStatus,
    RecordType,
    Region,
    SourceKind,
    VehicleKind,
    VehicleStatus,
    Verdict,
    Vocabulary,
)

# Always fullmatch an id: `$` also matches before a trailing newline.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_ID_PATTERN = re.compile(r"[a-z]{2}")
URL_PATTERN = re.compile(r"https?://[^\s/]+")
MAX_NUMBER = 1e15  # far above any budget or contract in US dollars; stops a typo of many digits
YEARS = (1900, 2200)
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # a milestone's trailing "(no earlier than)"


class Shape:
    """What a field's value looks like in TOML and JSON."""

    TEXT = "text"
    URL = "url"
    DATE = "date"
    NUMBER = "number"
    YEAR = "year"
    CHOICE = "choice"
    REF = "ref"
    TEXT_LIST = "text-list"
    REF_LIST = "ref-list"
    TABLE = "table"  # one nested table (a value as signed)
    TABLES = "tables"  # a list of nested tables (sources, targets, partners, signatories)
    VALUE = "value"  # a change's value: whatever the field it changes may hold


LIST_SHAPES = frozenset((Shape.TEXT_LIST, Shape.REF_LIST, Shape.TABLES))


class Field(NamedTuple):
    name: str
    shape: str
    help: str
    required: bool = False
    choices: type[Vocabulary] | None = None
    refs: tuple[str, ...] = ()  # the record types a reference may name
    minimum: float | None = None
    maximum: float | None = None
    table: "Table | None" = None  # what a TABLE field, or each item of a TABLES field, is
    min_items: int = 0
    pattern: "re.Pattern[str] | None" = None  # what a TEXT must also match, whole
    pattern_help: str = ""  # that pattern in words

    @property
    def is_list(self) -> bool:
        return self.shape in LIST_SHAPES


class Table(NamedTuple):
    """A kind of nested table: its name in messages, its class, and its fields in class order."""

    name: str
    cls: type[Any]
    fields: tuple[Field, ...]


class TypeRule(NamedTuple):
    """A record type: its class, fields in class order, id rule, the date that places it in time,
    and the columns a table shows (also what csv and tsv carry without --fields)."""

    name: str
    plural: str
    cls: type[Record]
    fields: tuple[Field, ...]
    id_pattern: re.Pattern[str]
    id_rule: str
    primary_date: str | None
    columns: tuple[str, ...]
    date_order: tuple[tuple[str, str], ...] = ()  # (earlier, later) pairs that cannot be reversed

    def field(self, name: str) -> Field | None:
        return _BY_NAME[self.name].get(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return self.cls._fields


def _in_class_order(cls: type[Any], fields: Iterable[Field]) -> tuple[Field, ...]:
    """The fields in the order of the class they fill: one declaration each, checked against it."""
    by_name = {f.name: f for f in fields}
    if set(by_name) != set(cls._fields):
        raise AssertionError(f"{cls.__name__}: rules {sorted(by_name)} do not match {cls._fields}")
    return tuple(by_name[name] for name in cls._fields)


def _table(name: str, cls: type[Any], *fields: Field) -> Table:
    return Table(name, cls, _in_class_order(cls, fields))


_ORG = (RecordType.ORGANIZATION,)
_COUNTRY = (RecordType.COUNTRY,)
_PROGRAM = (RecordType.PROGRAM,)
_VEHICLE = (RecordType.VEHICLE,)
_ORG_OR_COUNTRY = (RecordType.ORGANIZATION, RecordType.COUNTRY)
_FACTS = tuple(t for t in PLURALS if t != RecordType.CLAIM)  # what a claim can be about

SOURCE = _table(
    "source",
    Source,
    Field("url", Shape.URL, "the page's address", required=True),
    Field("title", Shape.TEXT, "the page's title", required=True),
    Field("publisher", Shape.TEXT, "who published it"),
    Field("date", Shape.DATE, "when it was published"),
    Field(
        "kind",
        Shape.CHOICE,
        "primary (the body itself), press, reference or mirror (a copy)",
        choices=SourceKind,
    ),
)
_SOURCES = Field("sources", Shape.TABLES, "sources of this entry", table=SOURCE)
_CITED = Field("sources", Shape.TABLES, "sources of this entry", required=True, table=SOURCE, min_items=1)
MONEY = _table(
    "value",
    Money,
    Field("amount", Shape.NUMBER, "the sum as signed", required=True, minimum=0.0, maximum=MAX_NUMBER),
    Field(
        "currency",
        Shape.TEXT,
        "its ISO 4217 code",
        required=True,
        pattern=re.compile(r"[A-Z]{3}"),
        pattern_help="an ISO 4217 currency code (three capital letters, such as EUR)",
    ),
)
BUDGET = _table(
    "budget",
    Budget,
    Field("year", Shape.YEAR, "the budget year", required=True, minimum=YEARS[0], maximum=YEARS[1]),
    Field(
        "usd",
        Shape.NUMBER,
        "US dollars, as the source gives them",
        required=True,
        minimum=0.0,
        maximum=MAX_NUMBER,
    ),
    Field("basis", Shape.CHOICE, "what it counts", choices=BudgetBasis),
    _CITED,
)
HISTORY = _table(
    "history entry",
    HistoryEntry,
    Field("date", Shape.DATE, "when", required=True),
    Field("event", Shape.CHOICE, "what happened", required=True, choices=HistoryEvent),
    Field("name", Shape.TEXT, "its name from then on", required=True),
    _CITED,
)
TARGET = _table(
    "target",
    Target,
    Field("milestone", Shape.TEXT, "what is targeted", required=True),
    Field("date", Shape.DATE, "the date it is targeted for", required=True),
    Field("announced", Shape.DATE, "when that target was announced"),
    Field("note", Shape.TEXT, "how the target was put (no earlier than, with HALO): kept out of milestone"),
    Field("dropped", Shape.DATE, "when the milestone itself was given up (a mission redefined or cancelled)"),
    _SOURCES,
)
PARTNER = _table(
    "partner",
    Partner,
    Field("id", Shape.REF, "the partner", required=True, refs=_ORG_OR_COUNTRY),
    Field("joined", Shape.DATE, "when it joined"),
    Field("role", Shape.TEXT, "what it does"),
)
SIGNATORY = _table(
    "signatory",
    Signatory,
    Field("id", Shape.REF, "who signed", required=True, refs=_ORG_OR_COUNTRY),
    Field("date", Shape.DATE, "when"),
)

CHANGE = _table(
    "change",
    Change,
    Field("date", Shape.DATE, "from when", required=True),
    Field("field", Shape.TEXT, "the field that changed", required=True),
    Field("value", Shape.VALUE, "its value from then on, as the field holds it", required=True),
    Field("sources", Shape.TABLES, "sources of this change", required=True, table=SOURCE, min_items=1),
)
# Fields a change may not name: what a record is, and what its check was.
UNCHANGING = frozenset(("id", "changes", "sources", "as_of"))

_COMMON = (
    Field("id", Shape.TEXT, "lowercase kebab-case id, unique across all types", required=True),
    Field("name", Shape.TEXT, "common English name", required=True),
    Field("aliases", Shape.TEXT_LIST, "other names, native-script ones included"),
    Field("summary", Shape.TEXT, "one or two sentences", required=True),
    Field(
        "sources",
        Shape.TABLES,
        "pages the record was checked against",
        required=True,
        table=SOURCE,
        min_items=1,
    ),
    Field("as_of", Shape.DATE, "when the record was last checked", required=True),
    Field(
        "changes",
        Shape.TABLES,
        "what a field held from when: the record's own field is its value now",
        table=CHANGE,
    ),
)
_TARGETS = Field("targets", Shape.TABLES, "announced target dates per milestone", table=TARGET)


def _amount(name: str, help: str) -> Field:
    """A count or sum: from 0 to MAX_NUMBER."""
    return Field(name, Shape.NUMBER, help, minimum=0.0, maximum=MAX_NUMBER)


_ID_RULE = "an id is lowercase kebab-case (a-z, 0-9, single hyphens)"


def _type(
    record_type: str,
    cls: type[Record],
    *own: Field,
    primary_date: str | None,
    columns: tuple[str, ...],
    date_order: tuple[tuple[str, str], ...] = (),
    id_pattern: re.Pattern[str] = ID_PATTERN,
    id_rule: str = _ID_RULE,
) -> TypeRule:
    fields = _in_class_order(cls, (*_COMMON, *own))
    return TypeRule(
        record_type, PLURALS[record_type], cls, fields, id_pattern, id_rule, primary_date, columns, date_order
    )


TYPES: dict[str, TypeRule] = {
    rule.name: rule
    for rule in (
        _type(
            RecordType.PROGRAM,
            Program,
            Field("kind", Shape.CHOICE, "kind of programme", choices=ProgramKind),
            Field("status", Shape.CHOICE, "status as of as_of", choices=ProgramStatus),
            Field("lead", Shape.REF_LIST, "leading organizations", refs=_ORG),
            Field("partners", Shape.TABLES, "partner organizations or countries", table=PARTNER),
            Field("start_date", Shape.DATE, "when it started"),
            Field("end_date", Shape.DATE, "when it ended"),
            Field("location", Shape.TEXT, "where a station is"),
            _TARGETS,
            primary_date="start_date",
            columns=("id", "name", "kind", "status", "lead", "start_date"),
            date_order=(("start_date", "end_date"),),
        ),
        _type(
            RecordType.MISSION,
            Mission,
            Field("program", Shape.REF, "the programme it belongs to", refs=_PROGRAM),
            Field("kind", Shape.CHOICE, "kind of mission", choices=MissionKind),
            Field("status", Shape.CHOICE, "outcome or state", choices=MissionStatus),
            Field("organizations", Shape.REF_LIST, "organizations that ran or built it", refs=_ORG),
            Field("countries", Shape.REF_LIST, "countries it flew for", refs=_COUNTRY),
            Field("launch_date", Shape.DATE, "launch (UTC)"),
            Field("landing_date", Shape.DATE, "landing or impact on the Moon"),
            Field("return_date", Shape.DATE, "return of crew or samples to Earth"),
            Field("end_date", Shape.DATE, "end of the mission"),
            Field("launch_vehicle", Shape.TEXT, "the launcher as named for this flight"),
            Field("vehicles", Shape.REF_LIST, "the vehicles it flew or will fly", refs=_VEHICLE),
            Field("crew", Shape.TEXT_LIST, "crew members"),
            Field(
                "landing_crew", Shape.TEXT_LIST, "the crew who landed on the Moon (the rest stayed in orbit)"
            ),
            _amount("samples_g", "lunar samples returned, grams"),
            Field("site", Shape.TEXT, "landing or impact site"),
            Field("firsts", Shape.TEXT_LIST, "firsts it achieved"),
            _TARGETS,
            primary_date="launch_date",
            columns=("id", "name", "kind", "status", "launch_date", "countries"),
            date_order=(
                ("launch_date", "landing_date"),
                ("launch_date", "return_date"),
                ("launch_date", "end_date"),
                ("landing_date", "return_date"),
            ),
        ),
        _type(
            RecordType.ORGANIZATION,
            Organization,
            Field("kind", Shape.CHOICE, "kind of organization", choices=OrganizationKind),
            Field("country", Shape.REF, "home country", refs=_COUNTRY),
            Field("founded", Shape.DATE, "founding date (the first history entry's, when it has a history)"),
            Field("website", Shape.URL, "official website"),
            Field(
                "history", Shape.TABLES, "founded, renamed, reorganised, merged: oldest first", table=HISTORY
            ),
            primary_date="founded",
            columns=("id", "name", "kind", "country", "founded"),
        ),
        _type(
            RecordType.COUNTRY,
            Country,
            Field("iso_code", Shape.TEXT, "ISO 3166-1 alpha-2 code"),
            Field("region", Shape.CHOICE, "UN M49 region", choices=Region),
            _amount("space_budget_usd", "space budget, US dollars (the latest of budgets, when it has them)"),
            Field(
                "space_budget_year", Shape.YEAR, "the year of that budget", minimum=YEARS[0], maximum=YEARS[1]
            ),
            Field("budgets", Shape.TABLES, "space budget by year, with what it counts", table=BUDGET),
            primary_date=None,
            columns=("id", "name", "region", "space_budget_usd", "space_budget_year"),
            id_pattern=COUNTRY_ID_PATTERN,
            id_rule="a country id is an ISO 3166-1 alpha-2 code in lower case",
        ),
        _type(
            RecordType.AGREEMENT,
            Agreement,
            Field("kind", Shape.CHOICE, "kind of agreement", choices=AgreementKind),
            Field("signed_date", Shape.DATE, "when it was signed or awarded"),
            Field("parties", Shape.REF_LIST, "parties to it", refs=_ORG_OR_COUNTRY),
            Field("signatories", Shape.TABLES, "who signed, and when", table=SIGNATORY),
            Field("customer", Shape.REF, "the buyer of a contract", refs=_ORG),
            Field("contractor", Shape.REF, "the seller of a contract", refs=_ORG),
            _amount("value_usd", "value, US dollars (where a source gives the figure)"),
            Field("value", Shape.TABLE, "value as signed, when not in US dollars", table=MONEY),
            Field("program", Shape.REF, "the programme it serves", refs=_PROGRAM),
            Field("vehicle", Shape.REF, "the vehicle a contract buys or launches", refs=_VEHICLE),
            primary_date="signed_date",
            columns=("id", "name", "kind", "signed_date", "parties"),
        ),
        _type(
            RecordType.VEHICLE,
            Vehicle,
            Field("kind", Shape.CHOICE, "kind of vehicle", choices=VehicleKind),
            Field("status", Shape.CHOICE, "status as of as_of", choices=VehicleStatus),
            Field("builder", Shape.REF_LIST, "who built it", refs=_ORG),
            Field("operator", Shape.REF_LIST, "who flies it", refs=_ORG),
            Field("program", Shape.REF, "the programme it was built for", refs=_PROGRAM),
            Field(
                "part_of",
                Shape.REF,
                "the vehicle or programme it is part of",
                refs=(RecordType.VEHICLE, RecordType.PROGRAM),
            ),
            Field("first_flight", Shape.DATE, "its first flight"),
            Field("countries", Shape.REF_LIST, "countries it belongs to", refs=_COUNTRY),
            primary_date="first_flight",
            columns=("id", "name", "kind", "status", "first_flight", "builder"),
        ),
        _type(
            RecordType.CLAIM,
            Claim,
            Field("statement", Shape.TEXT, "the statement, quoted as published", required=True),
            Field("published", Shape.TABLE, "the report it appeared in", required=True, table=SOURCE),
            Field("published_date", Shape.DATE, "the report's date (its published.date)"),
            Field("verdict", Shape.CHOICE, "what checking it found", required=True, choices=Verdict),
            Field(
                "about", Shape.REF_LIST, "the records that decide it", required=True, refs=_FACTS, min_items=1
            ),
            primary_date="published_date",
            columns=("id", "name", "verdict", "published_date"),
        ),
    )
}
TYPE_BY_PLURAL = {rule.plural: rule for rule in TYPES.values()}
_BY_NAME = {name: {f.name: f for f in rule.fields} for name, rule in TYPES.items()}


def all_field_names(record_type: str | None = None) -> list[str]:
    """`type` and the fields of one type, or of every type (each once, in order of first use)."""
    names = ["type"]
    for rule in TYPES.values() if record_type is None else (TYPES[record_type],):
        names += [n for n in rule.field_names if n not in names]
    return names


# --- converters: fast and silent --------------------------------------------------------------

INVALID: Any = object()  # what a converter returns for a value it does not take
Converter = Callable[[object], Any]
_new = tuple.__new__  # builds a NamedTuple from a sequence in C, as its own _make does

# Dates recur across thousands of records: each distinct one is read once a run.
_DAYS: dict[dt.date, PartialDate] = {}
_TEXT_DATES: dict[str, PartialDate] = {}


def _text(raw: object) -> Any:
    # `raw and not raw.isspace()` is `raw.strip()` (the same whitespace) without copying the text.
    return raw if type(raw) is str and raw and not raw.isspace() else INVALID


def _url(raw: object) -> Any:
    return raw if type(raw) is str and URL_PATTERN.match(raw) else INVALID


def _ref(raw: object) -> Any:
    return raw if type(raw) is str and ID_PATTERN.fullmatch(raw) else INVALID


def _date(raw: object) -> Any:
    if type(raw) is dt.date:  # not a datetime, which is a date too
        found = _DAYS.get(raw)
        if found is None:
            found = _DAYS[raw] = PartialDate.from_date(raw)
        return found
    if type(raw) is str:
        found = _TEXT_DATES.get(raw)
        if found is None:
            try:
                found = _TEXT_DATES[raw] = PartialDate.parse(raw)
            except ValueError:
                return INVALID
        return found
    return INVALID


def _patterned(pattern: re.Pattern[str]) -> Converter:
    def convert(raw: object) -> Any:
        return raw if type(raw) is str and pattern.fullmatch(raw) else INVALID

    return convert


def _anything(raw: object) -> Any:
    return raw


def _number(low: float, high: float) -> Converter:
    def convert(raw: object) -> Any:
        # Exact types: a bool is an int. NaN fails the comparison; a huge int fails it too.
        return float(raw) if (type(raw) is float or type(raw) is int) and low <= raw <= high else INVALID

    return convert


def _year(low: float, high: float) -> Converter:
    def convert(raw: object) -> Any:
        return raw if type(raw) is int and low <= raw <= high else INVALID

    return convert


def _choice(choices: type[Vocabulary]) -> Converter:
    allowed = frozenset(choices.values())

    def convert(raw: object) -> Any:
        return raw if type(raw) is str and raw in allowed else INVALID

    return convert


def _listing(item: Converter, min_items: int) -> Converter:
    # A loop, not all() over a generator: most lists hold one or two items.
    def convert(raw: object) -> Any:
        if type(raw) is not list or len(raw) < min_items:
            return INVALID
        values = []
        for x in raw:
            value = item(x)
            if value is INVALID:
                return INVALID
            values.append(value)
        return tuple(values)

    return convert


def _plain_list(check: Converter, min_items: int = 0) -> Converter:
    """A list of texts or ids: the items are their own values, so no copy is made item by item."""

    def convert(raw: object) -> Any:
        if type(raw) is not list or len(raw) < min_items:
            return INVALID
        for x in raw:
            if check(x) is INVALID:
                return INVALID
        return tuple(raw)

    return convert


def table_converter(cls: type[Any], fields: Sequence[Field]) -> Converter:
    """A dict of known keys, with the required ones, each value taken: the NamedTuple it describes."""
    plan = {f.name: (i, converter(f)) for i, f in enumerate(fields)}
    required = frozenset(f.name for f in fields if f.required)
    defaults = [cls._field_defaults.get(name) for name in cls._fields]

    def convert(raw: object) -> Any:
        if type(raw) is not dict or not raw.keys() >= required:
            return INVALID
        values = defaults.copy()
        for key, value in raw.items():
            slot = plan.get(key)
            if slot is None:
                return INVALID
            taken = slot[1](value)
            if taken is INVALID:
                return INVALID
            values[slot[0]] = taken
        return _new(cls, values)

    return convert


_CONVERTERS: dict[Field, Converter] = {}


def converter(field: Field) -> Converter:
    """The converter of one field, made once."""
    found = _CONVERTERS.get(field)
    if found is not None:
        return found
    shape = field.shape
    made: Converter
    if shape == Shape.TEXT and field.pattern is not None:
        made = _patterned(field.pattern)
    elif shape == Shape.TEXT:
        made = _text
    elif shape == Shape.URL:
        made = _url
    elif shape == Shape.REF:
        made = _ref
    elif shape == Shape.DATE:
        made = _date
    elif shape == Shape.NUMBER:
        made = _number(field.minimum or 0.0, MAX_NUMBER if field.maximum is None else field.maximum)
    elif shape == Shape.YEAR:
        made = _year(field.minimum or 0, field.maximum or 9999)
    elif shape == Shape.CHOICE:
        assert field.choices is not None
        made = _choice(field.choices)
    elif shape == Shape.TEXT_LIST:
        made = _plain_list(_text, field.min_items)
    elif shape == Shape.REF_LIST:
        made = _plain_list(_ref, field.min_items)
    elif shape == Shape.TABLES:
        assert field.table is not None
        made = _listing(table_converter(field.table.cls, field.table.fields), field.min_items)
    elif shape == Shape.TABLE:
        assert field.table is not None
        made = table_converter(field.table.cls, field.table.fields)
    elif shape == Shape.VALUE:
        made = _anything  # checked against the field it changes, once the record is whole
    else:  # pragma: no cover - every shape is handled above
        raise AssertionError(shape)
    _CONVERTERS[field] = made
    return made


_RECORD_CONVERTERS: dict[str, Converter] = {}


def convert_record(rule: TypeRule, raw: object) -> Record | None:
    """The record `raw` describes when every field of it is well formed; None when it needs explaining."""
    convert = _RECORD_CONVERTERS.get(rule.name)
    if convert is None:
        convert = _RECORD_CONVERTERS[rule.name] = table_converter(rule.cls, rule.fields)
    record = convert(raw)
    if record is INVALID or not rule.id_pattern.fullmatch(record.id):
        return None
    result: Record = record
    return result


# --- explaining: what is wrong, in words, and where -------------------------------------------

Said = list[tuple[str, str]]  # (where, below the field: "[2].url" or ""; message)


def describe(value: object) -> str:
    """Name a TOML value's type the way a curator would: 'a number (3)', 'a table'."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({quoted(value)})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


# Text from a file that a message repeats goes through these: a hostile id, key or value must not
# reach the terminal raw (ESC, BEL, bidi overrides) nor repeat a megabyte of text in every problem.


def cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(text: str) -> str:
    """Unquoted, as a location shows an id or a table name: short, control characters escaped."""
    text = cut(text)
    return text if text.isprintable() else repr(text)[1:-1]


def quoted(text: str) -> str:
    """Quoted, as a message shows a value it found: short, escaped by repr."""
    return repr(cut(text, 40))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    import difflib  # only a mistake pays for it

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def explain(field: Field, raw: object) -> Said:
    """Why `raw` is no value for `field`; empty when it is one."""
    if converter(field)(raw) is not INVALID:
        return []
    shape = field.shape
    if shape == Shape.TABLE:
        assert field.table is not None
        return explain_table(field.table.name, field.table.fields, raw)
    if shape in (Shape.TEXT_LIST, Shape.REF_LIST, Shape.TABLES):
        if not isinstance(raw, list):
            return [("", f"expected a list, found {describe(raw)}")]
        if len(raw) < field.min_items:
            noun = field.table.name if field.table else "item"
            count = "one" if field.min_items == 1 else str(field.min_items)
            return [("", f"needs at least {count} {noun}")]
        said: Said = []
        for index, item in enumerate(raw):
            for where, message in _explain_item(field, item):
                said.append((f"[{index}]{where}", message))
        return said
    return [("", _explain_scalar(field, raw))]


def _explain_item(field: Field, item: object) -> Said:
    if field.shape == Shape.TEXT_LIST:
        return (
            []
            if _text(item) is not INVALID
            else [("", _explain_scalar(field._replace(shape=Shape.TEXT), item))]
        )
    if field.shape == Shape.REF_LIST:
        return (
            []
            if _ref(item) is not INVALID
            else [("", _explain_scalar(field._replace(shape=Shape.REF), item))]
        )
    assert field.table is not None
    return explain_table(field.table.name, field.table.fields, item)


def explain_table(noun: str, fields: Sequence[Field], raw: object) -> Said:
    """Every problem of one nested table (or record): unknown keys, missing ones, bad values."""
    keys = [f.name for f in fields]
    if not isinstance(raw, dict):
        return [("", f"each {noun} must be a table {{{', '.join(keys)}}}, found {describe(raw)}")]
    said: Said = [
        ("", f"unknown key {quoted(key)} in a {noun}{did_you_mean(key, keys)}")
        for key in raw
        if key not in keys
    ]
    if said:  # a misspelt key is the one mistake: its key is not also reported missing
        return said
    for field in fields:
        if field.name not in raw:
            if field.required:
                said.append(("", f"a {noun} needs {field.name!r}"))
            continue
        for where, message in explain(field, raw[field.name]):
            said.append((f".{field.name}{where}", message))
    return said


def _explain_scalar(field: Field, raw: object) -> str:
    shape = field.shape
    if shape in (Shape.TEXT, Shape.URL, Shape.REF):
        if not isinstance(raw, str):
            return f"expected text, found {describe(raw)}"
        if not raw.strip():
            return "is empty"
        if field.pattern is not None:
            return f"expected {field.pattern_help}, found {quoted(raw)}"
        if shape == Shape.URL:
            return f"expected an http(s) URL, found {quoted(raw)}"
        return f"a reference is a record id in lowercase kebab-case, found {quoted(raw)}"
    if shape == Shape.DATE:
        if isinstance(raw, dt.datetime | dt.time):
            return f"expected a date, found a {'date-time' if isinstance(raw, dt.datetime) else 'time'}"
        if isinstance(raw, str):
            try:
                PartialDate.parse(raw)
            except ValueError as error:
                return str(error)
        return f"expected a date ({DATE_FORMS}), found {describe(raw)}"
    if shape == Shape.NUMBER:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return f"expected a number, found {describe(raw)}"
        high = MAX_NUMBER if field.maximum is None else field.maximum
        limits = f"from {_number_text(field.minimum or 0.0)} to {_number_text(high)}"
        return f"expected a finite number {limits}, found {cut(repr(raw), 40)}"
    if shape == Shape.YEAR:
        if isinstance(raw, bool) or not isinstance(raw, int):
            return f"expected a whole number, found {describe(raw)}"
        return f"expected a year from {field.minimum:.0f} to {field.maximum:.0f}, found {raw}"
    assert shape == Shape.CHOICE and field.choices is not None
    found = quoted(raw) if isinstance(raw, str) else describe(raw)
    return f"expected one of {', '.join(field.choices.values())}; found {found}"


def _number_text(value: float) -> str:
    """A limit as a curator writes it: 0, 1e15."""
    return f"{value:.0e}".replace("e+", "e") if abs(value) >= 1e6 else f"{value:g}"


def explain_record(rule: TypeRule, raw: object) -> Said:
    """Every problem of a record `convert_record` declined, by field ("sources[1].url", "kind")."""
    if not isinstance(raw, dict):
        return [("", f"a record must be a table, found {describe(raw)}")]
    said: Said = []
    names = rule.field_names
    for key in raw:
        if key not in names:
            said.append((cut(key), f"unknown field{did_you_mean(key, names)}"))
    for field in rule.fields:
        if field.name not in raw:
            if field.required:
                said.append((field.name, "is required but missing"))
            continue
        value = raw[field.name]
        problems = explain(field, value)
        if field.name == "id" and not problems and not rule.id_pattern.fullmatch(value):
            problems = [("", f"{rule.id_rule}, found {ascii_shown(cut(value, 40))}")]
        said.extend((field.name + where, message) for where, message in problems)
    return said


# --- what a valid record must also satisfy as a whole -----------------------------------------


def plain(value: Any) -> Any:
    """A field value as TOML or JSON hold it: dates as their text, nested tables as dicts, tuples as
    lists. A change's value is kept in this form until the record is whole, and packed in it."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {
            name: plain(item) for name, item in zip(value._fields, value, strict=True) if item is not None
        }
    return [plain(item) for item in value]


def latest_budget(budgets: Sequence[Budget]) -> Budget:
    """The budget of the latest year; of several that year, the first listed (the curator's choice)."""
    return max(budgets, key=lambda budget: budget.year)  # max keeps the first of equal years


def derived(record: Record) -> tuple[Record, Said]:
    """Fields stated by other fields, filled in from them: a country's space budget is its latest
    budget; an organization's founding is its first history entry; a claim's date is its report's.
    Given as well, they must agree."""
    said: Said = []
    if isinstance(record, Country) and record.budgets:
        latest = latest_budget(record.budgets)
        given = (record.space_budget_usd, record.space_budget_year)
        if given not in ((None, None), (latest.usd, latest.year)):
            said.append(("space_budget_usd", "is the latest of budgets; leave it and space_budget_year out"))
        country: Record = record._replace(space_budget_usd=latest.usd, space_budget_year=latest.year)
        return country, said
    if isinstance(record, Organization) and record.history:
        first = record.history[0].date
        if record.founded is not None and record.founded != first:
            said.append(("founded", f"is the first history entry's date ({first}); leave it out"))
        organization: Record = record._replace(founded=first)
        return organization, said
    if isinstance(record, Claim) and record.published is not None:
        date = record.published.date
        if record.published_date is not None and record.published_date != date:
            said.append(("published_date", "is the report's date (published.date); leave it out"))
        claim: Record = record._replace(published_date=date)
        return claim, said
    return record, said


def complete(record: Record) -> tuple[Record, Said]:
    """The record with its derived fields filled in and each change's value converted as its field
    holds it, and what is wrong with them: a field no change can name, a value the field cannot hold,
    dates out of order, a last value that is not the record's own."""
    record, said = derived(record)
    if not record.changes:
        return record, said
    rule = TYPES[record.TYPE]
    converted: list[Change] = []
    for index, change in enumerate(record.changes):
        where = f"changes[{index}]"
        field = rule.field(change.field)
        if field is None or change.field in UNCHANGING:
            names = [n for n in rule.field_names if n not in UNCHANGING]
            said.append(
                (
                    f"{where}.field",
                    f"{quoted(change.field)} is no field a change can name{did_you_mean(change.field, names)}",
                )
            )
            continue
        value = converter(field)(change.value)
        if value is INVALID:
            said.extend((f"{where}.value{at}", message) for at, message in explain(field, change.value))
            continue
        converted.append(change._replace(value=value))
    if said:
        return record, said
    last: dict[str, Change] = {}
    for index, change in enumerate(converted):
        previous = last.get(change.field)
        if previous is not None and change.date.end < previous.date.start:
            said.append(
                (
                    f"changes[{index}].date",
                    f"changes to {change.field!r} must be listed oldest first: {change.date} comes after {previous.date}",
                )
            )
        if previous is None or previous.date.start <= change.date.start:
            last[change.field] = change  # the latest-dated change: its value is the value now
    for name, change in last.items():
        if change.value != getattr(record, name):
            said.append(
                (
                    "changes",
                    f"the last change to {name!r} ({_shown_value(change.value)}) is not the record's own {name} ({_shown_value(getattr(record, name))})",
                )
            )
    completed: Record = record._replace(changes=tuple(converted))
    return completed, said


def _shown_value(value: Any) -> str:
    text = repr(plain(value))
    return cut(text, 60)


def record_problems(record: Record) -> Said:
    """Rules across fields: dates in order, targets oldest announcement first, iso_code matching."""
    rule = TYPES[record.TYPE]
    said: Said = []
    for earlier, later in rule.date_order:
        first, then = getattr(record, earlier), getattr(record, later)
        if first is not None and then is not None and then.end < first.start:
            said.append((later, f"{then} is before {earlier} {first}"))
    last_announced: dict[str, PartialDate] = {}
    for target in getattr(record, "targets", ()):
        previous = last_announced.get(target.milestone)
        if target.announced is not None:
            if previous is not None and target.announced.end < previous.start:
                said.append(
                    (
                        "targets",
                        f"targets for {quoted(target.milestone)} must be listed oldest announcement first: "
                        f"{target.announced} comes after {previous}",
                    )
                )
            last_announced[target.milestone] = target.announced
    if isinstance(record, Mission):
        strangers = [name for name in record.landing_crew if name not in record.crew]
        if strangers:
            said.append(("landing_crew", f"{', '.join(map(quoted, strangers))} is not in crew"))
    if isinstance(record, Organization):
        for index, (before, after) in enumerate(zip(record.history, record.history[1:], strict=False), 1):
            if after.date.end < before.date.start:
                said.append(
                    (
                        f"history[{index}].date",
                        f"history must be listed oldest first: {after.date} comes after {before.date}",
                    )
                )
    if isinstance(record, Country):
        years = [(budget.year, budget.basis) for budget in record.budgets]
        if len(years) != len(set(years)):
            said.append(("budgets", "one budget a year for each basis: a year and basis are given twice"))
    iso_code = getattr(record, "iso_code", None)
    if iso_code is not None and iso_code != record.id.upper():
        said.append(("iso_code", f"{quoted(iso_code)} does not match the id {record.id!r}"))
    return said


_NEEDS_KIND = f"a source needs a kind: {', '.join(SourceKind.values())}"


def record_lints(record: Record) -> Said:
    """What is not wrong in form but cannot be true, or cannot be placed in time: `check` fails on these
    (other commands still run)."""
    said: Said = []
    if isinstance(record, Mission):
        launch, status = record.launch_date, record.status
        if status == "planned" and launch is not None and launch.end < record.as_of.start:
            said.append(
                (
                    "launch_date",
                    f"the mission is planned, but its launch date {launch} is before its as_of {record.as_of}: did it fly?",
                )
            )
        if status in ("success", "partial-success", "failure") and launch is None:
            said.append(("launch_date", f"the mission has an outcome ({status}) but no launch date"))
    if isinstance(record, Claim) and record.published is not None:
        if record.published.date is None:
            said.append(("published.date", 'the report needs a date (a bound such as "..2021-06" will do)'))
        if all(source.url == record.published.url for source in record.sources):
            said.append(("sources", "a claim needs evidence: a source other than the report it checks"))
    kinds = [source.kind for source in record.sources]
    for index, kind in enumerate(kinds):
        if kind is None:
            said.append((f"sources[{index}].kind", _NEEDS_KIND))
    if kinds and all(kind == SourceKind.MIRROR for kind in kinds):
        said.append(("sources", "the record rests on mirrors alone: cite the original page, or another"))
    targets = getattr(record, "targets", ())
    if not targets:
        return said
    milestones = {target.milestone for target in targets}
    for index, target in enumerate(targets):
        bare = _QUALIFIER.sub("", target.milestone)
        if bare != target.milestone and bare in milestones:
            said.append(
                (
                    f"targets[{index}].milestone",
                    f"{quoted(target.milestone)} is {quoted(bare)} with a qualifier: put the qualifier in note, so the two make one slip history",
                )
            )
    for index, target in enumerate(targets):
        if target.announced is None:
            said.append(
                (
                    f"targets[{index}].announced",
                    'a target with no announcement date cannot be placed in time: give the date, or a bound such as "..2025-04-29"',
                )
            )
    return said


def record_warnings(record: Record) -> Said:
    """What `check` reports without failing: a record with no primary or press source."""
    if any(source.kind in (SourceKind.PRIMARY, SourceKind.PRESS) for source in record.sources):
        return []
    return [
        (
            "sources",
            "no primary or press source: look for the agency's, company's or government's page, or a news report",
        )
    ]


# --- references -------------------------------------------------------------------------------


class RefSlot(NamedTuple):
    """Where a record type holds references: a field, or the `id` of a nested table in one."""

    field: str
    many: bool  # a list (of ids, or of tables)
    nested: bool  # items are tables whose `id` is the reference
    allowed: tuple[str, ...]

    @property
    def wanted(self) -> str:
        return " or ".join(self.allowed)


def _ref_slots(rule: TypeRule) -> tuple[RefSlot, ...]:
    slots = []
    for field in rule.fields:
        if field.refs:
            slots.append(RefSlot(field.name, field.shape == Shape.REF_LIST, False, field.refs))
        elif field.table is not None:
            for inner in field.table.fields:
                if inner.refs and inner.name == "id":
                    slots.append(RefSlot(field.name, True, True, inner.refs))
    return tuple(slots)


REF_SLOTS = {name: _ref_slots(rule) for name, rule in TYPES.items()}


def references(record: Record) -> Iterable[tuple[RefSlot, str]]:
    """(slot, referenced id) for every reference a record makes."""
    for slot in REF_SLOTS[record.TYPE]:
        value = getattr(record, slot.field)
        if not value:
            continue
        if not slot.many:
            yield slot, value
        elif slot.nested:
            for item in value:
                yield slot, item.id
        else:
            for ref in value:
                yield slot, ref
