"""A dated plan as plain text (within 80 columns), Markdown or JSON; and the built-in schedule formats' entry point.

The JSON layout is documented in ``docs/schedule.md``; its ``version`` goes
up only when a field changes meaning or disappears. The width and the
Markdown escaper are the ones the cards use (:mod:`methodengine.output.localiser`).
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from methodengine._terminal import shown
from methodengine.i18n import N_, translate
from methodengine.output.localiser import WIDTH, md_escape
from methodengine.output.schedule.words import Words
from methodengine.planning.calendar_rules import Closure
from methodengine.planning.dated_plan import DatedPlan, PlannedMeeting

if TYPE_CHECKING:
    from methodengine.hooks.contract import OutputRequest

JSON_VERSION = 1

_NO_PLAN = N_("the built-in schedule formats render a dated plan; this request has none")
"""A plugin's mistake, said in the message language (the schedule's own ``_`` speaks the output's)."""


def render_request(request: OutputRequest, fmt: str) -> str | bytes:
    """A built-in schedule format's ``render``: the request's dated plan in ``fmt`` (text, md, json or ics)."""
    plan = request.plan
    if not isinstance(plan, DatedPlan):
        raise ValueError(translate(_NO_PLAN))
    words = Words.for_plan(request.language, plan)
    if fmt == "ics":
        from methodengine.output.schedule.ics import render_ics

        return render_ics(plan, words)
    return {"json": render_json, "md": render_markdown, "text": render_text}[fmt](plan, words)


# ------------------------------------------------------------------ text


def render_text(plan: DatedPlan, words: Words) -> str:
    """The plan for a terminal or a printout: a heading, the facts, one row per meeting with what is special."""
    heading = words.heading(plan)
    out = [heading, "=" * min(len(heading), WIDTH)]
    for sentence in words.overview(plan):
        out += _wrap(sentence)
    out.append("")

    rows = [_row_cells(plan, m, words) for m in plan.meetings]
    date_width = max(len(r[1]) for r in rows)
    window_width = max(len(r[2]) for r in rows)
    indent = 3 + 2
    what_at = indent + date_width + 2 + (window_width + 2 if window_width else 0)
    what_room = WIDTH - what_at
    for meeting, (number, date, window, what) in zip(plan.meetings, rows, strict=True):
        left = f"{number:>3}  {date:<{date_width}}" + (f"  {window:<{window_width}}" if window_width else "")
        if what and len(what) <= what_room:
            out.append(f"{left}  {what}")
        else:
            # Too long for the row: on a line of its own below, so that the columns stay straight.
            out.append(left)
            if what:
                out += _wrap(what, indent, indent)
        for sentence in words.specials(plan, meeting):
            out += _wrap(sentence, indent, indent + 2)

    notes = words.notes(plan)
    if notes:
        out.append("")
        for sentence in notes:
            out += _wrap(sentence)
    # Titles are recipe text: no control character reaches the terminal raw (see methodengine._terminal).
    return shown("\n".join(line.rstrip() for line in out) + "\n")


def _wrap(text: str, indent: int = 0, hanging: int = 0) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * hanging, break_on_hyphens=False
    )


def _row_cells(plan: DatedPlan, meeting: PlannedMeeting, words: Words) -> tuple[str, str, str, str]:
    """Number, date, time window, and what the meeting is: its stage, or an extra meeting's title."""
    number = "+" if meeting.kind == "extra" else str(meeting.number)
    return number, words.date(meeting.date), words.window(meeting), words.label(plan, meeting)


# ------------------------------------------------------------------ Markdown


