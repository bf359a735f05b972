"""PDF cards: the cards' HTML made into a PDF by WeasyPrint, the same bytes on any machine.

WeasyPrint is imported only here, when a PDF is asked for; a missing
WeasyPrint (or Pango under it) is :class:`PdfUnavailableError`, which the
command reports as a usage error with the install line. What the PDF may
read is decided by :mod:`.url_safety`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import types
from collections.abc import Iterator
from typing import Any, TextIO

from methodengine.i18n import _, babel_locale, message_language, ngettext
from methodengine.output.cards.card_errors import PdfUnavailableError
from methodengine.output.cards.url_safety import url_fetcher

__all__ = ["FONT_EPOCH", "PROGRESS_AFTER", "PdfUnavailableError", "html_to_pdf"]


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
        problem = f"{type(exc).__name__}: {exc}"
        raise PdfUnavailableError(
            _("PDF cards need WeasyPrint, which cannot be loaded here: {problem}", problem=problem)
        ) from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with _progress(html.count('<section class="card ')), _reproducible_fonts():
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=url_fetcher()).render()
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
    The tables the subset drops are dropped before it starts (see
    :class:`_EarlyDrop`): the same bytes, in a third less time.
    """
    from weasyprint.pdf import fonts

    forced = hasattr(fonts, "harfbuzz_subset")
    saved = getattr(fonts, "harfbuzz_subset", None)
    subsetting = getattr(fonts, "subset", None)
    early = getattr(subsetting, "Subsetter", None) is not None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if forced:
        fonts.harfbuzz_subset = None
    if early:
        fonts.subset = _early_drop_subsetting(subsetting)
    if epoch is None:
        os.environ["SOURCE_DATE_EPOCH"] = FONT_EPOCH
    try:
        yield
    finally:
        if forced:
            fonts.harfbuzz_subset = saved
        if early:
            fonts.subset = subsetting
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _early_drop_subsetting(subsetting: Any) -> Any:
    """fontTools' ``subset`` module as WeasyPrint uses it (``Options``, ``Subsetter``), with :class:`_EarlyDrop`.

    fontTools reads a font's whole GSUB and GPOS tables (kerning: half the
    time of the subset) before it drops them, and WeasyPrint asks it to drop
    them. Dropping them first, by the subsetter's own rule, gives the same
    font, byte for byte.
    """

    class _EarlyDrop(subsetting.Subsetter):  # type: ignore[misc, name-defined]
        def subset(self, font: Any) -> None:
            options = self.options
            dropped = set(getattr(options, "drop_tables", ()))
            if not getattr(options, "hinting", True):
                dropped |= set(getattr(options, "hinting_tables", ()))
            # The legacy `kern` table goes when GPOS is there, as the subsetter decides; an option it lacks keeps it.
            kern = "GPOS" in font and getattr(options, "legacy_kern", True) is False
            for tag in list(font.keys()):
                if tag.strip() in dropped or (tag == "kern" and kern):
                    del font[tag]
            super().subset(font)

    return types.SimpleNamespace(Options=subsetting.Options, Subsetter=_EarlyDrop)


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
    what = ngettext("{count} card", "{count} cards", cards) if cards else _("the cards")
    started = time.monotonic()
    said = threading.Event()

    # Said now, in this thread: the timer's thread does not share the message language of the moment.
    line = "methodengine: " + _("rendering {what} to PDF\u2026", what=what)

    def announce() -> None:
        _say(stream, line)
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
            seconds = _decimal(time.monotonic() - started)
            _say(stream, "methodengine: " + _("PDF done in {seconds} s", seconds=seconds))


def _decimal(seconds: float) -> str:
    """Seconds to one decimal as the reader writes them (``3.4``, Dutch ``3,4``)."""
    from babel.numbers import format_decimal

    return format_decimal(round(seconds, 1), "0.0", locale=babel_locale(message_language()))


def _say(stream: TextIO, line: str) -> None:
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # progress is a courtesy: a terminal gone away does not stop the PDF
