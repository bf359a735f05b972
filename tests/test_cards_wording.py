"""The cards' Dutch as a trainer writes it: role nouns and verbs, lengths in their largest unit, the word for a meeting.

The arithmetic of the wording (a length said in hours or minutes, a plural)
is held by properties: every length reads back as the minutes it says, and
no two lengths read alike.
"""

from __future__ import annotations

import re

import pytest
from _cli import run
from hypothesis import given
from hypothesis import strategies as st

from methodengine.model import Range
from methodengine.output import nouns
from methodengine.output.localiser import Localiser
from methodengine.output.meeting_words import meeting_word
from methodengine.output.schedule.words import Words

_LENGTH = re.compile(
    r"^(?:(?P<m>\d+) min|(?P<h>\d+)(?:[,.](?P<half>5))? (?:uur|hours?)|(?P<hh>\d+) (?:uur en|h) (?P<mm>\d+) min)$"
)


def _minutes(text: str) -> int:
    """The minutes a length on a card says, read as a trainer reads it."""
    found = _LENGTH.match(text)
    assert found, text
    if found["m"]:
        return int(found["m"])
    if found["h"]:
        return int(found["h"]) * 60 + (30 if found["half"] else 0)
    return int(found["hh"]) * 60 + int(found["mm"])


@pytest.mark.parametrize("language", ["nl", "en"])
@given(minutes=st.integers(1, 100 * 60))
def test_a_length_reads_back_as_the_minutes_it_says(language: str, minutes: int) -> None:
    text = Localiser(language, "cards").length(minutes)
    assert _minutes(text) == minutes
    rest = minutes % 60
    if minutes >= 60 and rest in (0, 30):
        assert "min" not in text  # whole and half hours are said in hours: 3 uur, not 180 min
    if minutes >= 120 and rest not in (0, 30):
        assert text.endswith(f"{rest} min") and " 0 min" not in text


@pytest.mark.parametrize("language", ["nl", "en"])
@given(
    start=st.tuples(st.integers(0, 600), st.integers(0, 60)),
    length=st.tuples(st.integers(1, 120), st.integers(0, 60)),
)
def test_a_time_line_says_the_minutes_a_trainer_needs_and_never_a_range_to_a_range(
    language: str, start: tuple[int, int], length: tuple[int, int]
) -> None:
    from methodengine.output.cards.wording import Formatter

    low, high = start[0], start[0] + start[1]
    ends = (low + length[0], high + length[0] + length[1])
    occurrence = {"start": {"low": low, "high": high}, "end": {"low": ends[0], "high": ends[1]}}
    text = Formatter(language).window(occurrence)
    said = [int(n) for n in re.findall(r"\d+", text)]
    if (low, ends[0]) == (high, ends[1]):
        assert said == [low, ends[0]]  # minuut 15-30
    elif low == high:
        assert said == [low, *ends]  # minuut 60 tot ca. 66, uiterlijk 75
    elif ends[0] == ends[1]:
        assert said == [low, high, ends[0]]  # begint ca. minuut 80, uiterlijk 85; klaar op minuut 90
    else:
        assert said == [low, high, ends[1]]  # begint ca. minuut 80, uiterlijk 145; klaar uiterlijk op minuut 150
    assert not re.search(r"\d+ (?:tot|to) \d+-", text)  # never a range to a range: minuut 60 tot 66-75


def test_a_checkpoint_everyone_decides_has_one_row_named_as_a_title(tmp_path) -> None:
    recipe = tmp_path / "iedereen.mth"
    recipe.write_text(
        "recept: Proef\ntaal: nl\ngroep: 4-6\nrol deelnemer: Deelnemer\n"
        "beslismoment Verder? (5 min)\n  beslist: iedereen\n",
        encoding="utf-8",
    )
    out = run("cards", recipe, "--only", "checkpoint").stdout
    assert re.search(r"^Iedereen +\[ \] Doorgaan", out, re.M) and "iedereen  [" not in out
    assert "Er volgt alleen een volgende bijeenkomst als iedereen voor doorgaan kiest." in " ".join(out.split())


def test_lengths_as_a_dutch_trainer_says_them() -> None:
    nl, en = Localiser("nl", "cards"), Localiser("en", "cards")
    said = {m: nl.length(m) for m in (45, 60, 75, 90, 135, 150, 180)}
    assert said == {
        45: "45 min",
        60: "1 uur",
        75: "75 min",
        90: "1,5 uur",
        135: "2 uur en 15 min",
        150: "2,5 uur",
        180: "3 uur",
    }
    assert (en.length(60), en.length(90), en.length(135)) == ("1 hour", "1.5 hours", "2 h 15 min")
    assert nl.duration(Range(60, 90)) == "1-1,5 uur" and nl.duration(Range(60, 75)) == "60-75 min"


