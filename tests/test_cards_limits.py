"""Cards under strain: very long text, templates that fail or reach out, odd locales and outputs, huge counts.

And the names the command shares with the cards package, each defined once.
"""

from __future__ import annotations

import http.server
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from _cli import base_recipe, run

from methodengine.output.cards import layout

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
BACKSTAGE = base_recipe("backstagegroep")
PROGRESS = base_recipe("progressiegericht")


def with_summary(tmp_path: Path, summary: str) -> Path:
    """The progress recipe with ``summary`` in place of its own: the overview card shows it as a paragraph."""
    text = PROGRESS.read_text(encoding="utf-8")
    start = text.index("samenvatting:")  # the bundled recipes are in Dutch keywords
    end = text.index("bron:")
    path = tmp_path / "lang.mth"
    path.write_text(text[:start] + f"samenvatting: {summary}\n" + text[end:], encoding="utf-8")
    return path


def long_paragraph(size: int) -> str:
    rnd = random.Random(7)
    words: list[str] = []
    total = 0
    while total < size:
        word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(1, 12)))
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


# ---------------------------------------------------------------- layout takes linear time


def _reference_wrap(text: str, width: float, size: float = 1.0, bold: bool = False, spacing: float = 0.0) -> list[str]:
    """How the pager wrapped text before it was made linear: re-measuring every trial line and every prefix."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if layout.text_width(trial, size, bold, spacing) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while layout.text_width(word, size, bold, spacing) > width and len(word) > 1:
                cut = next(
                    (n for n in range(len(word), 0, -1) if layout.text_width(word[:n], size, bold, spacing) <= width),
                    1,
                )
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def test_wrap_breaks_lines_as_it_did_before_it_was_made_linear():
    rnd = random.Random(2024)
    alphabet = (
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-\u2013\u2014…éëïöü\u4e00\u0301/W@"
    )
    for _ in range(1500):
        chars = [
            rnd.choice(alphabet) if rnd.random() < 0.85 else rnd.choice("   WWW\n\t")
            for _ in range(rnd.choice((0, 1, 5, 30, 100)))
        ]
        text = "".join(chars) + (" " + "x" * rnd.randint(1, 100) if rnd.random() < 0.2 else "")
        width = rnd.choice((0.0, 0.3, 1, 2.5, 7.3, 17.77, 25, 80)) * rnd.choice((1, 1.01, 0.97))
        args = (width, rnd.choice((1.0, 0.72, 1.45)), rnd.random() < 0.5, rnd.choice((0.0, 0.04, 0.06)))
        expected = _reference_wrap(text, *args)
        assert layout.wrap(text, *args) == expected
        # With a limit, wrapping may stop early: the lines so far are the first of the whole.
        limit = rnd.randint(0, 8)
        first = layout.wrap(text, *args, limit=limit)
        assert first == expected[: len(first)]
        assert len(first) == len(expected) or len(first) > limit


def _timed(what, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = what(*args, **kwargs)
    return result, time.perf_counter() - start


def test_a_word_of_20000_characters_wraps_in_linear_time():
    word = "https://example.com/" + "a" * 20_000
    lines, seconds = _timed(layout.wrap, word, 20.0)
    assert "".join(lines) == word
    assert all(layout.text_width(line) <= 20.0 for line in lines)
    assert seconds < 5, seconds  # about 0.01 s; it took minutes when every prefix was measured


def test_a_paragraph_of_200_kb_is_set_on_cards_in_linear_time():
    text = long_paragraph(200_000)
    card = {"title": "Lang", "time": [], "sub": [], "foot": ["Einde"], "entries": [{"type": "para", "text": text}]}
    cards, seconds = _timed(layout.paginate, [card], "a6", "Verder op de volgende kaart")
    assert seconds < 5, seconds  # about 0.5 s; it took 20 s when every card re-measured all the rest
    assert len(cards) > 50
    assert [c["part"] for c in cards] == list(range(1, len(cards) + 1))
    pieces = [c["entries"][0]["text"] for c in cards if c["entries"]]
    assert pieces[0].endswith(" …") and pieces[-1].startswith("… ")
    words = " ".join(p.removeprefix("… ").removesuffix(" …") for p in pieces).split()
    assert words == text.split()  # every word once, in order


@pytest.mark.parametrize(
    ("summary", "bound"),
    [("Zie https://example.com/" + "a" * 20_000, 5), (long_paragraph(200_000), 10)],
    ids=["url-20000", "paragraph-200kb"],
)
def test_html_cards_of_very_long_text_are_made_quickly(tmp_path, summary, bound):
    recipe = with_summary(tmp_path, summary)
    result, seconds = _timed(run, "cards", recipe, "--format", "html", "--only", "overview")
    assert result.exit_code == 0, result.output
    assert seconds < bound, seconds
    assert result.stdout.count('<section class="card ') > 1  # continued on cards of its own


def test_a_card_without_entries_whose_head_alone_is_too_tall_is_one_card():
    card = {"title": "Titel " * 3000, "time": [], "sub": [], "foot": [], "entries": []}
    cards = layout.paginate([card], "a6", "Verder")
    assert len(cards) == 1 and cards[0]["entries"] == []


# ---------------------------------------------------------------- templates that fail


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "range() of 1,000,000,000 items; at most 10,000"),
        ('{% include "html/card.html" %}', "RecursionError"),
        ("{{ card.no_such_thing }}", "no_such_thing"),
        ('{% include "geen.html" %}', "template not found: geen.html"),
    ],
    ids=["zero-division", "huge-range", "self-include", "undefined", "missing-include"],
)
def test_a_template_of_yours_that_fails_names_its_file_and_line_and_exits_1(tmp_path, body, error):
    card = tmp_path / "html" / "card.html"
    card.parent.mkdir()
    card.write_text(f"<p>{{{{ card.title }}}}</p>\n{body}\n", encoding="utf-8")
    result = run("cards", INCIDENT, "--format", "html", "--templates", tmp_path)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "internal error" not in result.stderr
    assert ": error: template error: " in result.stderr
    assert f"{card}:2:1: error: template error: " in result.stderr
    assert error in result.stderr


def test_a_template_of_yours_that_fails_is_said_in_the_readers_language(tmp_path):
    """The limit's numbers are written as the Dutch reader writes them; the place stays as editors parse it."""
    card = tmp_path / "html" / "card.html"
    card.parent.mkdir()
    card.write_text("<p>{{ card.title }}</p>\n{% for i in range(10**9) %}{{ i }}{% endfor %}\n", encoding="utf-8")
    result = run("--lang", "nl", "cards", INCIDENT, "--format", "html", "--templates", tmp_path)
    assert result.exit_code == 1, result.output
    assert f"{card}:2:1: error: fout in een sjabloon: range() van 1.000.000.000 elementen; hooguit 10.000" in (
        result.stderr
    )


