"""The examples of the language sketch parse and mean what the sketch says.

The sketch (``shared/design/recipe-language.md``) fixes the constructs shown in
its examples; they are normative. Each example block is copied verbatim into
``tests/spec/*.mth`` (fragments wrapped minimally, as each file's comment says)
and the tests below check the model built from it, field by field. The forms
the sketch lists in prose (durations, cadences, ``when`` selectors, ...) are
checked on small recipes written here.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from methodengine import (
    EVERYONE,
    Checkpoint,
    Phase,
    Range,
    RecipeError,
    RecipeSyntaxError,
    RecipeValueError,
    Rounds,
    check,
    load,
    parse,
    planned_minutes,
    resolve,
)
from methodengine.checking.core_checks import core_checks
from methodengine.diagnostics import Severity
from methodengine.planning.timing import role_counts

SPEC = Path(__file__).parent / "spec"
SKETCH = Path(__file__).resolve().parents[2] / "shared" / "design" / "recipe-language.md"
MARKER = "# ---- verbatim from the sketch ----\n"


def recipe(text: str):  # type: ignore[no-untyped-def]
    """Parse a recipe written indented inside a test."""
    return parse(textwrap.dedent(text).lstrip("\n"))


def spec(name: str):  # type: ignore[no-untyped-def]
    return load(SPEC / name)


def at(position) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return (position.line, position.column)


def errors(r) -> list:  # type: ignore[no-untyped-def]
    """The errors of the method-independent checks (methods are their plugins' business)."""
    return [d for d in core_checks(r) if d.severity is Severity.ERROR]


# ---------------------------------------------------------------- the fixtures themselves


def _sketch_blocks() -> list[str]:
    text = SKETCH.read_text(encoding="utf-8")
    return re.findall(r"^```\n(.*?)^```", text, flags=re.S | re.M)


SPEC_FILES = sorted(p.name for p in SPEC.glob("*.mth"))


@pytest.mark.skipif(not SKETCH.is_file(), reason="the sketch is not beside this checkout")
def test_every_sketch_example_is_copied_verbatim_into_a_fixture():
    copies = {name: (SPEC / name).read_text(encoding="utf-8").split(MARKER, 1)[1] for name in SPEC_FILES}
    blocks = _sketch_blocks()
    assert len(blocks) == 7
    for block in blocks:
        assert block in copies.values(), f"no fixture holds this example verbatim:\n{block}"


@pytest.mark.parametrize("name", SPEC_FILES)
def test_every_sketch_example_parses_without_errors(name):
    r = spec(name)
    assert errors(r) == []
    # The whole pipeline too: the header example names the built-in `incident` method.
    assert [d.headline() for d in check(r) if d.is_error] == []


# ---------------------------------------------------------------- header


def test_header_example():
    r = spec("header.mth")
    assert r.title == "Incidentmethode"
    assert r.method == "incident"
    assert r.language == "nl"
    assert r.group == Range(4, 7)
    assert r.facilitators == Range(1, 1)
    assert r.duration.minutes == Range(90, 90)
    assert r.summary == "Een deelnemer brengt een kort, concreet incident in."
    assert r.source == "Hendriksen, Intervisie bij werkproblemen"
    # The comment line above `recipe:` is not part of anything, and positions count it.
    assert at(r.where("recipe")) == (5, 1)
    assert at(r.where("duration")) == (10, 1)


def test_header_example_takes_what_it_leaves_out_from_its_method():
    written = spec("header.mth")
    resolved = resolve(written)
    assert resolved.method is not None and resolved.method.id == "incident"
    r = resolved.recipe
    # What the recipe writes, it keeps.
    assert (r.title, r.group, r.duration, r.summary) == (written.title, Range(4, 7), written.duration, written.summary)
    # It writes no roles and no phases, so it takes the method's.
    assert r.roles and r.agenda


def test_a_recipe_that_writes_its_own_roles_and_phases_owns_them():
    written = recipe(
        """
        recipe: Eigen
        method: incident
        role gast: Gast
        phase Alleen dit (10 min)
          speak: gast
        """
    )
    r = resolve(written).recipe
    assert [role.id for role in r.roles] == ["gast"]
    assert [p.title for p in r.phases()] == ["Alleen dit"]


def test_only_the_title_is_required():
    r = recipe("recipe: Voorbeeld\n")
    assert r.title == "Voorbeeld"
    assert (r.method, r.language, r.group, r.facilitators, r.duration, r.summary, r.source) == (None,) * 7
    assert r.roles == () and r.agenda == () and r.trajectory is None


def test_a_recipe_without_a_title_is_an_error():
    with pytest.raises(RecipeSyntaxError) as caught:
        recipe("group: 4-7\nduration: 90 min\n")
    assert "title" in caught.value.message
    assert "recipe:" in caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [("6", Range(6, 6)), ("4-7", Range(4, 7))])
