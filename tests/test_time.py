"""Facts in time (SPEC §3 changes, bound dates, targets; §8): slip histories, `--as-of` leaking nothing
known only later, the timeline calling no plan done, and `upcoming`. The clock is pinned: no test
depends on today's date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lunarfacts import timeinfo
from lunarfacts.dates import PartialDate
from lunarfacts.model import Target
from lunarfacts.rules import TYPES
from lunarfacts.timeinfo import describe_move, slip_histories

from .conftest import MINI, Runner


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeinfo, "today", lambda: PartialDate.parse("2026-12-01"))


def _d(text: str) -> PartialDate:
    return PartialDate.parse(text)


# --- slips ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "later", "text"),
    [
        ("2024", "2025-12", "+1 year"),
        ("2025-12", "2027-Q2", "+1 year 6 months"),
        ("2027", "2026-09", "−1 year 3 months"),
        ("2024", "2024", "no change"),
        ("2024", "2028", "+4 years"),
        ("2028", "2028-09", "refined"),  # a narrower date within the old one: neither slip nor pull-in
        ("2028-Q3", "2028-09-15", "refined"),
        ("2028-09", "2028", "+3 months"),  # widened: measured at the end of each span
    ],
)
def test_a_move_is_measured_at_the_end_of_each_target(earlier: str, later: str, text: str) -> None:
    assert describe_move(_d(earlier), _d(later)) == text


def test_a_slip_history_is_oldest_announcement_first_with_unknown_ones_last() -> None:
    targets = [
        Target("landing", _d("2026"), _d("2021-11-09")),
        Target("landing", _d("2030"), None),  # announced when, nobody knows
        Target("landing", _d("2024"), _d("2019-03-26")),
        Target("landing", _d("2028"), _d("..2025-01-01")),
    ]
    (history,) = slip_histories(targets)
    assert [str(step.target.date) for step in history.steps] == ["2024", "2026", "2028", "2030"]
    assert history.current.date == _d("2028")  # the latest announced, not the undated one
    assert history.movement == "+4 years since first announced"


def test_a_pull_in_and_a_slip_past_it_are_both_in_the_headline() -> None:
    targets = [
        Target("landing", _d("2028"), _d("..2019-03-26")),  # on or before the day of the next
        Target("landing", _d("2024"), _d("2019-03-26")),
        Target("landing", _d("2028"), _d("2026-02-27")),
    ]
    (history,) = slip_histories(targets)
    assert [str(step.target.date) for step in history.steps] == ["2028", "2024", "2028"]
    assert history.movement == "no change since first announced, +4 years since the earliest target (2024)"


def test_a_dropped_milestone_is_history_not_a_plan() -> None:
    """A milestone given up (Artemis III's landing, 2026-02-27) heads its table as dropped, is no
    longer planned, and was still planned the day before it was dropped."""
    targets = (
        Target("landing", _d("2024"), _d("2019-03-26")),
        Target("landing", _d("2028"), _d("..2026-02-27"), note="late", dropped=_d("2026-02-27")),
        Target("launch", _d("2027"), _d("2026-02-27")),
    )
    landing, _launch = slip_histories(targets)
    assert landing.movement == "+4 years since first announced; dropped 2026-02-27"
    assert targets[1].words == "landing targeted for 2028 (late)"
    probe = timeinfo.Mission(id="probe", name="Probe", targets=targets, as_of=_d("2026-12-01"))
    assert [t.milestone for t in timeinfo.latest_targets(probe)] == ["launch"]
    before = timeinfo.as_of(timeinfo.FactBase([probe]), _d("2026-02-26")).base.by_id["probe"]
    assert [t.milestone for t in timeinfo.latest_targets(before)] == ["landing"]
    events = timeinfo.timeline(timeinfo.FactBase([probe]))
    assert ("target-dropped", "Probe: landing dropped") in [(e.event, e.detail) for e in events]


def test_the_headline_never_contradicts_the_table(mini: Runner) -> None:
    card = mini("show", "moonshot", "--format", "table").out
    assert "Target: first landing  (+2 years 6 months since first announced)" in card  # 2024 -> 2027-Q2


# --- bound dates ------------------------------------------------------------------------------


def test_a_bound_is_on_or_before_its_date() -> None:
    bound = _d("..2024-05-15")
    assert (bound.before, str(bound), bound.shown) == (True, "..2024-05-15", "by 2024-05-15")
    assert bound.known_by(_d("2024-05-15")) and not bound.known_by(_d("2024-05-14"))
    assert sorted([_d("2024-06-01"), bound, _d("2024-05-01")]) == [_d("2024-05-01"), bound, _d("2024-06-01")]


_EDTF_CASES = [
    "2027",
    "2027-06",
    "2027-06-15",
    "2027-Q1",
    "2027-Q4",
    "..2025-04-29",
    "..2025",
    "2024-02-29",
    "2023-02-29",
    "2027-13",
    "2027-Q5",
    "27-01-01",
    "2027-1-1",
    "....2025",
    "2025..",
    "0000",
]


def _as_edtf(text: str) -> str:
    """Our forms in EDTF's spelling: a quarter is a Level 2 season (Q1 = 33), a bound "one of a set"."""
    if text.startswith(".."):
        return f"[{text}]"
    year, _, rest = text.partition("-Q")
    return f"{year}-{32 + int(rest)}" if rest in ("1", "2", "3", "4") else text


# What EDTF (or the edtf package) takes and this parser refuses, on purpose: a day the calendar lacks
# (the package takes 2023-02-29) and the year zero (sources count years from 1).
_STRICTER = {"2023-02-29", "0000"}


@pytest.mark.parametrize("text", _EDTF_CASES)
def test_what_the_parser_takes_the_edtf_package_takes_as_the_same_span(text: str) -> None:
    import time

    edtf = pytest.importorskip("edtf")
    try:
        ours = PartialDate.parse(text)
    except ValueError:
        ours = None
    try:
        theirs = edtf.parse_edtf(_as_edtf(text))
    except Exception:
        theirs = None
    if theirs is None:
        assert ours is None, text
        return
    if ours is None:
        assert text in _STRICTER, f"{text} is EDTF but refused"
        return
    upper = theirs.upper_strict()
    assert ours.end.timetuple()[:3] == upper[:3]
    lower = theirs.lower_strict()
    if ours.before:
        assert lower == -float("inf") or lower[0] < 1  # open towards the past
    else:
        assert ours.start.timetuple()[:3] == time.struct_time(lower)[:3]


def test_dates_sort_as_edtf_orders_their_first_days() -> None:
    edtf = pytest.importorskip("edtf")
    texts = ["2027-03-05", "2027", "2026-12", "2027-Q1", "2027-01-01", "2026", "2026-12-31"]
    ours = sorted(texts, key=_d)
    firsts = [edtf.parse_edtf(_as_edtf(t)).lower_strict()[:3] for t in ours]
    assert firsts == sorted(firsts)


def test_bounds_appear_in_json_as_edtf_and_in_tables_as_by(mini: Runner) -> None:
    program = json.loads(mini("show", "moonshot", "--json").out)
    assert {"id": "xa", "joined": "..2024-05-15", "role": "member"} in program["partners"]
    assert " xa        Xandia    by 2024-05-15  member" in mini("show", "moonshot", "--format", "table").out


# --- changes ----------------------------------------------------------------------------------


def test_changes_replay_under_as_of(mini: Runner) -> None:
    def status(day: str) -> str:
        return json.loads(mini("--as-of", day, "show", "moonshot", "--json").out)["status"]

    assert status("2019-12") == "planned"
    assert status("2020-01-15") == "active"
    assert json.loads(mini("show", "moonshot", "--json").out)["status"] == "active"


def test_a_crew_is_known_from_the_day_it_was_named(mini: Runner) -> None:
    def crew(day: str) -> list[str]:
        return json.loads(mini("--as-of", day, "show", "lander-2", "--json").out)["crew"]

    assert crew("2025-05-31") == []
    assert crew("2025-06-01") == ["Test Pilot", "Test Engineer"]


def _check_of(mini: Runner, overlay: Path, changes: str) -> list[str]:
    overlay.write_text(
        '[[missions]]\nid = "probe"\nname = "Probe"\nsummary = "s"\nstatus = "success"\nlaunch_date = 2020-01-01\n'
        f'sources = [{{ url = "https://e.org", title = "t", kind = "primary" }}]\nas_of = 2026-01-01\nchanges = [{changes}]\n'
    )
    result = mini("check", str(overlay))
    return [line.split("(probe): ", 1)[-1] for line in result.out.splitlines() if "(probe)" in line]


_SOURCE = 'sources = [{ url = "https://e.org/c", title = "c", kind = "primary" }]'


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            f'{{ date = 2019-01-01, field = "colour", value = "x", {_SOURCE} }}',
            "field 'changes[0].field': 'colour' is no field a change can name",
        ),
        (f'{{ date = 2019-01-01, field = "stauts", value = "x", {_SOURCE} }}', "(did you mean 'status'?)"),
        (
            f'{{ date = 2019-01-01, field = "id", value = "x", {_SOURCE} }}',
            "'id' is no field a change can name",
        ),
        (
            f'{{ date = 2019-01-01, field = "status", value = "done", {_SOURCE} }}',
            "field 'changes[0].value': expected one of planned",
        ),
        (
            f'{{ date = 2019-01-01, field = "launch_date", value = "soon", {_SOURCE} }}',
            "'soon' is not a date",
        ),
        ('{ date = 2019-01-01, field = "status", value = "success" }', "a change needs 'sources'"),
        (
            f'{{ date = 2020-02-01, field = "status", value = "success", {_SOURCE} }}, '
            f'{{ date = 2019-01-01, field = "status", value = "planned", {_SOURCE} }}',
            "changes to 'status' must be listed oldest first",
        ),
        (
            f'{{ date = 2019-01-01, field = "status", value = "planned", {_SOURCE} }}',
            "the last change to 'status' ('planned') is not the record's own status ('success')",
        ),
    ],
)
def test_check_validates_changes(mini: Runner, tmp_path: Path, changes: str, problem: str) -> None:
    (found,) = _check_of(mini, tmp_path / "o.toml", changes)
    assert problem in found, found


