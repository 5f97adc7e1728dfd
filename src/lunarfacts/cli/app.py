"""The Typer app: global options and the registration of every command (one module each)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lunarfacts import __version__
from lunarfacts.cli.check import check
from lunarfacts.cli.compare import compare
from lunarfacts.cli.lists import LIST_COMMANDS
from lunarfacts.cli.options import parse_date
from lunarfacts.cli.schema import schema
from lunarfacts.cli.search import search
from lunarfacts.cli.session import Session
from lunarfacts.cli.show import show
from lunarfacts.cli.sources import sources
from lunarfacts.cli.timeline import timeline

app = typer.Typer(
    name="lunarfacts",
    help="An offline, sourced fact base about the race back to the Moon.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from lunarfacts.cli import output

        output.write(f"lunarfacts {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="An overlay fact file (repeatable); also LUNARFACTS_DATA.",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR).")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Show the fact base as it stood on DATE.", show_default=False),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """An offline, sourced fact base about the race back to the Moon."""
    ctx.obj = Session(overlays=[str(p) for p in data or []], no_color=no_color, as_of=parse_date(as_of))


for list_command in LIST_COMMANDS:
    app.command()(list_command)
for other_command in (show, compare, search, timeline, sources, check, schema):
    app.command()(other_command)
