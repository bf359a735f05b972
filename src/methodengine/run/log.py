"""The run log: what happened in a meeting held with ``methodengine run``, kept as JSON with a Markdown summary.

The run mode records into these classes while the meeting runs; ``--log
FILE`` writes them out, and ``methodengine schedule --log FILE`` reads them
back to mark a meeting held (:mod:`methodengine.planning.held`). The JSON
is the record and is versioned (``schema``, ``version``; the layout is in
``docs/run.md``); the Markdown beside it (``FILE.md``) is for people, in the
meeting's language.

Times are local clock times without a time zone, as the room's clock shows
them, written ISO 8601 to the second (``2027-01-11T19:07:12``). Minutes are
the minutes a phase or turn really ran, pauses left out.

Nothing is half-written and no file the facilitator did not name is
overwritten: both files go through :func:`methodengine.commands._output.write_output`
(a temporary file renamed into place), and ``FILE.md`` is replaced only when
it is a summary this tool wrote (its first line says so).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar, cast

from attrs import frozen

from methodengine.diagnostics import error
from methodengine.errors import EXIT_USAGE, MethodengineError
from methodengine.i18n import _, use_language
from methodengine.model import Position

SCHEMA = "methodengine-run-log"
SCHEMA_VERSION = 1
"""Raised only when a field changes meaning or disappears; a reader takes every version up to its own."""

SUMMARY_MARK = "<!-- methodengine run log summary -->"
"""The first line of every summary this tool writes: the one kind of ``FILE.md`` it may replace."""

MAX_LOG_BYTES = 4 * 1024 * 1024
"""A log is a few kilobytes; a file far larger is not one, and is not read into memory."""

Decided = Literal["continue", "stop"]
SkipReason = Literal["skipped", "rounds-skipped", "not-reached", "no-turns"]

_T = TypeVar("_T")


# ------------------------------------------------------------------ the records


@frozen
class TurnRecord:
    """One turn of a ``per ROLE`` time box: turn ``number`` of ``of``, when it ran and for how long."""

    number: int
    of: int
    start: dt.datetime
    end: dt.datetime
    minutes: float

    def to_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "of": self.of,
            "start": _stamp(self.start),
            "end": _stamp(self.end),
            "minutes": _minutes(self.minutes),
        }


@frozen
class PhaseRecord:
    """A phase as it was held: when the plan had it and how long, what it was given, and what it took.

    ``number`` is the phase's number in the meeting plan
    (``MeetingPlan.phase(number)``), ``round`` its round inside a rounds
    block. ``allotted_minutes`` is its time box after ``+``/``-`` and an
    accepted catch-up; ``minutes`` what it really ran, pauses left out.
    """

    number: int
    id: str
    title: str
    round: int | None
    planned_start: dt.datetime
    planned_minutes: float
    allotted_minutes: float
    start: dt.datetime
    end: dt.datetime
    minutes: float
    turns: tuple[TurnRecord, ...] = ()

    @property
    def late_minutes(self) -> float:
        """How much later than planned it began (negative: earlier)."""
        return (self.start - self.planned_start).total_seconds() / 60

    def to_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "id": self.id,
            "title": self.title,
            "round": self.round,
            "planned_start": _stamp(self.planned_start),
            "planned_minutes": _minutes(self.planned_minutes),
            "allotted_minutes": _minutes(self.allotted_minutes),
            "start": _stamp(self.start),
            "end": _stamp(self.end),
            "minutes": _minutes(self.minutes),
            "turns": [t.to_data() for t in self.turns],
        }


@frozen
class SkippedPhase:
    """A phase of the plan that was not held: passed over (``skipped``), in rounds skipped with their key
    (``rounds-skipped``), not reached before the meeting ended (``not-reached``), or a ``per ROLE`` phase
    whose role nobody holds tonight (``no-turns``)."""

    number: int
    id: str
    title: str
    round: int | None
    reason: SkipReason

    def to_data(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.id, "title": self.title, "round": self.round, "reason": self.reason}


@frozen
class RoundsRecord:
    """A rounds block: how many rounds the plan had, and how many were held."""

    id: str
    title: str
    planned: int
    held: int

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "planned": self.planned, "held": self.held}


@frozen
class Decision:
    """One deciding role's word at a checkpoint (phase ``phase``): go on with the series, or stop."""

    phase: int
    role: str
    name: str
    decision: Decided
    at: dt.datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "role": self.role,
            "name": self.name,
            "decision": self.decision,
            "at": _stamp(self.at),
        }


