"""What a person sees, pinned whole: every list, card, comparison, search, timeline and source list at
60, 80, 100 and 160 columns, on tests/data/mini.toml, against the files in tests/golden/.

After a deliberate change of layout, write the files anew and read the diff before committing:
    LUNARFACTS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lunarfacts.rules import TYPES

from .conftest import Runner, too_wide

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (60, 80, 100, 160)
VIEWS: dict[str, list[str]] = {
    **{rule.plural: [rule.plural] for rule in TYPES.values()},
    "show-program": ["show", "moonshot"],
    "show-mission": ["show", "lander-1"],
    "show-agreement": ["show", "test-accords"],
    "show-country": ["show", "xa"],
    "show-vehicle": ["show", "heavy-rocket"],
    "show-claim": ["show", "claim-crew-named"],
    "compare": ["compare", "lander-1", "lander-2"],
    "compare-all": ["compare", "lander-1", "lander-2", "--all"],
    "search": ["search", "lander"],
    "timeline": ["timeline"],
    "upcoming": ["--as-of", "2026-11-24", "upcoming"],
    "sources": ["sources", "moonshot"],
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_view_is_what_it_was(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, view: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = mini(*VIEWS[view], "--format", "table")
    assert (result.code, result.err) == (0, ""), result.err
    assert too_wide(result.out, width) == []
    assert not [line for line in result.out.splitlines() if line != line.rstrip()], "a line ends in spaces"
    path = GOLDEN / f"{view}-{width}.txt"
    if os.environ.get("LUNARFACTS_UPDATE_GOLDEN"):
        path.write_text(result.out, encoding="utf-8")
    assert result.out == path.read_text(encoding="utf-8")
