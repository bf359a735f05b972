"""What the cards say, read back from their text and JSON: time windows, every round's clock times, the extra
meetings' cards, and the phases of a series numbered within their meeting (issue 11, readable cards)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _cli import run
from hypothesis import given
from hypothesis import strategies as st

from methodengine.model import Range
from methodengine.output.cards.wording import Formatter
from methodengine.planning.meeting_plan import ClockRange, ClockWindow, Window
from methodengine.planning.options import clock

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = ROOT / "recipes" / "incidentmethode.mth"
BACKSTAGE = ROOT / "recipes" / "backstagegroep.mth"
JOBCOACHING = ROOT / "recipes" / "jobcoaching.mth"
INSPIRATION = ROOT / "recipes" / "inspiratiegroep.mth"


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_of(*args: str | Path) -> dict:
    return json.loads(ok(*args, "--format", "json"))


def cards_of(text: str) -> list[list[str]]:
    """The text cards, each as its lines (the text format puts a line of dashes between two cards)."""
    return [block.strip("\n").splitlines() for block in re.split(r"\n-{80}\n", text)]


# ---------------------------------------------------------------- time windows


_TIME = re.compile(r"(\d{2}):(\d{2})|\b(\d+)\b")


def _times(text: str, start: int | None) -> list[int]:
    """Every time a window's words name, as minutes from the start of the meeting, in the order they are read."""
    found = []
    for match in _TIME.finditer(text):
        if match[1] is not None:
            assert start is not None, text
            found.append(int(match[1]) * 60 + int(match[2]) - start)
        else:
            found.append(int(match[3]))
    return found


def _window(start: Range, end: Range, at: int | None) -> Window:
    """A window as the planner makes it: minutes, and with a start time ``at`` the clock times too."""
    if at is None:
        return Window(start, end)
    clocks = [ClockRange(clock(at + r.low), clock(at + r.high)) for r in (start, end)]
    return Window(start, end, ClockWindow(*clocks))


@st.composite
def _windows(draw: st.DrawFn) -> tuple[Range, Range]:
    """A phase's start and end as the planner makes them: each a range, the end never before the start."""
    start_low = draw(st.integers(0, 300))
    start_high = start_low + draw(st.one_of(st.just(0), st.integers(0, 200)))
    low_length = draw(st.integers(0, 120))
    high_length = low_length + draw(st.one_of(st.just(0), st.integers(0, 120)))
    return Range(start_low, start_high), Range(start_low + low_length, start_high + high_length)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("dash", ["-", "\u2013"])
@pytest.mark.parametrize("at", [None, 9 * 60 + 5])
@given(window=_windows())
def test_a_window_names_its_earliest_start_first_and_its_latest_end_last(language, dash, at, window):
    start, end = window
    words = Formatter(language, dash).window(_window(start, end, at))
    times = _times(words, at)
    assert times[0] == start.low and times[-1] == end.high, words
    assert all(start.low <= t <= end.high for t in times), words
    # Each part reads in order: the likely window before the latest one, and every window forwards.
    if start.exact and end.exact:
        assert times == [start.low, end.low] and dash in words
    elif start.exact:
        assert times == [start.low, end.low, end.high]
    elif end.exact:
        assert times == [start.low, start.high, end.low]
    else:
        assert times == [start.low, end.low, start.high, end.high]


@pytest.mark.parametrize(
    ("language", "start", "end", "at", "expected"),
    [
        ("nl", Range(0, 0), Range(20, 20), 19 * 60, "19:00-19:20"),
        ("nl", Range(0, 0), Range(20, 20), None, "minuut 0-20"),
        ("en", Range(0, 0), Range(20, 20), None, "minutes 0-20"),
        ("nl", Range(0, 0), Range(85, 150), 19 * 60, "19:00 tot ca. 20:25, uiterlijk 21:30"),
        ("en", Range(0, 0), Range(85, 150), 19 * 60, "19:00 to about 20:25, 21:30 at the latest"),
        ("nl", Range(60, 60), Range(66, 75), None, "minuut 60 tot ca. 66, uiterlijk 75"),
        ("nl", Range(66, 75), Range(71, 80), 19 * 60, "ca. 20:06-20:11, uiterlijk 20:15-20:20"),
        ("en", Range(66, 75), Range(71, 80), None, "about minutes 66-71, 75-80 at the latest"),
        ("nl", Range(80, 85), Range(90, 90), None, "begint ca. minuut 80, uiterlijk 85, tot minuut 90"),
        ("en", Range(80, 85), Range(90, 90), 19 * 60, "starts about 20:20, 20:25 at the latest, until 20:30"),
    ],
)
def test_the_window_cases_read_as_the_docs_table_has_them(language, start, end, at, expected):
    assert Formatter(language, "-").window(_window(start, end, at)) == expected
    printed = re.sub(r"(\d)-(\d)", "\\1\u2013\\2", expected)  # HTML and PDF join two times with an en dash
    assert Formatter(language, "\u2013").window(_window(start, end, at)) == printed
    doc = (ROOT / "docs" / "cards.md").read_text(encoding="utf-8")
    assert f"`{printed}`" in doc, "docs/cards.md's table of windows shows every case"