def test_good_changes_check_clean(mini: Runner, tmp_path: Path) -> None:
    changes = (
        f'{{ date = 2019-01-01, field = "status", value = "planned", {_SOURCE} }}, '
        f'{{ date = 2020-02-01, field = "status", value = "success", {_SOURCE} }}'
    )
    assert _check_of(mini, tmp_path / "o.toml", changes) == []


def test_every_record_type_may_carry_changes() -> None:
    assert all(rule.field("changes") is not None for rule in TYPES.values())


# --- --as-of leaks nothing ---------------------------------------------------------------------


def test_as_of_shows_signatories_parties_and_partners_of_that_day(mini: Runner) -> None:
    accords = json.loads(mini("--as-of", "2021-03-09", "show", "test-accords", "--json").out)
    assert [s["id"] for s in accords["signatories"]] == ["xa"]
    assert accords["parties"] == ["xa"]  # xb signed in May
    program = json.loads(mini("--as-of", "2021-03-09", "show", "moonshot", "--json").out)
    assert [p["id"] for p in program["partners"]] == ["agency-b"]  # xb joined 2023-07, xa by 2024-05
    assert [t["date"] for t in program["targets"]] == ["2024"]  # later announcements not yet made


def test_members_with_no_known_date_are_left_out_and_counted(mini: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        MINI.read_text().replace(
            '{ id = "agency-b", joined = 2021-03-09, role = "partner" },',
            '{ id = "agency-b", role = "partner" },',
        )
    )
    result = mini("--data", str(overlay), "--as-of", "2025-01-01", "show", "moonshot", "--json")
    assert [p["id"] for p in json.loads(result.out)["partners"]] == ["xb", "xa"]
    assert result.err == (
        "lunarfacts: as of 2025-01-01: 1 member (partners, parties, signatories) with no known date "
        "left out, of moonshot\n"
    )


