"""Hostile text in the data reaches the terminal as text: never as markup, never as control codes.

An overlay puts Rich markup ([bold], [/], [link=…]), escape sequences, BEL, CR, C1 controls, bidi
overrides and zero-width characters into every text field of every record type. Every table and card
shows them literally and escaped, with or without colour; stderr does too; the machine formats keep the
exact text. Very long names, ids and values fold inside their tables instead of breaking them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator

import pytest

from lunarfacts.rules import TYPES
from lunarfacts.vocab import RecordType

from .conftest import MINI, OverlayWriter, Runner, too_wide

ESC = "\x1b"
# Each piece is one word (no spaces), so a wide enough cell never splits it across lines.
MARKUP = ["[bold]Evil[/]", "[link=https://evil.example]click[/link]", "[red]red[/red]", ":smile:"]
CONTROLS = {
    "\x1b[31mred\x1b[0m": "\\x1b[31mred\\x1b[0m",  # SGR
    "\x1b]8;;https://evil.example\x07link": "\\x1b]8;;https://evil.example\\x07link",  # OSC 8
    "\x1b[2J\x1b[H": "\\x1b[2J\\x1b[H",  # clear the screen
    "bell\x07": "bell\\x07",
    "over\rwrite": "over\\x0dwrite",
    "csi\x9b31m": "csi\\x9b31m",  # the one-byte C1 form of ESC [
    "del\x7f": "del\\x7f",
    "nul\x00": "nul\\x00",
    "back\bspace": "back\\x08space",
    "\u202egnp.exe": "\\u202egnp.exe",  # right-to-left override
    "\u2066isolate\u2069": "\\u2066isolate\\u2069",
    "zero\u200bwidth": "zero\\u200bwidth",
    "line\u2028sep": "line\\u2028sep",
}
EVIL = " ".join([*MARKUP, *CONTROLS])
SHOWN = [*MARKUP, *CONTROLS.values()]  # how each piece must appear in a table
# Control (but newline), format, and line/paragraph separators: none may reach a terminal raw.
_RAW = {"Cc", "Cf", "Zl", "Zp"}


def toml_text(text: str) -> str:
    """A TOML basic string holding exactly `text` (JSON's escapes are TOML's, for BMP characters)."""
    return json.dumps(text)


def _sources(tag: str) -> str:
    url = toml_text(f"https://evil.example/{tag}/[bold]x[/bold]\x1b[31m\u202e")
    return f'sources = [{{ url = {url}, title = {toml_text(EVIL)}, publisher = {toml_text(EVIL)}, kind = "press" }}]'


def hostile_overlay() -> str:
    """One record of every type on the mini base, with EVIL in every text field that takes it."""
    evil = toml_text(EVIL)
    website = toml_text("https://evil.example/\x1b]8;;x\x07[link=x]")
    return f"""
[[programs]]
id = "evil-prog"
name = {evil}
aliases = [{toml_text("alias " + EVIL)}]
summary = {toml_text(EVIL + chr(10) + "second line " + EVIL)}
kind = "station"
status = "planned"
lead = ["agency-a"]
partners = [{{ id = "xa", joined = 2022-01-01, role = {evil} }}]
start_date = "2022"
location = {evil}
targets = [
  {{ milestone = {evil}, date = "2027", announced = 2022-06-01, {_sources("t1")} }},
  {{ milestone = {evil}, date = "2029", announced = 2024-06-01 }},
]
{_sources("prog")}
as_of = 2026-11-24

[[missions]]
id = "evil-mission"
name = {evil}
summary = {evil}
program = "evil-prog"
kind = "lander"
status = "success"
organizations = ["evil-org"]
countries = ["xa"]
launch_date = 2023-03-01
landing_date = 2023-03-09
launch_vehicle = {evil}
vehicles = ["evil-vehicle"]
crew = [{evil}, "Second Crew"]
landing_crew = [{evil}]
site = {evil}
firsts = [{evil}]
{_sources("mission")}
as_of = 2026-11-24

[[organizations]]
id = "evil-org"
name = {evil}
summary = {evil}
kind = "company"
country = "xa"
website = {website}
history = [{{ date = "2001", event = "founded", name = {evil}, sources = [{{ url = "https://evil.example/h", title = {evil}, kind = "primary" }}] }}]
{_sources("org")}
as_of = 2026-11-24

