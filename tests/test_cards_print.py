"""Printed cards: one card per page at the chosen paper size, nothing spilling over, in WeasyPrint and Chromium.

The PDF tests need WeasyPrint (the ``pdf`` extra, installed with ``test``).
The browser test prints the HTML with headless Chromium, as a trainer's
browser would; it is skipped when Chromium is missing, except in CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
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

    The PDF is made from the same layout as ``methodengine cards --format pdf`` makes it, without
    laying the cards out twice.
    """

    def walk(box):  # type: ignore[no-untyped-def]
        yield box
        for child in getattr(box, "children", None) or ():
            yield from walk(child)

    document = weasyprint.HTML(string=html).render()
    found = []
    for number, page in enumerate(document.pages, start=1):
        bodies = [
            b
            for b in walk(page._page_box)
            if getattr(b, "element", None) is not None
            and b.element_tag == "div"
            and "body" in (b.element.get("class") or "").split()
        ]
        assert len(bodies) == 1, f"page {number} holds {len(bodies)} cards"
        body = bodies[0]
        bottom = max((c.position_y + c.margin_height() for c in body.children), default=0)
        if bottom > body.content_box_y() + body.height + 0.5:
            found.append(f"page {number}: {bottom - body.content_box_y():.0f} of {body.height:.0f}px")
    return found, document.write_pdf()


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
    recipe = ROOT / "recipes" / f"{args[0]}.mth"
    html = run("cards", recipe, *args[1:], "--format", "html").decode("utf-8")
    assert "2027" in html
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, cards_in(html), "a6")


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_pdf_pages_have_the_chosen_paper_size(paper):
    recipe = ROOT / "recipes" / "backstagegroep.mth"
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
    assert "Volgende fase: Kort" in html
    assert "Stap 40:" in html and "ophoudt en doorgaat.</span>" in html
    overflowing, pdf = overflowing_cards(html)
    assert overflowing == []
    assert_pages(pdf, cards_in(html), "a6")


def test_a_card_a_little_too_long_is_set_smaller(tmp_path):
    lines = ["recipe: Net te lang", "phase Veel te zeggen (30 min)"]
    lines += [
        f"  say: Zin {n} die de begeleider zegt, en die nog wat doorloopt tot de regel vol is." for n in range(13)
    ]
    path = tmp_path / "net.mth"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    html = run("cards", path, "--format", "html", "--only", "phases").decode("utf-8")
    assert cards_in(html) == 1
    assert "scale-100" not in html.split("<body")[1]
    assert overflowing_cards(html)[0] == []


def test_the_example_in_the_docs_is_an_a6_deck_of_the_tool():
    example = ROOT / "docs" / "examples" / "incidentmethode-a6.pdf"
    html = run(
        "cards", ROOT / "recipes" / "incidentmethode.mth", "--start", "19:30", "--group", "5", "--format", "html"
    ).decode("utf-8")
    assert_pages(example.read_bytes(), cards_in(html), "a6")
    reader = pypdf.PdfReader(example)
    assert reader.metadata.title == "Incidentmethode: kaarten"
    assert "Volgende fase: Incident kiezen, om 19:40" in reader.pages[1].extract_text()


def test_pdf_is_deterministic():
    recipe = ROOT / "recipes" / "progressiegericht.mth"
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
