"""The method-independent checks: each one triggered, and each one left quiet.

Every finding is asserted on what a trainer reads: its severity, its code,
the line and column it points at, and the figures in its message.
"""

from __future__ import annotations

import textwrap

import pytest

from methodengine import parse
from methodengine.checking.core_checks import core_checks
from methodengine.diagnostics import Diagnostic, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def findings(text: str, code: str | None = None) -> list[Diagnostic]:
    """The diagnostics for a recipe written indented inside a test, optionally of one code."""
    found = core_checks(parse(textwrap.dedent(text).lstrip("\n")))
    return [d for d in found if code is None or d.code == code]


def only(text: str, code: str) -> Diagnostic:
    """The one diagnostic of ``code``; fails if there are none or several."""
    found = findings(text, code)
    assert len(found) == 1, [d.headline() for d in found]
    return found[0]


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.position is not None
    return (d.position.line, d.position.column)


# ---------------------------------------------------------------- undefined roles

ROLES = """
recipe: V
role deelnemer: Deelnemer
role inbrenger: Inbrenger
role voorzitter: Voorzitter
"""


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("  lead: voorzittr", 9),
        ("  speak: inbrenger, deelnemers", 21),
        ("  listen: deelnemers", 11),
        ("  outside: deelnemers", 12),
    ],
)
def test_undefined_role_in_a_phase_field(line, column):
    text = ROLES + f"phase Informatieve vragen (15 min)\n{line}\n"
    d = only(text, "undefined-role")
    assert d.severity is ERROR
    assert at(d) == (6, column)
    field = line.split(":")[0].strip()
    wrong = line.split(",")[-1].split(":")[-1].strip()
    assert f"`{wrong}`" in d.message
    assert f"`{field}`" in d.message
    assert "Informatieve vragen" in d.message
    right = "voorzitter" if field == "lead" else "deelnemer"
    assert f"did you mean `{right}`?" in d.hint


def test_undefined_role_after_per_in_a_time_box():
    d = only(ROLES + "phase Eigen aanpak (3 min per deelnemr)\n", "undefined-role")
    assert d.severity is ERROR
    assert d.position.line == 5
    assert d.message == "`deelnemr` is not a role of this recipe"
    # The fix is in the time box, not a new role: the hint shows the time box to write.
    assert d.hint.startswith("did you mean `per deelnemer`?")
    assert "add `role" not in d.hint


def test_a_per_word_that_is_no_role_suggests_the_role_who_speaks():
    text = """
    recipe: V
    group: 5
    duration: 30 min
    role voorzitter: Voorzitter
      count: 1
    role deelnemer: Deelnemer
    phase Rondje (5 min per persoon)
      speak: deelnemer
    phase Slot (5 min)
    """
    found = findings(text)
    assert [d.code for d in found] == ["undefined-role"]  # no time warning built on the bad time box
    assert found[0].hint.startswith("did you mean `per deelnemer`?")


def test_undefined_role_after_per_points_at_the_role():
    d = only(ROLES + "phase Eigen aanpak (3 min per deelnemr)\n", "undefined-role")
    assert at(d) == (5, 31)


def test_undefined_role_in_decide_and_inside_rounds():
    found = findings(
        ROLES
        + textwrap.dedent(
            """\
            rounds 2: Beurt
              phase Inbrengen (10 min)
                speak: inbrengr
            checkpoint Verder? (5 min)
              decide: inbrenger, coach
            """
        ),
        "undefined-role",
    )
    assert [(at(d), d.severity) for d in found] == [((7, 12), ERROR), ((9, 22), ERROR)]
    assert "did you mean `inbrenger`?" in found[0].hint
    # Nothing close to `coach`: no guess, but the roles that are defined.
    assert "did you mean" not in found[1].hint
    assert "deelnemer, inbrenger, voorzitter" in found[1].hint


def test_undefined_role_in_a_recipe_without_roles():
    d = only("recipe: V\nphase A (5 min)\n  speak: deelnemer\n", "undefined-role")
    assert "defines no roles" in d.hint


