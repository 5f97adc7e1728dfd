"""Finding and reading fact files: the bundled base, overlays, and their bytes, read once and safely.

Stdlib only, and light (no typing): a warm run reads the files here to key the cache on their
contents, then uses those same bytes if it has to parse them. Anything that is not a regular file (a
FIFO, a device, a directory) is refused without waiting on it, and no more than MAX_FILE_BYTES is
ever read, whatever `stat` says.
"""

from __future__ import annotations

import os
import stat

from lunarfacts.errors import Problem

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ENV_DATA = "LUNARFACTS_DATA"
MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any real fact base; stops a runaway file early
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}

# Paths are plain strings inside; callers may pass os.PathLike (importing pathlib costs a TAB press more
# than this whole module, so nothing here uses it).


def bundled_path() -> str:
    """The fact base shipped in the wheel; in a source checkout, the repo's `data/facts.toml`."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data", "facts.toml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "facts.toml")


def data_paths(overlays: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> list[str]:
    """The bundled base, then `LUNARFACTS_DATA` overlays, then `--data` overlays: later ones win.

    The same file named twice (in LUNARFACTS_DATA and --data, say) is read once, not reported as two
    overlays defining the same records.
    """
    env = os.environ if environ is None else environ
    from_env = [part for part in env.get(ENV_DATA, "").split(os.pathsep) if part.strip()]
    paths: list[str] = []
    seen: set[str] = set()
    for path in [os.fspath(bundled_path()), *from_env, *(os.fspath(p) for p in overlays)]:
        try:
            key = os.path.realpath(path) if path else path
        except (OSError, ValueError):
            key = path
        if key not in seen:
            seen.add(key)
            paths.append(path)
    return paths


class FactFile:
    """One fact file as read: its bytes, or the one problem that kept them from being read."""

    __slots__ = ("data", "name", "problem")

    def __init__(self, name: str, data: bytes | None, problem: Problem | None = None) -> None:
        self.name = name
        self.data = data
        self.problem = problem


def read_fact_file(path: str) -> FactFile:
    """The file's bytes, read once; a located problem for anything that is not a readable regular file."""
    if path == "":
        return FactFile(path, None, Problem("(empty path)", "an empty path names no file"))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return FactFile(path, None, Problem(path, "no such file"))
    except IsADirectoryError:  # Windows; POSIX opens a directory and fstat tells
        return FactFile(path, None, Problem(path, "is a directory, not a fact file"))
    except OSError as error:
        return FactFile(path, None, Problem(path, f"cannot be read: {error.strerror or error}"))
    except ValueError as error:  # a path the OS cannot take (an embedded NUL, an unencodable name)
        return FactFile(path, None, Problem(path, f"cannot be read: {error}"))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            return FactFile(path, None, Problem(path, f"is {kind}, not a fact file"))
        # What stat says is only a first guess (a file may grow while it is read): read until the end,
        # never more than the limit and one byte.
        chunks = []
        size = 0
        want = min(info.st_size, MAX_FILE_BYTES) + 1
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, max(1, min(want - size, MAX_FILE_BYTES + 1 - size)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = max(want, size + (1 << 20))
    except OSError as error:
        return FactFile(path, None, Problem(path, f"cannot be read: {error.strerror or error}"))
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return FactFile(path, None, Problem(path, f"is over {limit} MiB; larger fact files are refused"))
    return FactFile(path, chunks[0] if len(chunks) == 1 else b"".join(chunks))


def read_fact_files(paths: Sequence[str | os.PathLike[str]]) -> list[FactFile]:
    return [read_fact_file(os.fspath(path)) for path in paths]
