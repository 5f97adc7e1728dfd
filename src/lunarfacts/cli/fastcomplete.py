"""Answer TAB for values (record refs, enum values, field names) without importing Typer.

It speaks Typer's `_LUNARFACTS_COMPLETE` protocol for bash, zsh and fish exactly as Typer does (the words
come from COMP_WORDS or _TYPER_COMPLETE_ARGS, the answer is printed in each shell's format), reading the
command line with the fast path's option tables. It answers only when the word being completed is the
value of a known option or a REF argument; command names, option names and anything unusual return
None, and Typer answers them. Tests compare both for every completable position.
"""

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from lunarfacts.cli.fastpath import COMMANDS, ENV_NO_FASTPATH, GLOBAL_OPTIONS, Kind, Opt
from lunarfacts.model import RecordType

COMPLETE_VAR = "_LUNARFACTS_COMPLETE"
_SHELLS = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}
_TYPES = {t.value: t for t in RecordType}
_WHITESPACE = re.compile(r"\s")


class Answer(NamedTuple):
    """What to print (a line, as Typer echoes it; None for nothing) and the exit status, through
    which fish asks 'are there candidates?'."""

    text: str | None
    code: int = 0


def split_arg_string(string: str) -> list[str]:
    """Split like the shell, keeping an unfinished quote's partial word (as click does for Typer)."""
    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:
        out.append(lex.token)
    return out


def completion_args(shell: str, env: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the cursor and the word being completed, as Typer's shell classes read them."""
    if shell == "bash":
        words = split_arg_string(env.get("COMP_WORDS", ""))
        try:
            cword = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return None
        args = words[1:cword]
        incomplete = words[cword] if cword < len(words) else ""
        return args, incomplete
    line = env.get("_TYPER_COMPLETE_ARGS", "")
    words = split_arg_string(line)
    args = words[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


class _Wanted(NamedTuple):
    command: str
    option: Opt | None  # the option whose value is wanted; None for a positional
    choices: tuple[str, ...]
    overlays: list[str]  # --data values before the command, so completion sees the same records


def _what_to_complete(args: Sequence[str]) -> _Wanted | None:
    """What the word under the cursor is, read as click would; None when Typer should say."""
    index = 0
    overlays: list[str] = []
    while index < len(args) and args[index].startswith("-"):
        option = GLOBAL_OPTIONS.get(args[index])
        if option is None:
            return None  # something unusual: Typer answers
        if option.dest == "data" and index + 1 < len(args):
            overlays.append(args[index + 1])
        index += 1 if option.kind is Kind.FLAG else 2
    if index >= len(args) or args[index] not in COMMANDS:
        return None
    name = args[index]
    command = COMMANDS[name]
    rest = args[index + 1 :]
    if rest and rest[-1].startswith("-") and rest[-1] != "-":
        option = command.options.get(rest[-1])
        if option is None:
            return None
        if option.kind is not Kind.FLAG:  # click: the last word names an option that wants a value
            return _Wanted(name, option, option.choices, overlays)
    # Count the positional values already given, skipping option values as click's parser does.
    given = 0
    position = 0
    while position < len(rest):
        token = rest[position]
        if token == "--":
            return None
        if token.startswith("-") and token != "-":
            option = command.options.get(token.partition("=")[0])
            if option is None:
                return None
            position += 1 if (option.kind is Kind.FLAG or "=" in token) else 2
        else:
            given += 1
            position += 1
    if command.positional_completes is None or (command.most is not None and given >= command.most):
        return None
    return _Wanted(name, None, (), overlays)


def _candidates(
    command: str, option: Opt | None, choices: tuple[str, ...], incomplete: str, overlays: list[str]
) -> list[tuple[str, str | None]] | None:
    completes = option.completes if option is not None else COMMANDS[command].positional_completes
    if choices:
        return [(choice, None) for choice in choices if choice.startswith(incomplete)]
    if completes in ("fields", "sort"):
        from lunarfacts.completion import field_candidates

        record_type = next((t for t in RecordType if t.plural == command), None)
        values = field_candidates(record_type, incomplete, multiple=completes == "fields")
        return [(value, None) for value in values]
    if completes is None or not completes.startswith("ref"):
        return None
    from lunarfacts.cache import cache_disabled, load_with_cache
    from lunarfacts.completion import ref_candidates
    from lunarfacts.errors import DataError
    from lunarfacts.loader import data_paths, load_facts

    try:
        base = load_with_cache(data_paths(overlays), load_facts, not cache_disabled()).base
    except DataError:
        return []
    _, _, type_name = completes.partition(":")
    types = (_TYPES[type_name],) if type_name else ()
    return [(value, help_text) for value, help_text in ref_candidates(base, incomplete, types)]


def _rich_width(env: Mapping[str, str]) -> int:
    """The width Rich would wrap Typer's help text at, so wrapped help makes us defer to Typer."""
    for name in ("TERMINAL_WIDTH", "COLUMNS"):
        try:
            return int(env.get(name, ""))
        except ValueError:
            continue
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns
        except OSError:
            continue
    return 80


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _format(shell: str, items: list[tuple[str, str | None]], env: Mapping[str, str]) -> Answer | None:
    if shell == "bash":
        return Answer("\n".join(value for value, _ in items))
    helps = [h for _, h in items if h]
    if helps and max(len(h) for h in helps) * 2 + 4 >= _rich_width(env):
        return None  # Typer would let Rich wrap the help text; leave that to it
    if shell == "zsh":
        if not items:
            return Answer("_files")
        lines = [
            f'"{_zsh_escape(value)}":"{_zsh_escape(help_text)}"' if help_text else f'"{_zsh_escape(value)}"'
            for value, help_text in items
        ]
        joined = "\n".join(lines)
        return Answer(f"_arguments '*: :(({joined}))'")
    action = env.get("_TYPER_COMPLETE_FISH_ACTION", "")
    shown = [f"{value}\t{_WHITESPACE.sub(' ', h)}" if h else value for value, h in items]
    if action == "get-args":
        return Answer("\n".join(shown) if shown else "")
    if action == "is-args":
        return Answer(None, 0 if shown else 1)
    return Answer("")


def try_complete(environ: Mapping[str, str] | None = None) -> Answer | None:
    """The answer to a TAB request, or None to let Typer answer it."""
    env = os.environ if environ is None else environ
    shell = _SHELLS.get(env.get(COMPLETE_VAR, ""))
    if shell is None or env.get(ENV_NO_FASTPATH):
        return None
    read = completion_args(shell, env)
    if read is None:
        return None
    args, incomplete = read
    if incomplete.startswith("-") or "--" in args:
        return None
    wanted = _what_to_complete(args)
    if wanted is None:
        return None
    items = _candidates(wanted.command, wanted.option, wanted.choices, incomplete, wanted.overlays)
    if items is None:
        return None
    return _format(shell, items, env)
