"""methodengine: check session-method recipes and print facilitator cards.

The public API. Importing it loads neither the parser nor any plugin; both
are loaded on first use.
"""

from __future__ import annotations

from methodengine.checks import check
from methodengine.diagnostics import Diagnostic, Severity, render
from methodengine.errors import RecipeEncodingError, RecipeError, RecipeSyntaxError, RecipeValueError
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
from methodengine.timing import planned_minutes, role_counts

__version__ = "0.1.0"

__all__ = [
    "EVERYONE",
    "Anchor",
    "Checkpoint",
    "Diagnostic",
    "Duration",
    "Meeting",
    "Period",
    "Phase",
    "Position",
    "Range",
    "Recipe",
    "RecipeEncodingError",
    "RecipeError",
    "RecipeSyntaxError",
    "RecipeValueError",
    "Role",
    "RoleRef",
    "Rounds",
    "ScriptLine",
    "Selector",
    "Severity",
    "Stage",
    "TimeBox",
    "Trajectory",
    "When",
    "__version__",
    "check",
    "load",
    "parse",
    "planned_minutes",
    "render",
    "role_counts",
]
