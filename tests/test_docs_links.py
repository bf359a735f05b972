"""Every page of the documentation names only what exists: modules, repository paths, links and their anchors.

The tree was reorganised into one package per stage; a page that still says
``methodengine.cards.plan`` or ``src/methodengine/cards/templates/`` sends a
reader to nothing. This test reads every Markdown page (``README.md``,
``docs/``, ``bench/``, ``examples/``) and fails naming each ``methodengine.X``
that does not import or resolve, each repository path (``src/...``,
``plugins/...``, ``tests/...``) that does not exist, and each relative link
whose file or ``#anchor`` is missing.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    {
        ROOT / "README.md",
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("docs/nl/*.md"),
        *ROOT.glob("bench/*.md"),
        *ROOT.glob("examples/*/README.md"),
    }
)

_DOTTED = re.compile(r"(?<![\w./-])methodengine(?:\.[A-Za-z_]\w*)+(?![\w-]*\.(?:json|py|mth|toml)\b)")
_REPO_PATH = re.compile(r"`((?:src|plugins|tests|bench|docs|examples|\.ci)/[^`\s]*)`")
_LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _generated() -> tuple[str, ...]:
    """Folders ``.gitignore`` names by path (``bench/out/``): made by a run, so absent from a clean checkout."""
    ignore = ROOT / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    return tuple(line.strip() for line in lines if line.strip().endswith("/") and "/" in line.strip()[:-1])


def _resolves(dotted: str) -> bool:
    """A module, or an attribute of the longest module prefix (``methodengine.output.cards.layout.Style``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            value: object = importlib.import_module(name)
            for attr in parts[cut:]:
                if not hasattr(value, attr):
                    return False
                value = getattr(value, attr)
            return True
    return False


def _slug(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"`|\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", title).lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    fence = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fence = not fence
        elif not fence and (heading := _HEADING.match(line)):
            slug = _slug(heading.group(1))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def _lines(page: Path) -> list[tuple[int, str]]:
    """The page's lines; code blocks included, since examples name modules and paths too."""
    return list(enumerate(page.read_text(encoding="utf-8").splitlines(), 1))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_name_resolves(page):
    gone = sorted(
        {
            f"{page.name}:{n}: {name}"
            for n, line in _lines(page)
            for name in _DOTTED.findall(line)
            if not _resolves(name)
        }
    )
    assert not gone, "names that no longer exist:\n  " + "\n  ".join(gone)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_path_exists(page):
    gone = sorted(
        {
            f"{page.name}:{n}: {path}"
            for n, line in _lines(page)
            for path in _REPO_PATH.findall(line)
            if not any(ROOT.glob(path.rstrip("/")))
            and not (page.parent / path).exists()
            and not path.startswith(_generated())
        }
    )
    assert not gone, "paths that do not exist:\n  " + "\n  ".join(gone)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_anchor_exists(page):
    broken = []
    for n, line in _lines(page):
        for target in _LINK.findall(line):
            if re.match(r"^[a-z]+:", target):
                continue  # https:, mailto:
            file, _, anchor = target.partition("#")
            linked = (page.parent / file).resolve() if file else page
            if not linked.exists():
                broken.append(f"{page.name}:{n}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                broken.append(f"{page.name}:{n}: {target} (no such heading)")
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


def test_the_checks_of_this_test_can_fail():
    assert _resolves("methodengine.output.cards.layout") and not _resolves("methodengine.cards.plan")
    assert _slug("Isolation: broken plugins, conflicts, METHODENGINE_LOAD_PLUGINS") == (
        "isolation-broken-plugins-conflicts-methodengine_load_plugins"
    )
    assert _slug("Extension keys `x-...`") == "extension-keys-x-"
    assert _DOTTED.findall("`entry-points-methodengine.json` and methodengine.parse") == ["methodengine.parse"]
    assert "bench/out/" in _generated()