def test_group_is_a_number_or_a_range(text, expected):
    assert recipe(f"recipe: V\ngroup: {text}\n").group == expected


# ---------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # the forms the sketch shows
        ("90 min", Range(90, 90)),
        ("10-15 min", Range(10, 15)),
        ("1 h", Range(60, 60)),
        ("2 h 30 min", Range(150, 150)),
        ("2.5 h", Range(150, 150)),
        ("1h30", Range(90, 90)),
        # every unit it names, English and Dutch
        ("45 minutes", Range(45, 45)),
        ("45 minuten", Range(45, 45)),
        ("45 m", Range(45, 45)),
        ("2 hour", Range(120, 120)),
        ("2 hours", Range(120, 120)),
        ("2 uur", Range(120, 120)),
        # a Dutch decimal comma, as the bundled backstage recipe writes it
        ("2,5 uur", Range(150, 150)),
        ("1-2 h", Range(60, 120)),
    ],
)
def test_durations(text, minutes):
    assert recipe(f"recipe: V\nduration: {text}\n").duration.minutes == minutes
    phase = recipe(f"recipe: V\nphase A ({text})\n").agenda[0]
    assert phase.timebox.duration.minutes == minutes
    assert phase.timebox.per is None


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("2-4 weeks", Range(2, 4), "week"),
        ("1 month", Range(1, 1), "month"),
        ("6 months", Range(6, 6), "month"),
        ("6-8 weken", Range(6, 8), "week"),
        ("1 maand", Range(1, 1), "month"),
        ("6 maanden", Range(6, 6), "month"),
        ("1 year", Range(1, 1), "year"),
        ("1 jaar", Range(1, 1), "year"),
    ],
)
def test_cadences_and_spans(text, amount, unit):
    r = recipe(
        f"""
        recipe: V
        trajectory
          meetings: 6
          every: {text}
          span: {text}
        """
    )
    for period in (r.trajectory.every, r.trajectory.span):
        assert (period.amount, period.unit) == (amount, unit)


def test_a_week_is_shorter_than_a_month_is_shorter_than_a_year():
    r = recipe("recipe: V\ntrajectory\n  meetings: 2\n  every: 1 week\n  span: 1 maand\n")
    week, month = r.trajectory.every.days(), r.trajectory.span.days()
    assert week == (7, 7)
    assert 28 <= month[0] <= 31
    year = recipe("recipe: V\ntrajectory\n  meetings: 2\n  span: 1 jaar\n").trajectory.span.days()
    assert 365 <= year[0] <= 366


def test_a_range_runs_from_low_to_high():
    with pytest.raises(RecipeValueError) as caught:
        recipe("recipe: V\ngroup: 7-4\n")
    assert at(caught.value.position) == (2, 8)
    assert "4-7" in caught.value.hint


# ---------------------------------------------------------------- roles


def test_roles_example():
    r = spec("roles.mth")
    assert [role.id for role in r.roles] == ["voorzitter", "deelnemer", "begeleider"]
    voorzitter, deelnemer, begeleider = r.roles
    assert voorzitter.name == "Gespreksleider"
    assert voorzitter.count == Range(1, 1)
    assert voorzitter.brief == "Bewaakt de stappen, de tijd en de spelregels."
    assert not voorzitter.facilitator
    assert deelnemer.name == "Deelnemer"
    assert deelnemer.count == Range(2, 5)
    assert deelnemer.brief is None
    assert not deelnemer.facilitator
    assert begeleider.count == Range(2, 2)
    assert begeleider.facilitator
    assert r.role("deelnemer") is deelnemer
    assert at(voorzitter.position) == (8, 1)


@pytest.mark.parametrize(("text", "expected"), [("yes", True), ("ja", True), ("no", False), ("nee", False)])
def test_facilitator_takes_yes_or_no_in_english_and_dutch(text, expected):
    r = recipe(f"recipe: V\nrole coach: Coach\n  facilitator: {text}\n")
    assert r.roles[0].facilitator is expected


