"""``methodengine cards``: the facilitator cards of a recipe, to print and hold during the meeting.

Only click and the names of formats, card kinds, papers and languages are
imported at start-up; the cards themselves, Jinja, Babel and WeasyPrint are
imported when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from methodengine.commands import _params
from methodengine.commands._calendar_options import calendar_options, calendar_rules
from methodengine.commands._calendar_options import given as calendar_given
from methodengine.commands._common import output_language, recipe_file, resolved_recipe
from methodengine.commands._format_option import FormatOption, chosen_format, format_type
from methodengine.commands._output import check_output, output_option, write_output, write_stdout
from methodengine.i18n import LANGUAGES, N_, _, ngettext, translate
from methodengine.limits import MAX_COUNT, MAX_MEETINGS, MAX_ROUNDS
from methodengine.output.cards.constants import FORMATS, KINDS, PAPERS, SHEETS

if TYPE_CHECKING:
    import datetime as dt

    from methodengine.hooks.contract import OutputFormat, OutputRequest
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Period, Recipe
    from methodengine.planning.meeting_plan import MeetingPlan
    from methodengine.planning.public_holidays import HolidayCalendar


class _MeetingType(click.ParamType):
    """``--meeting``: a meeting's number (1 to MAX_MEETINGS), or an extra meeting's id (``intake``).

    The id is checked against the recipe once it is read (:func:`_check_extra`).
    """

    name = "meeting"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | str:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.lstrip("+-").isdigit():
            return int(click.IntRange(1, MAX_MEETINGS).convert(text, param, ctx))
        if not text or not (text[0].isalpha() and all(c.isalnum() or c in "-_" for c in text)):
            self.fail(_("`{value}` is neither a meeting's number nor an extra meeting's id", value=text), param, ctx)
        return text


@click.command()
@recipe_file
@click.option(
    "--format",
    "-f",
    "fmt",
    cls=FormatOption,
    command_formats="cards",
    type=format_type("cards"),
    metavar="FORMAT",
    help=N_("Without it, -o FILE's extension chooses, else text."),
)
@output_option(N_("Write to FILE (whole or not at all) instead of standard output; `-` is standard output."))
@click.option(
    "--start",
    type=_params.CLOCK_MINUTES,
    metavar="HH:MM",
    help=N_("The meeting's start time: every phase gets clock times."),
)
@click.option(
    "--group",
    type=click.IntRange(1, MAX_COUNT),
    metavar="N",
    help=N_("Participants tonight; the open role's count follows, and so do the times that depend on it."),
)
@click.option(
    "--rounds", type=click.IntRange(1, MAX_ROUNDS), metavar="N", help=N_("Rounds tonight, for every rounds block.")
)
@click.option(
    "--meeting",
    type=_MeetingType(),
    metavar="N|ID",
    help=N_(
        "The cards of meeting N of the trajectory: only its phases, and its stage; or an extra meeting's id "
        "(intake): its card alone."
    ),
)
@click.option(
    "--start-date",
    type=_params.DATE,
    metavar="DATE",
    help=N_(
        "Date of the first meeting of the series, YYYY-MM-DD: the trajectory card lists the dates "
        "`schedule --start DATE` gives, and with --meeting the cards name that meeting's date."
    ),
)
@click.option(
    "--every",
    type=_params.CADENCE,
    metavar="CADENCE",
    help=N_("With --start-date: the cadence inside the recipe's `every` range, as for `schedule --every`."),
)
@click.option(
    "--skip",
    type=_params.SKIP_DATES,
    multiple=True,
    callback=_params.skip_dates,
    metavar="DATE[,DATE...]",
    help=N_("With --start-date: a date on which no meeting may fall, as for `schedule --skip`."),
)
@calendar_options("cards")
@click.option(
    "--only",
    type=_params.card_kinds(KINDS),
    metavar="KINDS",
    help=N_("Card kinds to print, separated by commas: overview, phases, checkpoint, roles, trajectory."),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_(
        "Language of the cards and the messages; default for the cards: the recipe's `language`, "
        "else the language of its keywords, else the messages'."
    ),
)
@click.option(
    "--paper",
    type=click.Choice(PAPERS, case_sensitive=False),
    default="a6",
    show_default=True,
    help=N_("Page size of html and pdf: one card per page."),
)
@click.option(
    "--sheet",
    type=click.Choice(SHEETS, case_sensitive=False),
    help=N_(
        "Print html and pdf cards on full sheets with cut marks: 4 A6 or 2 A5 cards a sheet, "
        "in an order that reads right after one cut through the stack."
    ),
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help=N_("Your own Jinja templates; they override the built-in ones and run sandboxed."),
)
def cards(
    file: Path,
    fmt: str | None,
    output: Path | None,
    start: int | None,
    group: int | None,
    rounds: int | None,
    meeting: int | str | None,
    start_date: dt.date | None,
    every: Period | None,
    skip: tuple[dt.date, ...],
    monthly: str | None,
    holidays: HolidayCalendar | None,
    school_holidays: bool,
    skip_file: Path | None,
    only: tuple[str, ...] | None,
    lang: str | None,
    paper: str,
    sheet: str | None,
    templates: Path | None,
) -> None:
    """Print the facilitator cards of a recipe.

    An overview card, a card per phase in meeting order, a checkpoint card, a
    card per role to hand out and a trajectory card. While counts are ranges,
    so are times: --group and --rounds make them exact, --start adds the
    clock, --start-date the dates of `schedule`. Same recipe and options, same
    bytes (docs/cards.md).

    \b
    Examples:
      methodengine cards recipes/incidentmethode.mth
      methodengine cards recipes/incidentmethode.mth --start 19:30 --group 6
      methodengine cards recipes/backstagegroep.mth --meeting 2 --rounds 2 -o kaarten.pdf
      methodengine cards recipes/jobcoaching.mth --start-date 2027-01-11 --only trajectory
      methodengine cards recipes/inspiratiegroep.mth --only phases --format md
    """
    from methodengine.commands._common import plugins as loaded_plugins

    if output is not None and str(output) == "-":
        output = None  # standard output, as for `schedule` and `new`
    if output is not None:
        check_output(output, reading=file)
    plugins = loaded_plugins()
    found = chosen_format(plugins, "cards", fmt, output)
    fmt = found.name
    if found.binary and output is None and _stdout_is_a_terminal():
        raise click.UsageError(
            _(
                "{format} output is binary and would garble the terminal; write it to a file with -o FILE, "
                "or redirect it",
                format=fmt,
            )
        )

    sheet = _sheet(sheet, fmt, paper)

    if start_date is None:
        for name, given in (("--every", every is not None), ("--skip", bool(skip))):
            if given:
                raise click.UsageError(
                    _("{option} needs --start-date: it only changes the dates of the series", option=name)
                )
        for name in calendar_given(monthly, holidays, skip_file, school_holidays):
            raise click.UsageError(
                _("{option} needs --start-date: it only changes the dates of the series", option=name)
            )
    calendar = calendar_rules(monthly, holidays, skip_file, school_holidays) if start_date is not None else None

    recipe = resolved_recipe(file, plugins)
    language = output_language(lang, recipe)
    _check_counts(recipe, group, rounds, meeting)

    from methodengine.planning.meeting_plan import CardOptions

    options = CardOptions(
        language=language,
        start=start,
        group=group,
        rounds=rounds,
        meeting=meeting if isinstance(meeting, int) else None,
        extra=meeting if isinstance(meeting, str) else None,
        only=only or KINDS,
        paper=paper,
        start_date=start_date,
        every=every,
        skip=skip,
        calendar=calendar,
    )
    method = plugins.methods().get(recipe.method) if recipe.method else None
    from methodengine.planning.meeting_plan import plan_meeting

    plan = plan_meeting(recipe, options, method)  # a ScheduleError (no dates fit) goes up to the CLI, named by FILE
    _check_kinds(file, recipe, method, plan, only)
    dirs = [*([str(templates)] if templates else []), *plugins.template_dirs()]
    data = _render(plugins, found, _request(recipe, options, templates, dirs, plan, sheet))
    _warn_overtime(recipe, plan)
    _warn_dates(plan, fmt)
    if plan.dates is not None:  # a deck without dates loads nothing of the calendar
        from methodengine.commands._calendar_warnings import echo_calendar_warnings

        echo_calendar_warnings(plan.dates, file)

    if output is not None:
        write_output(output, data)
    else:
        write_stdout(data)


def _stdout_is_a_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _sheet(sheet: str | None, fmt: str, paper: str) -> str | None:
    """The sheet to impose the cards on, if any: only printed cards are; an A4 card already fills an A4 sheet."""
    if sheet is None:
        return None
    if fmt not in ("html", "pdf"):
        raise click.BadParameter(
            _("only printed cards go on sheets: use --format html or pdf, not {format}", format=fmt),
            param_hint="'--sheet'",
        )
    if paper == sheet:
        _warn(_("an A4 card fills an A4 sheet: one card per sheet, as without --sheet"))
        return None
    return sheet


def _check_kinds(file: Path, recipe: Recipe, method: Any, plan: MeetingPlan, only: tuple[str, ...] | None) -> None:
    """``--only`` kinds that give no card: an error when none of them gives one, else a warning for each.

    Printing nothing and ending well (as it did) left a trainer wondering
    whether the checkpoint card had been forgotten or the recipe has none.
    """
    if not only:
        return
    given = {_KIND_OF_CARD.get(card.kind, card.kind) for card in plan.cards}
    missing = [kind for kind in only if kind not in given]
    if not missing:
        return
    meeting = plan.options.meeting
    messages = [
        _("with --meeting {meeting} there is no `{kind}` card", meeting=meeting, kind=translate(kind))
        if meeting is not None
        else _("this recipe has no `{kind}` card", kind=translate(kind))
        for kind in missing
    ]
    if len(missing) < len(only):
        for message in messages:
            _warn(message)
        return
    import attrs

    from methodengine.diagnostics import Diagnostic, Severity
    from methodengine.errors import PlanError
    from methodengine.planning.meeting_plan import plan_meeting

    # What --only could have asked for: the same plan with every kind.
    every = plan_meeting(recipe, attrs.evolve(plan.options, only=KINDS), method)
    kinds = {_KIND_OF_CARD.get(card.kind, card.kind) for card in every.cards}
    present = [translate(kind) for kind in KINDS if kind in kinds]
    hint = _("--only takes the kinds these cards have: {kinds}", kinds=", ".join(present)) if present else None
    raise PlanError(
        [Diagnostic(Severity.ERROR, message, None, hint, "no-cards-of-kind") for message in messages], path=str(file)
    )


_KIND_OF_CARD = {"phase": "phases", "role": "roles", "extra": "trajectory"}
"""A card's kind as ``--only`` names it, where the two differ."""


