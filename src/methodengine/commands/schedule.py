"""``methodengine schedule``: the dated plan of a trajectory, as text, Markdown, JSON or iCalendar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from methodengine.commands import _params
from methodengine.commands._calendar_options import calendar_options, calendar_rules
from methodengine.commands._common import output_language, recipe_file, resolved_recipe
from methodengine.commands._format_option import FormatOption, chosen_format, format_type
from methodengine.commands._output import check_output, output_option, write_output
from methodengine.i18n import LANGUAGES, N_, ngettext
from methodengine.limits import MAX_MEETINGS

if TYPE_CHECKING:
    import datetime as dt

    from methodengine.hooks.contract import OutputFormat, OutputRequest
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Period, Recipe
    from methodengine.planning.dated_plan import DatedPlan
    from methodengine.planning.public_holidays import HolidayCalendar


@click.command()
@recipe_file
@click.option(
    "--start", type=_params.DATE, required=True, metavar="DATE", help=N_("Date of the first meeting: YYYY-MM-DD.")
)
@click.option(
    "--at",
    type=_params.CLOCK,
    metavar="HH:MM",
    help=N_("Start time of every meeting (24 hours); without it, dates only."),
)
@click.option(
    "--every",
    type=_params.CADENCE,
    metavar="CADENCE",
    help=N_(
        "Cadence inside the recipe's `every` range, e.g. '3 weeks' or '1 maand'. Default: the recipe's, "
        "the lower bound of a range."
    ),
)
@click.option(
    "--skip",
    type=_params.SKIP_DATES,
    multiple=True,
    callback=_params.skip_dates,
    metavar="DATE[,DATE...]",
    help=N_("A date on which no meeting may fall (a holiday); repeat it or give a comma-separated list."),
)
@calendar_options("schedule")
@click.option(
    "--meetings",
    type=click.IntRange(1, MAX_MEETINGS),
    metavar="N",
    help=N_("For an open trajectory: plan N tentative meetings instead of only the first."),
)
@click.option(
    "--series",
    metavar="NAME",
    help=N_(
        "A name for this group's run of the recipe, e.g. 'groep-a'; it goes into every calendar UID. Give each "
        "group its own series name so their calendars don't overwrite each other."
    ),
)
@click.option(
    "--log",
    "logs",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    metavar="FILE",
    help=N_(
        "A run log of a meeting held (`methodengine run --log FILE`): the meeting is marked held, with its real "
        "times; an open series ends where a checkpoint said stop. Repeat it for each meeting held."
    ),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_(
        "Language of the plan and the messages; default for the plan: the recipe's `language`, "
        "else the language of its keywords, else the messages'."
    ),
)
@click.option(
    "--format",
    "fmt",
    cls=FormatOption,
    command_formats="schedule",
    type=format_type("schedule"),
    metavar="FORMAT",
    help=N_("Without it, -o FILE's extension chooses, else text."),
)
@output_option(N_("File to write (whole or not at all); `-` or none: standard output."))
def schedule(
    file: Path,
    start: dt.date,
    at: dt.time | None,
    every: Period | None,
    skip: tuple[dt.date, ...],
    monthly: str | None,
    holidays: HolidayCalendar | None,
    school_holidays: bool,
    skip_file: Path | None,
    meetings: int | None,
    series: str | None,
    logs: tuple[Path, ...],
    lang: str | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    """Date the meetings of a trajectory: for the calendar, a mail or a course page.

    Each meeting gets its number, weekday and date, its time window, its
    stage and what is special about it; extra meetings (an intake, an
    assessment, follow-ups) are marked +. A monthly series keeps its weekday
    (every 2nd Monday). A date given with --skip, in a --skip-file or a public
    holiday of --holidays moves the meeting on it to the same weekday a week
    later, and the plan says why. `--format ics` writes a calendar file
    whose events a calendar app updates when the plan is exported again;
    give each group that follows the same recipe its own --series.

    \b
    Examples:
      methodengine schedule recipes/backstagegroep.mth --start 2027-01-11 --at 19:00
      methodengine schedule recipes/incidentmethode.mth --start 2027-01-11 --every "7 weeks" --lang en
      methodengine schedule recipes/jobcoaching.mth --start 2027-01-11 --at 10:00 --skip 2027-04-26,2027-05-24
      methodengine schedule recipes/inspiratiegroep.mth --start 2027-01-11 --at 13:00 --holidays NL
      methodengine schedule recipes/backstagegroep.mth --start 2027-03-30 --skip-file vakanties.txt
      methodengine schedule recipes/inspiratiegroep.mth --start 2027-01-29 --at 13:00 --format ics -o plan.ics
      methodengine schedule recipes/jobcoaching.mth --start 2027-01-11 --series groep-a --format ics -o groep-a.ics
    """
    from methodengine.commands._common import plugins as loaded_plugins
    from methodengine.planning.held import dated_plan_with_logs

    if output is not None and str(output) == "-":
        output = None  # standard output
    if output is not None:
        check_output(output, reading=file)
        from methodengine.planning.held import check_not_a_log

        check_not_a_log(output, logs)
    plugins = loaded_plugins()
    found = chosen_format(plugins, "schedule", fmt, output)

    # A skip file that cannot be read, or --school-holidays for a place without them: exit 2, before the recipe.
    calendar = calendar_rules(monthly, holidays, skip_file, school_holidays)
    recipe = resolved_recipe(file, plugins)
    # A ScheduleError (no dates fit, --every outside the recipe's cadence) goes up to the CLI, which reports it.
    # A log that cannot be read (exit 2) or does not fit the recipe (exit 1) goes up to the CLI too.
    plan = dated_plan_with_logs(
        recipe, start, logs, at=at, every=every, skip=skip, meetings=meetings, series=series, calendar=calendar
    )
    from methodengine.commands._calendar_warnings import echo_calendar_warnings

    echo_calendar_warnings(plan, file)
    if plan.held:
        from methodengine._terminal import shown
        from methodengine.i18n import _
        from methodengine.planning.held import held_warnings

        for said in held_warnings({h.number: h for h in plan.held}):
            click.echo(shown(_("methodengine: warning: {said}", said=said)), err=True)

    language = output_language(lang, recipe)
    options = {
        "start": start.isoformat(),
        "at": at.strftime("%H:%M") if at is not None else None,
        "every": str(every) if every is not None else None,
        "skip": [d.isoformat() for d in skip],
        "monthly": calendar.monthly,
        "holidays": str(holidays) if holidays is not None else None,
        "school_holidays": school_holidays,
        "skip_file": str(skip_file) if skip_file is not None else None,
        "meetings": meetings,
        "series": series,
        "logs": [str(p) for p in logs],
    }
    data = _render(plugins, found, _request(recipe, plan, language, options))
    if output is None:
        # Bytes (iCalendar) go out as they are, CRLF line ends included, so that `> plan.ics` works too.
        click.echo(data, nl=False)
        return
    write_output(output, data)
    count, first, last = len(plan.meetings), plan.first, plan.last
    if found.name == "ics":
        said = ngettext(
            "wrote {output}: {count} event, {first} to {last}",
            "wrote {output}: {count} events, {first} to {last}",
            count,
            output=output,
            first=first,
            last=last,
        )
    else:
        said = ngettext(
            "wrote {output}: {count} meeting, {first} to {last}",
            "wrote {output}: {count} meetings, {first} to {last}",
            count,
            output=output,
            first=first,
            last=last,
        )
    click.echo(said, err=True)


def _request(recipe: Recipe, plan: DatedPlan, language: str, options: dict[str, Any]) -> OutputRequest:
    """What every schedule format, built-in or a plugin's, renders from: the recipe, the options, the dated plan."""
    from methodengine.hooks.contract import OutputRequest

    return OutputRequest(recipe=recipe, options=options, language=language, plan=plan)  # type: ignore[arg-type]


def _render(plugins: Plugins, found: OutputFormat, request: OutputRequest) -> str | bytes:
    from methodengine.commands._format_option import rendered
    from methodengine.hooks.formats import is_builtin

    if is_builtin(plugins, found):
        return found.render(request)
    return rendered(plugins, found, request)
