"""A third-party plugin, installed with pip from a wheel, works like a built-in method.

These tests build the methodengine wheel and the wheel of the example plugin
in ``examples/methodengine-troika``, install both into a fresh virtual
environment (their dependencies come from the package index), and run that
environment's ``methodengine`` command, exactly as a user who ran
``pip install methodengine-troika`` would. A second test installs a plugin
whose module fails on import: the tool must name it, give the reason, and
carry on. The virtual environment is made once for the module; the whole file
takes well under a minute with a warm pip cache. The tests are skipped when
the package index cannot be reached.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import venv
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from _cli import base_recipe

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TROIKA = ROOT / "examples" / "methodengine-troika"
TROIKA_VERSION = re.search(
    r'^__version__ = "([^"]+)"', (TROIKA / "src" / "methodengine_troika" / "__init__.py").read_text("utf-8"), re.M
)[1]  # type: ignore[index]

# What pip and build say when they cannot reach the package index.
_CANNOT_FETCH = (
    "Could not find a version that satisfies the requirement",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Connection refused",
)

BARE = "recipe: Troika op de teamdag\nmethod: troika\n"

BROKEN_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "methodengine-broken"
version = "0.0.1"
dependencies = ["methodengine"]

[project.entry-points.methodengine]
broken = "methodengine_broken"
"""

BROKEN_MODULE = """\
raise ImportError("methodengine-broken needs the package `frobnicate`, which is not installed")
"""


def _skip_or_fail(what: str, result: subprocess.CompletedProcess[str]) -> None:
    log = result.stdout + result.stderr
    if any(reason in log for reason in _CANNOT_FETCH):
        pytest.skip(f"{what}: cannot reach the package index")
    pytest.fail(f"{what} failed:\n{log}")


def _start_build(project: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish_build(process: subprocess.Popen[str], out: Path, pattern: str) -> Path:
    try:
        stdout, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    if process.returncode != 0:
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        _skip_or_fail(f"building {pattern}", result)
    (wheel,) = out.glob(pattern)
    return wheel


def _build(project: Path, out: Path, pattern: str) -> Path:
    return _finish_build(_start_build(project, out), out, pattern)


@attrs.frozen
class Env:
    """A virtual environment with methodengine installed from its wheel."""

    root: Path
    home: Path

    @property
    def bin(self) -> Path:
        return self.root / ("Scripts" if os.name == "nt" else "bin")

    def environ(self, **changes: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("METHODENGINE_LOAD_PLUGINS", "PYTHONPATH")}
        env.update(
            METHODENGINE_CACHE_DIR=str(self.home / "cache"),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1",
            VIRTUAL_ENV=str(self.root),
        )
        env.update(changes)
        return env

    def pip(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "python"), "-m", "pip", *map(str, args)],
            capture_output=True,
            text=True,
            env=self.environ(),
            timeout=600,
            check=False,
        )

    def methodengine(self, *args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "methodengine"), *map(str, args)],
            capture_output=True,
            text=True,
            env=self.environ(**env),
            cwd=cwd,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The methodengine wheel and the troika wheel, built side by side."""
    pytest.importorskip("build", reason="the `build` package is not installed")
    engine_out = tmp_path_factory.mktemp("engine-dist")
    troika_out = tmp_path_factory.mktemp("troika-dist")
    engine = _start_build(ROOT, engine_out)
    troika = _start_build(TROIKA, troika_out)
    return {
        "methodengine": _finish_build(engine, engine_out, "methodengine-*.whl"),
        "troika": _finish_build(troika, troika_out, "methodengine_troika-*.whl"),
    }


@pytest.fixture(scope="module")
def env(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Env:
    """A fresh virtual environment with both wheels installed, shared by the tests here."""
    home = tmp_path_factory.mktemp("venv-home")
    created = Env(home / "venv", home)
    venv.create(created.root, with_pip=True, symlinks=os.name != "nt")
    result = created.pip("install", wheels["methodengine"], wheels["troika"])
    if result.returncode != 0:
        _skip_or_fail("installing the wheels", result)
    return created


def _plugin_rows(stdout: str) -> dict[str, list[str]]:
    """`methodengine plugins` as rows of cells by plugin name (cells are separated by 2+ spaces)."""
    lines = stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == ["plugin", "version", "methods", "hooks"], stdout
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]
    return {row[0]: row for row in rows}


def test_an_installed_plugin_lists_checks_and_prints_cards(env: Env, tmp_path: Path):
    # It is a plugin with its version, its method and its hooks.
    listed = env.methodengine("plugins", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == ""
    rows = _plugin_rows(listed.stdout)
    assert rows["troika"] == ["troika", TROIKA_VERSION, "troika", "card_templates, register_methods"]
    assert "incident (built-in)" in rows  # the built-ins are still there
    as_json = json.loads(env.methodengine("plugins", "--json", cwd=tmp_path).stdout)
    (troika,) = [p for p in as_json["plugins"] if p["name"] == "troika"]
    assert troika["distribution"] == "methodengine-troika"
    assert troika["builtin"] is False
    assert as_json["failed"] == []

    # Its method is listed with its names and source.
    methods = env.methodengine("methods", cwd=tmp_path)
    assert methods.returncode == 0, methods.stderr
    assert "troika: Troika Consulting  [plugin troika]" in methods.stdout
    assert "Liberating" in methods.stdout
    dutch = env.methodengine("methods", "--lang", "nl", cwd=tmp_path)
    assert "troika: Troika-consultatie  [plugin troika]" in dutch.stdout

    # A bare recipe takes everything from the method's base recipe and passes.
    recipe = tmp_path / "troika.mth"
    recipe.write_text(BARE, encoding="utf-8")
    checked = env.methodengine("check", recipe.name, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "checked 1 recipe: no problems" in checked.stdout
    cards = env.methodengine("cards", recipe.name, cwd=tmp_path)
    assert cards.returncode == 0, cards.stderr
    assert cards.stdout.startswith("Troika op de teamdag\n")
    agenda = cards.stdout.split("\nAgenda\n", 1)[1]
    assert re.search(r"^Turn of a client +3 rounds$", agenda, flags=re.M), cards.stdout
    for line in (
        "1. Invitation",
        "2. Challenge",
        "3. Clarifying questions",
        "4. Ideas and advice",
        "5. Most valuable",
    ):
        assert line in agenda, cards.stdout
    assert re.search(r"Total\s+22-34 min of 30 min", agenda), cards.stdout

    # `methodengine new troika` writes the base recipe shipped in the wheel.
    written = env.methodengine("new", "troika", "-o", "-", cwd=tmp_path)
    assert written.stdout == (TROIKA / "src" / "methodengine_troika" / "troika.mth").read_text("utf-8")


def test_load_plugins_chooses_which_installed_plugins_load(env: Env, tmp_path: Path):
    (tmp_path / "troika.mth").write_text(BARE, encoding="utf-8")

    # Empty: no installed plugins, only the built-ins.
    hidden = env.methodengine("plugins", cwd=tmp_path, METHODENGINE_LOAD_PLUGINS="")
    assert hidden.returncode == 0, hidden.stderr
    assert "troika" not in _plugin_rows(hidden.stdout)
    assert "incident (built-in)" in _plugin_rows(hidden.stdout)
    methods = env.methodengine("methods", cwd=tmp_path, METHODENGINE_LOAD_PLUGINS="")
    assert "troika" not in methods.stdout
    checked = env.methodengine("check", "troika.mth", cwd=tmp_path, METHODENGINE_LOAD_PLUGINS="")
    assert checked.returncode == 1
    assert "unknown method `troika`" in checked.stdout

    # Named: it loads again.
    named = env.methodengine("check", "troika.mth", cwd=tmp_path, METHODENGINE_LOAD_PLUGINS="troika")
    assert named.returncode == 0, named.stdout + named.stderr


@pytest.fixture
def broken_plugin(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A plugin whose module raises ImportError, installed into the shared environment for one test."""
    project = tmp_path_factory.mktemp("methodengine-broken")
    (project / "pyproject.toml").write_text(BROKEN_PYPROJECT, encoding="utf-8")
    package = project / "src" / "methodengine_broken"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(BROKEN_MODULE, encoding="utf-8")
    wheel = _build(project, tmp_path_factory.mktemp("broken-dist"), "methodengine_broken-*.whl")
    # --no-deps: methodengine is installed already, from its wheel.
    result = env.pip("install", "--no-deps", wheel)
    if result.returncode != 0:
        _skip_or_fail("installing the broken plugin", result)
    try:
        yield "broken"
    finally:
        env.pip("uninstall", "--yes", "methodengine-broken")


