"""The Dutch usage guide (docs/nl/gebruik.md) shows commands that work and output they really give.

A trainer copies the page's commands as they stand; a renamed option or a changed message
would send them to an error the page does not mention. So every ``methodengine ...`` line of
the page's ``sh`` blocks is run here, in order, in a folder holding ``recipes/`` and the files
the page tells the reader to make (a line `` `NAME`: `` followed by a block is that file's
text), and must end with 0; ``run`` must get as far as asking for a terminal (exit 2 with
that message), which it only does once the recipe and every option were accepted. A ``text``
block marked ``<!-- uitvoer -->`` is output of the ``sh`` block before it: each of its lines,
other than ``...``, must be a line of what those commands printed. A message the page shows
without a command to copy (a mistake and its answer) is marked ``<!-- uitvoer van: COMMAND
(code N) -->``: that command must end with N and print each of the block's lines.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from _cli import runner

from methodengine.cli import main

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "nl" / "gebruik.md"
_BLOCK = re.compile(r"^(?P<before>.*?)^```(?P<kind>\w*)\n(?P<text>.*?)^```\n", re.S | re.M)
_FILE = re.compile(r"^`([\w.-]+)`:\s*$")
_OUTPUT_OF = re.compile(r"^<!-- uitvoer van: (?P<command>methodengine .*) \(code (?P<code>\d)\) -->$")


def _blocks(text: str) -> list[tuple[str, str, str]]:
    """Each fenced block as (kind, text, the last non-blank line before it)."""
    found = []
    for match in _BLOCK.finditer(text):
        before = [line for line in match["before"].splitlines() if line.strip()]
        found.append((match["kind"], match["text"], before[-1] if before else ""))
    return found


def _commands(block: str) -> list[list[str]]:
    """The ``methodengine`` command lines of a ``sh`` block, as arguments after the program's name."""
    lines = [shlex.split(line, comments=True) for line in block.splitlines()]
    return [words[1:] for words in lines if words and words[0] == "methodengine"]


BLOCKS = _blocks(PAGE.read_text(encoding="utf-8"))


def _run(args: list[str]) -> tuple[int, str]:
    """Exit code and everything printed, standard output and standard error together."""
    result = runner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def test_the_page_shows_each_command_a_trainer_needs():
    commands = [args[0] for kind, text, _ in BLOCKS if kind == "sh" for args in _commands(text)]
    assert {"cards", "schedule", "methods", "new", "check", "run"} <= set(commands)
    assert len(commands) >= 15
    assert sum(1 for kind, _, before in BLOCKS if kind == "text" and before == "<!-- uitvoer -->") >= 8
    assert sum(1 for kind, _, before in BLOCKS if kind == "text" and _OUTPUT_OF.match(before)) >= 3


def test_every_command_of_the_page_works_and_prints_what_the_page_shows(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "recipes", tmp_path / "recipes")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("METHODENGINE_LANG", "nl")
    failures: list[str] = []
    printed = ""
    for kind, text, before in BLOCKS:
        if (named := _FILE.match(before)) is not None:
            (tmp_path / named[1]).write_text(text, encoding="utf-8")
        elif kind == "sh":
            printed = ""
            for args in _commands(text):
                code, output = _run(args)
                printed += output
                wanted = 2 if args[0] == "run" else 0
                if code != wanted or (args[0] == "run" and "terminal" not in output):
                    failures.append(f"methodengine {shlex.join(args)}: exit {code}, wanted {wanted}\n{output}")
        elif kind == "text" and (shown := _OUTPUT_OF.match(before)) is not None:
            args = shlex.split(shown["command"])[1:]
            code, output = _run(args)
            if code != int(shown["code"]):
                failures.append(f"{shown['command']}: exit {code}, wanted {shown['code']}\n{output}")
            lines = {line.rstrip() for line in output.splitlines()}
            if missing := [line for line in text.splitlines() if line.rstrip() not in lines]:
                failures.append("not printed:\n  " + "\n  ".join(missing) + f"\nprinted:\n{output}")
        elif kind == "text" and before == "<!-- uitvoer -->":
            lines = {line.rstrip() for line in printed.splitlines()}
            missing = [line for line in text.splitlines() if line.strip() != "..." and line.rstrip() not in lines]
            if missing:
                failures.append("not printed:\n  " + "\n  ".join(missing) + f"\nprinted:\n{printed}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    ("line", "name"), [("`vrije-dagen.txt`:", "vrije-dagen.txt"), ("Maak `vrije-dagen.txt`:", None)]
)
def test_a_file_to_make_is_named_on_its_own_line(line, name):
    found = _FILE.match(line)
    assert (found[1] if found else None) == name
