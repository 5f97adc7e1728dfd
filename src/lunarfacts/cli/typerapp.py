"""The Typer app, generated from the command table: help, usage errors and shell completion scripts.

Each command's function is made from its declaration (a signature of typer.Option / typer.Argument
parameters), so `--help` and every usage error are Typer's own, and the function hands its values to
the same command function the fast path calls. A run registers only the command it was asked for;
help, an unknown command and TAB completion get them all.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any, cast

import typer
from typer._click.shell_completion import CompletionItem
from typer._click.types import ParamType  # Typer 0.28's own click (pinned in pyproject)
from typer._completion_classes import ZshComplete, _sanitize_help_text

from lunarfacts import __version__
from lunarfacts.cli.dispatch import run_command, session_of
from lunarfacts.cli.spec import (
    BY_NAME,
    COMMANDS,
    GLOBAL_OPTIONS,
    MAX_LIMIT,
    Argument,
    Command,
    Kind,
    Option,
    find_option,
)

_ROOT_HELP = "An offline, sourced fact base about the race back to the Moon."


def _zsh_format_completion(self: ZshComplete, item: CompletionItem) -> str:
    """Typer's zsh candidates, written as the fast completer writes them: its own escaping drops
    apostrophes and double quotes (see fastcomplete._zsh_escape)."""
    from lunarfacts.cli.fastcomplete import zsh_item

    return zsh_item(item.value, _sanitize_help_text(item.help) if item.help else None)


ZshComplete.format_completion = _zsh_format_completion  # type: ignore[method-assign]
_CHOICE_TYPES: dict[tuple[str, ...], type[enum.Enum]] = {}


def _choice_type(name: str, values: tuple[str, ...]) -> type[enum.Enum]:
    """An Enum of the choices, which Typer turns into click's Choice (and completes)."""
    found = _CHOICE_TYPES.get(values)
    if found is None:
        made = cast("type[enum.Enum]", enum.Enum(name, {v: v for v in values}, type=str))
        found = _CHOICE_TYPES[values] = made
    return found


def _plain(value: Any) -> Any:
    """Typer's value as the fast path passes it: enum members as their strings, lists as lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _completer(kind: str, types: tuple[str, ...], command: Command | None) -> Callable[..., Any] | None:
    from lunarfacts.cli import complete

    if kind == Kind.REF:
        return lambda ctx, incomplete: complete.refs(_overlays(ctx), incomplete, types)
    if kind in (Kind.FIELDS, Kind.FIELD) and command is not None:
        many = kind == Kind.FIELDS
        return lambda ctx, incomplete: complete.fields(command, incomplete, many)
    return None


def _overlays(ctx: typer.Context) -> list[str]:
    """The --data values already on the line, so TAB offers the records a run would see."""
    return [str(p) for p in ctx.find_root().params.get("data") or []]


def _annotation(kind: str, choices: tuple[str, ...], name: str, repeat: bool, required: bool) -> Any:
    if kind == Kind.FLAG:
        return bool
    base: Any = int if kind == Kind.COUNT else str
    if choices:
        base = _choice_type(name, choices)
    if repeat:
        return list[base] | None
    return base if required else base | None


def _option_parameter(option: Option, command: Command | None) -> inspect.Parameter:
    if option.kind == Kind.VERSION:
        info = typer.Option(*option.names, help=option.help, callback=_print_version, is_eager=True)
        return inspect.Parameter(
            option.dest, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Annotated[bool, info]
        )
    extra: dict[str, Any] = {}
    if option.kind == Kind.COUNT:  # checked here, not by an IntRange: help shows N, not a range
        extra["callback"] = _check_count
    completer = _completer(option.kind, option.types, command)
    if completer is not None:
        extra["autocompletion"] = completer
    info = typer.Option(
        *option.names,
        help=option.help,
        metavar=option.metavar,
        show_default=False,
        **extra,
    )
    annotation = _annotation(option.kind, option.choices, option.dest, option.repeat, required=False)
    default = option.default if option.kind == Kind.FLAG else None
    return inspect.Parameter(
        option.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[annotation, info]
    )


def _check_count(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_LIMIT:
        raise typer.BadParameter(f"{value} is not a count from 0 to {MAX_LIMIT:,}")
    return value


class _Words(ParamType):
    """Text whose metavar (REF, TEXT...) says it all: no `<str>` beside it in help."""

    name = "text"

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return ""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return value


def _argument_parameter(argument: Argument, command: Command) -> inspect.Parameter:
    extra: dict[str, Any] = {}
    if not argument.choices:
        extra["click_type"] = _Words()
    completer = _completer(argument.kind, argument.types, command)
    if completer is not None:
        extra["autocompletion"] = completer
    info = typer.Argument(help=argument.help, metavar=argument.metavar, show_default=False, **extra)
    many = argument.most != 1
    base: Any = _choice_type(argument.name, argument.choices) if argument.choices else str
    if many:
        annotation: Any = list[base] if argument.least else list[base] | None
    else:
        annotation = base if argument.least else base | None
    default = inspect.Parameter.empty if argument.least else None
    return inspect.Parameter(
        argument.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[annotation, info]
    )


def _epilog(command: Command) -> str | None:
    """The command's examples, under its options."""
    if not command.examples:
        return None
    return "Examples:\n\n" + "\n\n".join(f"$ {line}  ({what})" for line, what in command.examples)


def _command_function(command: Command) -> Callable[..., Any]:
    def run(ctx: typer.Context, **values: Any) -> None:
        plain = {name: _plain(value) for name, value in values.items()}
        listed = [a.name for a in command.arguments if a.most != 1] + [
            o.dest for o in command.options if o.repeat
        ]
        for name in listed:  # an absent list arrives from Typer as None; the fast path passes []
            if plain.get(name) is None:
                plain[name] = []
        code = run_command(ctx.obj, command, plain)
        if code:
            raise typer.Exit(code)

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    parameters += [_argument_parameter(a, command) for a in command.arguments]
    parameters += [_option_parameter(o, command) for o in command.options]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__name__ = command.name.replace("-", "_")
    run.__doc__ = command.help
    return run


def _print_version(value: bool) -> None:
    if value:
        from lunarfacts.cli import output

        output.write(f"lunarfacts {__version__}\n")
        raise typer.Exit()


def _callback() -> Callable[..., Any]:
    def main_options(ctx: typer.Context, **values: Any) -> None:
        plain = {name: _plain(value) for name, value in values.items()}
        plain["data"] = plain.get("data") or []
        ctx.obj = session_of(plain)

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    parameters += [_option_parameter(option, None) for option in GLOBAL_OPTIONS]
    main_options.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    main_options.__doc__ = _ROOT_HELP
    return main_options


def requested_command(args: Sequence[str]) -> str | None:
    """The command named on the command line, skipping global options and their values."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg.startswith("-"):
            option = find_option(GLOBAL_OPTIONS, arg)
            skip = option is not None and option.takes_value and "=" not in arg
        else:
            return arg if arg in BY_NAME else None
    return None


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with just `only` (a command name)."""
    app = typer.Typer(
        name="lunarfacts",
        help=_ROOT_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_callback())
    for command in COMMANDS:
        if only is None or command.name == only:
            app.command(command.name, help=command.help, epilog=_epilog(command))(_command_function(command))
    return app
