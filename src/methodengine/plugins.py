"""Loading plugins, and calling them so that one broken plugin harms nothing else.

The built-in methods are registered exactly like third-party plugins: the
engine imports the ``methodengine_methods`` package, which lists its plugin
modules, and registers each; it knows none of their names or methods.
Third-party plugins come from the ``methodengine`` entry-point group. Every
plugin is imported and called inside its own try/except: one that fails is
reported on stderr by name, with the reason, and skipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs
import pluggy
from attrs import define, field

from methodengine import hookspecs
from methodengine.methods import Method, OutputFormat

ENTRY_POINT_GROUP = "methodengine"
BUILTIN_PACKAGE = "methodengine_methods"
LOAD_ENV = "METHODENGINE_LOAD_PLUGINS"


@define
class PluginInfo:
    """A plugin as ``methodengine plugins`` shows it."""

    name: str
    version: str
    builtin: bool
    distribution: str | None = None
    hooks: list[str] = field(factory=list)
    methods: list[str] = field(factory=list)


@define
class PluginFailure:
    name: str
    reason: str


def _report(message: str) -> None:
    print(f"methodengine: {message}", file=sys.stderr)


@define
class Plugins:
    """The loaded plugins and what they registered."""

    manager: pluggy.PluginManager
    infos: dict[str, PluginInfo] = field(factory=dict)
    failures: list[PluginFailure] = field(factory=list)
    _methods: dict[str, Method] | None = None
    conflicts: dict[str, list[str]] = field(factory=dict)
    _base_recipes: dict[str, Any] = field(factory=dict)

    def register(self, plugin: object, info: PluginInfo) -> None:
        try:
            self.manager.register(plugin, name=info.name)
        except Exception as exc:
            self.fail(info.name, f"could not be registered: {type(exc).__name__}: {exc}")
            return
        info.hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
        self.infos[info.name] = info

    def fail(self, name: str, reason: str) -> None:
        reason = " ".join(reason.split())  # pluggy's validation errors run over several lines
        self.failures.append(PluginFailure(name, reason))
        _report(f"plugin `{name}` {reason}; skipped")

    def call(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Each plugin's result of ``hook``, in registration order, isolating failures.

        Every implementation gets only the arguments it asks for, which is
        what lets a hook grow new arguments without breaking plugins.
        """
        caller = getattr(self.manager.hook, hook)
        for impl in caller.get_hookimpls():
            if self.manager.is_blocked(impl.plugin_name):
                continue
            try:
                result = impl.function(*(kwargs[name] for name in impl.argnames))
                if hook in ("register_methods", "output_formats", "check_recipe") and result is not None:
                    result = list(result)
            except Exception as exc:
                self.fail(impl.plugin_name, f"failed in `{hook}`: {type(exc).__name__}: {exc}")
                continue
            if result is not None:
                yield impl.plugin_name, result

    def methods(self) -> dict[str, Method]:
        """Every registered method by id; conflicting ids are left out and kept in ``conflicts``."""
        if self._methods is None:
            found: dict[str, Method] = {}
            owners: dict[str, list[str]] = {}
            for plugin, methods in self.call("register_methods"):
                for method in methods:
                    if not isinstance(method, Method):
                        self.fail(plugin, f"returned {type(method).__name__} from `register_methods`, not a Method")
                        continue
                    owners.setdefault(method.id, []).append(plugin)
                    found.setdefault(method.id, attrs.evolve(method, plugin=plugin))
                    if plugin in self.infos:
                        self.infos[plugin].methods.append(method.id)
            self.conflicts = {mid: names for mid, names in owners.items() if len(names) > 1}
            for method_id, names in self.conflicts.items():
                found.pop(method_id)
                _report(
                    f"error: plugins {' and '.join(f'`{n}`' for n in names)} both provide method `{method_id}`; "
                    f"recipes using it cannot be checked (choose one with {LOAD_ENV})"
                )
            self._methods = dict(sorted(found.items()))
        return self._methods

    def output_formats(self) -> dict[str, OutputFormat]:
        formats: dict[str, OutputFormat] = {}
        for plugin, found in self.call("output_formats"):
            for fmt in found:
                if isinstance(fmt, OutputFormat):
                    formats.setdefault(fmt.name, attrs.evolve(fmt, plugin=plugin))
                else:
                    self.fail(plugin, f"returned {type(fmt).__name__} from `output_formats`, not an OutputFormat")
        return formats

    def template_dirs(self) -> list[str]:
        """Plugin template directories, the last registered first, so that it overrides."""
        dirs = []
        for plugin, path in self.call("card_templates"):
            if isinstance(path, (str, os.PathLike)) and os.path.isdir(path):
                dirs.append(os.fspath(path))
            else:
                self.fail(plugin, f"returned {path!r} from `card_templates`, not the path of a directory")
        return dirs[::-1]

    def base_recipe(self, method: Method):  # type: ignore[no-untyped-def]
        """A method's base recipe, parsed once. Raises RecipeError if the plugin's text is broken."""
        if method.id not in self._base_recipes:
            from methodengine.parsing import parse

            self._base_recipes[method.id] = parse(method.base_recipe, base_recipe_path(method))
        return self._base_recipes[method.id]


