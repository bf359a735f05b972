"""The grammar ships: inside the wheel, and found by the installed package.

The grammar is a data file inside the package (``methodengine/language/recipe.lark``),
and a wheel that forgets it installs a methodengine that cannot read a single
recipe. Building takes a few seconds and needs the build backend (hatchling)
from the package index; the test is skipped only when that cannot be fetched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from _cli import base_recipe

from methodengine.language.parser import grammar_path

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR_IN_WHEEL = "methodengine/language/recipe.lark"
GRAMMAR_IN_SOURCE = ROOT / "src" / "methodengine" / "language" / "recipe.lark"

# What pip says when it cannot fetch the build backend: offline, or no index.
_CANNOT_FETCH = (
    "Could not find a version that satisfies the requirement",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Connection refused",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason="the `build` package is not installed")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        if any(reason in log for reason in _CANNOT_FETCH):
            pytest.skip("cannot fetch the build backend (hatchling) offline")
        pytest.fail(f"building the wheel failed:\n{log}")
    (built,) = out.glob("methodengine-*.whl")
    return built


def test_the_wheel_contains_the_grammar(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert GRAMMAR_IN_WHEEL in names
        shipped = archive.read(GRAMMAR_IN_WHEEL).decode("utf-8")
    assert shipped == GRAMMAR_IN_SOURCE.read_text(encoding="utf-8")


def test_the_wheel_contains_the_package_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode("utf-8")
    assert {"methodengine/__init__.py", "methodengine/language/parsing.py", "methodengine/cli.py"} <= names
    assert "methodengine = methodengine._console:run" in scripts


def test_the_unpacked_wheel_finds_its_grammar_and_reads_a_recipe(wheel, tmp_path):
    # The package as the wheel lays it out, ahead of the editable checkout on sys.path.
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    recipe = base_recipe("incidentmethode")
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(site)!r})
        import methodengine
        from methodengine.language.parser import grammar_path
        assert methodengine.__file__.startswith({str(site)!r}), methodengine.__file__
        print(grammar_path())
        print(methodengine.load({str(recipe)!r}).title)
        """
    )
    env = {**os.environ, "METHODENGINE_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    path, title = result.stdout.splitlines()
    assert Path(path) == site / GRAMMAR_IN_WHEEL
    assert title == "Incidentmethode"


def test_the_grammar_is_found_in_this_install():
    path = grammar_path()
    assert path.is_file()
    assert path.name == "recipe.lark"
    assert path.read_text(encoding="utf-8") == GRAMMAR_IN_SOURCE.read_text(encoding="utf-8")
