"""The bundled base as a person reads it at 80 columns and a script reads it through a pipe (issue
13's bar): ids whole, URLs whole, piped TSV of the table's columns, help with examples that are
never broken across lines."""

from __future__ import annotations

import json
import re

import pytest

from lunarfacts.cli.spec import BY_NAME, COMMANDS
from lunarfacts.rules import TYPES, all_field_names

from .conftest import Runner

LISTS = [rule.plural for rule in TYPES.values()]


@pytest.mark.parametrize("command", LISTS)
def test_at_80_columns_every_id_of_every_list_is_whole_on_a_line(
    run: Runner, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    table = run(command, "--format", "table").out
    words = {word for line in table.splitlines() for word in line.split()}
    ids = [record["id"] for record in json.loads(run(command, "--json").out)]
    assert ids and [i for i in ids if i not in words] == []


def test_sources_shows_every_url_whole(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = {line.strip() for line in run("sources", "ILRS", "--format", "table").out.splitlines()}
    urls = [source["url"] for source in json.loads(run("sources", "ILRS", "--json").out)]
    assert len(urls) > 10 and [u for u in urls if u not in lines] == []


def test_piped_lists_carry_the_tables_columns_and_all_when_asked(run: Runner) -> None:
    header = run("missions").out.splitlines()[0].split("\t")
    assert header == list(TYPES["mission"].columns) and len(header) <= 10
    every = run("missions", "--fields", "all").out.splitlines()[0].split("\t")
    assert every == all_field_names("mission")
    assert list(json.loads(run("missions", "--json").out)[0]) == all_field_names("mission")


def test_compare_in_tsv_is_fields_by_records(run: Runner) -> None:
    rows = [
        line.split("\t") for line in run("compare", "Gateway", "ILRS", "--format", "tsv").out.splitlines()
    ]
    assert rows[0] == ["field", "gateway", "ilrs", "differs"]
    assert all(len(row) == 4 for row in rows)
    assert ["name", "Lunar Gateway", "International Lunar Research Station", "true"] in rows


@pytest.mark.parametrize("name", ["missions", "show", "compare", "timeline", "search", "upcoming", "export"])
def test_help_shows_examples_whole_at_80_columns(
    run: Runner, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    shown = run(name, "--help").out
    assert "Examples:" in shown
    for line, _ in BY_NAME[name].examples:
        assert any(line in row for row in shown.splitlines()), line  # on one line, never broken


def test_every_example_fits_an_80_column_help() -> None:
    """Help at 80 columns has 76 for an example line ("$ " and its margins): no command is longer."""
    for command in COMMANDS:
        for line, _ in command.examples:
            assert len(line) <= 74, (command.name, line)


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_help_metavars_say_what_goes_there(run: Runner, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    shown = run(name, "--help").out
    assert "<str>" not in shown and "TEXT " not in re.sub(r"--site\s+TEXT", "", shown)
    assert "[0<=x" not in shown
