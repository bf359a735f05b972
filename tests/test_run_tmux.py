"""`methodengine run` in a real terminal, once: tmux gives it one of 80x24, the keys are typed into it.

The headless tests (Textual's pilot) drive the app inside the test process;
this one runs the command as a facilitator does, in a terminal with its own
size, keys and bell, and holds a coaching conversation from its first phase
to its checkpoint and end: the screen it shows, and the log it writes, which
``schedule --log`` then reads. It is skipped, with the reason, where tmux is
not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _cli import base_recipe

from methodengine.run.log import read_log
from methodengine.run.record import PASSED_OVER

ROOT = Path(__file__).resolve().parent.parent
PROGRESS = base_recipe("progressiegericht")
WAIT = 30.0
"""Seconds to wait for a screen, on a slow, shared machine."""
WAIT_END = 90.0
"""Seconds to wait for the command to end: it writes the log whole (each file synced to disk) on a busy disk."""

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux; .ci/run installs it)"
)


class Terminal:
    """A tmux session of its own server (``-L``), 80 columns by 24 lines, running one command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=WAIT)

    def start(self, command: list[str], cwd: Path) -> None:
        """The command in the session's one pane, once the pane has its size; the pane stays when it ends."""
        found = self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "run", "sleep 600")
        assert found.returncode == 0, found.stderr
        self.tmux("set-option", "-t", "run", "remain-on-exit", "on")
        shell = f"cd {shlex.quote(str(cwd))} && exec {shlex.join(command)}"
        found = self.tmux("respawn-pane", "-k", "-t", "run", shell)
        assert found.returncode == 0, found.stderr

    def screen(self) -> str:
        """The pane's text as a person reads it (the app keeps words together with no-break spaces)."""
        return self.tmux("capture-pane", "-p", "-t", "run").stdout.replace("\xa0", " ")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "run", key)
            time.sleep(0.3)  # one key at a time, as a person types: each gets its own screen

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never came on the screen; it shows:\n{self.screen()}")

    def exit_status(self) -> int | None:
        """The command's exit status once it has ended; None while it runs."""
        shown = self.tmux(
            "display-message", "-p", "-t", "run", "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}"
        ).stdout.split()
        if not shown or shown[0] != "1" or len(shown) < 2:
            return None  # running, or ended a moment ago and tmux has not yet said how
        return int(shown[1]) if shown[1].isdigit() else 128 + int(shown[2])

    def dead(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "run", "#{pane_dead}").stdout.strip() == "1"

    def wait_for_end(self) -> int | None:
        """The command's exit status once it has ended; None when it ended and tmux does not say how.

        (tmux 3.3 now and then keeps no status for a pane whose process it saw end.)
        """
        deadline = time.monotonic() + WAIT_END
        dead_since: float | None = None
        while time.monotonic() < deadline:
            status = self.exit_status()
            if status is not None:
                return status
            if self.dead():
                dead_since = dead_since or time.monotonic()
                if time.monotonic() - dead_since > 5:
                    return None
            time.sleep(0.2)
        state = self.tmux("display-message", "-p", "-t", "run", "#{pane_dead} #{pane_dead_status}")
        raise AssertionError(f"the command did not end ({state}); the screen shows:\n{self.screen()}")


def _hold() -> None:
    """Stay in a phase long enough for it to count as held, not passed over (see ``run.record``)."""
    time.sleep(PASSED_OVER + 0.5)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    found = Terminal(f"methodengine-test-{os.getpid()}")
    try:
        yield found
    finally:
        found.tmux("kill-server")  # this test's own server only (-L), whatever state it was left in


def test_a_conversation_is_held_in_a_real_terminal_and_its_log_read_by_schedule(
    terminal: Terminal, tmp_path: Path
) -> None:
    log = tmp_path / "gesprek-1.json"
    command = [sys.executable, "-m", "methodengine", "run", str(PROGRESS), "--meeting", "1", "--lang", "en"]
    command += ["--log", str(log), "--quiet"]
    terminal.start(["env", "LANG=C.UTF-8", "TERM=xterm-256color", *command], tmp_path)

    screen = terminal.wait_for("Not started")
    assert "Phase 1 of 4" in screen and "Wat wil je bereiken?" in screen
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    assert "q end" in screen  # the keys are on the screen

    terminal.keys("Space")
    terminal.wait_for("of 10 min")
    _hold()
    terminal.keys("n")
    terminal.wait_for("Progressie verkennen")
    _hold()
    terminal.keys("Right")
    terminal.wait_for("Volgende stap")
    _hold()
    terminal.keys("n")
    screen = terminal.wait_for("Is een volgend gesprek zinvol?")
    assert "Decisions" in screen
    terminal.keys("1", "2", "2")  # the client: continue; the coach: continue, then stop
    terminal.wait_for("Coach: stop")
    _hold()
    terminal.keys("n")
    terminal.wait_for("The meeting is over")
    terminal.keys("q")
    terminal.wait_for("Enter")
    terminal.keys("Enter")

    assert terminal.wait_for_end() in (0, None)  # None: ended, status unknown; the log below says how it went

    held = read_log(log)
    assert held.meeting == 1 and held.finished
    assert [p.title for p in held.phases] == [
        "Wat wil je bereiken?",
        "Progressie verkennen",
        "Volgende stap",
        "Is een volgend gesprek zinvol?",
    ]
    assert {(d.role, d.decision) for d in held.decisions} == {("coachee", "continue"), ("coach", "stop")}
    assert held.stopped
    assert (tmp_path / "gesprek-1.json.md").read_text(encoding="utf-8").startswith("<!-- methodengine run log")

    day = held.start.date().isoformat()
    schedule = [sys.executable, "-m", "methodengine", "schedule", str(PROGRESS), "--start", day, "--format", "json"]
    plan = subprocess.run(
        [*schedule, "--log", str(log), "--meetings", "3", "--every", "2 weeks"],
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert plan.returncode == 0, plan.stderr
    assert '"stopped": 1' in plan.stdout
