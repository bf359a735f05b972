"""One localiser for every output: labels through gettext, and ranges, durations, dates and lists in one language.

The cards (:class:`methodengine.output.cards.content.Formatter`) and the
schedule (:class:`methodengine.output.schedule.words.Words`) each add the
phrases of their own output to a :class:`Localiser`; what they share (a
range of minutes, a duration in hours, a cadence, a date, a list ``A, B en
C``, a plural) is said here, the same way in both. The English text is the
message id. A phrase both outputs use is in the ``common`` catalogue
(``locale/<lang>/LC_MESSAGES/common.po``), an output's own phrases in its
own (``cards.po``, ``schedule.po``).

Babel is imported only when a date is formatted: a cold ``check`` or text
``cards`` without dates does not pay for its locale data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from methodengine import i18n
from methodengine._terminal import shown
from methodengine.model import Period, Range
from methodengine.output.meeting_words import NEUTER, MeetingWord, meeting_word

WIDTH = 80
"""The width of text output, cards and schedules alike."""

COMMON = "common"
"""The catalogue of the phrases every output shares."""

_DECIMAL_MARKS = {"en": str.maketrans({}), "nl": str.maketrans(",.", ".,")}
"""How a language writes ``1,234.5``: Dutch swaps the grouping mark and the decimal sign."""

_LIST_WORDS = {"nl": {"standard": "en", "or": "of"}, "en": {"standard": "and", "or": "or"}}
"""The word before a list's last item (``A, B en C``), as CLDR has it for nl_NL and en_GB."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(value: object) -> str:
    """Text that Markdown shows as written inside a line: no emphasis, links, code, HTML or table cells.

    Control characters are escaped first (as :func:`methodengine._terminal.shown`
    shows them), so that their backslash is escaped too; a character
    reference such as ``&amp;`` is written so that it shows as typed.
    """
    text = shown(str(value))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_ENTITY.sub("&amp;", text)


