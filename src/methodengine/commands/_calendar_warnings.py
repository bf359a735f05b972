"""Warnings about a dated plan, for `schedule` and `cards --start-date`, in the message language: weekend dates.

A series that lands on a Saturday or Sunday is seldom what a trainer meant
(a monthly series by the date rule drifts through the week; a start date
typed a day off lands every meeting on a Sunday), so ``schedule`` and
``cards --start-date`` say so, while still making the plan. Nothing is said
when the cadence is in days: such a group knows it meets on weekends too
(:attr:`~methodengine.planning.dated_plan.DatedPlan.weekend`).
"""

from __future__ import annotations

from methodengine.diagnostics import Diagnostic, warning
from methodengine.i18n import _, message_language, ngettext
from methodengine.output.schedule.words import Words
from methodengine.planning.dated_plan import DatedPlan

SHOWN = 5
"""Weekend meetings named one by one; the rest are counted."""


def weekend_warnings(plan: DatedPlan) -> list[Diagnostic]:
    """One warning per meeting on a weekend (at most :data:`SHOWN`, then a count), or one for a whole series
    on one weekend day; the last says what to do about it. Render them with ``diagnostics.render``."""
    weekend = plan.weekend
    if not weekend:
        return []
    words = Words.for_plan(message_language(), plan)
    series = plan.series
    if len(series) > 1 and all(m in weekend for m in series) and len({m.date.weekday() for m in series}) == 1:
        said = _(
            "every meeting of the series falls on a {weekday}, as the start date {date} does",
            weekday=words.weekday(series[0].date),
            date=series[0].date.isoformat(),
        )
        return [warning(said, None, _("if the group does not meet at weekends, choose another --start"), "weekend")]
    out = [
        _("{meeting} falls on a weekend: {date}", meeting=words.name(plan, meeting), date=words.date(meeting.date))
        for meeting in weekend[:SHOWN]
    ]
    more = len(weekend) - SHOWN
    if more > 0:
        out.append(ngettext("{count} more meeting falls on a weekend", "{count} more meetings fall on a weekend", more))
    last = len(out) - 1
    return [warning(said, None, _hint(plan) if k == last else None, "weekend") for k, said in enumerate(out)]


def _hint(plan: DatedPlan) -> str:
    """What moves a meeting off a weekend: the weekday rule for a monthly series by date, else --skip."""
    every = plan.every
    if every is not None and every.unit in ("month", "year") and plan.calendar.monthly == "date":
        return _("--monthly weekday keeps every meeting on the weekday of the start date")
    return _("move a meeting with --skip DATE, or choose another --start")


def region_warnings(plan: DatedPlan) -> list[Diagnostic]:
    """``--holidays NL-Midden`` without ``--school-holidays``: a region with no public holidays of its own (a
    Dutch school region) gives the country's; its school holidays, which the trainer likely meant, need the flag."""
    holidays = plan.calendar.holidays
    if holidays is None or holidays.school or holidays.subdivision is None or not holidays.has_school_holidays():
        return []
    years = range(plan.first.year, min(plan.last.year, plan.first.year + 10) + 1)
    if holidays.adds_to_country(years):
        return []
    said = _(
        "{place} has the same public holidays as {country}; its school holidays count only with --school-holidays",
        place=str(holidays),
        country=holidays.country,
    )
    return [
        warning(
            said,
            None,
            _("add --school-holidays to skip the school holidays of {place}", place=str(holidays)),
            "holidays-region",
        )
    ]


def echo_calendar_warnings(plan: DatedPlan | None, file: object) -> None:
    """The calendar's warnings (weekend dates, a region that adds nothing) on standard error, each as a warning
    about the recipe ``file``; the plan is still made."""
    if plan is None:
        return
    import click

    from methodengine.diagnostics import render

    for said in [*region_warnings(plan), *weekend_warnings(plan)]:
        click.echo(render(said, path=str(file)), err=True)
