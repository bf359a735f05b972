"""A misbehaving plugin is named, skipped, and leaves every command's output valid.

Each plugin here is installed as a user would have it: a module on
``sys.path`` beside a ``*.dist-info`` folder that declares its entry point,
so that its import, its hooks and its rules run exactly where they run in
a real installation. One test runs the command in a child process, to see
what reaches the real file descriptor 1.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _cli import base_recipe
from click.testing import CliRunner

from methodengine.cli import main
from methodengine.hooks import manager as plugin_module
from methodengine.language.parsing import parse

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "recipes"
BARE = "recipe: Onze intervisie\nmethod: incident\n"

Install = Callable[[str, str], None]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """``install(name, code)``: a plugin distribution whose module ``me_contained_NAME`` holds ``code``."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("METHODENGINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("METHODENGINE_LOAD_PLUGINS", raising=False)
    monkeypatch.setattr(plugin_module, "_default", [])
    modules: list[str] = []

    def add(name: str, code: str) -> None:
        module = f"me_contained_{name}"
        modules.append(module)
        header = "from methodengine import Method, OutputFormat, hookimpl, rule, warning\n"
        (site / f"{module}.py").write_text(header + textwrap.dedent(code) + TROIKA_BASE, encoding="utf-8")
        dist = site / f"methodengine_contained_{name}-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: methodengine-contained-{name}\nVersion: 0.1\n", encoding="utf-8"
        )
        (dist / "entry_points.txt").write_text(f"[methodengine]\n{name} = {module}\n", encoding="utf-8")
        importlib.invalidate_caches()

    yield add
    for module in modules:
        sys.modules.pop(module, None)


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    plugin_module._default.clear()  # each command loads the plugins afresh, as a new process would
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def troika_method(method_id: str, base_recipe: str = "TROIKA_BASE", rules: str = "()") -> str:
    """Source text of a Method expression, for the plugins' code."""
    return (
        f"Method(id={method_id!r}, names={{'nl': 'Troika', 'en': 'Troika'}}, summary='Three people.', "
        f"source='Liberating Structures', base_recipe={base_recipe}, rules={rules})"
    )


TROIKA_BASE = '''
TROIKA_BASE = """\\
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
'''


