"""Loading plugins, and calling them so that one broken plugin harms nothing else.

The built-in methods are registered exactly like third-party plugins: the
engine imports the ``methodengine_methods`` package, which lists its plugin
modules, and registers each; it knows none of their names or methods.
Third-party plugins come from the ``methodengine`` entry-point group. Every
plugin is imported and called inside ``contained``: one that fails in any
way, ``sys.exit`` and a ``KeyboardInterrupt`` of its own included, is
reported by name, with the reason, and skipped; what it prints goes to
stderr, so that a command's output on stdout stays valid; one that is slow is
named. The reports are :class:`Diagnostic`s kept on :class:`Plugins`: the
library never prints them, the command line does. A hook implementation that
matches no hook (``register_method`` for ``register_methods``) is reported and
skipped, as pluggy's ``check_pending`` would refuse it, but per plugin, so
that one misspelt name does not stop the others.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import FrameType, FunctionType, ModuleType, TracebackType
from typing import Any, NamedTuple

import attrs
import pluggy
from attrs import define, field

from methodengine.diagnostics import Diagnostic, error, warning
from methodengine.hooks import specs as hookspecs
from methodengine.hooks.contract import Method, OutputFormat
from methodengine.i18n import _

ENTRY_POINT_GROUP = "methodengine"
BUILTIN_PACKAGE = "methodengine_methods"
LOAD_ENV = "METHODENGINE_LOAD_PLUGINS"
TRACE_ENV = "METHODENGINE_TRACE_PLUGINS"
"""Set to 1, every hook call to a plugin is traced on stderr (by the command line), with its result or failure."""
SLOW_SECONDS = 3.0
"""A plugin call taking longer than this is named in a warning; it is not stopped."""


@define
class PluginInfo:
    """A plugin as ``methodengine plugins`` shows it."""

    name: str
    version: str
    builtin: bool
    distribution: str | None = None
    hooks: list[str] = field(factory=list)
    methods: list[str] = field(factory=list)


class PluginFailure(NamedTuple):
    """A plugin that was skipped, and why."""

    name: str
    reason: str


Report = Callable[[Diagnostic], None]
"""Where a finding about the plugins themselves goes: ``Plugins.report``, which keeps it for the CLI to show."""


def _report_to_default(diagnostic: Diagnostic) -> None:
    """A finding from a ``contained`` block no ``Plugins`` was named for: kept by this process's plugins."""
    if _default:
        _default[0].report(diagnostic)


class _PluginOutput(io.TextIOBase):
    """Stands in for stdout while plugins run: their lines go to stderr, each marked with the plugin's name."""

    def __init__(self) -> None:
        super().__init__()
        self.plugin: str | None = None
        self._pending = ""

    def mark(self, plugin: str | None) -> str | None:
        """Mark what is written from now on as ``plugin``'s (None: no mark); the plugin marked before."""
        self.flush()  # an unfinished line keeps the mark of the plugin that wrote it
        previous, self.plugin = self.plugin, plugin
        return previous

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if sys.stderr is None:  # no standard error (a closed one, pythonw): a plugin's lines have nowhere to go
            return len(text)
        for line in lines:
            sys.stderr.write(f"{self._prefix()}{line}\n")
        return len(text)

    def flush(self) -> None:
        if sys.stderr is None:
            self._pending = ""
            return
        if self._pending:
            sys.stderr.write(f"{self._prefix()}{self._pending}\n")
            self._pending = ""
        sys.stderr.flush()

    def fileno(self) -> int:
        return sys.stderr.fileno()

    def _prefix(self) -> str:
        return f"[plugin {self.plugin}] " if self.plugin is not None else ""


def _flush_stdout() -> None:
    for stream in (sys.stdout, sys.__stdout__):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()


