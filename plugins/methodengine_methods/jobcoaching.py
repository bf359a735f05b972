"""Job coaching: a trajectory of about 8 conversations in about 6 months.

Facts, from the description of Job Coaching: a free, non-committal intake
conversation first; about 8 conversations and an assessment over about 6
months; the assessment only in agreement with the employee; one or two
follow-up conversations a few months later to see whether the results last;
if coaching must last longer, another approach is often better.

Job coaching is individual (the source calls it an individual assignment):
one employee with a coach, so the method's ``group_size`` is 1 (the coach
counts as a facilitator, not as a member of the group).

The rules find the extra meetings in a recipe without these ids
(``FINDERS``): the intake is the meeting called intake or kennismaking,
else the one placed before the first conversation; the assessment the one
called assessment; the follow-ups those called follow-up, nagesprek or
terugkomgesprek, else those placed after the last conversation.

"Much longer" is this plugin's reading: more than half as long again as
the 6 months (so over 9 months), or more than 12 conversations.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Meeting, Method, Range, Recipe, error, hookimpl, rule, warning
from methodengine_methods._common import anchor_nl, base_recipe, every_nl, period_nl, trajectory_field, written
from methodengine_methods._finding import called, first_found

SOURCE = "Job Coaching, beschrijving van het traject (intake, 8-tal gesprekken, assessment, follow-up)"

MONTHS = 6  # SOURCE: about six months
MUCH_LONGER = 1.5  # this plugin's reading of "longer" (see the docstring)
CONVERSATIONS = 8  # SOURCE: about eight conversations
DAYS_PER_MONTH = 365.25 / 12
ONE_TO_ONE = {"nl": ("gesprek", "gesprekken"), "en": ("session", "sessions")}
"""Job coaching is a series of conversations between two people, not group meetings."""
GROUP = Range(1, 1)  # SOURCE: individual coaching of one employee

# What trainers call the extra meetings (letters only, see _finding.says).
INTAKE_WORDS = ("intake", "kennismak", "introduct")
ASSESSMENT_WORDS = ("asses",)  # assessment, and the common assesment
FOLLOW_UP_WORDS = ("followup", "nagesprek", "terugkom", "vervolggesprek", "nazorg")


def _extra_meetings(recipe: Recipe) -> list[Meeting]:
    return list(recipe.trajectory.extra_meetings) if recipe.trajectory else []


def _intake(recipe: Recipe) -> list[Meeting]:
    """The intake: the meeting called so, else the one placed before the first conversation."""
    meetings = _extra_meetings(recipe)
    before = [m for m in meetings if m.at is not None and m.at.relation == "before" and m.at.meeting_number(None) == 1]
    return first_found([m for m in meetings if called(m, INTAKE_WORDS)], before)


def _assessment(recipe: Recipe) -> list[Meeting]:
    return [m for m in _extra_meetings(recipe) if called(m, ASSESSMENT_WORDS)]


def _follow_ups(recipe: Recipe) -> list[Meeting]:
    """The follow-ups: the meeting called so, else those placed after the last conversation."""
    meetings = _extra_meetings(recipe)
    total = recipe.trajectory.meetings if recipe.trajectory else None
    after = [m for m in meetings if m.at is not None and m.at.relation == "after" and m.at.meeting in ("last", total)]
    named = [m for m in meetings if called(m, FOLLOW_UP_WORDS) and not called(m, INTAKE_WORDS + ASSESSMENT_WORDS)]
    return first_found(named, [m for m in after if not called(m, INTAKE_WORDS + ASSESSMENT_WORDS)])


FINDERS = {"intake": _intake, "assessment": _assessment, "followup": _follow_ups}


def _meeting(recipe: Recipe, meeting_id: str) -> Meeting:
    assert recipe.trajectory is not None
    return next(m for m in recipe.trajectory.extra_meetings if m.id == meeting_id)


@rule(
    "intake-first",
    {
        "en": "A free intake comes before the first conversation.",
        "nl": "Een vrijblijvende intake komt vóór het eerste gesprek.",
    },
    source=SOURCE,
    needs_meetings=["intake"],
)
def intake_first(recipe: Recipe) -> Iterator[Diagnostic]:
    intake = _meeting(recipe, "intake")
    at = intake.at
    if at is None or at.relation != "before" or at.meeting_number(None) != 1:
        line = written(recipe, "at: before meeting 1", "moment: voor gesprek 1")
        yield error(
            {
                "en": f"the intake comes first, but it is placed {at or 'nowhere'}",
                "nl": "de intake komt eerst, maar staat " + (anchor_nl(at, "gesprek") if at else "nergens"),
            },
            at.position if at else intake.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "assessment-by-agreement",
    {
        "en": "An assessment only in agreement with the employee.",
        "nl": "Een assessment alleen in overleg met de medewerker.",
    },
    source=SOURCE,
    needs_meetings=["assessment"],
)
def assessment_by_agreement(recipe: Recipe) -> Iterator[Diagnostic]:
    assessment = _meeting(recipe, "assessment")
    if not assessment.optional:
        line = written(recipe, "optional: yes", "optioneel: ja")
        yield error(
            {
                "en": "the assessment is planned as certain; it takes place only in agreement with the employee",
                "nl": "het assessment staat vast gepland, maar het gaat alleen door in overleg met de medewerker",
            },
            assessment.position,
            hint={"en": f"add `{line}` to the assessment", "nl": f"zet `{line}` bij het assessment"},
        )


@rule(
    "follow-ups",
    {
        "en": "One or two follow-ups a few months after the last conversation.",
        "nl": "Een of twee follow-ups een paar maanden na het laatste gesprek.",
    },
    source=SOURCE,
    needs_meetings=["followup"],
)
def follow_ups(recipe: Recipe) -> Iterator[Diagnostic]:
    followup = _meeting(recipe, "followup")
    if followup.count.low < 1 or followup.count.high > 2:
        line = written(recipe, "count: 1-2", "aantal: 1-2")
        yield warning(
            {
                "en": f"job coaching plans one or two follow-ups, not {followup.count}",
                "nl": f"jobcoaching plant een of twee follow-ups, niet {followup.count}",
            },
            followup.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    at = followup.at
    months = (at.offset.days()[0] / DAYS_PER_MONTH) if at and at.offset else 0
    total = recipe.trajectory.meetings if recipe.trajectory else None
    after_last = at is not None and at.relation == "after" and at.meeting in ("last", total)
    if not after_last or months < 1:
        line = written(recipe, "at: 3 months after last meeting", "moment: 3 maanden na laatste gesprek")
        yield warning(
            {
                "en": "follow-ups come a few months after the last conversation",
                "nl": "follow-ups komen een paar maanden na het laatste gesprek",
            },
            at.position if at else followup.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "not-much-longer",
    {
        "en": "A plan much longer than about 6 months calls for another approach.",
        "nl": "Een plan dat veel langer loopt dan ongeveer 6 maanden vraagt om een andere aanpak.",
    },
    source=SOURCE,
)
def not_much_longer(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None:
        return
    limit_days = MONTHS * MUCH_LONGER * DAYS_PER_MONTH
    reasons: list[tuple[str, str]] = []
    if trajectory.meetings and trajectory.meetings > CONVERSATIONS * MUCH_LONGER:
        reasons.append(
            (
                f"{trajectory.meetings} conversations (about {CONVERSATIONS} is usual)",
                f"{trajectory.meetings} gesprekken (ongeveer {CONVERSATIONS} is gebruikelijk)",
            )
        )
    if trajectory.span is not None and trajectory.span.days()[0] > limit_days:
        reasons.append(
            (
                f"a span of {trajectory.span} (about {MONTHS} months is usual)",
                f"een looptijd van {period_nl(trajectory.span)} (ongeveer {MONTHS} maanden is gebruikelijk)",
            )
        )
    elif trajectory.every is not None and trajectory.meetings:
        length = (trajectory.meetings - 1) * trajectory.every.days()[0]
        if length > limit_days:
            reasons.append(
                (
                    f"{trajectory.meetings} conversations every {trajectory.every} (over {MONTHS} months)",
                    f"{trajectory.meetings} gesprekken {every_nl(trajectory.every)} (meer dan {MONTHS} maanden)",
                )
            )
    if reasons:
        too_many = trajectory.meetings is not None and trajectory.meetings > CONVERSATIONS * MUCH_LONGER
        yield warning(
            {
                "en": f"this plan runs much longer than usual: {'; '.join(en for en, _nl in reasons)}",
                "nl": f"dit plan loopt veel langer dan gebruikelijk: {'; '.join(nl for _en, nl in reasons)}",
            },
            trajectory_field(recipe, "meetings" if too_many or not trajectory.span else "span"),
            hint={
                "en": "if coaching must last this long, another approach or solution is often better",
                "nl": "als de coaching zo lang moet duren, is een andere aanpak of oplossing vaak beter",
            },
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="jobcoaching",
            names={"nl": "Jobcoaching", "en": "Job coaching"},
            summary={
                "en": "Individual coaching of an employee: a free intake, about 8 conversations and an optional "
                "assessment over about 6 months, and one or two follow-ups months later.",
                "nl": "Individuele coaching van een medewerker: een vrijblijvende intake, ongeveer 8 gesprekken en "
                "een assessment als de medewerker dat wil, in ongeveer 6 maanden, en een of twee follow-ups "
                "maanden later.",
            },
            source=SOURCE,
            base_recipe=base_recipe("jobcoaching"),
            rules=(intake_first, assessment_by_agreement, follow_ups, not_much_longer),
            meetings={
                "intake": {
                    "en": "the free intake conversation, before meeting 1; a meeting called intake or kennismaking",
                    "nl": "het vrijblijvende intakegesprek, vóór het eerste gesprek; een gesprek dat intake of "
                    "kennismaking heet",
                },
                "assessment": {
                    "en": "the assessment, only by agreement, `optional: yes`; a meeting called assessment",
                    "nl": "het assessment, alleen in overleg, `optioneel: ja`; een gesprek dat assessment heet",
                },
                "followup": {
                    "en": "the follow-up conversations after the last meeting; a meeting called follow-up or nagesprek",
                    "nl": "de follow-upgesprekken na het laatste gesprek; een gesprek dat follow-up of nagesprek heet",
                },
            },
            group_size=GROUP,
            finders=FINDERS,
            meeting_words=ONE_TO_ONE,
        )
    ]
