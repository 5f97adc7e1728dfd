"""Run a plain, valid command line, or answer TAB, without importing or building the Typer app.

Typer costs most of a run's time, and a script calling `lunarfacts missions --json` in a loop, or a shell
asking for completions, should not pay for it. The fast path accepts only what it fully understands:
known options with valid values, for the commands below. Anything else (help, an unknown or misspelt
option, a bad value, `--opt` abbreviations, `--`) returns None and Typer takes over as usual, so errors
and help always come from one place. Both paths call the same functions in `cli.run`, and the tests run
many command lines and TAB positions through both and compare the output.
"""

import enum
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from lunarfacts.model import (
    FORMATS,
    AgreementKind,
    MissionKind,
    MissionStatus,
    OrganizationKind,
    PartialDate,
    ProgramKind,
    ProgramStatus,
    RecordType,
)

ENV_NO_FASTPATH = "LUNARFACTS_NO_FASTPATH"  # set to take the Typer path always (diagnosis, tests)


class Kind(enum.Enum):
    FLAG = "flag"
    TEXT = "text"
    COUNT = "count"  # a whole number from 0
    MANY = "many"  # repeatable: a list of texts


class Opt(NamedTuple):
    dest: str
    kind: Kind
    choices: tuple[str, ...] = ()
    completes: str | None = None  # what TAB offers: "ref:<type>", "ref", "fields", "sort" or None


def _choices(values: type[enum.Enum] | Sequence[str]) -> tuple[str, ...]:
    if isinstance(values, type):
        return tuple(str(member.value) for member in values)
    return tuple(values)


_ORGANIZATION = Opt("organization", Kind.TEXT, completes="ref:organization")
_COUNTRY = Opt("country", Kind.TEXT, completes="ref:country")
_PROGRAM = Opt("program", Kind.TEXT, completes="ref:program")
_OUTPUT = {
    "--fields": Opt("fields", Kind.TEXT, completes="fields"),
    "--format": Opt("fmt", Kind.TEXT, _choices(FORMATS)),
    "-f": Opt("fmt", Kind.TEXT, _choices(FORMATS)),
    "--json": Opt("as_json", Kind.FLAG),
}
_ORDER = {
    "--sort": Opt("sort", Kind.TEXT, completes="sort"),
    "--reverse": Opt("reverse", Kind.FLAG),
    "--limit": Opt("limit", Kind.COUNT),
}
_DATES = {"--since": Opt("since", Kind.TEXT), "--until": Opt("until", Kind.TEXT)}
GLOBAL_OPTIONS = {
    "--data": Opt("data", Kind.MANY),
    "--as-of": Opt("as_of", Kind.TEXT),
    "--no-color": Opt("no_color", Kind.FLAG),
    "--no-cache": Opt("no_cache", Kind.FLAG),
}


class Command(NamedTuple):
    options: Mapping[str, Opt]
    positional: str | None = None  # the name of the positional parameter, if any
    least: int = 0  # how many positional values it needs
    most: int | None = 0  # how many it takes (None: any number)
    positional_completes: str | None = None
    positional_choices: tuple[str, ...] = ()


def _status_kind(status: type[enum.Enum] | None, kind: type[enum.Enum] | None) -> dict[str, Opt]:
    found = {}
    if status is not None:
        found["--status"] = Opt("status", Kind.TEXT, _choices(status))
    if kind is not None:
        found["--kind"] = Opt("kind", Kind.TEXT, _choices(kind))
    return found


COMMANDS: dict[str, Command] = {
    "programs": Command(
        {
            **_status_kind(ProgramStatus, ProgramKind),
            "--organization": _ORGANIZATION,
            "--country": _COUNTRY,
            **_DATES,
            **_ORDER,
            **_OUTPUT,
        }
    ),
    "missions": Command(
        {
            **_status_kind(MissionStatus, MissionKind),
            "--organization": _ORGANIZATION,
            "--country": _COUNTRY,
            "--program": _PROGRAM,
            **_DATES,
            **_ORDER,
            **_OUTPUT,
        }
    ),
    "organizations": Command(
        {**_status_kind(None, OrganizationKind), "--country": _COUNTRY, **_DATES, **_ORDER, **_OUTPUT}
    ),
    "countries": Command({**_ORDER, **_OUTPUT}),
    "agreements": Command(
        {
            **_status_kind(None, AgreementKind),
            "--organization": _ORGANIZATION,
            "--country": _COUNTRY,
            "--program": _PROGRAM,
            **_DATES,
            **_ORDER,
            **_OUTPUT,
        }
    ),
    "show": Command({**_OUTPUT}, "ref", 1, 1, "ref"),
    "sources": Command({k: v for k, v in _OUTPUT.items() if k != "--fields"}, "ref", 1, 1, "ref"),
    "compare": Command({**_OUTPUT}, "refs", 1, None, "ref"),
    "search": Command(
        {
            "--type": Opt("record_type", Kind.TEXT, _choices(RecordType)),
            "--limit": _ORDER["--limit"],
            **_OUTPUT,
        },
        "text",
        1,
        None,
    ),
    "schema": Command({}, "record_type", 0, 1, None, _choices(RecordType)),
}


