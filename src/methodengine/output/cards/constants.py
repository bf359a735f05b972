"""The names the cards share with their command: formats, card kinds and papers.

This module imports nothing but the card kinds (a module of constants), so
that ``methodengine cards`` can build its options from it without loading
the cards themselves.
"""

from __future__ import annotations

from methodengine.planning import card_kinds

FORMATS = ("text", "md", "html", "pdf", "json")
"""The built-in output formats; plugins add more through the ``output_formats`` hook."""

BINARY_FORMATS = frozenset({"pdf"})
"""The built-in formats that are bytes, not text: never written to a terminal."""

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "pdf": "pdf", "json": "json"}
"""The file extension of each built-in format; also the extension of its templates."""

KINDS = card_kinds.KINDS
"""The card kinds ``--only`` chooses from, in the order of the deck (the plan's, the same tuple)."""

PAPER_SIZES = {"a6": (105.0, 148.0), "a5": (148.0, 210.0), "a4": (210.0, 297.0)}
"""Paper width and height in millimetres, portrait."""

PAPERS = tuple(PAPER_SIZES)
"""The paper names ``--paper`` chooses from."""

SHEET_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
"""The sheets ``--sheet`` imposes cards on: short and long side in millimetres."""

SHEETS = tuple(SHEET_SIZES)
"""The sheet names ``--sheet`` chooses from."""
