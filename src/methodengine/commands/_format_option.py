"""``--format`` of ``cards`` and ``schedule``: its choices, its help and ``-o FILE.EXT``, from the format registry.

Nothing here knows a format by name but the default: the names, their
descriptions and their file extensions are what the plugins (the built-in
``card_formats`` and ``schedule_formats`` among them) register, read when
the option's value is converted or its help shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from methodengine.commands._params import NameChoice
from methodengine.i18n import N_, _

if TYPE_CHECKING:
    from pathlib import Path

    from methodengine.hooks.contract import OutputFormat, OutputRequest
    from methodengine.hooks.formats import Formats
    from methodengine.hooks.manager import Plugins

FORMAT_ALIASES = {"markdown": "md", "htm": "html"}
"""Other spellings ``--format`` takes."""


def _registry(command: str) -> Formats:
    from methodengine.commands._common import plugins
    from methodengine.hooks.formats import formats

    return formats(plugins(), command)


def format_type(command: str) -> NameChoice:
    """``--format``'s type: a registered name (two plugins' clashing name too, so that its error names them)."""

    def names() -> list[str]:
        registry = _registry(command)
        return [*registry.names(), *registry.clashes]

    return NameChoice(names, N_("format"), N_("formats"), aliases=FORMAT_ALIASES)


class FormatOption(click.Option):
    """An option whose help lists the command's formats with their descriptions, as registered."""

    def __init__(self, *args: Any, command_formats: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.command_formats = command_formats
        self.help_after = self.help or ""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from methodengine.commands._help import translated_help

        listed = _registry(self.command_formats).help()
        after = translated_help(self.help_after) or ""
        given = self.help
        self.help = " ".join((_("{formats}; or a plugin's format.", formats=listed), after)).strip()
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = given


def chosen_format(plugins: Plugins, command: str, name: str | None, output: Path | None) -> OutputFormat:
    """The format ``--format`` names; without it, the one ``-o FILE``'s extension names; else text.

    A file whose extension no format has (``-o kaarten.docx``) is a usage
    error listing the formats: writing text into a ``.docx`` helps no one.
    With ``--format``, a file whose extension is not that format's
    (``--format pdf -o kaarten.html``) is one too: the file would hold
    something else than its name says, and open as garbage.
    """
    from methodengine.hooks.formats import DEFAULT, formats

    registry = formats(plugins, command)
    if name is not None:
        chosen = registry.get(name)
        if output is not None and output.suffix and not _not_a_file(output):
            _refuse_other_extension(registry, chosen, output)
        return chosen
    if output is None or not output.suffix or _not_a_file(output):
        return registry.get(DEFAULT)
    found = registry.for_file(output.suffix)
    if found is None:
        extensions = ", ".join(registry.extensions())
        raise click.UsageError(
            _(
                "no format writes {suffix} files ({name}); name one with --format "
                "(formats: {formats}; by extension: {extensions})",
                suffix=output.suffix,
                name=output.name,
                formats=", ".join(registry.names()),
                extensions=extensions,
            )
        )
    return found


def _refuse_other_extension(registry: Formats, chosen: OutputFormat, output: Path) -> None:
    """A usage error unless ``output``'s extension is one ``chosen`` writes (``.htm`` for html, ``.MD`` for md)."""
    if registry.for_file(output.suffix) is chosen:
        return
    raise click.UsageError(
        _(
            "--format {format} writes {extension} files, not {suffix} ({name}); name the file {fixed}, "
            "or leave out --format and let the extension choose",
            format=chosen.name,
            extension=f".{chosen.extension}",
            suffix=output.suffix,
            name=output.name,
            fixed=output.with_suffix(f".{chosen.extension}").name,
        )
    )


def _not_a_file(output: Path) -> bool:
    """A socket, a pipe or a device (``-o /dev/stdout``) is written to, whatever its name ends in."""
    import os
    import stat

    try:
        return not stat.S_ISREG(os.stat(output).st_mode)
    except OSError:
        return False  # a new file: its extension chooses


def rendered(plugins: Plugins, found: OutputFormat, request: OutputRequest) -> str | bytes:
    """A plugin's format rendered in containment: its prints go to stderr, its failure ends the command (exit 1)."""
    from methodengine.commands._common import fail
    from methodengine.hooks.manager import contained

    data = None
    with contained(str(found.plugin), f"in format `{found.name}`", plugins.report) as run:
        data = found.render(request)  # its prints must not join the output
    if run.failure is not None:
        fail(
            _(
                "methodengine: plugin `{plugin}` failed in format `{format}`: {failure}",
                plugin=found.plugin,
                format=found.name,
                failure=run.failure,
            )
        )
    if not isinstance(data, (str, bytes)):
        fail(
            _(
                "methodengine: plugin `{plugin}` returned {type} from format `{format}`, not text or bytes",
                plugin=found.plugin,
                type=type(data).__name__,
                format=found.name,
            )
        )
    if isinstance(data, bytes) != found.binary:  # a text format's bytes would bypass the terminal's escaping
        binary, text = _("bytes"), _("text")
        wanted, got = (binary, text) if found.binary else (text, binary)
        fail(
            _(
                "methodengine: plugin `{plugin}` returned {got} from format `{format}`, which says it "
                "writes {wanted} (OutputFormat.binary={binary})",
                plugin=found.plugin,
                got=got,
                format=found.name,
                wanted=wanted,
                binary=found.binary,
            )
        )
    return data
