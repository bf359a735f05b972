"""The calendar options ``schedule`` and ``cards`` share: ``--monthly``, ``--holidays``, ``--school-holidays``,
``--skip-file``.

Both commands date the same series, so they take the same choices, said the
same way: :func:`calendar_options` adds the options to a command, and
:func:`calendar_rules` turns their values into the
:class:`~methodengine.planning.calendar_rules.CalendarRules` the dated plan
takes. ``--holidays`` is checked where click reads it (an unknown country
is a usage error naming close matches, exit 2); the skip file is read when
the command runs, so that a bad line is reported at its line and column with
a caret (:class:`~methodengine.planning.skip_file.SkipFileError`, exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from methodengine.commands import _params
from methodengine.i18n import N_

if TYPE_CHECKING:
    from methodengine.planning.calendar_rules import CalendarRules
    from methodengine.planning.public_holidays import HolidayCalendar

_F = TypeVar("_F", bound=Callable[..., Any])


class HolidaysType(click.ParamType):
    """``NL``, ``BE``, ``DE-NW``: a country (and subdivision) whose public holidays the ``holidays`` library knows."""

    name = "country"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        from methodengine.planning.public_holidays import HolidayCalendar

        try:
            return HolidayCalendar.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


HOLIDAYS = HolidaysType()
MONTHLY_CHOICES = ("weekday", "date")
"""``--monthly``'s values, the default first (``calendar_rules.MONTHLY_RULES``, without loading the planner)."""


_HELP = {
    "schedule": (
        N_(
            "A monthly cadence: `weekday` (default) keeps the start's weekday and its place in the month (every "
            "2nd Monday, every last Friday); `date` keeps the day of the month (every 11th)."
        ),
        N_(
            "Move meetings off the public holidays of a country, e.g. NL, BE or DE-NW, as --skip does; the plan "
            "names the holiday."
        ),
        N_(
            "A text file of dates and ranges on which no meeting may fall, one a line, each with a name if you "
            "like: '2027-07-10..2027-08-22  zomervakantie'."
        ),
        N_(
            "With --holidays CC-REGION: the region's school holidays too (NL-Midden, NL-Noord, NL-Zuid; DE-NW), "
            "named in the plan."
        ),
    ),
    "cards": (
        N_("With --start-date: the month rule, `weekday` (default: every 2nd Monday) or `date`, as for `schedule`."),
        N_("With --start-date: move meetings off a country's public holidays (NL, BE, DE-NW), as for `schedule`."),
        N_("With --start-date: a file of dates and ranges on which no meeting may fall, as for `schedule`."),
        N_("With --start-date and --holidays CC-REGION: the region's school holidays too, as for `schedule`."),
    ),
}


def calendar_options(command_name: str) -> Callable[[_F], _F]:
    """The four options for ``schedule`` or ``cards`` (whose help says they go with ``--start-date``)."""
    monthly, holidays, skip_file, school = _HELP[command_name]
    options = [
        click.option(
            "--monthly",
            type=click.Choice(MONTHLY_CHOICES, case_sensitive=False),
            metavar="weekday|date",
            help=monthly,
        ),
        click.option("--holidays", type=HOLIDAYS, metavar="CC[-SUBDIV]", help=holidays),
        click.option("--school-holidays", is_flag=True, help=school),
        click.option(
            "--skip-file",
            type=_params.PathType(exists=True, dir_okay=False, path_type=Path),
            metavar="FILE",
            help=skip_file,
        ),
    ]

    def add(command: _F) -> _F:
        for option in reversed(options):
            command = option(command)
        return command

    return add


def calendar_rules(
    monthly: str | None, holidays: HolidayCalendar | None, skip_file: Path | None, school_holidays: bool = False
) -> CalendarRules:
    """The dated plan's calendar choices from the options; SkipFileError (exit 2) for an unreadable skip file,
    a usage error for --school-holidays without a place whose school holidays the library knows."""
    from methodengine.i18n import _
    from methodengine.planning.calendar_rules import CalendarRules

    if school_holidays:
        if holidays is None:
            raise click.UsageError(_("--school-holidays needs --holidays CC-REGION, as in --holidays NL-Midden"))
        try:
            holidays = holidays.with_school()
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None

    closed = ()
    if skip_file is not None:
        from methodengine.planning.skip_file import read_skip_file

        closed = read_skip_file(skip_file)
    rule = "date" if monthly is not None and monthly.lower() == "date" else "weekday"
    return CalendarRules(monthly=rule, holidays=holidays, closed=closed)


def given(monthly: str | None, holidays: object, skip_file: object, school_holidays: bool = False) -> list[str]:
    """The calendar options given, by name: ``cards`` says they need ``--start-date``."""
    values = (
        ("--monthly", monthly),
        ("--holidays", holidays),
        ("--school-holidays", school_holidays or None),
        ("--skip-file", skip_file),
    )
    return [name for name, value in values if value is not None]
