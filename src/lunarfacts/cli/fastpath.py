"""Run a plain, valid command line without importing or building the Typer app.

Typer costs most of a short run's time, and a script calling `lunarfacts missions --json` in a loop
should not pay for it. This reads the command line by the one command table (`spec`) and accepts only
what it fully understands: known options with well-formed values. Anything else (help, an unknown or
misspelt option, a bad choice, a missing value, `--`, an attached short option) gives None, and Typer
takes over, so errors and help always come from one place. Both paths call the same command
functions with the same values; the tests run every declared option through both and compare.

Stdlib and the table only: no typing, no Typer.
"""

from __future__ import annotations

import os

from lunarfacts.cli.spec import BY_NAME, GLOBAL_OPTIONS, MAX_LIMIT, Command, Kind, Option, find_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ENV_NO_FASTPATH = "LUNARFACTS_NO_FASTPATH"  # set to take the Typer path always (diagnosis, tests)


def defaults(options: Sequence[Option]) -> dict[str, object]:
    return {option.dest: option.default for option in options}


def take_option(
    options: Sequence[Option], args: Sequence[str], index: int, into: dict[str, object]
) -> int | None:
    """Read the option at args[index] into `into`: the next index, or None for anything not plain."""
    token = args[index]
    # Only a long option takes `=value`; click reads `-f=csv` as -f with the value "=csv".
    _, equals, attached = token.partition("=") if token.startswith("--") else (token, "", "")
    option = find_option(options, token)
    if option is None or option.kind == Kind.VERSION:
        return None
    if option.kind == Kind.FLAG:
        if equals:
            return None
        into[option.dest] = True
        return index + 1
    if equals:
        value, after = attached, index + 1
    elif index + 1 < len(args):
        value, after = args[index + 1], index + 2  # click takes the next word, whatever it looks like
    else:
        return None
    parsed = plain_value(option.kind, option.choices, value)
    if parsed is None:
        return None
    if option.repeat:
        listed = into.setdefault(option.dest, [])
        assert isinstance(listed, list)
        listed.append(parsed)
    else:
        into[option.dest] = parsed
    return after


def plain_value(kind: str, choices: Sequence[str], value: str) -> object | None:
    """The value as Typer would pass it, or None when Typer would refuse it (Typer then says why)."""
    if choices and value not in choices:
        return None
    if kind == Kind.COUNT:
        if not value.isascii() or not value.isdigit():
            return None
        number = int(value)
        return number if number <= MAX_LIMIT else None
    return value


class Parsed:
    __slots__ = ("command", "globals", "values")

    def __init__(self, globals_: dict[str, object], command: Command, values: dict[str, object]) -> None:
        self.globals = globals_
        self.command = command
        self.values = values


def parse(args: Sequence[str]) -> Parsed | None:
    """The command line read as Typer would read it, or None when it is not plain and valid."""
    globals_ = defaults(GLOBAL_OPTIONS)
    index = 0
    while index < len(args) and args[index].startswith("-"):
        following = take_option(GLOBAL_OPTIONS, args, index, globals_)
        if following is None:
            return None
        index = following
    if index >= len(args) or args[index] not in BY_NAME:
        return None
    command = BY_NAME[args[index]]
    values = defaults(command.options)
    positionals: list[str] = []
    index += 1
    while index < len(args):
        token = args[index]
        if token.startswith("-") and token != "-":
            following = take_option(command.options, args, index, values)
            if following is None:
                return None
            index = following
        else:
            positionals.append(token)
            index += 1
    if not _place_arguments(command, positionals, values):
        return None
    return Parsed(globals_, command, values)


def _place_arguments(command: Command, positionals: list[str], values: dict[str, object]) -> bool:
    """Give each argument its values, as click does (only the last argument may take many)."""
    rest = list(positionals)
    for argument in command.arguments:
        if argument.most == 1:
            if not rest:
                if argument.least:
                    return False
                values[argument.name] = None
                continue
            taken = [rest.pop(0)]
        else:
            taken, rest = rest, []
            if len(taken) < argument.least:
                return False
        if argument.choices and any(t not in argument.choices for t in taken):
            return False
        values[argument.name] = taken[0] if argument.most == 1 else taken
    return not rest


def try_run(args: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run `args` if they are plain and valid: the exit code; None to let Typer handle them."""
    env = os.environ if environ is None else environ
    if env.get(ENV_NO_FASTPATH):
        return None
    parsed = parse(args)
    if parsed is None:
        return None
    from lunarfacts.cli.dispatch import run_command, session_of

    return run_command(session_of(parsed.globals), parsed.command, parsed.values)
