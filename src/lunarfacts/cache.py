"""A cache of the validated fact base: it may make a run faster, never change its answer.

Stdlib only, and light (no typing, no json): a warm `missions --json` or a TAB press runs through here.

- The key is a hash of the bytes of every fact file as read for this run (the same bytes are parsed on
  a miss), with the package version, the Python and the code that shapes what is cached. An in-place
  edit of the same size and mtime, or a file switched under a symlink, can never be served stale.
- The file holds sections (the records, each type's JSON rows, the REF index, the search texts),
  each with its own checksum, verified before it is used; the records are checked value by value
  against their layout as they are unpacked (pack.py).
- Files are opened only when regular (O_NOFOLLOW, O_NONBLOCK, fstat) and owned by the user; the
  directory is created 0700 and files 0600, and a directory others can write to is not used.
- Anything off (missing, truncated, corrupt, foreign, unreadable, unwritable) means no cache: the
  run loads the files as if there were none, and a bad file is replaced by the next clean write.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import zlib

from lunarfacts import __version__
from lunarfacts.vocab import RecordType

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    from lunarfacts.files import FactFile
    from lunarfacts.loader import Keep, Known
    from lunarfacts.model import Loaded, Record

    Load = Callable[[Sequence[FactFile], bool, Known, Keep], Loaded]

ENV_NO_CACHE = "LUNARFACTS_NO_CACHE"
_TYPE_ORDER = RecordType.values()  # a row's type, by its index here
_MAGIC = b"lunarfacts-cache-5\n"
_SUFFIX = ".cache"
_TEMPORARY_PREFIX = ".tmp-"
_STALE_TEMPORARY_SECONDS = 3600  # a write takes well under a second; an hour-old one was abandoned
_KEEP_FILES = 8  # one cache file per set of fact files; the oldest beyond this are removed
_MAX_HEADER = 1 << 20
# Editing these changes what a cached base, its rows or its indexes mean, so they join the key.
CODE_FILES = (
    "cache.py",
    "dates.py",
    "jsonout.py",
    "model.py",
    "pack.py",
    "query.py",
    "rules.py",
    "vocab.py",
)


def cache_dir(environ: Mapping[str, str] | None = None) -> str | None:
    """$XDG_CACHE_HOME/lunarfacts, or ~/.cache/lunarfacts; None when there is no home to put it in."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return os.path.join(base, "lunarfacts")
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):  # no HOME and no passwd entry
        return None
    return os.path.join(home, ".cache", "lunarfacts")


def cache_disabled(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(ENV_NO_CACHE, "").strip().lower() not in ("", "0", "false", "no")


_CODE_CRC: list[int] = []  # read once a run


def code_fingerprint() -> str | None:
    """The version, the Python, and a CRC-32 of the source of the code that shapes what is cached:
    the contents, not their stat, so a reinstall of the same code keeps its cache and a wheel can
    ship a packed bundled base that an installed copy recognises."""
    if not _CODE_CRC:
        here = os.path.dirname(os.path.abspath(__file__))
        crc = 0
        try:
            for name in CODE_FILES:
                with open(os.path.join(here, name), "rb") as source:
                    crc = zlib.crc32(source.read(), crc)
        except OSError:
            return None
        _CODE_CRC.append(crc)
    return f"{_MAGIC.decode().strip()} {__version__} {sys.version.split()[0]} {_CODE_CRC[0]:08x}"


def _content(file: FactFile) -> str:
    """A fact file's bytes as the key names them: their length and CRC-32."""
    assert file.data is not None
    return f"{len(file.data)}:{zlib.crc32(file.data):08x}"


def cache_key(files: Sequence[FactFile]) -> str | None:
    """Everything the cached answer depends on, as text: the code, and each fact file's path, length and
    CRC-32 of the bytes read for this run; None when a file could not be read (the loader reports it,
    and nothing is cached).

    A CRC of the contents, not their stat, so an edit that keeps size and mtime is seen; CRC-32 runs at
    several GB/s (a cryptographic hash took 8 ms of a 10,000-mission run), and an accidental edit that
    keeps both the length and the CRC is a one-in-four-billion chance.
    """
    code = code_fingerprint()
    if code is None or any(file.data is None for file in files):
        return None
    return "\n".join([code, *(f"{file.name!r}:{_content(file)}" for file in files)])


def file_key(file: FactFile) -> str | None:
    """The key of one file's validated records, whatever its path: the code and the bytes."""
    code = code_fingerprint()
    return None if code is None or file.data is None else f"{code}\nrecords of one file:{_content(file)}"


SHIPPED = "facts.packed"  # beside the bundled facts.toml in a wheel: its records, packed at build time


def _file_name(key: str, kind: str = "") -> str:
    """A short name from a cheap checksum (the whole key is stored inside and compared on reading);
    `kind` tells one file's records ("file") from a set of files' answers."""
    encoded = key.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(encoded):08x}-{len(encoded)}{'.' + kind if kind else ''}{_SUFFIX}"


