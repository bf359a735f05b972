"""Build steps of the package, run by hatchling for a wheel and for ``pip install -e .``.

The translations: every ``src/methodengine/locale/<lang>/LC_MESSAGES/<domain>.po``
is compiled with Babel into the ``.mo`` beside it, which ``methodengine.i18n``
reads with the standard library's ``gettext`` at run time. The repository
holds only the text (``*.mo`` is ignored by git); the wheel takes the ``.mo``
files as artifacts, and an editable install finds them where they were
written. A ``.po`` that does not parse fails the build, naming the file.

A domain may also be a folder ``<domain>.d/`` of ``.po`` parts, one per
stage (``language.po``, ``cli.po``, ...), merged into one ``<domain>.mo``:
the messages of a stage are translated beside each other, and a message id
two parts both give fails the build, naming both.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "methodengine" / "locale"


def compile_catalogues(root: Path) -> list[Path]:
    """Each ``.po`` under the package's locale folder compiled into its ``.mo``; the ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    folder = root / LOCALE
    sources = [(po, [po]) for po in sorted(folder.glob("*/LC_MESSAGES/*.po"))]
    sources += [(parts, sorted(parts.glob("*.po"))) for parts in sorted(folder.glob("*/LC_MESSAGES/*.d"))]
    for source, files in sources:
        language = source.parent.parent.name
        domain = source.name.removesuffix(".po").removesuffix(".d")
        catalogue = None
        given: dict[str, Path] = {}
        for po in files:
            with po.open("rb") as f:
                part = read_po(f, locale=language, domain=domain, abort_invalid=True)
            if catalogue is None:
                catalogue = part
                given = {str(message.id): po for message in part if message.id}
                continue
            for message in part:
                if not message.id:
                    continue
                if str(message.id) in given:
                    raise ValueError(f"{po}: the message {message.id!r} is in {given[str(message.id)]} too")
                given[str(message.id)] = po
                catalogue[message.id] = message
        if catalogue is None:
            continue
        mo = source.parent / (domain + ".mo")
        partial = mo.with_suffix(".mo.partial")
        with partial.open("wb") as f:
            write_mo(f, catalogue)
        os.replace(partial, mo)  # whole or not at all: a reader never sees half a catalogue
        written.append(mo)
    return written


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the translations before the wheel (standard or editable) is built; the sdist ships the text."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        for mo in compile_catalogues(root):
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
