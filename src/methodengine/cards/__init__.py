"""Facilitator cards: the meeting plan, and cards made from it in five formats.

``methodengine cards`` is the front end; this package does the work:

- :mod:`~methodengine.cards.plan` works out the meeting plan of a resolved
  recipe: counts, rounds, every phase's time window and what follows it.
  ``--format json`` writes it.
- :mod:`~methodengine.cards.view` turns the plan into cards in one language.
- :mod:`~methodengine.cards.layout` fits each card to a printed page.
- :mod:`~methodengine.cards.render` renders the cards with Jinja templates
  (text, Markdown, HTML) and makes PDF from the HTML with WeasyPrint.
- :mod:`~methodengine.cards.constants` names the formats, card kinds and
  papers, for the command as well.

Importing this package imports only those names; ``CardOptions`` and
``build_plan`` load the plan on first use, and Jinja, Babel and WeasyPrint
are imported when first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from methodengine.cards.constants import BINARY_FORMATS, EXTENSIONS, FORMATS, KINDS, PAPERS

if TYPE_CHECKING:
    from methodengine.cards.plan import CardOptions, build_plan


def __getattr__(name: str) -> Any:
    # PEP 562: the plan (and with it the engine's model) is loaded when first asked for.
    if name in ("CardOptions", "build_plan"):
        import importlib

        value = getattr(importlib.import_module("methodengine.cards.plan"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'methodengine.cards' has no attribute {name!r}")


__all__ = ["BINARY_FORMATS", "EXTENSIONS", "FORMATS", "KINDS", "PAPERS", "CardOptions", "build_plan"]
