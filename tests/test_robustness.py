"""Bad input never ends in a traceback or a false answer.

Every file of the toml-test corpus, malformed and misshapen fact files, property-based documents and
bytes, mutations of the real fact base, overlays, and every option given a bad value: each run ends in
one clean error that says what was wrong and where (exit 1 for data, 2 for usage), or in a fact base
whose every reference resolves.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import functools
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lunarfacts.errors import DataError, Problem
from lunarfacts.files import bundled_path
from lunarfacts.loader import build_fact_base, load_facts, parse_document
from lunarfacts.model import Loaded
from lunarfacts.rules import REF_SLOTS, TYPES, Field, Shape, references

from .conftest import MINI, TOML_TEST, OverlayWriter, Runner

LIST_COMMANDS = [rule.plural for rule in TYPES.values()]
TABLES = {rule.plural: name for name, rule in TYPES.items()}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _problems(*paths: Path) -> list[Problem]:
    """The problems of loading the mini base plus `paths` (none: the files loaded)."""
    try:
        load_facts([MINI, *paths])
    except DataError as error:
        return list(error.problems)
    return []


def _one_line(problem: Problem) -> bool:
    text = str(problem)
    return text.isprintable() and len(text) < 600


# --- the toml-test corpus: 779 files, none of them a fact base --------------------------------


def _corpus() -> list[Any]:
    if not TOML_TEST.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no toml-test corpus at {TOML_TEST}"))]
    files = sorted(p for p in TOML_TEST.rglob("*") if p.is_file())
    return [pytest.param(p, id=str(p.relative_to(TOML_TEST))) for p in files]


CORPUS = _corpus()
# What a document that is not a fact base may be told; a valid TOML 1.1 file is not valid TOML 1.0.
SHAPE_MESSAGES = ("unknown table [[", "unknown key ", "[[", "a record must be a table", "is not valid TOML: ")
UNREADABLE_MESSAGES = ("is not valid TOML: ", "is not UTF-8 text (byte ", "is not usable TOML: ")
NO_RECORDS = "warning: holds no records"  # an empty document is an empty overlay: loaded, and said so


@pytest.mark.parametrize("path", CORPUS)
def test_corpus_file_given_to_check_is_a_located_error(mini: Runner, path: Path) -> None:
    """`check FILE` on any toml-test file exits 1 with problems located in that file, one a line, and
    a count on stderr; a file that is not TOML at all gives exactly one problem; a document with no
    records in it is only a warning (exit 0)."""
    result = mini("check", str(path))
    lines = [line for line in result.out.splitlines() if not line.startswith(("ok: ", "loaded: "))]
    assert lines, result
    kind = "warning" if any(NO_RECORDS in line for line in lines) else "error"
    assert result.err == f"lunarfacts: {_plural(len(lines), kind)} found\n"
    for line in lines:
        assert line.startswith(f"{path}: "), line
        assert line.isprintable(), line
    messages = [line.removeprefix(f"{path}: ") for line in lines]
    if messages == [NO_RECORDS]:
        assert result.code == 0, result
        return
    assert result.code == 1, result
    if path.relative_to(TOML_TEST).parts[0] == "valid":
        assert all(m.startswith(SHAPE_MESSAGES) for m in messages), messages
    else:  # invalid/, and the corpus's README.md and LICENSE
        (message,) = messages
        assert message.startswith(UNREADABLE_MESSAGES), message


@pytest.mark.parametrize("path", CORPUS)
def test_corpus_file_given_as_an_overlay_stops_a_list_with_one_error(mini: Runner, path: Path) -> None:
    """`--data FILE` on a list command: nothing on stdout, exit 1, and one error block on stderr whose
    every line names the file (or, for a document with no records, the list as without it)."""
    command = LIST_COMMANDS[len(str(path)) % len(LIST_COMMANDS)]  # spread over the five list commands
    result = mini("--data", str(path), command, "--json")
    if result.code == 0:
        assert NO_RECORDS in mini("check", str(path)).out
        assert result.out == mini(command, "--json").out
        return
    assert result.code == 1, result
    assert result.out == ""
    head, *problems = result.err.splitlines()
    assert head == f"lunarfacts: error: {_plural(len(problems), 'problem')} in the fact files"
    assert problems
    assert all(line.startswith(f"  {path}: ") and line.isprintable() for line in problems), problems


# --- files that cannot be used ----------------------------------------------------------------


def _unreadable_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Paths that cannot be read for every reason we can produce, even as root, and what is said."""
    regular = tmp_path / "regular.toml"
    regular.write_text("")
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "gone.toml")
    return {
        "missing": (tmp_path / "nope.toml", "no such file"),
        "dangling symlink": (dangling, "no such file"),
        "directory": (tmp_path, "is a directory, not a fact file"),
        "under a regular file": (regular / "x.toml", f"cannot be read: {os.strerror(errno.ENOTDIR)}"),
        "symlink loop": (loop, f"cannot be read: {os.strerror(errno.ELOOP)}"),
        "name too long": (
            tmp_path / ("n" * 300 + ".toml"),
            f"cannot be read: {os.strerror(errno.ENAMETOOLONG)}",
        ),
    }


@pytest.mark.parametrize(
    "case",
    ["missing", "dangling symlink", "directory", "under a regular file", "symlink loop", "name too long"],
)
def test_an_unreadable_overlay_is_named_with_the_reason(mini: Runner, tmp_path: Path, case: str) -> None:
    """Every way a path can fail to be a readable file ends in one line naming the path and why."""
    path, reason = _unreadable_cases(tmp_path)[case]
    result = mini("--data", str(path), "missions")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"lunarfacts: error: 1 problem in the fact files\n  {path}: {reason}\n"


def test_an_overlay_without_read_permission_is_named(mini: Runner, overlay: OverlayWriter) -> None:
    """chmod 000: 'cannot be read: Permission denied' (skipped as root, who reads it anyway)."""
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode; the other unreadable cases cover OSError")
    path = overlay("[[missions]]\n")
    path.chmod(0)
    try:
        result = mini("check", str(path))
    finally:
        path.chmod(0o644)
    assert result.code == 1
    assert result.out == f"{path}: cannot be read: {os.strerror(errno.EACCES)}\n"


def test_the_loader_reports_a_path_the_os_cannot_take() -> None:
    """A path with a NUL byte (only possible through the API) is a problem, not a ValueError."""
    (problem,) = _problems(Path("bad\x00name.toml"))
    assert problem.message.startswith("cannot be read: ")