def test_defined_roles_and_everyone_are_fine():
    roles = "recipe: V\ngroup: 5\nrole deelnemer: Deelnemer\nrole inbrenger: Inbrenger\n  count: 1\n"
    text = (
        roles
        + "role voorzitter: Voorzitter\n  count: 1\n"
        + textwrap.dedent(
            """\
        phase Eigen aanpak (3 min per deelnemer)
          lead: voorzitter
          speak: everyone
          listen: inbrenger, deelnemer
        checkpoint Verder? (5 min)
          decide: everyone
        """
        )
    )
    assert findings(text) == []


# ---------------------------------------------------------------- duplicate ids


def test_duplicate_role_id():
    d = only(
        """
        recipe: V
        role deelnemer: Deelnemer
        role inbrenger: Inbrenger
        role deelnemer: Groepslid
        """,
        "duplicate-id",
    )
    assert d.severity is ERROR
    assert at(d) == (4, 1)
    assert "role" in d.message and "`deelnemer`" in d.message
    assert "line 2" in d.hint
    # An editor can jump to the first one too.
    assert [(r.message, r.position.line, r.position.column) for r in d.related] == [
        ("the first role with id `deelnemer`", 2, 1)
    ]


def test_duplicate_explicit_phase_id_also_inside_rounds():
    found = findings(
        """
        recipe: V
        phase Incident kiezen (10 min)
          id: kiezen
        rounds 2: Beurt
          id: beurt
          phase Kiezen (5 min)
            id: kiezen
        phase Afsluiting (5 min)
          id: beurt
        """,
        "duplicate-id",
    )
    assert [(d.severity, at(d)) for d in found] == [(ERROR, (6, 3)), (ERROR, (8, 1))]
    assert "phase" in found[0].message and "`kiezen`" in found[0].message
    assert "line 2" in found[0].hint
    assert "`beurt`" in found[1].message and "line 4" in found[1].hint


def test_duplicate_extra_meeting_id():
    d = only(
        """
        recipe: V
        trajectory
          meetings: 4
          meeting followup: Follow-up (60 min)
            at: after last meeting
          meeting followup: Tweede follow-up (60 min)
            at: 3 maanden after last meeting
        """,
        "duplicate-id",
    )
    assert d.severity is ERROR
    assert at(d) == (6, 3)
    assert "meeting" in d.message and "`followup`" in d.message
    assert "line 4" in d.hint


def test_distinct_ids_and_repeated_titles_are_fine():
    text = """
        recipe: V
        role a: A
        role b: B
        phase Afsluiting (5 min)
        phase Afsluiting (5 min)
        phase Kiezen (5 min)
          id: kiezen-snel
        trajectory
          meetings: 2
          meeting intake: Intake
            at: before meeting 1
          meeting followup: Follow-up
            at: after last meeting
        """
    assert findings(text, "duplicate-id") == []


# ---------------------------------------------------------------- timing


def test_over_time_names_both_figures():
    d = only(
        """
        recipe: V
        duration: 60 min
        phase A (40 min)
        phase B (30 min)
        """,
        "over-time",
    )
    assert d.severity is ERROR
    assert at(d) == (2, 1)
    assert "70 min" in d.message and "60 min" in d.message
    assert "10 min" in d.hint


def test_under_time_names_the_unplanned_minutes():
    d = only(
        """
        recipe: V
        duration: 90 min
        phase A (10-15 min)
        phase B (60 min)
        """,
        "under-time",
    )
    assert d.severity is WARNING
    assert at(d) == (2, 1)
    assert "70-75 min" in d.message and "90 min" in d.message
    assert "15-20 min unplanned" in d.message


@pytest.mark.parametrize("boxes", ["(60 min)", "(50-70 min)", "(60-90 min)", "(30-60 min)"])
def test_timing_is_quiet_when_the_duration_is_within_the_planned_range(boxes):
    text = f"recipe: V\nduration: 60 min\nphase A {boxes}\n"
    assert findings(text) == []


