"""Applying a recipe's method, then every check: core, method rules, plugin checks.

This is the one place that turns a recipe as written into the recipe a
trainer will run, and the diagnostics that go with it.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from attrs import frozen

from methodengine._suggest import method_id
from methodengine.checking import _words, located
from methodengine.checking import core_checks as checks
from methodengine.diagnostics import Diagnostic, error, warning
from methodengine.errors import RecipeError
from methodengine.hooks.contract import Located, Method, Rule, apply_base
from methodengine.hooks.manager import LOAD_ENV, Plugins, contained, get_plugins, plugin_scope
from methodengine.i18n import _, message_language, pick
from methodengine.model import Recipe


@frozen
class Resolved:
    """A recipe with its method applied, and what was found on the way."""

    recipe: Recipe
    method: Method | None
    diagnostics: tuple[Diagnostic, ...] = ()


def resolve(recipe: Recipe, plugins: Plugins | None = None) -> Resolved:
    """Find the recipe's method and complete the recipe from its base recipe."""
    if recipe.method is None:
        return Resolved(recipe, None)
    plugins = plugins or get_plugins()
    methods = plugins.methods()
    method = methods.get(recipe.method)
    where = recipe.where("method")
    if method is None:
        if recipe.method in plugins.conflicts:
            names = " and ".join(f"`{n}`" for n in plugins.conflicts[recipe.method])
            return Resolved(
                recipe,
                None,
                (
                    error(
                        _(
                            "method `{method}` is provided by two plugins, {plugins}",
                            method=recipe.method,
                            plugins=names,
                        ),
                        where,
                        hint=_("uninstall one, or choose which load with {variable}", variable=LOAD_ENV),
                        code="method-conflict",
                    ),
                ),
            )
        installed = ", ".join(methods) or _("none")
        suggestion = method_id(recipe.method, {m.id: m.names.values() for m in methods.values()})
        return Resolved(
            recipe,
            None,
            (
                error(
                    _("unknown method `{method}`", method=recipe.method),
                    where,
                    hint=(f"{suggestion} " if suggestion else "")
                    + _("installed methods: {methods} (see `methodengine methods`)", methods=installed),
                    code="unknown-method",
                ),
            ),
        )
    try:
        base = plugins.base_recipe(method)
    except RecipeError as exc:
        # Without its base recipe the method's rules would judge a half-made recipe: run none.
        return Resolved(
            recipe,
            None,
            (
                error(
                    _(
                        "the base recipe of method `{method}` (plugin `{plugin}`) cannot be read: {problem}",
                        method=method.id,
                        plugin=method.plugin,
                        problem=exc.message,
                    ),
                    where,
                    hint=_("this is a fault in the plugin; report it to its authors"),
                    code="broken-method",
                ),
            ),
        )
    return Resolved(_with_meeting_word(apply_base(recipe, base), method), method)


def _with_meeting_word(recipe: Recipe, method: Method) -> Recipe:
    """The method's word for a meeting (``gesprek`` for one-to-one coaching) when neither the recipe nor its base says.

    It is the word in the recipe's language; a method that gives none in that
    language leaves it to the output's own word, never to another language's.
    """
    if recipe.meeting_word is not None or not method.meeting_words:
        return recipe
    word = method.meeting_words.get(recipe.language or "nl")
    return attrs.evolve(recipe, meeting_word=tuple(word)) if word else recipe


def check(recipe: Recipe, plugins: Plugins | None = None, *, recovered: bool = False) -> list[Diagnostic]:
    """Every diagnostic for ``recipe``: its method applied, then all checks, in file order.

    ``recovered`` says the recipe was read past syntax errors (``parse_with_diagnostics``):
    a block those left out is not also reported as an id the method misses.
    """
    return checked(recipe, plugins, recovered=recovered)[1]


def checked(
    recipe: Recipe, plugins: Plugins | None = None, *, recovered: bool = False
) -> tuple[Resolved, list[Diagnostic]]:
    """``recipe`` with its method applied, and every diagnostic, in file order: the method is applied once.

    Commands that go on to make output from the recipe need both; resolving
    again after checking would read the base recipe and run the merge twice.
    With ``recovered`` (the recipe was read past syntax errors) the method's
    missing-id warnings are left out: the id may be in a block the errors
    dropped, and one mistake gets one message. Rules that lack an id are still skipped.
    """
    plugins = plugins or get_plugins()
    resolved = resolve(recipe, plugins)
    found = list(resolved.diagnostics)
    found += checks.core_checks(resolved.recipe)
    if resolved.method is not None:
        found += method_diagnostics(resolved.recipe, resolved.method, plugins, recovered=recovered)
    for plugin, extra in plugins.call("check_recipe", recipe=resolved.recipe, method=resolved.method):
        for item in extra:
            if isinstance(item, Diagnostic):
                found.append(item)
            else:
                plugins.fail(
                    plugin,
                    _("returned {type} from `{hook}`, not a Diagnostic", type=type(item).__name__, hook="check_recipe"),
                )
                break
    return resolved, checks.sort_diagnostics([_in_file(d, recipe.path) for d in found])