def test_facilitators_do_not_count_toward_the_group():
    # 1 + 5 participants fill a group of 6; the two begeleiders are not in it.
    r = recipe(
        """
        recipe: V
        group: 6
        role voorzitter: Gespreksleider
          count: 1
        role deelnemer: Deelnemer
          count: 5
        role begeleider: Begeleider
          count: 2
          facilitator: yes
        """
    )
    assert core_checks(r) == []
    assert role_counts(r)[EVERYONE] == Range(6, 6)


# ---------------------------------------------------------------- phases


def test_phases_example():
    r = spec("phases.mth")
    vragen, aanpak = r.agenda
    assert type(vragen) is Phase
    assert vragen.title == "Informatieve vragen"
    assert vragen.timebox.duration.minutes == Range(15, 15)
    assert vragen.timebox.per is None
    assert vragen.lead == "voorzitter"
    assert vragen.speak == ("deelnemer",)
    assert vragen.listen == ("inbrenger",)
    assert vragen.outside == ()
    assert [(line.kind, line.text) for line in vragen.script] == [
        ("ask", "Welke feiten heb je nodig om de situatie te begrijpen?"),
        ("tip", "Alleen feitelijke vragen; nog geen advies of oordeel."),
        ("output", "Een scherpe hulpvraag"),
    ]
    assert at(vragen.position) == (12, 1)

    assert aanpak.title == "Eigen aanpak"
    assert aanpak.timebox.duration.minutes == Range(3, 3)
    assert aanpak.timebox.per == "deelnemer"
    assert aanpak.lead is None
    assert aanpak.speak == ("deelnemer",)
    assert aanpak.outside == ("inbrenger",)
    assert aanpak.lines("do") == ("Iedere deelnemer zegt wat hij of zij zou doen, en waarom.",)


def test_per_role_multiplies_by_the_roles_count_a_range_when_the_count_is():
    r = recipe(
        """
        recipe: V
        role deelnemer: Deelnemer
          count: 2-5
        role inbrenger: Inbrenger
          count: 1
        phase Eigen aanpak (3 min per deelnemer)
          speak: deelnemer
          outside: inbrenger
        """
    )
    assert planned_minutes(r) == Range(6, 15)


def test_per_role_with_the_open_role_takes_the_rest_of_the_group():
    # The sketch's incident method: group 4-7, one chair, one case-giver, the rest participants.
    r = recipe(
        """
        recipe: V
        group: 4-7
        role voorzitter: Gespreksleider
          count: 1
        role inbrenger: Inbrenger
          count: 1
        role deelnemer: Deelnemer
        phase Eigen aanpak (3 min per deelnemer)
          speak: deelnemer
        """
    )
    assert role_counts(r)["deelnemer"] == Range(2, 5)
    assert planned_minutes(r) == Range(6, 15)


def test_every_phase_field():
    r = recipe(
        """
        recipe: V
        role voorzitter: Gespreksleider
        role inbrenger: Inbrenger
        role deelnemer: Deelnemer
        role gast: Gast
        phase Alles (10 min)
          id: alles
          lead: voorzitter
          speak: inbrenger, deelnemer
          listen: everyone
          outside: gast
          groups: groups of 3-4
          space: Stoelen in een kring, een flip-over: stiften klaarleggen
          say: Welkom.
          ask: Wat wil je bereiken?
          do: Schrijf je vraag op.
          tip: Houd het kort.
          watch: Adviezen vermomd als vragen.
          output: Een hulpvraag
          materials: Pen en papier
          say: Dank je wel.
          ask: Is de vraag scherp genoeg?
        """
    )
    (phase,) = r.agenda
    assert phase.id == "alles" and phase.explicit_id
    assert phase.lead == "voorzitter"
    assert phase.speak == ("inbrenger", "deelnemer")
    assert phase.listen == (EVERYONE,)
    assert phase.outside == ("gast",)
    assert phase.groups == "groups of 3-4"
    assert phase.space == "Stoelen in een kring, een flip-over: stiften klaarleggen"
    # Script lines are repeatable and kept in the order written, kinds interleaved.
    assert [(line.kind, line.text) for line in phase.script] == [
        ("say", "Welkom."),
        ("ask", "Wat wil je bereiken?"),
        ("do", "Schrijf je vraag op."),
        ("tip", "Houd het kort."),
        ("watch", "Adviezen vermomd als vragen."),
        ("output", "Een hulpvraag"),
        ("materials", "Pen en papier"),
        ("say", "Dank je wel."),
        ("ask", "Is de vraag scherp genoeg?"),
    ]
    assert phase.lines("say") == ("Welkom.", "Dank je wel.")
    assert [at(line.position) for line in phase.script][:2] == [(14, 3), (15, 3)]
    assert core_checks(r) == []