@frozen
class CatchUp:
    """A catch-up the facilitator accepted at ``at``: the later phases' new minutes, as (phase number, minutes)."""

    at: dt.datetime
    minutes: tuple[tuple[int, float], ...]

    def to_data(self) -> dict[str, Any]:
        return {"at": _stamp(self.at), "minutes": [{"phase": n, "minutes": _minutes(m)} for n, m in self.minutes]}


@frozen
class RunLog:
    """What happened in one meeting: which recipe and meeting, when it was planned and held, phase by phase.

    ``planned_end`` is the end the meeting was held to (``--end``, else the
    start plus the recipe's ``duration``), None when neither is known;
    ``finished`` says every phase was held or skipped, rather than the
    meeting ended early.
    """

    recipe_path: str
    recipe_title: str
    method: str | None
    language: str
    meeting: int | None
    meetings_of: int | None
    group: int | None
    planned_start: dt.datetime
    start: dt.datetime
    planned_end: dt.datetime | None
    end: dt.datetime
    finished: bool
    phases: tuple[PhaseRecord, ...] = ()
    skipped: tuple[SkippedPhase, ...] = ()
    rounds: tuple[RoundsRecord, ...] = ()
    decisions: tuple[Decision, ...] = ()
    catch_ups: tuple[CatchUp, ...] = ()

    @property
    def stopped(self) -> bool:
        """A checkpoint said stop: a deciding role said so (a series goes on only when all of them say go on)."""
        return any(d.decision == "stop" for d in self.decisions)

    @property
    def late_start_minutes(self) -> float:
        """How much later than planned the meeting began (negative: earlier)."""
        return (self.start - self.planned_start).total_seconds() / 60

    @property
    def minutes(self) -> float:
        """How long the meeting ran, from its real start to its end."""
        return (self.end - self.start).total_seconds() / 60

    def to_data(self) -> dict[str, Any]:
        """The log as the JSON holds it, keys in a fixed order (``docs/run.md``)."""
        return {
            "schema": SCHEMA,
            "version": SCHEMA_VERSION,
            "recipe": {"path": self.recipe_path, "title": self.recipe_title, "method": self.method},
            "language": self.language,
            "meeting": self.meeting,
            "meetings_of": self.meetings_of,
            "group": self.group,
            "planned_start": _stamp(self.planned_start),
            "start": _stamp(self.start),
            "planned_end": _stamp(self.planned_end) if self.planned_end is not None else None,
            "end": _stamp(self.end),
            "finished": self.finished,
            "phases": [p.to_data() for p in self.phases],
            "skipped": [s.to_data() for s in self.skipped],
            "rounds": [r.to_data() for r in self.rounds],
            "decisions": [d.to_data() for d in self.decisions],
            "catch_ups": [c.to_data() for c in self.catch_ups],
        }

    @classmethod
    def from_data(cls, data: object) -> RunLog:
        """A log from its JSON data; a field missing or of the wrong kind raises :class:`LogFieldError`."""
        top = _Fields(data, "")
        if top.get("schema", str) != SCHEMA:
            raise LogFieldError(
                "schema", _("not a run log of methodengine (`schema` is not `{schema}`)", schema=SCHEMA)
            )
        version = top.get("version", int)
        if version > SCHEMA_VERSION or version < 1:
            raise LogFieldError(
                "version",
                _(
                    "log version {version} is newer than this methodengine reads (up to {known})",
                    version=version,
                    known=SCHEMA_VERSION,
                ),
            )
        recipe = top.record("recipe")
        return cls(
            recipe_path=recipe.get("path", str),
            recipe_title=recipe.get("title", str),
            method=recipe.optional("method", str),
            language=top.get("language", str),
            meeting=top.optional("meeting", int),
            meetings_of=top.optional("meetings_of", int),
            group=top.optional("group", int),
            planned_start=top.get("planned_start", dt.datetime),
            start=top.get("start", dt.datetime),
            planned_end=top.optional("planned_end", dt.datetime),
            end=top.get("end", dt.datetime),
            finished=top.get("finished", bool),
            phases=top.each("phases", _phase),
            skipped=top.each("skipped", _skipped),
            rounds=top.each("rounds", _rounds),
            decisions=top.each("decisions", _decision),
            catch_ups=top.each("catch_ups", _catch_up),
        )