def test_as_of_turns_later_launches_into_plans_and_hides_later_outcomes(mini: Runner) -> None:
    before = json.loads(mini("--as-of", "2020-06", "show", "lander-1", "--json").out)
    assert (
        before["status"],
        before["launch_date"],
        before["landing_date"],
        before["samples_g"],
        before["firsts"],
    ) == (
        "planned",
        None,
        None,
        None,
        [],
    )
    during = json.loads(mini("--as-of", "2020-11-30", "show", "lander-1", "--json").out)
    assert (during["status"], during["launch_date"], during["landing_date"]) == (
        "in-flight",
        "2020-11-23",
        None,
    )
    after = json.loads(mini("--as-of", "2020-12-16", "show", "lander-1", "--json").out)
    assert (after["status"], after["samples_g"]) == ("success", 1731.0)


def test_as_of_leaves_out_what_did_not_exist_yet(mini: Runner) -> None:
    ids = [r["id"] for r in json.loads(mini("--as-of", "2021-01", "agreements", "--json").out)]
    assert ids == ["test-accords"]  # the contract was awarded in February
    assert json.loads(mini("--as-of", "1990", "organizations", "--json").out)[0]["id"] == "agency-a"
    assert mini("--as-of", "2018", "show", "lander-1").code == 1  # its programme began in 2019


