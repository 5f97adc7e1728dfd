"""A cache of the parsed, validated fact base, so a run pays for TOML parsing and validation once.

Stdlib only. The cache is keyed on everything that could make it stale (each file's resolved path, size
and mtime, the package version, and the code that builds records), written atomically, and never trusted:
a cache file that is missing, corrupt, truncated, from another version or unreadable is ignored, and one
that cannot be written is skipped, silently. `--no-cache` / `LUNARFACTS_NO_CACHE=1` turn it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence

from lunarfacts import __version__
from lunarfacts.loader import FactPath, Loaded

ENV_NO_CACHE = "LUNARFACTS_NO_CACHE"
_MAGIC = b"lunarfacts-cache-1\n"
_KEEP_FILES = 8  # one cache file per set of fact files; the oldest beyond this are removed
_CODE_FILES = ("model.py", "loader.py", "cache.py")  # editing these changes what a cached base means


def cache_dir(environ: Mapping[str, str] | None = None) -> str | None:
    """$XDG_CACHE_HOME/lunarfacts, or ~/.cache/lunarfacts; None when there is no home to put it in."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return os.path.join(base, "lunarfacts")
    home = os.path.expanduser("~")
    if home == "~":  # no HOME and no passwd entry
        return None
    return os.path.join(home, ".cache", "lunarfacts")


def cache_disabled(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(ENV_NO_CACHE, "").strip().lower() not in ("", "0", "false", "no")


def cache_key(paths: Sequence[FactPath]) -> bytes | None:
    """What the cached base depends on; None when a file cannot be stat'ed (then the loader reports it)."""
    parts = [__version__, sys.version, str(len(paths))]
    here = os.path.dirname(os.path.realpath(__file__))
    try:
        for name in _CODE_FILES:
            stat = os.stat(os.path.join(here, name))
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        for path in paths:
            resolved = os.path.realpath(path)
            stat = os.stat(resolved)
            parts.append(f"{resolved}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    except (OSError, RuntimeError):
        return None
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def _file_for(key: bytes, directory: FactPath) -> str:
    # A short name from a cheap checksum; the whole key is stored inside and compared on reading.
    return os.path.join(directory, f"{zlib.crc32(key):08x}-{len(key)}.pickle")


def read_cache(key: bytes, directory: FactPath) -> Loaded | None:
    """The cached base for `key`, or None for anything short of a perfect match."""
    try:
        with open(_file_for(key, directory), "rb") as stream:
            if stream.read(len(_MAGIC)) != _MAGIC:
                return None
            size = int.from_bytes(stream.read(4), "big")
            if stream.read(size) != key:
                return None
            loaded = pickle.load(stream)
    except Exception:  # corrupt, truncated, unreadable, from other code: never trusted
        return None
    return loaded if isinstance(loaded, Loaded) else None


def write_cache(key: bytes, directory: FactPath, loaded: Loaded) -> None:
    """Write atomically (a temporary file renamed into place); any failure leaves no cache, not a bad one."""
    import tempfile  # only a cache miss pays for it

    temporary: str | None = None
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC)
            stream.write(len(key).to_bytes(4, "big") + key)
            pickle.dump(loaded, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, _file_for(key, directory))
        temporary = None
        _prune(directory)
    except Exception:  # read-only or full disk, odd permissions: run without a cache
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(directory: FactPath) -> None:
    names = [os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".pickle")]
    files = sorted(names, key=lambda p: os.stat(p).st_mtime_ns, reverse=True)
    for old in files[_KEEP_FILES:]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def load_with_cache(
    paths: Sequence[FactPath],
    load: Callable[[Sequence[FactPath]], Loaded],
    enabled: bool = True,
    directory: FactPath | None = None,
) -> Loaded:
    """`load(paths)`, served from the cache when a valid entry exists, and cached after a clean load.

    A fact base with problems is never cached: `load` raises and the error reaches the user each time.
    """
    key = cache_key(paths) if enabled else None
    where = directory or cache_dir()
    if key is None or where is None:
        return load(paths)
    cached = read_cache(key, where)
    if cached is not None:
        return cached
    loaded = load(paths)
    write_cache(key, where, loaded)
    return loaded