def _phase(f: _Fields) -> PhaseRecord:
    return PhaseRecord(
        number=f.get("number", int),
        id=f.get("id", str),
        title=f.get("title", str),
        round=f.optional("round", int),
        planned_start=f.get("planned_start", dt.datetime),
        planned_minutes=f.get("planned_minutes", float),
        allotted_minutes=f.get("allotted_minutes", float),
        start=f.get("start", dt.datetime),
        end=f.get("end", dt.datetime),
        minutes=f.get("minutes", float),
        turns=f.each("turns", _turn),
    )


def _turn(f: _Fields) -> TurnRecord:
    return TurnRecord(
        number=f.get("number", int),
        of=f.get("of", int),
        start=f.get("start", dt.datetime),
        end=f.get("end", dt.datetime),
        minutes=f.get("minutes", float),
    )


def _skipped(f: _Fields) -> SkippedPhase:
    return SkippedPhase(
        number=f.get("number", int),
        id=f.get("id", str),
        title=f.get("title", str),
        round=f.optional("round", int),
        reason=cast(SkipReason, f.choice("reason", ("skipped", "rounds-skipped", "not-reached", "no-turns"))),
    )


def _rounds(f: _Fields) -> RoundsRecord:
    return RoundsRecord(
        id=f.get("id", str), title=f.get("title", str), planned=f.get("planned", int), held=f.get("held", int)
    )


def _decision(f: _Fields) -> Decision:
    return Decision(
        phase=f.get("phase", int),
        role=f.get("role", str),
        name=f.get("name", str),
        decision=cast(Decided, f.choice("decision", ("continue", "stop"))),
        at=f.get("at", dt.datetime),
    )


def _catch_up(f: _Fields) -> CatchUp:
    return CatchUp(
        at=f.get("at", dt.datetime),
        minutes=f.each("minutes", lambda g: (g.get("phase", int), g.get("minutes", float))),
    )


# ------------------------------------------------------------------ reading


class LogError(MethodengineError):
    """A log that cannot be read: missing, not UTF-8, not JSON, or not a run log (exit 2, code ``run-log``).

    A JSON syntax error is placed at its line and column in the file, with the
    line and a caret, as a recipe's error is; so it is reported as a file's
    error (``FILE:LINE:COL: error: ...``), not with the command's usage, though
    it ends the command with 2 as an unreadable input does.
    """

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        position: Position | None = None,
        text: str | None = None,
    ) -> None:
        source = {path: text} if text is not None else None
        super().__init__([error(message, position, hint, code="run-log")], source, path=path)


