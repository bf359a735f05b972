"""The values options take, parsed by click ``ParamType``s: dates, clock times, cadences, card kinds, names.

An option's value is checked where click parses the command line, so that
a wrong one is a usage error (exit 2) naming the option, before any recipe
is read, and every command that takes a date or a cadence says the same
thing about a wrong one. The parsing itself is the planner's
(``methodengine.planning.options.parse_*``), which library callers use
for text too. Counts need nothing of their own: ``click.IntRange(1,
limits.MAX_...)`` bounds them. Nothing heavy is imported until a value is
converted, so that ``--help`` stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from methodengine.i18n import N_, _, translate

if TYPE_CHECKING:
    import datetime as dt

    from methodengine.model import Period


class _Parsed(click.ParamType):
    """A value a planner function parses; its ValueError is the usage error's message, as written."""

    def _parse(self, text: str) -> Any:
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default, or a value given as such by a caller of the command
        try:
            return self._parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DateType(_Parsed):
    """``YYYY-MM-DD``; a date that does not exist says why (no year 0, February has 28 days)."""

    name = "date"

    def _parse(self, text: str) -> dt.date:
        from methodengine.planning.options import parse_date

        return parse_date(text)


class ClockType(_Parsed):
    """A time of day, ``HH:MM`` on 24 hours (``19.30`` too); as minutes after midnight if ``minutes``."""

    name = "time"

    def __init__(self, minutes: bool = False) -> None:
        self.minutes = minutes

    def _parse(self, text: str) -> dt.time | int:
        from methodengine.planning.options import parse_time

        found = parse_time(text)
        return found.hour * 60 + found.minute if self.minutes else found


class CadenceType(_Parsed):
    """How often a group meets: a whole number and a unit, ``3 weeks``, ``1 maand``."""

    name = "cadence"

    def _parse(self, text: str) -> Period:
        from methodengine.planning.options import parse_period

        return parse_period(text)


class SkipDatesType(_Parsed):
    """Dates separated by commas, as one ``--skip`` takes them; see :func:`skip_dates` for the repeated option."""

    name = "dates"

    def _parse(self, text: str) -> tuple[dt.date, ...]:
        from methodengine.planning.options import parse_date

        return tuple(parse_date(part) for part in text.split(",") if part.strip())


def skip_dates(ctx: click.Context, param: click.Parameter, value: Iterable[tuple[dt.date, ...]]) -> tuple[dt.date, ...]:
    """The callback of a repeated ``--skip``: every date given, sorted, once each, at most ``limits.MAX_SKIPS``."""
    if not value:
        return ()  # no --skip: the callback runs then too
    from methodengine.planning.options import parse_dates

    dates = sorted({date for given in value for date in given})
    try:
        return parse_dates(date.isoformat() for date in dates)  # the planner's bound and its message
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


class PathType(click.Path):
    """click's path, named (``File 'x' does not exist``) in the message language of the moment it is said.

    click names its path type with gettext when the type is made, at import,
    so a command imported while messages were Dutch would say ``Bestand``
    in English ever after; this one names it each time it is asked.
    """

    @property  # type: ignore[override]
    def name(self) -> str:
        if self.file_okay and not self.dir_okay:
            return _("file")
        if self.dir_okay and not self.file_okay:
            return _("directory")
        return _("path")

    @name.setter
    def name(self, given: str) -> None:
        """Ignored: click sets the name it translated when the type was made."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A file that is not there is said plainly (``the file `x` does not exist``), not as an invalid value."""
        if self.exists and isinstance(value, str) and not (self.allow_dash and value == "-"):
            import os

            try:
                os.stat(value)
            except OSError:
                where = f"`{value}`"
                if self.file_okay and not self.dir_okay:
                    said = _("the file {path} does not exist", path=where)
                elif self.dir_okay and not self.file_okay:
                    said = _("the folder {path} does not exist", path=where)
                else:
                    said = _("{path} does not exist", path=where)
                raise click.UsageError(said, ctx) from None
        return super().convert(value, param, ctx)


