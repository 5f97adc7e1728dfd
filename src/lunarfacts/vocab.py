"""The closed vocabularies of the fact base: record types and every field's allowed values.

Imports nothing. Each vocabulary is a class of named string constants, declared once: records hold the
plain strings (what JSON prints), code names them (`MissionStatus.PLANNED`), and the rules, the JSON
Schema, the command line's choices and TAB completion read `values()`. Plain classes, not `enum`:
a warm `missions --json` or a TAB press must not pay ~5 ms to import and build enums.
"""

from __future__ import annotations


class Vocabulary:
    """A closed set of values; subclasses declare them as UPPER_CASE string attributes, in order."""

    _values: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls._values = tuple(value for name, value in vars(cls).items() if name.isupper())

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return cls._values


class RecordType(Vocabulary):
    PROGRAM = "program"
    MISSION = "mission"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    AGREEMENT = "agreement"
    VEHICLE = "vehicle"
    CLAIM = "claim"


# The name of each type's fact-file table and list command.
PLURALS = {
    RecordType.PROGRAM: "programs",
    RecordType.MISSION: "missions",
    RecordType.ORGANIZATION: "organizations",
    RecordType.COUNTRY: "countries",
    RecordType.AGREEMENT: "agreements",
    RecordType.VEHICLE: "vehicles",
    RecordType.CLAIM: "claims",
}


class Verdict(Vocabulary):
    """What a claim checked against the fact base turned out to be (SPEC §9)."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly-true"
    MISLEADING = "misleading"  # true in its parts, false in what it leads a reader to think
    FALSE = "false"
    UNPROVEN = "unproven"  # nothing found either way
    OUTDATED = "outdated"  # true when published, no longer


class SourceKind(Vocabulary):
    """What a cited page is: the responsible body itself, the press, a reference work, or a copy."""

    PRIMARY = "primary"  # the agency, company or government itself
    PRESS = "press"  # a news organisation
    REFERENCE = "reference"  # an encyclopedia, a university, a database
    MIRROR = "mirror"  # a copy of one of those on another site


class ProgramKind(Vocabulary):
    CREWED = "crewed"
    ROBOTIC = "robotic"
    STATION = "station"
    COMMERCIAL = "commercial"
    SAMPLE_RETURN = "sample-return"
    MIXED = "mixed"


class ProgramStatus(Vocabulary):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    SUSPENDED = "suspended"  # paused by its agency, neither ended nor cancelled (Gateway, 2026)
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class MissionKind(Vocabulary):
    FLYBY = "flyby"
    ORBITER = "orbiter"
    IMPACTOR = "impactor"
    LANDER = "lander"
    ROVER = "rover"
    SAMPLE_RETURN = "sample-return"
    CREWED_FLYBY = "crewed-flyby"
    CREWED_ORBITER = "crewed-orbiter"
    CREWED_LANDING = "crewed-landing"
    STATION_MODULE = "station-module"
    CARGO = "cargo"
    TEST_FLIGHT = "test-flight"
    RELAY = "relay"


class MissionStatus(Vocabulary):
    PLANNED = "planned"
    IN_FLIGHT = "in-flight"
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial-success"
    FAILURE = "failure"
    CANCELLED = "cancelled"


class OrganizationKind(Vocabulary):
    SPACE_AGENCY = "space-agency"
    COMPANY = "company"
    INTERGOVERNMENTAL = "intergovernmental"
    INSTITUTE = "institute"
    GOVERNMENT = "government"


class AgreementKind(Vocabulary):
    MEMORANDUM = "memorandum"
    ACCORDS = "accords"
    INTERGOVERNMENTAL_AGREEMENT = "intergovernmental-agreement"
    CONTRACT = "contract"
    JOINT_STATEMENT = "joint-statement"


class EventKind(Vocabulary):
    """The kinds of event `timeline` lists."""

    LAUNCH = "launch"
    LANDING = "landing"
    RETURN = "return"
    MISSION_END = "mission-end"
    PROGRAM_START = "program-start"
    PROGRAM_END = "program-end"
    PARTNER_JOINED = "partner-joined"
    SIGNING = "signing"
    SIGNATORY = "signatory"
    CONTRACT_AWARD = "contract-award"
    FOUNDING = "founding"
    RENAMING = "renaming"  # an organization renamed, reorganised, merged or acquired
    FIRST_FLIGHT = "first-flight"
    TARGET_ANNOUNCED = "target-announced"
    TARGET_DROPPED = "target-dropped"  # a milestone given up
    TARGET = "target"  # a milestone's latest target, still ahead: a plan


class VehicleKind(Vocabulary):
    LAUNCH_VEHICLE = "launch-vehicle"
    CREW_SPACECRAFT = "crew-spacecraft"
    CARGO_SPACECRAFT = "cargo-spacecraft"
    LANDER = "lander"
    ROVER = "rover"
    ORBITER = "orbiter"
    STATION_MODULE = "station-module"
    COMPONENT = "component"


class VehicleStatus(Vocabulary):
    IN_DEVELOPMENT = "in-development"
    ACTIVE = "active"
    RETIRED = "retired"
    CANCELLED = "cancelled"


class Region(Vocabulary):
    """The UN M49 regions."""

    AFRICA = "africa"
    AMERICAS = "americas"
    ASIA = "asia"
    EUROPE = "europe"
    OCEANIA = "oceania"


class BudgetBasis(Vocabulary):
    """What a space budget counts."""

    CIVIL_AGENCY = "civil-agency"  # the space agency's own budget
    CIVIL_TOTAL = "civil-total"  # all civil space spending
    GOVERNMENT_TOTAL = "government-total"  # civil and military


class HistoryEvent(Vocabulary):
    """What happened to an organization."""

    FOUNDED = "founded"
    RENAMED = "renamed"
    REORGANISED = "reorganised"
    MERGED = "merged"
    ACQUIRED = "acquired"


class ExportFormat(Vocabulary):
    """What `export` writes."""

    SQLITE = "sqlite"  # the whole base as an SQLite database
    CLAIMREVIEW = "claimreview"  # the claims as schema.org ClaimReview JSON-LD


class OutputFormat(Vocabulary):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
