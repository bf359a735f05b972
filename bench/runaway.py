"""The run-away cases of issue 8, just under and just over each limit: every command's time and peak memory.

Each case is a recipe generated at a limit of ``methodengine.limits`` (accepted) and one past it (refused
with exit 1); every command and format runs on it in a fresh process, and the time and peak RSS of that
process (``os.wait4``'s resource usage of the child, the figure ``getrusage(RUSAGE_CHILDREN)`` keeps) are
printed. An accepted case that takes longer than ``--bound`` seconds, or a refused one that does not exit 1,
is marked and makes the script exit 1.

    python bench/runaway.py [--python .venv/bin/python] [--only NAME] [--no-pdf] [--bound 60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from methodengine import limits  # noqa: E402

CARDS = ("text", "md", "html", "json", "pdf")
SCHEDULE = ("text", "md", "json", "ics")


def _roles(n: int) -> list[str]:
    out = []
    for k in range(n):
        out += [f"role r{k}: Rol {k}", "  count: 1" if k else "  facilitator: yes", ""]
    return out


def deck(over: bool) -> str:
    """The fullest deck: most phases, roles, script lines and cards; over: one phase more."""
    roles = limits.MAX_ROLES
    phases = limits.MAX_PHASES + over
    checkpoints = limits.MAX_CARDS - 1 - limits.MAX_PHASES - roles - 1  # the trajectory card is one more
    lines_each = limits.MAX_SCRIPT_LINES // limits.MAX_PHASES
    out = ["recipe: Vol", f"group: {roles}-{roles + 20}", "", *_roles(roles)]
    for k in range(phases):
        keyword = "checkpoint" if k < checkpoints else "phase"
        out += [f"{keyword} Fase {k} (1 min)", "  lead: r0", f"  speak: r{k % roles}", "  listen: everyone"]
        if keyword == "checkpoint":
            out.append("  decide: r0")
        out += [f"  say: Zin {j} van fase {k}, met wat woorden om de regel te vullen." for j in range(lines_each)]
    out += ["", "trajectory", f"  meetings: {limits.MAX_ROWS // limits.MAX_PHASES}", "  every: 1 week"]
    return "\n".join(out) + "\n"


def same_id(over: bool) -> str:
    """Every phase with one id: a diagnostic per phase."""
    out = ["recipe: Een id", "", *_roles(1)]
    for k in range(limits.MAX_PHASES + over):
        out += [f"phase Fase {k} (1 min)", "  id: een", "  lead: r0"]
    return "\n".join(out) + "\n"


def events(over: bool) -> str:
    """The most calendar events: a full series and extra meetings whose counts fill the rest."""
    extra = limits.MAX_EVENTS - limits.MAX_MEETINGS + over
    per = limits.MAX_MEETINGS
    out = ["recipe: Extra", "", "phase Open (10 min)", "", "trajectory", f"  meetings: {limits.MAX_MEETINGS}"]
    out.append("  every: 1 week")
    k = 0
    while extra > 0:
        count = min(per, extra)
        out += [f"  meeting m{k}: Extra {k} (1 h)", "    at: 1 day after meeting 1", f"    count: {count}"]
        out.append("    every: 1 day")
        extra -= count
        k += 1
    return "\n".join(out) + "\n"


def rows(over: bool) -> str:
    """The most planned rows: rounds blocks in every meeting of a full series."""
    meetings = limits.MAX_MEETINGS
    blocks = limits.MAX_ROWS // (meetings * limits.MAX_ROUNDS // 10)
    out = ["recipe: Rondes", "", *_roles(1)]
    for k in range(blocks):
        out += [f"rounds {limits.MAX_ROUNDS // 10}: Ronde {k}", f"  phase R{k} (1 min)", "    lead: r0"]
    if over:
        out += ["phase Een te veel (1 min)", "  lead: r0"]
    out += ["", "trajectory", f"  meetings: {meetings}", "  every: 1 week"]
    return "\n".join(out) + "\n"


def blank(over: bool) -> str:
    """A recipe of blank lines up to the input bound; over: one byte past it."""
    head = "recipe: Leeg\n"
    return head + "\n" * (limits.MAX_RECIPE_BYTES - len(head) + over)


def comments(over: bool) -> str:
    head = "recipe: Commentaar\n"
    body = "# c\n" * ((limits.MAX_RECIPE_BYTES - len(head)) // 4)
    return head + body + ("#" * 5 if over else "")


CASES: dict[str, tuple[Callable[[bool], str], bool]] = {
    # name: (generator, has a trajectory)
    "deck": (deck, True),
    "same-id": (same_id, False),
    "events": (events, True),
    "rows": (rows, True),
    "blank-lines": (blank, False),
    "comments": (comments, False),
}


def _commands(path: Path, out: Path, trajectory: bool, pdf: bool) -> list[list[str]]:
    found = [["check", str(path)]]
    for fmt in CARDS:
        if fmt == "pdf" and not pdf:
            continue
        target = ["-o", str(out / "cards.pdf")] if fmt == "pdf" else []
        found.append(["cards", str(path), "-f", fmt, *target])
    if trajectory:
        found += [["schedule", str(path), "--start", "2027-01-04", "--at", "19:00", "--format", f] for f in SCHEDULE]
    return found


def _run(methodengine: str, args: list[str]) -> tuple[int, float, float]:
    """Exit code, seconds and peak RSS in MB of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([methodengine, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter whose methodengine to run")
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out `cards -f pdf`")
    parser.add_argument("--bound", type=float, default=60.0, help="seconds an accepted case may take")
    args = parser.parse_args()
    methodengine = str(Path(args.python).parent / "methodengine")
    failed = False
    with tempfile.TemporaryDirectory(prefix="methodengine-runaway-") as tmp:
        out = Path(tmp)
        print(f"{'case':<12} {'side':<6} {'kB':>6}  {'command':<44} {'exit':>4} {'s':>7} {'MB':>7}")
        for name in args.only or CASES:
            make, trajectory = CASES[name]
            for over in (False, True):
                path = out / f"{name}-{'over' if over else 'under'}.mth"
                path.write_text(make(over), encoding="utf-8")
                size = path.stat().st_size // 1024
                for command in _commands(path, out, trajectory, not args.no_pdf):
                    code, seconds, mb = _run(methodengine, command)
                    shown = " ".join(c for c in command if c != str(path) and not c.startswith(tmp))
                    bad = (code != 1) if over else (code not in (0, 1) or seconds > args.bound)
                    failed |= bad
                    mark = "  <-- unexpected" if bad else ""
                    side = "over" if over else "under"
                    print(f"{name:<12} {side:<6} {size:>6}  {shown:<44} {code:>4} {seconds:>7.2f} {mb:>7.0f}{mark}")
                    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