# --- the directory and its files --------------------------------------------------------------


def _trusted_directory(directory: str, create: bool) -> bool:
    """The cache directory exists (made 0700 if asked), is ours and no one else can write to it."""
    try:
        info = os.lstat(directory)
    except FileNotFoundError:
        if not create:
            return False
        try:
            parent = os.path.dirname(directory)
            os.makedirs(parent, mode=0o700, exist_ok=True)
            os.mkdir(directory, 0o700)
            os.chmod(directory, 0o700)  # the umask may only take bits away, never add: be exact
            info = os.lstat(directory)
        except OSError:
            return False
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_mode & 0o022 == 0
        and info.st_uid == getattr(os, "getuid", lambda: info.st_uid)()
    )


def _open_regular(path: str, ours_only: bool = True) -> tuple[int, int] | None:
    """A read-only descriptor for a regular file of ours that others cannot write (any regular file,
    for one shipped in the package); None otherwise. Never follows a symlink, never waits on a FIFO
    or device."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    ours = info.st_uid == getattr(os, "getuid", lambda: info.st_uid)() and not info.st_mode & 0o022
    if not stat.S_ISREG(info.st_mode) or (ours_only and not ours):
        os.close(fd)
        return None
    return fd, info.st_size


def _read_exactly(fd: int, offset: int, size: int) -> bytes | None:
    chunks = []
    while size > 0:
        chunk = os.pread(fd, min(size, 1 << 24), offset)
        if not chunk:
            return None
        chunks.append(chunk)
        offset += len(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class _CacheFile:
    """An open, verified cache file: its table of sections, each read and checked on demand."""

    def __init__(self, fd: int, sections: dict[str, tuple[int, int, int]]) -> None:
        self.fd = fd
        self.sections = sections
        self.damaged = False  # one bad section condemns the whole file: it is rewritten, never mixed

    @classmethod
    def open(cls, path: str, key: str, ours_only: bool = True) -> _CacheFile | None:
        opened = _open_regular(path, ours_only)
        if opened is None:
            return None
        fd, file_size = opened
        try:
            head = _read_exactly(fd, 0, len(_MAGIC) + 8)
            if head is None or not head.startswith(_MAGIC):
                raise ValueError("not a cache file")
            size = int.from_bytes(head[len(_MAGIC) :], "big")
            if size > _MAX_HEADER:
                raise ValueError("a header too large")
            body = _read_exactly(fd, len(head), size + 4)
            if body is None or zlib.crc32(body[:size]) != int.from_bytes(body[size:], "big"):
                raise ValueError("a damaged header")
            found_key, table = marshal.loads(body[:size])
            if found_key != key or type(table) is not dict:
                raise ValueError("another key")
            base = len(head) + size + 4
            sections = {}
            for name, (offset, length, crc) in table.items():
                if type(name) is not str or not all(type(x) is int and x >= 0 for x in (offset, length, crc)):
                    raise ValueError("a damaged table")
                if base + offset + length > file_size:
                    raise ValueError("a truncated file")
                sections[name] = (base + offset, length, crc)
        except Exception:  # anything short of a perfect match: not used
            os.close(fd)
            return None
        return cls(fd, sections)

    def section(self, name: str) -> bytes | None:
        """The section's bytes when present and intact."""
        entry = self.sections.get(name)
        if entry is None or self.damaged:
            return None
        offset, length, crc = entry
        try:
            data = _read_exactly(self.fd, offset, length)
        except OSError:
            data = None
        if data is None or zlib.crc32(data) != crc:
            self.damaged = True
            return None
        return data

    def close(self) -> None:
        try:  # noqa: SIM105 - contextlib would be one more import on the warm path
            os.close(self.fd)
        except OSError:
            pass