class LogFieldError(ValueError):
    """A field of the log's data is missing or of the wrong kind; ``where`` names it (``phases[2].start``)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def read_log(path: str | Path) -> RunLog:
    """The run log in the file ``path``; anything that keeps it from being read raises :class:`LogError`."""
    name = str(path)
    hint = _("give the JSON file `methodengine run --log FILE` wrote (not its `.md` summary)")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_LOG_BYTES + 1)
    except OSError as exc:
        raise LogError(
            name, _("cannot read the log {path}: {reason}", path=name, reason=exc.strerror or str(exc))
        ) from None
    if len(raw) > MAX_LOG_BYTES:
        raise LogError(name, _("{path} is too large to be a run log", path=name), hint)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(name, _("{path} is not UTF-8 text, so it is not a run log", path=name), hint) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LogError(
            name,
            _("the log is not valid JSON: {problem}", problem=exc.msg),
            _("a run log is written whole by `methodengine run --log`; was it edited by hand?"),
            Position(name, exc.lineno, exc.colno),
            text,
        ) from None
    try:
        return RunLog.from_data(data)
    except LogFieldError as exc:
        where = _(" (at `{field}`)", field=exc.where) if exc.where else ""
        raise LogError(
            name,
            _("{path} is not a run log methodengine can read: {problem}", path=name, problem=exc.message) + where,
            hint,
        ) from None


class _Fields:
    """One JSON object of the log, read field by field; every mistake names where it is."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise LogFieldError(where, _("a JSON object is expected here"))
        self.data: Mapping[str, object] = data
        self.where = where

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, kind: type[_T]) -> _T:
        if key not in self.data:
            raise LogFieldError(self._at(key), _("the field `{key}` is missing", key=key))
        return self._value(key, kind)

    def optional(self, key: str, kind: type[_T]) -> _T | None:
        if self.data.get(key) is None:
            return None
        return self._value(key, kind)

    def _value(self, key: str, kind: type[_T]) -> _T:
        value = self.data[key]
        if kind is dt.datetime:
            if isinstance(value, str):
                try:
                    return cast(_T, dt.datetime.fromisoformat(value))
                except ValueError:
                    pass
            raise LogFieldError(self._at(key), _("a local date and time such as `2027-01-11T19:07:12` is expected"))
        if kind is float:
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                return cast(_T, float(value))
            raise LogFieldError(self._at(key), _("a number of minutes, 0 or more, is expected"))
        if kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return cast(_T, value)
            raise LogFieldError(self._at(key), _("a whole number is expected"))
        if kind is bool:
            if isinstance(value, bool):
                return cast(_T, value)
            raise LogFieldError(self._at(key), _("`true` or `false` is expected"))
        if isinstance(value, str):
            return cast(_T, value)
        raise LogFieldError(self._at(key), _("a text is expected"))

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.get(key, str)
        if value not in allowed:
            names = ", ".join(f"`{a}`" for a in allowed)
            raise LogFieldError(self._at(key), _("one of {allowed} is expected", allowed=names))
        return value

    def record(self, key: str) -> _Fields:
        if key not in self.data:
            raise LogFieldError(self._at(key), _("the field `{key}` is missing", key=key))
        return _Fields(self.data[key], self._at(key))

    def each(self, key: str, read: Callable[[_Fields], _T]) -> tuple[_T, ...]:
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise LogFieldError(self._at(key), _("a JSON list is expected"))
        return tuple(read(_Fields(item, f"{self._at(key)}[{i}]")) for i, item in enumerate(items))


# ------------------------------------------------------------------ writing


def summary_path(path: Path) -> Path:
    """Where the Markdown summary of the log ``path`` goes: beside it, ``FILE.md``."""
    return path.with_name(path.name + ".md")


def check_log_target(path: Path, recipe: Path | None = None) -> None:
    """Refuse, before the meeting starts, a log the meeting could not write, or should not.

    The log may not be the recipe, nor read-only (as for any output), nor a
    file that exists: not a file of the user's that is no log, and not the
    log of a meeting held (its times cannot be had again). Its summary
    ``FILE.md`` may not be a file that this tool did not write. Raises
    ``click.UsageError`` (exit 2).
    """
    import click

    from methodengine.commands._output import check_output, is_regular_file

    check_output(path, reading=recipe)
    if is_regular_file(path):
        _refuse_existing(path)
    summary = summary_path(path)
    check_output(summary, reading=recipe)
    if is_regular_file(summary) and not _ours(summary):
        raise click.UsageError(
            _(
                "{summary} exists and is not a run log summary, and --log {path} writes its summary there; "
                "choose another log file, or move {summary} away",
                summary=str(summary),
                path=str(path),
            )
        )


