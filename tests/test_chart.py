"""The pictures: `timeline --chart` and the slip staircases under `show`'s slip tables.

Golden pictures are drawn at fixed widths with colour off on tests/data/chart.toml (the `chart_base`
fixture), which holds every kind of bar and mark, so they never move with the real data; the real
data is checked for what must hold whatever it says: every line fits, the programmes people look for
are there.
"""

# Golden pictures are as wide as the terminal they were drawn for.

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from rich.console import Console

from lunarfacts.chart import Mark, mark_of, merged, timeline_chart
from lunarfacts.dates import PartialDate
from lunarfacts.model import FactBase, Mission, Program, Source
from lunarfacts.timeinfo import TimelineQuery
from lunarfacts.vocab import MissionStatus

from .conftest import Runner, too_wide

TIMELINE_80 = [
    "                 1960     1970     1980     1990     2000     2010     2020",
    "old-probes       ✕━●━◐●━━━·        ·        ·        ·        ·        ·",
    "moonbase         ·        ·        ·        ·        ·   ━━━●━━━━━●━━━◆━━━━━━━┈○",
    "hopper           ·        ·        ·        ·        ·        ·       ━━━━✕━━━○",
    "international-r… ·        ·        ·        ·        ·        ·        ·───────",
    "(no programme)   ·        ·        ·        ·   ●    ·        ◆        ·",
    "                 ┴────────┴────────┴────────┴────────┴────────┴────────┴──────▲─",
    "                 1960     1970     1980     1990     2000     2010     2020",
    "● success  ◐ partial or mixed  ✕ failure  ◆ in flight or no outcome  ○ planned",
    "━ start to end (or now)  ─ start not recorded  ┈ ahead  ▲ now, as of 2026-11-24",
    "4 programmes · 12 launches · 2 undated or cancelled missions not drawn",
]

TIMELINE_160 = [
    "                     1960      1965      1970      1975      1980      1985      1990      1995      2000      2005      2010      2015      2020      2025",
    "old-probes           ✕━━━●━━━━◐━━●━━━━━━ ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·",
    "moonbase             ·         ·         ·         ·         ·         ·         ·         ·         ·       ━━━━━━━━●━━━━━━━━━━━●━━━━━━━━━◆━━━━━━━━━━━━━━━┈┈┈○┈",
    "hopper               ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·       ━━━━━━━━✕━━━━━━━┈┈○",
    "international-resea… ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·         ·  ────────────",
    "(no programme)       ·         ·         ·         ·         ·         ·         ·       ● ·         ·         ·        ◆·         ·         ·         ·",
    "                     ┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴───▲────",
    "                     1960      1965      1970      1975      1980      1985      1990      1995      2000      2005      2010      2015      2020      2025",
    "● success  ◐ partial or mixed  ✕ failure  ◆ in flight or no outcome  ○ planned",
    "━ start to end (or now)  ─ start not recorded  ┈ ahead  ▲ now, as of 2026-11-24",
    "4 programmes · 12 launches · 2 undated or cancelled missions not drawn",
]

STAIRCASE_LEGEND = "  ├ announced  █ the date it named"
STAIRCASE_80 = [
    "  2024         ├───────────────────────────────███████",
    "  2026-09                           ├─────────────────────────█",
    "  2028                                              ├────────────────██████",
    "  2029-Q2                                                                 ?███",
    "          ┴────┴────┴─────┴────┴────┴─────┴────┴─────┴────┴────┴─────┴────┴─────",
    "          2017 2018 2019  2020 2021 2022  2023 2024  2025 2026 2027  2028 2029",
    STAIRCASE_LEGEND,
]
STAIRCASE_160 = [
    "  2024              ├─────────────────────────────────────────────────────────────────────█████████████",
    "  2026-09                                                         ├──────────────────────────────────────────────────────██",
    "  2028                                                                                               ├──────────────────────────────────█████████████",
    "  2029-Q2                                                                                                                                             ?████",
    "          ┴──────────┴───────────┴──────────┴───────────┴──────────┴───────────┴──────────┴───────────┴──────────┴───────────┴──────────┴───────────┴───────────",
    "          2017       2018        2019       2020        2021       2022        2023       2024        2025       2026        2027       2028        2029",
    STAIRCASE_LEGEND,
]


def _lines(out: str) -> list[str]:
    # Rich pads to the width; the goldens compare lines without trailing blanks.
    return [line.rstrip() for line in out.splitlines()]


def _staircase(out: str) -> list[str]:
    lines = _lines(out)
    end = lines.index(STAIRCASE_LEGEND)
    return lines[end - 6 : end + 1]


def _rows(out: str) -> list[str]:
    """The row labels of a chart: the lines that start with a programme id."""
    return [line.split(" ")[0] for line in _lines(out) if re.match(r"^[a-z(]", line)]


# --- timeline --chart: golden pictures --------------------------------------------------------