@pytest.mark.parametrize(
    ("name", "mid", "many"),
    [
        ("Groepslid", "groepslid", "groepsleden"),
        ("Inbrenger", "inbrenger", "inbrengers"),
        ("Deelnemer", "deelnemer", "deelnemers"),
        ("Cliënt", "cliënt", "cliënten"),
        ("Coach", "coach", "coaches"),
        ("Coachee", "coachee", "coachees"),
        ("Gespreksleider", "gespreksleider", "gespreksleiders"),
        ("Notulist", "notulist", "notulisten"),
        ("Externe coach", "externe coach", "externe coaches"),
        ("Collega", "collega", "collega's"),
        ("GGZ-coach", "GGZ-coach", "GGZ-coaches"),
        ("Mevrouw De Vries", "Mevrouw De Vries", "Mevrouw De Vriezen"),
    ],
)
def test_a_role_is_named_in_a_sentence_by_its_noun(name: str, mid: str, many: str) -> None:
    assert nouns.noun(name) == mid
    assert nouns.plural(mid, "nl") == many


def test_english_role_nouns_and_dutch_articles() -> None:
    assert [nouns.plural(w, "en") for w in ("group member", "case-giver", "coach", "party", "person")] == [
        "group members",
        "case-givers",
        "coaches",
        "parties",
        "people",
    ]
    assert nouns.article("groepslid", "nl", many=False) == "het"
    assert nouns.article("groepslid", "nl", many=True) == "de"
    assert nouns.article("inbrenger", "nl", many=False) == "de"


RECIPE = """\
recipe: Samen
language: nl
group: 4-6
duration: 75 min
{word}
role inbrenger: Inbrenger
  count: 1
role deelnemer: Groepslid

trajectory
  meetings: 4
  every: 3 weeks

phase Inbreng (10 min)
  speak: inbrenger
  listen: deelnemer
phase Ronde (2 min per everyone)
  speak: deelnemer, inbrenger
  when: until meeting 3
checkpoint Verder? (5 min)
  decide: inbrenger
"""