def test_the_deck_writes_open_windows_for_a_reader():
    cards = cards_of(ok("cards", INCIDENT, "--start", "19:00"))
    heads: dict[str, str] = {}
    for card in cards:
        heads.setdefault(card[0], card[2])  # the trajectory card has the recipe's title too
    assert heads["Incidentmethode"] == "Overzicht · 19:00 tot ca. 20:26, uiterlijk 20:35"
    assert heads["Standpunten uitwisselen"].endswith("· 20:00 tot ca. 20:06, uiterlijk 20:15")
    assert heads["Evaluatie"].endswith("· ca. 20:21-20:26, uiterlijk 20:30-20:35")
    assert " tot 2" not in "\n".join(heads.values()).replace("tot ca.", "")


# ---------------------------------------------------------------- phases numbered within their meeting


def _card(cards: list[list[str]], title: str, kind: str = "") -> list[str]:
    """The first card with this title (whose kind line starts with ``kind``)."""
    return next(card for card in cards if card[0] == title and card[2].startswith(kind))


def test_the_deck_of_a_series_numbers_phases_within_their_meeting_and_marks_alternatives():
    cards = cards_of(ok("cards", INCIDENT, "--start", "19:00"))
    rules, feedback = _card(cards, "Spelregels afspreken"), _card(cards, "Terugkoppeling")
    # One meeting has 11 phases: the two first phases of different meetings are both phase 1, at the same time.
    assert rules[2] == feedback[2] == "Fase 1 van 11 · 19:00-19:10"
    assert "Alleen in bijeenkomst 1" in rules and "Vanaf bijeenkomst 2" in feedback
    assert "In plaats daarvan vanaf bijeenkomst 2: Terugkoppeling" in rules
    assert "In plaats daarvan alleen in bijeenkomst 1: Spelregels afspreken" in feedback
    assert _card(cards, "Incident kiezen")[2].startswith("Fase 2 van 11 ·")
    assert _card(cards, "Evaluatie")[2].startswith("Fase 11 van 11 ·")
    labels = [card[2] for card in cards if card[2].startswith("Fase ")]
    assert len(labels) == 12 and all(" van 11 · " in label for label in labels)
    overview = cards[0]
    agenda = [
        m.groups() for line in overview if (m := re.match(r"^(\d\d:\d\d(?:-\d\d:\d\d)?)\s+(\d+)\. (.+?)\s{2,}", line))
    ]
    assert agenda[:3] == [
        ("19:00", "1", "Spelregels afspreken"),
        ("19:00", "1", "Terugkoppeling"),
        ("19:10", "2", "Incident kiezen"),
    ]
    assert [int(n) for _, n, _ in agenda] == [1, *range(1, 12)]
    role = _card(cards, "Inbrenger", "Rolkaart")
    assert any(line.startswith("19:00") and "1. Terugkoppeling" in line for line in role)


def test_one_meetings_cards_number_its_own_phases_and_name_no_alternative():
    cards = cards_of(ok("cards", INCIDENT, "--meeting", "2", "--lang", "en"))
    assert _card(cards, "Terugkoppeling")[2] == "Phase 1 of 11 · minutes 0-10"
    assert not any(card[0] == "Spelregels afspreken" for card in cards)
    assert not any(line.startswith("Instead") for card in cards for line in card)


def test_the_json_plan_gives_each_phase_its_place_in_its_meeting():
    phases = {p["title"]: p for p in plan_of("cards", INCIDENT)["phases"]}
    rules, feedback = phases["Spelregels afspreken"], phases["Terugkoppeling"]
    assert (rules["number"], rules["of"], feedback["number"]) == (1, 12, 2)  # what the plan refers to them by
    assert rules["place"] == feedback["place"] == {"low": 1, "high": 1}
    assert rules["places"] == {"low": 11, "high": 11}
    assert (rules["alternatives"], feedback["alternatives"]) == ([2], [1])
    assert phases["Evaluatie"]["place"] == {"low": 11, "high": 11} and phases["Evaluatie"]["alternatives"] == []


def test_a_phase_whose_place_differs_per_meeting_says_so():
    # Job coaching: session 1 has four phases, the later ones three; `Afspraken` is always the last.
    plan = {p["title"]: p for p in plan_of("cards", JOBCOACHING)["phases"]}
    assert plan["Afspraken"]["place"] == plan["Afspraken"]["places"] == {"low": 3, "high": 4}
    cards = cards_of(ok("cards", JOBCOACHING, "--lang", "en"))
    assert _card(cards, "Afspraken")[2] == "Last phase · minutes 50-60"
    assert _card(cards, "Terugblik")[2] == "Phase 1 of 3 · minutes 0-10"
    assert _card(cards, "Doel en verwachtingen")[2] == "Phase 1 of 4 · minutes 0-10"
