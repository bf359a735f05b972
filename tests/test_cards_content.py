"""What the cards say, read back from their text and JSON: time windows, every round's clock times, the extra
meetings' cards, and the phases of a series numbered within their meeting (issue 11, readable cards)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _cli import base_recipe, run
from hypothesis import given
from hypothesis import strategies as st

from methodengine.model import Range
from methodengine.output.cards.wording import Formatter
from methodengine.planning.meeting_plan import ClockRange, ClockWindow, Window
from methodengine.planning.options import clock

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
BACKSTAGE = base_recipe("backstagegroep")
JOBCOACHING = base_recipe("jobcoaching")
INSPIRATION = base_recipe("inspiratiegroep")


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
        assert times == [start.low, start.high, end.high]  # when it begins, then when it is over at the latest


@pytest.mark.parametrize(
    ("language", "start", "end", "at", "expected"),
    [
        ("nl", Range(0, 0), Range(20, 20), 19 * 60, "19:00-19:20"),
        ("nl", Range(0, 0), Range(20, 20), None, "minuut 0-20"),
        ("en", Range(0, 0), Range(20, 20), None, "minutes 0-20"),
        ("nl", Range(0, 0), Range(85, 150), 19 * 60, "19:00 tot ca. 20:25, uiterlijk 21:30"),
        ("en", Range(0, 0), Range(85, 150), 19 * 60, "19:00 to about 20:25, 21:30 at the latest"),
        ("nl", Range(60, 60), Range(66, 75), None, "minuut 60 tot ca. 66, uiterlijk 75"),
        ("nl", Range(66, 75), Range(71, 80), 19 * 60, "begint ca. 20:06, uiterlijk 20:15; klaar uiterlijk 20:20"),
        ("en", Range(66, 75), Range(71, 80), None, "starts about minute 66, 75 at the latest; ends by minute 80"),
        ("nl", Range(80, 85), Range(90, 90), None, "begint ca. minuut 80, uiterlijk 85; klaar op minuut 90"),
        ("en", Range(80, 85), Range(90, 90), 19 * 60, "starts about 20:20, 20:25 at the latest; ends at 20:30"),
    ],
)
def test_the_window_cases_read_as_the_docs_table_has_them(language, start, end, at, expected):
    assert Formatter(language, "-").window(_window(start, end, at)) == expected
    printed = re.sub(r"(\d)-(\d)", "\\1\u2013\\2", expected)  # HTML and PDF join two times with an en dash
    assert Formatter(language, "\u2013").window(_window(start, end, at)) == printed
    doc = (ROOT / "docs" / "cards.md").read_text(encoding="utf-8")
    assert f"`{printed}`" in doc, "docs/cards.md's table of windows shows every case"


SERIES = """recipe: Series
language: nl
group: 4-7
duration: 40 min
role chair: Voorzitter
  count: 1
role giver: Inbrenger
  count: 1
role member: Deelnemer
phase Spelregels (10 min)
  lead: chair
  speak: everyone
  when: meeting 1
phase Terugkoppeling (10 min)
  lead: chair
  speak: giver
  when: from meeting 2
phase Standpunten (3 min per member)
  speak: member
phase Nabespreking (10 min)
  speak: giver
phase Evaluatie (5 min)
  speak: everyone
trajectory
  meetings: 6
  every: 6 weeks
"""
"""Two first phases of different meetings, then a phase whose length follows the group (2-5 members)."""


@pytest.fixture
def series(tmp_path: Path) -> Path:
    path = tmp_path / "reeks.mth"
    path.write_text(SERIES, encoding="utf-8")
    return path


def _heads(cards: list[list[str]]) -> dict[str, str]:
    """Each card's kind-and-time line by its title (the first card of a title: the trajectory's is the recipe's)."""
    heads: dict[str, str] = {}
    for card in cards:
        heads.setdefault(card[0], card[2])
    return heads


def test_the_deck_writes_open_windows_for_a_reader(series):
    heads = _heads(cards_of(ok("cards", series, "--start", "19:00")))
    assert heads["Series"] == "Overzicht · 19:00 tot ca. 19:31, uiterlijk 19:40"
    assert heads["Standpunten"] == "Fase 2 van 4 · 19:10 tot ca. 19:16, uiterlijk 19:25"
    assert heads["Evaluatie"] == "Fase 4 van 4 · begint ca. 19:26, uiterlijk 19:35; klaar uiterlijk 19:40"
    heads = _heads(cards_of(ok("cards", series, "--lang", "en")))
    assert heads["Nabespreking"] == "Phase 3 of 4 · starts about minute 16, 25 at the latest; ends by minute 35"
    assert heads["Spelregels"] == "Phase 1 of 4 · minutes 0-10"


