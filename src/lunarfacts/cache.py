"""A cache of the parsed, validated fact base, so a run pays for TOML parsing and validation once.

Stdlib only. The cache is keyed on everything that could make it stale (each file's resolved path, size
and mtime, the package version, and the code that builds records), written atomically, and never trusted:
a cache file that is missing, corrupt, truncated, from another version or unreadable is ignored, and one
that cannot be written is skipped, silently. `--no-cache` / `LUNARFACTS_NO_CACHE=1` turn it off.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import BinaryIO

from lunarfacts import __version__
from lunarfacts.loader import FactPath, Loaded

ENV_NO_CACHE = "LUNARFACTS_NO_CACHE"
_MAGIC = b"lunarfacts-cache-3\n"
_SUFFIX = ".cache"
_OLD_SUFFIXES = (".pickle",)  # earlier versions' files, removed when pruning
_TEMPORARY_PREFIX = ".tmp-"
_STALE_TEMPORARY_SECONDS = 3600  # a write takes well under a second; an hour-old one was abandoned
_KEEP_FILES = 8  # one cache file per set of fact files; the oldest beyond this are removed
# Editing these changes what a cached base or its rows mean, so their sizes and mtimes join the key.
_CODE_FILES = ("model.py", "accept.py", "loader.py", "jsonout.py", "pack.py", "cache.py")


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
    except (OSError, RuntimeError, ValueError):  # unreadable, a loop, a NUL in a name: no cache
        return None
    return "\n".join(parts).encode("utf-8", "surrogateescape")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building or reading a base makes hundreds of thousands of objects and no reference cycles; left
    on, the cyclic collector walks them all again each time the heap grows by a quarter (~40 ms of a
    2.6 s first run on 10,000 missions, measured as medians of 8 runs each way)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _file_for(key: bytes, directory: FactPath) -> str:
    # A short name from a cheap checksum; the whole key is stored inside and compared on reading.
    return os.path.join(directory, f"{zlib.crc32(key):08x}-{len(key)}{_SUFFIX}")


def _open_checked(key: bytes, directory: FactPath) -> BinaryIO | None:
    """The cache file for `key`, positioned after its header, when the header matches exactly."""
    stream = open(_file_for(key, directory), "rb")  # noqa: SIM115 - handed to the caller
    if stream.read(len(_MAGIC)) == _MAGIC:
        size = int.from_bytes(stream.read(4), "big")
        if stream.read(size) == key:
            return stream
    stream.close()
    return None


def read_rows(key: bytes, directory: FactPath) -> dict[str, bytes] | None:
    """The cached JSON Lines of each record type (default order), without building any record."""
    try:
        stream = _open_checked(key, directory)
        if stream is None:
            return None
        with stream:
            size = int.from_bytes(stream.read(8), "big")
            rows = marshal.loads(stream.read(size))
    except Exception:  # corrupt, truncated, unreadable: never trusted
        return None
    if not isinstance(rows, dict) or not all(
        isinstance(k, str) and isinstance(v, bytes) for k, v in rows.items()
    ):
        return None
    return rows


def read_cache(key: bytes, directory: FactPath) -> Loaded | None:
    """The cached base for `key`, or None for anything short of a perfect match."""
    try:
        stream = _open_checked(key, directory)
        if stream is None:
            return None
        with stream:
            stream.seek(int.from_bytes(stream.read(8), "big"), os.SEEK_CUR)
            data = stream.read()
        from lunarfacts.pack import unpack

        with _collector_paused():
            return unpack(data)
    except Exception:  # corrupt, truncated, unreadable, from other code: never trusted
        return None


def write_cache(key: bytes, directory: FactPath, loaded: Loaded, rows: dict[str, bytes]) -> None:
    """Write atomically (a temporary file renamed into place); any failure leaves no cache, not a bad one."""
    from lunarfacts.pack import pack  # only a cache miss pays for it

    temporary: str | None = None
    try:
        records = pack(loaded)
        packed_rows = marshal.dumps(rows)
        os.makedirs(directory, exist_ok=True)
        # Not tempfile (~10 ms to import): a name no other process can be using, created exclusively.
        name = os.path.join(directory, f"{_TEMPORARY_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{_SUFFIX}")
        handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        temporary = name
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC)
            stream.write(len(key).to_bytes(4, "big") + key)
            stream.write(len(packed_rows).to_bytes(8, "big"))
            stream.write(packed_rows)
            stream.write(records)
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
    """Keep the newest cache files; remove earlier versions' files and what a writer that died left.

    Another process may be pruning or writing at the same moment: a file gone between listing and
    removing is no error, and a temporary file is removed only when too old to be anyone's write.
    """
    import time

    now = time.time()
    current: list[tuple[int, str]] = []
    for entry in os.scandir(directory):
        try:
            if entry.name.startswith(_TEMPORARY_PREFIX):
                if now - entry.stat().st_mtime > _STALE_TEMPORARY_SECONDS:
                    os.unlink(entry.path)
            elif entry.name.endswith(_OLD_SUFFIXES):
                os.unlink(entry.path)
            elif entry.name.endswith(_SUFFIX):
                current.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue
    current.sort(reverse=True)
    for _, path in current[_KEEP_FILES:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


class FactCache:
    """The cache entry for one set of fact files: the validated base, and each type's JSON rows.

    The rows (every record of a type as JSON Lines text, in the default order) let a script's plain
    `missions --json` be answered without building a single record.
    """

    def __init__(
        self, paths: Sequence[FactPath], enabled: bool = True, directory: FactPath | None = None
    ) -> None:
        self.paths = list(paths)
        self.key = cache_key(self.paths) if enabled else None
        self.directory = (directory or cache_dir()) if enabled else None
        self._rows: dict[str, bytes] | None = None

    def rows(self, record_type: str) -> bytes | None:
        if self._rows is None and self.key is not None and self.directory is not None:
            self._rows = read_rows(self.key, self.directory)
        return None if self._rows is None else self._rows.get(record_type)

    def load(self, load: Callable[[Sequence[FactPath]], Loaded]) -> Loaded:
        """`load(paths)`, served from the cache when a valid entry exists, and cached after a clean load.

        A fact base with problems is never cached: `load` raises and the error reaches the user each time.
        """
        if self.key is None or self.directory is None:
            return load(self.paths)
        cached = read_cache(self.key, self.directory)
        if cached is not None:
            return cached
        with _collector_paused():
            loaded = load(self.paths)
            from lunarfacts.jsonout import default_jsonl  # only a cache miss builds the rows

            self._rows = default_jsonl(loaded.base)
            write_cache(self.key, self.directory, loaded, self._rows)
        return loaded


def load_with_cache(
    paths: Sequence[FactPath],
    load: Callable[[Sequence[FactPath]], Loaded],
    enabled: bool = True,
    directory: FactPath | None = None,
) -> Loaded:
    return FactCache(paths, enabled, directory).load(load)
