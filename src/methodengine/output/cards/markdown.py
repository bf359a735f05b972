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


def md_lead(value: Any) -> Any:
    """Text that starts a Markdown block or list item: not taken for a heading, list or quote either."""
    from markupsafe import Markup

    text = re.sub(r"^(\s*)([#+=>-]|\d+[.)])", lambda m: m[1] + "\\" + m[2], md_escape(value))
    return Markup(text)


def md_finalize(value: Any) -> Any:
    """Every value a Markdown template prints is escaped, unless it is a number or made Markdown already."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return md_escape(value)
