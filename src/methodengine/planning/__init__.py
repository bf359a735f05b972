"""Stage 3, resolved recipe to plans: one meeting's timed plan, and the dated plan of a series.

Entry points: :func:`~methodengine.planning.meeting_plan.plan_meeting` (one
meeting as a typed :class:`~methodengine.planning.meeting_plan.MeetingPlan`:
every phase's time window, who does what) and
:func:`~methodengine.planning.dated_plan.dated_plan` (the dates of a
trajectory's meetings). Beside them: :mod:`~.timing` (the arithmetic over
``Recipe.walk``), :mod:`~.occurrences` (when each phase runs in one meeting),
:mod:`~.options` (the trainer's choices) and :mod:`~.card_kinds`.
"""
