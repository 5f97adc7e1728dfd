"""Benchmark lunarfacts against floors run side by side: `python bench/run.py` (see README, "Speed").

Each pair runs alternately after a warm-up, so both sides see the same machine; the result is the ratio
of medians, checked against its budget (issues 4, 10 and 13). lunarfacts is measured as installed: the
wheel built from this checkout, installed under bench/.work/. The floors (a bare one-command Typer app,
`python -c pass`, tomllib alone) and a generated 10,000-mission overlay are built there too.
Exit status 1 when a budget is missed. Benchmarks are not tests: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PYTHON = sys.executable

BARE_JSON = """\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    print("[]")


if __name__ == "__main__":
    app()
"""

BARE_TABLE = """\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name")
    table.add_row("change-5", "Chang'e 5")
    Console().print(table)


if __name__ == "__main__":
    app()
"""

BARE_HELP = """\
import typer

app = typer.Typer()


@app.command()
def programs(status: str = typer.Option(None, help="Only this status.")) -> None:
    \"\"\"List lunar programmes.\"\"\"


@app.command()
def missions(status: str = typer.Option(None, help="Only this status.")) -> None:
    \"\"\"List missions.\"\"\"


if __name__ == "__main__":
    app()
"""

TOMLLIB_LOAD = """\
import sys
try:
    import tomllib
except ImportError:
    import tomli as tomllib
with open(sys.argv[1], "rb") as f:
    tomllib.load(f)
"""


def overlay_text(count: int) -> str:
    """`count` generated missions referencing bundled records, shaped like real ones."""
    kinds = ("lander", "orbiter", "rover", "impactor", "sample-return")
    statuses = ("success", "failure", "partial-success", "planned")
    parts = []
    for n in range(count):
        year = 1960 + n % 66
        parts.append(
            f"""
[[missions]]
id = "bench-mission-{n}"
name = "Bench Mission {n}"
aliases = ["BM-{n}"]
summary = "Generated mission number {n} for the lunarfacts scale benchmark; not a real mission."
program = "clep"
kind = "{kinds[n % len(kinds)]}"
status = "{statuses[n % len(statuses)]}"
organizations = ["cnsa"]
countries = ["cn"]
launch_date = {year}-{1 + n % 12:02d}-{1 + n % 28:02d}
launch_vehicle = "Long March {n % 7}"
site = "Site {n}"
firsts = ["benchmark first {n}"]
sources = [{{ url = "https://example.org/bench/{n}", title = "Bench source {n}", publisher = "bench" }}]
as_of = 2026-11-24
"""
        )
    return "".join(parts)


@dataclass
class Run:
    seconds: float
    max_rss_kb: int


def run_once(argv: Sequence[str], env: dict[str, str], before: Callable[[], None] | None = None) -> Run:
    if before is not None:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {process.stderr.read().decode()}")
    if process.stderr is not None:
        process.stderr.close()
    return Run(elapsed, usage.ru_maxrss)


@dataclass
class Side:
    label: str
    argv: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None


def measure(sides: Sequence[Side], rounds: int, warmup: int) -> list[list[Run]]:
    """Run the sides alternately: warm-up rounds discarded, then `rounds` rounds kept."""
    results: list[list[Run]] = [[] for _ in sides]
    for round_ in range(warmup + rounds):
        for index, side in enumerate(sides):
            run = run_once(side.argv, side.env, side.before)
            if round_ >= warmup:
                results[index].append(run)
    return results


def median_ms(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs) * 1000


def median_rss(runs: Sequence[Run]) -> float:
    return statistics.median(r.max_rss_kb for r in runs)


PAIRS = ("json", "table", "tab", "help", "cached", "search", "show", "cold")


def install_wheel() -> Path:
    """lunarfacts as a user gets it: the wheel built from this checkout (with its packed bundled base)
    installed under bench/.work/site, its bytecode compiled, run with this venv's Typer and Rich."""
    dist, site = WORK / "dist", WORK / "site"
    subprocess.run(
        [PYTHON, "-m", "pip", "wheel", "-q", "--no-deps", str(HERE.parent), "-w", str(dist)], check=True
    )
    (wheel,) = dist.glob("*.whl")
    subprocess.run(
        [PYTHON, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True
    )
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(site / "lunarfacts")], check=True)
    return site