def test_a_plugin_that_fails_to_import_is_named_and_skipped(env: Env, broken_plugin: str, tmp_path: Path):
    recipe = base_recipe("incidentmethode")
    checked = env.methodengine("check", recipe, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "checked 1 recipe" in checked.stdout
    assert "Traceback" not in checked.stderr
    assert f"plugin `{broken_plugin}` could not be imported" in checked.stderr
    assert "ImportError: methodengine-broken needs the package `frobnicate`" in checked.stderr

    # Everything else still loads, and `plugins` reports the failure too.
    listed = env.methodengine("plugins", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    assert {p["name"] for p in report["plugins"]} >= {"troika", "incident"}
    (failed,) = report["failed"]
    assert failed["name"] == broken_plugin
    assert "ImportError" in failed["reason"]
    assert f"plugin `{broken_plugin}`" in listed.stderr

    troika = tmp_path / "troika.mth"
    troika.write_text(BARE, encoding="utf-8")
    assert env.methodengine("check", troika.name, cwd=tmp_path).returncode == 0


def test_the_example_plugin_has_its_own_passing_tests(env: Env, tmp_path: Path):
    """The plugin's tests, run against the installed wheels as a plugin author would run them."""
    result = env.pip("install", "pytest>=8")
    if result.returncode != 0:
        _skip_or_fail("installing pytest", result)
    # An empty configuration, so that the example's own (which puts its `src` on the path) is not used:
    # the tests import the plugin from the installed wheel.
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys, pytest
        import methodengine_troika
        assert "site-packages" in methodengine_troika.__file__, methodengine_troika.__file__
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-c", sys.argv[1], sys.argv[2]]))
        """
    )
    tests = subprocess.run(
        [str(env.bin / "python"), "-c", script, str(tmp_path / "pytest.ini"), str(TROIKA / "tests")],
        capture_output=True,
        text=True,
        env=env.environ(PYTHONDONTWRITEBYTECODE="1"),
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "passed" in tests.stdout