@pytest.mark.parametrize("command", [rule.plural for rule in TYPES.values()])
@pytest.mark.parametrize("day", ["2026-11-24", "2026-12-01", "2031"])
def test_as_of_on_or_after_the_newest_as_of_changes_nothing(mini: Runner, command: str, day: str) -> None:
    assert mini("--as-of", day, command, "--json").out == mini(command, "--json").out


def test_a_summary_written_later_is_labelled_under_as_of(mini: Runner) -> None:
    card = mini("--as-of", "2021-03-09", "show", "moonshot", "--format", "table").out
    assert "(summary as written on 2026-11-01) A test programme." in card
    assert "(summary as written" not in mini("show", "moonshot", "--format", "table").out


# --- the timeline and what comes next ----------------------------------------------------------


def test_the_timeline_calls_no_plan_done(mini: Runner) -> None:
    rows = json.loads(mini("timeline", "--json").out)
    launch = [r for r in rows if r["id"] == "lander-2" and r["event"] == "launch"]
    assert launch == [
        {
            "date": "2027",
            "event": "launch",
            "planned": True,
            "type": "mission",
            "id": "lander-2",
            "name": "Lander 2",
            "detail": "Lander 2 launch targeted for 2027",
        }
    ]
    assert all("launched" not in r["detail"] for r in rows if r["planned"])
    done = [r for r in rows if r["id"] == "lander-1" and r["event"] == "launch"]
    assert done[0]["planned"] is False and done[0]["detail"] == "Lander 1 launched on Rocket 5"


def test_the_latest_targets_are_planned_events(mini: Runner) -> None:
    rows = json.loads(mini("timeline", "--type", "target", "--json").out)
    assert [(r["date"], r["id"], r["planned"]) for r in rows] == [("2027-Q2", "moonshot", True)]


def test_timeline_tables_mark_plans(mini: Runner) -> None:
    table = mini("timeline", "--format", "table", "--since", "2026").out
    (line,) = [line for line in table.splitlines() if "lander-2" in line]
    assert line.split() == [
        "2027",
        "○",
        "launch",
        "lander-2",
        "Lander",
        "2",
        "launch",
        "targeted",
        "for",
        "2027",
    ]
    assert "○ planned (2)" in table


def test_upcoming_is_what_is_planned_after_the_day_soonest_first(mini: Runner) -> None:
    rows = json.loads(mini("upcoming", "--json").out)  # after the pinned 2026-12-01
    assert [(r["date"], r["event"], r["id"]) for r in rows] == [
        ("2027", "launch", "lander-2"),
        ("2027-Q2", "target", "moonshot"),
    ]
    earlier = json.loads(mini("--as-of", "2022-01-01", "upcoming", "--json").out)
    assert [(r["date"], r["id"]) for r in earlier] == [("2025-12", "moonshot")]  # the target of that day


def test_upcoming_takes_the_list_options(mini: Runner) -> None:
    assert len(json.loads(mini("upcoming", "--limit", "1", "--json").out)) == 1
    assert json.loads(mini("upcoming", "--country", "xb", "--json").out)[0]["id"] == "lander-2"
    assert (
        mini("upcoming", "--format", "csv", "--fields", "date,id").out
        == "date,id\r\n2027,lander-2\r\n2027-Q2,moonshot\r\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2020-11", "--until", "2020-12"], ["launch", "landing", "return"]),
        (["--type", "signing", "--type", "contract-award"], ["signing", "contract-award"]),
        (["--country", "xb", "--type", "signatory"], ["signatory"]),
        (["--program", "moonshot", "--type", "launch"], ["launch", "launch"]),
    ],
)
def test_timeline_filters(mini: Runner, args: list[str], expected: list[str]) -> None:
    assert [r["event"] for r in json.loads(mini("timeline", *args, "--json").out)] == expected


