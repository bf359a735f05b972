"""One table of keys: the builder, the messages, the line grammar and the docs all read keys.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import methodengine
from methodengine import RecipeError
from methodengine.language import keys
from methodengine.language.parser import line_grammar

DOCS = Path(__file__).resolve().parent.parent / "docs" / "recipe-language.md"


def test_the_docs_key_table_is_the_one_keys_py_makes() -> None:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- keys:[^\n]*-->\n(.*?)\n<!-- /keys -->", text, re.S)
    assert match, "docs/recipe-language.md has the key table between its markers"
    assert match.group(1) == keys.docs_table(), "regenerate the table: print(methodengine.language.keys.docs_table())"


def test_a_block_described_in_words_names_only_keys_it_takes() -> None:
    for block in keys.BLOCKS.values():
        named = set(re.findall(r"`([a-z-]+)`", block.shown_keys))
        assert named <= set(block.keys), block.name
    # A checkpoint takes a phase's keys and `decide`, before the script (the order `fmt` writes keys in).
    phase, script = keys.BLOCK_KEYS["a phase"], keys.SCRIPT_KINDS
    assert keys.BLOCK_KEYS["a checkpoint"] == (*phase[: -len(script)], "decide", *script)
    assert phase[-len(script) :] == script


def test_every_key_of_every_block_is_in_the_table_with_a_kind_and_an_example() -> None:
    for block in keys.BLOCKS.values():
        for name in block.keys:
            key = keys.KEYS[name]
            assert key.example.startswith(f"{name}: ")
            assert keys.SPELLINGS[name] is key


@pytest.mark.parametrize("name", sorted(keys.KEYS))
def test_each_key_example_reads_in_a_block_that_takes_it(name: str) -> None:
    block = next(b for b in keys.BLOCKS.values() if name in b.keys)
    heads = {
        None: "",
        "role": "role voorzitter: Gespreksleider\n",
        "phase": "phase Vragen (10 min)\n",
        "checkpoint": "checkpoint Verder? (5 min)\n",
        "rounds": "rounds 2: Beurt\n  phase A (5 min)\n",
        "trajectory": "trajectory\n",
        "stage": "trajectory\n  meetings: 4\n  stage Begin (meetings 1-2)\n",
        "meeting": "trajectory\n  meetings: 4\n  meeting intake: Intake (60 min)\n",
    }
    indent = "" if block.keyword is None else "    " if block.keyword in ("stage", "meeting") else "  "
    example = keys.KEYS[name].example
    text = f"{example}\n" if name == "recipe" else f"recipe: X\n{heads[block.keyword]}{indent}{example}\n"
    try:
        methodengine.parse(text)
    except RecipeError as exc:
        pytest.fail(f"{text!r}: {exc}")


def test_the_line_grammar_has_a_key_terminal_for_every_spelling() -> None:
    grammar = line_grammar()
    for spelling, key in keys.SPELLINGS.items():
        terminal = re.search(rf"^{key.kind.name.upper()}_KEY\.2: /\(\?:([^)]*)\)", grammar, re.M)
        assert terminal and spelling in terminal.group(1).split("|"), spelling


def test_a_misplaced_key_is_told_where_it_belongs_from_the_table() -> None:
    with pytest.raises(RecipeError) as info:
        methodengine.parse("recipe: X\nrole a: A\n  lead: a\n")
    assert info.value.message == "`lead` does not belong in a role"
    assert info.value.hint and "belongs in a phase or a checkpoint" in info.value.hint
    assert "a role takes: count, brief, facilitator" in info.value.hint


def test_every_block_keyword_spelling_starts_its_block_and_is_in_the_line_grammar() -> None:
    grammar = line_grammar()
    for spelling, keyword in keys.KEYWORD_SPELLINGS.items():
        assert re.search(rf'^{keyword.upper()}: .*"{spelling}"', grammar, re.M), spelling
    lengths = [len(spelling) for spelling in keys.KEYWORD_SPELLINGS]
    assert lengths == sorted(lengths, reverse=True), "a longer spelling is tried before a shorter one it starts with"
