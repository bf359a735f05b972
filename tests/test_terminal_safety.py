"""Recipe text never acts on the terminal, and carets stand under the character they point at.

A recipe is anyone's text: an ESC sequence in it must not retitle the window or hide lines when
``check`` echoes it or a text card prints it, and a bidi override must not reorder what is shown.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import methodengine
from methodengine._terminal import char_width, shown
from methodengine.cli import main
from methodengine.diagnostics import error, render
from methodengine.model import Position

ESCAPES = {
    "\x1b]0;pwned\x07": "\\x1b]0;pwned\\x07",  # OSC: sets the window title
    "\x1b[2J": "\\x1b[2J",  # CSI: clears the screen
    "\x9b31m": "\\x9b31m",  # C1 CSI
    "\x7f": "\\x7f",
    "\x08": "\\x08",  # backspace: overwrites what was shown
    "\r": "\\x0d",
    "\u202e": "\\u202e",  # right-to-left override (Trojan Source)
    "\u2066": "\\u2066",
}
RAW = ["\x1b", "\x07", "\x9b", "\x7f", "\x08", "\u202e", "\u2066"]


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_safe(output: str) -> None:
    for char in RAW:
        assert char not in output, f"{char!r} reached the terminal raw"


@pytest.mark.parametrize("raw", list(ESCAPES))
def test_check_echoes_the_line_and_message_with_control_characters_escaped(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "r.mth"
    path.write_bytes(f"recipe: X\n\nphase Inbreng{raw}eind\n".encode())
    result = run("check", path)
    assert result.exit_code == 1, result.output
    assert_safe(result.output)
    if raw != "\r":  # a lone CR ends the line
        assert f"phase `Inbreng{ESCAPES[raw]}eind` has no time box" in result.output
        assert f"     3 | phase Inbreng{ESCAPES[raw]}eind" in result.output


def test_check_short_format_escapes_too(tmp_path: Path) -> None:
    path = tmp_path / "r.mth"
    path.write_bytes(b"recipe: X\nphase A\x1b[2J\n")
    result = run("check", "--format", "short", path)
    assert_safe(result.output)
    assert "phase `A\\x1b[2J` has no time box" in result.output


RECIPE = """recipe: Intervisie{raw}
group: 4-7

role inbrenger: Inbrenger{raw}
  count: 1

phase Inbreng{raw} (10 min)
  lead: inbrenger
  say: Wat speelt er{raw}?

trajectory
  meetings: 3
  every: 2 weeks