class NameChoice(click.ParamType):
    """One name from a list known only when the value is converted (a registry of formats, say).

    Matched without regard to case; ``aliases`` map other spellings to a
    name; an unknown one gets a did-you-mean and the list. ``what`` and
    ``plural`` name the kind of thing in English (marked with ``N_``): the
    message says them in the message language. With ``translated``, each
    name is a message id too, and the list is said in the message language
    (its translations are aliases as well).
    """

    name = "name"

    def __init__(
        self,
        names: Callable[[], Sequence[str]] | Sequence[str],
        what: str,
        plural: str | None = None,
        aliases: Mapping[str, str] | None = None,
        translated: bool = False,
    ) -> None:
        self._names = names
        self.what = what
        self.plural = plural or what + "s"
        self.aliases = dict(aliases or {})
        self.translated = translated

    def shown(self, names: Sequence[str]) -> list[str]:
        """The names as a list says them: in the message language if they are translated."""
        return [translate(name) for name in names] if self.translated else list(names)

    def names(self) -> Sequence[str]:
        return self._names() if callable(self._names) else self._names

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        found = self.lookup(str(value), self.names())
        if found is None:
            self.fail(self.unknown(str(value).strip(), self.names()), param, ctx)
        return found

    def lookup(self, text: str, names: Sequence[str]) -> str | None:
        name = text.strip().lower()
        name = self.aliases.get(name, name)
        return name if name in names else None

    def unknown(self, text: str, names: Sequence[str]) -> str:
        from methodengine._suggest import did_you_mean

        hint = did_you_mean(text.lower(), [*self.shown(names), *names, *self.aliases])
        listed = ", ".join(self.shown(names))
        what, plural = translate(self.what), translate(self.plural)
        if hint:
            return _(
                "no {what} {value}; {hint} ({plural}: {names})",
                what=what,
                value=repr(text),
                hint=hint,
                plural=plural,
                names=listed,
            )
        return _("no {what} {value} ({plural}: {names})", what=what, value=repr(text), plural=plural, names=listed)


class NamesChoice(NameChoice):
    """Names separated by commas (``--only roles,phases``), each once, in the order of the list they come from."""

    name = "names"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value  # the default, already a tuple of names
        names = self.names()
        wanted: list[str] = []
        for raw in str(value).split(","):
            if not raw.strip():
                continue
            found = self.lookup(raw, names)
            if found is None:
                self.fail(self.unknown(raw.strip(), names), param, ctx)
            if found not in wanted:
                wanted.append(found)
        if not wanted:
            self.fail(
                _("name at least one {what}: {names}", what=translate(self.what), names=", ".join(self.shown(names))),
                param,
                ctx,
            )
        return tuple(name for name in names if name in wanted)


DATE = DateType()
CLOCK = ClockType()
CLOCK_MINUTES = ClockType(minutes=True)
CADENCE = CadenceType()
SKIP_DATES = SkipDatesType()


def card_kinds(kinds: Callable[[], Sequence[str]] | Sequence[str] | None = None) -> NamesChoice:
    """``--only``'s type: card kinds, by default the planner's, in the deck's order; plurals and singulars both do."""
    if kinds is None:
        from methodengine.output.cards.constants import KINDS  # a module of names: the cards are not loaded

        kinds = KINDS
    return NamesChoice(kinds, N_("card kind"), N_("card kinds"), aliases=KIND_ALIASES, translated=True)


KIND_NAMES = (N_("overview"), N_("phases"), N_("checkpoint"), N_("roles"), N_("trajectory"))
"""The card kinds' names, marked for the catalogue: a Dutch list says overzicht, fasen, beslismoment..."""

KIND_ALIASES = {
    "phase": "phases",
    "role": "roles",
    "checkpoints": "checkpoint",
    "trajectories": "trajectory",
    # the Dutch names, as the cards themselves say them
    "overzicht": "overview",
    "fase": "phases",
    "fasen": "phases",
    "fases": "phases",
    "beslismoment": "checkpoint",
    "beslismomenten": "checkpoint",
    "rol": "roles",
    "rollen": "roles",
    "traject": "trajectory",
}
"""Other spellings of the card kinds that ``--only`` takes, English and Dutch."""
