"""The ``methodengine`` command as trainers and CI use it: exit codes and output."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import base_recipe, run

import methodengine

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
RECIPE_IDS = [p.stem for p in RECIPES]

HEADLINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+)$")

# Two errors (an undefined role, a meeting over time) and a warning (a checkpoint without `decide`).
BROKEN = """\
recipe: Kapot
duration: 60 min
role deelnemer: Deelnemer
phase Vragen (50 min)
  lead: voorziter
  speak: deelnemer
checkpoint Verder? (20 min)
"""

# A recipe the parser rejects: the phase has no time box.
UNREADABLE = """\
recipe: Onleesbaar
phase Vragen
  speak: everyone
"""

# Only a warning: 30 of 60 minutes are unplanned.
WARNS = """\
recipe: Kort
duration: 60 min
phase Vragen (30 min)
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.mth"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "onleesbaar.mth"
    path.write_text(UNREADABLE, encoding="utf-8")
    return path


@pytest.fixture
def warns(tmp_path: Path) -> Path:
    path = tmp_path / "kort.mth"
    path.write_text(WARNS, encoding="utf-8")
    return path


def test_there_are_bundled_recipes():
    assert len(RECIPES) >= 5


# ---------------------------------------------------------------- check: exit codes


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_check_passes_every_bundled_recipe(recipe):
    result = run("check", recipe)
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    assert "checked 1 recipe" in result.output


def test_check_passes_all_bundled_recipes_at_once():
    result = run("check", *RECIPES)
    assert result.exit_code == 0, result.output
    assert f"checked {len(RECIPES)} recipes" in result.output


def test_check_exits_1_on_a_recipe_with_errors(broken):
    result = run("check", broken)
    assert result.exit_code == 1
    out = result.stdout
    assert f"{broken}:5:9: error: " in out
    assert f"{broken}:2:1: error: " in out
    assert f"{broken}:7:1: warning: " in out
    # The text format shows the line itself, a caret under the spot, and a hint.
    assert "  lead: voorziter" in out
    assert re.search(r"^ +\| +\^$", out, flags=re.M)
    assert "hint: " in out
    assert "2 errors, 1 warning" in result.output


def test_check_exits_1_on_a_recipe_it_cannot_read(unreadable):
    result = run("check", unreadable)
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(unreadable))}:2:\d+: error: .*time box", result.stdout, flags=re.M)
    assert "Traceback" not in result.output


def test_check_exits_0_on_warnings_only(warns):
    result = run("check", warns)
    assert result.exit_code == 0, result.output
    assert f"{warns}:2:1: warning: " in result.stdout
    assert "30 min unplanned" in result.stdout


def test_check_exits_1_if_any_of_several_recipes_has_errors(broken):
    result = run("check", RECIPES[0], broken)
    assert result.exit_code == 1
    assert "checked 2 recipes" in result.output


def test_check_exits_2_on_a_missing_file(tmp_path):
    missing = tmp_path / "bestaat-niet.mth"
    result = run("check", missing)
    assert result.exit_code == 2
    assert "bestaat-niet.mth" in result.output
    assert "Traceback" not in result.output


def test_check_exits_2_on_a_missing_file_among_good_ones(tmp_path):
    result = run("check", RECIPES[0], tmp_path / "bestaat-niet.mth")
    assert result.exit_code == 2


def test_check_exits_2_without_arguments():
    result = run("check")
    assert result.exit_code == 2
    assert "Usage:" in result.output


def test_check_exits_2_on_a_directory(tmp_path):
    assert run("check", tmp_path).exit_code == 2


def test_check_exits_2_on_an_unknown_format(broken):
    assert run("check", "--format", "xml", broken).exit_code == 2


# ---------------------------------------------------------------- check: formats


def test_short_format_gives_one_line_per_diagnostic(broken, unreadable, warns):
    files = (broken, unreadable, warns)
    rows = json.loads(run("check", "--format", "json", *files).stdout)
    result = run("check", "--format", "short", *files)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(rows) == 5
    for line, row in zip(lines, rows, strict=True):
        match = HEADLINE.match(line)
        assert match, line
        assert match["file"] == row["file"]
        assert (int(match["line"]), int(match["column"])) == (row["line"], row["column"])
        assert match["severity"] == row["severity"]
        assert match["message"] == row["message"]


def test_short_format_prints_nothing_for_a_clean_recipe():
    result = run("check", "--format", "short", *RECIPES)
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.stdout


