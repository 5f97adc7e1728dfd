"""Build hook: ship the bundled fact base's records, packed, beside it in the wheel (facts.packed).

An installed lunarfacts then parses no TOML for the bundled base on its first run: it reads these
records when their key matches the bytes of facts.toml and the code (see `cache.py`), and parses the
file as usual when it does not. An editable install has no such file; its first run packs the records
into the user's cache instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PackedBundledBase(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, os.path.join(self.root, "src"))
        try:
            from lunarfacts.cache import SHIPPED, shipped_records
        finally:
            sys.path.pop(0)
        packed = shipped_records(os.path.join(self.root, "data", "facts.toml"))
        where = os.path.join(tempfile.mkdtemp(prefix="lunarfacts-build-"), SHIPPED)
        with open(where, "wb") as stream:
            stream.write(packed)
        build_data["force_include"][where] = f"lunarfacts/data/{SHIPPED}"
