"""Time-aware facts: slip histories, `--as-of`, and the timeline of events (SPEC §3 targets, §8)."""

from __future__ import annotations

import json

import pytest

from lunarfacts.model import PartialDate
from lunarfacts.timeinfo import describe_months, months_between

from .conftest import Runner


@pytest.mark.parametrize(
    ("earlier", "later", "text"),
    [
        ("2024", "2025-12", "+1 year"),
        ("2025-12", "2027-Q2", "+1 year 6 months"),
        ("2027", "2026-09", "−1 year 3 months"),
        ("2024", "2024", "no change"),
        ("2024", "2028", "+4 years"),
    ],
)
def test_slips_are_measured_at_the_end_of_each_target(earlier: str, later: str, text: str) -> None:
    assert describe_months(months_between(PartialDate.parse(earlier), PartialDate.parse(later))) == text


def test_show_json_keeps_every_target_oldest_first(mini: Runner) -> None:
    targets = json.loads(mini("show", "moonshot", "--json").out)["targets"]
    assert [(t["date"], t["announced"]) for t in targets] == [
        ("2024", "2019-03-26"),
        ("2025-12", "2021-11-09"),
        ("2027-Q2", "2024-12-05"),
    ]


def test_as_of_shows_signatories_and_partners_of_that_day(mini: Runner) -> None:
    accords = json.loads(mini("--as-of", "2021-03-09", "show", "test-accords", "--json").out)
    assert [s["id"] for s in accords["signatories"]] == ["xa"]
    program = json.loads(mini("--as-of", "2021-03-09", "show", "moonshot", "--json").out)
    assert [p["id"] for p in program["partners"]] == ["agency-b"]  # xb joined 2023-07
    assert [t["date"] for t in program["targets"]] == ["2024"]  # later announcements not yet made


def test_as_of_turns_later_launches_into_plans_and_hides_later_outcomes(mini: Runner) -> None:
    before = json.loads(mini("--as-of", "2020-06", "show", "lander-1", "--json").out)
    assert (before["status"], before["landing_date"], before["samples_g"], before["firsts"]) == (
        "planned",
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


def test_timeline_orders_events_and_keeps_partial_dates(mini: Runner) -> None:
    rows = json.loads(mini("timeline", "--json").out)
    assert [(r["date"], r["event"], r["id"]) for r in rows][:4] == [
        ("1958-10-01", "founding", "agency-a"),
        ("1992", "founding", "agency-b"),
        ("2019", "program-start", "moonshot"),
        ("2019-03-26", "target-announced", "moonshot"),
    ]
    assert ("2023-07", "partner-joined", "moonshot") in [(r["date"], r["event"], r["id"]) for r in rows]
    dates = [PartialDate.parse(r["date"]) for r in rows]
    assert dates == sorted(dates)


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


def test_timeline_in_every_format(mini: Runner) -> None:
    assert mini("timeline", "--format", "csv").out.startswith("date,event,type,id,name,detail\r\n")
    assert (
        mini("timeline", "--format", "tsv", "--fields", "date,id").out.splitlines()[1]
        == "1958-10-01\tagency-a"
    )
    assert len(mini("timeline", "--format", "jsonl").out.splitlines()) == len(
        json.loads(mini("timeline", "--json").out)
    )
    table = mini("timeline", "--format", "table").out
    assert "2020-12-16   return" in table and "events" in table


def test_real_timeline_2020_to_2021_holds_the_memorandum_and_the_change_5_landing(run: Runner) -> None:
    rows = json.loads(run("timeline", "--since", "2020", "--until", "2021", "--json").out)
    keys = [(r["date"], r["event"], r["id"]) for r in rows]
    landing = keys.index(("2020-12-01", "landing", "change-5"))
    memorandum = keys.index(("2021-03-09", "signing", "ilrs-memorandum"))
    assert landing < memorandum


def test_real_artemis_iii_history_and_accords_on_memorandum_day(run: Runner) -> None:
    card = run("show", "Artemis III", "--format", "table").out
    for announced in ("2019-03-26", "2021-11-09", "2024-01-09", "2024-12-05"):
        assert announced in card
    accords = json.loads(run("--as-of", "2021-03-09", "show", "Artemis Accords", "--json").out)
    assert sorted(s["id"] for s in accords["signatories"]) == [
        "ae",
        "au",
        "ca",
        "gb",
        "it",
        "jp",
        "lu",
        "ua",
        "us",
    ]
