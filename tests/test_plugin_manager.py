"""Methods as plugins: loading, isolation, conflicts, resolution and the plugin commands.

Third-party plugins are small classes and modules defined here; installed
ones come from faked entry points, so that nothing installed on the machine
running the tests changes what they see.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import methodengine
from methodengine import Method, Severity, hookimpl, parse, rule, warning
from methodengine.cli import main
from methodengine.hooks import manager as plugin_module
from methodengine.hooks.manager import load_plugins
from methodengine.testing import check_text, isolated_plugins, resolve_text

METHOD_PLUGINS = {
    "action-learning": "action_learning",
    "backstage": "backstage",
    "balint": "balint",
    "incident": "incident",
    "inspiration": "inspiration",
    "jobcoaching": "jobcoaching",
    "kollegiale-beratung": "kollegiale_beratung",
    "one-two-four-all": "one_two_four_all",
    "progress": "progress",
    "reflecting-team": "reflecting_team",
    "roddel": "roddel",
    "socratic": "socratic",
    "wise-crowds": "wise_crowds",
}
"""The built-in methods, each by the plugin (module of methodengine_methods) that registers it."""
BUILTINS = sorted(METHOD_PLUGINS)
FORMAT_PLUGINS = {"card_formats": "output_formats", "schedule_formats": "schedule_formats"}
"""The built-in output formats' plugins (methodengine_formats), each with its one hook."""
ALL_BUILTINS = sorted([*METHOD_PLUGINS.values(), *FORMAT_PLUGINS])
METHOD_OF = {plugin: method for method, plugin in METHOD_PLUGINS.items()}
DUTCH = {
    "action-learning": "Actieleerset",
    "backstage": "Backstagegroep",
    "balint": "Balintgroep",
    "incident": "Incidentmethode",
    "inspiration": "Inspiratiegroep",
    "jobcoaching": "Jobcoaching",
    "kollegiale-beratung": "Kollegiale Beratung",
    "one-two-four-all": "1-2-4-allen",
    "progress": "Progressiegericht coachen",
    "reflecting-team": "Reflecterend team",
    "roddel": "Roddelmethode",
    "socratic": "Socratisch gesprek",
    "wise-crowds": "Wise Crowds",
}

# The least a trainer can write: a title and a method; the rest comes from the method.
BARE = "recipe: Onze intervisie\nmethod: incident\n"

TROIKA_BASE = """\
recipe: Troika
method: troika
group: 3
duration: 30 min

role klant: Klant
  count: 1
role adviseur: Adviseur
  count: 2

phase Vraag stellen (10 min)
  speak: klant
  listen: adviseur
phase Adviseurs overleggen (20 min)
  speak: adviseur
  listen: klant
"""

TROIKA = "recipe: Onze troika\nmethod: troika\n"


def troika(method_id: str = "troika", base_recipe: str = TROIKA_BASE, rules: tuple = ()) -> Method:
    return Method(
        id=method_id,
        names={"nl": "Troika", "en": "Troika consulting"},
        summary="Three people: one asks, two advise while the first listens.",
        source="Liberating Structures, Troika Consulting",
        base_recipe=base_recipe,
        rules=rules,
    )


class TroikaOne:
    @hookimpl
    def register_methods(self):
        return [troika()]


class TroikaTwo:
    @hookimpl
    def register_methods(self):
        return [troika()]


class Exploding:
    @hookimpl
    def register_methods(self):
        raise RuntimeError("boom in the plugin")


def run_cli(*args: str | Path):  # type: ignore[no-untyped-def]
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli(monkeypatch):
    """The command line with only the built-in plugins, loaded afresh."""
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    monkeypatch.setattr(plugin_module, "_default", [])
    return run_cli


def errors_and_warnings(found):  # type: ignore[no-untyped-def]
    return [d.headline() for d in found]


def reported(loaded, capsys) -> str:  # type: ignore[no-untyped-def]
    """What the plugins report about themselves, one line each; the library itself prints nothing."""
    assert capsys.readouterr().err == "", "the library never prints: the CLI shows what the plugins report"
    return "\n".join(f"{d.severity}: {d.message}" for d in loaded.diagnostics)


# ---------------------------------------------------------------- built-ins are ordinary plugins


