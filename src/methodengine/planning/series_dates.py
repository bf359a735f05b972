"""Which day each meeting of a series falls on, and each extra meeting: the calendar arithmetic of a plan.

:func:`series_dates` is what :mod:`methodengine.planning.dated_plan` builds
its plan on; the rules are those ``docs/schedule.md`` states for trainers:

- Meeting ``n`` falls on ``start + (n - 1) x cadence``, each date counted
  from the start, never from the meeting before. A monthly cadence keeps the
  start's weekday and its place in the month (every 2nd Monday, every last
  Friday: :mod:`~methodengine.planning.calendar_rules`); with
  ``monthly="date"`` it keeps the day of the month where it exists.
- A meeting on a closed day (a ``--skip`` date, a skip-file entry, a public
  holiday) moves to the same weekday a week later (a cadence in days: the
  next day), again until the day is open. With the weekday rule of a
  monthly cadence the meetings after it keep their place in the month,
  unless the moved meeting came within half a cadence (in whole weeks: two
  for a monthly series) of the next one, or past it: then the series goes on
  from the first place in the month that is at least that much later. Otherwise every later meeting moves
  along by the same number of days, so only the interval before the moved
  meeting grows, and no two meetings come closer than the cadence.
- An extra meeting is placed from the meeting it names, after the series is
  dated; an offset in months keeps the weekday and place in the month of
  that meeting under the weekday rule. An extra meeting on a closed day
  moves like a meeting but never moves the series; one placed before its
  meeting (an intake) moves earlier, so that it stays before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeVar

from attrs import frozen
from dateutil.relativedelta import relativedelta

from methodengine.model import Meeting, Period, Trajectory
from methodengine.planning.calendar_rules import CalendarRules, Closure, month_dates, month_step, months_from

ExtraDates = tuple[int, tuple[tuple[dt.date, int, dt.date, Closure | None], ...]]
"""An extra meeting's anchor meeting, and its dates: each with its order on a shared day, the date before a
move, and the closure it moved off (None when it did not move)."""


@frozen
class Unanchored:
    """Why an extra meeting has no date: ``no-anchor``, ``open-last``, or ``not-planned`` (meeting ``number``)."""

    reason: Literal["no-anchor", "open-last", "not-planned"]
    number: int | None = None


@frozen
class Move:
    """A meeting moved off a closed day: the day it had, and why that day was closed."""

    date: dt.date
    closure: Closure


@frozen
class Dated:
    """The dates of a plan: ``series`` maps each meeting to its date, ``moved`` to the move that put it there;
    ``extras`` has each extra meeting with its dates or why it has none; ``hits`` are the closures met."""

    series: dict[int, dt.date]
    moved: dict[int, Move]
    extras: tuple[tuple[Meeting, ExtraDates | Unanchored], ...]
    hits: frozenset[Closure]


class OutOfRangeError(Exception):
    """A date of the plan would fall after 31 December 9999 (``later``) or before 1 January of the year 1."""

    def __init__(self, later: bool) -> None:
        super().__init__("later" if later else "earlier")
        self.later = later


_Day = TypeVar("_Day", dt.date, dt.datetime)


def plus(day: _Day, delta: relativedelta | dt.timedelta) -> _Day:
    """``day + delta``, forward in time; OutOfRangeError past the year 9999."""
    try:
        return day + delta
    except (OverflowError, ValueError):  # timedelta: OverflowError; relativedelta: ValueError (year 10000)
        raise OutOfRangeError(later=True) from None


def minus(day: dt.date, delta: relativedelta | dt.timedelta) -> dt.date:
    """``day - delta``, back in time; OutOfRangeError before the year 1."""
    try:
        return day - delta
    except (OverflowError, ValueError):
        raise OutOfRangeError(later=False) from None


def delta(unit: str, amount: int) -> relativedelta:
    """``amount`` of ``unit`` (day, week, month, year) as a relativedelta: months and years keep the calendar."""
    return {
        "day": relativedelta(days=amount),
        "week": relativedelta(weeks=amount),
        "month": relativedelta(months=amount),
        "year": relativedelta(years=amount),
    }[unit]


def times(period: Period, count: int) -> relativedelta:
    """``count`` cadences as one relativedelta, so that months are counted from the start, never chained."""
    return delta(period.unit, period.amount.low * count)


def series_dates(
    trajectory: Trajectory,
    start: dt.date,
    cadence: Period | None,
    planned: int,
    skipped: frozenset[dt.date],
    rules: CalendarRules,
) -> Dated:
    """Every date of the plan; OutOfRangeError when one falls outside the calendar."""
    hits: set[Closure] = set()
    months = month_step(cadence, rules.monthly)
    if months is not None and cadence is not None:
        series, moved = _by_place(start, cadence, months, planned, skipped, rules, hits)
    else:
        series, moved = _by_shift(start, cadence, planned, skipped, rules, hits)
    extras: list[tuple[Meeting, ExtraDates | Unanchored]] = []
    total = trajectory.meetings
    for extra in trajectory.extra_meetings:
        placed = _place_extra(extra, series, planned, total, cadence, start, total is None, rules)
        if not isinstance(placed, Unanchored):
            number, nominal_dates = placed
            dates = []
            earlier = extra.at is not None and extra.at.relation == "before"  # so that it stays before its meeting
            for day, order in nominal_dates:
                closure = rules.closure(day, skipped)
                dates.append((_past_closed(day, skipped, cadence, rules, hits, earlier), order, day, closure))
            placed = number, tuple(dates)
        extras.append((extra, placed))
    return Dated(series, moved, tuple(extras), frozenset(hits))


def _by_shift(
    start: dt.date,
    cadence: Period | None,
    planned: int,
    skipped: frozenset[dt.date],
    rules: CalendarRules,
    hits: set[Closure],
) -> tuple[dict[int, dt.date], dict[int, Move]]:
    """Each date from the start, then moved past closed days; every later meeting follows a move."""
    series: dict[int, dt.date] = {}
    moved: dict[int, Move] = {}
    shift = dt.timedelta(0)
    for n in range(1, planned + 1):
        nominal = plus(start, times(cadence, n - 1)) if cadence else start
        date = plus(nominal, shift)
        closure = rules.closure(date, skipped)
        if closure is not None:
            moved[n] = Move(date, closure)
            date = _past_closed(date, skipped, cadence, rules, hits)
        shift = date - nominal
        series[n] = date
    return series, moved


def _by_place(
    start: dt.date,
    cadence: Period,
    months: int,
    planned: int,
    skipped: frozenset[dt.date],
    rules: CalendarRules,
    hits: set[Closure],
) -> tuple[dict[int, dt.date], dict[int, Move]]:
    """The weekday rule: each meeting on the next place in the month (2nd Monday) that is at least half a
    cadence (in whole weeks) after the meeting before, then moved past closed days; a move leaves the others in
    their place."""
    series: dict[int, dt.date] = {}
    moved: dict[int, Move] = {}
    places = month_dates(start, months)
    half = dt.timedelta(weeks=max(int(cadence.days()[0] / 2) // 7, 1))  # in whole weeks: 2 for a monthly series
    before: dt.date | None = None
    for n in range(1, planned + 1):
        date = next(places, None)
        while date is not None and before is not None and date - before < half:
            date = next(places, None)
        if date is None:  # the rule's dates end with the year 9999
            raise OutOfRangeError(later=True)
        closure = rules.closure(date, skipped)
        if closure is not None:
            moved[n] = Move(date, closure)
            date = _past_closed(date, skipped, cadence, rules, hits)
        series[n] = before = date
    return series, moved


def step(cadence: Period | None) -> dt.timedelta:
    """How far a meeting on a closed day moves: a week (same weekday), a day for a cadence in days."""
    return dt.timedelta(days=1) if cadence is not None and cadence.unit == "day" else dt.timedelta(weeks=1)


def _past_closed(
    date: dt.date,
    skipped: frozenset[dt.date],
    cadence: Period | None,
    rules: CalendarRules,
    hits: set[Closure],
    earlier: bool = False,
) -> dt.date:
    """The first open day from ``date`` on (``earlier``: back from it), by :func:`step`; each closure met is
    added to ``hits``."""
    by = step(cadence)
    while (closure := rules.closure(date, skipped)) is not None:
        hits.add(closure)
        date = minus(date, by) if earlier else plus(date, by)
    return date


# ------------------------------------------------------------------ extra meetings


def _place_extra(
    extra: Meeting,
    dates: dict[int, dt.date],
    planned: int,
    total: int | None,
    cadence: Period | None,
    start: dt.date,
    is_open: bool,
    rules: CalendarRules,
) -> tuple[int, list[tuple[dt.date, int]]] | Unanchored:
    """The meeting an extra meeting is placed from, and its dates, each with its order on a shared day
    (0 before that day's meeting, 2 after); or why it has no date."""
    anchor = extra.at
    if anchor is None:
        return Unanchored("no-anchor")
    if anchor.meeting == "last" and is_open and planned == 1:
        return Unanchored("open-last")
    number = anchor.meeting_number(planned if is_open else total)
    if number is None or number not in dates:
        return Unanchored("not-planned", number)
    base = dates[number]
    after = anchor.relation == "after"
    if anchor.offset is not None:
        offset = delta(anchor.offset.unit, anchor.offset.amount.low)
    else:
        offset = relativedelta(days=_half_gap(dates, number, after, cadence, start))
    repeat = extra.every or anchor.offset or cadence
    count = extra.count.high
    out: list[tuple[dt.date, int]] = []
    for k in range(count):
        # The k-th further one is ``k`` repeats beyond the first (before: further back, so kept in date order);
        # one relativedelta from the anchor meeting, never chained from the meeting before.
        further = k if after else count - 1 - k
        more = delta(repeat.unit, repeat.amount.low * further) if repeat and further else relativedelta()
        out.append((_offset(base, offset + more, after, rules), 2 if after else 0))
    return number, out


def _offset(base: dt.date, span: relativedelta, after: bool, rules: CalendarRules) -> dt.date:
    """``base`` plus (``after``) or minus ``span``; under the weekday rule its months keep ``base``'s weekday
    and place in the month (3 months after the 2nd Monday of May: the 2nd Monday of August)."""
    months = span.years * 12 + span.months
    if rules.monthly != "weekday" or not months:
        return plus(base, span) if after else minus(base, span)
    rest = relativedelta(days=span.days)
    try:
        moved = months_from(base, months if after else -months)
    except (OverflowError, ValueError):
        raise OutOfRangeError(later=after) from None
    return plus(moved, rest) if after else minus(moved, rest)


def _half_gap(dates: dict[int, dt.date], number: int, after: bool, cadence: Period | None, start: dt.date) -> int:
    """Days from meeting ``number`` to an extra meeting without an offset: half the gap to its neighbour (one
    cadence when it has none), in whole weeks when that is a week or more, so that it keeps the weekday."""
    neighbour = dates.get(number + 1 if after else number - 1)
    if neighbour is not None:
        gap = abs((neighbour - dates[number]).days)
    elif cadence is not None:
        # One cadence from the start; back from it when that runs past the year 9999 (a meeting late in 9999).
        try:
            gap = (plus(start, times(cadence, 1)) - start).days
        except OutOfRangeError:
            try:
                gap = (start - minus(start, times(cadence, 1))).days
            except OutOfRangeError:
                raise OutOfRangeError(later=after) from None
    else:
        gap = 14
    half = gap // 2
    return max(half - half % 7 if half >= 7 else half, 1)
