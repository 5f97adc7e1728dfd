"""The one module that writes: data to stdout, notes and errors to stderr; a closed pipe ends quietly."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING

from lunarfacts.errors import EXIT_BROKEN_PIPE
from lunarfacts.escape import escape_controls

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

PROG = "lunarfacts"


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
    """Data to stdout; on a terminal, control and format characters from the data are escaped
    (json, csv and tsv are meant for pipes, where they pass exactly as written)."""
    if stdout_is_terminal():
        text = escape_controls(text, keep="\n\t")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()


def write_bytes(*parts: bytes | memoryview) -> None:
    """Data already encoded as UTF-8 (cached JSON rows) to stdout, without decoding it again."""
    try:
        sys.stdout.flush()
        buffer = sys.stdout.buffer
    except AttributeError:  # a text-only stdout (tests capture into StringIO)
        write("".join(bytes(part).decode() for part in parts))
        return
    try:
        for part in parts:
            buffer.write(part)
        buffer.flush()
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


def _to_stderr(text: str) -> None:
    try:
        sys.stderr.write(escape_controls(text, keep="\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr gone too: nothing left to tell
        pass


def note(message: str) -> None:
    _to_stderr(f"{PROG}: {message}")


def error(message: str) -> None:
    _to_stderr(f"{PROG}: error: {message}")
