"""Output files: `-o` never destroys the recipe, a device or a link, and keeps what a file was.

Device nodes and links are made in the test's own folder (as root, with mknod)
rather than using /dev/null or /dev/stdout themselves: a regression here would
replace the machine's own.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from _cli import base_recipe, run

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (mknod, chown)")


def cards(target: str | Path, recipe: Path = INCIDENT):  # type: ignore[no-untyped-def]
    return run("cards", recipe, "--only", "overview", "-o", target)


def schedule(target: str | Path, recipe: Path = INCIDENT):  # type: ignore[no-untyped-def]
    return run("schedule", recipe, "--start", "2027-01-11", "-o", target)


WRITERS = {"cards": cards, "schedule": schedule}


@pytest.fixture
def recipe(tmp_path: Path) -> Path:
    path = tmp_path / "r.mth"
    path.write_bytes(INCIDENT.read_bytes())
    return path


def _null_device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("cannot make a device node here")
    return path


# ---------------------------------------------------------------- never the recipe being read


@pytest.mark.parametrize("command", sorted(WRITERS))
@pytest.mark.parametrize("spelling", ["relative", "dot-slash", "absolute", "symlink", "hard link"])
def test_the_recipe_being_read_is_never_the_output(command, spelling, recipe, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target: str | Path = {"relative": "r.mth", "dot-slash": "./r.mth", "absolute": recipe}.get(spelling, "")
    if spelling == "symlink":
        (tmp_path / "link.mth").symlink_to("r.mth")
        target = "link.mth"
    elif spelling == "hard link":
        os.link(recipe, tmp_path / "hard.mth")
        target = "hard.mth"
    result = WRITERS[command](target, Path("r.mth"))
    assert result.exit_code == 2, result.output
    assert "is the recipe being read; choose another output file" in result.stderr
    assert recipe.read_bytes() == INCIDENT.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- devices, FIFOs, sockets, /proc links


@ROOT_ONLY
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_device_is_written_to_and_stays_a_device(command, tmp_path):
    node = _null_device(tmp_path / "null")
    (tmp_path / "to-null").symlink_to("null")
    for target in (node, tmp_path / "to-null"):
        result = WRITERS[command](target)
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(node.stat().st_mode)
    assert (tmp_path / "to-null").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "to-null"]


@ROOT_ONLY
def test_new_writes_to_a_device_without_force_and_keeps_it(tmp_path):
    node = _null_device(tmp_path / "null")
    result = run("new", "incident", "-o", node)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(node.stat().st_mode)


def _read_fifo(path: Path, received: list[bytes]) -> None:
    """Read a FIFO until its writer closes it, for at most 20 s; never hangs, whatever the code under test does."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            if chunk:
                received.append(chunk)
            elif received:
                return
            else:
                time.sleep(0.01)  # no writer yet
    finally:
        os.close(fd)


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_fifo_with_a_reader_receives_the_output_and_stays_a_fifo(command, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received))
    reader.start()
    result = WRITERS[command](fifo)
    reader.join()
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    on_stdout = WRITERS[command]("-")
    assert b"".join(received) == on_stdout.stdout_bytes != b""


def test_a_fifo_without_a_reader_is_given_up_not_replaced(tmp_path, monkeypatch):
    from methodengine import limits

    monkeypatch.setattr(limits, "FIFO_WAIT_SECONDS", 0.3)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    began = time.monotonic()
    result = cards(fifo)
    assert time.monotonic() - began < 10
    assert result.exit_code == 2
    assert f"methodengine: cannot write {fifo}: no program is reading from this FIFO (waited 0.3 s)" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_socket_is_sent_the_output_and_stays_a_socket(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative name: socket paths are short
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("out.sock")
        server.listen(1)
        server.settimeout(20)

        def accept() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(65536):
                    received.append(chunk)

        thread = threading.Thread(target=accept)
        thread.start()
        result = cards("out.sock")
        thread.join()
    assert result.exit_code == 0, result.output
    assert b"".join(received).startswith(b"Incidentmethode\n")
    assert stat.S_ISSOCK(os.stat("out.sock").st_mode)


def test_proc_self_fd_1_writes_to_standard_output_itself(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "methodengine", "cards", INCIDENT, "--only", "overview", "-o", "/proc/self/fd/1"],
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"Incidentmethode\n")


