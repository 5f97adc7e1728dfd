"""Facts in time: slip histories of targets, the fact base as of a date, the timeline, what comes next.

Imports the model, the rules and query helpers only; never prints. Nothing here reads the clock but
`today`, which the tests replace.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from lunarfacts.dates import PartialDate
from lunarfacts.model import (
    Agreement,
    Country,
    FactBase,
    Mission,
    Organization,
    Program,
    Record,
    Target,
    Vehicle,
)
from lunarfacts.query import country_ids_of, organizations_of, program_of
from lunarfacts.rules import TYPES, latest_budget
from lunarfacts.vocab import AgreementKind, EventKind, MissionStatus, ProgramStatus, VehicleStatus


def today() -> PartialDate:
    """The day it is (UTC): what `upcoming` looks ahead from without --as-of."""
    return PartialDate.from_date(dt.datetime.now(dt.timezone.utc).date())


# --- slip history -----------------------------------------------------------------------------


def months_between(earlier: PartialDate, later: PartialDate) -> int:
    """Whole months from one target to the next, measured at the end of each span ('by 2024')."""
    return (later.end.year - earlier.end.year) * 12 + later.end.month - earlier.end.month


def describe_move(earlier: PartialDate, later: PartialDate) -> str:
    """How far a target moved: "+1 year 3 months", "−6 months", "no change", or "refined" when the new
    date only narrows the old one (2028 → 2028-09 is neither a slip nor a pull-in)."""
    if later != earlier and earlier.contains(later):
        return "refined"
    months = months_between(earlier, later)
    if months == 0:
        return "no change"
    years, rest = divmod(abs(months), 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return ("+" if months > 0 else "−") + " ".join(parts)


class SlipStep(NamedTuple):
    target: Target
    moved: str  # against the step before it; "" for the first


class SlipHistory(NamedTuple):
    """A milestone's targets: announced ones oldest first, then any whose announcement is unknown."""

    milestone: str
    steps: tuple[SlipStep, ...]

    @property
    def current(self) -> Target:
        """The latest announced target (the last step, when no announcement date is known)."""
        known = [step.target for step in self.steps if step.target.announced is not None]
        return known[-1] if known else self.steps[-1].target

    @property
    def movement(self) -> str:
        """The headline: from the first announced target to the latest; from the earliest target too,
        when the milestone was first pulled in and then slipped past it (Artemis: 2028, then 2024,
        then 2028 again); and whether it was given up."""
        dropped = self.current.dropped
        then = f"; dropped {dropped.shown}" if dropped is not None else ""
        if len(self.steps) == 1:
            return f"one target announced{then}"
        first, latest = self.steps[0].target.date, self.current.date
        said = f"{describe_move(first, latest)} since first announced"
        earliest = min((step.target.date for step in self.steps), key=lambda d: (d.end, d.start))
        if earliest.end < first.end and earliest.end < latest.end:
            said += f", {describe_move(earliest, latest)} since the earliest target ({earliest.shown})"
        return said + then


def _announced_order(target: Target) -> tuple[Any, ...]:
    """By the day an announcement was certainly made (the end of its span), a bound ("by D", made on
    or before D) before an announcement made on D itself."""
    announced = target.announced
    assert announced is not None
    return (announced.end, not announced.before, announced.start)


def slip_histories(targets: Iterable[Target]) -> list[SlipHistory]:
    """Targets grouped by milestone (in order of first mention), oldest announcement first; a target
    whose announcement is unknown goes last (and is shown with a `?`)."""
    groups: dict[str, list[Target]] = {}
    for target in targets:
        groups.setdefault(target.milestone, []).append(target)
    histories = []
    for milestone, group in groups.items():
        known = sorted((t for t in group if t.announced is not None), key=_announced_order)
        ordered = [*known, *(t for t in group if t.announced is None)]
        steps = [SlipStep(ordered[0], "")]
        steps += [
            SlipStep(after, describe_move(before.date, after.date))
            for before, after in itertools.pairwise(ordered)
        ]
        histories.append(SlipHistory(milestone, tuple(steps)))
    return histories