[[countries]]
id = "xe"
name = {evil}
iso_code = "XE"
region = "europe"
budgets = [{{ year = 2024, usd = 1e6, basis = "civil-agency", sources = [{{ url = "https://evil.example/b", title = {evil}, kind = "primary" }}] }}]
summary = {evil}
{_sources("country")}
as_of = 2026-11-24

[[agreements]]
id = "evil-pact"
name = {evil}
summary = {evil}
kind = "contract"
signed_date = 2023-01-05
parties = ["evil-org", "xe"]
signatories = [{{ id = "xe", date = 2023-01-06 }}]
customer = "agency-a"
contractor = "evil-org"
program = "evil-prog"
vehicle = "evil-vehicle"
value = {{ amount = 1.5e6, currency = "EUR" }}
{_sources("pact")}
as_of = 2026-11-24

[[vehicles]]
id = "evil-vehicle"
name = {evil}
aliases = [{toml_text("alias " + EVIL)}]
summary = {evil}
kind = "lander"
status = "active"
builder = ["evil-org"]
part_of = "evil-prog"
first_flight = 2023-03-01
countries = ["xe"]
{_sources("vehicle")}
as_of = 2026-11-24

[[claims]]
id = "evil-claim"
name = {evil}
summary = {evil}
statement = {evil}
published = {{ url = "https://evil.example/news", title = {evil}, publisher = {evil}, date = 2023-04-01 }}
verdict = "misleading"
about = ["evil-mission", "evil-org"]
{_sources("claim")}
as_of = 2026-11-24
"""


EVIL_IDS = {
    RecordType.PROGRAM: "evil-prog",
    RecordType.MISSION: "evil-mission",
    RecordType.ORGANIZATION: "evil-org",
    RecordType.COUNTRY: "xe",
    RecordType.AGREEMENT: "evil-pact",
    RecordType.VEHICLE: "evil-vehicle",
    RecordType.CLAIM: "evil-claim",
}


@pytest.fixture
def hostile(mini: Runner, overlay: OverlayWriter, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    """The CLI on the mini base plus the hostile overlay, wide enough that no piece is wrapped."""
    monkeypatch.setenv("LUNARFACTS_DATA", str(overlay(hostile_overlay(), "hostile.toml")))
    monkeypatch.setenv("COLUMNS", "400")
    yield mini


def raw_controls(text: str) -> list[str]:
    """Every character that would act on a terminal rather than show: all but the newline."""
    return sorted({repr(ch) for ch in text if ch != "\n" and unicodedata.category(ch) in _RAW})


TABLE_VIEWS: list[list[str]] = [
    *([rule.plural] for rule in TYPES.values()),
    *(["show", ref] for ref in EVIL_IDS.values()),
    ["show", "xa"],  # related records by name, and the firsts of a mission
    ["show", "agency-a"],
    ["compare", "evil-prog", "evil-mission", "evil-pact"],
    ["compare", "evil-mission", "lander-1"],
    *(["sources", ref] for ref in EVIL_IDS.values()),
    ["search", "evil"],
    ["timeline"],
]


@pytest.mark.parametrize("view", TABLE_VIEWS, ids=" ".join)
def test_every_table_and_card_shows_hostile_text_literally_and_escaped(
    hostile: Runner, either_path: str, view: list[str]
) -> None:
    """Markup is shown as typed, every control or format character as its escape, and nothing raw
    reaches stdout; through the fast path and Typer alike."""
    result = hostile(*view, "--format", "table")
    assert (result.code, result.err) == (0, ""), result.err
    assert raw_controls(result.out) == []
    for piece in SHOWN:
        assert piece in result.out, (piece, view)


@pytest.mark.parametrize("record_type", list(RecordType.values()))
def test_every_field_in_a_list_table_is_escaped(hostile: Runner, record_type: str) -> None:
    """`--fields` with every field of the type (nested ones included): still nothing raw."""
    names = json.loads(hostile(TYPES[record_type].plural, "--json").out)[0].keys()
    result = hostile(TYPES[record_type].plural, "--format", "table", "--fields", ",".join(names))
    assert result.code == 0, result.err
    assert raw_controls(result.out) == []
    assert "[bold]Evil[/]" in result.out


@pytest.mark.parametrize("view", [*TABLE_VIEWS, ["timeline", "--chart"]], ids=" ".join)
def test_colour_never_turns_data_into_markup_or_codes(
    hostile: Runner, monkeypatch: pytest.MonkeyPatch, view: list[str]
) -> None:
    """With colour forced on, the only escape sequences are Rich's own colours (SGR) and hyperlinks
    (OSC 8) to URLs of plain printable ASCII: no title, no bell, no link to text from the data that
    could act on the terminal, and the markup still reads as text."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = hostile(*view, "--format", "table") if "--chart" not in view else hostile(*view)
    assert result.code == 0, result.err
    links = re.findall(r"\x1b\]8;([^;\x1b\x07]*);([^\x1b\x07]*)\x1b\\", result.out)
    for _, target in links:
        assert target == "" or re.fullmatch(r"https?://[!-~]+", target), target
    out = re.sub(r"\x1b\]8;[^;\x1b\x07]*;[^\x1b\x07]*\x1b\\", "", result.out)
    sequences = set(re.findall(r"\x1b[^a-zA-Z]*[a-zA-Z]?", out))
    assert sequences, "colour was not on: the test would prove nothing"
    assert all(re.fullmatch(r"\x1b\[[0-9;]*m", s) for s in sequences), sequences
    without_colour = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert raw_controls(without_colour) == []
    if "--chart" not in view:
        assert "[bold]Evil[/]" in without_colour and "\\x1b[31mred\\x1b[0m" in without_colour


