"""Cards imposed on full sheets (``cards --sheet a4|letter``): where each card goes, and the cut marks.

A home printer takes A4 or Letter, not A6: four A6 cards (two A5) are
printed on one sheet and cut apart. The order is *cut and stack*: card
``k`` of ``n`` goes to sheet ``k mod S`` at position ``k div S``, where ``S``
is the number of sheets. Cut the whole stack of sheets at once; each
position is then a pile in deck order, and pile 1 on pile 2 on ... is the
deck, first card on top.

The grid of cards is centred on the sheet, cards touching (one cut between
two cards), with a margin of at least :data:`MARGIN_MM` around it, where a
home printer prints and the cut marks go. The cards keep their own layout
(the card box of the one-per-page cards, at its paper size) and are set
smaller as a whole where the grid would not fit inside that margin: an A6
card is 93 % on A4 and 90 % on Letter. Nothing is printed in the margin but
the marks, and no mark touches a card.

Everything here is plain arithmetic on millimetres: the stylesheet
(``html/sheet.css``) and the markup (``html/cards.html``) are written from
the :class:`Imposition`, for WeasyPrint and a browser alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from typing import Any

from attrs import frozen

from methodengine.output.cards.constants import PAPER_SIZES, SHEET_SIZES

__all__ = ["MARGIN_MM", "Imposition", "Mark", "Slot", "impose", "layout_of", "per_sheet"]

MARGIN_MM = 7.0
"""The least room between the edge of the sheet and the cards: most home printers print from 4-5 mm."""

MARK_GAP_MM = 1.0
"""How far a cut mark stays from the cards, so that a cut a little off does not show it on a card."""

MARK_LENGTH_MM = 4.5
"""The length of a cut mark."""

MARK_WIDTH_MM = 0.15
"""The thickness of a cut mark (about 0.4 pt): thin, as a printer's crop marks are."""

_GRIDS = {"a6": (2, 2), "a5": (2, 1), "a4": (1, 1)}
"""Columns and rows of cards of each paper on a sheet; a landscape sheet where its row of cards is wider."""


@frozen
class Slot:
    """One place on a sheet: its position number (reading order) and where its card's top left corner is, in mm."""

    position: int
    left: float
    top: float


@frozen
class Mark:
    """One cut mark, a thin upright or level line in the margin, in mm from the sheet's top left corner."""

    left: float
    top: float
    width: float
    height: float


@frozen
class Imposition:
    """Where the cards of one paper size go on sheets of another: the same on every sheet."""

    sheet: str
    width: float
    """The sheet's width in mm, as it lies (a landscape sheet is wider than high)."""
    height: float
    columns: int
    rows: int
    card_width: float
    """The card box's own width in mm (its paper's), before :attr:`scale`."""
    card_height: float
    scale: float
    """How much smaller the cards are printed than their paper size: 1 or less."""
    slots: tuple[Slot, ...]
    marks: tuple[Mark, ...]

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def per_sheet(paper: str) -> int:
    """How many cards of ``paper`` one sheet holds: 4 A6, 2 A5, 1 A4."""
    columns, rows = _GRIDS[paper]
    return columns * rows


def layout_of(paper: str, sheet: str) -> Imposition:
    """The grid, scale, slots and cut marks of ``paper`` cards on a ``sheet``."""
    columns, rows = _GRIDS[paper]
    card_width, card_height = PAPER_SIZES[paper]
    short, long = SHEET_SIZES[sheet]
    # The sheet lies as the grid does: two A5 cards side by side need a landscape sheet.
    width, height = (long, short) if columns * card_width > rows * card_height else (short, long)
    scale = min(
        1.0,
        (width - 2 * MARGIN_MM) / (columns * card_width),
        (height - 2 * MARGIN_MM) / (rows * card_height),
    )
    scale = round(scale, 4)  # the same figure in the stylesheet on every machine
    step_x, step_y = card_width * scale, card_height * scale
    left = (width - columns * step_x) / 2
    top = (height - rows * step_y) / 2
    slots = tuple(
        Slot(row * columns + column, round(left + column * step_x, 3), round(top + row * step_y, 3))
        for row in range(rows)
        for column in range(columns)
    )
    return Imposition(
        sheet=sheet,
        width=width,
        height=height,
        columns=columns,
        rows=rows,
        card_width=card_width,
        card_height=card_height,
        scale=scale,
        slots=slots,
        marks=_marks(left, top, step_x, step_y, columns, rows),
    )


def _marks(left: float, top: float, step_x: float, step_y: float, columns: int, rows: int) -> tuple[Mark, ...]:
    """A mark above and below every upright cut, and left and right of every level cut, in the margin only."""
    right, bottom = left + columns * step_x, top + rows * step_y
    half = MARK_WIDTH_MM / 2
    marks: list[Mark] = []
    for column in range(columns + 1):
        x = left + column * step_x - half
        marks.append(Mark(x, top - MARK_GAP_MM - MARK_LENGTH_MM, MARK_WIDTH_MM, MARK_LENGTH_MM))
        marks.append(Mark(x, bottom + MARK_GAP_MM, MARK_WIDTH_MM, MARK_LENGTH_MM))
    for row in range(rows + 1):
        y = top + row * step_y - half
        marks.append(Mark(left - MARK_GAP_MM - MARK_LENGTH_MM, y, MARK_LENGTH_MM, MARK_WIDTH_MM))
        marks.append(Mark(right + MARK_GAP_MM, y, MARK_LENGTH_MM, MARK_WIDTH_MM))
    return tuple(Mark(*(round(v, 3) for v in (m.left, m.top, m.width, m.height))) for m in marks)


def impose(cards: Sequence[Any], paper: str, sheet: str) -> dict[str, Any]:
    """The cards on sheets in cut-and-stack order, as plain data for the templates (``sheets`` in ``docs/cards.md``).

    ``sheets`` lists the sheets, each the ``{"position", "card"}`` of the
    slots that hold a card: the last sheets may leave their last slots empty.
    Plain dicts and lists, so that a sandboxed template reads them as it reads the cards.
    """
    found = layout_of(paper, sheet)
    count = len(cards)
    sheets_needed = ceil(count / found.per_sheet)
    sheets = [
        [
            {"position": slot.position, "card": cards[slot.position * sheets_needed + number]}
            for slot in found.slots
            if slot.position * sheets_needed + number < count
        ]
        for number in range(sheets_needed)
    ]
    return {
        "name": found.sheet,
        "width": found.width,
        "height": found.height,
        "landscape": found.landscape,
        "scale": found.scale,
        "card_width": found.card_width,
        "card_height": found.card_height,
        "per_sheet": found.per_sheet,
        "slots": [{"position": s.position, "left": s.left, "top": s.top} for s in found.slots],
        "marks": [{"left": m.left, "top": m.top, "width": m.width, "height": m.height} for m in found.marks],
        "sheets": sheets,
    }