@pytest.mark.parametrize("groups", ["whole group", "pairs", "trios", "groups of 3-4", "alone"])
def test_groups_takes_the_sketchs_examples_as_text(groups):
    r = recipe(f"recipe: V\nphase A (5 min)\n  groups: {groups}\n")
    assert r.agenda[0].groups == groups


def test_everyone_in_speak():
    r = recipe("recipe: V\nrole a: A\nphase A (5 min)\n  speak: everyone\n")
    assert r.agenda[0].speak == (EVERYONE,)
    assert core_checks(r) == []


def test_every_phase_has_a_time_box():
    with pytest.raises(RecipeSyntaxError) as caught:
        recipe("recipe: V\nphase Informatieve vragen\n  lead: voorzitter\n")
    assert caught.value.position.line == 2
    assert "time box" in caught.value.message


def test_lead_takes_one_role():
    with pytest.raises(RecipeSyntaxError) as caught:
        recipe("recipe: V\nrole a: A\nrole b: B\nphase A (5 min)\n  lead: a, b\n")
    assert at(caught.value.position) == (5, 3)
    assert "lead" in caught.value.message


# ---------------------------------------------------------------- rounds


def test_rounds_example():
    r = spec("rounds.mth")
    (rounds,) = r.agenda
    assert isinstance(rounds, Rounds)
    assert rounds.title == "Beurt van een inbrenger"
    assert rounds.count == Range(1, 2)
    concretiseren, afspraken = rounds.items
    assert concretiseren.title == "Probleem concretiseren"
    assert concretiseren.timebox.duration.minutes == Range(20, 20)
    assert concretiseren.lead == "begeleider"
    assert concretiseren.speak == ("inbrenger",)
    assert afspraken.title == "Afspraken maken"
    assert afspraken.timebox.duration.minutes == Range(10, 10)
    assert afspraken.speak == ("inbrenger",)
    assert afspraken.lines("output") == ("Afspraken om op de werkvloer uit te voeren",)
    assert [p.title for p in r.phases()] == ["Probleem concretiseren", "Afspraken maken"]
    # The phases inside run once per round: 1-2 rounds of 30 minutes.
    assert planned_minutes(r) == Range(30, 60)


def test_rounds_with_a_single_number():
    r = recipe("recipe: V\nrounds 3: Beurt\n  phase A (10 min)\n  phase B (5 min)\n")
    assert r.agenda[0].count == Range(3, 3)
    assert planned_minutes(r) == Range(45, 45)


# ---------------------------------------------------------------- meetings in a series


def test_series_example():
    r = spec("series.mth")
    (phase,) = r.agenda
    assert phase.title == "Terugkoppeling"
    assert phase.timebox.duration.minutes == Range(15, 15)
    assert str(phase.when) == "from meeting 2"
    assert phase.speak == ("inbrenger",)
    assert phase.lines("ask") == ("Hoe is het gegaan met je afspraken?",)
    assert at(phase.when.position) == (11, 3)
    assert not phase.when.applies(1, 10)
    assert all(phase.when.applies(n, 10) for n in range(2, 11))


@pytest.mark.parametrize(
    ("when", "meetings"),
    [
        ("meeting 1", {1}),
        ("meetings 4-7", {4, 5, 6, 7}),
        ("from meeting 2", set(range(2, 11))),
        ("last meeting", {10}),
        ("meeting 1, last meeting", {1, 10}),
    ],
)
def test_when_limits_a_phase_to_some_meetings(when, meetings):
    r = recipe(
        f"""
        recipe: V
        phase Altijd (30 min)
        phase Soms (15 min)
          when: {when}
        trajectory
          meetings: 10
        """
    )
    assert str(r.agenda[1].when) == when
    for n in range(1, 11):
        assert planned_minutes(r, n) == Range.of(45 if n in meetings else 30), f"meeting {n}"
    assert core_checks(r) == []