@pytest.mark.parametrize(("width", "golden"), [(80, TIMELINE_80), (160, TIMELINE_160)])
def test_timeline_chart_golden(
    chart_base: Runner, monkeypatch: pytest.MonkeyPatch, width: int, golden: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = chart_base("timeline", "--chart", "--format", "table")
    assert result.code == 0
    assert result.err == ""
    assert _lines(result.out) == golden


def test_the_chart_is_drawn_in_a_pipe_too(chart_base: Runner) -> None:
    """A picture has no tsv form: without --format, --chart draws, terminal or not."""
    piped = chart_base("timeline", "--chart")
    assert piped.code == 0
    assert piped.out == chart_base("timeline", "--chart", "--format", "table").out
    assert "moonbase" in piped.out and "\t" not in piped.out


@pytest.mark.parametrize(
    "extra",
    [
        ["--json"],
        ["--format", "csv"],
        ["-f", "jsonl"],
        ["--type", "launch"],
        ["--fields", "date,id"],
        ["--reverse"],
        ["--limit", "3"],
    ],
)
def test_chart_with_a_machine_format_or_a_list_option_is_a_usage_error(
    chart_base: Runner, extra: list[str]
) -> None:
    result = chart_base("timeline", "--chart", *extra)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("lunarfacts: error: --chart ")
    assert extra[0] in result.err or "json" in result.err or extra[-1] in result.err


def test_since_and_until_narrow_the_axis_and_drop_rows_outside(chart_base: Runner) -> None:
    out = chart_base("timeline", "--chart", "--since", "2010", "--until", "2020").out
    lines = _lines(out)
    assert lines[0].split() == [str(year) for year in range(2010, 2021)]
    assert _rows(out) == ["moonbase", "hopper"]  # old-probes ended in 1968; the loose ones flew before 2010
    assert "○" not in "".join(lines[1:3])  # the planned launches of 2027 and 2028 are past the window


def test_the_axis_is_fitted_to_the_years_drawn(chart_base: Runner) -> None:
    lines = _lines(chart_base("timeline", "--chart", "--program", "old-probes").out)
    assert lines[0].split() == [str(year) for year in range(1960, 1969)]
    assert lines[1] == (
        "old-probes ━━✕━━━━━━━━━━━━━━━━━━━●━━━━━━━━━━━━━━━━━━━━━━◐━━━━━━━━━━━━━━━━━●━━━━━━━━━━━━━━━━━━━━━━━━━"
    )
    assert "▲" not in lines[2]  # 2026 is off this axis
    assert lines[-1] == "1 programme · 4 launches"


@pytest.mark.parametrize(
    ("option", "rows"),
    [
        (["--program", "hopper"], ["hopper"]),
        # probe-c flew for xb, so its programme is drawn (whole); Agency B of xb leads the other two.
        (["--country", "xb"], ["old-probes", "hopper", "international-resea…"]),
        (["--country", "xa"], ["old-probes", "moonbase", "international-resea…", "(no"]),
        (["--organization", "agency-b"], ["hopper", "international-resea…"]),
    ],
)
def test_filters_pick_programmes(chart_base: Runner, option: list[str], rows: list[str]) -> None:
    assert _rows(chart_base("timeline", "--chart", *option).out) == rows


def test_a_cancelled_or_undated_mission_is_counted_not_drawn(chart_base: Runner) -> None:
    lines = _lines(chart_base("timeline", "--chart", "--program", "hopper").out)
    assert lines[1].count("✕") == 1 and lines[1].count("○") == 1  # hop-2 was cancelled
    assert lines[-1] == "1 programme · 2 launches · 1 undated or cancelled mission not drawn"


def test_as_of_moves_now_and_turns_later_launches_into_plans(chart_base: Runner) -> None:
    out = chart_base("--as-of", "2015", "timeline", "--chart").out
    assert "▲ now, as of 2015-12-31" in out
    assert _rows(out) == [
        "old-probes",
        "moonbase",
        "(no",
    ]  # hopper began in 2018, the station's partner in 2021
    # rover-y (2019) and sample-z (2028) had not launched, and no launch target of theirs had been
    # announced by 2015: nothing says when they were to fly, so they are counted, not drawn.
    assert "○" not in "".join(line for line in _lines(out) if line.startswith("moonbase"))
    assert "2 undated or cancelled missions not drawn" in out
    assert "2026-11-24" not in out


def test_nothing_to_draw_prints_nothing(chart_base: Runner) -> None:
    result = chart_base("timeline", "--chart", "--since", "2090")
    assert (result.code, result.out, result.err) == (0, "", "")


# --- fit, colour and safety -------------------------------------------------------------------


@pytest.mark.parametrize("width", [24, 40, 80, 160])
@pytest.mark.parametrize("args", [["timeline", "--chart"], ["show", "moonbase", "-f", "table"]])
def test_every_line_fits_the_width(
    chart_base: Runner, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = chart_base(*args)
    assert result.code == 0 and result.err == ""
    assert result.out.strip()
    assert too_wide(result.out, width) == []  # (a URL is whole on its own line, past the edge)


@pytest.mark.parametrize("width", [80, 160])
def test_real_data_chart_fits_and_names_the_programmes(
    run: Runner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("timeline", "--chart")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for programme in ("artemis", "gateway", "ilrs"):
        assert any(line.startswith(programme + " ") for line in lines), programme


@pytest.mark.parametrize("args", [["timeline", "--chart"], ["show", "artemis-iii", "-f", "table"]])
def test_real_data_fits_40_columns(run: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run(*args)
    assert result.code == 0 and result.err == ""
    assert too_wide(result.out, 40) == []


def test_colour_adds_to_the_glyphs_and_takes_nothing_away(
    chart_base: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = chart_base("timeline", "--chart").out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = chart_base("timeline", "--chart").out
    assert "\x1b[31m✕" in coloured  # a failure is red as well as a cross
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_data_is_never_markup_and_control_characters_are_escaped() -> None:
    """An id that slipped past the loader still cannot style or act on the terminal."""
    source = (Source(url="https://example.org", title="t"),)
    as_of = PartialDate.parse("2026-11-24")
    evil = Program(
        id="x[b]\x1b\u202e",
        name="Evil",
        summary="s",
        sources=source,
        as_of=as_of,
        start_date=PartialDate.parse("2020"),
    )
    chart = timeline_chart(FactBase([evil]), TimelineQuery())
    buffer = io.StringIO()
    Console(file=buffer, width=80, no_color=True, markup=False, highlight=False).print(chart)
    out = buffer.getvalue()
    assert "\x1b" not in out and "\u202e" not in out
    assert "\nx[b]\\x1b\\u202e ━" in out  # the label, as text, escaped, then its bar


@pytest.mark.parametrize(
    ("args", "drawn"),
    [
        (["timeline", "--chart"], True),
        (["timeline", "--format", "tsv"], False),
        (["show", "artemis-iii", "--json"], False),
    ],
)
def test_the_chart_module_loads_only_to_draw(args: list[str], drawn: bool) -> None:
    """Like render, chart is Rich: the machine formats never pay for it."""
    probe = (
        "import io, json, sys\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert ("lunarfacts.chart" in loaded) is drawn
    assert any(m.split(".")[0] == "rich" for m in loaded) is drawn


# --- the slip staircase under show's slip tables -----------------------------------------------


@pytest.mark.parametrize(("width", "golden"), [(80, STAIRCASE_80), (160, STAIRCASE_160)])
def test_slip_staircase_golden(
    chart_base: Runner, monkeypatch: pytest.MonkeyPatch, width: int, golden: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = chart_base("show", "moonbase", "--format", "table")
    assert result.code == 0 and result.err == ""
    assert _staircase(result.out) == golden


def test_staircase_sits_under_its_slip_table_and_only_where_something_slipped(chart_base: Runner) -> None:
    lines = _lines(chart_base("show", "moonbase", "-f", "table").out)
    legend = lines.index(STAIRCASE_LEGEND)
    assert lines.count(STAIRCASE_LEGEND) == 1  # "cargo lander" had one target: nothing to draw
    assert lines.index(" ?           2029-Q2  +6 months") < legend
    assert legend < next(i for i, line in enumerate(lines) if "cargo lander" in line)


def test_no_staircase_without_targets(mini: Runner) -> None:
    assert "announced  █" not in mini("show", "lander-1", "-f", "table").out
    assert STAIRCASE_LEGEND in mini("show", "moonshot", "-f", "table").out


# --- the rules behind the marks ---------------------------------------------------------------


def test_marks_that_share_a_column_merge() -> None:
    assert merged([Mark.SUCCESS, Mark.SUCCESS]) is Mark.SUCCESS
    assert merged([Mark.FAILURE, Mark.FAILURE]) is Mark.FAILURE
    assert merged([Mark.SUCCESS, Mark.FAILURE]) is Mark.PARTIAL  # mixed outcomes
    assert merged([Mark.PLANNED, Mark.FAILURE]) is Mark.FAILURE  # what flew outranks plans
    assert merged([Mark.PLANNED, Mark.PLANNED]) is Mark.PLANNED
    assert merged([Mark.FLYING, Mark.SUCCESS]) is Mark.SUCCESS
    assert merged([Mark.FLYING, Mark.PLANNED]) is Mark.FLYING


@pytest.mark.parametrize(
    ("status", "launch", "mark"),
    [
        (MissionStatus.SUCCESS, "1966-05-30", Mark.SUCCESS),
        (MissionStatus.CANCELLED, "2025", None),
        (None, "2009-06-18", Mark.FLYING),  # flew, outcome not recorded
        (None, "2027", Mark.PLANNED),  # not flown by now
        (MissionStatus.PLANNED, "2027", Mark.PLANNED),
    ],
)
def test_mark_of_a_mission(status: MissionStatus | None, launch: str, mark: Mark | None) -> None:
    mission = Mission(
        id="m",
        name="M",
        summary="s",
        sources=(Source(url="https://example.org", title="t"),),
        as_of=PartialDate.parse("2026-11-24"),
        status=status,
        launch_date=PartialDate.parse(launch),
    )
    assert mark_of(mission, dt.date(2026, 11, 24)) is mark
