"""Deprecated home of the meeting plan and card constants; kept for plugins for one release.

Use :mod:`methodengine.planning.meeting_plan` (``CardOptions``,
``build_plan``) and :mod:`methodengine.output.cards.constants` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from methodengine.output.cards.constants import BINARY_FORMATS, EXTENSIONS, FORMATS, KINDS, PAPERS

if TYPE_CHECKING:
    from methodengine.planning.meeting_plan import CardOptions, build_plan


def __getattr__(name: str) -> Any:
    # PEP 562: the plan (and with it the engine's model) is loaded when first asked for.
    if name in ("CardOptions", "build_plan"):
        from methodengine.planning import meeting_plan

        value = getattr(meeting_plan, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'methodengine.cards' has no attribute {name!r}")


__all__ = ["BINARY_FORMATS", "EXTENSIONS", "FORMATS", "KINDS", "PAPERS", "CardOptions", "build_plan"]
