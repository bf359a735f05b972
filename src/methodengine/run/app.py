"""The facilitator's live view: the current phase as its card shows it, its time left, large, and the keys.

A Textual app over the run state (:class:`~methodengine.run.clock.Meeting`);
all the arithmetic is there, so the app only shows it and passes the keys
on. The phase comes from the card builder
(:class:`~methodengine.output.cards.content.CardBuilder`), so that the
screen says who leads, speaks, listens, sits outside and decides in the
words of the card the facilitator prepared with.

Every text of the recipe reaches the screen as a ``rich.text.Text`` (or a
widget with ``markup=False``), never inside markup: a title such as
``[b]Feedback[/b]`` is shown as written. The app's own words are messages
(:func:`methodengine.i18n._`) said in the meeting's language, the language
of the cards. Made for 80x24 and larger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from methodengine.i18n import _, ngettext, use_language
from methodengine.run.clock import Meeting, Step

if TYPE_CHECKING:
    from methodengine.output.cards.content import CardBuilder
    from methodengine.run.log import RunLog

Writer = Callable[["RunLog", Path], Any]
"""What writes the log at the end (the run log's ``write_log``)."""

TICK = 0.25
"""Seconds between two looks at the clock."""

FLASH = 0.6
"""Seconds the time panel flashes when the time left turns amber, red or over."""

_DECISIONS: tuple[str | None, ...] = (None, "continue", "stop")

_TURN_STYLES = {"ok": "bold", "amber": "bold yellow", "red": "bold red", "over": "bold red reverse"}
"""The turn's own timer in the colours of the phase's: amber at 20 % of its share left, red at 5 %."""


class RunApp(App[Any]):
    """The live view of one meeting; ``q`` then Enter ends it and writes the log (if a file was given)."""

    TITLE = "methodengine run"
    CSS = """
    Screen { layout: vertical; }
    #head { height: 1; background: $panel; }
    #body { height: 1fr; }
    #card { width: 1fr; padding: 0 1; overflow-y: auto; }
    #title { text-style: bold; }
    #cue { background: $error; color: $text; text-style: bold; margin: 1 0 0 0; }
    #cue.none { display: none; }
    #cue.back { background: $success; }
    #script { margin: 1 0 0 0; }
    #time { width: 40%; min-width: 34; padding: 0 1; border-left: solid $panel; }
    #time.flash { background: $warning 60%; }
    #left { width: 100%; text-align: center; text-style: bold; margin: 1 0 0 0; }
    #left.paused { color: $text-muted; text-style: none; }
    #state { text-align: center; }
    #state.paused { text-style: bold reverse; }
    #left.amber, #state.amber { color: $warning; }
    #left.red, #state.red, #left.over, #state.over { color: $error; }
    #state.over { text-style: bold; }
    #turn, #round, #decide { margin: 1 0 0 0; }
    #progress, #clock, #next { height: 1; }
    #proposal { height: auto; color: $warning; }
    #proposal.none { display: none; }
    #keys { height: auto; background: $panel; }
    #confirm { height: auto; background: $error; text-style: bold; }
    #confirm.none { display: none; }
    #problem { height: auto; background: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", show=False),
        Binding("n,right", "next", show=False),
        Binding("p,left", "previous", show=False),
        Binding("plus,equals_sign", "more", show=False),
        Binding("minus,underscore", "less", show=False),
        Binding("r", "skip_rounds", show=False),
        Binding("a", "accept", show=False),
        Binding("q", "quit_asked", show=False),
        # Ctrl+C asks as q does (Textual's own would say, in English, to press Ctrl+Q): a meeting ends with Enter.
        Binding("ctrl+c", "quit_asked", show=False, priority=True),
        Binding("enter", "confirm", show=False),
        Binding("escape", "go_on", show=False),
        *[Binding(str(n), f"decide({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(
        self,
        meeting: Meeting,
        builder: CardBuilder,
        *,
        recipe_path: str,
        language: str,
        log: Path | None = None,
        writer: Writer | None = None,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.meeting = meeting
        self.builder = builder
        self.recipe_path = recipe_path
        self.language = language
        self.log_path = log
        self.writer = writer
        self.quiet = quiet
        self.confirming = False
        self.rings = 0
        """How often the bell rang (``--quiet`` counts none)."""
        self.written: RunLog | None = None
        self.write_error: click.ClickException | OSError | None = None
        """Why the log could not be written, said on the screen and, at the end, by the command (exit 2)."""

    # -------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(id="head", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="card"):  # not focusable: the arrow keys stay next and previous
                yield Static(id="title", markup=False)
                yield Static(id="facts", markup=False)
                yield Static(id="cue", classes="none", markup=False)
                yield Static(id="script", markup=False)
            with Vertical(id="time"):
                yield Digits("00:00", id="left")
                yield Static(id="state", markup=False)
                yield Static(id="turn", markup=False)
                yield Static(id="round", markup=False)
                yield Static(id="decide", markup=False)
        yield Static(id="progress", markup=False)
        yield Static(id="clock", markup=False)
        yield Static(id="proposal", classes="none", markup=False)
        yield Static(id="next", markup=False)
        yield Static(id="keys", markup=False)
        yield Static(id="problem", markup=False)
        yield Static(id="confirm", classes="none", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(TICK, self.tick)

    # -------------------------------------------------------------- the clock

    def _showing(self) -> bool:
        """The screen is there: not so while the app ends, when a last tick of the clock has nothing to show."""
        return bool(self.screen_stack) and bool(self.screen.query("#head"))

    def tick(self) -> None:
        """Look at the clock: ring and flash when the time left has just turned amber, red or over."""
        if not self._showing():
            return
        level = self.meeting.alert()
        if level is not None:
            self._ring()
            panel = self.query_one("#time")
            panel.add_class("flash")
            self.set_timer(FLASH, lambda: panel.remove_class("flash"))
        self.refresh_view()

    def _ring(self) -> None:
        if self.quiet:
            return
        self.rings += 1
        self.bell()

    # -------------------------------------------------------------- keys

    def _key(self, act: Callable[[], object]) -> None:
        """A key other than Enter while the end is asked takes the question back; else it acts.

        When the key moved the meeting to another phase, the log so far is
        written (with ``--log``), so that a crash or a closed laptop loses
        little.
        """
        if self.confirming:
            self.confirming = False
        else:
            before = self.meeting.index
            act()
            if self.meeting.index != before and self.meeting.started is not None:
                self._save(self.meeting.record(self.recipe_path))
        self.tick()

    def _save(self, log: RunLog) -> bool:
        """Write ``log`` if a file was given; a failure is kept and shown, never a crash in the room."""
        if self.log_path is None or self.writer is None:
            return True
        try:
            self.writer(log, self.log_path)
        except (click.ClickException, OSError) as exc:
            self.write_error = exc
            return False
        self.write_error = None
        return True

    def action_toggle(self) -> None:
        self._key(self.meeting.toggle)

    def action_next(self) -> None:
        self._key(self.meeting.next)

    def action_previous(self) -> None:
        self._key(self.meeting.previous)

    def action_more(self) -> None:
        self._key(lambda: self.meeting.add_minutes(1))

    def action_less(self) -> None:
        self._key(lambda: self.meeting.add_minutes(-1))

    def action_skip_rounds(self) -> None:
        self._key(self.meeting.skip_rounds)

    def action_accept(self) -> None:
        def accept() -> None:
            proposal = self.meeting.proposal()
            if proposal is not None:
                self.meeting.accept(proposal)

        self._key(accept)

    def action_decide(self, number: int) -> None:
        def decide() -> None:
            step = self.meeting.step
            if step is None or not 1 <= number <= len(step.phase.decide):
                return
            role = step.phase.decide[number - 1]
            now = self.meeting.decision(role)
            after = _DECISIONS[(_DECISIONS.index(now) + 1) % len(_DECISIONS)]
            self.meeting.decide(role, after)  # type: ignore[arg-type]

        self._key(decide)

    def action_quit_asked(self) -> None:
        if self.confirming:
            self.confirming = False
        else:
            self.confirming = True
        self.refresh_view()

    async def action_quit(self) -> None:
        """Ctrl+Q asks as ``q`` does: a meeting ends with Enter, and with its log."""
        self.action_quit_asked()

    def action_go_on(self) -> None:
        self.confirming = False
        self.refresh_view()

    def action_confirm(self) -> None:
        if not self.confirming:
            return
        if self.meeting.started is None:
            self.exit(None)  # never started: nothing was held, so there is no log to write (the command says so)
            return
        log = self.meeting.record(self.recipe_path)
        if self._save(log):
            self.written = log
            self.exit(log)
        else:
            self.exit(log, return_code=2)  # the command says why, once the terminal is its own again

    # -------------------------------------------------------------- what the screen says

    def refresh_view(self) -> None:
        """Every part of the screen from the run state now, in the meeting's language."""
        if not self._showing():
            return
        with use_language(self.language):
            self._show("#head", self._head())
            step = self.meeting.step
            self._show_phase(step)
            self._show_time(step)
            self._show("#progress", self._progress())
            self._show("#clock", self._clock())
            self._show_proposal()
            self._show("#next", self._next())
            self._show("#keys", self._keys(step))
            problem = self.write_error
            self._show(
                "#problem", Text(_("The log could not be written: {why}", why=_why(problem))) if problem else Text()
            )
            confirm = self.query_one("#confirm", Static)
            confirm.set_class(not self.confirming, "none")
            if self.confirming:
                if self.log_path is not None:
                    confirm.update(Text(_("End the meeting? Enter: end it and write the log · Esc: go on")))
                else:
                    confirm.update(Text(_("End the meeting? Enter: end it · Esc: go on")))

    def _show(self, selector: str, text: Text) -> None:
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text.plain)  # an empty line takes no room from the rest

    def _head(self) -> Text:
        head = Text(self.meeting.plan.recipe.title, style="bold")
        line = self.builder.meeting_line()
        if line:
            head.append(f" · {line}")
        head.append(" · " + _hhmm(self.meeting.now()))
        return head

    def _show_phase(self, step: Step | None) -> None:
        if step is None:
            self._show("#title", Text(_("End of the meeting"), style="bold"))
            self._show("#facts", Text(_("Every phase is held. q, then Enter, ends the meeting.")))
            self._show("#script", Text())
            self.query_one("#cue").add_class("none")
            return
        card = self.builder.phase(step.phase)
        title = Text(card["label"], style="dim")
        title.append("\n")
        title.append(card["title"], style="bold")
        meeting_line = self.builder.meeting_line()
        for sub in card["sub"]:
            if sub != meeting_line:  # the head line says which meeting this is
                title.append(f"\n{sub}", style="italic")
        self._show("#title", title)
        facts = Text()
        script = Text()
        target = facts
        for entry in card["entries"]:
            if entry["type"] == "rule":
                target = script
            elif entry["type"] in ("fact", "line"):
                if target.plain:
                    target.append("\n")
                target.append(f"{entry['label']}: ", style="bold")
                target.append(entry["text"])
        self._show("#facts", facts)
        self._show("#script", script)
        cue = self.query_one("#cue", Static)
        outside = step.phase.outside
        back = self._coming_back(step)
        cue.set_class(not outside and not back, "none")
        cue.set_class(bool(back) and not outside, "back")
        if back and not outside:
            cue.update(
                Text(
                    "↩ "
                    + ngettext(
                        "{names} comes back into the circle",
                        "{names} come back into the circle",
                        len(back),
                        names=self.builder.role_names(back),
                    )
                )
            )
        if outside:
            names = self.builder.role_names(outside)
            cue.update(
                Text(
                    "⚠ "
                    + ngettext(
                        "{names} sits outside the circle: turn away or leave the room",
                        "{names} sit outside the circle: turn away or leave the room",
                        len(outside),
                        names=names,
                    )
                )
            )

    def _coming_back(self, step: Step) -> tuple[str, ...]:
        """The roles that sat outside the circle in the phase before this one and no longer do."""
        before = next(
            (s for s in reversed(self.meeting.steps[: step.index]) if self.meeting.skipped(s.index) is None), None
        )
        if before is None:
            return ()
        return tuple(role for role in before.phase.outside if role not in step.phase.outside)

    def _show_time(self, step: Step | None) -> None:
        meeting = self.meeting
        digits = self.query_one("#left", Digits)
        state = self.query_one("#state", Static)
        left = meeting.left()
        level = meeting.level()
        digits.update(_mmss(left))
        paused = step is not None and meeting.started is not None and not meeting.running
        digits.set_class(paused, "paused")  # a paused clock looks it, from across the room
        state.set_class(paused, "paused")
        for name in ("amber", "red", "over"):
            digits.set_class(level == name, name)
            state.set_class(level == name, name)
        if step is None:
            state.update(Text(_("The meeting is over")))
        elif meeting.started is None:
            state.update(Text(_("Not started: space starts the meeting")))
        elif not meeting.running:
            state.update(Text(_("Paused: space goes on")))
        elif level == "over":
            state.update(Text(_("Over time")))
        else:
            state.update(Text(_("of {minutes} min", minutes=meeting.allotted(step.index))))
        turn = meeting.turn()
        if turn is not None:
            text = Text(_("{role} {n} of {total}", role=self._role_noun(turn.role), n=turn.number, total=turn.of))
            text.append(f"  {_mmss(turn.left)}", style=_TURN_STYLES[turn.level])
            self._show("#turn", text)
        else:
            self._show("#turn", Text())
        if step is not None and step.round is not None and step.rounds_of is not None:
            self._show("#round", Text(_("round {n} of {total}", n=step.round, total=self._rounds_now(step))))
        else:
            self._show("#round", Text())
        self._show("#decide", self._decisions(step))

    def _role_noun(self, role_id: str) -> str:
        """A role's name as a noun in a sentence: in Dutch in lower case (``deelnemer 3 van 5``)."""
        name = self.builder.role_name(role_id)
        if self.language == "nl" and not name.isupper():
            return name[:1].lower() + name[1:]
        return name

    def _decisions(self, step: Step | None) -> Text:
        if step is None or not step.phase.decide:
            return Text()
        words = {None: _("not yet"), "continue": _("continue"), "stop": _("stop")}
        text = Text(_("Decisions"), style="bold")
        for number, role in enumerate(step.phase.decide, start=1):
            text.append(f"\n{number} ")
            text.append(self.builder.role_name(role))
            decision = self.meeting.decision(role)
            text.append(f": {words[decision]}", style="bold" if decision else "dim")
        return text

    def _progress(self) -> Text:
        done, total = self.meeting.progress()
        width = 20
        filled = round(width * done / total) if total else width
        text = Text("━" * filled, style="green")
        text.append("─" * (width - filled), style="dim")
        text.append(" " + _("{done} of {total} steps done", done=done, total=total))
        if self.meeting.started is not None:
            minutes = int((self.meeting.now() - self.meeting.started).total_seconds() // 60)
            text.append(" · " + _("{minutes} min since the start", minutes=minutes))
        return text

    def _clock(self) -> Text:
        meeting = self.meeting
        standing = meeting.standing()  # one rounding for every figure on the line (and the proposal's minutes)
        whole = standing.behind
        if whole >= 1:
            text = Text(_("Behind by {minutes} min", minutes=whole), style="bold red")
        elif whole <= -1:
            text = Text(_("Ahead by {minutes} min", minutes=-whole), style="bold green")
        else:
            text = Text(_("On time"), style="bold green")
        text.append(
            " · "
            + _(
                "projected end {projected} (planned {planned})",
                projected=_hhmm(standing.projected),
                planned=_hhmm(standing.planned),
            )
        )
        return text

    def _show_proposal(self) -> None:
        widget = self.query_one("#proposal", Static)
        proposal = self.meeting.proposal() if self.meeting.started is not None else None
        widget.set_class(proposal is None, "none")
        if proposal is None:
            widget.update(Text())
            return
        parts = [
            _(
                "{title} {before}→{after}",
                title=self.meeting.steps[c.step].phase.title,
                before=c.before,
                after=c.after,
            )
            for c in proposal.changes
        ]
        text = Text(_("Catch up {minutes} min: ", minutes=proposal.saves), style="bold")
        text.append(", ".join(parts))
        text.append(" · " + _("a accepts"), style="bold")
        widget.update(text)

    def _next(self) -> Text:
        following = self.meeting.next_step()
        if self.meeting.finished:
            return Text()
        if following is None:
            end = self.meeting.standing().projected
            return Text(_("Next: the end of the meeting, at {time}", time=_hhmm(end)))
        step, at = following
        text = Text(_("Next: {title}, at {time}", title=self._step_title(step), time=_hhmm(at)))
        if step.phase.outside:
            text.append(" · ")
            text.append(
                ngettext(
                    "{names} goes outside the circle",
                    "{names} go outside the circle",
                    len(step.phase.outside),
                    names=self.builder.role_names(step.phase.outside),
                ),
                style="bold",
            )
        return text

    def _rounds_now(self, step: Step) -> int:
        """How many rounds the step's block has now: those planned, less the ones skipped with ``r``."""
        held = {
            s.round
            for s in self.meeting.steps
            if s.block == step.block and s.round is not None and self.meeting.skipped(s.index) is None
        }
        return max(held | {step.round or 1})

    def _step_title(self, step: Step) -> str:
        if step.round is not None and step.rounds_of is not None and step.rounds_of > 1:
            return _("{title} (round {n})", title=step.phase.title, n=step.round)
        return step.phase.title

    def _keys(self, step: Step | None) -> Text:
        keys = [
            (_("space"), _("start/pause")),
            ("n/→", _("next")),
            ("p/←", _("previous")),
            ("+/-", _("a minute")),
        ]
        if step is not None and step.round is not None and step.rounds_of and step.round < self._rounds_now(step):
            keys.append(("r", _("skip the remaining rounds")))
        if self.meeting.started is not None and self.meeting.proposal() is not None:
            keys.append(("a", _("accept the catch-up")))
        if step is not None and step.phase.decide:
            keys.append((f"1-{len(step.phase.decide)}", _("continue/stop")))
        keys.append(("q", _("end")))
        text = Text()
        for key, what in keys:
            if text.plain:
                text.append("  ")
            text.append(key, style="bold reverse")
            text.append("\u00a0" + what.replace(" ", "\u00a0"))  # a key and its words stay on one line
        return text


def _mmss(seconds: float) -> str:
    """Seconds as ``MM:SS``; over time as ``-MM:SS``; whole seconds, rounded up while time is left."""
    whole = int(-(-seconds // 1)) if seconds > 0 else int(seconds)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


def _why(problem: click.ClickException | OSError) -> str:
    if isinstance(problem, click.ClickException):
        return problem.format_message()
    return problem.strerror or str(problem)


def _hhmm(moment: dt.datetime) -> str:
    return f"{moment:%H:%M}"


def now() -> dt.datetime:
    """The room's clock: local time without a zone, as the log keeps it."""
    return dt.datetime.now()
