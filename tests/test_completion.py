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
    assert out == '_arguments \'*: :(("lander-1":"mission Lander 1"\n"lander-2":"mission Lander 2"))\'\n'


def test_fish_completion_shows_descriptions(mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _complete(mini, monkeypatch, "fish", "lunarfacts show lan", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert out.splitlines() == ["lander-1\tmission Lander 1", "lander-2\tmission Lander 2"]


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
