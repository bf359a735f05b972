"""The one localiser of cards and schedule: the same words for the same things, and Babel only for dates.

Numbers of hours and lists are written for Dutch and English without
loading Babel's locale data; these tests hold them to what Babel writes.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import base_recipe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_planning_walk import recipes

from methodengine.model import Period, Range, Recipe
from methodengine.output.cards.content import Formatter
from methodengine.output.localiser import Localiser, md_escape
from methodengine.output.schedule.words import Words
from methodengine.planning.meeting_plan import CardOptions, plan_meeting

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hours_are_written_as_babel_writes_them(language: str) -> None:
    from babel.numbers import format_decimal

    localiser = Localiser(language, "cards")
    for minutes in [*range(0, 1500), 9999, 10_000, 59_999, 60_000, 61_234, 600_000]:
        expected = format_decimal(minutes / 60, "#,##0.##", locale=LOCALES[language])
        assert localiser.hours(Range.of(minutes)).split()[0] == expected, minutes


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("style", ["standard", "or"])
def test_lists_are_written_as_babel_writes_them(language: str, style: str) -> None:
    from babel.lists import format_list

    localiser = Localiser(language, "cards")
    for n in range(7):
        items = [f"Rol {chr(65 + i)}" for i in range(n)]
        assert localiser.join(items, style) == format_list(items, style=style, locale=LOCALES[language])
    assert localiser.join(["", "A", ""]) == "A"


def test_cards_and_schedule_say_a_shared_thing_alike() -> None:
    cards, schedule = Formatter("nl"), Words("nl")
    for value in (Range(10, 15), Range.of(90)):
        assert cards.minutes(value) == schedule.minutes(value)
    for period in (Period(Range.of(1), "week"), Period(Range(2, 4), "week"), Period(Range.of(3), "month")):
        assert cards.period(period) == schedule.period(period)
    assert schedule.period(Period(Range(2, 4), "week")) == "2-4 weken"
    assert cards.date(dt.date(2027, 1, 11)) == schedule.date(dt.date(2027, 1, 11)) == "maandag 11 januari 2027"
    assert cards.join(["A", "B", "C"]) == schedule.join(["A", "B", "C"]) == "A, B en C"
    # One way to say a cadence on the cards and in the schedule (they said "elke 3 weken" and "om de 3 weken").
    three_weeks = Period(Range.of(3), "week")
    assert cards.every(three_weeks) == schedule.every(three_weeks) == "om de 3 weken"
    assert cards.every(Period(Range.of(1), "month")) == schedule.every(Period(Range.of(1), "month")) == "elke maand"


def test_the_cards_take_the_json_plans_data_as_well_as_the_typed_plan() -> None:
    f = Formatter("en", dash="\u2013")
    assert f.minutes({"low": 6, "high": 15}) == f.minutes(Range(6, 15)) == "6\u201315 min"
    assert f.every({"amount": {"low": 2, "high": 2}, "unit": "week"}) == "every 2 weeks"
    occurrence = {"start": {"low": 0, "high": 0}, "end": {"low": 10, "high": 10}}
    assert f.window(occurrence) == "minutes 0\u201310"
    clocked = {
        "start": {"low": 0, "high": 0},
        "end": {"low": 10, "high": 15},
        "clock": {"start": {"low": "19:30", "high": "19:30"}, "end": {"low": "19:40", "high": "19:45"}},
    }
    assert f.window(clocked) == "19:30 to about 19:40, 19:45 at the latest"
    later = {**clocked, "clock": {"start": {"low": "19:40", "high": "19:45"}, "end": {"low": "19:50", "high": "19:55"}}}
    # The likely window, then the latest.
    assert f.window(later) == "starts about 19:40, 19:45 at the latest; ends by 19:55"
    assert f.when([{"kind": "from", "meetings": {"low": 2, "high": 2}}]) == "from meeting 2 on"  # a note, mid-sentence


@given(st.text(max_size=60))
def test_markdown_escaping_leaves_no_markup(text: str) -> None:
    escaped = md_escape(text)
    unescaped = escaped.replace("\\\\", "")
    for char in "`*_[]<>|~":
        assert all(unescaped[i - 1] == "\\" for i, c in enumerate(unescaped) if c == char and i > 0)
        assert not unescaped.startswith(char)


def test_text_cards_without_dates_load_no_babel() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from methodengine.cli import main\n"
        f"result = CliRunner().invoke(main, ['cards', {str(INCIDENT)!r}, '--start', '19:30'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'uur' in result.output and 'Deelnemer' in result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    recipe=recipes(),
    start=st.one_of(st.none(), st.integers(0, 24 * 60 - 1)),
    language=st.sampled_from(["nl", "en"]),
    dash=st.sampled_from(["-", "\u2013"]),
)
def test_templates_reading_the_json_plan_get_the_words_the_cards_get(
    recipe: Recipe, start: int | None, language: str, dash: str
) -> None:
    plan = plan_meeting(recipe, CardOptions(start=start))
    f = Formatter(language, dash)
    for phase, data in zip(plan.phases, plan.to_data()["phases"], strict=True):
        assert f.when(phase.when) == f.when(data["when"])
        assert f.minutes(phase.minutes) == f.minutes(data["minutes"])
        for occurrence, seen in zip(phase.occurrences, data["occurrences"], strict=True):
            assert f.window(occurrence) == f.window(seen)
            assert f.at(occurrence) == f.at(seen) and f.at(occurrence, "start") == f.at(seen, "start")
            assert f.start_time(occurrence) == f.start_time(seen)
    for total, seen in zip(plan.totals, plan.to_data()["totals"], strict=True):
        assert f.window(total) == f.window(seen) and f.run(total) == f.run(seen)