def test_a_file_over_64_mib_is_refused(mini: Runner, overlay: OverlayWriter) -> None:
    """No more than 64 MiB is ever read: a sparse 64 MiB + 1 byte file is refused, not parsed."""
    path = overlay(b"")
    with path.open("r+b") as stream:
        stream.truncate(64 * 1024 * 1024 + 1)
    result = mini("--data", str(path), "missions")
    assert result.code == 1
    assert f"{path}: is over 64 MiB; larger fact files are refused" in result.err


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")]
)
def test_a_device_is_refused_without_reading_it(mini: Runner, path: str, kind: str) -> None:
    """`--data /dev/zero` would never end (and stat says 0 bytes): what is not a regular file is refused."""
    if not Path(path).exists():
        pytest.skip(f"no {path}")
    result = mini("--data", path, "missions")
    assert (result.code, result.out) == (1, "")
    assert f"  {path}: is {kind}, not a fact file" in result.err


def test_a_fifo_is_refused_without_waiting_on_it(mini: Runner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for args in (["--data", str(fifo), "missions"], ["check", str(fifo)]):
        result = mini(*args)
        assert result.code == 1
        assert f"{fifo}: is a FIFO (named pipe), not a fact file" in result.err + result.out


def test_an_empty_path_is_named_as_empty(mini: Runner) -> None:
    result = mini("--data", "", "missions")
    assert result.code == 1
    assert "(empty path): an empty path names no file" in result.err


def test_a_large_valid_overlay_loads(mini: Runner, overlay: OverlayWriter) -> None:
    """Three thousand records and a 4 MB summary (about 6 MB) load and count (how fast is the
    benchmark's business, not a test's)."""
    records = "".join(
        f'[[missions]]\nid = "bulk-{n}"\nname = "Bulk {n}"\nsummary = "s"\nprogram = "moonshot"\n'
        f'sources = [{{ url = "https://example.org/{n}", title = "t", kind = "primary" }}]\nas_of = 2026-01-01\n'
        for n in range(3000)
    )
    huge = 'summary = "' + "lunar regolith " * 280_000 + '"'
    path = overlay(records.replace('summary = "s"', huge, 1))
    assert path.stat().st_size > 4_000_000
    result = mini("check", str(path))
    assert result.code == 0, result.err[:500]
    assert result.out.startswith("ok: 3013 records (1 program, 3002 missions")


# --- malformed text: every level of a fact file -----------------------------------------------

GOOD = """
[[programs]]
id = "probe-programme"
name = "Probe Programme"
summary = "A programme."
lead = ["agency-a"]
partners = [{ id = "xb", joined = 2021-03-09, role = "partner" }]
targets = [{ milestone = "landing", date = "2026", announced = 2022-01-01, sources = [{ url = "https://example.org/t", title = "T", kind = "primary" }] }]
sources = [{ url = "https://example.org/p", title = "Programme", publisher = "Agency A", date = "2022-01" }]
as_of = 2026-11-24

[[agreements]]
id = "probe-accord"
name = "Probe Accord"
summary = "An accord."
kind = "accords"
signed_date = 2022-02-02
parties = ["xa"]
signatories = [{ id = "xa", date = 2022-02-03 }]
value_usd = 1000.0
sources = [{ url = "https://example.org/a", title = "Accord", kind = "primary" }]
as_of = 2026-11-23

[[countries]]
id = "xq"
name = "Xquadia"
iso_code = "XQ"
summary = "A country."
space_budget_usd = 5.0
space_budget_year = 2024
sources = [{ url = "https://example.org/c", title = "Country", kind = "primary" }]
as_of = 2026-11-22
"""
PROGRAM = "programs[0] (probe-programme)"
ACCORD = "agreements[0] (probe-accord)"
COUNTRY = "countries[0] (xq)"
TARGETS = 'targets = [{ milestone = "landing", date = "2026", announced = 2022-01-01, sources = [{ url = "https://example.org/t", title = "T", kind = "primary" }] }]'
PARTNERS = 'partners = [{ id = "xb", joined = 2021-03-09, role = "partner" }]'
BAD_ID = "an id is lowercase kebab-case (a-z, 0-9, single hyphens), found"
BAD_COUNTRY_ID = "a country id is an ISO 3166-1 alpha-2 code in lower case, found"
OUT_OF_RANGE = "expected a finite number from 0 to 1e15, found"
NOT_A_DATE = "is not a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, or ..DATE for 'on or before')"

# (text in GOOD, its replacement, the one problem's message contains, its record, its field)
RULES: list[tuple[str, str, str, str, str]] = [
    # the wrong shape at the field level and below it
    ('lead = ["agency-a"]', 'lead = { id = "agency-a" }', "expected a list, found a table", PROGRAM, "lead"),
    (
        'lead = ["agency-a"]',
        'lead = ["agency-a", ["agency-b"]]',
        "expected text, found a list",
        PROGRAM,
        "lead",
    ),
    (
        'summary = "A programme."',
        'summary = ["A programme."]',
        "expected text, found a list",
        PROGRAM,
        "summary",
    ),
    (PARTNERS, 'partners = { id = "xb" }', "expected a list, found a table", PROGRAM, "partners"),
    (
        PARTNERS,
        'partners = ["xb"]',
        "each partner must be a table {id, joined, role}, found text ('xb')",
        PROGRAM,
        "partners",
    ),
    (
        "joined = 2021-03-09",
        "joined = true",
        "expected a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, or ..DATE for 'on or before'), found a boolean (true)",
        PROGRAM,
        "partners",
    ),
    ('role = "partner"', "role = 7", "expected text, found a number (7)", PROGRAM, "partners"),
    (
        TARGETS,
        'targets = { milestone = "landing", date = "2026" }',
        "expected a list, found a table",
        PROGRAM,
        "targets",
    ),
    (
        TARGETS,
        "targets = [2026]",
        "each target must be a table {milestone, date, announced, note, dropped, sources}, found a number (2026)",
        PROGRAM,
        "targets",
    ),
    (
        'date = "2026", announced',
        "date = 07:00:00, announced",
        "expected a date, found a time",
        PROGRAM,
        "targets",
    ),
    (
        'sources = [{ url = "https://example.org/t", title = "T", kind = "primary" }] }]',
        'sources = "https://example.org/t" }]',
        "expected a list, found text",
        PROGRAM,
        "targets",
    ),
    (
        'url = "https://example.org/t"',
        'url = "javascript:alert(1)"',
        "expected an http(s) URL, found 'javascript:alert(1)'",
        PROGRAM,
        "targets",
    ),
    (
        'date = "2022-01" }',
        'date = "2022-13" }',
        "'2022-13' has month 13, which does not exist",
        PROGRAM,
        "sources",
    ),
    ('publisher = "Agency A"', 'publisher = ["Agency A"]', "expected text, found a list", PROGRAM, "sources"),
    (
        'signatories = [{ id = "xa", date = 2022-02-03 }]',
        "signatories = [1]",
        "each signatory must be a table {id, date}, found a number (1)",
        ACCORD,
        "signatories",
    ),
    (
        'sources = [{ url = "https://example.org/a", title = "Accord", kind = "primary" }]',
        'sources = { url = "https://example.org/a", title = "Accord", kind = "primary" }',
        "expected a list, found a table",
        ACCORD,
        "sources",
    ),
    (
        'sources = [{ url = "https://example.org/a", title = "Accord", kind = "primary" }]',
        'sources = [["https://example.org/a"]]',
        "each source must be a table {url, title, publisher, date, kind}, found a list",
        ACCORD,
        "sources",
    ),
    (
        "space_budget_year = 2024",
        "space_budget_year = 2024.0",
        "expected a whole number, found a number (2024.0)",
        COUNTRY,
        "space_budget_year",
    ),
    (
        "space_budget_year = 2024",
        "space_budget_year = 2201",
        "expected a year from 1900 to 2200, found 2201",
        COUNTRY,
        "space_budget_year",
    ),
    (
        "as_of = 2026-11-22",
        "as_of = 2026-11-22T08:00:00+01:00",
        "expected a date, found a date-time",
        COUNTRY,
        "as_of",
    ),
    (
        "as_of = 2026-11-22",
        "as_of = 2026-11-22T08:00:00",
        "expected a date, found a date-time",
        COUNTRY,
        "as_of",
    ),
    # unknown keys, with "did you mean" where the key is a misspelt one
    (
        'role = "partner"',
        'rol = "partner"',
        "unknown key 'rol' in a partner (did you mean 'role'?)",
        PROGRAM,
        "partners",
    ),
    (
        'milestone = "landing"',
        'milestne = "landing"',
        "unknown key 'milestne' in a target (did you mean 'milestone'?)",
        PROGRAM,
        "targets",
    ),
    (
        "date = 2022-02-03 }",
        "dat = 2022-02-03 }",
        "unknown key 'dat' in a signatory (did you mean 'date'?)",
        ACCORD,
        "signatories",
    ),
    (
        "signed_date = 2022-02-02",
        "signed_dat = 2022-02-02",
        "unknown field (did you mean 'signed_date'?)",
        ACCORD,
        "signed_dat",
    ),
    ('iso_code = "XQ"', 'iso_cod = "XQ"', "unknown field (did you mean 'iso_code'?)", COUNTRY, "iso_cod"),
    # impossible dates
    (
        "signed_date = 2022-02-02",
        'signed_date = "2022-02-29"',
        "'2022-02-29' is not a day of the calendar",
        ACCORD,
        "signed_date",
    ),
    (
        "signed_date = 2022-02-02",
        'signed_date = "2021-00"',
        "'2021-00' has month 0, which does not exist",
        ACCORD,
        "signed_date",
    ),
    (
        "signed_date = 2022-02-02",
        'signed_date = "0000"',
        "'0000' has year 0, which does not exist",
        ACCORD,
        "signed_date",
    ),
    *[
        (
            "signed_date = 2022-02-02",
            f'signed_date = "{text}"',
            f"'{text}' {NOT_A_DATE}",
            ACCORD,
            "signed_date",
        )
        for text in (
            "2021-Q0",
            "2021-Q5",
            "21-01-01",
            "2021-1-1",
            "2021/01/01",
            "2021-01-01T00:00:00",
            "yesterday",
            "20211",
        )
    ],
    (
        "signed_date = 2022-02-02",
        "signed_date = 10:00:00",
        "expected a date, found a time",
        ACCORD,
        "signed_date",
    ),
    (
        "signed_date = 2022-02-02",
        "signed_date = 20220202",
        "expected a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, or ..DATE for 'on or before'), found a number (20220202)",
        ACCORD,
        "signed_date",
    ),
    (
        'lead = ["agency-a"]',
        'lead = ["agency-a"]\nstart_date = "2025"\nend_date = "2024"',
        "2024 is before start_date 2025",
        PROGRAM,
        "end_date",
    ),
    # out-of-range numbers
    ("value_usd = 1000.0", "value_usd = 1e16", f"{OUT_OF_RANGE} 1e+16", ACCORD, "value_usd"),
    ("value_usd = 1000.0", "value_usd = -0.01", f"{OUT_OF_RANGE} -0.01", ACCORD, "value_usd"),
    ("value_usd = 1000.0", "value_usd = -inf", f"{OUT_OF_RANGE} -inf", ACCORD, "value_usd"),
    (
        "value_usd = 1000.0",
        "value_usd = 1180591620717411303424",
        f"{OUT_OF_RANGE} 1180591620717411303424",
        ACCORD,
        "value_usd",
    ),
    ("value_usd = 1000.0", "value_usd = 1" + "0" * 400, f"{OUT_OF_RANGE} 1000", ACCORD, "value_usd"),
    ("space_budget_usd = 5.0", "space_budget_usd = nan", f"{OUT_OF_RANGE} nan", COUNTRY, "space_budget_usd"),
    # ids and references that break the format
    *[
        ('id = "probe-programme"', f'id = "{text}"', BAD_ID, f"programs[0] ({shown})", "id")
        for text, shown in [
            ("Probe-Programme", "Probe-Programme"),
            ("probe_programme", "probe_programme"),
            ("probe--programme", "probe--programme"),
            ("-probe", "-probe"),
            ("probe-", "probe-"),
            ("probe programme", "probe programme"),
            ("próbe", "pr\\xf3be"),  # an id must be ASCII: a look-alike is shown escaped
            ("probe-programme\\n", "probe-programme\\n"),  # `$` alone matched before the newline
        ]
    ],
    ('id = "probe-programme"', 'id = ""', "is empty", "programs[0] ()", "id"),
    ('id = "probe-programme"', "id = 42", "expected text, found a number (42)", "programs[0]", "id"),
    *[
        ('id = "xq"', f'id = "{text}"', BAD_COUNTRY_ID, f"countries[0] ({shown})", "id")
        for text, shown in [("XQ", "XQ"), ("x", "x"), ("xqq", "xqq"), ("x1", "x1"), ("xq\\n", "xq\\n")]
    ],
    (
        'lead = ["agency-a"]',
        'lead = ["Agency A"]',
        "a reference is a record id in lowercase kebab-case, found 'Agency A'",
        PROGRAM,
        "lead",
    ),
    (
        'parties = ["xa"]',
        'parties = ["xa\\n"]',
        "a reference is a record id in lowercase kebab-case, found 'xa\\n'",
        ACCORD,
        "parties",
    ),
    (
        'lead = ["agency-a"]',
        'lead = ["xa"]',
        "refers to 'xa', which is a country, not an organization",
        "programs (probe-programme)",
        "lead",
    ),
    (
        'parties = ["xa"]',
        'parties = ["agencya"]',
        "refers to 'agencya', which is no organization or country in the fact base (did you mean 'agency-a'?)",
        "agreements (probe-accord)",
        "parties",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message", "record", "field"), RULES, ids=[f"{r[4]}: {r[1][:40]}" for r in RULES]
)
def test_each_misshapen_value_is_one_problem_at_its_record_and_field(
    overlay: OverlayWriter, old: str, new: str, message: str, record: str, field: str
) -> None:
    """One broken value gives exactly one problem, naming the file, the record and the field."""
    assert GOOD.count(old) == 1, old
    path = overlay(GOOD.replace(old, new))
    (problem,) = _problems(path)
    assert (problem.file, problem.record) == (str(path), record)
    # located at the field, or below it ("partners[0].joined", "lead[1]")
    assert problem.field == field or problem.field.startswith((f"{field}[", f"{field}.")), problem.field
    assert message in problem.message
    assert _one_line(problem)


def test_the_good_document_loads() -> None:
    """The document the rules above break is itself clean, so each rule's problem is its own."""
    doc, problems = parse_document(GOOD.encode(), "good.toml")
    assert problems == [] and doc is not None
    mini_doc, _ = parse_document(MINI.read_bytes(), "mini.toml")
    assert mini_doc is not None
    loaded = build_fact_base([("mini.toml", mini_doc), ("good.toml", doc)], "mini.toml")
    assert {"probe-programme", "probe-accord", "xq"} <= set(loaded.base.by_id)


def test_an_unknown_field_with_no_near_name_gets_no_suggestion(overlay: OverlayWriter) -> None:
    """'did you mean' appears only when a field name is close: `colour` suggests nothing."""
    (problem,) = _problems(overlay(GOOD.replace('kind = "accords"', 'kind = "accords"\ncolour = "red"')))
    assert (problem.record, problem.field, problem.message) == (ACCORD, "colour", "unknown field")


RECORD = 'id = "r"\nname = "R"\nsummary = "s"\nas_of = 2026-01-01\nsources = [{ url = "https://e.org", title = "t", kind = "primary" }]\n'

# (whole document, a fragment every problem must contain, the record every problem names)
DOCUMENTS: list[tuple[str | bytes, str, str | None]] = [
    ("[missions]\n" + RECORD, "[[missions]] must be an array of tables, found a table", None),
    ('missions = "lander"\n', "[[missions]] must be an array of tables, found text ('lander')", None),
    ('missions = [["lander"]]\n', "a record must be a table, found a list", "missions[0]"),
    ('missions = ["lander-9"]\n', "a record must be a table, found text ('lander-9')", "missions[0]"),
    ("missions = [{}]\n", "is required but missing", "missions[0]"),
    ("[[programme]]\n" + RECORD, "unknown table [[programme]] (did you mean 'programs'?)", None),
    ('[["\\u001b[2J"]]\n', "unknown table [[\\x1b[2J]]", None),
    ("a = 1\n", "unknown key 'a' (a fact file holds [[programs]]", None),
    (
        '[[missions]]\nid = "m"\nlaunch_date = 2021-02-30\n',
        "is not valid TOML: Invalid date or datetime",
        None,
    ),
    ("a = 1" + "0" * 5000 + "\n", "is not usable TOML: Exceeds the limit (4300 digits)", None),
    (
        "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n",
        "is not usable TOML: nested too deeply to read",
        None,
    ),
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "is not usable TOML: nested too deeply to read", None),
    ("a." * 5000 + "a = 1\n", "unknown key 'a'", None),
    ("[" + "a." * 5000 + "a]\n", "unknown key 'a'", None),
    (
        "[[missions]]\n" + RECORD.replace('name = "R"', 'name = "R"\naliases = ' + "[" * 200 + "]" * 200),
        "expected text, found a list",
        "missions[0] (r)",
    ),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8 text (byte 0 cannot be decoded)", None),
    (b"\x00" * 4096, "is not valid TOML", None),
    ("\ufeff[[missions]]\n".encode("utf-16"), "is not UTF-8 text (byte 0 cannot be decoded)", None),
    (
        "[[missions]]\nsite = 'Mons Rümker'\n".encode("latin-1"),
        "is not UTF-8 text (byte 27 cannot be decoded)",
        None,
    ),
    (b"\xef\xbb\xbfa = 1\n\xff", "is not UTF-8 text (byte 9 cannot be decoded)", None),
    (
        "[[missions]]\n" + RECORD.replace('"r"', '"' + "R" * 1_000_000 + '"'),
        BAD_ID,
        "missions[0] (" + "R" * 57 + "...)",
    ),
]


@pytest.mark.parametrize(
    ("content", "message", "record"), DOCUMENTS, ids=[repr(d[0][:30]) for d in DOCUMENTS]
)
def test_a_misshapen_file_is_told_what_is_wrong_at_the_top(
    overlay: OverlayWriter, content: str | bytes, message: str, record: str | None
) -> None:
    """Tables of the wrong kind, records that are not tables, binary, other encodings, numbers
    tomllib cannot hold, and nesting thousands of levels deep: located problems, short lines."""
    path = overlay(content)
    problems = _problems(path)
    assert problems
    assert all(p.file == str(path) and p.record == record and _one_line(p) for p in problems), problems
    assert any(message in p.message for p in problems), problems


def test_a_utf8_byte_order_mark_is_allowed(overlay: OverlayWriter) -> None:
    """An editor's BOM before valid TOML is no problem (toml-test's valid/utf8-bom files)."""
    path = overlay(b"\xef\xbb\xbf[[missions]]\n" + RECORD.encode())
    assert _problems(path) == []


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# only a comment\n", "missions = []\n"])
def test_a_document_with_no_records_loads_and_check_says_so(
    mini: Runner, overlay: OverlayWriter, content: str
) -> None:
    path = overlay(content)
    assert mini("--data", str(path), "missions", "--json").out == mini("missions", "--json").out
    result = mini("check", str(path))
    assert result.code == 0
    assert result.out.splitlines()[0] == f"{path}: warning: holds no records"


def test_empty_tables_are_an_empty_overlay(overlay: OverlayWriter) -> None:
    """`missions = []` is a fact file with no records: nothing to complain about, nothing added."""
    loaded = load_facts([MINI, overlay("missions = []\ncountries = []\n")])
    assert len(loaded.base.records) == len(load_facts([MINI]).base.records)


def test_a_deeply_nested_overlay_is_a_data_error_on_the_command_line(
    mini: Runner, overlay: OverlayWriter
) -> None:
    """Nesting too deep to parse is a fact-file problem (exit 1), not an internal error."""
    path = overlay("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = mini("--data", str(path), "programs")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"lunarfacts: error: 1 problem in the fact files\n"
        f"  {path}: is not usable TOML: nested too deeply to read\n"
    )


# --- property-based: anything in gives a fact base or a DataError -----------------------------

PROPERTY = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
_MINI_DOC = parse_document(MINI.read_bytes(), str(MINI))[0]
_KNOWN_IDS = ["agency-a", "agency-b", "xa", "xb", "moonshot", "lander-1", "lander-2", "test-accords"]
_NEW_IDS = ["p-1", "p-2", "xc", "xd", "launch-contract"]
_KEYS = sorted(
    {field.name for rule in TYPES.values() for field in rule.fields}
    | {"url", "title", "publisher", "date", "milestone", "announced", "joined", "role"}
)
_texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [*_KNOWN_IDS, *_NEW_IDS, "2021", "2021-Q3", "2021-02-30", "https://e.org/x", "planned", "lander"]
    ),
)
_scalars = st.one_of(
    _texts,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
# Any TOML value: what tomllib can hand the loader, nested.
_anything = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(_KEYS), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=12,
)
_dates = st.one_of(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.sampled_from(["2021", "2021-Q3", "2021-07", "2021-07-04", "1999-12-31"]),
)
_refs = st.sampled_from(_KNOWN_IDS + _NEW_IDS)
_source = st.fixed_dictionaries(
    {"url": st.just("https://example.org/s"), "title": st.text(min_size=1, max_size=8)},
    optional={"publisher": st.text(max_size=8), "date": _dates},
)