# ---------------------------------------------------------------- phases numbered within their meeting


def _card(cards: list[list[str]], title: str, kind: str = "") -> list[str]:
    """The first card with this title (whose kind line starts with ``kind``)."""
    return next(card for card in cards if card[0] == title and card[2].startswith(kind))


def test_the_deck_of_a_series_numbers_phases_within_their_meeting_and_marks_alternatives(series):
    cards = cards_of(ok("cards", series, "--start", "19:00"))
    rules, feedback = _card(cards, "Spelregels"), _card(cards, "Terugkoppeling")
    # A meeting has 4 phases: the two first phases of different meetings are both phase 1, at the same time.
    assert rules[2] == feedback[2] == "Fase 1 van 4 · 19:00-19:10"
    assert "Alleen in bijeenkomst 1" in rules and "Vanaf bijeenkomst 2" in feedback
    assert "In plaats daarvan vanaf bijeenkomst 2: Terugkoppeling" in rules
    assert "In plaats daarvan alleen in bijeenkomst 1: Spelregels" in feedback
    labels = [card[2].split(" · ")[0] for card in cards if card[2].startswith("Fase ")]
    assert labels == ["Fase 1 van 4", "Fase 1 van 4", "Fase 2 van 4", "Fase 3 van 4", "Fase 4 van 4"]
    agenda = [m.groups() for line in cards[0] if (m := re.match(r"^(\d\d:\d\d)\S*\s+(\d+)\. (.+?)\s{2,}", line))]
    assert agenda == [
        ("19:00", "1", "Spelregels"),
        ("19:00", "1", "Terugkoppeling"),
        ("19:10", "2", "Standpunten"),
        ("19:16", "3", "Nabespreking"),
        ("19:26", "4", "Evaluatie"),
    ]
    role = _card(cards, "Inbrenger", "Rolkaart")
    assert any(re.match(r"^19:00\s+1\. Terugkoppeling\s+spreekt$", line) for line in role)
    assert any(re.match(r"^19:00\s+1\. Spelregels\s+spreekt$", line) for line in role)


def test_one_meetings_cards_number_its_own_phases_and_name_no_alternative(series):
    cards = cards_of(ok("cards", series, "--meeting", "2", "--lang", "en"))
    assert _card(cards, "Terugkoppeling")[2] == "Phase 1 of 4 · minutes 0-10"
    assert not any(card[0] == "Spelregels" for card in cards)
    assert not any(line.startswith("Instead") for card in cards for line in card)


def test_the_json_plan_gives_each_phase_its_place_in_its_meeting(series):
    phases = {p["title"]: p for p in plan_of("cards", series)["phases"]}
    rules, feedback = phases["Spelregels"], phases["Terugkoppeling"]
    assert (rules["number"], rules["of"], feedback["number"]) == (1, 5, 2)  # what the plan refers to them by
    assert rules["place"] == feedback["place"] == {"low": 1, "high": 1}
    assert rules["places"] == {"low": 4, "high": 4}
    assert (rules["alternatives"], feedback["alternatives"]) == ([2], [1])
    assert phases["Evaluatie"]["place"] == {"low": 4, "high": 4} and phases["Evaluatie"]["alternatives"] == []


def test_the_incident_deck_has_as_many_phases_a_label_as_one_meeting_has():
    one = plan_of("cards", INCIDENT, "--meeting", "2")["phases"]
    deck = plan_of("cards", INCIDENT)
    assert len(deck["phases"]) == len(one) + 1  # Spelregels (meeting 1) besides Terugkoppeling (from meeting 2)
    labels = [c[2].split(" · ")[0] for c in cards_of(ok("cards", INCIDENT)) if c[2].startswith("Fase ")]
    assert labels[:2] == [f"Fase 1 van {len(one)}"] * 2
    assert labels[2:] == [f"Fase {n} van {len(one)}" for n in range(2, len(one) + 1)]


