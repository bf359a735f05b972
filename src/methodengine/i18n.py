"""Labels in Dutch and English, and dates and numbers in the local style.

Labels go through gettext catalogs: the English text is the message id,
and ``locale/<lang>/LC_MESSAGES/<domain>.po`` holds the translation. The
``.po`` files are compiled in memory with Babel on first use, so the
repository holds only text and no build step is needed. Each output
(``cards``, ``schedule``) has a domain of its own.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalog_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def translations(language: str, domain: str) -> gettext.NullTranslations:
    """The translations of ``domain`` into ``language``; English needs none."""
    import gettext
    import io

    path = catalog_path(language, domain)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as f:
        catalog = read_po(f, locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def babel_locale(language: str) -> str:
    """The Babel locale for a recipe language: Dutch as in the Netherlands, British English."""
    return {"nl": "nl_NL", "en": "en_GB"}.get(language, language)