def test_json_format(broken):
    result = run("check", "--format", "json", broken)
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 3
    for row in rows:
        assert {"file", "line", "column", "severity", "code", "message"} <= set(row)
        assert row["file"] == str(broken)
        assert isinstance(row["line"], int) and isinstance(row["column"], int)
        assert row["severity"] in ("error", "warning")
        assert isinstance(row["code"], str) and row["code"]
    by_code = {row["code"]: row for row in rows}
    assert set(by_code) == {"undefined-role", "over-time", "checkpoint-decide"}
    role = by_code["undefined-role"]
    assert (role["line"], role["column"], role["severity"]) == (5, 9, "error")
    assert "`voorziter`" in role["message"]
    assert (by_code["over-time"]["line"], by_code["over-time"]["severity"]) == (2, "error")
    assert "70 min" in by_code["over-time"]["message"]
    assert by_code["checkpoint-decide"]["severity"] == "warning"


def test_json_format_on_an_unreadable_recipe_and_a_clean_one(unreadable):
    result = run("check", "--format", "json", RECIPES[0], unreadable)
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    assert rows[0]["file"] == str(unreadable)
    assert (rows[0]["line"], rows[0]["severity"]) == (2, "error")


def test_json_format_of_clean_recipes_is_an_empty_list_or_warnings():
    result = run("check", "--format", "json", *RECIPES)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert all(row["severity"] == "warning" for row in rows)


# ---------------------------------------------------------------- cards


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_cards_prints_the_overview_of_every_bundled_recipe(recipe):
    result = run("cards", "--lang", "en", recipe)
    assert result.exit_code == 0, result.output
    out = result.stdout
    parsed = methodengine.load(recipe)
    lines = out.splitlines()
    assert lines[0] == parsed.title
    too_wide = [line for line in lines if len(line) > 80]
    assert too_wide == []
    assert re.search(r"^ *Total\b.* \d+([-,.]\d+)? (min|hours?)\b", out, flags=re.M), out  # in its largest unit
    for role in parsed.roles:
        assert role.name in out
    for phase in parsed.phases():
        assert phase.title in out
    assert out.endswith("\n")


def test_cards_wraps_long_names_within_80_columns(tmp_path):
    long = "Een heel lange fasetitel die over meerdere regels moet worden afgebroken omdat hij zo lang is"
    path = tmp_path / "lang.mth"
    path.write_text(
        f"recipe: Voorbeeld\nrole deelnemer: {long}\nphase {long} (90 min)\n  when: from meeting 2\n"
        f"trajectory\n  meetings: 3\n  stage {long} (meetings 1-3)\n"
        f"  meeting nazorg: {long} (60 min)\n    at: 2-3 maanden after last meeting\n    count: 1-2\n",
        encoding="utf-8",
    )
    result = run("cards", path)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []


def test_cards_keeps_a_long_recipe_title_within_80_columns(tmp_path):
    path = tmp_path / "lang.mth"
    title = "Intervisie volgens de incidentmethode voor teams in de zorg en het onderwijs, versie 2"
    path.write_text(f"recipe: {title}\nphase A (10 min)\n", encoding="utf-8")
    result = run("cards", path)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []
    assert "versie 2" in result.stdout


def test_cards_is_deterministic():
    recipe = base_recipe("incidentmethode")
    assert run("cards", recipe).stdout == run("cards", recipe).stdout


def test_cards_shows_the_total_against_the_duration(tmp_path):
    path = tmp_path / "v.mth"
    path.write_text(
        "recipe: Voorbeeld\nduration: 90 min\nrole deelnemer: Deelnemer\n  count: 2-5\n"
        "phase Vragen (15 min)\nphase Eigen aanpak (3 min per deelnemer)\nrounds 2: Beurt\n  phase A (20 min)\n",
        encoding="utf-8",
    )
    result = run("cards", "--lang", "en", path)
    assert result.exit_code == 0, result.output
    total = [line for line in result.stdout.splitlines() if line.strip().startswith("Total")]
    assert len(total) == 1
    assert "61-70 min" in total[0] and "90 min" in total[0]


def test_cards_on_a_recipe_with_errors_exits_1_without_traceback(broken):
    result = run("cards", broken)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{broken}:5:9: error: " in result.stderr
    assert result.stdout == ""


def test_cards_on_a_recipe_it_cannot_read_exits_1_without_traceback(unreadable):
    result = run("cards", unreadable)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{unreadable}:2:" in result.stderr
    assert result.stdout == ""


