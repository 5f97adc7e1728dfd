"""What a user or a script sees: exact tables, JSON keys, formats, exit codes and stream separation.

Run on tests/data/mini.toml (the `mini` fixture) so the golden output never moves with the real data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lunarfacts.rules import TYPES
from lunarfacts.vocab import RecordType

from .conftest import Runner

LIST_COMMANDS = [rule.plural for rule in TYPES.values()]


def test_show_card_has_fields_slips_related_and_numbered_sources(mini: Runner) -> None:
    """(The whole card, at four widths, is pinned in test_golden; these are the parts that matter.)"""
    out = mini("show", "moonshot", "-f", "table").out
    assert out.startswith("Moonshot Programme  program moonshot\nA test programme.\n")
    assert "Partners (3)" in out and " agency-b  Agency B  2021-03-09" in out  # by name and code
    assert "Target: first landing  (+2 years 6 months since first announced)" in out
    assert "Missions (2)" in out and "lander-2  Lander 2" in out
    lines = out.splitlines()
    number = lines.index("1  Moonshot page  (Agency A · primary · 2020-01-02)")
    assert lines[number + 1] == "   https://example.org/moonshot"  # whole, on its own line


@pytest.mark.parametrize("command", LIST_COMMANDS)
def test_list_json_is_an_array_of_full_records(mini: Runner, command: str) -> None:
    result = mini(command, "--json")
    assert result.code == 0 and result.err == ""
    records = json.loads(result.out)
    assert isinstance(records, list) and records
    record_type = records[0]["type"]
    assert TYPES[record_type].plural == command
    for record in records:
        assert list(record) == ["type", *TYPES[record_type].field_names]


def test_json_keeps_dates_at_their_precision_and_unknowns_as_null(mini: Runner) -> None:
    (lander,) = json.loads(mini("missions", "--json", "--status", "planned").out)
    assert lander["launch_date"] == "2027"
    assert lander["landing_date"] is None
    assert lander["crew"] == ["Test Pilot", "Test Engineer"]
    assert lander["kind"] == "lander"
    assert lander["sources"] == [
        {
            "url": "https://example.org/lander-2",
            "title": "Lander 2 plans",
            "publisher": None,
            "date": None,
            "kind": "primary",
        }
    ]


def test_piped_default_is_tsv_with_a_header(mini: Runner) -> None:
    out = mini("missions", "--fields", "id,kind,aliases").out
    assert out == "id\tkind\taliases\nlander-1\tsample-return\tLander One\nlander-2\tlander\t\n"


def test_csv_joins_scalar_lists_and_writes_nested_values_as_json(mini: Runner) -> None:
    out = mini("programs", "--format", "csv", "--fields", "id,aliases,partners").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "aliases", "partners"]
    assert rows[1][1] == "月球计划; MSP"
    assert json.loads(rows[1][2])[0] == {"id": "agency-b", "joined": "2021-03-09", "role": "partner"}


def test_jsonl_is_one_compact_object_per_line(mini: Runner) -> None:
    lines = mini("countries", "--format", "jsonl", "--fields", "id,name").out.splitlines()
    assert lines == ['{"id":"xa","name":"Xandia"}', '{"id":"xb","name":"Xbovia"}']


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["missions", "--status", "success"], ["lander-1"]),
        (["missions", "--kind", "lander"], ["lander-2"]),
        (["missions", "--country", "Xbovia"], ["lander-2"]),
        (["missions", "--organization", "agency a"], ["lander-1"]),
        (["missions", "--program", "MSP"], ["lander-1", "lander-2"]),
        (["missions", "--since", "2026"], ["lander-2"]),
        (["missions", "--until", "2020-11"], ["lander-1"]),
        (["missions", "--since", "2027-06"], ["lander-2"]),  # '2027' overlaps June 2027
        (["missions", "--sort", "name", "--reverse"], ["lander-2", "lander-1"]),
        (["missions", "--limit", "1"], ["lander-1"]),
        (["missions", "--limit", "0"], []),
        (["organizations", "--country", "xa"], ["agency-a"]),
        (["agreements", "--kind", "contract"], ["launch-contract"]),
        (["agreements", "--country", "xb"], ["test-accords", "launch-contract"]),
        (["programs", "--country", "xb"], ["moonshot"]),
        (["countries", "--sort", "space_budget_usd"], ["xa", "xb"]),
    ],
)
def test_filters_and_order(mini: Runner, args: list[str], ids: list[str]) -> None:
    result = mini(*args, "--json")
    assert result.code == 0, result.err
    assert [r["id"] for r in json.loads(result.out)] == ids


@pytest.mark.parametrize("ref", ["lander-1", "Lander 1", "LANDER-1", "lander one", "  lander_1 "])
def test_refs_ignore_case_punctuation_and_spacing(mini: Runner, ref: str) -> None:
    assert json.loads(mini("show", ref, "--json").out)["id"] == "lander-1"


def test_native_script_alias_resolves(mini: Runner) -> None:
    assert json.loads(mini("show", "月球计划", "--json").out)["id"] == "moonshot"


def test_unknown_ref_exits_1_with_suggestions(mini: Runner) -> None:
    result = mini("show", "landr 1")
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("lunarfacts: error: no record matches 'landr 1'\ndid you mean: ")
    assert "Lander 1 (mission lander-1)" in result.err


def test_the_unique_start_of_a_name_resolves_and_a_shared_one_lists_the_candidates(mini: Runner) -> None:
    assert json.loads(mini("show", "Moonsh", "--json").out)["id"] == "moonshot"
    result = mini("show", "lander")
    assert result.code == 1
    assert result.err == (
        "lunarfacts: error: 'lander' is ambiguous; it could be:\n"
        "  Lander 1 (mission lander-1)\n  Lander 2 (mission lander-2)\n"
        "  Lander 1 was the first to bring samples home (claim claim-first-return)\n"
        "  Lander 2's crew was named in 2024 (claim claim-crew-named)\nuse an id to choose\n"
    )


def test_ambiguous_ref_lists_the_candidates(mini: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        '[[countries]]\nid = "xc"\nname = "Lander 1"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
    )
    result = mini("--data", str(overlay), "show", "Lander 1")
    assert result.code == 1
    assert "'Lander 1' is ambiguous; it could be:" in result.err
    assert "Lander 1 (mission lander-1)" in result.err and "Lander 1 (country xc)" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missions", "--fields", "id,nope"], "--fields: unknown field 'nope'; valid fields: type, id, name"),
        (
            ["missions", "--sort", "lauch_date"],
            "--sort: unknown field 'lauch_date' (did you mean 'launch_date'?)",
        ),
        (["missions", "--since", "2021-13"], "month 13"),
        (["missions", "--status", "done"], "'done' is not one of"),
        (["missions", "--format", "yaml"], "'yaml' is not one of"),
        (["missions", "--limit", "-1"], "-1 is not a count from 0 to 1,000,000,000"),
        (["missions", "--json", "--format", "csv"], "--json and --format csv"),
        (["--as-of", "yesterday", "missions"], "is not a date"),
        (["compare", "lander-1"], "compare needs at least two REFs"),
        (["missions", "--bogus"], "No such option"),
    ],
)
def test_bad_options_are_usage_errors(mini: Runner, args: list[str], message: str) -> None:
    result = mini(*args)
    assert result.code == 2, result
    assert result.out == ""
    assert message in result.err
    assert "Traceback" not in result.err


def test_compare_marks_differing_rows(mini: Runner) -> None:
    out = mini("compare", "lander-1", "lander-2", "-f", "table", "--fields", "id,kind,program").out
    assert " ≠  kind     sample-return  lander" in out
    assert "    program  moonshot       moonshot" in out


def test_compare_shows_what_differs_unless_asked_for_all(mini: Runner) -> None:
    """By default the name and the fields that differ, without the quiet ones (id, aliases, summary,
    sources); --all shows every field; the caption counts what was left out."""
    out = mini("compare", "lander-1", "lander-2", "-f", "table").out
    fields = [
        line.split()[1] if line.startswith(" ≠") else line.split()[0]
        for line in out.splitlines()[3:-2]
        if line.strip()
    ]
    assert "name" in fields and "kind" in fields and "launch_date" in fields
    assert not {"id", "aliases", "summary", "sources", "program"} & set(fields)
    assert "more with --all" in out
    every = mini("compare", "lander-1", "lander-2", "-f", "table", "--all").out
    assert " ≠  id " in every and "    program " in every


def test_compare_is_fields_by_records_in_tsv_and_csv(mini: Runner) -> None:
    rows = [
        line.split("\t")
        for line in mini("compare", "lander-1", "lander-2", "--format", "tsv").out.splitlines()
    ]
    assert rows[0] == ["field", "lander-1", "lander-2", "differs"]
    assert ["kind", "sample-return", "lander", "true"] in rows
    table = list(
        csv.reader(io.StringIO(mini("compare", "lander-1", "lander-2", "--all", "--format", "csv").out))
    )
    assert table[0] == ["field", "lander-1", "lander-2", "differs"]
    assert ["program", "moonshot", "moonshot", "false"] in table
    assert [row[0] for row in table[1:]] == list(TYPES["mission"].field_names) or [
        row[0] for row in table[1:]
    ][1:] == list(TYPES["mission"].field_names)[1:]


def test_compare_json_is_an_array_in_the_order_given(mini: Runner) -> None:
    records = json.loads(mini("compare", "lander-2", "moonshot", "--json").out)
    assert [r["id"] for r in records] == ["lander-2", "moonshot"]


def test_search_puts_the_best_match_first(mini: Runner) -> None:
    ids = [r["id"] for r in json.loads(mini("search", "sample", "return", "--json").out)]
    assert ids[0] == "lander-1"
    assert "lander-2" not in ids


def test_sources_lists_citations(mini: Runner) -> None:
    out = mini("sources", "Test Accords").out
    assert out == "url\ttitle\tpublisher\tdate\tkind\nhttps://example.org/accords\tAccords\t\t\tprimary\n"


def test_schema_names_every_field(mini: Runner) -> None:
    schema = json.loads(mini("schema", "mission").out)
    assert set(schema["required"]) == {"type", *TYPES[RecordType.MISSION].field_names}
    assert json.loads(mini("schema").out)["$defs"].keys() == set(RecordType.values())


def test_check_ok_and_counts(mini: Runner) -> None:
    result = mini("check")
    assert result.code == 0
    assert result.out.startswith(
        "ok: 13 records (1 program, 2 missions, 2 organizations, 2 countries, 2 agreements, 2 vehicles, 2 claims)"
    )


def test_check_lists_every_problem_and_exits_1(mini: Runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[missions]]\nid = "m"\nname = 1\n')
    result = mini("check", str(bad))
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{bad}: missions[0] (m): field 'name': expected text, found a number (1)",
        f"{bad}: missions[0] (m): field 'summary': is required but missing",
        f"{bad}: missions[0] (m): field 'sources': is required but missing",
        f"{bad}: missions[0] (m): field 'as_of': is required but missing",
    ]
    assert result.err == "lunarfacts: 4 errors found\n"
    problems = json.loads(mini("check", str(bad), "--json").out)
    assert problems[0] == {
        "file": str(bad),
        "line": None,
        "record": "missions[0] (m)",
        "field": "name",
        "severity": "error",
        "message": "expected text, found a number (1)",
    }


def test_check_reports_a_replaced_bundled_record(mini: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        '[[countries]]\nid = "xb"\nname = "Xbovia (fixed)"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
    )
    result = mini("check", str(overlay))
    assert result.code == 0
    assert f"{overlay}: 'xb' replaces the record from" in result.err


def test_a_broken_overlay_stops_every_command_with_exit_1(
    mini: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[missions]\n")
    monkeypatch.setenv("LUNARFACTS_DATA", str(bad))
    result = mini("missions")
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("lunarfacts: error: 1 problem in the fact files\n")
    assert "bad.toml" in result.err and "is not valid TOML" in result.err


def test_empty_result_is_success(mini: Runner) -> None:
    result = mini("missions", "--status", "failure", "--json")
    assert (result.code, result.out) == (0, "[]\n")


def test_version(mini: Runner) -> None:
    from lunarfacts import __version__

    assert mini("--version").out == f"lunarfacts {__version__}\n"


@pytest.mark.parametrize(
    "command", [*LIST_COMMANDS, "show", "compare", "search", "timeline", "sources", "check", "schema"]
)
def test_every_command_has_help(mini: Runner, command: str) -> None:
    result = mini(command, "--help")
    assert result.code == 0
    assert "Usage: lunarfacts " + command in result.out