def _valid_value(field: Field) -> st.SearchStrategy[Any]:
    """A value a field of this shape accepts (most of the time: ids may clash, refs may dangle),
    drawn from the rule set itself, so a new field or nested table is covered without a line here."""
    if field.shape in (Shape.TABLE, Shape.TABLES):
        assert field.table is not None
        item = _ITEMS[field.table.name] if field.table.name in _ITEMS else _table_of(field.table.fields)
        return item if field.shape == Shape.TABLE else st.lists(item, min_size=field.min_items, max_size=3)
    low = field.minimum if field.minimum is not None else 0
    high = min(field.maximum if field.maximum is not None else 1e15, 1e15)
    by_shape: dict[str, st.SearchStrategy[Any]] = {
        Shape.TEXT: _refs
        if field.name == "id"
        else st.from_regex(field.pattern, fullmatch=True)
        if field.pattern
        else st.text(min_size=1, max_size=10),
        Shape.TEXT_LIST: st.lists(st.text(min_size=1, max_size=8), max_size=3),
        Shape.URL: st.just("https://example.org/w"),
        Shape.DATE: _dates,
        Shape.NUMBER: st.one_of(st.floats(low, high), st.integers(int(low), int(high))),
        Shape.YEAR: st.integers(1900, 2200),
        Shape.CHOICE: st.sampled_from(field.choices.values() if field.choices else [""]),
        Shape.REF: _refs,
        Shape.REF_LIST: st.lists(_refs, max_size=3),
        Shape.VALUE: st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5))),
    }
    return by_shape[field.shape]


