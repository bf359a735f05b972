"""Labels in Dutch and English, and the Babel locale for dates and numbers in the local style.

Labels go through gettext catalogues: the English text is the message id,
and ``locale/<lang>/LC_MESSAGES/<domain>.po`` holds the translation. The
repository holds only the ``.po`` text; building the package (``pip install
.``, ``pip install -e .``, a wheel) compiles each into the ``.mo`` next to it
(``hatch_build.py``), which the standard library's ``gettext`` reads here.
So labels cost one small file read, and Babel is imported only where a date
or a number is formatted. Each output (``cards``, ``schedule``) has a domain
of its own, and ``common`` holds the phrases they share.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext
    from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
"""Where the catalogues are: a folder of the package, so that an installed wheel has them too."""

NOT_COMPILED_HINT = "install the checkout (`pip install -e .`), which compiles the catalogues"


def catalog_path(language: str, domain: str, suffix: str = ".po") -> Path:
    """The catalogue's text (``.po``), or with ``suffix=".mo"`` its compiled form."""
    from pathlib import Path

    return Path(_catalogue_file(language, domain, suffix))


def _catalogue_file(language: str, domain: str, suffix: str) -> str:
    return os.path.join(LOCALE_DIR, language, "LC_MESSAGES", domain + suffix)


@functools.cache
def translations(language: str, domain: str) -> gettext.NullTranslations:
    """The translations of ``domain`` into ``language``; English needs none.

    A language without a catalogue for ``domain`` gets none either: its
    labels stay English. A checkout whose ``.po`` has no ``.mo`` beside it,
    or one older than the text, was not installed since it changed: that is
    a usage error naming the file, never a silent fall back to English.
    """
    import gettext

    if language == "en":
        return gettext.NullTranslations()
    compiled = _catalogue_file(language, domain, ".mo")
    text = _catalogue_file(language, domain, ".po")
    try:
        with open(compiled, "rb") as f:
            found = gettext.GNUTranslations(f)
    except FileNotFoundError:
        if os.path.exists(text) or os.path.isdir(_parts(text)):
            _not_compiled(f"the {language} labels ({text}) are not compiled")
        return gettext.NullTranslations()
    try:
        stale = _changed(text, domain) > os.stat(compiled).st_mtime
    except FileNotFoundError:  # an installed wheel ships the compiled catalogue only
        stale = False
    if stale:
        _not_compiled(f"the {language} labels ({text}) changed since they were compiled")
    return found


def _parts(text: str) -> str:
    """The folder of a domain kept in parts (``messages.d/*.po``, merged into one ``.mo`` at build time)."""
    return text.removesuffix(".po") + ".d"


def _changed(text: str, domain: str) -> float:
    """When the domain's text last changed: its ``.po``, or the newest part of its folder."""
    parts = _parts(text)
    if os.path.isdir(parts):
        return max((os.stat(os.path.join(parts, name)).st_mtime for name in os.listdir(parts)), default=0.0)
    return os.stat(text).st_mtime


def _not_compiled(message: str) -> None:
    from methodengine.diagnostics import error
    from methodengine.errors import UsageError

    raise UsageError([error(message, None, hint=NOT_COMPILED_HINT, code="catalogue-not-compiled")])


def babel_locale(language: str) -> str:
    """The Babel locale for a recipe language: Dutch as in the Netherlands, British English."""
    return {"nl": "nl_NL", "en": "en_GB"}.get(language, language)


# ------------------------------------------------------------------ messages
#
# Messages (diagnostics, hints, what the commands say, --help) are in the
# language of the person at the terminal, not of the recipe: chosen by
# ``--lang`` (the CLI sets it with :func:`use_language`), else by
# ``METHODENGINE_LANG``, else by the locale variables as gettext reads them
# (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English. The
# English text is the message id; ``{name}`` placeholders are filled in after
# translation, so recipe text never reaches the format string.

MESSAGES = "messages"
"""The catalogue of methodengine's messages (``locale/<lang>/LC_MESSAGES/messages.po``)."""

