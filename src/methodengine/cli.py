"""The ``methodengine`` command.

Exit codes: 0 ok, 1 a recipe has errors, 2 usage errors (click's own) and
failed reads and writes, 70 an internal error, reported in one line instead
of a traceback. Each command lives in ``methodengine.commands`` and imports
what it needs inside its body, to keep start-up small.

Commands report nothing themselves: they raise. A ``MethodengineError``
carries its diagnostics and exit code, and is rendered here, in one place,
with the source line and caret of each diagnostic; click's own exceptions
render as click renders them. What went wrong with the plugins is kept by
the plugins and shown here too, once, on stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from methodengine._version import __version__
from methodengine.commands._common import EXIT_INTERNAL, RECIPE_META
from methodengine.i18n import LANGUAGES, MESSAGES, N_, _, language_from_environment, use_language

if TYPE_CHECKING:
    from methodengine.errors import MethodengineError

# Each command's module is imported only when that command runs (or help lists it).
COMMANDS = {
    "check": "methodengine.commands.check:check",
    "cards": "methodengine.commands.cards:cards",
    "schedule": "methodengine.commands.schedule:schedule",
    "methods": "methodengine.commands.plugins:methods",
    "new": "methodengine.commands.plugins:new",
    "fmt": "methodengine.commands.fmt:fmt",
    "run": "methodengine.commands.run:run",
    "plugins": "methodengine.commands.plugins:plugins",
}


LANGUAGE_ENV = "METHODENGINE_LANG"

LANGUAGE_HELP = N_("Language of the messages and of --help: nl or en. Default: $METHODENGINE_LANG, else the locale's.")


class _Context(click.Context):
    """A context whose ``--help`` is said in the message language."""

    def get_help(self) -> str:
        from methodengine.commands._help import help_in_message_language

        with help_in_message_language(self.command, self):
            return super().get_help()


class _Group(click.Group):
    """Commands load lazily, speak the user's language, and no exception ever reaches the user as a traceback."""

    context_class = _Context

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command in the message language, chosen before click reads a word of the command line.

        Click's own messages (``Usage:``, ``No such option``) and ``--help``
        are written while the options are parsed, so the language is read
        from the arguments here: ``--lang`` anywhere before ``--``, else
        ``METHODENGINE_LANG``, else the locale, else English. A language
        methodengine does not speak is a usage error (exit 2).
        """
        arguments = list(sys.argv[1:] if args is None else args)
        language = _asked_language(arguments)
        unknown = ""
        if language is None:
            language = language_from_environment()
            unknown = os.environ.get(LANGUAGE_ENV, "").strip()
            unknown = "" if unknown.lower() in LANGUAGES else unknown
        with use_language(language):
            try:
                with _click_speaks(language):
                    if unknown:
                        raise click.UsageError(
                            _(
                                "{variable}={value} is not a language methodengine speaks: {languages}",
                                variable=LANGUAGE_ENV,
                                value=unknown,
                                languages=", ".join(LANGUAGES),
                            )
                        )
                    from methodengine.commands._help import usage_in_message_language

                    usage_in_message_language(self, None)
                    return super().main(arguments, prog_name, complete_var, standalone_mode, **extra)
            except click.UsageError as exc:  # said before click had a command to say it for
                if not standalone_mode:
                    raise _escaped(exc) from None
                _escaped(exc).show()
                sys.exit(exc.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        import importlib

        module_name, attribute = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        command.context_class = _Context
        from methodengine.commands._help import usage_in_message_language
        from methodengine.commands._params import PathType

        for param in command.params:
            if type(param.type) is click.Path:  # named in the language of the moment, not of the import
                param.type.__class__ = PathType
        language = next((p for p in command.params if "--lang" in getattr(p, "opts", ())), None)
        if language is None:
            language = _language_option()  # every command takes --lang, before or after its name
            command.params.append(language)
        usage_in_message_language(command, ctx)
        given = ctx.meta.get(_GROUP_LANGUAGE) if ctx is not None else None
        if given and language.name and name not in _REWRITES_IN_ITS_LANGUAGE:
            # `methodengine --lang nl cards ...` means `methodengine cards --lang nl ...`
            ctx.default_map = {**(ctx.default_map or {}), name: {language.name: given}}
        return command

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            raise _escaped(exc) from None
        except OSError as exc:  # --help and --version write while the options are read, before invoke()
            raise _write_failed(exc) from None

    def _command_context(self, ctx: click.Context) -> click.Context:
        """A context of the command that ran, for its usage line; its own has been closed by now."""
        name = ctx.invoked_subcommand
        command = self.get_command(ctx, name) if name else None
        return click.Context(command, info_name=name, parent=ctx) if command is not None else ctx

    def invoke(self, ctx: click.Context) -> object:
        try:
            try:
                return super().invoke(ctx)
            finally:
                _flush_stdout()
                _report_plugins()
        except click.ClickException as exc:
            raise _escaped(exc) from None
        except (click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except OSError as exc:
            if not isinstance(exc, BrokenPipeError) and _written_stream(exc) is None:
                _internal_error(ctx, exc)
            raise _write_failed(exc) from None
        except Exception as exc:
            # Ours, unless methodengine.errors was never imported (`--help` does not import it).
            errors = sys.modules.get("methodengine.errors")
            if errors is None or not isinstance(exc, errors.MethodengineError):
                _internal_error(ctx, exc)
            if isinstance(exc, errors.UsageError):  # said as click says a usage error: the command's usage, then why
                raise _escaped(click.UsageError(_usage_text(exc), self._command_context(ctx))) from None
            if exc.path is None:  # a finding without a place is about the recipe the command read
                exc.path = ctx.meta.get(RECIPE_META)
            raise _Reported(exc) from None


def _asked_language(arguments: Sequence[str]) -> str | None:
    """The language the last ``--lang`` before ``--`` names; None without one, or with one click will refuse.

    After a command whose own ``--lang`` is the language it rewrites files in
    (``fmt``), a ``--lang`` is that command's, not the messages'.
    """
    found = None
    command = None
    words = iter(arguments)
    for word in words:
        if word == "--":
            break
        if word == "--lang":
            found = next(words, None)
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
        elif command is None and not word.startswith("-"):
            command = word
            if command in _REWRITES_IN_ITS_LANGUAGE:
                break
    return found if found in LANGUAGES else None


@contextlib.contextmanager
def _click_speaks(language: str) -> Iterator[None]:
    """Click's own messages in ``language`` inside the block, and the process as it was after it.

    Click asks the standard library's ``gettext`` (default domain
    ``messages``), which reads the language from ``LANGUAGE`` first; its
    strings are translated in methodengine's ``messages`` catalogue
    (``messages.d/click.po``). For English nothing is read: no catalogue
    is found for it, and click's text is the English.
    """
    import gettext

    saved_language = os.environ.get("LANGUAGE")
    saved_folder = gettext.bindtextdomain(MESSAGES)
    saved_domain = gettext.textdomain()
    from methodengine.i18n import LOCALE_DIR, translations

    if language != "en":
        _compiled(lambda: translations(language, MESSAGES))
    os.environ["LANGUAGE"] = language
    gettext.bindtextdomain(MESSAGES, LOCALE_DIR)
    gettext.textdomain(MESSAGES)
    try:
        yield
    finally:
        gettext.textdomain(saved_domain)
        gettext.bindtextdomain(MESSAGES, saved_folder)
        if saved_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved_language


def _compiled(read: Callable[[], object]) -> None:
    """Read a catalogue now, so that one not compiled is a usage error before click starts, not a traceback."""
    from methodengine.errors import MethodengineError

    try:
        read()
    except MethodengineError as exc:  # said in English: the catalogue that would translate it is what is missing
        said = [exc.message] + ([f"  hint: {exc.hint}"] if exc.hint else [])
        raise click.UsageError("\n".join(said)) from None


def _language_option() -> click.Option:
    """``--lang`` for a command that has no language of its own: it chooses the messages' (read in ``main``)."""
    return click.Option(["--lang"], type=click.Choice(LANGUAGES), expose_value=False, help=LANGUAGE_HELP)


