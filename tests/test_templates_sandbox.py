"""User templates: read only from real files inside their folder, and bounded in work.

Each case runs the real command in a subprocess, with a timeout, so that a
template that is not stopped fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _cli import base_recipe

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
SECRET = "the secret outside the templates folder"


def cards(templates: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "methodengine", "cards", str(INCIDENT), "--templates", str(templates), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "METHODENGINE_LOAD_PLUGINS": ""},
    )
    return result, time.monotonic() - start


def card_template(tmp_path: Path, text: str) -> Path:
    templates = tmp_path / "templates"
    (templates / "text").mkdir(parents=True)
    (templates / "text" / "card.txt").write_text(text, encoding="utf-8")
    return templates


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "pw.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- real files only


def test_an_included_symlink_to_a_file_outside_is_refused(tmp_path, secret):
    templates = card_template(tmp_path, '{% include "text/pw.txt" %}\n')
    (templates / "text" / "pw.txt").symlink_to(secret)
    result, _ = cards(templates)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "template error" in result.stderr and "text/pw.txt" in result.stderr
    assert "symbolic link" in result.stderr and "card.txt:1" in result.stderr


def test_a_symlinked_subdirectory_is_refused(tmp_path, secret):
    templates = card_template(tmp_path, '{% include "sub/pw.txt" %}\n')
    (templates / "sub").symlink_to(secret.parent, target_is_directory=True)
    result, _ = cards(templates)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "template refused: sub/pw.txt: sub is a symbolic link" in result.stderr


def test_a_symlink_named_like_a_built_in_template_is_refused_not_skipped(tmp_path, secret):
    templates = tmp_path / "templates"
    (templates / "text").mkdir(parents=True)
    (templates / "text" / "card.txt").symlink_to(secret)
    result, _ = cards(templates)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "text/card.txt" in result.stderr


@pytest.mark.parametrize("name", ["../outside/pw.txt", "text/../../outside/pw.txt", "/etc/passwd"])
def test_dotdot_and_absolute_names_are_refused(tmp_path, secret, name):
    templates = card_template(tmp_path, '{% include "' + name + '" %}\n')
    result, _ = cards(templates)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr and "root:" not in result.stdout
    assert "template error" in result.stderr and name in result.stderr


def test_real_files_in_subfolders_still_load(tmp_path):
    templates = card_template(tmp_path, '{% include "parts/title.txt" %}\n')
    (templates / "parts").mkdir()
    (templates / "parts" / "title.txt").write_text("T: {{ card.title }}\n", encoding="utf-8")
    result, _ = cards(templates)
    assert result.returncode == 0, result.stderr
    assert "T: Informatieronde\n" in result.stdout


def test_a_symlinked_templates_folder_itself_is_fine(tmp_path):
    templates = card_template(tmp_path, "C: {{ card.title }}\n")
    link = tmp_path / "link"
    link.symlink_to(templates, target_is_directory=True)
    result, _ = cards(link)
    assert result.returncode == 0, result.stderr
    assert "C: Informatieronde\n" in result.stdout


# ---------------------------------------------------------------- bounded work


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "range() of 100,000"),
        ("{{ 9 ** (9**9) }}", "bits"),
        ("{{ 'x' * 10**9 }}", "repetition of 1,000,000,000"),
        ("{{ [1] * 10**9 }}", "repetition"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "made by ~; at most 1,000,000",
        ),
        ("{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}", "output is over 5,000,000"),
        ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "longer than 5 seconds"),
    ],
    ids=["nested-range", "power", "string-repeat", "list-repeat", "concat-doubling", "output", "slow-loops"],
)
def test_a_template_asking_for_too_much_is_stopped_with_its_file_and_line(tmp_path, source, message):
    templates = card_template(tmp_path, "{{ card.title }}\n" + source + "\n")
    result, seconds = cards(templates)
    assert result.returncode == 1, result.stderr
    assert seconds < 10
    assert ": error: template error: " in result.stderr
    # The output bound is counted where output leaves the entry template, which includes each card.
    where = "text/cards.txt:" if "output" in message else "text/card.txt:2:1: error: "
    assert where in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_work_within_the_limits_renders(tmp_path):
    source = "{{ card.title }} {{ 2 ** 100 }} {{ range(10000)|length }} {{ ('ab' * 3) + 'c' }}\n"
    result, _ = cards(card_template(tmp_path, source))
    assert result.returncode == 0, result.stderr
    assert "Informatieronde 1267650600228229401496703205376 10000 abababc\n" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_built_in_templates_render_the_same_in_the_bounded_sandbox(tmp_path, fmt):
    (tmp_path / "empty").mkdir()
    plain = subprocess.run(
        [sys.executable, "-m", "methodengine", "cards", str(INCIDENT), "-f", fmt],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "METHODENGINE_LOAD_PLUGINS": ""},
    )
    sandboxed, _ = cards(tmp_path / "empty", "-f", fmt)
    assert sandboxed.returncode == plain.returncode == 0, sandboxed.stderr
    assert sandboxed.stdout == plain.stdout


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'x'|center(10**9) }}", "center() given 1,000,000,000"),
        ("{{ '%1000000000s'|format('x') }}", "a format with a width"),
        ("{{ '%*s'|format(10**9, 'x') }}", "a format with a width"),
        ("{{ '%1000000000s' % 'x' }}", "a format with a width"),
        ("{{ '{:>1000000000}'.format('x') }}", "a format with a width"),
        ("{{ 'x'.ljust(10**9) }}", "ljust() given 1,000,000,000"),
        ("{{ ('x' * 1000)|replace('x', 'y' * 100000) }}", "replace() making 100,000,000"),
        ("{{ ('x' * 1000).replace('x', 'y' * 100000) }}", "replace() making 100,000,000"),
        ("{{ range(10000)|join('y' * 100000) }}", "join() making over 1,000,000,000"),
        ("{{ ('y' * 100000).join(range(10000)|map('string')|list) }}", "join() making over 1,000,000,000"),
        ("{{ ('a\\n' * 1000)|indent('y' * 100000) }}", "repetition of 100,100,000"),
    ],
    ids=["center", "printf-width", "printf-star", "percent", "str-format", "ljust", "replace-filter",
         "replace-method", "join-filter", "join-method", "indent"],
)  # fmt: skip
def test_a_filter_or_method_asked_for_a_huge_string_is_stopped_before_it_builds_it(tmp_path, source, message):
    templates = card_template(tmp_path, "{{ card.title }}\n" + source + "\n")
    result, seconds = cards(templates)
    assert result.returncode == 1, result.stderr
    assert seconds < 10
    assert "text/card.txt:2:1: error: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_filters_and_methods_within_the_limits_still_work(tmp_path):
    source = (
        "{{ 'ab'|center(6) }}|{{ '%5s'|format('x') }}|{{ '%-3s|' % 'y' }}{{ 'x'.ljust(3) }}|"
        "{{ 'aaa'|replace('a', 'bc') }}|{{ [1, 2]|join('-') }}|{{ '{:>4}'.format('z') }}"
    )
    templates = card_template(tmp_path, "{{ card.title }}\n" + source + "\n")
    result, _ = cards(templates)
    assert result.returncode == 0, result.stderr
    assert "  ab  |    x|y  |x  |bcbcbc|1-2|   z" in result.stdout
