"""The dated plan of a trajectory: which meeting falls on which day, and why.

``dated_plan()`` is the one public entry point. It takes a recipe with its
method applied (``methodengine.resolve()``), a start date and the trainer's
choices, and returns a ``DatedPlan``: language-neutral data that the text,
Markdown, JSON and iCalendar renderings share, and that ``cards`` can use.

The calendar rules, which ``docs/schedule.md`` states for trainers:

- A cadence that is a range (``2-4 weeks``) is planned at its lower bound
  unless the trainer chooses another inside the range; a cadence chosen with
  ``--every`` must lie inside the recipe's.
- Which day each meeting falls on, monthly cadences and closed days (skipped
  dates, a skip file, public holidays) included, is
  :mod:`methodengine.planning.series_dates`' job; the trainer's calendar
  choices are a :class:`~methodengine.planning.calendar_rules.CalendarRules`.
- Each meeting's agenda, length, stage and the phases that start in it come
  from the recipe; UIDs from the recipe title, the series name and the
  meeting, never from a date, so a moved meeting keeps its calendar event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

from methodengine._terminal import shown
from methodengine.diagnostics import error
from methodengine.errors import MethodengineError, PlanError, UsageError
from methodengine.i18n import _, ngettext
from methodengine.limits import MAX_EVENTS, MAX_MEETINGS
from methodengine.model import Checkpoint, Meeting, Period, Phase, Range, Recipe, Stage, Trajectory, runs_in
from methodengine.planning import timing
from methodengine.planning.calendar_rules import CalendarRules, Closure, is_weekend
from methodengine.planning.options import bounded_skips, parse_date, parse_period, parse_time
from methodengine.planning.options import parse_dates as parse_dates  # where callers of the dated plan find it
from methodengine.planning.series_dates import OutOfRangeError, Unanchored, plus, series_dates

if TYPE_CHECKING:
    from methodengine.planning.held import Held

CadenceSource = Literal["recipe", "lower-bound", "option"]


class ScheduleError(MethodengineError):
    """A plan cannot be made: a PlanError (exit 1), or a UsageError (exit 2) when ``usage``, the options at fault.

    It carries one Diagnostic (code ``plan``, or ``plan-option`` for the
    options), so the CLI reports it as it reports any other error; ``except
    ScheduleError`` catches both kinds.
    """

    usage: bool

    def __new__(cls, message: str, hint: str | None = None, usage: bool = False) -> ScheduleError:
        if cls is ScheduleError:
            cls = _ScheduleUsageError if usage else _SchedulePlanError
        return super().__new__(cls)

    def __init__(self, message: str, hint: str | None = None, usage: bool = False) -> None:
        # Messages quote recipe titles and option values: no control character reaches the terminal raw.
        message, hint = shown(message), shown(hint) if hint is not None else None
        super().__init__([error(message, None, hint, code="plan-option" if usage else "plan")])
        self.usage = usage

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class _SchedulePlanError(ScheduleError, PlanError):
    """The recipe cannot be dated: no trajectory, no cadence to date more than one meeting by."""


class _ScheduleUsageError(ScheduleError, UsageError):
    """The options cannot be dated: ``--every`` outside the recipe's cadence, too many ``--meetings``."""


# ------------------------------------------------------------------ the options, as the command line writes them
# (parsed in planning.options, which `cards --start` and `schedule --at` load without the planner)


# ------------------------------------------------------------------ the plan


@frozen
class AgendaLine:
    """One line of a meeting's agenda: a phase with its time box, or a rounds block over its phases."""

    title: str
    minutes: Range
    depth: int = 0
    per: str | None = None
    rounds: Range | None = None
    checkpoint: bool = False


@frozen
class Run:
    """A phase (or rounds block) limited by ``when`` that starts at this meeting.

    ``last`` is the last meeting of the run; ``None`` means it goes on to the
    end of the series (``from meeting 2``). ``only`` runs are one meeting long.
    """

    title: str
    first: int
    last: int | None

    @property
    def only(self) -> bool:
        return self.last == self.first


