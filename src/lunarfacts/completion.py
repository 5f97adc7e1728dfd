"""Completion candidates for record refs, vocabulary values and field names, for Typer and the fast path.

Imports no Typer or Rich, and for refs nothing but the cached index's entries: TAB on a REF builds no
record.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lunarfacts.refs import Entry

_HELP_LIMIT = 40  # (at 48 a long claim name made Typer, not the fast completer, answer at 100 columns)
# Shells show the help next to a candidate, apostrophes and all (Chang'e, Chang’e, Beresheet–2); only
# what Typer would read as Rich markup ([ ]) or a shell as a control (\ and controls) goes.
_UNSAFE_HELP = re.compile(r"[\[\]\\\x00-\x1f\x7f-\x9f]")
_SHELL_SAFE = re.compile(r"[\w.+-]+")


def ref_help(record_type: str, name: str) -> str:
    text = _UNSAFE_HELP.sub(" ", f"{record_type}: {name}")
    text = " ".join(text.split())
    return text if len(text) <= _HELP_LIMIT else text[: _HELP_LIMIT - 3].rstrip() + "..."


def ref_candidates(
    entries: Sequence[Entry], incomplete: str, types: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """One candidate per record whose id, name or alias starts like `incomplete`, ignoring case.

    Shells (and Typer) keep only candidates that start with the typed text itself, so the typed
    prefix is kept as typed and completed from the label: `Chang` gives `Change-5`, which resolves
    like `change-5`. Labels with spaces or quotes are not offered: a shell would split them.
    """
    folded = incomplete.lower()
    found = []
    for record_id, record_type, name, aliases, _ in entries:
        if types and record_type not in types:
            continue
        for label in (record_id, name, *aliases):
            lowered = label.lower()
            if len(lowered) == len(label) and lowered.startswith(folded) and _SHELL_SAFE.fullmatch(label):
                found.append((incomplete + label[len(incomplete) :], ref_help(record_type, name)))
                break
    return sorted(found)


def field_candidates(names: Sequence[str], incomplete: str, multiple: bool) -> list[str]:
    """Field names; with `multiple` (for --fields a,b,c) the last comma-separated part is completed."""
    if not multiple:
        return [n for n in names if n.startswith(incomplete)]
    head, _, last = incomplete.rpartition(",")
    chosen = set(head.split(",")) if head else set()
    prefix = f"{head}," if head else ""
    return [prefix + n for n in names if n.startswith(last) and n not in chosen]
