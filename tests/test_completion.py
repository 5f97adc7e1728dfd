"""TAB completion through Typer's `_LUNARFACTS_COMPLETE` protocol (bash, zsh, fish) and in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, Runner, completion_env


def _complete(mini: Runner, monkeypatch: pytest.MonkeyPatch, shell: str, words: str, **env: str) -> str:
    for key, value in completion_env(shell, words, **env).items():
        monkeypatch.setenv(key, value)
    result = mini()
    assert result.code == 0, result
    return result.out


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("lunarfacts show lan", ["lander-1", "lander-2"]),
        ("lunarfacts show 月球", ["月球计划"]),
        ("lunarfacts show ms", ["msP"]),
        ("lunarfacts show xa", ["xa"]),
        ("lunarfacts compare lander-1 Agency", ["Agency-a", "Agency-b"]),
        ("lunarfacts show Land", ["Lander-1", "Lander-2"]),
        ("lunarfacts sources test", ["test-accords", "test-lander"]),
        ("lunarfacts missions --country x", ["xa", "xb"]),
        ("lunarfacts missions --organization ", ["agency-a", "agency-b"]),
        ("lunarfacts agreements --program m", ["moonshot"]),
        ("lunarfacts missions --status p", ["planned", "partial-success"]),
        ("lunarfacts programs --kind c", ["crewed", "commercial"]),
        ("lunarfacts missions --format j", ["json", "jsonl"]),
        ("lunarfacts missions --sort la", ["launch_date", "landing_date", "launch_vehicle", "landing_crew"]),
        ("lunarfacts countries --fields id,iso", ["id,iso_code"]),
        ("lunarfacts mis", ["missions"]),
    ],
)
def test_bash_completion(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, words: str, expected: list[str]
) -> None:
    assert _complete(mini, monkeypatch, "bash", words).splitlines() == expected


def test_zsh_completion_shows_descriptions(mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _complete(mini, monkeypatch, "zsh", "lunarfacts show lan")
    assert (
        out
        == '_arguments \'*: :(("lander-1":"mission\\\\: Lander 1"\n"lander-2":"mission\\\\: Lander 2"))\'\n'
    )


def test_fish_completion_shows_descriptions(mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _complete(mini, monkeypatch, "fish", "lunarfacts show lan", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert out.splitlines() == ["lander-1\tmission: Lander 1", "lander-2\tmission: Lander 2"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_completion_in_a_real_bash(tmp_path: Path) -> None:
    """Source the script from --show-completion and run its function as bash would on TAB."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "lunarfacts"
    launcher.write_text(
        f"#!{sys.executable}\n"
        "from pathlib import Path\n"
        "from lunarfacts import files\n"
        f"files.bundled_path = lambda: str(Path({str(MINI)!r}))\n"
        "from lunarfacts.cli import main\n"
        "main()\n"
    )
    launcher.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "SHELL": "/bin/bash"}
    env.pop("_LUNARFACTS_COMPLETE", None)
    script = subprocess.run(
        [str(launcher), "--show-completion", "bash"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "complete -o default -F _lunarfacts_completion lunarfacts" in script
    probe = (
        script
        + "\nCOMP_WORDS=(lunarfacts show lan)\nCOMP_CWORD=2\n"
        + "_lunarfacts_completion lunarfacts show lan\n"
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.splitlines() == ["lander-1", "lander-2"]


# --- in the real shells: what a person pressing TAB sees -------------------------------------

_PUNCTUATED = """
[[missions]]
id = "quote-test-1"
name = "Chang'e Test"
summary = "An apostrophe in a name."
sources = [{ url = "https://example.org/q1", title = "t", kind = "primary" }]
as_of = 2026-01-01

[[missions]]
id = "quote-test-2"
name = "Chang’e – “Test” $HOME `x`: a"
summary = "Curly quotes, a dash, a dollar, a backtick and a colon in a name."
sources = [{ url = "https://example.org/q2", title = "t", kind = "primary" }]
as_of = 2026-01-01
"""
_SHOWN = ["mission: Chang'e Test", "mission: Chang’e – “Test” $HOME `x`: a"]


def _shell_env(tmp_path: Path, shell: str) -> tuple[dict[str, str], str]:
    """A `lunarfacts` on PATH that reads the mini base plus names full of punctuation, and the
    completion script for `shell` as `--show-completion` gives it there."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "lunarfacts"
    launcher.write_text(
        f"#!{sys.executable}\n"
        "from pathlib import Path\n"
        "from lunarfacts import files\n"
        f"files.bundled_path = lambda: str(Path({str(MINI)!r}))\n"
        "from lunarfacts.cli import main\n"
        "main()\n"
    )
    launcher.chmod(0o755)
    overlay = tmp_path / "punctuated.toml"
    overlay.write_text(_PUNCTUATED, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "SHELL": f"/bin/{shell}",
        "LUNARFACTS_DATA": str(overlay),
        "COLUMNS": "120",
    }
    env.pop("_LUNARFACTS_COMPLETE", None)
    # what `--show-completion` prints in that shell (it detects the shell from the parent process)
    from typer.completion import get_completion_script

    return env, get_completion_script(
        prog_name="lunarfacts", complete_var="_LUNARFACTS_COMPLETE", shell=shell
    )


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh (CI installs it)")
def test_zsh_shows_apostrophes_and_punctuation_as_written(tmp_path: Path) -> None:
    env, script = _shell_env(tmp_path, "zsh")
    (tmp_path / "complete.zsh").write_text(script)
    out = tmp_path / "offered"
    capture = Path(__file__).parent / "shells" / "capture.zsh"
    subprocess.run(
        ["zsh", "-f", str(capture), str(out), str(tmp_path / "complete.zsh"), "lunarfacts show quote-"],
        env=env,
        timeout=60,
        check=True,
    )
    offered = out.read_text(encoding="utf-8").splitlines()
    assert [line.split(" -- ", 1)[1] for line in offered] == _SHOWN


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish (CI installs it)")
def test_fish_shows_apostrophes_and_punctuation_as_written(tmp_path: Path) -> None:
    env, script = _shell_env(tmp_path, "fish")
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"{script}\ncomplete -C 'lunarfacts show quote-'"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.splitlines() == [
        f"quote-test-{n}\t{shown}" for n, shown in ((1, _SHOWN[0]), (2, _SHOWN[1]))
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_offers_the_ids_of_punctuated_names(tmp_path: Path) -> None:
    env, script = _shell_env(tmp_path, "bash")
    probe = (
        script
        + "\nCOMP_WORDS=(lunarfacts show quote-)\nCOMP_CWORD=2\n"
        + "_lunarfacts_completion lunarfacts show quote-\n"
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.splitlines() == ["quote-test-1", "quote-test-2"]
