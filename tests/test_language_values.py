"""The builder's quick readers accept exactly what lines.lark accepts: no line is read that the grammar refuses.

A value is read with an anchored regex; only a line the regex refuses is
parsed with lark's line grammar, to say where it goes wrong. So the two must
agree on every line, which hypothesis checks on lines made of the tokens the
language uses, run together or apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput

from methodengine.errors import RecipeError
from methodengine.language import values
from methodengine.language.lexer import Line
from methodengine.language.parser import line_parser

PIECES = [
    "1", "10", "2,5", "1.5", "007", "-", ",", "(", ")", ":", "min", "h", "uur", "weeks", "maanden", "mi", "per",
    "a", "voorzitter", "x-y", "Voor", "meeting", "meetings", "from", "until", "first", "last", "before", "after",
    "everyone", "open", "yes", "ja", "no", "Titel", "ë",
    # the Dutch words of values (keys.WORDS), half hours and abbreviations with a full stop
    "bijeenkomst", "bijeenkomsten", "gesprek", "gesprekken", "vanaf", "tot", "en", "met", "eerste", "laatste",
    "voor", "vóór", "na", "iedereen", "nee", "½", "1½", "anderhalf", "min.", "u.", "mnd.", ".",
    "¼", "2¾", "een", "één", "half", "een half", "kwartier", "om", "de", "the", "om de",
]  # fmt: skip
GAPS = ["", " ", "\t", "  "]


@st.composite
def line_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES), max_size=7))
    return "".join(draw(st.sampled_from(GAPS)) + part for part in parts) + draw(st.sampled_from(GAPS))


class _Refused(Exception):  # noqa: N818 (a signal, not an error)
    pass


def _reader_accepts(read: Callable[[Line, None], object], line: Line, monkeypatch: pytest.MonkeyPatch) -> bool:
    def refuse(*args: object) -> RecipeError:
        raise _Refused

    monkeypatch.setattr(values, "refused", refuse)
    try:
        read(line, None)
    except _Refused:
        return False
    except RecipeError:
        return True  # read, and found impossible (a range 7-4): the grammar's part is done
    return True


FIELDS: dict[str, Callable[[str], bool] | str] = {
    "group": lambda v: values.RANGE.fullmatch(v) is not None,
    "duration": lambda v: values.DURATION.fullmatch(v) is not None,
    "every": lambda v: values.PERIOD.fullmatch(v) is not None,
    "optional": lambda v: values.BOOL.fullmatch(v) is not None,
    "id": lambda v: values.ID.fullmatch(v) is not None,
    "meetings": lambda v: values.MEETING_COUNT.fullmatch(v) is not None,
    "at": lambda v: values.AT.fullmatch(v) is not None,
    "speak": "roles",
    "when": "when",
}
HEADS = {
    "phase": (values.PHASE_HEAD, "phase_line"),
    "checkpoint": (values.PHASE_HEAD, "checkpoint_line"),
    "role": (values.ROLE_HEAD, "role_line"),
    "rounds": (values.ROUNDS_HEAD, "rounds_line"),
    "stage": (values.STAGE_HEAD, "stage_line"),
    "meeting": (values.MEETING_HEAD, "meeting_line"),
    "trajectory": (values.TRAJECTORY_HEAD, "trajectory_line"),
}


def _grammar_accepts(text: str, start: str) -> bool:
    try:
        line_parser().parse(text + "\n", start=start)
    except UnexpectedInput:
        return False
    return True


@pytest.mark.parametrize("key", sorted(FIELDS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=line_text())
def test_a_value_is_read_quickly_exactly_when_the_grammar_takes_it(
    key: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = FIELDS[key]
    line = Line("FIELD", 1, 1, f"{key}:{value}", key, value, len(key) + 2)
    if check == "roles":
        quick = _reader_accepts(values.role_ids, line, monkeypatch)
    elif check == "when":
        quick = _reader_accepts(values.selectors, line, monkeypatch)
    else:
        quick = check(value)  # type: ignore[operator]
    assert quick == _grammar_accepts(f"{key}:{value}", "field_line")


@pytest.mark.parametrize("keyword", sorted(HEADS))
@settings(max_examples=300, deadline=None)
@given(value=line_text())
def test_a_block_line_is_read_quickly_exactly_when_the_grammar_takes_it(keyword: str, value: str) -> None:
    pattern, start = HEADS[keyword]
    value = " " + value  # a keyword glued to what follows is another message, tested with the messages
    quick = pattern.fullmatch(value) is not None
    assert quick == _grammar_accepts(keyword + value, start), re.escape(keyword + value)


@pytest.mark.parametrize(
    ("line", "message", "column"),
    [
        ("duration: 90 minut)s", "unknown unit `minut`", 14),
        ("phase A (10 mi", "unknown unit `mi`", 13),
        ("phase A (10 weeks", "`weeks` is a calendar unit", 13),
    ],
)
def test_a_wrong_unit_is_named_before_what_follows_it(line: str, message: str, column: int) -> None:
    import methodengine

    with pytest.raises(RecipeError) as info:
        methodengine.parse(f"recipe: X\n{line}\n")
    assert info.value.message.startswith(message)
    assert info.value.position is not None and (info.value.position.line, info.value.position.column) == (2, column)
