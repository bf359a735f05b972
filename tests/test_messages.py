"""Messages a trainer can act on: every error has a hint, and the odd cases say what they mean."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import click
import pytest
from _cli import base_recipe
from _mutations import mutated
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import methodengine
from methodengine import RecipeError
from methodengine.cli import main
from methodengine.commands import _params
from methodengine.limits import MAX_SKIPS

icalendar = pytest.importorskip("icalendar")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "malformed"
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.mth")), ids=lambda p: p.name)
def test_check_prints_a_hint_under_every_error_of_the_malformed_corpus(path: Path) -> None:
    result = run("check", path)
    assert result.exit_code == 1
    blocks = re.split(rf"^{re.escape(str(path))}:", result.output, flags=re.M)[1:]  # not at a related place's line
    assert blocks
    for block in blocks:
        if ": error: " in block.split("\n")[0]:
            assert "\n  hint: " in block, block


@pytest.mark.parametrize(
    ("line", "message", "hint"),
    [
        ("group:a 6", "unexpected `a` in the value of `group`", "`group` takes a number or a range such as `4-7`"),
        ("phasenbrenger (10 min)", "`phasenbrenger` is `phase` glued to `nbrenger`", "put a space after `phase`"),
        ("phasenbrenger", "`phasenbrenger` is `phase` glued to `nbrenger`", "put a space after `phase`"),
        ("rolekt voorzitter: G", "`rolekt` is `role` glued to `kt`", "a role has one id before its colon"),
        ("rolekt: G", "unknown key `rolekt`", "header takes"),
        ("roundsx 2: R", "`roundsx` is `rounds` glued to `x`", "put a space after `rounds`"),
        ("trajectoryx", "`trajectoryx` is `trajectory` glued to `x`", "put a space after `trajectory`"),
    ],
)
def test_a_key_or_keyword_glued_to_what_follows_says_so(line: str, message: str, hint: str) -> None:
    with pytest.raises(RecipeError) as info:
        methodengine.parse(f"recipe: X\n{line}\n")
    assert message in info.value.message
    assert info.value.hint and hint in info.value.hint


def test_only_a_line_in_a_block_is_offered_the_text_key_of_nearly_the_same_name() -> None:
    # `groups:` is a phase's key: in the header, `group: a 6` means the group size, written wrong.
    with pytest.raises(RecipeError) as header:
        methodengine.parse("recipe: X\ngroup:a 6\n")
    assert header.value.hint and "groups" not in header.value.hint
    with pytest.raises(RecipeError) as phase:
        methodengine.parse("recipe: X\nphase A (5 min)\n  group: alleen\n")
    assert phase.value.hint and "did you mean `groups`?" in phase.value.hint


def test_a_space_after_the_keyword_still_reads_as_before() -> None:
    recipe = methodengine.parse("recipe: X\nphase nbrenger (10 min)\n")
    assert recipe.agenda[0].title == "nbrenger"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(RECIPES).flatmap(lambda path: mutated(path.read_text(encoding="utf-8"))))
def test_every_parse_error_of_a_mutated_recipe_has_a_hint(text: str) -> None:
    try:
        methodengine.parse(text)
    except RecipeError as exc:
        assert exc.hint, exc.message


# ---------------------------------------------------------------- schedule options


def test_year_zero_is_named_as_such() -> None:
    result = run("schedule", base_recipe("backstagegroep"), "--start", "0000-01-01")
    assert result.exit_code == 2
    assert "there is no year 0" in result.output
    assert "month" not in result.output


def test_too_many_skip_dates_are_a_usage_error() -> None:
    dates = ",".join((dt.date(2027, 1, 11) + dt.timedelta(weeks=i)).isoformat() for i in range(10_000))
    result = run("schedule", base_recipe("backstagegroep"), "--start", "2027-01-11", "--skip", dates)
    assert result.exit_code == 2
    assert f"at most {MAX_SKIPS}" in result.output


def test_a_year_of_skip_dates_is_taken() -> None:
    dates = ",".join((dt.date(2027, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(MAX_SKIPS))
    result = run("schedule", base_recipe("backstagegroep"), "--start", "2026-01-05", "--skip", dates)
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- .ics


def _read_text_property(data: bytes, name: str) -> str:
    """A property read back as icalendar reads a text: as a SUMMARY, unescaped."""
    calendar = icalendar.Calendar.from_ical(data)
    raw = calendar[name]
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{raw}\r\nEND:VEVENT\r\n")
    return str(event["SUMMARY"])


@pytest.mark.parametrize("title", ["A;b,c", "Reeks, deel 1; najaar\\2027", "Reeks\nnieuw", "Reeks\x1b]0;x\x07"])
def test_the_calendar_name_is_escaped_like_the_summary(title: str) -> None:
    from methodengine.output.schedule.ics import render_ics
    from methodengine.output.schedule.words import Words
    from methodengine.schedule import dated_plan

    recipe = methodengine.load(str(base_recipe("backstagegroep")))
    recipe = attrs.evolve(recipe, title=title)
    data = render_ics(dated_plan(recipe, dt.date(2027, 1, 11)), Words("nl"))
    assert b"\x1b" not in data and b"\x07" not in data  # RFC 5545 allows no control characters in a text
    expected = title.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert _read_text_property(data, "X-WR-CALNAME") == expected
    first = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(first["SUMMARY"]).startswith(expected + ": ")


def test_the_calendar_name_of_a_recipe_file_with_separators(tmp_path: Path) -> None:
    path = tmp_path / "r.mth"
    text = (base_recipe("backstagegroep")).read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(("recipe:", "recept:")))
    lines[index] = lines[index].partition(":")[0] + ": Backstage; najaar, groep 2"  # in the recipe's own keyword
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "r.ics"
    result = run("schedule", path, "--start", "2027-01-11", "--format", "ics", "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert b"X-WR-CALNAME:Backstage\\; najaar\\, groep 2\r\n" in data
    assert _read_text_property(data, "X-WR-CALNAME") == "Backstage; najaar, groep 2"


# ---------------------------------------------------------------- option values: commands/_params.py


def _option(type_: click.ParamType, **extra: object) -> click.Command:
    """A command taking one `--value` of ``type_`` and printing what it became, as the commands use them."""

    @click.command()
    @click.option("--value", type=type_, **extra)  # type: ignore[arg-type]
    def command(value: object) -> None:
        click.echo(repr(value))

    return command


def _given(type_: click.ParamType, *values: str, **extra: object):  # type: ignore[no-untyped-def]
    args = [part for value in values for part in ("--value", value)]
    return CliRunner().invoke(_option(type_, **extra), args)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2027-02-30", "`2027-02-30` is not a date: February 2027 has 28 days"),
        ("11-01-2027", "`11-01-2027` is not a date; write it as YYYY-MM-DD, for example 2027-01-11"),
        ("0000-01-01", "`0000-01-01` is not a date: there is no year 0"),
        ("2027-13-01", "`2027-13-01` is not a date: there is no month 13"),
    ],
)
def test_a_date_that_is_none_says_why_and_names_the_option(value: str, message: str) -> None:
    result = _given(_params.DATE, value)
    assert result.exit_code == 2
    assert f"Invalid value for '--value': {message}" in result.output


def test_a_date_clock_and_cadence_become_the_planners_values() -> None:
    assert _given(_params.DATE, " 2027-01-11 ").output == "datetime.date(2027, 1, 11)\n"
    assert _given(_params.CLOCK, "19.30").output == "datetime.time(19, 30)\n"
    assert _given(_params.CLOCK_MINUTES, "19:30").output == "1170\n"
    assert _given(_params.CADENCE, "3 weken").output == "Period(amount=Range(low=3, high=3), unit='week')\n"


@pytest.mark.parametrize(
    ("type_", "value", "message"),
    [
        (_params.CLOCK, "7 uur", "`7 uur` is not a time of day; write it as HH:MM, for example 19:30"),
        (_params.CLOCK, "24:00", "`24:00` is not a time of day; hours run 0-23 and minutes 0-59"),
        (_params.CADENCE, "drie weken", "`drie weken` is not a cadence; write a whole number and a unit"),
        (_params.CADENCE, "3 fortnights", "`fortnights` is not a unit of a cadence"),
        (_params.CADENCE, "0 weeks", "never moves on"),
    ],
)
def test_a_clock_time_or_cadence_that_is_none_says_why(type_: click.ParamType, value: str, message: str) -> None:
    result = _given(type_, value)
    assert result.exit_code == 2
    assert message in result.output


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from([":", "."]), st.booleans())
def test_every_clock_time_of_the_day_reads_as_its_minutes(hour: int, minute: int, sep: str, pad: bool) -> None:
    text = f"{hour:02d}{sep}{minute:02d}" if pad else f"{hour}{sep}{minute:02d}"
    assert _params.CLOCK_MINUTES.convert(text, None, None) == hour * 60 + minute


def test_repeated_skip_dates_are_sorted_once_each_and_bounded_by_the_limit() -> None:
    extra = {"multiple": True, "callback": _params.skip_dates}
    result = _given(_params.SKIP_DATES, "2027-03-01,2027-01-04", "2027-01-04", **extra)
    assert result.output == "(datetime.date(2027, 1, 4), datetime.date(2027, 3, 1))\n"
    assert _given(_params.SKIP_DATES, "2027-01-04,2027-02-31", **extra).exit_code == 2
    days = [(dt.date(2027, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(MAX_SKIPS + 1)]
    too_many = _given(_params.SKIP_DATES, ",".join(days[:200]), ",".join(days[200:]), **extra)
    assert too_many.exit_code == 2
    assert f"{MAX_SKIPS + 1} dates to skip; at most {MAX_SKIPS} are taken" in too_many.output


def test_card_kinds_take_plurals_singulars_and_any_case_in_the_decks_order() -> None:
    assert _given(_params.card_kinds(), "Roles, phase,roles").output == "('phases', 'roles')\n"
    assert "no card kind 'rolls'; did you mean `roles`?" in _given(_params.card_kinds(), "rolls").output
    assert _given(_params.card_kinds(), "rollen").output == "('roles',)\n"  # the Dutch name is taken
    assert "name at least one card kind: overview, phases" in _given(_params.card_kinds(), " , ").output


def test_a_name_choice_lists_the_names_known_when_the_value_is_read() -> None:
    registry = ["text", "md"]
    formats = _params.NameChoice(lambda: registry, "format", aliases={"markdown": "md"})
    registry.append("csv")  # a plugin's format, registered after the option was made
    assert _given(formats, "CSV").output == "'csv'\n"
    assert _given(formats, "markdown").output == "'md'\n"
    assert "no format 'pfd' (formats: text, md, csv)" in _given(formats, "pfd").output
