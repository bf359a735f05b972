"""The checks every recipe gets, whatever its method.

Each check is a function from a recipe to diagnostics; ``check`` runs them
all so that one run reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from methodengine._suggest import did_you_mean
from methodengine.diagnostics import Diagnostic, Related, error, warning
from methodengine.i18n import LANGUAGES
from methodengine.model import EVERYONE, Checkpoint, Position, Range, Recipe, Selector
from methodengine.planning import timing

Check = Callable[[Recipe], Iterable[Diagnostic]]


def _roles_defined(recipe: Recipe) -> Iterator[Diagnostic]:
    known = [r.id for r in recipe.roles]
    inherited: dict[str, list[str]] = {}
    for phase in recipe.phases():
        for ref in phase.role_refs:
            if ref.role in known or ref.role == EVERYONE:
                continue
            if recipe.path and ref.position and ref.position.path != recipe.path:
                # The agenda came from the method; the trainer can only fix this in their own roles.
                titles = inherited.setdefault(ref.role, [])
                if phase.title not in titles:
                    titles.append(phase.title)
                continue
            suggestion = did_you_mean(ref.role, known)
            defined = f"defined roles: {', '.join(known)}" if known else "the recipe defines no roles"
            yield error(
                f"undefined role `{ref.role}` in `{ref.key}` of phase `{phase.title}`",
                ref.position,
                hint=(f"{suggestion} " if suggestion else "") + f"{defined}; add `role {ref.role}: Name` to define it",
                code="undefined-role",
            )
    for role, phases in inherited.items():
        yield error(
            f"the method's agenda uses role `{role}` (in {', '.join(f'`{t}`' for t in phases[:3])}"
            + (" and more" if len(phases) > 3 else "")
            + "), which the recipe's own roles do not define",
            recipe.where("method"),
            hint=f"add `role {role}: Name`, or leave out all roles to take the method's, or write the agenda yourself",
            code="undefined-role",
        )


def _unique_ids(recipe: Recipe) -> Iterator[Diagnostic]:
    def duplicates(kind: str, items: Iterable[tuple[str, Position | None]]) -> Iterator[Diagnostic]:
        seen: dict[str, Position | None] = {}
        for ident, position in items:
            if ident in seen:
                first = seen[ident]
                yield error(
                    f"duplicate {kind} id `{ident}`",
                    position,
                    hint=f"the first is on line {first.line if first else '?'}; give each {kind} an id of its own",
                    code="duplicate-id",
                    related=[Related(f"the first {kind} with id `{ident}`", first)] if first is not None else (),
                )
            else:
                seen[ident] = position

    yield from duplicates("role", ((r.id, r.position) for r in recipe.roles))
    explicit = sorted(
        ((i.id, i.position) for i in recipe.items() if i.explicit_id),
        key=lambda pair: (pair[1].line, pair[1].column) if pair[1] else (0, 0),
    )
    yield from duplicates("phase", explicit)
    if recipe.trajectory:
        yield from duplicates("meeting", ((m.id, m.position) for m in recipe.trajectory.extra_meetings))


def _language(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.language is not None and recipe.language not in LANGUAGES:
        yield error(
            f"unsupported language `{recipe.language}`",
            recipe.where("language"),
            hint=(did_you_mean(recipe.language, LANGUAGES) + " " if did_you_mean(recipe.language, LANGUAGES) else "")
            + "write `language: nl` or `language: en`",
            code="language",
        )


def _group_fits(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.group is None:
        return
    members = [r for r in recipe.roles if not r.facilitator and r.count is not None]
    least = sum(r.count.low for r in members if r.count is not None)
    if least > recipe.group.high:
        parts = " + ".join(f"{r.count.low} {r.id}" for r in members if r.count is not None)
        yield error(
            f"the roles need at least {least} participants ({parts}), but the group is at most {recipe.group.high}",
            recipe.where("group"),
            hint="lower the roles' counts or raise `group`; roles with `facilitator: yes` do not count",
            code="group-size",
        )


def _open_roles(recipe: Recipe) -> Iterator[Diagnostic]:
    """Two roles without a count would each be counted as the whole rest of the group."""
    open_roles = [r for r in recipe.roles if r.count is None and not r.facilitator]
    if recipe.group is not None and len(open_roles) > 1:
        names = ", ".join(f"`{r.id}`" for r in open_roles)
        yield warning(
            f"roles {names} have no count, so each is counted as the whole rest of the group",
            open_roles[1].position,
            hint="give every role but one a `count`; the one without holds the rest of the group",
            code="open-roles",
        )


def _unknown_counts(recipe: Recipe) -> Iterator[Diagnostic]:
    """A `per ROLE` time box over a role whose number nobody wrote is a guess: say so."""
    if recipe.group is not None:
        return
    for phase in recipe.phases():
        role = recipe.role(phase.timebox.per) if phase.timebox.per else None
        if role is not None and role.count is None and not role.facilitator:
            yield warning(
                f"`{phase.title}` takes {phase.timebox.duration} per `{role.id}`, but how many `{role.id}` "
                "there are is not written; it is counted as 1",
                phase.timebox.per_position or phase.position,
                hint=f"add `group:` to the header (role `{role.id}` then holds the rest of the group), "
                f"or give role `{role.id}` a `count`",
                code="unknown-count",
            )


def _timing(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.duration is None or not recipe.agenda:
        return
    length = recipe.duration.minutes
    counts = timing.role_counts(recipe)
    plans = timing.meetings_minutes(recipe, timing.meeting_numbers(recipe), counts)
    where = recipe.where("duration")
    last_planned = max((n for n, _ in plans if n is not None), default=0)
    for meetings, minutes in timing.group_runs(plans):
        who = _meetings_label(meetings, recipe, last_planned)
        if minutes.low > length.high:
            yield error(
                f"{who} planned at {minutes} min, more than the duration of {length} min",
                where,
                hint=f"shorten time boxes by {minutes.low - length.high} min or more, or lengthen `duration`",
                code="over-time",
            )
        elif minutes.high < length.low:
            yield warning(
                f"{who} planned at {minutes} min of {length} min: {length.low - minutes.high} min unplanned",
                where,
                hint="add a phase (a break, a closing round) or shorten `duration`",
                code="under-time",
            )


def _meetings_label(meetings: Range | None, recipe: Recipe, last_planned: int) -> str:
    """Which meetings a run of equal plans covers, in words.

    In an open series the last run planned stands for every meeting after it.
    """
    trajectory = recipe.trajectory
    if meetings is None:
        return "the meeting is"
    is_open = trajectory is not None and trajectory.open and meetings.high == last_planned
    if meetings.low == 1 and (is_open or (trajectory and meetings.high == trajectory.meetings)):
        return "the meeting is" if trajectory and trajectory.meetings == 1 else "every meeting is"
    if is_open:
        return f"meeting {meetings.low} and every later one are"
    return f"meeting {meetings} is" if meetings.exact else f"meetings {meetings} are"


def _roles_consistent(recipe: Recipe) -> Iterator[Diagnostic]:
    for phase in recipe.phases():
        outside = set(phase.outside)
        clash = sorted(outside & (set(phase.speak) | set(phase.listen) | {phase.lead}))
        for role in clash:
            yield warning(
                f"role `{role}` both takes part in and sits outside phase `{phase.title}`",
                phase.position,
                hint="remove it from `outside`, or from `lead`, `speak` and `listen`",
                code="role-clash",
            )
        if isinstance(phase, Checkpoint) and not phase.decide:
            yield warning(
                f"nobody decides at checkpoint `{phase.title}`",
                phase.position,
                hint="name the roles that decide whether to go on: `decide: coachee, coach`",
                code="checkpoint-decide",
            )


def _series(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    whens = [(item, item.when) for item in recipe.items() if item.when]
    if trajectory is None:
        for item, when in whens:
            yield warning(
                f"`when` on `{item.title}` has no effect: the recipe has no trajectory",
                when.position,
                hint="add a `trajectory` block with `meetings:`, or remove the `when`",
                code="when-without-trajectory",
            )
        return
    total = trajectory.meetings
    if total is None and not trajectory.open and "meetings" not in trajectory.field_positions:
        # A `meetings:` line that could not be read is reported as such; it is not also missing.
        yield warning(
            "the trajectory does not say how many meetings it has",
            trajectory.position,
            hint="add `meetings: 8` (a number), or `meetings: open` for a series that runs until a checkpoint ends it",
            code="meetings-missing",
        )
    for item, when in whens:
        for selector in when.selectors:
            yield from _selector_in_series(selector, when.position, item.title, trajectory.open, total)
    if total is not None:
        for stage in trajectory.stages:
            if stage.meetings.low < 1 or stage.meetings.high > total:
                yield error(
                    f"stage `{stage.title}` covers meetings {stage.meetings}, outside the trajectory's 1-{total}",
                    stage.position,
                    hint=f"keep stages within meetings 1-{total}, or raise `meetings`",
                    code="outside-trajectory",
                )
        for extra in trajectory.extra_meetings:
            anchor = extra.at
            if anchor and isinstance(anchor.meeting, int) and not 1 <= anchor.meeting <= total:
                yield error(
                    f"meeting `{extra.id}` is placed at meeting {anchor.meeting}, outside the trajectory's 1-{total}",
                    anchor.position,
                    hint=f"refer to a meeting from 1 to {total}, or to `last meeting`",
                    code="outside-trajectory",
                )
    stages = sorted(trajectory.stages, key=lambda s: (s.meetings.low, s.meetings.high))
    for i, after in enumerate(stages):
        before = next((b for b in stages[:i] if after.meetings.low <= b.meetings.high), None)
        if before is not None:
            yield error(
                f"stage `{after.title}` (meetings {after.meetings}) overlaps stage `{before.title}` "
                f"(meetings {before.meetings})",
                after.position,
                hint="let each meeting belong to one stage",
                code="overlapping-stages",
            )
    yield from _span(recipe)


def _selector_in_series(
    selector: Selector, where: Position | None, title: str, is_open: bool, total: int | None
) -> Iterator[Diagnostic]:
    position = selector.position or where
    if selector.kind == "last" and is_open:
        yield warning(
            f"`last meeting` on `{title}`: an open trajectory has no known last meeting",
            position,
            hint="in an open series any meeting may be the last; use a checkpoint to close each meeting instead",
            code="open-last-meeting",
        )
    if total is None:
        return
    outside = [n for n in selector.numbers() if not 1 <= n <= total]
    if outside:
        ranged = selector.kind == "meetings" and selector.meetings is not None and not selector.meetings.exact
        shown = f"meetings {selector.meetings}" if ranged else f"meeting {outside[0]}"
        yield error(
            f"the `when` of `{title}` names {shown}, outside the trajectory of {total} meetings",
            position,
            hint=f"use meeting numbers from 1 to {total}, or raise `meetings`",
            code="outside-trajectory",
        )


SPAN_TOLERANCE = 1.25
"""A span may exceed meetings x cadence by a quarter (holidays, a summer break)."""


def _span(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.span is None or trajectory.every is None or not trajectory.meetings:
        return
    n = trajectory.meetings
    every_low, every_high = trajectory.every.days()
    span_low, span_high = trajectory.span.days()
    shortest = (n - 1) * every_low
    longest = n * every_high * SPAN_TOLERANCE
    where = trajectory.field_positions.get("span", trajectory.position)
    if span_high < shortest:
        yield warning(
            f"{n} meetings every {trajectory.every} take at least {shortest / 7:.0f} weeks, "
            f"longer than the span of {trajectory.span}",
            where,
            hint="lengthen `span`, meet more often, or plan fewer meetings",
            code="span",
        )
    elif span_low > longest:
        yield warning(
            f"{n} meetings every {trajectory.every} take at most {n * every_high / 7:.0f} weeks, "
            f"much shorter than the span of {trajectory.span}",
            where,
            hint="shorten `span`, or plan more or less frequent meetings",
            code="span",
        )


CHECKS: tuple[Check, ...] = (
    _language,
    _unique_ids,
    _roles_defined,
    _group_fits,
    _open_roles,
    _unknown_counts,
    _roles_consistent,
    _series,
    _timing,
)


def core_checks(recipe: Recipe) -> list[Diagnostic]:
    """Every method-independent diagnostic for ``recipe``, in file order."""
    found = [d for run in CHECKS for d in run(recipe)]
    return sort_diagnostics(found)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    def key(d: Diagnostic) -> tuple[str, int, int]:
        p = d.position
        return (p.path or "", p.line, p.column) if p else ("", 0, 0)

    return sorted(diagnostics, key=key)