def base_recipe_path(method: Method) -> str:
    """The name positions in a method's base recipe carry."""
    return f"<method {method.id}>"


def load_plugins(
    plugins: Sequence[object] = (),
    *,
    builtins: bool = True,
    entry_points: bool = True,
) -> Plugins:
    """A fresh set of plugins: the built-ins, ``plugins`` as given, and installed ones.

    ``METHODENGINE_LOAD_PLUGINS`` (a comma-separated list of entry-point
    names; empty means none) chooses which installed plugins load.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    loaded = Plugins(manager)
    if builtins:
        _load_builtins(loaded)
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        loaded.register(plugin, PluginInfo(name, "-", builtin=False))
    if entry_points:
        _load_entry_points(loaded)
    return loaded


def _load_builtins(loaded: Plugins) -> None:
    import importlib

    from methodengine._version import __version__

    try:
        package = importlib.import_module(BUILTIN_PACKAGE)
        names: Iterable[str] = package.PLUGINS
    except Exception as exc:
        loaded.fail(BUILTIN_PACKAGE, f"could not be imported: {type(exc).__name__}: {exc}")
        return
    for module_name in names:
        short = module_name.rsplit(".", 1)[-1]
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            loaded.fail(short, f"could not be imported: {type(exc).__name__}: {exc}")
            continue
        loaded.register(module, PluginInfo(short, __version__, builtin=True, distribution="methodengine"))


def _wanted() -> set[str] | None:
    value = os.environ.get(LOAD_ENV)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _load_entry_points(loaded: Plugins) -> None:
    wanted = _wanted()
    if wanted is not None and not wanted:
        return
    from methodengine._cache import cache_dir
    from methodengine._entry_points import entry_points

    seen: set[str] = set()
    for ep in entry_points(ENTRY_POINT_GROUP, cache_dir()):
        if ep.name in seen or (wanted is not None and ep.name not in wanted):
            continue
        seen.add(ep.name)
        info = PluginInfo(ep.name, ep.version or "?", builtin=False, distribution=ep.distribution)
        if ep.name in loaded.infos:
            loaded.fail(ep.name, "has the name of a plugin already loaded")
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            loaded.fail(ep.name, f"could not be imported: {type(exc).__name__}: {exc}")
            continue
        loaded.register(plugin, info)
    if wanted:
        for name in sorted(wanted - seen):
            _report(f"warning: {LOAD_ENV} names `{name}`, but no such plugin is installed")


_default: list[Plugins] = []


def get_plugins() -> Plugins:
    """The plugins for this process, loaded on first use."""
    if not _default:
        _default.append(load_plugins())
    return _default[0]
