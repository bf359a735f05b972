"""Stage 3, resolved recipe to plans: one meeting's timed plan, and the dated plan of a series.

Entry points: :func:`~methodengine.planning.planner.plan_meeting` (one
meeting as a typed :class:`~methodengine.planning.meeting_plan.MeetingPlan`:
every phase's time window, who does what) and
:func:`~methodengine.planning.dated_plan.dated_plan` (the dates of a
trajectory's meetings). Beside them: :mod:`~.timing` (the arithmetic over
``Recipe.walk``), :mod:`~.occurrences` (when each phase runs in one meeting),
:mod:`~.plan_data` (the plan's parts as JSON data), :mod:`~.options` (the
trainer's choices) and :mod:`~.card_kinds`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan
    from methodengine.planning.meeting_plan import MeetingPlan
    from methodengine.planning.options import CardOptions
    from methodengine.planning.planner import plan_meeting

_LAZY = {
    "CardOptions": "methodengine.planning.options",
    "DatedPlan": "methodengine.planning.dated_plan",
    "MeetingPlan": "methodengine.planning.meeting_plan",
    "plan_meeting": "methodengine.planning.planner",
}


def __getattr__(name: str) -> Any:
    # PEP 562: `cards --help` imports the card kinds from this package; the planner loads when first asked for.
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'methodengine.planning' has no attribute {name!r}")


__all__ = ["CardOptions", "DatedPlan", "MeetingPlan", "plan_meeting"]
# Not dated_plan: it is also the name of the submodule, which the package's attribute becomes once
# imported. Take the function from methodengine, or from methodengine.planning.dated_plan.
