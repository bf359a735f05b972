"""Rendering cards: the Jinja environment, the built-in formats, and PDF.

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
``_``      translate a label: ``_("Next phase: {title}, {at}", title=..., at=...)``
``layout`` sizes for the stylesheet (HTML only)

HTML templates are autoescaped; every template runs with StrictUndefined, so
a misspelt name is an error rather than a silent blank. With ``--templates``
every template runs in Jinja's sandbox.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import textwrap
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from methodengine._terminal import shown
from methodengine.output.cards import layout
from methodengine.output.cards.constants import EXTENSIONS
from methodengine.output.cards.content import CardBuilder, Formatter
from methodengine.planning.meeting_plan import CardOptions, MeetingPlan, plan_meeting

if TYPE_CHECKING:
    import jinja2

    from methodengine.model import Recipe

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
WIDTH = 80

DASHES = {"text": "-", "md": "-", "html": "\u2013"}


class CardTemplateError(Exception):
    """A template that cannot be loaded or rendered, with the template's name and line."""


class PdfUnavailableError(Exception):
    """WeasyPrint, or the system libraries it needs, are not installed."""


def environment(fmt: str, template_dirs: Sequence[str | Path] = (), sandboxed: bool = False) -> jinja2.Environment:
    """Templates from ``template_dirs`` (real files only, see :mod:`._sandbox`), then the built-in ones."""
    import jinja2

    from methodengine.output.cards import _sandbox

    loader = _sandbox.ChainLoader(
        [_sandbox.SafeLoader(d) for d in template_dirs] + [jinja2.FileSystemLoader(str(TEMPLATE_DIR))]
    )
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
    )
    env.globals.update(text_lines=text_lines, text_head=text_head, text_foot=text_foot, rule=rule_line)
    return env


def render_cards(
    recipe: Recipe,
    options: CardOptions,
    fmt: str,
    *,
    method: Any = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
    plan: MeetingPlan | None = None,
) -> str:
    """The cards of ``recipe`` as text, Markdown, HTML or the JSON plan; ``plan`` if it is made already."""
    if plan is None:
        plan = plan_meeting(recipe, options, method)
    if fmt == "json":
        return json.dumps(plan.to_data(), ensure_ascii=False, indent=2) + "\n"
    return render_plan(plan, options, fmt, recipe=recipe, template_dirs=template_dirs, sandboxed=sandboxed)