_REWRITES_IN_ITS_LANGUAGE = frozenset({"fmt"})
"""Commands whose own ``--lang`` rewrites files (``fmt`` translates the keywords): one before the command
chooses only the language of the messages, never a rewrite nobody asked the command for."""

_GROUP_LANGUAGE = "methodengine.lang"
"""Where the group's ``--lang`` is kept in ``click.Context.meta``, for the command's ``--lang`` to default to."""


def _commands_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``methodengine --lang nl cards ...`` means what ``methodengine cards --lang nl ...`` does."""
    if value:
        ctx.meta[_GROUP_LANGUAGE] = value


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``, said in the message language (click's own option words it once, at import)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(_("%(prog)s, version %(version)s") % {"prog": "methodengine", "version": __version__}, color=ctx.color)
    ctx.exit()


class _Reported(click.ClickException):
    """A ``MethodengineError`` as click ends a command with it: its diagnostics on stderr, its exit code."""

    def __init__(self, error: MethodengineError) -> None:
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        from methodengine.diagnostics import render

        error = self.error
        for diagnostic in error.diagnostics:
            click.echo(render(diagnostic, error.source, error.path), err=True)
        if error.note:
            from methodengine._terminal import shown

            click.echo(shown(error.note), err=True)


def _usage_text(error: MethodengineError) -> str:
    """What a usage error says after click's ``Error:``: a finding in a file with its place, else only why."""
    from methodengine.diagnostics import render

    parts = []
    label = _("hint")
    for diagnostic in error.diagnostics:
        if diagnostic.position is not None or error.path:
            parts.append(render(diagnostic, error.source, error.path))
        else:  # about the command line or the installation, not a file: no `<recipe>:` before it
            parts.append(diagnostic.message + (f"\n  {label}: {diagnostic.hint}" if diagnostic.hint else ""))
    return "\n".join(parts)