def test_only_the_lowest_planned_time_makes_an_error():
    # 50-70 min may fit in 60; 61-70 cannot.
    assert findings("recipe: V\nduration: 60 min\nphase A (50-70 min)\n") == []
    d = only("recipe: V\nduration: 60 min\nphase A (61-70 min)\n", "over-time")
    assert "61-70 min" in d.message and "60 min" in d.message


def test_a_duration_range_is_compared_at_both_ends():
    assert findings("recipe: V\nduration: 90-120 min\nphase A (100 min)\n") == []
    over = only("recipe: V\nduration: 90-120 min\nphase A (130 min)\n", "over-time")
    assert over.severity is ERROR and "130 min" in over.message and "90-120 min" in over.message
    under = only("recipe: V\nduration: 90-120 min\nphase A (80 min)\n", "under-time")
    assert under.severity is WARNING and "10-40 min unplanned" in under.message


def test_timing_counts_rounds():
    # 10 + 2-3 rounds of 20 = 50-70 min: over 45, under 80, fine in 60.
    agenda = "phase Start (10 min)\nrounds 2-3: Beurt\n  phase Inbrengen (15 min)\n  phase Advies (5 min)\n"
    d = only(f"recipe: V\nduration: 45 min\n{agenda}", "over-time")
    assert "50-70 min" in d.message and "45 min" in d.message
    d = only(f"recipe: V\nduration: 80 min\n{agenda}", "under-time")
    assert "50-70 min" in d.message and "10-30 min unplanned" in d.message
    assert findings(f"recipe: V\nduration: 60 min\n{agenda}") == []


def test_timing_multiplies_per_role():
    roles = "role deelnemer: Deelnemer\n  count: 4-6\n"
    d = only(f"recipe: V\nduration: 15 min\n{roles}phase Advies (5 min per deelnemer)\n", "over-time")
    assert "20-30 min" in d.message and "15 min" in d.message
    d = only(f"recipe: V\nduration: 45 min\n{roles}phase Advies (5 min per deelnemer)\n", "under-time")
    assert "20-30 min" in d.message and "15-25 min unplanned" in d.message


def test_timing_applies_when_per_meeting():
    d = only(
        """
        recipe: V
        duration: 60 min
        phase Kennismaking (30 min)
          when: meeting 1
        phase Werk (60 min)
        trajectory
          meetings: 4
        """,
        "over-time",
    )
    # Only the first meeting is too long; meetings 2-4 fill the hour exactly.
    assert findings(
        """
        recipe: V
        duration: 60 min
        phase Kennismaking (30 min)
          when: meeting 1
        phase Werk (60 min)
        trajectory
          meetings: 4
        """
    ) == [d]
    assert d.severity is ERROR
    assert "meeting 1 " in d.message
    assert "90 min" in d.message and "60 min" in d.message


def test_timing_groups_runs_of_meetings_with_the_same_plan():
    found = findings(
        """
        recipe: V
        duration: 60 min
        phase Kennismaking (10 min)
          when: meeting 1
        phase Werk (40 min)
        phase Slot (15 min)
          when: last meeting
        trajectory
          meetings: 6
        """
    )
    assert [(d.code, d.severity) for d in found] == [("under-time", WARNING)] * 3
    first, middle, last = (d.message for d in found)
    assert "meeting 1 " in first and "50 min" in first and "10 min unplanned" in first
    assert "meetings 2-5" in middle and "40 min" in middle and "20 min unplanned" in middle
    assert "meeting 6 " in last and "55 min" in last and "5 min unplanned" in last
    assert all(at(d) == (2, 1) for d in found)


def test_timing_names_every_meeting_once_when_all_are_alike():
    d = only(
        """
        recipe: V
        duration: 60 min
        phase Werk (80 min)
        trajectory
          meetings: 5
        """,
        "over-time",
    )
    assert "every meeting" in d.message
    assert "80 min" in d.message and "60 min" in d.message


def test_timing_in_an_open_series_does_not_single_out_a_meeting():
    d = only(
        """
        recipe: V
        duration: 60 min
        phase Werk (100 min)
        trajectory
          meetings: open
        """,
        "over-time",
    )
    assert "100 min" in d.message and "60 min" in d.message
    assert "meeting 1 " not in d.message