def _check_counts(recipe: Recipe, group: int | None, rounds: int | None, meeting: int | str | None) -> None:
    """Usage errors for counts the recipe cannot have; warnings for counts outside what it expects."""
    if group is not None:
        fixed = sum(r.count.low for r in recipe.roles if r.count is not None and not r.facilitator)
        if group < fixed:
            raise click.BadParameter(
                _(
                    "{group} is too few: the roles with a fixed count need at least {fixed} participants",
                    group=group,
                    fixed=fixed,
                ),
                param_hint="'--group'",
            )
        if recipe.group is not None and group not in recipe.group:
            _warn(_("--group {group} is outside the recipe's group of {range}", group=group, range=recipe.group))
    if rounds is not None:
        blocks = list(recipe.rounds_blocks())
        for block in blocks:
            if rounds not in block.count:
                _warn(
                    _(
                        "--rounds {rounds} is outside `{title}`'s {count} rounds",
                        rounds=rounds,
                        title=block.title,
                        count=block.count,
                    )
                )
        if not blocks:
            _warn(_("--rounds has no effect: the recipe has no rounds block"))
    if meeting is not None:
        trajectory = recipe.trajectory
        if trajectory is None:
            raise click.BadParameter(
                _("the recipe describes a single meeting; only a recipe with a `trajectory` has meetings to choose"),
                param_hint="'--meeting'",
            )
        if isinstance(meeting, str):
            _check_extra(trajectory.extra_meetings, meeting)
        elif trajectory.meetings is not None and meeting > trajectory.meetings:
            raise click.BadParameter(
                ngettext(
                    "meeting {meeting} does not exist: the trajectory has {count} meeting",
                    "meeting {meeting} does not exist: the trajectory has {count} meetings",
                    trajectory.meetings,
                    meeting=meeting,
                ),
                param_hint="'--meeting'",
            )


