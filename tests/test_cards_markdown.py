"""Markdown cards read back as the recipe wrote them: what a CommonMark reader shows is the recipe's text.

The escaping is checked against a real CommonMark parser (markdown-it-py, which
Rich, and so Textual, brings along), not against the escaper's own idea of
Markdown: a backslash CommonMark does not take as an escape (``\\1. Welkom``)
is shown to the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import base_recipe, run

markdown_it = pytest.importorskip("markdown_it")

ROOT = Path(__file__).resolve().parents[1]
BACKSTAGE = base_recipe("backstagegroep")

TRICKY = """\
recipe: 1. Welkom *allemaal*
language: nl
summary: 2) Geen lijst, # geen kop, > geen citaat, _geen nadruk_ & geen &amp; entiteit
role deelnemer: - Deelnemer
  count: 2
phase 3. Start \\ [link][x] <b>vet</b> `code` (10 min)
  speak: deelnemer
phase + Plus ~doorgehaald~ | pijp (5 min)
  speak: deelnemer
"""


def _shown(markdown: str) -> list[str]:
    """The text of every paragraph and heading as a CommonMark reader shows it, markup left out."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(markdown)
    shown = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        shown.append("".join(parts))
    return shown


def _markdown(*args: str | Path) -> str:
    result = run("cards", *args, "--format", "md")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_agenda_item_reads_as_its_number_and_title_with_no_backslash() -> None:
    md = _markdown(BACKSTAGE)
    assert "- 1\\. Kennismaking — 15 min (alleen in bijeenkomst 1)" in md
    shown = _shown(md)
    assert "1. Kennismaking — 15 min (alleen in bijeenkomst 1)" in shown
    assert "8. Afsluiting — 5 min" in shown
    assert not [line for line in shown if "\\" in line]


def test_recipe_text_that_looks_like_markdown_is_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "lastig.mth"
    path.write_text(TRICKY, encoding="utf-8")
    md = _markdown(path)
    shown = _shown(md)
    tokens = markdown_it.MarkdownIt("commonmark").parse(md)
    # Nothing of the recipe's text became a numbered list, emphasis, a link, code or HTML
    # (the cards' own labels are bold, and the foot is a quote).
    assert "ordered_list_open" not in {t.type for t in tokens}
    inline = {c.type for t in tokens if t.type == "inline" for c in t.children or []}
    assert inline & {"em_open", "link_open", "html_inline", "code_inline", "image"} == set()
    assert "1. Welkom *allemaal*" in shown  # the title, as the document's heading
    assert "2) Geen lijst, # geen kop, > geen citaat, _geen nadruk_ & geen &amp; entiteit" in shown
    assert "1. 3. Start \\ [link][x] <b>vet</b> `code` — 10 min" in shown
    assert "2. + Plus ~doorgehaald~ | pijp — 5 min" in shown
    assert "- Deelnemer — 2" in shown


def test_a_line_under_a_cards_title_that_starts_like_a_list_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "beurt.mth"
    path.write_text(
        "recipe: X\nlanguage: nl\nrole a: A\n  count: 2\nrounds 2: 1. Beurt\n  phase # Kop (10 min)\n    speak: a\n",
        encoding="utf-8",
    )
    md = _markdown(path)
    tokens = markdown_it.MarkdownIt("commonmark").parse(md)
    assert "ordered_list_open" not in {t.type for t in tokens}
    assert any(line.endswith("10 min 1. Beurt (2 rondes)") for line in _shown(md))  # the phase card's lines


def test_a_time_on_a_line_of_its_own_starts_with_a_capital() -> None:
    md = _markdown(BACKSTAGE)
    assert "## Fase 1 van 8: Kennismaking\n\n**Minuut 0-15**  \n15 min  \nAlleen in bijeenkomst 1  \n" in md
    assert "**Begint ca. minuut 80, uiterlijk 145; klaar uiterlijk op minuut 150**" in md
    text = run("cards", BACKSTAGE).stdout
    assert "Fase 1 van 8 · minuut 0-15\n" in text  # after the card's kind, mid-line


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("recipe", sorted((ROOT / "recipes").glob("*.mth")), ids=lambda p: p.stem)
def test_no_bundled_recipes_cards_show_a_backslash_or_a_list_they_did_not_write(recipe: Path, language: str) -> None:
    md = _markdown(recipe, "--lang", language)
    assert [line for line in _shown(md) if "\\" in line] == []
    assert "ordered_list_open" not in {t.type for t in markdown_it.MarkdownIt("commonmark").parse(md)}