def test_builtins_are_registered_like_any_plugin():
    loaded = isolated_plugins(builtins=True)
    methods = loaded.methods()
    assert sorted(loaded.infos) == ALL_BUILTINS
    assert sorted(methods) == BUILTINS
    for name, info in loaded.infos.items():
        assert info.builtin is True
        assert info.version == methodengine.__version__
        assert info.distribution == "methodengine"
        if name in FORMAT_PLUGINS:
            assert info.hooks == [FORMAT_PLUGINS[name]] and info.methods == []
            assert loaded.manager.get_plugin(name) is sys.modules[f"methodengine_formats.{name}"]
            continue
        assert info.hooks == ["register_methods"]
        assert info.methods == [METHOD_OF[name]]
        # Registered as the plugin module itself, under its short name, like a third-party module.
        assert loaded.manager.get_plugin(name) is sys.modules[f"methodengine_methods.{name}"]
        assert methods[METHOD_OF[name]].plugin == name
    assert loaded.failures == []


def test_without_builtins_there_are_no_methods():
    loaded = isolated_plugins()
    assert loaded.methods() == {}
    assert loaded.infos == {}


def test_a_third_party_plugin_sits_beside_the_builtins():
    loaded = isolated_plugins(TroikaOne(), builtins=True)
    assert sorted(loaded.methods()) == sorted([*BUILTINS, "troika"])
    info = loaded.infos["TroikaOne"]
    assert info.builtin is False
    assert info.methods == ["troika"]
    assert info.hooks == ["register_methods"]


# ---------------------------------------------------------------- what a recipe takes from its method


def test_a_bare_recipe_takes_the_methods_roles_agenda_and_header():
    method = isolated_plugins(builtins=True).methods()["incident"]
    base = parse(method.base_recipe)
    recipe = resolve_text(BARE, builtins=True)
    assert recipe.title == "Onze intervisie"
    assert [r.id for r in recipe.roles] == ["voorzitter", "inbrenger", "deelnemer"]
    assert recipe.roles == base.roles
    assert recipe.agenda == base.agenda
    assert recipe.trajectory == base.trajectory
    for name in ("language", "group", "facilitators", "duration", "summary", "source"):
        assert getattr(recipe, name) == getattr(base, name), name
    assert str(recipe.group) == "4-7"
    assert str(recipe.duration) == "90 min"
    assert errors_and_warnings(check_text(BARE, builtins=True)) == []


def test_cards_of_a_bare_recipe_print_the_methods_agenda(cli, tmp_path):
    path = tmp_path / "kaal.mth"
    path.write_text(BARE, encoding="utf-8")
    result = cli("cards", "--lang", "en", path)
    assert result.exit_code == 0, result.output
    method = isolated_plugins(builtins=True).methods()["incident"]
    titles = [p.title for p in parse(method.base_recipe).phases()]
    assert len(titles) >= 10
    out = result.stdout
    assert "Onze intervisie" in out
    assert re.search(r"^Method +Incident method$", out, flags=re.M)
    assert re.search(r"^Group +4-7 people$", out, flags=re.M)
    assert re.search(r"^Duration +(90 min|1\.5 hours)", out, flags=re.M)  # the cards say it in the largest unit
    places = [out.index(t) for t in titles]
    assert places == sorted(places), "the agenda is printed in the method's order"
    assert "Gespreksleider" in out and "Inbrenger" in out


OWN = """\
recipe: Korte intervisie
method: incident
duration: 40 min

role voorzitter: Voorzitter
  count: 1
role inbrenger: Casusinbrenger
  count: 1
role deelnemer: Collega

phase Informatieronde (20 min)
  id: vragen
  speak: deelnemer
phase Adviezen (15 min)
  id: advies
  speak: deelnemer
phase Evaluatie (5 min)
  id: evaluatie
  speak: everyone
"""


def test_a_recipe_that_writes_roles_and_phases_owns_them():
    recipe = resolve_text(OWN, builtins=True)
    assert [(r.id, r.name) for r in recipe.roles] == [
        ("voorzitter", "Voorzitter"),
        ("inbrenger", "Casusinbrenger"),
        ("deelnemer", "Collega"),
    ]
    assert [p.title for p in recipe.phases()] == ["Informatieronde", "Adviezen", "Evaluatie"]
    # What it leaves out still comes from the method.
    assert str(recipe.duration) == "40 min"
    assert str(recipe.group) == "4-7"
    assert recipe.language == "nl"
    assert errors_and_warnings(check_text(OWN, builtins=True)) == []


