"""The layout of printed cards: full-size type, one label column per deck, a layout of its own per paper.

Each test reads what WeasyPrint lays out (the boxes of the rendered
document) or what the pager measures with the font's advance widths, so
that a card that shrinks, a label that wraps or a column that changes width
from card to card shows up as the trainer would see it on paper.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from _cli import base_recipe
from _cli import run as cli

from methodengine.output.cards import layout

weasyprint = pytest.importorskip("weasyprint")
pytest.importorskip("pypdf")

from test_cards_print import assert_pages, cards_in, long_recipe, overflowing_cards  # noqa: E402  (after the skips)

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
RECIPE_IDS = [p.stem for p in RECIPES]
PX_PER_PT = 96 / 72


def deck_recipe(tmp_path: Path) -> Path:
    """An intervision recipe in Dutch like the incident method: twelve phases, two of them in some meetings only.

    Its own, so that the layout tests do not follow every change to the bundled recipes.
    """
    lines = ["recept: Kaartentest", "taal: nl", "groep: 4-7", "begeleiders: 1", "duur: 90 min"]
    lines += ["samenvatting: Een deelnemer brengt een kort, concreet incident in; de groep vraagt door en geeft tips."]
    lines += ["bron: Hendriksen, Intervisie bij werkproblemen"]
    lines += ["rol voorzitter: Gespreksleider", "  aantal: 1", "rol inbrenger: Inbrenger", "  aantal: 1"]
    lines += ["rol deelnemer: Deelnemer"]
    lines += ["fase Spelregels afspreken (10 min)", "  leidt: voorzitter", "  wanneer: bijeenkomst 1"]
    lines += ["  doe: Spreek vertrouwelijkheid en gelijkwaardigheid af."]
    lines += ["fase Terugkoppeling (10 min)", "  spreekt: inbrenger", "  wanneer: vanaf bijeenkomst 2"]
    lines += ["  vraag: Wat heb je gedaan met de ideeën van de vorige keer?"]
    lines += ["fase Standpunt bepalen (5 min)", "  leidt: voorzitter", "  spreekt: deelnemer", "  buiten: inbrenger"]
    lines += ["  doe: Ieder schrijft op wat hij of zij zou doen, en waarom.", "  tip: Schrijf kort."]
    for n in range(1, 9):
        lines += [f"fase Stap {n} van de analyse (5 min)", "  leidt: voorzitter", "  spreekt: deelnemer"]
        lines += ["  vraag: Wat is hier eigenlijk het probleem?"]
    lines += ["fase Evaluatie (5 min)", "  spreekt: iedereen", "  vraag: Hoe verliep deze bijeenkomst?"]
    lines += ["traject", "  bijeenkomsten: 6", "  elke: 6-8 weken"]
    path = tmp_path / "kaartentest.mth"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def html_of(*args: str | Path) -> str:
    result = cli("cards", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    return result.stdout


def _walk(box, classes: tuple[str, ...] = ()) -> Iterator[tuple[object, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """Every box under ``box`` with the classes of the elements around it (its own last)."""
    element = getattr(box, "element", None)
    own = tuple((element.get("class") or "").split()) if element is not None and box.element_tag else ()
    here = classes + own
    yield box, here
    for child in getattr(box, "children", None) or ():
        yield from _walk(child, here)


def pages_of(html: str) -> list[list[tuple[object, tuple[str, ...]]]]:
    return [list(_walk(page._page_box)) for page in weasyprint.HTML(string=html).render().pages]


def label_boxes(page: list[tuple[object, tuple[str, ...]]], side: bool = False) -> list[tuple[str, float, float]]:
    """The labels of facts and script lines on a page: text, width and height (px).

    Those beside their text; with ``side``, those above their text in an A4 card's side column too.
    """
    found = []
    for box, classes in page:
        if classes[-1:] == ("label",) and ("fact" in classes or "line" in classes) and (side or "side" not in classes):
            kind = box.__class__.__name__
            if getattr(box, "element_tag", None) == "span" and kind in ("InlineBlockBox", "BlockBox"):
                text = "".join(getattr(b, "text", "") for b, _ in _walk(box))
                found.append((text, box.width, box.height))
    return found


def paper_pt(html: str) -> float:
    return float(re.search(r"html \{[^}]*font-size: ([\d.]+)pt", html, re.S).group(1))


# ---------------------------------------------------------------- one label column per deck


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_every_card_of_a_deck_has_the_same_label_column(recipe):
    html = html_of(recipe, "--start", "19:30")
    widths = {round(w, 1) for page in pages_of(html) for _, w, _ in label_boxes(page)}
    assert len(widths) == 1, widths
    assert "labels-" not in html  # no card chooses a column of its own


@pytest.mark.parametrize("paper", ["a6", "a5", "a4"])
def test_zit_buiten_de_kring_stays_on_one_line(paper, tmp_path):
    html = html_of(deck_recipe(tmp_path), "--paper", paper)
    line = 1.3 * paper_pt(html) * PX_PER_PT  # the line height of a label, in px
    labels = [(t, h) for page in pages_of(html) for t, _, h in label_boxes(page, side=True)]
    outside = [h for t, h in labels if t == "ZIT BUITEN DE KRING"]  # as printed, in capitals
    assert outside, labels
    assert all(h < 1.5 * line for h in outside), (outside, line)
    assert all(h < 1.5 * line for _, h in labels), labels  # and no other label wraps either


def test_an_a4_phase_too_long_for_two_columns_has_its_facts_beside_their_text_in_a_column_wide_enough(tmp_path):
    html = html_of(long_recipe(tmp_path), "--paper", "a4", "--only", "phases")
    assert cards_in(html) > 2  # the long phase continues on cards of one column
    line = 1.3 * paper_pt(html) * PX_PER_PT
    labels = [(t, h) for page in pages_of(html) for t, _, h in label_boxes(page)]
    assert any(t == "SPREKEN" for t, _ in labels), labels
    assert all(h < 1.5 * line for _, h in labels), labels  # SPREKEN too, beside its text: not SPREK / EN


def test_the_label_column_is_the_widest_label_up_to_a_share_of_the_card():
    page = layout.paper("a6")
    short = [{"entries": [{"type": "fact", "label": "Doe", "text": "x"}]}]
    wide = [{"entries": [{"type": "fact", "label": "Zit buiten de kring", "text": "x"}]}]
    huge = [{"entries": [{"type": "line", "label": "Een heel lang label " * 4, "text": "x"}]}]
    s = page.style
    assert layout.label_width(short, page) < layout.label_width(wide, page)
    measured = layout.text_width("ZIT BUITEN DE KRING", s.label_size, True, layout.LABEL_SPACING)
    assert measured <= layout.label_width(wide, page) < measured + 0.05
    assert layout.label_width(huge, page) <= layout.LABEL_SHARE * page.content_width + 0.01
    # the pager counts a capped label's lines: it wraps between its words
    m = layout.Measure(page.content_width, s, layout.label_width(huge, page))
    assert m.label_lines(huge[0]["entries"][0]["label"]) > 1
    # a label too wide for the cap asks for no more than two lines: SITS OUTSIDE / THE CIRCLE
    english = [{"entries": [{"type": "fact", "label": "Sits outside the circle", "text": "x"}]}]
    column = layout.label_width(english, page)
    assert layout.text_width("SITS OUTSIDE", s.label_size, True, layout.LABEL_SPACING) <= column
    assert column < layout.text_width("SITS OUTSIDE THE", s.label_size, True, layout.LABEL_SPACING)
    assert layout.Measure(page.content_width, s, column).label_lines("Sits outside the circle") == 2


# ---------------------------------------------------------------- full-size type, long cards continue


@pytest.mark.parametrize("paper", ["a6", "a5", "a4"])
def test_no_card_is_set_below_the_papers_type_size(paper):
    html = html_of(base_recipe("incidentmethode"), "--start", "19:30", "--paper", paper)
    body = paper_pt(html) * PX_PER_PT
    cards = [box for page in pages_of(html) for box, classes in page if classes[-1:] and "card" in classes[:2]]
    sizes = {round(box.style["font_size"], 2) for box in cards if getattr(box, "element_tag", None) == "section"}
    assert sizes == {round(body, 2)}, sizes


def test_the_a6_overview_continues_on_a_card_of_its_own_with_its_agenda_whole(tmp_path):
    html = html_of(deck_recipe(tmp_path), "--start", "19:30", "--only", "overview")
    assert cards_in(html) == 2
    first, second = html.split('<section class="card ')[1:]
    assert "1/2</span>" in first and "vervolg 2/2</span>" in second
    assert "Verder op de volgende kaart" in first
    assert "Agenda</h3>" in second and "Agenda</h3>" not in first  # the agenda is not cut in two
    assert "Rollen</h3>" in first
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, 2, "a6")


def test_the_a4_overview_is_one_card_in_two_columns(tmp_path):
    html = html_of(deck_recipe(tmp_path), "--start", "19:30", "--only", "overview", "--paper", "a4")
    assert cards_in(html) == 1
    side, main = html.split('<div class="col side">', 1)[1].split('<div class="col main">', 1)
    assert "Rollen</h3>" in side and "Agenda</h3>" in main and "Evaluatie" in main


# ---------------------------------------------------------------- a layout per paper


def test_a5_and_a4_have_their_own_type_and_margins_not_an_enlarged_a6():
    sizes = {}
    for paper in ("a6", "a5", "a4"):
        html = html_of(base_recipe("backstagegroep"), "--paper", paper, "--only", "overview")
        padding = re.search(r"\.card \{[^}]*padding: ([\d.]+)em ([\d.]+)em", html, re.S)
        sizes[paper] = (paper_pt(html), float(padding.group(2)))
    assert sizes["a6"] == (9.5, 1.5)
    # larger type than A6, smaller than an enlarged A6 (13.4 and 19 pt): more fits on the larger card
    assert 9.5 < sizes["a5"][0] < 9.5 * 148 / 105
    assert sizes["a5"][0] < sizes["a4"][0] < 9.5 * 210 / 105
    assert sizes["a6"][1] < sizes["a5"][1] < sizes["a4"][1]  # wider margins, in em of the larger type too


def test_an_a4_phase_card_has_who_does_what_beside_its_script(tmp_path):
    html = html_of(deck_recipe(tmp_path), "--paper", "a4", "--only", "phases")
    card = next(c for c in html.split('<section class="card ')[1:] if "Standpunt bepalen</h2>" in c)
    side, main = card.split('<div class="col side">', 1)[1].split('<div class="col main">', 1)
    assert "Zit buiten de kring" in side and "Spreken" in side and "Leidt" in side
    assert 'class="line do"' in main and "Zit buiten" not in main
    # side by side on the page: the script starts level with the facts, to their right
    page = next(p for p in pages_of(html) if any("Standpunt bepalen" in (getattr(b, "text", "") or "") for b, _ in p))
    columns = {c[-1]: b for b, c in page if c[-2:-1] == ("col",)}
    assert columns["main"].position_x > columns["side"].position_x + columns["side"].width
    assert abs(columns["main"].position_y - columns["side"].position_y) < 1


def test_a5_phase_cards_are_in_one_column(tmp_path):
    html = html_of(deck_recipe(tmp_path), "--paper", "a5", "--only", "phases")
    assert cards_in(html) == 12 and 'class="columns"' not in html


@pytest.mark.parametrize("paper", ["a6", "a5", "a4"])
@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_every_bundled_deck_prints_each_card_and_its_continuations_without_spilling_over(recipe, paper):
    html = html_of(recipe, "--start", "19:30", "--paper", paper)
    plan = json.loads(cli("cards", recipe, "--start", "19:30", "--format", "json").stdout)
    continuations = len(re.findall(r'<span class="part">vervolg \d+/\d+</span>', html))
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    # one page per card of the plan, and one per part a long card continues on: none lost, none twice
    assert_pages(pdf, len(plan["cards"]) + continuations, paper)


# ---------------------------------------------------------------- the pager's estimate against the print


def _estimates(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> tuple[str, list[float]]:
    """The HTML of ``args`` and, per printed card, the pager's estimate of its body's height (em)."""
    made: list[dict] = []  # type: ignore[type-arg]
    deck = layout.deck

    def spy(*a, **k):  # type: ignore[no-untyped-def]
        cards, context = deck(*a, **k)
        made.extend(cards)
        return cards, context

    monkeypatch.setattr(layout, "deck", spy)
    html = html_of(*args)
    page = layout.paper(re.search(r'<body class="paper-(a\d)', html).group(1))
    width, _ = layout._room(page)
    side, main = layout.column_widths(page)
    found = []
    for card in made:
        labels = card["label_width"]
        if card["columns"]:
            found.append(
                max(
                    layout.Measure(side, page.style, labels, stacked=True).entries(card["columns"][0]),
                    layout.Measure(main, page.style, labels).entries(card["columns"][1]),
                )
            )
        else:
            found.append(layout.Measure(width, page.style, labels).entries(card["entries"]))
    return html, found


@pytest.mark.parametrize("paper", ["a6", "a4"])
def test_the_pagers_estimate_of_each_card_is_what_weasyprint_sets_or_a_little_more(monkeypatch, paper):
    html, estimates = _estimates(monkeypatch, base_recipe("incidentmethode"), "--start", "19:30", "--paper", paper)
    em = paper_pt(html) * PX_PER_PT
    pages = pages_of(html)
    assert len(pages) == len(estimates)
    for number, (page, estimate) in enumerate(zip(pages, estimates, strict=True), start=1):
        body = next(b for b, c in page if c[-1:] == ("body",))
        bottom = max((c.position_y + c.margin_height() for c in body.children), default=body.content_box_y())
        real = (bottom - body.content_box_y()) / em
        # never less than is printed (a card would lose its last line), and not much more: a text measured
        # 5 % wide may wrap once more than printed, but a card does not waste room for lines it never has
        assert real - 0.05 <= estimate <= real * 1.05 + 2 * 1.3, (number, real, estimate)


def test_a_short_last_section_does_not_stand_alone_on_a_card():
    rows = [
        {"type": "row", "left": f"Regel {n}", "right": "1", "note": None, "indent": 0, "strong": False}
        | {"wrap_right": False, "times": "none"}
        for n in range(60)
    ]
    last = [{"type": "heading", "text": "Tijd per bijeenkomst"}, dict(rows[0], left="Elke bijeenkomst")]

    def deck(count: int) -> list[dict]:  # type: ignore[type-arg]
        entries = [{"type": "para", "text": "Kort."}, {"type": "heading", "text": "Datums"}, *rows[:count], *last]
        card = {"kind": "trajectory", "title": "Traject", "time": [], "sub": [], "foot": [], "entries": entries}
        return layout.paginate([card], "a6", "Verder")

    count = next(n for n in range(10, 60) if len(deck(n)) > 1)  # the first deck that no longer fits one card
    first, second = deck(count)
    assert [e.get("text") for e in first["entries"]] == ["Kort."]
    assert second["entries"][0]["text"] == "Datums" and second["entries"][-2:] == last  # the dates come along


def test_a_time_window_is_never_broken_after_its_dash():
    """A browser may break a line after an en dash: 19:15- / 20:20. The cards keep each window whole."""
    from weasyprint.formatting_structure.boxes import TextBox

    from methodengine.output.cards.templating import environment

    note = "ronde 1 19:15\u201320:20 \u00b7 ronde 2 20:20\u201321:25, als die doorgaat"
    kept = environment("html", (), False).get_template("html/entries.html").module.keep(note)
    style = re.search(r"\.nobr \{[^}]*\}", html_of(ROOT / "recipes" / "backstagegroep.mth", "--only", "overview"))
    assert style is not None

    def lines(markup: str) -> list[str]:
        html = f"<style>{style.group()}</style><div style='width: 88px; font: 12px Liberation Sans'>{markup}</div>"
        pages = pages_of(html)
        return [box.text for page in pages for box, _ in page if isinstance(box, TextBox)]

    assert any(line.endswith("19:15\u2013") for line in lines(note))  # as written, the window breaks here
    assert not any(line.rstrip().endswith("\u2013") for line in lines(str(kept))), lines(str(kept))
    assert re.sub(r"<[^>]+>", "", str(kept)) == note  # the same text, every space where it was