"""


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("raw", ["\x1b]0;pwned\x07", "\u202e", "\x9b2J"])
def test_cards_show_control_characters_escaped(tmp_path: Path, fmt: str, raw: str) -> None:
    path = tmp_path / "r.mth"
    path.write_text(RECIPE.format(raw=raw), encoding="utf-8")
    result = run("cards", path, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    escaped = ESCAPES.get(raw, shown(raw))
    if fmt == "md":  # Markdown escapes the escape's backslash, so that it shows as written
        escaped = escaped.replace("\\", "\\\\").replace("]", "\\]")
    assert f"Inbreng{escaped}" in result.output


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_schedule_shows_control_characters_escaped(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "r.mth"
    path.write_text(RECIPE.format(raw="\x1b]0;pwned\x07"), encoding="utf-8")
    result = run("schedule", path, "--start", "2027-01-11", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    assert "Intervisie\\x1b" in result.output.replace("\\\\", "\\") and "pwned" in result.output


def test_html_cards_carry_no_raw_markup() -> None:
    # HTML is Jinja's autoescape's business: recipe text cannot open a tag.
    recipe = methodengine.parse(RECIPE.format(raw="<script>"))
    from methodengine.output.cards.render import render
    from methodengine.planning.meeting_plan import CardOptions

    html = render(recipe, CardOptions(), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("raw", [raw for raw in ESCAPES if raw != "\r"])  # a CR ends a line in a recipe
def test_html_cards_show_control_characters_escaped(raw: str) -> None:
    # Autoescape leaves an ESC or a bidi override alone; it must not reach a terminal or a PDF raw.
    recipe = methodengine.parse(RECIPE.format(raw=raw))
    from methodengine.output.cards.render import render
    from methodengine.planning.meeting_plan import CardOptions

    html = render(recipe, CardOptions(), "html")
    assert_safe(html)
    assert ESCAPES[raw] in html


# ---------------------------------------------------------------- carets


def caret_line(line: str, column: int) -> tuple[str, str]:
    shown_line, caret = render(error("x", Position("p", 1, column), hint="h"), line).split("\n")[1:3]
    return shown_line, caret


@pytest.mark.parametrize(
    ("line", "column", "before"),
    [
        ("group: 漢字 7-4", 11, 12),  # two wide characters: 2 columns each
        ("say: 😀 x", 8, 8),  # an emoji is wide
        ("say: e\u0301e\u0301 x", 11, 8),  # combining acute accents take no column
        ("say: a\u200bb x", 10, 8),  # a zero-width space takes none
        ("say: \x1bx", 7, 9),  # an escaped ESC shows as \x1b: 4 columns
        ("\tsay: x", 7, 9),  # a tab to the next multiple of 4
    ],
)
def test_the_caret_counts_display_columns(line: str, column: int, before: int) -> None:
    _, caret = caret_line(line, column)
    assert caret == "       | " + " " * before + "^"


def test_a_tab_after_wide_characters_expands_by_display_width() -> None:
    shown_line, caret = caret_line("漢\tx", 3)
    assert shown_line == "     1 | 漢  x"
    assert caret == "       | " + " " * 4 + "^"


def display_width(text: str) -> int:
    """An independent count: the columns each shown character takes on a terminal."""
    total = 0
    for char in shown(text):
        if unicodedata.category(char) in ("Mn", "Me", "Cf") or unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


LINE_CHARACTERS = st.one_of(
    st.characters(exclude_categories=("Cs",), exclude_characters="\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
    st.sampled_from(["漢", "😀", "\u0301", "\u200b", "\x1b", "\u202e", "\x9b", "\x00", "é", "a"]),
)


@settings(max_examples=300, deadline=None)
# A byte order mark at the very start of a file is no part of its first line (see test_malformed).
# An empty text (an empty or refused file) shows no line at all: see test_an_empty_text_shows_no_line.
@given(
    st.lists(LINE_CHARACTERS, min_size=1, max_size=40).map("".join).filter(lambda s: not s.startswith("\ufeff")),
    st.data(),
)
def test_the_caret_column_is_the_display_width_of_the_shown_prefix(line: str, data: st.DataObject) -> None:
    column = data.draw(st.integers(1, len(line) + 1))
    shown_line, caret = caret_line(line, column)
    assert shown_line == "     1 | " + shown(line)
    assert caret == "       | " + " " * display_width(line[: column - 1]) + "^"


def test_char_width_of_an_escape_is_its_length() -> None:
    assert char_width("\x1b") == 4 and char_width("\u202e") == 6
    assert char_width("漢") == 2 and char_width("\u0301") == 0 and char_width("a") == 1


# ---------------------------------------------------------------- linear time


def test_thirty_thousand_diagnostics_render_in_linear_time() -> None:
    # Each diagnostic used to split the whole text again: 8,000 took 23 s, 30,000 minutes.
    n = 30_000
    text = "recipe: Many\n" + "".join(f"phase Fase {i} (1 min)\n  id: zelfde\n" for i in range(n))
    diagnostics = [error("duplicate phase id `zelfde`", Position("p", 3 + 2 * i, 7), hint="h") for i in range(n)]
    started = time.perf_counter()
    rendered = [render(d, {"p": text}) for d in diagnostics]
    assert time.perf_counter() - started < 10
    assert rendered[-1].split("\n")[1] == f"  {1 + 2 * n:>4} |   id: zelfde"


def test_a_cards_warning_quoting_a_title_escapes_it(tmp_path: Path) -> None:
    path = tmp_path / "r.mth"
    path.write_text(
        "recipe: X\n\nrounds 1-2: Beurt\x1b[2J\n  phase Inbreng (10 min)\n    say: Wat speelt er?\n", encoding="utf-8"
    )
    result = run("cards", path, "--rounds", "5")
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    assert "`Beurt\\x1b[2J`'s" in result.output


def test_many_diagnostics_in_one_long_line_cost_the_line_once() -> None:
    # 30,000 unknown role ids on 100 `speak:` lines of 3,000 characters: each line is measured once.
    lines = ["recipe: Many"] + ["  speak: " + ", ".join(f"rôle{j}" for j in range(300)) for _ in range(100)]
    text = "\n".join(lines)
    diagnostics = [
        error("unknown role", Position("p", 2 + i % 100, 10 + 7 * (i % 300)), hint="h") for i in range(30_000)
    ]
    started = time.perf_counter()
    for d in diagnostics:
        render(d, {"p": text})
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    "args",
    [
        ["cards", "{recipe}", "--start", "1\x1b]0;pwned\x07"],
        ["cards", "{recipe}", "--format", "x\x1b[2J"],
        ["schedule", "{recipe}", "--start", "2027-01-\x9b31m"],
        ["ch\x1b[2Jeck"],
    ],
    ids=["option-value", "format-name", "date", "command-name"],
)
def test_usage_errors_quote_what_was_typed_escaped(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "r.mth"
    path.write_text(RECIPE.format(raw=""), encoding="utf-8")
    result = run(*(a.format(recipe=path) for a in args))
    assert result.exit_code == 2
    assert_safe(result.output)
    assert "\\x1b" in result.output or "\\x9b" in result.output


def test_an_empty_text_shows_no_line() -> None:
    # A refused file (over 5 MB, /dev/zero) is shown as nothing: no blank line with a caret under it.
    assert render(error("the file is larger than 5 MB", Position("p", 1, 1), hint="h"), "").split("\n") == [
        "p:1:1: error: the file is larger than 5 MB",
        "  hint: h",
    ]
