"""``methodengine cards``: the facilitator cards of a recipe."""

from __future__ import annotations

from pathlib import Path

import click

from methodengine.commands._common import recipe_file, resolved_or_exit


@click.command()
@recipe_file
def cards(file: Path) -> None:
    """Print the facilitator cards for a recipe.

    For now this prints the overview card: title, roles with their counts,
    and the agenda with each time box and the total. A recipe that names a
    method gets what it leaves out from the method's base recipe.

    \b
    Example:
      methodengine cards recipes/incidentmethode.mth
    """
    from methodengine.overview import render_overview

    click.echo(render_overview(resolved_or_exit(file)), nl=False)