def cache_bytes(key: str, sections: Mapping[str, bytes]) -> list[bytes]:
    """A cache file's contents: the magic line, the header (key and table of sections) with its CRC,
    then each section."""
    table = {}
    offset = 0
    for name, data in sections.items():
        table[name] = (offset, len(data), zlib.crc32(data))
        offset += len(data)
    header = marshal.dumps((key, table))
    head = _MAGIC + len(header).to_bytes(8, "big") + header + zlib.crc32(header).to_bytes(4, "big")
    return [head, *sections.values()]


def write_cache(directory: str, key: str, sections: Mapping[str, bytes], kind: str = "") -> None:
    """Write atomically (a private temporary file renamed into place); any failure leaves no cache."""
    temporary: str | None = None
    try:
        if not _trusted_directory(directory, create=True):
            return
        parts = cache_bytes(key, sections)
        # Not tempfile (~10 ms to import): a name no other process can be using, created exclusively.
        name = os.path.join(directory, f"{_TEMPORARY_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{_SUFFIX}")
        flags = (
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        )
        handle = os.open(name, flags, 0o600)
        temporary = name
        with os.fdopen(handle, "wb") as stream:
            for part in parts:
                stream.write(part)
        os.replace(temporary, os.path.join(directory, _file_name(key, kind)))
        temporary = None
        _prune(directory)
    except Exception:  # read-only or full disk, odd permissions: run without a cache
        pass
    finally:
        if temporary is not None:
            _remove(temporary)


def shipped_records(path: str) -> bytes:
    """What a wheel ships beside the bundled base: its records, packed, keyed on its bytes and the code
    (used by the build hook, `hatch_build.py`)."""
    from lunarfacts.files import read_fact_file
    from lunarfacts.loader import load_files

    file = read_fact_file(path)
    key = file_key(file)
    if key is None:
        raise ValueError(f"{path}: cannot be read")
    records = load_files([file]).base.records
    return b"".join(cache_bytes(key, {"records": pack_records(records, path)}))


def _prune(directory: str) -> None:
    """Keep the newest cache files; remove what a writer that died left, and earlier formats' files.

    Another process may be pruning or writing at the same moment: a file gone between listing and
    removing is no error, and a temporary file is removed only when too old to be anyone's write.
    """
    import time

    now = time.time()
    current: list[tuple[int, str]] = []
    for entry in os.scandir(directory):
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith(_TEMPORARY_PREFIX):
                if now - info.st_mtime > _STALE_TEMPORARY_SECONDS:
                    os.unlink(entry.path)
            elif entry.name.endswith((".pickle", ".marshal")):  # earlier versions' files
                os.unlink(entry.path)
            elif entry.name.endswith(_SUFFIX):
                current.append((info.st_mtime_ns, entry.path))
        except OSError:
            continue
    current.sort(reverse=True)
    for kind_of_file in (True, False):  # sets of files, and single files' records: each kept apart
        same = [path for _, path in current if path.endswith(f".file{_SUFFIX}") is kind_of_file]
        for path in same[_KEEP_FILES:]:
            _remove(path)


def _remove(path: str) -> None:
    try:  # noqa: SIM105 - contextlib would be one more import on the warm path
        os.unlink(path)
    except OSError:  # gone already (another run pruned it), or not ours to remove
        pass


