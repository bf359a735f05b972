"""Deprecated home of the dated plan; kept for plugins for one release.

Use :mod:`methodengine.planning.dated_plan` instead.
"""

from __future__ import annotations

from methodengine.planning.dated_plan import (
    MAX_MEETINGS,
    AgendaLine,
    DatedPlan,
    PlannedMeeting,
    Run,
    ScheduleError,
    Unplaced,
    dated_plan,
    parse_date,
    parse_dates,
    parse_period,
    parse_time,
)

__all__ = [
    "MAX_MEETINGS",
    "AgendaLine",
    "DatedPlan",
    "PlannedMeeting",
    "Run",
    "ScheduleError",
    "Unplaced",
    "dated_plan",
    "parse_date",
    "parse_dates",
    "parse_period",
    "parse_time",
]