def _table_of(fields: tuple[Field, ...]) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {f.name: _valid_value(f) for f in fields if f.required},
        optional={f.name: _valid_value(f) for f in fields if not f.required},
    )


# The one nested table whose fields depend on each other: a change names a field, then a value for it.
_ITEMS: dict[str, st.SearchStrategy[Any]] = {
    "change": st.fixed_dictionaries(
        {
            "date": _dates,
            "field": st.sampled_from(["status", "name", "crew", "kind", "id", "nope"]),
            "value": st.one_of(
                st.sampled_from(["planned", "success", "active", "x"]), st.lists(st.text(max_size=5))
            ),
            "sources": st.lists(_source, min_size=1, max_size=1),
        }
    ),
}


@st.composite
def _record(draw: st.DrawFn, record_type: str) -> Any:
    """A record of the type: valid-looking fields, then a few keys overwritten with anything or dropped."""
    fields = TYPES[record_type].fields
    record = {
        field.name: draw(_valid_value(field)) for field in fields if field.required or draw(st.booleans())
    }
    for key in draw(st.lists(st.sampled_from([*_KEYS, "bogus"]), max_size=2)):
        if draw(st.booleans()):
            record[key] = draw(_anything)
        else:
            record.pop(key, None)
    return record if draw(st.integers(0, 9)) else draw(_anything)  # now and then not a table at all


