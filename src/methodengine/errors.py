"""The exceptions methodengine raises, each carrying its diagnostics and its exit code.

One family, on click's ``ClickException`` model: an exception knows the
exit code it ends the command with (0 ok, 1 recipe errors, 2 usage and I/O
errors), and the diagnostics it carries are rendered by the CLI alone; the
library never prints. Whatever goes wrong inside the parser (lark's
UnexpectedInput, an error in the indentation post-lexer, a bad value met
while building the model) ends up as a :class:`RecipeError` with file, line,
column and hint, so that no traceback ever reaches a user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar, TypeAlias

from methodengine.diagnostics import Diagnostic, Related, Severity, render
from methodengine.model import Position

EXIT_RECIPE_ERRORS = 1
EXIT_USAGE = 2

Sources: TypeAlias = "str | Mapping[str | None, str] | None"
"""The text the diagnostics point into, or texts by path (a method's base recipe has its own)."""


class MethodengineError(Exception):
    """Something stops a command; ``diagnostics`` say what, ``exit_code`` how the command ends.

    ``source`` is what the diagnostics' excerpts are taken from; ``path``
    names the file a diagnostic without a position is about (a plan that
    cannot be made); ``note`` is a last line for a person, after the
    diagnostics ("fix the errors above first").
    """

    exit_code: ClassVar[int] = EXIT_RECIPE_ERRORS

    def __init__(
        self,
        diagnostics: Iterable[Diagnostic],
        source: Sources = None,
        *,
        path: str | None = None,
        note: str | None = None,
    ) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        if not self.diagnostics:
            raise ValueError("a MethodengineError needs at least one diagnostic")
        super().__init__(self.diagnostics[0].message)
        self.source = source
        self.path = path
        self.note = note

    @property
    def diagnostic(self) -> Diagnostic:
        """The first (often the only) diagnostic."""
        return self.diagnostics[0]

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
        return "\n".join(render(d, self.source, self.path) for d in self.diagnostics)


class RecipeError(MethodengineError):
    """A recipe could not be read. ``diagnostics`` say where and why: one, or every syntax error found."""

    def __init__(
        self,
        message: str,
        position: Position | None = None,
        hint: str | None = None,
        code: str = "syntax",
        source: Sources = None,
        more: Iterable[Diagnostic] = (),
        *,
        note: str | None = None,
        related: Iterable[Related] = (),
    ) -> None:
        first = Diagnostic(Severity.ERROR, message, position, hint, code, related=tuple(related))
        super().__init__([first, *more], source, note=note)

    @classmethod
    def from_diagnostics(
        cls, diagnostics: Iterable[Diagnostic], source: Sources = None, *, note: str | None = None
    ) -> RecipeError:
        """One error for several diagnostics (every syntax error of a file), the first as its headline."""
        first, *rest = diagnostics
        return cls(
            first.message, first.position, first.hint, first.code, source, rest, note=note, related=first.related
        )


class RecipeSyntaxError(RecipeError):
    """The text does not follow the recipe language."""


class RecipeValueError(RecipeError):
    """A value is well-formed but impossible: an unknown unit, a range 7-4."""


class RecipeEncodingError(RecipeError):
    """The file is not UTF-8 text."""


class RecipeCheckError(MethodengineError):
    """A recipe was read, but its checks found errors, so no cards or schedule are made of it (exit 1)."""


class PlanError(MethodengineError):
    """A valid recipe cannot be planned as asked: no dates fit, too many meetings (exit 1)."""


class UsageError(MethodengineError):
    """The command line is at fault: an option value, a file that cannot be read (exit 2)."""

    exit_code: ClassVar[int] = EXIT_USAGE
