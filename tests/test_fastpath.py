"""The fast path (no Typer) answers exactly as Typer does, and hands Typer everything else.

The command lines and TAB positions are generated from the one command table: every declared command,
argument and option (each value of a choice) runs through both paths (LUNARFACTS_NO_FASTPATH=1 forces
Typer), and the outputs must be identical. A new option is covered without writing a test for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lunarfacts.cli import fastpath
from lunarfacts.cli.spec import COMMANDS, GLOBAL_OPTIONS, Argument, Command, Kind, Option
from lunarfacts.cli.typerapp import build_app

from .conftest import MINI, Runner, completion_env

OUT = "{out}"  # a file to write: each run writes its own, in the test's directory
# A value of each kind that the mini base gives a meaning to.
_REFS = {"organization": "agency-a", "country": "xa", "program": "moonshot"}
_SAMPLES = {Kind.COUNT: "1", Kind.DATE: "2021", Kind.FIELDS: "id,name", Kind.FIELD: "name", Kind.TEXT: "test"}


def _values(kind: str, choices: tuple[str, ...], types: tuple[str, ...]) -> list[str]:
    if choices:
        return list(choices)
    if kind == Kind.REF:
        return [_REFS.get(types[0], "lander-1") if types else "lander-1"]
    if kind == Kind.PATH:
        return [str(MINI)]
    if kind == Kind.OUTPUT:
        return [OUT]
    return [_SAMPLES[kind]]


def _argument_words(argument: Argument) -> list[str]:
    if argument.kind == Kind.REF:
        return ["lander-1", "moonshot"][: max(argument.least, 2 if argument.most is None else 1)]
    return _values(argument.kind, argument.choices, argument.types)[:1] if argument.least else []


def _base(command: Command) -> list[str]:
    return [command.name, *(word for a in command.arguments for word in _argument_words(a))]


def _option_lines(command: Command, option: Option) -> list[list[str]]:
    base = _base(command)
    if not option.takes_value:
        return [[*base, option.names[0]]]
    lines = [[*base, option.names[0], value] for value in _values(option.kind, option.choices, option.types)]
    lines.append([*base, f"{option.names[0]}={lines[0][-1]}"])  # the attached form
    lines += [[*base, name, lines[0][-1]] for name in option.names[1:]]  # the short name
    return lines


def _plain_lines() -> list[list[str]]:
    lines: list[list[str]] = []
    for command in COMMANDS:
        lines.append(_base(command))
        for option in command.options:
            lines.extend(_option_lines(command, option))
        for index, argument in enumerate(command.arguments):
            for value in argument.choices:  # each choice, with the other arguments as in _base
                words = [_argument_words(a) for a in command.arguments]
                words[index] = [value]
                lines.append([command.name, *(word for group in words for word in group)])
    for option in GLOBAL_OPTIONS:
        if option.kind == Kind.VERSION:
            continue
        if option.takes_value:
            value = "2021-03-09" if option.kind == Kind.DATE else str(MINI)
            lines.append([option.names[0], value, "programs", "--json"])
        else:
            lines.append([option.names[0], "missions"])
    return lines


PLAIN_LINES = _plain_lines()

# Lines the fast path runs that end in a domain error, identical either way.
DOMAIN_ERRORS = [
    ["show", "nothing-like-this"],
    ["missions", "--fields", "id,nope"],
    ["missions", "--sort", "lauch_date"],
    ["missions", "--since", "2021-13"],
    ["--as-of", "yesterday", "missions"],
    ["compare", "lander-1"],
    ["missions", "--json", "--format", "csv"],
    ["timeline", "--chart", "--json"],
    ["missions", "--country", ""],
]

TYPER_ONLY_LINES = [
    ["--help"],
    ["missions", "--help"],
    ["--version"],
    ["missions", "--status", "done"],
    ["missions", "--limit", "-1"],
    ["missions", "--limit", "1000000000000000000000"],
    ["missions", "--limit=x"],
    ["missions", "--bogus"],
    ["missions", "--json=yes"],
    ["missions", "--", "x"],
    ["missions", "-fjson"],
    ["mission"],
    ["show"],
    ["show", "a", "b"],
    ["missions", "--fields"],
    ["schema", "nope"],
    [],
]


def _both(mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[object, object]:
    fast = mini(*args)
    monkeypatch.setenv(fastpath.ENV_NO_FASTPATH, "1")
    slow = mini(*args)
    monkeypatch.delenv(fastpath.ENV_NO_FASTPATH)
    return fast, slow


@pytest.mark.parametrize("args", PLAIN_LINES + DOMAIN_ERRORS, ids=" ".join)
def test_every_declared_line_takes_the_fast_path_and_matches_typer(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "written"
    args = [word.replace(OUT, str(out)) for word in args]
    assert fastpath.parse(args) is not None
    fast = mini(*args)
    out.unlink(missing_ok=True)  # what the first run wrote, so the second writes it afresh
    monkeypatch.setenv(fastpath.ENV_NO_FASTPATH, "1")
    slow = mini(*args)
    assert fast == slow


def test_every_command_and_option_is_covered() -> None:
    covered = {(line[0], word) for line in PLAIN_LINES for word in line[1:] if word.startswith("-")}
    for command in COMMANDS:
        for option in command.options:
            assert (command.name, option.names[0]) in covered, (command.name, option.names)


@pytest.mark.parametrize("args", TYPER_ONLY_LINES, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert fastpath.parse(args) is None


def test_the_typer_app_declares_what_the_table_declares() -> None:
    import typer.main

    group = typer.main.get_command(build_app())
    assert isinstance(group, typer.main.TyperGroup)
    assert list(group.commands) == [command.name for command in COMMANDS]
    for command in COMMANDS:
        params = group.commands[command.name].params
        options = {opt for p in params if p.param_type_name == "option" for opt in p.opts} - {"--help", "-h"}
        assert options == {name for option in command.options for name in option.names}, command.name
        arguments = [p.name for p in params if p.param_type_name == "argument"]
        assert arguments == [a.name for a in command.arguments]
    root = {opt for param in group.params for opt in param.opts} - {"--help", "-h"}
    root -= {"--install-completion", "--show-completion"}
    assert root == {name for option in GLOBAL_OPTIONS for name in option.names}


def _completion_lines() -> list[str]:
    lines = ["lunarfacts mis", "lunarfacts missions --", "lunarfacts ", "lunarfacts show lander-1 "]
    for command in COMMANDS:
        base = " ".join(["lunarfacts", command.name])
        for option in command.options:
            if option.takes_value:
                lines.append(f"{base} {option.names[0]} ")
                sample = _values(option.kind, option.choices, option.types)[0]
                lines.append(f"{base} {option.names[0]} {sample[:2]}")
        for argument in command.arguments:
            lines.append(f"{base} ")
            lines.append(f"{base} --json la")
            if argument.most is None:
                lines.append(f"{base} lander-1 ")
    lines += [
        "lunarfacts show 月球",
        "lunarfacts show Land",
        "lunarfacts --no-color show xa",
        "lunarfacts missions --fields --status ",
        "lunarfacts countries --fields id,iso",
    ]
    return list(dict.fromkeys(lines))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", _completion_lines())
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
        'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
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
    "lunarfacts timeline --type la",
    "lunarfacts schema m",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", ANSWERED_WITHOUT_TYPER)
def test_value_positions_are_answered_without_typer(mini: Runner, shell: str, line: str) -> None:
    from lunarfacts.cli.fastcomplete import try_complete

    env = completion_env(shell, line, _TYPER_COMPLETE_FISH_ACTION="get-args", COLUMNS="100")
    assert try_complete(env) is not None
