"""The cards in a built-in format: text, Markdown, HTML, PDF or the JSON meeting plan.

This is the one entry point the built-in card formats (the ``card_formats``
plugin) render through; each job has a module of its own:

- :mod:`.templating`: the Jinja environment and a plan's cards rendered with a format's templates;
- :mod:`.text_layout`: plain text in 80 columns; :mod:`.markdown`: Markdown escaping;
- :mod:`.layout`: paper sizes and fitting a card to its page (HTML and PDF);
- :mod:`.pdf`: HTML to PDF with WeasyPrint; :mod:`.url_safety`: what a PDF may read (only ``data:``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from methodengine.i18n import _
from methodengine.output.cards.card_errors import CardTemplateError, PdfUnavailableError
from methodengine.output.cards.url_safety import check_url

if TYPE_CHECKING:
    from pathlib import Path

    from methodengine.hooks.contract import OutputRequest
    from methodengine.model import Recipe
    from methodengine.planning.meeting_plan import CardOptions, MeetingPlan

__all__ = ["CardTemplateError", "PdfUnavailableError", "check_url", "render", "render_request"]


def __getattr__(name: str) -> Any:
    """``html_to_pdf`` is found here too, but WeasyPrint's module is imported only when it is asked for."""
    if name == "html_to_pdf":
        from methodengine.output.cards.pdf import html_to_pdf

        return html_to_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_cards(
    recipe: Recipe,
    options: CardOptions,
    fmt: str,
    *,
    method: Any = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
    plan: MeetingPlan | None = None,
    sheet: str | None = None,
) -> str:
    """The cards of ``recipe`` as text, Markdown, HTML or the JSON plan; ``plan`` if it is made already.

    ``sheet`` (``a4``, ``letter``) imposes the HTML's cards on full sheets (:mod:`.sheets`).
    """
    if plan is None:
        from methodengine.planning.meeting_plan import plan_meeting

        plan = plan_meeting(recipe, options, method)
    if fmt == "json":
        import json

        return json.dumps(plan.to_data(), ensure_ascii=False, indent=2) + "\n"
    from methodengine.output.cards.templating import render_plan

    return render_plan(plan, options, fmt, recipe=recipe, template_dirs=template_dirs, sandboxed=sandboxed, sheet=sheet)


def render(
    recipe: Recipe,
    options: CardOptions,
    fmt: str,
    *,
    method: Any = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
    plan: MeetingPlan | None = None,
    sheet: str | None = None,
) -> str | bytes:
    """The cards of ``recipe`` in a built-in format: text, md, html, pdf or json; ``plan`` if it is made already."""
    more: dict[str, Any] = {
        "method": method,
        "template_dirs": template_dirs,
        "sandboxed": sandboxed,
        "plan": plan,
        "sheet": sheet,
    }
    if fmt == "pdf":
        from methodengine.output.cards.pdf import html_to_pdf

        return html_to_pdf(render_cards(recipe, options, "html", **more))
    return render_cards(recipe, options, fmt, **more)


def render_request(request: OutputRequest, fmt: str) -> str | bytes:
    """A built-in format's ``render``: the request's typed plan in ``fmt``.

    ``options["template_dirs"]`` are the template folders to look in before
    the built-in ones (the user's ``--templates`` first, then the plugins');
    with ``options["templates"]`` set, every template runs sandboxed;
    ``options["sheet"]`` (``a4``, ``letter``) puts HTML and PDF cards on full sheets.
    """
    plan = request.plan
    if plan is None:
        raise ValueError(_("the built-in card formats render a meeting plan; this request has none"))
    options = request.options
    return render(
        request.recipe,
        plan.options,
        fmt,
        template_dirs=list(options.get("template_dirs") or ()),
        sandboxed=options.get("templates") is not None,
        plan=plan,  # type: ignore[arg-type]
        sheet=options.get("sheet"),
    )