def render_plan(
    plan: MeetingPlan,
    options: CardOptions,
    fmt: str,
    *,
    recipe: Recipe | None = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
) -> str:
    """A plan's cards rendered with the templates of ``fmt`` (text, md or html)."""
    import jinja2

    from methodengine.output.cards import _sandbox

    f = Formatter(options.language, DASHES[fmt])
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
        page = layout.paper(options.paper)
        cards = layout.paginate(cards, options.paper, f.gettext("Continued on the next card"))
        context["cards"] = cards
        context["layout"] = {
            "paper": page.name,
            "width": f"{page.width_mm:g}mm",
            "height": f"{page.height_mm:g}mm",
            "font": f"{page.font_pt:g}pt",
            "n": dict(_style_items()),
            "scales": [round(scale * 100) for scale in layout.SCALES],
            "language": options.language,
        }
    env = environment(fmt, template_dirs, sandboxed)
    name = f"{fmt}/cards.{EXTENSIONS[fmt]}"
    # A user's templates (--templates, sandboxed) are their input: whatever goes wrong in them is
    # reported with the template and line. Unsandboxed, only what Jinja reports is the template's fault.
    failures: tuple[type[BaseException], ...] = (
        (Exception,) if sandboxed else (jinja2.TemplateError, TypeError, ValueError)
    )
    try:
        template = env.get_template(name)
        if isinstance(env, _sandbox.LimitedSandbox):
            rendered = env.render(template, context)
        else:
            rendered = template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise CardTemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except _sandbox.TemplateRefused as exc:
        raise CardTemplateError(f"{_template_line(exc)}{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise CardTemplateError(f"{_template_line(exc)}template not found: {exc.name}") from None
    except failures as exc:
        where = _template_line(exc)
        raise CardTemplateError(f"{where}{type(exc).__name__}: {exc}") from None
    # Autoescape escapes markup, not control characters: an ESC in a title would still reach a
    # terminal that shows the HTML (and is no valid character in XML). Text and Markdown escape
    # theirs as they are filled in; HTML holds none of its own, so the whole page is made safe.
    return shown(rendered) if fmt == "html" else rendered


def _style_items() -> list[tuple[str, float]]:
    import attrs

    return [(a.name, getattr(layout.STYLE, a.name)) for a in attrs.fields(layout.Style)]


def _template_line(exc: BaseException) -> str:
    """``file:line: `` of the innermost template frame an error was raised in, if any.

    Jinja rewrites the traceback of an error in a template so that each
    template frame names the template's file and line.
    """
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        frame = tb.tb_frame
        filename = frame.f_code.co_filename
        if "__jinja_exception__" in frame.f_globals or filename.endswith((".txt", ".md", ".html")):
            found = f"{filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


PROGRESS_AFTER = 2.0
"""Seconds a PDF may take before a terminal is told that it is being made."""

FONT_EPOCH = "0"
"""The time stamped into each subset font (``SOURCE_DATE_EPOCH``), unless you set one yourself."""


def html_to_pdf(html: str) -> bytes:
    """The PDF of the cards' HTML, made by WeasyPrint; the same HTML gives the same bytes, on any machine.

    A render that takes longer than :data:`PROGRESS_AFTER` seconds says so
    on standard error when that is a terminal, and how long it took.
    """
    import logging

    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise PdfUnavailableError(
            "PDF cards need WeasyPrint: pip install 'methodengine[pdf]' "
            f"(and Pango, see WeasyPrint's installation notes); here: {type(exc).__name__}: {exc}"
        ) from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with _progress(html.count('<section class="card ')), _reproducible_fonts():
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_url_fetcher()).render()
        # No dates: the same cards give the same bytes, and WeasyPrint's identifier is a hash of the content.
        document.metadata.created = None
        document.metadata.modified = None
        return document.write_pdf()


@contextlib.contextmanager
def _reproducible_fonts() -> Iterator[None]:
    """Fonts subset by fontTools, with a fixed time stamp, whether or not HarfBuzz's subsetter is installed.

    WeasyPrint subsets fonts with libharfbuzz-subset when the system has it,
    else with fontTools; the two give different font bytes (12,949 and
    13,048 bytes for the same card), and fontTools stamps the current time
    into each font's ``head`` table. fontTools is always there (WeasyPrint
    needs it) and honours ``SOURCE_DATE_EPOCH``, so it does all subsetting
    here, and the PDF is the same with or without the library, run after run.
    """
    from weasyprint.pdf import fonts

    forced = hasattr(fonts, "harfbuzz_subset")
    saved = getattr(fonts, "harfbuzz_subset", None)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if forced:
        fonts.harfbuzz_subset = None
    if epoch is None:
        os.environ["SOURCE_DATE_EPOCH"] = FONT_EPOCH
    try:
        yield
    finally:
        if forced:
            fonts.harfbuzz_subset = saved
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


@contextlib.contextmanager
def _progress(cards: int) -> Iterator[None]:
    """A line on a terminal's standard error when making the PDF takes long, and the time it took when done.

    Nothing is said on a pipe or file, nor for a PDF made in time: a short
    render stays silent, and scripts see only what they asked for.
    """
    stream = sys.stderr
    try:
        terminal = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not terminal:
        yield
        return
    what = f"{cards} card{'s' if cards != 1 else ''}" if cards else "the cards"
    started = time.monotonic()
    said = threading.Event()

    def announce() -> None:
        _say(stream, f"methodengine: rendering {what} to PDF\u2026")
        said.set()

    timer = threading.Timer(PROGRESS_AFTER, announce)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        if said.is_set():
            _say(stream, f"methodengine: PDF done in {time.monotonic() - started:.1f} s")