def test_no_timing_without_a_duration_or_an_agenda():
    assert findings("recipe: V\nphase A (500 min)\n") == []
    assert findings("recipe: V\nduration: 90 min\n") == []


# ---------------------------------------------------------------- group size


def test_minimum_counts_of_the_roles_must_fit_in_the_group():
    d = only(
        """
        recipe: V
        group: 4-7
        role voorzitter: Gespreksleider
          count: 1
        role inbrenger: Inbrenger
          count: 1
        role deelnemer: Deelnemer
          count: 6-8
        role begeleider: Begeleider
          count: 2
          facilitator: yes
        """,
        "group-size",
    )
    assert d.severity is ERROR
    assert at(d) == (2, 1)
    assert "at least 8" in d.message and "at most 7" in d.message
    assert "1 voorzitter" in d.message and "6 deelnemer" in d.message
    assert "begeleider" not in d.message


def test_roles_that_fit_the_group_are_fine_and_facilitators_do_not_count():
    text = """
        recipe: V
        group: 4-7
        role voorzitter: Gespreksleider
          count: 1
        role inbrenger: Inbrenger
          count: 1
        role deelnemer: Deelnemer
          count: 5-9
        role begeleider: Begeleider
          count: 4
          facilitator: yes
        """
    assert findings(text) == []


def test_a_role_without_count_takes_the_rest_and_adds_nothing_to_the_minimum():
    text = """
        recipe: V
        group: 2
        role voorzitter: Gespreksleider
          count: 1
        role inbrenger: Inbrenger
          count: 1
        role deelnemer: Deelnemer
        """
    assert findings(text) == []


# ---------------------------------------------------------------- outside the trajectory


def _series(agenda: str, meetings: str = "8", extra: str = "") -> str:
    return f"recipe: V\n{agenda}trajectory\n  meetings: {meetings}\n{extra}"


@pytest.mark.parametrize(
    ("when", "number", "column"),
    [("meeting 9", "meeting 9", 17), ("meetings 4-9", "meetings 4-9", 18), ("from meeting 10", "meeting 10", 22)],
)
def test_when_outside_the_trajectory(when, number, column):
    d = only(_series(f"phase Terugblik (10 min)\n  when: {when}\n"), "outside-trajectory")
    assert d.severity is ERROR
    assert at(d) == (3, column)
    assert number in d.message
    assert "Terugblik" in d.message and "8 meetings" in d.message


def test_when_outside_the_trajectory_on_rounds_and_inside_them():
    found = findings(
        _series("rounds 2: Beurt\n  when: meeting 12\n  phase A (5 min)\n    when: meeting 11\n"),
        "outside-trajectory",
    )
    assert [(at(d), d.severity) for d in found] == [((3, 17), ERROR), ((5, 19), ERROR)]
    assert "meeting 12" in found[0].message and "Beurt" in found[0].message
    assert "meeting 11" in found[1].message


@pytest.mark.parametrize(
    "when", ["meeting 1", "meetings 4-8", "from meeting 2", "until meeting 8", "first meeting", "last meeting"]
)
def test_when_inside_the_trajectory_is_fine(when):
    assert findings(_series(f"phase Terugblik (10 min)\n  when: {when}\n")) == []


def test_stage_outside_the_trajectory():
    d = only(
        _series("", "10", "  stage Begin (meetings 1-7)\n  stage Einde (meetings 8-11)\n"),
        "outside-trajectory",
    )
    assert d.severity is ERROR
    assert at(d) == (5, 3)
    assert "Einde" in d.message and "8-11" in d.message and "1-10" in d.message


def test_extra_meeting_placed_outside_the_trajectory():
    extra = (
        "  meeting intake: Intake\n    at: before meeting 1\n"
        "  meeting assessment: Assessment\n    at: after meeting 9\n"
        "  meeting followup: Follow-up\n    at: 3 maanden after last meeting\n"
    )
    d = only(_series("", "8", extra), "outside-trajectory")
    assert d.severity is ERROR
    assert at(d) == (7, 9)
    assert "`assessment`" in d.message and "meeting 9" in d.message and "1-8" in d.message


