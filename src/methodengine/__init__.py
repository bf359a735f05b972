"""methodengine: check session-method recipes and print facilitator cards.

The public API, for scripts and for plugins. Importing it loads neither the
parser nor any plugin; both are loaded on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
from methodengine.plugins import load_plugins
from methodengine.resolve import Resolved, check, resolve
from methodengine.timing import planned_minutes, role_counts

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
