"""The built parser is cached outside site-packages and really reused."""

from __future__ import annotations

import lark.lark

from methodengine._build import RecipeBuilder
from methodengine._grammar import _IndentPostLexer, build_parser


def test_a_warm_cache_loads_the_parser_without_rebuilding_the_grammar(tmp_path, monkeypatch):
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(tmp_path))
    build_parser(RecipeBuilder(), _IndentPostLexer())
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1, "the first build writes one cache file"
    stamp = cached[0].stat().st_mtime_ns

    def refuse(*args, **kwargs):
        raise AssertionError("the grammar was rebuilt although the cache was warm")

    monkeypatch.setattr(lark.lark, "load_grammar", refuse)
    parser = build_parser(RecipeBuilder(), _IndentPostLexer())
    assert cached[0].stat().st_mtime_ns == stamp
    assert parser.parse("recipe: Uit de cache\n").title == "Uit de cache"


def test_an_unwritable_cache_dir_only_costs_speed(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(blocked / "cache"))
    parser = build_parser(RecipeBuilder(), _IndentPostLexer())
    assert parser.parse("recipe: Zonder cache\n").title == "Zonder cache"