def _cards(tmp_path, word: str = "", *args: str) -> str:
    path = tmp_path / "samen.mth"
    path.write_text(RECIPE.format(word=word), encoding="utf-8")
    result = run("cards", path, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_verbs_agree_with_the_people_they_name(tmp_path) -> None:
    out = _cards(tmp_path)
    assert re.search(r"^Spreekt +de inbrenger$", out, re.M)
    assert re.search(r"^Luisteren +de groepsleden$", out, re.M)
    assert re.search(r"^Spreken +de groepsleden en de inbrenger$", out, re.M)
    assert "(2 min per persoon)" in out and "per iedereen" not in out
    assert "Tot en met bijeenkomst 3" in out and "Duur   75 min" in out
    # Alternatives: each title quoted, "of" only between, and a phase run in some meetings says which.
    assert "Daarna, vanaf minuut 10: “Ronde” (tot en met bijeenkomst 3) of “Verder?”" in out and "na 10 min" not in out
    assert "Volgende fase, tussen minuut 18 en 22: Verder?" in out
    english = _cards(tmp_path, "", "--lang", "en")
    # The recipe names its roles in Dutch: English cards name them as written, with the verb agreeing,
    # and a role several people hold in the plural of the names' own language.
    assert re.search(r"^Speak +Groepsleden and Inbrenger$", english, re.M)
    assert re.search(r"^Listen +Groepsleden$", english, re.M) and "the groepsleden" not in english
    assert "Next, from minute 10: “Ronde” (until meeting 3) or “Verder?”" in english and "(2 min per person)" in english


def test_a_recipe_names_its_own_word_for_a_meeting(tmp_path) -> None:
    out = _cards(tmp_path, "meeting-word: gesprek")
    assert "Tot en met gesprek 3" in out and "Einde van het gesprek" in out
    assert "Er volgt alleen een volgend gesprek als iedereen voor doorgaan kiest." in " ".join(out.split())
    assert "Gesprekken  4" in out and "bijeenkomst" not in out.lower()
    english = _cards(tmp_path, "meeting-word: gesprek", "--lang", "en")
    assert "Until session 3" in english and "End of the session" in english
    sessie = _cards(tmp_path, "meeting-word: sessie")
    assert "Einde van de sessie" in sessie and "een volgende sessie" in " ".join(sessie.split())


def test_the_schedule_says_the_same_word_with_its_article() -> None:
    words = Words("nl", meeting_word("nl", ("gesprek", "gesprekken")))
    assert words._("The last {meeting} of the series.") == "Het laatste gesprek van de reeks."
    assert words._("{Meeting} {number}").format(number=2) == "Gesprek 2"
    plain = Words("nl")
    assert plain._("The last {meeting} of the series.") == "De laatste bijeenkomst van de reeks."
    assert (
        Words("en", meeting_word("en", ("gesprek", "gesprekken"), "nl"))._("{Meeting} {number}") == "Session {number}"
    )


def test_a_note_on_when_a_phase_runs_is_lower_case_mid_sentence_and_a_capital_on_its_own_line(tmp_path) -> None:
    path = tmp_path / "lang.mth"
    path.write_text(
        "recipe: Lang\nlanguage: nl\nrole deelnemer: Deelnemer\n"
        "phase Welkom (10 min)\n  speak: deelnemer\n  when: meeting 1\n"
        "checkpoint Verder? (5 min)\n  decide: deelnemer\n  when: meeting 3\n"
        "trajectory\n  meetings: 3\n",
        encoding="utf-8",
    )
    out = run("cards", path).stdout
    assert re.search(r"^   beslismoment; alleen in bijeenkomst 3$", out, re.M)  # the agenda's note
    assert re.search(r"^   alleen in bijeenkomst 1$", out, re.M)
    assert re.search(r"^Alleen in bijeenkomst 1$", out, re.M)  # the phase card's own line
    md = run("cards", path, "--format", "md").stdout
    assert "- 1\\. Welkom — 10 min (alleen in bijeenkomst 1)" in md
    assert "Alleen in" not in md.split("## ", 2)[1]  # nothing capitalised mid-line on the overview
    english = run("cards", path, "--lang", "en").stdout
    assert re.search(r"^   checkpoint; only in meeting 3$", english, re.M)
    assert re.search(r"^Only in meeting 1$", english, re.M)


BACKSTAGE = """\
recipe: Beurten
language: nl
role begeleider: Begeleider
  count: 1
  facilitator: yes
role inbrenger: Inbrenger
  count: 1-2
role deelnemer: Groepslid
phase Terugkoppeling (10 min)
  speak: inbrenger
rounds {rounds}: Beurt van een inbrenger
  phase Inbrengen (10 min)
    lead: begeleider
    speak: inbrenger
    listen: deelnemer
  phase Analyse (10 min)
    speak: deelnemer
    listen: inbrenger
"""


def test_the_role_whose_turn_a_round_is_is_named_in_the_singular(tmp_path) -> None:
    path = tmp_path / "beurten.mth"
    path.write_text(BACKSTAGE.format(rounds="1-2"), encoding="utf-8")
    out = run("cards", path).stdout
    card = {c.split("\n", 1)[0]: c for c in out.split("\n\n" + "-" * 80 + "\n\n")}
    # One inbrenger per round: the rounds match the role's count, so in a round one of them has the turn.
    assert re.search(r"^Spreekt +de inbrenger$", card["Inbrengen"], re.M)
    assert re.search(r"^Luistert +de inbrenger$", card["Analyse"], re.M)
    assert re.search(r"^Spreken +de inbrengers$", card["Terugkoppeling"], re.M)  # outside the rounds both report
    english = run("cards", path, "--lang", "en").stdout
    assert re.search(r"^Speaks +Inbrenger$", english, re.M)
    # Rounds that are not one per inbrenger tell nothing: the role keeps its plural.
    path.write_text(BACKSTAGE.format(rounds="3"), encoding="utf-8")
    three = run("cards", path).stdout
    assert re.search(r"^Spreken +de inbrengers$", three, re.M) and not re.search(
        r"^Spreekt +de inbrenger$", three, re.M
    )


def test_when_the_meeting_may_end_after_a_phase_the_end_is_named_last(tmp_path) -> None:
    path = tmp_path / "einde.mth"
    path.write_text(
        "recipe: X\nlanguage: nl\nrole a: Deelnemer\nphase Start (10 min)\n  speak: a\n"
        "checkpoint Door? (5 min)\n  decide: a\n  when: meeting 2\ntrajectory\n  meetings: 2\n",
        encoding="utf-8",
    )
    out = " ".join(run("cards", path).stdout.split())
    assert "> Daarna, vanaf minuut 10: “Door?” (alleen in bijeenkomst 2) of het einde van de bijeenkomst" in out
    english = " ".join(run("cards", path, "--lang", "en").stdout.split())
    assert "> Next, from minute 10: “Door?” (only in meeting 2) or the end of the meeting" in english


def test_after_the_last_round_the_meeting_ends_at_a_minute(tmp_path) -> None:
    path = tmp_path / "rondes.mth"
    path.write_text("recipe: X\nlanguage: nl\nrounds 2: Beurt\n  phase Kop (10 min)\n", encoding="utf-8")
    out = run("cards", path).stdout
    assert "> Na ronde 1, vanaf minuut 10: Kop (ronde 2)" in out
    assert "> Na ronde 2, op minuut 20: het einde van de bijeenkomst" in out
