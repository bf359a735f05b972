"""Printed cards: paper sizes, the sizes of everything on a card, and fitting cards to a page.

HTML has no way to shrink text to fit a box without a script, and the cards
must carry none. So the sizes the stylesheet uses live here, the stylesheet
is written from them, and the pager estimates each card's height from its
text with the advance widths of Liberation Sans (Arial's metrics), the first
font the stylesheet asks for. A card is never set smaller than its paper's
type: one that does not fit continues on cards of its own, each marked as a
continuation. Estimates err on the large side, and the stylesheet clips what
would still spill over, so that one card is always one printed page.

Every size is in ``em`` of the card's font. Each paper has a layout of its
own (:data:`PAPERS`), not an A6 card enlarged: A5 and A4 set larger type
with wider margins, and an A4 card puts its facts beside its script, or the
overview's roles beside its agenda, in two columns. The label column
(``LEIDT``, ``ZIT BUITEN DE KRING``) is one width for the whole deck: as
wide as the deck's widest label, up to a share of the card.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, repeat
from typing import Any

from attrs import evolve, fields, frozen

from methodengine.output.cards import _metrics
from methodengine.output.cards.constants import PAPER_SIZES

MM_PER_PT = 25.4 / 72

WIDTH_SLACK = 1.05
"""Estimated text widths are taken this much wider than measured, for kerning and other fonts."""

HEIGHT_SLACK = 0.98
"""Only this share of a card's height is filled by estimate (line heights are exact; line counts err wide)."""

CUT_LONGER_THAN = 0.3
"""A text entry taller than this share of a card may be cut across cards; shorter ones move whole."""

LABEL_SPACING = 0.02
"""Letter spacing of labels, in em of their font: tight enough that ``ZIT BUITEN DE KRING`` fits an A6 column."""

LABEL_SHARE = 0.32
"""The label column takes at most this share of a card's (or column's) width; a longer label wraps between words."""


@frozen
class Style:
    """The sizes of a card, in em of its font; the stylesheet is written from these."""

    pad_top: float = 1.45
    pad_side: float = 1.5
    pad_bottom: float = 1.1
    bar: float = 0.45  # the coloured band at the top, inside pad_top
    line: float = 1.3  # line height of body text
    label_size: float = 0.72  # the card's kind, and the labels of facts and script lines
    label_gap: float = 0.55
    head_label_gap: float = 0.2
    title_size: float = 1.45
    title_line: float = 1.15
    time_size: float = 1.1
    time_line: float = 1.25
    sub_size: float = 0.85
    sub_line: float = 1.3
    head_after: float = 0.5  # padding below the head, above its rule
    head_rule: float = 0.08
    body_before: float = 0.45
    entry_gap: float = 0.18  # below facts and script lines
    heading_size: float = 0.76
    heading_before: float = 0.65
    heading_after: float = 0.15
    note_size: float = 0.84
    note_line: float = 1.25
    row_pad: float = 0.14
    indent: float = 1.0
    time_column: float = 3.1
    time_column_wide: float = 6.6
    right_gap: float = 0.6
    rule: float = 0.9  # a separator, with its margins
    para_after: float = 0.4
    check_height: float = 2.0
    write_height: float = 2.7  # room for a label of two lines beside the line
    foot_size: float = 0.85
    foot_line: float = 1.3
    foot_before: float = 0.4  # padding above the foot's lines, below its rule
    column_gap: float = 1.4  # between the two columns of an A4 card
    side_share: float = 0.34  # the share of the width the side column (facts, roles) takes

    def em(self, value: float) -> str:
        return f"{value:g}em"


STYLE = Style()
"""The sizes of an A6 card."""