def test_a_phase_whose_place_differs_per_meeting_says_so(tmp_path):
    # Like job coaching: meeting 1 has three phases, the later ones two; `Afspraken` is always the last.
    path = tmp_path / "traject.mth"
    path.write_text(
        "recipe: T\nlanguage: en\nrole c: Coach\n  count: 1\n"
        "phase Goal (10 min)\n  when: meeting 1\nphase Plan (20 min)\n  when: meeting 1\n"
        "phase Look back (10 min)\n  when: from meeting 2\nphase Afspraken (10 min)\n"
        "trajectory\n  meetings: 4\n",
        encoding="utf-8",
    )
    plan = {p["title"]: p for p in plan_of("cards", path)["phases"]}
    assert plan["Afspraken"]["place"] == plan["Afspraken"]["places"] == {"low": 2, "high": 3}
    assert plan["Plan"]["alternatives"] == [] and plan["Goal"]["alternatives"] == [3]
    heads = _heads(cards_of(ok("cards", path)))
    assert heads["Afspraken"] == "Last phase · starts about minute 10, 30 at the latest; ends by minute 40"
    assert heads["Look back"] == "Phase 1 of 2 · minutes 0-10"
    assert heads["Plan"] == "Phase 2 of 3 · minutes 10-30"


# ---------------------------------------------------------------- every round's clock times


TURNS = """recipe: Turns
language: en
role a: A
  count: 1-2
phase Welcome (10 min)
rounds 1-2: Turn
  phase Tell (10 min)
    speak: a
  phase Ask (5 min)
    listen: a
phase Close (5 min)
"""


def _block_lines(card: list[str], title: str) -> tuple[str, str]:
    """A rounds block's row on an overview or role card, and the line under it."""
    at = next(i for i, line in enumerate(card) if re.match(rf"^\s+{re.escape(title)}(?:\s|$)", line))
    return card[at].strip(), card[at + 1].strip()


def test_the_overview_and_every_role_card_give_every_rounds_clock_times(tmp_path):
    recipe = tmp_path / "turns.mth"
    recipe.write_text(TURNS, encoding="utf-8")
    cards = cards_of(ok("cards", recipe, "--start", "19:00", "--only", "overview,roles"))
    rounds = "round 1 19:10-19:25 · round 2 19:25-19:40, if held"  # the second round is optional
    assert len(cards) == 2
    for card in cards:
        assert _block_lines(card, "Turn")[1] == rounds, card
    assert _block_lines(cards[0], "Turn")[0].endswith("1-2 rounds")
    # The rows under the block keep round 1's start; what follows the block starts when either round ends.
    assert any(re.match(r"^\s+19:10\s+2\. Tell\s+10 min$", line) for line in cards[0])
    # An open start is "either time", not a slot: 19:25/19:40, never 19:25-19:40 beside a 5-minute phase.
    assert any(re.match(r"^19:25/19:40\s+4\. Close\s+5 min$", line) for line in cards[0])
    role_rows = [line for card in cards[1:] for line in card if "4. Close" in line]
    assert role_rows and all(line.strip().startswith("19:25/19:40 ") for line in role_rows), role_rows


def test_rounds_without_a_start_time_or_of_one_round_have_no_round_line(tmp_path):
    recipe = tmp_path / "turns.mth"
    recipe.write_text(TURNS, encoding="utf-8")
    assert "round 1" not in ok("cards", recipe, "--only", "overview,roles")
    assert "round 1" not in ok("cards", recipe, "--only", "overview,roles", "--rounds", "1", "--start", "19:00")


def test_the_backstage_deck_gives_both_rounds_in_dutch():
    cards = cards_of(ok("cards", BACKSTAGE, "--start", "19:00", "--rounds", "2", "--only", "overview,roles"))
    for card in cards:
        under = _block_lines(card, "Beurt van een inbrenger")[1]
        assert re.fullmatch(r"ronde 1 19:\d\d-\d\d:\d\d · ronde 2 \d\d:\d\d-\d\d:\d\d", under), card


# ---------------------------------------------------------------- the extra meetings' cards


EXTRAS = """recipe: Coaching
language: en
duration: 60 min
role coachee: Coachee
  count: 1
role coach: Coach
  count: 1
  facilitator: yes
phase Talk (60 min)
  lead: coach
  speak: coachee
trajectory
  meetings: 4
  every: 2 weeks
  meeting intake: Intake (45 min)
    at: before meeting 1
    summary: Do we trust each other enough to start?
    ask: What brings you here?
    tip: Keep it light.
  meeting followup: Follow-up (1 h)
    at: 3 months after the last meeting
    count: 1-2
    every: 3 months
    optional: yes
"""


@pytest.fixture
def extras(tmp_path: Path) -> Path:
    path = tmp_path / "coaching.mth"
    path.write_text(EXTRAS, encoding="utf-8")
    return path


