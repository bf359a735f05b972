"""The hooks a methodengine plugin can implement.

A plugin is a module (or any object) with functions marked by
``methodengine.hookimpl`` whose names match the specifications below. It is
published as an ordinary Python package that declares an entry point in the
``methodengine`` group in its ``pyproject.toml``:

.. code-block:: toml

    [project.entry-points.methodengine]
    troika = "methodengine_troika"

An implementation may accept fewer arguments than its specification names,
in any order: pluggy passes each implementation only the arguments it asks
for. That is what lets these hooks grow new arguments without breaking any
published plugin; return values are attrs classes whose new fields always
get defaults, for the same reason.

Every hook here is documented, with an example, in ``docs/plugins.md``; a
test fails when one is not. Each call is contained: an exception (``SystemExit``
included) skips the plugin, its prints go to stderr, a slow call is named.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import os

    from methodengine.diagnostics import Diagnostic
    from methodengine.hooks.contract import Method, OutputFormat
    from methodengine.model import Recipe

PROJECT = "methodengine"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_methods() -> Iterable[Method]:
    """Return the session methods this plugin provides.

    Each ``Method`` has an id (what ``method:`` in a recipe names), names in
    Dutch and English, a summary, the published source it rests on, a base
    recipe in the recipe language, and rules. Two plugins that return the
    same method id conflict; recipes naming that id get an error naming both.
    A built-in method's id stays the built-in's: the plugin that returns it
    too gets an error, and only that method of it is left out. What a
    trainer reads (the summary, the rules' summaries, their messages and
    hints) may be given by language, ``{"en": ..., "nl": ...}``: it is shown
    in the user's message language, English when that one is missing.

    Example::

        @hookimpl
        def register_methods():
            return [
                Method(
                    id="troika",
                    names={"nl": "Troika", "en": "Troika consulting"},
                    summary={"en": "One asks, two advise.", "nl": "Eén vraagt, twee adviseren."},
                    ...,
                )
            ]
    """


@hookspec
def check_recipe(recipe: Recipe, method: Method | None) -> Iterable[Diagnostic] | None:
    """Return extra diagnostics for any recipe, whatever its method.

    ``recipe`` has its method's base recipe applied; ``method`` is that
    method, or None for a recipe without ``method:``. Use this for checks
    that are not one method's rules, such as a house style. A method's own
    rules belong in ``Method.rules``.

    Example::

        @hookimpl
        def check_recipe(recipe):
            if recipe.duration and recipe.duration.minutes.high > 180:
                yield warning(
                    {
                        "en": "meetings over three hours tire a group",
                        "nl": "bijeenkomsten van meer dan drie uur zijn vermoeiend",
                    },
                    recipe.where("duration"),
                )
    """


@hookspec
def card_templates() -> str | os.PathLike[str] | None:
    """Return a directory of Jinja card templates.

    Templates found there come before methodengine's own: a file with the
    same name as a built-in template overrides it, a new name adds one. A
    user's ``--templates DIR`` comes before every plugin's.

    Example::

        @hookimpl
        def card_templates():
            return Path(__file__).parent / "templates"
    """


@hookspec
def output_formats() -> Iterable[OutputFormat]:
    """Return output formats for ``methodengine cards --format NAME``.

    An ``OutputFormat`` has a name, a description (``--format``'s help
    lists it), whether its output is binary, a file extension (``-o
    FILE.EXT`` chooses the format by it), and a ``render`` function that
    receives one ``OutputRequest`` (the resolved recipe, the options of the
    command, the language and the typed meeting plan) and returns text or
    bytes. The built-in formats (text, md, html, pdf, json) are registered
    through this hook too, by the built-in plugin ``card_formats``. A name
    is one format's: a plugin format named like a built-in one is left out
    with an error naming both plugins, and two plugins with one format name
    both are, until the user chooses one (``METHODENGINE_LOAD_PLUGINS``).

    Example::

        @hookimpl
        def output_formats():
            return [OutputFormat("csv", "agenda as CSV", render=render_csv, extension="csv")]
    """


@hookspec
def schedule_formats() -> Iterable[OutputFormat]:
    """Return output formats for ``methodengine schedule --format NAME``.

    The same ``OutputFormat`` as for the cards; its ``render`` receives an
    ``OutputRequest`` whose ``plan`` is the dated plan (``DatedPlan``: the
    meetings with their dates, as ``schedule --format json`` prints them)
    and whose ``options`` hold the command's options. The built-in formats
    (text, md, json, ics) are registered through this hook by the built-in
    plugin ``schedule_formats``; names clash as for ``output_formats``.

    Example::

        @hookimpl
        def schedule_formats():
            return [OutputFormat("csv", "dates as CSV", render=dates_csv, extension="csv")]
    """
