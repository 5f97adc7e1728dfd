"""The bundled fact base itself: valid, sourced, consistent, and as large as promised."""

from __future__ import annotations

import datetime as dt

import pytest

from lunarfacts import timeinfo
from lunarfacts.dates import PartialDate
from lunarfacts.files import bundled_path
from lunarfacts.loader import load_facts
from lunarfacts.model import Agreement, FactBase, Mission, Program, Record
from lunarfacts.refs import RefIndex, entries_of, keys_of, normalize
from lunarfacts.vocab import RecordType

# Raise these as the fact base grows; they are floors, so adding a record never breaks a test.
MINIMUM_COUNTS = {
    RecordType.PROGRAM: 22,
    RecordType.MISSION: 185,
    RecordType.ORGANIZATION: 72,
    RecordType.COUNTRY: 78,
    RecordType.AGREEMENT: 88,
    RecordType.VEHICLE: 73,
    RecordType.CLAIM: 52,
}
CHECKED_BY = dt.date(2026, 12, 1)  # no record may claim a check after the day this suite was written


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_facts([bundled_path()]).base


def test_bundled_base_loads_clean(base: FactBase) -> None:
    assert base.records


@pytest.mark.parametrize("record_type", list(RecordType.values()))
def test_counts_per_type(base: FactBase, record_type: str) -> None:
    assert len(base.of_type(record_type)) >= MINIMUM_COUNTS[record_type]


def test_no_alias_or_name_is_shared_by_two_records(base: FactBase) -> None:
    owners: dict[str, set[str]] = {}
    for record in base.records:
        for key in keys_of(record.id, record.name, record.aliases):
            owners.setdefault(key, set()).add(record.id)
    assert {k: ids for k, ids in owners.items() if len(ids) > 1} == {}


def test_every_record_cites_web_pages_and_an_honest_as_of(base: FactBase) -> None:
    for record in base.records:
        assert record.sources, record.id
        for source in record.sources:  # (the loader already requires an http(s) URL)
            assert "example." not in source.url, (record.id, source.url)
        assert record.as_of.end <= CHECKED_BY, record.id


@pytest.mark.parametrize(
    "ref", ["change-5", "Chang'e 5", "CHANG-E 5", "嫦娥五号", "ILRS", "CNES", "Gateway", "Artemis Accords"]
)
def test_the_news_report_refs_resolve(base: FactBase, ref: str) -> None:
    RefIndex(entries_of(base)).resolve(ref)


def test_the_news_report_facts(base: FactBase) -> None:
    """The checkable claims of the report that started the project, as the sources give them."""
    by_id = base.by_id
    change5 = by_id["change-5"]
    assert isinstance(change5, Mission)
    assert (str(change5.launch_date), str(change5.return_date), change5.samples_g) == (
        "2020-11-23",
        "2020-12-16",
        1731.0,
    )
    memorandum = by_id["ilrs-memorandum"]
    assert isinstance(memorandum, Agreement)
    assert str(memorandum.signed_date) == "2021-03-09"
    assert {"cnsa", "roscosmos"} <= set(memorandum.parties)
    launch = by_id["gateway-ppe-halo-launch-contract"]
    assert isinstance(launch, Agreement)
    assert (launch.contractor, launch.vehicle, str(launch.signed_date)) == (
        "spacex",
        "falcon-heavy",
        "2021-02-09",
    )
    accords = by_id["artemis-accords"]
    assert isinstance(accords, Agreement)
    founders = sorted(s.id for s in accords.signatories if str(s.date) == "2020-10-13")
    assert founders == ["ae", "au", "ca", "gb", "it", "jp", "lu", "us"]
    artemis = by_id["artemis"]
    assert isinstance(artemis, Program)
    pence = [t for t in artemis.targets if t.announced is not None and str(t.announced) == "2019-03-26"]
    assert [str(t.date) for t in pence] == ["2024"]


def test_sample_returns_before_change_5_were_american_and_soviet(base: FactBase) -> None:
    returned = [
        m
        for m in base.of_type(RecordType.MISSION)
        if isinstance(m, Mission)
        and m.samples_g
        and m.return_date
        and m.return_date.end < dt.date(2020, 12, 1)
    ]
    assert {c for m in returned for c in m.countries} == {"us", "su"}


