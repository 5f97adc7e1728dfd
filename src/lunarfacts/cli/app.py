"""The Typer app: global options, and the commands (one module each), registered on demand.

Building a Typer command costs time, so a run registers only the command it was asked for; help, an
unknown command and TAB completion get them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from lunarfacts import __version__
from lunarfacts.cli.options import parse_date
from lunarfacts.cli.session import Session

# command name -> (module, function); the order is the order of `--help`
COMMANDS: dict[str, tuple[str, str]] = {
    "programs": ("lunarfacts.cli.lists", "programs"),
    "missions": ("lunarfacts.cli.lists", "missions"),
    "organizations": ("lunarfacts.cli.lists", "organizations"),
    "countries": ("lunarfacts.cli.lists", "countries"),
    "agreements": ("lunarfacts.cli.lists", "agreements"),
    "show": ("lunarfacts.cli.show", "show"),
    "compare": ("lunarfacts.cli.compare", "compare"),
    "search": ("lunarfacts.cli.search", "search"),
    "timeline": ("lunarfacts.cli.timeline", "timeline"),
    "sources": ("lunarfacts.cli.sources", "sources"),
    "check": ("lunarfacts.cli.check", "check"),
    "schema": ("lunarfacts.cli.schema", "schema"),
}
_GLOBAL_OPTIONS_WITH_VALUES = {"--data", "--as-of"}


def _print_version(value: bool) -> None:
    if value:
        from lunarfacts.cli import output

        output.write(f"lunarfacts {__version__}\n")
        raise typer.Exit()


def main_options(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="An overlay fact file (repeatable); also LUNARFACTS_DATA.",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR).")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="Show the fact base as it stood on DATE.", show_default=False
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Do not read or write the parsed-data cache (also LUNARFACTS_NO_CACHE=1)."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """An offline, sourced fact base about the race back to the Moon."""
    ctx.obj = Session(
        overlays=[str(p) for p in data or []],
        no_color=no_color,
        as_of=parse_date(as_of),
        use_cache=not no_cache,
    )


def requested_command(args: Sequence[str]) -> str | None:
    """The command named on the command line, skipping global options and their values."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUES:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with just `only` (which must be a name in COMMANDS)."""
    app = typer.Typer(
        name="lunarfacts",
        help="An offline, sourced fact base about the race back to the Moon.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(main_options)
    for name, (module, attribute) in COMMANDS.items():
        if only is None or name == only:
            app.command(name)(getattr(importlib.import_module(module), attribute))
    return app
