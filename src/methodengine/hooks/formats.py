"""The output formats of ``cards`` and ``schedule``: every one an ``OutputFormat`` a plugin registers.

The built-in formats come from the built-in plugins ``card_formats`` and
``schedule_formats`` (``plugins/methodengine_formats``), through the same
hooks as any plugin's (``output_formats``, ``schedule_formats``). A name is
one format's: a plugin that registers a built-in's name is told so and that
format of it is left out, so that installing a plugin never changes what
``--format pdf`` makes; two third-party plugins with one name are both left
out, with an error naming both, until the user chooses one of them.

``--format``'s choices, its help and ``-o FILE.EXT``'s choice of format are
all read from here, so a plugin's format is offered exactly as a built-in.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import attrs

from methodengine.hooks.contract import OutputFormat

if TYPE_CHECKING:
    from methodengine.hooks.manager import Plugins

CARDS = "cards"
SCHEDULE = "schedule"
HOOKS = {CARDS: "output_formats", SCHEDULE: "schedule_formats"}
"""The hook that registers the formats of each command."""

DEFAULT = "text"
"""The format without ``--format`` and without a known extension."""


class Formats:
    """The formats of one command: by name, with the names two plugins both claim."""

    def __init__(
        self,
        command: str,
        formats: dict[str, OutputFormat],
        clashes: dict[str, list[str]],
        clashed_extensions: dict[str, str] | None = None,
    ) -> None:
        self.command = command
        self.formats = formats
        self.clashes = clashes
        self._clashed_extensions = clashed_extensions or {}

    def __repr__(self) -> str:
        return f"<Formats of {self.command}: {', '.join(self.formats)}>"

    def names(self) -> list[str]:
        """The format names, the built-in ones first, in the order their plugins registered them."""
        return list(self.formats)

    def get(self, name: str) -> OutputFormat:
        """The format called ``name``; a usage error naming the plugins when two claim it, or none has it."""
        found = self.formats.get(name)
        if found is not None:
            return found
        from methodengine.diagnostics import error
        from methodengine.errors import UsageError
        from methodengine.hooks.manager import listed
        from methodengine.i18n import _

        if name in self.clashes:
            plugins = listed(f"`{p}`" for p in self.clashes[name])
            message = _("format `{format}` is provided by both plugins {plugins}", format=name, plugins=plugins)
            raise UsageError([error(message, None, _choose_hint(), "format-conflict")])
        from methodengine._suggest import did_you_mean

        hint = did_you_mean(name, self.names())
        known = ", ".join(self.names())
        message = (
            _("no format {name}; {hint} (formats: {formats})", name=repr(name), hint=hint, formats=known)
            if hint
            else _("no format {name} (formats: {formats})", name=repr(name), formats=known)
        )
        raise UsageError([error(message, None, None, "format-unknown")])

    def for_file(self, extension: str) -> OutputFormat | None:
        """The format a file name's extension (``pdf``, ``.MD``) chooses, if any does."""
        wanted = extension.lower().lstrip(".")
        for found in self.formats.values():
            if wanted in (found.extension, *_ALIASES.get(found.name, ())):
                return found
        if wanted in self._clashed_extensions:  # two plugins claim it: say so, as --format NAME does
            return self.get(self._clashed_extensions[wanted])
        return None

    def extensions(self) -> list[str]:
        """The extensions that choose a format, each once, in the order of the formats."""
        return list(dict.fromkeys(f".{f.extension}" for f in self.formats.values()))

    def help(self) -> str:
        """``--format``'s help: each name with its description."""
        from methodengine.i18n import pick

        return "; ".join(f"{f.name}: {pick(f.description)}" for f in self.formats.values())


_ALIASES = {"text": ("text",), "md": ("markdown",), "html": ("htm",)}
"""File extensions, besides each format's own, that choose a built-in format (``x.markdown`` is Markdown)."""


def _choose_hint() -> str:
    from methodengine.i18n import _

    return _("uninstall one of them, or choose the plugins to load with METHODENGINE_LOAD_PLUGINS")


_made: weakref.WeakKeyDictionary[Plugins, dict[str, Formats]] = weakref.WeakKeyDictionary()


def formats(plugins: Plugins, command: str) -> Formats:
    """The formats of ``command`` (``cards`` or ``schedule``) the loaded plugins register; made once per Plugins."""
    made = _made.setdefault(plugins, {})
    if command not in made:
        made[command] = _collect(plugins, command)
    return made[command]


def _collect(plugins: Plugins, command: str) -> Formats:
    from methodengine.diagnostics import error
    from methodengine.hooks.manager import listed
    from methodengine.i18n import _

    hook = HOOKS[command]
    offered: dict[str, list[OutputFormat]] = {}
    for plugin, found in plugins.call(hook):
        for fmt in found:
            if not isinstance(fmt, OutputFormat):
                plugins.fail(
                    plugin, _("returned {type} from `{hook}`, not an OutputFormat", type=type(fmt).__name__, hook=hook)
                )
                continue
            offered.setdefault(fmt.name, []).append(attrs.evolve(fmt, plugin=plugin))
    kept: dict[str, OutputFormat] = {}
    clashes: dict[str, list[str]] = {}
    clashed_extensions: dict[str, str] = {}
    for name, candidates in offered.items():
        owners = [str(c.plugin) for c in candidates]
        if len(candidates) == 1:
            kept[name] = candidates[0]
            continue
        builtins = [c for c in candidates if _is_builtin(plugins, str(c.plugin))]
        if len(builtins) == 1:
            kept[name] = builtins[0]
            others = listed(f"`{p}`" for p in owners if p != builtins[0].plugin)
            plugins.report(
                error(
                    _(
                        "plugin {plugins} registers {command} format `{format}`, which built-in plugin `{builtin}` "
                        "provides; the built-in is kept and the plugin's `{format}` left out "
                        "(its authors must give it another name)",
                        plugins=others,
                        command=command,
                        format=name,
                        builtin=builtins[0].plugin,
                    ),
                    None,
                    None,
                    "format-taken",
                )
            )
            continue
        clashes[name] = owners
        for candidate in candidates:
            clashed_extensions.setdefault(candidate.extension.lower(), name)
        plugins.report(
            error(
                _(
                    "plugins {plugins} both provide {command} format `{format}`; neither is used",
                    plugins=listed(f"`{p}`" for p in owners),
                    command=command,
                    format=name,
                ),
                None,
                _choose_hint(),
                "format-conflict",
            )
        )
    builtin_first = sorted(kept.values(), key=lambda f: not _is_builtin(plugins, str(f.plugin)))
    return Formats(command, {f.name: f for f in builtin_first}, clashes, clashed_extensions)


def _is_builtin(plugins: Plugins, name: str) -> bool:
    info = plugins.infos.get(name)
    return info is not None and info.builtin


def is_builtin(plugins: Plugins, found: OutputFormat) -> bool:
    """Whether a built-in plugin registered the format: its errors are methodengine's own, not a plugin's."""
    return _is_builtin(plugins, str(found.plugin))
