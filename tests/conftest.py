"""Shared fixtures: run the CLI in-process with a pinned terminal, on the real base or the mini one."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lunarfacts import files
from lunarfacts.cli import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "data" / "mini.toml"
REPO = TESTS.parent
TOML_TEST = REPO.parent / "shared" / "peer" / "toml-test"


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


def completion_env(shell: str, line: str, **extra: str) -> dict[str, str]:
    """The variables a shell's completion script sets for Typer's protocol when TAB is pressed
    after `line` (bash: COMP_WORDS/COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS)."""
    env = {"_LUNARFACTS_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(line.split(" ")) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    return env


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test depends on the terminal, the user's overlays or colour settings."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("LUNARFACTS_DATA", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # On a pseudo-terminal a long output would wait in `less` for a key: no pager unless a test
    # gives one (tests of the pager give a command that records what it was sent).
    monkeypatch.setenv("LUNARFACTS_PAGER", "")
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("LESS", raising=False)


def _invoke(args: list[str], stdin: str = "") -> Result:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO(stdin)
    code = 0
    try:
        main(args)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def run() -> Runner:
    """The CLI on the real bundled fact base."""
    return lambda *args: _invoke(list(args))


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    """The CLI with tests/data/mini.toml standing in for the bundled base."""
    monkeypatch.setattr(files, "bundled_path", lambda: MINI)
    yield lambda *args: _invoke(list(args))


@pytest.fixture
def chart_base(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    """The CLI with tests/data/chart.toml (every kind of bar and mark) standing in for the bundled base."""
    monkeypatch.setattr(files, "bundled_path", lambda: TESTS / "data" / "chart.toml")
    yield lambda *args: _invoke(list(args))


OverlayWriter = Callable[..., Path]


@pytest.fixture
def overlay(tmp_path: Path) -> OverlayWriter:
    """Write a fact file into the test's directory (text as UTF-8, or bytes as given); its path."""

    def write(content: str | bytes, name: str = "overlay.toml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(params=["fast path", "typer"])
def either_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test twice: as a plain command line runs (the fast path where it applies), then with
    every line forced through Typer (LUNARFACTS_NO_FASTPATH=1)."""
    if request.param == "typer":
        monkeypatch.setenv("LUNARFACTS_NO_FASTPATH", "1")
    else:
        monkeypatch.delenv("LUNARFACTS_NO_FASTPATH", raising=False)
    return str(request.param)


def is_url_line(line: str) -> bool:
    """A URL printed whole on a line of its own: the one kind of line allowed past the edge (the
    terminal wraps it, and copying it gives the whole URL back)."""
    text = line.strip()
    return text.startswith(("http://", "https://")) and " " not in text


def too_wide(out: str, width: int) -> list[str]:
    """The lines wider than the terminal, URLs aside."""
    from rich.cells import cell_len

    return [line for line in out.splitlines() if cell_len(line) > width and not is_url_line(line)]