def test_the_deck_ends_with_a_card_per_extra_meeting(extras):
    plan = plan_of("cards", extras)
    assert [c["kind"] for c in plan["cards"]] == ["overview", "phase", "role", "role", "trajectory", "extra", "extra"]
    assert plan["cards"][-2:] == [{"kind": "extra", "extra": "intake"}, {"kind": "extra", "extra": "followup"}]
    cards = cards_of(ok("cards", extras))
    intake, followup = cards[-2], cards[-1]
    assert intake[:6] == ["Intake", "======", "Extra meeting", "45 min", "Before meeting 1", ""]
    assert "Do we trust each other enough to start?" in intake
    assert any(re.match(r"^Ask\s+What brings you here\?$", line) for line in intake)
    assert any(re.match(r"^Tip\s+Keep it light\.$", line) for line in intake)
    assert followup[2:6] == [
        "Extra meeting",
        "1 hour",
        "3 months after the last meeting · 1-2 times, every 3 months",
        "Optional",
    ]


def test_an_extra_meetings_card_in_dutch_names_its_moment_and_its_dates(extras):
    cards = cards_of(ok("cards", extras, "--lang", "nl", "--start-date", "2027-01-11"))
    intake, followup = cards[-2], cards[-1]
    assert intake[2:5] == ["Extra bijeenkomst", "45 min", "Vóór bijeenkomst 1"]
    assert any(re.match(r"^Gepland\s+maandag 4 januari 2027$", line) for line in intake)
    assert followup[4] == "3 maanden na de laatste bijeenkomst · 1-2 keer, om de 3 maanden"
    dates = [line for line in followup if line.startswith("Gepland ")]
    assert [re.split(r"\s{2,}", d) for d in dates] == [
        ["Gepland (1 van 2)", "maandag 24 mei 2027"],
        ["Gepland (2 van 2)", "maandag 23 augustus 2027"],
    ]
    # The same dates as the trajectory card and the schedule give.
    schedule = json.loads(ok("schedule", extras, "--start", "2027-01-11", "--format", "json"))
    found = [m["date"] for m in schedule["meetings"] if m.get("id") == "followup"]
    assert found == ["2027-05-24", "2027-08-23"]


def test_the_extra_meetings_cards_go_with_the_trajectorys_and_not_with_one_meeting(extras):
    kinds = [c["kind"] for c in plan_of("cards", extras, "--only", "trajectory")["cards"]]
    assert kinds == ["trajectory", "extra", "extra"]
    assert "extra" not in [c["kind"] for c in plan_of("cards", extras, "--only", "phases,roles")["cards"]]
    assert "extra" not in [c["kind"] for c in plan_of("cards", extras, "--meeting", "2")["cards"]]


def test_the_bundled_job_coaching_deck_has_a_card_for_each_extra_meeting():
    plan = plan_of("cards", JOBCOACHING)
    ids = [m["id"] for m in plan["trajectory"]["extra_meetings"]]
    assert ids and [c.get("extra") for c in plan["cards"] if c["kind"] == "extra"] == ids
    cards = cards_of(ok("cards", JOBCOACHING))
    titles = [m["title"] for m in plan["trajectory"]["extra_meetings"]]
    assert [c[0] for c in cards[-len(ids) :]] == titles
    assert all(c[2] == "Extra gesprek" for c in cards[-len(ids) :])
    assert "Vóór gesprek 1" in cards[-len(ids)]


