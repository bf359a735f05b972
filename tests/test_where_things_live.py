"""docs/where-things-live.md names only what exists, so that the page cannot rot as the tree moves.

A contributor follows the page to a file and a name in it; a path that has
moved or a function that was renamed sends them nowhere. So every path the
page names must exist, every ``NAME in `PATH.py` `` must be defined in that
module, and every ``methodengine.NAME`` and ``Recipe.NAME`` must resolve.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest

import methodengine

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "where-things-live.md"
PACKAGE = ROOT / "src" / "methodengine"

_CODE = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"^[\w.-]+(/[\w.-]*)+$|^[\w-]+\.(py|md|lark|po|mth|toml|css)$")
_NAME = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(\(.*\))?$")
_IN_MODULE = re.compile(r"(?P<before>.*?)\b(?:in|from) `(?P<path>[\w/.-]+\.py)`")


def _text() -> str:
    assert PAGE.is_file(), "docs/where-things-live.md is missing"
    return PAGE.read_text(encoding="utf-8")


def _prose(text: str) -> list[tuple[int, str]]:
    """The page's lines outside code blocks, bullets and numbered steps joined into one line each."""
    found: list[tuple[int, str]] = []
    fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        starts = not line.startswith(" ") or not found
        if starts:
            found.append((number, line))
        else:
            found[-1] = (found[-1][0], f"{found[-1][1]} {line.strip()}")
    return found


def _where(path: str, line: str = "") -> Path | None:
    """A path as the page writes it: from the repository's root, inside ``src/methodengine``, or, for a
    bare file name, inside a folder the same line names (``- `language/`: `lexer.py` cuts ...``)."""
    bases = [ROOT, PACKAGE]
    if "/" not in path:
        bases += [base / folder for folder in _CODE.findall(line) if folder.endswith("/") for base in (ROOT, PACKAGE)]
    for base in bases:
        if (base / path).exists():
            return base / path
    return None


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT / "src" if PACKAGE in path.parents else ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _attribute(dotted: str) -> bool:
    """``methodengine.parse``, ``Recipe.walk``, ``recipe.walk`` (an instance of Recipe): does it exist?"""
    head, *rest = dotted.split(".")
    if head == "recipe":
        head = "Recipe"
    if head == "methodengine":
        value: object = methodengine
        while rest and importlib.util.find_spec(f"{value.__name__}.{rest[0]}") is not None:  # type: ignore[attr-defined]
            value = importlib.import_module(f"{value.__name__}.{rest.pop(0)}")  # type: ignore[attr-defined]
    elif head in methodengine.__all__:
        value = getattr(methodengine, head)
    else:
        return True  # not a name this test can look up
    for part in rest:
        if not hasattr(value, part):
            return False
        value = getattr(value, part)
    return True


def test_every_path_the_page_names_exists():
    missing = [
        f"line {number}: `{code}`"
        for number, line in _prose(_text())
        for code in _CODE.findall(line)
        if _PATH.match(code) and not code.startswith(("http", "...")) and _where(code, line) is None
    ]
    assert not missing, "docs/where-things-live.md names paths that do not exist: " + "; ".join(missing)


def test_every_name_said_to_be_in_a_module_is_defined_there():
    problems = []
    for number, line in _prose(_text()):
        for cell in re.split(r" \| |; ", line):
            for match in _IN_MODULE.finditer(cell):
                where = _where(match.group("path"), line)
                if where is None:
                    continue  # the test above reports it
                module = importlib.import_module(_module(where))
                for code in _CODE.findall(match.group("before")):
                    name = _NAME.match(code)
                    if name is None or _PATH.match(code):
                        continue
                    last = name.group("name").rsplit(".", 1)[-1]
                    if not hasattr(module, last):
                        problems.append(f"line {number}: `{last}` is not in {match.group('path')}")
    assert not problems, "docs/where-things-live.md:\n  " + "\n  ".join(problems)


def test_every_api_name_the_page_names_exists():
    gone = [
        f"line {number}: `{code}`"
        for number, line in _prose(_text())
        for code in _CODE.findall(line)
        if (name := _NAME.match(code))
        and "." in name.group("name")
        and not _PATH.match(code)
        and not _attribute(name.group("name"))
    ]
    assert not gone, "docs/where-things-live.md names what the API does not have: " + "; ".join(gone)


@pytest.mark.parametrize(
    ("code", "exists"),
    [
        ("src/methodengine/model.py", True),
        ("language/parsing.py", True),
        ("language/no-such.py", False),
        ("lexer.py", True),
        ("model.py", True),
        ("no-such.py", False),
    ],
)
def test_paths_are_found_from_the_root_the_package_or_a_folder_the_line_names(code, exists):
    line = "- `language/`: `lexer.py` cuts the text"
    assert bool(_PATH.match(code)) and (_where(code, line) is not None) is exists


def test_a_renamed_function_is_caught():
    line = "| 1 | `methodengine.parse(text)` and `no_such_function` in `language/parsing.py` |"
    match = next(_IN_MODULE.finditer(line.split(" | ")[1]))
    module = importlib.import_module(_module(_where(match.group("path"))))  # type: ignore[arg-type]
    names = [_NAME.match(code).group("name").rsplit(".", 1)[-1] for code in _CODE.findall(match.group("before"))]  # type: ignore[union-attr]
    assert [hasattr(module, n) for n in names] == [True, False]
    assert not _attribute("Recipe.no_such_method") and _attribute("recipe.walk")


_CODE_ARGUMENT = re.compile(r"""\bcode=["']([a-z][a-z0-9-]*)["']""")


def test_every_diagnostic_code_is_documented():
    """The page's last step: a code an editor or a test may match on is named, in backticks, in docs/."""
    docs = "\n".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs").glob("*.md"))
    codes: dict[str, str] = {}
    for source in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        for code in _CODE_ARGUMENT.findall(source.read_text(encoding="utf-8")):
            codes.setdefault(code, str(source.relative_to(ROOT)))
    assert "undefined-role" in codes and "duplicate-id" in codes
    missing = [f"`{code}` ({where})" for code, where in sorted(codes.items()) if f"`{code}`" not in docs]
    assert not missing, "diagnostic codes no page in docs/ names: " + ", ".join(missing)