class collector_paused:
    """Building or reading a base makes hundreds of thousands of objects and no reference cycles; left
    on, the cyclic collector walks them all again each time the heap grows."""

    def __enter__(self) -> None:
        import gc

        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        import gc

        if self._was_enabled:
            gc.enable()


class FactCache:
    """The cache entry for one set of fact files, as read for this run.

    Sections: "records" (the packed base), "rows:<type>" (every record of a type as a compact JSON
    line, in the default order: a plain `missions --json` builds no record), "index" (ids, types,
    names and REF keys: TAB and `show ID` unpack no record) and "search" (each record's searchable
    text). Each is read and verified only when asked for.
    """

    def __init__(self, files: Sequence[FactFile], enabled: bool = True, directory: str | None = None) -> None:
        self.files = list(files)
        self.directory = (directory or cache_dir()) if enabled else None
        self.key = cache_key(self.files) if self.directory is not None else None
        self._file: _CacheFile | None = None
        self._opened = False
        self._fresh: dict[str, bytes] = {}  # sections this run wrote
        self._rows: dict[str, bytes] = {}
        self._places: Places | None = None

    def _open(self) -> _CacheFile | None:
        if not self._opened:
            self._opened = True
            if (
                self.key is not None
                and self.directory is not None
                and _trusted_directory(self.directory, False)
            ):
                self._file = _CacheFile.open(os.path.join(self.directory, _file_name(self.key)), self.key)
        return self._file

    def section(self, name: str) -> bytes | None:
        if name in self._fresh:
            return self._fresh[name]
        file = self._open()
        return None if file is None else file.section(name)

    def condemn(self) -> None:
        """A section was intact but held something else: use nothing more from this file."""
        if self._file is not None:
            self._file.damaged = True

    def plain(self, name: str) -> object | None:
        """A section of plain data (marshal), or None when absent or damaged."""
        data = self.section(name)
        if data is None:
            return None
        try:
            value: object = marshal.loads(data)
        except Exception:
            self.condemn()
            return None
        return value

    def rows(self, record_type: str) -> bytes | None:
        """Every record of a type as compact JSON Lines (UTF-8), in the default order, checked."""
        found = self._rows.get(record_type)
        if found is None:
            found = self.section("rows:" + record_type)
            if found is not None:
                self._rows[record_type] = found
        return found

    def places(self) -> Places | None:
        """Where each record's row is, from the "ids" section; None when the cache cannot say."""
        if self._places is None:
            data = self.plain("ids")
            if data is None:
                return None
            self._places = Places.read(data)
            if self._places is None:
                self.condemn()
        return self._places

    def row(self, record_id: str) -> bytes | None:
        """One record's compact JSON line (no newline), read alone and checked against its own CRC."""
        places = self.places()
        index = None if places is None else places.index(record_id)
        if places is None or index is None:
            return None
        record_type, start, length, crc = places.place(index)
        blob = self._rows.get(record_type)
        if blob is not None:
            row = blob[start : start + length]
        else:
            entry = self._open_sections().get("rows:" + record_type)
            if entry is None or self._file is None or start + length > entry[1]:
                return None
            try:
                row = _read_exactly(self._file.fd, entry[0] + start, length) or b""
            except OSError:
                return None
        if zlib.crc32(row) != crc:
            self.condemn()
            return None
        return row

    def rows_at(self, indexes: Sequence[int]) -> list[bytes] | None:
        """The rows of the records at these places in the base (a search's results): each type's rows
        read and checked as a whole, then cut; None when the cache cannot give every one."""
        places = self.places()
        if places is None:
            return None
        blobs: list[bytes] = []
        for name in _TYPE_ORDER:
            blob = self.rows(name)
            if blob is None:
                return None
            blobs.append(blob)
        types, starts, lengths = places.types, places.starts, places.lengths
        found = []
        for i in indexes:
            blob, start = blobs[types[i]], starts[i]
            found.append(blob[start : start + lengths[i]])
        return found

    def _open_sections(self) -> dict[str, tuple[int, int, int]]:
        file = self._open()
        return {} if file is None else file.sections

    def load(self, load: Load) -> Loaded:
        """The base from the cache's records when they are intact, else `load(files, ...)`, then cached.

        A fact base with problems is never cached: `load` raises and the error reaches the user each
        time. The bundled base's records are also kept on their own (or come shipped in the wheel), so
        the first run with a new overlay parses only the overlay.
        """
        data = self.section("records")
        if data is not None:
            from lunarfacts.pack import unpack

            try:
                with collector_paused():
                    return unpack(data)
            except Exception:  # damaged or foreign: load as if there were no cache, and replace it
                self.condemn()
        with collector_paused():
            loaded = load(self.files, True, self._known_bundled, self._keep_bundled)
            if self.key is not None and self.directory is not None:
                self._fresh = sections_of(loaded)
                write_cache(self.directory, self.key, self._fresh)
        return loaded

    def _known_bundled(self, file: FactFile) -> Sequence[Record] | None:
        """The bundled base's records: shipped beside it in a wheel, or kept by an earlier run."""
        if not self.files or file is not self.files[0] or self.directory is None:
            return None
        key = file_key(file)
        if key is None:
            return None
        from lunarfacts.pack import unpack

        shipped = os.path.join(os.path.dirname(os.path.abspath(file.name)), SHIPPED)
        for path, ours_only in (
            (shipped, False),
            (os.path.join(self.directory, _file_name(key, "file")), True),
        ):
            opened = _CacheFile.open(path, key, ours_only)
            if opened is None:
                continue
            try:
                data = opened.section("records")
                if data is not None:
                    return unpack(data).base.records
            except Exception:  # damaged or foreign: not used
                continue
            finally:
                opened.close()
        return None

    def _keep_bundled(self, file: FactFile, records: Sequence[Record]) -> None:
        if self.files and file is self.files[0] and self.directory is not None:
            key = file_key(file)
            if key is not None:
                write_cache(self.directory, key, {"records": pack_records(records, file.name)}, "file")

    def derived(self, name: str, build: Callable[[], Any], shape: Callable[[object], bool]) -> Any:
        """A section of plain data that only some commands need (the REF index, the search texts):
        read from the cache when it is there and passes `shape` (a `checker`), else built and added to the cache
        file, so a first `missions --json` never pays for it and later runs find it."""
        value = self.plain(name)
        if value is not None:
            if shape(value):
                return value
            self.condemn()  # intact but wrong: nothing more from this file, and it will be replaced
            return build()
        value = build()
        data = marshal.dumps(value)
        if self.key is not None and self.directory is not None:
            kept = {n: self.section(n) for n in (*self._fresh, *self._open_sections())}
            if kept and all(data is not None for data in kept.values()):  # an intact file, whole
                self._fresh = {n: d for n, d in kept.items() if d is not None}
                self._fresh[name] = data
                write_cache(self.directory, self.key, self._fresh)
        return value

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def checker(shape: object) -> Callable[[object], bool]:
    """A test that plain data has the shape given: a type (exactly that type), a tuple of shapes (a
    tuple of that length, item by item), `(shape, ...)` (a tuple of any length) or `[shape]` (a list).
    Made once per shape: ten thousand entries are checked in a few milliseconds."""
    if isinstance(shape, type):
        return lambda value: type(value) is shape
    if isinstance(shape, list):
        each = checker(shape[0])
        return lambda value: type(value) is list and all(map(each, value))
    assert isinstance(shape, tuple)
    if len(shape) == 2 and shape[1] is Ellipsis:
        if isinstance(shape[0], type):
            kind = shape[0]
            return lambda value: type(value) is tuple and all(type(x) is kind for x in value)
        each = checker(shape[0])
        return lambda value: type(value) is tuple and all(map(each, value))
    # The types of the items compared at once, in C; nested items checked after.
    top = tuple(s if isinstance(s, type) else type(s) for s in shape)
    nested = [(i, checker(s)) for i, s in enumerate(shape) if not isinstance(s, type)]
    if not nested:
        return lambda value: type(value) is tuple and tuple(map(type, value)) == top

    def check(value: object) -> bool:
        if type(value) is not tuple or tuple(map(type, value)) != top:
            return False
        return all(each(value[i]) for i, each in nested)

    return check


