"""Installed plugins are found once, and found again when something is installed."""

from __future__ import annotations

import importlib.metadata
import os
import stat
import sys

from methodengine import _cache
from methodengine.hooks import _entry_points


def test_the_plugin_list_is_reused_until_a_directory_on_sys_path_changes(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site)])
    calls = []
    points = [importlib.metadata.EntryPoint("troika", "methodengine_troika", "methodengine")]

    def entry_points(**params):
        calls.append(params)
        return [ep for ep in points if ep.group == params["group"]]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    cache = tmp_path / "cache"  # created by the first run, private to this user

    first = _entry_points.entry_points("methodengine", cache)
    again = _entry_points.entry_points("methodengine", cache)
    assert [ep.name for ep in first] == [ep.name for ep in again] == ["troika"]
    assert first[0].value == "methodengine_troika"
    assert len(calls) == 1, "the second start reads the cache instead of the installed metadata"

    # Files that are not distributions do not count.
    (site / "notes.txt").write_text("x")
    _entry_points.entry_points("methodengine", cache)
    assert len(calls) == 1

    # Installing a distribution adds its metadata folder to site-packages.
    points.append(importlib.metadata.EntryPoint("gossip", "methodengine_gossip", "methodengine"))
    (site / "methodengine_gossip-1.0.dist-info").mkdir()
    after = _entry_points.entry_points("methodengine", cache)
    assert sorted(ep.name for ep in after) == ["gossip", "troika"]
    assert len(calls) == 2

    # Reinstalling rewrites that folder.
    info = site / "methodengine_gossip-1.0.dist-info"
    stat = info.stat()
    os.utime(info, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    _entry_points.entry_points("methodengine", cache)
    assert len(calls) == 3


def _one_plugin(monkeypatch):  # type: ignore[no-untyped-def]
    calls = []

    def found(**params):
        calls.append(params)
        return [importlib.metadata.EntryPoint("troika", "methodengine_troika", params["group"])]

    monkeypatch.setattr(importlib.metadata, "entry_points", found)
    monkeypatch.setattr(_entry_points, "_fingerprint", lambda: [["site", "x.dist-info", 1]])
    monkeypatch.setattr(_cache, "_warned", set())
    monkeypatch.setattr(_cache, "_found", [])
    return calls


def _planted(cache, rows):  # type: ignore[no-untyped-def]
    """A cache file that names a plugin which is not installed: proof that it was believed."""
    text = _entry_points._HEADER + "S\tsite\tx.dist-info\t1\n" + "".join("\t".join(row) + "\n" for row in rows)
    (cache / "entry-points-methodengine.txt").write_text(text, encoding="utf-8")


def test_the_cache_file_is_private_and_written_without_leftovers(tmp_path, monkeypatch):
    _one_plugin(monkeypatch)
    cache = tmp_path / "cache"
    _entry_points.entry_points("methodengine", cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert [(p.name, stat.S_IMODE(p.stat().st_mode)) for p in cache.iterdir()] == [
        ("entry-points-methodengine.txt", 0o600)
    ]


def test_a_plugin_list_in_a_folder_others_can_write_is_ignored_with_one_warning(tmp_path, monkeypatch, capsys):
    calls = _one_plugin(monkeypatch)
    cache = tmp_path / "cache"
    cache.mkdir()
    _planted(cache, [["E", "evil", "os:system", "", ""]])
    cache.chmod(0o777)
    for _ in range(2):
        assert [ep.name for ep in _entry_points.entry_points("methodengine", cache)] == ["troika"]
    assert len(calls) == 2
    assert capsys.readouterr().err == "", "the library prints nothing; the CLI shows the cache's warnings"
    err = "\n".join(f"{d.severity}: {d.message}" for d in _cache.unreported())
    assert err.count("warning: not using the cache in") == 1 and "writable by others" in err


def test_a_symlink_at_the_plugin_list_is_not_followed(tmp_path, monkeypatch):
    _one_plugin(monkeypatch)
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _planted(elsewhere, [["E", "evil", "os:system", "", ""]])
    target = elsewhere / "entry-points-methodengine.txt"
    before = target.read_bytes()
    (cache / "entry-points-methodengine.txt").symlink_to(target)
    assert [ep.name for ep in _entry_points.entry_points("methodengine", cache)] == ["troika"]
    assert target.read_bytes() == before, "the link's target is untouched"
    assert not (cache / "entry-points-methodengine.txt").is_symlink()


def test_a_plugin_list_of_the_wrong_shape_is_rebuilt(tmp_path, monkeypatch):
    calls = _one_plugin(monkeypatch)
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    _planted(cache, [["E", "evil", "os:system"]])
    assert [ep.name for ep in _entry_points.entry_points("methodengine", cache)] == ["troika"]
    assert len(calls) == 1


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **params: [importlib.metadata.EntryPoint("troika", "methodengine_troika", params["group"])],
    )
    (tmp_path / "entry-points-methodengine.txt").write_bytes(b"methodengine entry points 2\nS\tsi\xff")
    assert [ep.name for ep in _entry_points.entry_points("methodengine", tmp_path)] == ["troika"]


def test_an_entry_point_loads_the_object_it_names():
    point = _entry_points.EntryPoint("x", "methodengine.model:Range.of", None, None)
    assert point.load()(3).high == 3


def test_the_cached_list_reads_back_as_it_was_found(tmp_path, monkeypatch):
    found = [
        _entry_points.EntryPoint("a", "pkg.a:plugin", "methodengine-a", "1.0"),
        _entry_points.EntryPoint("b", "pkg_b", None, None),
    ]
    monkeypatch.setattr(_entry_points, "_discover", lambda group: found)
    monkeypatch.setattr(_entry_points, "_fingerprint", lambda: [["site", "a-1.0.dist-info", 7]])
    cache = tmp_path / "cache"
    assert _entry_points.entry_points("methodengine", cache) == found
    monkeypatch.setattr(_entry_points, "_discover", lambda group: [])
    assert _entry_points.entry_points("methodengine", cache) == found, "read from the cache"


def test_a_name_with_a_tab_or_line_end_is_found_but_not_cached(tmp_path, monkeypatch):
    odd = [_entry_points.EntryPoint("odd\nname", "pkg", None, None)]
    monkeypatch.setattr(_entry_points, "_discover", lambda group: odd)
    monkeypatch.setattr(_entry_points, "_fingerprint", lambda: [["site", "a-1.0.dist-info", 7]])
    cache = tmp_path / "cache"
    assert _entry_points.entry_points("methodengine", cache) == odd
    assert list(cache.iterdir()) == []