def test_cards_on_a_missing_file_exits_2(tmp_path):
    assert run("cards", tmp_path / "bestaat-niet.mth").exit_code == 2


# ---------------------------------------------------------------- the command itself


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert methodengine.__version__ in result.stdout
    assert "methodengine" in result.stdout


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_contains_examples(flag):
    result = run(flag)
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "methodengine check recipes/" in result.stdout
    assert "methodengine cards recipes/" in result.stdout
    assert "check" in result.stdout and "cards" in result.stdout


@pytest.mark.parametrize("command", ["check", "cards"])
def test_each_commands_help_contains_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"methodengine {command} recipes/" in result.stdout


def test_an_internal_error_is_one_line_and_exit_70(monkeypatch):
    import methodengine.checking.resolution

    def explode(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(methodengine.checking.resolution, "check", explode)
    result = run("check", RECIPES[0])
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert "internal error" in result.stderr and "kaboom" in result.stderr


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "methodengine", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert methodengine.__version__ in result.stdout


def test_a_recipe_on_a_pipe_is_read_once_and_checked(tmp_path):
    # Process substitution and /dev/stdin can be read only once.
    text = (base_recipe("incidentmethode")).read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "methodengine", "check", "/dev/stdin"], input=text, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert b"no problems" in done.stdout


def test_written_files_get_the_usual_permissions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        result = run("new", "incident", "-o", "mijn.mth")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "mijn.mth").stat().st_mode) == 0o644


def test_every_public_name_resolves_even_after_every_module_is_loaded():
    import importlib
    import pkgutil
    import types

    # A submodule named like a public function would shadow it once imported.
    for module in pkgutil.walk_packages(methodengine.__path__, "methodengine."):
        if module.name != "methodengine.__main__":
            importlib.import_module(module.name)
    for name in methodengine.__all__:
        value = getattr(methodengine, name)
        assert value is not None and not isinstance(value, types.ModuleType), name
    with pytest.raises(AttributeError):
        methodengine.no_such_name  # noqa: B018