def test_when_on_a_rounds_block_and_on_a_phase_inside_it():
    r = recipe(
        """
        recipe: V
        rounds 2: Beurt
          when: meetings 2-3
          phase Inbrengen (10 min)
          phase Terugblik (5 min)
            when: meeting 3
        trajectory
          meetings: 4
        """
    )
    assert [planned_minutes(r, n) for n in range(1, 5)] == [Range.of(0), Range.of(20), Range.of(30), Range.of(0)]


# ---------------------------------------------------------------- checkpoints


def test_checkpoint_example():
    r = spec("checkpoint.mth")
    (checkpoint,) = r.agenda
    assert isinstance(checkpoint, Checkpoint)
    assert checkpoint.title == "Is een volgend gesprek zinvol?"
    assert checkpoint.timebox.duration.minutes == Range(5, 5)
    assert checkpoint.decide == ("coachee", "coach")
    assert checkpoint.lines("ask") == ("Heeft dit gesprek genoeg opgeleverd om zelf verder te kunnen?",)
    # A checkpoint is a phase: it counts in the meeting's time.
    assert list(r.checkpoints()) == [checkpoint]
    assert planned_minutes(r) == Range(5, 5)


def test_a_checkpoint_takes_the_fields_of_a_phase():
    r = recipe(
        """
        recipe: V
        role coachee: Cliënt
        role coach: Coach
        checkpoint Verder? (5 min)
          lead: coach
          decide: coachee, coach
          when: from meeting 2
          tip: Stoppen is de gewone uitkomst.
        trajectory
          meetings: open
        """
    )
    (checkpoint,) = r.agenda
    assert checkpoint.lead == "coach"
    assert str(checkpoint.when) == "from meeting 2"
    assert checkpoint.lines("tip") == ("Stoppen is de gewone uitkomst.",)


# ---------------------------------------------------------------- trajectory


def test_trajectory_example():
    r = spec("trajectory.mth")
    t = r.trajectory
    assert t.meetings == 10 and not t.open
    assert (t.every.amount, t.every.unit) == (Range(1, 1), "month")
    assert (t.span.amount, t.span.unit) == (Range(1, 1), "year")
    assert [(s.title, s.meetings) for s in t.stages] == [
        ("Reflectie op eigen functioneren", Range(1, 3)),
        ("Nieuwe stappen zetten", Range(4, 7)),
        ("Reflecteren en bijstellen", Range(8, 10)),
    ]
    assert t.stages[0].focus == "Waar sta ik nu, en wat drijft me?"
    assert t.stages[1].focus is None
    assert t.stage_of(5).title == "Nieuwe stappen zetten"
    assert t.extra_meetings == ()
    assert at(t.stages[2].position) == (15, 3)
    assert core_checks(r) == []


def test_an_open_trajectory():
    r = recipe("recipe: V\ntrajectory\n  meetings: open\n  every: 2-4 weeks\n")
    assert r.trajectory.open
    assert r.trajectory.meetings is None
    assert r.trajectory.every.amount == Range(2, 4)


def test_a_stage_of_one_meeting():
    r = recipe("recipe: V\ntrajectory\n  meetings: 3\n  stage Intake (meeting 1)\n  stage Rest (meetings 2-3)\n")
    assert [s.meetings for s in r.trajectory.stages] == [Range(1, 1), Range(2, 3)]


def test_meetings_outside_the_regular_series():
    # The syntax the grammar designs for job coaching: `meeting ID: Title (time box)`.
    r = recipe(
        """
        recipe: Jobcoaching
        duration: 60 min
        trajectory
          meetings: 8
          every: 3 weken
          meeting intake: Vrijblijvend intakegesprek (60 min)
            at: before meeting 1
            summary: Is er genoeg vertrouwen?
          meeting assessment: Assessment (3 h)
            at: after meeting 1
            optional: yes
          meeting followup: Follow-upgesprek
            at: 2-3 maanden after last meeting
            count: 1-2
            every: 3 maanden
            ask: Beklijven de resultaten?
        """
    )
    intake, assessment, followup = r.trajectory.extra_meetings
    assert (intake.id, intake.title) == ("intake", "Vrijblijvend intakegesprek")
    assert intake.timebox.duration.minutes == Range(60, 60)
    assert (intake.at.relation, intake.at.meeting, intake.at.offset) == ("before", 1, None)
    assert intake.summary == "Is er genoeg vertrouwen?"
    assert intake.count == Range(1, 1) and not intake.optional
    assert assessment.timebox.duration.minutes == Range(180, 180)
    assert (assessment.at.relation, assessment.at.meeting) == ("after", 1)
    assert assessment.optional
    assert followup.timebox is None
    assert (followup.at.relation, followup.at.meeting) == ("after", "last")
    assert (followup.at.offset.amount, followup.at.offset.unit) == (Range(2, 3), "month")
    assert followup.at.meeting_number(8) == 8
    assert followup.count == Range(1, 2)
    assert (followup.every.amount, followup.every.unit) == (Range(3, 3), "month")
    assert [(line.kind, line.text) for line in followup.script] == [("ask", "Beklijven de resultaten?")]
    # Extra meetings are not part of a regular meeting's time.
    assert planned_minutes(r, 1) == Range(0, 0)
    assert errors(r) == []