_documents = st.dictionaries(
    st.one_of(st.sampled_from(list(TABLES)), st.text(max_size=8)),
    st.one_of(
        st.sampled_from(list(TYPES)).flatmap(lambda t: st.lists(_record(t), max_size=3)),
        _anything,
    ),
    max_size=4,
)


def _assert_sound(outcome: Loaded | DataError, names: set[str]) -> None:
    """A DataError locates every problem in a given file, one printable line each; a fact base
    holds only records whose every reference resolves to a record of an allowed type."""
    if isinstance(outcome, DataError):
        assert outcome.problems
        for problem in outcome.problems:
            assert problem.file in names and problem.message, problem
            assert _one_line(problem), problem
        return
    base = outcome.base
    assert len(base.by_id) == len(base.records)
    for record in base.records:
        for slot, ref in references(record):
            assert base.by_id[ref].TYPE in slot.allowed, (record.id, slot.field, ref)


def _build(documents: list[tuple[str, Mapping[str, Any]]]) -> Loaded | DataError:
    try:
        return build_fact_base(documents, str(MINI))
    except DataError as error:
        return error


@PROPERTY
@given(doc=_documents)
def test_any_toml_shaped_document_gives_a_fact_base_or_a_data_error(doc: dict[str, Any]) -> None:
    """build_fact_base on any document of TOML values (records mostly valid, then broken anywhere)
    returns a sound fact base or raises DataError; nothing else escapes."""
    assert _MINI_DOC is not None
    _assert_sound(_build([(str(MINI), _MINI_DOC), ("gen.toml", doc)]), {str(MINI), "gen.toml"})


