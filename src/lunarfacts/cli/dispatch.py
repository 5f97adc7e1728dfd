"""From a parsed command line to its command function: shared by the fast path and the Typer app.

Light (no typing, no Typer): both paths end here with the same values, so a command line behaves the
same whichever read it.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command


def session_of(globals_: Mapping[str, object]) -> Session:
    """The session the global options describe (--data, --no-color, --no-pager, --as-of, --no-cache)."""
    from lunarfacts.cli.session import Session

    data = globals_.get("data") or []
    as_of = globals_.get("as_of")
    assert isinstance(data, list) and (as_of is None or isinstance(as_of, str))
    return Session(
        overlays=[str(path) for path in data],
        no_color=bool(globals_.get("no_color")),
        no_pager=bool(globals_.get("no_pager")),
        as_of=as_of,
        use_cache=not globals_.get("no_cache"),
    )


_SESSION_ATTRIBUTES = {"as_of": "as_of_text"}  # where the session keeps an option it parses itself


def run_command(session: Session, command: Command, values: Mapping[str, object]) -> int:
    """Call the command's function; its exit code (0 when it returns none)."""
    from lunarfacts.cli.spec import ANYWHERE

    for option in ANYWHERE:  # given after the command: the same as before it (and it wins)
        value = values.get(option.dest)
        if value:
            setattr(session, _SESSION_ATTRIBUTES.get(option.dest, option.dest), value)
    module, _, name = command.run.partition(":")
    function = getattr(importlib.import_module(module), name)
    try:
        code = function(session, command, values)
    finally:
        session.close()
    return 0 if code is None else int(code)