def _say(stream: TextIO, line: str) -> None:
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # progress is a courtesy: a terminal gone away does not stop the PDF


def check_url(url: str) -> None:
    """Cards are self-contained: of all URLs, only ``data:`` ones are read; never a file, never the network.

    Raises ValueError for any other URL; WeasyPrint then leaves out what it
    points to. Templates of your own (``--templates``) may otherwise make
    the PDF read files or reach servers.
    """
    if not url.lstrip().lower().startswith("data:"):
        raise ValueError(f"cards are self-contained and fetch nothing: {url[:200]}")


def _url_fetcher() -> Any:
    """WeasyPrint's URL fetcher, with every URL first checked by :func:`check_url`."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # newer WeasyPrint: a fetcher is a URLFetcher, whose ``fetch`` fetches

        class SelfContained(urls.URLFetcher):  # type: ignore[misc, name-defined]
            def fetch(self, url: str, headers: Any = None) -> Any:
                check_url(url)
                return super().fetch(url, headers)

        return SelfContained(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint: a fetcher is a function
        check_url(url)
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


# ---------------------------------------------------------------- Markdown


def md_escape(value: Any) -> str:
    """Text that Markdown shows as written inside a line: no emphasis, links, code or HTML."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)
    text = shown(str(value))  # control characters escaped first: their backslash is then escaped too
    text = re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", text)
    return re.sub(r"&(?=#?\w+;)", "&amp;", text)


def md_lead(value: Any) -> Any:
    """Text that starts a Markdown block or list item: not taken for a heading, list or quote either."""
    from markupsafe import Markup

    text = re.sub(r"^(\s*)([#+=>-]|\d+[.)])", lambda m: m[1] + "\\" + m[2], md_escape(value))
    return Markup(text)


def md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return md_escape(value)


# ---------------------------------------------------------------- plain text