class Places:
    """Where each record's row is in its type's rows: by its place in the base (file order), the type,
    start, length and CRC-32, as arrays; by id, once asked."""

    __slots__ = ("_index", "crcs", "ids", "lengths", "starts", "types")

    def __init__(self, ids: list[str], types: bytes, starts: Any, lengths: Any, crcs: Any) -> None:
        self.ids, self.types, self.starts, self.lengths, self.crcs = ids, types, starts, lengths, crcs
        self._index: dict[str, int] | None = None

    @classmethod
    def read(cls, data: object) -> Places | None:
        """From the section's plain data; None unless every part has the shape and length it should."""
        from array import array

        if not _PLACES(data):
            return None
        assert isinstance(data, tuple)
        ids_text, types, *columns = data
        ids = ids_text.split("\n") if ids_text else []
        arrays = [array("Q"), array("I"), array("I")]
        for column, raw in zip(arrays, columns, strict=True):
            if len(raw) % column.itemsize:
                return None
            column.frombytes(raw)
        if not all(len(column) == len(ids) for column in arrays) or len(types) != len(ids):
            return None
        if any(t >= len(_TYPE_ORDER) for t in set(types)):
            return None
        return cls(ids, types, *arrays)

    @classmethod
    def plain(
        cls, order: Sequence[str], places: Mapping[str, tuple[int, int, int, int]]
    ) -> tuple[str, bytes, bytes, bytes, bytes]:
        from array import array

        def column(position: int, code: str) -> bytes:
            return array(code, (places[i][position] for i in order)).tobytes()

        types = bytes(places[i][0] for i in order)
        return "\n".join(order), types, column(1, "Q"), column(2, "I"), column(3, "I")

    def index(self, record_id: str) -> int | None:
        if self._index is None:
            self._index = {record_id: i for i, record_id in enumerate(self.ids)}
        return self._index.get(record_id)

    def place(self, index: int) -> tuple[str, int, int, int]:
        return _TYPE_ORDER[self.types[index]], self.starts[index], self.lengths[index], self.crcs[index]


