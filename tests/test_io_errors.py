"""I/O errors are not bugs: a failed write says so (exit 2), a closed pipe is quiet, input is bounded.

Standard output is tested through real processes, since only a real descriptor
can be full or broken, with PYTHONUNBUFFERED unset as on a user's machine, so
that output is still buffered when the interpreter exits.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from _cli import base_recipe, run

from methodengine import limits

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
FULL = "No space left on device"

COMMANDS = {
    "check": ["check", str(INCIDENT)],
    "cards": ["cards", str(INCIDENT)],
    "schedule": ["schedule", str(INCIDENT), "--start", "2027-01-11"],
    "schedule ics": ["schedule", str(INCIDENT), "--start", "2027-01-11", "--format", "ics"],
    "new -o -": ["new", "incident", "-o", "-"],
    "methods": ["methods"],
    "plugins": ["plugins"],
    "plugins --json": ["plugins", "--json"],
}


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _methodengine(*args: str, **kwargs):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "methodengine", *args], env=_environment(), timeout=60, check=False, **kwargs
    )


# ---------------------------------------------------------------- standard output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_standard_output_is_reported_in_one_line_with_exit_2(command):
    with open("/dev/full", "w") as full:
        done = _methodengine(*COMMANDS[command], stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"methodengine: cannot write standard output: {FULL}\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"], ["cards", "--help"]])
def test_help_and_version_to_a_full_standard_output_are_one_line_with_exit_2(args):
    # click writes these while it reads the options, before any command runs
    with open("/dev/full", "w") as full:
        done = _methodengine(*args, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"methodengine: cannot write standard output: {FULL}\n"


def test_a_closed_pipe_is_quiet_even_when_output_is_still_buffered_at_exit(tmp_path):
    # As a plugin's print() would leave it: written, not flushed, when the command ends.
    script = tmp_path / "unflushed.py"
    script.write_text(
        "import sys\n"
        "import methodengine.commands.plugins as commands\n"
        "from methodengine.cli import main\n"
        "commands.methods.callback = lambda **given: sys.stdout.write('buffered\\n')\n"
        "main(['methods'])\n",
        encoding="utf-8",
    )
    started = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment()
    )
    started.stdout.close()  # no reader: the first write to the pipe fails with EPIPE
    _, stderr = started.communicate(timeout=60)
    assert (started.returncode, stderr) == (0, b"")


def test_head_c1_stops_a_long_output_quietly(tmp_path):
    long = tmp_path / "lang.mth"
    # Some 250 kB of cards, far more than a pipe holds, so that writing goes on after `head` has gone.
    phases = "".join(
        f"phase Fase {i} (5 min)\n  speak: everyone\n  do: {'Een lange zin. ' * 150}\n\n" for i in range(90)
    )
    long.write_text(f"recipe: Lang\nduration: 100 h\n\n{phases}", encoding="utf-8")
    command = f"{sys.executable} -m methodengine cards {long} | head -c1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], capture_output=True, env=_environment(), timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"L", b"")


# ---------------------------------------------------------------- files


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a device node")
def test_a_full_device_as_output_file_is_reported_with_its_name(tmp_path):
    full = tmp_path / "full"
    os.mknod(
        full, stat.S_IFCHR | 0o666, os.makedev(1, 7)
    )  # what /dev/full is, made here so that nothing else is at risk
    for args in (["cards", INCIDENT], ["schedule", INCIDENT, "--start", "2027-01-11"], ["new", "incident"]):
        result = run(*args, "-o", full)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"methodengine: cannot write {full}: {FULL}\n"
        assert stat.S_ISCHR(full.stat().st_mode)


def test_a_failed_file_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "kaarten.txt"
    target.write_text("oud\n", encoding="utf-8")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = run("cards", INCIDENT, "-o", target)
    assert result.exit_code == 2
    assert result.stderr == f"methodengine: cannot write {target}: Input/output error\n"
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kaarten.txt"]


# ---------------------------------------------------------------- bounded input


@pytest.mark.parametrize(
    "args",
    [["check"], ["check", "--format", "short"], ["cards"], ["schedule", "--start", "2027-01-11"]],
    ids=["check", "check-short", "cards", "schedule"],
)
def test_a_recipe_larger_than_the_bound_is_refused_with_exit_1(args, tmp_path):
    big = tmp_path / "groot.mth"
    big.write_bytes(INCIDENT.read_bytes() + b"\n" * limits.MAX_RECIPE_BYTES)
    result = run(*args, big)
    assert result.exit_code == 1
    assert f"{big}:1:1: error: the file is larger than 5 MB, the most a recipe may be" in result.output
    if args != ["check", "--format", "short"]:
        assert "hint: a recipe is a short text file" in result.output
    assert "Traceback" not in result.output


def test_dev_zero_is_refused_quickly_after_reading_no_more_than_the_bound():
    import methodengine.language.reading as reading

    read = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        chunk = real_read(fd, size)
        read.append(len(chunk))
        return chunk

    began = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading.os, "read", counting_read)
        result = run("check", "/dev/zero")
    assert time.monotonic() - began < 10
    assert result.exit_code == 1
    assert "error: the file is larger than 5 MB" in result.stdout
    assert sum(read) == limits.MAX_RECIPE_BYTES + 1


def test_a_recipe_on_a_fifo_is_read_and_the_bound_holds_there_too(tmp_path, monkeypatch):
    fifo = tmp_path / "recept"
    os.mkfifo(fifo)

    def write(data: bytes) -> None:
        fd = os.open(fifo, os.O_WRONLY)
        try:
            os.write(fd, data)
        except BrokenPipeError:
            pass  # the reader stopped at the bound
        finally:
            os.close(fd)

    writer = threading.Thread(target=write, args=(INCIDENT.read_bytes(),))
    writer.start()
    result = run("check", fifo)
    writer.join()
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stdout

    monkeypatch.setattr(limits, "MAX_RECIPE_BYTES", 1000)
    writer = threading.Thread(target=write, args=(INCIDENT.read_bytes(),))
    writer.start()
    result = run("check", fifo)
    writer.join()
    assert result.exit_code == 1
    assert "error: the file is larger than" in result.stdout


def test_process_substitution_works():
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m methodengine check <(cat {INCIDENT})"],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no problems" in done.stdout


def test_a_fifo_without_a_writer_is_given_up_after_the_timeout(tmp_path):
    fifo = tmp_path / "niemand"
    os.mkfifo(fifo)
    # A process, so that the old behaviour (blocking for ever in open) fails here instead of hanging the suite.
    script = (
        "import sys\n"
        "from methodengine import limits\n"
        "limits.FIFO_WAIT_SECONDS = 0.5\n"
        "from methodengine.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for command in (["check"], ["cards"], ["schedule", "--start", "2027-01-11"]):
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", script, *command, str(fifo)], capture_output=True, text=True, timeout=30
        )
        assert time.monotonic() - began < 20
        assert done.returncode == 2, done.stderr
        assert f"cannot read {fifo}: no program is writing to this FIFO (waited 0.5 s)" in done.stderr
