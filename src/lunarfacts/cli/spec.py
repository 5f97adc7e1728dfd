"""The one command table: every command, argument and option of `lunarfacts`, declared once.

Stdlib and the vocabularies only, and light (no typing, no enum): a warm `missions --json` and a TAB
press read this table without building the Typer app. Three things are made from it:

- the Typer app (`typerapp`), for help, errors and the shell scripts of completion;
- the fast parser (`fastpath`), which runs a plain, valid command line without Typer;
- the fast completer (`fastcomplete`), which answers TAB on a value without Typer.

Adding an option to a command is one `Option` here plus the code that uses its value (its `dest`
arrives in the command's `values`).
"""

from __future__ import annotations

from lunarfacts.vocab import (
    PLURALS,
    AgreementKind,
    EventKind,
    ExportFormat,
    MissionKind,
    MissionStatus,
    OrganizationKind,
    OutputFormat,
    ProgramKind,
    ProgramStatus,
    RecordType,
    Region,
    VehicleKind,
    VehicleStatus,
    Verdict,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence

UNKNOWN = "unknown"  # the value of --status/--kind that selects records where it is not known
MAX_LIMIT = 1_000_000_000  # --limit and other counts: far above any real listing, far below overflow


class Kind:
    """What an option's or argument's value is, which decides how it is parsed and completed."""

    FLAG = "flag"  # no value
    TEXT = "text"
    COUNT = "count"  # a whole number from 0 to MAX_LIMIT
    CHOICE = "choice"  # one of `choices`
    DATE = "date"  # a date (checked by the command, with the same message on either path)
    REF = "ref"  # a record REF; `types` narrows what it completes and resolves to
    FIELDS = "fields"  # a comma-separated list of field names
    FIELD = "field"  # one field name
    PATH = "path"  # a file to read
    OUTPUT = "output"  # a file to write
    VERSION = "version"  # --version: print the version and exit


class Option:
    """One option: its names, the `dest` its value is passed under, its kind and its help."""

    __slots__ = ("choices", "dest", "help", "kind", "metavar", "names", "repeat", "types")

    def __init__(
        self,
        names: tuple[str, ...],
        dest: str,
        kind: str,
        help: str,
        *,
        metavar: str | None = None,
        choices: Sequence[str] = (),
        types: tuple[str, ...] = (),
        repeat: bool = False,
    ) -> None:
        self.names = names
        self.dest = dest
        self.kind = kind
        self.help = help
        self.metavar = metavar
        self.choices = tuple(choices)
        self.types = types
        self.repeat = repeat

    @property
    def takes_value(self) -> bool:
        return self.kind not in (Kind.FLAG, Kind.VERSION)

    @property
    def default(self) -> object:
        if self.repeat:
            return []
        return False if self.kind == Kind.FLAG else None


class Argument:
    """A positional argument: how many values it takes (`most` None: any number)."""

    __slots__ = ("choices", "help", "kind", "least", "metavar", "most", "name", "types")

    def __init__(
        self,
        name: str,
        kind: str,
        help: str,
        *,
        metavar: str,
        least: int = 1,
        most: int | None = 1,
        choices: Sequence[str] = (),
        types: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.kind = kind
        self.help = help
        self.metavar = metavar
        self.least = least
        self.most = most
        self.choices = tuple(choices)
        self.types = types


class Command:
    """One command: its help, examples, the function that runs it, and what it takes.

    `run` is "module:function"; the function is called as `function(session, command, values)` with
    every option's `dest` and every argument's `name` in `values`, and returns an exit code or None.
    `fields` says what `--fields` and `--sort` name: a record type, "any" (every type's) or "events".
    """

    __slots__ = ("arguments", "examples", "fields", "help", "name", "options", "record_type", "run")

    def __init__(
        self,
        name: str,
        help: str,
        run: str,
        options: Sequence[Option] = (),
        arguments: Sequence[Argument] = (),
        *,
        examples: Sequence[tuple[str, str]] = (),
        record_type: str | None = None,
        fields: str | None = None,
    ) -> None:
        self.name = name
        self.help = help
        self.run = run
        self.options = (*options, *ANYWHERE)
        self.arguments = tuple(arguments)
        self.examples = tuple(examples)
        self.record_type = record_type
        self.fields = fields if fields is not None else record_type


def find_option(options: Sequence[Option], token: str) -> Option | None:
    """The option a command-line word names (`--since`, `--since=2020`, `-f`), if any."""
    name = token.partition("=")[0] if token.startswith("--") else token
    for option in options:
        if name in option.names:
            return option
    return None


# --- options shared by several commands, each declared once ------------------------------------

_ORG = (RecordType.ORGANIZATION,)
_COUNTRY = (RecordType.COUNTRY,)
_PROGRAM = (RecordType.PROGRAM,)

FORMAT = Option(
    ("--format", "-f"),
    "fmt",
    Kind.CHOICE,
    "Output format (default: table on a terminal, tsv otherwise).",
    choices=OutputFormat.values(),
    metavar="FORMAT",
)
JSON = Option(("--json",), "as_json", Kind.FLAG, "Shorthand for --format json.")
FIELDS = Option(
    ("--fields",),
    "fields",
    Kind.FIELDS,
    "Comma-separated fields to show, in order; 'all' for every field.",
    metavar="FIELDS",
)
SORT = Option(
    ("--sort",), "sort", Kind.FIELD, "Field to sort by (default: the date, then name).", metavar="FIELD"
)
REVERSE = Option(("--reverse",), "reverse", Kind.FLAG, "Reverse the order.")
LIMIT = Option(("--limit",), "limit", Kind.COUNT, "Show at most N.", metavar="N")
SINCE = Option(("--since",), "since", Kind.DATE, "Only what is dated in or after DATE.", metavar="DATE")
UNTIL = Option(("--until",), "until", Kind.DATE, "Only what is dated in or before DATE.", metavar="DATE")
ORGANIZATION = Option(
    ("--organization",),
    "organization",
    Kind.REF,
    "Only what involves this organization.",
    metavar="REF",
    types=_ORG,
)
COUNTRY = Option(
    ("--country",), "country", Kind.REF, "Only what involves this country.", metavar="REF", types=_COUNTRY
)
PROGRAM = Option(
    ("--program",), "program", Kind.REF, "Only what belongs to this programme.", metavar="REF", types=_PROGRAM
)
REGION = Option(
    ("--region",),
    "region",
    Kind.CHOICE,
    "Only what involves a country of this UN M49 region.",
    choices=Region.values(),
    metavar="REGION",
)
OUTPUT = (FIELDS, FORMAT, JSON)
ORDER = (SORT, REVERSE, LIMIT)
DATES = (SINCE, UNTIL)


def _status(values: tuple[str, ...]) -> Option:
    return Option(
        ("--status",),
        "status",
        Kind.CHOICE,
        f"Only this status ('{UNKNOWN}': not known).",
        choices=(*values, UNKNOWN),
        metavar="STATUS",
    )


def _kind(values: tuple[str, ...]) -> Option:
    return Option(("--kind",), "kind", Kind.CHOICE, "Only this kind.", choices=values, metavar="KIND")


# Global options taken after the command too (`upcoming --as-of 2026-11-24`), as gh and git users
# type them; --data stays before the command, where it reads as the files the whole run is about.
ANYWHERE = (
    Option(("--no-color",), "no_color", Kind.FLAG, "No colour (also NO_COLOR)."),
    Option(
        ("--no-pager",),
        "no_pager",
        Kind.FLAG,
        "Never page long output (a pipe never is; the pager is LUNARFACTS_PAGER, PAGER or less -FRX).",
    ),
    Option(
        ("--as-of",),
        "as_of",
        Kind.DATE,
        "Show the fact base as it stood at the end of DATE.",
        metavar="DATE",
    ),
)
GLOBAL_OPTIONS = (
    Option(
        ("--data",),
        "data",
        Kind.PATH,
        "An overlay fact file (repeatable); also LUNARFACTS_DATA.",
        metavar="PATH",
        repeat=True,
    ),
    *ANYWHERE,
    Option(
        ("--no-cache",), "no_cache", Kind.FLAG, "Do not read or write the cache (also LUNARFACTS_NO_CACHE=1)."
    ),
    Option(("--version",), "version", Kind.VERSION, "Print the version and exit."),
)

_LISTS = "lunarfacts.cli.commands.lists:run_list"


def _list(
    record_type: str, help: str, options: Sequence[Option], examples: Sequence[tuple[str, str]]
) -> Command:
    return Command(
        PLURALS[record_type],
        help,
        _LISTS,
        (*options, *ORDER, *OUTPUT),
        examples=examples,
        record_type=record_type,
    )


_REF = Argument("ref", Kind.REF, "An id, name or alias.", metavar="REF")

COMMANDS: tuple[Command, ...] = (
    _list(
        RecordType.PROGRAM,
        "List lunar programmes (dated by start_date).",
        (_status(ProgramStatus.values()), _kind(ProgramKind.values()), ORGANIZATION, COUNTRY, REGION, *DATES),
        (("lunarfacts programs --status active", "programmes under way"),),
    ),
    _list(
        RecordType.MISSION,
        "List missions (dated by launch_date).",
        (
            _status(MissionStatus.values()),
            _kind(MissionKind.values()),
            ORGANIZATION,
            COUNTRY,
            REGION,
            PROGRAM,
            Option(("--site",), "site", Kind.TEXT, "Only missions whose site names TEXT.", metavar="TEXT"),
            *DATES,
        ),
        (
            ("lunarfacts missions --country cn --since 2020", "China's missions since 2020"),
            (
                "lunarfacts missions --kind sample-return --sort samples_g --reverse",
                "the biggest sample returns",
            ),
        ),
    ),
    _list(
        RecordType.ORGANIZATION,
        "List space agencies, companies and other organizations (dated by founded).",
        (_kind(OrganizationKind.values()), COUNTRY, REGION, *DATES),
        (("lunarfacts organizations --kind space-agency", "the space agencies"),),
    ),
    _list(
        RecordType.COUNTRY,
        "List countries (sorted by name).",
        (REGION,),
        (
            ("lunarfacts countries --sort space_budget_usd --reverse", "the biggest space budgets"),
            ("lunarfacts countries --region africa", "the African countries"),
        ),
    ),
    _list(
        RecordType.AGREEMENT,
        "List agreements, accords and contracts (dated by signed_date).",
        (_kind(AgreementKind.values()), ORGANIZATION, COUNTRY, REGION, PROGRAM, *DATES),
        (("lunarfacts agreements --kind contract --program artemis", "Artemis contracts"),),
    ),
    _list(
        RecordType.VEHICLE,
        "List launch vehicles, spacecraft, landers, rovers and station modules (dated by first_flight).",
        (
            _status(VehicleStatus.values()),
            _kind(VehicleKind.values()),
            ORGANIZATION,
            COUNTRY,
            REGION,
            PROGRAM,
            *DATES,
        ),
        (
            ("lunarfacts vehicles --kind lander", "the landers"),
            ("lunarfacts vehicles --program gateway", "Gateway's modules and parts"),
        ),
    ),
    _list(
        RecordType.CLAIM,
        "List statements from news reports, checked: each with its verdict (dated by published_date).",
        (
            Option(
                ("--verdict",),
                "verdict",
                Kind.CHOICE,
                "Only claims with this verdict.",
                choices=Verdict.values(),
                metavar="VERDICT",
            ),
            ORGANIZATION,
            COUNTRY,
            REGION,
            PROGRAM,
            *DATES,
        ),
        (
            ("lunarfacts claims --verdict false", "what the news got wrong"),
            ("lunarfacts claims --program artemis --since 2023", "recent claims about Artemis"),
        ),
    ),
    Command(
        "show",
        "Show one record in full: every field, related records, slip history and sources.",
        "lunarfacts.cli.commands.show:run_show",
        OUTPUT,
        (_REF,),
        examples=(
            ('lunarfacts show "Chang\'e 5"', "one mission"),
            ("lunarfacts show ILRS --json", "as JSON"),
        ),
        fields="any",
    ),
    Command(
        "compare",
        "Compare records side by side: fields as rows, records as columns, differences marked.",
        "lunarfacts.cli.commands.compare:run_compare",
        (
            Option(
                ("--all",),
                "all_fields",
                Kind.FLAG,
                "Every field, alike or not (by default: only those that differ, without id, aliases, "
                "summary and sources).",
            ),
            *OUTPUT,
        ),
        (
            Argument(
                "refs", Kind.REF, "Two or more ids, names or aliases.", metavar="REF...", least=1, most=None
            ),
        ),
        examples=(
            ("lunarfacts compare Gateway ILRS", "two stations"),
            ("lunarfacts compare artemis-ii artemis-iii --all --format tsv", "every field, for a script"),
        ),
        fields="any",
    ),
    Command(
        "search",
        "Search every record's names, aliases, summary and other text; best matches first.",
        "lunarfacts.cli.commands.search:run_search",
        (
            Option(
                ("--type",),
                "record_type",
                Kind.CHOICE,
                "Only records of this type.",
                choices=RecordType.values(),
                metavar="TYPE",
            ),
            LIMIT,
            *OUTPUT,
        ),
        (Argument("text", Kind.TEXT, "Words to look for (all must match).", metavar="TEXT...", most=None),),
        examples=(("lunarfacts search sample return", "records about sample returns"),),
        fields="any",
    ),
    Command(
        "timeline",
        "List every dated event (launches, landings, signings, foundings, targets...) in order.",
        "lunarfacts.cli.commands.timeline:run_timeline",
        (
            *DATES,
            Option(
                ("--type",),
                "events",
                Kind.CHOICE,
                "Only events of this kind (repeatable).",
                choices=EventKind.values(),
                metavar="EVENT",
                repeat=True,
            ),
            COUNTRY,
            ORGANIZATION,
            PROGRAM,
            REVERSE,
            LIMIT,
            *OUTPUT,
            Option(
                ("--chart",),
                "chart",
                Kind.FLAG,
                "Draw programmes as bars over the years and launches as marks instead; a picture, even "
                "in a pipe (--since/--until narrow it; --country/--organization/--program pick programmes).",
            ),
        ),
        examples=(
            ("lunarfacts timeline --since 2020 --until 2021", "what happened in 2020 and 2021"),
            ("lunarfacts timeline --chart --since 1990", "programmes and launches since 1990, drawn"),
        ),
        fields="events",
    ),
    Command(
        "upcoming",
        "List what is planned next, soonest first: launches and each milestone's latest target, after today.",
        "lunarfacts.cli.commands.upcoming:run_upcoming",
        (*DATES, COUNTRY, ORGANIZATION, PROGRAM, REVERSE, LIMIT, *OUTPUT),
        examples=(
            ("lunarfacts upcoming --limit 5", "the next five"),
            ("lunarfacts --as-of 2024-01-01 upcoming", "what was planned then"),
        ),
        fields="events",
    ),
    Command(
        "export",
        "Write the fact base in another form: sqlite, a database for Datasette and SQL; claimreview, "
        "the claims as schema.org ClaimReview JSON-LD (PATH - for standard output).",
        "lunarfacts.cli.commands.export:run_export",
        (
            Option(("--force",), "force", Kind.FLAG, "Replace PATH if it exists."),
            Option(
                ("--base-url",),
                "base_url",
                Kind.TEXT,
                "claimreview: where the reviews are published; each one's url is URL + its id.",
                metavar="URL",
            ),
            Option(
                ("--author",),
                "author",
                Kind.TEXT,
                "claimreview: who reviewed the claims (default: lunarfacts).",
                metavar="NAME",
            ),
        ),
        (
            Argument("what", Kind.CHOICE, "What to write.", metavar="FORMAT", choices=ExportFormat.values()),
            Argument("path", Kind.OUTPUT, "The file to write.", metavar="PATH"),
        ),
        examples=(
            ("lunarfacts export sqlite facts.db && datasette facts.db", "browse it in Datasette"),
            ("lunarfacts export claimreview - | jq '.[0]'", "the first fact check, as JSON-LD"),
        ),
    ),
    Command(
        "sources",
        "List the sources one record was checked against, with their URLs.",
        "lunarfacts.cli.commands.sources:run_sources",
        (FORMAT, JSON),
        (_REF,),
        examples=(("lunarfacts sources 'Artemis Accords'", "where the Accords' facts come from"),),
    ),
    Command(
        "check",
        "Validate fact files: types, required fields, vocabularies, ids, references, dates and sources.",
        "lunarfacts.cli.commands.check:run_check",
        (FORMAT, JSON),
        (
            Argument(
                "files",
                Kind.PATH,
                "Fact files to check on top of the bundled base (default: the bundled base and overlays).",
                metavar="[FILE]...",
                least=0,
                most=None,
            ),
        ),
        examples=(("lunarfacts check my-facts.toml", "check an overlay before using it"),),
    ),
    Command(
        "schema",
        "Print the JSON Schema (2020-12) of the records that --json prints.",
        "lunarfacts.cli.commands.schema:run_schema",
        (),
        (
            Argument(
                "record_type",
                Kind.CHOICE,
                "One record type; all when omitted.",
                metavar="[TYPE]",
                least=0,
                choices=RecordType.values(),
            ),
        ),
        examples=(("lunarfacts schema mission", "the fields of a mission"),),
    ),
)
BY_NAME = {command.name: command for command in COMMANDS}


def flag(dest: str, command: Command | None = None) -> str:
    """The name an option is known by (`--since` for "since"), for messages that name it."""
    for option in (*(command.options if command else ()), *GLOBAL_OPTIONS, *_SHARED):
        if option.dest == dest:
            return option.names[0]
    raise KeyError(dest)


_SHARED = (*OUTPUT, *ORDER, *DATES, ORGANIZATION, COUNTRY, PROGRAM, REGION)
