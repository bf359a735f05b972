"""``methodengine plugins``, ``methods`` and ``new``: what is installed, and a start."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from methodengine.commands._output import check_output, is_regular_file, output_option, write_output
from methodengine.i18n import LANGUAGES, N_, _, message_language
from methodengine.limits import MAX_COUNT, MAX_MINUTES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from methodengine.commands._chooser import Choice
    from methodengine.hooks.contract import Method
    from methodengine.hooks.manager import Plugins


@click.command()
@click.option("--json", "as_json", is_flag=True, help=N_("Print the plugins as JSON."))
def plugins(as_json: bool) -> None:
    """List the installed plugins: name, version, methods and hooks.

    \b
    Examples:
      methodengine plugins
      METHODENGINE_LOAD_PLUGINS= methodengine plugins   # built-ins only
    """
    from methodengine.commands._common import plugins as loaded_plugins

    loaded = loaded_plugins()
    loaded.methods()  # fills in each plugin's methods, and reports conflicts
    infos = sorted(loaded.infos.values(), key=lambda i: (not i.builtin, i.name))
    if as_json:
        import json

        rows = [
            {
                "name": i.name,
                "version": i.version,
                "builtin": i.builtin,
                "distribution": i.distribution,
                "methods": i.methods,
                "hooks": i.hooks,
            }
            for i in infos
        ]
        failed = [{"name": f.name, "reason": f.reason} for f in loaded.failures]
        problems = [  # on stderr too, as every command says them: stdout stays valid JSON
            {"severity": str(d.severity), "code": d.code, "message": d.message, "hint": d.hint}
            for d in loaded.diagnostics
        ]
        click.echo(json.dumps({"plugins": rows, "failed": failed, "problems": problems}, ensure_ascii=False, indent=2))
        return
    rows = [
        (
            _("{name} (built-in)", name=i.name) if i.builtin else i.name,
            i.version,
            ", ".join(i.methods) or "-",
            ", ".join(i.hooks),
        )
        for i in infos
    ]
    _table((_("plugin"), _("version"), _("methods"), _("hooks")), rows)


@click.command()
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_("Language of the messages and of the methods' names, summaries and rules; default: the messages'."),
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print the methods as JSON, in that language."))
@click.option(
    "--group",
    type=click.IntRange(1, MAX_COUNT),
    metavar="N",
    help=N_(
        "Only the methods for a group of N: within the size their source states and the roles of their base recipe."
    ),
)
@click.option(
    "--minutes",
    type=click.IntRange(1, MAX_MINUTES),
    metavar="M",
    help=N_("Only the methods that can be held in M minutes (for the group of --group, if given)."),
)
def methods(lang: str | None, as_json: bool, group: int | None, minutes: int | None) -> None:
    """List the installed methods: id, name, summary, rules and source.

    With --group and --minutes (either or both) it lists only the methods
    that fit a group of N in M minutes, each with its planned time for that
    group, the best fit first; then it names those that take longer.

    \b
    Examples:
      methodengine methods
      methodengine methods --group 12 --minutes 90
      methodengine methods --lang en --json
    """
    from methodengine.commands._common import plugins

    language = lang or message_language()
    loaded = plugins()
    found = list(loaded.methods().values())
    if group is not None or minutes is not None:
        _chosen(loaded, found, language, group, minutes, as_json)
        return
    if as_json:
        import json

        from methodengine.commands._chooser import base_recipes, planned_for
        from methodengine.commands._methods_json import method_row

        recipes = base_recipes(loaded, found)
        rows = []
        for method in found:
            recipe = recipes[method.id]
            rows.append(method_row(method, language, recipe, planned_for(recipe) if recipe is not None else None))
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    import textwrap

    for method in found:
        rules = [
            line
            for rule in method.rules
            for line in textwrap.wrap(
                f"{rule.code}: {rule.summary_in(language)}", 76, initial_indent="    - ", subsequent_indent="      "
            )
        ]
        _echo_method(method, language, after=rules)


def _chosen(
    loaded: Plugins, found: list[Method], language: str, group: int | None, minutes: int | None, as_json: bool
) -> None:
    """``methods --group N --minutes M``: the methods that fit, the best fit first, each with its planned time."""

    from methodengine.commands._chooser import base_recipes, choose

    recipes = base_recipes(loaded, found)
    chosen, longer = choose(found, recipes, group, minutes)
    if as_json:
        import json

        from methodengine.commands._methods_json import chosen_row

        rows = [chosen_row(choice, language, recipes[choice.method.id]) for choice in chosen]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if group is not None and minutes is not None:
        heading = _("Methods for a group of {group} in {minutes} min:", group=group, minutes=minutes)
    elif group is not None:
        heading = _("Methods for a group of {group}:", group=group)
    else:
        heading = _("Methods that fit in {minutes} min:", minutes=minutes)
    if not chosen:
        click.echo(heading)
        click.echo(_("(none of the installed methods fits)"))
        _echo_longer(longer, minutes)
        return
    click.echo(heading + "\n")
    for choice in chosen:
        method = choice.method
        fit = ["    " + _planned_line(choice, minutes)]
        if method.group_size is not None:
            fit.append("    " + _("Group size in the source: {size}", size=str(method.group_size)))
        _echo_method(method, language, before=fit)
    _echo_longer(longer, minutes)


def _echo_method(method: Method, language: str, before: Sequence[str] = (), after: Sequence[str] = ()) -> None:
    """One method as ``methods`` lists it: id, name and plugin, ``before`` lines, summary, ``after`` lines, source.

    The plain list puts the rules ``after`` the summary, the chooser the
    planned time and group size ``before`` it; both read the same otherwise.
    """
    import textwrap

    from methodengine._terminal import shown

    lines = [f"{method.id}: {method.name(language)}  [plugin {method.plugin}]", *before]
    lines += [f"    {line}" for line in textwrap.wrap(method.summary_in(language), 76)]
    lines += after
    lines += textwrap.wrap(
        _("Source: {source}", source=method.source), 76, initial_indent="    ", subsequent_indent="      "
    )
    click.echo(shown("\n".join(lines)) + "\n")


def _echo_longer(longer: list[Choice], minutes: int | None) -> None:
    """``Longer than 90 min: backstage (150 min), ...``: why a method the trainer looked for is not listed."""
    import textwrap

    from methodengine._terminal import shown

    if minutes is None or not longer:
        return
    glued = "\N{NO-BREAK SPACE}"  # a method and its time stay on one line
    said = ", ".join(f"{c.method.id}{glued}({c.takes}{glued}min)" for c in longer)
    line = _("Longer than {minutes} min: {methods}", minutes=minutes, methods=said)
    wrapped = textwrap.wrap(line, 76, subsequent_indent="  ", break_on_hyphens=False)
    click.echo(shown("\n".join(wrapped).replace(glued, " ")))


def _planned_line(choice: Choice, minutes: int | None) -> str:
    """``Planned: 60-75 min for a group of 5``, the length a meeting takes when longer, and whether it may run over."""
    planned = str(choice.minutes)
    if choice.group is None:
        line = _("Planned: {planned} min", planned=planned)
    else:
        line = _("Planned: {planned} min for a group of {group}", planned=planned, group=str(choice.group))
    if choice.takes is not None and choice.takes != choice.minutes:
        line += _(", in a meeting of {takes} min", takes=str(choice.takes))
    if choice.past:
        line += _(", possibly past {minutes} min", minutes=minutes)
    return line


@click.command()
@click.argument("method")
@output_option(N_("File to write; `-` for standard output."))
@click.option("--force", is_flag=True, help=N_("Overwrite the file if it exists."))
def new(method: str, output: Path | None, force: bool) -> None:
    """Write a method's base recipe as a starting point to edit.

    It uses every role and phase id the method's rules look for, and passes
    `methodengine check` as written. Without -o it is written to METHOD.mth.

    \b
    Examples:
      methodengine new incident
      methodengine new backstage -o mijn-groep.mth
    """
    from methodengine._suggest import method_id
    from methodengine.commands._common import plugins

    found = plugins().methods()
    chosen = found.get(method)
    if chosen is None:  # `incidnet`, or a name (`Actieleerset`): the same suggestion as `method:` in a recipe gets
        suggestion = method_id(method, {ident: m.names.values() for ident, m in found.items()})
        if suggestion:  # a sentence of its own after "unknown method `x`."
            suggestion = suggestion[:1].upper() + suggestion[1:]
        said = [
            _("unknown method `{method}`.", method=method),
            suggestion,
            _("Installed: {methods}", methods=", ".join(found)),
        ]
        raise click.BadParameter(" ".join(part for part in said if part), param_hint=_("METHOD"))
    _refuse_broken_base(chosen)
    text = chosen.base_recipe
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    target = output or Path(f"{chosen.id}.mth")
    check_output(target)
    if is_regular_file(target) and not force:  # a device or FIFO is not a file to lose
        raise click.UsageError(
            _("{target} exists; use --force to overwrite it, or -o to choose another file", target=target)
        )
    write_output(target, text)
    click.echo(
        _(
            "wrote {target}: a starting point for {name} (method `{method}`); "
            "edit it, then run `methodengine check {target}`",
            target=target,
            name=chosen.name(message_language()),
            method=chosen.id,
        )
    )


def _refuse_broken_base(method: Method) -> None:
    """Refuse (exit 1, with the parse error) a base recipe that does not parse: a starting point must pass `check`."""
    from methodengine.commands._common import plugins
    from methodengine.errors import RecipeError
    from methodengine.hooks.manager import base_recipe_path

    try:
        plugins().base_recipe(method)
    except RecipeError as exc:
        raise RecipeError.from_diagnostics(
            exc.diagnostics,
            {base_recipe_path(method): method.base_recipe},
            note=_(
                "methodengine: the base recipe of method `{method}` (plugin `{plugin}`) does not parse; "
                "nothing written. This is a fault in the plugin: report it to its authors",
                method=method.id,
                plugin=method.plugin,
            ),
        ) from None


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        click.echo(line.rstrip())
    if not rows:
        click.echo(_("(no plugins)"), err=True)
    sys.stdout.flush()
