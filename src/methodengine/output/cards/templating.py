"""The card templates: the Jinja environment, and a meeting plan's cards rendered with a format's templates.

Templates are found first in a user's ``--templates DIR``, then in the
directories plugins return from the ``card_templates`` hook (the last
registered first), then in methodengine's own ``templates`` directory. A
template found earlier overrides one with the same name found later.

Each format has one entry template, ``<format>/cards.<ext>``, which renders
each card with ``<format>/<kind>.<ext>`` if there is one, else with
``<format>/card.<ext>``. Templates get:

``plan``   the meeting plan (see ``docs/cards.md``)
``recipe`` the resolved recipe, as the model has it
``cards``  the cards to render, in order (see :mod:`methodengine.output.cards.content`)
``f``      the formatter: local times, numbers and words (``f.clock``, ...)
``_``      translate a label: ``_("Next phase, {at}: {title}", title=..., at=...)``
``layout`` sizes for the stylesheet (HTML only)

HTML templates are autoescaped; every template runs with StrictUndefined, so
a misspelt name is an error rather than a silent blank. With ``--templates``
every template runs in Jinja's sandbox.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from methodengine._terminal import shown
from methodengine.i18n import _
from methodengine.output.cards.card_errors import CardTemplateError
from methodengine.output.cards.constants import EXTENSIONS
from methodengine.output.cards.content import CardBuilder, Formatter
from methodengine.output.cards.markdown import md_escape, md_finalize, md_lead
from methodengine.output.cards.text_layout import rule_line, text_foot, text_head, text_lines, wrap_filter
from methodengine.output.cards.wording import capitalised
from methodengine.output.meeting_words import MeetingWord, meeting_word

if TYPE_CHECKING:
    import jinja2

    from methodengine.model import Recipe
    from methodengine.planning.meeting_plan import CardOptions, MeetingPlan

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")

DASHES = {"text": "-", "md": "-", "html": "\u2013"}
"""What joins the ends of a range in each format: an en dash where typography shows it."""


def environment(fmt: str, template_dirs: Sequence[str | Path] = (), sandboxed: bool = False) -> jinja2.Environment:
    """Templates from ``template_dirs`` (real files only, see :mod:`._sandbox`), then the built-in ones.

    The built-in templates alone need neither the safe loader nor the sandbox, which are then not imported.
    """
    import jinja2

    builtin = jinja2.FileSystemLoader(TEMPLATE_DIR)
    loader: jinja2.BaseLoader = builtin
    cls: type[jinja2.Environment] = jinja2.Environment
    if template_dirs or sandboxed:
        from methodengine.output.cards import _sandbox

        loader = _sandbox.ChainLoader([_sandbox.SafeLoader(d) for d in template_dirs] + [builtin])
        cls = _sandbox.LimitedSandbox if sandboxed else jinja2.Environment
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "autoescape": jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml"), default_for_string=False),
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if fmt == "md":
        options["finalize"] = md_finalize
    env = cls(**options)
    env.filters.update(
        md=md_escape,
        md_lead=md_lead,
        wrap=wrap_filter,
        capital=capitalised,
    )
    env.globals.update(text_lines=text_lines, text_head=text_head, text_foot=text_foot, rule=rule_line)
    return env


def _meeting_word(plan: MeetingPlan, language: str, recipe: Recipe | None) -> MeetingWord:
    """The word for a meeting on these cards: the plan's recipe's (its method's where it gives none)."""
    source = recipe if recipe is not None else plan.recipe
    # A plan made by a planner without the field (a plugin's own PlanRecipe) says none: the default word.
    return meeting_word(language, getattr(source, "meeting_word", None), source.language)


def render_plan(
    plan: MeetingPlan,
    options: CardOptions,
    fmt: str,
    *,
    recipe: Recipe | None = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
    sheet: str | None = None,
) -> str:
    """A plan's cards rendered with the templates of ``fmt`` (text, md or html); HTML on ``sheet``s if given."""
    import jinja2

    f = Formatter(options.language, DASHES[fmt], _meeting_word(plan, options.language, recipe))
    builder = CardBuilder(plan, f)
    cards = builder.cards()
    context: dict[str, Any] = {
        "plan": builder.data,  # templates read the plan as the JSON has it (docs/cards.md)
        "recipe": recipe,
        "cards": cards,
        "f": f,
        "_": f.gettext,
        "ngettext": f.ngettext,
    }
    if fmt == "html":
        from methodengine.output.cards import layout  # paper sizes and the pager: HTML and PDF only

        # The paper's own sizes and the deck's label column, for the stylesheet (layout.deck).
        cards, context["layout"] = layout.deck(
            cards, options.paper, f.gettext("Continued on the next card"), options.language
        )
        context["cards"] = cards
        context["sheets"] = None
        if sheet is not None:
            from methodengine.output.cards.sheets import impose  # cut-and-stack order, cut marks

            context["sheets"] = impose(cards, options.paper, sheet)
    env = environment(fmt, template_dirs, sandboxed)
    name = f"{fmt}/cards.{EXTENSIONS[fmt]}"
    # A user's templates (--templates, sandboxed) are their input: whatever goes wrong in them is
    # reported with the template and line. Unsandboxed, only what Jinja reports is the template's fault.
    failures: tuple[type[BaseException], ...] = (
        (Exception,) if sandboxed else (jinja2.TemplateError, TypeError, ValueError)
    )
    refused: tuple[type[BaseException], ...] = ()
    limited: tuple[type[BaseException], ...] = ()
    if template_dirs or sandboxed:
        from methodengine.output.cards import _sandbox

        refused = (_sandbox.TemplateRefused,)
        limited = (_sandbox.TemplateLimitError,)
    try:
        template = env.get_template(name)
        # The LimitedSandbox renders with its bounds; a plain environment's template renders itself.
        rendered = env.render(template, context) if sandboxed else template.render(context)  # type: ignore[attr-defined]
    except jinja2.TemplateSyntaxError as exc:
        raise CardTemplateError(exc.message or str(exc), exc.filename or exc.name, exc.lineno) from None
    except refused as exc:
        raise CardTemplateError(exc.message, *_template_line(exc)) from None
    except limited as exc:  # said in the reader's language already: no class name before it
        raise CardTemplateError(str(exc), *_template_line(exc)) from None
    except jinja2.TemplateNotFound as exc:
        raise CardTemplateError(_("template not found: {name}", name=exc.name), *_template_line(exc)) from None
    except failures as exc:
        raise CardTemplateError(f"{type(exc).__name__}: {exc}", *_template_line(exc)) from None
    # Autoescape escapes markup, not control characters: an ESC in a title would still reach a
    # terminal that shows the HTML (and is no valid character in XML). Text and Markdown escape
    # theirs as they are filled in; HTML holds none of its own, so the whole page is made safe.
    return shown(rendered) if fmt == "html" else rendered


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The file and line of the innermost template frame an error was raised in, if any.

    Jinja rewrites the traceback of an error in a template so that each
    template frame names the template's file and line.
    """
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        frame = tb.tb_frame
        filename = frame.f_code.co_filename
        if "__jinja_exception__" in frame.f_globals or filename.endswith((".txt", ".md", ".html")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