def test_stages_and_meetings_inside_the_trajectory_are_fine():
    extra = (
        "  stage Begin (meetings 1-3)\n  stage Einde (meetings 4-8)\n"
        "  meeting intake: Intake\n    at: before meeting 1\n"
        "  meeting followup: Follow-up\n    at: 3 maanden after meeting 8\n"
    )
    assert findings(_series("", "8", extra)) == []


# ---------------------------------------------------------------- overlapping stages


def test_overlapping_stages():
    d = only(
        _series(
            "", "10", "  stage Begin (meetings 1-4)\n  stage Midden (meetings 4-7)\n  stage Einde (meetings 8-10)\n"
        ),
        "overlapping-stages",
    )
    assert d.severity is ERROR
    assert at(d) == (5, 3)
    assert "Midden" in d.message and "4-7" in d.message
    assert "Begin" in d.message and "1-4" in d.message


def test_adjacent_stages_are_fine():
    text = _series("", "10", "  stage A (meetings 1-3)\n  stage B (meetings 4-7)\n  stage C (meetings 8-10)\n")
    assert findings(text) == []


def test_every_overlapping_stage_is_reported():
    # Einde (5-8) overlaps Begin (1-6) in meetings 5-6, though not its neighbour Kort (2-3).
    found = findings(
        _series("", "10", "  stage Begin (meetings 1-6)\n  stage Kort (meetings 2-3)\n  stage Einde (meetings 5-8)\n"),
        "overlapping-stages",
    )
    assert [at(d) for d in found] == [(5, 3), (6, 3)]


# ---------------------------------------------------------------- span


def test_span_shorter_than_the_meetings_take():
    d = only(
        "recipe: V\ntrajectory\n  meetings: 10\n  every: 1 maand\n  span: 6 maanden\n",
        "span",
    )
    assert d.severity is WARNING
    assert at(d) == (5, 3)
    assert "10 meetings" in d.message and "1 month" in d.message and "6 months" in d.message


def test_span_much_longer_than_the_meetings_take():
    d = only("recipe: V\ntrajectory\n  meetings: 4\n  every: 1 week\n  span: 1 jaar\n", "span")
    assert d.severity is WARNING
    assert at(d) == (5, 3)
    assert "4 meetings" in d.message and "1 week" in d.message and "1 year" in d.message


@pytest.mark.parametrize(
    ("meetings", "every", "span"),
    [
        ("10", "1 month", "1 year"),
        ("8", "2-4 weken", "6 maanden"),
        ("6", "6-8 weken", "1 jaar"),
        ("8", "3 weken", "6 maanden"),
    ],
)
def test_span_that_fits_the_meetings(meetings, every, span):
    text = f"recipe: V\ntrajectory\n  meetings: {meetings}\n  every: {every}\n  span: {span}\n"
    assert findings(text) == []


def test_no_span_check_for_an_open_series():
    assert findings("recipe: V\ntrajectory\n  meetings: open\n  every: 1 week\n  span: 1 jaar\n") == []


# ---------------------------------------------------------------- when without trajectory


def test_when_without_a_trajectory():
    d = only("recipe: V\nphase Terugkoppeling (15 min)\n  when: from meeting 2\n", "when-without-trajectory")
    assert d.severity is WARNING
    assert at(d) == (3, 3)
    assert "Terugkoppeling" in d.message
    assert "trajectory" in d.hint


def test_last_meeting_in_an_open_series():
    d = only(
        "recipe: V\nphase Slot (15 min)\n  when: last meeting\ntrajectory\n  meetings: open\n",
        "open-last-meeting",
    )
    assert d.severity is WARNING
    assert at(d) == (3, 3)
    assert "Slot" in d.message


# ---------------------------------------------------------------- language