def _refuse_existing(path: Path) -> None:
    """A file that exists is never replaced by a new meeting's log: another file of the user's, or a real log.

    Another meeting's log (or this one's, from before) holds times that
    cannot be had again; a file that is no log at all was named by mistake.
    """
    import click

    try:
        found = read_log(path)
    except LogError:
        raise click.UsageError(
            _(
                "{path} exists and is not a run log; --log would replace it: choose another file",
                path=str(path),
            )
        ) from None
    day = found.start.date().isoformat()
    if found.meeting is not None:
        said = _(
            "{path} is the log of meeting {number} of `{title}`, held on {day}; --log does not replace it: "
            "choose another file, or move it away first",
            path=str(path),
            number=found.meeting,
            title=found.recipe_title,
            day=day,
        )
    else:
        said = _(
            "{path} is the log of a meeting of `{title}`, held on {day}; --log does not replace it: "
            "choose another file, or move it away first",
            path=str(path),
            title=found.recipe_title,
            day=day,
        )
    raise click.UsageError(said)


def _ours(summary: Path) -> bool:
    try:
        with open(summary, "rb") as f:
            first = f.readline(len(SUMMARY_MARK) + 2)
    except OSError:
        return False
    return first.rstrip(b"\r\n") == SUMMARY_MARK.encode()


def write_log(log: RunLog, path: Path) -> Path:
    """Write the log to ``path`` and its Markdown summary beside it; each whole or not at all.

    Returns the summary's path. The summary is in the log's language. Safe to
    call again and again during a meeting (a crash then loses little). A
    write that fails raises ``OutputError`` (exit 2); a summary this tool did
    not write is never replaced (``check_log_target`` says so up front).
    """
    import click

    from methodengine.commands._output import is_regular_file, write_output

    summary = summary_path(path)
    if is_regular_file(summary) and not _ours(summary):
        raise click.UsageError(
            _("{summary} exists and is not a run log summary; it is left as it is", summary=str(summary))
        )
    write_output(path, json.dumps(log.to_data(), ensure_ascii=False, indent=2) + "\n")
    write_output(summary, summary_markdown(log, path.name))
    return summary


# ------------------------------------------------------------------ the summary