@frozen
class PlannedMeeting:
    """One dated meeting: a meeting of the series (``number``) or an extra one (``extra``).

    ``start`` and ``end`` are set when the plan has a start time; ``moved_from``
    is the date the meeting had before a closed day moved it, ``moved_for``
    why that day was closed (a ``--skip`` date, a skip-file entry, a public
    holiday); ``rescheduled`` says its date is not the one the cadence alone
    gives (it moved, or moved along after a meeting that did). ``held`` is
    what a run log says about a meeting held (``schedule --log``,
    :mod:`methodengine.planning.held`); a held meeting has the date and times
    it was held at.
    """

    kind: Literal["meeting", "extra"]
    date: dt.date
    key: str
    uid: str
    minutes: int
    number: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    extra: Meeting | None = None
    index: int = 1
    of: int = 1
    stage: Stage | None = None
    stage_number: int | None = None
    stage_start: bool = False
    runs: tuple[Run, ...] = ()
    last: bool = False
    optional: bool = False
    tentative: bool = False
    moved_from: dt.date | None = None
    moved_for: Closure | None = None
    rescheduled: bool = False
    agenda: tuple[AgendaLine, ...] = ()
    held: Held | None = None

    @property
    def title(self) -> str | None:
        """The extra meeting's title; a meeting of the series has a number instead."""
        return self.extra.title if self.extra else None


@frozen
class Unplaced:
    """An extra meeting that has no date in this plan, and why.

    ``reason`` is ``no-anchor`` (it has no ``at:``), ``open-last`` (it follows
    the last meeting of an open series) or ``not-planned`` (it is placed from
    meeting ``number``, which this plan does not date).
    """

    meeting: Meeting
    reason: Literal["no-anchor", "open-last", "not-planned"]
    number: int | None = None


