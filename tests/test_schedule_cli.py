"""``methodengine schedule`` on the command line: options, exit codes, output files."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import base_recipe, run

icalendar = pytest.importorskip("icalendar")

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "recipes"
WITH_TRAJECTORY = ["backstagegroep", "incidentmethode", "inspiratiegroep", "jobcoaching", "progressiegericht"]


def schedule(name: str, *args: str | Path):  # type: ignore[no-untyped-def]
    return run("schedule", base_recipe(name), *args)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", WITH_TRAJECTORY)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_bundled_recipe(name: str, lang: str) -> None:
    result = schedule(name, "--start", "2027-01-11", "--at", "19:00", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert ("maandag 11 januari 2027" if lang == "nl" else "Monday 11 January 2027") in result.stdout


def test_the_language_defaults_to_the_recipes(tmp_path: Path) -> None:
    assert "maandag 11 januari 2027" in schedule("incidentmethode", "--start", "2027-01-11").stdout
    # The bundled recipe may write the key in Dutch (`taal: nl`) or in English.
    dutch = (base_recipe("incidentmethode")).read_text(encoding="utf-8")
    english = re.sub(r"^(language|taal): nl$", "language: en", dutch, flags=re.M)
    path = tmp_path / "incident.mth"
    path.write_text(english, encoding="utf-8")
    assert "Monday 11 January 2027" in run("schedule", path, "--start", "2027-01-11").stdout
    no_language = english.replace("language: en\n", "")
    path.write_text(no_language, encoding="utf-8")
    assert "maandag 11 januari 2027" in run("schedule", path, "--start", "2027-01-11").stdout


def test_a_plan_as_a_trainer_reads_it() -> None:
    result = schedule("backstagegroep", "--start", "2027-01-11", "--at", "19:00", "--skip", "2027-02-08")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Backstagegroep: planning\n")
    assert "  1  maandag 11 januari 2027   19:00-21:30\n" in out
    assert "  3  maandag 15 februari 2027  19:00-21:30\n" in out
    assert "Verschoven van maandag 8 februari 2027, een overgeslagen datum." in out
    assert "om de 2-4 weken; deze planning neemt de kortste tussenpoos, 2 weken" in flat(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2027-02-30"], "February 2027 has 28 days"),
        (["--start", "30-01-2027"], "YYYY-MM-DD"),
        (["--start", "2027-01-11", "--every", "three weeks"], "is not a cadence"),
        (["--start", "2027-01-11", "--every", "3 wekken"], "is not a unit of a cadence"),
        (["--start", "2027-01-11", "--at", "7pm"], "HH:MM"),
        (["--start", "2027-01-11", "--skip", "2027-04-31"], "April 2027 has 30 days"),
        (["--start", "2027-01-11", "--meetings", "3"], "--meetings is for open trajectories"),
        (["--start", "2027-01-11", "--format", "pdf"], "pdf"),
        ([], "--start"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = schedule("backstagegroep", *args)
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert "Traceback" not in result.stderr and not result.stdout


def test_a_cadence_outside_the_recipes_range_exits_1() -> None:
    result = schedule("backstagegroep", "--start", "2027-01-11", "--every", "5 weeks")
    assert result.exit_code == 1
    assert "--every 5 weeks is outside the recipe's cadence of 2-4 weeks" in result.stderr
    assert "hint: choose a cadence from 2-4 weeks" in result.stderr
    assert not result.stdout


def test_a_recipe_without_a_trajectory_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "los.mth"
    path.write_text("recipe: Los\nduration: 30 min\nphase Gesprek (30 min)\n", encoding="utf-8")
    result = run("schedule", path, "--start", "2027-01-11")
    assert result.exit_code == 1
    assert "has no trajectory" in result.stderr
    assert "hint: add a `trajectory` block" in result.stderr


def test_a_recipe_with_errors_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "kapot.mth"
    path.write_text("recipe: Kapot\nphase Vragen (10 min)\n  lead: niemand\ntrajectory\n  meetings: 2\n")
    result = run("schedule", path, "--start", "2027-01-11")
    assert result.exit_code == 1
    assert "error:" in result.stderr


def test_open_trajectory_needs_a_cadence_for_tentative_meetings() -> None:
    result = schedule("progressiegericht", "--start", "2027-01-11", "--meetings", "3")
    assert result.exit_code == 2
    assert "--every" in result.stderr
    result = schedule("progressiegericht", "--start", "2027-01-11", "--meetings", "3", "--every", "2 weken")
    assert result.exit_code == 0
    assert result.stdout.count("(voorlopig)") == 2


def test_skip_takes_repeats_and_comma_lists() -> None:
    one = schedule("incidentmethode", "--start", "2027-01-11", "--skip", "2027-02-22,2027-04-05", "--format", "json")
    two = schedule(
        "incidentmethode", "--start", "2027-01-11", "--skip", "2027-02-22", "--skip", "2027-04-05", "--format", "json"
    )
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["skip"] == ["2027-02-22", "2027-04-05"]
    assert [m["moved_from"] for m in data["meetings"] if m["moved_from"]] == ["2027-02-22"]
    assert data["unused_skips"] == ["2027-04-05"]


def test_ics_to_a_file_twice_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    args = ["--start", "2027-01-11", "--at", "10:00", "--format", "ics"]
    assert schedule("jobcoaching", *args, "-o", first).exit_code == 0
    result = schedule("jobcoaching", *args, "-o", second)
    assert result.exit_code == 0
    assert "wrote" in result.stderr and "12 events" in result.stderr and not result.stdout
    assert first.read_bytes() == second.read_bytes()
    events = list(icalendar.Calendar.from_ical(first.read_bytes()).walk("VEVENT"))
    assert len(events) == 12
    assert events[1].decoded("DTSTART") == dt.datetime(2027, 1, 11, 10, 0)
    assert events[1].decoded("DTEND") - events[1].decoded("DTSTART") == dt.timedelta(hours=1)
    assert events[2].decoded("DTEND") - events[2].decoded("DTSTART") == dt.timedelta(hours=3)  # the assessment
    later = tmp_path / "c.ics"
    schedule("jobcoaching", "--start", "2027-02-01", "--at", "9:00", "--format", "ics", "-o", later)
    moved = list(icalendar.Calendar.from_ical(later.read_bytes()).walk("VEVENT"))
    assert [str(e["UID"]) for e in moved] == [str(e["UID"]) for e in events]
    assert [e.decoded("DTSTART") for e in moved] != [e.decoded("DTSTART") for e in events]


def test_ics_on_standard_output() -> None:
    result = schedule("incidentmethode", "--start", "2027-01-11", "--format", "ics")
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert len(list(icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT"))) == 6


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_output_files_are_written(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"plan.{fmt}"
    result = schedule("inspiratiegroep", "--start", "2027-01-31", "--format", fmt, "-o", target)
    assert result.exit_code == 0 and not result.stdout
    again = schedule("inspiratiegroep", "--start", "2027-01-31", "--format", fmt)
    assert target.read_text(encoding="utf-8") == again.stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_an_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    result = schedule("incidentmethode", "--start", "2027-01-11", "-o", tmp_path / "missing" / "plan.ics")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_help_lists_the_options() -> None:
    result = run("schedule", "--help")
    assert result.exit_code == 0
    for option in ("--start", "--at", "--every", "--skip", "--meetings", "--lang", "--format", "--output"):
        assert option in result.stdout
    assert "schedule" in run("--help").stdout


def test_the_command_line_starts_without_the_calendar_libraries() -> None:
    code = (
        "import sys, methodengine.cli\n"
        "heavy = [m for m in ('babel', 'icalendar', 'dateutil', 'methodengine.schedule') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------ the ends of the calendar


@pytest.mark.parametrize(
    "args",
    [
        ("schedule", base_recipe("backstagegroep"), "--start", "9999-12-01"),
        ("schedule", base_recipe("backstagegroep"), "--start", "9999-12-01", "--at", "23:30", "--format", "ics"),
        ("schedule", base_recipe("jobcoaching"), "--start", "9999-06-01"),
        ("cards", base_recipe("jobcoaching"), "--start-date", "9999-06-01"),
        ("cards", base_recipe("jobcoaching"), "--start-date", "9999-06-01", "--meeting", "2", "--format", "json"),
    ],
)
def test_a_start_date_too_late_is_a_usage_error(args: tuple[str | Path, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "past the year 9999" in result.stderr and "choose an earlier start date" in result.stderr
    assert "internal error" not in result.stderr and not result.stdout


def test_a_start_date_too_early_is_a_usage_error() -> None:
    result = schedule("jobcoaching", "--start", "0001-01-01")
    assert result.exit_code == 2
    assert "before the year 1" in result.stderr


def test_a_recipe_that_runs_past_the_year_9999_is_an_error_in_the_recipe(tmp_path: Path) -> None:
    path = tmp_path / "eeuwig.mth"
    path.write_text(
        "recipe: Eeuwig\nduration: 60 min\nphase Kern (60 min)\ntrajectory\n  meetings: 12\n  every: 1000 jaar\n",
        encoding="utf-8",
    )
    assert run("check", path).exit_code == 0
    for args in (["schedule", path, "--start", "2027-01-11"], ["cards", path, "--start-date", "2027-01-11"]):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert f"{path}: error: recipe `Eeuwig` plans dates past the year 9999" in result.stderr
        assert "hint: check the cadence (`every:`)" in result.stderr


def test_meetings_and_every_past_the_year_9999_are_a_usage_error() -> None:
    result = schedule("progressiegericht", "--start", "2027-01-11", "--meetings", "500", "--every", "1000 years")
    assert result.exit_code == 2, result.output  # the recipe has no `every:`, so any cadence is the trainer's
    assert "500 meetings every 1000 years run past the year 9999" in flat(result.stderr)
    assert "choose a shorter --every or fewer --meetings" in flat(result.stderr)


@pytest.mark.parametrize("count", ["0", "501", str(10**12)])
def test_meetings_is_capped_at_500(count: str) -> None:
    result = schedule("progressiegericht", "--start", "2027-01-11", "--meetings", count)
    assert result.exit_code == 2
    assert "1<=x<=500" in result.stderr


def test_500_meetings_are_planned() -> None:
    result = schedule(
        "progressiegericht", "--start", "2027-01-11", "--meetings", "500", "--every", "1 week", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meetings_planned"] == 500


def test_the_cap_on_meetings_is_the_recipes() -> None:
    from methodengine.commands import schedule as command
    from methodengine.schedule import MAX_MEETINGS

    assert command.MAX_MEETINGS == MAX_MEETINGS


# ------------------------------------------------------------------ --series


def uids(*args: str) -> list[str]:
    result = schedule("jobcoaching", "--start", "2027-01-11", "--at", "10:00", "--format", "ics", *args)
    assert result.exit_code == 0, result.output
    return [str(e["UID"]) for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")]


def test_each_series_has_its_own_uids() -> None:
    plain, a, b = uids(), uids("--series", "groep-a"), uids("--series", "groep-b")
    assert len(set(a)) == len(a) == 12
    assert not set(a) & set(b) and not set(a) & set(plain) and not set(b) & set(plain)
    assert uids("--series", "groep-a", "--skip", "2027-02-01") == a


def test_the_same_series_twice_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    args = ["--start", "2027-01-11", "--at", "10:00", "--series", "groep-a", "--format", "ics"]
    assert schedule("jobcoaching", *args, "-o", first).exit_code == 0
    assert schedule("jobcoaching", *args, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_series_is_in_the_json_uids_too() -> None:
    result = schedule("jobcoaching", "--start", "2027-01-11", "--series", "groep-a", "--format", "json")
    assert [m["uid"] for m in json.loads(result.stdout)["meetings"]] == uids("--series", "groep-a")


def test_an_empty_series_is_a_usage_error() -> None:
    result = schedule("jobcoaching", "--start", "2027-01-11", "--series", " ")
    assert result.exit_code == 2
    assert "--series needs a name" in result.stderr


def test_help_explains_the_series() -> None:
    assert "Give each group its own series name so their calendars don't overwrite each other" in flat(
        run("schedule", "--help").stdout
    )