@pytest.mark.parametrize("language", ["de", "fr"])
def test_unsupported_language(language):
    d = only(f"recipe: V\nlanguage: {language}\n", "language")
    assert d.severity is ERROR
    assert at(d) == (2, 1)
    assert f"`{language}`" in d.message
    assert "nl" in d.hint and "en" in d.hint


@pytest.mark.parametrize("language", ["nl", "en"])
def test_supported_languages(language):
    assert findings(f"recipe: V\nlanguage: {language}\n") == []


# ---------------------------------------------------------------- roles in and outside the circle


@pytest.mark.parametrize("field", ["lead", "speak", "listen"])
def test_role_both_taking_part_and_outside(field):
    d = only(
        ROLES + f"phase Standpunt bepalen (5 min)\n  {field}: inbrenger\n  outside: inbrenger\n",
        "role-clash",
    )
    assert d.severity is WARNING
    assert at(d) == (5, 1)
    assert "`inbrenger`" in d.message and "Standpunt bepalen" in d.message


def test_outside_with_others_speaking_is_fine():
    text = ROLES + "phase Eigen aanpak (5 min)\n  speak: deelnemer\n  outside: inbrenger\n"
    assert findings(text) == []
    text = ROLES + "phase Eigen aanpak (5 min)\n  speak: everyone\n  outside: inbrenger\n"
    assert findings(text) == []


# ---------------------------------------------------------------- checkpoints


def test_checkpoint_without_decide():
    d = only("recipe: V\nrole coach: Coach\ncheckpoint Verder? (5 min)\n  lead: coach\n", "checkpoint-decide")
    assert d.severity is WARNING
    assert at(d) == (3, 1)
    assert "Verder?" in d.message
    assert "decide" in d.hint


def test_checkpoint_with_decide_is_fine():
    text = "recipe: V\nrole coachee: Cliënt\nrole coach: Coach\ncheckpoint Verder? (5 min)\n  decide: coachee, coach\n"
    assert findings(text) == []


# ---------------------------------------------------------------- all at once


def test_one_run_reports_every_problem_in_file_order():
    found = findings(
        """
        recipe: V
        language: de
        duration: 30 min
        role a: A
        role a: B
        phase X (40 min)
          speak: b
        trajectory
          meetings: 3
          stage S (meetings 2-4)
        """
    )
    assert [(d.code, at(d)) for d in found] == [
        ("language", (2, 1)),
        ("over-time", (3, 1)),
        ("duplicate-id", (5, 1)),
        ("undefined-role", (7, 10)),
        ("outside-trajectory", (10, 3)),
    ]


# ---------------------------------------------------------------- counts nobody wrote


def test_per_an_open_role_without_a_group_warns_that_it_counts_as_one():
    text = "recipe: V\nrole inbrenger: I\n  count: 1-2\nrole deelnemer: D\nphase Ronde (5 min per deelnemer)\n"
    d = only(text, "unknown-count")
    assert d.severity is WARNING
    assert at(d) == (5, 24)
    assert "counted as 1" in d.message and "group:" in d.hint


def test_per_an_open_role_with_a_group_is_fine():
    text = (
        "recipe: V\ngroup: 6\nrole inbrenger: I\n  count: 1-2\nrole deelnemer: D\nphase Ronde (5 min per deelnemer)\n"
    )
    assert "unknown-count" not in [d.code for d in findings(text)]


def test_a_trajectory_without_a_number_of_meetings_warns():
    d = only("recipe: V\nphase A (5 min)\ntrajectory\n  every: 2 weeks\n", "meetings-missing")
    assert d.severity is WARNING and at(d) == (3, 1)
    assert "meetings: open" in d.hint
    assert "meetings-missing" not in [d.code for d in findings("recipe: V\ntrajectory\n  meetings: open\n")]


# ---------------------------------------------------------------- in the user's language


DUTCH = """
recept: V
groep: 3
duur: 90 min
rol voorzitter: Voorzitter
  aantal: 5
fase Vragen (10 min)
  leidt: voorzitter
  spreekt: deelnemr
"""