def test_version_and_help_load_no_engine_module():
    # i18n (standard library only) is there: --help and click's messages are in the user's language.
    probe = (  # printed at exit: `python -m methodengine` ends the process itself (methodengine._console)
        "import atexit, sys, runpy; sys.argv = ['methodengine', '--version']\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('methodengine.')"
        " and m not in ('methodengine._version', 'methodengine._console', 'methodengine.i18n')"
        " and not m.startswith(('methodengine.cli', 'methodengine.__main__', 'methodengine.commands')))))\n"
        "try:\n    runpy.run_module('methodengine', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("[]"), done.stdout + done.stderr


# ---------------------------------------------------------------- check: every syntax error, then the checks


def test_check_reports_every_syntax_error_then_the_checks_over_what_could_be_read(tmp_path, monkeypatch):
    """`check` shows whatever `parse_with_diagnostics` found, all of it, and checks a partly read recipe too."""
    from methodengine.diagnostics import error
    from methodengine.language import parsing
    from methodengine.model import Position

    path = tmp_path / "kort.mth"
    path.write_text(WARNS + "phase Kapot\nfase Kapot (5 min)\n", encoding="utf-8")
    readable = methodengine.parse(WARNS, str(path))
    found = [
        error("a phase needs a time box", Position(str(path), 4, 12), "write it as `(10 min)`"),
        error("unknown keyword `fase`", Position(str(path), 5, 1), "did you mean `phase`?"),
    ]
    monkeypatch.setattr(parsing, "parse_with_diagnostics", lambda text, name: (readable, list(found)))
    result = run("check", path)
    assert result.exit_code == 1
    headlines = [line for line in result.stdout.splitlines() if HEADLINE.match(line)]
    assert headlines == [
        f"{path}:4:12: error: a phase needs a time box",
        f"{path}:5:1: error: unknown keyword `fase`",
        f"{path}:2:1: warning: the meeting is planned at 30 min of 60 min: 30 min unplanned",
    ]
    assert "     5 | fase Kapot (5 min)\n       | ^\n  hint: did you mean `phase`?" in result.stdout
    assert result.stdout.endswith("checked 1 recipe: 2 errors, 1 warning\n")
    rows = json.loads(run("check", "--format", "json", path).stdout)
    assert [(r["line"], r["severity"], r["related"]) for r in rows] == [
        (4, "error", []),
        (5, "error", []),
        (2, "warning", []),
    ]

    # A recipe of which too little could be read is not checked: only its syntax errors are shown.
    monkeypatch.setattr(parsing, "parse_with_diagnostics", lambda text, name: (None, list(found)))
    assert [r["line"] for r in json.loads(run("check", "--format", "json", path).stdout)] == [4, 5]


def test_check_json_gives_the_related_places_of_a_finding(tmp_path):
    from methodengine.diagnostics import Related, warning
    from methodengine.hooks import manager
    from methodengine.model import Position

    class Twice:
        @methodengine.hookimpl
        def check_recipe(self, recipe):
            first, second = Position(recipe.where("recipe").path, 3, 1), recipe.where("recipe")
            return [warning("said twice", second, related=[Related("the first is here", first)])]

    path = tmp_path / "kort.mth"
    path.write_text(WARNS, encoding="utf-8")
    manager._default[:] = [methodengine.load_plugins([Twice()], entry_points=False)]
    try:
        rows = json.loads(run("check", "--format", "json", path).stdout)
        text = run("check", path).stdout
    finally:
        manager._default.clear()
    said = next(r for r in rows if r["message"] == "said twice")
    assert said["related"] == [{"file": str(path), "line": 3, "column": 1, "message": "the first is here"}]
    assert f"  {path}:3:1: the first is here" in text


def test_check_of_many_files_loads_the_plugins_once_and_reads_each_file_once(tmp_path, monkeypatch):
    from methodengine.hooks import manager
    from methodengine.language import reading

    paths = []
    for i in range(5):
        path = tmp_path / f"r{i}.mth"
        path.write_text(WARNS, encoding="utf-8")
        paths.append(path)
    reads: list[str] = []
    loads: list[int] = []
    real_read, real_load = reading.read_limited, manager.load_plugins
    monkeypatch.setattr(reading, "read_limited", lambda path: reads.append(str(path)) or real_read(path))
    monkeypatch.setattr(manager, "load_plugins", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    monkeypatch.setattr(manager, "_default", [])
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    result = run("check", *paths)
    assert result.exit_code == 0
    assert result.stdout.endswith("checked 5 recipes: 0 errors, 5 warnings\n")
    assert reads == [str(p) for p in paths]
    assert loads == [1]


THREE_MISTAKES = """\
recipe: Drie fouten
duration: 90 minuts

role voorzitter: Voorzitter

phse Vragen (20 min)

phase Sluiten (10 min)
  lead voorzitter
"""


def test_check_reports_every_syntax_error_of_a_file_with_line_column_caret_and_hint(tmp_path):
    path = tmp_path / "drie.mth"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1
    headlines = [line for line in result.stdout.splitlines() if HEADLINE.match(line)]
    assert [line.split(": error: ")[0] for line in headlines] == [f"{path}:2:14", f"{path}:6:1", f"{path}:9:3"]
    assert result.stdout.count("\n  hint: ") == 3
    assert "     9 |   lead voorzitter\n       |   ^\n" in result.stdout
    assert result.stdout.endswith("checked 1 recipe: 3 errors, 0 warnings\n")
    rows = json.loads(run("check", "--format", "json", path).stdout)
    assert [(r["line"], r["column"], r["severity"]) for r in rows] == [
        (2, 14, "error"),
        (6, 1, "error"),
        (9, 3, "error"),
    ]


def test_cards_of_a_recipe_with_several_syntax_errors_shows_them_all_and_writes_nothing(tmp_path):
    path = tmp_path / "drie.mth"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    result = run("cards", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert [line.split(": error: ")[0] for line in result.stderr.splitlines() if HEADLINE.match(line)] == [
        f"{path}:2:14",
        f"{path}:6:1",
        f"{path}:9:3",
    ]


def test_a_phase_lost_to_a_syntax_error_is_not_also_missed_by_the_method(tmp_path):
    """One mistake, one message: the method's rules do not ask for the phase the syntax error left out."""
    lines = (base_recipe("incidentmethode")).read_text(encoding="utf-8").split("\n")
    at = lines.index("  id: advies") - 1
    lines[at] = re.sub(r"\([^)]*\)", "(20 min", lines[at])  # the time box not closed: the phase is not read
    broken = tmp_path / "kapot.mth"
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", "--lang", "en", broken)
    assert result.exit_code == 1
    assert f"{broken}:{at + 1}:" in result.stdout
    assert "advies" not in result.stdout  # no "method `incident` expects a phase with id `advies`"
