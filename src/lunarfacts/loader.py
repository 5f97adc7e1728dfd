"""Parse and validate fact files into a FactBase, collecting every problem before raising one error.

The only place where untyped TOML becomes records, by the converters of `rules`. Imports the model,
the rules, files and errors only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lunarfacts.errors import DataError, Problem, Severity
from lunarfacts.escape import ascii_body
from lunarfacts.files import FactFile, read_fact_files
from lunarfacts.model import FactBase, Loaded, Record, Replacement
from lunarfacts.rules import (
    REF_SLOTS,
    TYPE_BY_PLURAL,
    TYPES,
    complete,
    convert_record,
    describe,
    did_you_mean,
    explain_record,
    quoted,
    record_lints,
    record_problems,
    record_warnings,
    references,
    shown,
)

_BOM = b"\xef\xbb\xbf"

# --- parsing ----------------------------------------------------------------------------------


def parse_document(raw: bytes, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse one file's bytes as TOML; text that cannot be parsed gives one located problem."""
    from lunarfacts._compat import tomllib  # a run served from the cache never parses TOML

    # An editor's byte-order mark is allowed (toml-test's valid/utf8-bom-*); without "-sig", tomllib
    # called such a file invalid TOML at line 1, column 1. Offsets count from the file's first byte.
    bom = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = error.start + bom
        return None, [Problem(name, f"is not UTF-8 text (byte {where} cannot be decoded)")]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = getattr(error, "msg", None) or str(error)
        return None, [Problem(name, f"is not valid TOML: {message}", line=line)]
    except RecursionError:
        return None, [Problem(name, "is not usable TOML: nested too deeply to read")]
    except ValueError as error:  # tomllib lets int()'s digit limit through (a 5,000-digit number)
        return None, [Problem(name, f"is not usable TOML: {error}")]


# --- validating -------------------------------------------------------------------------------


def records_of(doc: Mapping[str, Any], file: str) -> tuple[list[Record], list[Problem]]:
    """The records of one document, and every problem found in it, each located."""
    records: list[Record] = []
    problems: list[Problem] = []
    for key, value in doc.items():
        rule = TYPE_BY_PLURAL.get(key)
        if rule is None:
            hint = did_you_mean(key, TYPE_BY_PLURAL)
            if not hint:
                hint = f" (a fact file holds {', '.join(f'[[{name}]]' for name in TYPE_BY_PLURAL)})"
            what = f"table [[{shown(key)}]]" if isinstance(value, list) else f"key {quoted(key)}"
            problems.append(Problem(file, f"unknown {what}{hint}"))
            continue
        if not isinstance(value, list):
            problems.append(Problem(file, f"[[{key}]] must be an array of tables, found {describe(value)}"))
            continue
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            record = convert_record(rule, item)
            if record is None:
                raw_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(raw_id, str):  # (an id must be ASCII: a look-alike is shown escaped)
                    where = f"{where} ({shown(raw_id if raw_id.isascii() else ascii_body(raw_id))})"
                problems.extend(
                    Problem(file, message, where, field or None)
                    for field, message in explain_record(rule, item)
                )
                continue
            where = f"{where} ({shown(record.id)})"
            record, said = complete(record)
            said += record_problems(record)
            problems.extend(Problem(file, message, where, field) for field, message in said)
            for severity, found in (
                (Severity.LINT, record_lints(record)),
                (Severity.WARNING, record_warnings(record)),
            ):
                problems.extend(
                    Problem(file, message, where, field, severity=severity) for field, message in found
                )
            records.append(record)
    return records, problems


# --- merging and cross-checking ---------------------------------------------------------------


def _cross_check(base: FactBase, origin: Mapping[str, str]) -> list[Problem]:
    """Every reference names a record of a type it may name; the common case by set operations."""
    by_id = base.by_id
    of_type: dict[str, set[str]] = {name: set() for name in TYPES}
    for record in base.records:
        of_type[record.TYPE].add(record.id)
    allowed_ids: dict[tuple[str, ...], frozenset[str]] = {}
    for slots in REF_SLOTS.values():
        for slot in slots:
            if slot.allowed not in allowed_ids:
                allowed_ids[slot.allowed] = frozenset().union(*(of_type[t] for t in slot.allowed))
    problems: list[Problem] = []
    # A file with thousands of dangling references (an overlay naming a missing programme in every
    # record) must not search every id for every one of them: candidates and hints are worked out once.
    hints: dict[tuple[str, tuple[str, ...]], str] = {}
    for record in base.records:
        if _all_resolve(record, allowed_ids):
            continue
        for slot, ref in references(record):
            target = by_id.get(ref)
            if target is not None and target.TYPE in slot.allowed:
                continue
            if target is None:
                hint = hints.get((ref, slot.allowed))
                if hint is None:
                    hint = hints[ref, slot.allowed] = did_you_mean(ref, allowed_ids[slot.allowed])
                message = f"refers to {quoted(ref)}, which is no {slot.wanted} in the fact base{hint}"
            else:
                message = (
                    f"refers to {quoted(ref)}, which is {_article(target.TYPE)}, not {_article(slot.wanted)}"
                )
            where = f"{TYPES[record.TYPE].plural} ({record.id})"
            problems.append(Problem(origin[record.id], message, record=where, field=slot.field))
    return problems