def _in_file(diagnostic: Diagnostic, path: str | None) -> Diagnostic:
    """A plugin's finding placed by line and column only (``Position(None, 2, 1)``) is in the recipe checked.

    Without its path it would be shown as ``<recipe>:2:1`` with no line and caret under it.
    """
    position = diagnostic.position
    if position is None or position.path is not None or path is None:
        return diagnostic
    return attrs.evolve(diagnostic, position=attrs.evolve(position, path=path))


def method_diagnostics(
    recipe: Recipe, method: Method, plugins: Plugins | None = None, *, recovered: bool = False
) -> list[Diagnostic]:
    """The method's rules over ``recipe``; rules whose ids are missing and cannot be found are skipped with a warning.

    An id the recipe does not write is looked for with the method's finder
    (``Method.finders``): one candidate, and the rules read the recipe as if
    it carried the id. A slow rule is named in ``plugins``' diagnostics (by
    default the process's). With ``recovered`` (read past syntax errors) the
    rules are skipped just the same, without the warning.
    """
    found: list[Diagnostic] = list(_group_size(recipe, method))
    needed = list(dict.fromkeys(need for rule in method.rules for need in _needs(rule)))
    with plugin_scope(str(method.plugin)):  # one for all the rules: setting it up costs more than a rule
        recipe, looked = _located(recipe, method, needed, plugins)
        have = _ids(recipe)
        missing: dict[tuple[str, str], list[Rule]] = {}
        for rule in method.rules:
            lacks = [(kind, ident) for kind, ident in _needs(rule) if ident not in have[kind]]
            for key in lacks:
                missing.setdefault(key, []).append(rule)
            if lacks:
                continue
            found += _run_rule(rule, recipe, method, plugins)
    described = {"role": method.roles, "phase": method.phases, "meeting": method.meetings, "stage": method.stages}
    for (kind, ident), rules in ({} if recovered else missing).items():
        what = described[kind].get(ident)
        expects = _expects(kind, method.id, ident) + (f" ({pick(what)})" if what else "")
        if (kind, ident) in looked:
            expects += "; " + looked[kind, ident]
        # Each rule by what it holds, in the reader's language, with its code to look it up by.
        skipped = ", ".join(_("`{code}` ({summary})", code=r.code, summary=pick(r.summary).rstrip(".")) for r in rules)
        found.append(
            warning(
                expects
                + "; "
                + (
                    _("skipped rules {rules}", rules=skipped)
                    if len(rules) > 1
                    else _("skipped rule {rules}", rules=skipped)
                ),
                recipe.where("method"),
                hint=_id_hint(kind, ident, method, _words.keywords_of(recipe)),
                code="method-expects-id",
            )
        )
    return found


def _ids(recipe: Recipe) -> dict[str, set[str]]:
    return {
        "role": {r.id for r in recipe.roles},
        "phase": {p.id for p in recipe.items()},
        "meeting": {m.id for m in recipe.trajectory.extra_meetings} if recipe.trajectory else set(),
        "stage": {s.id for s in recipe.trajectory.stages if s.id} if recipe.trajectory else set(),
    }


def _located(
    recipe: Recipe, method: Method, needed: list[tuple[str, str]], plugins: Plugins | None
) -> tuple[Recipe, dict[tuple[str, str], str]]:
    """``recipe`` with each needed id the recipe leaves out given to the one candidate its finder finds.

    Returns also, for each id looked for in vain, what was found: nothing, or
    the candidates, so that the warning can name them.
    """
    looked: dict[tuple[str, str], str] = {}
    for kind, ident in needed:
        finder = method.finders.get(ident)
        if finder is None or ident in _ids(recipe)[kind]:
            continue
        candidates: list[Located] = []
        where = lambda ident=ident: _("in the finder for `{id}`", id=ident)  # noqa: E731
        with contained(str(method.plugin), where, plugins.report if plugins else None) as run:
            candidates = list(dict.fromkeys(finder(recipe)))
        if run.failure is not None:
            continue  # the rules are skipped with the usual warning; the plugin's fault is reported
        if len(candidates) == 1:
            recipe = located.with_id(recipe, candidates[0], ident)
        elif candidates:
            looked[kind, ident] = _(
                "found {count} that could be it: {candidates}",
                count=len(candidates),
                candidates=", ".join(located.describe(c) for c in candidates),
            )
        else:
            looked[kind, ident] = _("found none in this recipe")
    return recipe, looked


