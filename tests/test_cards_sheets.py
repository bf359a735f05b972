"""Cards on full sheets (``cards --sheet``): sheet count and size, cut-and-stack order, cut marks.

In WeasyPrint and in Chromium.
And the cards command's clear answers: ``--sheet`` only with printed
formats, ``--only`` a kind the recipe has no card of. The PDF tests need
WeasyPrint and pypdf; the browser tests Chromium (skipped when it is
missing, except in CI), the pixel tests pdftoppm.
"""

from __future__ import annotations

import html as html_lib
import io
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _cli import base_recipe
from click.testing import CliRunner

from methodengine.cli import main
from methodengine.output.cards import sheets

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
BACKSTAGE = base_recipe("backstagegroep")
PROGRESS = base_recipe("progressiegericht")

PT = 72 / 25.4
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def ok(*args: str | Path) -> bytes:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def titles(html: str) -> list[str]:
    """The title of every card, in deck order, as the one-per-page HTML has them; spaces squashed."""
    return [squashed(html_lib.unescape(t)) for t in re.findall(r'<h2 class="title">(.*?)</h2>', html, re.S)]


def squashed(text: str) -> str:
    return "".join(text.split())


def deck_titles(recipe: Path, *args: str) -> list[str]:
    return titles(ok("cards", recipe, "--format", "html", *args).decode("utf-8"))