def _in(language: str, text: str) -> list[Diagnostic]:
    from methodengine.i18n import use_language

    with use_language(language):
        return findings(text)


def test_the_core_checks_speak_dutch_and_show_lines_in_the_recipes_keywords():
    found = {d.code: d for d in _in("nl", DUTCH)}
    role = found["undefined-role"]
    assert role.message == "onbekende rol `deelnemr` bij `spreekt` in fase `Vragen`"
    assert role.hint == "rollen in het recept: voorzitter; voeg `rol deelnemr: Naam` toe om de rol te maken"
    size = found["group-size"]
    assert size.message == "de rollen vragen minstens 5 deelnemers (5 voorzitter), maar de groep is hoogstens 3"
    assert "`begeleider: ja`" in size.hint
    assert found["under-time"].message == "de bijeenkomst is gepland op 10 min van de 90 min: 80 min is nog vrij"
    assert "`duur`" in found["under-time"].hint


def test_an_english_message_shows_a_dutch_recipes_own_keywords():
    found = {d.code: d for d in _in("en", DUTCH)}
    assert found["undefined-role"].message == "undefined role `deelnemr` in `spreekt` of phase `Vragen`"
    assert found["undefined-role"].hint.endswith("add `rol deelnemr: Name` to define it")
    assert "raise `groep`" in found["group-size"].hint


def test_an_english_recipe_gets_english_keywords_in_a_dutch_message():
    d = only(ROLES + "phase Vragen (5 min)\n  speak: deelnemr\n", "undefined-role")
    assert "`role deelnemr: Name`" in d.hint
    dutch = [x for x in _in("nl", ROLES + "phase Vragen (5 min)\n  speak: deelnemr\n") if x.code == "undefined-role"]
    assert dutch[0].message == "onbekende rol `deelnemr` bij `speak` in fase `Vragen`"
    assert "`role deelnemr: Naam`" in dutch[0].hint


def test_a_misspelt_everyone_is_suggested_in_the_recipes_language():
    dutch = [d for d in _in("nl", DUTCH.replace("deelnemr", "iedreen")) if d.code == "undefined-role"]
    assert dutch[0].hint.startswith("bedoel je `iedereen`?")
    english = only(ROLES + "phase Vragen (5 min)\n  speak: everyon\n", "undefined-role")
    assert english.hint.startswith("did you mean `everyone`?")


def test_a_span_is_said_in_the_message_language():
    text = """
    recipe: V
    trajectory
      meetings: 10
      every: 4 weeks
      span: 2 months
    """
    (d,) = [x for x in _in("nl", text) if x.code == "span"]
    assert d.message.startswith("10 bijeenkomsten om de 4 weken duren minstens 36 weken")
    assert d.message.endswith("de looptijd van 2 maanden")
    assert d.hint.startswith("verleng `span`")


def test_a_time_box_per_everyone_is_timed():
    text = """
    recipe: V
    group: 4
    duration: 30 min
    role deelnemer: Deelnemer
    phase Rondje (2 min per everyone)
    """
    (d,) = findings(text)
    assert d.code == "under-time" and "8 min of 30 min" in d.message


def test_a_trajectory_of_one_meeting_is_said_in_the_singular():
    text = """
    recipe: V
    phase Terugblik (10 min)
      when: meeting 2
    trajectory
      meetings: 1
      every: 1 week
      span: 1 year
    """
    found = {d.code: d for d in findings(text)}
    assert found["outside-trajectory"].message.endswith("outside the trajectory of 1 meeting")
    assert found["span"].message.startswith("1 meeting every 1 week takes at most 1 week,")
    dutch = {d.code: d for d in _in("nl", text)}
    assert dutch["outside-trajectory"].message.endswith("buiten het traject van 1 bijeenkomst")
    assert dutch["span"].message.startswith("1 bijeenkomst elke week duurt hoogstens 1 week,")


