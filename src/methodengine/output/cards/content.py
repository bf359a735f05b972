"""From the meeting plan to cards: every label translated, every time and number local.

A card is a dict the templates render: a ``label`` (what kind of card, and
its number), a ``title``, ``time`` lines, ``sub`` lines under the title, the
``entries`` of its body and the ``foot`` lines. Entries are few and simple,
so that every format (text, Markdown, HTML) renders the same card, and the
HTML pager can tell how much room each takes:

``fact``     a label and a text (``Spreekt: Inbrenger``)
``line``     a script line with its kind and label (``Vraag: ...``)
``heading``  a heading inside the card
``row``      an agenda-like row: an optional ``time``, ``left`` text, an
             optional ``note`` under it, ``right`` text; ``indent`` 0 or 1
``para``     a paragraph
``check``    a deciding role with its ``options`` to tick
``write``    a label with room to write
``rule``     a separator

The words come from :class:`~methodengine.output.cards.wording.Formatter`
(found here too, as before). Each card also carries ``data``: the part of
the plan it shows, as the JSON plan has it (``docs/cards.md``), for
templates that want more than the entries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from methodengine.model import EVERYONE, Range, ScriptLine, When
from methodengine.output import nouns
from methodengine.output.cards.wording import Formatter, capitalised
from methodengine.output.schedule.words import Words
from methodengine.planning.meeting_plan import (
    ClockWindow,
    MeetingPlan,
    NextPhase,
    PlanAgendaItem,
    PlannedPhase,
    PlannedRole,
    Window,
)

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan, PlannedMeeting, Unplaced

__all__ = ["SCRIPT_ORDER", "CardBuilder", "Formatter"]

SCRIPT_ORDER = ("tip", "watch", "output", "materials")


class CardBuilder:
    """Builds the cards of a plan in one language."""

    def __init__(self, plan: MeetingPlan, f: Formatter) -> None:
        self.plan = plan
        self.f = f
        self.roles = {r.id: r for r in plan.roles}
        self.names_in = plan.recipe.language or f.language
        """The language the recipe names its roles in: a sentence inflects them only in that language."""
        self.data = plan.to_data()
        """The plan as the JSON has it: each card's ``data`` is its part."""

    def _(self, message: str, **values: Any) -> str:
        return self.f.gettext(message, **values)

    def cards(self) -> list[dict[str, Any]]:
        built: list[dict[str, Any]] = []
        plan = self.plan
        for ref in plan.cards:
            if ref.kind == "overview":
                built.append(self.overview())
            elif ref.kind == "phase" and ref.phase is not None:
                built.append(self.phase(plan.phase(ref.phase)))
            elif ref.kind == "checkpoint" and ref.phase is not None:
                built.append(self.checkpoint(plan.phase(ref.phase)))
            elif ref.kind == "role" and ref.role is not None:
                built.append(self.role(self.roles[ref.role]))
            elif ref.kind == "trajectory":
                built.append(self.trajectory())
            elif ref.kind == "extra" and ref.extra is not None:
                built.append(self.extra(ref.extra))
        for card in built:
            _mark_runs(card["entries"])
        return built

    @staticmethod
    def card(kind: str, label: str, title: str, data: Any = None, **more: Any) -> dict[str, Any]:
        card: dict[str, Any] = {
            "kind": kind,
            "label": label,
            "title": title,
            "time": [],
            "sub": [],
            "entries": [],
            "foot": [],
            "data": data,
            "part": 1,
            "parts": 1,
            "scale": 1,
        }
        card.update(more)
        return card

    def _phase_data(self, phase: PlannedPhase) -> dict[str, Any]:
        return self.data["phases"][phase.number - 1]

    def _role_data(self, role: PlannedRole) -> dict[str, Any]:
        return self.data["roles"][self.plan.roles.index(role)]

    # -------------------------------------------------------------- pieces

    def when(self, when: When | None) -> str | None:
        """The meetings a phase runs in, lower case as a note says it; a card of one meeting (--meeting) says none."""
        return None if self.plan.meeting is not None else self.f.when(when)

    def role_name(self, role_id: str) -> str:
        if role_id == EVERYONE:
            return self._("everyone")
        role = self.roles.get(role_id)
        return role.name if role else role_id

    def role_names(self, role_ids: Sequence[str]) -> str:
        return self.f.join([self.role_name(r) for r in role_ids])

    def turn(self, phase: PlannedPhase) -> str | None:
        """The role whose turn a rounds block is, one of them per round: none outside a block.

        The plan does not name it, so it is told by the counts: the one role
        held by as many people as the block has rounds (``rondes 1-2`` with
        ``rol inbrenger`` of ``aantal: 1-2``), more than one at most. Its
        phases name it in the singular (``Spreekt: de inbrenger``): in each
        round one of them has the turn.
        """
        block = phase.rounds
        if block is None or block.block.count.high <= 1:
            return None
        held = [r.id for r in self.plan.roles if not r.facilitator and r.count == block.block.count]
        return held[0] if len(held) == 1 else None

    def who(self, role_ids: Sequence[str], turn: str | None = None) -> tuple[str, int]:
        """The roles as a sentence names them, and whether that is one person (1) or more (2).

        ``de groepsleden en de inbrenger``: each role's noun (:mod:`methodengine.output.nouns`)
        with its article, in the plural when more than one person holds it.
        Cards in a language the recipe's names are not written in name the
        roles as written (titles, no article), in the plural of the names' own
        language when several people hold the role: ``Listen  Deelnemers``.
        The role whose ``turn`` it is (:meth:`turn`) is one person.
        """
        parts: list[str] = []
        people = 0
        for role_id in role_ids:
            role = self.roles.get(role_id)
            if role_id == EVERYONE or role is None:
                parts.append(self.role_name(role_id))
                people += 1
                continue
            many = role_id != turn and (role.count is None or role.count.high > 1)
            people += 2 if many else 1
            if self.names_in != self.f.language:
                parts.append(nouns.plural(role.name, self.names_in) if many else role.name)
                continue
            noun = nouns.noun(role.name)
            word = nouns.plural(noun, self.f.language) if many else noun
            parts.append(f"{nouns.article(noun, self.f.language, many)} {word}")
        return self.f.join(parts), 1 if people <= 1 else 2

    def per(self, role_id: str) -> str:
        """The role a time box is counted by, as ``3 min per deelnemer`` says it; ``per persoon`` for everyone."""
        role = self.roles.get(role_id)
        if role_id == EVERYONE:
            return self._("person")
        if role is None or self.names_in != self.f.language:
            return self.role_name(role_id)
        return nouns.noun(role.name)

    def timebox(self, phase: PlannedPhase) -> tuple[str, str | None]:
        """A phase's minutes, and how they are counted when they are per person."""
        per = phase.timebox.per
        if per is None:
            return self.f.minutes(phase.minutes), None
        how = self._("{minutes} per {role}", minutes=self.f.minutes(phase.timebox.duration.minutes), role=self.per(per))
        return self.f.minutes(phase.minutes), how

    def meeting_line(self) -> str | None:
        meeting = self.plan.meeting
        if meeting is None:
            return None
        if meeting.of is not None:
            text = self._("{Meeting} {n} of {total}", n=meeting.number, total=meeting.of)
        else:
            text = self._("{Meeting} {n}", n=meeting.number)
        if meeting.date is not None:
            text = f"{text} · {self.f.date(meeting.date)}"
        if meeting.stage is not None:
            text = f"{text} · {meeting.stage.title}"
        return text

    def phase_label(self, phase: PlannedPhase) -> str:
        """``Fase 1 van 11``: its place in its meeting, as the trainer holds it, not its number in the deck.

        In the deck of a series a phase whose place differs from meeting to
        meeting says so (``Fase 3-4 van 3-4``), or that it is the last one.
        """
        place, places = phase.place, phase.places
        if not place.exact and place == places:
            return self._("Last phase")
        return self._("Phase {n} of {total}", n=self.f.range(place), total=self.f.range(places))

    def place(self, phase: PlannedPhase) -> str:
        """The number an agenda or a role card gives a phase: its place in its meeting (``1``, or ``3-4``)."""
        return self.f.range(phase.place)

    def instead_lines(self, phase: PlannedPhase) -> list[str]:
        """The phases that take this one's place in other meetings: ``In plaats daarvan vanaf bijeenkomst 2: ...``."""
        lines = []
        for number in phase.alternatives:
            other = self.plan.phase(number)
            when = self.when(other.when)
            if when:
                lines.append(self._("Instead, {when}: {title}", when=when, title=other.title))
            else:
                lines.append(self._("Instead, in the other {meetings}: {title}", title=other.title))
        return lines

    def next_title(self, ref: NextPhase | None, quoted: bool = False) -> str:
        """The phase that follows (with its round), or the end of the meeting; ``quoted``: its title in quotes.

        Among alternatives each title is quoted, so that the ``of`` between
        them cannot be read as part of a title, nor a title's own ``?`` as
        the end of the line: ``“Evaluatie” of “Gaan we door?”``.
        """
        if ref is None:
            return self._("the end of the {meeting}")
        title = self._("“{title}”", title=ref.title) if quoted else ref.title
        block = self.plan.phase(ref.phase).rounds
        if ref.round is not None and block is not None and block.count.high > 1:
            return self._("{title} (round {n})", title=title, n=ref.round)
        return title

    def alternatives(self, refs: Sequence[NextPhase | None]) -> str:
        """What may follow a phase, one of several: ``“Evaluatie” of “Gaan we door?” (alleen in bijeenkomst 6)``.

        A phase that runs only in some meetings says which, so the trainer
        can tell which one comes next in this meeting.
        """
        titles = []
        for ref in sorted(refs, key=lambda r: r is None):  # the end of the meeting last: "... of het einde"
            title = self.next_title(ref, quoted=True)
            when = self.when(self.plan.phase(ref.phase).when) if ref is not None else None
            titles.append(f"{title} ({when})" if when else title)
        return self.f.join(titles, "or")

    def next_lines(self, phase: PlannedPhase) -> list[str]:
        """What follows a phase, and when: ``Volgende fase, om 19:45: Analyse`` (the title last: it may end in ?)."""
        occurrences = phase.occurrences
        titles = [tuple(r.title if r else None for r in o.next) for o in occurrences]
        if len(occurrences) == 1 or (len(set(titles)) == 1 and len(titles[0]) == 1):
            first = occurrences[0]
            options = first.next
            moment = self.f.ends if options == (None,) else self.f.at
            if len(occurrences) == 1:
                at = moment(first)
            else:
                at = self.f.join([self._("round {n} {at}", n=o.round, at=moment(o)) for o in occurrences])
            if options == (None,):
                return [self._("End of the {meeting}, {at}", at=at)]
            if len(options) == 1:
                only = options[0]
                assert only is not None
                title = self.next_title(only) if len(occurrences) == 1 else only.title
                return [self._("Next phase, {at}: {title}", title=title, at=at)]
            return [self._("Next, {at}: {what}", at=at, what=self.alternatives(options))]
        lines = []
        for o in occurrences:
            what = self.alternatives(o.next) if len(o.next) > 1 else self.next_title(o.next[0])
            at = self.f.ends(o) if o.next == (None,) else self.f.at(o)  # the meeting ends *op* minuut 20
            lines.append(self._("After round {n}, {at}: {what}", n=o.round, at=at, what=what))
        return lines

    def time_lines(self, phase: PlannedPhase) -> list[str]:
        occurrences = phase.occurrences
        if len(occurrences) == 1 and occurrences[0].round is None:
            return [self.f.window(occurrences[0])]
        return [self._("Round {n}: {window}", n=o.round, window=self.f.window(o)) for o in occurrences]

    # -------------------------------------------------------------- overview

    def overview(self) -> dict[str, Any]:
        plan, f = self.plan, self.f
        recipe = plan.recipe
        card = self.card("overview", self._("Overview"), recipe.title, self.data)
        line = self.meeting_line()
        if line:
            card["sub"].append(line)
        totals = plan.totals
        if len(totals) == 1 and totals[0].clock is not None:
            card["time"].append(f.window(totals[0]))
        entries = card["entries"]
        if recipe.summary:
            entries.append({"type": "para", "text": recipe.summary})
        stage = plan.meeting.stage if plan.meeting else None
        if stage is not None and stage.focus:
            entries.append({"type": "fact", "label": self._("Focus"), "text": stage.focus})
        names = recipe.method_names
        if names:
            method = names.get(f.language) or names.get("en") or recipe.method
            entries.append({"type": "fact", "label": self._("Method"), "text": method})
        elif recipe.method:
            entries.append({"type": "fact", "label": self._("Method"), "text": recipe.method})
        if recipe.source:
            entries.append({"type": "fact", "label": self._("Source"), "text": recipe.source})
        if plan.group is not None:
            text = f.people(plan.group)
            if plan.options.group is not None and recipe.group is not None:
                text = self._("{group} (recipe: {recipe})", group=text, recipe=f.range(recipe.group))
            entries.append({"type": "fact", "label": self._("Group"), "text": text})
        if recipe.facilitators is not None:
            entries.append({"type": "fact", "label": self._("Facilitators"), "text": f.range(recipe.facilitators)})
        if recipe.duration is not None:
            entries.append({"type": "fact", "label": self._("Duration"), "text": f.duration(recipe.duration)})

        if plan.roles:
            entries.append({"type": "heading", "text": self._("Roles")})
            for role in plan.roles:
                note = self._("facilitator") if role.facilitator else None
                entries.append(_row(role.name, f.count(role), note=note))

        if plan.agenda:
            entries.append({"type": "heading", "text": self._("Agenda")})
            for item in plan.agenda:
                if item.rounds is not None:
                    entries.append(self.block_row(item))
                    for number in item.phases:
                        entries.append(self.agenda_row(plan.phase(number), indent=1))
                else:
                    entries.append(self.agenda_row(plan.phase(item.phases[0])))
            duration = recipe.duration
            for total in totals:
                text = f.minutes(total.minutes)
                if duration is not None and total.minutes == duration:
                    text = f.duration(duration)  # as planned: one length, not "60 min of 60 min"
                elif duration is not None:
                    text = self._("{planned} of {duration}", planned=text, duration=f.minutes(duration))
                one = len(totals) == 1
                label = self._("Total") if one else self._("Total, {which}", which=f.run(total))
                entries.append(_row(label, text, strong=True))
        return card

    def block_row(self, item: PlanAgendaItem) -> dict[str, Any]:
        """A rounds block's row: its title, its rounds, when it runs, and with a start time each round's window."""
        block = item.rounds
        assert block is not None
        notes = [self.when(block.when), self.round_windows([self.plan.phase(n) for n in item.phases])]
        note = "; ".join(n for n in notes if n) or None
        return _row(block.title, self.f.rounds(block.count), note=note, strong=True)

    def round_windows(self, phases: Sequence[PlannedPhase]) -> str | None:
        """Each round of a block with its clock times: ``ronde 1 19:15-20:20 · ronde 2 20:20-21:25``.

        The rows under a block show round 1's times; this line gives every
        round's, the optional ones marked. None without a start time, or for
        a block of one round, whose rows say it all.
        """
        first, last = phases[0].occurrences, phases[-1].occurrences
        if len(first) < 2 or first[0].clock is None:
            return None
        parts = []
        for begins, ends in zip(first, last, strict=True):
            assert begins.clock is not None and ends.clock is not None
            window = self.f.window(Window(begins.start, ends.end, ClockWindow(begins.clock.start, ends.clock.end)))
            if begins.optional:
                parts.append(self._("round {n} {window}, if held", n=begins.round, window=window))
            else:
                parts.append(self._("round {n} {window}", n=begins.round, window=window))
        return " · ".join(parts)

    def agenda_row(self, phase: PlannedPhase, indent: int = 0) -> dict[str, Any]:
        minutes, how = self.timebox(phase)
        notes = [how, self.when(phase.when)]
        if phase.checkpoint:
            notes.insert(0, self._("checkpoint"))
        note = "; ".join(n for n in notes if n) or None
        time = self.f.start_time(phase.occurrences[0])
        return _row(f"{self.place(phase)}. {phase.title}", minutes, note=note, time=time, indent=indent)

    # -------------------------------------------------------------- phase

    def phase(self, phase: PlannedPhase) -> dict[str, Any]:
        label = self.phase_label(phase)
        if phase.checkpoint:
            label = f"{label} · {self._('checkpoint')}"
        card = self.card("phase", label, phase.title, self._phase_data(phase))
        card["time"] = self.time_lines(phase)
        minutes, how = self.timebox(phase)
        card["sub"].append(f"{minutes} ({how})" if how else minutes)
        when = self.when(phase.when)
        if when:
            card["sub"].append(capitalised(when))
        if self.plan.meeting is None:
            card["sub"].extend(self.instead_lines(phase))
        block = phase.rounds
        if block is not None:
            text = f"{block.title} ({self.f.rounds(block.count)})"
            optional = [o.round for o in phase.occurrences if o.optional]
            if optional:
                text += " · " + self.f.ngettext(
                    "round {rounds} only if held",
                    "rounds {rounds} only if held",
                    len(optional),
                    rounds=self.f.join([str(n) for n in optional]),
                )
            card["sub"].append(text)
            block_when = self.when(block.when)
            if block_when:
                card["sub"].append(capitalised(block_when))
        line = self.meeting_line()
        if line:
            card["sub"].append(line)

        entries = card["entries"]
        ngettext = self.f.ngettext
        who: list[tuple[Callable[[int], str], Sequence[str]]] = [
            (lambda n: ngettext("Leads", "Lead", n), [phase.lead] if phase.lead else []),
            (lambda n: ngettext("Speaks", "Speak", n), phase.speak),
            (lambda n: ngettext("Listens", "Listen", n), phase.listen),
            (lambda n: ngettext("Sits outside the circle", "Sit outside the circle", n), phase.outside),
            (lambda n: ngettext("Decides", "Decide", n), phase.decide),
        ]
        # The verb agrees with the people named: `Spreekt: de inbrenger`, `Spreken: de groepsleden en de inbrenger`.
        turn = self.turn(phase)
        for verb, ids in who:
            if ids:
                text, people = self.who(ids, turn)
                entries.append({"type": "fact", "label": verb(people), "text": text})
        if phase.groups:
            entries.append({"type": "fact", "label": self._("Groups"), "text": self.f.groups(phase.groups)})
        if phase.space:
            entries.append({"type": "fact", "label": self._("Space"), "text": phase.space})
        for group in self.script(phase.script):
            if entries:
                entries.append({"type": "rule"})
            entries.extend(group)
        card["foot"] = self.next_lines(phase)
        return card

    def script(self, script: Sequence[ScriptLine]) -> list[list[dict[str, Any]]]:
        """The script lines as entries in two groups: say, ask and do in order; then tips and the rest."""
        labels = {
            "say": self._("Say"),
            "ask": self._("Ask"),
            "do": self._("Do"),
            "tip": self._("Tip"),
            "watch": self._("Watch"),
            "output": self._("Output"),
            "materials": self._("Materials"),
        }
        main = [s for s in script if s.kind not in SCRIPT_ORDER]
        rest = sorted((s for s in script if s.kind in SCRIPT_ORDER), key=lambda s: SCRIPT_ORDER.index(s.kind))
        return [
            [{"type": "line", "kind": s.kind, "label": labels.get(s.kind, s.kind), "text": s.text} for s in group]
            for group in (main, rest)
            if group
        ]

    # -------------------------------------------------------------- checkpoint

    def checkpoint(self, phase: PlannedPhase) -> dict[str, Any]:
        card = self.card("checkpoint", self._("Checkpoint"), phase.title, self._phase_data(phase))
        card["time"] = self.time_lines(phase)
        when = self.when(phase.when)
        if when:
            card["sub"].append(capitalised(when))
        line = self.meeting_line()
        if line:
            card["sub"].append(line)
        entries = card["entries"]
        for s in phase.script:
            if s.kind == "ask":
                entries.append({"type": "line", "kind": "ask", "label": self._("Ask"), "text": s.text})
        if entries:
            entries.append({"type": "rule"})
        _names, people = self.who(phase.decide)
        two = people == 2 and sum(self._people(r) for r in phase.decide) == 2
        rule = (
            self._("You each decide: continue or stop. A next {meeting} follows only if you both choose to continue.")
            if two
            else self._(
                "Each decides: continue or stop. A next {meeting} follows only if everyone chooses to continue."
            )
        )
        entries.append({"type": "para", "text": rule})
        options = [self._("Continue"), self._("Stop")]
        for role_id in phase.decide:
            label = self.role_name(role_id)  # a title, as the role names are: Iedereen, not iedereen
            entries.append({"type": "check", "label": capitalised(label), "options": options})
        tips = [s for s in phase.script if s.kind == "tip"]
        if tips:
            entries.append({"type": "rule"})
            entries.extend({"type": "line", "kind": "tip", "label": self._("Tip"), "text": s.text} for s in tips)
        entries.append({"type": "write", "label": self._("Next {meeting}")})
        card["foot"] = self.next_lines(phase)
        return card

    def _people(self, role_id: str) -> int:
        """How many people hold a role, at most; 3 for a count nobody knows yet (more than two, at least)."""
        role = self.roles.get(role_id)
        if role_id == EVERYONE or role is None or role.count is None:
            return 3
        return role.count.high

    # -------------------------------------------------------------- role

    def role(self, role: PlannedRole) -> dict[str, Any]:
        card = self.card("role", self._("Role card"), role.name, self._role_data(role))
        sub = self.f.count(role) if role.count is None else self.f.people(role.count)
        if role.facilitator:
            sub = f"{sub} · {self._('facilitator')}"
        card["sub"].append(sub)
        line = self.meeting_line()
        if line:
            card["sub"].append(line)
        entries = card["entries"]
        if role.brief:
            entries.append({"type": "para", "text": role.brief})
        verbs = {
            "lead": self._("leads"),
            "speak": self._("speaks"),
            "listen": self._("listens"),
            "outside": self._("sits outside the circle"),
            "decide": self._("decides"),
        }
        entries.append({"type": "heading", "text": self._("Phase by phase")})
        tasks = {task.phase: task for task in role.tasks}
        # In the agenda's order, a rounds block as a row of its own with every round's times, as on the overview.
        for item in self.plan.agenda:
            if item.rounds is not None:
                block = self.block_row(item)
                block["right"] = ""
                entries.append(block)
            for number in item.phases:
                phase, task = self.plan.phase(number), tasks[number]
                what = self.f.join([verbs[d] for d in task.does]) or "\u2013"
                time = self.f.start_time(phase.occurrences[0])
                entries.append(
                    _row(
                        f"{self.place(phase)}. {phase.title}",
                        what,
                        time=time,
                        note=self.when(phase.when),
                        indent=1 if item.rounds is not None else 0,
                        muted=not task.does,
                        wrap_right=True,
                    )
                )
        return card

    # -------------------------------------------------------------- trajectory

    def trajectory(self) -> dict[str, Any]:
        plan, f = self.plan, self.f
        t = plan.trajectory
        assert t is not None
        card = self.card("trajectory", self._("Trajectory"), plan.recipe.title, self.data["trajectory"])
        line = self.meeting_line()
        if line:
            card["sub"].append(line)
        entries = card["entries"]
        if t.meetings is not None:
            entries.append({"type": "fact", "label": self._("{Meetings}"), "text": str(t.meetings)})
        elif t.open:
            entries.append(
                {
                    "type": "fact",
                    "label": self._("{Meetings}"),
                    "text": self._("open: the series runs until a checkpoint ends it"),
                }
            )
        dates = plan.dates
        if t.every is not None:
            text = f.every(t.every)
            if dates is not None and dates.every is not None and dates.every != t.every:
                text = self._("{cadence} (planned: {chosen})", cadence=text, chosen=f.every(dates.every))
            entries.append({"type": "fact", "label": self._("Cadence"), "text": text})
        elif dates is not None and dates.every is not None:
            entries.append({"type": "fact", "label": self._("Cadence"), "text": f.every(dates.every)})
        if t.span is not None:
            entries.append({"type": "fact", "label": self._("Span"), "text": f.period(t.span)})
        current = plan.meeting.number if plan.meeting else None
        if t.stages:
            entries.append({"type": "heading", "text": self._("Stages")})
            for stage in t.stages:
                here = current is not None and current in stage.meetings
                note = stage.focus or stage.summary
                if here:
                    note = self._("now: {meeting} {n}", n=current) + (f" · {note}" if note else "")
                entries.append(_row(stage.title, f.meetings(stage.meetings), note=note, strong=here))
        if t.extra_meetings:
            entries.append({"type": "heading", "text": self._("Extra {meetings}")})
            for extra in t.extra_meetings:
                notes = []
                if extra.at is not None:
                    notes.append(f.anchor(extra.at))
                if extra.count != Range(1, 1):
                    times = self.f.ngettext("{n} time", "{n} times", extra.count.high, n=f.range(extra.count))
                    if extra.every is not None:
                        times = f"{times}, {f.every(extra.every)}"
                    notes.append(times)
                if extra.optional:
                    notes.append(self._("optional"))
                note = "; ".join(notes)
                if extra.summary:
                    # A sentence follows: what comes before it is one too, with a capital.
                    note = f"{capitalised(note)}. {extra.summary}" if note else extra.summary
                right = f.duration(extra.timebox.duration.minutes) if extra.timebox else ""
                entries.append(_row(extra.title, right, note=note or None))
        if dates is not None:
            entries.extend(self.date_rows(dates, current))
        totals = plan.totals
        if totals and any(total.meetings is not None for total in totals):
            entries.append({"type": "heading", "text": self._("Time per {meeting}")})
            for total in totals:
                label = f.run(total) if len(totals) > 1 else self._("every {meeting}")
                entries.append(_row(capitalised(label), f.duration(total.minutes)))
        return card

    # -------------------------------------------------------------- extra meetings

    def extra(self, extra_id: str) -> dict[str, Any]:
        """An extra meeting's card (intake, assessment, follow-up): its length, when it falls, what it is for.

        It reads like a phase card, since the trainer holds it the same way:
        the length and when it falls under the title, then the summary and
        the script lines; with ``--start-date``, its dates.
        """
        t = self.plan.trajectory
        assert t is not None
        index, meeting = next((i, m) for i, m in enumerate(t.extra_meetings) if m.id == extra_id)
        data = self.data["trajectory"]["extra_meetings"][index]
        f = self.f
        card = self.card("extra", self._("Extra {meeting}"), meeting.title, data)
        sub = card["sub"]
        if meeting.timebox is not None:
            sub.append(f.duration(meeting.timebox.duration.minutes))
        when = [f.anchor(meeting.at)] if meeting.at is not None else []
        if meeting.count != Range(1, 1):
            times = f.ngettext("{n} time", "{n} times", meeting.count.high, n=f.range(meeting.count))
            when.append(f"{times}, {f.every(meeting.every)}" if meeting.every is not None else times)
        if when:
            sub.append(capitalised(" · ".join(when)))
        if meeting.optional:
            sub.append(capitalised(self._("optional")))
        entries = card["entries"]
        if meeting.summary:
            entries.append({"type": "para", "text": meeting.summary})
        for group in self.script(meeting.script):
            if entries:
                entries.append({"type": "rule"})
            entries.extend(group)
        dates = self.plan.dates
        if dates is not None:
            dated = [m for m in dates.meetings if m.kind == "extra" and m.extra is not None and m.extra.id == extra_id]
            if dated and entries:
                entries.append({"type": "rule"})
            for m in dated:
                notes = [self.moved(dates, m)] if m.moved_from else []
                if m.optional and not meeting.optional:  # the second follow-up of `count: 1-2`
                    notes.append(self._("optional"))
                if m.tentative:
                    notes.append(self._("tentative"))
                text = "; ".join([f.date(m.date), *notes])  # a note may hold parentheses of its own
                if m.of > 1:
                    label = self._("Planned ({index} of {count})", index=m.index, count=m.of)
                else:
                    label = self._("Planned")
                entries.append({"type": "fact", "label": label, "text": text})
            for unplaced in dates.unplaced:
                if unplaced.meeting.id == extra_id:
                    entries.append(_row(self._("no date"), "", note=self._unplaced_reason(unplaced)))
        return card

    def date_rows(self, dates: DatedPlan, current: int | None) -> list[dict[str, Any]]:
        """The dated meetings, extra ones included, in date order, as ``schedule`` dates them."""
        f = self.f
        rows: list[dict[str, Any]] = [{"type": "heading", "text": self._("Dates")}]
        for meeting in dates.meetings:
            if meeting.kind == "extra":
                title = meeting.title or ""
                if meeting.of > 1:
                    title = self._("{title} ({index} of {count})", title=title, index=meeting.index, count=meeting.of)
            else:
                title = self._("{Meeting} {n}", n=meeting.number)
            here = current is not None and meeting.number == current
            notes = [self._("now")] if here else []
            if meeting.moved_from is not None:
                notes.append(self.moved(dates, meeting))
            if meeting.optional:
                notes.append(self._("optional"))
            if meeting.tentative:
                notes.append(self._("tentative"))
            rows.append(_row(title, f.date(meeting.date), note="; ".join(notes) or None, strong=here))
        for unplaced in dates.unplaced:
            rows.append(_row(unplaced.meeting.title, self._("no date"), note=self._unplaced_reason(unplaced)))
        return rows

    def moved(self, dates: DatedPlan, meeting: PlannedMeeting) -> str:
        """``verschoven van dinsdag 27 april 2027 (Koningsdag)``: the date a meeting moved off, and why.

        The reason is the schedule's own (:meth:`Words.moved_reason`): a public
        holiday's name in the cards' language, a skip file's name, or none for
        a ``--skip`` date.
        """
        assert meeting.moved_from is not None
        date = self.f.date(meeting.moved_from)
        reason = Words(self.f.language).moved_reason(dates, meeting)
        if reason:
            return self._("moved from {date} ({reason})", date=date, reason=reason)
        return self._("moved from {date}", date=date)

    def _unplaced_reason(self, unplaced: Unplaced) -> str:
        """Why an extra meeting has no date, as the trajectory card and its own card say it."""
        if unplaced.reason == "no-anchor":
            return self._("it has no `at:`")
        if unplaced.reason == "open-last":
            return self._("the series is open, so its last {meeting} has no date")
        return self._("{meeting} {n} is not in this plan", n=unplaced.number)


def _row(
    left: str,
    right: str,
    *,
    note: str | None = None,
    time: str | None = None,
    indent: int = 0,
    strong: bool = False,
    muted: bool = False,
    wrap_right: bool = False,
) -> dict[str, Any]:
    return {
        "type": "row",
        "left": left,
        "right": right,
        "note": note,
        "time": time,
        "indent": indent,
        "strong": strong,
        "muted": muted,
        "wrap_right": wrap_right,
        "times": "none",
    }


def _mark_runs(entries: list[dict[str, Any]]) -> None:
    """Give each row the time column of its run of rows: ``none``, ``narrow`` or ``wide``."""
    run: list[dict[str, Any]] = []
    for entry in [*entries, {"type": "end"}]:
        if entry["type"] == "row":
            run.append(entry)
            continue
        times = [r["time"] for r in run if r["time"]]
        column = "none" if not times else ("wide" if any(len(t) > 5 for t in times) else "narrow")
        for row in run:
            row["times"] = column
        run = []
