"""``methodengine run``: hold a meeting in the terminal, the current phase against the clock.

The recipe is read, checked and planned as for ``cards`` (the same options
mean the same), then the live view (:mod:`methodengine.run.app`) runs it.
Textual is imported only here, once the recipe is known to be good and
the terminal to be one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from methodengine.commands import _params
from methodengine.commands._common import recipe_file, resolved_recipe
from methodengine.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _
from methodengine.limits import MAX_COUNT, MAX_MEETINGS, MAX_ROUNDS

if TYPE_CHECKING:
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Recipe
    from methodengine.planning.meeting_plan import MeetingPlan
    from methodengine.run.app import RunApp
    from methodengine.run.clock import Clock


@click.command()
@recipe_file
@click.option("--meeting", type=click.IntRange(1, MAX_MEETINGS), metavar="N", help=N_("Meeting N of the trajectory."))
@click.option(
    "--group",
    type=click.IntRange(1, MAX_COUNT),
    metavar="N",
    help=N_("Participants tonight: the turns of a `per ROLE` time box follow."),
)
@click.option(
    "--rounds",
    type=click.IntRange(1, MAX_ROUNDS),
    metavar="N",
    help=N_("Rounds tonight, for every rounds block; default: the most the recipe allows."),
)
@click.option(
    "--start",
    type=_params.CLOCK_MINUTES,
    metavar="HH:MM",
    help=N_("The planned start; a late start is measured from it."),
)
@click.option(
    "--end",
    type=_params.CLOCK_MINUTES,
    metavar="HH:MM",
    help=N_("The time the meeting must end; default: the start plus the recipe's `duration`."),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_("Language of the screen; default: the recipe's `language`, else nl."),
)
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help=N_("Write what happened to FILE (JSON) and a summary to FILE.md when the meeting ends."),
)
@click.option("--quiet", is_flag=True, help=N_("No bell when the time runs low or out; the screen still flashes."))
def run(
    file: Path,
    meeting: int | None,
    group: int | None,
    rounds: int | None,
    start: int | None,
    end: int | None,
    lang: str | None,
    log: Path | None,
    quiet: bool,
) -> None:
    """Hold a meeting: the current phase as its card shows it, the time left, the keys.

    Space starts and pauses, n or → goes to the next phase or turn, p or ←
    back, + and - add or take a minute, r skips the remaining rounds, a
    accepts a proposed catch-up, 1-9 record a checkpoint's decisions, q and
    Enter end the meeting and write the log (docs/run.md).

    \b
    Examples:
      methodengine run recipes/incidentmethode.mth --meeting 2 --group 6 --start 19:30
      methodengine run recipes/backstagegroep.mth --meeting 3 --group 8 --end 21:30 --log avond.json
    """
    app = make_app(
        file, meeting=meeting, group=group, rounds=rounds, start=start, end=end, lang=lang, log=log, quiet=quiet
    )
    if not _is_a_terminal():  # after the recipe: `run broken.mth | less` still shows its errors
        raise click.UsageError(
            _(
                "`run` shows the meeting live and needs a terminal; for something to print or save, "
                "use `methodengine cards`"
            )
        )
    app.run()
    if app.write_error is not None:
        if isinstance(app.write_error, click.ClickException):
            raise app.write_error
        from methodengine.commands._output import OutputError

        raise OutputError(str(log), app.write_error.strerror or str(app.write_error))
    if app.meeting.started is None and log is not None:
        from methodengine._terminal import shown

        click.echo(shown(_("methodengine: the meeting was not started, so no log was written")), err=True)
    if app.written is not None and log is not None:
        from methodengine._terminal import shown
        from methodengine.run.log import summary_path

        said = _(
            "methodengine: the log is in {path}, its summary in {summary}",
            path=str(log),
            summary=str(summary_path(log)),
        )
        click.echo(shown(said), err=True)


def make_app(
    file: Path,
    *,
    meeting: int | None = None,
    group: int | None = None,
    rounds: int | None = None,
    start: int | None = None,
    end: int | None = None,
    lang: str | None = None,
    log: Path | None = None,
    quiet: bool = False,
    clock: Clock | None = None,
) -> RunApp:
    """The live view of a recipe's meeting, not yet running: the recipe read, checked and planned as ``run`` does.

    ``start`` and ``end`` are minutes after midnight; ``clock`` gives the
    time now (the room's clock by default). Raises what the command reports:
    the recipe's errors (exit 1), usage errors (exit 2). The tests drive the
    app it returns headless.
    """
    from methodengine.commands._common import plugins as loaded_plugins

    if start is not None and end is not None and not 0 < (end - start) % (24 * 60) <= 12 * 60:
        from methodengine.planning.options import clock as hhmm

        raise click.BadParameter(
            _("{end} is not after the start, {start}", end=hhmm(end), start=hhmm(start)), param_hint="'--end'"
        )
    if log is not None:
        from methodengine.run.log import check_log_target

        check_log_target(log, file)
    plugins = loaded_plugins()
    recipe = resolved_recipe(file, plugins)
    language = lang or (recipe.language if recipe.language in LANGUAGES else DEFAULT_LANGUAGE)
    _check_meeting(recipe, meeting)
    from methodengine.commands.cards import _check_counts

    _check_counts(recipe, group, rounds, meeting)
    plan = _plan(recipe, plugins, language, start, group, rounds, meeting)
    from methodengine.output.cards.content import CardBuilder, Formatter
    from methodengine.run.app import RunApp, now
    from methodengine.run.clock import CountsOpenError, Meeting
    from methodengine.run.log import write_log

    duration = plan.recipe.duration.high if plan.recipe.duration is not None else None
    try:
        held = Meeting(plan, clock or now, start=start, end=end, duration=duration)
    except CountsOpenError as exc:
        raise click.UsageError(
            _(
                "`{phase}` gives every {role} a turn, and the recipe's group is not one number: "
                "say how many are here with --group N",
                phase=exc.phase,
                role=exc.role,
            )
        ) from None
    if not held.steps:
        raise click.UsageError(_("meeting {n} has no phases to hold", n=meeting or 1))
    from methodengine.output.meeting_words import meeting_word

    # The word for a meeting as the cards have it: `Gesprek 2` for one-to-one coaching, `Bijeenkomst 2` for a group.
    word = meeting_word(language, getattr(plan.recipe, "meeting_word", None), plan.recipe.language)
    builder = CardBuilder(plan, Formatter(language, meeting=word))
    return RunApp(held, builder, recipe_path=str(file), language=language, log=log, writer=write_log, quiet=quiet)


def _is_a_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _check_meeting(recipe: Recipe, meeting: int | None) -> None:
    """A series is held one meeting at a time: which one has to be said."""
    trajectory = recipe.trajectory
    if trajectory is not None and meeting is None:
        raise click.UsageError(
            _("the recipe plans a series of meetings: say which one this is with --meeting N (1 is the first)")
        )


def _plan(
    recipe: Recipe,
    plugins: Plugins,
    language: str,
    start: int | None,
    group: int | None,
    rounds: int | None,
    meeting: int | None,
) -> MeetingPlan:
    from methodengine.planning.meeting_plan import CardOptions, plan_meeting

    options = CardOptions(language=language, start=start, group=group, rounds=rounds, meeting=meeting)
    method = plugins.methods().get(recipe.method) if recipe.method else None
    return plan_meeting(recipe, options, method)