def latest_targets(record: Record) -> list[Target]:
    """Each milestone's latest announced target, unless the milestone was dropped: what is still planned."""
    histories = slip_histories(getattr(record, "targets", ()))
    return [history.current for history in histories if history.current.dropped is None]


def launch_plan(mission: Mission) -> PartialDate | None:
    """When a mission launched or is to launch: its launch date, else its latest launch target."""
    if mission.launch_date is not None:
        return mission.launch_date
    launches = [t for t in latest_targets(mission) if "launch" in t.milestone.casefold()]
    return min((t.date for t in launches), default=None)


# --- as of a date -----------------------------------------------------------------------------


def _known(date: PartialDate | None, moment: PartialDate) -> bool:
    """Certainly past by the end of `moment` (a date not known is not)."""
    return date is not None and date.known_by(moment)


class AsOf(NamedTuple):
    """The fact base as it stood at the end of a day, and how many members were left out of it only
    because their date is not known."""

    base: FactBase
    undated: dict[str, int]  # record id: how many of its members were left out for want of a date


class _Moment:
    """One record seen at a moment: the fields replayed from its changes, and members left out."""

    def __init__(self, moment: PartialDate) -> None:
        self.moment = moment
        self.undated: dict[str, int] = {}
        self.record_id = ""

    def replay(self, record: Record) -> tuple[dict[str, Any], set[str]]:
        """The value each changed field had at the moment (unknown before its first change), and which."""
        rule = TYPES[record.TYPE]
        values: dict[str, Any] = {}
        for change in record.changes:
            field = rule.field(change.field)
            if field is None:
                continue
            if change.field not in values:
                # unknown before its first change; a name cannot be unknown: the id stands in for it
                values[change.field] = () if field.is_list else record.id if change.field == "name" else None
            if change.date.known_by(self.moment):
                values[change.field] = change.value
        values["changes"] = tuple(c for c in record.changes if c.date.known_by(self.moment))
        return values, set(values) - {"changes"}

    def members(self, items: Sequence[Any], date_of: Callable[[Any], PartialDate | None]) -> tuple[Any, ...]:
        """Members (partners, signatories) that had joined by then; those with no date are left out too."""
        kept = []
        for item in items:
            date = date_of(item)
            if date is None:
                self.undated[self.record_id] = self.undated.get(self.record_id, 0) + 1
            elif date.known_by(self.moment):
                kept.append(item)
        return tuple(kept)


def _mission(mission: Mission, at: _Moment, fixed: set[str], values: dict[str, Any]) -> dict[str, Any]:
    """What a mission was at the moment: unlaunched ones planned, with no later dates, crew or outcome;
    launched ones without what had not happened yet."""
    moment = at.moment
    if not _known(mission.launch_date, moment):
        values.update(launch_date=None, landing_date=None, return_date=None, end_date=None)
        values.update(samples_g=None, firsts=(), site=None)
        if values.get("status") is None:  # not launched, not yet cancelled by any change: a plan
            values["status"] = MissionStatus.PLANNED
        if "crew" not in fixed:
            values["crew"] = ()
        values["landing_crew"] = ()
        return values
    later = [
        name for name in ("landing_date", "return_date", "end_date") if getattr(mission, name) is not None
    ]
    later = [name for name in later if not _known(getattr(mission, name), moment)]
    for name in later:
        values[name] = None
    if "landing_date" in later:
        values["landing_crew"] = ()  # had not landed yet
    if later and "status" not in fixed and mission.status != MissionStatus.CANCELLED:
        values["status"] = MissionStatus.IN_FLIGHT
        values["firsts"] = ()  # outcomes, known only once the mission was over
        if "return_date" in later:
            values["samples_g"] = None
    return values


