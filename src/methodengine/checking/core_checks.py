"""The checks every recipe gets, whatever its method.

Each check is a function from a recipe to diagnostics; ``check`` runs them
all so that one run reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from methodengine._suggest import closest, did_you_mean
from methodengine.checking import _words
from methodengine.diagnostics import Diagnostic, Related, error, warning
from methodengine.i18n import LANGUAGES, _, ngettext
from methodengine.language.keys import WORDS
from methodengine.model import EVERYONE, Checkpoint, Phase, Position, Range, Recipe, RoleRef, Selector
from methodengine.planning import timing

Check = Callable[[Recipe], Iterable[Diagnostic]]


def _roles_defined(recipe: Recipe) -> Iterator[Diagnostic]:
    known = [r.id for r in recipe.roles]
    written = _words.keywords_of(recipe)
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
            roles = ", ".join(known)
            defined = _("defined roles: {roles}", roles=roles) if known else _("the recipe defines no roles")
            if ref.key == "per":
                yield _per_unknown_role(recipe, phase, ref, known, defined)
                continue
            message = _(
                "undefined role `{role}` in `{key}` of phase `{phase}`",
                role=ref.role,
                key=_words.key(ref.key, written),
                phase=phase.title,
            )
            everyone = "" if did_you_mean(ref.role, known) else _everyone_meant(ref.role, recipe)
            if everyone:  # `speak: iedreen`: the word for everyone, not a role to add
                yield error(message, ref.position, hint=f"{everyone} {defined}", code="undefined-role")
                continue
            suggestion = did_you_mean(ref.role, known)
            line = f"{_words.keyword('role', written)} {ref.role}: " + _("Name")
            yield error(
                message,
                ref.position,
                hint=(f"{suggestion} " if suggestion else "")
                + _("{defined}; add `{line}` to define it", defined=defined, line=line),
                code="undefined-role",
            )
    for role, phases in inherited.items():
        titles = ", ".join(f"`{t}`" for t in phases[:3])
        yield error(
            _(
                "the method's agenda uses role `{role}` (in {phases} and more), "
                "which the recipe's own roles do not define",
                role=role,
                phases=titles,
            )
            if len(phases) > 3
            else _(
                "the method's agenda uses role `{role}` (in {phases}), which the recipe's own roles do not define",
                role=role,
                phases=titles,
            ),
            recipe.where("method"),
            hint=_(
                "add `{line}`, or leave out all roles to take the method's, or write the agenda yourself",
                line=f"{_words.keyword('role', written)} {role}: " + _("Name"),
            ),
            code="undefined-role",
        )


def _per_unknown_role(recipe: Recipe, phase: Phase, ref: RoleRef, known: list[str], defined: str) -> Diagnostic:
    """``(5 min per persoon)``: a time box per a word that is no role is a slip in the time box, not a role to add.

    The trainer meant one of the roles: the one the word is nearest to, else
    the one who speaks in the phase, else the role that holds the rest of the group.
    """
    best = closest(ref.role, known)
    if best is None:
        best = next((r for r in phase.speak if r in known), None)
    if best is None:
        best = next((r.id for r in recipe.roles if r.count is None and not r.facilitator), None)
    hint = (_("did you mean {word}?", word=f"`per {best}`") + " " if best else "") + defined
    return error(
        _("`{role}` is not a role of this recipe", role=ref.role),
        ref.position,
        hint=hint,
        code="undefined-role",
    )


def _everyone_meant(word: str, recipe: Recipe) -> str:
    """``speak: iedreen``: a slip of the word for everyone, suggested in the recipe's keyword language."""
    from methodengine._suggest import VALUE, meant, recipe_keywords

    with recipe_keywords(recipe.keyword_language):
        found = meant(word, [VALUE])
    if found is None or found[1] not in (EVERYONE, *WORDS[EVERYONE]):
        return ""
    return _("did you mean {word}?", word=f"`{found[1]}`")


