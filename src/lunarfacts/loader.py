"""Find, parse and validate fact files into a FactBase, collecting every problem before raising.

The only place where untyped TOML becomes records. Imports the model, errors and the stdlib only.
"""

import datetime as dt
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

from lunarfacts.errors import DataError, Problem
from lunarfacts.model import (
    COUNTRY_ID_PATTERN,
    FIELDS,
    ID_PATTERN,
    RECORD_CLASSES,
    URL_PATTERN,
    FieldSpec,
    PartialDate,
    Partner,
    Record,
    RecordType,
    Shape,
    Signatory,
    Source,
    Target,
)

ENV_DATA = "LUNARFACTS_DATA"
MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any real fact base; stops a runaway file early
_TABLES = {record_type.plural: record_type for record_type in RecordType}
_SOURCE_KEYS = ("url", "title", "publisher", "date")
_TARGET_KEYS = ("milestone", "date", "announced", "sources")
_PARTNER_KEYS = ("id", "joined", "role")
_SIGNATORY_KEYS = ("id", "date")
_BOM = b"\xef\xbb\xbf"


class FactBase(NamedTuple):
    """Every record, by id and by type, in file order."""

    records: tuple[Record, ...]
    by_id: Mapping[str, Record]

    @classmethod
    def of(cls, records: Iterable[Record]) -> "FactBase":
        kept = tuple(records)
        return cls(kept, {record.id: record for record in kept})

    def of_type(self, record_type: RecordType) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.TYPE is record_type)


class Replacement(NamedTuple):
    """A record id defined again by a later file, which wins."""

    id: str
    old_file: str
    new_file: str


class Loaded(NamedTuple):
    base: FactBase
    files: tuple[str, ...]
    replacements: tuple[Replacement, ...] = ()


# --- finding files ----------------------------------------------------------------------------


# Paths are plain strings here: importing pathlib costs a TAB press more than the rest of this module.
FactPath = str | os.PathLike[str]


def bundled_path() -> str:
    """The fact base shipped in the wheel; in a source checkout, the repo's `data/facts.toml`."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data", "facts.toml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "facts.toml")


def data_paths(
    overlays: Sequence[FactPath] = (),
    environ: Mapping[str, str] | None = None,
) -> list[FactPath]:
    """The bundled base, then `LUNARFACTS_DATA` overlays, then `--data` overlays: later ones win."""
    env = os.environ if environ is None else environ
    from_env = [part for part in env.get(ENV_DATA, "").split(os.pathsep) if part.strip()]
    paths: list[FactPath] = []
    seen: set[str] = set()
    for path in [bundled_path(), *from_env, *overlays]:
        # The same file named twice (in LUNARFACTS_DATA and --data, say) is read once, not
        # reported as two overlays defining the same records.
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = os.fspath(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)
    return paths


# --- parsing ----------------------------------------------------------------------------------


def read_document(path: FactPath) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse one TOML file; a file that cannot be read or parsed gives one located problem."""
    name = os.fspath(path)
    try:
        if os.path.isdir(name):
            return None, [Problem(name, "is a directory, not a fact file")]
        size = os.stat(name).st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [Problem(name, f"is {size:,} bytes; fact files over {limit} MiB are refused")]
        with open(name, "rb") as stream:
            raw = stream.read()
    except FileNotFoundError:
        return None, [Problem(name, "no such file")]
    except OSError as error:
        return None, [Problem(name, f"cannot be read: {error.strerror or error}")]
    except ValueError as error:  # a path the OS cannot take (an embedded NUL, an unencodable name)
        return None, [Problem(name, f"cannot be read: {error}")]
    return parse_document(raw, name)


