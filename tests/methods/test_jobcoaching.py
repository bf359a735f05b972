"""Job coaching: each rule broken once, and kept.

Facts (seeds/INDEX.md, 003): a free intake conversation first; about 8
conversations and an assessment (only in agreement with the employee) over
about 6 months; one or two follow-ups a few months later; if coaching must
last much longer, another approach is often better. The intake's place and
the employee's consent are hard limits (errors); the follow-ups and the
length are customs (warnings).
"""

from __future__ import annotations

import pytest
from _support import (
    ERROR,
    WARNING,
    SharedTests,
    assert_candidates,
    assert_finding,
    assert_found_without_ids,
    assert_missing_id,
    edit,
    findings,
    headlines,
    line_of,
    only,
)

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["jobcoaching"]

# A job-coaching trajectory that keeps every rule.
GOOD = """\
recipe: Jobcoaching
method: jobcoaching
duration: 60 min

role medewerker: Medewerker
  count: 1
role coach: Coach
  count: 1
  facilitator: yes

phase Gesprek (50 min)
  lead: coach
  speak: medewerker
phase Afspraken (10 min)
  speak: medewerker

trajectory
  meetings: 8
  every: 3 weeks
  span: 6 months
  meeting intake: Intakegesprek (60 min)
    at: before meeting 1
  meeting assessment: Assessment (3 h)
    at: after meeting 1
    optional: yes
  meeting followup: Follow-upgesprek (60 min)
    at: 3 months after last meeting
    count: 1-2
"""

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "intake-first",
        [("at: before meeting 1", "at: before meeting 2")],
        ERROR,
        "at: before meeting 2",
        ("comes first", "before meeting 2"),
        id="intake-before-meeting-2",
    ),
    pytest.param(
        "intake-first",
        [("    at: before meeting 1\n", "")],
        ERROR,
        "meeting intake:",
        ("comes first", "nowhere"),
        id="intake-placed-nowhere",
    ),
    pytest.param(
        "assessment-by-agreement",
        [("    optional: yes\n", "")],
        ERROR,
        "meeting assessment:",
        ("planned as certain", "agreement with the employee"),
        id="assessment-certain",
    ),
    pytest.param(
        "follow-ups",
        [("    count: 1-2\n", "    count: 3\n")],
        WARNING,
        "meeting followup:",
        ("one or two", "not 3"),
        id="follow-ups-three",
    ),
    pytest.param(
        "follow-ups",
        [("at: 3 months after last meeting", "at: 2 weeks after last meeting")],
        WARNING,
        "at: 2 weeks after last meeting",
        ("a few months after the last",),
        id="follow-up-too-soon",
    ),
    pytest.param(
        "follow-ups",
        [("at: 3 months after last meeting", "at: after last meeting")],
        WARNING,
        "at: after last meeting",
        ("a few months after the last",),
        id="follow-up-right-after",
    ),
    pytest.param(
        "follow-ups",
        [("at: 3 months after last meeting", "at: 3 months after meeting 4")],
        WARNING,
        "at: 3 months after meeting 4",
        ("a few months after the last",),
        id="follow-up-in-the-middle",
    ),
    pytest.param(
        "not-much-longer",
        [("span: 6 months", "span: 10 months"), ("every: 3 weeks", "every: 5 weeks")],
        WARNING,
        "span: 10 months",
        ("a span of 10 months", "about 6 months"),
        id="span-of-ten-months",
    ),
    pytest.param(
        "not-much-longer",
        [("meetings: 8", "meetings: 13"), ("every: 3 weeks", "every: 2 weeks"), ("  span: 6 months\n", "")],
        WARNING,
        "meetings: 13",
        ("13 conversations", "about 8"),
        id="thirteen-conversations",
    ),
    pytest.param(
        "not-much-longer",
        [("every: 3 weeks", "every: 6 weeks"), ("  span: 6 months\n", "")],
        WARNING,
        "meetings: 8",
        ("8 conversations every 6 weeks",),
        id="eight-conversations-every-six-weeks",
    ),
]


test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