# Recipes that between them set off every core check, each with what it must find.
EVERY_CHECK = [
    ("recipe: V\nlanguage: fr\n", {"language"}),
    ("recipe: V\nrole a: A\nrole a: B\n", {"duplicate-id"}),
    ("recipe: V\nphase P (5 min)\n  speak: nobody\n", {"undefined-role"}),
    ("recipe: V\nphase P (5 min per persoon)\n", {"undefined-role"}),
    ("recipe: V\ngroup: 2\nrole a: A\n  count: 3\n", {"group-size"}),
    ("recipe: V\ngroup: 5\nrole a: A\nrole b: B\n", {"open-roles"}),
    ("recipe: V\nrole a: A\nphase P (2 min per a)\n", {"unknown-count"}),
    ("recipe: V\nduration: 10 min\nphase P (20 min)\n", {"over-time"}),
    ("recipe: V\nduration: 60 min\nphase P (20 min)\n", {"under-time"}),
    ("recipe: V\nrole a: A\nphase P (5 min)\n  speak: a\n  outside: a\n", {"role-clash"}),
    ("recipe: V\ncheckpoint C (5 min)\n", {"checkpoint-decide"}),
    ("recipe: V\nphase P (5 min)\n  when: meeting 2\n", {"when-without-trajectory"}),
    ("recipe: V\ntrajectory\n  every: 2 weeks\n", {"meetings-missing"}),
    (
        "recipe: V\nphase P (5 min)\n  when: last meeting\ntrajectory\n  meetings: open\n"
        "checkpoint C (5 min)\n  decide: everyone\n",
        {"open-last-meeting"},
    ),
    ("recipe: V\nphase P (5 min)\n  when: meeting 9\ntrajectory\n  meetings: 4\n", {"outside-trajectory"}),
    (
        "recipe: V\ntrajectory\n  meetings: 6\n  stage A (meetings 1-4)\n  stage B (meetings 3-6)\n",
        {"overlapping-stages"},
    ),
    ("recipe: V\ntrajectory\n  meetings: 10\n  every: 4 weeks\n  span: 2 months\n", {"span"}),
]


def test_every_core_check_is_set_off_by_the_recipes_below():
    """A new core check gets a recipe above, so that its Dutch is read too."""
    import inspect
    import re

    from methodengine.checking import core_checks as module

    in_source = set(re.findall(r'code="([a-z-]+)"', inspect.getsource(module)))
    assert set().union(*(codes for _text, codes in EVERY_CHECK)) == in_source


@pytest.mark.parametrize(("text", "codes"), EVERY_CHECK, ids=[sorted(c)[0] for _t, c in EVERY_CHECK])
def test_every_core_finding_reads_as_dutch_in_dutch(text, codes):
    import re

    english = re.compile(r"\b(the|and|with|every|meetings?|write|should|add|remove|roles?|takes?|which|is not)\b")
    found = [d for d in core_checks(parse(text)) if d.code in codes]
    assert {d.code for d in found} == codes
    for d in _in("nl", text):
        for said in (d.message, d.hint or "", *(r.message for r in d.related)):
            prose = re.sub(r"`[^`]*`", "", said)
            assert not english.search(prose), said


def test_a_misspelt_everyone_is_not_told_to_become_a_role():
    (d,) = [x for x in _in("nl", DUTCH.replace("deelnemr", "iedreen")) if x.code == "undefined-role"]
    assert d.hint == "bedoel je `iedereen`? rollen in het recept: voorzitter"


def test_nobody_deciding_is_told_which_of_the_recipes_roles_could():
    text = """
    recipe: V
    role medewerker: Medewerker
    role coach: Coach
      facilitator: yes
    checkpoint Verder? (5 min)
    """
    d = only(text, "checkpoint-decide")
    assert d.hint.endswith("`decide: medewerker, coach`")


def test_time_left_unplanned_is_a_range_when_the_plan_or_the_duration_is():
    text = """
    recipe: V
    duration: 120 min
    role deelnemer: Deelnemer
      count: 4-5
    phase Rondje (2 min per deelnemer)
    phase Open (99-105 min)
    """
    d = only(text, "under-time")
    assert d.message == "the meeting is planned at 107-115 min of 120 min: 5-13 min unplanned"
