"""Printed cards: one card per page at the chosen paper size, nothing spilling over, in WeasyPrint and Chromium.

The PDF tests need WeasyPrint (the ``pdf`` extra, installed with ``test``).
The browser test prints the HTML with headless Chromium, as a trainer's
browser would; it is skipped when Chromium is missing, except in CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _cli import base_recipe
from click.testing import CliRunner

from methodengine.cli import main

pypdf = pytest.importorskip("pypdf")
weasyprint = pytest.importorskip("weasyprint")

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
RECIPE_IDS = [p.stem for p in RECIPES]

MM = 72 / 25.4
SIZES = {"a6": (105 * MM, 148 * MM), "a5": (148 * MM, 210 * MM), "a4": (210 * MM, 297 * MM)}


def run(*args: str | Path) -> bytes:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def cards_in(html: str) -> int:
    return html.count('<section class="card ')


def long_recipe(tmp_path: Path) -> Path:
    """A recipe whose first phase has a script far longer than any card."""
    lines = ["recipe: Lang script", "language: nl", "role deelnemer: Deelnemer", "  count: 3"]
    lines += ["phase Heel lang script (30 min)", "  speak: deelnemer"]
    kinds = ("say", "ask", "do")
    for n in range(1, 41):
        text = f"Stap {n}: een tamelijk lange zin in het script die de begeleider hardop voorleest aan de groep."
        lines.append(f"  {kinds[n % 3]}: {text}")
    lines.append("  tip: " + " ".join(["Een tip die maar niet ophoudt en doorgaat."] * 90))
    lines += ["phase Kort (10 min)", "  do: Afronden."]
    path = tmp_path / "lang.mth"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def overflowing_cards(html: str) -> tuple[list[str], bytes]:
    """Cards whose body reaches past the room the card gives it, as WeasyPrint lays them out; and the PDF.

    The room ends where the foot begins, or at the card's padding when it has no foot. The PDF is
    made from the same layout as ``methodengine cards --format pdf`` makes it, without laying the
    cards out twice.
    """

    def walk(box):  # type: ignore[no-untyped-def]
        yield box
        for child in getattr(box, "children", None) or ():
            yield from walk(child)

    def with_class(boxes, tag: str, name: str) -> list:  # type: ignore[no-untyped-def, type-arg]
        return [
            b
            for b in boxes
            if getattr(b, "element", None) is not None
            and b.element_tag == tag
            and name in (b.element.get("class") or "").split()
        ]

    document = weasyprint.HTML(string=html).render()
    found = []
    for number, page in enumerate(document.pages, start=1):
        boxes = list(walk(page._page_box))
        cards, bodies = with_class(boxes, "section", "card"), with_class(boxes, "div", "body")
        assert len(cards) == 1 and len(bodies) == 1, f"page {number} holds {len(cards)} cards"
        card, body, feet = cards[0], bodies[0], with_class(boxes, "footer", "foot")
        end = feet[0].position_y if feet else card.content_box_y() + card.height
        bottom = max((c.position_y + c.margin_height() for c in body.children), default=0)
        if bottom > end + 0.5:
            found.append(f"page {number}: {bottom - body.content_box_y():.0f} of {end - body.content_box_y():.0f}px")
    return found, document.write_pdf()


LONG_WORD = "Onafhankelijkheidsverklaring" * 7 + "ende"  # 200 letters
LONG_URL = "https://example.org/" + "/".join(["intervisie-werkvormen"] * 8) + "?bron=" + "x" * 60


def long_word_recipe(tmp_path: Path) -> Path:
    """A phase whose title and script have a 200-letter word and a URL far wider than any card; the summary too."""
    assert len(LONG_WORD) == 200
    lines = ["recipe: Lange woorden", f"summary: Zie {LONG_WORD} en {LONG_URL}."]
    lines += [f"phase Fase {LONG_WORD} (10 min)", f"  say: Begin {LONG_WORD} einde."]
    lines += [f"  do: Lees {LONG_URL} voor.", f"  tip: {LONG_WORD}"]
    path = tmp_path / "woorden.mth"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def squashed(text: str) -> str:
    """Extracted text without the breaks the card put into long words."""
    return "".join(text.split())


def text_past_the_card(html: str) -> list[str]:
    """Each run of text that WeasyPrint sets wider than its card's content box, with its page."""

    def walk(box):  # type: ignore[no-untyped-def]
        yield box
        for child in getattr(box, "children", None) or ():
            yield from walk(child)

    from weasyprint.formatting_structure.boxes import TextBox

    found = []
    for number, page in enumerate(weasyprint.HTML(string=html).render().pages, start=1):
        for card in walk(page._page_box):
            if getattr(card, "element_tag", None) == "section":
                right = card.content_box_x() + card.width
                for box in walk(card):
                    if isinstance(box, TextBox) and box.position_x + box.width > right + 0.5:
                        found.append(
                            f"page {number}: {box.text[:30]}… ends {box.position_x + box.width - right:.0f}px out"
                        )
    return found


