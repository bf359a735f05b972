"""The words of the cards in one language: times, counts, meetings and cadences, on the shared localiser.

:class:`Formatter` is what templates get as ``f``. It takes the typed meeting
plan's values, and the JSON plan's data as well (a range as ``{"low",
"high"}``, an occurrence, a period, selectors), since templates read the
plan as the JSON has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from methodengine.model import Anchor, Period, Range, Selector, When
from methodengine.output.localiser import Localiser
from methodengine.output.meeting_words import MeetingWord
from methodengine.planning.meeting_plan import ClockRange, ClockWindow, PlannedOccurrence, PlannedRole, Total, Window

DOMAIN = "cards"

Timed = PlannedOccurrence | Window | Total | Mapping[str, Any]
"""Something that runs from a start to an end: an occurrence, a window, a meeting's total, or one of the JSON plan."""


class Formatter(Localiser):
    """The phrases of the cards in one language, on the shared :class:`~methodengine.output.localiser.Localiser`.

    Templates get it as ``f``; they may pass it the plan's JSON data (a range
    as ``{"low", "high"}``, an occurrence, a period, selectors) as well as the
    typed plan.
    """

    def __init__(self, language: str, dash: str = "-", meeting: MeetingWord | None = None) -> None:
        super().__init__(language, DOMAIN, dash, meeting)

    # -------------------------------------------------------------- numbers and times

    def range(self, value: Range | Mapping[str, int] | None) -> str:
        return super().range(_range(value) if value is not None else None)

    def minutes(self, value: Range | Mapping[str, int]) -> str:
        return super().minutes(_range(value))

    def hours(self, value: Range | Mapping[str, int]) -> str:
        return super().hours(_range(value))

    def duration(self, value: Range | Mapping[str, int]) -> str:
        return super().duration(_range(value))

    def period(self, period: Period | Mapping[str, Any]) -> str:
        return super().period(_period(period))

    def every(self, period: Period | Mapping[str, Any]) -> str:
        return super().every(_period(period))

    def clocks(self, value: ClockRange | Mapping[str, str]) -> str:
        """``19:45``, or ``19:45-19:51`` while the counts are open."""
        value = _clock_range(value)
        low, high = self.clock(value.low), self.clock(value.high)
        return low if low == high else f"{low}{self.dash}{high}"

    def window(self, occurrence: Timed) -> str:
        """When a phase runs, written for a reader (the table of cases is in ``docs/cards.md``).

        An exact window is two times: ``19:45-20:00``, ``minuut 15-30``. While
        the counts are open, a range of starts to a range of ends (``minuut
        60 tot 66-75``) is hard to read at a glance, so the words say what is
        likely and what is the latest: a fixed start ``19:00 tot ca. 20:25,
        uiterlijk 21:30``; an open start when it begins at the earliest and the
        latest, then the end: ``begint ca. 20:06, uiterlijk 20:15; klaar
        uiterlijk 20:20`` (two ranges side by side read as "71 or 80?", a
        tester found). The times always read in order, earliest first.
        """
        window = _window(occurrence)
        if window.clock is not None:
            begins, ends = window.clock.start, window.clock.end
            start = ClockRange(self.clock(begins.low), self.clock(begins.high))
            end = ClockRange(self.clock(ends.low), self.clock(ends.high))
            return self._window_words(start, end, clock=True)
        minutes = window.start, window.end
        start, end = (ClockRange(str(m.low), str(m.high)) for m in minutes)
        return self._window_words(start, end, clock=False)

    def _window_words(self, start: ClockRange, end: ClockRange, clock: bool) -> str:
        """The cases of :meth:`window`, for clock times or minutes of the meeting (already written out)."""
        if start.exact and end.exact:
            span = f"{start.low}{self.dash}{end.low}"
            return span if clock else self.gettext("minutes {span}", span=span)
        if start.exact:
            if clock:
                return self.gettext(
                    "{start} to about {early}, {late} at the latest", start=start.low, early=end.low, late=end.high
                )
            return self.gettext(
                "minute {start} to about {early}, {late} at the latest", start=start.low, early=end.low, late=end.high
            )
        if clock:
            if end.exact:
                return self.gettext(
                    "starts about {early}, {late} at the latest; ends at {end}",
                    early=start.low,
                    late=start.high,
                    end=end.low,
                )
            return self.gettext(
                "starts about {early}, {late} at the latest; ends by {end}",
                early=start.low,
                late=start.high,
                end=end.high,
            )
        if end.exact:
            return self.gettext(
                "starts about minute {early}, {late} at the latest; ends at minute {end}",
                early=start.low,
                late=start.high,
                end=end.low,
            )
        return self.gettext(
            "starts about minute {early}, {late} at the latest; ends by minute {end}",
            early=start.low,
            late=start.high,
            end=end.high,
        )

    def at(self, occurrence: Timed, edge: str = "end") -> str:
        """When what follows starts: ``om 19:45``, ``tussen 19:45 en 19:51``, ``vanaf minuut 45``.

        Without a start time the moment is a minute of the meeting, never a
        length (``na 45 min`` would read as "45 minutes from now").
        """
        return self._moment(occurrence, edge, final=False)

    def ends(self, occurrence: Timed) -> str:
        """When the meeting ends, after this: ``om 21:00``, ``op minuut 90``, ``tussen minuut 80 en 90``."""
        return self._moment(occurrence, "end", final=True)

    def _moment(self, occurrence: Timed, edge: str, final: bool) -> str:
        window = _window(occurrence)
        if window.clock is not None:
            times = window.clock.start if edge == "start" else window.clock.end
            if times.exact:
                return self.gettext("at {time}", time=self.clock(times.low))
            return self.gettext("between {early} and {late}", early=self.clock(times.low), late=self.clock(times.high))
        minutes = window.start if edge == "start" else window.end
        if minutes.exact and final:
            return self.gettext("at minute {minute}", minute=minutes.low)
        if minutes.exact:
            return self.gettext("from minute {minute}", minute=minutes.low)
        return self.gettext("between minute {early} and {late}", early=minutes.low, late=minutes.high)

    def start_time(self, occurrence: Timed) -> str | None:
        """The start of a phase for a time column: ``19:45``, ``20:20/21:25`` while it is open, None without a start.

        An open start is its earliest and its latest, joined by a slash, not a
        dash: in a time column ``20:20-21:25  8. Afsluiting  5 min`` reads as a
        65-minute slot for a 5-minute phase (a tester found), where the phase
        begins at 20:20 after one round or at 21:25 after two. The slash keeps
        the column as wide as a range.
        """
        window = _window(occurrence)
        if window.clock is None:
            return None
        low, high = self.clock(window.clock.start.low), self.clock(window.clock.start.high)
        return low if low == high else f"{low}/{high}"

    # -------------------------------------------------------------- the recipe's words

    def count(self, role: PlannedRole | Mapping[str, Any]) -> str:
        """How many hold a role; the open role while the group size is unknown is the rest of the group."""
        count = role["count"] if isinstance(role, Mapping) else role.count
        if count is None:
            return self.gettext("the rest of the group")
        return self.range(count)

    def people(self, value: Range | Mapping[str, int]) -> str:
        value = _range(value)
        return self.ngettext("{n} person", "{n} people", value.high, n=self.range(value))

    def rounds(self, value: Range | Mapping[str, int]) -> str:
        value = _range(value)
        return self.ngettext("{n} round", "{n} rounds", value.high, n=self.range(value))

    def groups(self, text: str) -> str:
        """The grouping of a phase; the common English keywords are translated."""
        key = text.strip().lower()
        known = {
            "alone": self.gettext("alone"),
            "individually": self.gettext("alone"),
            "whole group": self.gettext("whole group"),
            "pairs": self.gettext("pairs"),
            "trios": self.gettext("trios"),
            "threes": self.gettext("trios"),
            "fours": self.gettext("groups of {size}", size="4"),
        }
        if key in known:
            return known[key]
        found = re.fullmatch(r"groups of (\d+)(?:\s*-\s*(\d+))?", key)
        if found:
            size = found[1] if found[2] is None else f"{found[1]}{self.dash}{found[2]}"
            return self.gettext("groups of {size}", size=size)
        return text

    def meeting_ref(self, meeting: int | str) -> str:
        if meeting == "first":
            return self.gettext("the first {meeting}")
        if meeting == "last":
            return self.gettext("the last {meeting}")
        return self.gettext("{meeting} {n}", n=meeting)

    def anchor(self, anchor: Anchor | Mapping[str, Any]) -> str:
        if isinstance(anchor, Mapping):
            offset = _period(anchor["offset"]) if anchor["offset"] is not None else None
            anchor = Anchor(anchor["relation"], anchor["meeting"], offset)
        ref = self.meeting_ref(anchor.meeting)
        if anchor.offset is not None:
            offset_text = self.period(anchor.offset)
            if anchor.relation == "before":
                return self.gettext("{offset} before {ref}", offset=offset_text, ref=ref)
            return self.gettext("{offset} after {ref}", offset=offset_text, ref=ref)
        if anchor.relation == "before":
            return self.gettext("before {ref}", ref=ref)
        return self.gettext("after {ref}", ref=ref)

    def meetings(self, value: Range | Mapping[str, int]) -> str:
        value = _range(value)
        if value.exact:
            return self.gettext("{meeting} {n}", n=value.low)
        return self.gettext("{meetings} {range}", range=self.range(value))

    def run(self, total: Total | Mapping[str, Any]) -> str:
        """The meetings of a run with the same planned time; in an open series the last run has no end."""
        if isinstance(total, Mapping):
            meetings = _range(total["meetings"]) if total["meetings"] is not None else None
            and_later = bool(total.get("and_later"))
        else:
            meetings, and_later = total.meetings, total.and_later
        if meetings is None:
            return self.gettext("every {meeting}")
        if and_later:
            if meetings.low == 1:
                return self.gettext("every {meeting}")
            return self.gettext("{meeting} {n} and later", n=meetings.low)
        return self.meetings(meetings)

    def when(self, selectors: When | Sequence[Selector | Mapping[str, Any]] | None) -> str | None:
        """The meetings a phase belongs to, as a note says it: ``vanaf gesprek 2``, ``alleen in bijeenkomst 1``.

        A card that shows it as a line of its own gives it a capital
        (:func:`capitalised`); in a note (``beslismoment; alleen in bijeenkomst 3``)
        it stays in lower case.
        """
        found = _selectors(selectors)
        if not found:
            return None
        if len(found) == 1 and found[0].kind == "from":
            return self.gettext("from {meeting} {n} on", n=_low(found[0]))
        if len(found) == 1 and found[0].kind == "until":
            return self.gettext("until {meeting} {n}", n=_low(found[0]))
        parts = []
        for s in found:
            if s.kind == "first":
                parts.append(self.gettext("the first {meeting}"))
            elif s.kind == "last":
                parts.append(self.gettext("the last {meeting}"))
            elif s.kind == "from":
                parts.append(self.gettext("{meeting} {n} and later", n=_low(s)))
            elif s.kind == "until":
                parts.append(self.gettext("{meetings} 1 to {n}", n=_low(s)))
            else:
                assert s.meetings is not None
                parts.append(self.meetings(s.meetings))
        return self.gettext("only in {which}", which=self.join(parts, "or"))