def test_own_roles_with_the_methods_agenda_and_own_phases_with_its_roles():
    roles_only = OWN[: OWN.index("phase Informatieronde")].replace("duration: 40 min\n", "")
    recipe = resolve_text(roles_only, builtins=True)
    assert [r.name for r in recipe.roles] == ["Voorzitter", "Casusinbrenger", "Collega"]
    assert [p.title for p in recipe.phases()][-1] == "Evaluatie"
    assert len(list(recipe.phases())) == 12

    phases_only = OWN[: OWN.index("role voorzitter")] + OWN[OWN.index("phase Informatieronde") :]
    recipe = resolve_text(phases_only, builtins=True)
    assert [r.name for r in recipe.roles] == ["Gespreksleider", "Inbrenger", "Deelnemer"]
    assert [p.title for p in recipe.phases()] == ["Informatieronde", "Adviezen", "Evaluatie"]


def test_a_recipe_without_a_method_takes_nothing():
    text = "recipe: Los\nduration: 30 min\nphase Ronde (30 min)\n"
    recipe = resolve_text(text, builtins=True)
    assert recipe.roles == () and recipe.trajectory is None and recipe.group is None


# ---------------------------------------------------------------- unknown methods and conflicts


def test_an_unknown_method_is_an_error_with_did_you_mean_and_the_installed_methods():
    found = check_text("recipe: X\nmethod: incidnt\n", builtins=True)
    assert [d.code for d in found] == ["unknown-method"]
    d = found[0]
    assert d.severity is Severity.ERROR
    assert d.position is not None and d.position.line == 2
    assert "`incidnt`" in d.message
    assert d.hint is not None and "did you mean `incident`?" in d.hint
    for method_id in BUILTINS:
        assert method_id in d.hint


def test_an_unknown_method_far_from_any_gets_the_list_only():
    d = check_text("recipe: X\nmethod: zzz\n", TroikaOne(), builtins=True)[0]
    assert d.code == "unknown-method"
    assert "did you mean" not in (d.hint or "")
    assert "troika" in (d.hint or "")
    assert "none" in (check_text("recipe: X\nmethod: zzz\n")[0].hint or "")


def test_two_plugins_with_the_same_method_id_conflict(capsys):
    loaded = isolated_plugins(TroikaOne(), TroikaTwo(), builtins=True)
    found = methodengine.check(parse(TROIKA, "test.mth"), loaded)
    assert [d.code for d in found] == ["method-conflict"]
    d = found[0]
    assert d.severity is Severity.ERROR
    assert d.position is not None and d.position.line == 2
    assert "`TroikaOne`" in d.message and "`TroikaTwo`" in d.message
    assert "METHODENGINE_LOAD_PLUGINS" in (d.hint or "")
    err = reported(loaded, capsys)
    assert err.startswith("error: ") and "`TroikaOne`" in err and "`TroikaTwo`" in err and "`troika`" in err
    assert [d.code for d in loaded.diagnostics] == ["plugin-conflict"]


def test_a_conflict_leaves_the_other_methods_working():
    loaded = isolated_plugins(TroikaOne(), TroikaTwo(), builtins=True)
    assert sorted(loaded.methods()) == BUILTINS
    assert {k: sorted(v) for k, v in loaded.conflicts.items()} == {"troika": ["TroikaOne", "TroikaTwo"]}
    assert errors_and_warnings(check_text(BARE, TroikaOne(), TroikaTwo(), builtins=True)) == []


def templates(name, path):
    """A plugin class of its own name (plugins are named by their class) that gives ``path``."""

    def card_templates(self):
        return path

    return type(name, (), {"card_templates": hookimpl(card_templates)})()


def test_plugins_are_called_in_registration_order():
    # Documented in Plugins.call: "in registration order".
    loaded = isolated_plugins(templates("TemplatesA", "/a"), templates("TemplatesB", "/b"))
    assert [name for name, _ in loaded.call("card_templates")] == ["TemplatesA", "TemplatesB"]


def test_the_last_registered_plugins_templates_come_first(tmp_path):
    # Documented in Plugins.template_dirs: "the last registered first, so that it overrides".
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert isolated_plugins(templates("A", a), templates("B", b)).template_dirs() == [str(b), str(a)]