def fill(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    rest = first if rest is None else rest
    width = max(width, len(first) + 10, len(rest) + 10)
    lines = textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def wrap_filter(text: str, width: int = WIDTH, indent: int = 0) -> str:
    return shown("\n".join(fill(text, width, " " * indent)))


def rule_line(char: str = "-", width: int = WIDTH) -> str:
    return char * width


def text_head(card: Mapping[str, Any]) -> str:
    """A card's title, underlined, then its kind and time, then what it is about."""
    title = fill(card["title"], WIDTH)
    lines = [*title, "=" * min(max(len(line) for line in title), WIDTH)]
    label = card["label"]
    if len(card["time"]) == 1:
        label = f"{label} · {card['time'][0]}"
    lines += fill(label, WIDTH, "", "  ")
    if len(card["time"]) > 1:
        lines += fill(" · ".join(card["time"]), WIDTH, "", "  ")
    for sub in card["sub"]:
        lines += fill(sub, WIDTH)
    return shown("\n".join(lines))


def text_foot(card: Mapping[str, Any]) -> str:
    lines: list[str] = []
    for line in card["foot"]:
        lines += fill(f"> {line}", WIDTH, "", "  ")
    return shown("\n".join(lines))


def text_lines(entries: Sequence[Mapping[str, Any]]) -> str:
    """A card's body in 80 columns: labels in a column, rows with their figures on the right."""
    labels = [len(e["label"]) for e in entries if e["type"] in ("fact", "line", "check")]
    label_width = min(max(labels, default=0), 22) + 2
    columns = _row_columns(entries)
    out: list[str] = []
    for index, entry in enumerate(entries):
        kind = entry["type"]
        if kind in ("fact", "line"):
            first = f"{entry['label']:<{label_width}}"
            if len(entry["label"]) >= label_width:
                out.append(entry["label"])
                first = " " * label_width
            out += fill(entry["text"], WIDTH, first, " " * label_width)
        elif kind == "heading":
            if out and out[-1] != "":
                out.append("")
            out += [entry["text"], "-" * min(len(entry["text"]), WIDTH)]
        elif kind == "para":
            if out and out[-1] != "":
                out.append("")
            out += [*fill(entry["text"], WIDTH), ""]
        elif kind == "rule":
            if out and out[-1] != "":
                out.append("")
        elif kind == "check":
            boxes = "   ".join(f"[ ] {option}" for option in entry["options"])
            out += fill(f"{entry['label']:<{label_width}}{boxes}", WIDTH, "", " " * label_width)
        elif kind == "write":
            if out and out[-1] != "":
                out.append("")
            line = f"{entry['label']}: "
            out.append(line + "_" * (WIDTH - len(line)) if len(line) < WIDTH - 10 else line)
        elif kind == "row":
            out += _text_row(entry, *columns[index])
    while out and out[-1] == "":
        out.pop()
    return shown("\n".join(out))


def _row_columns(entries: Sequence[Mapping[str, Any]]) -> dict[int, tuple[int, int]]:
    """The time and right column widths of each row, the same for every row of a run of rows."""
    runs: list[list[int]] = []
    for index, entry in enumerate(entries):
        if entry["type"] != "row":
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    columns: dict[int, tuple[int, int]] = {}
    for run in runs:
        rows = [entries[i] for i in run]
        time_width = max((len(e["time"]) for e in rows if e.get("time")), default=0)
        time_width = time_width + 2 if time_width else 0
        right_width = min(max((len(e["right"]) for e in rows if not e["wrap_right"]), default=0), 34)
        columns.update(dict.fromkeys(run, (time_width, right_width)))
    return columns


def _text_row(entry: Mapping[str, Any], time_width: int, right_width: int) -> list[str]:
    indent = 2 * entry["indent"]
    time = f"{entry['time'] or '':<{time_width}}" if time_width else ""
    lead = " " * indent + time
    right = entry["right"]
    if entry["wrap_right"]:
        room = WIDTH - len(lead) - len(right) - 2
        if room < 24:
            left = fill(entry["left"], WIDTH, lead, " " * (len(lead) + 3))
            rights = fill(right, WIDTH, " " * (len(lead) + 3))
            return left + rights
        width = room
    else:
        width = WIDTH - len(lead) - max(right_width, len(right)) - 2
    left_lines = textwrap.wrap(entry["left"], max(width, 20), break_on_hyphens=False) or [""]
    out = []
    for n, text in enumerate(left_lines):
        pad = lead if n == 0 else " " * (len(lead) + 3)
        if n == 0:
            line = f"{pad}{text}"
            out.append(f"{line:<{WIDTH - len(right)}}{right}".rstrip() if right else line)
        else:
            out.append(f"{pad}{text}")
    if entry["note"]:
        out += fill(entry["note"], WIDTH - max(right_width, 0) - 2, " " * (len(lead) + 3))
    return out


# ---------------------------------------------------------------- all formats


def render(
    recipe: Recipe,
    options: CardOptions,
    fmt: str,
    *,
    method: Any = None,
    template_dirs: Sequence[str | Path] = (),
    sandboxed: bool = False,
    plan: MeetingPlan | None = None,
) -> str | bytes:
    """The cards of ``recipe`` in a built-in format: text, md, html, pdf or json; ``plan`` if it is made already."""
    more: dict[str, Any] = {"method": method, "template_dirs": template_dirs, "sandboxed": sandboxed, "plan": plan}
    if fmt == "pdf":
        return html_to_pdf(render_cards(recipe, options, "html", **more))
    return render_cards(recipe, options, fmt, **more)
