"""A dated plan as an iCalendar file (RFC 5545), written with the icalendar library.

One event per meeting and per extra meeting. Two exports of the same plan
are byte-identical, and exporting a changed plan again updates a calendar's
events instead of doubling them:

- UID: from the recipe title, the series name (``--series``, if any) and
  the meeting (``meeting-3``, ``intake``, ``followup-2``), never from dates;
  see ``plan._uid``.
- DTSTAMP: midnight UTC of the plan's start date, not the time of export; a
  meeting held (``schedule --log``) has the time it ended and SEQUENCE 1, so
  that re-importing updates the event to its real times. A meeting a closed
  day rescheduled (``--skip``, ``--skip-file``, ``--holidays``: moved, or
  moved along after one that moved) has SEQUENCE 1 too: an app that takes
  only a newer version of an event it has (RFC 5546, a higher SEQUENCE)
  takes the new date when the plan is imported again.
- Texts are icalendar's vText, escaped alike (``X-WR-CALNAME`` as ``SUMMARY``);
  control characters, which RFC 5545 does not allow in a text, are written
  as escapes such as ``\\x1b`` (see ``methodengine._terminal``).
- Times are floating local times (no time zone): 19:00 is 19:00 wherever
  the calendar is. Without a start time the events are all-day events.
"""

from __future__ import annotations

import datetime as dt

from methodengine._terminal import shown
from methodengine.output.schedule.words import Words
from methodengine.planning.dated_plan import DatedPlan, PlannedMeeting

PRODID = "-//methodengine//schedule//EN"


def render_ics(plan: DatedPlan, words: Words) -> bytes:
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property has no known type, so icalendar would write it unescaped: say it is a text.
    calendar.add("x-wr-calname", vText(shown(plan.recipe.title)))
    stamp = dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)
    for meeting in plan.meetings:
        event = Event()
        event.add("uid", meeting.uid)
        held = meeting.held
        # A held meeting's event is a newer version of the one exported before it (same UID): a later stamp,
        # when it ended, and a sequence, so that a calendar app takes the real times on re-import.
        event.add("dtstamp", stamp if held is None else held.end.replace(tzinfo=dt.UTC))
        if held is not None or meeting.rescheduled:
            event.add("sequence", 1)
        if meeting.start is not None:
            event.add("dtstart", meeting.start)
            event.add("dtend", meeting.end or meeting.start)
        elif meeting.date < dt.date.max:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        else:  # an all-day event on 31 December 9999 ends on a day no date can be; a day is what it lasts
            event.add("dtstart", meeting.date)
            event.add("duration", dt.timedelta(days=1))
        event.add("summary", shown(summary(plan, meeting, words)))
        event.add("description", shown(description(plan, meeting, words)))
        event.add("status", "TENTATIVE" if meeting.optional or meeting.tentative else "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()


def summary(plan: DatedPlan, meeting: PlannedMeeting, words: Words) -> str:
    """``Backstagegroep: Bijeenkomst 3 van 8``; ``Jobcoaching: Assessment (optioneel)``."""
    marks = words.marks(meeting)
    text = f"{plan.recipe.title}: {words.name(plan, meeting)}"
    return f"{text} ({', '.join(marks)})" if marks else text


def description(plan: DatedPlan, meeting: PlannedMeeting, words: Words) -> str:
    """What the event says: the stage, what is special, and the agenda with its time boxes."""
    out: list[str] = []
    if meeting.stage is not None:
        out.append(meeting.stage.title)
    out += words.specials(plan, meeting)
    if meeting.kind == "extra" and meeting.extra is not None:
        out += [line.text for line in meeting.extra.script]
    elif meeting.agenda:
        if out:
            out.append("")
        out.append(f"{words.agenda_heading()} ({words.length(meeting.minutes)})")
        out += words.agenda_lines(meeting)
    if meeting.tentative and plan.open:
        out += ["", *words.checkpoint_rule(plan)[:1]]
    return "\n".join(out)
