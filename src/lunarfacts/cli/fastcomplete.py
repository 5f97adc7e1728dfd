"""Answer TAB for values (record refs, vocabulary values, field names) without importing Typer.

It speaks Typer's `_LUNARFACTS_COMPLETE` protocol for bash, zsh and fish exactly as Typer does (the
words come from COMP_WORDS or _TYPER_COMPLETE_ARGS, the answer is printed in each shell's format),
reading the command line by the one command table. It answers only when the word being completed is
the value of a known option or an argument it can complete; command names, option names and anything
unusual give None, and Typer answers them. Tests compare both for every completable position.

Light: no typing, no Typer, and no record is unpacked to list refs (the cache's index serves).
"""

from __future__ import annotations

import os
import re

from lunarfacts.cli.fastpath import ENV_NO_FASTPATH
from lunarfacts.cli.spec import BY_NAME, GLOBAL_OPTIONS, Argument, Command, Kind, Option, find_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

COMPLETE_VAR = "_LUNARFACTS_COMPLETE"
_SHELLS = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}
_PLAIN_WORDS = re.compile(r"[^\"'\\]*")  # nothing shlex would treat specially
_SPACES = re.compile(r"[ \t\r\n]+")  # shlex's whitespace
_ANY_SPACE = re.compile(r"\s")


class Answer:
    """What to print (a line, as Typer echoes it; None for nothing) and the exit status, through
    which fish asks 'are there candidates?'."""

    __slots__ = ("code", "text")

    def __init__(self, text: str | None, code: int = 0) -> None:
        self.text = text
        self.code = code


def split_arg_string(string: str) -> list[str]:
    """Split like the shell, keeping an unfinished quote's partial word (as click does for Typer)."""
    if _PLAIN_WORDS.fullmatch(string):
        return [word for word in _SPACES.split(string) if word]
    import shlex  # only a line with quotes or backslashes pays for it

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


class _Wanted:
    __slots__ = ("command", "overlays", "target")

    def __init__(self, command: Command, target: Option | Argument, overlays: list[str]) -> None:
        self.command = command
        self.target = target  # the option whose value is wanted, or the argument
        self.overlays = overlays  # --data values before the command, so TAB sees the same records


def _what_to_complete(args: Sequence[str]) -> _Wanted | None:
    """What the word under the cursor is, read as click would; None when Typer should say."""
    index = 0
    overlays: list[str] = []
    while index < len(args) and args[index].startswith("-"):
        option = find_option(GLOBAL_OPTIONS, args[index])
        if option is None or option.kind == Kind.VERSION or "=" in args[index]:
            return None  # something unusual: Typer answers
        if option.dest == "data" and index + 1 < len(args):
            overlays.append(args[index + 1])
        index += 2 if option.takes_value else 1
    if index >= len(args) or args[index] not in BY_NAME:
        return None
    command = BY_NAME[args[index]]
    rest = args[index + 1 :]
    if rest and rest[-1].startswith("-") and rest[-1] != "-":
        option = find_option(command.options, rest[-1])
        if option is None:
            return None
        if option.takes_value and "=" not in rest[-1]:  # click: the last word wants a value
            return _Wanted(command, option, overlays)
    # Count the positional values already given, skipping option values as click's parser does.
    given = 0
    position = 0
    while position < len(rest):
        token = rest[position]
        if token == "--":
            return None
        if token.startswith("-") and token != "-":
            option = find_option(command.options, token)
            if option is None:
                return None
            position += 2 if (option.takes_value and "=" not in token) else 1
        else:
            given += 1
            position += 1
    for argument in command.arguments:
        if argument.most is None:
            return _Wanted(command, argument, overlays)
        if given < argument.most:
            return _Wanted(command, argument, overlays)
        given -= argument.most
    return None


def _candidates(wanted: _Wanted, incomplete: str) -> list[tuple[str, str | None]] | None:
    from lunarfacts.cli import complete

    target = wanted.target
    if target.choices:
        return [(choice, None) for choice in target.choices if choice.startswith(incomplete)]
    if target.kind in (Kind.FIELDS, Kind.FIELD):
        values = complete.fields(wanted.command, incomplete, target.kind == Kind.FIELDS)
        return [(value, None) for value in values]
    if target.kind == Kind.REF:
        return [(value, text) for value, text in complete.refs(wanted.overlays, incomplete, target.types)]
    return None


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
    """Text for a `"value":"help"` item of `_arguments '*: :((...))'`, which zsh reads three times:
    `eval` of the single-quoted whole (so a ' is '\\''), then _arguments' unquoting of each item (so
    \\ " $ ` are escaped), then its split at an unescaped colon (so : and \\ are escaped once more).
    Typer writes ' as '' and " as "", which zsh drops: "Chang'e 5" showed as "Change 5"."""
    text = (
        text.replace("\\", "\\\\\\\\")
        .replace('"', '\\"')
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", "\\\\:")
    )
    return text.replace("'", "'\\''")


def zsh_item(value: str, help_text: str | None) -> str:
    """One candidate as zsh's `_arguments` takes it: the value, and its help after a colon."""
    if help_text:
        return f'"{_zsh_escape(value)}":"{_zsh_escape(help_text)}"'
    return f'"{_zsh_escape(value)}"'


def _format(shell: str, items: list[tuple[str, str | None]], env: Mapping[str, str]) -> Answer | None:
    if shell == "bash":
        return Answer("\n".join(value for value, _ in items))
    helps = [h for _, h in items if h]
    if helps and max(len(h) for h in helps) * 2 + 4 >= _rich_width(env):
        return None  # Typer would let Rich wrap the help text; leave that to it
    if shell == "zsh":
        if not items:
            return Answer("_files")
        lines = [zsh_item(value, help_text) for value, help_text in items]
        joined = "\n".join(lines)
        return Answer(f"_arguments '*: :(({joined}))'")
    action = env.get("_TYPER_COMPLETE_FISH_ACTION", "")
    shown = [f"{value}\t{_ANY_SPACE.sub(' ', h)}" if h else value for value, h in items]
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
    items = _candidates(wanted, incomplete)
    if items is None:
        return None
    return _format(shell, items, env)
