"""`export sqlite PATH`: the whole fact base as one SQLite database, for Datasette and plain SQL.

Made from the rules, so a new type or field is exported without a line here:

- `records`: every record's id, type and name (what a reference to "an organization or a country"
  points at);
- a table per type (`missions`, ...) with the JSON's columns: scalars as columns, lists and nested
  tables as JSON text; a single reference is a foreign key to its type's table (or to `records`);
- a join table per list of references, `<plural>_<field>` (`missions_vehicles`, `agreements_parties`,
  `programs_partners` with `joined` and `role`, `agreements_signatories` with `date`), each with a
  foreign key to both sides;
- `missions_crew` (mission, name, landed) and `sources` (record, position, url, title, publisher,
  date, kind);
- a full-text index over names, aliases and summaries of every type table.

sqlite-utils (the optional extra `lunarfacts[sqlite]`) is imported here only, and only by `export`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from lunarfacts.errors import OutputError
from lunarfacts.jsonout import record_to_dict
from lunarfacts.model import FactBase, Mission
from lunarfacts.rules import REF_SLOTS, TYPES, Field, RefSlot, Shape
from lunarfacts.vocab import PLURALS

INSTALL_HINT = "pip install 'lunarfacts[sqlite]'"
FULL_TEXT = ("name", "aliases", "summary")
_COLUMN_TYPES = {Shape.NUMBER: float, Shape.YEAR: int}


def _target(slot: RefSlot) -> str:
    """The table a reference points into: its type's, or `records` when it may be of several."""
    return PLURALS[slot.allowed[0]] if len(slot.allowed) == 1 else "records"


def _columns(fields: Iterable[Field]) -> dict[str, type]:
    return {f.name: _COLUMN_TYPES.get(f.shape, str) for f in fields}


def _join_rows(base: FactBase, record_type: str, slot: RefSlot) -> Iterator[dict[str, Any]]:
    """One row per reference in a list: the record, the one it names, and a nested table's other
    fields (a partner's joined and role, a signatory's date)."""
    own = f"{record_type}_id"
    for record in base.of_type(record_type):
        for position, item in enumerate(getattr(record, slot.field)):
            row: dict[str, Any] = {own: record.id, "position": position}
            if slot.nested:
                for name in item._fields:
                    value = getattr(item, name)
                    row["ref_id" if name == "id" else name] = None if value is None else str(value)
            else:
                row["ref_id"] = item
            yield row


def _crew_rows(base: FactBase) -> Iterator[dict[str, Any]]:
    for mission in base.of_type("mission"):
        assert isinstance(mission, Mission)
        landed = set(mission.landing_crew)
        for position, name in enumerate(mission.crew):
            yield {"mission_id": mission.id, "position": position, "name": name, "landed": name in landed}


def _source_rows(base: FactBase) -> Iterator[dict[str, Any]]:
    for record in base.records:
        for position, source in enumerate(record.sources):
            yield {
                "record_id": record.id,
                "position": position,
                "url": source.url,
                "title": source.title,
                "publisher": source.publisher,
                "date": None if source.date is None else str(source.date),
                "kind": source.kind,
            }


