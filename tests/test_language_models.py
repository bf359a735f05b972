"""Every recipe the project ships parses to the model it parsed to before the parser was rewritten.

``tests/spec/models.json`` holds, for each recipe under ``recipes/``, ``plugins/``,
``tests/spec/`` and ``examples/`` and each ``mth`` example in the docs, a digest of
the model (every attribute, positions included) that the token-level lark parser
built, or the first error it reported. The line-level parser must build the same.
When the model itself gains an attribute, regenerate the file with
``python tests/test_language_models.py > tests/spec/models.json`` and check the diff
holds only the new attribute's doing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import attrs
import pytest

from methodengine import RecipeError, parse
from methodengine.model import Recipe

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "spec" / "models.json"


def sources() -> dict[str, str]:
    """Every shipped recipe and docs example, by a name that says where it is."""
    found: dict[str, str] = {}
    for pattern in ("recipes/**/*.mth", "plugins/**/*.mth", "tests/spec/**/*.mth", "examples/**/*.mth"):
        for path in sorted(ROOT.glob(pattern)):
            found[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        examples = re.findall(r"```mth\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        for number, text in enumerate(examples, start=1):
            found[f"{doc.relative_to(ROOT).as_posix()}#{number}"] = text
    return found


def digest(recipe: Recipe) -> str:
    return hashlib.sha256(repr(attrs.asdict(recipe, recurse=True)).encode("utf-8")).hexdigest()[:16]


def outcome(name: str, text: str) -> str:
    try:
        return digest(parse(text, name))
    except RecipeError as exc:
        position = exc.diagnostic.position
        assert position is not None
        return f"error {position.line}:{position.column} {exc.diagnostic.message}"


SOURCES = sources()


def test_the_expectations_cover_what_the_project_ships() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert len(SOURCES) >= 30
    missing = sorted(set(SOURCES) - set(expected))
    assert not missing, f"new recipes or examples without an expectation: {missing}; see this module's docstring"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_shipped_recipe_parses_to_the_same_model(name: str) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    if name not in expected:
        pytest.skip("no expectation yet")
    assert outcome(name, SOURCES[name]) == expected[name]


if __name__ == "__main__":
    json.dump({name: outcome(name, text) for name, text in SOURCES.items()}, sys.stdout, indent=1, sort_keys=True)
    print()
