"""methodengine: check session-method recipes and print facilitator cards.

The public API, for scripts and for plugins. Importing it loads neither the
parser nor any plugin; both are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from methodengine._version import __version__

if TYPE_CHECKING:
    from methodengine.diagnostics import Diagnostic, Severity, error, render, warning
    from methodengine.errors import RecipeEncodingError, RecipeError, RecipeSyntaxError, RecipeValueError
    from methodengine.hookspecs import hookimpl
    from methodengine.methods import Method, OutputFormat, OutputRequest, Rule, rule
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
        TimeBox,
        Trajectory,
        When,
    )
    from methodengine.parsing import load, parse
    from methodengine.plugins import Plugins, load_plugins
    from methodengine.resolution import Resolved, check, resolve
    from methodengine.timing import planned_minutes, role_counts

# Each public name loads its module on first use (PEP 562), so that `methodengine --version`,
# `--help` and a plugin's import of `hookimpl` pay only for what they touch.
_WHERE = {
    "Anchor": "methodengine.model",
    "Checkpoint": "methodengine.model",
    "Diagnostic": "methodengine.diagnostics",
    "Duration": "methodengine.model",
    "EVERYONE": "methodengine.model",
    "Meeting": "methodengine.model",
    "Method": "methodengine.methods",
    "OutputFormat": "methodengine.methods",
    "OutputRequest": "methodengine.methods",
    "Period": "methodengine.model",
    "Phase": "methodengine.model",
    "Plugins": "methodengine.plugins",
    "Position": "methodengine.model",
    "Range": "methodengine.model",
    "Recipe": "methodengine.model",
    "RecipeEncodingError": "methodengine.errors",
    "RecipeError": "methodengine.errors",
    "RecipeSyntaxError": "methodengine.errors",
    "RecipeValueError": "methodengine.errors",
    "Resolved": "methodengine.resolution",
    "Role": "methodengine.model",
    "RoleRef": "methodengine.model",
    "Rounds": "methodengine.model",
    "Rule": "methodengine.methods",
    "ScriptLine": "methodengine.model",
    "Selector": "methodengine.model",
    "Severity": "methodengine.diagnostics",
    "Stage": "methodengine.model",
    "TimeBox": "methodengine.model",
    "Trajectory": "methodengine.model",
    "When": "methodengine.model",
    "check": "methodengine.resolution",
    "error": "methodengine.diagnostics",
    "hookimpl": "methodengine.hookspecs",
    "load": "methodengine.parsing",
    "load_plugins": "methodengine.plugins",
    "parse": "methodengine.parsing",
    "planned_minutes": "methodengine.timing",
    "render": "methodengine.diagnostics",
    "resolve": "methodengine.resolution",
    "role_counts": "methodengine.timing",
    "rule": "methodengine.methods",
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
    "Checkpoint",
    "Diagnostic",
    "Duration",
    "Meeting",
    "Method",
    "OutputFormat",
    "OutputRequest",
    "Period",
    "Phase",
    "Plugins",
    "Position",
    "Range",
    "Recipe",
    "RecipeEncodingError",
    "RecipeError",
    "RecipeSyntaxError",
    "RecipeValueError",
    "Resolved",
    "Role",
    "RoleRef",
    "Rounds",
    "Rule",
    "ScriptLine",
    "Selector",
    "Severity",
    "Stage",
    "TimeBox",
    "Trajectory",
    "When",
    "__version__",
    "check",
    "error",
    "hookimpl",
    "load",
    "load_plugins",
    "parse",
    "planned_minutes",
    "render",
    "resolve",
    "role_counts",
    "rule",
    "warning",
]