def test_too_many_conversations_points_at_the_meetings_line_even_with_a_span():
    text = edit(GOOD, ("meetings: 8", "meetings: 13"), ("every: 3 weeks", "every: 2 weeks"))
    d = only(text, "jobcoaching/not-much-longer")
    assert_finding(d, METHOD, "not-much-longer", WARNING, text, "meetings: 13", ("13 conversations",))


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("intake-first", [], id="intake-before-meeting-1"),
    pytest.param("intake-first", [("at: before meeting 1", "at: before first meeting")], id="intake-before-first"),
    pytest.param("assessment-by-agreement", [], id="assessment-optional"),
    pytest.param("follow-ups", [], id="follow-ups-1-2"),
    pytest.param("follow-ups", [("    count: 1-2\n", "")], id="follow-ups-one"),
    pytest.param("follow-ups", [("    count: 1-2\n", "    count: 2\n")], id="follow-ups-two"),
    pytest.param(
        "follow-ups",
        [("at: 3 months after last meeting", "at: 6 weken after last meeting")],
        id="follow-up-six-weeks-after",
    ),
    pytest.param(
        "follow-ups",
        [("at: 3 months after last meeting", "at: 3 maanden after meeting 8")],
        id="follow-up-after-meeting-8-of-8",
    ),
    pytest.param("not-much-longer", [], id="not-much-longer"),
    pytest.param("not-much-longer", [("meetings: 8", "meetings: 12"), ("  span: 6 months\n", "")], id="twelve"),
    pytest.param("not-much-longer", [("span: 6 months", "span: 9 months")], id="nine-months"),
    pytest.param("not-much-longer", [("meetings: 8", "meetings: 2")], id="two-conversations-suffice"),
]


test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


