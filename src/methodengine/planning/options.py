"""The trainer's choices a meeting plan is made for: counts, the meeting, the start time and dates."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from methodengine.model import Period
from methodengine.planning.card_kinds import KINDS


@frozen
class CardOptions:
    """What the trainer asked for on the command line."""

    language: str = "nl"
    start: int | None = None
    """The meeting's start as minutes after midnight (``19:30`` is 1170)."""
    group: int | None = None
    rounds: int | None = None
    meeting: int | None = None
    only: tuple[str, ...] = KINDS
    paper: str = "a6"
    start_date: dt.date | str | None = None
    """The date of the first meeting of the series: the cards carry the dates ``schedule`` gives."""
    every: Period | str | None = None
    """With ``start_date``: the cadence, as ``schedule --every`` takes it."""
    skip: tuple[dt.date | str, ...] = ()
    """With ``start_date``: dates on which no meeting may fall, as ``schedule --skip`` takes them."""


def clock(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``; past midnight wraps to the next day."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
