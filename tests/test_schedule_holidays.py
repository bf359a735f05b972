"""Public holidays (``--holidays``) and skip files (``--skip-file``): meetings move off them, named (issue 11).

The recipes are written here, with the cadences of the issue's examples (job coaching every 3 weeks
from 2027-01-11 meets on Whit Monday 2027-05-17; a group every 4 weeks from 2027-03-30 on King's Day).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from _cli import run

from methodengine import parse, resolve
from methodengine.model import Recipe
from methodengine.output.schedule.render import render_markdown, render_text
from methodengine.output.schedule.words import Words
from methodengine.planning.calendar_rules import CalendarRules
from methodengine.planning.dated_plan import dated_plan
from methodengine.planning.public_holidays import HolidayCalendar
from methodengine.planning.skip_file import MAX_SKIP_ENTRIES, SkipFileError, parse_skip_file


def series(every: str, meetings: int = 8) -> str:
    return (
        "recipe: Reeks\nduration: 60 min\nphase Gesprek (60 min)\n"
        f"trajectory\n  meetings: {meetings}\n  every: {every}\n"
    )


def recipe_of(text: str) -> Recipe:
    return resolve(parse(text, "reeks.mth")).recipe


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


NL = CalendarRules(holidays=HolidayCalendar.parse("NL"))


# ------------------------------------------------------------------ public holidays


def test_job_coaching_moves_off_whit_monday_named_in_dutch_and_english() -> None:
    plain = dated_plan(recipe_of(series("3 weeks")), "2027-01-11")
    assert plain.series[6].date == dt.date(2027, 5, 17)  # Whit Monday: what happens without --holidays
    plan = dated_plan(recipe_of(series("3 weeks")), "2027-01-11", calendar=NL)
    moved = plan.series[6]
    assert moved.date == dt.date(2027, 5, 24) and moved.moved_from == dt.date(2027, 5, 17)
    assert moved.moved_for is not None and moved.moved_for.kind == "holiday"
    assert plan.series[7].date == dt.date(2027, 6, 14)  # the rest moves along: the cadence is kept
    assert "Verschoven van maandag 17 mei 2027, een feestdag: Tweede pinksterdag." in render_text(plan, Words("nl"))
    english = " ".join(render_text(plan, Words("en")).split())
    assert "Moved from Monday 17 May 2027, a public holiday: Pentecost Monday." in english
    assert "A meeting that would fall on a public holiday (NL) moves a week on, to the same weekday." in english


def test_a_series_every_four_weeks_moves_off_kings_day() -> None:
    plan = dated_plan(recipe_of(series("4 weeks")), "2027-03-30", calendar=NL)
    assert plan.series[1].moved_from == dt.date(2027, 4, 27)
    assert plan.series[1].date == dt.date(2027, 5, 4)
    assert "Koningsdag" in render_text(plan, Words("nl")) and "King's Day" in render_text(plan, Words("en"))


def test_no_meeting_of_a_years_series_falls_on_a_dutch_holiday() -> None:
    plan = dated_plan(recipe_of(series("1 week", 52)), "2027-01-04", calendar=NL)
    holidays = HolidayCalendar("NL")
    assert not [m.date for m in plan.meetings if holidays.is_holiday(m.date)]
    moved = {m.moved_from for m in plan.series if m.moved_from}
    assert {dt.date(2027, 3, 29), dt.date(2027, 5, 17)} <= moved  # Easter Monday, Whit Monday


def holidays_of(code: str) -> CalendarRules:
    return CalendarRules(holidays=HolidayCalendar.parse(code))


def test_a_subdivision_has_its_own_holidays_named_in_the_countrys_language_where_the_plan_has_none() -> None:
    # Corpus Christi, Thursday 27 May 2027, is a holiday in North Rhine-Westphalia, not in Berlin.
    weekly = recipe_of(series("1 week", 3))
    westphalia = dated_plan(weekly, "2027-05-20", calendar=holidays_of("de-nw"))
    assert westphalia.series[1].moved_from == dt.date(2027, 5, 27)
    assert "Fronleichnam" in render_text(westphalia, Words("nl"))  # the library has no Dutch names for Germany
    assert "Corpus Christi" in render_text(westphalia, Words("en"))
    berlin = dated_plan(weekly, "2027-05-20", calendar=holidays_of("DE-BE"))
    assert [m.date for m in berlin.series] == [dt.date(2027, 5, 20), dt.date(2027, 5, 27), dt.date(2027, 6, 3)]


def test_belgian_names_in_dutch() -> None:
    plan = dated_plan(recipe_of(series("1 week", 2)), "2027-07-14", calendar=holidays_of("BE"))
    assert plan.series[1].moved_from == dt.date(2027, 7, 21)
    assert "een feestdag: Nationale feestdag." in render_text(plan, Words("nl"))
    assert "a public holiday: National Day." in render_text(plan, Words("en"))


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("XX", "no public holidays known for `XX`"),
        ("Nederland", "did you mean `NL`?"),
        ("Germany", "did you mean `DE`?"),
        ("DE-NRW", "did you mean `DE-NW`?"),
        ("NL-XYZ", "NL has no subdivision `XYZ`"),
    ],
)
def test_an_unknown_country_or_subdivision_is_a_usage_error_naming_close_matches(
    tmp_path: Path, given: str, said: str
) -> None:
    path = write(tmp_path, "reeks.mth", series("3 weeks"))
    result = run("schedule", path, "--start", "2027-01-11", "--holidays", given, "--lang", "en")
    assert result.exit_code == 2
    assert said in result.stderr and "--holidays" in result.stderr
    assert "Traceback" not in result.stderr
    cards = run("cards", path, "--start-date", "2027-01-11", "--holidays", given, "--lang", "en")
    assert cards.exit_code == 2 and said in cards.stderr


def test_the_holidays_option_in_the_json_and_on_the_cards(tmp_path: Path) -> None:
    path = write(tmp_path, "reeks.mth", series("3 weeks"))
    data = json.loads(run("schedule", path, "--start", "2027-01-11", "--holidays", "nl", "--format", "json").stdout)
    assert data["holidays"] == "NL" and data["monthly"] == "weekday"
    (moved,) = [m for m in data["meetings"] if m["moved_from"]]
    assert moved["moved_from"] == "2027-05-17" and moved["date"] == "2027-05-24"
    assert moved["moved_for"] == {"kind": "holiday", "name": "Pentecost Monday"}
    cards = run("cards", path, "--start-date", "2027-01-11", "--holidays", "NL", "--only", "trajectory")
    assert cards.exit_code == 0 and "Monday 24 May 2027" in cards.stdout


# ------------------------------------------------------------------ skip files


SCHOOL = """\
# schooljaar 2027, regio midden
2027-04-24..2027-05-02  meivakantie
2027-07-10 .. 2027-08-22   zomervakantie   # zes weken
   2027-06-15