class Localiser:
    """Words, numbers, ranges and dates in one language; ``dash`` joins the ends of a range.

    ``meeting`` is the word for one meeting (:mod:`methodengine.output.meeting_words`):
    every phrase may say it as ``{meeting}``, ``{meetings}``, ``{Meeting}``
    or ``{Meetings}``, and a Dutch ``het`` word (``gesprek``) takes the
    catalogues' :data:`~methodengine.output.meeting_words.NEUTER` phrases
    (``het eerste gesprek``) where they have one.
    """

    def __init__(self, language: str, domain: str, dash: str = "-", meeting: MeetingWord | None = None) -> None:
        self.language = language
        self.locale = i18n.babel_locale(language)
        self.dash = dash
        self.meeting = meeting or meeting_word(language)
        self._own = i18n.translations(language, domain)
        self._common = i18n.translations(language, COMMON)

    # -------------------------------------------------------------- words

    def translated(self, message: str) -> str:
        """The translation of ``message`` as it stands: the output's catalogue first, then the common one.

        A phrase the output's catalogue leaves as it is (no entry, or the
        English itself) is the common catalogue's to say. Said of a ``het``
        word for a meeting, a phrase's :data:`NEUTER` translation comes first.
        """
        catalogues = (self._own, self._common)
        if self.meeting.neuter:
            for catalogue in catalogues:
                text = catalogue.pgettext(NEUTER, message)
                if text != message:
                    return text
        text = self._own.gettext(message)
        return self._common.gettext(message) if text == message else text

    def translated_plural(self, singular: str, plural: str, count: int) -> str:
        """The singular or plural form for ``count`` as it stands, from the output's catalogue, else the common one."""
        if self.meeting.neuter:
            for catalogue in (self._own, self._common):
                text = catalogue.npgettext(NEUTER, singular, plural, count)
                if text not in (singular, plural):
                    return text
        text = self._own.ngettext(singular, plural, count)
        return self._common.ngettext(singular, plural, count) if text in (singular, plural) else text

    def gettext(self, message: str, **values: Any) -> str:
        """The translation of ``message``, filled in with ``values`` and the word for a meeting."""
        return self.translated(message).format_map({**self.meeting.values, **values})

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The singular or plural form for ``count``; ``{n}`` is ``count`` unless given."""
        values.setdefault("n", count)
        return self.translated_plural(singular, plural, count).format_map({**self.meeting.values, **values})

    def join(self, items: Sequence[str], style: str = "standard") -> str:
        """A list as the language writes it: ``A, B en C``; ``style="or"``: ``A, B of C``.

        Dutch and English are written as Babel's CLDR data writes them (a test
        holds them to it) without loading that data; another language asks Babel.
        """
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        word = _LIST_WORDS.get(self.language, {}).get(style)
        if word is None:
            from babel.lists import format_list

            return format_list(items, style=style, locale=self.locale)
        return f"{', '.join(items[:-1])} {word} {items[-1]}"

    # -------------------------------------------------------------- numbers and times

    def range(self, value: Range | None) -> str:
        """``4``, ``4-7``; ``?`` for a count nobody knows."""
        if value is None:
            return "?"
        return str(value.low) if value.exact else f"{value.low}{self.dash}{value.high}"

    def minutes(self, value: Range) -> str:
        """``90 min``, ``10-15 min``."""
        return self.gettext("{minutes} min", minutes=self.range(value))

    def hours(self, value: Range) -> str:
        """``2,5 uur``, ``1-1.5 hours``: minutes as hours, in the language's decimals."""
        h = self._decimal
        text = h(value.low / 60) if value.exact else f"{h(value.low / 60)}{self.dash}{h(value.high / 60)}"
        return self.ngettext("{hours} hour", "{hours} hours", 1 if value.high == 60 else 2, hours=text)

    def duration(self, value: Range) -> str:
        """A length in its largest natural unit: ``45 min``, ``75 min``, ``1,5 uur``, ``3 uur``, ``2 uur en 15 min``.

        A range is said in one unit for both ends: hours when both are whole
        or half hours, else minutes (``60-75 min``).
        """
        if value.exact:
            return self.length(value.low)
        if value.low >= 60 and value.low % 30 == 0 and value.high % 30 == 0:
            return self.hours(value)
        return self.minutes(value)

    def _decimal(self, number: float) -> str:
        """A number with at most two decimals, as Babel's ``#,##0.##`` writes it (``1.234,5`` in Dutch).

        The marks of the two languages are known, so a text ``cards`` run
        does not load Babel's locale data for them (about 25 ms); another
        language asks Babel.
        """
        marks = _DECIMAL_MARKS.get(self.language)
        if marks is None:
            from babel.numbers import format_decimal

            return format_decimal(number, "#,##0.##", locale=self.locale)
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
        return text.translate(marks)

    def length(self, minutes: int) -> str:
        """A known length in its largest natural unit, as a trainer says it.

        Under an hour, and up to two hours unless a whole or half hour, in
        minutes (``45 min``, ``75 min``, ``105 min``); whole and half hours in
        hours (``1 uur``, ``1,5 uur``, ``3 uur``); from two hours on, hours
        and minutes (``2 uur en 15 min``). Each text says one number of
        minutes, and no two numbers the same text.
        """
        hours, rest = divmod(minutes, 60)
        if hours == 0 or (hours == 1 and rest not in (0, 30)):
            return self.gettext("{minutes} min", minutes=minutes)
        if rest in (0, 30):
            return self.hours(Range.of(minutes))
        return self.gettext("{hours} h {minutes} min", hours=hours, minutes=rest)

    @staticmethod
    def clock(moment: dt.time | dt.datetime | str) -> str:
        """A clock time on the 24-hour clock both languages use: ``19:30`` (also from ``"19:30"``)."""
        if isinstance(moment, str):
            hours, minutes = (int(part) for part in moment.split(":"))
            return f"{hours:02d}:{minutes:02d}"
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def date(self, date: dt.date | str) -> str:
        """``maandag 11 januari 2027``, ``Monday 11 January 2027`` (also from ``"2027-01-11"``)."""
        from babel.dates import format_date

        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        return format_date(date, "EEEE d MMMM y", locale=self.locale)

    def weekday(self, date: dt.date) -> str:
        """``maandag``, ``Monday``."""
        from babel.dates import format_date

        return format_date(date, "EEEE", locale=self.locale)

    # -------------------------------------------------------------- periods

    def period(self, period: Period) -> str:
        """``3 weeks``, ``2-4 weken``, ``1 maand``."""
        amount, n = self.range(period.amount), period.amount.high
        if period.unit == "day":
            return self.ngettext("{n} day", "{n} days", n, n=amount)
        if period.unit == "week":
            return self.ngettext("{n} week", "{n} weeks", n, n=amount)
        if period.unit == "month":
            return self.ngettext("{n} month", "{n} months", n, n=amount)
        return self.ngettext("{n} year", "{n} years", n, n=amount)

    def every(self, period: Period) -> str:
        """``every 3 weeks``, ``om de 3 weken``; ``every month``, ``elke maand``."""
        if period.amount.exact and period.amount.low == 1:
            return {
                "day": self.gettext("every day"),
                "week": self.gettext("every week"),
                "month": self.gettext("every month"),
                "year": self.gettext("every year"),
            }[period.unit]
        return self.gettext("every {period}", period=self.period(period))