def assert_pages(pdf: bytes, count: int, paper: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == count
    width, height = SIZES[paper]
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - width) < 0.5, (float(box.width), width)
        assert abs(float(box.height) - height) < 0.5, (float(box.height), height)


# ---------------------------------------------------------------- WeasyPrint


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_pdf_has_one_a6_page_per_card_and_nothing_spills_over(recipe):
    html = run("cards", recipe, "--format", "html", "--start", "19:30").decode("utf-8")
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, cards_in(html), "a6")


@pytest.mark.parametrize(
    "args",
    [
        ["jobcoaching", "--start-date", "2027-01-11", "--skip", "2027-02-01", "--lang", "en"],
        ["inspiratiegroep", "--start-date", "2027-01-31", "--meeting", "9", "--start", "13:00"],
    ],
    ids=["jobcoaching", "inspiratiegroep-meeting-9"],
)
def test_dated_cards_fit_their_pages_too(args):
    recipe = base_recipe(args[0])
    html = run("cards", recipe, *args[1:], "--format", "html").decode("utf-8")
    assert "2027" in html
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, cards_in(html), "a6")


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_pdf_pages_have_the_chosen_paper_size(paper):
    recipe = base_recipe("backstagegroep")
    html = run("cards", recipe, "--format", "html", "--paper", paper).decode("utf-8")
    pdf = run("cards", recipe, "--format", "pdf", "--paper", paper)
    assert_pages(pdf, cards_in(html), paper)
    assert overflowing_cards(html)[0] == []


def test_a_long_card_continues_on_cards_of_its_own_marked_as_such(tmp_path):
    recipe = long_recipe(tmp_path)
    html = run("cards", recipe, "--format", "html").decode("utf-8")
    parts = html.count("Heel lang script</h2>")
    assert parts >= 3
    assert html.count('<span class="part">') == parts
    assert f"vervolg {parts}/{parts}" in html and f"1/{parts}</span>" in html
    assert html.count("Verder op de volgende kaart") == parts - 1
    assert re.search(r"Volgende fase, vanaf minuut \d+: Kort", html)
    assert "Stap 40:" in html and "ophoudt en doorgaat.</span>" in html
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, cards_in(html), "a6")


def test_a_card_a_little_too_long_continues_at_full_size_rather_than_shrinking(tmp_path):
    lines = ["recipe: Net te lang", "phase Veel te zeggen (30 min)"]
    lines += [
        f"  say: Zin {n} die de begeleider zegt, en die nog wat doorloopt tot de regel vol is." for n in range(13)
    ]
    path = tmp_path / "net.mth"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    html = run("cards", path, "--format", "html", "--only", "phases").decode("utf-8")
    assert cards_in(html) == 2
    assert "1/2</span>" in html and "continued 2/2</span>" in html  # an English recipe: English labels
    body = html.split("<body")[1]
    assert body.count("scale-100") == 2 and not re.search(r"scale-(?!100)\d+", body)  # never set smaller
    assert overflowing_cards(html)[0] == []


