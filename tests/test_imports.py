"""The import graph: the layers of the house style hold, nothing imports in a cycle, the core never
pulls in Typer or Rich, and a warm `missions --json` or TAB loads almost nothing.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lunarfacts

PACKAGE = Path(lunarfacts.__file__).parent

# Each module's layer: a module may import (at module level or inside a function) only modules of
# its own layer or below, and never in a cycle. Rich lives in the drawing layer; Typer in cli only.
LAYERS = {
    0: {"vocab", "errors", "_compat", "escape"},
    1: {"dates", "files"},
    2: {"model"},
    3: {"rules", "refs"},
    4: {"loader", "pack", "query", "search", "schema", "completion"},
    5: {"timeinfo", "jsonout"},
    6: {"cache", "export"},
    7: {"grid", "chart", "render"},
}
CLI_LAYER = 8
RICH_MODULES = {"grid", "chart", "render", "cli.output"}
TYPER_MODULES = {"cli", "cli.typerapp"}  # cli/__init__ imports it inside a function, to run the app


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        found[name.removesuffix(".__init__") if name != "__init__" else ""] = path
    return found


def _layer(name: str) -> int:
    if name in ("", "__main__"):
        return CLI_LAYER + 1
    if name == "cli" or name.startswith("cli."):
        return CLI_LAYER
    for layer, names in LAYERS.items():
        if name in names:
            return layer
    raise AssertionError(f"module {name!r} has no layer in this test: give it one")


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text())
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top_level))
    return found


def _own(module: str) -> str | None:
    if module == "lunarfacts":
        return ""
    return module.removeprefix("lunarfacts.") if module.startswith("lunarfacts.") else None


def test_every_module_imports_only_its_layer_or_below() -> None:
    for name, path in _modules().items():
        for module, _ in _imports(path):
            own = _own(module)
            if own is not None and own != "":
                assert _layer(own) <= _layer(name), f"{name} imports {own}"


def test_rich_and_typer_stay_in_their_modules() -> None:
    for name, path in _modules().items():
        for module, _ in _imports(path):
            top = module.split(".")[0]
            if top == "rich":
                assert name in RICH_MODULES, f"{name} imports rich"
            if top in ("typer", "click"):
                assert name in TYPER_MODULES, f"{name} imports {top}"


def test_no_module_level_import_cycle() -> None:
    graph = {
        name: {own for module, top in _imports(path) if top and (own := _own(module)) not in (None, "")}
        for name, path in _modules().items()
    }
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        assert node not in trail, " -> ".join([*trail, node])
        if node in done:
            return
        for following in graph.get(node, ()):
            visit(following, [*trail, node])
        done.add(node)

    for node in graph:
        visit(node, [])


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    # Printed by repr, not json: importing json to report would put json (and enum) on the list.
    probe = code + "\nimport sys\nprint(repr(sorted(sys.modules)), file=sys.stderr)\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env
    )
    return set(ast.literal_eval(result.stderr.strip().splitlines()[-1]))


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


def test_the_core_imports_neither_typer_nor_rich() -> None:
    core = [m for m in _modules() if _layer(m) < 7]
    loaded = _modules_after("".join(f"import lunarfacts.{m}\n" for m in core if m))
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "click")}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_machine_formats_never_import_rich(fmt: str) -> None:
    loaded = _modules_after(_run_main("missions", "--format", fmt))
    assert "lunarfacts.cli.commands.lists" in loaded  # the command really ran
    assert not {m for m in loaded if m.split(".")[0] == "rich"}
    assert "typer" not in loaded  # a plain, valid command line takes the fast path


def test_help_and_errors_still_go_through_typer() -> None:
    assert "typer" in _modules_after(_run_main("missions", "--status", "nope"))


def test_a_table_does_import_rich() -> None:
    assert "rich.console" in _modules_after(_run_main("missions", "--format", "table"))


# What a warm run must not load: the TOML parser, validation, records, typing, json, Typer, Rich. (Not
# enum: `re` needs it, and the `lunarfacts` script that pip writes imports `re` before anything of ours.)
HEAVY = {"tomllib", "tomli", "lunarfacts.rules", "lunarfacts.loader", "lunarfacts.model", "typing"}
HEAVY |= {"json", "typer", "rich", "pickle", "tempfile", "datetime", "hashlib"}


@pytest.mark.parametrize(
    "args",
    [
        ["missions", "--json"],
        ["agreements", "--format", "jsonl", "--limit", "3"],
        ["show", "change-5", "--json"],
    ],
    ids=" ".join,
)
def test_a_warm_cache_means_no_parsing_no_records_and_no_heavy_imports(
    tmp_path: Path, args: list[str]
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LUNARFACTS_NO_CACHE", None)
    cold = _modules_after(_run_main(*args), env)
    assert "lunarfacts.rules" in cold and cold & {"tomllib", "tomli"}  # the first run does both
    warm = _modules_after(_run_main(*args), env)
    assert "lunarfacts.cli.dispatch" in warm
    assert not warm & HEAVY, warm & HEAVY


def test_tab_on_a_ref_loads_no_records_and_no_heavy_imports(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.update(_LUNARFACTS_COMPLETE="complete_bash", COMP_WORDS="lunarfacts show chang", COMP_CWORD="2")
    code = _run_main() + "assert 'change-5' in sys.stdout.getvalue().split()\n"
    _modules_after(code, env)  # the first TAB builds the cache
    warm = _modules_after(code, env)
    assert "lunarfacts.completion" in warm
    assert not warm & HEAVY, warm & HEAVY