def test_timeline_orders_events_and_keeps_partial_dates(mini: Runner) -> None:
    rows = json.loads(mini("timeline", "--json").out)
    assert [(r["date"], r["event"], r["id"]) for r in rows][:5] == [
        ("1958-10-01", "founding", "agency-a"),
        ("1992", "founding", "agency-b"),
        ("2018-02-06", "first-flight", "heavy-rocket"),
        ("2019", "program-start", "moonshot"),
        ("2019-03-26", "target-announced", "moonshot"),
    ]
    assert ("2023-07", "partner-joined", "moonshot") in [(r["date"], r["event"], r["id"]) for r in rows]
    dates = [PartialDate.parse(r["date"]) for r in rows]
    assert dates == sorted(dates)


def test_timeline_in_every_format(mini: Runner) -> None:
    assert mini("timeline", "--format", "csv").out.startswith("date,event,planned,type,id,name,detail\r\n")
    assert (
        mini("timeline", "--format", "tsv", "--fields", "date,id").out.splitlines()[1]
        == "1958-10-01\tagency-a"
    )
    assert len(mini("timeline", "--format", "jsonl").out.splitlines()) == len(
        json.loads(mini("timeline", "--json").out)
    )


# --- check: what cannot be true, or cannot be placed in time ------------------------------------


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            'status = "planned"\nlaunch_date = 2020-01-01',
            "lint: the mission is planned, but its launch date 2020-01-01 is before its as_of 2026-01-01",
        ),
        ('status = "success"', "lint: the mission has an outcome (success) but no launch date"),
        (
            'status = "planned"\ntargets = [{ milestone = "launch", date = "2027" }]',
            "lint: a target with no announcement date cannot be placed in time",
        ),
        (
            'targets = [{ milestone = "launch", date = "2027", announced = 2025-01-01 },'
            ' { milestone = "launch (no earlier than)", date = "2028", announced = 2025-06-01 }]',
            "lint: 'launch (no earlier than)' is 'launch' with a qualifier: put the qualifier in note",
        ),
    ],
)
def test_check_finds_what_cannot_be_true(mini: Runner, tmp_path: Path, record: str, problem: str) -> None:
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        f'[[missions]]\nid = "probe"\nname = "Probe"\nsummary = "s"\n{record}\n'
        'sources = [{ url = "https://e.org", title = "t", kind = "primary" }]\nas_of = 2026-01-01\n'
    )
    result = mini("check", str(overlay))
    assert result.code == 1
    assert any(problem in line for line in result.out.splitlines()), result.out
    assert mini("--data", str(overlay), "show", "probe", "--json").code == 0  # other commands still run


def test_before_its_first_name_change_a_record_is_called_by_its_id(mini: Runner, tmp_path: Path) -> None:
    """A name is never unknown (lists sort by it): before the first change naming it, the id stands
    in for it, not the later name."""
    overlay = tmp_path / "o.toml"
    overlay.write_text(
        MINI.read_text().replace(
            'changes = [\n  { date = "2019", field = "status"',
            'changes = [\n  { date = 2021-01-01, field = "name", value = "Moonshot Programme", '
            'sources = [{ url = "https://example.org/n", title = "Named", kind = "primary" }] },\n'
            '  { date = "2019", field = "status"',
            1,
        )
    )
    result = mini("--data", str(overlay), "--as-of", "2020-06-01", "programs", "--json")
    assert result.code == 0, result.err
    assert [p["name"] for p in json.loads(result.out)] == ["moonshot"]


def test_as_of_may_follow_the_command(mini: Runner) -> None:
    before = mini("--as-of", "2022-01-01", "upcoming", "--json").out
    assert mini("upcoming", "--as-of", "2022-01-01", "--json").out == before
    assert before != mini("upcoming", "--json").out
