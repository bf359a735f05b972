"""``methodengine cards --start-date``: the dates of ``methodengine schedule``, on the cards, in every format."""

from __future__ import annotations

import html as html_lib
import io
import json
import re
from pathlib import Path

import pytest
from _cli import base_recipe, run

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "recipes"
START = "2027-01-11"


def cards(name: str, *args: str) -> bytes:
    result = run("cards", base_recipe(name), *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def schedule(name: str, *args: str) -> list[dict]:
    """The dated meetings `methodengine schedule` gives, from its JSON."""
    result = run("schedule", base_recipe(name), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["meetings"]


def words(data: bytes, fmt: str) -> str:
    """The text of an output, whitespace made single, for finding dates in it."""
    if fmt == "pdf":
        pypdf = pytest.importorskip("pypdf")
        pytest.importorskip("weasyprint")
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    elif fmt == "html":
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))
    else:
        text = data.decode("utf-8")
    return " ".join(text.split())


def trajectory_card(text: str) -> str:
    """The dates section of a text trajectory card: the names on the left, the dates on the right."""
    return text.split("\nDatums\n------\n" if "\nDatums\n" in text else "\nDates\n-----\n", 1)[1].split("\n\n")[0]


# ---------------------------------------------------------------- the same dates as `schedule`

CASES = [
    ("backstagegroep", ()),
    ("backstagegroep", ("--every", "3 weken", "--skip", "2027-02-01,2027-02-22")),
    ("jobcoaching", ()),
    ("jobcoaching", ("--skip", "2027-02-01", "--skip", "2027-09-06")),
]


@pytest.mark.parametrize("fmt", ["text", "md", "html", "pdf"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "extra"), CASES, ids=["backstage", "backstage-every-skip", "job", "job-skip"])
def test_every_format_carries_the_dates_of_schedule(name, extra, lang, fmt):
    expected = schedule(name, "--start", START, *extra, "--lang", lang)
    data = cards(name, "--start-date", START, *extra, "--lang", lang, "--only", "trajectory", "--format", fmt)
    found = words(data, fmt)
    for meeting in expected:
        assert meeting["date_text"] in found, meeting["date_text"]
    # Exactly those: every weekday-and-date on the card is one of the plan's, in the same order, besides the
    # dates that moved meetings moved from.
    weekdays = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag" if lang == "nl" else r"[A-Z][a-z]+day"
    on_card = re.findall(rf"(?<!van )(?<!from )(?:{weekdays}) \d{{1,2}} \w+ \d{{4}}", found)
    assert on_card[: len(expected)] == [m["date_text"] for m in expected]
    # After the trajectory card, each extra meeting's card repeats its own dates, in the same order.
    extras = [m["date_text"] for m in expected if m["kind"] == "extra"]
    assert on_card[len(expected) :] == extras
    moved = re.findall(rf"(?:verschoven van|moved from) ((?:{weekdays}) \d{{1,2}} \w+ \d{{4}})", found)
    assert len(moved) == sum(1 for m in expected if m["moved_from"])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "extra"), CASES, ids=["backstage", "backstage-every-skip", "job", "job-skip"])
def test_the_json_plan_holds_the_dates_of_schedule(name, extra, lang):
    expected = schedule(name, "--start", START, *extra, "--lang", lang)
    plan = json.loads(cards(name, "--start-date", START, *extra, "--lang", lang, "--format", "json"))
    dates = plan["dates"]
    assert dates["start"] == START
    assert [(m["kind"], m["number"], m["id"], m["index"], m["of"], m["date"]) for m in dates["meetings"]] == [
        (m["kind"], m["number"], m["id"], m["index"], m["of"], m["date"]) for m in expected
    ]
    assert [(m["weekday"], m["optional"], m["tentative"], m["moved_from"]) for m in dates["meetings"]] == [
        (m["weekday"], m["optional"], m["tentative"], m["moved_from"]) for m in expected
    ]
    # The plan is the same in every language; only the cards are not.
    other = "en" if lang == "nl" else "nl"
    assert json.loads(cards(name, "--start-date", START, *extra, "--lang", other, "--format", "json"))["dates"] == dates


