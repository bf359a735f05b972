"""The Dutch guide (docs/nl/) and the Dutch keywords in the English one say what the parser does.

A Dutch trainer writes a recipe from the examples of ``docs/nl/``: each must
parse as written, and each example marked ``<!-- twin: NAME -->`` must mean
exactly what the English example with that mark in ``docs/recipe-language.md``
means. The tables of Dutch words in the English guide are the key table's
(``keys.py``), so that a spelling added there cannot be missing here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest

import methodengine
from methodengine.language import keys

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "docs" / "recipe-language.md"
DUTCH_PAGES = sorted((ROOT / "docs" / "nl").glob("*.md"))
_BLOCK = re.compile(r"(?:<!-- twin: (?P<twin>[a-z-]+) -->\n)?```mth\n(?P<text>.*?)```", re.S)
_IGNORED = frozenset({"position", "per_position", "field_positions", "path", "keyword_language"})


def _meaning(text: str) -> Any:
    """What a recipe says, as plain data: not where, nor in which language's keywords, it was written."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _IGNORED}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    return strip(attrs.asdict(methodengine.parse(text), recurse=True))


def _examples(path: Path) -> list[tuple[str | None, str]]:
    return [(m["twin"], m["text"]) for m in _BLOCK.finditer(path.read_text(encoding="utf-8"))]


DUTCH_EXAMPLES = [(f"{p.name}#{n}", twin, text) for p in DUTCH_PAGES for n, (twin, text) in enumerate(_examples(p), 1)]


def test_there_is_a_dutch_guide_with_examples() -> None:
    assert (ROOT / "docs" / "nl" / "recipe-language.md") in DUTCH_PAGES
    assert len(DUTCH_EXAMPLES) >= 15


@pytest.mark.parametrize(("name", "twin", "text"), DUTCH_EXAMPLES, ids=[e[0] for e in DUTCH_EXAMPLES])
def test_every_dutch_example_parses_and_its_twin_means_the_same(name: str, twin: str | None, text: str) -> None:
    recipe = methodengine.parse(text, name)
    if twin is None:
        return
    english = [t for mark, t in _examples(ENGLISH) if mark == twin]
    assert english, f"no example marked twin: {twin} in docs/recipe-language.md"
    assert _meaning(text) in [_meaning(t) for t in english]
    assert recipe.keyword_language in ("nl", None)


def test_the_twins_in_the_english_guide_mean_the_same() -> None:
    found: dict[str, list[str]] = {}
    for twin, text in _examples(ENGLISH):
        if twin is not None:
            found.setdefault(twin, []).append(text)
    assert len(found) >= 9
    for twin, texts in found.items():
        assert len(texts) >= 2, twin
        languages = {methodengine.parse(t).keyword_language for t in texts}
        assert "nl" in languages, twin
        assert all(_meaning(t) == _meaning(texts[0]) for t in texts), twin


def _table(name: str) -> dict[str, tuple[str, ...]]:
    text = ENGLISH.read_text(encoding="utf-8")
    match = re.search(rf"<!-- words: {name},[^\n]*-->\n(.*?)\n<!-- /words -->", text, re.S)
    assert match, f"docs/recipe-language.md has the {name} table between its markers"
    rows = [line for line in match.group(1).split("\n")[2:] if line.startswith("|")]
    table: dict[str, tuple[str, ...]] = {}
    for row in rows:
        english, dutch = (re.findall(r"`([^`]+)`", cell) for cell in row.strip("|").split("|"))
        table[english[0]] = tuple(dutch)
    return table


def test_the_block_keyword_table_is_the_key_tables() -> None:
    expected = {
        block.keyword: tuple(s for s in (block.dutch, *block.spellings) if s)
        for block in keys.BLOCKS.values()
        if block.keyword
    }
    assert _table("block keywords") == expected


def test_the_key_table_is_the_key_tables() -> None:
    expected = {k.name: tuple(s for s in (k.dutch, *k.spellings) if s) or (k.name,) for k in keys.KEYS.values()}
    assert _table("keys") == expected


def test_the_value_word_table_is_the_key_tables() -> None:
    assert _table("values") == keys.WORDS


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@pytest.mark.parametrize("page", DUTCH_PAGES, ids=[p.name for p in DUTCH_PAGES])
def test_every_link_of_the_dutch_guide_leads_somewhere(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if "://" in target:
            continue
        file, _, anchor = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        assert linked.is_file(), target
        if anchor:
            headings = re.findall(r"^#{1,6} (.*)$", linked.read_text(encoding="utf-8"), re.M)
            assert anchor in {_anchor(h) for h in headings}, target