def test_a_dev_stdout_link_on_a_file_opened_for_appending_appends(tmp_path):
    # A link of our own, as /dev/stdout is: should this regress, the test's link is replaced, not the machine's.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    with log.open("ab") as appending:
        done = subprocess.run(
            [sys.executable, "-m", "methodengine", "cards", INCIDENT, "--only", "overview", "-o", stdout],
            stdout=appending,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert log.read_bytes().startswith(b"before\nIncidentmethode\n")
    assert stdout.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt", "stdout"]


# ---------------------------------------------------------------- symlinks, modes, owners, hard links


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_symlink_to_a_file_writes_the_file_and_stays_a_symlink(command, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("oud\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    result = WRITERS[command](link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8").startswith("Incidentmethode")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_existing_file_keeps_its_mode(command, tmp_path):
    target = tmp_path / "privé.txt"
    target.write_text("oud\n", encoding="utf-8")
    target.chmod(0o600)
    assert WRITERS[command](target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("Incidentmethode")


@ROOT_ONLY
def test_an_existing_file_keeps_its_owner(tmp_path):
    target = tmp_path / "van-een-ander.txt"
    target.write_text("oud\n", encoding="utf-8")
    os.chown(target, 4321, 4322)
    assert cards(target).exit_code == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4322)
    assert target.read_text(encoding="utf-8").startswith("Incidentmethode")


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_file_with_hard_links_is_rewritten_in_place_so_every_name_sees_it(command, tmp_path):
    target = tmp_path / "kaarten.txt"
    target.write_text("oud\n" * 10000, encoding="utf-8")  # longer than the output: the rest must go
    other = tmp_path / "ook-kaarten.txt"
    os.link(target, other)
    inode = target.stat().st_ino
    result = WRITERS[command](target)
    assert result.exit_code == 0, result.output
    assert target.stat().st_ino == inode and target.stat().st_nlink == 2
    assert other.read_bytes() == target.read_bytes()
    assert target.read_text(encoding="utf-8").startswith("Incidentmethode")
    assert "oud" not in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaarten.txt", "ook-kaarten.txt"]


# ---------------------------------------------------------------- read-only files, empty names


@pytest.mark.parametrize(
    "args",
    [
        ["cards", INCIDENT],
        ["schedule", INCIDENT, "--start", "2027-01-11"],
        ["new", "incident", "--force"],
    ],
    ids=["cards", "schedule", "new"],
)
def test_a_read_only_file_is_refused_alike_by_every_command(args, tmp_path):
    target = tmp_path / "alleen-lezen.txt"
    target.write_text("bewaren\n", encoding="utf-8")
    target.chmod(0o444)  # root may write it anyway: the mode bits still say read-only
    result = run(*args, "-o", target)
    assert result.exit_code == 2, result.output
    assert f"{target} is read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "bewaren\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_new_with_an_empty_output_name_says_it_needs_one(force, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "incident", "-o", "", *force)
    assert result.exit_code == 2
    assert "-o needs a file name" in result.stderr
    assert "busy" not in result.stderr and "exists" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_cards_and_schedule_with_an_empty_output_name_say_they_need_one(command, tmp_path):
    result = WRITERS[command]("")
    assert result.exit_code == 2
    assert "-o needs a file name" in result.stderr


# ---------------------------------------------------------------- temporary files


def test_a_write_killed_half_way_leaves_a_named_temp_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "kaarten.txt"
    # kill -9 at the worst moment: the temporary file is written, not yet renamed.
    script = (
        "import os, signal, sys\n"
        "rename = os.replace\n"
        "def replace(source, *args, **kwargs):\n"
        "    if '.methodengine-' in os.fspath(source):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return rename(source, *args, **kwargs)\n"
        "os.replace = replace\n"
        "from methodengine.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    killed = subprocess.Popen([sys.executable, "-c", script, "cards", str(INCIDENT), "-o", str(target)])
    assert killed.wait(timeout=60) == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir()]
    assert left == [f".kaarten.txt.methodengine-{killed.pid}.tmp"]

    assert cards(target).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["kaarten.txt"]


def test_a_temp_file_of_a_live_run_is_kept_unless_older_than_an_hour(tmp_path):
    live = os.getppid()  # a process that is certainly running
    fresh = tmp_path / f".plan.ics.methodengine-{live}.tmp"
    old = tmp_path / f".kaarten.md.methodengine-{live}.tmp"
    someone_elses = tmp_path / ".notes.txt.12345.tmp"  # not this tool's: never touched
    for path in (fresh, old, someone_elses):
        path.write_text("half\n", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(someone_elses, (two_hours_ago, two_hours_ago))
    assert cards(tmp_path / "kaarten.txt").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, someone_elses.name, "kaarten.txt"])