@pytest.mark.parametrize("record_type", list(RecordType.values()))
def test_json_and_jsonl_keep_the_exact_text(hostile: Runner, record_type: str) -> None:
    """The machine formats carry the data unchanged: a script gets back exactly what was written."""
    ref = EVIL_IDS[record_type]
    record = json.loads(hostile("show", ref, "--json").out)
    assert record["name"] == EVIL
    assert record["sources"][0]["title"] == EVIL
    # JSON Lines are split on "\n" only: str.splitlines() would also split at the raw U+2028 inside.
    lines = hostile(TYPES[record_type].plural, "--format", "jsonl").out.split("\n")[:-1]
    assert EVIL in [json.loads(line)["name"] for line in lines]


def test_csv_keeps_the_exact_text(hostile: Runner) -> None:
    """csv round-trips the text, carriage returns included (RFC 4180 quotes a cell holding CR)."""
    rows = list(csv.DictReader(io.StringIO(hostile("missions", "--format", "csv").out, newline="")))
    assert [r["name"] for r in rows if r["id"] == "evil-mission"] == [EVIL]


def test_tsv_escapes_every_control_and_keeps_the_rest_exact(hostile: Runner) -> None:
    """tsv escapes its own separators (\\t \\n \\r \\\\) and every other C0/C1 control as \\xNN, so
    `show X | cat` can never retitle or recolour a terminal; undone, the cell is exactly as written."""
    tsv = hostile("missions", "--format", "tsv", "--fields", "id,name").out
    assert re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", tsv) == []
    cell = next(line.split("\t")[1] for line in tsv.split("\n") if line.startswith("evil-mission\t"))

    def undo(match: re.Match[str]) -> str:
        code = match[1]
        return {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(code) or chr(int(code[1:], 16))

    assert re.sub(r"\\(x[0-9a-f]{2}|[tnr\\])", undo, cell) == EVIL


def test_error_messages_quote_hostile_names_escaped(hostile: Runner) -> None:
    """A 'did you mean' listing hostile names puts them on stderr escaped, never raw."""
    result = hostile("show", "evilmision")
    assert result.code == 1
    assert "did you mean" in result.err
    assert raw_controls(result.err) == []
    assert "[bold]Evil[/]" in result.err and "\\x1b[31mred\\x1b[0m" in result.err


def test_check_of_hostile_ids_and_keys_prints_them_escaped(mini: Runner, overlay: OverlayWriter) -> None:
    """Ids, table names and keys from a broken file are escaped in `check` lines and in errors."""
    record = 'name = "n"\nsummary = "s"\nas_of = 2026-01-01\nsources = [{ url = "https://e.org", title = "t", kind = "primary" }]\n'
    path = overlay(
        f"[[missions]]\nid = {toml_text('bad' + ESC + '[31m' + chr(0x202E))}\n{record}"
        f"{toml_text(ESC + ']0;title' + chr(7))} = 1\n"
        f"[[{toml_text(ESC + '[2J')}]]\nx = 1\n"
    )
    checked = mini("check", str(path))
    listed = mini("--data", str(path), "missions")
    assert checked.code == listed.code == 1
    for text in (checked.out, checked.err, listed.err):
        assert raw_controls(text) == [], text
    assert f"{path}: missions[0] (bad\\x1b[31m\\u202e): field 'id': an id is lowercase" in checked.out
    assert "field '\\x1b]0;title\\x07': unknown field" in checked.out
    assert f"{path}: unknown table [[\\x1b[2J]]" in checked.out
    problems = json.loads(mini("check", str(path), "--json").out)
    assert all(raw_controls(json.dumps(p, ensure_ascii=False)) == [] for p in problems)


# --- very long names and values ---------------------------------------------------------------

LONG_NAME = "Ж" * 5000  # one word, 5,000 cells, in no other record
LONG_ID = "-".join(["qqqqqqqqq"] * 30)  # 299 characters, 270 of them q
LONG_WORDS = " ".join(["lunar"] * 3000)


def long_overlay() -> str:
    return f"""
[[missions]]
id = "{LONG_ID}"
name = "{LONG_NAME}"
aliases = ["{"alias" * 1000}"]
summary = "{LONG_WORDS}"
program = "moonshot"
kind = "lander"
status = "success"
countries = ["xa"]
launch_date = 2020-01-01
launch_vehicle = "{"V" * 3000}"
firsts = ["{LONG_WORDS}"]
targets = [{{ milestone = "{"M" * 2000}", date = "2024", announced = 2019-01-01 }}]
sources = [{{ url = "https://example.org/{"u" * 3000}", title = "{LONG_WORDS}" }}]
as_of = 2026-11-24
"""


LONG_VIEWS: list[list[str]] = [
    ["missions"],
    ["missions", "--fields", "id,name,aliases,summary,launch_vehicle,firsts,targets,sources"],
    ["show", LONG_ID],
    ["show", "moonshot"],
    ["show", "xa"],
    ["compare", LONG_ID, "lander-1"],
    ["sources", LONG_ID],
    ["search", "lunar"],
    ["timeline"],
]


@pytest.mark.parametrize("width", [100, 60])
@pytest.mark.parametrize("view", LONG_VIEWS, ids=lambda v: " ".join(a[:12] for a in v))
def test_very_long_text_folds_inside_its_table(
    mini: Runner, overlay: OverlayWriter, monkeypatch: pytest.MonkeyPatch, view: list[str], width: int
) -> None:
    """A 5,000-character name, a 299-character id and 3,000-character values: every line fits the
    terminal (a URL aside, whole on its own line), each name and id is shown whole (folded, never
    cut), and a column they push out of the table is named in the caption, never lost silently."""
    assert "q" not in MINI.read_text() and "Ж" not in MINI.read_text()
    monkeypatch.setenv("LUNARFACTS_DATA", str(overlay(long_overlay(), "long.toml")))
    monkeypatch.setenv("COLUMNS", str(width))
    result = mini(*view, "--format", "table")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert too_wide(result.out, width) == []
    names, ids = result.out.count("Ж"), result.out.count("q")
    assert names > 0 and names % len(LONG_NAME) == 0, names
    dropped = " ".join(line for line in lines if "not shown at this width" in line)
    assert (ids > 0 or " id" in dropped) and ids % LONG_ID.count("q") == 0, ids
    if view[0] in ("missions", "timeline") and len(view) == 1:
        rule = next(i for i, line in enumerate(lines) if "───" in line)
        header = " ".join(lines[:rule])
        caption = " ".join(line for line in lines if "not shown at this width" in line)
        columns = {
            "missions": ["id", "name", "kind", "status", "launch_date", "countries"],
            "timeline": ["date", "planned", "event", "id", "detail"],
        }[view[0]]
        for column in columns:
            assert column in header.split() or column in caption, (column, header, caption)


def test_hostile_overlay_is_a_valid_fact_file(mini: Runner, overlay: OverlayWriter) -> None:
    """The hostile data itself passes `check`: the tests above are about showing it, not refusing it."""
    result = mini("check", str(overlay(hostile_overlay(), "hostile.toml")))
    assert result.code == 0, result.out
    assert result.out.startswith("ok: 20 records")


def test_the_evil_text_holds_every_kind_of_hostile_character() -> None:
    """The pieces above cover markup, C0, DEL, C1, bidi, zero-width and separators."""
    categories = {unicodedata.category(ch) for ch in EVIL}
    assert {"Cc", "Cf", "Zl"} <= categories
    assert {ESC, "\x07", "\r", "\x7f", "\x9b", "\u202e", "\u200b"} <= set(EVIL)
