"""Every hook is documented: a docstring in the specification, and a section with an example in the guide.

A hook specification is any function in ``methodengine.hooks.specs`` marked
with its ``hookspec`` marker. Its section in ``docs/plugins.md`` is the one
whose heading names it; the section must hold a code block implementing the
hook (``@hookimpl`` and ``def NAME(``). The guide's Python examples must
compile, and those marked to run (``<!-- file: NAME -->`` before a block saves
it as a file, ``<!-- run -->`` runs it) must run.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pluggy
import pytest

from methodengine.hooks import specs as hookspecs

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "plugins.md"
TROIKA_SRC = ROOT / "examples" / "methodengine-troika" / "src"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)")
_MARK = re.compile(r"^<!--\s*(file:\s*(?P<file>\S+)|(?P<run>run))\s*-->$")


def hookspec_names() -> list[str]:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    return [
        name
        for name, value in vars(hookspecs).items()
        if inspect.isfunction(value) and manager.parse_hookspec_opts(hookspecs, name) is not None
    ]


def blocks(text: str) -> list[dict[str, object]]:
    """Fenced code blocks with their language, the section headings above them, and any run mark."""
    found: list[dict[str, object]] = []
    headings: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        heading = _HEADING.match(line)
        if fence:
            marker, language = fence.group(1), fence.group(2)
            end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith(marker)), None)
            assert end is not None, f"{GUIDE.name}:{i + 1}: a code block is never closed"
            mark = _MARK.match(lines[i - 1].strip()) if i else None
            found.append(
                {
                    "line": i + 1,
                    "language": language,
                    "code": "\n".join(lines[i + 1 : end]) + "\n",
                    "headings": [title for _, title in headings],
                    "file": mark.group("file") if mark else None,
                    "run": bool(mark and mark.group("run")),
                }
            )
            i = end + 1
            continue
        if heading:
            level = len(heading.group(1))
            headings = [(lv, title) for lv, title in headings if lv < level] + [(level, heading.group(2))]
        i += 1
    return found


@pytest.fixture(scope="module")
def guide() -> str:
    assert GUIDE.is_file(), "docs/plugins.md is missing"
    return GUIDE.read_text(encoding="utf-8")


def test_the_hook_specifications_are_found():
    names = hookspec_names()
    assert {"register_methods", "check_recipe", "card_templates", "output_formats", "schedule_formats"} <= set(names)


@pytest.mark.parametrize("name", hookspec_names())
def test_every_hook_has_a_docstring(name):
    doc = inspect.getdoc(getattr(hookspecs, name))
    assert doc and doc.strip(), f"hook `{name}` in methodengine.hooks.specs has no docstring"


@pytest.mark.parametrize("name", hookspecs_names := hookspec_names())
def test_every_hook_has_a_section_with_an_example(guide, name):
    word = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
    headings = [m.group(2) for line in guide.splitlines() if (m := _HEADING.match(line))]
    assert any(word.search(h) for h in headings), f"docs/plugins.md has no section whose heading names `{name}`"
    examples = [
        b
        for b in blocks(guide)
        if any(word.search(h) for h in b["headings"])  # type: ignore[attr-defined]
        and "@hookimpl" in b["code"]  # type: ignore[operator]
        and re.search(rf"\bdef {re.escape(name)}\(", b["code"])  # type: ignore[call-overload]
    ]
    assert examples, f"the section on `{name}` in docs/plugins.md has no code block implementing it (@hookimpl, def)"


def test_the_python_examples_compile(guide):
    python = [b for b in blocks(guide) if b["language"] == "python"]
    assert python
    for block in python:
        try:
            compile(block["code"], f"{GUIDE.name}:{block['line']}", "exec")  # type: ignore[call-overload]
        except SyntaxError as exc:
            pytest.fail(f"docs/plugins.md, the block at line {block['line']}: {exc}")


_RUNNER = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path

    work, troika, blocks = sys.argv[1], sys.argv[2], json.loads(sys.stdin.read())
    os.chdir(work)
    sys.path[:0] = [work, troika]
    for block in blocks:
        if block["file"]:
            target = Path(block["file"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block["code"], encoding="utf-8")
        else:
            print(f"running the example at line {block['line']}", file=sys.stderr)
            exec(compile(block["code"], f"docs/plugins.md:{block['line']}", "exec"), {"__name__": "__example__"})
    """
)


def test_the_marked_examples_run(guide, tmp_path):
    marked = [b for b in blocks(guide) if b["file"] or b["run"]]
    hooks_run = {
        name for name in hookspec_names() for b in marked if b["run"] and any(name in h for h in b["headings"])
    }
    assert hooks_run == set(hookspec_names()), "every hook's section should have an example marked <!-- run -->"
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(tmp_path), str(TROIKA_SRC)],
        input=json.dumps(marked),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
