"""The fast path (no Typer) answers exactly as Typer does, and hands Typer everything else.

Every command line and TAB position below runs through both paths (LUNARFACTS_NO_FASTPATH=1 forces
Typer) and the outputs must be identical; the fast path's option tables must match the Typer commands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from lunarfacts.cli import fastpath
from lunarfacts.cli.app import build_app

from .conftest import Runner, completion_env

PLAIN_LINES = [
    ["missions", "--json"],
    ["missions", "--format", "table"],
    ["missions", "-f", "csv", "--fields", "id,launch_date,samples_g"],
    ["missions", "--status", "planned", "--kind", "lander", "--format=jsonl"],
    ["missions", "--country", "Xbovia", "--json"],
    [
        "missions",
        "--organization",
        "agency a",
        "--program",
        "MSP",
        "--sort",
        "name",
        "--reverse",
        "--limit",
        "1",
    ],
    ["missions", "--since", "2026", "--until", "2030-Q1", "--json"],
    ["--as-of", "2021-03-09", "programs", "--json"],
    ["--no-color", "--no-cache", "organizations", "--country", "xa"],
    ["countries", "--sort", "space_budget_usd", "--format", "tsv"],
    ["agreements", "--kind", "contract", "--format", "table"],
    ["show", "Lander 1", "--json"],
    ["show", "moonshot", "--format", "table"],
    ["show", "--fields", "id,name", "月球计划"],
    ["sources", "test-accords", "--format", "csv"],
    ["compare", "lander-1", "lander-2", "--format", "table", "--fields", "id,kind"],
    ["compare", "lander-1", "moonshot", "--json"],
    ["search", "sample", "return", "--json", "--limit", "1"],
    ["search", "test", "--type", "country", "--format", "table"],
    ["schema", "mission"],
    ["schema"],
    # lines the fast path runs that end in a domain error, identical either way
    ["show", "nothing-like-this"],
    ["missions", "--fields", "id,nope"],
    ["missions", "--sort", "lauch_date"],
    ["missions", "--since", "2021-13"],
    ["compare", "lander-1"],
    ["missions", "--json", "--format", "csv"],
]

TYPER_ONLY_LINES = [
    ["--help"],
    ["missions", "--help"],
    ["--version"],
    ["missions", "--status", "done"],
    ["missions", "--limit", "-1"],
    ["missions", "--limit=x"],
    ["missions", "--bogus"],
    ["missions", "--json=yes"],
    ["missions", "--", "x"],
    ["mission"],
    ["show"],
    ["show", "a", "b"],
    ["--as-of", "yesterday", "missions"],
    ["missions", "--fields"],
    ["schema", "nope"],
    ["timeline"],
    ["check"],
    [],
]


def _both(mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[object, object]:
    fast = mini(*args)
    monkeypatch.setenv(fastpath.ENV_NO_FASTPATH, "1")
    slow = mini(*args)
    monkeypatch.delenv(fastpath.ENV_NO_FASTPATH)
    return fast, slow


@pytest.mark.parametrize("args", PLAIN_LINES, ids=" ".join)
def test_plain_lines_take_the_fast_path_and_match_typer(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    assert fastpath.parse(args) is not None
    fast, slow = _both(mini, monkeypatch, args)
    assert fast == slow


@pytest.mark.parametrize("args", TYPER_ONLY_LINES, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert fastpath.parse(args) is None


def test_option_tables_match_the_typer_commands() -> None:
    group = typer.main.get_command(build_app())
    assert isinstance(group, typer.main.TyperGroup)
    for name, fast in fastpath.COMMANDS.items():
        command = group.commands[name]
        options = {}
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                for opt in param.opts:
                    choices = tuple(str(c) for c in getattr(param.type, "choices", ()))
                    options[opt] = (param.is_flag, choices)  # type: ignore[attr-defined]
        expected = {
            opt: (spec.kind is fastpath.Kind.FLAG, spec.choices) for opt, spec in fast.options.items()
        }
        assert options == expected, name
    root = {opt for param in group.params for opt in param.opts} - {"--help", "-h", "--version"}
    root -= {"--install-completion", "--show-completion"}
    assert root == set(fastpath.GLOBAL_OPTIONS)


COMPLETION_LINES = [
    "lunarfacts show lan",
    "lunarfacts show ",
    "lunarfacts show Land",
    "lunarfacts show 月球",
    "lunarfacts show --json lan",
    "lunarfacts show --fields id lan",
    "lunarfacts --no-color show xa",
    "lunarfacts sources t",
    "lunarfacts compare lander-1 Agency",
    "lunarfacts compare lander-1 lander-2 ",
    "lunarfacts missions --country x",
    "lunarfacts missions --organization ",
    "lunarfacts missions --program m",
    "lunarfacts agreements --program ",
    "lunarfacts missions --status p",
    "lunarfacts missions --status ",
    "lunarfacts programs --kind c",
    "lunarfacts missions --format j",
    "lunarfacts missions -f ",
    "lunarfacts missions --sort la",
    "lunarfacts countries --fields id,iso",
    "lunarfacts missions --fields ",
    "lunarfacts search --type c",
    "lunarfacts missions --fields --status ",
    "lunarfacts show lander-1 ",
    "lunarfacts mis",
    "lunarfacts missions --",
    "lunarfacts ",
    "lunarfacts missions --limit ",
    "lunarfacts schema ",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", COMPLETION_LINES)
def test_completion_matches_typer_at_every_position(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, shell: str, line: str
) -> None:
    for key, value in completion_env(shell, line, _TYPER_COMPLETE_FISH_ACTION="get-args").items():
        monkeypatch.setenv(key, value)
    fast, slow = _both(mini, monkeypatch, [])
    assert fast == slow


def test_fish_is_args_status(mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_LUNARFACTS_COMPLETE", "complete_fish")
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "is-args")
    for line, code in (("lunarfacts show lan", 0), ("lunarfacts show zzz", 1)):
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        fast, slow = _both(mini, monkeypatch, [])
        assert fast == slow
        assert fast.code == code  # type: ignore[attr-defined]


def test_overlays_on_the_line_are_completed_too(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        '[[countries]]\nid = "xz"\nname = "Xzania"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{url = "https://e.org", title = "t"}]\n'
    )
    monkeypatch.setenv("_LUNARFACTS_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", f"lunarfacts --data {overlay} show xz")
    monkeypatch.setenv("COMP_CWORD", "4")
    fast, slow = _both(mini, monkeypatch, [])
    assert fast == slow
    assert fast.out == "xz\n"  # type: ignore[attr-defined]


ANSWERED_WITHOUT_TYPER = [
    "lunarfacts show lan",
    "lunarfacts show ",
    "lunarfacts show --fields id lan",
    "lunarfacts compare lander-1 lander-2 ",
    "lunarfacts missions --country x",
    "lunarfacts missions --status p",
    "lunarfacts missions -f ",
    "lunarfacts countries --fields id,iso",
    "lunarfacts missions --fields --status ",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", ANSWERED_WITHOUT_TYPER)
def test_value_positions_are_answered_without_typer(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, shell: str, line: str
) -> None:
    from lunarfacts.cli.fastcomplete import try_complete

    env = completion_env(shell, line, _TYPER_COMPLETE_FISH_ACTION="get-args", COLUMNS="100")
    assert try_complete(env) is not None
