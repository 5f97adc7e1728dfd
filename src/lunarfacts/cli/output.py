"""The one module that writes: data to stdout, notes and errors to stderr; a closed pipe ends quietly."""

from __future__ import annotations

import errno
import io
import os
import sys

from lunarfacts.errors import EXIT_BROKEN_PIPE, EXIT_FAILURE
from lunarfacts.escape import escape_controls

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from typing import Any

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


class _Closed(io.TextIOBase):
    """stdout when the run was started with it closed (`>&-`): every write is the error it is."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def prepare_streams() -> None:
    """Never fail on text the terminal's encoding cannot show (LANG=C, PYTHONIOENCODING=ascii); a
    closed stdout fails at the first write, with a message; a closed stderr swallows what it is sent
    (so an error never lands in stdout, among the data)."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:  # noqa: SIM105 - contextlib would be one more import on the warm path
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot be reconfigured
                pass


def fail_to_write(error: OSError) -> None:
    """stdout cannot take the output (a full disk, a closed descriptor): one line, exit 1, and
    nothing left in the buffer for the interpreter to fail on again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor behind stdout
        pass
    error_text = error.strerror or str(error)
    _to_stderr(f"{PROG}: error: cannot write the output: {error_text}")
    raise SystemExit(EXIT_FAILURE)


def flush_stdout() -> None:
    """What is still buffered, written now, where a failure can be reported (not at exit, as 120)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
    except OSError as error:
        fail_to_write(error)


def quiet_exit_on_closed_pipe() -> None:
    """stdout was closed by the reader (`| head -1`): stop at once, silently, as SIGPIPE would."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real file descriptor behind stdout
        pass
    raise SystemExit(EXIT_BROKEN_PIPE)


def _raw_stdout() -> io.RawIOBase | None:
    """stdout's binary layer when it is the file itself (PYTHONUNBUFFERED=1, `python -u`), else None.

    A raw write may take only part of what it is given, when a signal arrives or the reader leaves
    mid-write, and the text layer above ignores the count: the rest was lost, and a run whose reader
    had gone ended 0 with its output cut short. A buffered stdout writes everything or raises.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    return buffer if isinstance(buffer, io.RawIOBase) else None


def _write_all(raw: io.RawIOBase, data: bytes | memoryview) -> None:
    """Every byte, or BrokenPipeError: the next write after a cut-short one reports the gone reader."""
    view = memoryview(data).cast("B")
    while view:
        written = raw.write(view)
        if written is None:  # a non-blocking stdout whose pipe is full: wait until it drains
            import select

            select.select([], [raw], [])
            continue
        view = view[written:]


def _write_text(text: str) -> None:
    raw = _raw_stdout()
    if raw is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    if os.linesep != "\n":  # what the text layer would have done
        text = text.replace("\n", os.linesep)
    _write_all(raw, text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))


def write(text: str) -> None:
    """Data to stdout; on a terminal, control and format characters from the data are escaped
    (json, csv and tsv are meant for pipes, where they pass exactly as written)."""
    if stdout_is_terminal():
        text = escape_controls(text, keep="\n\t")
    try:
        _write_text(text)
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
    except OSError as error:
        fail_to_write(error)


def write_bytes(*parts: bytes | memoryview) -> None:
    """Data already encoded as UTF-8 (cached JSON rows) to stdout, without decoding it again."""
    try:
        sys.stdout.flush()
        buffer = sys.stdout.buffer
    except AttributeError:  # a text-only stdout (tests capture into StringIO)
        write("".join(bytes(part).decode() for part in parts))
        return
    raw = _raw_stdout()
    try:
        for part in parts:
            if raw is None:
                buffer.write(part)
            else:
                _write_all(raw, part)
        buffer.flush()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
    except OSError as error:
        fail_to_write(error)


class _WholeWrites:
    """stdout as Rich sees it under PYTHONUNBUFFERED: the same stream, but every write whole."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        _write_text(text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _screen_size() -> tuple[int | None, int | None]:
    """COLUMNS and LINES when they are sizes; else None, and the terminal's own size (or 80 x 25)
    is used: `COLUMNS=0` or `COLUMNS=wide` would otherwise draw nothing at all."""
    sizes: list[int | None] = []
    for name in ("COLUMNS", "LINES"):
        text = os.environ.get(name)
        sizes.append(None if text is None or (text.isdigit() and int(text) > 0) else -1)
    if -1 not in sizes:
        return None, None
    import shutil

    columns, lines = shutil.get_terminal_size((80, 25))  # (ignores a COLUMNS that is not a size)
    return (columns if sizes[0] == -1 else None), (lines if sizes[1] == -1 else None)


def make_console(no_color: bool) -> Console:
    from rich.console import Console

    width, height = _screen_size()
    return Console(
        width=width,
        height=height,
        file=sys.stdout if _raw_stdout() is None else _WholeWrites(sys.stdout),  # type: ignore[arg-type]
        no_color=no_color or None,
        highlight=False,
        markup=False,
        emoji=False,
    )


def show(renderable: RenderableType, no_color: bool, paged: bool = True) -> None:
    """A renderable to stdout, uncropped (a URL stays whole past the edge, for the terminal to wrap);
    on a terminal, through the pager when it is taller than the screen (as git and gh do)."""
    try:
        console = make_console(no_color)
        command = pager_command() if paged and stdout_is_terminal() else None
        if command is None:
            console.print(renderable, crop=False)
            sys.stdout.flush()
            return
        with console.capture() as captured:
            console.print(renderable, crop=False)
        text = captured.get()
        if _screen_lines(text, console.width) < console.height:
            _write_text(text)
        else:
            page(text, command)
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
    except OSError as error:
        fail_to_write(error)


def pager_command(environ: Any = None) -> str | None:
    """LUNARFACTS_PAGER, then PAGER, then `less -FRX`; None when set empty or to `cat` (no paging)."""
    environ = os.environ if environ is None else environ
    for name in ("LUNARFACTS_PAGER", "PAGER"):
        if name in environ:
            command = environ[name].strip()
            return None if command in ("", "cat") else command
    import shutil

    return "less -FRX" if shutil.which("less") else None


def _screen_lines(text: str, width: int) -> int:
    """How many screen lines the text takes, a line wider than the screen counted as it wraps."""
    from rich.cells import cell_len
    from rich.text import Text

    lines = 0
    for line in text.split("\n"):
        size = cell_len(Text.from_ansi(line).plain) if "\x1b" in line else cell_len(line)
        lines += max(1, -(-size // max(1, width)))
    return lines


def page(text: str, command: str) -> None:
    """The text through the pager, as git does: LESS=FRX unless set (colour survives `less -R`),
    Ctrl-C left to the pager, and the pager quitting early is not an error."""
    import signal
    import subprocess

    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:  # no such pager: the text as it is
        _write_text(text)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
            pager.stdin.close()
        except BrokenPipeError:  # quit before reading it all
            pass
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


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
