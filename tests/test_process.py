"""The real process: a closed pipe ends quietly with 141, Ctrl-C with 130, and odd terminals still work.

Each test runs `python -m lunarfacts` as a subprocess (from an empty directory, so nothing there can
shadow a module), because exit statuses, signals, file descriptors and locale are only real there.
"""

from __future__ import annotations

import contextlib
import os
import pty
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from .conftest import too_wide

TIMEOUT = 60


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The test's pinned environment (see conftest), as a subprocess gets it."""
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}


def run_cli(
    args: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    **popen: object,
) -> subprocess.CompletedProcess[bytes]:
    """`python -m lunarfacts ARGS` from `cwd`; output captured unless `stdout` is given."""
    return subprocess.run(
        [sys.executable, "-m", "lunarfacts", *args],
        env=dict(env),
        cwd=cwd,
        capture_output="stdout" not in popen,
        timeout=TIMEOUT,
        check=False,
        **popen,
    )


@contextlib.contextmanager
def closed_pipe() -> Iterator[int]:
    """The write end of a pipe whose reader has already gone, as after `| head -1` has exited."""
    read, write = os.pipe()
    os.close(read)
    try:
        yield write
    finally:
        os.close(write)


# --- a closed stdout ----------------------------------------------------------------------------

CLOSED_PIPE_LINES = [
    ["missions", "--json"],
    ["missions", "--format", "table"],
    ["programs"],
    ["show", "artemis-3", "--format", "table"],
    ["show", "change-5", "--json"],
    ["compare", "artemis-3", "change-5", "--format", "table"],
    ["sources", "gateway", "--format", "table"],
    ["search", "moon", "--format", "table"],
    ["timeline"],
    ["timeline", "--format", "table"],
    ["timeline", "--chart"],
    ["check"],
    ["schema"],
    ["--version"],
    ["--help"],
    ["missions", "--help"],
    ["--show-completion", "bash"],
]


