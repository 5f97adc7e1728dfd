"""Facts in time: slip histories of targets, the fact base as of a date, and the timeline of events.

Imports the model, loader types and query helpers only; never prints.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from lunarfacts.dates import PartialDate
from lunarfacts.model import Agreement, FactBase, Mission, Organization, Program, Record, Target, replace
from lunarfacts.query import country_ids_of, organizations_of, program_of
from lunarfacts.vocab import AgreementKind, EventKind, MissionStatus, ProgramStatus

# --- slip history -----------------------------------------------------------------------------


def months_between(earlier: PartialDate, later: PartialDate) -> int:
    """Whole months from one target to the next, measured at the end of each span ('by 2024')."""
    return (later.end.year - earlier.end.year) * 12 + later.end.month - earlier.end.month


def describe_months(months: int) -> str:
    if months == 0:
        return "no change"
    sign = "+" if months > 0 else "−"
    years, rest = divmod(abs(months), 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return sign + " ".join(parts)


class SlipStep(NamedTuple):
    target: Target
    moved: str  # against the previous announcement; "" for the first


class SlipHistory(NamedTuple):
    milestone: str
    steps: tuple[SlipStep, ...]  # oldest announcement first

    @property
    def current(self) -> Target:
        return self.steps[-1].target

    @property
    def total_months(self) -> int:
        return months_between(self.steps[0].target.date, self.current.date)

    @property
    def movement(self) -> str:
        if len(self.steps) == 1:
            return "one target announced"
        return f"{describe_months(self.total_months)} since first announced"


def slip_histories(targets: Iterable[Target]) -> list[SlipHistory]:
    """Targets grouped by milestone (in order of first mention), each in file order.

    The file lists a milestone's targets oldest announcement first (`check` enforces it for the
    dated ones), which also places targets whose announcement date is unknown.
    """
    groups: dict[str, list[Target]] = {}
    for target in targets:
        groups.setdefault(target.milestone, []).append(target)
    histories = []
    for milestone, group in groups.items():
        steps = [SlipStep(group[0], "")]
        for before, after in itertools.pairwise(group):
            steps.append(SlipStep(after, describe_months(months_between(before.date, after.date))))
        histories.append(SlipHistory(milestone, tuple(steps)))
    return histories


# --- as of a date -----------------------------------------------------------------------------


def _known(date: PartialDate | None, moment: PartialDate) -> bool:
    return date is None or date.known_by(moment)


def _happened(date: PartialDate | None, moment: PartialDate) -> bool:
    return date is not None and date.known_by(moment)


def _mission_as_of(mission: Mission, moment: PartialDate) -> Mission:
    targets = tuple(t for t in mission.targets if _known(t.announced, moment))
    if _happened(mission.launch_date, moment):
        changes: dict[str, object] = {"targets": targets}
        # Dates the record has that had not come yet; an unknown date is not a later one.
        later = [
            name
            for name in ("landing_date", "return_date", "end_date")
            if getattr(mission, name) is not None and not _happened(getattr(mission, name), moment)
        ]
        for name in later:
            changes[name] = None
        if later and mission.status != MissionStatus.CANCELLED:
            changes["status"] = MissionStatus.IN_FLIGHT
            changes["firsts"] = ()  # outcomes, known only once the mission was over
            if "return_date" in later:
                changes["samples_g"] = None
        return replace(mission, **changes)
    return mission._replace(
        status=MissionStatus.PLANNED,
        landing_date=None,
        return_date=None,
        end_date=None,
        samples_g=None,
        firsts=(),
        targets=targets,
    )


def _program_as_of(program: Program, moment: PartialDate) -> Program:
    status = program.status
    end_date = program.end_date
    if end_date is not None and not end_date.known_by(moment):
        end_date = None
        if status in (ProgramStatus.COMPLETED, ProgramStatus.CANCELLED):
            status = ProgramStatus.ACTIVE
    return program._replace(
        status=status,
        end_date=end_date,
        partners=tuple(p for p in program.partners if _known(p.joined, moment)),
        targets=tuple(t for t in program.targets if _known(t.announced, moment)),
    )


def as_of(base: FactBase, moment: PartialDate) -> FactBase:
    """The fact base as it stood at the end of `moment`: later events gone, later launches planned.

    A record whose own start (a programme's start, an organization's founding, an agreement's
    signing) is not known to have happened by then is left out, and so are the missions of a
    programme that had not started.
    """
    kept: list[Record] = []
    for record in base.records:
        if isinstance(record, Program):
            if record.start_date is not None and not record.start_date.known_by(moment):
                continue
            kept.append(_program_as_of(record, moment))
        elif isinstance(record, Organization):
            if _known(record.founded, moment):
                kept.append(record)
        elif isinstance(record, Agreement):
            if _known(record.signed_date, moment):
                signed = tuple(s for s in record.signatories if _known(s.date, moment))
                kept.append(record._replace(signatories=signed))
        elif isinstance(record, Mission):
            program = base.by_id.get(record.program or "")
            started = not isinstance(program, Program) or _known(program.start_date, moment)
            if started or _happened(record.launch_date, moment):
                kept.append(_mission_as_of(record, moment))
        else:
            kept.append(record)
    return FactBase(kept)


# --- timeline ---------------------------------------------------------------------------------

EVENT_KINDS = EventKind.values()


class Event(NamedTuple):
    date: PartialDate
    event: str  # one of EVENT_KINDS
    record: Record
    detail: str


def _mission_events(mission: Mission) -> Iterable[Event]:
    for field_name, kind, words in (
        ("launch_date", "launch", "launched"),
        ("landing_date", "landing", "landed on the Moon"),
        ("return_date", "return", "returned to Earth"),
        ("end_date", "mission-end", "ended"),
    ):
        date = getattr(mission, field_name)
        if date is not None:
            extra = f" on {mission.launch_vehicle}" if kind == "launch" and mission.launch_vehicle else ""
            yield Event(date, kind, mission, f"{mission.name} {words}{extra}")


def _target_events(record: Record, targets: Sequence[Target]) -> Iterable[Event]:
    for target in targets:
        if target.announced is not None:
            detail = f"{record.name}: {target.milestone} targeted for {target.date}"
            yield Event(target.announced, "target-announced", record, detail)


def events_of(base: FactBase, record: Record) -> Iterable[Event]:
    if isinstance(record, Mission):
        yield from _mission_events(record)
        yield from _target_events(record, record.targets)
    elif isinstance(record, Program):
        if record.start_date is not None:
            yield Event(record.start_date, "program-start", record, f"{record.name} started")
        if record.end_date is not None:
            yield Event(record.end_date, "program-end", record, f"{record.name} ended")
        for partner in record.partners:
            if partner.joined is not None:
                who = base.by_id[partner.id].name if partner.id in base.by_id else partner.id
                yield Event(partner.joined, "partner-joined", record, f"{who} joined {record.name}")
        yield from _target_events(record, record.targets)
    elif isinstance(record, Organization):
        if record.founded is not None:
            yield Event(record.founded, "founding", record, f"{record.name} founded")
    elif isinstance(record, Agreement):
        if record.signed_date is not None:
            kind = "contract-award" if record.kind == AgreementKind.CONTRACT else "signing"
            verb = "awarded" if kind == "contract-award" else "signed"
            yield Event(record.signed_date, kind, record, f"{record.name} {verb}")
        for signatory in record.signatories:
            if signatory.date is not None and signatory.date != record.signed_date:
                who = base.by_id[signatory.id].name if signatory.id in base.by_id else signatory.id
                yield Event(signatory.date, "signatory", record, f"{who} signed {record.name}")


class TimelineQuery(NamedTuple):
    since: PartialDate | None = None
    until: PartialDate | None = None
    events: tuple[str, ...] = ()
    country: str | None = None
    organization: str | None = None
    program: str | None = None
    reverse: bool = False
    limit: int | None = None


def timeline(base: FactBase, query: TimelineQuery | None = None) -> list[Event]:
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
        for event in events_of(base, record):
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


def event_to_dict(event: Event) -> dict[str, object]:
    return {
        "date": str(event.date),
        "event": event.event,
        "type": event.record.TYPE,
        "id": event.record.id,
        "name": event.record.name,
        "detail": event.detail,
    }


EVENT_FIELDS = ("date", "event", "type", "id", "name", "detail")
