"""`export sqlite PATH`: every record, join tables with foreign keys, a full-text index; read back
in plain SQL and served by Datasette, in-process."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from lunarfacts.rules import REF_SLOTS, TYPES

from .conftest import Runner


@pytest.fixture
def exported(mini: Runner, tmp_path: Path) -> Path:
    path = tmp_path / "facts.db"
    result = mini("export", "sqlite", str(path))
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err.startswith(f"lunarfacts: wrote {path}: 13 records in ")
    return path


def test_every_record_is_in_its_table_and_in_records(mini: Runner, exported: Path) -> None:
    db = sqlite3.connect(exported)
    for rule in TYPES.values():
        ids = [row["id"] for row in json.loads(mini(rule.plural, "--json").out)]
        assert sorted(r for (r,) in db.execute(f"select id from {rule.plural}")) == sorted(ids)
    assert db.execute("select count(*) from records").fetchone() == (13,)


def test_the_columns_are_the_jsons(mini: Runner, exported: Path) -> None:
    db = sqlite3.connect(exported)
    db.row_factory = sqlite3.Row
    for rule in TYPES.values():
        columns = [row["name"] for row in db.execute(f"pragma table_info({rule.plural})")]
        assert columns == list(rule.field_names)
    lander = dict(db.execute("select * from missions where id = 'lander-1'").fetchone())
    shown = json.loads(mini("show", "lander-1", "--json").out)
    assert lander["samples_g"] == shown["samples_g"] and lander["launch_date"] == shown["launch_date"]
    assert json.loads(lander["aliases"]) == shown["aliases"]  # a list, as JSON text


def test_every_reference_is_a_foreign_key_that_holds(exported: Path) -> None:
    db = sqlite3.connect(exported)
    assert db.execute("pragma foreign_key_check").fetchall() == []
    for name, slots in REF_SLOTS.items():
        plural = TYPES[name].plural
        for slot in slots:
            table, column = (f"{plural}_{slot.field}", "ref_id") if slot.many else (plural, slot.field)
            keys = {row[3] for row in db.execute(f"pragma foreign_key_list({table})")}
            assert column in keys, (table, column)


def test_missions_join_to_vehicles_crew_and_sources_in_plain_sql(exported: Path) -> None:
    db = sqlite3.connect(exported)
    rows = db.execute(
        """
        select m.id, v.name, s.url
        from missions m
        join missions_vehicles mv on mv.mission_id = m.id
        join vehicles v on v.id = mv.ref_id
        join sources s on s.record_id = m.id
        order by m.id, v.name
        """
    ).fetchall()
    assert rows and all(url.startswith("https://") for _, _, url in rows)
    crew = db.execute("select name, landed from missions_crew where mission_id = 'lander-2'").fetchall()
    assert crew == [("Test Pilot", 0), ("Test Engineer", 0)]


def test_names_aliases_and_summaries_are_full_text_searchable(exported: Path) -> None:
    db = sqlite3.connect(exported)
    found = db.execute(
        "select m.id from missions_fts join missions m on m.rowid = missions_fts.rowid "
        "where missions_fts match 'samples'"
    ).fetchall()
    assert found == [("lander-1",)]


def test_datasette_serves_it(exported: Path) -> None:
    """A real client: Datasette, in-process, answers a query through its JSON API."""
    from datasette.app import Datasette

    async def ask() -> list[dict[str, object]]:
        datasette = Datasette([str(exported)])
        response = await datasette.client.get(
            f"/{exported.stem}/missions.json?_shape=array&_col=name&kind=sample-return"
        )
        assert response.status_code == 200
        rows: list[dict[str, object]] = response.json()
        return rows

    assert [row["name"] for row in asyncio.run(ask())] == ["Lander 1"]


def test_an_existing_file_is_kept_unless_forced(mini: Runner, exported: Path) -> None:
    before = exported.read_bytes()
    again = mini("export", "sqlite", str(exported))
    assert (again.code, again.out) == (1, "")
    assert again.err == f"lunarfacts: error: {str(exported)!r} exists: give --force to replace it\n"
    assert exported.read_bytes() == before
    assert mini("export", "sqlite", str(exported), "--force").code == 0


def test_without_sqlite_utils_it_says_how_to_get_it(
    mini: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # what an import finds when not installed
    result = mini("export", "sqlite", str(tmp_path / "x.db"))
    assert (result.code, result.out) == (1, "")
    assert (
        result.err
        == "lunarfacts: error: export sqlite needs sqlite-utils: pip install 'lunarfacts[sqlite]'\n"
    )
    assert not (tmp_path / "x.db").exists()


def test_an_unwritable_place_is_one_line(mini: Runner, tmp_path: Path) -> None:
    result = mini("export", "sqlite", str(tmp_path / "no" / "such" / "dir.db"))
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("lunarfacts: error: cannot write ") and result.err.count("\n") == 1
