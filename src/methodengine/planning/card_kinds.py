"""The card kinds a meeting plan can hold, in the order of the deck.

This module imports nothing, so that ``methodengine cards`` can build its
``--only`` option from it without loading the planner; the card output
re-exports the same tuple as ``methodengine.output.cards.constants.KINDS``.
"""

from __future__ import annotations

KINDS = ("overview", "phases", "checkpoint", "roles", "trajectory")
"""The card kinds ``--only`` chooses from, in the order of the deck."""