def _report_plugins() -> None:
    """What went wrong with the plugins or the cache and is not yet shown; nothing if no command used them."""
    from methodengine.commands._common import report_diagnostics, report_plugin_diagnostics

    manager = sys.modules.get("methodengine.hooks.manager")
    loaded = manager.loaded_plugins() if manager is not None else None
    if loaded is not None:
        report_plugin_diagnostics(loaded)
    cache = sys.modules.get("methodengine._cache")
    unreported = getattr(cache, "unreported", None)  # the cache's warnings, once it keeps them instead of printing
    if callable(unreported):
        report_diagnostics(unreported())


def _escaped(exc: click.ClickException) -> click.ClickException:
    """``exc`` with the control characters of what it quotes back (an option's value, a name) escaped."""
    from methodengine._terminal import shown

    exc.message = shown(exc.message)
    return exc


def _flush_stdout() -> None:
    """Flush what is still buffered here, where a failure can be reported, not at interpreter exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        from methodengine.commands._output import OutputError

        _silence_stdout()
        raise OutputError("standard output", exc.strerror or str(exc)) from None


def _written_stream(exc: OSError) -> str | None:
    """``standard output`` or ``standard error`` if the error came from writing to it, else None.

    Told by where it was raised: inside ``click.echo`` or ``write_stdout``.
    An OSError from anywhere else (a plugin, a library) is not a failed write
    of ours, and stays an internal error.
    """
    from methodengine.commands._output import write_stdout

    found = None
    traceback = exc.__traceback__
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if code is click.utils.echo.__code__:
            found = "standard error" if traceback.tb_frame.f_locals.get("err") else "standard output"
        elif code is write_stdout.__code__:
            found = "standard output"
        traceback = traceback.tb_next
    return found


def _write_failed(exc: OSError) -> click.exceptions.Exit | click.ClickException | OSError:
    """What a failed write of ours ends the command with: quiet for a reader that has gone (`| head`), else one line.

    Any other OSError is handed back as it is, for the caller to treat as a bug.
    """
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()
        return click.exceptions.Exit(0)
    where = _written_stream(exc)
    if where is None:
        return exc
    from methodengine.commands._output import OutputError

    _silence_stdout()
    return OutputError(where, exc.strerror or str(exc))


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at interpreter exit has nothing to fail on."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed to a descriptor at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _internal_error(ctx: click.Context, exc: BaseException) -> NoReturn:
    click.echo(
        _(
            "methodengine: internal error: {kind}: {error}\n"
            "This is a bug in methodengine; please report it with the recipe and command that caused it.",
            kind=type(exc).__name__,
            error=exc,
        ),
        err=True,
    )
    ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), expose_value=False, callback=_commands_language, help=LANGUAGE_HELP
)
def main() -> None:
    """Check session-method recipes and print facilitator cards.

    \b
    Examples:
      methodengine check recipes/*.mth
      methodengine cards recipes/incidentmethode.mth
      methodengine methods
      methodengine new incident -o mijn-intervisie.mth
    """