def _check_extra(extras: Any, meeting_id: str) -> None:
    """``--meeting ID``: a usage error naming the extra meetings there are, when the trajectory has none of that id."""
    ids = [m.id for m in extras]
    if meeting_id in ids:
        return
    if not ids:
        message = _("the trajectory has no extra meetings; --meeting takes a meeting's number")
    else:
        message = _(
            "`{id}` is not an extra meeting of the trajectory; its extra meetings: {ids}",
            id=meeting_id,
            ids=", ".join(ids),
        )
    raise click.BadParameter(message, param_hint="'--meeting'")


def _warn_overtime(recipe: Recipe, plan: MeetingPlan) -> None:
    """With the counts fixed on the command line, say so when the meeting will not fit its duration."""
    options = plan.options
    if recipe.duration is None or (options.group is None and options.rounds is None):
        return
    longest = max(total.minutes.low for total in plan.totals)
    if longest > recipe.duration.minutes.high:
        _warn(
            _(
                "with these counts the meeting takes {longest} min, {more} min more than its {duration}",
                longest=longest,
                more=longest - recipe.duration.minutes.high,
                duration=recipe.duration,
            )
        )


def _warn_dates(plan: MeetingPlan, fmt: str) -> None:
    """Skipped dates no meeting fell on, as `schedule` notes them; dates that no card shows."""
    dates = plan.dates
    if dates is None:
        return
    for date in dates.unused_skips:
        _warn(_("no meeting falls on {date}, so skipping it changes nothing", date=date.isoformat()))
    cards_shown = fmt in FORMATS and fmt != "json"
    if cards_shown and plan.meeting is None and "trajectory" not in plan.options.only:
        _warn(_("the dates are on the trajectory card, and with --meeting on every card; these cards show none"))


