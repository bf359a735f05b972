"""methodengine: check session-method recipes and print facilitator cards.

The public API, for scripts and for plugins. Importing it loads neither the
parser nor any plugin; both are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from methodengine._version import __version__

if TYPE_CHECKING:
    from methodengine.checking.resolution import Resolved, check, resolve
    from methodengine.diagnostics import Diagnostic, Related, Severity, error, render, warning
    from methodengine.errors import (
        MethodengineError,
        PlanError,
        RecipeCheckError,
        RecipeEncodingError,
        RecipeError,
        RecipeSyntaxError,
        RecipeValueError,
        UsageError,
    )
    from methodengine.hooks.contract import Method, OutputFormat, OutputRequest, Rule, rule
    from methodengine.hooks.manager import Plugins, load_plugins
    from methodengine.hooks.specs import hookimpl
    from methodengine.i18n import message_language, use_language
    from methodengine.language.parsing import load, parse, parse_with_diagnostics
    from methodengine.model import (
        EVERYONE,
        Anchor,
        Checkpoint,
        Duration,
        Meeting,
        Period,
        Phase,
        Position,
        Range,
        Recipe,
        Role,
        RoleRef,
        Rounds,
        ScriptLine,
        Selector,
        Stage,
        Step,
        TimeBox,
        Trajectory,
        When,
        runs_in,
    )
    from methodengine.planning.dated_plan import DatedPlan, dated_plan
    from methodengine.planning.meeting_plan import MeetingPlan, plan_meeting
    from methodengine.planning.options import CardOptions
    from methodengine.planning.timing import planned_minutes, role_counts

# Each public name loads its module on first use (PEP 562), so that `methodengine --version`,
# `--help` and a plugin's import of `hookimpl` pay only for what they touch.
_WHERE = {
    "Anchor": "methodengine.model",
    "CardOptions": "methodengine.planning.options",
    "Checkpoint": "methodengine.model",
    "DatedPlan": "methodengine.planning.dated_plan",
    "Diagnostic": "methodengine.diagnostics",
    "Duration": "methodengine.model",
    "EVERYONE": "methodengine.model",
    "Meeting": "methodengine.model",
    "MeetingPlan": "methodengine.planning.meeting_plan",
    "Method": "methodengine.hooks.contract",
    "MethodengineError": "methodengine.errors",
    "OutputFormat": "methodengine.hooks.contract",
    "OutputRequest": "methodengine.hooks.contract",
    "Period": "methodengine.model",
    "Phase": "methodengine.model",
    "PlanError": "methodengine.errors",
    "Plugins": "methodengine.hooks.manager",
    "Position": "methodengine.model",
    "Range": "methodengine.model",
    "Recipe": "methodengine.model",
    "RecipeCheckError": "methodengine.errors",
    "RecipeEncodingError": "methodengine.errors",
    "RecipeError": "methodengine.errors",
    "RecipeSyntaxError": "methodengine.errors",
    "RecipeValueError": "methodengine.errors",
    "Related": "methodengine.diagnostics",
    "Resolved": "methodengine.checking.resolution",
    "Role": "methodengine.model",
    "RoleRef": "methodengine.model",
    "Rounds": "methodengine.model",
    "Rule": "methodengine.hooks.contract",
    "ScriptLine": "methodengine.model",
    "Selector": "methodengine.model",
    "Severity": "methodengine.diagnostics",
    "Stage": "methodengine.model",
    "Step": "methodengine.model",
    "TimeBox": "methodengine.model",
    "Trajectory": "methodengine.model",
    "UsageError": "methodengine.errors",
    "When": "methodengine.model",
    "check": "methodengine.checking.resolution",
    "dated_plan": "methodengine.planning.dated_plan",
    "error": "methodengine.diagnostics",
    "hookimpl": "methodengine.hooks.specs",
    "load": "methodengine.language.parsing",
    "load_plugins": "methodengine.hooks.manager",
    "message_language": "methodengine.i18n",
    "parse": "methodengine.language.parsing",
    "parse_with_diagnostics": "methodengine.language.parsing",
    "plan_meeting": "methodengine.planning.meeting_plan",
    "planned_minutes": "methodengine.planning.timing",
    "render": "methodengine.diagnostics",
    "resolve": "methodengine.checking.resolution",
    "role_counts": "methodengine.planning.timing",
    "rule": "methodengine.hooks.contract",
    "runs_in": "methodengine.model",
    "use_language": "methodengine.i18n",
    "warning": "methodengine.diagnostics",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'methodengine' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "EVERYONE",
    "Anchor",
    "CardOptions",
    "Checkpoint",
    "DatedPlan",
    "Diagnostic",
    "Duration",
    "Meeting",
    "MeetingPlan",
    "Method",
    "MethodengineError",
    "OutputFormat",
    "OutputRequest",
    "Period",
    "Phase",
    "PlanError",
    "Plugins",
    "Position",
    "Range",
    "Recipe",
    "RecipeCheckError",
    "RecipeEncodingError",
    "RecipeError",
    "RecipeSyntaxError",
    "RecipeValueError",
    "Related",
    "Resolved",
    "Role",
    "RoleRef",
    "Rounds",
    "Rule",
    "ScriptLine",
    "Selector",
    "Severity",
    "Stage",
    "Step",
    "TimeBox",
    "Trajectory",
    "UsageError",
    "When",
    "check",
    "dated_plan",
    "error",
    "hookimpl",
    "load",
    "load_plugins",
    "message_language",
    "parse",
    "parse_with_diagnostics",
    "plan_meeting",
    "planned_minutes",
    "render",
    "resolve",
    "role_counts",
    "rule",
    "runs_in",
    "use_language",
    "warning",
    "__version__",
]