def _program(program: Program, at: _Moment, fixed: set[str], values: dict[str, Any]) -> dict[str, Any]:
    values["partners"] = at.members(program.partners, lambda p: p.joined)
    if program.end_date is not None and not _known(program.end_date, at.moment):
        values["end_date"] = None
        if "status" not in fixed and program.status in (ProgramStatus.COMPLETED, ProgramStatus.CANCELLED):
            values["status"] = ProgramStatus.ACTIVE
    elif "status" not in fixed and program.status == ProgramStatus.SUSPENDED:
        values["status"] = None  # paused some day after the moment, or before: nothing says which
    return values


def _agreement(agreement: Agreement, at: _Moment, fixed: set[str], values: dict[str, Any]) -> dict[str, Any]:
    """Signatories and parties that had signed by then: a party's day is its signatory entry's, or the
    agreement's own signing when it has none."""
    signed = agreement.signed_date
    values["signatories"] = at.members(agreement.signatories, lambda s: s.date or signed)
    dated = {s.id: s.date or signed for s in agreement.signatories}
    values["parties"] = at.members(agreement.parties, lambda party: dated.get(party, signed))
    return values


def _vehicle(vehicle: Vehicle, at: _Moment, fixed: set[str], values: dict[str, Any]) -> dict[str, Any]:
    """A vehicle that had not flown yet was in development (unless its changes say otherwise)."""
    if vehicle.first_flight is not None and not _known(vehicle.first_flight, at.moment):
        values["first_flight"] = None
        if "status" not in fixed and vehicle.status in (VehicleStatus.ACTIVE, VehicleStatus.RETIRED):
            values["status"] = VehicleStatus.IN_DEVELOPMENT
    elif "status" not in fixed and vehicle.status in (VehicleStatus.RETIRED, VehicleStatus.CANCELLED):
        values["status"] = None  # retired or cancelled some day: nothing says whether before the moment
    return values


def _country(country: Country, at: _Moment, fixed: set[str], values: dict[str, Any]) -> dict[str, Any]:
    """The budgets of years over by then; the latest of them is the space budget."""
    budgets = tuple(b for b in country.budgets if PartialDate.parse(f"{b.year:04d}").known_by(at.moment))
    values["budgets"] = budgets
    if country.budgets:
        latest = latest_budget(budgets) if budgets else None
        values["space_budget_usd"] = latest.usd if latest else None
        values["space_budget_year"] = latest.year if latest else None
    return values


def _organization(
    organization: Organization, at: _Moment, fixed: set[str], values: dict[str, Any]
) -> dict[str, Any]:
    """Its history up to then, and the name it had then."""
    history = tuple(entry for entry in organization.history if entry.date.known_by(at.moment))
    values["history"] = history
    if history and "name" not in fixed:
        values["name"] = history[-1].name
    return values


# How each type is seen at a moment, beyond replaying its changes and dropping later targets.
_AS_OF: dict[str, Callable[[Any, _Moment, set[str], dict[str, Any]], dict[str, Any]]] = {
    "mission": _mission,
    "program": _program,
    "agreement": _agreement,
    "vehicle": _vehicle,
    "country": _country,
    "organization": _organization,
}
# The date a record began: before it (when it is known), the record did not exist yet.
_BEGAN: dict[str, Callable[[Any], PartialDate | None]] = {
    "program": lambda program: program.start_date,
    "organization": lambda organization: organization.founded,
    "agreement": lambda agreement: agreement.signed_date,
    "claim": lambda claim: claim.published_date,  # a claim is known once the report is out
}


