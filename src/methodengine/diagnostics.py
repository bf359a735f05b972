"""Diagnostics: what a check found, where, and what to do about it.

Checks collect diagnostics instead of raising, so that one run of
``methodengine check`` reports every problem in a recipe at once.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from attrs import field, frozen

from methodengine._terminal import expand, shown
from methodengine.model import Position


class Severity(enum.StrEnum):
    """How bad a finding is: errors make ``check`` exit 1, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


def _tuple(items: Iterable[Related]) -> tuple[Related, ...]:
    """``tuple`` as a converter attrs can read the signature of cheaply (the builtin's costs 2 ms at start-up)."""
    return tuple(items)


@frozen
class Related:
    """Another place a finding concerns, such as the first of two phases with one id."""

    message: str
    position: Position


@frozen
class Diagnostic:
    """One finding about a recipe, from whichever stage found it.

    Every stage (reading, checking, planning, output) reports through this one
    type, so an editor, ``check --format json`` and the terminal all see the
    same thing. ``code`` is a stable name for the kind of finding (documented
    in the language reference); ``source`` names where the rule comes from,
    such as a method's published description; ``related`` points at the
    other places the finding is about ("the first is on line 4").
    """

    severity: Severity
    message: str
    position: Position | None = None
    hint: str | None = None
    code: str = "recipe"
    source: str | None = field(default=None)
    related: tuple[Related, ...] = field(default=(), converter=_tuple)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def headline(self, path: str | None = None) -> str:
        """The one line editors and CI parse: ``FILE:LINE:COL: severity: message``.

        Without a position, ``path`` (the file the finding is about) stands first.
        Messages quote recipe text, so control characters are shown escaped (see ``_terminal``).
        """
        where = str(self.position) if self.position else path or "<recipe>"
        return shown(f"{where}: {self.severity}: {self.message}")


def error(
    message: str | Mapping[str, str],
    position: Position | None,
    hint: str | Mapping[str, str] | None = None,
    code: str = "recipe",
    *,
    related: Iterable[Related] = (),
) -> Diagnostic:
    """An error; a plugin may give ``message`` and ``hint`` by language (``{"en": ..., "nl": ...}``)."""
    if not isinstance(message, str):
        message = _pick(message)
    if hint is not None and not isinstance(hint, str):
        hint = _pick(hint)
    return Diagnostic(Severity.ERROR, message, position, hint, code, related=tuple(related))


def warning(
    message: str | Mapping[str, str],
    position: Position | None,
    hint: str | Mapping[str, str] | None = None,
    code: str = "recipe",
    *,
    related: Iterable[Related] = (),
) -> Diagnostic:
    """A warning; a plugin may give ``message`` and ``hint`` by language (``{"en": ..., "nl": ...}``)."""
    if not isinstance(message, str):
        message = _pick(message)
    if hint is not None and not isinstance(hint, str):
        hint = _pick(hint)
    return Diagnostic(Severity.WARNING, message, position, hint, code, related=tuple(related))


def render(
    diagnostic: Diagnostic, source: str | Mapping[str | None, str] | None = None, path: str | None = None
) -> str:
    """The headline, then the source line with a caret, then the hint.

    The headline's ``FILE:LINE:COL: error:`` stays as it is in every
    language, since editors and CI parse it; the labels below it (``hint:``,
    ``rule from:``) are said in the message language.

    ``source`` is the text the position points into, or a mapping from
    paths to texts (a diagnostic may point into a method's base recipe);
    without it only the headline and hint are shown; ``path`` stands first
    in the headline of a diagnostic without a position. Recipe text is shown
    with control characters escaped, and the caret counts display columns
    (wide characters two, combining marks none, an escape its length).
    """
    parts = [diagnostic.headline(path)]
    pos = diagnostic.position
    if isinstance(source, Mapping):
        source = source.get(pos.path) if pos is not None else None
    if source and pos is not None:  # an empty text (a refused file) has no line to show
        lines = _lines(source)
        if 1 <= pos.line <= len(lines):
            text, columns = expand(lines[pos.line - 1], 4)
            parts.append(f"  {pos.line:>4} | {text}")
            parts.append(f"       | {' ' * columns[min(pos.column, len(columns)) - 1]}^")
    for related in diagnostic.related:
        parts.append(shown(f"  {related.position}: {related.message}"))
    if diagnostic.hint or diagnostic.source:
        from methodengine.i18n import _

        if diagnostic.hint:
            label = _("hint")
            parts.append(shown(f"  {label}: {diagnostic.hint}"))
        if diagnostic.source:
            label = _("rule from")
            parts.append(shown(f"  {label}: {diagnostic.source}"))
    return "\n".join(parts)


def _pick(text: Mapping[str, str]) -> str:
    from methodengine.i18n import pick

    return pick(text)


@lru_cache(maxsize=16)
def _lines(source: str) -> tuple[str, ...]:
    """A text's lines, split once however many diagnostics point into it (8,000 re-splits took 25 s)."""
    return tuple(re.split(r"\r\n|\r|\n", source.removeprefix("\ufeff")))
