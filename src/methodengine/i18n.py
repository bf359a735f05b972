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

import functools
import os
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
        if os.path.exists(text):
            _not_compiled(f"the {language} labels ({text}) are not compiled")
        return gettext.NullTranslations()
    try:
        stale = os.stat(text).st_mtime > os.stat(compiled).st_mtime
    except FileNotFoundError:  # an installed wheel ships the compiled catalogue only
        stale = False
    if stale:
        _not_compiled(f"the {language} labels ({text}) changed since they were compiled")
    return found


def _not_compiled(message: str) -> None:
    from methodengine.diagnostics import error
    from methodengine.errors import UsageError

    raise UsageError([error(message, None, hint=NOT_COMPILED_HINT, code="catalogue-not-compiled")])


def babel_locale(language: str) -> str:
    """The Babel locale for a recipe language: Dutch as in the Netherlands, British English."""
    return {"nl": "nl_NL", "en": "en_GB"}.get(language, language)
