"""Installed plugins are found once, and found again when something is installed."""

from __future__ import annotations

import importlib.metadata
import os
import sys

from methodengine import _entry_points


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
    cache = tmp_path / "cache"

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


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **params: [importlib.metadata.EntryPoint("troika", "methodengine_troika", params["group"])],
    )
    (tmp_path / "entry-points-methodengine.json").write_text("{half a fi")
    assert [ep.name for ep in _entry_points.entry_points("methodengine", tmp_path)] == ["troika"]


def test_an_entry_point_loads_the_object_it_names():
    point = _entry_points.EntryPoint("x", "methodengine.model:Range.of", None, None)
    assert point.load()(3).high == 3