class _Sandbox:
    """Standard output and file descriptor 1 pointed at stderr, and a SIGINT handler that notes a real Ctrl-C."""

    def __init__(self) -> None:
        self.output = _PluginOutput()
        self.interrupted = False
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> _Sandbox:
        self._stack.callback(self.output.flush)
        self._redirect_fd()
        self._stack.enter_context(contextlib.redirect_stdout(self.output))
        self._watch_sigint()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stack.close()

    def _redirect_fd(self) -> None:
        _flush_stdout()  # what the command wrote before must not follow the plugin's output to stderr
        try:
            saved = os.dup(1)
        except OSError:
            return
        try:
            os.dup2(2, 1)
        except OSError:
            os.close(saved)
            return

        def restore() -> None:
            _flush_stdout()
            os.dup2(saved, 1)
            os.close(saved)

        self._stack.callback(restore)

    def _watch_sigint(self) -> None:
        """Note a real SIGINT, then handle it as before; a KeyboardInterrupt without one is the plugin's."""
        if threading.current_thread() is not threading.main_thread():
            return  # signals reach the main thread only: any KeyboardInterrupt here is the plugin's
        previous = signal.getsignal(signal.SIGINT)
        if not callable(previous):
            return  # ignored, or the default that kills the process: no KeyboardInterrupt can be the user's

        def on_sigint(signum: int, frame: FrameType | None) -> Any:
            self.interrupted = True
            return previous(signum, frame)

        signal.signal(signal.SIGINT, on_sigint)
        self._stack.callback(signal.signal, signal.SIGINT, previous)


_sandbox: list[_Sandbox] = []
"""The sandbox open now, if any: scopes inside it share it."""


class plugin_scope:  # noqa: N801  # used like a function: ``with plugin_scope(name):``
    """Where plugins' code runs: their output goes to stderr, and the user's Ctrl-C is told from theirs.

    Inside, ``print`` and other writes to ``sys.stdout`` go to stderr as
    ``[plugin NAME] line``, and so do writes to file descriptor 1
    (``os.write(1, ...)``, a child process), which is pointed at stderr for
    the duration; a SIGINT handler notes a real Ctrl-C. Every ``contained``
    block opens one. Setting that up costs more than most plugin calls, so
    scopes nest: one opened inside another only changes whose name marks
    the output. A command that calls plugins for each of many recipes opens
    one (``plugin_scope()``, no name) around them all, while it writes
    nothing itself.
    """

    def __init__(self, plugin: str | None = None) -> None:
        self.plugin = plugin
        self._own: _Sandbox | None = None
        self._sandbox: _Sandbox | None = None
        self._previous: str | None = None

    @property
    def interrupted(self) -> bool:
        """Whether the user pressed Ctrl-C while the scope was open."""
        return self._sandbox is not None and self._sandbox.interrupted

    def __enter__(self) -> plugin_scope:
        if not _sandbox:
            self._own = _Sandbox().__enter__()
            _sandbox.append(self._own)
        self._sandbox = _sandbox[-1]
        self._previous = self._sandbox.output.mark(self.plugin) if self.plugin is not None else None
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._sandbox is not None
        if self.plugin is not None:
            self._sandbox.output.mark(self._previous)
        if self._own is not None:
            _sandbox.remove(self._own)
            self._own.__exit__(None, None, None)


class contained:  # noqa: N801  # used like a function: ``with contained(name, where) as run:``
    """Run a plugin's code so that nothing it does ends the command or spoils its output.

    The block runs in a :class:`plugin_scope` of the plugin. Any exception
    leaving the block, ``SystemExit`` and a ``KeyboardInterrupt`` the plugin
    raises itself included, is swallowed and described in ``failure``; the
    user's own Ctrl-C still stops the command. A block that takes longer
    than ``SLOW_SECONDS`` is named in a warning, given to ``report`` (by
    default the process's plugins): it is not cut short, since a thread
    cannot be killed safely. ``where`` says what the plugin was doing, for
    that warning: a text, or a function that makes it, so that a call that is
    not slow never pays for translating it (a check runs a rule per recipe).
    """

    def __init__(self, plugin: str, where: str | Callable[[], str], report: Report | None = None) -> None:
        self.plugin = plugin
        self.where = where
        self.report = report or _report_to_default
        self.failure: str | None = None
        self._scope = plugin_scope(plugin)
        self._started = 0.0

    def __enter__(self) -> contained:
        self._scope.__enter__()
        self._started = time.monotonic()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        elapsed = time.monotonic() - self._started
        interrupted = self._scope.interrupted
        self._scope.__exit__(None, None, None)
        if elapsed > SLOW_SECONDS:
            took = _(
                "plugin `{plugin}` took {seconds} s {where}",
                plugin=self.plugin,
                seconds=f"{elapsed:.1f}",
                where=self.where if isinstance(self.where, str) else self.where(),
            )
            self.report(warning(took, None, code="plugin-slow"))
        if exc is None:
            return False
        if isinstance(exc, KeyboardInterrupt) and interrupted:
            return False  # the user pressed Ctrl-C: stop, as without plugins
        message = "" if isinstance(exc, SystemExit) and exc.code is None else str(exc).strip()
        self.failure = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        return True


