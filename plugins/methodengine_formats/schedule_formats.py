"""The built-in formats of ``methodengine schedule``: text, Markdown, JSON and iCalendar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from methodengine import OutputFormat, hookimpl

if TYPE_CHECKING:
    from methodengine import OutputRequest


def _schedule(fmt: str) -> Callable[[OutputRequest], str | bytes]:
    def render(request: OutputRequest) -> str | bytes:
        from methodengine.output.schedule.render import render_request

        return render_request(request, fmt)

    render.__name__ = render.__qualname__ = f"render_{fmt}"
    return render


@hookimpl
def schedule_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "text",
            {"en": "for the terminal (the default)", "nl": "voor de terminal (standaard)"},
            render=_schedule("text"),
            extension="txt",
        ),
        OutputFormat(
            "md",
            {"en": "Markdown, for a mail or a course page", "nl": "Markdown, voor een mail of een cursuspagina"},
            render=_schedule("md"),
            extension="md",
        ),
        OutputFormat(
            "json",
            {"en": "the dated plan", "nl": "de planning met datums"},
            render=_schedule("json"),
            extension="json",
        ),
        OutputFormat(
            "ics",
            {
                "en": "a calendar file; events update when exported again",
                "nl": "een agendabestand; afspraken worden bijgewerkt als je het opnieuw exporteert",
            },
            render=_schedule("ics"),
            binary=True,
            extension="ics",
        ),
    ]