def test_the_example_in_the_docs_is_an_a6_deck_of_the_tool():
    example = ROOT / "docs" / "examples" / "incidentmethode-a6.pdf"
    html = run("cards", base_recipe("incidentmethode"), "--start", "19:30", "--group", "5", "--format", "html").decode(
        "utf-8"
    )
    assert_pages(example.read_bytes(), cards_in(html), "a6")
    reader = pypdf.PdfReader(example)
    assert reader.metadata.title == "Incidentmethode: kaarten"
    # The overview is two cards (summary, facts and roles; then the agenda whole), then the first phase.
    overview, agenda, first = (reader.pages[n].extract_text() for n in range(3))
    assert "1/2" in overview and "ROLLEN" in overview and "AGENDA" not in overview
    assert "VERVOLG 2/2" in agenda and "AGENDA" in agenda
    assert "Volgende fase, om 19:40: Incident kiezen" in first  # made with today's wording
    assert "de gespreksleider" in first
    assert "alleen in bijeenkomst 1" in agenda  # a note, in lower case


def test_long_words_and_urls_wrap_inside_the_card_and_every_letter_prints(tmp_path):
    recipe = long_word_recipe(tmp_path)
    html = run("cards", recipe, "--format", "html").decode("utf-8")
    assert text_past_the_card(html) == []
    assert overflowing_cards(html)[0] == []
    reader = pypdf.PdfReader(io.BytesIO(run("cards", recipe, "--format", "pdf")))
    text = squashed("".join(page.extract_text() for page in reader.pages))
    # Summary, agenda row, title, script line and tip: all 200 letters of each.
    assert text.count(LONG_WORD) >= 5
    assert text.count(squashed(LONG_URL)) == 2
    width = SIZES["a6"][0]
    starts: list[float] = []  # where each run of text begins, across its page

    def where(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            starts.append(tm[4] * cm[0] + cm[4])

    for page in reader.pages:
        page.extract_text(visitor_text=where)
    assert starts and all(0 <= x < width for x in starts), starts


def test_the_printed_cards_use_no_flexbox_or_grid_but_in_agenda_rows():
    """WeasyPrint lays a flex container's items out several times over: the incident deck took 3.6x a bare render.

    An agenda row keeps its flexbox: its right column is as wide as its text, and a table or grid
    laid it out no faster (and wrapped a role card's right column differently).
    """
    html = run("cards", base_recipe("incidentmethode"), "--format", "html").decode("utf-8")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    printed = style.split("@media screen", 1)[0] + style.split("@media print", 1)[1]
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", printed)
    flex = [selector.strip() for selector, body in rules if re.search(r"display:\s*(inline-)?(flex|grid)\b", body)]
    assert flex == [".row"]
    assert re.search(r"@media screen \{\s*body \{\s*display: flex", style)  # on screen: a row of cards that wraps


def test_pdf_is_deterministic():
    recipe = base_recipe("progressiegericht")
    assert run("cards", recipe, "--format", "pdf") == run("cards", recipe, "--format", "pdf")


# ---------------------------------------------------------------- a real browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is not installed, and CI must run the browser test (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftotext is missing, and CI must check where Chromium prints (apt-get install poppler-utils)")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return found


def words_with_boxes(pdftotext: str, pdf: Path) -> list[tuple[str, float, float, float, float, float]]:
    """Each word poppler finds in ``pdf``: its text, its box, and the width of its page."""
    out = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        for word in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page[3]):
            words.append((html_lib.unescape(word[5]), *map(float, word.groups()[:4]), float(page[1])))
    return words


