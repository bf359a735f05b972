"""``--skip-file FILE``: the days a group does not meet, as a trainer keeps them in a text file.

One entry a line: a date or a range of dates, and after it, optionally, a
name that the plan gives as the reason a meeting moved::

    # schooljaar 2027-2028, regio midden
    2027-07-10..2027-08-22  zomervakantie
    2027-10-16..2027-10-24  herfstvakantie
    2027-12-06              teamdag

``#`` starts a comment (at the start of a line, or after a space); blank
lines are ignored. A line that cannot be read is an error at its line and
column, with the line, a caret and a hint, and ends the command with 2, as a
``--skip`` date that cannot be read and a run log that cannot be read do:
the file is the command line's input, not a recipe. The file is bounded
(:data:`MAX_SKIP_FILE_BYTES`, :data:`MAX_SKIP_ENTRIES` entries, each range
at most :data:`MAX_RANGE_DAYS` days, a name at most :data:`MAX_NAME_CHARS`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import ClassVar

from methodengine.diagnostics import Diagnostic, error
from methodengine.errors import EXIT_USAGE, MethodengineError, RecipeError
from methodengine.i18n import _
from methodengine.limits import MAX_SKIPS
from methodengine.model import Position
from methodengine.planning.calendar_rules import Closure
from methodengine.planning.options import parse_date

MAX_SKIP_FILE_BYTES = 64 * 1024
"""The largest skip file read: a school's holidays for many years are a few hundred bytes."""

MAX_SKIP_ENTRIES = MAX_SKIPS
"""The most entries (lines with a date) a skip file may have: as many as ``--skip`` dates."""

MAX_RANGE_DAYS = 366
"""The longest range: a year. A longer one would close the series for more than a year; split it, or plan later."""

MAX_NAME_CHARS = 100
"""The longest name after a date: it is said in the plan beside the meeting it moved."""

_ENTRY = re.compile(r"(?P<first>\S+?)(?:\s*\.\.\s*(?P<last>\S*))?(?:\s+(?P<name>.*?))?\s*")
_COMMENT = re.compile(r"(?:^|\s)#")


class SkipFileError(MethodengineError):
    """A skip file that cannot be read, or a line of it that cannot (exit 2, code ``skip-file``).

    A line's error is placed at its line and column, with the line and a
    caret, as a recipe's error is; every bad line of a file is reported at
    once (``more``), up to :data:`MAX_REPORTED`, so one run shows them all.
    """

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        position: Position | None = None,
        text: str = "",
        more: Iterable[Diagnostic] = (),
    ) -> None:
        source = {path: text} if position is not None else None
        super().__init__([error(message, position, hint, code="skip-file"), *more], source, path=path)


MAX_REPORTED = 20
"""The most bad lines of one skip file reported at once."""


def _hint() -> str:
    return _("write a date or a range and a name, one a line: `2027-07-10..2027-08-22  zomervakantie`")


def read_skip_file(path: str | os.PathLike[str]) -> tuple[Closure, ...]:
    """The entries of the skip file ``path``, in file order. Raises :class:`SkipFileError`."""
    from methodengine.language.reading import read_limited

    name = os.fspath(path)
    try:
        raw = read_limited(name)  # bounded, and a FIFO nobody writes to is given up
    except RecipeError:  # larger than any recipe: larger than a skip file too
        raise _too_large(name) from None
    except OSError as exc:
        raise SkipFileError(
            name, _("cannot read the skip file {path}: {reason}", path=name, reason=exc.strerror or str(exc))
        ) from None
    if len(raw) > MAX_SKIP_FILE_BYTES:
        raise _too_large(name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SkipFileError(name, _("the skip file {path} is not UTF-8 text", path=name), _hint()) from None
    return parse_skip_file(text, name)


def _too_large(name: str) -> SkipFileError:
    return SkipFileError(
        name,
        _("the skip file {path} is larger than {kb} kB", path=name, kb=MAX_SKIP_FILE_BYTES // 1024),
        _("a skip file lists dates, one a line; is {path} the file you meant?", path=name),
    )


def parse_skip_file(text: str, path: str = "<skip file>") -> tuple[Closure, ...]:
    """The entries of a skip file's text; :class:`SkipFileError` for the lines that cannot be read, all at once."""
    entries: list[Closure] = []
    bad: list[Diagnostic] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        comment = _COMMENT.search(line)
        body = line[: comment.start()] if comment else line
        if not body.strip():
            continue
        if len(entries) == MAX_SKIP_ENTRIES:
            raise SkipFileError(
                path,
                _("more than {most} entries in the skip file", most=MAX_SKIP_ENTRIES),
                _("give ranges (`2027-07-10..2027-08-22`) instead of one line per day"),
                Position(path, number, 1),
                text,
            )
        try:
            entries.append(_entry(body, number, path, text))
        except SkipFileError as exc:
            bad += exc.diagnostics
            if len(bad) == MAX_REPORTED:
                break
    if bad:
        first, *rest = bad
        raise SkipFileError(path, first.message, first.hint, first.position, text, rest)
    return tuple(entries)


def _entry(body: str, number: int, path: str, text: str) -> Closure:
    indent = len(body) - len(body.lstrip())
    match = _ENTRY.fullmatch(body, indent)
    assert match is not None  # a non-blank body always has a first word

    def fail(message: str, column: int, hint: str | None = None) -> SkipFileError:
        return SkipFileError(path, message, hint or _hint(), Position(path, number, column + 1), text)

    first_text, last_text, name = match.group("first"), match.group("last"), match.group("name")
    try:
        first = parse_date(first_text)
    except ValueError as exc:
        raise fail(str(exc), match.start("first")) from None
    last = first
    if last_text is not None:
        if not last_text:
            raise fail(_("the range has no last date after `..`"), body.index("..", match.end("first")) + 2)
        try:
            last = parse_date(last_text)
        except ValueError as exc:
            raise fail(str(exc), match.start("last")) from None
        if last < first:
            raise fail(
                _("the range ends on {last}, before it begins on {first}", last=last_text, first=first_text),
                match.start("last"),
                _("write the earlier date first: `{first}..{last}`", first=last_text, last=first_text),
            )
        if (last - first).days + 1 > MAX_RANGE_DAYS:
            raise fail(
                _(
                    "the range is {days} days long; a range is at most {most} days",
                    days=(last - first).days + 1,
                    most=MAX_RANGE_DAYS,
                ),
                match.start("last"),
                _("split it into ranges of a year at most"),
            )
    if name is not None and len(name) > MAX_NAME_CHARS:
        raise fail(
            _("the name is {count} characters long; at most {most} are taken", count=len(name), most=MAX_NAME_CHARS),
            match.start("name") + MAX_NAME_CHARS,
            _("give a short name, such as `zomervakantie`: the plan says it beside the meeting that moved"),
        )
    return Closure(first, last, "file", name or None, number)
