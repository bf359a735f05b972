"""``--help`` in the message language: each command's texts translated at the moment help is formatted.

The texts stay English in the source (a command's docstring, an option's
``help=``), which is what the catalogue's message ids are; they are put
into the message language only while ``--help`` is written, and put back
after, so that one process (a test runner) can ask for help in Dutch and
then in English. A docstring is translated paragraph by paragraph, as click
wraps it: a paragraph click keeps as written (``\\b``) keeps that mark
outside the message id, so the catalogue holds no control character.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator

import click

from methodengine.i18n import N_, translate

HELP_OPTION_HELP = N_("Show this message and exit.")
"""click's text for ``--help``, given anew each time: click keeps the option it made in the language of then."""

_KEEP = "\b\n"


def help_messages(text: str | None) -> list[str]:
    """The message ids a help text is translated by: its paragraphs, without click's ``\\b`` mark."""
    if not text:
        return []
    return [paragraph.removeprefix(_KEEP) for paragraph in inspect.cleandoc(text).split("\n\n")]


def translated_help(text: str | None) -> str | None:
    """``text`` in the message language, paragraph by paragraph (English where the catalogue has none)."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")  # each one an id, marked where it is written (N_, docstrings)
    return "\n\n".join(
        _KEEP + translate(p.removeprefix(_KEEP)) if p.startswith(_KEEP) else translate(p) for p in paragraphs
    )


@contextlib.contextmanager
def help_in_message_language(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """Inside the block, ``command``'s texts (and, for a group, its commands' short help) are translated."""
    touched: list[tuple[object, str, str | None]] = []

    def swap(owner: object, attribute: str) -> None:
        original = getattr(owner, attribute, None)
        if original:
            touched.append((owner, attribute, original))
            setattr(owner, attribute, translated_help(original))

    help_option = command.get_help_option(ctx)
    if help_option is not None:
        help_option.help = HELP_OPTION_HELP
    commands = [command]
    if isinstance(command, click.Group):
        commands += [c for name in command.list_commands(ctx) if (c := command.get_command(ctx, name)) is not None]
    try:
        for each in commands:
            for attribute in ("help", "short_help", "epilog"):
                swap(each, attribute)
        for param in command.get_params(ctx):
            swap(param, "help")
        yield
    finally:
        for owner, attribute, original in reversed(touched):
            setattr(owner, attribute, original)


_ENGLISH = "_methodengine_english_metavar"
"""Where a parameter keeps the metavar it was given (None: click's own, made from its name)."""


def usage_in_message_language(command: click.Command, ctx: click.Context | None) -> None:
    """The words of ``command``'s usage line (``[OPTIONS]``, ``FILE``, ``DATE``) in the message language.

    Set anew, from the English, each time the command is looked up for a
    run, since a usage error names them too (``Invalid value for 'FILES...'``),
    not only ``--help``. An argument's metavar is click's, made from its name
    (``FILES...``, ``[FILE]``): its word is translated inside that form.
    """
    own = vars(command)
    english = own.setdefault("_methodengine_english_options", command.options_metavar)
    command.options_metavar = translate(english) if english else english
    if isinstance(command, click.Group):
        english = own.setdefault("_methodengine_english_commands", command.subcommand_metavar)
        command.subcommand_metavar = translate(english) if english else english
    for param in command.params:
        english = vars(param).setdefault(_ENGLISH, param.metavar)
        if english:
            param.metavar = translate(english)
        elif isinstance(param, click.Argument) and param.name and ctx is not None:
            param.metavar = None
            word = param.name.upper()
            param.metavar = param.make_metavar(ctx).replace(word, translate(word))
