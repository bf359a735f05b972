"""The console script ends the process itself (``os._exit``), so it must flush and report writes itself.

What docs/cli.md promises holds for the installed command as for ``cli.main``: the exit codes, the whole
output on a pipe (also what a plugin left in the buffer), a closed pipe quiet with exit 0, and a full
standard output said in one line with exit 2. Only real processes show this: a test's capture is never
a full disk or a closed pipe, and ``os._exit`` would end the test run itself. PYTHONUNBUFFERED is unset,
as on a user's machine, so that output is still buffered when the command ends.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from _cli import base_recipe, run

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
FULL = "No space left on device"

# The console script's function, run as the installed script runs it; a test's own setup goes before it.
CONSOLE = "import sys\nfrom methodengine._console import run\n{setup}\nsys.argv[0] = 'methodengine'\nrun()\n"


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _console(*args: str | Path, setup: str = "", **kwargs) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    kwargs.setdefault("capture_output", "stdout" not in kwargs)
    return subprocess.run(
        [sys.executable, "-c", CONSOLE.format(setup=setup), *map(str, args)],
        env=_environment(),
        timeout=60,
        check=False,
        **kwargs,
    )


# A command whose output is written but not flushed when it returns, as a plugin's print() leaves it.
UNFLUSHED = (
    "import methodengine.commands.plugins as commands\n"
    "commands.methods.callback = lambda **given: sys.stdout.write('buffered\\n')"
)


# Output written outside any command and never flushed, as a plugin module printing when it is loaded
# leaves it; `--no-such-option` then ends the run without a write to standard output that would flush it.
OUTSIDE = "sys.stdout.write('buffered\\n')"


def _long_recipe(tmp_path: Path) -> Path:
    """Some 250 kB of cards, far more than a pipe holds."""
    phases = "".join(
        f"phase Fase {i} (5 min)\n  speak: everyone\n  do: {'Een lange zin. ' * 150}\n\n" for i in range(90)
    )
    path = tmp_path / "lang.mth"
    path.write_text(f"recipe: Lang\nduration: 100 h\n\n{phases}", encoding="utf-8")
    return path


def test_the_installed_command_is_the_console_function():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"methodengine": "methodengine._console:run"}
    installed = importlib.metadata.entry_points(group="console_scripts", name="methodengine")
    assert [entry.value for entry in installed] == ["methodengine._console:run"], "reinstall: pip install -e ."


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", INCIDENT], 0),
        (["cards", INCIDENT], 0),
        (["methods"], 0),
        (["--version"], 0),
        (["--help"], 0),
        (["check", ROOT / "tests" / "no-such-recipe.mth"], 2),
        (["--no-such-option"], 2),
        (["no-such-command"], 2),
    ],
    ids=["check", "cards", "methods", "version", "help", "missing-file", "bad-option", "bad-command"],
)
def test_exit_code_and_output_are_those_of_the_cli(args, code):
    done = _console(*args, text=True)
    assert done.returncode == code, done.stderr
    if args == ["--help"]:  # the in-process runner calls the program `main`
        assert done.stdout.startswith("Usage: methodengine [OPTIONS] COMMAND [ARGS]...\n")
    elif code == 0:
        assert done.stdout == run(*args).stdout
    else:
        assert done.stderr.startswith("Usage: methodengine ")
    assert "Traceback" not in done.stderr


def test_a_recipe_with_errors_exits_1_with_every_finding_printed(tmp_path):
    broken = tmp_path / "kapot.mth"
    broken.write_text("recipe: Kapot\nduration: 20 min\n\nphase Open (10 min)\n  lead: niemand\n", encoding="utf-8")
    done = _console("check", broken, text=True)
    assert done.returncode == 1
    assert done.stdout == run("check", broken).stdout
    assert f"{broken}:5:" in done.stdout


def test_the_whole_output_reaches_a_pipe_before_the_process_ends(tmp_path):
    long = _long_recipe(tmp_path)
    done = _console("cards", long)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 200_000
    assert done.stdout == run("cards", long).stdout_bytes


def test_output_left_in_the_buffer_by_a_command_is_flushed():
    done = _console("methods", setup=UNFLUSHED, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "buffered\n", "")


def test_output_left_in_the_buffer_outside_any_command_is_flushed_too():
    done = _console("--no-such-option", setup=OUTSIDE, text=True)
    assert (done.returncode, done.stdout) == (2, "buffered\n")


def test_a_closed_pipe_is_quiet_with_exit_0_also_for_output_left_in_the_buffer():
    started = subprocess.Popen(
        [sys.executable, "-c", CONSOLE.format(setup=UNFLUSHED), "methods"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    started.stdout.close()  # no reader: the first write to the pipe fails with EPIPE
    _, stderr = started.communicate(timeout=60)
    assert (started.returncode, stderr) == (0, b"")


def test_head_c1_stops_the_installed_command_quietly(tmp_path):
    script = Path(sys.executable).parent / "methodengine"
    if not script.is_file():
        pytest.skip("the methodengine console script is not installed next to this interpreter")
    command = f"{script} cards {_long_recipe(tmp_path)} | head -c1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], capture_output=True, env=_environment(), timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"L", b"")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("args", "setup"),
    [(["check", INCIDENT], ""), (["cards", INCIDENT], ""), (["methods"], UNFLUSHED), (["methods", "-h"], "")],
    ids=["check", "cards", "left-in-the-buffer", "help"],
)
def test_a_full_standard_output_is_said_in_one_line_with_exit_2(args, setup):
    with open("/dev/full", "w") as full:
        done = _console(*args, setup=setup, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr) == (2, f"methodengine: cannot write standard output: {FULL}\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_found_only_by_the_last_flush_is_said_too():
    with open("/dev/full", "w") as full:
        done = _console("--no-such-option", setup=OUTSIDE, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: methodengine ")
    assert done.stderr.endswith(f"methodengine: cannot write standard output: {FULL}\n")


def test_the_collector_is_on_while_the_command_runs_with_the_start_up_frozen():
    # Off for good, a long run (500 recipes, a 4,000-phase plan) would keep every cycle it made.
    setup = (
        "import gc\n"
        "import methodengine.commands.plugins as commands\n"
        "commands.methods.callback = lambda **given: print(gc.isenabled(), gc.get_freeze_count() > 10_000)"
    )
    done = _console("methods", setup=setup, text=True)
    assert (done.returncode, done.stdout) == (0, "True True\n")


def test_a_plugins_thread_is_waited_for_as_at_a_normal_exit(tmp_path):
    marker = tmp_path / "done"
    setup = (
        "import threading, time\n"
        "import methodengine.commands.plugins as commands\n"
        "def later():\n"
        "    time.sleep(0.3)\n"
        f"    open({str(marker)!r}, 'w').close()\n"
        "commands.methods.callback = lambda **given: threading.Thread(target=later).start()"
    )
    assert _console("methods", setup=setup).returncode == 0
    assert marker.exists()


def test_exit_handlers_still_run(tmp_path):
    marker = tmp_path / "ran"
    setup = (
        "import atexit\n"
        "import methodengine.commands.plugins as commands\n"
        f"commands.methods.callback = lambda **given: atexit.register(lambda: open({str(marker)!r}, 'w').close())"
    )
    assert _console("methods", setup=setup).returncode == 0
    assert marker.exists()


# What a warm `check` has no use for, and would pay for at every start (issue 9): a path library, a JSON
# reader, decimal arithmetic, installed-package metadata, the parser generator (its tables are cached),
# templates, locale data.
NOT_ON_THE_CHECK_PATH = ("pathlib", "json", "decimal", "importlib.metadata", "lark", "jinja2", "babel")


def test_a_warm_check_imports_nothing_it_does_not_need(tmp_path):
    recipes = [INCIDENT, base_recipe("backstagegroep")]  # with `method:` lines: the method plugin loads
    setup = (
        "import atexit\n"
        f"atexit.register(lambda: print(sorted(m for m in {NOT_ON_THE_CHECK_PATH!r} if m in sys.modules)))"
    )
    environment = {**_environment(), "METHODENGINE_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the caches
        done = subprocess.run(
            [sys.executable, "-c", CONSOLE.format(setup=setup), "check", *map(str, recipes)],
            env=environment, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args", [["cards", "plugins/methodengine_methods/jobcoaching.mth"], ["plugins"], ["--version"]]
)
def test_a_closed_standard_output_is_said_with_exit_2_not_lost(args):
    # `>&-`: Python starts with sys.stdout None; the output must not vanish nor become an internal error
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -m methodengine "$@" >&-', sys.executable, *args],
        cwd=ROOT,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "methodengine: cannot write standard output: Bad file descriptor\n"


def test_with_standard_output_closed_an_output_file_is_still_written_and_nothing_else(tmp_path):
    # fd 1 is held by /dev/null, so the -o file never becomes "standard output"
    out = tmp_path / "cards.txt"
    done = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$0" -m methodengine cards plugins/methodengine_methods/jobcoaching.mth -o "$1" >&-',
            sys.executable,
            str(out),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("Jobcoaching\n")


def test_a_closed_standard_error_keeps_the_exit_code_of_the_command(tmp_path):
    bad = tmp_path / "bad.mth"
    bad.write_text("recipe: R\nrole a A\n", encoding="utf-8")
    runs = {
        1: ["check", str(bad)],
        0: [
            "schedule",
            "plugins/methodengine_methods/jobcoaching.mth",
            "--start",
            "2027-01-11",
            "-o",
            str(tmp_path / "s.txt"),
        ],
    }
    for code, args in runs.items():
        done = subprocess.run(
            ["sh", "-c", 'exec "$0" -m methodengine "$@" 2>&- >/dev/null', sys.executable, *args],
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert done.returncode == code, args
