"""What can stop the cards being made once the plan is: a template, or PDF support that is not installed.

Both are ``MethodengineError``s, so the CLI reports them as it reports a
recipe's errors (one channel, the exit code carried by the exception). They
have their own module so that a command can catch them without importing
Jinja or WeasyPrint.
"""

from __future__ import annotations

from methodengine.diagnostics import error
from methodengine.errors import MethodengineError, UsageError
from methodengine.i18n import _
from methodengine.model import Position


class CardTemplateError(MethodengineError):
    """A template that cannot be loaded or rendered: the user's input, as a recipe is (exit 1).

    ``template`` and ``line`` say where when Jinja knows; the finding is then
    placed in the template file, as a recipe's is placed in the recipe.
    """

    def __init__(self, message: str, template: str | None = None, line: int | None = None) -> None:
        position = Position(template, line, 1) if template and line else None
        super().__init__([error(_("template error: {problem}", problem=message), position, code="template")])
        if position is None and template:
            self.path = template


class PdfUnavailableError(UsageError):
    """WeasyPrint, or the system libraries it needs, are not installed: the installation's fault (exit 2).

    The hint is always the same: how to install them.
    """

    def __init__(self, message: str) -> None:
        hint = _("pip install 'methodengine[pdf]' (and Pango, see WeasyPrint's installation notes)")
        super().__init__([error(message, None, hint, code="pdf-unavailable")])
