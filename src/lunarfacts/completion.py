"""Completion candidates for record refs, enum values and field names, shared by Typer and the fast path.

Imports the core only (never Typer or Rich): the fast path answers TAB without building the app.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from lunarfacts.loader import FactBase
from lunarfacts.model import Record, RecordType
from lunarfacts.query import all_field_names

_HELP_LIMIT = 48
# Shells show the help next to a candidate; Typer renders it as Rich markup, so keep it to plain words.
_UNSAFE_HELP = re.compile(r"[^\w .,'()/&+-]")
_SHELL_SAFE = re.compile(r"[\w.+-]+")


def ref_help(record: Record) -> str:
    text = _UNSAFE_HELP.sub(" ", f"{record.TYPE.value}: {record.name}")
    text = " ".join(text.split())
    return text if len(text) <= _HELP_LIMIT else text[: _HELP_LIMIT - 3].rstrip() + "..."


def ref_candidates(
    base: FactBase, incomplete: str, types: Sequence[RecordType] = ()
) -> list[tuple[str, str]]:
    """One candidate per record whose id, name or alias starts like `incomplete`, ignoring case.

    Shells (and Typer) keep only candidates that start with the typed text itself, so the typed
    prefix is kept as typed and completed from the label: `Chang` gives `Change-5`, which resolves
    like `change-5`. Labels with spaces or quotes are not offered: a shell would split them.
    """
    folded = incomplete.lower()
    found = []
    for record in base.records:
        if types and record.TYPE not in types:
            continue
        for label in (record.id, record.name, *record.aliases):
            lowered = label.lower()
            if len(lowered) == len(label) and lowered.startswith(folded) and _SHELL_SAFE.fullmatch(label):
                found.append((incomplete + label[len(incomplete) :], ref_help(record)))
                break
    return sorted(found)


def enum_candidates(choices: type[enum.Enum], incomplete: str) -> list[str]:
    return [str(m.value) for m in choices if str(m.value).startswith(incomplete)]


def field_candidates(record_type: RecordType | None, incomplete: str, multiple: bool) -> list[str]:
    """Field names; with `multiple` (for --fields a,b,c) the last comma-separated part is completed."""
    names = all_field_names(record_type)
    if not multiple:
        return [n for n in names if n.startswith(incomplete)]
    head, _, last = incomplete.rpartition(",")
    chosen = set(head.split(",")) if head else set()
    prefix = f"{head}," if head else ""
    return [prefix + n for n in names if n.startswith(last) and n not in chosen]
