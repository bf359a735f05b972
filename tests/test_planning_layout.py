"""The planning stage stands on the model alone: it imports nothing of the outputs, and little at start-up."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(code: str) -> list[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_planning_imports_no_output() -> None:
    loaded = _loaded_after(
        "import methodengine.planning.planner, methodengine.planning.dated_plan, methodengine.planning.plan_data"
    )
    assert "methodengine.planning.meeting_plan" in loaded
    assert [m for m in loaded if m.startswith("methodengine.output")] == []


def test_the_card_kinds_load_without_the_planner() -> None:
    # `cards --help` builds --only from them.
    loaded = _loaded_after("from methodengine.output.cards.constants import KINDS")
    assert "methodengine.planning.card_kinds" in loaded
    assert [
        m for m in loaded if m.startswith("methodengine.planning.") and m != "methodengine.planning.card_kinds"
    ] == []


def test_the_kinds_are_one_tuple() -> None:
    from methodengine.output.cards import constants
    from methodengine.planning import card_kinds, options

    assert constants.KINDS is card_kinds.KINDS and options.CardOptions().only is card_kinds.KINDS
