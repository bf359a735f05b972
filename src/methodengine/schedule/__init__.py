"""Dated plans of a trajectory: ``methodengine schedule``, and the dates on the cards.

``dated_plan()`` dates the meetings; ``render`` writes the plan as text,
Markdown or JSON, and ``ics`` as an iCalendar file.

Example::

    import datetime
    from methodengine import load, resolve
    from methodengine.schedule import dated_plan

    recipe = resolve(load("recipes/backstagegroep.mth")).recipe
    plan = dated_plan(recipe, datetime.date(2027, 1, 11), at=datetime.time(19, 0))
    for meeting in plan.series:
        print(meeting.number, meeting.date)
"""

from __future__ import annotations

from methodengine.schedule.plan import (
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