def print_with_chromium(browser: str, html: Path, tmp_path: Path) -> bytes:
    out = tmp_path / f"{html.stem}-chromium.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            f"--print-to-pdf={out}",
            "--no-pdf-header-footer",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return out.read_bytes()


@pytest.mark.parametrize(
    ("recipe", "paper"),
    [
        ("incidentmethode", "a6"),
        ("backstagegroep", "a6"),
        ("jobcoaching", "a5"),
        ("progressiegericht", "a4"),
        ("lang", "a6"),
    ],
)
def test_chromium_prints_the_html_with_the_same_pages(chromium, recipe, paper, tmp_path):
    source = long_recipe(tmp_path) if recipe == "lang" else ROOT / "recipes" / f"{recipe}.mth"
    html = tmp_path / f"{recipe}.html"
    html.write_bytes(run("cards", source, "--format", "html", "--paper", paper, "--start", "19:30"))
    text = html.read_text(encoding="utf-8")
    overflowing, weasy = overflowing_cards(text)
    assert overflowing == []
    expected = len(pypdf.PdfReader(io.BytesIO(weasy)).pages)
    assert expected == cards_in(text)
    printed = print_with_chromium(chromium, html, tmp_path)
    assert_pages(printed, expected, paper)


def test_chromium_wraps_long_words_and_urls_inside_the_card(chromium, pdftotext, tmp_path):
    html = tmp_path / "woorden.html"
    html.write_bytes(run("cards", long_word_recipe(tmp_path), "--format", "html"))
    printed = tmp_path / "woorden-chromium.pdf"
    printed.write_bytes(print_with_chromium(chromium, html, tmp_path))
    words = words_with_boxes(pdftotext, printed)
    assert [w for w in words if w[3] > w[5] + 0.5 or w[1] < -0.5] == []  # nothing past the page's edges
    text = squashed("".join(w[0] for w in words))
    assert text.count(LONG_WORD) >= 5
    assert text.count(squashed(LONG_URL)) == 2


# ---------------------------------------------------------------- progress on a terminal


class _Terminal(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def html_of_incident() -> str:
    return run("cards", base_recipe("incidentmethode"), "--format", "html").decode("utf-8")


def _pdf_with_stderr(monkeypatch: pytest.MonkeyPatch, terminal: bool, after: float) -> str:
    import sys

    from methodengine.output.cards import pdf

    monkeypatch.setattr(pdf, "PROGRESS_AFTER", after)
    stderr = _Terminal(terminal)
    monkeypatch.setattr(sys, "stderr", stderr)
    assert pdf.html_to_pdf(html_of_incident()).startswith(b"%PDF-")
    return stderr.getvalue()


def test_a_long_pdf_render_says_so_on_a_terminal(monkeypatch):
    said = _pdf_with_stderr(monkeypatch, terminal=True, after=0.0)
    lines = said.splitlines()
    assert lines[0] == f"methodengine: rendering {cards_in(html_of_incident())} cards to PDF\u2026"
    assert re.fullmatch(r"methodengine: PDF done in \d+\.\d s", lines[1]), lines
    assert len(lines) == 2


def test_a_long_pdf_render_says_so_in_the_readers_language(monkeypatch):
    from methodengine.i18n import use_language

    with use_language("nl"):
        said = _pdf_with_stderr(monkeypatch, terminal=True, after=0.0)
    lines = said.splitlines()
    assert lines[0] == f"methodengine: pdf maken van {cards_in(html_of_incident())} kaarten\u2026"
    assert re.fullmatch(r"methodengine: pdf klaar in \d+,\d s", lines[1]), lines


@pytest.mark.parametrize(("terminal", "after"), [(False, 0.0), (True, 60.0)], ids=["not-a-terminal", "quick"])
def test_a_pdf_render_is_silent_on_a_pipe_or_when_quick(monkeypatch, terminal, after):
    assert _pdf_with_stderr(monkeypatch, terminal, after) == ""