# ---------------------------------------------------------------- the method's own recipes


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("jobcoaching.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(("meetings",), {"intake", "assessment", "followup"})


# ---------------------------------------------------------------- ids the rules need

MISSING = [
    # (id, the rules it skips, how to write the recipe without it and without a name or place a finder knows)
    pytest.param(
        "intake",
        ["intake-first"],
        [
            (
                "meeting intake: Intakegesprek (60 min)\n    at: before meeting 1",
                "meeting start: Startgesprek (60 min)\n    at: before meeting 2",
            )
        ],
        id="intake",
    ),
    pytest.param(
        "assessment",
        ["assessment-by-agreement"],
        [("meeting assessment: Assessment", "meeting onderzoek: Onderzoek")],
        id="assessment",
    ),
    pytest.param(
        "followup",
        ["follow-ups"],
        [
            (
                "meeting followup: Follow-upgesprek (60 min)\n    at: 3 months after last meeting",
                "meeting later: Gesprek achteraf (60 min)\n    at: 3 months after meeting 4",
            )
        ],
        id="followup",
    ),
]


@pytest.mark.parametrize(("ident", "skipped", "changes"), MISSING)
def test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules(ident, skipped, changes):
    text = edit(GOOD, *changes)
    d = assert_missing_id(METHOD, text, "meeting", ident, skipped)
    assert f"meeting {ident}:" in d.hint


def test_a_certain_assessment_under_another_id_is_found_by_its_title():
    # `meeting onderzoek: Assessment`: the title says it is the assessment, and it is planned as certain.
    text = edit(GOOD, ("meeting assessment:", "meeting onderzoek:"), ("    optional: yes\n", ""))
    d = only(text, "jobcoaching/assessment-by-agreement")
    assert_finding(d, METHOD, "assessment-by-agreement", ERROR, text, "meeting onderzoek:", ("agreement",))


def test_a_meeting_the_rule_cannot_tell_is_a_warning_not_an_error():
    # `meeting onderzoek: Onderzoek`: nothing says it is the assessment, so the rule warns about the id instead.
    text = edit(GOOD, ("meeting assessment: Assessment", "meeting onderzoek: Onderzoek"), ("    optional: yes\n", ""))
    found = findings(text)
    assert [d.headline() for d in found if d.is_error] == []
    assert [d.code for d in found] == ["method-expects-id"]


def test_a_trajectory_without_extra_meetings_is_warned_three_times_and_still_checked():
    text = (
        GOOD[: GOOD.index("  meeting intake:")].replace("meetings: 8", "meetings: 20").replace("  span: 6 months\n", "")
    )
    found = findings(text)
    expects = [d.message for d in found if d.code == "method-expects-id"]
    assert len(expects) == 3
    for ident in ("intake", "assessment", "followup"):
        assert any(f"meeting with id `{ident}`" in m for m in expects), expects
    assert [d.headline() for d in found if d.is_error] == []
    assert [d.code for d in found if d.code.startswith("jobcoaching/")] == ["jobcoaching/not-much-longer"]


# ---------------------------------------------------------------- in Dutch and English

DUTCH = """\
recept: Jobcoaching
methode: jobcoaching
duur: 60 min

rol medewerker: Medewerker
  aantal: 1
rol coach: Coach
  aantal: 1
  begeleider: ja

fase Gesprek (50 min)
  leidt: coach
  spreekt: medewerker
fase Afspraken (10 min)
  spreekt: medewerker

traject
  bijeenkomsten: 8
  elke: 3 weken
  looptijd: 6 maanden
  gesprek intake: Intakegesprek (60 min)
    moment: na gesprek 1
  gesprek assessment: Assessment (3 uur)
    moment: na gesprek 1
    optioneel: ja
  gesprek followup: Follow-upgesprek (60 min)
    moment: 3 maanden na laatste gesprek
    aantal: 1-2
"""


def test_job_coaching_holds_conversations_not_meetings():
    from methodengine import resolve

    assert METHOD.meeting_words == {"nl": ("gesprek", "gesprekken"), "en": ("session", "sessions")}
    assert resolve(methodengine_parse(GOOD)).recipe.meeting_word == ("gesprek", "gesprekken")
    english = edit(GOOD, ("duration: 60 min", "language: en\nduration: 60 min"))
    assert resolve(methodengine_parse(english)).recipe.meeting_word == ("session", "sessions")


def test_a_dutch_recipe_is_told_in_dutch_with_the_line_to_write_in_its_keywords():
    from methodengine.i18n import use_language

    with use_language("nl"):
        d = only(DUTCH, "jobcoaching/intake-first")
    assert d.message == "de intake komt eerst, maar staat na gesprek 1"
    assert d.hint == "schrijf `moment: voor gesprek 1`"
    with use_language("en"):
        d = only(DUTCH, "jobcoaching/intake-first")
    assert d.message == "the intake comes first, but it is placed after meeting 1"
    assert d.hint == "write `moment: voor gesprek 1`"
    # The line the hint gives is one the recipe takes, and it keeps the rule.
    fixed = edit(
        DUTCH, ("    moment: na gesprek 1\n  gesprek assessment", "    moment: voor gesprek 1\n  gesprek assessment")
    )
    assert headlines(findings(fixed)) == []


def methodengine_parse(text: str):  # type: ignore[no-untyped-def]
    from methodengine import parse

    return parse(text, "test.mth")


def test_the_core_checks_name_conversations_in_a_dutch_job_coaching_recipe():
    from methodengine.i18n import use_language

    text = edit(
        DUTCH,
        ("duur: 60 min", "duur: 90 min"),
        ("    moment: na gesprek 1\n  gesprek assessment", "    moment: voor gesprek 1\n  gesprek assessment"),
    )
    with use_language("nl"):
        (d,) = findings(text)
    assert d.code == "under-time"
    assert d.message == "elk gesprek is gepland op 60 min van de 90 min: 30 min is nog vrij"
    with use_language("en"):
        (d,) = findings(text)
    assert d.message == "every meeting is planned at 60 min of 90 min: 30 min unplanned"


def test_a_span_too_short_counts_conversations_in_dutch():
    from methodengine.i18n import use_language

    text = edit(
        DUTCH,
        ("looptijd: 6 maanden", "looptijd: 2 maanden"),
        ("    moment: na gesprek 1\n  gesprek assessment", "    moment: voor gesprek 1\n  gesprek assessment"),
    )
    with use_language("nl"):
        (d,) = [f for f in findings(text) if f.code == "span"]
    assert d.message == "8 gesprekken om de 3 weken duren minstens 21 weken, langer dan de looptijd van 2 maanden"
    assert d.hint == "verleng `looptijd`, kom vaker bij elkaar, of plan minder gesprekken"


# ---------------------------------------------------------------- written by hand, without the documented ids
#
# A coach writes the trajectory in Dutch and names the extra conversations in
# their own words: `kennismaking`, `test`, `nagesprek`.

HAND = """\
recept: Jobcoaching Ahmed
methode: jobcoaching
duur: 60 min

rol medewerker: Medewerker
  aantal: 1
rol coach: Coach
  aantal: 1
  begeleider: ja

fase Gesprek (50 min)
  leidt: coach
  spreekt: medewerker
fase Afspraken (10 min)
  spreekt: medewerker

traject
  gesprekken: 8
  elke: 3 weken
  looptijd: 6 maanden
  gesprek kennismaking: Kennismakingsgesprek (60 min)
    moment: voor gesprek 1
  gesprek test: Assessment (3 uur)
    moment: na gesprek 1
    optioneel: ja
  gesprek nagesprek: Nagesprek (60 min)
    moment: 3 maanden na laatste gesprek
    aantal: 1-2
"""

HAND_SHARED = SharedTests(METHOD, HAND)


def test_the_hand_written_recipe_is_checked_without_the_ids_and_keeps_every_rule():
    assert_found_without_ids(METHOD, HAND)
    assert headlines(findings(HAND)) == []


HAND_BREAKS = [
    pytest.param(
        "intake-first",
        [("moment: voor gesprek 1", "moment: na gesprek 2")],
        ERROR,
        "moment: na gesprek 2",
        ("the intake comes first",),
        id="hand-intake-after-the-first",
    ),
    pytest.param(
        "assessment-by-agreement",
        [("    optioneel: ja\n", "")],
        ERROR,
        "gesprek test:",
        ("only in agreement",),
        id="hand-assessment-certain",
    ),
    pytest.param(
        "follow-ups",
        [("    aantal: 1-2\n", "    aantal: 4\n")],
        WARNING,
        "gesprek nagesprek:",
        ("one or two follow-ups", "not 4"),
        id="hand-four-follow-ups",
    ),
    pytest.param(
        "not-much-longer",
        [("gesprekken: 8", "gesprekken: 20"), ("  looptijd: 6 maanden\n", "")],
        WARNING,
        "gesprekken: 20",
        ("much longer",),
        id="hand-twenty-conversations",
    ),
]

HAND_KEEPS = [
    pytest.param("intake-first", [], id="hand-intake-by-name"),
    pytest.param(
        # Nothing in its name, but the one conversation before the first: that is the intake.
        "intake-first",
        [("gesprek kennismaking: Kennismakingsgesprek", "gesprek start: Eerste contact")],
        id="hand-intake-by-place",
    ),
    pytest.param("assessment-by-agreement", [], id="hand-assessment-optional"),
    pytest.param("follow-ups", [], id="hand-follow-ups-by-name"),
    pytest.param(
        "follow-ups",
        [("gesprek nagesprek: Nagesprek", "gesprek later: Hoe staat het ervoor?")],
        id="hand-follow-ups-by-place",
    ),
    pytest.param("not-much-longer", [], id="hand-eight-in-six-months"),
]

test_a_rule_finds_its_meeting_without_the_id_and_reports_it_broken = HAND_SHARED.broken_rule_test(HAND_BREAKS)
test_a_rule_finds_its_meeting_without_the_id_and_is_silent_kept = HAND_SHARED.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_without_the_ids = HAND_SHARED.every_rule_test(HAND_BREAKS, HAND_KEEPS)
test_a_rule_found_without_the_id_reads_in_dutch_and_english = HAND_SHARED.both_languages_test(HAND_BREAKS)


def test_two_follow_ups_by_name_are_both_named_to_the_coach():
    text = edit(
        HAND,
        ("gesprek nagesprek: Nagesprek (60 min)", "gesprek na3: Follow-up na drie maanden (60 min)"),
        (
            "    aantal: 1-2\n",
            "  gesprek na12: Follow-up na een jaar (60 min)\n    moment: 12 maanden na laatste gesprek\n",
        ),
    )
    d = assert_candidates(METHOD, text, "meeting", "followup", ["Follow-up na drie maanden", "Follow-up na een jaar"])
    assert "`follow-ups`" in d.message


@pytest.mark.parametrize(("group", "severity"), [("2", ERROR), ("1-2", WARNING)])
def test_job_coaching_is_one_to_one(group, severity):
    # Individual coaching (the source): one employee; the coach is the facilitator and does not count.
    text = edit(HAND, ("duur: 60 min", f"duur: 60 min\ngroep: {group}"))
    d = only(text, "jobcoaching/group-size")
    assert d.severity is severity and d.position is not None and d.position.line == line_of(text, "groep:")


def test_one_employee_fits():
    assert findings(edit(HAND, ("duur: 60 min", "duur: 60 min\ngroep: 1")), "jobcoaching/group-size") == []