def capitalised(text: str) -> str:
    """A phrase as a line of its own begins: with a capital (``Vanaf bijeenkomst 2``); the rest as it is."""
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- the JSON plan's data, for templates


def _range(value: Range | Mapping[str, int]) -> Range:
    return value if isinstance(value, Range) else Range(value["low"], value["high"])


def _period(value: Period | Mapping[str, Any]) -> Period:
    return value if isinstance(value, Period) else Period(_range(value["amount"]), value["unit"])


def _clock_range(value: ClockRange | Mapping[str, str]) -> ClockRange:
    return value if isinstance(value, ClockRange) else ClockRange(value["low"], value["high"])


def _window(value: Timed) -> Window:
    if isinstance(value, Window):
        return value
    if isinstance(value, (PlannedOccurrence, Total)):
        return value.window
    clock = value.get("clock")
    clocks = ClockWindow(_clock_range(clock["start"]), _clock_range(clock["end"])) if clock else None
    if "start" not in value:  # a total of the JSON plan: the whole meeting
        return Window(Range(0, 0), _range(value["minutes"]), clocks)
    return Window(_range(value["start"]), _range(value["end"]), clocks)


def _selectors(value: When | Sequence[Selector | Mapping[str, Any]] | None) -> list[Selector]:
    if value is None:
        return []
    if isinstance(value, When):
        return list(value.selectors)
    return [
        s if isinstance(s, Selector) else Selector(s["kind"], _range(s["meetings"]) if s["meetings"] else None)
        for s in value
    ]


def _low(selector: Selector) -> int:
    assert selector.meetings is not None
    return selector.meetings.low