def parse_document(raw: bytes, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    from lunarfacts._compat import tomllib  # a run served from the cache never parses TOML

    # An editor's byte-order mark is allowed (toml-test's valid/utf8-bom-*); without "-sig", tomllib
    # called such a file invalid TOML at line 1, column 1. Offsets count from the file's first byte.
    bom = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = error.start + bom
        return None, [Problem(name, f"is not UTF-8 text (byte {where} cannot be decoded)")]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = getattr(error, "msg", None) or str(error)
        return None, [Problem(name, f"is not valid TOML: {message}", line=line)]
    except RecursionError:
        return None, [Problem(name, "is not usable TOML: nested too deeply to read")]
    except ValueError as error:  # tomllib lets int()'s digit limit through (a 5,000-digit number)
        return None, [Problem(name, f"is not usable TOML: {error}")]


# --- validating -------------------------------------------------------------------------------


class _Checker:
    """Turns one document into records, noting every problem with its file, record and field."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._record = ""
        self._field: str | None = None
        self._plans: dict[RecordType, list[tuple[FieldSpec, Callable[[object], Any]]]] = {}
        from lunarfacts.accept import accept  # a run served from the cache never validates

        self._accept = accept

    def problem(self, message: str, field_name: str | None = None) -> None:
        self.problems.append(
            Problem(self.file, message, record=self._record or None, field=field_name or self._field)
        )

    def document(self, doc: Mapping[str, Any]) -> list[Record]:
        records: list[Record] = []
        for key, value in doc.items():
            record_type = _TABLES.get(key)
            if record_type is None:
                self._record = ""
                self.problem(f"unknown table [[{_shown(key)}]]{_did_you_mean(key, _TABLES)}")
                continue
            if not isinstance(value, list):
                self._record = ""
                self.problem(
                    f"[[{key}]] must be an array of tables, found {_describe(value)}",
                    field_name=None,
                )
                continue
            for index, item in enumerate(value):
                self._record = f"{key}[{index}]"
                record = self.record(record_type, item)
                if record is not None:
                    records.append(record)
        if not any(key in _TABLES for key in doc):
            self._record = ""
            tables = ", ".join(f"[[{name}]]" for name in _TABLES)
            self.problem(f"holds none of the tables {tables}: not a fact file")
        return records

    def record(self, record_type: RecordType, item: object) -> Record | None:
        record = self._accept(record_type, item) if type(item) is dict else None
        if record is None:
            record = self.explained_record(record_type, item)
        else:
            self._record = f"{self._record} ({_shown(record.id)})"  # as explained_record labels it
        if record is not None:
            self.record_sanity(record)
        return record

    def explained_record(self, record_type: RecordType, item: object) -> Record | None:
        """The record, or None with every problem noted: the careful path, for what `accept` declined."""
        if not isinstance(item, dict):
            self.problem(f"a record must be a table, found {_describe(item)}")
            return None
        raw_id = item.get("id")
        if isinstance(raw_id, str):
            self._record = f"{self._record} ({_shown(raw_id)})"
        specs = FIELDS[record_type]
        known = _FIELD_NAMES[record_type]
        for key in item:
            if key not in known:
                self.problem(f"unknown field{_did_you_mean(key, known)}", field_name=_cut(key))
        values: dict[str, Any] = {}
        ok = True
        for spec, convert in self._plan(record_type, specs):
            self._field = spec.name
            if spec.name not in item:
                if spec.required:
                    self.problem("is required but missing")
                    ok = False
                continue
            before = len(self.problems)
            converted = convert(item[spec.name])
            if spec.name == "id" and converted is not None:
                self.identifier(converted, record_type)
            if len(self.problems) > before:
                ok = False
            elif converted is not None:
                values[spec.name] = converted
        self._field = None
        if not ok:
            return None
        return RECORD_CLASSES[record_type](**values)

    def _plan(
        self, record_type: RecordType, specs: Sequence[FieldSpec]
    ) -> list[tuple[FieldSpec, Callable[[object], Any]]]:
        """Each field of a type with its converter, worked out once per type and file: choosing per
        value cost more than checking on a large file (an enum attribute lookup is slow)."""
        plan = self._plans.get(record_type)
        if plan is None:
            plan = self._plans[record_type] = [(spec, self._converter(spec)) for spec in specs]
        return plan

    def _converter(self, spec: FieldSpec) -> Callable[[object], Any]:
        shape = spec.shape
        simple: dict[Shape, Callable[[object], Any]] = {
            Shape.TEXT: self.text,
            Shape.URL: self.url,
            Shape.DATE: self.date,
            Shape.NUMBER: self.number,
            Shape.INTEGER: self.integer,
            Shape.REF: self.ref,
            Shape.SOURCES: self.sources,
        }
        if shape in simple:
            return simple[shape]
        if shape is Shape.ENUM:
            return partial(self.choice, choices=spec.choices)
        items: dict[Shape, Callable[[object], Any]] = {
            Shape.TEXT_LIST: self.text,
            Shape.REF_LIST: self.ref,
            Shape.TARGETS: self.target,
            Shape.PARTNERS: self.partner,
            Shape.SIGNATORIES: self.signatory,
        }
        return partial(self.listing, convert=items[shape])

    def sources(self, raw: object) -> tuple[Source, ...] | None:
        sources = self.listing(raw, self.source)
        if sources is not None and not sources:
            self.problem("needs at least one source")
        return sources

    # scalars

    def text(self, raw: object) -> str | None:
        if not isinstance(raw, str):
            self.problem(f"expected text, found {_describe(raw)}")
            return None
        if not raw.strip():
            self.problem("is empty")
            return None
        return raw

    def url(self, raw: object) -> str | None:
        text = self.text(raw)
        if text is not None and not URL_PATTERN.match(text):
            self.problem(f"expected an http(s) URL, found {_quoted(text)}")
            return None
        return text

    def identifier(self, text: str, record_type: RecordType) -> None:
        if record_type is RecordType.COUNTRY:
            if not COUNTRY_ID_PATTERN.fullmatch(text):
                self.problem(
                    f"a country id is an ISO 3166-1 alpha-2 code in lower case, found {_quoted(text)}"
                )
        elif not ID_PATTERN.fullmatch(text):
            self.problem(f"an id is lowercase kebab-case (a-z, 0-9, single hyphens), found {_quoted(text)}")

    def ref(self, raw: object) -> str | None:
        text = self.text(raw)
        if text is not None and not ID_PATTERN.fullmatch(text):
            self.problem(f"a reference is a record id in lowercase kebab-case, found {_quoted(text)}")
            return None
        return text

    def date(self, raw: object) -> PartialDate | None:
        if isinstance(raw, (dt.datetime, dt.time)):
            self.problem(
                f"expected a date, found a {'date-time' if isinstance(raw, dt.datetime) else 'time'}"
            )
            return None
        if isinstance(raw, dt.date):
            return PartialDate.from_date(raw)
        if isinstance(raw, str):
            try:
                return PartialDate.parse(raw)
            except ValueError as error:
                self.problem(str(error))
                return None
        self.problem(f"expected a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD), found {_describe(raw)}")
        return None

    def number(self, raw: object) -> float | None:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.problem(f"expected a number, found {_describe(raw)}")
            return None
        try:
            value = float(raw)
        except OverflowError:  # an integer too large for a float is out of range like any other
            value = math.inf
        if not math.isfinite(value) or value < 0 or value > 1e15:
            self.problem(f"expected a finite number from 0 to 1e15, found {raw!r}")
            return None
        return value

    def integer(self, raw: object) -> int | None:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.problem(f"expected a whole number, found {_describe(raw)}")
            return None
        if not 1900 <= raw <= 2200:
            self.problem(f"expected a year from 1900 to 2200, found {raw}")
            return None
        return raw

    def choice(self, raw: object, choices: type[Any] | None) -> Any:
        members = _members(choices)
        member = members.get(raw) if isinstance(raw, str) else None
        if member is None:
            found = _quoted(raw) if isinstance(raw, str) else _describe(raw)
            self.problem(f"expected one of {', '.join(members)}; found {found}")
        return member

    # nested tables

    def listing(self, raw: object, convert: Callable[[object], Any]) -> tuple[Any, ...] | None:
        if not isinstance(raw, list):
            self.problem(f"expected a list, found {_describe(raw)}")
            return None
        items = [convert(item) for item in raw]
        if any(item is None for item in items):
            return None
        return tuple(items)

    def _table(self, raw: object, what: str, keys: Sequence[str]) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.problem(f"each {what} must be a table {{{', '.join(keys)}}}, found {_describe(raw)}")
            return None
        for key in raw:
            if key not in keys:
                self.problem(f"unknown key {_quoted(key)} in a {what}{_did_you_mean(key, keys)}")
                return None
        return raw

    def _required(self, table: Mapping[str, Any], key: str, what: str) -> bool:
        if key not in table:
            self.problem(f"a {what} needs {key!r}")
            return False
        return True

    def source(self, raw: object) -> Source | None:
        table = self._table(raw, "source", _SOURCE_KEYS)
        if table is None or not all(self._required(table, k, "source") for k in ("url", "title")):
            return None
        url, title = self.url(table["url"]), self.text(table["title"])
        publisher = self.text(table["publisher"]) if "publisher" in table else None
        date = self.date(table["date"]) if "date" in table else None
        if url is None or title is None:
            return None
        if ("publisher" in table and publisher is None) or ("date" in table and date is None):
            return None
        return Source(url=url, title=title, publisher=publisher, date=date)

    def target(self, raw: object) -> Target | None:
        table = self._table(raw, "target", _TARGET_KEYS)
        if table is None or not all(self._required(table, k, "target") for k in ("milestone", "date")):
            return None
        milestone, date = self.text(table["milestone"]), self.date(table["date"])
        announced = self.date(table["announced"]) if "announced" in table else None
        sources = self.listing(table["sources"], self.source) if "sources" in table else ()
        if milestone is None or date is None or sources is None:
            return None
        if "announced" in table and announced is None:
            return None
        return Target(milestone=milestone, date=date, announced=announced, sources=sources)

    def partner(self, raw: object) -> Partner | None:
        table = self._table(raw, "partner", _PARTNER_KEYS)
        if table is None or not self._required(table, "id", "partner"):
            return None
        ref = self.ref(table["id"])
        joined = self.date(table["joined"]) if "joined" in table else None
        role = self.text(table["role"]) if "role" in table else None
        if ref is None or ("joined" in table and joined is None) or ("role" in table and role is None):
            return None
        return Partner(id=ref, joined=joined, role=role)

    def signatory(self, raw: object) -> Signatory | None:
        table = self._table(raw, "signatory", _SIGNATORY_KEYS)
        if table is None or not self._required(table, "id", "signatory"):
            return None
        ref = self.ref(table["id"])
        date = self.date(table["date"]) if "date" in table else None
        if ref is None or ("date" in table and date is None):
            return None
        return Signatory(id=ref, date=date)

    # whole-record sanity

    def record_sanity(self, record: Record) -> None:
        for earlier, later in _DATE_ORDER.get(record.TYPE, ()):
            first, then = getattr(record, earlier), getattr(record, later)
            if first is not None and then is not None and then.end < first.start:
                self.problem(f"{then} is before {earlier} {first}", field_name=later)
        last_announced: dict[str, PartialDate] = {}
        for target in getattr(record, "targets", ()):
            previous = last_announced.get(target.milestone)
            if target.announced is not None:
                if previous is not None and target.announced < previous:
                    self.problem(
                        f"targets for {_quoted(target.milestone)} must be listed oldest announcement first: "
                        f"{target.announced} comes after {previous}",
                        field_name="targets",
                    )
                last_announced[target.milestone] = target.announced
        iso_code = getattr(record, "iso_code", None)
        if iso_code is not None and iso_code != record.id.upper():
            self.problem(f"{_quoted(iso_code)} does not match the id {record.id!r}", field_name="iso_code")


_FIELD_NAMES = {
    record_type: frozenset(spec.name for spec in FIELDS[record_type]) for record_type in RecordType
}
_MEMBERS: dict[type[Any], dict[str, Any]] = {}


def _members(choices: type[Any] | None) -> dict[str, Any]:
    """An enum's members by value, built once per enum (iterating an enum is slow)."""
    if choices is None:
        return {}
    found = _MEMBERS.get(choices)
    if found is None:
        found = _MEMBERS[choices] = {member._value_: member for member in choices}
    return found


# (earlier field, later field): a pair that cannot be the wrong way round
_DATE_ORDER: dict[RecordType, tuple[tuple[str, str], ...]] = {
    RecordType.MISSION: (
        ("launch_date", "landing_date"),
        ("launch_date", "return_date"),
        ("launch_date", "end_date"),
        ("landing_date", "return_date"),
    ),
    RecordType.PROGRAM: (("start_date", "end_date"),),
}


def _describe(value: object) -> str:
    """Name a TOML value's type the way a curator would: 'a number (3)', 'a table'."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


# Text from a file that a message repeats goes through these: a hostile id, key or value must not
# reach the terminal raw (ESC, BEL, bidi overrides) nor repeat a megabyte of text in every problem.


def _cut(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _shown(text: str) -> str:
    """Unquoted, as a location shows an id or a table name: short, control characters escaped."""
    text = _cut(text)
    return text if text.isprintable() else repr(text)[1:-1]


def _quoted(text: str) -> str:
    """Quoted, as a message shows a value it found: short, escaped by repr."""
    return repr(_cut(text))


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- merging and cross-checking ---------------------------------------------------------------


class _RefField(NamedTuple):
    name: str
    kind: str  # "one" (an id), "many" (ids), "items" (tables with an id)
    allowed: tuple[RecordType, ...]
    wanted: str  # "organization or country"


def _ref_fields(record_type: RecordType) -> list[_RefField]:
    kinds = {Shape.REF: "one", Shape.REF_LIST: "many"}
    return [
        _RefField(
            spec.name, kinds.get(spec.shape, "items"), spec.refs, " or ".join(t.value for t in spec.refs)
        )
        for spec in FIELDS[record_type]
        if spec.refs
    ]


_REF_FIELDS = {record_type: _ref_fields(record_type) for record_type in RecordType}


def _references(record: Record) -> Iterable[tuple[_RefField, str]]:
    """(field, referenced id) for every reference a record makes."""
    for field in _REF_FIELDS[record.TYPE]:
        value = getattr(record, field.name)
        if value is None:
            continue
        if field.kind == "one":
            yield field, value
        elif field.kind == "many":
            for ref in value:
                yield field, ref
        else:  # partners, signatories
            for item in value:
                yield field, item.id


def _all_refs_resolve(record: Record, ids: Mapping[tuple[RecordType, ...], frozenset[str]]) -> bool:
    """The common case, checked with set operations: every reference names a record of an allowed type."""
    for field in _REF_FIELDS[record.TYPE]:
        value = getattr(record, field.name)
        if not value:
            continue
        allowed = ids[field.allowed]
        if field.kind == "one":
            if value not in allowed:
                return False
        elif field.kind == "many":
            if not allowed.issuperset(value):
                return False
        elif not allowed.issuperset([item.id for item in value]):
            return False
    return True


def _cross_check(base: FactBase, origin: Mapping[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = base.by_id
    of_type: dict[RecordType, set[str]] = {record_type: set() for record_type in RecordType}
    for record in base.records:
        of_type[record.TYPE].add(record.id)
    ids = {
        field.allowed: frozenset().union(*(of_type[t] for t in field.allowed))
        for fields in _REF_FIELDS.values()
        for field in fields
    }
    # A file with thousands of dangling references (an overlay naming a missing programme in every
    # record) must not search every id for every one of them: candidates and hints are worked out once.
    candidates: dict[tuple[RecordType, ...], list[str]] = {}
    hints: dict[tuple[str, tuple[RecordType, ...]], str] = {}
    for record in base.records:
        if _all_refs_resolve(record, ids):
            continue
        for field, ref in _references(record):
            target = by_id.get(ref)
            if target is not None and target.TYPE in field.allowed:
                continue
            if target is None:
                hint = hints.get((ref, field.allowed))
                if hint is None:
                    if field.allowed not in candidates:
                        candidates[field.allowed] = [i for i, r in by_id.items() if r.TYPE in field.allowed]
                    hint = hints[ref, field.allowed] = _did_you_mean(ref, candidates[field.allowed])
                message = f"refers to {_quoted(ref)}, which is no {field.wanted} in the fact base{hint}"
            else:
                kind = _article(target.TYPE.value)
                message = f"refers to {_quoted(ref)}, which is {kind}, not {_article(field.wanted)}"
            where = f"{record.TYPE.plural} ({record.id})"
            problems.append(Problem(origin[record.id], message, record=where, field=field.name))
    return problems


def build_fact_base(documents: Sequence[tuple[str, Mapping[str, Any]]], bundled: str | None = None) -> Loaded:
    """Validate documents in order (later ids replace earlier ones) and check every reference."""
    problems: list[Problem] = []
    merged: dict[str, Record] = {}
    origin: dict[str, str] = {}
    replacements: list[Replacement] = []
    for name, doc in documents:
        checker = _Checker(name)
        records = checker.document(doc)
        problems.extend(checker.problems)
        seen_here: set[str] = set()
        for record in records:
            if record.id in seen_here:
                where = f"{record.TYPE.plural} ({record.id})"
                problems.append(Problem(name, "is defined twice in this file", record=where, field="id"))
                continue
            seen_here.add(record.id)
            if record.id in merged:
                old = origin[record.id]
                if old != bundled:
                    problems.append(
                        Problem(
                            name,
                            f"is also defined by {old}; only the bundled base may be replaced",
                            record=f"{record.TYPE.plural} ({record.id})",
                            field="id",
                        )
                    )
                    continue
                replacements.append(Replacement(record.id, old, name))
                del merged[record.id]  # keep file order: the replacement goes where it was defined
            merged[record.id] = record
            origin[record.id] = name
    base = FactBase.of(merged.values())
    problems.extend(_cross_check(base, origin))
    if problems:
        raise DataError(problems)
    return Loaded(base, tuple(name for name, _ in documents), tuple(replacements))


def load_facts(paths: Sequence[FactPath], first_is_bundled: bool = True) -> Loaded:
    """Read and validate every file; raise one DataError listing every problem in all of them.

    The first path is the bundled base (as `data_paths` gives it): overlays may replace its records,
    but not each other's.
    """
    problems: list[Problem] = []
    documents: list[tuple[str, Mapping[str, Any]]] = []
    for path in paths:
        doc, found = read_document(path)
        problems.extend(found)
        if doc is not None:
            documents.append((os.fspath(path), doc))
    try:
        bundled = os.fspath(paths[0]) if first_is_bundled and paths else None
        loaded = build_fact_base(documents, bundled)
    except DataError as error:
        raise DataError([*problems, *error.problems]) from None
    if problems:
        raise DataError(problems)
    return loaded