def summary_markdown(log: RunLog, json_name: str | None = None) -> str:
    """The log for people: the meeting's times, a table of its phases, turns, rounds, catch-ups and decisions.

    In the log's language; recipe text is escaped for Markdown.
    """
    from methodengine.output.localiser import md_escape as md

    language = log.language if log.language in ("nl", "en") else "en"
    with use_language(language):
        out = [SUMMARY_MARK]
        if log.meeting is not None and log.meetings_of is not None:
            heading = _(
                "{title}: meeting {number} of {total}",
                title=log.recipe_title,
                number=log.meeting,
                total=log.meetings_of,
            )
        elif log.meeting is not None:
            heading = _("{title}: meeting {number}", title=log.recipe_title, number=log.meeting)
        else:
            heading = log.recipe_title
        out += [f"# {md(heading)}", ""]
        day = _day(log.start.date(), language)
        out.append(md(day[:1].upper() + day[1:]) + ".")
        late = _whole(log.late_start_minutes)
        times = _(
            "Planned start {planned}, real start {real}", planned=_clock(log.planned_start), real=_clock(log.start)
        )
        if late > 0:
            times += " " + _("({minutes} min late)", minutes=late)
        elif late < 0:
            times += " " + _("({minutes} min early)", minutes=-late)
        out.append(times + ".")
        end = _("Ended at {end}, after {minutes} min", end=_clock(log.end), minutes=_whole(log.minutes))
        if log.planned_end is not None:
            over = _whole((log.end - log.planned_end).total_seconds() / 60)
            end += "; " + _("planned end {planned}", planned=_clock(log.planned_end))
            if over > 0:
                end += " " + _("({minutes} min over)", minutes=over)
            elif over < 0:
                end += " " + _("({minutes} min to spare)", minutes=-over)
        out.append(end + ".")
        if not log.finished:
            out.append(_("The meeting was ended before its last phase."))
        if log.phases:
            out += [
                "",
                _("| Phase | Planned | Held | Minutes planned | Minutes given | Minutes held |"),
                "| --- | --: | --: | --: | --: | --: |",
            ]
            for phase in log.phases:
                title = (
                    phase.title
                    if phase.round is None
                    else _("{title}, in round {round}", title=phase.title, round=phase.round)
                )
                cells = [
                    md(title),
                    _clock(phase.planned_start),
                    _clock(phase.start),
                    _number(phase.planned_minutes, language),
                    _number(phase.allotted_minutes, language),
                    _number(phase.minutes, language),
                ]
                out.append("| " + " | ".join(cells) + " |")
        turns = [p for p in log.phases if p.turns]
        if turns:
            out += ["", "## " + _("Turns taken"), ""]
            for phase in turns:
                each = ", ".join(
                    _("turn {number} of {of}: {length}", number=t.number, of=t.of, length=_mmss(t.minutes))
                    for t in phase.turns
                )
                out.append(f"- {md(phase.title)}: {each}")
        if log.skipped:
            out += ["", "## " + _("Not held"), ""]
            for skipped in log.skipped:
                title = (
                    skipped.title
                    if skipped.round is None
                    else _("{title}, in round {round}", title=skipped.title, round=skipped.round)
                )
                why = {
                    "skipped": _("passed over"),
                    "rounds-skipped": _("its round was skipped"),
                    "not-reached": _("not reached: the meeting ended before it"),
                    "no-turns": _("no turns: nobody holds the role tonight"),
                }[skipped.reason]
                out.append(f"- {md(title)}: {why}")
        if log.rounds:
            out += ["", "## " + _("Rounds held"), ""]
            for rounds in log.rounds:
                out.append(
                    f"- {md(rounds.title)}: " + _("{held} of {planned} held", held=rounds.held, planned=rounds.planned)
                )
        if log.catch_ups:
            out += ["", "## " + _("Catch-up accepted"), ""]
            titles = {p.number: p.title for p in log.phases} | {s.number: s.title for s in log.skipped}
            for catch_up in log.catch_ups:
                changes = ", ".join(
                    f"{md(_phase_title(titles, n))} {_number(m, language)} min" for n, m in catch_up.minutes
                )
                out.append(f"- {_clock(catch_up.at)}: {changes}")
        if log.decisions:
            out += ["", "## " + _("Checkpoint decisions"), ""]
            for decision in log.decisions:
                said = _("said go on") if decision.decision == "continue" else _("said stop")
                out.append(f"- {md(decision.name)}: {said}")
            out += ["", _("The series stops here.") if log.stopped else _("The series goes on.")]
        if json_name:
            out += ["", _("The log itself, with every time to the second: {file}", file=md(json_name))]
    return "\n".join(out) + "\n"


def _phase_title(titles: Mapping[int, str], number: int) -> str:
    """A phase of the log by its title; by its number when the log holds no record of it."""
    return titles.get(number) or _("phase {number}", number=number)


def _day(date: dt.date, language: str) -> str:
    from methodengine.output.localiser import Localiser

    return Localiser(language, "schedule").date(date)


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def _whole(minutes: float) -> int:
    return round(minutes)


def _number(minutes: float, language: str) -> str:
    text = f"{minutes:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language == "nl" else text


def _mmss(minutes: float) -> str:
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _minutes(value: float) -> float | int:
    """Minutes to two decimals, a whole number as such (``10``, not ``10.0``)."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