_toml_keys = st.one_of(st.sampled_from(_KEYS), st.from_regex(r"[A-Za-z_-]{1,8}", fullmatch=True))
_toml_values = st.one_of(
    st.sampled_from(
        [
            '"x"',
            '"xa"',
            '"moonshot"',
            '"agency-a"',
            '"2021-Q5"',
            '"2021-07"',
            "2021-02-28",
            "1e99999",
            "-0",
            "nan",
            "inf",
            "07:00:00",
            "2021-01-01T00:00:00Z",
            "true",
            '[1, "a"]',
            "[]",
            "{}",
            '[{ url = "https://e.org", title = "t", kind = "primary" }]',
            '{ id = "xb", joined = 2020-01-01 }',
            '"\\u001b[31m"',
            "'''multi\nline'''",
            '"""a\\\nb"""',
            "9" * 30,
            '"planned"',
            '"lander"',
        ]
    ),
    st.text(max_size=10).map(json.dumps),
    st.integers().map(str),
)
_toml_records = [  # whole valid records, which the lines after them may break
    "[[missions]]\n" + RECORD + 'program = "moonshot"',
    "[[countries]]\n" + RECORD.replace('"r"', '"xc"'),
    "[[agreements]]\n" + RECORD.replace('"r"', '"pact"') + 'parties = ["xa", "agency-b"]',
]
_toml_lines = st.lists(
    st.one_of(
        st.sampled_from(
            [*(f"[[{t}]]" for t in TABLES), "[missions]", "[[missions.sources]]", "[a.b]", "", "# c", "]]"]
        ),
        st.sampled_from(_toml_records),
        st.builds(lambda key, value: f"{key} = {value}", _toml_keys, _toml_values),
    ),
    max_size=14,
)


@PROPERTY
@given(lines=_toml_lines)
def test_any_toml_like_text_gives_a_fact_base_or_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    """load_facts on text assembled from TOML lines (tables, keys, every kind of value, some not
    TOML at all) returns a sound fact base or raises DataError."""
    path = tmp_path_factory.mktemp("toml") / "gen.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        outcome: Loaded | DataError = load_facts([MINI, path])
    except DataError as error:
        outcome = error
    _assert_sound(outcome, {str(MINI), str(path)})


@PROPERTY
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8"))))
def test_any_bytes_give_a_fact_base_or_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    """Arbitrary bytes through parse_document and through load_facts from a file: a document or one
    located problem, then a sound fact base or DataError."""
    doc, problems = parse_document(raw, "raw.toml")
    assert (doc is None) == bool(problems)
    assert all(p.file == "raw.toml" and _one_line(p) for p in problems)
    path = tmp_path_factory.mktemp("bytes") / "raw.toml"
    path.write_bytes(raw)
    try:
        outcome: Loaded | DataError = load_facts([MINI, path])
    except DataError as error:
        outcome = error
    _assert_sound(outcome, {str(MINI), str(path)})


# --- mutations of the real fact base: each reported at the right record and field -------------

FACTS = "facts.toml"


@functools.cache
def _real_document() -> dict[str, Any]:
    doc, problems = parse_document(Path(bundled_path()).read_bytes(), FACTS)
    assert doc is not None and not problems
    return doc