def expected_places(count: int, per_sheet: int) -> list[tuple[int, int]]:
    """Card k of ``count``: (sheet, position), by the rule docs/cards.md gives the trainer."""
    sheets_needed = math.ceil(count / per_sheet)
    return [(k % sheets_needed, k // sheets_needed) for k in range(count)]


# ---------------------------------------------------------------- the grid itself


@pytest.mark.parametrize("paper", ["a6", "a5", "a4"])
@pytest.mark.parametrize("sheet", ["a4", "letter"])
def test_cards_marks_and_margins_stay_apart_on_the_sheet(paper, sheet):
    found = sheets.layout_of(paper, sheet)
    width, height = found.card_width * found.scale, found.card_height * found.scale
    cards = [(s.left, s.top, s.left + width, s.top + height) for s in found.slots]
    assert len(cards) == {"a6": 4, "a5": 2, "a4": 1}[paper]
    assert 0 < found.scale <= 1
    for left, top, right, bottom in cards:  # inside the printable margin
        assert left >= sheets.MARGIN_MM - 1e-6 and top >= sheets.MARGIN_MM - 1e-6
        assert right <= found.width - sheets.MARGIN_MM + 1e-6 and bottom <= found.height - sheets.MARGIN_MM + 1e-6
    # The grid is centred: as much room left as right, above as below.
    assert abs(min(c[0] for c in cards) - (found.width - max(c[2] for c in cards))) < 0.01
    assert abs(min(c[1] for c in cards) - (found.height - max(c[3] for c in cards))) < 0.01
    assert len(found.marks) == 2 * (found.columns + 1) + 2 * (found.rows + 1)
    for mark in found.marks:
        assert mark.left >= 0 and mark.left + mark.width <= found.width
        assert mark.top >= 0 and mark.top + mark.height <= found.height
        for left, top, right, bottom in cards:  # no mark on a card, nor within the gap of one
            apart = (
                mark.left + mark.width <= left - sheets.MARK_GAP_MM + 0.01
                or mark.left >= right + sheets.MARK_GAP_MM - 0.01
                or mark.top + mark.height <= top - sheets.MARK_GAP_MM + 0.01
                or mark.top >= bottom + sheets.MARK_GAP_MM - 0.01
            )
            assert apart, (mark, (left, top, right, bottom))


def test_a6_cards_on_a4_are_set_a_little_smaller_and_two_a5_lie_side_by_side_on_a_landscape_sheet():
    a6 = sheets.layout_of("a6", "a4")
    assert (a6.width, a6.height, a6.columns, a6.rows) == (210.0, 297.0, 2, 2)
    assert a6.scale == pytest.approx((210 - 14) / 210, abs=1e-4)  # 93 %: the margin that holds the marks
    a5 = sheets.layout_of("a5", "a4")
    assert (a5.width, a5.height, a5.columns, a5.rows) == (297.0, 210.0, 2, 1)
    a5_top, a5_bottom = a5.slots[0].top, a5.slots[0].top + a5.card_height * a5.scale
    assert a5.slots[1].top == a5_top and a5_bottom <= 210  # one cut down the middle


# ---------------------------------------------------------------- WeasyPrint


pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")


def pages_of(pdf: bytes) -> list:  # type: ignore[type-arg]
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def assert_sheets(pdf: bytes, count: int, size: tuple[float, float]) -> None:
    pages = pages_of(pdf)
    assert len(pages) == count
    for page in pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == pytest.approx(
            size, abs=0.5
        )


@pytest.mark.parametrize(
    ("paper", "sheet", "per_sheet", "size"),
    [
        ("a6", "a4", 4, A4),
        ("a6", "letter", 4, LETTER),
        ("a5", "a4", 2, (A4[1], A4[0])),
        ("a5", "letter", 2, (LETTER[1], LETTER[0])),
        ("a4", "letter", 1, LETTER),
    ],
)
def test_a_deck_on_sheets_takes_a_sheet_per_four_a6_or_two_a5_cards(paper, sheet, per_sheet, size):
    count = len(deck_titles(INCIDENT, "--paper", paper))
    assert count > 8
    pdf = ok("cards", INCIDENT, "--format", "pdf", "--paper", paper, "--sheet", sheet)
    assert_sheets(pdf, math.ceil(count / per_sheet), size)


def runs_by_place(pdf: bytes) -> list[dict[int, str]]:
    """The text of each page of a 2x2 sheet PDF, by position (0 top left, 1 top right, 2, 3 below)."""
    return [_page_by_place(page) for page in pages_of(pdf)]


def _page_by_place(page) -> dict[int, str]:  # type: ignore[no-untyped-def]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    places: dict[int, list[str]] = {}

    def where(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]  # PDF points, from the bottom left
            places.setdefault((2 if y < height / 2 else 0) + (1 if x > width / 2 else 0), []).append(text)

    page.extract_text(visitor_text=where)
    return {place: squashed("".join(texts)) for place, texts in places.items()}


@pytest.mark.parametrize(("recipe", "args"), [(INCIDENT, ["--start", "19:30"]), (BACKSTAGE, ["--lang", "en"])])
def test_after_one_cut_through_the_stack_the_piles_stacked_in_turn_are_the_deck(recipe, args):
    deck = deck_titles(recipe, *args)
    pdf = ok("cards", recipe, "--format", "pdf", "--sheet", "a4", *args)
    pages = runs_by_place(pdf)
    assert len(pages) == math.ceil(len(deck) / 4)
    for k, (sheet, place) in enumerate(expected_places(len(deck), 4)):
        assert deck[k] in pages[sheet].get(place, ""), (k, deck[k], sheet, place)
    # Pile by pile, sheet by sheet: the cards read in deck order, and the empty places are the last ones.
    filled = [(s, p) for s in range(len(pages)) for p in pages[s]]
    assert sorted(filled, key=lambda sp: (sp[1], sp[0])) == expected_places(len(deck), 4)


def test_a_sheet_pdf_is_the_same_bytes_every_time():
    first = ok("cards", PROGRESS, "--format", "pdf", "--sheet", "a4")
    assert ok("cards", PROGRESS, "--format", "pdf", "--sheet", "a4") == first
    assert first != ok("cards", PROGRESS, "--format", "pdf")  # and it is not the one-per-page PDF


def test_the_html_carries_the_sheets_for_a_browser_to_print_without_a_script():
    html = ok("cards", INCIDENT, "--format", "html", "--sheet", "letter").decode("utf-8")
    count = len(deck_titles(INCIDENT))
    assert "<script" not in html
    assert html.count('<div class="sheet">') == math.ceil(count / 4)
    assert html.count('<section class="card ') == count
    assert html.count('<i class="cut ') == 12 * math.ceil(count / 4)  # 3 cuts each way, a mark at both ends
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert style.rindex("@page { size: 215.9mm 279.4mm;") > style.index("@page")  # the sheet's @page comes last
    # A6 cards on Letter, set smaller to fit its height: the card box and the font under it, in proportion.
    assert ".sheet .card { width: 94.143mm; height: 132.697mm; }" in style
    font = float(re.search(r"html \{\s*font-family:[^}]*font-size: ([\d.]+)pt", style)[1])  # the card's own
    assert f"html {{ font-size: {font * 0.8966:g}pt; }}" in style


def test_the_sheets_print_without_flexbox_or_grid():
    """WeasyPrint lays a flex container's items out several times over; the sheets use absolute positions."""
    html = ok("cards", INCIDENT, "--format", "html", "--sheet", "a4").decode("utf-8")
    sheet_css = html.split("<style>", 1)[1].split("</style>", 1)[0].split("@page { size: 210mm 297mm;", 1)[1]
    printed = sheet_css.split("@media screen", 1)[0] + sheet_css.split("@media print", 1)[1]
    assert ".slot {" in printed and "position: absolute" in printed
    assert not re.search(r"display:\s*(inline-)?(flex|grid)\b", printed)


def test_without_sheet_nothing_of_the_sheets_is_in_the_cards():
    html = ok("cards", INCIDENT, "--format", "html").decode("utf-8")
    assert 'class="sheet' not in html and "cut-" not in html and "transform: scale" not in html


def test_an_a4_card_on_an_a4_sheet_is_the_one_per_page_pdf_and_says_so():
    result = run("cards", PROGRESS, "--format", "pdf", "--paper", "a4", "--sheet", "a4")
    assert result.exit_code == 0
    assert "one card per sheet, as without --sheet" in result.stderr
    assert result.stdout_bytes == ok("cards", PROGRESS, "--format", "pdf", "--paper", "a4")


def test_sheets_work_with_your_own_card_template(tmp_path):
    (tmp_path / "html").mkdir()
    own = (ROOT / "src/methodengine/output/cards/templates/html/card.html").read_text(encoding="utf-8")
    (tmp_path / "html" / "card.html").write_text(own.replace('<h2 class="title">', '<h2 class="title">MIJN '))
    html = ok("cards", INCIDENT, "--format", "html", "--sheet", "a4", "--templates", tmp_path).decode("utf-8")
    assert html.count('<div class="sheet">') == math.ceil(len(deck_titles(INCIDENT)) / 4)
    assert html.count("MIJN ") == len(deck_titles(INCIDENT))


# ---------------------------------------------------------------- the cut marks, as printed


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm is missing, and CI must look at the printed sheets (apt-get install poppler-utils)")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    return found


def grey_pixels(pdftoppm: str, pdf: Path, dpi: int = 300) -> tuple[int, int, bytes]:
    """The first page as 8-bit grey pixels: width, height, data."""
    out = subprocess.run(
        [pdftoppm, "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True
    ).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
    assert header
    return int(header[1]), int(header[2]), out[header.end() :]


def assert_marks_printed(pdftoppm: str, pdf: Path, paper: str, sheet: str, dpi: int = 300) -> None:
    """Each cut mark is dark where the layout puts it, and the margin is white everywhere else (first sheet)."""
    width, height, data = grey_pixels(pdftoppm, pdf, dpi)
    found = sheets.layout_of(paper, sheet)
    per_mm = width / found.width
    assert abs(height / per_mm - found.height) < 1

    def darkest(left: float, top: float, right: float, bottom: float) -> int:
        xs = range(max(0, int(left * per_mm)), min(width, math.ceil(right * per_mm) + 1))
        ys = range(max(0, int(top * per_mm)), min(height, math.ceil(bottom * per_mm) + 1))
        return min(data[y * width + x] for y in ys for x in xs)

    for mark in found.marks:
        middle_x, middle_y = mark.left + mark.width / 2, mark.top + mark.height / 2
        assert darkest(middle_x - 0.3, middle_y - 0.3, middle_x + 0.3, middle_y + 0.3) < 160, mark
    # Around the cards, the marks alone: every other pixel of the margin is white (no card spills into it).
    step_x, step_y = found.card_width * found.scale, found.card_height * found.scale
    left, top = min(s.left for s in found.slots), min(s.top for s in found.slots)
    right, bottom = left + found.columns * step_x, top + found.rows * step_y
    near = 0.4  # mm of anti-aliasing around a mark and the cards
    for y in range(height):
        mm = y / per_mm
        spans = (
            [(0.0, found.width)]
            if mm < top - near or mm > bottom + near
            else [(0, left - near), (right + near, found.width)]
        )
        marks = [m for m in found.marks if m.top - near <= mm <= m.top + m.height + near]
        for start, end in spans:
            cuts = sorted(
                (m.left - near, m.left + m.width + near) for m in marks if m.left < end and m.left + m.width > start
            )
            for cut_start, cut_end in [*cuts, (end, end)]:
                if cut_start > start:
                    row = data[y * width + int(start * per_mm) : y * width + min(width, int(cut_start * per_mm))]
                    assert not row or min(row) > 240, (round(mm, 1), start, cut_start)
                start = max(start, cut_end)


def test_weasyprint_prints_the_cut_marks_in_the_margin_and_nothing_else(pdftoppm, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(ok("cards", INCIDENT, "--format", "pdf", "--sheet", "a4"))
    assert_marks_printed(pdftoppm, pdf, "a6", "a4")


# ---------------------------------------------------------------- a real browser


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is not installed, and CI must run the browser test (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def print_with_chromium(browser: str, html: Path, tmp_path: Path) -> Path:
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
    return out


def words_by_place(pdftotext: str, pdf: Path) -> list[dict[int, str]]:
    """The words of each page of a 2x2 sheet PDF, by position, as poppler finds them."""
    out = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        width, height = float(page[1]), float(page[2])
        places: dict[int, list[str]] = {}
        for word in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<', page[3]):
            place = (2 if float(word[2]) > height / 2 else 0) + (1 if float(word[1]) > width / 2 else 0)
            places.setdefault(place, []).append(html_lib.unescape(word[3]))
        found.append({place: "".join(words) for place, words in places.items()})
    return found


@pytest.mark.parametrize(("paper", "sheet", "size"), [("a6", "a4", A4), ("a6", "letter", LETTER)])
def test_chromium_prints_the_same_sheets_in_the_same_order(chromium, pdftoppm, paper, sheet, size, tmp_path):
    html = tmp_path / "kaarten.html"
    html.write_bytes(ok("cards", INCIDENT, "--format", "html", "--paper", paper, "--sheet", sheet))
    weasy = ok("cards", INCIDENT, "--format", "pdf", "--paper", paper, "--sheet", sheet)
    printed = print_with_chromium(chromium, html, tmp_path)
    assert_sheets(printed.read_bytes(), len(pages_of(weasy)), size)
    assert_marks_printed(pdftoppm, printed, paper, sheet)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    deck = deck_titles(INCIDENT, "--paper", paper)
    pages = words_by_place(pdftotext, printed)
    for k, (number, place) in enumerate(expected_places(len(deck), 4)):
        assert deck[k] in pages[number].get(place, ""), (k, deck[k], number, place)


@pytest.mark.parametrize(("paper", "sheet"), [("a5", "a4"), ("a6", "letter")])
def test_chromium_prints_the_foot_of_every_card_as_weasyprint_does(chromium, paper, sheet, tmp_path):
    """The foot sits at the bottom of the card: lost where a card's box reached past the sheet before it was scaled."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    args = ("cards", BACKSTAGE, "--start", "19:00", "--paper", paper, "--sheet", sheet)
    html = tmp_path / "kaarten.html"
    html.write_bytes(ok(*args, "--format", "html"))
    feet = re.findall(r'<footer class="foot">(.*?)</footer>', html.read_text(encoding="utf-8"), re.S)
    feet = [squashed(html_lib.unescape(re.sub(r"<[^>]+>", " ", foot))) for foot in feet]
    assert len(feet) >= 8
    weasy = tmp_path / "weasyprint.pdf"
    weasy.write_bytes(ok(*args, "--format", "pdf"))
    for pdf in (weasy, print_with_chromium(chromium, html, tmp_path)):
        text = squashed(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        assert [foot for foot in feet if foot not in text] == [], pdf.name


def test_chromium_prints_two_a5_cards_on_a_landscape_a4(chromium, tmp_path):
    html = tmp_path / "a5.html"
    html.write_bytes(ok("cards", BACKSTAGE, "--format", "html", "--paper", "a5", "--sheet", "a4"))
    printed = print_with_chromium(chromium, html, tmp_path)
    assert_sheets(printed.read_bytes(), math.ceil(len(deck_titles(BACKSTAGE, "--paper", "a5")) / 2), (A4[1], A4[0]))


# ---------------------------------------------------------------- clear answers


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_sheet_with_a_format_that_is_not_printed_is_a_usage_error_writing_nothing(fmt, tmp_path):
    target = tmp_path / "kaarten"
    result = run("cards", INCIDENT, "--format", fmt, "--sheet", "a4", "-o", target)
    assert result.exit_code == 2
    assert f"only printed cards go on sheets: use --format html or pdf, not {fmt}" in result.stderr
    assert not target.exists()


def test_paper_and_sheet_are_taken_as_a_trainer_writes_them():
    assert ok("cards", INCIDENT, "--paper", "A5", "--sheet", "A4", "--format", "html") == ok(
        "cards", INCIDENT, "--paper", "a5", "--sheet", "a4", "--format", "html"
    )


def test_sheet_refused_in_dutch_too():
    result = run("--lang", "nl", "cards", INCIDENT, "--sheet", "a4")
    assert result.exit_code == 2
    assert "alleen afgedrukte kaarten gaan op vellen: gebruik --format html of pdf, niet text" in result.stderr


def test_only_a_kind_the_recipe_has_no_card_of_is_an_error_naming_it_and_the_kinds_it_has(tmp_path):
    target = tmp_path / "kaarten.txt"
    result = run("cards", INCIDENT, "--only", "checkpoint", "-o", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{INCIDENT}: error: this recipe has no `checkpoint` card" in result.stderr
    assert "hint: --only takes the kinds these cards have: overview, phases, roles, trajectory" in result.stderr
    assert not target.exists()
    dutch = run("--lang", "nl", "cards", INCIDENT, "--only", "beslismoment")
    assert dutch.exit_code == 1
    assert "error: dit recept heeft geen `beslismoment`-kaart" in dutch.stderr
    assert "overzicht, fasen, rollen, traject" in dutch.stderr


def test_only_several_kinds_of_which_some_have_no_card_warns_and_prints_the_others():
    result = run("cards", INCIDENT, "--only", "checkpoint,overview", "--format", "json")
    assert result.exit_code == 0
    assert "warning: this recipe has no `checkpoint` card" in result.stderr
    assert '"kind": "overview"' in result.stdout and '"kind": "checkpoint"' not in result.stdout
    assert run("cards", PROGRESS, "--only", "checkpoint").stderr == ""  # a kind it has: not a word


def test_only_a_kind_this_meeting_has_no_card_of_names_the_meeting(tmp_path):
    recipe = tmp_path / "reeks.mth"
    recipe.write_text(
        "recipe: Reeks\ngroup: 4-6\nrole deelnemer: Deelnemer\ntrajectory\n  meetings: 3\n"
        "phase Ronde (20 min)\n  do: Praten.\n"
        "checkpoint Verder? (5 min)\n  when: meeting 3\n  decide: deelnemer\n",
        encoding="utf-8",
    )
    assert run("cards", recipe, "--only", "checkpoint", "--meeting", "3").exit_code == 0
    result = run("cards", recipe, "--only", "checkpoint", "--meeting", "1")
    assert result.exit_code == 1, result.output
    assert "error: with --meeting 1 there is no `checkpoint` card" in result.stderr


def test_the_sheet_example_in_the_docs_is_an_a4_deck_of_the_tool_in_cut_and_stack_order():
    example = ROOT / "docs" / "examples" / "incidentmethode-a4-sheet.pdf"
    recipe = ROOT / "recipes" / "incidentmethode.mth"  # the example recipe, as docs/cards.md's command says
    html = ok("cards", recipe, "--start", "19:30", "--format", "html").decode("utf-8")
    deck = titles(html)
    assert_sheets(example.read_bytes(), math.ceil(len(deck) / 4), A4)
    title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html)[1])
    assert pypdf.PdfReader(example).metadata.title == title
    pages = runs_by_place(example.read_bytes())
    for k, (sheet, place) in enumerate(expected_places(len(deck), 4)):
        assert deck[k] in pages[sheet].get(place, ""), (k, deck[k], sheet, place)
    assert "19:30" in pages[0][0]  # made with --start 19:30: the overview has the clock
