"""Printed cards: paper sizes, the sizes of everything on a card, and fitting cards to a page.

HTML has no way to shrink text to fit a box without a script, and the cards
must carry none. So the sizes the stylesheet uses live here, the stylesheet
is written from them, and the pager estimates each card's height from its
text with the advance widths of Liberation Sans (Arial's metrics), the first
font the stylesheet asks for. A card that is too long is set a little
smaller; one that still does not fit continues on cards of its own, each
marked as a continuation. Estimates err on the large side, and the
stylesheet clips what would still spill over, so that one card is always one
printed page.

Every size is in ``em`` of the card's font, and the font grows with the
paper: an A5 or A4 card is an A6 card enlarged, laid out the same.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from itertools import accumulate, repeat
from typing import Any

from attrs import frozen

from methodengine.output.cards import _metrics
from methodengine.output.cards.constants import PAPER_SIZES

BASE_PT = 9.5
"""The card's font size on A6, in points; larger paper scales it."""

MM_PER_PT = 25.4 / 72

SCALES = (1.0, 0.92, 0.85, 0.78)
"""How far a long card may be set smaller before it continues on a card of its own."""

WIDTH_SLACK = 1.05
"""Estimated text widths are taken this much wider than measured, for kerning and other fonts."""

HEIGHT_SLACK = 0.96
"""Only this share of a card's height is filled by estimate."""

CUT_LONGER_THAN = 0.3
"""A text entry taller than this share of a card may be cut across cards; shorter ones move whole."""


@frozen
class Style:
    """The sizes of a card, in em of its font; the stylesheet is written from these."""

    pad_top: float = 1.45
    pad_side: float = 1.5
    pad_bottom: float = 1.1
    bar: float = 0.45  # the coloured band at the top, inside pad_top
    line: float = 1.3  # line height of body text
    label_size: float = 0.72  # the card's kind, and the labels of facts and script lines
    label_width: float = 5.9  # the label column of facts and script lines, normally
    label_narrow: float = 4.4  # ... when every label is short (``Zeg``, ``Doe``)
    label_wide: float = 7.6  # ... when a label has a long word (``Bijeenkomsten``)
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
    write_height: float = 2.4
    foot_size: float = 0.85
    foot_line: float = 1.3
    foot_before: float = 0.4  # padding above the foot's lines, below its rule

    def em(self, value: float) -> str:
        return f"{value:g}em"


STYLE = Style()


@frozen
class Paper:
    name: str
    width_mm: float
    height_mm: float

    @property
    def font_pt(self) -> float:
        return round(BASE_PT * self.width_mm / PAPER_SIZES["a6"][0], 3)

    @property
    def font_mm(self) -> float:
        return self.font_pt * MM_PER_PT

    @property
    def width_em(self) -> float:
        return self.width_mm / self.font_mm

    @property
    def height_em(self) -> float:
        return self.height_mm / self.font_mm


def paper(name: str) -> Paper:
    width, height = PAPER_SIZES[name]
    return Paper(name, width, height)


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


LABEL_SPACING = 0.04
"""Letter spacing of labels, in em of their font."""


def label_column(entries: Iterable[Mapping[str, Any]], style: Style = STYLE) -> str:
    """The label column a card needs: ``narrow``, ``normal`` or ``wide``, so that no word of a label is broken."""
    words = [w for e in entries if e["type"] in ("fact", "line") for w in e["label"].upper().split()]
    longest = max((text_width(w, style.label_size, True, LABEL_SPACING) for w in words), default=0.0)
    if longest <= style.label_narrow:
        return "narrow"
    if longest <= style.label_width:
        return "normal"
    return "wide"


class Measure:
    """Heights of the parts of a card, in em, for a content box ``width`` em wide."""

    def __init__(self, width: float, style: Style = STYLE, labels: str = "normal") -> None:
        self.width = width
        self.s = style
        self.label_width = {"narrow": style.label_narrow, "normal": style.label_width, "wide": style.label_wide}[labels]

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
        if entry["type"] in ("fact", "line"):
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
            return max(value, self.label_lines(entry["label"])) * s.line + s.entry_gap
        if kind == "heading":
            lines = line_count(entry["text"].upper(), w, s.heading_size, bold=True, spacing=0.06)
            return s.heading_before + lines * s.heading_size * s.line + s.heading_after
        if kind == "para":
            return line_count(entry["text"], self.text_width(entry), limit=lines_limit) * s.line + s.para_after
        if kind == "row":
            column = {"none": 0.0, "narrow": s.time_column, "wide": s.time_column_wide}[entry.get("times", "none")]
            left = w - column - s.indent * entry["indent"]
            right = text_width(entry["right"], bold=entry["strong"])
            if entry["wrap_right"]:
                right = min(right, left * 0.45)
            left -= right + s.right_gap
            lines = line_count(entry["left"], left, bold=entry["strong"])
            if entry["wrap_right"]:
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


# ---------------------------------------------------------------- fitting cards to pages


def paginate(
    cards: list[dict[str, Any]], paper_name: str, continued: str, style: Style = STYLE
) -> list[dict[str, Any]]:
    """Each card set to fit its page: as it is, a little smaller, or continued on more cards.

    ``continued`` is the foot of every part but the last (``Verder op de volgende kaart``).
    """
    page = paper(paper_name)
    out: list[dict[str, Any]] = []
    for card in cards:
        out.extend(_fit_card(card, page, continued, style))
    return out


def _room(page: Paper, scale: float, style: Style) -> tuple[float, float]:
    width = page.width_em / scale - 2 * style.pad_side
    height = (page.height_em / scale - style.pad_top - style.pad_bottom) * HEIGHT_SLACK
    return width, height


def _fit_card(card: dict[str, Any], page: Paper, continued: str, style: Style) -> list[dict[str, Any]]:
    card = dict(card, labels=label_column(card["entries"], style))
    for scale in SCALES:
        width, height = _room(page, scale, style)
        m = Measure(width, style, card["labels"])
        # An entry taller than the card is measured no further: the card does not fit either way.
        used = m.head(card, True) + m.foot(card["foot"]) + sum(m.entry(e, limit=height) for e in card["entries"])
        if used <= height:
            fitted = dict(card)
            fitted["scale"] = scale
            return [fitted]
    return _split(card, page, continued, style)


def _split(card: dict[str, Any], page: Paper, continued: str, style: Style) -> list[dict[str, Any]]:
    scale = SCALES[1]
    width, height = _room(page, scale, style)
    m = Measure(width, style, card["labels"])
    pending = list(card["entries"])
    parts: list[list[dict[str, Any]]] = []
    heads = {first: m.head(card, first) for first in (True, False)}
    continued_foot = m.foot([continued])
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
    out = []
    for number, entries in enumerate(parts, start=1):
        part = dict(card)
        part.update(
            entries=entries,
            part=number,
            parts=len(parts),
            scale=scale,
            foot=card["foot"] if number == len(parts) else [continued],
            sub=card["sub"] if number == 1 else [],
        )
        out.append(part)
    return out


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