def _mutated(table: str, index: int, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """The real document with one record changed (the rest shared, not copied)."""
    doc = dict(_real_document())
    doc[table] = list(doc[table])
    record = copy.deepcopy(doc[table][index])
    change(record)
    doc[table][index] = record
    return doc


def _problems_of(doc: Mapping[str, Any]) -> list[Problem]:
    """The errors of a document (lints and warnings aside: these tests break one value at a time)."""
    try:
        build_fact_base([(FACTS, doc)], FACTS)
    except DataError as error:
        return [p for p in error.problems if p.severity == "error"]
    return []


_record_choice = st.sampled_from(list(TABLES)).flatmap(
    lambda table: st.tuples(st.just(table), st.integers(0, len(_real_document()[table]) - 1))
)
_WRONG = {  # a value of the wrong type for every shape but the one named
    "boolean": True,
    "table": {"bogus": 1},
    "number": 42,
}


def _label(table: str, index: int, record: Mapping[str, Any]) -> str:
    return f"{table}[{index}] ({record['id']})"


@settings(max_examples=60, deadline=None)
@given(choice=_record_choice, data=st.data())
def test_a_required_field_dropped_from_the_real_base_is_reported_there(
    choice: tuple[str, int], data: st.DataObject
) -> None:
    """Dropping a required field from any real record: 'is required but missing' at that record."""
    table, index = choice
    name = data.draw(st.sampled_from([f.name for f in TYPES[TABLES[table]].fields if f.required]))
    original = _real_document()[table][index]
    problems = _problems_of(_mutated(table, index, lambda r: r.pop(name)))
    label = f"{table}[{index}]" if name == "id" else _label(table, index, original)
    assert Problem(FACTS, "is required but missing", label, name) in problems, problems
    assert all(p.field == name for p in problems if p.record == label), problems


@settings(max_examples=80, deadline=None)
@given(choice=_record_choice, data=st.data())
def test_a_type_changed_in_the_real_base_is_reported_at_its_field(
    choice: tuple[str, int], data: st.DataObject
) -> None:
    """Any field of any real record given a value of the wrong type: a problem at that record and
    field, and none elsewhere in that record."""
    table, index = choice
    spec = data.draw(st.sampled_from(TYPES[TABLES[table]].fields))
    kinds = [k for k in _WRONG if not (k == "number" and spec.shape in (Shape.NUMBER, Shape.YEAR))]
    wrong = _WRONG[data.draw(st.sampled_from(kinds))]
    original = _real_document()[table][index]

    def change(record: dict[str, Any]) -> None:
        record[spec.name] = copy.deepcopy(wrong)

    problems = _problems_of(_mutated(table, index, change))
    label = f"{table}[{index}]" if spec.name == "id" else _label(table, index, original)
    mine = [p for p in problems if p.record == label]
    # a nested value is located below its field: "sources[0].url" belongs to "sources"
    assert mine and all(p.field.split("[")[0] == spec.name for p in mine), problems


_REF_SPECS = {TYPES[name].plural: list(slots) for name, slots in REF_SLOTS.items()}


@settings(max_examples=60, deadline=None)
@given(
    choice=_record_choice.filter(lambda c: bool(_REF_SPECS[c[0]])),
    data=st.data(),
)
def test_a_reference_broken_in_the_real_base_is_the_one_problem(
    choice: tuple[str, int], data: st.DataObject
) -> None:
    """A reference in any real record pointed at no record: exactly one problem, at that record and
    field, naming the missing id."""
    table, index = choice
    spec = data.draw(st.sampled_from(_REF_SPECS[table]))
    missing = "no-such-record-anywhere"

    def change(record: dict[str, Any]) -> None:
        if not spec.many:
            record[spec.field] = missing
        elif not spec.nested:
            record[spec.field] = [*record.get(spec.field, []), missing]
        else:  # partners, signatories
            record[spec.field] = [*record.get(spec.field, []), {"id": missing}]

    # (a field with a history of changes also disagrees with its last change now: that is the change
    # rule's problem, pinned in test_time; this test is about the reference)
    problems = _problems_of(_mutated(table, index, change))
    (problem,) = [p for p in problems if not p.field.startswith("changes")]
    record = _real_document()[table][index]
    assert (problem.file, problem.record, problem.field) == (FACTS, f"{table} ({record['id']})", spec.field)
    assert problem.message.startswith(f"refers to '{missing}', which is no ")


@settings(max_examples=30, deadline=None)
@given(first=_record_choice, second=_record_choice)
def test_an_id_copied_onto_another_real_record_is_a_duplicate(
    first: tuple[str, int], second: tuple[str, int]
) -> None:
    """Giving one real record another's id: 'is defined twice in this file' at the copy."""
    if first == second:
        return
    source = _real_document()[first[0]][first[1]]
    if second[0] == "countries" and first[0] != "countries":
        return  # a country takes only two-letter ids; that rule is tested above

    def change(record: dict[str, Any]) -> None:
        record["id"] = source["id"]
        record.pop("iso_code", None)

    problems = _problems_of(_mutated(second[0], second[1], change))
    duplicate = [p for p in problems if p.message == "is defined twice in this file"]
    assert duplicate and duplicate[0].field == "id", problems


def test_the_real_base_is_clean_before_mutation() -> None:
    """The mutation tests start from a base with no problems, so each problem is the mutation's."""
    assert _problems_of(_real_document()) == []


# --- overlays --------------------------------------------------------------------------------

COUNTRY_XB = (
    '[[countries]]\nid = "xb"\nname = "Xbovia (fixed)"\nsummary = "s"\nas_of = 2026-01-01\n'
    'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
)
MISSION = (
    '[[missions]]\nid = "probe-9"\nname = "Probe 9"\nsummary = "s"\nprogram = "moonshot"\n'
    'countries = ["xb"]\nas_of = 2026-01-01\nsources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
)


def test_check_reports_a_replacement_from_the_environment_too(
    mini: Runner, overlay: OverlayWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An overlay named by LUNARFACTS_DATA that replaces a bundled record: `check` says so."""
    path = overlay(COUNTRY_XB)
    monkeypatch.setenv("LUNARFACTS_DATA", str(path))
    result = mini("check")
    assert result.code == 0
    assert result.err == f"lunarfacts: {path}: 'xb' replaces the record from {MINI}\n"
    assert json.loads(mini("show", "xb", "--json").out)["name"] == "Xbovia (fixed)"


def test_check_as_json_reports_a_replacement(mini: Runner, overlay: OverlayWriter) -> None:
    """`check --json` should mention a replaced bundled record on stderr, as the text report does."""
    result = mini("check", str(overlay(COUNTRY_XB)), "--json")
    assert "replaces the record" in result.err


def test_two_overlays_defining_one_id_stop_every_command(
    mini: Runner, overlay: OverlayWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same id from LUNARFACTS_DATA and from --data: one error naming both files, exit 1."""
    first, second = overlay(MISSION, "first.toml"), overlay(MISSION, "second.toml")
    monkeypatch.setenv("LUNARFACTS_DATA", str(first))
    result = mini("--data", str(second), "missions", "--json")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "lunarfacts: error: 1 problem in the fact files\n"
        f"  {second}: missions (probe-9): field 'id': is also defined by {first}; "
        "only the bundled base may be replaced\n"
    )


def test_overlays_reference_bundled_records_and_each_other(mini: Runner, overlay: OverlayWriter) -> None:
    """A mission in one overlay names a bundled programme and a country from another overlay; it
    lists under the programme and filters by the new country."""
    country = overlay(COUNTRY_XB.replace('"xb"', '"xz"').replace("Xbovia (fixed)", "Xzania"), "c.toml")
    mission = overlay(MISSION.replace('["xb"]', '["xz"]'), "m.toml")
    ids = [
        r["id"]
        for r in json.loads(
            mini(
                "--data", str(country), "--data", str(mission), "missions", "--country", "Xzania", "--json"
            ).out
        )
    ]
    assert ids == ["probe-9"]
    card = mini("--data", str(country), "--data", str(mission), "show", "moonshot", "-f", "table").out
    assert "Missions (3)" in card and "probe-9   Probe 9" in card


def test_a_replacement_of_another_type_breaks_the_bundled_references_and_says_where(
    overlay: OverlayWriter,
) -> None:
    """Replacing the country `xa` with an organization: every bundled record that named the country
    is reported, located in the bundled file, and the replacement itself is not blamed."""
    org = (
        '[[organizations]]\nid = "xa"\nname = "XA Corp"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
    )
    problems = _problems(overlay(org))
    assert problems
    assert {p.file for p in problems} == {str(MINI)}
    assert all("which is an organization, not a country" in p.message for p in problems), problems
    assert ("missions (lander-1)", "countries") in {(p.record, p.field) for p in problems}


# --- bad arguments: usage errors that say what is allowed ------------------------------------

ENUM_HINT = "is not one of"
BAD_ARGUMENTS: list[tuple[list[str], str]] = [
    (["--as-of", "2021-13", "missions"], "--as-of: '2021-13' has month 13, which does not exist"),
    (["--as-of", "", "programs"], f"'' {NOT_A_DATE}"),
    (["missions", "--since", "yesterday"], f"--since: 'yesterday' {NOT_A_DATE}"),
    (["agreements", "--until", "2021-02-30"], "--until: '2021-02-30' is not a day of the calendar"),
    (["organizations", "--since", "0000"], "--since: '0000' has year 0, which does not exist"),
    (["timeline", "--since", "2021-13"], "--since: '2021-13' has month 13, which does not exist"),
    (["timeline", "--until", "2021-Q5"], f"--until: '2021-Q5' {NOT_A_DATE}"),
    *[
        ([*command, "--format", "yaml"], f"'yaml' {ENUM_HINT} 'table', 'json', 'jsonl', 'csv', 'tsv'")
        for command in (
            ["missions"],
            ["show", "xa"],
            ["compare", "xa", "xb"],
            ["search", "x"],
            ["sources", "xa"],
            ["timeline"],
            ["check"],
        )
    ],
    (["countries", "-f", "JSON"], f"'JSON' {ENUM_HINT} 'table', 'json'"),
    (["missions", "--json", "--format", "table"], "--json and --format table ask for different formats"),
    (
        ["missions", "--fields", "id,nmae"],
        "--fields: unknown field 'nmae' (did you mean 'name'?); valid fields: type, id, name",
    ),
    (["missions", "--fields", ","], "--fields: give one or more field names, separated by commas"),
    (
        ["show", "xa", "--fields", "launch_date"],
        "--fields: unknown field 'launch_date'; valid fields: type, id, name",
    ),
    (
        ["compare", "xa", "lander-1", "--fields", "nope"],
        "--fields: unknown field 'nope'; valid fields: type, id, name",
    ),
    (["search", "x", "--fields", "nope"], "--fields: unknown field 'nope'; valid fields: type, id, name"),
    (
        ["timeline", "--fields", "when"],
        "--fields: unknown field 'when'; valid fields: date, event, planned, type, id, name, detail",
    ),
    (
        ["programs", "--sort", "launch_date"],
        "--sort: unknown field 'launch_date' (did you mean 'end_date'?); valid fields: type, id, name",
    ),
    (["countries", "--sort", ""], "--sort: unknown field ''; valid fields: type, id, name"),
    *[
        ([*command, "--limit", value], message)
        for command in (["missions"], ["search", "x"], ["timeline"])
        for value, message in (
            ("-1", "-1 is not a count from 0 to 1,000,000,000"),
            ("99999999999999999999999", "is not a count from 0 to 1,000,000,000"),
            ("ten", "'ten' is not a valid int"),
            ("1.5", "'1.5' is not a valid int"),
        )
    ],
    (["programs", "--status", "done"], f"'done' {ENUM_HINT} 'proposed', 'planned', 'active'"),
    (["missions", "--status", "Success"], f"'Success' {ENUM_HINT} 'planned', 'in-flight', 'success'"),
    (["missions", "--kind", "probe"], f"'probe' {ENUM_HINT} 'flyby', 'orbiter'"),
    (["organizations", "--kind", "agency"], f"'agency' {ENUM_HINT} 'space-agency', 'company'"),
    (["agreements", "--kind", "treaty"], f"'treaty' {ENUM_HINT} 'memorandum', 'accords'"),
    (["programs", "--kind", ""], f"'' {ENUM_HINT} 'crewed', 'robotic'"),
    (["search", "x", "--type", "missions"], f"'missions' {ENUM_HINT} 'program', 'mission'"),
    (["timeline", "--type", "launches"], f"'launches' {ENUM_HINT} 'launch', 'landing'"),
    (["schema", "rocket"], f"'rocket' {ENUM_HINT} 'program', 'mission'"),
    (["missions", "--limit"], "Option '--limit' requires an argument"),
    (["--data"], "Option '--data' requires an argument"),
    (["missions", "--colour"], "No such option: --colour"),
    (["compare", "xa"], "compare needs at least two REFs"),
    (["search", "!!!"], "search: give some letters or digits to look for"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ARGUMENTS, ids=[" ".join(a) for a, _ in BAD_ARGUMENTS])
def test_a_bad_value_for_any_option_is_a_usage_error_saying_what_is_allowed(
    mini: Runner, either_path: str, args: list[str], message: str
) -> None:
    """Exit 2, nothing on stdout, no traceback, and a message naming the value and what is allowed;
    the same whether the fast path or Typer parsed the line."""
    result = mini(*args)
    assert result.code == 2, result
    assert result.out == ""
    assert message in " ".join(result.err.split()), result.err
    assert "Traceback" not in result.err


MEGABYTE = 1_000_000


NO_LETTERS = "names no record: a REF needs letters or digits"
ESCAPED_ESC = "\\x1b"  # as repr() shows ESC


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", ""], f"'' {NO_LETTERS}"),
        (["sources", "   "], f"'   ' {NO_LETTERS}"),
        (["compare", "", "xa"], f"'' {NO_LETTERS}"),
        (["missions", "--country", ""], f"'' {NO_LETTERS}"),
        (["timeline", "--country", ""], f"'' {NO_LETTERS}"),  # was read as no filter at all
        (["timeline", "--program", "  "], f"'  ' {NO_LETTERS}"),
        (["agreements", "--organization", "\t"], f"'\\t' {NO_LETTERS}"),
        (["show", "\x1b" * MEGABYTE], f"'{ESCAPED_ESC * 57}...' {NO_LETTERS}"),
        (["show", "x" * MEGABYTE], f"no record matches '{'x' * 57}...'"),
        (["sources", "Ω" * MEGABYTE], f"no record matches '{'Ω' * 57}...'"),
        (["compare", "xa", "a" * MEGABYTE], f"no record matches '{'a' * 57}...'"),
        (["missions", "--program", "moon " * (MEGABYTE // 5)], "no program matches 'moon moon moon"),
        (["timeline", "--organization", "a" * MEGABYTE], f"no organization matches '{'a' * 57}...'"),
    ],
    ids=lambda value: f"{value[0]} {value[-1][:6]!r}x{len(value[-1])}" if isinstance(value, list) else "",
)
def test_an_empty_or_enormous_ref_is_a_quick_short_exit_1(
    mini: Runner, either_path: str, args: list[str], message: str
) -> None:
    """No record for an empty or megabyte REF: exit 1, one line quoting the REF cut short (never the
    megabyte back), the same through the fast path and Typer."""
    result = mini(*args)
    assert (result.code, result.out) == (1, ""), result.err[:300]
    assert result.err == f"lunarfacts: error: {message}\n" or (
        result.err.startswith(f"lunarfacts: error: {message}") and len(result.err) < 200
    ), result.err[:400]


@pytest.mark.parametrize(
    "words", ["moon " * (MEGABYTE // 5), " ".join(f"w{n}" for n in range(MEGABYTE // 8)), "z" * MEGABYTE]
)
def test_search_for_a_megabyte_of_words_is_quick(mini: Runner, words: str) -> None:
    """search with a megabyte of text, repeated or distinct words or one word: exit 0 (a quadratic
    slip would show as this test hanging; timing is the benchmark's business)."""
    result = mini("search", words, "--json")
    assert result.code == 0 and result.err == ""
    assert isinstance(json.loads(result.out), list)