@frozen
class Paper:
    """A paper's card: its size, its type size and sizes, and which kinds of card it sets in two columns."""

    name: str
    width_mm: float
    height_mm: float
    font_pt: float
    style: Style = STYLE
    columns: frozenset[str] = frozenset()  # the kinds of card set in two columns when they fit so
    columns_if_long: frozenset[str] = frozenset()  # ... only when they do not fit in one

    @property
    def font_mm(self) -> float:
        return self.font_pt * MM_PER_PT

    @property
    def width_em(self) -> float:
        return self.width_mm / self.font_mm

    @property
    def height_em(self) -> float:
        return self.height_mm / self.font_mm

    @property
    def content_width(self) -> float:
        """The width inside the card's side margins, in em."""
        return self.width_em - 2 * self.style.pad_side


PAPERS: dict[str, Paper] = {
    # A6: held in the hand; 9.5 pt is the smallest type read comfortably at arm's length.
    "a6": Paper("a6", *PAPER_SIZES["a6"], font_pt=9.5),
    # A5: larger type (not the 13.4 pt of an enlarged A6), wider margins; a long overview puts its agenda beside
    # its roles rather than continue. A phase card keeps one column: beside the facts, its script would be too narrow.
    "a5": Paper(
        "a5",
        *PAPER_SIZES["a5"],
        font_pt=11.0,
        style=evolve(STYLE, pad_top=1.9, pad_side=2.1, pad_bottom=1.6, bar=0.5, title_size=1.6, head_after=0.6),
        columns_if_long=frozenset({"overview"}),
    ),
    # A4: on the table or the wall: 13 pt, wide margins, and two columns where one would run the width of a page.
    "a4": Paper(
        "a4",
        *PAPER_SIZES["a4"],
        font_pt=13.0,
        style=evolve(
            STYLE,
            pad_top=2.3,
            pad_side=2.6,
            pad_bottom=2.0,
            bar=0.6,
            title_size=1.9,
            time_size=1.25,
            head_after=0.75,
            body_before=0.7,
            heading_before=0.9,
            rule=1.1,
        ),
        columns=frozenset({"overview", "phase"}),
    ),
}
"""Each paper's card; the keys are the papers of ``--paper``."""


def paper(name: str) -> Paper:
    return PAPERS[name]


def style_items(style: Style = STYLE) -> dict[str, float]:
    """The sizes of ``style`` by name, as the stylesheet reads them (``layout.n``)."""
    return {a.name: getattr(style, a.name) for a in fields(Style)}


# ---------------------------------------------------------------- measuring text


def text_width(text: str, size: float = 1.0, bold: bool = False, spacing: float = 0.0) -> float:
    """The width of ``text`` in em of the card's font, at ``size`` em."""
    widths = _metrics.BOLD if bold else _metrics.REGULAR
    units = sum(widths.get(c, _metrics.DEFAULT) for c in text)
    return _width(units, len(text), size, spacing)


def _width(units: int, length: int, size: float, spacing: float) -> float:
    """The width of ``length`` characters of ``units`` thousandths of an em in all, as :func:`text_width` has it."""
    return (units / 1000 + spacing * length) * size * WIDTH_SLACK


_TOKENS = re.compile(r"\n|\S+")
"""A line break, or a word: as ``text.split("\\n")``, then ``str.split()``, give them (``\\s`` is ``str.isspace``)."""

_WORDS = re.compile(r"\S+")
"""A word, as ``str.split()`` gives it."""


