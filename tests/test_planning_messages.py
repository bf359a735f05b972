"""The schedule's options and plan errors in the user's language, quoting the recipe's keys as it writes them."""

from __future__ import annotations

import pytest

from methodengine import parse, use_language
from methodengine.planning.dated_plan import ScheduleError, dated_plan
from methodengine.planning.options import parse_date, parse_period

DUTCH = "recept: Reeks\ntraject\n  bijeenkomsten: 4\n  elke: 2-4 weken\n"
ENGLISH = "recipe: Series\ntrajectory\n  meetings: 4\n  every: 2-4 weeks\n"


def _refused(text: str, language: str, **options: object) -> ScheduleError:
    with use_language(language), pytest.raises(ScheduleError) as caught:
        dated_plan(parse(text), start="2027-01-11", **options)  # type: ignore[arg-type]
    return caught.value


def test_a_date_that_does_not_exist_is_said_with_the_month_in_dutch():
    with use_language("nl"), pytest.raises(ValueError) as caught:
        parse_date("2027-02-30")
    assert str(caught.value) == "`2027-02-30` is geen datum: februari 2027 heeft 28 dagen"
    with use_language("en"), pytest.raises(ValueError) as caught:
        parse_date("2027-02-30")
    assert str(caught.value) == "`2027-02-30` is not a date: February 2027 has 28 days"


def test_a_cadence_without_a_unit_is_said_in_dutch():
    with use_language("nl"), pytest.raises(ValueError, match=r"^`drie` is geen ritme; schrijf een heel getal"):
        parse_period("drie")


def test_a_cadence_outside_the_recipes_is_said_in_the_message_language_with_the_recipes_key():
    dutch = _refused(DUTCH, "nl", every="9 weeks")
    assert dutch.message == "--every 9 weken valt buiten het ritme van het recept: om de 2-4 weken"
    assert dutch.hint == "kies een ritme binnen 2-4 weken, of pas `elke:` in het recept aan"
    english = _refused(DUTCH, "en", every="9 weeks")
    assert english.message == "--every 9 weeks is outside the recipe's cadence of 2-4 weeks"
    assert english.hint == "choose a cadence from 2-4 weeks, or change `elke:` in the recipe"
    assert _refused(ENGLISH, "nl", every="9 weeks").hint.endswith("pas `every:` in het recept aan")


def test_a_recipe_without_a_trajectory_is_told_how_to_add_one_in_its_keywords():
    dutch = _refused("recept: Los\n", "nl")
    assert dutch.message == "recept `Los` heeft geen traject, dus er is geen reeks bijeenkomsten om te plannen"
    assert dutch.hint.startswith("voeg een blok `traject` toe met `bijeenkomsten:` en `elke:`")
    assert _refused("recipe: Loose\n", "en").hint.startswith("add a `trajectory` block with `meetings:` and `every:`")


@pytest.mark.parametrize("written", ["19:30", "19.30", "19u30"])
def test_a_time_of_day_as_dutch_trainers_write_it(written):
    from methodengine.planning.options import parse_time

    assert parse_time(written).isoformat() == "19:30:00"
