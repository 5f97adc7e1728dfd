"""The parsed-data cache: used when valid, rebuilt when stale, and never trusted when damaged."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
from pathlib import Path

import pytest

from lunarfacts import cache
from lunarfacts.loader import Loaded, bundled_path, load_facts
from lunarfacts.pack import pack, unpack

from .conftest import MINI, Runner


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    shutil.copy(MINI, path)
    return path


class CountingLoad:
    """load_facts, counting how often the files were really parsed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, paths: list[Path]) -> Loaded:
        self.calls += 1
        return load_facts(paths)


def _cached_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.cache"))


def test_second_load_is_served_from_the_cache(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    first = cache.load_with_cache([facts], load, directory=where)
    second = cache.load_with_cache([facts], load, directory=where)
    assert load.calls == 1
    assert second == first
    assert len(_cached_files(where)) == 1


def test_a_changed_file_is_never_served_stale(facts: Path, tmp_path: Path) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    cache.load_with_cache([facts], load, directory=where)
    facts.write_text(facts.read_text().replace('name = "Xandia"', 'name = "Xandia Renamed"'))
    os.utime(facts, ns=(1, 1))  # even with an old mtime, the size changed
    loaded = cache.load_with_cache([facts], load, directory=where)
    assert load.calls == 2
    assert loaded.base.by_id["xa"].name == "Xandia Renamed"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # empty
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-40] + b"\x00" * 40,  # corrupt payload
        lambda data: b"not a cache at all",
        lambda data: data.replace(cache._MAGIC, b"lunarfacts-cache-0\n"),  # another format
        lambda data: data[:30] + b"X" + data[31:],  # a key that no longer matches
    ],
    ids=["empty", "truncated", "corrupt", "garbage", "other-format", "other-key"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(facts: Path, tmp_path: Path, damage: object) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    expected = cache.load_with_cache([facts], load, directory=where)
    (file,) = _cached_files(where)
    file.write_bytes(damage(file.read_bytes()))  # type: ignore[operator]
    assert cache.load_with_cache([facts], load, directory=where) == expected
    assert load.calls == 2
    assert cache.load_with_cache([facts], load, directory=where) == expected
    assert load.calls == 2  # rewritten whole


def _records_section_start(data: bytes) -> int:
    after_key = len(cache._MAGIC) + 4 + int.from_bytes(data[len(cache._MAGIC) : len(cache._MAGIC) + 4], "big")
    return after_key + 8 + int.from_bytes(data[after_key : after_key + 8], "big")


@pytest.mark.parametrize(
    "records",
    [
        pickle.dumps({"not": "a fact base"}),  # the old format's records, or a planted pickle
        marshal.dumps({"not": "a fact base"}),
        marshal.dumps((99, (), (), (), ())),  # another layout
        marshal.dumps((1, (), ((1, (("too", "short"),)),), (), ())),  # a record of the wrong width
        marshal.dumps((1, (), ((99, ()),), (), ())),  # no such record type
    ],
    ids=["pickle", "dict", "other-layout", "wrong-width", "unknown-type"],
)
def test_a_cache_holding_something_else_is_not_trusted(facts: Path, tmp_path: Path, records: bytes) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    cache.load_with_cache([facts], load, directory=where)
    (file,) = _cached_files(where)
    data = file.read_bytes()
    file.write_bytes(data[: _records_section_start(data)] + records)
    assert cache.load_with_cache([facts], load, directory=where).base.by_id["xa"].name == "Xandia"
    assert load.calls == 2


def test_another_version_misses(facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load, where = CountingLoad(), tmp_path / "cache"
    cache.load_with_cache([facts], load, directory=where)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    cache.load_with_cache([facts], load, directory=where)
    assert load.calls == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_an_unwritable_directory_means_no_cache_and_no_error(facts: Path, tmp_path: Path) -> None:
    where = tmp_path / "ro"
    where.mkdir()
    where.chmod(0o500)
    try:
        load = CountingLoad()
        assert cache.load_with_cache([facts], load, directory=where).base.by_id["xa"]
        assert _cached_files(where) == []
    finally:
        where.chmod(0o700)


def test_a_write_that_fails_halfway_leaves_nothing_behind(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the temporary file exists (a full disk at rename, say) removes it again."""
    where = tmp_path / "cache"

    def full_disk(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full_disk)
    assert cache.load_with_cache([facts], load_facts, directory=where).base.by_id["xa"]
    assert list(where.iterdir()) == []


def test_records_that_cannot_be_packed_mean_no_cache(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"

    def unpackable(loaded: Loaded) -> bytes:
        raise ValueError("unmarshallable object")

    monkeypatch.setattr("lunarfacts.pack.pack", unpackable)
    assert cache.load_with_cache([facts], load_facts, directory=where).base.by_id["xa"]
    assert not where.exists() or list(where.iterdir()) == []


def test_a_cache_path_that_is_a_file_means_no_cache_and_no_error(facts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would go")
    load = CountingLoad()
    cache.load_with_cache([facts], load, directory=blocker / "lunarfacts")
    cache.load_with_cache([facts], load, directory=blocker / "lunarfacts")
    assert load.calls == 2


def test_a_fact_base_with_problems_is_never_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[missions]]\nid = 1\n")
    where = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(Exception, match="problem"):
            cache.load_with_cache([bad], load_facts, directory=where)
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
    assert len(list(home.glob("lunarfacts/*.cache"))) == 1


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
        cache.load_with_cache([path], load_facts, directory=where)
    assert len(_cached_files(where)) == cache._KEEP_FILES


def test_a_temporary_file_is_removed_only_when_abandoned(facts: Path, tmp_path: Path) -> None:
    """A crashed writer's temporary file goes once it is old; a fresh one may be another run's write."""
    where = tmp_path / "cache"
    where.mkdir()
    abandoned, in_progress = where / ".tmp-1-aa.cache", where / ".tmp-2-bb.cache"
    abandoned.write_bytes(b"half a cache")
    in_progress.write_bytes(b"half a cache")
    old = abandoned.stat().st_mtime - 2 * cache._STALE_TEMPORARY_SECONDS
    os.utime(abandoned, (old, old))
    cache.load_with_cache([facts], load_facts, directory=where)
    assert not abandoned.exists()
    assert in_progress.exists()
    assert len(_cached_files(where)) == 2  # the new cache file, and the other run's temporary


def test_cache_files_of_earlier_versions_are_removed(facts: Path, tmp_path: Path) -> None:
    where = tmp_path / "cache"
    where.mkdir()
    (where / "0badc0de-123.pickle").write_bytes(b"an earlier version's cache")
    cache.load_with_cache([facts], load_facts, directory=where)
    assert [p.suffix for p in where.iterdir()] == [".cache"]


@pytest.mark.parametrize(
    "args",
    [
        ["missions", "--json"],
        ["programs", "--format", "jsonl"],
        ["agreements", "--json", "--limit", "1"],
        ["countries", "--format", "jsonl", "--limit", "0"],
    ],
)
def test_plain_listings_from_the_cached_rows_match_the_records(
    mini: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A plain `missions --json` is written from the cache's JSON rows; the text must be the same."""
    cold = mini(*args)  # no cache yet: loads, writes the cache, answers from its rows
    warm = mini(*args)  # answered from the rows without building records
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    direct = mini(*args)  # no cache at all: built from the records
    assert cold == warm == direct
    assert cold.code == 0


def test_rows_are_not_used_as_of_a_date(mini: Runner) -> None:
    mini("missions", "--json")
    assert '"status":"planned"' in mini("--as-of", "2020-06", "missions", "--json").out.replace(" ", "")


def test_damaged_rows_fall_back_to_the_records(mini: Runner, tmp_path: Path) -> None:
    expected = mini("missions", "--json").out
    (file,) = _cached_files(tmp_path / "cache" / "lunarfacts")
    data = bytearray(file.read_bytes())
    start = len(cache._MAGIC) + 4 + int.from_bytes(data[len(cache._MAGIC) : len(cache._MAGIC) + 4], "big") + 8
    data[start : start + 16] = b"\xff" * 16  # garble the rows section only
    file.write_bytes(bytes(data))
    assert mini("missions", "--json").out == expected


def test_a_warm_plain_listing_builds_no_record(mini: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second `missions --json` must come from the rows: loading the records is not allowed."""
    from lunarfacts.cli.session import Session

    expected = mini("missions", "--json").out

    def forbidden(self: Session) -> object:
        raise AssertionError("records were loaded for a plain listing")

    monkeypatch.setattr(Session, "loaded", forbidden)
    assert mini("missions", "--json").out == expected
    assert mini("countries", "--format", "jsonl", "--limit", "1").out.count("\n") == 1


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
    loaded = load_facts([MINI, overlay])
    assert loaded.replacements
    assert repr(unpack(pack(loaded))) == repr(loaded)


def test_the_key_covers_the_code_that_shapes_what_is_cached(facts: Path) -> None:
    """Records come from model, accept and loader, rows from jsonout, the file from pack and cache:
    editing any of them in a checkout must not serve a cache built by the old code."""
    key = cache.cache_key([facts])
    assert key is not None
    for name in ("model.py", "accept.py", "loader.py", "jsonout.py", "pack.py", "cache.py"):
        assert f"\n{name}:".encode() in key