def as_of(base: FactBase, moment: PartialDate) -> AsOf:
    """The fact base as it stood at the end of `moment`: nothing known only later.

    A record checked on or before the moment is what it is. A later-checked one is replayed: its
    changed fields take the value they had then (unknown before their first change), targets announced
    later and members who joined later (or on an unknown day) drop out, and its type's own rules
    apply; a record that began later (a programme's start, an organization's founding, a signing) is
    left out, and so are the unlaunched missions of a programme that had not started.
    """
    at = _Moment(moment)
    kept: list[Record] = []
    for record in base.records:
        if record.as_of.end <= moment.end:
            kept.append(record)
            continue
        began = _BEGAN.get(record.TYPE)
        start = began(record) if began else None
        if start is not None and not start.known_by(moment):
            continue
        if isinstance(record, Mission) and not _known(record.launch_date, moment):
            program = base.by_id.get(record.program or "")
            if (
                isinstance(program, Program)
                and program.start_date
                and not program.start_date.known_by(moment)
            ):
                continue
        at.record_id = record.id
        values, fixed = at.replay(record)
        if "targets" not in fixed:
            values["targets"] = tuple(
                t if _known(t.dropped, moment) or t.dropped is None else t._replace(dropped=None)
                for t in getattr(record, "targets", ())
                if _known(t.announced, moment)
            )
        special = _AS_OF.get(record.TYPE)
        if special is not None:
            values = special(record, at, fixed, values)
        kept.append(record._replace(**{k: v for k, v in values.items() if k in record._fields}))
    return AsOf(FactBase(kept), at.undated)


# --- timeline ---------------------------------------------------------------------------------

EVENT_KINDS = EventKind.values()
EVENT_FIELDS = ("date", "event", "planned", "type", "id", "name", "detail")


class Event(NamedTuple):
    date: PartialDate
    event: str  # one of EVENT_KINDS
    record: Record
    detail: str
    planned: bool = False  # not yet happened: worded as a plan, never as done


def _is_planned(mission: Mission) -> bool:
    """A mission still to fly: planned, or with no outcome and a launch not certainly past when checked."""
    if mission.status == MissionStatus.PLANNED:
        return True
    return mission.status is None and not _known(mission.launch_date, mission.as_of)


def _mission_events(mission: Mission) -> Iterable[Event]:
    if mission.status == MissionStatus.CANCELLED and not _known(mission.launch_date, mission.as_of):
        return  # never flew
    if _is_planned(mission):
        if mission.launch_date is not None:
            on = f" on {mission.launch_vehicle}" if mission.launch_vehicle else ""
            detail = f"{mission.name} launch targeted for {mission.launch_date.shown}{on}"
            yield Event(mission.launch_date, EventKind.LAUNCH, mission, detail, planned=True)
        return
    for field_name, kind, words in (
        ("launch_date", EventKind.LAUNCH, "launched"),
        ("landing_date", EventKind.LANDING, "landed on the Moon"),
        ("return_date", EventKind.RETURN, "returned to Earth"),
        ("end_date", EventKind.MISSION_END, "ended"),
    ):
        date = getattr(mission, field_name)
        if date is not None:
            extra = (
                f" on {mission.launch_vehicle}" if kind == EventKind.LAUNCH and mission.launch_vehicle else ""
            )
            yield Event(date, kind, mission, f"{mission.name} {words}{extra}")


def _target_events(record: Record, now: PartialDate) -> Iterable[Event]:
    """Each announcement (an event that happened) and, ahead of `now`, each milestone's latest target
    (a plan); a planned mission's launch target is its launch event already."""
    for target in getattr(record, "targets", ()):
        if target.announced is not None:
            detail = f"{record.name}: {target.words} (announced)"
            yield Event(target.announced, EventKind.TARGET_ANNOUNCED, record, detail)
        if target.dropped is not None:
            detail = f"{record.name}: {target.milestone} dropped"
            yield Event(target.dropped, EventKind.TARGET_DROPPED, record, detail)
    launch_planned = isinstance(record, Mission) and _is_planned(record) and record.launch_date is not None
    for target in latest_targets(record):
        if launch_planned and target.milestone.casefold() == "launch":
            continue
        if not target.date.known_by(now):
            detail = f"{record.name}: {target.words}"
            yield Event(target.date, EventKind.TARGET, record, detail, planned=True)