class Parsed(NamedTuple):
    globals: dict[str, Any]
    command: str
    values: dict[str, Any]
    positionals: list[str]


def _take(options: Mapping[str, Opt], args: Sequence[str], index: int, into: dict[str, Any]) -> int | None:
    """Read the option at args[index] into `into`; the next index, or None for anything not plain."""
    token = args[index]
    name, equals, attached = token.partition("=")
    option = options.get(name)
    if option is None:
        return None
    if option.kind is Kind.FLAG:
        if equals:
            return None
        into[option.dest] = True
        return index + 1
    if equals:
        value, after = attached, index + 1
    elif index + 1 < len(args):
        value, after = args[index + 1], index + 2
    else:
        return None
    if option.choices and value not in option.choices:
        return None
    if option.kind is Kind.COUNT:
        try:
            number = int(value)
        except ValueError:
            return None
        if number < 0:
            return None
        into[option.dest] = number
    elif option.kind is Kind.MANY:
        into.setdefault(option.dest, []).append(value)
    else:
        into[option.dest] = value
    return after


def parse(args: Sequence[str]) -> Parsed | None:
    """The command line split as Typer would split it, or None when it is not plain and valid."""
    globals_: dict[str, Any] = {}
    index = 0
    while index < len(args) and args[index].startswith("-"):
        following = _take(GLOBAL_OPTIONS, args, index, globals_)
        if following is None:
            return None
        index = following
    if index >= len(args) or args[index] not in COMMANDS:
        return None
    name = args[index]
    command = COMMANDS[name]
    values: dict[str, Any] = {}
    positionals: list[str] = []
    index += 1
    while index < len(args):
        token = args[index]
        if token.startswith("-") and token != "-":
            following = _take(command.options, args, index, values)
            if following is None:
                return None
            index = following
        else:
            positionals.append(token)
            index += 1
    if len(positionals) < command.least or (command.most is not None and len(positionals) > command.most):
        return None
    if command.positional_choices and any(p not in command.positional_choices for p in positionals):
        return None
    if "as_of" in globals_:
        try:
            PartialDate.parse(globals_["as_of"])
        except ValueError:
            return None
    return Parsed(globals_, name, values, positionals)


def try_run(args: Sequence[str], environ: Mapping[str, str] | None = None) -> bool:
    """Run `args` if they are plain and valid; False to let Typer handle them."""
    env = os.environ if environ is None else environ
    if env.get(ENV_NO_FASTPATH):
        return False
    parsed = parse(args)
    if parsed is None:
        return False
    from lunarfacts.cli import run
    from lunarfacts.cli.session import Session

    as_of = parsed.globals.get("as_of")
    session = Session(
        overlays=list(parsed.globals.get("data", [])),
        no_color=bool(parsed.globals.get("no_color")),
        as_of=None if as_of is None else PartialDate.parse(as_of),
        use_cache=not parsed.globals.get("no_cache"),
    )
    values, positionals = parsed.values, parsed.positionals
    runners: dict[str, Callable[[], None]] = {
        "show": lambda: run.run_show(session, positionals[0], **values),
        "sources": lambda: run.run_sources(session, positionals[0], **values),
        "compare": lambda: run.run_compare(session, positionals, **values),
        "search": lambda: run.run_search(session, positionals, **values),
        "schema": lambda: run.run_schema(positionals[0] if positionals else None),
    }
    if parsed.command in runners:
        runners[parsed.command]()
    else:
        record_type = next(t for t in RecordType if t.plural == parsed.command)
        run.run_list(session, record_type, **values)
    return True