@frozen
class DatedPlan:
    """The dated meetings of a recipe's trajectory, in date order.

    ``total`` is the number of meetings the recipe fixes (None for an open
    trajectory); ``planned`` is how many meetings of the series are dated:
    ``total``, or for an open trajectory 1, or ``--meetings N`` tentatively.
    ``every`` is the cadence used and ``every_source`` where it came from.
    ``unused_skips`` are skipped dates no meeting fell on; ``unplaced`` are
    extra meetings that have no date in this plan, with the reason.
    ``series_name`` is the name of the group's series (``--series``) that
    goes into every UID, or None. ``held`` are the meetings run logs say were
    held; ``stopped`` is the held meeting of an open series whose checkpoint
    said stop, with which the series ends (both from ``schedule --log``).
    ``calendar`` are the trainer's calendar choices (the month rule, public
    holidays, the skip file's entries); ``unused_closures`` the skip file's
    entries no meeting fell on.
    """

    recipe: Recipe
    start: dt.date
    at: dt.time | None
    every: Period | None
    every_source: CadenceSource | None
    total: int | None
    planned: int
    open: bool
    tentative: bool
    meetings: tuple[PlannedMeeting, ...]
    skip: tuple[dt.date, ...] = ()
    unused_skips: tuple[dt.date, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()
    uniform_minutes: int | None = None
    series_name: str | None = None
    held: tuple[Held, ...] = ()
    stopped: int | None = None
    calendar: CalendarRules = field(factory=CalendarRules)
    unused_closures: tuple[Closure, ...] = ()

    @property
    def weekend(self) -> tuple[PlannedMeeting, ...]:
        """The meetings still to come on a Saturday or Sunday, to warn about; none when the cadence (the recipe's
        or the one chosen) is in days: a group that meets every 10 days knows it meets on weekends too."""
        recipe_every = self.recipe.trajectory.every if self.recipe.trajectory else None
        if any(period is not None and period.unit == "day" for period in (self.every, recipe_every)):
            return ()
        return tuple(m for m in self.meetings if is_weekend(m.date) and m.held is None)  # a held one is history

    @property
    def series(self) -> tuple[PlannedMeeting, ...]:
        """The meetings of the series, without the extra ones."""
        return tuple(m for m in self.meetings if m.kind == "meeting")

    @property
    def first(self) -> dt.date:
        return min(m.date for m in self.meetings)

    @property
    def last(self) -> dt.date:
        return max(m.date for m in self.meetings)


def dated_plan(
    recipe: Recipe,
    start: dt.date | str,
    at: dt.time | str | None = None,
    every: Period | str | None = None,
    skip: Iterable[dt.date | str] = (),
    meetings: int | None = None,
    series: str | None = None,
    calendar: CalendarRules | None = None,
) -> DatedPlan:
    """Date every meeting of ``recipe``'s trajectory from ``start``.

    ``recipe`` is a recipe with its method applied. ``at`` is the start time
    of every meeting (None: dates only). ``every`` is the cadence chosen
    inside the recipe's ``every`` range. ``skip`` are dates on which no
    meeting may fall. ``meetings`` plans that many tentative meetings of an
    open trajectory (at most ``MAX_MEETINGS``). Dates, times and the cadence
    may also be given as the command line takes them (``"2027-01-11"``,
    ``"19:00"``, ``"3 weeks"``). ``series`` names one group's run of the
    recipe (``"groep-a"``) and goes into every calendar UID, so that two
    groups' calendars do not overwrite each other. ``calendar`` holds the
    month rule (``monthly="weekday"``, the default: every 2nd Monday), the
    public holidays to move meetings off and a skip file's entries.
    Raises ScheduleError when no plan can be made.
    """
    first_day, clock, chosen, skipped = _options(start, at, every, skip)
    rules = calendar if calendar is not None else CalendarRules()
    trajectory = recipe.trajectory
    if trajectory is None:
        raise ScheduleError(
            _("recipe `{title}` has no trajectory, so there is no series of meetings to date", title=recipe.title),
            hint=_(
                "add a `{trajectory}` block with `{meetings}:` and `{every}:`, as in recipes/backstagegroep.mth",
                **_keys(recipe, "trajectory", "meetings", "every"),
            ),
        )
    is_open = trajectory.meetings is None
    if meetings is not None:
        if not is_open:
            raise ScheduleError(
                ngettext(
                    "--meetings is for open trajectories; `{title}` has {count} meeting",
                    "--meetings is for open trajectories; `{title}` has {count} meetings",
                    trajectory.meetings or 0,
                    title=recipe.title,
                ),
                hint=_("leave --meetings out"),
                usage=True,
            )
        if meetings < 1:
            raise ScheduleError(_("--meetings needs at least 1 meeting"), usage=True)
        if meetings > MAX_MEETINGS:
            raise ScheduleError(
                _("--meetings plans at most {most} meetings, not {count}", most=MAX_MEETINGS, count=meetings),
                usage=True,
            )
        events = meetings + sum(m.count.high for m in trajectory.extra_meetings)
        if events > MAX_EVENTS:
            raise ScheduleError(
                _(
                    "--meetings {count} with the recipe's extra meetings makes {events} calendar events, "
                    "more than a schedule can plan (at most {most})",
                    count=meetings,
                    events=f"{events:,}",
                    most=f"{MAX_EVENTS:,}",
                ),
                hint=_("choose at most --meetings {count}", count=max(MAX_EVENTS - events + meetings, 1)),
                usage=True,
            )
    if series is not None:
        series = series.strip()
        if not series:
            raise ScheduleError(_("--series needs a name, for example --series groep-a"), usage=True)
    planned = trajectory.meetings or meetings or 1
    cadence, source = _cadence(recipe, chosen, needed=planned > 1)

    counts = timing.role_counts(recipe)
    total = trajectory.meetings
    horizon = total or max(planned, timing.meeting_numbers(recipe)[-1] or 1)
    minutes_of = _meeting_minutes(recipe, range(1, planned + 1), counts)
    regular = minutes_of[1] if minutes_of else 0
    stages = sorted(trajectory.stages, key=lambda s: s.meetings.low)
    runs = _runs(recipe, horizon, total)

    found: list[tuple[tuple[dt.date, int, int], PlannedMeeting]] = []
    unplaced: list[Unplaced] = []
    try:
        dated = series_dates(trajectory, first_day, cadence, planned, skipped, rules)
        # The dates the cadence alone gives, to tell which meetings a closed day rescheduled (moved or moved along).
        by_rule = _rule_dates(trajectory, first_day, cadence, planned, rules) if dated.hits else {}
        for n, date in dated.series.items():
            stage = trajectory.stage_of(n)
            key = f"meeting-{n}"
            found.append(
                (
                    (date, 1, n),
                    PlannedMeeting(
                        kind="meeting",
                        date=date,
                        key=key,
                        uid=_uid(recipe, key, series),
                        minutes=minutes_of[n],
                        number=n,
                        start=_at(date, clock),
                        end=_end(date, clock, minutes_of[n]),
                        stage=stage,
                        stage_number=stages.index(stage) + 1 if stage else None,
                        stage_start=stage is not None and stage.meetings.low == n,
                        runs=tuple(runs.get(n, ())),
                        last=total is not None and n == total,
                        tentative=is_open and n > 1,
                        moved_from=move.date if (move := dated.moved.get(n)) else None,
                        moved_for=move.closure if move else None,
                        rescheduled=by_rule.get(key, date) != date,
                        agenda=_agenda(recipe, n, counts),
                    ),
                )
            )
        for extra, placed in dated.extras:
            if isinstance(placed, Unanchored):
                unplaced.append(Unplaced(extra, placed.reason, placed.number))
                continue
            anchor_number, placed_dates = placed
            length = _extra_minutes(recipe, extra, counts, regular)
            high = extra.count.high
            for k, (date, order, first, closure) in enumerate(placed_dates, start=1):
                key = extra.id if high == 1 else f"{extra.id}-{k}"
                found.append(
                    (
                        (date, order, k),
                        PlannedMeeting(
                            kind="extra",
                            date=date,
                            key=key,
                            uid=_uid(recipe, key, series),
                            minutes=length,
                            start=_at(date, clock),
                            end=_end(date, clock, length),
                            extra=extra,
                            index=k,
                            of=high,
                            optional=extra.optional or k > extra.count.low,
                            tentative=is_open and anchor_number > 1,
                            moved_from=first if date != first else None,
                            moved_for=closure if date != first else None,
                            rescheduled=by_rule.get(key, date) != date,
                        ),
                    )
                )
    except OutOfRangeError as exc:
        raise _out_of_range(exc, recipe, first_day, cadence, source, planned, meetings, rules) from None

    found.sort(key=lambda pair: pair[0])
    lengths = {m.minutes for _, m in found if m.kind == "meeting"}
    return DatedPlan(
        recipe=recipe,
        start=first_day,
        at=clock,
        every=cadence,
        every_source=source,
        total=total,
        planned=planned,
        open=is_open,
        tentative=is_open and planned > 1,
        meetings=tuple(m for _, m in found),
        skip=tuple(sorted(skipped)),
        unused_skips=tuple(sorted(d for d in skipped if Closure(d, d) not in dated.hits)),
        unplaced=tuple(unplaced),
        checkpoints=tuple(recipe.checkpoints()),
        uniform_minutes=lengths.pop() if len(lengths) == 1 else None,
        series_name=series,
        calendar=rules,
        unused_closures=tuple(c for c in rules.closed if c not in dated.hits),
    )


def _rule_dates(
    trajectory: Trajectory, start: dt.date, cadence: Period | None, planned: int, rules: CalendarRules
) -> dict[str, dt.date]:
    """Each meeting's date by the cadence alone, no day closed, by its key (``meeting-3``, ``followup-2``)."""
    dated = series_dates(trajectory, start, cadence, planned, frozenset(), CalendarRules(rules.monthly))
    out = {f"meeting-{n}": date for n, date in dated.series.items()}
    for extra, placed in dated.extras:
        if not isinstance(placed, Unanchored):
            dates = placed[1]
            for k, (date, *_rest) in enumerate(dates, start=1):
                out[extra.id if len(dates) == 1 else f"{extra.id}-{k}"] = date
    return out


def _options(
    start: dt.date | str, at: dt.time | str | None, every: Period | str | None, skip: Iterable[dt.date | str]
) -> tuple[dt.date, dt.time | None, Period | None, frozenset[dt.date]]:
    """The trainer's choices as dates, a time and a cadence, whether given as such or as command-line text."""
    try:
        return (
            parse_date(start) if isinstance(start, str) else start,
            parse_time(at) if isinstance(at, str) else at,
            parse_period(every) if isinstance(every, str) else every,
            frozenset(bounded_skips(tuple({parse_date(d) if isinstance(d, str) else d for d in skip}))),
        )
    except ValueError as exc:
        raise ScheduleError(str(exc), usage=True) from None


_NEUTRAL_START = dt.date(2000, 1, 3)
"""A start date far from both ends of the calendar, to tell whether a plan that does not fit is the start's fault."""


def _out_of_range(
    exc: OutOfRangeError,
    recipe: Recipe,
    start: dt.date,
    cadence: Period | None,
    source: CadenceSource | None,
    planned: int,
    meetings: int | None,
    rules: CalendarRules,
) -> ScheduleError:
    """Why the plan does not fit in the calendar: the start date, --every or --meetings (usage), else the recipe."""
    trajectory = recipe.trajectory
    assert trajectory is not None
    where = _("past the year 9999, the last year") if exc.later else _("before the year 1, the first year")
    if _fits(trajectory, cadence, planned, rules):
        return ScheduleError(
            _("the plan from {start} runs {where} a date can have", start=start.isoformat(), where=where),
            hint=_("choose an earlier start date") if exc.later else _("choose a later start date"),
            usage=True,
        )
    if source == "option" or meetings is not None:
        default, _source = _cadence(recipe, None, needed=False)
        if _fits(trajectory, default, trajectory.meetings or 1, rules):
            choices = [_("a shorter --every")] if source == "option" else []
            choices += [_("fewer --meetings")] if meetings is not None else []
            message = (
                ngettext(
                    "{count} meeting every {every} runs {where} a date can have, whatever the start date",
                    "{count} meetings every {every} run {where} a date can have, whatever the start date",
                    planned,
                    every=_period(cadence),
                    where=where,
                )
                if cadence
                else ngettext(
                    "{count} meeting runs {where} a date can have, whatever the start date",
                    "{count} meetings run {where} a date can have, whatever the start date",
                    planned,
                    where=where,
                )
            )
            return ScheduleError(
                message,
                hint=_("choose {choices}", choices=_(" or ").join(choices)),
                usage=True,
            )
    return ScheduleError(
        _(
            "recipe `{title}` plans dates {where} a date can have, whatever the start date",
            title=recipe.title,
            where=where,
        ),
        hint=_(
            "check the cadence (`{every}:`) and the offsets of the extra meetings (`{at}:`) in the recipe",
            **_keys(recipe, "every", "at"),
        ),
    )


def _keys(recipe: Recipe, *names: str) -> dict[str, str]:
    """Keys and keywords as the recipe writes them (``elke``, ``traject`` in a Dutch recipe), for a hint to quote."""
    from methodengine.checking import _words

    written = _words.keywords_of(recipe)
    return {
        name: _words.keyword(name, written) if name == "trajectory" else _words.key(name, written) for name in names
    }


def _period(period: Period) -> str:
    """A cadence in the message language (``3 weken``), as the message around it is."""
    from methodengine.checking._words import period as said

    return said(period)


def _fits(trajectory: Trajectory, cadence: Period | None, planned: int, rules: CalendarRules) -> bool:
    """Whether the plan's dates fit in the calendar from a start date in the middle of it (no closed days)."""
    try:
        series_dates(trajectory, _NEUTRAL_START, cadence, planned, frozenset(), CalendarRules(rules.monthly))
    except OutOfRangeError:
        return False
    return True


# ------------------------------------------------------------------ cadence


def _cadence(recipe: Recipe, chosen: Period | None, needed: bool) -> tuple[Period | None, CadenceSource | None]:
    trajectory = recipe.trajectory
    assert trajectory is not None
    allowed = trajectory.every
    if chosen is not None:
        if not chosen.amount.exact:
            raise ScheduleError(
                _("--every takes one cadence, not the range {range}", range=_period(chosen)), usage=True
            )
        if allowed is not None and not _inside(chosen, allowed):
            raise ScheduleError(
                _(
                    "--every {chosen} is outside the recipe's cadence of {allowed}",
                    chosen=_period(chosen),
                    allowed=_period(allowed),
                ),
                hint=(
                    _(
                        "the recipe meets every {allowed}: leave --every out, or change `{every}:` in the recipe",
                        allowed=_period(allowed),
                        **_keys(recipe, "every"),
                    )
                    if allowed.amount.exact
                    else _(
                        "choose a cadence from {allowed}, or change `{every}:` in the recipe",
                        allowed=_period(allowed),
                        **_keys(recipe, "every"),
                    )
                ),
            )
        return chosen, "option"
    if allowed is None:
        if needed:
            raise ScheduleError(
                _(
                    "recipe `{title}` gives no cadence (`{every}:`), so the meetings after the first have no date",
                    title=recipe.title,
                    **_keys(recipe, "every"),
                ),
                hint=_('give one with --every, for example --every "2 weeks"'),
                usage=True,
            )
        return None, None
    if allowed.amount.exact:
        return allowed, "recipe"
    return Period(Range.of(allowed.amount.low), allowed.unit), "lower-bound"


def _inside(chosen: Period, allowed: Period) -> bool:
    """Whether a cadence lies within a recipe's cadence range; other units compare by their length in days."""
    if chosen.unit == allowed.unit:
        return allowed.amount.low <= chosen.amount.low <= allowed.amount.high
    try:
        low, high = allowed.days()
        days = chosen.days()[0]
    except OverflowError:  # a cadence of more days than a float holds is outside any recipe's
        return False
    return low - 1e-6 <= days <= high + 1e-6


# ------------------------------------------------------------------ extra meetings


def _extra_minutes(recipe: Recipe, extra: Meeting, counts: dict[str, Range], regular: int) -> int:
    if extra.timebox is not None:
        return timing.timebox_minutes(extra.timebox, counts).high
    return regular


# ------------------------------------------------------------------ one meeting


def _meeting_minutes(recipe: Recipe, numbers: range, counts: dict[str, Range]) -> dict[int, int]:
    """Each meeting's length: the recipe's ``duration`` (its high end), else its planned time."""
    if recipe.duration is not None:
        return dict.fromkeys(numbers, recipe.duration.minutes.high)
    return {n: minutes.high for n, minutes in timing.meetings_minutes(recipe, numbers, counts) if n is not None}


def _agenda(recipe: Recipe, n: int, counts: dict[str, Range]) -> tuple[AgendaLine, ...]:
    lines: list[AgendaLine] = []
    for step in recipe.walk(n):
        if step.rounds is None:
            lines.append(_line(step.item, counts))  # type: ignore[arg-type]
        else:
            lines.append(AgendaLine(step.item.title, timing.step_minutes(step, counts), rounds=step.rounds))
            lines += [_line(p, counts, depth=1) for p in step.phases]
    return tuple(lines)


def _line(phase: Phase, counts: dict[str, Range], depth: int = 0) -> AgendaLine:
    return AgendaLine(
        phase.title,
        timing.timebox_minutes(phase.timebox, counts),
        depth=depth,
        per=phase.timebox.per,
        checkpoint=isinstance(phase, Checkpoint),
    )


def _runs(recipe: Recipe, horizon: int, total: int | None) -> dict[int, list[Run]]:
    """For each meeting, the phases limited by ``when`` that start there.

    A phase that runs at every meeting of the series is nothing special and
    is left out; so is a phase outside the planned meetings.
    """
    found: dict[int, list[Run]] = {}
    numbers = range(1, horizon + 1)
    for item in recipe.items():
        if item.when is None:
            continue
        block = recipe.block_of(item)  # a phase inside a block runs only where the block does
        # a set: the membership tests below run once per meeting
        hits = {n for n in numbers if runs_in(item, n, total) and (block is None or runs_in(block, n, total))}
        if not hits or len(hits) == horizon:
            continue
        for n in sorted(hits):
            if n - 1 in hits:
                continue
            last = n
            while last + 1 in hits:
                last += 1
            open_end = last == horizon and n != last
            found.setdefault(n, []).append(Run(item.title, n, None if open_end else last))
    return found


def _at(date: dt.date, at: dt.time | None) -> dt.datetime | None:
    return dt.datetime.combine(date, at) if at else None


def _end(date: dt.date, at: dt.time | None, minutes: int) -> dt.datetime | None:
    if at is None or minutes <= 0:
        return None
    try:
        length = dt.timedelta(minutes=minutes)
    except OverflowError:
        raise OutOfRangeError(later=True) from None
    return plus(dt.datetime.combine(date, at), length)


def _uid(recipe: Recipe, key: str, series: str | None = None) -> str:
    """A UID that stays the same when the same plan is exported again: recipe title, series and meeting, no dates.

    Without a series the UID is that of the recipe title alone, as it has always been, so calendars that
    imported an earlier export keep updating their events.
    """
    name = recipe.title.strip() if series is None else f"{recipe.title.strip()}\n{series}"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"{key}-{digest}@methodengine"