def test_a_plugin_whose_templates_are_no_directory_is_reported_and_skipped(tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    loaded = isolated_plugins(
        templates("Listy", ["not", "a", "path"]), templates("Missing", tmp_path / "missing"), templates("Good", good)
    )
    assert loaded.template_dirs() == [str(good)]
    err = reported(loaded, capsys)
    assert err.count("from `card_templates`, not the path of a directory") == 2


def test_an_output_format_with_a_bad_field_is_reported_by_its_plugin(capsys):
    from methodengine import OutputFormat

    class BadFormat:
        @hookimpl
        def output_formats(self):
            return [OutputFormat("csv", "agenda", render=str, extension=None)]

    loaded = isolated_plugins(BadFormat())
    assert loaded.output_formats() == {}
    assert "plugin `BadFormat` failed in `output_formats`" in reported(loaded, capsys)


def test_a_plugin_that_takes_a_builtin_id_is_told_and_the_builtin_keeps_working(capsys):
    class MyIncident:
        @hookimpl
        def register_methods(self):
            return [troika("incident"), troika("troika")]

    loaded = isolated_plugins(MyIncident(), builtins=True)
    methods = loaded.methods()
    assert methods["incident"].plugin == "incident", "the built-in wins"
    assert methods["troika"].plugin == "MyIncident", "the plugin's other methods still load"
    assert loaded.infos["MyIncident"].methods == ["troika"]
    assert loaded.conflicts == {}
    err = reported(loaded, capsys)
    assert "error:" in err and "`MyIncident`" in err and "built-in plugin `incident`" in err and "`incident`" in err
    assert errors_and_warnings(check_text(BARE, MyIncident(), builtins=True)) == []


# ---------------------------------------------------------------- one broken plugin harms nothing else


def test_a_plugin_whose_register_methods_raises_is_reported_and_skipped(capsys):
    loaded = isolated_plugins(Exploding(), TroikaOne(), builtins=True)
    assert sorted(loaded.methods()) == sorted([*BUILTINS, "troika"])
    err = reported(loaded, capsys)
    assert "plugin `Exploding`" in err
    assert "register_methods" in err and "boom in the plugin" in err and "skipped" in err
    assert "Traceback" not in err
    assert [f.name for f in loaded.failures] == ["Exploding"]
    assert errors_and_warnings(check_text(TROIKA, Exploding(), TroikaOne())) == []


def test_a_plugin_that_returns_something_else_than_methods_is_reported(capsys):
    class Sloppy:
        @hookimpl
        def register_methods(self):
            return ["troika", troika()]

    loaded = isolated_plugins(Sloppy())
    assert list(loaded.methods()) == ["troika"]
    assert "plugin `Sloppy` returned str" in reported(loaded, capsys)


def test_a_plugin_with_an_unknown_hook_argument_is_skipped_at_registration(capsys):
    class Wrong:
        @hookimpl
        def check_recipe(self, recipe, colour):
            return []

    loaded = isolated_plugins(Wrong(), TroikaOne())
    assert "Wrong" not in loaded.infos
    assert "plugin `Wrong` could not be registered" in reported(loaded, capsys)
    assert list(loaded.methods()) == ["troika"]


def test_a_base_recipe_that_does_not_parse_is_a_broken_method():
    class Broken:
        @hookimpl
        def register_methods(self):
            # A phase without a time box does not parse.
            return [troika("kapot", base_recipe="recipe: Kapot\nphase Zonder tijd\n  speak: everyone\n")]

    found = check_text("recipe: X\nmethod: kapot\n", Broken(), builtins=True)
    assert [d.code for d in found] == ["broken-method"]
    d = found[0]
    assert d.severity is Severity.ERROR
    assert d.position is not None and d.position.line == 2
    assert "`kapot`" in d.message and "`Broken`" in d.message
    assert "plugin" in (d.hint or "")
    # The same load still checks every other method.
    assert errors_and_warnings(check_text(BARE, Broken(), builtins=True)) == []


@rule("explodes", "A rule with a bug.", source="nobody")
def explodes(recipe):
    raise ZeroDivisionError("division by zero in a rule")


@rule("small-group", "Troika is for three.", source="Liberating Structures")
def small_group(recipe):
    if recipe.group is not None and recipe.group.high != 3:
        yield warning(f"troika is for groups of 3, not {recipe.group}", recipe.where("group"))


class TroikaWithRules:
    @hookimpl
    def register_methods(self):
        return [troika(rules=(explodes, small_group))]


def test_a_rule_that_raises_is_a_broken_rule_warning_and_the_other_rules_run():
    text = "recipe: Grote troika\nmethod: troika\ngroup: 5\n"
    found = check_text(text, TroikaWithRules())
    broken = [d for d in found if d.code == "broken-rule"]
    assert len(broken) == 1
    assert broken[0].severity is Severity.WARNING
    assert "`troika/explodes`" in broken[0].message and "`TroikaWithRules`" in broken[0].message
    assert "ZeroDivisionError" in broken[0].message
    other = [d for d in found if d.code == "troika/small-group"]
    assert len(other) == 1
    assert other[0].position is not None and other[0].position.line == 3
    assert other[0].source == "Liberating Structures"
    assert not any(d.is_error for d in found)


# ---------------------------------------------------------------- check_recipe: hooks can grow arguments


class HouseStyle:
    """Takes only `recipe`, though the specification also passes `method`."""

    def __init__(self) -> None:
        self.seen: list = []

    @hookimpl
    def check_recipe(self, recipe):
        self.seen.append(recipe)
        if recipe.duration is not None and recipe.duration.minutes.high > 60:
            yield warning("our house style keeps meetings to an hour", recipe.where("duration"), code="house/hour")


class MethodAware:
    """Takes the arguments in the other order."""

    @hookimpl
    def check_recipe(self, method, recipe):
        if method is not None:
            return [warning(f"checked as {method.id}: {recipe.title}", recipe.position, code="house/method")]
        return None


def test_a_check_recipe_hook_with_fewer_arguments_works():
    style = HouseStyle()
    found = check_text("recipe: Lang\nduration: 2 h\nphase Ronde (120 min)\n", style)
    assert [d.code for d in found] == ["house/hour"]
    assert found[0].position is not None and found[0].position.line == 2
    # It sees the recipe with the method applied: the bare recipe's 90 minutes come from incident.
    found = check_text(BARE, style, builtins=True)
    assert [d.code for d in found] == ["house/hour"]
    assert str(style.seen[-1].duration) == "90 min"


def test_check_recipe_arguments_come_by_name_in_any_order():
    found = check_text(BARE, MethodAware(), builtins=True)
    assert [d.message for d in found] == ["checked as incident: Onze intervisie"]
    assert check_text("recipe: Zonder methode\n", MethodAware()) == []


# ---------------------------------------------------------------- installed plugins and METHODENGINE_LOAD_PLUGINS


def plugin_module_named(name: str, method_id: str) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def register_methods():
        return [troika(method_id)]

    module.register_methods = register_methods  # type: ignore[attr-defined]
    return module


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """Three installed plugins, `troika`, `gossip` and `broken`, as entry points in the `methodengine` group."""
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(tmp_path))  # no plugin list cached by other tests
    monkeypatch.setitem(sys.modules, "me_test_troika", plugin_module_named("me_test_troika", "troika"))
    monkeypatch.setitem(sys.modules, "me_test_gossip", plugin_module_named("me_test_gossip", "gossip"))
    points = [
        importlib.metadata.EntryPoint("troika", "me_test_troika", "methodengine"),
        importlib.metadata.EntryPoint("gossip", "me_test_gossip", "methodengine"),
        importlib.metadata.EntryPoint("broken", "me_test_no_such_module", "methodengine"),
        importlib.metadata.EntryPoint("elsewhere", "me_test_troika", "another_tool"),
    ]

    def entry_points(**params):
        return [ep for ep in points if ep.group == params.get("group")]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.delenv("METHODENGINE_LOAD_PLUGINS", raising=False)
    return monkeypatch


