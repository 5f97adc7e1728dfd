"""The loader: one bad file per validation rule, each problem located by file, record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from lunarfacts.dates import PartialDate
from lunarfacts.errors import DataError
from lunarfacts.loader import load_facts
from lunarfacts.model import Mission

from .conftest import MINI

GOOD_MISSION = """
[[missions]]
id = "probe-1"
name = "Probe 1"
summary = "A probe."
kind = "lander"
status = "success"
countries = ["xa"]
launch_date = 2020-11-23
landing_date = 2020-12-01
samples_g = 10.0
sources = [{ url = "https://example.org/p", title = "Probe", kind = "primary" }]
as_of = 2026-11-24
"""


def _load(tmp_path: Path, text: str | bytes, on_mini: bool = True) -> None:
    path = tmp_path / "overlay.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    load_facts([MINI, path] if on_mini else [path])


def _problems(tmp_path: Path, text: str | bytes, on_mini: bool = True) -> list[str]:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text, on_mini)
    return [str(p) for p in caught.value.problems]


def test_a_good_overlay_loads_and_references_the_bundled_base(tmp_path: Path) -> None:
    path = tmp_path / "good.toml"
    path.write_text(GOOD_MISSION.replace('kind = "lander"', 'kind = "lander"\nprogram = "moonshot"'))
    loaded = load_facts([MINI, path])
    probe = loaded.base.by_id["probe-1"]
    assert isinstance(probe, Mission)
    assert probe.program == "moonshot"
    assert probe.launch_date == PartialDate.parse("2020-11-23")


# (what is changed in the good mission, the text the one problem must contain, the field it names)
RULES = [
    ('name = "Probe 1"', "name = 3", "expected text, found a number (3)", "name"),
    ('name = "Probe 1"', 'name = "  "', "is empty", "name"),
    ('summary = "A probe."\n', "", "is required but missing", "summary"),
    ("as_of = 2026-11-24", "", "is required but missing", "as_of"),
    ('status = "success"', 'status = "done"', "expected one of planned, in-flight, success", "status"),
    ('kind = "lander"', 'kind = ["lander"]', "expected one of", "kind"),
    ('id = "probe-1"', 'id = "Probe_1"', "an id is lowercase kebab-case", "id"),
    (
        'countries = ["xa"]',
        'countries = ["nowhere"]',
        "refers to 'nowhere', which is no country",
        "countries",
    ),
    (
        'countries = ["xa"]',
        'countries = ["agency-a"]',
        "which is an organization, not a country",
        "countries",
    ),
    ('countries = ["xa"]', 'countries = "xa"', "expected a list, found text", "countries"),
    ('countries = ["xa"]', 'countries = ["xa", 1]', "expected text, found a number (1)", "countries[1]"),
    (
        "landing_date = 2020-12-01",
        "landing_date = 2019-12-01",
        "2019-12-01 is before launch_date",
        "landing_date",
    ),
    ("launch_date = 2020-11-23", 'launch_date = "2021-02-30"', "not a day of the calendar", "launch_date"),
    ("launch_date = 2020-11-23", "launch_date = 2020-11-23T20:30:00Z", "found a date-time", "launch_date"),
    ("launch_date = 2020-11-23", "launch_date = 20201123", "expected a date", "launch_date"),
    ("samples_g = 10.0", "samples_g = -5", "expected a finite number from 0 to 1e15", "samples_g"),
    ("samples_g = 10.0", "samples_g = nan", "expected a finite number", "samples_g"),
    ("samples_g = 10.0", 'samples_g = "10"', "expected a number, found text", "samples_g"),
    ("samples_g = 10.0", "samples_g = true", "expected a number, found a boolean", "samples_g"),
    (
        'sources = [{ url = "https://example.org/p", title = "Probe", kind = "primary" }]',
        "sources = []",
        "needs at least one source",
        "sources",
    ),
    (
        'url = "https://example.org/p"',
        'url = "ftp://example.org/p"',
        "expected an http(s) URL",
        "sources[0].url",
    ),
    ('url = "https://example.org/p", ', "", "a source needs 'url'", "sources[0]"),
    (
        'title = "Probe"',
        'titel = "Probe"',
        "unknown key 'titel' in a source (did you mean 'title'?)",
        "sources[0]",
    ),
    (
        'kind = "primary" }]',
        'kind = "primary" }, "https://x.org"]',
        "each source must be a table",
        "sources[1]",
    ),
    (
        'summary = "A probe."',
        'summary = "A probe."\nsumary = "typo"',
        "unknown field (did you mean 'summary'?)",
        "sumary",
    ),
]


@pytest.mark.parametrize(("old", "new", "message", "field"), RULES, ids=[r[2][:40] for r in RULES])
def test_each_rule_reports_one_located_problem(
    tmp_path: Path, old: str, new: str, message: str, field: str
) -> None:
    assert old in GOOD_MISSION
    problems = _problems(tmp_path, GOOD_MISSION.replace(old, new, 1))
    assert len(problems) == 1, problems
    assert message in problems[0]
    assert f"field {field!r}" in problems[0]
    assert "overlay.toml" in problems[0]
    assert "missions" in problems[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[mision]]\nid = 'x'\n", "unknown table [[mision]] (did you mean 'missions'?)"),
        ("programs = 3\n", "[[programs]] must be an array of tables, found a number (3)"),
        ("programs = [1, 2]\n", "a record must be a table, found a number (1)"),
        ("title = 'not a fact file'\n", "unknown key 'title' (a fact file holds [[programs]], [[missions]]"),
        ("[[title]]\nx = 1\n", "unknown table [[title]] (a fact file holds [[programs]]"),
        ("[[missions]]\nid = = 1\n", "is not valid TOML"),
        (b"\xff\xfe\x00b", "is not UTF-8 text"),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        (
            '[[countries]]\nid = "usa"\nname = "U"\nsummary = "s"\nas_of = 2026-01-01\n'
            'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n',
            "a country id is an ISO 3166-1 alpha-2 code",
        ),
        (
            '[[countries]]\nid = "xc"\nname = "U"\niso_code = "XD"\nsummary = "s"\nas_of = 2026-01-01\n'
            'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\nspace_budget_year = 1800\n',
            "expected a year from 1900 to 2200",
        ),
        (GOOD_MISSION + GOOD_MISSION, "is defined twice in this file"),
        (
            '[[programs]]\nid = "p"\nname = "P"\nsummary = "s"\nas_of = 2026-01-01\n'
            'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\ntargets = [{milestone = "landing"}]\n',
            "a target needs 'date'",
        ),
        (
            '[[programs]]\nid = "p"\nname = "P"\nsummary = "s"\nas_of = 2026-01-01\n'
            'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\ntargets = [\n'
            '{milestone = "landing", date = "2025", announced = 2021-01-01},\n'
            '{milestone = "landing", date = "2024", announced = 2019-01-01}]\n',
            "must be listed oldest announcement first: 2019-01-01 comes after 2021-01-01",
        ),
    ],
)
def test_malformed_files_give_a_clear_problem(tmp_path: Path, text: str | bytes, message: str) -> None:
    problems = _problems(tmp_path, text)
    assert any(message in p for p in problems), problems


def test_every_problem_is_collected_before_raising(tmp_path: Path) -> None:
    broken = GOOD_MISSION.replace('name = "Probe 1"', "name = 1").replace(
        'status = "success"', 'status = "x"'
    )
    broken = broken.replace('countries = ["xa"]', 'countries = ["zz"]')
    problems = _problems(
        tmp_path, broken + GOOD_MISSION.replace("probe-1", "probe-2").replace("2020-12-01", "1999-01-01")
    )
    assert len(problems) == 3, (
        problems
    )  # name and status in probe-1 (whose refs are not checked), dates in probe-2


def test_missing_and_directory_paths_are_named(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_facts([MINI, tmp_path / "nope.toml", tmp_path])
    messages = [str(p) for p in caught.value.problems]
    assert any("nope.toml: no such file" in m for m in messages)
    assert any(m.endswith("is a directory, not a fact file") for m in messages)


def test_an_overlay_replaces_a_bundled_record_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "fix.toml"
    path.write_text(GOOD_MISSION.replace("probe-1", "lander-2"))
    loaded = load_facts([MINI, path])
    assert loaded.base.by_id["lander-2"].name == "Probe 1"
    assert [(r.id, r.new_file) for r in loaded.replacements] == [("lander-2", str(path))]


def test_two_overlays_defining_one_id_is_an_error_naming_both(tmp_path: Path) -> None:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(GOOD_MISSION)
    second.write_text(GOOD_MISSION)
    with pytest.raises(DataError) as caught:
        load_facts([MINI, first, second])
    (problem,) = caught.value.problems
    assert str(second) in str(problem) and str(first) in str(problem)


def test_the_same_overlay_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lunarfacts.files import data_paths

    path = tmp_path / "o.toml"
    path.write_text(GOOD_MISSION)
    monkeypatch.setenv("LUNARFACTS_DATA", str(path))
    paths = data_paths([str(path), str(tmp_path / "." / "o.toml")])
    assert paths[1:] == [str(path)]
    assert load_facts([MINI, *paths[1:]]).base.by_id["probe-1"]


def test_dates_take_ascii_digits_only() -> None:
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.parse("٢٠٢١")


def test_many_dangling_references_are_each_reported_without_a_search_apiece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """500 records naming the same missing programme: 500 problems, one fuzzy search (each search
    walks every id, so one per problem made a 10,000-record overlay take minutes)."""
    from lunarfacts import loader

    searches: list[str] = []
    real = loader.did_you_mean

    def counted(word: str, candidates: object) -> str:
        searches.append(word)
        return real(word, candidates)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "did_you_mean", counted)
    overlay = tmp_path / "overlay.toml"
    overlay.write_text(
        "".join(
            f'[[missions]]\nid = "m-{n}"\nname = "M {n}"\nsummary = "s"\nprogram = "moonshoot"\n'
            'sources = [{ url = "https://e.org", title = "t", kind = "primary" }]\nas_of = 2026-11-24\n'
            for n in range(500)
        )
    )
    with pytest.raises(DataError) as caught:
        load_facts([MINI, overlay])
    dangling = [p for p in caught.value.problems if p.field == "program"]
    assert len(dangling) == 500
    assert all("did you mean 'moonshot'?" in p.message for p in dangling)
    assert searches.count("moonshoot") == 1


def test_an_empty_overlay_loads_and_check_says_it_holds_no_records(tmp_path: Path) -> None:
    """An empty file is how a local overlay starts: it is no error, only a warning `check` shows."""
    path = tmp_path / "empty.toml"
    path.write_text("")
    loaded = load_facts([MINI, path])
    assert [(p.file, p.message, p.severity) for p in loaded.notes] == [
        (str(path), "holds no records", "warning")
    ]