def lunarfacts_argv() -> list[str]:
    script = Path(PYTHON).parent / "lunarfacts"
    return [str(script)] if script.exists() else [PYTHON, "-m", "lunarfacts"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="measured rounds per pair (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="discarded rounds per pair (default 3)")
    parser.add_argument(
        "--only",
        action="append",
        choices=PAIRS,
        help=f"measure only this pair (repeatable): {', '.join(PAIRS)}; memory comes with json",
    )
    args = parser.parse_args()
    wanted = set(args.only or PAIRS)

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    site = install_wheel()
    (WORK / "bare_json.py").write_text(BARE_JSON)
    (WORK / "bare_table.py").write_text(BARE_TABLE)
    (WORK / "tomllib_load.py").write_text(TOMLLIB_LOAD)
    (WORK / "bare_help.py").write_text(BARE_HELP)
    overlay = WORK / "overlay-10000.toml"
    overlay.write_text(overlay_text(10_000))
    cache_home = WORK / "cache"
    cold_cache_home = WORK / "cold-cache"

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("LUNARFACTS_", "_LUNARFACTS"))}
    # Every side runs with the installed wheel first on the path (the floors import nothing from it).
    base_env.update(
        {"XDG_CACHE_HOME": str(cache_home), "COLUMNS": "100", "NO_COLOR": "1", "PYTHONPATH": str(site)}
    )
    overlay_env = {**base_env, "LUNARFACTS_DATA": str(overlay)}
    cold_env = {**overlay_env, "XDG_CACHE_HOME": str(cold_cache_home)}
    complete_env = {
        **base_env,
        "_LUNARFACTS_COMPLETE": "complete_bash",
        "COMP_WORDS": "lunarfacts show chang",
        "COMP_CWORD": "2",
    }
    lunarfacts = lunarfacts_argv()

    def clear_cold_cache() -> None:
        shutil.rmtree(cold_cache_home, ignore_errors=True)

    rows: list[tuple[str, float, float, float, float, str]] = []

    def report(what: str, ours: float, floor: float, budget: float, unit: str = "ms") -> None:
        rows.append((what, ours, floor, ours / floor, budget, unit))

    print(
        f"python {sys.version.split()[0]}, {args.rounds} rounds after {args.warmup} warm-up", file=sys.stderr
    )

    if "json" in wanted:
        json_runs, bare_runs, pass_json = measure(
            [
                Side("missions --json", [*lunarfacts, "missions", "--json"], base_env),
                Side("bare typer []", [PYTHON, str(WORK / "bare_json.py")], base_env),
                Side("python -c pass", [PYTHON, "-c", "pass"], base_env),
            ],
            args.rounds,
            args.warmup,
        )
        report("missions --json / bare Typer app", median_ms(json_runs), median_ms(bare_runs), 1.15)
        report("missions --json / python -c pass", median_ms(json_runs), median_ms(pass_json), 2.5)

    if "table" in wanted:
        table_runs, bare_table_runs = measure(
            [
                Side("missions table", [*lunarfacts, "missions", "--format", "table"], base_env),
                Side("bare typer table", [PYTHON, str(WORK / "bare_table.py")], base_env),
            ],
            args.rounds,
            args.warmup,
        )
        report(
            "missions --format table / bare Typer+Rich table",
            median_ms(table_runs),
            median_ms(bare_table_runs),
            1.15,
        )

    if "tab" in wanted:
        complete_runs, pass_runs = measure(
            [
                Side("complete show chang", lunarfacts, complete_env),
                Side("python -c pass", [PYTHON, "-c", "pass"], base_env),
            ],
            args.rounds,
            args.warmup,
        )
        report("TAB: show chang / python -c pass", median_ms(complete_runs), median_ms(pass_runs), 2.5)

    if "help" in wanted:
        help_runs, bare_help_runs = measure(
            [
                Side("missions --help", [*lunarfacts, "missions", "--help"], base_env),
                Side(
                    "bare typer --help", [PYTHON, str(WORK / "bare_help.py"), "missions", "--help"], base_env
                ),
            ],
            args.rounds,
            args.warmup,
        )
        report(
            "missions --help / bare Typer app --help", median_ms(help_runs), median_ms(bare_help_runs), 1.2
        )

    if "cached" in wanted:
        big_runs, small_runs = measure(
            [
                Side("10k overlay, cached", [*lunarfacts, "missions", "--json"], overlay_env),
                Side("bundled", [*lunarfacts, "missions", "--json"], base_env),
            ],
            args.rounds,
            args.warmup,
        )
        report("10k overlay, second run / bundled", median_ms(big_runs), median_ms(small_runs), 2.0)

    if "search" in wanted:
        search_runs, listing_runs = measure(
            [
                Side("10k: search scale --json", [*lunarfacts, "search", "scale", "--json"], overlay_env),
                Side("10k: missions --json", [*lunarfacts, "missions", "--json"], overlay_env),
            ],
            args.rounds,
            args.warmup,
        )
        report(
            "10k overlay: search scale / missions --json",
            median_ms(search_runs),
            median_ms(listing_runs),
            2.5,
        )

    if "show" in wanted:
        show_big, show_small = measure(
            [
                Side(
                    "10k: show one --json", [*lunarfacts, "show", "bench-mission-5000", "--json"], overlay_env
                ),
                Side(
                    "bundled: show apollo-11 --json", [*lunarfacts, "show", "apollo-11", "--json"], base_env
                ),
            ],
            args.rounds,
            args.warmup,
        )
        report(
            "10k overlay: show one --json / on the bundled base",
            median_ms(show_big),
            median_ms(show_small),
            1.5,
        )

    if "cold" in wanted:
        cold_rounds = max(7, args.rounds // 2)  # slow runs: fewer rounds, but enough for a steady median
        cold_runs, bare_again, toml_runs = measure(
            [
                Side(
                    "10k overlay, no cache", [*lunarfacts, "missions", "--json"], cold_env, clear_cold_cache
                ),
                Side("bare typer []", [PYTHON, str(WORK / "bare_json.py")], base_env),
                Side("tomllib.load", [PYTHON, str(WORK / "tomllib_load.py"), str(overlay)], base_env),
            ],
            cold_rounds,
            1,
        )
        report(
            "10k overlay, first run / bare Typer + tomllib.load",
            median_ms(cold_runs),
            median_ms(bare_again) + median_ms(toml_runs),
            1.4,
        )
    if "json" in wanted:
        report(
            "peak memory: missions --json / bare Typer app",
            median_rss(json_runs) / 1024,
            median_rss(bare_runs) / 1024,
            1.3,
            "MiB",
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'pair':<{width}}  {'ours':>9}  {'floor':>9}  {'ratio':>6}  {'budget':>6}  ok")
    failed = 0
    for what, ours, floor, ratio, budget, unit in rows:
        ok = ratio <= budget
        failed += not ok
        print(
            f"{what:<{width}}  {ours:>6.1f} {unit:<3}{floor:>6.1f} {unit:<3} {ratio:>6.2f}  {budget:>6.2f}  {'yes' if ok else 'NO'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
