"""The one module that writes: data to stdout, notes and errors to stderr; a closed pipe ends quietly."""

from __future__ import annotations

import contextlib
import os
import sys
import unicodedata
from typing import TYPE_CHECKING

from lunarfacts.errors import EXIT_BROKEN_PIPE

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

PROG = "lunarfacts"
_CONTROL = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format (bidi, zero-width), surrogate, line breaks


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def prepare_streams() -> None:
    """Never fail on text the terminal's encoding cannot show (LANG=C, PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured
                reconfigure(errors="backslashreplace")


def quiet_exit_on_closed_pipe() -> None:
    """stdout was closed by the reader (`| head -1`): stop at once, silently, as SIGPIPE would."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real file descriptor behind stdout
        pass
    raise SystemExit(EXIT_BROKEN_PIPE)


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()


def make_console(no_color: bool) -> Console:
    from rich.console import Console

    return Console(
        file=sys.stdout,
        no_color=no_color or None,
        highlight=False,
        markup=False,
        emoji=False,
    )


def show(renderable: RenderableType, no_color: bool) -> None:
    try:
        console = make_console(no_color)
        console.print(renderable)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()


def _printable(text: str) -> str:
    """Messages with control and format characters escaped, line breaks kept.

    Errors quote names from the data ("did you mean: …") and paths; like the tables (render.safe),
    stderr must never carry an ESC, BEL, CR or bidi override raw to the terminal.
    """
    if text.isprintable():
        return text
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch) not in _CONTROL else repr(ch)[1:-1] for ch in text
    )


def _to_stderr(text: str) -> None:
    try:
        sys.stderr.write(_printable(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr gone too: nothing left to tell
        pass


def note(message: str) -> None:
    _to_stderr(f"{PROG}: {message}")


def error(message: str) -> None:
    _to_stderr(f"{PROG}: error: {message}")
