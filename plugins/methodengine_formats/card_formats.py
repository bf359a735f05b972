"""The built-in formats of ``methodengine cards``: text, Markdown, HTML, PDF and the JSON meeting plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from methodengine import OutputFormat, hookimpl

if TYPE_CHECKING:
    from methodengine import OutputRequest


def _cards(fmt: str) -> Callable[[OutputRequest], str | bytes]:
    def render(request: OutputRequest) -> str | bytes:
        from methodengine.output.cards.render import render_request

        return render_request(request, fmt)

    render.__name__ = render.__qualname__ = f"render_{fmt}"
    return render


@hookimpl
def output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "text",
            {"en": "for the terminal (the default)", "nl": "voor de terminal (standaard)"},
            render=_cards("text"),
            extension="txt",
        ),
        OutputFormat("md", {"en": "Markdown", "nl": "Markdown"}, render=_cards("md"), extension="md"),
        OutputFormat(
            "html",
            {"en": "to print, one card per page", "nl": "om te printen, één kaart per pagina"},
            render=_cards("html"),
            extension="html",
        ),
        OutputFormat(
            "pdf",
            {"en": "the cards to print, one per page", "nl": "de kaarten om te printen, één per pagina"},
            render=_cards("pdf"),
            binary=True,
            extension="pdf",
        ),
        OutputFormat(
            "json",
            {"en": "the meeting plan (docs/cards.md)", "nl": "het plan van de bijeenkomst (docs/cards.md)"},
            render=_cards("json"),
            extension="json",
        ),
    ]