def test_optional_takes_dutch_ja():
    r = recipe("recipe: V\ntrajectory\n  meetings: 2\n  meeting a: A\n    at: after first meeting\n    optional: ja\n")
    (extra,) = r.trajectory.extra_meetings
    assert extra.optional
    assert extra.at.meeting_number(2) == 1


# ---------------------------------------------------------------- phase ids


def test_an_explicit_id_is_kept():
    r = recipe("recipe: V\nphase Informatieronde (15 min)\n  id: vragen\n")
    assert r.agenda[0].id == "vragen"
    assert r.agenda[0].explicit_id


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Informatieve vragen", "informatieve-vragen"),
        ("Wat deed de inbrenger?", "wat-deed-de-inbrenger"),
        ("Ideeën en tips", "ideeen-en-tips"),
        ("Één, twee én drie!", "een-twee-en-drie"),
        ("Café-ronde 2", "cafe-ronde-2"),
    ],
)
def test_a_derived_id_is_the_title_as_a_slug_with_accents_folded(title, expected):
    r = recipe(f"recipe: V\nphase {title} (5 min)\n")
    assert r.agenda[0].id == expected
    assert not r.agenda[0].explicit_id


def test_duplicate_derived_ids_are_numbered():
    r = recipe(
        """
        recipe: V
        phase Afsluiting (5 min)
        rounds 2: Beurt
          phase Afsluiting (5 min)
        phase Afsluiting (5 min)
        checkpoint Afsluiting (5 min)
          decide: everyone
        """
    )
    ids = [r.agenda[0].id, r.agenda[1].items[0].id, r.agenda[2].id, r.agenda[3].id]
    assert ids == ["afsluiting", "afsluiting-2", "afsluiting-3", "afsluiting-4"]
    assert r.agenda[1].id == "beurt"
    assert core_checks(r) == []


def test_a_derived_id_never_takes_an_explicit_one():
    r = recipe("recipe: V\nphase Kiezen (5 min)\nphase Incident kiezen (5 min)\n  id: kiezen\n")
    assert [p.id for p in r.agenda] == ["kiezen-2", "kiezen"]
    assert core_checks(r) == []


# ---------------------------------------------------------------- lines, text and comments


def test_text_continues_on_deeper_indented_lines():
    r = recipe(
        """
        recipe: V
        summary: Een deelnemer brengt een kort,
          concreet incident in;
          de groep vraagt door.
        role a: A
          brief: Vraagt door
            en luistert.
        phase A (5 min)
          ask: Wat is er gebeurd,
            en wat deed je zelf?
          tip: Kort.
        """
    )
    assert r.summary == "Een deelnemer brengt een kort, concreet incident in; de groep vraagt door."
    assert r.roles[0].brief == "Vraagt door en luistert."
    phase = r.agenda[0]
    assert [(line.kind, line.text) for line in phase.script] == [
        ("ask", "Wat is er gebeurd, en wat deed je zelf?"),
        ("tip", "Kort."),
    ]


def test_text_runs_to_the_end_of_the_line_trimmed():
    r = recipe("recipe:Voorbeeld   \nsummary:    Veel   ruimte   \nrole a:   Naam  \n  brief :  Tekst \n")
    assert (r.title, r.summary) == ("Voorbeeld", "Veel   ruimte")
    assert (r.roles[0].name, r.roles[0].brief) == ("Naam", "Tekst")


def test_a_continuation_line_may_look_like_a_key():
    r = recipe("recipe: V\nsummary: Twee rollen:\n  inbrenger: brengt in.\n")
    assert r.summary == "Twee rollen: inbrenger: brengt in."