def _warn(message: str) -> None:
    from methodengine._terminal import shown  # a warning may quote a title: no control character goes out raw

    click.echo(shown(f"methodengine: warning: {message}"), err=True)


def _request(
    recipe: Recipe, options: Any, templates: Path | None, dirs: list[str], plan: MeetingPlan, sheet: str | None
) -> OutputRequest:
    """What every card format, built-in or a plugin's, renders from: the recipe, the options, the typed plan."""
    from methodengine.hooks.contract import OutputRequest
    from methodengine.planning.options import clock

    return OutputRequest(
        recipe=recipe,
        options={
            "start": clock(options.start) if options.start is not None else None,
            "group": options.group,
            "rounds": options.rounds,
            "meeting": options.meeting,
            "only": list(options.only),
            "paper": options.paper,
            "sheet": sheet,
            "templates": str(templates) if templates else None,
            "template_dirs": dirs,
            "start_date": options.start_date.isoformat() if options.start_date else None,
            "every": str(options.every) if options.every else None,
            "skip": [d.isoformat() for d in options.skip],
            "monthly": options.calendar.monthly if options.calendar else None,
            "holidays": str(options.calendar.holidays) if options.calendar and options.calendar.holidays else None,
        },
        language=options.language,
        plan=plan,
    )


def _render(plugins: Plugins, found: OutputFormat, request: OutputRequest) -> str | bytes:
    """The cards in the chosen format: a built-in's errors are the user's templates' or the installation's."""
    from methodengine.commands._format_option import rendered
    from methodengine.hooks.formats import is_builtin

    if not is_builtin(plugins, found):
        return rendered(plugins, found, request)
    return found.render(request)  # its template and PDF errors are MethodengineErrors the CLI reports
