"""The `trajectory` block of a series: its fields, its stages and its extra meetings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from methodengine.errors import RecipeError
from methodengine.i18n import N_
from methodengine.language import values as _values
from methodengine.language.fields import gather
from methodengine.limits import MAX_MEETINGS
from methodengine.model import ONE, Meeting, Position, Stage, Trajectory

_COUNT = re.compile(r"[ \t]*(?:\d+|open)[ \t]*")
"""What follows `meeting` when the number of meetings was meant (`bijeenkomst 8`, `meetings open`)."""

if TYPE_CHECKING:
    from methodengine.language.builder import RecipeBuilder


def build_stage(b: RecipeBuilder, children: Sequence[Any]) -> Stage:
    head, *rest = children
    match = b.head(head, _values.STAGE_HEAD, "stage_line")
    meetings = _values.checked_range(
        _values.raw_range(match, head, b.path, head.value_column), _values.MEETING_NUMBER, least=1, most=MAX_MEETINGS
    )
    found = gather(rest, "a stage", b.path, b.report)
    return Stage(
        title=match["title"].strip(),
        meetings=meetings,
        id=found.get("id"),
        focus=found.get("focus"),
        summary=found.get("summary"),
        position=Position(b.path, head.number, head.column),
        extra=found.extra,
    )


def build_meeting(b: RecipeBuilder, children: Sequence[Any]) -> Meeting:
    head, *rest = children
    try:
        match = b.head(head, _values.MEETING_HEAD, "meeting_line")
    except RecipeError:
        if _COUNT.fullmatch(head.value):
            # `bijeenkomst 8` for `bijeenkomsten: 8`: the trajectory's number of meetings, written but unread.
            b.unread_meetings = Position(b.path, head.number, head.column)
        raise
    timebox = _values.timebox(match, head, b.path, head.value_column) if match["duration"] is not None else None
    found = gather(rest, "a meeting", b.path, b.report)
    count = ONE
    if "count" in found:
        count = b.attempt(lambda: _values.positive(found["count"], N_("a number of meetings"), MAX_MEETINGS)) or ONE
    return Meeting(
        id=match["id"],
        title=match["title"].strip(),
        timebox=timebox,
        at=found.get("at"),
        count=count,
        every=found.get("every"),
        optional=found.get("optional", False),
        summary=found.get("summary"),
        script=tuple(found.script),
        position=Position(b.path, head.number, head.column),
        extra=found.extra,
    )


def build_trajectory(b: RecipeBuilder, children: Sequence[Any]) -> Trajectory:
    head, *rest = children
    b.head(head, _values.TRAJECTORY_HEAD, "trajectory_line")
    found = gather(rest, "a trajectory", b.path, b.report)
    positions = found.positions()
    if b.unread_meetings is not None and "meetings" not in positions:
        positions["meetings"] = b.unread_meetings  # written, though wrongly and reported: not missing
    b.unread_meetings = None
    count = found.get("meetings")
    return Trajectory(
        meetings=count.value if count is not None else None,
        open=count is not None and count.value is None,
        every=found.get("every"),
        span=found.get("span"),
        stages=tuple(item for item in rest if isinstance(item, Stage)),
        extra_meetings=tuple(item for item in rest if isinstance(item, Meeting)),
        position=Position(b.path, head.number, head.column),
        field_positions=positions,
        extra=found.extra,
    )