def _bad_time_box(recipe: Recipe) -> bool:
    """Whether a time box is ``per`` a word that is no role: timing built on it would only mislead."""
    return any(p.timebox.per not in (None, EVERYONE) and recipe.role(p.timebox.per) is None for p in recipe.phases())


def _unique_ids(recipe: Recipe) -> Iterator[Diagnostic]:
    def duplicates(kind: str, items: Iterable[tuple[str, Position | None]]) -> Iterator[Diagnostic]:
        seen: dict[str, Position | None] = {}
        for ident, position in items:
            if ident in seen:
                first = seen[ident]
                message, hint, first_one = _duplicate_texts(kind, ident, first.line if first else "?")
                yield error(
                    message,
                    position,
                    hint=hint,
                    code="duplicate-id",
                    related=[Related(first_one, first)] if first is not None else (),
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


def _duplicate_texts(kind: str, ident: str, line: object) -> tuple[str, str, str]:
    """What a duplicate id is told, by kind: whole sentences, so that each reads well in Dutch."""
    if kind == "role":
        return (
            _("duplicate role id `{id}`", id=ident),
            _("the first is on line {line}; give each role an id of its own", line=line),
            _("the first role with id `{id}`", id=ident),
        )
    if kind == "phase":
        return (
            _("duplicate phase id `{id}`", id=ident),
            _("the first is on line {line}; give each phase an id of its own", line=line),
            _("the first phase with id `{id}`", id=ident),
        )
    return (
        _("duplicate meeting id `{id}`", id=ident),
        _("the first is on line {line}; give each meeting an id of its own", line=line),
        _("the first meeting with id `{id}`", id=ident),
    )


def _language(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.language is not None and recipe.language not in LANGUAGES:
        suggestion = did_you_mean(recipe.language, LANGUAGES)
        key = _words.key("language", _words.keywords_of(recipe))
        yield error(
            _("unsupported language `{language}`", language=recipe.language),
            recipe.where("language"),
            hint=(suggestion + " " if suggestion else "")
            + _("write `{nl}` or `{en}`", nl=f"{key}: nl", en=f"{key}: en"),
            code="language",
        )


def _group_fits(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.group is None:
        return
    members = [r for r in recipe.roles if not r.facilitator and r.count is not None]
    least = sum(r.count.low for r in members if r.count is not None)
    if least > recipe.group.high:
        parts = " + ".join(f"{r.count.low} {r.id}" for r in members if r.count is not None)
        written = _words.keywords_of(recipe)
        yield error(
            ngettext(
                "the roles need at least {count} participant ({parts}), but the group is at most {group}",
                "the roles need at least {count} participants ({parts}), but the group is at most {group}",
                least,
                parts=parts,
                group=recipe.group.high,
            ),
            recipe.where("group"),
            hint=_(
                "lower the roles' counts or raise `{group}`; roles with `{facilitator}` do not count",
                group=_words.key("group", written),
                facilitator=f"{_words.key('facilitator', written)}: {_words.word('yes', written)}",
            ),
            code="group-size",
        )


def _open_roles(recipe: Recipe) -> Iterator[Diagnostic]:
    """Two roles without a count would each be counted as the whole rest of the group."""
    open_roles = [r for r in recipe.roles if r.count is None and not r.facilitator]
    if recipe.group is not None and len(open_roles) > 1:
        names = ", ".join(f"`{r.id}`" for r in open_roles)
        yield warning(
            _("roles {roles} have no count, so each is counted as the whole rest of the group", roles=names),
            open_roles[1].position,
            hint=_(
                "give every role but one a `{count}`; the one without holds the rest of the group",
                count=_words.key("count", _words.keywords_of(recipe)),
            ),
            code="open-roles",
        )


def _unknown_counts(recipe: Recipe) -> Iterator[Diagnostic]:
    """A `per ROLE` time box over a role whose number nobody wrote is a guess: say so."""
    if recipe.group is not None or _bad_time_box(recipe):
        return
    for phase in recipe.phases():
        role = recipe.role(phase.timebox.per) if phase.timebox.per else None
        if role is not None and role.count is None and not role.facilitator:
            written = _words.keywords_of(recipe)
            yield warning(
                _(
                    "`{phase}` takes {duration} per `{role}`, but how many `{role}` there are is not written; "
                    "it is counted as 1",
                    phase=phase.title,
                    duration=phase.timebox.duration,
                    role=role.id,
                ),
                phase.timebox.per_position or phase.position,
                hint=_(
                    "add `{group}:` to the header (role `{role}` then holds the rest of the group), "
                    "or give role `{role}` a `{count}`",
                    group=_words.key("group", written),
                    count=_words.key("count", written),
                    role=role.id,
                ),
                code="unknown-count",
            )


def _timing(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.duration is None or not recipe.agenda or _bad_time_box(recipe):
        return
    length = recipe.duration.minutes
    counts = timing.role_counts(recipe)
    plans = timing.meetings_minutes(recipe, timing.meeting_numbers(recipe), counts)
    where = recipe.where("duration")
    last_planned = max((n for n, _plan in plans if n is not None), default=0)
    duration = _words.key("duration", _words.keywords_of(recipe))
    for meetings, minutes in timing.group_runs(plans):
        if minutes.low > length.high:
            yield error(
                _(
                    "{who} planned at {minutes} min, more than the duration of {length} min",
                    who=_meetings_label(meetings, recipe, last_planned),
                    minutes=minutes,
                    length=length,
                ),
                where,
                hint=_(
                    "shorten time boxes by {minutes} min or more, or lengthen `{duration}`",
                    minutes=minutes.low - length.high,
                    duration=duration,
                ),
                code="over-time",
            )
        elif minutes.high < length.low:
            yield warning(
                _(
                    "{who} planned at {minutes} min of {length} min: {free} min unplanned",
                    who=_meetings_label(meetings, recipe, last_planned),
                    minutes=minutes,
                    length=length,
                    free=Range(length.low - minutes.high, length.high - minutes.low),
                ),
                where,
                hint=_("add a phase (a break, a closing round) or shorten `{duration}`", duration=duration),
                code="under-time",
            )


def _meetings_label(meetings: Range | None, recipe: Recipe, last_planned: int) -> str:
    """Which meetings a run of equal plans covers, in words.

    In an open series the last run planned stands for every meeting after it.
    """
    trajectory = recipe.trajectory
    words = _words.meeting_words(recipe)
    if meetings is None:
        return _("{the_meeting} is", the_meeting=words.the)
    is_open = trajectory is not None and trajectory.open and meetings.high == last_planned
    if meetings.low == 1 and (is_open or (trajectory and meetings.high == trajectory.meetings)):
        if trajectory and trajectory.meetings == 1:
            return _("{the_meeting} is", the_meeting=words.the)
        return _("{every_meeting} is", every_meeting=words.every)
    if is_open:
        return _("{meeting} {number} and every later one are", meeting=words.one, number=meetings.low)
    if meetings.exact:
        return _("{meeting} {number} is", meeting=words.one, number=meetings)
    return _("{meetings} {numbers} are", meetings=words.several, numbers=meetings)


def _roles_consistent(recipe: Recipe) -> Iterator[Diagnostic]:
    written = _words.keywords_of(recipe)
    deciders = _deciders(recipe, written)
    for phase in recipe.phases():
        outside = set(phase.outside)
        clash = sorted(outside & (set(phase.speak) | set(phase.listen) | {phase.lead}))
        for role in clash:
            yield warning(
                _("role `{role}` both takes part in and sits outside phase `{phase}`", role=role, phase=phase.title),
                phase.position,
                hint=_(
                    "remove it from `{outside}`, or from `{lead}`, `{speak}` and `{listen}`",
                    outside=_words.key("outside", written),
                    lead=_words.key("lead", written),
                    speak=_words.key("speak", written),
                    listen=_words.key("listen", written),
                ),
                code="role-clash",
            )
        if isinstance(phase, Checkpoint) and not phase.decide:
            yield warning(
                _("nobody decides at checkpoint `{phase}`", phase=phase.title),
                phase.position,
                hint=_(
                    "name the roles that decide whether to go on: `{line}`",
                    line=f"{_words.key('decide', written)}: {deciders}",
                ),
                code="checkpoint-decide",
            )


def _deciders(recipe: Recipe, written: str) -> str:
    """Who could decide at a checkpoint, from the recipe's own roles: one who takes part and one who facilitates."""
    taking_part = next((r.id for r in recipe.roles if not r.facilitator), None)
    facilitating = next((r.id for r in recipe.roles if r.facilitator), None)
    chosen = [r for r in (taking_part, facilitating) if r]
    return ", ".join(chosen) if chosen else _words.word(EVERYONE, written)


def _series(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    whens = [(item, item.when) for item in recipe.items() if item.when]
    written = _words.keywords_of(recipe)
    when_key, meetings_key = _words.key("when", written), _words.key("meetings", written)
    if trajectory is None:
        for item, when in whens:
            yield warning(
                _("`{when}` on `{title}` has no effect: the recipe has no trajectory", when=when_key, title=item.title),
                when.position,
                hint=_(
                    "add a `{trajectory}` block with `{meetings}:`, or remove the `{when}`",
                    trajectory=_words.keyword("trajectory", written),
                    meetings=meetings_key,
                    when=when_key,
                ),
                code="when-without-trajectory",
            )
        return
    total = trajectory.meetings
    if total is None and not trajectory.open and "meetings" not in trajectory.field_positions:
        # A `meetings:` line that could not be read is reported as such; it is not also missing.
        yield warning(
            _("the trajectory does not say how many {meetings} it has", meetings=_words.meeting_words(recipe).several),
            trajectory.position,
            hint=_(
                "add `{number}` (a number), or `{open}` for a series that runs until a checkpoint ends it",
                number=f"{meetings_key}: 8",
                open=f"{meetings_key}: {_words.word('open', written)}",
            ),
            code="meetings-missing",
        )
    for item, when in whens:
        for selector in when.selectors:
            yield from _selector_in_series(selector, when.position, item.title, trajectory.open, total, written)
    if total is not None:
        for stage in trajectory.stages:
            if stage.meetings.low < 1 or stage.meetings.high > total:
                yield error(
                    _(
                        "stage `{stage}` covers meeting {meetings}, outside the trajectory's 1-{total}",
                        stage=stage.title,
                        meetings=stage.meetings,
                        total=total,
                    )
                    if stage.meetings.exact
                    else _(
                        "stage `{stage}` covers meetings {meetings}, outside the trajectory's 1-{total}",
                        stage=stage.title,
                        meetings=stage.meetings,
                        total=total,
                    ),
                    stage.position,
                    hint=_(
                        "keep stages within meetings 1-{total}, or raise `{meetings}`",
                        total=total,
                        meetings=meetings_key,
                    ),
                    code="outside-trajectory",
                )
        for extra in trajectory.extra_meetings:
            anchor = extra.at
            if anchor and isinstance(anchor.meeting, int) and not 1 <= anchor.meeting <= total:
                yield error(
                    _(
                        "meeting `{id}` is placed at meeting {number}, outside the trajectory's 1-{total}",
                        id=extra.id,
                        number=anchor.meeting,
                        total=total,
                    ),
                    anchor.position,
                    hint=_(
                        "refer to a meeting from 1 to {total}, or to `{last}`",
                        total=total,
                        last=f"{_words.word('last', written)} {_words.word('meeting', written)}",
                    ),
                    code="outside-trajectory",
                )
    stages = sorted(trajectory.stages, key=lambda s: (s.meetings.low, s.meetings.high))
    for i, after in enumerate(stages):
        before = next((b for b in stages[:i] if after.meetings.low <= b.meetings.high), None)
        if before is not None:
            yield error(
                _(
                    "stage `{stage}` (meetings {meetings}) overlaps stage `{other}` (meetings {other_meetings})",
                    stage=after.title,
                    meetings=after.meetings,
                    other=before.title,
                    other_meetings=before.meetings,
                ),
                after.position,
                hint=_("let each meeting belong to one stage"),
                code="overlapping-stages",
            )
    yield from _span(recipe)


def _selector_in_series(
    selector: Selector, where: Position | None, title: str, is_open: bool, total: int | None, written: str
) -> Iterator[Diagnostic]:
    position = selector.position or where
    if selector.kind == "last" and is_open:
        yield warning(
            _(
                "`{last}` on `{title}`: an open trajectory has no known last meeting",
                last=f"{_words.word('last', written)} {_words.word('meeting', written)}",
                title=title,
            ),
            position,
            hint=_("in an open series any meeting may be the last; use a checkpoint to close each meeting instead"),
            code="open-last-meeting",
        )
    if total is None:
        return
    outside = [n for n in selector.numbers() if not 1 <= n <= total]
    if outside:
        ranged = selector.kind == "meetings" and selector.meetings is not None and not selector.meetings.exact
        when = _words.key("when", written)
        yield error(
            ngettext(
                "the `{when}` of `{title}` names meetings {numbers}, outside the trajectory of {count} meeting",
                "the `{when}` of `{title}` names meetings {numbers}, outside the trajectory of {count} meetings",
                total,
                when=when,
                title=title,
                numbers=selector.meetings,
            )
            if ranged
            else ngettext(
                "the `{when}` of `{title}` names meeting {number}, outside the trajectory of {count} meeting",
                "the `{when}` of `{title}` names meeting {number}, outside the trajectory of {count} meetings",
                total,
                when=when,
                title=title,
                number=outside[0],
            ),
            position,
            hint=_(
                "use meeting numbers from 1 to {total}, or raise `{meetings}`",
                total=total,
                meetings=_words.key("meetings", written),
            ),
            code="outside-trajectory",
        )


def _weeks(weeks: float) -> str:
    """``1 week``, ``36 weeks``: a whole number of weeks, in the message language."""
    shown = round(weeks)
    return ngettext("{count} week", "{count} weeks", shown)


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
    span = _words.key("span", _words.keywords_of(recipe))
    words = _words.meeting_words(recipe)
    meeting = words.one if n == 1 else words.several
    if span_high < shortest:
        yield warning(
            ngettext(
                "{count} {meeting} every {every} takes at least {weeks}, longer than the span of {span}",
                "{count} {meeting} every {every} take at least {weeks}, longer than the span of {span}",
                n,
                meeting=meeting,
                every=_words.cadence(trajectory.every),
                weeks=_weeks(shortest / 7),
                span=_words.period(trajectory.span),
            ),
            where,
            hint=_("lengthen `{span}`, meet more often, or plan fewer {meetings}", span=span, meetings=words.several),
            code="span",
        )
    elif span_low > longest:
        yield warning(
            ngettext(
                "{count} {meeting} every {every} takes at most {weeks}, much shorter than the span of {span}",
                "{count} {meeting} every {every} take at most {weeks}, much shorter than the span of {span}",
                n,
                meeting=meeting,
                every=_words.cadence(trajectory.every),
                weeks=_weeks(n * every_high / 7),
                span=_words.period(trajectory.span),
            ),
            where,
            hint=_("shorten `{span}`, or plan more or less frequent {meetings}", span=span, meetings=words.several),
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
