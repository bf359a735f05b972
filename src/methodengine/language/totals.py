"""The bounds on a recipe's totals: phases, roles, script lines, stages, extra meetings, events, rows, cards.

Each value of a recipe is bounded where it is read (``builder``); these are
the bounds on what the values add up to, which is what every command's time
and memory grow with: a 20 kB recipe can otherwise ask for millions of
calendar events or planned rows. A total past its bound is an error at the
line of the item that crosses it, naming the bound, so the trainer sees
which part to cut. The numbers live in :mod:`methodengine.limits`.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine.errors import RecipeValueError
from methodengine.i18n import N_, _, translate
from methodengine.limits import (
    MAX_CARDS,
    MAX_EVENTS,
    MAX_EXTRA_MEETINGS,
    MAX_PHASES,
    MAX_ROLES,
    MAX_ROWS,
    MAX_SCRIPT_LINES,
    MAX_STAGES,
)
from methodengine.model import Checkpoint, Phase, Position, Recipe, Rounds, Step
from methodengine.planning import timing


def _over(message: str, position: Position | None, hint: str) -> RecipeValueError:
    limits = _("the limits are far above any real method; see {page}", page="docs/recipe-language.md#limits")
    return RecipeValueError(message, position, hint=f"{hint}; {limits}", code="too-many")


def check_totals(recipe: Recipe) -> None:
    """Raise RecipeValueError at the first item that takes a total past its limit."""
    _check_count(
        list(recipe.phases()),
        MAX_PHASES,
        N_("phase {number}: a recipe has at most {most} phases and checkpoints (those in rounds blocks too)"),
    )
    _check_count(list(recipe.roles), MAX_ROLES, N_("role {number}: a recipe has at most {most} roles"))
    trajectory = recipe.trajectory
    if trajectory is not None:
        _check_count(list(trajectory.stages), MAX_STAGES, N_("stage {number}: a recipe has at most {most} stages"))
        _check_count(
            list(trajectory.extra_meetings),
            MAX_EXTRA_MEETINGS,
            N_("meeting {number}: a recipe has at most {most} extra meetings"),
        )
    lines = list(_script_lines(recipe))
    if len(lines) > MAX_SCRIPT_LINES:
        raise _over(
            _(
                "script line {number}: a recipe has at most {most} script lines "
                "(say, ask, do, tip, watch, output, materials)",
                number=MAX_SCRIPT_LINES + 1,
                most=f"{MAX_SCRIPT_LINES:,}",
            ),
            lines[MAX_SCRIPT_LINES],
            _("keep the script to what the facilitator says and does; put background in `summary` or a handout"),
        )
    _check_events(recipe)
    check_rows(recipe)
    _check_cards(recipe)


def _check_count(items: list, most: int, message: str) -> None:  # type: ignore[type-arg]
    if len(items) > most:
        raise _over(
            translate(message, number=most + 1, most=most),
            items[most].position,
            _("split the method into several recipes, or merge what belongs together"),
        )


def _script_lines(recipe: Recipe) -> Iterator[Position | None]:
    for phase in recipe.phases():
        yield from (line.position for line in phase.script)
    if recipe.trajectory is not None:
        for meeting in recipe.trajectory.extra_meetings:
            yield from (line.position for line in meeting.script)


def _check_events(recipe: Recipe) -> None:
    """The series (one meeting for an open one, as `schedule` dates it by default) and every extra's count."""
    trajectory = recipe.trajectory
    if trajectory is None:
        return
    events = trajectory.meetings or 1
    for meeting in trajectory.extra_meetings:
        events += meeting.count.high
        if events > MAX_EVENTS:
            raise _over(
                _(
                    "with this meeting's count the schedule has {events} calendar events, more than it can plan "
                    "(at most {most}: the meetings of the series and every extra meeting's count)",
                    events=f"{events:,}",
                    most=f"{MAX_EVENTS:,}",
                ),
                meeting.position,
                _("give the extra meetings a smaller `count`"),
            )


def events_with(recipe: Recipe, planned: int) -> int:
    """The calendar events of a schedule that dates ``planned`` meetings of the series."""
    trajectory = recipe.trajectory
    extras = sum(m.count.high for m in trajectory.extra_meetings) if trajectory else 0
    return planned + extras


def check_rows(recipe: Recipe, rounds: int | None = None, meeting: int | None = None) -> None:
    """The planned rows of all meetings (or of ``meeting``) at most MAX_ROWS; ``rounds`` overrides every block's.

    A row is a phase in one meeting, once per round. The error names the
    agenda item whose rows take the total past the limit.
    """
    numbers = [meeting] if meeting is not None else timing.meeting_numbers(recipe)
    if len(numbers) * _rows(recipe.walk(None, rounds)) <= MAX_ROWS:
        return  # even were every phase in every meeting, the rows stay within the bound
    rows_of: dict[int, int] = {}
    for number in numbers:
        for step in recipe.walk(number, rounds):
            times = step.rounds.high if step.rounds is not None else 1
            key = id(step.item)
            rows_of[key] = rows_of.get(key, 0) + times * len(step.phases)
    rows = 0
    for item in recipe.agenda:
        rows += rows_of.get(id(item), 0)
        if rows > MAX_ROWS:
            option = rounds is not None and type(item) is Rounds
            this = translate(_KINDS[type(item)])
            raise _over(
                _(
                    "with {this} at --rounds {rounds}, the meetings plan {rows} rows, more than a recipe can plan "
                    "(at most {most}: each phase once in each meeting it is in, once per round)",
                    this=this,
                    rounds=rounds,
                    rows=f"{rows:,}",
                    most=f"{MAX_ROWS:,}",
                )
                if option
                else _(
                    "with {this}, the meetings plan {rows} rows, more than a recipe can plan "
                    "(at most {most}: each phase once in each meeting it is in, once per round)",
                    this=this,
                    rows=f"{rows:,}",
                    most=f"{MAX_ROWS:,}",
                ),
                item.position,
                _("choose fewer --rounds, or one meeting with --meeting N")
                if option
                else _("plan fewer rounds, phases or meetings, or limit phases to some meetings with `when`"),
            )


def _rows(steps: tuple[Step, ...]) -> int:
    """The rows of one meeting's steps: each phase once, once per round."""
    return sum((step.rounds.high if step.rounds is not None else 1) * len(step.phases) for step in steps)


_KINDS = {Phase: N_("this phase"), Checkpoint: N_("this checkpoint"), Rounds: N_("this rounds block")}
"""What a message calls the item that crosses a limit."""


def _check_cards(recipe: Recipe) -> None:
    """The deck: an overview card, a card per phase and per deciding checkpoint, per role, a trajectory card."""
    cards = 2 if recipe.trajectory is not None else 1
    for phase in recipe.phases():
        cards += 2 if getattr(phase, "decide", ()) else 1  # a deciding checkpoint has a decision card too
        if cards > MAX_CARDS:
            raise _over(
                _(
                    "with {this} the deck has {cards} cards, more than it can hold (at most {most})",
                    this=translate(_KINDS[type(phase)]),
                    cards=cards,
                    most=MAX_CARDS,
                ),
                phase.position,
                _("split the method into several recipes, or merge phases"),
            )
    for role in recipe.roles:
        cards += 1
        if cards > MAX_CARDS:
            raise _over(
                _(
                    "with {this} the deck has {cards} cards, more than it can hold (at most {most})",
                    this=_("this role"),
                    cards=cards,
                    most=MAX_CARDS,
                ),
                role.position,
                _("merge roles, or split the method into several recipes"),
            )