_PLACES = checker((str, bytes, bytes, bytes, bytes))


def pack_records(records: Sequence[Record], name: str) -> bytes:
    """One file's validated records as a records section (what `facts.packed` holds)."""
    from lunarfacts.model import FactBase
    from lunarfacts.model import Loaded as Base
    from lunarfacts.pack import pack

    return pack(Base(FactBase(records), (name,)))


def sections_of(loaded: Loaded) -> dict[str, bytes]:
    """What a load writes to the cache: the records, each type's rows, and where each row is. (The REF
    index and the search texts are added by the first run that needs them: see `derived`.)"""
    from lunarfacts.jsonout import default_rows
    from lunarfacts.pack import pack

    sections = {"records": pack(loaded)}
    places: dict[str, tuple[int, int, int, int]] = {}
    for name, (blob, record_ids) in default_rows(loaded.base).items():
        start, type_index = 0, _TYPE_ORDER.index(name)
        for record_id in record_ids:  # (a compact JSON row holds no raw newline)
            end = blob.index(b"\n", start)
            places[record_id] = (type_index, start, end - start, zlib.crc32(blob[start:end]))
            start = end + 1
        sections["rows:" + name] = blob
    sections["ids"] = marshal.dumps(Places.plain([r.id for r in loaded.base.records], places))
    return sections


def load_with_cache(
    paths: Sequence[str | os.PathLike[str]],
    load: Load | None = None,
    enabled: bool = True,
    directory: str | None = None,
) -> Loaded:
    """Read the files and load them through the cache (what a run does; a convenience for tests)."""
    from lunarfacts.files import read_fact_files
    from lunarfacts.loader import load_files

    cached = FactCache(read_fact_files([os.fspath(p) for p in paths]), enabled, directory)
    try:
        return cached.load(load or load_files)
    finally:
        cached.close()