def test_hash_inside_text_is_text_and_colons_too():
    r = recipe(
        """
        recipe: Methode #1: de basis
        summary: Zie stap #3 # niet weggooien
        role a: A # ook tekst
          brief: Let op: #hashtag
        phase A (5 min)
          say: Tijd: 10 min # echt
        """
    )
    assert r.title == "Methode #1: de basis"
    assert r.summary == "Zie stap #3 # niet weggooien"
    assert r.roles[0].name == "A # ook tekst"
    assert r.roles[0].brief == "Let op: #hashtag"
    assert r.agenda[0].lines("say") == ("Tijd: 10 min # echt",)


def test_comment_lines_anywhere_are_ignored_and_positions_still_count_them():
    r = recipe(
        """
        # Een commentaar bovenaan
        recipe: V
            # ingesprongen commentaar
        summary: Begin
          # commentaar midden in een vervolg
          en einde.

        role a: A
        # tussen de velden
          count: 2
        phase A (5 min)
        #   commentaar
          say: Hallo
        """
    )
    assert r.summary == "Begin en einde."
    assert r.roles[0].count == Range(2, 2)
    assert r.agenda[0].lines("say") == ("Hallo",)
    assert at(r.agenda[0].position) == (11, 1)
    assert at(r.agenda[0].script[0].position) == (13, 3)


def test_there_are_no_inline_comments_in_a_value():
    # `#` is text, so `90 min # anderhalf uur` is not a duration.
    with pytest.raises(RecipeError) as caught:
        recipe("recipe: V\nduration: 90 min # anderhalf uur\n")
    assert at(caught.value.position)[0] == 2


def test_extension_keys_are_kept_for_plugins():
    r = recipe(
        """
        recipe: V
        x-kleur: blauw
        role a: A
          x-kaart: rood: met dubbele punt
        phase A (5 min)
          x-timer: 3 min # geen duur, tekst
        checkpoint B (5 min)
          decide: a
          x-stem: hand
        trajectory
          meetings: 2
          stage S (meetings 1-2)
            x-thema: groei
          meeting i: Intake
            at: before meeting 1
            x-plaats: online
        """
    )
    assert r.extra == {"x-kleur": "blauw"}
    assert r.roles[0].extra == {"x-kaart": "rood: met dubbele punt"}
    assert r.agenda[0].extra == {"x-timer": "3 min # geen duur, tekst"}
    assert r.agenda[1].extra == {"x-stem": "hand"}
    assert r.trajectory.stages[0].extra == {"x-thema": "groei"}
    assert r.trajectory.extra_meetings[0].extra == {"x-plaats": "online"}
    assert core_checks(r) == []


def test_extension_keys_on_rounds_and_trajectory_are_not_silently_dropped():
    text = "recipe: V\nrounds 2: Beurt\n  x-a: b\n  phase A (5 min)\ntrajectory\n  meetings: 2\n  x-c: d\n"
    try:
        r = recipe(text)
    except RecipeError:
        return  # refusing them, with a message, would be honest too
    assert getattr(r.agenda[0], "extra", None) == {"x-a": "b"}
    assert getattr(r.trajectory, "extra", None) == {"x-c": "d"}


def test_the_sketch_examples_put_together_make_a_valid_recipe():
    # The sketch's header, roles and phases, as a trainer would combine them.
    r = recipe(
        """
        recipe: Incidentmethode
        language: nl
        group: 4-7
        facilitators: 1
        duration: 60 min
        role voorzitter: Gespreksleider
          count: 1
        role inbrenger: Inbrenger
          count: 1
        role deelnemer: Deelnemer
          count: 2-5
        phase Informatieve vragen (15 min)
          lead: voorzitter
          speak: deelnemer
          listen: inbrenger
        phase Eigen aanpak (3 min per deelnemer)
          speak: deelnemer
          outside: inbrenger
        phase Terugkoppeling (15 min)
          when: from meeting 2
          speak: inbrenger
        rounds 1-2: Beurt van een inbrenger
          phase Probleem concretiseren (20 min)
            speak: inbrenger
        trajectory
          meetings: 6
          every: 6-8 weken
          span: 1 jaar
        """
    )
    assert planned_minutes(r, 1) == Range(15 + 6 + 20, 15 + 15 + 40)
    assert planned_minutes(r, 2) == Range(15 + 6 + 15 + 20, 15 + 15 + 15 + 40)
    assert core_checks(r) == []
