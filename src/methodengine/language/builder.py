"""From the parser's reductions to the frozen model, one block at a time.

The parser calls :class:`RecipeBuilder` as it reduces each block of
``recipe.lark`` (no parse tree is built). The blocks are built by the
modules beside this one, each with one job: ``header`` (the recipe),
``roles``, ``agenda`` (phases, checkpoints, rounds), ``trajectory`` (stages
and extra meetings); ``fields`` reads a block's `key: value` lines and
``values`` what follows a key. An error in a block is reported and the
block left out, so that the parser can go on and report the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from methodengine.errors import RecipeError
from methodengine.language import values as _values
from methodengine.language.agenda import build_phase, build_rounds, slug, with_phase_ids
from methodengine.language.fields import DROPPED
from methodengine.language.header import build_recipe
from methodengine.language.keys import BLOCK_KEYS, BLOCK_KEYWORDS
from methodengine.language.lexer import Line
from methodengine.language.roles import build_role
from methodengine.language.trajectory import build_meeting, build_stage, build_trajectory
from methodengine.limits import MAX_COUNT, MAX_MEETINGS, MAX_MINUTES, MAX_ROUNDS
from methodengine.model import Position

__all__ = [
    "BLOCK_KEYS",
    "BLOCK_KEYWORDS",
    "MAX_COUNT",
    "MAX_MEETINGS",
    "MAX_MINUTES",
    "MAX_ROUNDS",
    "RecipeBuilder",
    "glued_keyword_error",
    "slug",
    "with_phase_ids",
]

T = TypeVar("T")


class RecipeBuilder:
    """The parser's callbacks, by rule name, and the list the errors of one parse go to."""

    def __init__(self, path: str | None, report: Callable[[RecipeError], None], errors: list[RecipeError]) -> None:
        self.path = path
        self.report = report
        self._errors = errors
        self.unread_roles: set[str] = set()
        """The ids of the roles whose line could not be read: the checks cannot tell if a phase names them rightly."""
        self.unread_meetings: Position | None = None
        """Where a trajectory's number of meetings was written as a block (`bijeenkomst 8`), reported, not read."""
        self.keyword_language: str | None = None
        """The language the recipe's keywords are written in (``keys.keyword_language``), for the recipe."""

    @property
    def reported(self) -> bool:
        """Whether an error has been reported, so that what it left out may be missing."""
        return bool(self._errors)

    def callbacks(self) -> dict[str, Callable[[Sequence[Any]], Any]]:
        """What each rule of recipe.lark builds; a block that fails is reported and becomes DROPPED."""
        builders: dict[str, Callable[[Sequence[Any]], Any]] = {
            "role": lambda children: build_role(self, children),
            "phase": lambda children: build_phase(self, children),
            "checkpoint": lambda children: build_phase(self, children, checkpoint=True),
            "rounds": lambda children: build_rounds(self, children),
            "trajectory": lambda children: build_trajectory(self, children),
            "stage": lambda children: build_stage(self, children),
            "meeting": lambda children: build_meeting(self, children),
        }
        guarded = {name: self._guarded(build) for name, build in builders.items()}
        guarded["start"] = lambda children: build_recipe(self, children)
        return guarded

    def _guarded(self, build: Callable[[Sequence[Any]], Any]) -> Callable[[Sequence[Any]], Any]:
        def run(children: Sequence[Any]) -> Any:
            try:
                built = build(children)
            except RecipeError as error:
                self.report(error)
                return DROPPED
            return DROPPED if built is None else built

        return run

    def attempt(self, read: Callable[[], T]) -> T | None:
        """``read()``, or None when it raises a RecipeError, which is reported."""
        try:
            return read()
        except RecipeError as error:
            self.report(error)
            return None

    def head_error(self, line: Line) -> RecipeError | None:
        """What is wrong with a block's first line, if anything: for a block that is left out unbuilt."""
        pattern, start = _HEADS[line.type]
        try:
            self.head(line, pattern, start)
        except RecipeError as error:
            return error
        return None

    def head(self, line: Line, pattern: re.Pattern[str], start: str) -> re.Match[str]:
        """What follows a block keyword, read with ``pattern``; a keyword glued to it is refused."""
        value = line.value
        match = pattern.fullmatch(value)
        if match is not None and value and value[0] not in " \t":
            # What follows the keyword up to the end of its first part (title, id or number) is what it is glued to.
            first = next(name for name in ("title", "id", "low") if name in pattern.groupindex)
            glued = f"{line.key}{value[: match.end(first)]}".strip()
            raise glued_keyword_error(line.key, glued, Position(self.path, line.number, line.column))
        if match is None:
            raise _values.refused(line, start, self.path)
        return match


_HEADS = {
    "ROUNDS": (_values.ROUNDS_HEAD, "rounds_line"),
    "TRAJECTORY": (_values.TRAJECTORY_HEAD, "trajectory_line"),
}


def glued_keyword_error(keyword: str, line: str, position: Position) -> RecipeError:
    """A block keyword (any spelling) with no space after it (`phasenbrenger`); the message is syntax_errors'."""
    from methodengine.language.syntax_errors import glued_keyword_error as error

    return error(keyword, line, position)