def export_sqlite(base: FactBase, path: str, replace: bool = False) -> dict[str, int]:
    """Write the database to `path` (built aside, then moved into place whole); the row count of
    each table. An existing file is a usage error unless `replace`."""
    try:
        import sqlite_utils
    except ImportError:
        raise OutputError(f"export sqlite needs sqlite-utils: {INSTALL_HINT}") from None
    if os.path.lexists(path) and not replace:
        raise OutputError(f"{path!r} exists: give --force to replace it")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, building = tempfile.mkstemp(prefix=".lunarfacts-", suffix=".db", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write {path!r}: {error.strerror or error}") from None
    os.close(handle)
    try:
        counts = _build(sqlite_utils.Database(building), base)
        os.replace(building, path)
    except OSError as error:
        raise OutputError(f"cannot write {path!r}: {error.strerror or error}") from None
    finally:
        if os.path.exists(building):
            os.unlink(building)
    return counts


def _build(db: Any, base: FactBase) -> dict[str, int]:
    db.execute("PRAGMA foreign_keys = ON")
    db["records"].insert_all(
        ({"id": r.id, "type": r.TYPE, "name": r.name} for r in base.records),
        pk="id",
        columns={"id": str, "type": str, "name": str},
    )
    foreign_keys: list[tuple[str, str, str, str]] = []
    for record_type, rule in TYPES.items():
        table = db[rule.plural]
        rows = []
        for record in base.of_type(record_type):
            row = record_to_dict(record)
            del row["type"]
            rows.append(row)
        table.insert_all(rows, pk="id", columns=_columns(rule.fields), alter=True)
        if not table.exists():  # a type with no records still gets its (empty) table
            table.create(_columns(rule.fields), pk="id")
        foreign_keys.append((rule.plural, "id", "records", "id"))
        for slot in REF_SLOTS[record_type]:
            if not slot.many:
                foreign_keys.append((rule.plural, slot.field, _target(slot), "id"))
                continue
            join = db[f"{rule.plural}_{slot.field}"]
            own = f"{record_type}_id"
            nested = rule.field(slot.field)
            extra = (
                {f.name: str for f in nested.table.fields if f.name != "id"}
                if slot.nested and nested is not None and nested.table is not None
                else {}
            )
            join.create({own: str, "position": int, "ref_id": str, **extra}, pk=(own, "position"))
            join.insert_all(_join_rows(base, record_type, slot))
            foreign_keys += [(join.name, own, rule.plural, "id"), (join.name, "ref_id", _target(slot), "id")]
        table.enable_fts(list(FULL_TEXT), create_triggers=True)
    db["missions_crew"].create(
        {"mission_id": str, "position": int, "name": str, "landed": bool}, pk=("mission_id", "position")
    )
    db["missions_crew"].insert_all(_crew_rows(base))
    db["sources"].create(
        {
            "record_id": str,
            "position": int,
            "url": str,
            "title": str,
            "publisher": str,
            "date": str,
            "kind": str,
        },
        pk=("record_id", "position"),
    )
    db["sources"].insert_all(_source_rows(base))
    foreign_keys += [
        ("missions_crew", "mission_id", "missions", "id"),
        ("sources", "record_id", "records", "id"),
    ]
    db.add_foreign_keys(foreign_keys)
    db.index_foreign_keys()
    db.vacuum()
    return {name: db[name].count for name in db.table_names() if "_fts" not in name}


# --- claimreview: the claims as schema.org ClaimReview JSON-LD --------------------------------

# A verdict as a 1-5 rating (5 true, 1 false), with its words: ClaimReview's `alternateName`.
RATINGS = {
    "true": (5, "True"),
    "mostly-true": (4, "Mostly true"),
    "outdated": (3, "Outdated: true when published, no longer"),
    "unproven": (3, "Unproven"),
    "misleading": (2, "Misleading"),
    "false": (1, "False"),
}


def _iso(date: Any) -> str | None:
    """A date as ISO 8601 reads it: a day, month or year; a quarter or a bound has no such form."""
    if date is None or date.before or "Q" in str(date):
        return None
    return str(date)


def claim_reviews(base: FactBase, base_url: str | None, author: str) -> list[dict[str, Any]]:
    """One ClaimReview per claim, in the base's order. Without `base_url` each review's url is a URN
    (`urn:lunarfacts:claim:ID`): valid, but not a page; a publisher gives the URL it serves them at."""
    from lunarfacts.model import Claim

    reviews = []
    for claim in base.of_type("claim"):
        assert isinstance(claim, Claim)
        value, words = RATINGS[claim.verdict]
        report = claim.published
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if report is not None:
            appearance.update(url=report.url, headline=report.title)
            if report.publisher:
                appearance["publisher"] = {"@type": "Organization", "name": report.publisher}
            if _iso(report.date):
                appearance["datePublished"] = _iso(report.date)
        item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if report is not None and report.publisher:
            item["author"] = {"@type": "Organization", "name": report.publisher}
        if _iso(claim.published_date):
            item["datePublished"] = _iso(claim.published_date)
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{base_url}{claim.id}" if base_url else f"urn:lunarfacts:claim:{claim.id}",
                "name": claim.name,
                "claimReviewed": claim.statement,
                "reviewBody": claim.summary,
                "itemReviewed": item,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": words,
                },
                "author": {"@type": "Organization", "name": author},
                "datePublished": str(claim.as_of),
                "citation": [{"@type": "CreativeWork", "url": s.url, "name": s.title} for s in claim.sources],
            }
        )
    return reviews


def write_text(path: str, text: str, replace: bool) -> None:
    """Text to `path`, whole or not at all (written aside, then moved into place)."""
    if os.path.lexists(path) and not replace:
        raise OutputError(f"{path!r} exists: give --force to replace it")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, building = tempfile.mkstemp(prefix=".lunarfacts-", suffix=".json", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(building, path)
    except OSError as error:
        raise OutputError(f"cannot write {path!r}: {error.strerror or error}") from None
