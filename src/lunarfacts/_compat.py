"""Version shims: tomllib from the stdlib on Python 3.11+, tomli before. Stdlib only otherwise."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["tomllib"]