def _all_text(record: Record) -> str:
    return normalize(" ".join([record.name, *record.aliases]))


def test_native_script_aliases_for_the_big_non_latin_programmes(base: FactBase) -> None:
    for ref in ("change-5", "luna-9", "chandrayaan-3", "slim"):
        record = base.by_id[ref]
        assert any(not alias.isascii() for alias in record.aliases), ref
    assert _all_text(base.by_id["change-5"])


# --- time, on the real base (issue 11's examples) ---------------------------------------------


def _at(base: FactBase, day: str) -> FactBase:
    return timeinfo.as_of(base, PartialDate.parse(day)).base


def test_the_timeline_never_calls_a_plan_done(base: FactBase) -> None:
    for event in timeinfo.timeline(base):
        record = event.record
        if isinstance(record, Mission) and event.event in ("launch", "landing", "return", "mission-end"):
            assert not (event.planned is False and record.status == "planned"), event.detail
        if event.planned:
            assert not any(word in event.detail for word in ("launched", "landed", "returned", " ended")), (
                event.detail
            )
    planned = {e.record.id for e in timeinfo.timeline(base) if e.planned}
    assert {"change-7", "change-8", "luna-26"} <= planned


def test_as_of_the_ilrs_memorandum_day_nothing_later_shows(base: FactBase) -> None:
    then = _at(base, "2021-03-09")
    accords = then.by_id["artemis-accords"]
    assert isinstance(accords, Agreement)
    assert len(accords.signatories) == len(accords.parties) == 9
    assert all(s.date is not None and s.date.end <= dt.date(2021, 3, 9) for s in accords.signatories)
    artemis_ii = then.by_id["artemis-ii"]
    assert isinstance(artemis_ii, Mission)
    assert (artemis_ii.launch_date, artemis_ii.crew, artemis_ii.status) == (None, (), "planned")
    gateway = then.by_id["gateway"]
    assert isinstance(gateway, Program) and gateway.status != "suspended"
    ilrs = then.by_id["ilrs"]
    assert isinstance(ilrs, Program) and ilrs.partners
    assert all(p.joined is not None and p.joined.end <= dt.date(2021, 3, 9) for p in ilrs.partners)
    later = base.by_id["ilrs"]
    assert isinstance(later, Program) and len(later.partners) > len(ilrs.partners)


def test_as_of_the_newest_as_of_changes_nothing(base: FactBase) -> None:
    newest = max(record.as_of for record in base.records)
    assert _at(base, str(newest)).records == base.records


def test_upcoming_from_2026_11_24_has_change_7_before_artemis_iii(base: FactBase) -> None:
    ids = [event.record.id for event in timeinfo.upcoming(base, PartialDate.parse("2026-11-24"))]
    assert ids.index("change-7") < ids.index("artemis-iii")
    assert not any(
        event.record.status == "success"
        for event in timeinfo.upcoming(base, PartialDate.parse("2026-11-24"))
        if isinstance(event.record, Mission) and event.event == "launch"
    )


def test_artemis_landing_slipped_four_years(base: FactBase) -> None:
    artemis = base.by_id["artemis"]
    assert isinstance(artemis, Program)
    (landing,) = [
        h for h in timeinfo.slip_histories(artemis.targets) if h.milestone == "first crewed landing"
    ]
    # NASA's plan before March 2019 was 2028; Pence's directive pulled it to 2024; it slipped to 2028
    assert landing.movement == "no change since first announced, +4 years since the earliest target (2024)"
    assert [str(step.target.date) for step in landing.steps][:2] == ["2028", "2024"]


def test_every_target_is_announced_or_bounded(base: FactBase) -> None:
    for record in base.records:
        for target in getattr(record, "targets", ()):
            assert target.announced is not None, (record.id, target.milestone)


def test_no_milestone_is_another_with_a_qualifier(base: FactBase) -> None:
    """Qualifiers go in note, so that each milestone's targets make one slip history."""
    for record in base.records:
        milestones = {target.milestone for target in getattr(record, "targets", ())}
        assert not [m for m in milestones if m.endswith(")") and m.rsplit(" (", 1)[0] in milestones], (
            record.id
        )
