"""The RecipeError family: every way reading a recipe can fail.

Whatever goes wrong inside the parser (lark's UnexpectedInput, an error in
the indentation post-lexer, a bad value met while building the model) ends
up as one of these, carrying a Diagnostic with file, line, column and hint,
so that no traceback ever reaches a user.
"""

from __future__ import annotations

from methodengine.diagnostics import Diagnostic, Severity, render
from methodengine.model import Position


class RecipeError(Exception):
    """A recipe could not be read. ``diagnostic`` says where and why."""

    def __init__(
        self,
        message: str,
        position: Position | None = None,
        hint: str | None = None,
        code: str = "syntax",
        source: str | None = None,
    ) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(Severity.ERROR, message, position, hint, code)
        self.source = source

    @property
    def message(self) -> str:
        return self.diagnostic.message

    @property
    def position(self) -> Position | None:
        return self.diagnostic.position

    @property
    def hint(self) -> str | None:
        return self.diagnostic.hint

    def __str__(self) -> str:
        return render(self.diagnostic, self.source)


class RecipeSyntaxError(RecipeError):
    """The text does not follow the recipe language."""


class RecipeValueError(RecipeError):
    """A value is well-formed but impossible: an unknown unit, a range 7-4."""


class RecipeEncodingError(RecipeError):
    """The file is not UTF-8 text."""