def test_the_trajectory_card_lists_the_series_and_the_extra_meetings_with_their_dates():
    text = cards("jobcoaching", "--start-date", START, "--only", "trajectory").decode()
    rows = [re.split(r"\s{2,}", line.strip()) for line in trajectory_card(text).splitlines()]
    assert rows == [
        ["Vrijblijvend intakegesprek", "maandag 4 januari 2027"],
        ["Gesprek 1", "maandag 11 januari 2027"],
        ["Assessment", "maandag 18 januari 2027"],
        ["optioneel"],
        ["Gesprek 2", "maandag 1 februari 2027"],
        ["Gesprek 3", "maandag 22 februari 2027"],
        ["Gesprek 4", "maandag 15 maart 2027"],
        ["Gesprek 5", "maandag 5 april 2027"],
        ["Gesprek 6", "maandag 26 april 2027"],
        ["Gesprek 7", "maandag 17 mei 2027"],
        ["Gesprek 8", "maandag 7 juni 2027"],
        ["Follow-upgesprek (1 van 2)", "maandag 6 september 2027"],
        ["Follow-upgesprek (2 van 2)", "maandag 6 december 2027"],
        ["optioneel"],
    ]
    english = cards("jobcoaching", "--start-date", START, "--only", "trajectory", "--lang", "en").decode()
    assert re.search(r"^Session 1 +Monday 11 January 2027$", english, flags=re.M)
    assert re.search(r"^Follow-upgesprek \(2 of 2\) +Monday 6 December 2027$", english, flags=re.M)


def test_a_moved_meeting_and_the_chosen_cadence_are_named():
    text = cards("backstagegroep", "--start-date", START, "--skip", "2027-02-08", "--only", "trajectory").decode()
    assert "Ritme          om de 2-4 weken (gepland: om de 2 weken)" in text
    assert re.search(r"^Bijeenkomst 3 +maandag 15 februari 2027\n +verschoven van maandag 8 februari 2027$", text, re.M)
    english = cards(
        "backstagegroep", "--start-date", START, "--every", "3 weeks", "--only", "trajectory", "--lang", "en"
    )
    assert "every 2-4 weeks (planned: every 3 weeks)" in english.decode()
    # A cadence the recipe fixes needs no second mention.
    assert "gepland" not in cards("jobcoaching", "--start-date", START, "--only", "trajectory").decode()


@pytest.mark.parametrize(
    ("start", "monthly", "expected"),
    [
        ("2027-01-31", "date", ["zondag 31 januari 2027", "zondag 28 februari 2027", "woensdag 31 maart 2027"]),
        ("2028-01-31", "date", ["maandag 31 januari 2028", "dinsdag 29 februari 2028", "vrijdag 31 maart 2028"]),
        # By default the weekday and its place: the 31st is in the fifth week, so the last Sunday, the last Monday.
        ("2027-01-31", "weekday", ["zondag 31 januari 2027", "zondag 28 februari 2027", "zondag 28 maart 2027"]),
        ("2028-01-31", "weekday", ["maandag 31 januari 2028", "maandag 28 februari 2028", "maandag 27 maart 2028"]),
    ],
)
def test_a_monthly_series_from_the_end_of_a_month_keeps_to_the_end_of_the_month(start, monthly, expected):
    dated = schedule("inspiratiegroep", "--start", start, "--monthly", monthly)
    assert [m["date_text"] for m in dated[:3]] == expected
    text = cards("inspiratiegroep", "--start-date", start, "--monthly", monthly, "--only", "trajectory").decode()
    rows = [re.split(r"\s{2,}", line.strip()) for line in trajectory_card(text).splitlines()]
    assert rows == [[f"Bijeenkomst {m['number']}", m["date_text"]] for m in dated]
    plan = json.loads(cards("inspiratiegroep", "--start-date", start, "--monthly", monthly, "--format", "json"))
    assert [m["date"] for m in plan["dates"]["meetings"]] == [m["date"] for m in dated]


# ---------------------------------------------------------------- one meeting


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cards_of_one_meeting_name_its_date(lang):
    dated = {m["number"]: m["date_text"] for m in schedule("jobcoaching", "--start", START, "--lang", lang)}
    text = cards("jobcoaching", "--start-date", START, "--meeting", "3", "--lang", lang).decode()
    # Job coaching is one-to-one: its method calls a meeting a conversation (gesprek), in English a session.
    label = "Gesprek 3 van 8" if lang == "nl" else "Session 3 of 8"
    line = f"{label} · {dated[3]}"
    decks = text.split("-" * 80)
    overview, phases = decks[0], [d for d in decks if re.search(r"^(Fase|Phase) \d+ (van|of) \d+", d, re.M)]
    assert line in overview
    assert phases and all(line in d for d in phases)
    now = "nu" if lang == "nl" else "now"
    assert re.search(rf"^{label.split(' van')[0].split(' of')[0]} +{dated[3]}\n +{now}$", text, flags=re.M)
    plan = json.loads(cards("jobcoaching", "--start-date", START, "--meeting", "3", "--format", "json"))
    assert plan["meeting"]["date"] == "2027-02-22"
    for fmt in ("md", "html"):
        found = words(cards("jobcoaching", "--start-date", START, "--meeting", "3", "--lang", lang, "-f", fmt), fmt)
        assert found.count(line) >= 1 + len(phases)


