"""Fuzz: every command and output format, on mutated bundled recipes, ends as the CLI promises.

Whatever the recipe holds, a command exits 0, 1 (recipe errors) or 2 (usage errors), never with a
traceback or an internal error; what it prints on success is valid in its format; and no control
character from the recipe reaches a terminal raw. Hypothesis bounds the examples, and each run is
timed, so that a mutation that makes a command run away fails here rather than at a trainer's desk.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import icalendar
import pytest
from _cli import runner
from _mutations import RECIPES, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methodengine.cli import main

# What each command is run with; the recipe file is appended.
COMMANDS = [
    ("check", "text", ["check"]),
    ("check", "short", ["check", "--format", "short"]),
    ("check", "json", ["check", "--format", "json"]),
    ("cards", "text", ["cards"]),
    ("cards", "md", ["cards", "--format", "md", "--start", "19:00"]),
    ("cards", "html", ["cards", "--format", "html", "--paper", "a5"]),
    ("cards", "json", ["cards", "--format", "json", "--group", "6"]),
    ("schedule", "text", ["schedule", "--start", "2027-01-11"]),
    ("schedule", "md", ["schedule", "--start", "2027-01-11", "--format", "md", "--lang", "en"]),
    ("schedule", "json", ["schedule", "--start", "2027-01-11", "--format", "json", "--at", "13:30"]),
    ("schedule", "ics", ["schedule", "--start", "2027-01-11", "--format", "ics"]),
]
PDF = ("cards", "pdf", ["cards", "--format", "pdf", "--paper", "a6"])

# Control characters a terminal acts on: C0 but tab and newline, DEL, C1.
_CONTROLS = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\t", "\n"}
# Seconds any one command may take on a mutated recipe of the bundled size.
_SECONDS = 20


def _run(args: list[str], text: str) -> tuple[int, bytes, str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.mth"
        path.write_text(text, encoding="utf-8")
        began = time.monotonic()
        result = runner().invoke(main, [*args, str(path)], catch_exceptions=True)
        took = time.monotonic() - began
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {type(result.exception).__name__}: {result.exception}") from result.exception
    return result.exit_code, result.stdout_bytes, result.stderr, took


def _assert_kept_promises(command: str, fmt: str, args: list[str], text: str) -> None:
    code, out, err, took = _run(args, text)
    assert code in (0, 1, 2), f"{args} exited {code}: {err[-500:]}"
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
    assert took < _SECONDS, f"{args} took {took:.1f} s"
    raw = sorted(_CONTROLS & set(err))
    assert not raw, f"{args}: raw control characters {raw!r} on stderr"
    if code == 1:
        assert "error" in err + out.decode("utf-8", "replace")
    # `check` reports on standard output whatever it finds; the others print only when all is well.
    if code == 2 or (code == 1 and command != "check"):
        return
    if fmt == "json":
        json.loads(out)
    elif fmt == "ics":
        calendar = icalendar.Calendar.from_ical(out)
        assert calendar.walk("VEVENT"), "a calendar without events"
    elif fmt == "pdf":
        assert out.startswith(b"%PDF-") and out.rstrip().endswith(b"%%EOF")
    elif fmt == "html":
        assert b"<html" in out and b"\x1b" not in out
    else:  # text and Markdown go to a terminal
        shown = out.decode("utf-8")
        raw = sorted(_CONTROLS & set(shown))
        assert not raw, f"{args}: raw control characters {raw!r} on stdout"


@pytest.mark.parametrize("path", RECIPES, ids=[p.name for p in RECIPES])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_command_and_format_keeps_its_promises_on_mutated_recipes(path: Path, data: st.DataObject) -> None:
    text = data.draw(mutated(path.read_text(encoding="utf-8")), label="recipe")
    command, fmt, args = data.draw(st.sampled_from(COMMANDS), label="command")
    _assert_kept_promises(command, fmt, args, text)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pdf_cards_keep_their_promises_on_mutated_recipes(data: st.DataObject) -> None:
    pytest.importorskip("weasyprint")
    path = data.draw(st.sampled_from(RECIPES), label="path")
    text = data.draw(mutated(path.read_text(encoding="utf-8")), label="recipe")
    _assert_kept_promises(*PDF, text)


# Every option value the ParamTypes of commands/_params.py read, as a trainer might mistype it.
_OPTION_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A[0-9]{1,5}[-:. ]?[0-9]{0,3}[-:. ]?[0-9]{0,3}\Z"),
    st.from_regex(r"\A[0-9]{0,4} ?(week|weken|maand|month|dag|days|jaar|x)?\Z"),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["DATE", "CLOCK", "CLOCK_MINUTES", "CADENCE", "SKIP_DATES", "kinds"]), _OPTION_TEXT)
def test_any_option_value_is_taken_or_a_usage_error_that_names_the_option(kind: str, text: str) -> None:
    import click

    from methodengine.commands import _params

    types = {"kinds": _params.card_kinds()}
    param_type = types.get(kind) or getattr(_params, kind)

    @click.command()
    @click.option("--value", type=param_type)
    def command(value: object) -> None:
        click.echo("taken")

    result = runner().invoke(command, ["--value", text], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{kind} {text!r}: {type(result.exception).__name__}: {result.exception}")
    assert result.exit_code in (0, 2), (kind, text, result.output)
    if result.exit_code == 2:
        assert "Invalid value for '--value': " in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