@pytest.mark.parametrize("typer_only", [False, True], ids=["as run", "through typer"])
@pytest.mark.parametrize("args", CLOSED_PIPE_LINES, ids=" ".join)
def test_a_closed_stdout_ends_quietly_with_141(
    env: dict[str, str], tmp_path: Path, args: list[str], typer_only: bool
) -> None:
    """Whoever writes (our output module, Rich for tables and help, Typer for completion scripts),
    a reader that has gone makes the run end with 141 and nothing on stderr."""
    if typer_only:
        env["LUNARFACTS_NO_FASTPATH"] = "1"
    with closed_pipe() as stdout:
        result = run_cli(args, env, tmp_path, stdout=stdout, stderr=subprocess.PIPE)
    assert (result.returncode, result.stderr) == (141, b"")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["missions", "--format", "jsonl"], b'{"type":"mission"'),  # cached rows, written as bytes
        (["missions", "--format", "csv", "--fields", "all"], b"type,id,name"),  # text
        (["timeline", "--format", "table"], b""),  # a table, written by Rich
    ],
    ids=["jsonl", "csv", "table"],
)
def test_head_1_on_a_long_listing(
    env: dict[str, str], tmp_path: Path, args: list[str], first_line: bytes, unbuffered: bool
) -> None:
    """`lunarfacts missions --format jsonl | head -1`, for real: the reader takes one line and leaves
    while the writer is still writing (each output is larger than a pipe holds); 141, quiet stderr.

    Under PYTHONUNBUFFERED a write that the gone reader cut short used to end the run 0, silently:
    stdout's text layer ignores a partial write of the file beneath it."""
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with subprocess.Popen(
        [sys.executable, "-m", "lunarfacts", *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=TIMEOUT) == 141
    assert first.startswith(first_line) and stderr == b""


def test_whole_output_under_pythonunbuffered_is_the_same(env: dict[str, str], tmp_path: Path) -> None:
    """Every byte arrives unbuffered as buffered, through each writer."""
    outputs = []
    for unbuffered in (False, True):
        env.pop("PYTHONUNBUFFERED", None)
        if unbuffered:
            env["PYTHONUNBUFFERED"] = "1"
        outputs.append(
            [
                run_cli(a, env, tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout
                for a in (
                    ["missions", "--format", "jsonl"],
                    ["missions", "--format", "csv", "--fields", "all"],
                    ["timeline", "--format", "table"],
                )
            ]
        )
    assert outputs[0] == outputs[1]
    assert all(len(out) > 100_000 for out in outputs[1])


# --- Ctrl-C -----------------------------------------------------------------------------------


def _big_overlay(path: Path) -> Path:
    """An overlay whose parsing takes seconds: time for a signal to arrive while the loader works."""
    record = (
        '[[missions]]\nid = "m-{n}"\nname = "Mission {n}"\nsummary = "A mission among many."\n'
        'sources = [{{ url = "https://example.org/{n}", title = "Page {n}", kind = "primary" }}]\nas_of = 2026-11-24\n'
    )
    path.write_text("".join(record.format(n=n) for n in range(150_000)))
    return path


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _wait_until_loading(process: subprocess.Popen[bytes]) -> None:
    """Until the process holds the overlay's text in memory: it is then parsing, for seconds."""
    deadline = time.monotonic() + TIMEOUT
    while _rss_kib(process.pid) < 60_000:
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError("the process never started loading")
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    "args",
    [
        ["missions", "--json"],
        ["--no-cache", "show", "moonshot", "--format", "table"],
        ["check"],
        ["timeline", "--chart"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("typer_only", [False, True], ids=["as run", "through typer"])
def test_ctrl_c_while_loading_ends_quietly_with_130(
    env: dict[str, str], tmp_path: Path, args: list[str], typer_only: bool
) -> None:
    """SIGINT while the loader parses a large overlay: 130, no output, no traceback, no 'Aborted!'."""
    overlay = _big_overlay(tmp_path / "big.toml")
    if typer_only:
        env["LUNARFACTS_NO_FASTPATH"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "lunarfacts", "--data", str(overlay), *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_until_loading(process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, out, err) == (130, b"", b"")


# --- odd terminals and redirections -----------------------------------------------------------

ASCII_LOCALE = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
# (a command line, text its output must hold); change-5 has 嫦娥五号 and Rümker in it
LINES = [
    (["show", "change-5", "--format", "table"], b"mission change-5"),
    (["missions", "--format", "table", "--limit", "5"], b"5 missions"),
    (["compare", "change-5", "luna-16", "--format", "table"], b"launch_date"),
    (["timeline", "--format", "table", "--limit", "5"], b"5 events"),
    (["search", "chang", "--format", "table"], b"change-5"),
    (["sources", "change-5", "--format", "table"], b"https://"),
    (["missions", "--limit", "5"], b"id\tname\tkind"),
    (["show", "change-5", "--json"], b'"id":"change-5"'),
]


@pytest.mark.parametrize(("args", "marker"), LINES, ids=[" ".join(a) for a, _ in LINES])
@pytest.mark.parametrize(
    "locale", [{"LANG": "C", "LC_ALL": "C"}, ASCII_LOCALE], ids=["LC_ALL=C", "LC_ALL=C, no UTF-8 mode"]
)
def test_the_c_locale_works(
    env: dict[str, str], tmp_path: Path, args: list[str], marker: bytes, locale: dict[str, str]
) -> None:
    """Under LANG=C/LC_ALL=C, and with Python's UTF-8 mode and locale coercion off so that stdout is
    truly ASCII: exit 0, nothing on stderr, the output there, and non-ASCII text escaped."""
    result = run_cli(args, {**env, **locale}, tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert marker in result.stdout
    if locale is ASCII_LOCALE:
        assert result.stdout.isascii()


@pytest.mark.parametrize("args", [args for args, _ in LINES[:6]], ids=" ".join)
def test_a_twelve_column_terminal_gets_every_line_within_twelve(
    env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    """COLUMNS=12: exit 0, every line at most 12 cells wide (a URL aside, whole on its own line),
    and the output still says something."""
    result = run_cli(args, {**env, "COLUMNS": "12"}, tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    lines = result.stdout.decode().splitlines()
    assert lines and too_wide(result.stdout.decode(), 12) == []
    assert sum(1 for line in lines if line.strip()) >= 3


def _on_a_terminal(args: Sequence[str], env: Mapping[str, str], cwd: Path) -> tuple[int, str, bytes]:
    """Run with stdout on a pseudo-terminal (stderr a pipe): the status, what the terminal showed, stderr."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "lunarfacts", *args],
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=subprocess.PIPE,
    )
    os.close(child)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the child has closed its end
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stderr.close()
    return process.wait(timeout=TIMEOUT), shown.decode().replace("\r\n", "\n"), stderr


def test_term_dumb_on_a_terminal_gets_a_plain_table(env: dict[str, str], tmp_path: Path) -> None:
    """TERM=dumb with stdout a terminal (and colour not turned off otherwise): the default table,
    with no escape sequence at all."""
    terminal = {**env, "TERM": "dumb", "COLUMNS": "100"}
    terminal.pop("NO_COLOR", None)
    code, shown, stderr = _on_a_terminal(["missions", "--limit", "3"], terminal, tmp_path)
    assert (code, stderr) == (0, b"")
    assert "\x1b" not in shown
    assert "─" in shown and "3 missions" in shown


def test_a_colour_terminal_does_get_colour(env: dict[str, str], tmp_path: Path) -> None:
    """The same on an xterm has colour, so the test above is not vacuous."""
    terminal = {**env, "TERM": "xterm-256color", "COLUMNS": "100"}
    terminal.pop("NO_COLOR", None)
    code, shown, stderr = _on_a_terminal(["missions", "--limit", "3"], terminal, tmp_path)
    assert (code, stderr) == (0, b"")
    assert "\x1b[" in shown


def test_stdout_to_a_file_gets_tsv_and_tables_when_asked(env: dict[str, str], tmp_path: Path) -> None:
    """Redirected to a file: tsv with a header by default, a table or chart when asked, never colour
    (even on an xterm with NO_COLOR unset); exit 0 and a quiet stderr each time."""
    env.pop("NO_COLOR", None)
    target = tmp_path / "out.txt"
    for args, check in [
        (["missions", "--limit", "2"], lambda text: text.startswith("id\tname\tkind\t")),
        (["missions", "--limit", "2", "--format", "table"], lambda text: "2 missions" in text),
        (["show", "change-5", "--format", "table"], lambda text: "Sources" in text),
        (["timeline", "--chart"], lambda text: bool(text.strip())),
    ]:
        with target.open("wb") as stream:
            result = run_cli(
                args, {**env, "TERM": "xterm-256color"}, tmp_path, stdout=stream, stderr=subprocess.PIPE
            )
        assert (result.returncode, result.stderr) == (0, b""), args
        text = target.read_text(encoding="utf-8")
        assert check(text), (args, text[:300])
        assert "\x1b" not in text


# --- the pager, on a real terminal ------------------------------------------------------------


def _recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager command that writes what it was sent, and the LESS it was given, to files."""
    got = tmp_path / "paged"
    return f"env | grep '^LESS=' > {got}.env; cat > {got}", got


def test_a_card_taller_than_the_terminal_goes_through_the_pager(env: dict[str, str], tmp_path: Path) -> None:
    command, got = _recording_pager(tmp_path)
    terminal = {**env, "LUNARFACTS_PAGER": command, "COLUMNS": "80", "LINES": "24", "TERM": "xterm-256color"}
    terminal.pop("NO_COLOR", None)
    code, shown, stderr = _on_a_terminal(["show", "ILRS"], terminal, tmp_path)
    assert (code, stderr) == (0, b"")
    assert shown == ""  # all of it went to the pager
    paged = got.read_text()
    assert "International Lunar Research Station" in paged and "Sources (" in paged
    assert "\x1b[" in paged  # colour survives into the pager (less -R)
    assert Path(f"{got}.env").read_text() == "LESS=FRX\n"


def test_no_pager_and_short_output_and_pipes_skip_it(env: dict[str, str], tmp_path: Path) -> None:
    command, got = _recording_pager(tmp_path)
    terminal = {**env, "LUNARFACTS_PAGER": command, "COLUMNS": "80", "LINES": "24"}
    for args in (
        ["show", "ILRS", "--no-pager"],
        ["--no-pager", "show", "ILRS"],
        ["missions", "--limit", "2"],
    ):
        code, shown, stderr = _on_a_terminal(args, terminal, tmp_path)
        assert (code, stderr) == (0, b""), args
        assert shown.strip() and not got.exists(), args
    piped = run_cli(["show", "ILRS", "--format", "table"], terminal, tmp_path)
    assert b"International Lunar Research Station" in piped.stdout and not got.exists()


def test_pager_variables_in_order(env: dict[str, str], tmp_path: Path) -> None:
    """LUNARFACTS_PAGER, then PAGER, then less -FRX; an empty one or `cat` means no pager."""
    from lunarfacts.cli.output import pager_command

    assert pager_command({"LUNARFACTS_PAGER": "most", "PAGER": "more"}) == "most"
    assert pager_command({"PAGER": "more"}) == "more"
    assert pager_command({"LUNARFACTS_PAGER": "", "PAGER": "more"}) is None
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({}) in ("less -FRX", None)  # None only where less is not installed


# --- outputs that fail: one line, a documented code ------------------------------------------

FULL = Path("/dev/full")
WRITERS = [
    ["missions"],  # tsv, text
    ["missions", "--json"],  # cached rows, bytes
    ["missions", "--format", "table"],  # Rich
    ["show", "ILRS", "--format", "table"],  # a card
    ["missions", "--help"],  # Typer's help
    ["export", "claimreview", "-"],
]


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    with FULL.open("wb") as full:
        result = run_cli(args, env, tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"lunarfacts: error: cannot write the output: No space left on device\n"


def _shell(command: str, env: Mapping[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["bash", "-c", command], env=dict(env), cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False
    )


def test_a_closed_stdout_is_one_line_and_exit_1(env: dict[str, str], tmp_path: Path) -> None:
    for args in ("missions", "missions --json", "show ILRS --format table"):
        result = _shell(f"exec {sys.executable} -m lunarfacts {args} >&-", env, tmp_path)
        assert result.returncode == 1, args
        assert result.stderr == b"lunarfacts: error: cannot write the output: standard output is closed\n"


def test_a_closed_stderr_keeps_errors_out_of_the_data(env: dict[str, str], tmp_path: Path) -> None:
    usage = _shell(f"exec {sys.executable} -m lunarfacts missions --bogus 2>&-", env, tmp_path)
    assert (usage.returncode, usage.stdout) == (2, b"")
    missing = _shell(f"exec {sys.executable} -m lunarfacts show no-such-thing 2>&-", env, tmp_path)
    assert (missing.returncode, missing.stdout) == (1, b"")
    both = _shell(f"exec {sys.executable} -m lunarfacts missions >&- 2>&-", env, tmp_path)
    assert (both.returncode, both.stdout, both.stderr) == (1, b"", b"")


@pytest.mark.parametrize(
    "args",
    [["missions", "--format", "jsonl"], ["missions", "--fields", "all"], ["timeline", "--format", "table"]],
)
def test_a_non_blocking_stdout_pipe_gets_everything(
    env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    """A pipe left non-blocking by the reader, filled while nobody reads: the writer waits, and the
    output arrives whole."""
    import fcntl

    expected = run_cli(args, env, tmp_path).stdout
    assert len(expected) > 100_000  # more than a pipe holds
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    process = subprocess.Popen(
        [sys.executable, "-m", "lunarfacts", *args],
        env=env,
        cwd=tmp_path,
        stdout=write,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    time.sleep(0.5)  # the pipe fills before anything is read
    got = b""
    while chunk := os.read(read, 65536):
        got += chunk
    os.close(read)
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stderr.close()
    assert (process.wait(timeout=TIMEOUT), stderr) == (0, b"")
    assert got == expected


def test_columns_0_on_a_terminal_still_draws_the_table(env: dict[str, str], tmp_path: Path) -> None:
    for columns in ("0", "wide", "-5"):
        code, shown, stderr = _on_a_terminal(
            ["missions", "--limit", "2"], {**env, "COLUMNS": columns}, tmp_path
        )
        assert (code, stderr) == (0, b""), columns
        assert "pioneer-0" in shown and "2 missions" in shown, columns


# --- messages that quote data as it is --------------------------------------------------------


def test_a_newline_in_a_path_cannot_forge_a_line(env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli(["--data", "a\nlunarfacts: ok", "missions"], env, tmp_path)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert not any(line.startswith("lunarfacts: ok") for line in lines)
    assert "a\\x0alunarfacts: ok: no such file" in result.stderr.decode()


def test_a_character_beyond_the_bmp_is_escaped_in_full(env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli(["show", "\U000e0041zzqq"], env, tmp_path)
    assert result.returncode == 1
    assert "'\\U000E0041zzqq'" in result.stderr.decode()


def test_a_look_alike_letter_in_an_id_is_shown_escaped_and_named(env: dict[str, str], tmp_path: Path) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        '[[missions]]\nid = "luna-1\u0430"\nname = "x"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{ url = "https://e.org", title = "t", kind = "primary" }]\n',
        encoding="utf-8",
    )
    result = run_cli(["check", str(overlay)], env, tmp_path)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "missions[0] (luna-1\\u0430)" in out and "(\\u0430 CYRILLIC SMALL LETTER A)" in out
    assert "\u0430" not in out


# --- the cache under concurrent cold runs -----------------------------------------------------


def test_cold_runs_at_once_agree_and_leave_a_good_cache(env: dict[str, str], tmp_path: Path) -> None:
    """Six first runs racing to write one cache: each answers as a run without a cache does, and the
    cache they leave answers the same."""
    expected = run_cli(["--no-cache", "missions", "--json"], env, tmp_path).stdout
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "lunarfacts", "missions", "--json"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        assert (process.returncode, err, out) == (0, b"", expected)
    assert run_cli(["missions", "--json"], env, tmp_path).stdout == expected
