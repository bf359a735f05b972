"""Markdown cards: recipe text escaped so that Markdown shows it as written.

The escaper is the one every output shares (:func:`methodengine.output.localiser.md_escape`);
here it lets through what a template has already made Markdown (``Markup``),
and :func:`md_lead` also escapes what would start a block.
"""

from __future__ import annotations

import re
from typing import Any

from methodengine.output import localiser


def md_escape(value: Any) -> str:
    """Text that Markdown shows as written inside a line: no emphasis, links, code or HTML."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)
    return localiser.md_escape(value)


_BLOCK_START = re.compile(r"^(\s*)(?:([#+=>-])|(\d+)([.)]))")
"""What would start a heading, a list, a quote or a setext underline at the start of a block."""


def md_lead(value: Any) -> Any:
    """Text that starts a Markdown block or list item: not taken for a heading, list or quote either.

    Only ASCII punctuation can be escaped in CommonMark (a backslash before
    anything else is shown), so an ordered-list marker is escaped at its
    full stop or parenthesis: ``1\\. Welkom``, not ``\\1. Welkom``.
    """
    from markupsafe import Markup

    text = _BLOCK_START.sub(_escape_marker, md_escape(value), count=1)
    return Markup(text)


def _escape_marker(found: re.Match[str]) -> str:
    if found[2] is not None:
        return f"{found[1]}\\{found[2]}"
    return f"{found[1]}{found[3]}\\{found[4]}"


def md_finalize(value: Any) -> Any:
    """Every value a Markdown template prints is escaped, unless it is a number or made Markdown already."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return md_escape(value)
