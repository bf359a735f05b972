"""Which days a series may fall on: the month rule, and the days closed to meetings.

A group that meets monthly meets "every 2nd Monday" or "every last Friday",
not "every 11th": :func:`month_dates` keeps the weekday of the start and its
place in the month (python-dateutil's ``rrule`` with ``BYDAY=+2MO`` or
``-1FR``); a start in the fifth week of its month counts as the last of its
weekday. ``monthly="date"`` keeps today's same-date rule (31 January, 28
February, 31 March). A cadence in years is twelve months for this rule.

The days closed to meetings are the trainer's ``--skip`` dates, the entries of
a ``--skip-file`` and a country's public holidays (``--holidays NL``);
:class:`CalendarRules` holds them, :meth:`CalendarRules.closure` says why a day
is closed. ``docs/schedule.md`` states the rules for trainers.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen
from attrs.validators import in_
from dateutil.relativedelta import relativedelta, weekday
from dateutil.rrule import MONTHLY, rrule

if TYPE_CHECKING:
    from methodengine.model import Period
    from methodengine.planning.public_holidays import HolidayCalendar

Monthly = Literal["weekday", "date"]
MONTHLY_RULES: tuple[Monthly, ...] = ("weekday", "date")
"""``--monthly``'s values: the default first."""

ClosureKind = Literal["skip", "file", "holiday", "school"]


@frozen
class Closure:
    """Days on which no meeting may fall, and why: a ``--skip`` date, a ``--skip-file`` entry, a public holiday,
    a school holiday (``--school-holidays``).

    ``first`` to ``last`` inclusive (one day for a date). ``reason`` is the
    name a skip file gives after the date (``zomervakantie``), recipe-like
    user text in no particular language; a holiday's name is looked up in the
    plan's language when it is said (:meth:`CalendarRules.holiday_name`).
    ``line`` is the entry's line in the skip file.
    """

    first: dt.date
    last: dt.date
    kind: ClosureKind = "skip"
    reason: str | None = None
    line: int | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def _closures(items: Iterable[Closure]) -> tuple[Closure, ...]:
    return tuple(sorted(items, key=lambda c: (c.first, c.last)))


@frozen
class CalendarRules:
    """The trainer's calendar choices: the month rule, public holidays, and skip-file entries.

    ``holidays`` is a :class:`~methodengine.planning.public_holidays.HolidayCalendar`
    or None; ``closed`` the skip file's entries (see
    :func:`methodengine.planning.skip_file.read_skip_file`). ``--skip`` dates
    are not here: ``dated_plan`` takes them as ``skip``, as it always has.
    """

    monthly: Monthly = field(default="weekday", validator=in_(MONTHLY_RULES))
    holidays: HolidayCalendar | None = None
    closed: tuple[Closure, ...] = field(default=(), converter=_closures)

    def closure(self, day: dt.date, skipped: frozenset[dt.date] = frozenset()) -> Closure | None:
        """Why no meeting may fall on ``day``, or None: a ``--skip`` date first, then the file, then a holiday."""
        if day in skipped:
            return Closure(day, day)
        found = _entry(self.closed, day)
        if found is not None:
            return found
        if self.holidays is not None and self.holidays.is_holiday(day):
            return Closure(day, day, "holiday")
        if self.holidays is not None and self.holidays.is_school_holiday(day):
            return Closure(day, day, "school")
        return None

    def holiday_name(self, day: dt.date, language: str, school: bool = False) -> str:
        """The public holiday on ``day`` in ``language`` (``Koningsdag``, ``King's Day``), as the library names it;
        with ``school``, the school holiday (``Zomervakantie``)."""
        assert self.holidays is not None
        return self.holidays.name(day, language, school)


def _entry(closed: tuple[Closure, ...], day: dt.date) -> Closure | None:
    """The skip-file entry holding ``day``; entries are sorted by their first day (they may overlap)."""
    at = bisect.bisect_right(closed, day, key=lambda c: c.first)
    for entry in reversed(closed[:at]):
        if day in entry:
            return entry
    return None


# ------------------------------------------------------------------ the month rule


def place(day: dt.date) -> weekday:
    """The weekday of ``day`` with its place in the month: ``MO(+2)`` for the 2nd Monday, ``FR(-1)`` for one in
    the fifth week (the 29th or later), which every month does not have: it counts as the last."""
    nth = (day.day - 1) // 7 + 1
    return weekday(day.weekday(), -1 if nth == 5 else nth)


def month_step(cadence: Period | None, monthly: Monthly) -> int | None:
    """The months a cadence is under the weekday rule (a year is 12), or None when the rule does not apply."""
    if cadence is None or monthly != "weekday" or cadence.unit not in ("month", "year"):
        return None
    return cadence.amount.low * (12 if cadence.unit == "year" else 1)


def month_dates(start: dt.date, months: int) -> Iterator[dt.date]:
    """Every ``months`` months from ``start``, on its weekday and place in the month (``rrule``, ``BYDAY=+2MO``).

    Each date is counted from the start by the rule, never from the date
    before; the dates end with the year 9999.
    """
    rule = rrule(MONTHLY, interval=months, dtstart=dt.datetime.combine(start, dt.time()), byweekday=place(start))
    return (moment.date() for moment in rule)


def months_from(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` months (back when negative) onto its weekday and place in that month.

    The same rule as :func:`month_dates`, for one date (an extra meeting
    three months after the last): relativedelta to the month's first or
    last day, then to the nth weekday from there. ValueError/OverflowError
    past either end of the calendar.
    """
    where = place(day)
    assert where.n is not None
    if where.n > 0:
        return day + relativedelta(months=months, day=1, weekday=where)
    return day + relativedelta(months=months, day=31, weekday=where)


def is_weekend(day: dt.date) -> bool:
    """Saturday or Sunday: a date a weekly or monthly group rarely means, so the commands warn about it."""
    return day.isoweekday() >= 6