def events_of(base: FactBase, record: Record, now: PartialDate | None = None) -> Iterable[Event]:
    """Every dated event a record implies; `now` (default: the record's as_of) decides which of its
    targets still lie ahead."""
    ahead_of = now or record.as_of
    if isinstance(record, Mission):
        yield from _mission_events(record)
    elif isinstance(record, Program):
        if record.start_date is not None:
            yield Event(record.start_date, EventKind.PROGRAM_START, record, f"{record.name} started")
        if record.end_date is not None:
            yield Event(record.end_date, EventKind.PROGRAM_END, record, f"{record.name} ended")
        for partner in record.partners:
            if partner.joined is not None:
                who = base.name_of(partner.id)
                yield Event(partner.joined, EventKind.PARTNER_JOINED, record, f"{who} joined {record.name}")
    elif isinstance(record, Organization):
        if record.founded is not None:
            first = record.history[0].name if record.history else record.name
            yield Event(record.founded, EventKind.FOUNDING, record, f"{first} founded")
        for entry in record.history[1:]:
            detail = f"{record.name}: {entry.event} as {entry.name}"
            yield Event(entry.date, EventKind.RENAMING, record, detail)
    elif isinstance(record, Vehicle):
        if record.first_flight is not None:
            yield Event(record.first_flight, EventKind.FIRST_FLIGHT, record, f"{record.name} first flew")
    elif isinstance(record, Agreement):
        if record.signed_date is not None:
            contract = record.kind == AgreementKind.CONTRACT
            kind = EventKind.CONTRACT_AWARD if contract else EventKind.SIGNING
            yield Event(
                record.signed_date, kind, record, f"{record.name} {'awarded' if contract else 'signed'}"
            )
        for signatory in record.signatories:
            if signatory.date is not None and signatory.date != record.signed_date:
                who = base.name_of(signatory.id)
                yield Event(signatory.date, EventKind.SIGNATORY, record, f"{who} signed {record.name}")
    yield from _target_events(record, ahead_of)


class TimelineQuery(NamedTuple):
    since: PartialDate | None = None
    until: PartialDate | None = None
    events: tuple[str, ...] = ()
    country: str | None = None
    organization: str | None = None
    program: str | None = None
    reverse: bool = False
    limit: int | None = None


def timeline(
    base: FactBase, query: TimelineQuery | None = None, now: PartialDate | None = None
) -> list[Event]:
    """Every dated event the records imply, oldest first (a month-only date sorts as its month)."""
    query = query or TimelineQuery()
    found: list[Event] = []
    for record in base.records:
        if query.country is not None and query.country not in country_ids_of(base, record):
            continue
        if query.organization is not None and query.organization not in organizations_of(record):
            continue
        if query.program is not None and program_of(record) != query.program:
            continue
        for event in events_of(base, record, now):
            if query.events and event.event not in query.events:
                continue
            if query.since is not None and event.date.end < query.since.start:
                continue
            if query.until is not None and event.date.start > query.until.end:
                continue
            found.append(event)
    found.sort(key=lambda e: (e.date.start, e.date.end, EVENT_KINDS.index(e.event), e.record.name))
    if query.reverse:
        found.reverse()
    return found if query.limit is None else found[: query.limit]


def upcoming(base: FactBase, after: PartialDate, query: TimelineQuery | None = None) -> list[Event]:
    """What is planned after the end of `after`, soonest first: planned launches and each milestone's
    latest target still ahead (a date that may yet fall later, like "2026" in November 2026, counts)."""
    query = query or TimelineQuery()
    planned = [e for e in timeline(base, query._replace(reverse=False, limit=None), after) if e.planned]
    ahead = [e for e in planned if not e.date.known_by(after)]
    if query.reverse:
        ahead.reverse()
    return ahead if query.limit is None else ahead[: query.limit]


def event_to_dict(event: Event) -> dict[str, object]:
    return {
        "date": str(event.date),
        "event": event.event,
        "planned": event.planned,
        "type": event.record.TYPE,
        "id": event.record.id,
        "name": event.record.name,
        "detail": event.detail,
    }
