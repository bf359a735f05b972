"""The model's parts as the JSON meeting plan writes them: plain dicts and lists, keys in a fixed order.

``docs/cards.md`` documents every key; the typed plan's ``to_data()``
methods and these functions are the only code that writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from methodengine.model import Anchor, Meeting, Period, Range, ScriptLine, Stage, Trajectory, When

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan


def span(value: Range) -> dict[str, int]:
    """A range as ``{"low": N, "high": N}``."""
    return {"low": value.low, "high": value.high}


def when_data(when: When | None) -> list[dict[str, Any]] | None:
    if when is None:
        return None
    return [{"kind": s.kind, "meetings": span(s.meetings) if s.meetings is not None else None} for s in when.selectors]


def script_data(script: Iterable[ScriptLine]) -> list[dict[str, str]]:
    return [{"kind": line.kind, "text": line.text} for line in script]


def stage_data(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.id,
        "title": stage.title,
        "meetings": span(stage.meetings),
        "focus": stage.focus,
        "summary": stage.summary,
    }


def period_data(period: Period | None) -> dict[str, Any] | None:
    return {"amount": span(period.amount), "unit": period.unit} if period else None


def _anchor(anchor: Anchor | None) -> dict[str, Any] | None:
    if anchor is None:
        return None
    return {"relation": anchor.relation, "meeting": anchor.meeting, "offset": period_data(anchor.offset)}


def _extra(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "minutes": span(meeting.timebox.duration.minutes) if meeting.timebox else None,
        "at": _anchor(meeting.at),
        "count": span(meeting.count),
        "every": period_data(meeting.every),
        "optional": meeting.optional,
        "summary": meeting.summary,
        "script": script_data(meeting.script),
    }


def trajectory_data(trajectory: Trajectory) -> dict[str, Any]:
    """A trajectory as the plan's ``trajectory`` key holds it."""
    return {
        "meetings": trajectory.meetings,
        "open": trajectory.open,
        "every": period_data(trajectory.every),
        "span": period_data(trajectory.span),
        "stages": [stage_data(s) for s in trajectory.stages],
        "extra_meetings": [_extra(m) for m in trajectory.extra_meetings],
    }


def dates_data(dated: DatedPlan) -> dict[str, Any]:
    """A dated plan as the plan's ``dates`` key holds it."""
    return {
        "start": dated.start.isoformat(),
        "every": period_data(dated.every),
        "every_source": dated.every_source,
        "skip": [d.isoformat() for d in dated.skip],
        "unused_skips": [d.isoformat() for d in dated.unused_skips],
        "meetings": [
            {
                "kind": m.kind,
                "number": m.number,
                "id": m.extra.id if m.extra else None,
                "title": m.title,
                "index": m.index,
                "of": m.of,
                "date": m.date.isoformat(),
                "weekday": m.date.isoweekday(),
                "optional": m.optional,
                "tentative": m.tentative,
                "moved_from": m.moved_from.isoformat() if m.moved_from else None,
            }
            for m in dated.meetings
        ],
        "unplaced": [
            {"id": u.meeting.id, "title": u.meeting.title, "reason": u.reason, "meeting": u.number}
            for u in dated.unplaced
        ],
    }
