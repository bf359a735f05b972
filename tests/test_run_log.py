"""The run log: what `methodengine run --log FILE` writes, and what `schedule --log` reads back.

A facilitator relies on it to keep the actual times of a meeting: written
whole, read back as written, refused with a clear message when it is not a
log, and summarised for people in the meeting's language.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from methodengine.i18n import use_language
from methodengine.run.log import (
    SCHEMA,
    SUMMARY_MARK,
    CatchUp,
    Decision,
    LogError,
    PhaseRecord,
    RoundsRecord,
    RunLog,
    SkippedPhase,
    TurnRecord,
    check_log_target,
    read_log,
    summary_markdown,
    write_log,
)

START = dt.datetime(2027, 1, 11, 19, 0)


def _at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def a_log(**changes: object) -> RunLog:
    """Meeting 2 of the incident method: begun 7 minutes late, one phase over, a catch-up, turns, a stop."""
    log = RunLog(
        recipe_path="plugins/methodengine_methods/incident.mth",
        recipe_title="Incidentmethode",
        method="incident",
        language="nl",
        meeting=2,
        meetings_of=6,
        group=5,
        planned_start=START,
        start=_at(7.2),
        planned_end=_at(90),
        end=_at(101.5),
        finished=True,
        phases=(
            PhaseRecord(1, "terugkoppeling", "Terugkoppeling", None, START, 10, 10, _at(7.2), _at(21.7), 14.5),
            PhaseRecord(
                9,
                "advies",
                "Standpunten *uitwisselen* <b>",
                None,
                _at(55),
                15,
                12.5,
                _at(62),
                _at(75),
                13,
                turns=(
                    TurnRecord(1, 5, _at(62), _at(64.5), 2.5),
                    TurnRecord(2, 5, _at(64.5), _at(67.6), 3.1),
                ),
            ),
        ),
        skipped=(SkippedPhase(4, "vragen", "Vragen opschrijven", None, "skipped"),),
        rounds=(RoundsRecord("r", "Rondes", 2, 1),),
        decisions=(Decision(12, "coach", "Coach", "stop", _at(100)),),
        catch_ups=(CatchUp(_at(40), ((9, 12.5), (10, 4))),),
    )
    return attrs.evolve(log, **changes)


def test_a_log_reads_back_as_it_was_written(tmp_path: Path) -> None:
    path = tmp_path / "bijeenkomst-2.json"
    summary = write_log(a_log(), path)
    assert read_log(path) == a_log()
    assert summary == tmp_path / "bijeenkomst-2.json.md"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and data["version"] == 1
    assert data["start"] == "2027-01-11T19:07:12"
    assert data["phases"][0]["minutes"] == 14.5 and data["phases"][0]["planned_minutes"] == 10


def test_the_log_says_a_stop_when_any_deciding_role_said_stop() -> None:
    go_on = Decision(12, "coachee", "Cliënt", "continue", _at(99))
    assert a_log(decisions=(go_on, *a_log().decisions)).stopped
    assert not a_log(decisions=(go_on,)).stopped
    assert not a_log(decisions=()).stopped


def test_the_summary_is_in_dutch_for_a_dutch_meeting_whatever_the_message_language() -> None:
    with use_language("en"):
        text = summary_markdown(a_log(), "bijeenkomst-2.json")
    assert text.startswith(SUMMARY_MARK + "\n")
    assert "# Incidentmethode: bijeenkomst 2 van 6" in text
    assert "Maandag 11 januari 2027." in text
    assert "Gepland begin 19:00, werkelijk begin 19:07 (7 min later)." in text
    assert "gepland einde 20:30 (12 min uitgelopen)" in text
    assert "| Terugkoppeling | 19:00 | 19:07 | 10 | 10 | 14,5 |" in text
    assert "beurt 2 van 5: 3:06" in text
    assert "- Vragen opschrijven: overgeslagen" in text
    assert "- Coach: stopt" in text and "De reeks stopt hier." in text


def test_the_summary_is_in_english_for_an_english_meeting() -> None:
    with use_language("nl"):
        text = summary_markdown(a_log(language="en", finished=False))
    assert "# Incidentmethode: meeting 2 of 6" in text
    assert "Monday 11 January 2027." in text
    assert "| Terugkoppeling | 19:00 | 19:07 | 10 | 10 | 14.5 |" in text
    assert "The meeting was ended before its last phase." in text


def test_recipe_text_in_the_summary_is_escaped_for_markdown() -> None:
    text = summary_markdown(a_log())
    assert r"Standpunten \*uitwisselen\* \<b\>" in text
    assert "<b>" not in text and "*uitwisselen*" not in text


def test_a_log_that_is_not_json_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text('{\n  "schema": "methodengine-run-log",\n  "version": 1,,\n}\n', encoding="utf-8")
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert caught.value.exit_code == 2
    assert caught.value.position is not None and (caught.value.position.line, caught.value.position.column) == (3, 16)
    shown = str(caught.value)
    assert f"{path}:3:16: error: the log is not valid JSON" in shown
    assert '"version": 1,,' in shown and "^" in shown


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.pop("end"), "the field `end` is missing (at `end`)"),
        (lambda d: d["phases"][1].update(start="om zeven uur"), "(at `phases[1].start`)"),
        (lambda d: d["decisions"][0].update(decision="misschien"), "one of `continue`, `stop` is expected"),
        (lambda d: d.update(schema="methodengine-cards-plan"), "not a run log of methodengine"),
        (lambda d: d.update(version=2), "log version 2 is newer than this methodengine reads"),
    ],
)
def test_a_log_with_a_wrong_field_says_which(tmp_path: Path, change, said: str) -> None:
    data = a_log().to_data()
    change(data)
    path = tmp_path / "log.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with use_language("en"), pytest.raises(LogError) as caught:
        read_log(path)
    assert said in caught.value.message
    assert caught.value.hint and "methodengine run --log" in caught.value.hint


def test_a_log_that_cannot_be_read_is_a_usage_error_in_dutch(tmp_path: Path) -> None:
    with use_language("nl"), pytest.raises(LogError) as caught:
        read_log(tmp_path / "bestaat-niet.json")
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith("kan het verslag ")


def test_a_summary_the_tool_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    notes = tmp_path / "log.json.md"
    notes.write_text("# mijn eigen aantekeningen\n", encoding="utf-8")
    with pytest.raises(click.UsageError, match="is not a run log summary"):
        check_log_target(path)
    with pytest.raises(click.UsageError):
        write_log(a_log(), path)
    assert notes.read_text(encoding="utf-8") == "# mijn eigen aantekeningen\n"
    assert not path.exists()


def test_a_log_is_written_again_over_itself_during_its_meeting(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    write_log(a_log(finished=False), path)
    write_log(a_log(), path)  # the app writes the log so far at every phase
    assert read_log(path).finished
    assert {p.name for p in tmp_path.iterdir()} == {"log.json", "log.json.md"}  # no temporary file left


def test_a_new_meeting_never_replaces_the_log_of_one_held(tmp_path: Path) -> None:
    path = tmp_path / "bijeenkomst-2.json"
    write_log(a_log(), path)
    before = path.read_bytes()
    with use_language("en"), pytest.raises(click.UsageError) as caught:
        check_log_target(path)
    said = caught.value.message
    assert "is the log of meeting 2 of `Incidentmethode`, held on 2027-01-11" in said and "move it away" in said
    assert path.read_bytes() == before


def test_a_log_file_that_exists_and_is_no_log_is_refused_before_the_meeting(tmp_path: Path) -> None:
    keep = tmp_path / "keep.mth"
    keep.write_text("recipe: Mijn recept\n", encoding="utf-8")
    with use_language("nl"), pytest.raises(click.UsageError, match="bestaat al en is geen verslag"):
        check_log_target(keep)
    assert keep.read_text(encoding="utf-8") == "recipe: Mijn recept\n"


def test_the_log_may_not_be_the_recipe(tmp_path: Path) -> None:
    recipe = tmp_path / "r.mth"
    recipe.write_text("recipe: R\n", encoding="utf-8")
    with pytest.raises(click.UsageError, match="is the recipe being read"):
        check_log_target(recipe, recipe)


# ------------------------------------------------------------------ any log reads back as written

_moments = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)
_minutes = st.integers(0, 10**6).map(lambda n: n / 100)  # what the log keeps: two decimals
_text = st.text(max_size=30)
_round = st.none() | st.integers(1, 9)


def _phases() -> st.SearchStrategy[PhaseRecord]:
    turns = st.builds(TurnRecord, st.integers(1, 9), st.integers(1, 9), _moments, _moments, _minutes)
    return st.builds(
        PhaseRecord,
        st.integers(1, 100),
        _text,
        _text,
        _round,
        _moments,
        _minutes,
        _minutes,
        _moments,
        _moments,
        _minutes,
        st.lists(turns, max_size=3).map(tuple),
    )


_logs = st.builds(
    RunLog,
    recipe_path=_text,
    recipe_title=_text,
    method=st.none() | _text,
    language=st.sampled_from(["nl", "en"]),
    meeting=st.none() | st.integers(1, 500),
    meetings_of=st.none() | st.integers(1, 500),
    group=st.none() | st.integers(1, 100),
    planned_start=_moments,
    start=_moments,
    planned_end=st.none() | _moments,
    end=_moments,
    finished=st.booleans(),
    phases=st.lists(_phases(), max_size=4).map(tuple),
    skipped=st.lists(
        st.builds(
            SkippedPhase,
            st.integers(1, 100),
            _text,
            _text,
            _round,
            st.sampled_from(["skipped", "rounds-skipped", "not-reached", "no-turns"]),
        ),
        max_size=3,
    ).map(tuple),
    rounds=st.lists(st.builds(RoundsRecord, _text, _text, st.integers(0, 9), st.integers(0, 9)), max_size=2).map(tuple),
    decisions=st.lists(
        st.builds(Decision, st.integers(1, 100), _text, _text, st.sampled_from(["continue", "stop"]), _moments),
        max_size=3,
    ).map(tuple),
    catch_ups=st.lists(
        st.builds(CatchUp, _moments, st.lists(st.tuples(st.integers(1, 100), _minutes), max_size=3).map(tuple)),
        max_size=2,
    ).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(_logs)
def test_any_log_reads_back_from_its_json_as_it_was(log: RunLog) -> None:
    text = json.dumps(log.to_data(), ensure_ascii=False)
    assert RunLog.from_data(json.loads(text)) == log
    summary = summary_markdown(log)  # and its summary is made, whatever the recipe's text
    assert summary.startswith(SUMMARY_MARK)