def wrap(
    text: str,
    width: float,
    size: float = 1.0,
    bold: bool = False,
    spacing: float = 0.0,
    limit: int | None = None,
) -> list[str]:
    """``text`` broken into lines of at most ``width`` em, as a browser breaks it, roughly.

    Widths are added up word by word and, in a word longer than the line,
    character by character, so the time taken grows with the length of the
    text and no faster. With ``limit``, wrapping stops once there are more
    than ``limit`` lines: the lines so far are the first lines of the whole,
    and the text after them is not read.
    """
    widths = _metrics.BOLD if bold else _metrics.REGULAR
    default = _metrics.DEFAULT
    space = widths.get(" ", default)
    lines: list[str] = []
    # The line being filled: its words, its width in units and its length in characters.
    current: list[str] = []
    units = length = 0
    for token in _TOKENS.finditer(text):
        if limit is not None and len(lines) > limit:
            return lines
        word = token.group()
        if word == "\n":
            lines.append(" ".join(current))
            current, units, length = [], 0, 0
            continue
        word_units = sum(map(widths.get, word, repeat(default)))
        if current:
            trial_units, trial_length = units + space + word_units, length + 1 + len(word)
        else:
            trial_units, trial_length = word_units, len(word)
        if _width(trial_units, trial_length, size, spacing) <= width:
            current.append(word)
            units, length = trial_units, trial_length
            continue
        if current:
            lines.append(" ".join(current))
        # A word longer than the line is broken anywhere: each piece the longest that fits, at least a character.
        start = 0
        if _width(word_units, len(word), size, spacing) > width and len(word) > 1:
            chars = list(map(widths.get, word, repeat(default)))
            while _width(word_units, len(word) - start, size, spacing) > width and len(word) - start > 1:
                if limit is not None and len(lines) > limit:
                    return lines
                # The longest piece that fits: widths only grow character by character, so it ends where
                # the first piece too wide does. What is left of the word does not fit, so that is before its end.
                fit = fit_units = 0
                while _width(fit_units + chars[start + fit], fit + 1, size, spacing) <= width:
                    fit_units += chars[start + fit]
                    fit += 1
                if fit == 0:
                    fit, fit_units = 1, chars[start]
                lines.append(word[start : start + fit])
                start += fit
                word_units -= fit_units
        current = [word[start:] if start else word]
        units, length = word_units, len(word) - start
    lines.append(" ".join(current))
    return lines


def line_count(
    text: str,
    width: float,
    size: float = 1.0,
    bold: bool = False,
    spacing: float = 0.0,
    limit: int | None = None,
) -> int:
    """The number of lines ``text`` wraps to; with ``limit``, any number above ``limit`` may stand for a larger one."""
    return len(wrap(text, width, size, bold, spacing, limit)) if text else 0


# ---------------------------------------------------------------- measuring cards