"""


def test_a_skip_file_moves_meetings_and_names_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "vakanties.txt", SCHOOL)
    recipe = write(tmp_path, "reeks.mth", series("3 weeks", 10))
    result = run("schedule", recipe, "--start", "2027-04-06", "--skip-file", path, "--lang", "nl")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Verschoven van dinsdag 27 april 2027: meivakantie." in text
    assert "Verschoven van dinsdag 15 juni 2027, een datum uit het bestand met overgeslagen data." in text
    assert "zomervakantie." in text
    plan = json.loads(run("schedule", recipe, "--start", "2027-04-06", "--skip-file", path, "--format", "json").stdout)
    dates = [dt.date.fromisoformat(m["date"]) for m in plan["meetings"]]
    for first, last in ((dt.date(2027, 4, 24), dt.date(2027, 5, 2)), (dt.date(2027, 7, 10), dt.date(2027, 8, 22))):
        assert not [d for d in dates if first <= d <= last]
    assert [e["name"] for e in plan["skip_file"]] == ["meivakantie", None, "zomervakantie"]  # by date
    assert [e["line"] for e in plan["skip_file"]] == [2, 4, 3]


def test_skip_file_entries_read_as_written() -> None:
    entries = parse_skip_file(SCHOOL, "vakanties.txt")
    assert [(e.first, e.last, e.reason, e.line) for e in entries] == [
        (dt.date(2027, 4, 24), dt.date(2027, 5, 2), "meivakantie", 2),
        (dt.date(2027, 7, 10), dt.date(2027, 8, 22), "zomervakantie", 3),
        (dt.date(2027, 6, 15), dt.date(2027, 6, 15), None, 4),
    ]
    assert parse_skip_file("\ufeff# only a comment\n\n   \n") == ()


def test_a_name_is_recipe_like_text_escaped_in_markdown() -> None:
    entries = parse_skip_file("2027-01-25 *studiedag* <b>\n")
    plan = dated_plan(recipe_of(series("2 weeks", 3)), "2027-01-11", calendar=CalendarRules(closed=entries))
    assert plan.series[1].moved_for is not None and plan.series[1].moved_for.reason == "*studiedag* <b>"
    assert r"\*studiedag\*" in render_markdown(plan, Words("en"))


@pytest.mark.parametrize(
    ("text", "line", "column", "said"),
    [
        ("2027-13-01 zomer\n", 1, 1, "`2027-13-01` is not a date: there is no month 13"),
        ("# x\n2027-07-10..2027-02-30\n", 2, 13, "February 2027 has 28 days"),
        ("2027-08-22..2027-07-10  zomer\n", 1, 13, "the range ends on 2027-07-10, before it begins on 2027-08-22"),
        ("  2027-07-10..   # open\n", 1, 15, "the range has no last date after `..`"),
        ("10.07.2027 zomer\n", 1, 1, "`10.07.2027` is not a date"),
        ("2027-01-01..2028-06-30 jaar\n", 1, 13, "the range is 547 days long; a range is at most 366 days"),
        ("2027-01-01 " + "x" * 120 + "\n", 1, 112, "the name is 120 characters long"),
    ],
)
def test_a_bad_line_is_an_error_at_its_line_and_column_with_a_caret_and_exit_2(
    tmp_path: Path, text: str, line: int, column: int, said: str
) -> None:
    path = write(tmp_path, "vakanties.txt", text)
    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    result = run("schedule", recipe, "--start", "2027-01-11", "--skip-file", path, "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:{line}:{column}: error: " + lines[0].split(": error: ", 1)[1]
    assert said in lines[0]
    assert lines[2].index("^") - lines[1].index("|") == column + 1  # the caret under the column
    assert lines[-1].startswith("  hint: ")
    assert result.stdout == ""


def test_a_skip_file_is_bounded(tmp_path: Path) -> None:
    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    many = "".join(f"{dt.date(2027, 1, 1) + dt.timedelta(days=n)}\n" for n in range(MAX_SKIP_ENTRIES + 1))
    for name, text, said in [
        ("veel.txt", many, f"more than {MAX_SKIP_ENTRIES} entries"),
        ("groot.txt", "# " + "x" * 70_000 + "\n", "is larger than 64 kB"),
        ("binair.txt", b"2027-01-01 \xff\xfe\n", "is not UTF-8 text"),
    ]:
        path = write(tmp_path, name, text)
        result = run("schedule", recipe, "--start", "2027-01-11", "--skip-file", path, "--lang", "en")
        assert result.exit_code == 2 and said in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    missing = run("schedule", recipe, "--start", "2027-01-11", "--skip-file", tmp_path / "er-niet.txt")
    assert missing.exit_code == 2 and "er-niet.txt" in missing.stderr


def test_the_calendar_options_need_the_start_date_on_cards(tmp_path: Path) -> None:
    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    path = write(tmp_path, "vakanties.txt", SCHOOL)
    for option in (["--skip-file", str(path)], ["--holidays", "NL"], ["--monthly", "date"]):
        result = run("cards", recipe, *option, "--lang", "en")
        assert result.exit_code == 2 and f"{option[0]} needs --start-date" in result.stderr


def test_a_bad_skip_file_line_on_cards_too(tmp_path: Path) -> None:
    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    path = write(tmp_path, "vakanties.txt", "2027-02-30\n")
    result = run("cards", recipe, "--start-date", "2027-01-11", "--skip-file", path, "--lang", "nl")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:1:1: error: `2027-02-30` is geen datum")
    assert "  tip: schrijf een datum of een periode en een naam" in result.stderr


def test_parse_errors_are_skip_file_errors() -> None:
    with pytest.raises(SkipFileError) as caught:
        parse_skip_file("2027-01-01\nmorgen\n", "v.txt")
    assert caught.value.exit_code == 2 and str(caught.value.position) == "v.txt:2:1"


def test_the_holidays_library_is_loaded_only_for_holidays(tmp_path: Path) -> None:
    import subprocess
    import sys

    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    probe = (
        "import sys\nfrom methodengine.cli import main\n"
        "try:\n    main([*sys.argv[1:]], standalone_mode=False)\n"
        "finally:\n    print('holidays' in sys.modules, file=sys.stderr)\n"
    )
    for extra, loaded in (([], "False"), (["--holidays", "NL"], "True")):
        done = subprocess.run(
            [sys.executable, "-c", probe, "schedule", str(recipe), "--start", "2027-01-11", *extra],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stderr.strip().splitlines()[-1] == loaded, done.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_month_rule_that_does_not_exist_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    recipe = write(tmp_path, "reeks.mth", series("1 month"))
    result = run("schedule", recipe, "--start", "2027-01-11", "--monthly", "week", "--lang", lang)
    assert result.exit_code == 2 and "'weekday'" in result.stderr and "'date'" in result.stderr


# ------------------------------------------------------------------ school holidays


def test_school_holidays_of_a_dutch_region_close_days_too_named_in_the_plan() -> None:
    midden = HolidayCalendar.parse("NL-Midden")
    plain = dated_plan(recipe_of(series("1 month", 10)), "2027-01-11", calendar=CalendarRules(holidays=midden))
    assert plain.series[7].date == dt.date(2027, 8, 9)  # public holidays only: the summer break is no holiday
    school = CalendarRules(holidays=midden.with_school())
    plan = dated_plan(recipe_of(series("1 month", 10)), "2027-01-11", calendar=school)
    moved = plan.series[7]
    assert moved.moved_from == dt.date(2027, 8, 9) and moved.moved_for is not None
    assert moved.moved_for.kind == "school" and moved.date == dt.date(2027, 8, 30)
    assert plan.series[8].date == dt.date(2027, 9, 13)  # two weeks on: the 2nd Monday of September stays
    text = " ".join(render_text(plan, Words("nl")).split())
    assert "Verschoven van maandag 9 augustus 2027, in de schoolvakantie: Zomervakantie." in text
    assert "op een feestdag of in de schoolvakantie (NL-Midden)" in text
    assert "in the school holidays: Summer Break." in " ".join(render_text(plan, Words("en")).split())
    assert all(not school.closure(m.date) for m in plan.meetings)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--school-holidays"], "--school-holidays needs --holidays CC-REGION"),
        (["--holidays", "NL", "--school-holidays"], "school holidays differ by region"),
        (["--holidays", "AR-B", "--school-holidays"], "no school holidays for AR"),
    ],
)
def test_school_holidays_need_a_region_the_library_has_them_for(tmp_path: Path, args: list[str], said: str) -> None:
    recipe = write(tmp_path, "reeks.mth", series("1 month"))
    result = run("schedule", recipe, "--start", "2027-01-11", *args, "--lang", "en")
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert result.stdout == ""


def test_school_holidays_on_cards_and_in_the_json(tmp_path: Path) -> None:
    recipe = write(tmp_path, "reeks.mth", series("1 month", 10))
    options = ("--holidays", "nl-noord", "--school-holidays")
    data = json.loads(run("schedule", recipe, "--start", "2027-01-11", *options, "--format", "json").stdout)
    assert data["holidays"] == "NL-Noord" and data["school_holidays"] is True
    (moved,) = [m for m in data["meetings"] if m["moved_for"]]
    assert moved["moved_for"]["kind"] == "school" and moved["moved_from"] == "2027-07-12"  # Noord: from 10 July
    cards = run("cards", recipe, "--start-date", "2027-01-11", *options, "--only", "trajectory")
    assert cards.exit_code == 0 and moved["date_text"] in cards.stdout
    assert run("cards", recipe, "--school-holidays").exit_code == 2


def test_every_bad_line_of_a_skip_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "vakanties.txt", "2027-01-01 ok\n2027-13-01 x\n# fine\n2027-08-22..2027-07-10 zomer\n")
    recipe = write(tmp_path, "reeks.mth", series("3 weeks"))
    result = run("schedule", recipe, "--start", "2027-01-11", "--skip-file", path, "--lang", "en")
    assert result.exit_code == 2
    headlines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in headlines] == [f"{path}:2:1", f"{path}:4:13"]
    assert result.stderr.count("  hint: ") == 2


def test_a_region_without_public_holidays_of_its_own_is_warned_about(tmp_path: Path) -> None:
    recipe = write(tmp_path, "reeks.mth", series("1 month"))
    noord = run("schedule", recipe, "--start", "2027-01-11", "--holidays", "NL-Noord", "--lang", "en")
    assert noord.exit_code == 0
    assert f"{recipe}: warning: NL-Noord has the same public holidays as NL" in noord.stderr
    assert "  hint: add --school-holidays" in noord.stderr
    for quiet in (["--holidays", "NL-Noord", "--school-holidays"], ["--holidays", "DE-NW"], ["--holidays", "NL"]):
        assert "same public holidays" not in run("schedule", recipe, "--start", "2027-01-11", *quiet).stderr
