"""The built parser is cached outside site-packages, really reused, and never trusted blindly.

A cache file is data someone could plant: it must never run code, never be read
from a folder others can write or through a symlink, and never be written through one.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import lark.lark
import pytest

from methodengine import _cache
from methodengine.language import parsing
from methodengine.language.parser import Table, load_table

RECIPES = sorted((Path(__file__).resolve().parent.parent / "recipes").glob("*.mth"))
CACHE_NAME = f"recipe-lark{sys.version_info[0]}{sys.version_info[1]}.cache"


class _Planted:
    """Unpickling this creates the marker file: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    monkeypatch.setattr(_cache, "_warned", set())
    monkeypatch.setattr(_cache, "_found", [])


def _warnings(capsys) -> str:  # type: ignore[no-untyped-def]
    """The cache's warnings, as the CLI shows them; the library itself prints nothing."""
    assert capsys.readouterr().err == ""
    return "\n".join(f"{d.severity}: {d.message}\n  hint: {d.hint}" for d in _cache.unreported())


class _Loaded:
    """A parse table, and parsing with it rather than with the one the package holds."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def parse(self, text: str):  # type: ignore[no-untyped-def]
        saved = dict(parsing._state)
        parsing._state["table"] = self.table
        try:
            return parsing.parse(text)
        finally:
            parsing._state.clear()
            parsing._state.update(saved)


def _build() -> _Loaded:
    return _Loaded(load_table())


def _private(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    path.chmod(0o700)
    return path


def test_a_warm_cache_loads_the_parser_without_rebuilding_the_grammar(tmp_path, monkeypatch):
    cache = _private(tmp_path / "cache")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    cached = list(cache.iterdir())
    assert [p.name for p in cached] == [CACHE_NAME], "the first build writes one cache file, no temp file left"
    assert cached[0].stat().st_mode & 0o777 == 0o600
    assert not cached[0].read_bytes().startswith(b"\x80"), "not a pickle"
    stamp = cached[0].stat().st_mtime_ns

    def refuse(*args, **kwargs):
        raise AssertionError("the grammar was rebuilt although the cache was warm")

    monkeypatch.setattr(lark.lark, "load_grammar", refuse)
    parser = _build()
    assert cached[0].stat().st_mtime_ns == stamp
    assert parser.parse("recipe: Uit de cache\n").title == "Uit de cache"


def test_an_unwritable_cache_dir_only_costs_speed(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(blocked / "cache"))
    parser = _build()
    assert parser.parse("recipe: Zonder cache\n").title == "Zonder cache"
    assert _warnings(capsys) == ""


@pytest.mark.parametrize("mode", [0o777, 0o700])
def test_a_planted_pickle_is_never_unpickled(tmp_path, monkeypatch, capsys, mode):
    cache = _private(tmp_path / "cache")
    cache.chmod(mode)
    marker = tmp_path / "marker"
    # lark read a key line, then unpickled the rest before comparing the key: so would an attacker write it.
    (cache / CACHE_NAME).write_bytes(b"0\n" + pickle.dumps(_Planted(marker)))
    (cache / CACHE_NAME).chmod(0o600)
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    parser = _build()
    assert parser.parse("recipe: Geplant\n").title == "Geplant"
    assert not marker.exists(), "the planted pickle ran"
    err = _warnings(capsys)
    if mode == 0o777:
        assert err.count("not using the cache") == 1
        assert "writable by others" in err and "hint:" in err
    else:
        assert err == ""
        assert not (cache / CACHE_NAME).read_bytes().startswith(b"\x80"), "the bad file is replaced by a good one"


def test_a_world_writable_cache_dir_is_not_used_and_warned_about_once(tmp_path, monkeypatch, capsys):
    cache = _private(tmp_path / "cache")
    cache.chmod(0o777)
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    _build()
    assert list(cache.iterdir()) == [], "nothing is written there either"
    assert _warnings(capsys).count("warning: not using the cache in") == 1


def test_a_cache_file_others_can_write_is_not_read(tmp_path, monkeypatch):
    cache = _private(tmp_path / "cache")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    (cache / CACHE_NAME).chmod(0o666)

    def rebuilt(*args, **kwargs):
        raise RuntimeError("rebuilt")

    monkeypatch.setattr(lark.lark, "load_grammar", rebuilt)
    with pytest.raises(RuntimeError, match="rebuilt"):
        _build()


def test_a_symlink_at_the_cache_name_is_neither_read_nor_written_through(tmp_path, monkeypatch):
    cache = _private(tmp_path / "cache")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    good = (cache / CACHE_NAME).read_bytes()
    target = tmp_path / "victim"
    target.write_bytes(good)  # a valid table: were the link followed, it would load
    (cache / CACHE_NAME).unlink()
    (cache / CACHE_NAME).symlink_to(target)
    loads = []
    real = lark.lark.load_grammar
    monkeypatch.setattr(lark.lark, "load_grammar", lambda *a, **k: loads.append(1) or real(*a, **k))
    parser = _build()
    assert loads, "the parser was built, not loaded through the link"
    assert parser.parse("recipe: Link\n").title == "Link"
    assert target.read_bytes() == good, "the link's target is untouched"
    assert not (cache / CACHE_NAME).is_symlink(), "the link itself was replaced by a cache file"


def test_a_symlinked_cache_dir_is_not_used(tmp_path, monkeypatch, capsys):
    real = _private(tmp_path / "real")
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(link))
    _build()
    assert list(real.iterdir()) == []
    assert "symbolic link" in _warnings(capsys)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the folder away")
def test_a_cache_dir_owned_by_another_user_is_ignored_with_one_warning(tmp_path, monkeypatch, capsys):
    cache = _private(tmp_path / "cache")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    os.chown(cache, 12345, 12345)
    os.chown(cache / CACHE_NAME, 12345, 12345)
    marker = tmp_path / "marker"
    loads = []
    real = lark.lark.load_grammar
    monkeypatch.setattr(lark.lark, "load_grammar", lambda *a, **k: loads.append(1) or real(*a, **k))
    _build()
    _build()
    assert len(loads) == 2, "built in memory each time, the other user's file not read"
    err = _warnings(capsys)
    assert err.count("not using the cache") == 1 and "another user (uid 12345)" in err
    assert not marker.exists()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "code", "empty"])
def test_a_damaged_cache_file_is_rebuilt_silently(tmp_path, monkeypatch, capsys, damage):
    import marshal

    cache = _private(tmp_path / "cache")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(cache))
    _build()
    path = cache / CACHE_NAME
    good = path.read_bytes()
    header = good[: good.index(b"\n", good.index(b"\n") + 1) + 1]
    damaged = {
        "truncate": good[: len(good) // 2],
        "garbage": header + b"\x00\xff not marshal",
        "code": header + marshal.dumps({"data": compile("1", "x", "eval"), "memo": {}}),
        "empty": b"",
    }[damage]
    path.write_bytes(damaged)
    parser = _build()
    assert parser.parse("recipe: Hersteld\n").title == "Hersteld"
    assert _warnings(capsys) == ""
    assert path.read_bytes() != damaged and path.read_bytes().startswith(header), "replaced by a good table"


def test_a_reloaded_cache_parses_every_bundled_recipe_as_a_fresh_build(tmp_path, monkeypatch):
    assert RECIPES
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(_private(tmp_path / "fresh")))
    parsing._state.clear()
    try:
        built = [parsing.parse(p.read_text(encoding="utf-8"), p) for p in RECIPES]
        parsing._state.clear()
        monkeypatch.setattr(lark.lark, "load_grammar", lambda *a, **k: pytest.fail("rebuilt instead of loaded"))
        loaded = [parsing.parse(p.read_text(encoding="utf-8"), p) for p in RECIPES]
    finally:
        parsing._state.clear()
    assert loaded == built


def test_a_warm_cache_parses_without_importing_lark(tmp_path):
    import subprocess

    cache = _private(tmp_path / "cache")
    probe = (
        "import sys, methodengine; r = methodengine.parse('recipe: X\\nphase A (5 min)\\n  say: hallo\\n'); "
        "print(r.agenda[0].title, any(m == 'lark' or m.startswith('lark.') for m in sys.modules))"
    )
    env = {**os.environ, "METHODENGINE_CACHE_DIR": str(cache)}
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["A", "True"], "a cold cache builds the table with lark"
    warm = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.split() == ["A", "False"], warm.stderr
