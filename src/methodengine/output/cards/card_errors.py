"""What can stop the cards being made once the plan is: a template, or PDF support that is not installed.

Their own module, so that a command can catch them without importing Jinja or WeasyPrint.
"""

from __future__ import annotations


class CardTemplateError(Exception):
    """A template that cannot be loaded or rendered, with the template's name and line."""


class PdfUnavailableError(Exception):
    """WeasyPrint, or the system libraries it needs, are not installed."""