def test_installed_plugins_load_from_the_entry_point_group(installed, capsys):
    loaded = load_plugins(builtins=False)
    assert sorted(loaded.methods()) == ["gossip", "troika"]
    assert sorted(loaded.infos) == ["gossip", "troika"]
    assert loaded.infos["troika"].builtin is False
    # An installed plugin that cannot be imported is reported by name and skipped.
    err = reported(loaded, capsys)
    assert "plugin `broken` could not be imported" in err and "skipped" in err


def test_an_empty_load_list_loads_no_installed_plugin(installed, capsys):
    installed.setenv("METHODENGINE_LOAD_PLUGINS", "")
    loaded = load_plugins()
    assert sorted(loaded.methods()) == BUILTINS
    assert reported(loaded, capsys) == ""


def test_a_load_list_loads_only_those(installed, capsys):
    installed.setenv("METHODENGINE_LOAD_PLUGINS", " troika ,")
    loaded = load_plugins()
    assert sorted(loaded.methods()) == sorted([*BUILTINS, "troika"])
    assert "gossip" not in loaded.infos
    assert reported(loaded, capsys) == "", "the broken plugin was not asked for, so it is not imported"


def test_an_unknown_name_in_the_load_list_warns(installed, capsys):
    installed.setenv("METHODENGINE_LOAD_PLUGINS", "gossip,nosuch")
    loaded = load_plugins(builtins=False)
    assert list(loaded.methods()) == ["gossip"]
    err = reported(loaded, capsys)
    assert "warning" in err and "`nosuch`" in err and "METHODENGINE_LOAD_PLUGINS" in err
    assert "gossip" not in err


