"""The ``methodengine`` command.

Exit codes: 0 ok, 1 a recipe has errors, 2 usage errors (click's own),
70 an internal error, reported in one line instead of a traceback. Each
command lives in ``methodengine.commands`` and imports what it needs inside
its body, to keep start-up small.
"""

from __future__ import annotations

import os
import sys

import click

from methodengine._version import __version__
from methodengine.commands._common import EXIT_INTERNAL

# Each command's module is imported only when that command runs (or help lists it).
COMMANDS = {
    "check": "methodengine.commands.check:check",
    "cards": "methodengine.commands.cards:cards",
    "schedule": "methodengine.commands.schedule:schedule",
    "methods": "methodengine.commands.plugins:methods",
    "new": "methodengine.commands.plugins:new",
    "plugins": "methodengine.commands.plugins:plugins",
}


class _Group(click.Group):
    """Commands load lazily, and no exception ever reaches the user as a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        import importlib

        module_name, attribute = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            # The reader (`| head`) has gone: stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:
            click.echo(
                f"methodengine: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in methodengine; please report it with the recipe and command that caused it.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="methodengine")
def main() -> None:
    """Check session-method recipes and print facilitator cards.

    \b
    Examples:
      methodengine check recipes/*.mth
      methodengine cards recipes/incidentmethode.mth
      methodengine methods
      methodengine new incident -o mijn-intervisie.mth
    """
