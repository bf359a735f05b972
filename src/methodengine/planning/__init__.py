"""Stage 3, resolved recipe to plans: one meeting's timed plan, and the dated plan of a series.

Entry points: :func:`~methodengine.planning.meeting_plan.build_plan` (one
meeting: every phase's time window, who does what) and
:func:`~methodengine.planning.dated_plan.dated_plan` (the dates of a
trajectory's meetings); :mod:`~methodengine.planning.timing` holds the
arithmetic both use.
"""
