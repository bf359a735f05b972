"""The words of a dated plan in Dutch or English, on the localiser the cards use too.

The English text is the message id; ``locale/nl/LC_MESSAGES/schedule.po``
holds the Dutch of the schedule's own phrases, ``common.po`` those it shares
with the cards (dates, lengths, cadences). Every phrase a rendering needs is
a method here, so that the text, Markdown, JSON and iCalendar outputs say
the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from methodengine.model import EVERYONE, Recipe
from methodengine.output import nouns
from methodengine.output.localiser import Localiser
from methodengine.output.meeting_words import MeetingWord, meeting_word

if TYPE_CHECKING:  # the cards say these words too, and a deck without dates must not load the calendar
    from methodengine.planning.dated_plan import DatedPlan, PlannedMeeting, Run, Unplaced

DOMAIN = "schedule"


class Words(Localiser):
    """The phrases of a plan in one language (``nl`` or ``en``), on the shared :class:`Localiser`.

    ``_`` is the translation with the word for a meeting filled in (the
    caller fills in the rest with ``.format``). ``meeting`` is that word;
    :meth:`for_plan` takes it from the plan's recipe.
    """

    def __init__(self, language: str, meeting: MeetingWord | None = None) -> None:
        super().__init__(language, DOMAIN, meeting=meeting)

    @classmethod
    def for_plan(cls, language: str, plan: DatedPlan) -> Words:
        """The words of ``plan`` in ``language``, with the word for a meeting its recipe (or method) gives."""
        recipe = plan.recipe
        return cls(language, meeting_word(language, recipe.meeting_word, recipe.language))

    def _(self, message: str) -> str:
        """The translation of ``message`` with ``{meeting}`` and its kin filled in; other placeholders kept."""
        return self.translated(message).format_map(_Keep(self.meeting.values))

    def _plural(self, singular: str, plural: str, count: int) -> str:
        """The form of ``count`` with ``{meeting}`` and its kin filled in; other placeholders kept."""
        return self.translated_plural(singular, plural, count).format_map(_Keep(self.meeting.values))

    # -------------------------------------------------------------- times

    def window(self, meeting: PlannedMeeting) -> str:
        """``19:00-21:30``; ``(+1)`` when it ends the next day; empty without a start time."""
        if meeting.start is None:
            return ""
        if meeting.end is None:
            return self.clock(meeting.start)
        later = (meeting.end.date() - meeting.start.date()).days
        return f"{self.clock(meeting.start)}-{self.clock(meeting.end)}" + (f" (+{later})" if later else "")

    # -------------------------------------------------------------- the plan as a whole

    def heading(self, plan: DatedPlan) -> str:
        return self._("{title}: dated plan").format(title=plan.recipe.title)

    def overview(self, plan: DatedPlan) -> list[str]:
        """The sentences above the list of meetings: how many, how often, from when to when, how long."""
        _ = self._
        out: list[str] = []
        series = plan.series
        first, last = self.date(series[0].date), self.date(series[-1].date)
        if plan.open and plan.stopped is not None:
            out.append(
                _(
                    "An open series that ended with {meeting} {number}, on {date}, when its checkpoint said stop."
                ).format(number=plan.stopped, date=last)
            )
        elif plan.open and plan.held:
            held = self._plural(
                "An open series: {count} {meeting} held, dated up to {last}.",
                "An open series: {count} {meetings} held, dated up to {last}.",
                len(plan.held),
            )
            out.append(held.format(count=len(plan.held), last=last))
        elif plan.open and not plan.tentative:
            out.append(_("An open series: only the first {meeting} is planned, on {date}.").format(date=first))
        elif plan.open:
            count = self._plural(
                "An open series: {count} tentative {meeting}, {every}, from {first} to {last}.",
                "An open series: {count} tentative {meetings}, {every}, from {first} to {last}.",
                plan.planned,
            )
            out.append(count.format(count=plan.planned, every=self._every_or_none(plan), first=first, last=last))
        else:
            count = self._plural(
                "{count} {meeting}, {every}, from {first} to {last}.",
                "{count} {meetings}, {every}, from {first} to {last}.",
                plan.planned,
            )
            out.append(count.format(count=plan.planned, every=self._every_or_none(plan), first=first, last=last))
        extras = [m for m in plan.meetings if m.kind == "extra"]
        if extras:
            titles = [m.title for m in extras if m.index == 1 and m.title]
            out.append(
                self._plural(
                    "Extra {meeting} (marked +): {titles}.", "Extra {meetings} (marked +): {titles}.", len(titles)
                ).format(titles=self.titles(titles))
            )
        trajectory = plan.recipe.trajectory
        if plan.every_source == "lower-bound" and trajectory and trajectory.every and plan.every:
            out.append(
                _(
                    "The recipe says to meet {range}; this plan takes the shortest, {chosen}. Choose another with "
                    "--every."
                ).format(range=self.every(trajectory.every), chosen=self.period(plan.every))
            )
        elif plan.every_source == "option" and trajectory and trajectory.every and plan.every:
            out.append(
                _("Chosen with --every: {chosen} (the recipe allows {range}).").format(
                    chosen=self.every(plan.every), range=self.period(trajectory.every)
                )
            )
        elif plan.every_source == "option" and plan.every:
            out.append(_("Chosen with --every: {chosen}.").format(chosen=self.every(plan.every)))
        out += self.calendar(plan)
        if plan.at is not None and plan.uniform_minutes:
            out.append(
                _("Each {meeting} starts at {time} and lasts {length}.").format(
                    time=self.clock(plan.at), length=self.length(plan.uniform_minutes)
                )
            )
        elif plan.at is not None:
            out.append(_("Each {meeting} starts at {time}.").format(time=self.clock(plan.at)))
        elif plan.uniform_minutes:
            out.append(
                _("Each {meeting} lasts {length}; give the start time with --at.").format(
                    length=self.length(plan.uniform_minutes)
                )
            )
        return out

    def calendar(self, plan: DatedPlan) -> list[str]:
        """The calendar rules the plan keeps: the place in the month of a monthly series, the public holidays."""
        _ = self._
        out: list[str] = []
        start = plan.series[0].date if plan.series else plan.start
        from methodengine.planning.calendar_rules import month_step
        from methodengine.planning.series_dates import step

        if plan.planned > 1 and month_step(plan.every, plan.calendar.monthly) is not None:
            out.append(
                _("{Meetings} fall on the {place} {weekday} of the month.").format(
                    place=self.place(start), weekday=self.weekday(start)
                )
            )
        elif plan.planned > 1 and plan.every is not None and plan.every.unit in ("month", "year"):
            said = (
                _("{Meetings} fall on day {day} of the month, or on the last day of a shorter month.")
                if start.day > 28
                else _("{Meetings} fall on day {day} of the month.")
            )
            out.append(said.format(day=start.day))
        holidays = plan.calendar.holidays
        if holidays is not None:
            daily = step(plan.every).days == 1
            if holidays.school and daily:
                said = _(
                    "A {meeting} that would fall on a public holiday or in the school holidays ({country}) moves "
                    "to the next day."
                )
            elif holidays.school:
                said = _(
                    "A {meeting} that would fall on a public holiday or in the school holidays ({country}) moves "
                    "a week on, to the same weekday."
                )
            elif daily:
                said = _("A {meeting} that would fall on a public holiday ({country}) moves to the next day.")
            else:
                said = _(
                    "A {meeting} that would fall on a public holiday ({country}) moves a week on, to the same weekday."
                )
            out.append(said.format(country=str(holidays)))
        return out

    def place(self, day: dt.date) -> str:
        """The place of ``day`` among its month's weekdays: ``second`` (``tweede``); the fifth week is ``last``."""
        _ = self._
        from methodengine.planning.calendar_rules import place

        nth = place(day).n or 1
        return [_("first"), _("second"), _("third"), _("fourth"), _("last")][nth - 1 if nth > 0 else -1]

    def moved(self, plan: DatedPlan, meeting: PlannedMeeting) -> str:
        """Why a meeting moved: a skipped date, a skip file's entry (with its name), a public holiday (named)."""
        _ = self._
        assert meeting.moved_from is not None
        date = self.date(meeting.moved_from)
        kind = meeting.moved_for.kind if meeting.moved_for is not None else "skip"
        name = self.moved_reason(plan, meeting)
        if kind == "holiday" and name is not None:
            return _("Moved from {date}, a public holiday: {name}.").format(date=date, name=name)
        if kind == "school" and name is not None:
            return _("Moved from {date}, in the school holidays: {name}.").format(date=date, name=name)
        if kind == "file":
            if name:
                return _("Moved from {date}: {reason}.").format(date=date, reason=name)
            return _("Moved from {date}, a date in the skip file.").format(date=date)
        return _("Moved from {date}, a skipped date.").format(date=date)

    def moved_reason(self, plan: DatedPlan, meeting: PlannedMeeting) -> str | None:
        """The name of what a meeting moved off: a holiday's name, a skip file entry's name, or None.

        One place for it, so that the plan's line (:meth:`moved`), the JSON
        and the cards' trajectory card name the same thing.
        """
        closure = meeting.moved_for
        if closure is None or meeting.moved_from is None:
            return None
        if closure.kind in ("holiday", "school") and plan.calendar.holidays is not None:
            return plan.calendar.holiday_name(meeting.moved_from, self.language, school=closure.kind == "school")
        return closure.reason

    def _every_or_none(self, plan: DatedPlan) -> str:
        return self.every(plan.every) if plan.every else self._("no cadence")

    def notes(self, plan: DatedPlan) -> list[str]:
        """The sentences below the list: the checkpoint rule, skipped dates that changed nothing, unplaced meetings."""
        _ = self._
        out: list[str] = []
        if plan.open and plan.stopped is None:  # a series that stopped goes on no longer
            out += self.checkpoint_rule(plan)
        for date in plan.unused_skips:
            out.append(_("No {meeting} falls on {date}, so skipping it changes nothing.").format(date=self.date(date)))
        for unplaced in plan.unplaced:
            out.append(
                _("{title} has no date in this plan: {reason}.").format(
                    title=unplaced.meeting.title, reason=self.reason(unplaced)
                )
            )
        return [_tidy(sentence) for sentence in out]

    def checkpoint_rule(self, plan: DatedPlan) -> list[str]:
        """How an open series goes on: the checkpoint that closes each meeting decides."""
        _ = self._
        recipe = plan.recipe
        if not plan.checkpoints:
            out = [_("The series has no fixed number of {meetings}; it runs until the participants end it.")]
            if not plan.tentative:
                out.append(_("To date tentative {meetings} after the first, give their number with --meetings."))
            return out
        # The checkpoint that closes the meeting: the last one in the agenda.
        checkpoint = plan.checkpoints[-1]
        if EVERYONE in checkpoint.decide:  # one word for all: "iedereen beslist", not "iedereen beslissen ieder"
            rule = _(
                "The series has no fixed number of {meetings}. Each {meeting} ends with the checkpoint "
                "\u201c{title}\u201d: everyone decides whether a next {meeting} is useful."
            ).format(title=checkpoint.title)
            then = _("Plan the next {meeting} only when everyone says go on.")
            return [f"{rule} {then}", *self._tentative_rule(plan)]
        deciders = [self._decider(recipe, ident) for ident in checkpoint.decide]
        rule = _(
            "The series has no fixed number of {meetings}. Each {meeting} ends with the checkpoint "
            "\u201c{title}\u201d: {who} each decide whether a next {meeting} is useful."
        ).format(title=checkpoint.title, who=self.join(deciders) or _("the participants"))
        then = (
            _("Plan the next {meeting} only when both say go on.")
            if len(deciders) == 2
            else _("Plan the next {meeting} only when all of them say go on.")
        )
        return [f"{rule} {then}", *self._tentative_rule(plan)]

    def _tentative_rule(self, plan: DatedPlan) -> list[str]:
        """What the meetings after the first are: tentative, or not dated until ``--meetings`` says how many."""
        _ = self._
        if plan.tentative:
            return [
                _(
                    "{Meetings} after the first are tentative: each takes place only if the checkpoint of the "
                    "{meeting} before says go on."
                )
            ]
        return [_("To date tentative {meetings} after the first, give their number with --meetings.")]

    def _decider(self, recipe: Recipe, ident: str) -> str:
        """A deciding role as a sentence names it: ``de coach``; the name as written in a language it is not in
        (in the plural of its own language when several people hold it, as the cards do)."""
        role = recipe.role(ident)
        if ident == EVERYONE or role is None:
            return ident
        many = role.count is None or role.count.high > 1
        if (recipe.language or self.language) != self.language:
            return nouns.plural(role.name, recipe.language or self.language) if many else role.name
        noun = nouns.noun(role.name)
        word = nouns.plural(noun, self.language) if many else noun
        return f"{nouns.article(noun, self.language, many)} {word}"

    def reason(self, unplaced: Unplaced) -> str:
        """Why an extra meeting has no date."""
        _ = self._
        if unplaced.reason == "no-anchor":
            return _("it has no `at:`")
        if unplaced.reason == "open-last":
            return _("the series is open, so its last {meeting} has no date")
        return _("{meeting} {number} is not in this plan").format(number=unplaced.number)

    @staticmethod
    def titles(items: Sequence[str]) -> str:
        """Titles of phases or meetings, which may hold ``and`` themselves: ``A; B; C``."""
        return "; ".join(items)

    # -------------------------------------------------------------- one meeting

    def name(self, plan: DatedPlan, meeting: PlannedMeeting) -> str:
        """``Meeting 3 of 8``, ``Bijeenkomst 3``, or an extra meeting's title (``Follow-upgesprek (2 of 2)``)."""
        _ = self._
        if meeting.kind == "extra":
            assert meeting.title is not None
            if meeting.of > 1:
                return f"{meeting.title} ({_('{index} of {count}').format(index=meeting.index, count=meeting.of)})"
            return meeting.title
        if plan.total is not None:
            return _("{Meeting} {number} of {total}").format(number=meeting.number, total=plan.total)
        return _("{Meeting} {number}").format(number=meeting.number)

    def label(self, plan: DatedPlan, meeting: PlannedMeeting) -> str:
        """An extra meeting's title with what it is: ``Follow-upgesprek (2 of 2, optional)``; a meeting of the
        series: its stage, with ``(tentative)``."""
        _ = self._
        parts: list[str] = []
        if meeting.kind == "extra":
            assert meeting.title is not None
            title = meeting.title
            if meeting.of > 1:
                parts.append(_("{index} of {count}").format(index=meeting.index, count=meeting.of))
        else:
            title = self.stage(plan, meeting)
        parts += self.marks(meeting)
        if not parts:
            return title
        return f"{title} ({', '.join(parts)})" if title else f"({', '.join(parts)})"

    def marks(self, meeting: PlannedMeeting) -> list[str]:
        """``held``, ``optional``, ``tentative``."""
        _ = self._
        out = []
        if meeting.held is not None:
            out.append(_("held"))
        if meeting.optional:
            out.append(_("optional"))
        if meeting.tentative:
            out.append(_("tentative"))
        return out

    def stage(self, plan: DatedPlan, meeting: PlannedMeeting) -> str:
        if meeting.stage is None:
            return ""
        return meeting.stage.title

    def specials(self, plan: DatedPlan, meeting: PlannedMeeting) -> list[str]:
        """What is special about a meeting, one sentence each, in the order a trainer needs them."""
        return [_tidy(s) for s in self._specials(plan, meeting)]

    def _specials(self, plan: DatedPlan, meeting: PlannedMeeting) -> list[str]:
        _ = self._
        out: list[str] = []
        if meeting.held is not None:
            out += self.held(meeting)
        if meeting.moved_from is not None:
            out.append(self.moved(plan, meeting))
        if meeting.kind == "extra":
            assert meeting.extra is not None
            if meeting.extra.at is not None:
                out.append(self.anchor(meeting))
            if meeting.extra.summary:
                out.append(meeting.extra.summary)
            return out
        if meeting.stage is not None and meeting.stage_start:
            stages = len(plan.recipe.trajectory.stages) if plan.recipe.trajectory else 0
            out.append(
                _("Stage {number} of {count} begins: {title}.").format(
                    number=meeting.stage_number, count=stages, title=meeting.stage.title
                )
            )
            if meeting.stage.focus:
                out.append(_("Focus: {focus}").format(focus=meeting.stage.focus))
        out += self.runs(meeting.runs)
        if meeting.last:
            out.append(_("The last {meeting} of the series."))
        return out

    def held(self, meeting: PlannedMeeting) -> list[str]:
        """What a run log says about a held meeting: when it really ran, and what its checkpoint decided."""
        _ = self._
        held = meeting.held
        assert held is not None
        out = [
            _("Held from {start} to {end}; planned to start at {planned}.").format(
                start=self.clock(held.start), end=self.clock(held.end), planned=self.clock(held.planned_start)
            )
        ]
        if not held.finished:
            out.append(_("Ended before its last phase."))
        if held.ends_series:
            out.append(_("The checkpoint said stop: the series ends with this {meeting}."))
        elif held.stopped:  # a fixed series: the recipe fixes its number of meetings, a stop ends nothing
            out.append(_("The checkpoint said stop."))
        elif held.went_on:
            out.append(_("The checkpoint said go on."))
        return out

    def runs(self, runs: Sequence[Run]) -> list[str]:
        _ = self._
        out: list[str] = []
        only = [r.title for r in runs if r.only]
        onward = [r.title for r in runs if r.last is None]
        if only:
            out.append(_("Only in this {meeting}: {titles}.").format(titles=self.titles(only)))
        if onward:
            out.append(_("From this {meeting} on: {titles}.").format(titles=self.titles(onward)))
        for run in runs:
            if run.last is not None and not run.only:
                out.append(
                    _("In {meetings} {first}-{last}: {title}.").format(first=run.first, last=run.last, title=run.title)
                )
        return out

    def anchor(self, meeting: PlannedMeeting) -> str:
        """Where an extra meeting belongs: ``Before meeting 1.``, ``3 months after the last meeting.``"""
        _ = self._
        assert meeting.extra is not None and meeting.extra.at is not None
        anchor, every = meeting.extra.at, meeting.extra.every
        if meeting.index > 1 and anchor.relation == "after":
            if every is not None:
                return _("{period} after the one before.").format(period=self.period(every))
            return _("After the one before.")
        if anchor.meeting == "last":
            ref = _("the last {meeting}")
        elif anchor.meeting == "first":
            ref = _("the first {meeting}")
        else:
            ref = _("{meeting} {number}").format(number=anchor.meeting)
        if anchor.offset is not None:
            if anchor.relation == "before":
                return _("{offset} before {ref}.").format(offset=self.period(anchor.offset), ref=ref)
            return _("{offset} after {ref}.").format(offset=self.period(anchor.offset), ref=ref)
        if anchor.relation == "before":
            return _("Before {ref}.").format(ref=ref)
        return _("After {ref}.").format(ref=ref)

    def agenda_heading(self) -> str:
        return self._("Agenda")

    def agenda_lines(self, meeting: PlannedMeeting) -> list[str]:
        """The agenda of a meeting, one line per phase with its time box; rounds with their phases indented."""
        _ = self._
        out: list[str] = []
        for line in meeting.agenda:
            indent = "  " * line.depth
            if line.rounds is not None:
                label = self._plural("{count} round", "{count} rounds", line.rounds.high).format(count=line.rounds)
                out.append(f"{indent}- {line.title} ({label}, {self.minutes(line.minutes)})")
                continue
            box = self.minutes(line.minutes)
            if line.checkpoint:
                box = _("{timebox}, checkpoint").format(timebox=box)
            out.append(f"{indent}- {line.title} ({box})")
        return out


class _Keep(dict[str, str]):
    """Placeholders to fill in now; any other is kept as written, for the caller's ``.format``."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _tidy(sentence: str) -> str:
    """No full stop after a title that ends a sentence itself: ``Wat wil je bereiken?.`` becomes ``...bereiken?``."""
    if len(sentence) > 1 and sentence.endswith(".") and sentence[-2] in "?!.":
        return sentence[:-1]
    return sentence