Text = str | Mapping[str, str]
"""A plugin's text: English alone, or by language (``{"en": ..., "nl": ...}``); see :func:`pick`."""

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("methodengine_message_language", default=None)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The message language the environment asks for: ``METHODENGINE_LANG``, then the locale, else English.

    The locale variables are read as gettext reads them: the first one set
    decides (``LANGUAGE`` may list several, ``nl:en``); ``nl_BE.UTF-8`` is
    Dutch, ``C`` and ``POSIX`` are English. A value that names neither
    language passes to the next variable.
    """
    environ = os.environ if environ is None else environ
    own = environ.get("METHODENGINE_LANG", "").strip().lower()
    if own in LANGUAGES:
        return own
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable)
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
    return "en"


def message_language() -> str:
    """The language messages are said in now: the one :func:`use_language` set, else the environment's."""
    return _chosen.get() or language_from_environment()


@contextlib.contextmanager
def use_language(language: str | None) -> Iterator[None]:
    """Say messages in ``language`` inside the block (None: as the environment asks)."""
    token = _chosen.set(language)
    try:
        yield
    finally:
        _chosen.reset(token)


def pick(text: str | Mapping[str, str], language: str | None = None) -> str:
    """A plugin's text in the message language: its own translation, else its English, else its first."""
    if isinstance(text, str):
        return text
    language = language or message_language()
    found = text.get(language) or text.get("en")
    return found if found is not None else next(iter(text.values()), "")


class Catalogue:
    """Messages of one gettext domain, said in the message language of the moment.

    methodengine's own messages are :data:`CATALOGUE`; a plugin can ship a
    catalogue of its own (``<directory>/<lang>/LC_MESSAGES/<domain>.mo``) and
    use one of these for it, or give its texts by language (:func:`pick`).
    """

    def __init__(self, domain: str, directory: str = LOCALE_DIR) -> None:
        self.domain = domain
        self.directory = directory

    def _translations(self, language: str) -> gettext.NullTranslations:
        if self.directory == LOCALE_DIR:
            return translations(language, self.domain)
        return _plugin_translations(language, self.domain, self.directory)

    def gettext(self, message: str, /, **values: object) -> str:
        """``message`` in the message language, its ``{placeholders}`` filled with ``values``."""
        text = self._translations(message_language()).gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The singular or plural form for ``count``; ``{count}`` is filled in too, unless ``values`` say how.

        A caller may give ``count=`` itself, to show the number otherwise
        (``1,5`` minutes, counted as plural) than the one that picks the form.
        """
        text = self._translations(message_language()).ngettext(singular, plural, count)
        return text.format(**{"count": count, **values})

    def texts(self, message: str) -> dict[str, str]:
        """``message`` in every language, for a text shown in a language other than the messages' (a listing)."""
        return {language: self._translations(language).gettext(message) for language in LANGUAGES}


@functools.cache
def _plugin_translations(language: str, domain: str, directory: str) -> gettext.NullTranslations:
    import gettext

    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, directory, [language], fallback=True)


CATALOGUE = Catalogue(MESSAGES)
"""methodengine's own messages."""


def _(message: str, /, **values: object) -> str:
    """A message of methodengine's in the message language (``_`` is what gettext's extractors look for)."""
    return CATALOGUE.gettext(message, **values)


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """A message with a count, in the message language."""
    return CATALOGUE.ngettext(singular, plural, count, **values)


def N_(message: str) -> str:  # noqa: N802  (gettext's name for it)
    """Mark ``message`` for the catalogue without translating it now: it is translated where it is shown."""
    return message


def translate(message: str, /, **values: object) -> str:
    """A message marked with :func:`N_` where it was written, said now: ``_`` for an id held in a variable.

    ``_`` takes the text itself, so that the extractor (and the completeness
    test) sees each id where it is used; a text kept in a constant, an
    option's help or a table is marked with ``N_`` there, and put into the
    message language here when it is shown.
    """
    return CATALOGUE.gettext(message, **values)
