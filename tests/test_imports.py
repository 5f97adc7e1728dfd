"""The import graph: the core never pulls in Typer or Rich, and the JSON path never pulls in Rich."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "lunarfacts.model",
    "lunarfacts.errors",
    "lunarfacts.loader",
    "lunarfacts.query",
    "lunarfacts.jsonout",
    "lunarfacts.timeinfo",
    "lunarfacts.completion",
]


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_the_core_imports_neither_typer_nor_rich() -> None:
    loaded = _modules_after("".join(f"import {m}\n" for m in CORE))
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "click")}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_machine_formats_never_import_rich(fmt: str) -> None:
    code = (
        "import sys, io\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        f"    main(['missions', '--format', {fmt!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _modules_after(code)
    assert "lunarfacts.cli.run" in loaded  # the command really ran
    assert not {m for m in loaded if m.split(".")[0] == "rich"}
    assert "typer" not in loaded  # a plain, valid command line takes the fast path


def test_tab_on_a_ref_imports_neither_typer_nor_rich() -> None:
    code = (
        "import os, sys, io\n"
        "os.environ.update({'_LUNARFACTS_COMPLETE': 'complete_bash', 'COMP_WORDS': 'lunarfacts show chang',"
        " 'COMP_CWORD': '2'})\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        "    main([])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'change-5' in sys.stdout.getvalue().split()\n"
    )
    loaded = _modules_after(code)
    assert "lunarfacts.completion" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich")}


def test_help_and_errors_still_go_through_typer() -> None:
    code = (
        "import sys, io\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        "    main(['missions', '--status', 'nope'])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert "typer" in _modules_after(code)


def test_a_table_does_import_rich() -> None:
    code = (
        "import sys, io\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        "    main(['missions', '--format', 'table'])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert "rich.table" in _modules_after(code)


def _run_main(*args: str) -> str:
    return (
        "import sys, io\n"
        "from lunarfacts.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
    )


@pytest.mark.parametrize("args", [["missions", "--json"], ["show", "change-5", "--json"]])
def test_a_warm_cache_means_no_parsing_and_no_validating(tmp_path: Path, args: list[str]) -> None:
    """Served from the cache: no TOML parser, no validation, and no pickle (the cache is marshal)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LUNARFACTS_NO_CACHE", None)
    cold = _modules_after(_run_main(*args), env)
    assert "lunarfacts.accept" in cold and cold & {"tomllib", "tomli"}  # the first run does both
    warm = _modules_after(_run_main(*args), env)
    assert "lunarfacts.cli.run" in warm
    assert not warm & {"tomllib", "tomli", "lunarfacts.accept", "pickle", "tempfile"}