def render_markdown(plan: DatedPlan, words: Words) -> str:
    """The plan as a Markdown table, to paste into a course page or a mail."""
    _ = words._
    out = [f"# {_md(words.heading(plan))}", ""]
    out += [_md(s) for s in words.overview(plan)]
    out.append("")
    has_time = plan.at is not None
    has_what = any(_row_cells(plan, m, words)[3] for m in plan.meetings)
    header = ["#", _("Date")]
    if has_time:
        header.append(_("Time"))
    if has_what:
        header.append(_("Stage or {meeting}"))
    header.append(_("Notes"))
    out.append("| " + " | ".join(header) + " |")
    out.append("| " + " | ".join("--:" if h == "#" else "---" for h in header) + " |")
    for meeting in plan.meetings:
        number, date, window, what = _row_cells(plan, meeting, words)
        cells = [_md(number), _md(date)]
        if has_time:
            cells.append(_md(window))
        if has_what:
            cells.append(f"**{_md(what)}**" if what and meeting.kind == "extra" else _md(what))
        cells.append(_md(" ".join(words.specials(plan, meeting))))
        out.append("| " + " | ".join(cells) + " |")
    notes = words.notes(plan)
    if notes:
        out.append("")
        for sentence in notes:
            out += [_md(sentence), ""]
        out.pop()
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text safe in Markdown prose and table cells, on one line: characters that would start markup are escaped."""
    return md_escape(text.replace("\n", " "))


# ------------------------------------------------------------------ JSON


def plan_as_data(plan: DatedPlan, words: Words) -> dict[str, object]:
    """The plan as plain data: dates in ISO 8601, texts in the plan's language (see docs/schedule.md)."""
    recipe = plan.recipe
    trajectory = recipe.trajectory
    return {
        "version": JSON_VERSION,
        "recipe": recipe.title,
        "file": recipe.path,
        "language": words.language,
        "start": plan.start.isoformat(),
        "at": words.clock(plan.at) if plan.at else None,
        "every": _period(plan.every),
        "every_source": plan.every_source,
        "recipe_every": _period(trajectory.every if trajectory else None),
        "meetings_total": plan.total,
        "meetings_planned": plan.planned,
        "open": plan.open,
        "tentative": plan.tentative,
        "stopped": plan.stopped,
        "skip": [d.isoformat() for d in plan.skip],
        "unused_skips": [d.isoformat() for d in plan.unused_skips],
        "monthly": plan.calendar.monthly,
        "holidays": str(plan.calendar.holidays) if plan.calendar.holidays is not None else None,
        "school_holidays": plan.calendar.holidays is not None and plan.calendar.holidays.school,
        "skip_file": [_closure(c) for c in plan.calendar.closed],
        "summary": words.overview(plan),
        "notes": words.notes(plan),
        "meetings": [_meeting(plan, m, words) for m in plan.meetings],
    }


def render_json(plan: DatedPlan, words: Words) -> str:
    return json.dumps(plan_as_data(plan, words), ensure_ascii=False, indent=2) + "\n"


def _period(period: object) -> dict[str, object] | None:
    from methodengine.model import Period

    if not isinstance(period, Period):
        return None
    return {"low": period.amount.low, "high": period.amount.high, "unit": period.unit, "text": str(period)}


def _closure(closure: Closure) -> dict[str, object]:
    """A skip file's entry: its first and last day, its name and its line."""
    return {
        "first": closure.first.isoformat(),
        "last": closure.last.isoformat(),
        "name": closure.reason,
        "line": closure.line,
    }


def _meeting(plan: DatedPlan, meeting: PlannedMeeting, words: Words) -> dict[str, object]:
    stage = meeting.stage
    return {
        "kind": meeting.kind,
        "number": meeting.number,
        "id": meeting.extra.id if meeting.extra else None,
        "index": meeting.index,
        "of": meeting.of,
        "name": words.name(plan, meeting),
        "date": meeting.date.isoformat(),
        "date_text": words.date(meeting.date),
        "weekday": meeting.date.isoweekday(),
        "start": meeting.start.isoformat(timespec="minutes") if meeting.start else None,
        "end": meeting.end.isoformat(timespec="minutes") if meeting.end else None,
        "minutes": meeting.minutes,
        "stage": (
            {
                "number": meeting.stage_number,
                "id": stage.id,
                "title": stage.title,
                "focus": stage.focus,
                "starts": meeting.stage_start,
            }
            if stage
            else None
        ),
        "last": meeting.last,
        "optional": meeting.optional,
        "tentative": meeting.tentative,
        "moved_from": meeting.moved_from.isoformat() if meeting.moved_from else None,
        "moved_for": (
            {"kind": meeting.moved_for.kind, "name": words.moved_reason(plan, meeting)}
            if meeting.moved_for is not None and meeting.moved_from is not None
            else None
        ),
        "held": meeting.held.to_data() if meeting.held is not None else None,
        "only_here": [r.title for r in meeting.runs if r.only],
        "from_here": [r.title for r in meeting.runs if r.last is None],
        "runs": [{"title": r.title, "first": r.first, "last": r.last} for r in meeting.runs],
        "special": words.specials(plan, meeting),
        "agenda": [
            {
                "title": line.title,
                "minutes": [line.minutes.low, line.minutes.high],
                "depth": line.depth,
                "per": line.per,
                "rounds": [line.rounds.low, line.rounds.high] if line.rounds else None,
                "checkpoint": line.checkpoint,
            }
            for line in meeting.agenda
        ],
        "uid": meeting.uid,
    }