def test_the_plugins_command_honours_the_load_list(installed):
    installed.setattr(plugin_module, "_default", [])
    installed.setenv("METHODENGINE_LOAD_PLUGINS", "troika")
    result = run_cli("plugins", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["plugins"]] == [*ALL_BUILTINS, "troika"]
    assert data["plugins"][-1]["builtin"] is False


def test_importing_methodengine_loads_no_plugin_and_no_parser():
    code = "import methodengine, sys; print('methodengine_methods' in sys.modules, 'lark' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_plugins_are_loaded_once_per_process_on_first_use(monkeypatch):
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    monkeypatch.setattr(plugin_module, "_default", [])
    first = plugin_module.get_plugins()
    assert plugin_module.get_plugins() is first


# ---------------------------------------------------------------- the plugin commands


def test_plugins_lists_the_builtins_with_versions_and_methods(cli):
    result = cli("plugins")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["plugin", "version", "methods", "hooks"]
    rows = [line.split() for line in lines[1:]]
    assert rows == [
        [name, "(built-in)", methodengine.__version__, "-", FORMAT_PLUGINS[name]]
        if name in FORMAT_PLUGINS
        else [name, "(built-in)", methodengine.__version__, METHOD_OF[name], "register_methods"]
        for name in ALL_BUILTINS
    ]


def test_plugins_json_parses(cli):
    result = cli("plugins", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["failed"] == []
    assert [p["name"] for p in data["plugins"]] == ALL_BUILTINS
    for p in data["plugins"]:
        assert p["builtin"] is True
        assert p["version"] == methodengine.__version__
        assert p["distribution"] == "methodengine"
        if p["name"] in FORMAT_PLUGINS:
            assert p["methods"] == [] and p["hooks"] == [FORMAT_PLUGINS[p["name"]]]
            continue
        assert p["methods"] == [METHOD_OF[p["name"]]]
        assert p["hooks"] == ["register_methods"]


def test_methods_lists_ids_names_and_sources(cli):
    result = cli("methods")
    assert result.exit_code == 0
    out = result.stdout
    methods = isolated_plugins(builtins=True).methods()
    for method_id, method in methods.items():
        assert f"{method_id}: {method.name('en')}  [plugin {METHOD_PLUGINS[method_id]}]" in out
    squeezed = "".join(out.split())
    for method in methods.values():
        assert "".join(f"Source: {method.source}".split()) in squeezed
    assert "incident: Incident method" in out


def test_methods_in_dutch(cli):
    result = cli("methods", "--lang", "nl")
    assert result.exit_code == 0
    for method_id, name in DUTCH.items():
        assert f"{method_id}: {name}  [plugin {METHOD_PLUGINS[method_id]}]" in result.stdout


def test_new_writes_a_recipe_that_passes_check(cli, tmp_path):
    target = tmp_path / "mijn-intervisie.mth"
    result = cli("new", "incident", "-o", target)
    assert result.exit_code == 0
    assert str(target) in result.stdout
    method = isolated_plugins(builtins=True).methods()["incident"]
    assert target.read_text(encoding="utf-8") == method.base_recipe
    checked = cli("check", target)
    assert checked.exit_code == 0, checked.output
    assert "no problems" in checked.stdout


def test_new_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "bestaand.mth"
    target.write_text("recipe: Mijn eigen werk\n", encoding="utf-8")
    result = cli("new", "incident", "-o", target)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "recipe: Mijn eigen werk\n"
    forced = cli("new", "incident", "-o", target, "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Intervisie volgens de incidentmethode")


def test_new_without_output_writes_method_file_in_the_current_directory(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "progress")
    assert result.exit_code == 0
    assert (tmp_path / "progress.mth").read_text(encoding="utf-8").startswith("# Progressiegericht coachen")


def test_new_with_an_unknown_method_is_a_usage_error_with_did_you_mean(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "incidnt")
    assert result.exit_code == 2
    assert "did you mean `incident`?" in result.stderr.lower()  # a sentence of its own after the message
    result = cli("new", "nosuch")
    assert result.exit_code == 2
    assert "unknown method `nosuch`" in result.stderr
    for method_id in BUILTINS:
        assert method_id in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_to_standard_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "incident", "-o", "-")
    assert result.exit_code == 0
    method = isolated_plugins(builtins=True).methods()["incident"]
    assert result.stdout == method.base_recipe
    assert list(tmp_path.iterdir()) == []


