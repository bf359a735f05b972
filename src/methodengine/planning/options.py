"""The trainer's choices a meeting plan is made for: counts, the meeting, the start time and dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from attrs import frozen

from methodengine.i18n import _, message_language
from methodengine.language import units as _units
from methodengine.limits import MAX_SKIPS
from methodengine.model import Period, Range
from methodengine.planning.card_kinds import KINDS

if TYPE_CHECKING:
    from methodengine.planning.calendar_rules import CalendarRules


@frozen
class CardOptions:
    """What the trainer asked for on the command line."""

    language: str = "nl"
    start: int | None = None
    """The meeting's start as minutes after midnight (``19:30`` is 1170)."""
    group: int | None = None
    rounds: int | None = None
    meeting: int | None = None
    extra: str | None = None
    """The id of an extra meeting of the trajectory (``--meeting intake``): the deck is that meeting's card alone."""
    only: tuple[str, ...] = KINDS
    paper: str = "a6"
    start_date: dt.date | str | None = None
    """The date of the first meeting of the series: the cards carry the dates ``schedule`` gives."""
    every: Period | str | None = None
    """With ``start_date``: the cadence, as ``schedule --every`` takes it."""
    skip: tuple[dt.date | str, ...] = ()
    """With ``start_date``: dates on which no meeting may fall, as ``schedule --skip`` takes them."""
    calendar: CalendarRules | None = None
    """With ``start_date``: the month rule, public holidays and skip-file dates, as ``schedule`` takes them."""


def clock(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``; past midnight wraps to the next day."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ------------------------------------------------------------------ option values as the command line writes them
# Here rather than beside the dated plan, so that reading `--start 19:30` or a date does not load the planner.


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.uh](\d{2})")
"""``19:30``, and as Dutch trainers also write it, ``19.30`` and ``19u30``."""
_PERIOD = re.compile(r"(\d+)\s*([^\W\d_]+)")


def parse_date(text: str) -> dt.date:
    """A date written as YYYY-MM-DD; ValueError with a trainer's message otherwise."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(_("`{text}` is not a date; write it as YYYY-MM-DD, for example 2027-01-11", text=text))
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        if year < 1:
            raise ValueError(_("`{text}` is not a date: there is no year 0; years start at 0001", text=text)) from None
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            raise ValueError(
                _(
                    "`{text}` is not a date: {month} {year} has {days} days",
                    text=text,
                    month=_month_name(month),
                    year=year,
                    days=last,
                )
            ) from None
        raise ValueError(_("`{text}` is not a date: there is no month {month}", text=text, month=month)) from None


def _month_name(month: int) -> str:
    """The month's name in the message language (Babel only on this error path; `calendar` follows the C locale)."""
    language = message_language()
    if language == "en":
        return calendar.month_name[month]
    from babel.dates import get_month_names

    from methodengine.i18n import babel_locale

    return str(get_month_names("wide", locale=babel_locale(language))[month])


def parse_time(text: str) -> dt.time:
    """A clock time written as HH:MM (24 hours); ValueError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(_("`{text}` is not a time of day; write it as HH:MM, for example 19:30", text=text))
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(_("`{text}` is not a time of day; hours run 0-23 and minutes 0-59", text=text))
    return dt.time(hour, minute)


def parse_period(text: str) -> Period:
    """A cadence written as a whole number and a unit: ``3 weeks``, ``1 maand``; ValueError otherwise."""
    match = _PERIOD.fullmatch(text.strip())
    if not match:
        raise ValueError(
            _(
                "`{text}` is not a cadence; write a whole number and a unit, for example `3 weeks` or `1 maand` "
                "(units: {units})",
                text=text,
                units=_units.PERIOD_UNITS_SHOWN,
            )
        )
    amount, unit_text = int(match.group(1)), match.group(2)
    unit = _units.period_unit(unit_text)
    if unit is None:
        raise ValueError(
            _("`{unit}` is not a unit of a cadence; units: {units}", unit=unit_text, units=_units.PERIOD_UNITS_SHOWN)
        )
    if amount < 1:
        raise ValueError(
            _("a cadence of {amount} {unit} never moves on; give at least 1", amount=amount, unit=unit_text)
        )
    return Period(Range.of(amount), unit)  # type: ignore[arg-type]


def parse_dates(texts: Iterable[str]) -> tuple[dt.date, ...]:
    """Dates from repeated options, each of which may also be a comma-separated list."""
    found: list[dt.date] = []
    for text in texts:
        found += [parse_date(part) for part in text.split(",") if part.strip()]
    return bounded_skips(tuple(sorted(set(found))))


def bounded_skips(dates: tuple[dt.date, ...]) -> tuple[dt.date, ...]:
    if len(dates) > MAX_SKIPS:
        raise ValueError(
            _(
                "{count} dates to skip; at most {most} are taken, since every skipped date a meeting "
                "falls on moves the rest of the series on; skip only the dates on which meetings would fall",
                count=len(dates),
                most=MAX_SKIPS,
            )
        )
    return dates