@pytest.fixture
def recipe(tmp_path: Path) -> Path:
    path = tmp_path / "r.mth"
    path.write_text(BARE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- sys.exit, KeyboardInterrupt, exceptions


def test_sys_exit_at_import_is_named_and_the_command_runs_as_without_the_plugin(install, recipe):
    install("quitter", "import sys\nsys.exit(3)\n")
    result = run("check", recipe)
    assert result.exit_code == 0, result.stderr
    assert "no problems" in result.stdout
    assert "methodengine: error: plugin `quitter` could not be imported: SystemExit: 3; skipped" in result.stderr
    listed_run = run("plugins", "--json")
    listed = json.loads(listed_run.stdout)
    assert [f["name"] for f in listed["failed"]] == ["quitter"]
    assert "quitter" not in [p["name"] for p in listed["plugins"]]
    assert [(p["severity"], p["code"]) for p in listed["problems"]] == [("error", "plugin-failed")]
    assert "quitter" in listed["problems"][0]["message"]
    assert listed_run.stderr.count("plugin `quitter` could not be imported") == 1


def test_a_plugin_finding_placed_by_line_only_is_shown_in_the_recipe_with_its_line(install, recipe):
    install(
        "liner",
        """
        from methodengine import Position, error

        @hookimpl
        def check_recipe(recipe):
            return [error("second line", Position(None, 2, 1), code="liner")]
        """,
    )
    result = run("check", recipe)
    assert result.exit_code == 1, result.stderr
    second = BARE.splitlines()[1]
    assert f"{recipe}:2:1: error: second line" in result.stdout
    assert f"     2 | {second}" in result.stdout


def test_sys_exit_in_check_recipe_is_named_and_the_plugin_is_not_called_again(install, tmp_path, recipe):
    install(
        "strict",
        """
        import sys
        calls = []

        @hookimpl
        def check_recipe(recipe):
            calls.append(recipe.title)
            sys.exit(4)
        """,
    )
    other = tmp_path / "other.mth"
    other.write_text("recipe: Nog een\nmethod: incident\n", encoding="utf-8")
    result = run("check", recipe, other)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("plugin `strict` failed in `check_recipe`: SystemExit: 4; skipped") == 1
    assert "checked 2 recipes: no problems; 1 plugin problem (said below), so not every check may have run" in (
        result.stdout
    )
    assert sys.modules["me_contained_strict"].calls == ["Onze intervisie"], "blocked for the rest of the run"
    cards = run("cards", recipe, "-f", "json")
    assert cards.exit_code == 0
    json.loads(cards.stdout)


def test_sys_exit_in_a_rule_is_a_broken_rule_warning(install, tmp_path):
    install(
        "ruler",
        f"""
        import sys

        @rule("quits", "A rule that ends the process.", source="nobody")
        def quits(recipe):
            sys.exit(5)

        @hookimpl
        def register_methods():
            return [{troika_method("troika", rules="(quits,)")}]
        """,
    )
    path = tmp_path / "t.mth"
    path.write_text("recipe: Onze troika\nmethod: troika\n", encoding="utf-8")
    result = run("check", "--format", "json", path)
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    broken = [d for d in found if d["code"] == "broken-rule"]
    assert len(broken) == 1
    assert "`troika/quits`" in broken[0]["message"] and "`ruler`" in broken[0]["message"]
    assert "SystemExit: 5" in broken[0]["message"]
    assert run("cards", path, "-f", "json").exit_code == 0


def test_sys_exit_in_a_formats_render_is_named_and_exits_1(install, recipe):
    install(
        "exporter",
        """
        import sys

        def render(request):
            sys.exit(7)

        @hookimpl
        def output_formats():
            return [OutputFormat("csv", "agenda as CSV", render=render, extension="csv")]
        """,
    )
    result = run("cards", recipe, "-f", "csv")
    assert result.exit_code == 1
    assert "methodengine: plugin `exporter` failed in format `csv`: SystemExit: 7" in result.stderr
    assert result.stdout == ""


def test_a_keyboard_interrupt_the_plugin_raises_is_its_failure_not_an_abort(install, recipe):
    install(
        "interrupter",
        """
        @hookimpl
        def check_recipe(recipe):
            raise KeyboardInterrupt
        """,
    )
    result = run("check", recipe)
    assert result.exit_code == 0, result.stderr
    assert "plugin `interrupter` failed in `check_recipe`: KeyboardInterrupt; skipped" in result.stderr
    assert "Aborted" not in result.stderr


def test_a_keyboard_interrupt_in_register_methods_leaves_the_builtins(install):
    install(
        "interrupter",
        """
        @hookimpl
        def register_methods():
            raise KeyboardInterrupt("from the plugin")
        """,
    )
    result = run("new", "incident", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Intervisie volgens de incidentmethode")
    assert "plugin `interrupter` failed in `register_methods`: KeyboardInterrupt: from the plugin" in result.stderr


def test_the_users_own_ctrl_c_still_stops_the_command():
    """A SIGINT that arrives while a plugin runs is the user's: it is not swallowed as the plugin's failure."""

    class Waits:
        @plugin_module.hookspecs.hookimpl
        def check_recipe(self, recipe):  # type: ignore[no-untyped-def]
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler runs here, in the plugin, and cuts the sleep short
            return []

    loaded = plugin_module.load_plugins([Waits()], builtins=False, entry_points=False)
    previous = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        list(loaded.call("check_recipe", recipe=parse(BARE, "r.mth"), method=None))
    assert signal.getsignal(signal.SIGINT) is previous, "the handler is put back"
    assert loaded.failures == []


def test_any_exception_at_import_is_named(install, recipe):
    install("missing", "import me_no_such_module_anywhere\n")
    result = run("check", recipe)
    assert result.exit_code == 0
    assert "plugin `missing` could not be imported: ModuleNotFoundError:" in result.stderr


# ---------------------------------------------------------------- stdout stays the command's


CHATTY = f"""
print("hello from import")

def render(request):
    print("hello from render")
    return "agenda," + request.recipe.title + "\\n"

@hookimpl
def register_methods():
    print("hello from register_methods")
    return [{troika_method("troika")}]

@hookimpl
def check_recipe(recipe):
    print("hello from check_recipe", end="")  # an unfinished line is still marked and ended
    return []

@hookimpl
def output_formats():
    print("hello from output_formats")
    return [OutputFormat("csv", "agenda as CSV", render=render, extension="csv")]
"""


def test_what_a_plugin_prints_goes_to_stderr_marked_with_its_name(install, recipe):
    install("chatty", CHATTY)
    result = run("check", "--format", "json", recipe)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    for where in ("import", "register_methods", "check_recipe"):
        assert f"[plugin chatty] hello from {where}\n" in result.stderr


def _is_csv(out: bytes) -> None:
    assert out == b"agenda,Onze intervisie\n"


def _is_calendar(out: bytes) -> None:
    lines = out.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2:] == [b"END:VCALENDAR", b""]
    assert all(b"\n" not in line for line in lines), "every line of an .ics ends in CRLF"
    assert all(line[:1] == b" " or b":" in line for line in lines[:-1]), "every line is a property or a folded one"
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") > 0


@pytest.mark.parametrize(
    ("args", "valid"),
    [
        (("cards", "{recipe}", "-f", "json"), json.loads),
        (("cards", "{recipe}", "-f", "csv"), _is_csv),
        (("check", "--format", "json", "{recipe}"), json.loads),
        (("plugins", "--json"), json.loads),
        (("new", "incident", "-o", "-"), lambda out: parse(out.decode("utf-8"), "new.mth")),
        (("schedule", str(base_recipe("jobcoaching")), "--start", "2027-01-11", "--format", "ics"), _is_calendar),
    ],
    ids=["cards-json", "cards-plugin-format", "check-json", "plugins-json", "new", "schedule-ics"],
)
def test_machine_output_stays_valid_with_a_chatty_plugin(install, recipe, args, valid):
    install("chatty", CHATTY)
    result = run(*(a.format(recipe=recipe) for a in args))
    assert result.exit_code == 0, result.stderr
    valid(result.stdout_bytes)
    assert b"hello" not in result.stdout_bytes
    assert "[plugin chatty] hello from import\n" in result.stderr


def test_a_pdf_on_stdout_stays_a_pdf(install, recipe):
    pytest.importorskip("weasyprint")
    install("chatty", CHATTY)
    result = run("cards", recipe, "-f", "pdf", "--only", "overview", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-") and result.stdout_bytes.rstrip().endswith(b"%%EOF")
    assert b"hello" not in result.stdout_bytes


def test_writes_to_file_descriptor_1_go_to_stderr_too(tmp_path):
    """Past ``sys.stdout``: ``os.write(1, ...)`` and a child process's output, in a real process."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "me_contained_raw.py").write_text(
        textwrap.dedent(
            """
            import os, subprocess, sys
            from methodengine import hookimpl, warning

            @hookimpl
            def check_recipe(recipe):
                os.write(1, b"raw bytes on fd 1\\n")
                subprocess.run([sys.executable, "-c", "print('from a child process')"], check=True)
                return [warning("a house-style remark", recipe.position, code="house/remark")]
            """
        ),
        encoding="utf-8",
    )
    dist = site / "methodengine_contained_raw-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: methodengine-contained-raw\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[methodengine]\nraw = me_contained_raw\n")
    path = tmp_path / "r.mth"
    path.write_text(BARE, encoding="utf-8")
    path_now = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path_now, "METHODENGINE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("METHODENGINE_LOAD_PLUGINS", None)
    other = tmp_path / "other.mth"
    other.write_text(BARE, encoding="utf-8")

    def methodengine(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "methodengine", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    result = methodengine("check", "--format", "json", str(path))
    assert result.returncode == 0, result.stderr
    assert [d["code"] for d in json.loads(result.stdout)] == ["house/remark"]
    assert "raw bytes on fd 1" in result.stderr and "from a child process" in result.stderr
    # What the command wrote before the plugin ran (the first file's report) still reaches stdout.
    result = methodengine("check", "--format", "short", str(path), str(other))
    assert result.returncode == 0, result.stderr
    assert "raw" not in result.stdout and "child" not in result.stdout
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(path), str(other)]
    assert result.stderr.count("raw bytes on fd 1") == 2


# ---------------------------------------------------------------- slow hooks are named


def test_a_slow_hook_is_named_in_a_warning(install, recipe, monkeypatch):
    monkeypatch.setattr(plugin_module, "SLOW_SECONDS", 0.05)
    install(
        "sleepy",
        """
        import time

        @hookimpl
        def check_recipe(recipe):
            time.sleep(0.1)
            return []
        """,
    )
    result = run("check", recipe)
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "sleepy" in line]
    assert len(lines) == 1
    assert lines[0].startswith("methodengine: warning: plugin `sleepy` took 0.1 s in `check_recipe`")


def test_a_fast_plugin_gets_no_warning(install, recipe):
    install("quick", "@hookimpl\ndef check_recipe(recipe):\n    return []\n")
    result = run("check", recipe)
    assert result.exit_code == 0
    assert result.stderr == ""


# ---------------------------------------------------------------- a built-in's method id stays the built-in's


def test_a_plugin_registering_incident_is_an_error_and_the_builtin_keeps_working(install, recipe):
    install(
        "impostor",
        f"""
        @hookimpl
        def register_methods():
            return [{troika_method("incident")}]
        """,
    )
    result = run("new", "incident", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Intervisie volgens de incidentmethode")
    assert "error: plugin `impostor` registers method `incident`, which built-in plugin `incident`" in result.stderr
    checked = run("check", recipe)
    assert checked.exit_code == 0 and "no problems" in checked.stdout


# ---------------------------------------------------------------- new refuses a base recipe that does not parse


# A phase without a time box does not parse.
_KAPOT = troika_method("kapot", base_recipe=repr("recipe: Kapot\nphase Zonder tijd\n  speak: everyone\n"))
BROKEN_BASE = f"""
@hookimpl
def register_methods():
    return [{_KAPOT}]
"""


def test_new_refuses_a_base_recipe_that_does_not_parse(install, tmp_path):
    install("kapot", BROKEN_BASE)
    target = tmp_path / "kapot.mth"
    result = run("new", "kapot", "-o", target)
    assert result.exit_code == 1
    assert not target.exists()
    assert "<method kapot>:2:" in result.stderr
    assert "phase Zonder tijd" in result.stderr and "^" in result.stderr and "hint:" in result.stderr
    assert "the base recipe of method `kapot` (plugin `kapot`) does not parse; nothing written" in result.stderr
    to_stdout = run("new", "kapot", "-o", "-")
    assert to_stdout.exit_code == 1
    assert to_stdout.stdout == ""


# ---------------------------------------------------------------- METHODENGINE_LOAD_PLUGINS and built-ins


def test_the_load_list_naming_a_builtin_says_builtins_always_load(install, monkeypatch):
    install("quick", "@hookimpl\ndef check_recipe(recipe):\n    return []\n")
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "incident,nosuch")
    result = run("plugins", "--json")
    assert result.exit_code == 0
    assert "`incident`, a built-in plugin; built-ins always load" in result.stderr
    assert "installed plugins only" in result.stderr
    assert "`incident`, but no such plugin is installed" not in result.stderr
    assert "`nosuch`, but no such plugin is installed" in result.stderr
    listed = json.loads(result.stdout)
    assert "quick" not in [p["name"] for p in listed["plugins"]]
    assert [(p["severity"], p["code"]) for p in listed["problems"]] == [("warning", "plugin-load-list")] * 2


# ---------------------------------------------------------------- held to the contract: hooks that do not exist


def test_a_misspelt_hook_is_reported_with_plugin_and_hook_and_skipped(install, recipe):
    install(
        "typo",
        f"""
        @hookimpl
        def register_method():
            return [{troika_method("troika")}]

        @hookimpl
        def check_recipe(recipe):
            return [warning("from the typo plugin", recipe.where("method"))]
        """,
    )
    result = run("check", recipe)
    assert result.exit_code == 0, result.stderr
    assert (
        "methodengine: error: plugin `typo` implements `register_method`, which is no methodengine hook; "
        "that implementation is skipped"
    ) in result.stderr
    assert "hint: did you mean `register_methods`?" in result.stderr
    assert "from the typo plugin" in result.stdout, "the plugin's other hooks still run"
    listed = json.loads(run("plugins", "--json").stdout)
    assert [p["code"] for p in listed["problems"]] == ["plugin-unknown-hook"]
    typo = next(p for p in listed["plugins"] if p["name"] == "typo")
    assert typo["hooks"] == ["check_recipe"], "an implementation of no hook is not listed as a hook"
    assert typo["methods"] == []


def test_one_plugin_with_a_misspelt_hook_does_not_stop_the_others(install, recipe):
    install("typo", "@hookimpl\ndef output_format():\n    return []\n")
    install("fine", f"@hookimpl\ndef register_methods():\n    return [{troika_method('troika')}]\n")
    result = run("methods")
    assert result.exit_code == 0, result.stderr
    assert "troika: Troika  [plugin fine]" in result.stdout
    assert result.stderr.count("is no methodengine hook") == 1
    assert "`typo` implements `output_format`" in result.stderr


def test_an_optional_hook_of_another_host_is_not_reported(install, recipe):
    install("other", "@hookimpl(optionalhook=True)\ndef pytest_configure(config):\n    pass\n")
    result = run("check", recipe)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_each_finding_about_the_plugins_is_shown_once(install, recipe):
    install("quitter", "import sys\nsys.exit(3)\n")
    result = run("check", recipe, recipe)
    assert result.stderr.count("plugin `quitter` could not be imported") == 1


# ---------------------------------------------------------------- METHODENGINE_TRACE_PLUGINS


def test_trace_plugins_names_each_hook_call_and_its_outcome(install, recipe, monkeypatch):
    install("strict", "@hookimpl\ndef check_recipe(recipe, method):\n    raise SystemExit(4)\n")
    monkeypatch.setenv("METHODENGINE_TRACE_PLUGINS", "1")
    result = run("check", recipe)
    assert result.exit_code == 0, result.stderr
    trace = [line for line in result.stderr.splitlines() if line.startswith("methodengine: trace: ")]
    assert "methodengine: trace: register_methods -> plugin `incident` ()" in trace
    assert any(
        line.startswith("methodengine: trace: register_methods <- plugin `incident`: 1 result (") for line in trace
    )
    assert "methodengine: trace: check_recipe -> plugin `strict` (recipe, method)" in trace
    assert "methodengine: trace: check_recipe <- plugin `strict`: failed: SystemExit: 4" in trace
    assert "no problems" in result.stdout, "tracing goes to stderr: stdout stays the command's"


def test_without_the_variable_nothing_is_traced(install, recipe, monkeypatch):
    install("quick", "@hookimpl\ndef check_recipe(recipe):\n    return []\n")
    monkeypatch.setenv("METHODENGINE_TRACE_PLUGINS", "0")
    assert "trace" not in run("check", recipe).stderr


def test_a_methods_rules_share_one_scope_and_each_is_still_contained(install, tmp_path):
    """The rules of a method run in one plugin scope per recipe (it is cheaper), with the promises of each block."""
    install(
        "rules",
        f"""
        @rule("talks", "prints, then finds something", "a test")
        def talks(recipe):
            print("hello from a rule")
            return [warning("first rule", recipe.where("method"))]

        @rule("breaks", "raises", "a test")
        def breaks(recipe):
            raise SystemExit(5)

        @rule("after", "runs after the broken one", "a test")
        def after(recipe):
            return [warning("third rule", recipe.where("method"))]

        @hookimpl
        def register_methods():
            return [{troika_method("troika", rules="(talks, breaks, after)")}]
        """,
    )
    path = tmp_path / "t.mth"
    path.write_text("recipe: Onze troika\nmethod: troika\n", encoding="utf-8")
    result = run("check", "--format", "json", path, path)
    assert result.exit_code == 0, result.stderr
    codes = [row["code"] for row in json.loads(result.stdout)]
    assert codes == ["troika/talks", "broken-rule", "troika/after"] * 2
    assert result.stderr.count("[plugin rules] hello from a rule\n") == 2