def _labels(entries: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    """The labels that set the label column's width: of facts and script lines.

    The label below a line to write on (``VOLGENDE AFSPRAAK``) wraps in the
    column instead: one such line should not push every card's text aside.
    """
    return (e["label"] for e in entries if e["type"] in ("fact", "line") and e.get("label"))


def label_width(cards: Iterable[Mapping[str, Any]], page: Paper) -> float:
    """The label column of a deck, in em: its widest label on one line, at most :data:`LABEL_SHARE` of the card.

    One width for every card, so that the text beside the labels starts at
    the same place on each card of the deck. A label wider than the cap
    (``SITS OUTSIDE THE CIRCLE``) asks only for two lines, broken between
    words; the pager counts the lines each label takes.
    """
    s = page.style

    def width(text: str) -> float:
        return text_width(text, s.label_size, True, LABEL_SPACING)

    cap = LABEL_SHARE * page.content_width
    needs = [0.0]
    for label in {label.upper() for card in cards for label in _labels(_beside_text(card, page))}:
        words = label.split()
        if width(label) <= cap or len(words) < 2:
            needs.append(width(label))
        else:  # the narrowest two lines it makes, broken between words
            needs.append(min(max(width(" ".join(words[:k])), width(" ".join(words[k:]))) for k in range(1, len(words))))
    return round(min(max(max(needs), MIN_LABEL_WIDTH), cap) + 0.005, 2)


def _beside_text(card: Mapping[str, Any], page: Paper) -> Sequence[Mapping[str, Any]]:
    """The entries of a card whose labels stand beside their text: on a two-column card, not the side column's.

    A card laid out already says whether it has columns; one not yet is taken to have them if its kind may.
    """
    if "columns" in card:
        return card["entries"] if card["columns"] is None else card["columns"][1]
    at = _column_split(card) if _in_columns(card, page) else None
    return card["entries"] if at is None else card["entries"][at:]


MIN_LABEL_WIDTH = 2.6
"""The narrowest label column, in em: ``DOE`` alone still gets a column that reads as one."""


class Measure:
    """Heights of the parts of a card, in em, for a content box ``width`` em wide.

    ``stacked`` is the side column of a two-column card: there a label
    stands above its text, not beside it.
    """

    def __init__(self, width: float, style: Style = STYLE, label_width: float = 5.9, stacked: bool = False) -> None:
        self.width = width
        self.s = style
        self.label_width = width if stacked else label_width
        self.stacked = stacked

    def label_lines(self, label: str) -> int:
        s = self.s
        return max(1, line_count(label.upper(), self.label_width, s.label_size, bold=True, spacing=LABEL_SPACING))

    def head(self, card: Mapping[str, Any], first: bool) -> float:
        s, w = self.s, self.width
        height = s.label_size * s.sub_line + s.head_label_gap
        height += line_count(card["title"], w, s.title_size, bold=True) * s.title_size * s.title_line
        for line in card["time"]:
            height += line_count(line, w, s.time_size, bold=True) * s.time_size * s.time_line
        if first:
            for line in card["sub"]:
                height += line_count(line, w, s.sub_size) * s.sub_size * s.sub_line
        return height + s.head_after + s.head_rule + s.body_before

    def foot(self, lines: Iterable[str]) -> float:
        s = self.s
        lines = list(lines)
        if not lines:
            return 0.0
        count = sum(line_count(line, self.width, s.foot_size) for line in lines)
        return s.foot_before + s.head_rule + count * s.foot_size * s.foot_line

    def text_width(self, entry: Mapping[str, Any]) -> float:
        """The width the text of a fact, script line or paragraph wraps to: beside its label, or the card's."""
        if entry["type"] in ("fact", "line") and not self.stacked:
            return self.width - self.label_width - self.s.label_gap
        return self.width

    def entry(self, entry: Mapping[str, Any], limit: float | None = None) -> float:
        """The height of an entry; with ``limit``, a height above ``limit`` may come out as any height above it.

        The limit spares measuring all of a long text only to learn that it does not fit.
        """
        s, w = self.s, self.width
        kind = entry["type"]
        # Text of more lines than this is taller than the limit (the lines measured after it only add to that).
        lines_limit = None if limit is None else max(0, int(limit / s.line)) + 2
        if kind in ("fact", "line"):
            value = line_count(entry["text"], self.text_width(entry), limit=lines_limit)
            label = self.label_lines(entry["label"]) if entry["label"] else 0
            if self.stacked:
                return (label + max(value, 1)) * s.line + s.entry_gap
            return max(value, label, 1) * s.line + s.entry_gap
        if kind == "heading":
            lines = line_count(entry["text"].upper(), w, s.heading_size, bold=True, spacing=0.06)
            return s.heading_before + lines * s.heading_size * s.line + s.heading_after
        if kind == "para":
            return line_count(entry["text"], self.text_width(entry), limit=lines_limit) * s.line + s.para_after
        if kind == "row":
            column = {"none": 0.0, "narrow": s.time_column, "wide": s.time_column_wide}[entry.get("times", "none")]
            left = w - column - s.indent * entry["indent"]
            right = text_width(entry["right"], bold=entry["strong"])
            wraps = entry["wrap_right"] or self.stacked  # in a side column, a long count wraps too
            if wraps:
                right = min(right, left * 0.45)
            left -= right + s.right_gap
            lines = line_count(entry["left"], left, bold=entry["strong"])
            if wraps:
                lines = max(lines, line_count(entry["right"], right + 0.01))
            height = lines * s.line + 2 * s.row_pad
            if entry["note"]:
                height += line_count(entry["note"], left, s.note_size) * s.note_size * s.note_line
            return height
        if kind == "check":
            return s.check_height
        if kind == "write":
            return s.write_height
        if kind == "rule":
            return s.rule
        return 2 * s.line

    def entries(self, entries: Iterable[Mapping[str, Any]], limit: float | None = None) -> float:
        return sum(self.entry(e, limit=limit) for e in entries)


# ---------------------------------------------------------------- fitting cards to pages


def paginate(cards: list[dict[str, Any]], paper_name: str, continued: str) -> list[dict[str, Any]]:
    """Each card set to fit its page at its paper's type size: as it is, in two columns, or continued on more cards.

    ``continued`` is the foot of every part but the last (``Verder op de volgende kaart``).
    Every card gets the deck's ``label_width`` (em), and ``columns``: None, or
    the side and main column's entries when it is set in two.
    """
    page = paper(paper_name)
    # At first the facts of a card that may be set in two columns are taken to stand in its side column, above
    # their text; a card that then does not fit in two has them beside its text, and the column is made again.
    labels = label_width(cards, page)
    for _ in range(3):
        out: list[dict[str, Any]] = []
        for card in cards:
            out.extend(_fit_card(dict(card, scale=1, label_width=labels, columns=None), page, continued))
        needed = label_width(out, page)
        if needed <= labels:
            break
        labels = needed
    return out


def deck(
    cards: list[dict[str, Any]], paper_name: str, continued: str, language: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The cards fitted to their pages, and what the stylesheet needs to know of paper and deck (``layout``)."""
    page = paper(paper_name)
    side, main = column_widths(page)
    fitted = paginate(cards, paper_name, continued)
    context = {
        "paper": page.name,
        "width": f"{page.width_mm:g}mm",
        "height": f"{page.height_mm:g}mm",
        "font": f"{page.font_pt:g}pt",
        "n": style_items(page.style),
        "scales": [100],
        "language": language,
        "label_width": fitted[0]["label_width"] if fitted else label_width(cards, page),
        "side_width": round(side, 3),
        "main_width": round(main, 3),
    }
    return fitted, context


def column_widths(page: Paper) -> tuple[float, float]:
    """The widths of the side and the main column of a two-column card, in em."""
    s = page.style
    side = (page.content_width - s.column_gap) * s.side_share
    return side, page.content_width - s.column_gap - side


def _room(page: Paper) -> tuple[float, float]:
    """The width and height a card's content may fill, in em; the height keeps :data:`HEIGHT_SLACK` in reserve."""
    s = page.style
    return page.content_width, (page.height_em - s.pad_top - s.pad_bottom) * HEIGHT_SLACK


def _column_split(card: Mapping[str, Any]) -> int | None:
    """Where a card's entries part into a side and a main column, if its kind reads better so; None if not.

    A phase card: who does what beside the script (the facts before the
    first rule). The overview: its summary, facts and roles beside the
    agenda (the last heading).
    """
    entries = card["entries"]
    at: int | None = None
    if card.get("kind") == "phase":
        rules = [i for i, e in enumerate(entries) if e["type"] == "rule"]
        if rules and all(e["type"] == "fact" for e in entries[: rules[0]]):
            at = rules[0]
    elif card.get("kind") == "overview":
        headings = [i for i, e in enumerate(entries) if e["type"] == "heading"]
        at = headings[-1] if headings else None
    if not at or at >= len(entries) - 1:
        return None
    return at


def _fit_card(card: dict[str, Any], page: Paper, continued: str) -> list[dict[str, Any]]:
    """``card`` as it prints: in two columns where its paper sets its kind so and they fit, else in one, else
    continued on cards of its own (:func:`_split`); never set smaller."""
    s = page.style
    width, height = _room(page)
    labels = card["label_width"]
    m = Measure(width, s, labels)
    # An entry taller than the card is measured no further: the card does not fit either way.
    fits = m.head(card, True) + m.foot(card["foot"]) + m.entries(card["entries"], limit=height) <= height
    at = _column_split(card) if _in_columns(card, page, fits) else None
    if at is not None:
        side, main = card["entries"][:at], card["entries"][at:]
        main = main[1:] if main[0]["type"] == "rule" else main
        side_width, main_width = column_widths(page)
        tall = max(Measure(side_width, s, labels, True).entries(side), Measure(main_width, s, labels).entries(main))
        if m.head(card, True) + m.foot(card["foot"]) + tall <= height:
            return [dict(card, columns=[side, main])]
    if fits:
        return [card]
    return _split(card, page, continued)


def _in_columns(card: Mapping[str, Any], page: Paper, fits: bool | None = None) -> bool:
    """Whether ``card`` is set in two columns on ``page`` if they fit; ``fits``: whether one column does (None: yes)."""
    kind = card.get("kind")
    return kind in page.columns or (kind in page.columns_if_long and fits is False)


def _split(card: dict[str, Any], page: Paper, continued: str) -> list[dict[str, Any]]:
    """A card too long for one page as several, each but the last with the ``continued`` foot.

    A section that fits a card of its own starts the next card instead of
    being cut, a heading stays with what follows it, and only long text is
    cut between words, so each card reads on its own.
    """
    width, height = _room(page)
    m = Measure(width, page.style, card["label_width"])
    pending = list(card["entries"])
    parts: list[list[dict[str, Any]]] = []
    heads = {first: m.head(card, first) for first in (True, False)}
    continued_foot = m.foot([continued])
    fresh = height - heads[False] - max(continued_foot, m.foot(card["foot"]))  # the room of a continuation
    spaced: dict[str, Any] | None = None  # the rest of the last entry cut: its words are one space apart
    fitted: int | None = None  # how many of its words the last cut put on its card
    while pending:
        room = height - heads[not parts] - continued_foot
        part: list[dict[str, Any]] = []
        used = 0.0
        while pending:
            entry = pending[0]
            if entry["type"] == "rule" and not part:
                pending.pop(0)
                continue
            if entry["type"] == "heading" and part:
                # A section (a heading and what follows it up to the next) that fits on a card of its own
                # starts the next card rather than being cut: the overview's agenda stays on one card.
                whole = m.entries(_section(pending), limit=fresh)
                if used + whole > room and whole <= fresh:
                    break
            # Measured up to the room only: what is taller than the room does not fit, and is long.
            # (Every entry has a height above 0, so a negative room changes nothing either.)
            need = own = m.entry(entry, limit=room)
            if entry["type"] == "heading" and len(pending) > 1:
                need += m.entry(pending[1], limit=room)  # keep a heading with what follows it
            if used + need <= room:
                part.append(pending.pop(0))
                used += m.entry(entry)
                continue
            # Text is cut only when it is long; a line or two moves whole to the next card.
            long = own > CUT_LONGER_THAN * room
            piece, rest, count = (
                _cut(entry, room - used, m, entry is spaced, fitted if entry is spaced else None)
                if long or not part
                else (None, entry, None)
            )
            if piece is not None:
                part.append(piece)
                pending[0] = spaced = rest
                fitted = count
            elif not part:
                # Nothing fits on an empty card: take it anyway; the stylesheet clips it.
                part.append(pending.pop(0))
            break
        parts.append(part)
    if not parts:
        parts.append([])  # no entries, and the head alone is too tall: one card, clipped
    # The last part's own foot may not fit beside its entries: then it gets a part of its own.
    last_room = height - heads[len(parts) == 1] - m.foot(card["foot"])
    if parts[-1] and sum(m.entry(e) for e in parts[-1]) > last_room:
        parts.append([])
    _no_lone_section(parts, m, last_room)
    out = []
    for number, entries in enumerate(parts, start=1):
        part = dict(card)
        part.update(
            entries=entries,
            part=number,
            parts=len(parts),
            foot=card["foot"] if number == len(parts) else [continued],
            sub=card["sub"] if number == 1 else [],
        )
        out.append(part)
    return out


def _no_lone_section(parts: list[list[dict[str, Any]]], m: Measure, room: float) -> None:
    """A last card holding one short section alone takes the section before it along, if both fit there.

    A trajectory's last line (``Tijd per bijeenkomst``) then does not stand
    alone on a card of its own, far from the dates above it.
    """
    if len(parts) < 2 or not parts[-1] or parts[-1][0]["type"] != "heading":
        return
    if any(e["type"] == "heading" for e in parts[-1][1:]) or m.entries(parts[-1]) > LONE_SECTION * room:
        return
    before = parts[-2]
    at = max((i for i, e in enumerate(before) if e["type"] == "heading"), default=0)
    if at > 0 and m.entries(before[at:] + parts[-1]) <= room:
        parts[-2], parts[-1] = before[:at], before[at:] + parts[-1]


LONE_SECTION = 0.25
"""A last card's one section shorter than this share of the card is too little to stand alone."""


def _section(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The heading that ``entries`` begin with and the entries after it, up to the next heading or rule."""
    end = next((i for i, e in enumerate(entries[1:], 1) if e["type"] in ("heading", "rule")), len(entries))
    return list(entries[:end])


def _cut(
    entry: Mapping[str, Any],
    room: float,
    m: Measure,
    spaced: bool = False,
    hint: int | None = None,
) -> tuple[dict[str, Any] | None, dict[str, Any], int | None]:
    """The longest head of a text entry that fits in ``room``, the rest, and the head's word count; None if none fits.

    Only the words up to about twice as many as fit are read, and the rest's
    words are put one space apart; ``spaced`` says that the entry's are
    already (it is the rest of a cut), which spares splitting the rest of a
    long text again for every card it continues on. ``hint`` is how many
    words fitted on the card before: about as many are read and wrapped
    first. A text continued over a thousand cards is wrapped about three
    times per card, not twenty (a 5 MB summary: 15 s to under 10 s).
    """
    if entry["type"] not in ("fact", "line", "para"):
        return None, dict(entry), None
    text = entry["text"]
    found = _WORDS.finditer(text)
    words: list[str] = []
    starts: list[int] = []

    def more_than(count: int) -> bool:
        """Whether the text has more than ``count`` words, read as far as needed to know."""
        while len(words) <= count:
            word = next(found, None)
            if word is None:
                return False
            words.append(word.group())
            starts.append(word.start())
        return True

    def fits(count: int) -> bool:
        trial = copy.copy(dict(entry))
        trial["text"] = " ".join(words[:count]) + " …"
        return m.entry(trial, limit=room) <= room

    # A head of 1 to all words but the last. More words never take fewer lines, so the words that fit are
    # the first ``best``. Greedy wrapping sets the first lines of a text the same whatever follows them,
    # so wrapping enough words once shows how many end within the lines the room holds: no more can fit
    # (with `` …`` after them, one or two fewer may be all), and a few trials find ``best``.
    lines_room = 0  # found by measuring 1, 2, ... lines of one letter each
    while m.entry(dict(entry, text="\n".join("x" * (lines_room + 1))), limit=room) <= room:
        lines_room += 1  # the lines of text the room holds
        if lines_room > room / m.s.line + 2:
            break
    want = max(hint or 1, 1) * 2 + 8
    while True:
        more = more_than(want)
        sample = " ".join(words[:want])
        lines = wrap(sample, m.text_width(entry), limit=lines_room + 1)
        if len(lines) > lines_room or not more:
            break
        want *= 2
    ended = 0  # the words that end within the first ``lines_room`` lines
    position = 0
    ends = list(accumulate(len(w) + 1 for w in words[:want]))  # where each word ends, with its space
    for line in lines[:lines_room]:
        position += len(line)
        if position < len(sample) and sample[position] == " ":
            position += 1
        ended = bisect_right(ends, position + 1 if position == len(sample) else position)
    high = min(ended, len(words) - 1) + 1  # more words than fit
    low = 0  # as many words as fit, or none
    for count in range(high - 1, max(high - 4, 0), -1):
        if fits(count):
            low = count
            break
        high = count
    while high - low > 1:
        mid = (low + high) // 2
        if fits(mid):
            low = mid
        else:
            high = mid
    best = low
    if best < 3:
        return None, dict(entry), None
    head = dict(entry)
    head["text"] = " ".join(words[:best]) + " …"
    rest = dict(entry)
    tail = text[starts[best] :]
    rest["text"] = "… " + (tail if spaced else " ".join(tail.split()))
    if "label" in rest:
        rest["label"] = ""
    return head, rest, best
