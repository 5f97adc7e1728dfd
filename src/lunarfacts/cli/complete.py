"""TAB candidates for values, shared by the fast completer and the Typer app's autocompletion.

Light (no typing, no Typer, no Rich): refs come from the cached REF index, so TAB on a REF unpacks no
record.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lunarfacts.cli.spec import Command


def refs(overlays: Sequence[str], incomplete: str, types: Sequence[str]) -> list[tuple[str, str]]:
    """Record refs starting like `incomplete`, with a short description each; none when the fact
    files cannot be loaded (TAB is no place for an error)."""
    from lunarfacts.cli.session import Session
    from lunarfacts.completion import ref_candidates
    from lunarfacts.errors import LunarfactsError

    session = Session(overlays=list(overlays))
    try:
        return ref_candidates(session.entries(), incomplete, types)
    except LunarfactsError:
        return []
    finally:
        session.close()


def field_names(command: Command) -> list[str]:
    """What --fields and --sort of a command name."""
    if command.fields == "events":
        from lunarfacts.timeinfo import EVENT_FIELDS

        return list(EVENT_FIELDS)
    from lunarfacts.rules import all_field_names

    return all_field_names(None if command.fields == "any" else command.fields)


def fields(command: Command, incomplete: str, many: bool) -> list[str]:
    from lunarfacts.completion import field_candidates

    return field_candidates(field_names(command), incomplete, many)