def _group_size(recipe: Recipe, method: Method) -> Iterator[Diagnostic]:
    """A group the method's source does not take: wholly outside its size an error, partly outside a warning."""
    size, group = method.group_size, recipe.group
    if size is None or group is None or (size.low <= group.low and group.high <= size.high):
        return
    line = f"{_words.key('group', _words.keywords_of(recipe))}: {size}"
    name = method.name(message_language())
    yield attrs.evolve(_group_finding(recipe, method, line, name), source=method.source)


def _group_finding(recipe: Recipe, method: Method, line: str, name: str) -> Diagnostic:
    size, group = method.group_size, recipe.group
    assert size is not None and group is not None
    one = size.high == 1  # one-to-one coaching: "a group of 1" reads as a slip
    if group.high < size.low or group.low > size.high:
        return error(
            _(
                "the method {method} is for one person at a time; a group of {group} is more",
                method=name,
                group=str(group),
            )
            if one
            else _(
                "the method {method} is for a group of {size}; a group of {group} is wholly outside it",
                method=name,
                size=str(size),
                group=str(group),
            ),
            recipe.where("group"),
            hint=_(
                "set `{line}`, or choose a method for this group with `methodengine methods --group {n}`",
                line=line,
                n=group.high,
            ),
            code=f"{method.id}/group-size",
        )
    return warning(
        _(
            "the method {method} is for one person at a time; a group of {group} may be more",
            method=name,
            group=str(group),
        )
        if one
        else _(
            "the method {method} is for a group of {size}; a group of {group} may be outside it",
            method=name,
            size=str(size),
            group=str(group),
        ),
        recipe.where("group"),
        hint=_("set `{line}` if the group stays within it", line=line),
        code=f"{method.id}/group-size",
    )


def _expects(kind: str, method: str, ident: str) -> str:
    """What a method misses, by kind: whole sentences, so that each reads well in Dutch."""
    if kind == "role":
        return _("method `{method}` expects a role with id `{id}`", method=method, id=ident)
    if kind == "phase":
        return _("method `{method}` expects a phase with id `{id}`", method=method, id=ident)
    if kind == "meeting":
        return _("method `{method}` expects a meeting with id `{id}`", method=method, id=ident)
    return _("method `{method}` expects a stage with id `{id}`", method=method, id=ident)


def _id_hint(kind: str, ident: str, method: Method, written: str) -> str:
    """How to add the id, in lines written in the recipe's own keywords (``rol x: Naam`` in a Dutch recipe)."""
    if kind == "role":
        how = _("define it with `{line}`", line=f"{_words.keyword('role', written)} {ident}: " + _("Name"))
    elif kind == "phase":
        how = _("add `{line}` to that phase", line=f"id: {ident}")
    elif kind == "meeting":
        how = _("add `{line}` to the trajectory", line=f"{_words.keyword('meeting', written)} {ident}: " + _("Title"))
    else:
        how = _("add `{line}` to that stage", line=f"id: {ident}")
    return how + "; " + _("`methodengine new {method}` writes a recipe with every id the method uses", method=method.id)


def _needs(rule: Rule) -> Iterator[tuple[str, str]]:
    yield from (("role", r) for r in rule.needs_roles)
    yield from (("phase", p) for p in rule.needs_phases)
    yield from (("meeting", m) for m in rule.needs_meetings)
    yield from (("stage", s) for s in rule.needs_stages)


def _run_rule(rule: Rule, recipe: Recipe, method: Method, plugins: Plugins | None) -> list[Diagnostic]:
    source = rule.source
    code = f"{method.id}/{rule.code}"
    found: list[Diagnostic] = []
    where = lambda: _("in rule `{rule}`", rule=code)  # noqa: E731  # made only if the rule is slow
    with contained(str(method.plugin), where, plugins.report if plugins else None) as run:
        found = [attrs.evolve(d, code=code, source=d.source or source) for d in rule.check(recipe) if d is not None]
    if run.failure is not None:
        return [
            warning(
                _(
                    "rule `{rule}` of plugin `{plugin}` failed: {failure}",
                    rule=code,
                    plugin=method.plugin,
                    failure=run.failure,
                ),
                recipe.where("method"),
                hint=_("this is a fault in the plugin; its other rules still ran"),
                code="broken-rule",
            )
        ]
    return found