def test_nested_plugin_scopes_mark_each_plugins_output_with_its_own_name(capsys):
    from methodengine.hooks.manager import contained, plugin_scope

    with plugin_scope():  # as `check` opens it around all its files
        with contained("a", "in a test") as first:
            print("from a")
        with contained("b", "in a test"):
            print("from b, unfinished", end="")
        with contained("a", "in a test") as again:
            raise SystemExit(3)
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "[plugin a] from a\n[plugin b] from b, unfinished\n"
    assert first.failure is None and again.failure == "SystemExit: 3"
    print("after")
    assert capsys.readouterr().out == "after\n", "standard output is the command's again"


# ---------------------------------------------------------------- texts by language


def _small_group(texts: bool):  # type: ignore[no-untyped-def]
    """A troika rule with its message and hint given by language, or in English only."""
    message = {"en": "a troika is three people", "nl": "een troika is drie mensen"} if texts else "a troika is three"
    hint = {"en": "write `group: 3`", "nl": "schrijf `groep: 3`"} if texts else "write `group: 3`"

    @rule("three", {"en": "Three people.", "nl": "Drie mensen."} if texts else "Three people.", source="LS")
    def three(recipe):  # type: ignore[no-untyped-def]
        if recipe.group is not None and recipe.group.high != 3:
            yield warning(message, recipe.where("group"), hint=hint)

    return three


def _troika_in(language: str, texts: bool) -> list:
    from methodengine.i18n import use_language

    class Plugin:
        @hookimpl
        def register_methods(self):  # type: ignore[no-untyped-def]
            return [troika(rules=(_small_group(texts),))]

    with use_language(language):
        return [d for d in check_text("recipe: T\nmethod: troika\ngroup: 5\n", Plugin()) if d.code == "troika/three"]


def test_a_plugins_rule_speaks_the_message_language():
    (dutch,) = _troika_in("nl", texts=True)
    assert (dutch.message, dutch.hint) == ("een troika is drie mensen", "schrijf `groep: 3`")
    (english,) = _troika_in("en", texts=True)
    assert (english.message, english.hint) == ("a troika is three people", "write `group: 3`")


def test_a_plugin_without_dutch_still_works_in_dutch_in_english():
    (dutch,) = _troika_in("nl", texts=False)
    assert (dutch.message, dutch.hint) == ("a troika is three", "write `group: 3`")
    assert dutch.position is not None and dutch.position.line == 3


def test_summary_in_gives_the_language_asked_else_english():
    method = attrs_evolve(troika(), summary={"en": "Three people.", "nl": "Drie mensen."})
    assert (method.summary_in("nl"), method.summary_in("en"), method.summary_in("fr")) == (
        "Drie mensen.",
        "Three people.",
        "Three people.",
    )
    only_english = rule("r", {"en": "English only."}, source="x")(lambda recipe: [])
    assert only_english.summary_in("nl") == "English only."
    assert troika().summary_in("nl") == troika().summary  # a plain text is every language's


@pytest.mark.parametrize(
    "field",
    ["summary", "roles", "phases", "meetings", "stages"],
)
def test_a_method_text_by_language_without_english_is_refused(field):
    value = {"nl": "Drie mensen."} if field == "summary" else {"klant": {"nl": "de klant"}}
    with pytest.raises(ValueError, match="English"):
        attrs_evolve(troika(), **{field: value})


def test_a_rule_summary_by_language_without_english_is_refused():
    with pytest.raises(ValueError, match="English"):
        rule("r", {"nl": "Alleen Nederlands."}, source="x")(lambda recipe: [])
    with pytest.raises(ValueError, match="empty"):
        rule("r", {"en": "Three.", "nl": " "}, source="x")(lambda recipe: [])


