"""Facilitator cards: the meeting plan, and cards made from it in five formats.

``methodengine cards`` is the front end; this package does the work:

- :mod:`~methodengine.cards.plan` works out the meeting plan of a resolved
  recipe: counts, rounds, every phase's time window and what follows it.
  ``--format json`` writes it.
- :mod:`~methodengine.cards.view` turns the plan into cards in one language.
- :mod:`~methodengine.cards.layout` fits each card to a printed page.
- :mod:`~methodengine.cards.render` renders the cards with Jinja templates
  (text, Markdown, HTML) and makes PDF from the HTML with WeasyPrint.

Importing this package imports neither Jinja nor Babel nor WeasyPrint; each
is imported when first needed.
"""

from __future__ import annotations

from methodengine.cards.plan import KINDS, CardOptions, build_plan

FORMATS = ("text", "md", "html", "pdf", "json")
"""The built-in output formats; plugins add more through the ``output_formats`` hook."""

BINARY_FORMATS = frozenset({"pdf"})

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "pdf": "pdf", "json": "json"}

PAPERS = ("a6", "a5", "a4")

__all__ = ["BINARY_FORMATS", "EXTENSIONS", "FORMATS", "KINDS", "PAPERS", "CardOptions", "build_plan"]
