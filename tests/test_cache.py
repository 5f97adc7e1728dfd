"""The cache may make a run faster, never change its answer: keyed on the bytes read, every section
checksummed, every record checked as it is unpacked, files opened only when regular and private.
"""

from __future__ import annotations

import marshal
import os
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from lunarfacts import cache
from lunarfacts.files import FactFile, bundled_path
from lunarfacts.loader import load_facts, load_files
from lunarfacts.model import Loaded
from lunarfacts.pack import pack, unpack

from .conftest import MINI, Runner


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    shutil.copy(MINI, path)
    return path


class CountingLoad:
    """load_files, counting how often the files were really parsed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, files: Sequence[FactFile], *args: Any) -> Loaded:
        self.calls += 1
        return load_files(files, *args)


def _cached_files(directory: Path) -> list[Path]:
    """The cache files of whole sets of fact files (not the bundled base's records kept alone)."""
    return sorted(p for p in directory.glob("*.cache") if not p.name.endswith(".file.cache"))


def _load(paths: Sequence[Path], load: CountingLoad, where: Path) -> Loaded:
    return cache.load_with_cache([str(p) for p in paths], load, directory=str(where))


def test_second_load_is_served_from_the_cache(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    first = _load([facts], load, where)
    second = _load([facts], load, where)
    assert load.calls == 1
    assert repr(second) == repr(first)
    assert len(_cached_files(where)) == 1
    assert len(list(where.glob("*.file.cache"))) == 1  # the bundled base's records, kept alone


def test_a_changed_file_is_never_served_stale(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    facts.write_text(facts.read_text().replace('name = "Xandia"', 'name = "Xandia Renamed"'))
    loaded = _load([facts], load, where)
    assert load.calls == 2
    assert loaded.base.by_id["xa"].name == "Xandia Renamed"


def test_an_edit_of_the_same_size_and_mtime_is_seen(facts: Path, tmp_path: Path) -> None:
    """The key is the bytes read, not what stat says: an in-place edit that keeps both is seen."""
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    before = facts.stat()
    facts.write_text(facts.read_text().replace('name = "Xandia"', 'name = "Xandio"'))
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert facts.stat().st_size == before.st_size and facts.stat().st_mtime_ns == before.st_mtime_ns
    assert _load([facts], load, where).base.by_id["xa"].name == "Xandio"


def test_a_file_switched_under_a_symlink_gets_its_own_entry(facts: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(facts.read_text().replace('name = "Xandia"', 'name = "Otherland"'))
    link = tmp_path / "link.toml"
    link.symlink_to(facts)
    load, where = CountingLoad(), tmp_path / "cache"
    assert _load([link], load, where).base.by_id["xa"].name == "Xandia"
    link.unlink()
    link.symlink_to(other)
    assert _load([link], load, where).base.by_id["xa"].name == "Otherland"
    link.unlink()
    link.symlink_to(facts)
    assert _load([link], load, where).base.by_id["xa"].name == "Xandia"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # empty
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-40] + b"\x00" * 40,  # corrupt payload
        lambda data: b"not a cache at all",
        lambda data: data.replace(cache._MAGIC, b"lunarfacts-cache-0\n"),  # another format
    ],
    ids=["empty", "truncated", "corrupt", "garbage", "other-format"],
)
def test_a_damaged_cache_is_ignored_and_replaced(facts: Path, tmp_path: Path, damage: object) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    expected = repr(_load([facts], load, where))
    (file,) = _cached_files(where)
    file.write_bytes(damage(file.read_bytes()))  # type: ignore[operator]
    assert repr(_load([facts], load, where)) == expected
    calls = load.calls  # 2 when the damage reached the records, 1 when it lay in a section not read
    assert repr(_load([facts], load, where)) == expected
    assert load.calls == calls  # replaced whole when it was damaged: no third parse


def _every_bit_position(path: Path, step: int) -> list[int]:
    return list(range(0, path.stat().st_size * 8, step))


@pytest.mark.parametrize(
    "args", [["missions", "--json"], ["show", "lander-1", "--json"], ["show", "lander-1"]]
)
def test_a_flipped_bit_anywhere_in_the_cache_never_changes_the_output(
    mini: Runner, tmp_path: Path, args: list[str]
) -> None:
    expected = mini(*args)
    (file,) = _cached_files(tmp_path / "cache" / "lunarfacts")
    pristine = file.read_bytes()
    # Every byte gets a flip somewhere in it (a prime step walks through every bit offset).
    for bit in _every_bit_position(file, 61):
        damaged = bytearray(pristine)
        damaged[bit // 8] ^= 1 << (bit % 8)
        file.write_bytes(bytes(damaged))
        assert mini(*args) == expected, bit
    file.write_bytes(pristine)


def _sections(file: Path) -> dict[str, tuple[int, int]]:
    data = file.read_bytes()
    head = len(cache._MAGIC) + 8
    size = int.from_bytes(data[len(cache._MAGIC) : head], "big")
    _, table = marshal.loads(data[head : head + size])
    base = head + size + 4
    return {name: (base + offset, length) for name, (offset, length, _) in table.items()}


_SECTION_USERS = [
    ["missions", "--json"],
    ["show", "lander-1"],
    ["show", "Lander 1", "--json"],
    ["search", "test", "--json"],
]


@pytest.mark.parametrize("section", ["records", "rows:mission", "ids", "index", "search"])
def test_each_section_is_checked_before_use(mini: Runner, tmp_path: Path, section: str) -> None:
    expected = [mini(*args) for args in _SECTION_USERS]
    (file,) = _cached_files(tmp_path / "cache" / "lunarfacts")
    start, length = _sections(file)[section]
    data = bytearray(file.read_bytes())
    data[start + length // 2] ^= 0x10
    file.write_bytes(bytes(data))
    assert [mini(*args) for args in _SECTION_USERS] == expected


def test_sections_only_some_commands_need_are_added_by_the_first_of_them(
    mini: Runner, tmp_path: Path
) -> None:
    """A first `missions --json` writes no REF index and no search texts; the first run that needs
    them adds them, and later runs read them."""
    where = tmp_path / "cache" / "lunarfacts"
    mini("missions", "--json")
    (file,) = _cached_files(where)
    assert {"records", "rows:mission", "ids"} <= set(_sections(file)) and "index" not in _sections(file)
    answer = mini("show", "Lander 1", "--json")
    assert "index" in _sections(file) and "search" not in _sections(file)
    found = mini("search", "test", "--json")
    assert {"index", "search"} <= set(_sections(file))
    assert (mini("show", "Lander 1", "--json"), mini("search", "test", "--json")) == (answer, found)


def _rewrite_section(file: Path, name: str, payload: bytes) -> None:
    """Replace one section with `payload` and fix its checksum: a planted, well-formed section."""
    import zlib

    data = file.read_bytes()
    head = len(cache._MAGIC) + 8
    size = int.from_bytes(data[len(cache._MAGIC) : head], "big")
    key, table = marshal.loads(data[head : head + size])
    base = head + size + 4
    bodies = {n: data[base + o : base + o + length] for n, (o, length, _) in table.items()}
    bodies[name] = payload
    cache.write_cache(str(file.parent), key, bodies)
    zlib.crc32(payload)


@pytest.mark.parametrize(
    "records",
    [
        b"\x00\x01garbage",
        marshal.dumps({"not": "a fact base"}),
        marshal.dumps((99, (), (), (), (), ())),  # another layout
        marshal.dumps((2, (), ((1, (("too", "short"),)),), (), (), ())),  # a record of the wrong width
        marshal.dumps((2, (), ((99, ()),), (), (), ())),  # no such record type
    ],
    ids=["garbage", "dict", "other-layout", "wrong-width", "unknown-type"],
)
def test_a_well_checksummed_section_holding_something_else_is_not_trusted(
    facts: Path, tmp_path: Path, records: bytes
) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    (file,) = _cached_files(where)
    _rewrite_section(file, "records", records)
    assert _load([facts], load, where).base.by_id["xa"].name == "Xandia"
    assert load.calls == 2


def test_a_number_where_a_name_belongs_is_refused_and_replaced(facts: Path, tmp_path: Path) -> None:
    """A cached record whose values break its layout is never turned into a record: the next run
    loads the files and writes a good cache over it."""
    load, where = CountingLoad(), tmp_path / "cache"
    loaded = _load([facts], load, where)
    form, dates, runs, files, replacements, notes = marshal.loads(pack(loaded))
    type_index, rows = runs[0]
    bad = (rows[0][0], 42, *rows[0][2:])  # the name of the first record
    runs = ((type_index, (bad, *rows[1:])), *runs[1:])
    (file,) = _cached_files(where)
    _rewrite_section(file, "records", marshal.dumps((form, dates, runs, files, replacements, notes)))
    assert _load([facts], load, where).base.records[0].name == loaded.base.records[0].name
    assert load.calls == 2
    assert repr(_load([facts], load, where)) == repr(loaded)
    assert load.calls == 2


def test_another_version_misses(facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    _load([facts], load, where)
    assert load.calls == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_an_unwritable_directory_means_no_cache_and_no_error(facts: Path, tmp_path: Path) -> None:
    where = tmp_path / "ro"
    where.mkdir(mode=0o700)
    where.chmod(0o500)
    try:
        assert _load([facts], CountingLoad(), where).base.by_id["xa"]
        assert _cached_files(where) == []
    finally:
        where.chmod(0o700)


def test_a_directory_others_can_write_to_is_not_used(facts: Path, tmp_path: Path) -> None:
    where = tmp_path / "shared"
    where.mkdir()
    where.chmod(0o777)
    load = CountingLoad()
    _load([facts], load, where)
    _load([facts], load, where)
    assert load.calls == 2
    assert _cached_files(where) == []


def test_directories_and_files_are_private_even_under_umask_000(facts: Path, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        where = tmp_path / "xdg" / "lunarfacts"
        _load([facts], CountingLoad(), where)
    finally:
        os.umask(old)
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "xdg").stat().st_mode) & 0o022 == 0
    (file,) = _cached_files(where)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_a_fifo_in_place_of_the_cache_file_is_never_waited_on(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    (file,) = _cached_files(where)
    file.unlink()
    os.mkfifo(file)
    assert _load([facts], load, where).base.by_id["xa"]  # would hang if the FIFO were opened to read
    assert load.calls == 2


def test_a_symlink_in_place_of_the_cache_file_is_not_followed(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    _load([facts], load, where)
    (file,) = _cached_files(where)
    planted = tmp_path / "planted"
    shutil.copy(file, planted)
    file.unlink()
    file.symlink_to(planted)
    _load([facts], load, where)
    assert load.calls == 2


def test_a_write_that_fails_halfway_leaves_nothing_behind(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the temporary file exists (a full disk at rename, say) removes it again."""
    where = tmp_path / "cache"

    def full_disk(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full_disk)
    assert _load([facts], CountingLoad(), where).base.by_id["xa"]
    assert list(where.iterdir()) == []


def test_records_that_cannot_be_packed_mean_no_cache(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"

    def unpackable(loaded: Loaded) -> bytes:
        raise ValueError("unmarshallable object")

    monkeypatch.setattr("lunarfacts.pack.pack", unpackable)
    with pytest.raises(ValueError, match="unmarshallable"):  # a bug in packing is a bug, not silence
        _load([facts], CountingLoad(), where)


def test_a_cache_path_that_is_a_file_means_no_cache_and_no_error(facts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would go")
    load = CountingLoad()
    _load([facts], load, blocker / "lunarfacts")
    _load([facts], load, blocker / "lunarfacts")
    assert load.calls == 2


def test_a_fact_base_with_problems_is_never_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[missions]]\nid = 1\n")
    where = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(Exception, match="problem"):
            _load([bad], CountingLoad(), where)
    assert _cached_files(where) == []


def test_disabled_by_option_and_environment(
    mini: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "cache"  # XDG_CACHE_HOME from the autouse fixture
    assert mini("--no-cache", "missions", "--json").code == 0
    assert not list(home.glob("lunarfacts/*.cache"))
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    assert mini("missions", "--json").code == 0
    assert not list(home.glob("lunarfacts/*.cache"))
    monkeypatch.setenv(cache.ENV_NO_CACHE, "0")
    assert mini("missions", "--json").code == 0
    assert len(_cached_files(home / "lunarfacts")) == 1


def test_the_cache_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == str(tmp_path / "lunarfacts")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert cache.cache_dir() == str(Path.home() / ".cache" / "lunarfacts")


def test_old_cache_files_are_pruned(tmp_path: Path) -> None:
    where = tmp_path / "cache"
    for n in range(cache._KEEP_FILES + 3):
        path = tmp_path / f"f{n}.toml"
        shutil.copy(MINI, path)
        _load([path], CountingLoad(), where)
    assert len(_cached_files(where)) == cache._KEEP_FILES


def test_a_temporary_file_is_removed_only_when_abandoned(facts: Path, tmp_path: Path) -> None:
    """A crashed writer's temporary file goes once it is old; a fresh one may be another run's write."""
    where = tmp_path / "cache"
    where.mkdir(mode=0o700)
    abandoned, in_progress = where / ".tmp-1-aa.cache", where / ".tmp-2-bb.cache"
    abandoned.write_bytes(b"half a cache")
    in_progress.write_bytes(b"half a cache")
    old = abandoned.stat().st_mtime - 2 * cache._STALE_TEMPORARY_SECONDS
    os.utime(abandoned, (old, old))
    _load([facts], CountingLoad(), where)
    assert not abandoned.exists()
    assert in_progress.exists()
    assert len(_cached_files(where)) == 2  # the new cache file, and the other run's temporary


def test_cache_files_of_earlier_versions_are_removed(facts: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    where.mkdir(mode=0o700)
    (where / "0badc0de-123.pickle").write_bytes(b"an earlier version's cache")
    _load([facts], CountingLoad(), where)
    assert {p.suffix for p in where.iterdir()} == {".cache"}


@pytest.mark.parametrize(
    "args",
    [
        ["missions", "--json"],
        ["programs", "--format", "jsonl"],
        ["agreements", "--json", "--limit", "1"],
        ["countries", "--format", "jsonl", "--limit", "0"],
        ["show", "lander-1", "--json"],
        ["show", "Lander One", "--json"],
        ["show", "lander-1"],
        ["search", "test", "--json"],
        ["search", "lander", "--format", "jsonl", "--limit", "1"],
        ["search", "nothing-at-all-like-this", "--json"],
    ],
)
def test_answers_from_the_cache_match_answers_without_it(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A plain `missions --json` or `show ID --json` is written from cached rows; the text is the same."""
    cold = mini(*args)  # no cache yet: loads, writes the cache, answers
    warm = mini(*args)  # answered from the rows and index without building records
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    direct = mini(*args)  # no cache at all: built from the records
    assert cold == warm == direct
    assert cold.code == 0


def test_rows_are_not_used_as_of_a_date(mini: Runner) -> None:
    mini("missions", "--json")
    assert '"status":"planned"' in mini("--as-of", "2020-06", "missions", "--json").out.replace(" ", "")


@pytest.mark.parametrize(
    "args",
    [
        ["missions", "--json"],
        ["show", "lander-1", "--json"],
        ["show", "lander"],
        ["search", "test", "--json"],
    ],
)
def test_warm_answers_build_no_record(mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """A warm plain listing, `show ID --json` and a REF error must come from the rows and the index."""
    from lunarfacts.cli.session import Session

    expected = mini(*args)

    def forbidden(self: Session) -> object:
        raise AssertionError("records were loaded")

    monkeypatch.setattr(Session, "loaded", forbidden)
    assert mini(*args) == expected


@pytest.mark.parametrize(
    "path", [bundled_path(), str(MINI), str(MINI.parent / "chart.toml")], ids=["bundled", "mini", "chart"]
)
def test_the_records_section_gives_back_identical_records(path: str) -> None:
    loaded = load_facts([path])
    again = unpack(pack(loaded))
    assert repr(again) == repr(loaded)
    assert [type(r) for r in again.base.records] == [type(r) for r in loaded.base.records]


def test_the_records_section_keeps_files_and_replacements(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.toml"
    overlay.write_text(MINI.read_text().replace('name = "Xandia"', 'name = "Xandia Again"'))
    loaded = load_facts([str(MINI), str(overlay)])
    assert loaded.replacements
    assert repr(unpack(pack(loaded))) == repr(loaded)


def test_the_key_covers_the_code_that_shapes_what_is_cached(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every module whose code decides what a cached section means is listed, and a change to the
    source of any of them changes the key (its contents, not its mtime: a reinstall keeps the cache)."""
    import io

    import lunarfacts

    here = Path(lunarfacts.__file__).parent
    for name in ("rules.py", "model.py", "pack.py", "jsonout.py", "query.py", "dates.py", "vocab.py"):
        assert name in cache.CODE_FILES and (here / name).exists()
    files = [FactFile(str(facts), facts.read_bytes())]
    key = cache.cache_key(files)
    real_open = open

    def edited(path: str, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("rules.py"):
            return io.BytesIO(Path(path).read_bytes() + b"\n# an edit\n")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(cache, "_CODE_CRC", [])
    monkeypatch.setattr(cache, "open", edited, raising=False)
    assert cache.cache_key(files) != key
    monkeypatch.setattr(cache, "_CODE_CRC", [])
    monkeypatch.setattr(cache, "open", real_open, raising=False)
    assert cache.cache_key(files) == key


def test_a_new_overlay_parses_only_itself(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled base's records are kept on their own: the first run with a new overlay parses only
    the overlay, and answers as if nothing were cached."""
    from lunarfacts import loader

    where = tmp_path / "cache"
    _load([facts], CountingLoad(), where)
    overlay = tmp_path / "overlay.toml"
    overlay.write_text(
        '[[countries]]\nid = "xz"\nname = "Xzania"\nsummary = "s"\nas_of = 2026-01-01\n'
        'sources = [{url = "https://e.org", title = "t", kind = "primary"}]\n'
    )
    parsed: list[str] = []
    real = loader.parse_document
    monkeypatch.setattr(loader, "parse_document", lambda raw, name: (parsed.append(name), real(raw, name))[1])
    loaded = _load([facts, overlay], CountingLoad(), where)
    assert parsed == [str(overlay)]
    monkeypatch.setattr(loader, "parse_document", real)
    assert repr(loaded) == repr(load_facts([str(facts), str(overlay)]))


def test_a_records_file_shipped_beside_the_bundled_base_is_used_when_it_matches(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel ships the bundled base's records packed (facts.packed): used when its key matches the
    bytes of facts.toml and the code, ignored otherwise."""
    from lunarfacts import loader

    file = FactFile(str(facts), facts.read_bytes())
    key = cache.file_key(file)
    assert key is not None
    records = load_facts([str(facts)]).base.records
    cache.write_cache(str(tmp_path), key, {"records": cache.pack_records(records, str(facts))}, "file")
    (written,) = tmp_path.glob("*.file.cache")
    written.rename(tmp_path / cache.SHIPPED)
    parsed: list[str] = []
    real = loader.parse_document
    monkeypatch.setattr(loader, "parse_document", lambda raw, name: (parsed.append(name), real(raw, name))[1])
    assert _load([facts], CountingLoad(), tmp_path / "cache").base.records == records
    assert parsed == []
    facts.write_text(facts.read_text().replace('name = "Xandia"', 'name = "Xandio"'))  # no longer matches
    assert _load([facts], CountingLoad(), tmp_path / "cache").base.by_id["xa"].name == "Xandio"
    assert parsed == [str(facts)]