class Plugins:
    """The loaded plugins, what they registered, and what went wrong with them.

    ``diagnostics`` holds every finding about the plugins themselves (one
    that failed, two that clash, a slow call), in the order found; the
    command line shows each once (``unreported``), the library never prints.
    ``trace``, when set, is given one line per hook call to a plugin.
    A plain class, not attrs: it is state with behaviour, made once per
    process, and generating attrs methods for it cost every start-up a millisecond.
    """

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager
        self.infos: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.conflicts: dict[str, list[str]] = {}
        self.diagnostics: list[Diagnostic] = []
        self.trace: Callable[[str], None] | None = None
        self._methods: dict[str, Method] | None = None
        self._base_recipes: dict[str, Any] = {}
        self._shown = 0

    def __repr__(self) -> str:
        return f"<Plugins {', '.join(self.infos) or 'none'}>"

    def report(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def unreported(self) -> list[Diagnostic]:
        """The diagnostics found since the last call: each is shown once, as soon as the CLI can."""
        found = self.diagnostics[self._shown :]
        self._shown = len(self.diagnostics)
        return found

    def register(self, plugin: object, info: PluginInfo) -> None:
        with contained(info.name, _("to register"), self.report) as run:
            self.manager.register(plugin, name=info.name)
        if run.failure is not None:
            self.fail(info.name, _("could not be registered: {failure}", failure=run.failure))
            return
        callers = self.manager.get_hookcallers(plugin) or ()
        for caller in callers:
            if not caller.has_spec():
                self._unknown_hook(info.name, plugin, caller)
        info.hooks = sorted(caller.name for caller in callers if caller.has_spec())
        self.infos[info.name] = info

    def _unknown_hook(self, name: str, plugin: object, caller: pluggy.HookCaller) -> None:
        """Report an implementation of a hook methodengine does not have; it is never called.

        pluggy keeps it under its own name without complaint (only
        ``check_pending`` would refuse it, for every plugin at once), so a
        misspelt ``register_method`` would silently do nothing.
        """
        if all(impl.optionalhook for impl in caller.get_hookimpls() if impl.plugin is plugin):
            return  # pluggy's way of saying "a hook of another host, maybe": not a mistake
        from methodengine._suggest import did_you_mean

        hooks = [n for n, c in vars(self.manager.hook).items() if not n.startswith("_") and c.has_spec()]
        suggestion = did_you_mean(caller.name, hooks)
        names = ", ".join(sorted(hooks))
        self.report(
            error(
                _(
                    "plugin `{plugin}` implements `{hook}`, which is no methodengine hook; that implementation "
                    "is skipped",
                    plugin=name,
                    hook=caller.name,
                ),
                None,
                code="plugin-unknown-hook",
                hint=(f"{suggestion} " if suggestion else "") + _("the hooks are: {hooks}", hooks=names),
            )
        )

    def fail(self, name: str, reason: str) -> None:
        reason = " ".join(reason.split())  # pluggy's validation errors run over several lines
        self.failures.append(PluginFailure(name, reason))
        self.report(
            error(_("plugin `{plugin}` {reason}; skipped", plugin=name, reason=reason), None, code="plugin-failed")
        )

    def call(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Each plugin's result of ``hook``, in registration order, isolating failures.

        Every implementation gets only the arguments it asks for, which is
        what lets a hook grow new arguments without breaking plugins.
        A plugin that fails is reported and blocked: none of its hooks is
        called again in this run.
        """
        caller = getattr(self.manager.hook, hook)
        for impl in list(caller.get_hookimpls()):
            if self.manager.is_blocked(impl.plugin_name):
                continue
            result = None
            if self.trace is not None:
                self.trace(f"{hook} -> plugin `{impl.plugin_name}` ({', '.join(impl.argnames)})")
            with contained(impl.plugin_name, lambda: _("in `{hook}`", hook=hook), self.report) as run:
                result = impl.function(*(kwargs[name] for name in impl.argnames))
                if hook in _LISTS and result is not None:
                    result = list(result)  # a generator runs here, inside the containment
            if self.trace is not None:
                self.trace(f"{hook} <- plugin `{impl.plugin_name}`: " + _traced(result, run.failure))
            if run.failure is not None:
                self.fail(impl.plugin_name, _("failed in `{hook}`: {failure}", hook=hook, failure=run.failure))
                self.manager.set_blocked(impl.plugin_name)
                continue
            if result is not None:
                yield impl.plugin_name, result

    def methods(self) -> dict[str, Method]:
        """Every registered method by id; conflicting ids are left out and kept in ``conflicts``.

        A built-in method's id stays the built-in's: a plugin that registers
        it too is told so, and only that method of the plugin is left out, so
        that installing a plugin can never take away a method the tool ships.
        Between two third-party plugins neither has the better claim, so both
        are left out until the user chooses one.
        """
        if self._methods is None:
            offered: dict[str, list[Method]] = {}
            for plugin, methods in self.call("register_methods"):
                for method in methods:
                    if not isinstance(method, Method):
                        self.fail(
                            plugin,
                            _(
                                "returned {type} from `{hook}`, not a Method",
                                type=type(method).__name__,
                                hook="register_methods",
                            ),
                        )
                        continue
                    offered.setdefault(method.id, []).append(attrs.evolve(method, plugin=plugin))
            found: dict[str, Method] = {}
            for method_id, candidates in offered.items():
                kept = self._choose(method_id, candidates)
                if kept is not None:
                    found[method_id] = kept
                    if kept.plugin in self.infos:
                        self.infos[kept.plugin].methods.append(method_id)
            self._methods = dict(sorted(found.items()))
        return self._methods

    def _choose(self, method_id: str, candidates: list[Method]) -> Method | None:
        if len(candidates) == 1:
            return candidates[0]
        names = [str(m.plugin) for m in candidates]
        builtins = [m for m in candidates if self._is_builtin(str(m.plugin))]
        if len(builtins) == 1:
            kept = builtins[0]
            others = [f"`{n}`" for n in names if n != kept.plugin]
            self.report(
                error(
                    _(
                        "plugin {plugins} registers method `{method}`, which built-in plugin `{builtin}` provides; "
                        "the built-in is kept and the plugin's `{method}` left out "
                        "(its authors must give it another id)",
                        plugins=listed(others),
                        method=method_id,
                        builtin=kept.plugin,
                    ),
                    None,
                    code="plugin-method-taken",
                )
            )
            return kept
        self.conflicts[method_id] = names
        self.report(
            error(
                _(
                    "plugins {plugins} both provide method `{method}`; recipes using it cannot be checked "
                    "(choose one with {variable})",
                    plugins=listed(f"`{n}`" for n in names),
                    method=method_id,
                    variable=LOAD_ENV,
                ),
                None,
                code="plugin-conflict",
            )
        )
        return None

    def _is_builtin(self, plugin: str) -> bool:
        info = self.infos.get(plugin)
        return info is not None and info.builtin

    def output_formats(self, command: str = "cards") -> dict[str, OutputFormat]:
        """The formats of ``cards`` (or ``schedule``) by name, the built-in ones included (see ``hooks.formats``)."""
        from methodengine.hooks.formats import formats

        return formats(self, command).formats

    def template_dirs(self) -> list[str]:
        """Plugin template directories, the last registered first, so that it overrides."""
        dirs = []
        for plugin, path in self.call("card_templates"):
            if isinstance(path, (str, os.PathLike)) and os.path.isdir(path):
                dirs.append(os.fspath(path))
            else:
                self.fail(
                    plugin,
                    _(
                        "returned {value} from `{hook}`, not the path of a directory",
                        value=repr(path),
                        hook="card_templates",
                    ),
                )
        return dirs[::-1]

    def base_recipe(self, method: Method):  # type: ignore[no-untyped-def]
        """A method's base recipe, parsed once. Raises RecipeError if the plugin's text is broken."""
        if method.id not in self._base_recipes:
            from methodengine.language.parsing import parse

            self._base_recipes[method.id] = parse(method.base_recipe, base_recipe_path(method))
        return self._base_recipes[method.id]


def listed(names: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: names in a sentence of the message language."""
    items = list(names)
    if len(items) < 2:
        return "".join(items)
    first = ", ".join(items[:-1])
    return _("{names} and {last}", names=first, last=items[-1])


_LISTS = frozenset({"register_methods", "output_formats", "schedule_formats", "check_recipe"})
"""The hooks that return an iterable: a generator is run inside the call's containment."""


def _traced(result: Any, failure: str | None) -> str:
    """A hook's outcome in a few words: the trace is for finding which plugin does what, not a dump."""
    if failure is not None:
        return f"failed: {failure}"
    if isinstance(result, list):
        shown = ", ".join(
            getattr(item, "id", None)
            or getattr(item, "name", None)
            or getattr(item, "code", None)
            or type(item).__name__
            for item in result
        )
        return f"{len(result)} result{'' if len(result) == 1 else 's'}" + (f" ({shown})" if shown else "")
    return "nothing" if result is None else type(result).__name__


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
    manager = _Manager(hookspecs.PROJECT)
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


class _Manager(pluggy.PluginManager):
    """pluggy's manager, finding a module's hook functions in the module's own namespace.

    pluggy looks up every name a plugin has with ``inspect.getattr_static``, so
    that a class's properties are not run; a module has no such descriptors,
    and its names (a built-in method imports a dozen from the public API) cost
    half a millisecond a plugin that way, on every command's start. A class or
    an instance is left to pluggy.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if not isinstance(plugin, ModuleType):
            return super().parse_hookimpl_opts(plugin, name)
        value = plugin.__dict__.get(name)
        if not isinstance(value, FunctionType):
            return None
        opts = getattr(value, f"{self.project_name}_impl", None)
        return opts if isinstance(opts, dict) else None


def _load_builtins(loaded: Plugins) -> None:
    import importlib

    from methodengine._version import __version__

    try:
        package = importlib.import_module(BUILTIN_PACKAGE)
        names: Iterable[str] = package.PLUGINS
    except Exception as exc:
        loaded.fail(BUILTIN_PACKAGE, _("could not be imported: {failure}", failure=f"{type(exc).__name__}: {exc}"))
        return
    for module_name in names:
        short = module_name.rsplit(".", 1)[-1]
        with contained(short, _("to import"), loaded.report) as run:
            module = importlib.import_module(module_name)
        if run.failure is not None:
            loaded.fail(short, _("could not be imported: {failure}", failure=run.failure))
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
    from methodengine._cache import cache_folder
    from methodengine.hooks._entry_points import entry_points

    seen: set[str] = set()
    for ep in entry_points(ENTRY_POINT_GROUP, cache_folder()):
        if ep.name in seen or (wanted is not None and ep.name not in wanted):
            continue
        seen.add(ep.name)
        info = PluginInfo(ep.name, ep.version or "?", builtin=False, distribution=ep.distribution)
        if ep.name in loaded.infos:
            loaded.fail(ep.name, _("has the name of a plugin already loaded"))
            continue
        with contained(ep.name, _("to import"), loaded.report) as run:
            plugin = ep.load()
        if run.failure is not None:
            loaded.fail(ep.name, _("could not be imported: {failure}", failure=run.failure))
            continue
        loaded.register(plugin, info)
    if wanted:
        for name in sorted(wanted - seen):
            if loaded._is_builtin(name):
                message = _(
                    "{variable} names `{plugin}`, a built-in plugin; built-ins always load, "
                    "the variable chooses among installed plugins only",
                    variable=LOAD_ENV,
                    plugin=name,
                )
            else:
                message = _(
                    "{variable} names `{plugin}`, but no such plugin is installed", variable=LOAD_ENV, plugin=name
                )
            loaded.report(warning(message, None, code="plugin-load-list"))


_default: list[Plugins] = []


def get_plugins() -> Plugins:
    """The plugins for this process, loaded on first use."""
    if not _default:
        _default.append(load_plugins())
    return _default[0]


def loaded_plugins() -> Plugins | None:
    """The plugins for this process if they have been loaded, without loading them."""
    return _default[0] if _default else None