def attrs_evolve(method: Method, **changes):  # type: ignore[no-untyped-def]
    import attrs

    return attrs.evolve(method, **changes)


# ---------------------------------------------------------------- the word for a meeting


def _with_base(header: str, meeting_words: dict | None = None):  # type: ignore[no-untyped-def]
    import attrs

    method = attrs.evolve(troika(base_recipe=TROIKA_BASE.replace("group: 3\n", f"group: 3\n{header}")))
    if meeting_words is not None:
        method = attrs.evolve(method, meeting_words=meeting_words)

    class Plugin:
        @hookimpl
        def register_methods(self):  # type: ignore[no-untyped-def]
            return [method]

    return Plugin()


def test_a_base_recipes_meeting_word_is_taken_and_the_recipes_own_wins():
    plugin = _with_base("meeting-word: gesprek\n")
    assert resolve_text(TROIKA, plugin).meeting_word == ("gesprek", "gesprekken")
    own = TROIKA + "meeting-word: sessie\n"
    assert resolve_text(own, plugin).meeting_word == ("sessie", "sessies")


def test_the_methods_meeting_words_apply_in_the_recipes_language_only():
    words = {"nl": ("gesprek", "gesprekken"), "en": ("session", "sessions")}
    plugin = _with_base("", words)
    assert resolve_text(TROIKA, plugin).meeting_word == ("gesprek", "gesprekken")  # no language: Dutch
    assert resolve_text(TROIKA + "language: en\n", plugin).meeting_word == ("session", "sessions")
    dutch_only = _with_base("", {"nl": ("gesprek", "gesprekken")})
    assert resolve_text(TROIKA + "language: en\n", dutch_only).meeting_word is None  # never another language's
    assert resolve_text(TROIKA, _with_base("")).meeting_word is None  # a group method says none


def test_what_the_plugins_report_is_said_in_the_message_language(capsys):
    from methodengine import use_language

    with use_language("nl"):
        loaded = isolated_plugins(Exploding(), TroikaOne(), TroikaTwo())
        loaded.methods()
    err = reported(loaded, capsys)
    assert (
        "error: plug-in `Exploding` liep vast in `register_methods`: RuntimeError: boom in the plugin; overgeslagen"
        in err
    )
    assert "de plug-ins `TroikaOne` en `TroikaTwo` geven allebei methode `troika`" in err


@pytest.mark.parametrize("words", [("gesprek",), "gesprek", ("gesprek", ""), ("gesprek", "gesprekken", "x")])
def test_a_meeting_word_that_is_no_pair_is_refused(words):
    with pytest.raises(ValueError, match="meeting_words"):
        attrs_evolve(troika(), meeting_words={"nl": words})


def test_a_header_line_that_could_not_be_read_is_not_filled_from_the_base():
    from methodengine import parse_with_diagnostics, resolve

    recipe, errors = parse_with_diagnostics(TROIKA + "duration: twee uur\n", "test.mth")
    assert [d.code for d in errors]  # the unreadable line is its own error
    loaded = isolated_plugins(TroikaOne())
    resolved = resolve(recipe, loaded).recipe
    assert resolved.duration is None  # not the base's 30 min, which the trainer never wrote
    assert resolved.group is not None  # what the recipe leaves out still comes from the base


def test_a_recipe_read_past_syntax_errors_is_not_told_of_ids_the_errors_left_out():
    from methodengine import check, parse_with_diagnostics

    text = TROIKA + "\nrole klant: Klant\n  count: 1\n\nphase Vraag stellen (10 min\n  speak: klant\n"
    recipe, errors = parse_with_diagnostics(text, "test.mth")
    assert errors and recipe is not None

    class Plugin:
        @hookimpl
        def register_methods(self):  # type: ignore[no-untyped-def]
            return [troika(rules=(_needs_phase(),))]

    loaded = isolated_plugins(Plugin())
    assert "method-expects-id" in [d.code for d in check(recipe, loaded)]
    recovered = check(recipe, loaded, recovered=True)
    assert "method-expects-id" not in [d.code for d in recovered]
    assert "troika/asked" not in [d.code for d in recovered]  # the rule needing it is still skipped


def _needs_phase():  # type: ignore[no-untyped-def]
    @rule("asked", "The client asks.", source="LS", needs_phases=["vraag"])
    def asked(recipe):  # type: ignore[no-untyped-def]
        yield warning("asked", recipe.position)

    return asked