def _all_resolve(record: Record, allowed_ids: Mapping[tuple[str, ...], frozenset[str]]) -> bool:
    for slot in REF_SLOTS[record.TYPE]:
        value = getattr(record, slot.field)
        if not value:
            continue
        allowed = allowed_ids[slot.allowed]
        if not slot.many:
            if value not in allowed:
                return False
        elif slot.nested:
            if not allowed.issuperset([item.id for item in value]):
                return False
        elif not allowed.issuperset(value):
            return False
    return True


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def file_records(name: str, doc: Mapping[str, Any]) -> tuple[list[Record], list[Problem]]:
    """One document's records and problems, as far as the file alone can tell (no references)."""
    records, problems = records_of(doc, name)
    if not records and not problems:  # an empty file is how a local overlay starts
        problems.append(Problem(name, "holds no records", severity=Severity.WARNING))
    seen: set[str] = set()
    kept = []
    for record in records:
        if record.id in seen:
            where = f"{TYPES[record.TYPE].plural} ({record.id})"
            problems.append(Problem(name, "is defined twice in this file", record=where, field="id"))
            continue
        seen.add(record.id)
        kept.append(record)
    return kept, problems


def merge(
    per_file: Sequence[tuple[str, Sequence[Record]]], bundled: str | None
) -> tuple[Loaded, list[Problem]]:
    """The files' records in order (later ids replace the bundled base's), every reference checked."""
    problems: list[Problem] = []
    merged: dict[str, Record] = {}
    origin: dict[str, str] = {}
    replacements: list[Replacement] = []
    for name, records in per_file:
        for record in records:
            if record.id in merged:
                old = origin[record.id]
                if old != bundled:
                    message = f"is also defined by {old}; only the bundled base may be replaced"
                    where = f"{TYPES[record.TYPE].plural} ({record.id})"
                    problems.append(Problem(name, message, record=where, field="id"))
                    continue
                replacements.append(Replacement(record.id, old, name))
                del merged[record.id]  # keep file order: the replacement goes where it was defined
            merged[record.id] = record
            origin[record.id] = name
    base = FactBase(merged.values())
    problems.extend(_cross_check(base, origin))
    return Loaded(base, tuple(name for name, _ in per_file), tuple(replacements)), problems


def _finish(loaded: Loaded, problems: Sequence[Problem]) -> Loaded:
    """The base, or one DataError listing every problem when any of them is an error."""
    if any(p.severity == Severity.ERROR for p in problems):
        raise DataError(problems)
    return loaded._replace(notes=tuple(problems))


def build_fact_base(documents: Sequence[tuple[str, Mapping[str, Any]]], bundled: str | None = None) -> Loaded:
    """Validate parsed documents in order (later ids replace the bundled base's), references included."""
    per_file: list[tuple[str, Sequence[Record]]] = []
    problems: list[Problem] = []
    for name, doc in documents:
        records, found = file_records(name, doc)
        per_file.append((name, records))
        problems.extend(found)
    loaded, found = merge(per_file, bundled)
    return _finish(loaded, [*problems, *found])


# A store of validated records per file (the cache): `known(file)` gives them when it has them, and
# `keep(file, records)` is offered a clean file's records.
Known = Callable[[FactFile], "Sequence[Record] | None"]
Keep = Callable[[FactFile, Sequence[Record]], None]


def load_files(
    files: Sequence[FactFile],
    first_is_bundled: bool = True,
    known: Known | None = None,
    keep: Keep | None = None,
) -> Loaded:
    """Validate files already read; raise one DataError listing every problem in all of them.

    The first file is the bundled base (as `data_paths` gives it): overlays may replace its records,
    but not each other's. A file whose records `known` gives is not parsed again.
    """
    problems: list[Problem] = []
    per_file: list[tuple[str, Sequence[Record]]] = []
    for file in files:
        if file.problem is not None:
            problems.append(file.problem)
            continue
        records = known(file) if known is not None else None
        if records is None:
            assert file.data is not None
            doc, found = parse_document(file.data, file.name)
            if doc is None:
                problems.extend(found)
                continue
            records, found = file_records(file.name, doc)
            problems.extend(found)
            if keep is not None and not any(p.severity == Severity.ERROR for p in found):
                keep(file, records)
        per_file.append((file.name, records))
    loaded, found = merge(per_file, files[0].name if first_is_bundled and files else None)
    return _finish(loaded, [*problems, *found])


def load_facts(paths: Sequence[str | os.PathLike[str]], first_is_bundled: bool = True) -> Loaded:
    """Read, parse and validate every file (see `load_files`)."""
    return load_files(read_fact_files(paths), first_is_bundled)