def test_the_cards_of_meeting_n_of_an_open_series_date_n_meetings_tentatively():
    result = run("cards", base_recipe("progressiegericht"), "--start-date", START, "--meeting", "3")
    assert result.exit_code == 2
    assert "--every" in result.stderr
    args = ("--start-date", START, "--meeting", "3", "--every", "2 weken")
    plan = json.loads(cards("progressiegericht", *args, "--format", "json"))
    expected = schedule("progressiegericht", "--start", START, "--meetings", "3", "--every", "2 weken")
    assert [m["date"] for m in plan["dates"]["meetings"]] == [m["date"] for m in expected]
    assert [m["tentative"] for m in plan["dates"]["meetings"]] == [False, True, True]
    text = cards("progressiegericht", *args).decode()
    assert "Gesprek 3 · maandag 8 februari 2027" in text
    assert re.search(r"^Gesprek 2 +maandag 25 januari 2027\n +voorlopig$", text, flags=re.M)
    # Without --meeting, the first meeting only, as `schedule` dates it.
    first = json.loads(cards("progressiegericht", "--start-date", START, "--format", "json"))
    assert [m["date"] for m in first["dates"]["meetings"]] == [START]


# ---------------------------------------------------------------- without a date, and errors


@pytest.mark.parametrize("name", ["backstagegroep", "jobcoaching", "inspiratiegroep"])
def test_without_a_start_date_there_are_no_dates(name):
    plan = json.loads(cards(name, "--format", "json"))
    assert plan["dates"] is None
    assert plan["meeting"] is None
    assert json.loads(cards(name, "--format", "json", "--meeting", "2"))["meeting"]["date"] is None
    assert "Datums" not in cards(name).decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start-date", "2027-02-30"], "`2027-02-30` is not a date: February 2027 has 28 days"),
        (["--start-date", "11-01-2027"], "`11-01-2027` is not a date; write it as YYYY-MM-DD"),
        (["--start-date", START, "--every", "drie weken"], "`drie weken` is not a cadence"),
        (["--start-date", START, "--skip", "2027-13-01"], "there is no month 13"),
        (["--every", "3 weeks"], "--every needs --start-date"),
        (["--skip", "2027-02-08"], "--skip needs --start-date"),
    ],
)
def test_usage_errors_exit_2_as_for_schedule(args, message):
    result = run("cards", base_recipe("backstagegroep"), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""
    option = args[0] if args[0] != "--start-date" else None
    if option is None and len(args) == 2:
        # The same message as `schedule --start`.
        same = run("schedule", base_recipe("backstagegroep"), "--start", args[1])
        assert same.exit_code == 2 and message in same.stderr


def test_schedule_errors_exit_1_with_the_same_message(tmp_path):
    single = tmp_path / "los.mth"
    single.write_text("recipe: Los\nduration: 30 min\nphase Gesprek (30 min)\n", encoding="utf-8")
    for path, cards_args, schedule_args in [
        (single, ["--start-date", START], ["--start", START]),
        (
            base_recipe("backstagegroep"),
            ["--start-date", START, "--every", "5 weeks"],
            ["--start", START, "--every", "5 weeks"],
        ),
    ]:
        result = run("cards", path, *cards_args)
        expected = run("schedule", path, *schedule_args)
        assert result.exit_code == expected.exit_code == 1
        assert result.stderr == expected.stderr
        assert result.stdout == ""
    assert "has no trajectory" in run("cards", single, "--start-date", START).stderr


def test_skipped_dates_that_change_nothing_and_dates_no_card_shows_are_warned_about():
    result = run("cards", base_recipe("backstagegroep"), "--start-date", START, "--skip", "2027-03-01")
    assert result.exit_code == 0
    assert "warning: no meeting falls on 2027-03-01, so skipping it changes nothing" in result.stderr
    result = run("cards", base_recipe("backstagegroep"), "--start-date", START, "--only", "roles")
    assert result.exit_code == 0 and "these cards show none" in result.stderr
    quiet = run("cards", base_recipe("backstagegroep"), "--start-date", START, "--only", "roles", "--meeting", "2")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_the_dates_fields_are_documented():
    plan = json.loads(cards("jobcoaching", "--start-date", START, "--meeting", "2", "--format", "json"))
    doc = (ROOT / "docs" / "cards.md").read_text(encoding="utf-8")
    for key in [*plan["dates"], *plan["dates"]["meetings"][0], *plan["meeting"]]:
        assert f"`{key}`" in doc, key
    assert "--start-date" in (ROOT / "docs" / "schedule.md").read_text(encoding="utf-8")


def test_the_plan_from_python_takes_the_dates_as_schedule_does():
    import methodengine
    from methodengine.cards import CardOptions, build_plan
    from methodengine.checking.resolution import resolve
    from methodengine.schedule import dated_plan

    recipe = resolve(methodengine.load(base_recipe("jobcoaching"))).recipe
    plan = build_plan(recipe, CardOptions(start_date=START, skip=("2027-02-01",)))
    dated = dated_plan(recipe, START, skip=["2027-02-01"])
    assert [m["date"] for m in plan["dates"]["meetings"]] == [m.date.isoformat() for m in dated.meetings]