def test_a_template_name_refused_is_said_in_the_readers_language(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "cards.html").symlink_to("/etc/passwd")
    result = run("--lang", "nl", "cards", INCIDENT, "--format", "html", "--templates", tmp_path)
    assert result.exit_code == 1, result.output
    assert (
        "fout in een sjabloon: sjabloon geweigerd: html/cards.html: html/cards.html is een symbolische koppeling"
        in (result.stderr)
    )


# ---------------------------------------------------------------- PDF reads no URL


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback():  # type: ignore[no-untyped-def]
    """A web server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    server.timeout = 0.2
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


PIXEL = "data:image/png;base64," + (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_pdf_of_your_templates_fetches_no_file_and_no_url(tmp_path, monkeypatch, loopback):
    pytest.importorskip("weasyprint")
    from methodengine.output.cards import url_safety

    base, requests = loopback
    checked: list[str] = []
    refused: list[str] = []
    check_url = url_safety.check_url

    def recording(url: str) -> None:
        checked.append(url)
        try:
            check_url(url)
        except ValueError:
            refused.append(url)
            raise

    monkeypatch.setattr(url_safety, "check_url", recording)
    templates = tmp_path / "templates"
    (templates / "html").mkdir(parents=True)
    (templates / "html" / "card.html").write_text(
        f'<section class="card"><img src="file:///etc/hostname"><img src="{base}/plaatje.png">'
        f'<div style="background: url({base}/achtergrond.png)">{{{{ card.title }}}}</div>'
        f'<img src="{PIXEL}"></section>\n',
        encoding="utf-8",
    )
    (templates / "html" / "cards.html").write_text(
        f'<html><head><link rel="stylesheet" href="{base}/stijl.css"></head><body>\n'
        '{% for card in cards %}{% include "html/card.html" %}{% endfor %}\n</body></html>\n',
        encoding="utf-8",
    )
    target = tmp_path / "kaarten.pdf"
    result = run("cards", INCIDENT, "--only", "overview", "--templates", templates, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    time.sleep(0.2)  # a request under way would have arrived by now
    assert requests == []
    assert "file:///etc/hostname" in refused
    assert {f"{base}/plaatje.png", f"{base}/achtergrond.png", f"{base}/stijl.css"} <= set(refused)
    assert PIXEL in checked and PIXEL not in refused  # data: URLs are part of the page itself


def test_only_data_urls_pass():
    from methodengine.output.cards.render import check_url

    check_url("data:image/png;base64,AAAA")
    check_url("DATA:text/css,p{}")
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://example.com/x.png", "ftp://x/y", "/etc/passwd"):
        with pytest.raises(ValueError, match="fetch nothing"):
            check_url(url)


# ---------------------------------------------------------------- standard output


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_text_output_is_utf8_whatever_the_locale(tmp_path, fmt):
    text = PROGRESS.read_text(encoding="utf-8").replace("recept: Progressiegericht coachgesprek", "recept: Coach — 1€")
    recipe = tmp_path / "streep.mth"
    recipe.write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="latin-1", LC_ALL="C", LANG="C")
    done = subprocess.run(
        [sys.executable, "-m", "methodengine", "cards", str(recipe), "--format", fmt],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Coach — 1€" in done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert done.stdout == run("cards", recipe, "--format", fmt).stdout_bytes  # the bytes of a UTF-8 locale


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = run("cards", INCIDENT, "--format", "md").stdout_bytes
    result = run("cards", INCIDENT, "--format", "md", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == expected
    assert run("cards", INCIDENT, "-o", "-").stdout_bytes == run("cards", INCIDENT).stdout_bytes  # text, the default
    assert list(tmp_path.iterdir()) == []  # no file named `-`


def test_binary_output_to_a_terminal_is_refused_with_a_dash_too(tmp_path, monkeypatch):
    import methodengine.commands.cards as command

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(command, "_stdout_is_a_terminal", lambda: True)
    result = run("cards", PROGRESS, "--format", "pdf", "-o", "-")
    assert result.exit_code == 2
    assert "binary" in result.stderr and result.stdout_bytes == b""
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- counts have bounds


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rounds", "101"], "1<=x<=100"),
        (["--rounds", "1000000000"], "1<=x<=100"),
        (["--group", "1001"], "1<=x<=1000"),
        (["--meeting", "501"], "1<=x<=500"),
    ],
)
def test_huge_counts_are_usage_errors(args, message):
    result, seconds = _timed(run, "cards", BACKSTAGE, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert seconds < 5


def test_the_largest_counts_are_quick():
    result, seconds = _timed(run, "cards", BACKSTAGE, "--rounds", "100", "--group", "1000", "--format", "json")
    assert result.exit_code == 0, result.output
    assert seconds < 10, seconds


def test_count_bounds_are_the_recipes_own():
    from methodengine.commands import cards as command
    from methodengine.language import builder as _build

    assert (command.MAX_COUNT, command.MAX_ROUNDS, command.MAX_MEETINGS) == (
        _build.MAX_COUNT,
        _build.MAX_ROUNDS,
        _build.MAX_MEETINGS,
    )


# ---------------------------------------------------------------- one definition each


def test_the_command_and_the_package_share_one_definition_of_each_name():
    import methodengine.cards as cards
    from methodengine import i18n
    from methodengine.commands import cards as command
    from methodengine.output.cards import constants, templating
    from methodengine.output.cards import content as view
    from methodengine.planning import meeting_plan as plan

    assert command.KINDS is constants.KINDS is plan.KINDS is cards.KINDS
    assert command.FORMATS is constants.FORMATS is cards.FORMATS
    assert templating.EXTENSIONS is constants.EXTENSIONS is cards.EXTENSIONS
    # The command knows formats only through the registry, where the built-in plugin puts them.
    from methodengine.hooks.formats import formats
    from methodengine.testing import isolated_plugins

    registered = formats(isolated_plugins(builtins=True), "cards").formats
    assert {name: f.extension for name, f in registered.items()} == constants.EXTENSIONS
    assert {name for name, f in registered.items() if f.binary} == constants.BINARY_FORMATS
    assert not hasattr(command, "EXTENSIONS") and not hasattr(command, "BINARY_FORMATS")
    assert command.PAPERS is constants.PAPERS is cards.PAPERS
    assert tuple(layout.PAPER_SIZES) == constants.PAPERS
    assert command.LANGUAGES is i18n.LANGUAGES
    assert not hasattr(view, "build_cards")
    assert cards.CardOptions is plan.CardOptions and cards.build_plan is plan.build_plan


def test_the_command_module_loads_neither_the_cards_nor_a_template_engine():
    code = (
        "import sys\n"
        "import methodengine.commands.cards\n"
        "heavy = ('jinja2', 'babel', 'weasyprint', 'markupsafe', 'attrs', 'attr')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy"
        " or m.startswith('methodengine.output.cards.') and m != 'methodengine.output.cards.constants'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"