def test_meeting_with_an_extra_meetings_id_prints_its_card_alone(extras):
    cards = cards_of(ok("cards", extras, "--meeting", "intake"))
    assert len(cards) == 1 and cards[0][:3] == ["Intake", "======", "Extra meeting"]
    plan = plan_of("cards", extras, "--meeting", "followup")
    assert plan["cards"] == [{"kind": "extra", "extra": "followup"}]
    assert (plan["options"]["meeting"], plan["options"]["extra"]) == (None, "followup")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "`intke` is not an extra meeting of the trajectory; its extra meetings: intake, followup"),
        ("nl", "`intke` is geen extra bijeenkomst van het traject; de extra bijeenkomsten: intake, followup"),
    ],
)
def test_an_extra_meeting_the_trajectory_lacks_is_a_usage_error_naming_those_it_has(extras, lang, expected):
    result = run("cards", extras, "--meeting", "intke", "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    assert expected in result.output


def test_an_extra_meetings_id_needs_a_trajectory_with_extra_meetings(series, tmp_path):
    result = run("cards", series, "--meeting", "intake", "--lang", "en")
    assert result.exit_code == 2 and "the trajectory has no extra meetings" in result.output
    single = tmp_path / "een.mth"
    single.write_text("recipe: One\nrole a: A\nphase P (5 min)\n", encoding="utf-8")
    result = run("cards", single, "--meeting", "intake", "--lang", "en")
    assert result.exit_code == 2 and "only a recipe with a `trajectory` has meetings" in result.output
    result = run("cards", series, "--meeting", "in take", "--lang", "en")
    assert result.exit_code == 2 and "is neither a meeting's number nor an extra meeting's id" in result.output


# ---------------------------------------------------------------- text labels


def test_a_text_cards_labels_keep_two_spaces_before_their_text():
    from methodengine.output.cards.text_layout import text_lines

    def fact(label: str) -> dict:
        return {"type": "fact", "label": label, "text": "Inbrenger"}

    out = text_lines([fact("Leads"), fact("Sits outside the circle")]).splitlines()
    assert out == ["Leads                    Inbrenger", "Sits outside the circle  Inbrenger"]
    long = "A label of thirty characters!!"
    out = text_lines([fact("Leads"), fact(long)]).splitlines()
    assert out[1:] == [long, " " * 26 + "Inbrenger"]  # too long for the column: a line of its own


def test_an_extra_meetings_text_is_escaped_in_html_and_markdown(tmp_path):
    path = tmp_path / "escape.mth"
    path.write_text(
        EXTRAS.replace("Intake (45 min)", "<b>Intake</b> & *kennismaking* (45 min)").replace(
            "Do we trust each other enough to start?", "<script>alert(1)</script> [link](http://x)"
        ),
        encoding="utf-8",
    )
    html = ok("cards", path, "--meeting", "intake", "--format", "html")
    assert "<b>Intake" not in html and "<script>alert" not in html
    assert "&lt;b&gt;Intake&lt;/b&gt; &amp; *kennismaking*" in html
    md = ok("cards", path, "--meeting", "intake", "--format", "md")
    assert "## Extra meeting: \\<b\\>Intake\\</b\\> & \\*kennismaking\\*" in md
    assert "\\<script\\>alert(1)\\</script\\> \\[link\\](http://x)" in md  # no link, no tag


def test_of_two_alternatives_the_deck_puts_the_one_held_first_first(tmp_path):
    # The recipe writes the phase of meeting 2 and later before that of meeting 1, as progressiegericht.mth does.
    swapped = SERIES.replace(
        "phase Spelregels (10 min)\n  lead: chair\n  speak: everyone\n  when: meeting 1\n", ""
    ).replace(
        "phase Standpunten",
        "phase Spelregels (10 min)\n  lead: chair\n  speak: everyone\n  when: meeting 1\nphase Standpunten",
    )
    assert swapped.index("Terugkoppeling") < swapped.index("Spelregels")
    path = tmp_path / "omgekeerd.mth"
    path.write_text(swapped, encoding="utf-8")
    plan = plan_of("cards", path)
    assert [p["title"] for p in plan["phases"]][:3] == ["Spelregels", "Terugkoppeling", "Standpunten"]
    assert [a["phase"] for a in plan["agenda"]] == [1, 2, 3, 4, 5]
    cards = cards_of(ok("cards", path))
    assert [c[0] for c in cards[1:3]] == ["Spelregels", "Terugkoppeling"]
    overview = [line for line in cards[0] if re.match(r"^\d\. ", line)]
    assert overview[0].startswith("1. Spelregels") and overview[1].startswith("1. Terugkoppeling")


WEEKLY = """recipe: Weekly
language: nl
role a: A
  count: 1
phase P (30 min)
  speak: a
trajectory
  meetings: 3
  every: 1 week
  meeting intake: Intake (30 min)
    at: 1 week after meeting 1
"""


@pytest.mark.parametrize(("lang", "holiday"), [("nl", "Koningsdag"), ("en", "King's Day")])
def test_a_meeting_moved_off_a_public_holiday_names_it_on_the_cards(tmp_path, lang, holiday):
    path = tmp_path / "wekelijks.mth"
    path.write_text(WEEKLY, encoding="utf-8")
    args = ("--start-date", "2027-04-20", "--holidays", "NL", "--lang", lang)
    cards = cards_of(ok("cards", path, *args, "--only", "trajectory"))
    moved = "verschoven van dinsdag 27 april 2027" if lang == "nl" else "moved from Tuesday 27 April 2027"
    trajectory = [line.strip() for line in cards[0]]
    assert trajectory.count(f"{moved} ({holiday})") == 2  # meeting 2 and the intake a week after meeting 1
    intake = cards[1]
    assert any(line.endswith(f"; {moved} ({holiday})") for line in intake), intake
    # Without --holidays the same meeting stays on the holiday, and nothing says it moved.
    assert moved not in ok("cards", path, *args[:2], "--lang", lang, "--only", "trajectory")
