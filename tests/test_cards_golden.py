"""Golden files: the cards of every bundled recipe, byte for byte, in text, Markdown and HTML.

A change to the cards shows up here as a diff to read. To accept it, rewrite
the files and review them with ``git diff``::

    UPDATE_GOLDEN=1 python -m pytest tests/test_cards_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from methodengine.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "cards"
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
FORMATS = {"text": "txt", "md": "md", "html": "html"}

# Besides the defaults, a few option sets that change what the cards say.
VARIANTS: dict[str, tuple[str, list[str]]] = {
    "incidentmethode--start-group-en": ("incidentmethode", ["--start", "19:30", "--group", "6", "--lang", "en"]),
    "backstagegroep--meeting-2-rounds-2": ("backstagegroep", ["--meeting", "2", "--rounds", "2", "--start", "19:00"]),
    "inspiratiegroep--meeting-5": ("inspiratiegroep", ["--meeting", "5", "--start", "13:00"]),
    "progressiegericht--only-checkpoint-roles": ("progressiegericht", ["--only", "checkpoint,roles", "--lang", "en"]),
    "jobcoaching--a5": ("jobcoaching", ["--paper", "a5", "--start", "9:00"]),
    # Dates, as `schedule --start` gives them: a series with extra meetings, a moved meeting, month ends.
    "jobcoaching--start-date": ("jobcoaching", ["--start-date", "2027-01-11", "--only", "trajectory"]),
    "backstagegroep--meeting-3-start-date-skip-en": (
        "backstagegroep",
        ["--meeting", "3", "--start-date", "2027-01-11", "--skip", "2027-02-08", "--lang", "en"],
    ),
    "inspiratiegroep--meeting-5-start-date": (
        "inspiratiegroep",
        ["--meeting", "5", "--start-date", "2027-01-29", "--start", "13:00", "--only", "overview,phases,trajectory"],
    ),
}

CASES = [(p.stem, p.stem, [], fmt) for p in RECIPES for fmt in FORMATS]
CASES += [(name, recipe, args, fmt) for name, (recipe, args) in VARIANTS.items() for fmt in FORMATS]


def render(recipe: str, args: list[str], fmt: str) -> bytes:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    path = ROOT / "recipes" / f"{recipe}.mth"
    result = runner.invoke(main, ["cards", str(path), "--format", fmt, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.parametrize(("name", "recipe", "args", "fmt"), CASES, ids=[f"{c[0]}.{FORMATS[c[3]]}" for c in CASES])
def test_cards_match_the_golden_file(name, recipe, args, fmt):
    golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
    actual = render(recipe, args, fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
        return
    assert golden.is_file(), f"{golden} is missing; write it with UPDATE_GOLDEN=1"
    expected = golden.read_bytes()
    if actual != expected:
        import difflib

        diff = "\n".join(
            difflib.unified_diff(
                expected.decode("utf-8").splitlines(),
                actual.decode("utf-8").splitlines(),
                f"golden/{golden.name}",
                "now",
                lineterm="",
                n=2,
            )
        )
        pytest.fail(f"the cards changed (UPDATE_GOLDEN=1 accepts the change):\n{diff[:6000]}")


def test_no_golden_file_is_left_over():
    expected = {f"{name}.{FORMATS[fmt]}" for name, _, _, fmt in CASES}
    present = {p.name for p in GOLDEN.glob("*")} if GOLDEN.is_dir() else set()
    assert present - expected == set()
