"""Translations are compiled when the package is built, and read with the standard library at run time.

The ``.po`` files are the source; ``hatch_build.py`` compiles each into a ``.mo``
for the wheel and for ``pip install -e .``. Babel is then needed only to
format dates and numbers, never to read a catalogue.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from _cli import base_recipe

from methodengine import i18n
from methodengine.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted((ROOT / "src" / "methodengine" / "locale").glob("*/LC_MESSAGES/*.po"))


@pytest.fixture
def fresh_translations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A locale folder of one's own, and translations read anew from it."""

    def forget() -> None:
        i18n.translations.cache_clear()  # the only cache: a Localiser asks i18n for its catalogues each time

    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    forget()
    yield tmp_path
    forget()


@pytest.mark.parametrize("po", CATALOGUES, ids=[f"{p.parent.parent.name}-{p.stem}" for p in CATALOGUES])
def test_the_compiled_catalogue_says_what_its_text_says(po: Path) -> None:
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        text = read_po(f)
    compiled = i18n.translations(po.parent.parent.name, po.stem)
    assert isinstance(compiled, gettext.GNUTranslations)
    checked = 0
    for message in text:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            for n, form in ((1, message.string[0]), (2, message.string[-1])):
                if message.context:
                    assert compiled.npgettext(message.context, message.id[0], message.id[1], n) == form
                else:
                    assert compiled.ngettext(message.id[0], message.id[1], n) == form
        elif message.context:  # the same English said otherwise in another context (a neuter noun)
            assert compiled.pgettext(message.context, message.id) == message.string
        else:
            assert compiled.gettext(message.id) == message.string
        checked += 1
    assert checked > 5


def test_labels_are_read_without_babel() -> None:
    script = (
        "import sys\n"
        "from methodengine.i18n import translations\n"
        "print(translations('nl', 'cards').gettext('Duration'))\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["Duur", "False"]


def test_english_needs_no_catalogue(fresh_translations: Path) -> None:
    assert i18n.translations("en", "cards").gettext("Duration") == "Duration"


def test_a_language_without_that_catalogue_stays_english(fresh_translations: Path) -> None:
    assert i18n.translations("nl", "cards").gettext("Duration") == "Duration"


def _checkout_with(folder: Path, *suffixes: str) -> None:
    source = ROOT / "src" / "methodengine" / "locale" / "nl" / "LC_MESSAGES"
    target = folder / "nl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    for suffix in suffixes:
        shutil.copy2(source / f"cards{suffix}", target / f"cards{suffix}")


def test_a_checkout_that_was_not_installed_is_told_to_install(fresh_translations: Path) -> None:
    _checkout_with(fresh_translations, ".po")
    with pytest.raises(UsageError) as caught:
        i18n.translations("nl", "cards")
    assert caught.value.exit_code == 2
    assert "the nl labels" in caught.value.message and "are not compiled" in caught.value.message
    assert "pip install -e ." in (caught.value.hint or "")


def test_a_catalogue_changed_since_it_was_compiled_is_not_read_stale(fresh_translations: Path) -> None:
    _checkout_with(fresh_translations, ".po", ".mo")
    po = fresh_translations / "nl" / "LC_MESSAGES" / "cards.po"
    later = po.with_suffix(".mo").stat().st_mtime + 10
    os.utime(po, (later, later))
    with pytest.raises(UsageError, match="changed since they were compiled"):
        i18n.translations("nl", "cards")


def test_an_installed_package_needs_only_the_compiled_catalogue(fresh_translations: Path) -> None:
    _checkout_with(fresh_translations, ".mo")
    assert i18n.translations("nl", "cards").gettext("Duration") == "Duur"


def test_the_cards_command_reports_a_catalogue_not_compiled(fresh_translations: Path) -> None:
    from click.testing import CliRunner

    from methodengine.cli import main

    _checkout_with(fresh_translations, ".po")
    result = CliRunner().invoke(main, ["cards", str(base_recipe("incidentmethode"))])
    assert result.exit_code == 2
    assert "are not compiled" in result.output and "Traceback" not in result.output


def test_the_repository_holds_no_compiled_catalogue() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    assert tracked == []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason="the `build` package is not installed")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        log = result.stdout + result.stderr
        if "No matching distribution found" in log or "Could not find a version" in log:
            pytest.skip("cannot fetch the build backend offline")
        pytest.fail(f"building the wheel failed:\n{log}")
    (built,) = out.glob("methodengine-*.whl")
    return built


def test_the_wheel_ships_each_catalogue_compiled(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {f"methodengine/locale/{p.parent.parent.name}/LC_MESSAGES/{p.stem}.mo" for p in CATALOGUES}
    assert expected <= names
    assert not [n for n in names if n.endswith(".po")]


# ------------------------------------------------------------------ completeness of the messages domain
#
# Every message methodengine says goes through ``_``, ``ngettext`` or ``N_``
# (``methodengine.i18n``), with the English text as its id. These tests
# extract those ids from the source with Babel's extractor, as a translator's
# tool would, and fail naming each one the Dutch catalogue lacks: a Dutch
# user would otherwise get that message in English without anyone noticing.

MESSAGE_PARTS = ROOT / "src" / "methodengine" / "locale" / "nl" / "LC_MESSAGES" / "messages.d"
SOURCES = [ROOT / "src" / "methodengine", *sorted((ROOT / "plugins").glob("*/"))]
_MARKERS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _dutch_messages() -> dict[str | tuple[str, ...], tuple[Path, object]]:
    """The merged Dutch ``messages`` catalogue: each message id with the part it is in and its message."""
    from babel.messages.pofile import read_po

    merged: dict[str | tuple[str, ...], tuple[Path, object]] = {}
    for po in sorted(MESSAGE_PARTS.glob("*.po")):
        with po.open("rb") as f:
            for message in read_po(f, locale="nl"):
                if message.id:
                    merged[_key(message.id)] = (po, message)
    return merged


def _key(message_id: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    """A message id as a dictionary key: the text, or (singular, plural) for a message with a count."""
    return message_id if isinstance(message_id, str) else tuple(message_id)


def _marked_names(path: Path) -> set[str]:
    """The marker functions ``path`` imports from ``methodengine.i18n``: only calls of those are its messages.

    A module of the cards or the schedule has ``_`` of its own (their output
    language, their own catalogues); it is not this catalogue's.
    """
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "methodengine.i18n":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in _MARKERS}
    return names


def _by_spec(arguments: object, spec: tuple[int, ...] | None) -> str | tuple[str, ...] | None:
    """The message id of a call as Babel's extractor gives its string arguments: the first, or the two forms."""
    given = list(arguments) if isinstance(arguments, (tuple, list)) else [arguments]
    wanted = [given[i - 1] if i <= len(given) else None for i in (spec or (1,))]
    if not all(isinstance(text, str) and text for text in wanted):
        return None
    return wanted[0] if len(wanted) == 1 else tuple(wanted)


def _extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every message id marked in methodengine's source (and the bundled plugins'), with where it is marked."""
    from babel.messages.extract import extract_python

    found: dict[str | tuple[str, ...], list[str]] = {}
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            names = _marked_names(path)
            if not names:
                continue
            keywords = {name: _MARKERS[name] for name in names}
            with path.open("rb") as f:
                for line, function, message, _comments in extract_python(f, keywords, [], {}):
                    message = _by_spec(message, keywords[function])
                    if message:
                        found.setdefault(_key(message), []).append(f"{path.relative_to(ROOT)}:{line}")
    return found


def _help_texts() -> dict[str, list[str]]:
    """What ``--help`` shows of each command of ``cli.COMMANDS``: its docstring, short help, options' help.

    A docstring is translated paragraph by paragraph, as ``commands._help`` splits it; the usage line's
    words (``[OPTIONS]``, ``FILE``, ``DATE``) are translated too.
    """
    from methodengine.cli import main
    from methodengine.commands._help import help_messages

    found: dict[str, list[str]] = {}
    context = click.Context(main)
    commands = [("methodengine", main)]
    commands += [(name, main.get_command(context, name)) for name in main.list_commands(context)]
    for name, command in commands:
        assert command is not None, name
        texts = [command.help, command.short_help] + [getattr(p, "help", None) for p in command.params]
        for text in texts:
            for message in help_messages(text):
                found.setdefault(message, []).append(f"--help of `{name}`")
        for word in _usage_words(command):
            found.setdefault(word, []).append(f"usage line of `{name}`")
    return found


def _usage_words(command: click.Command) -> list[str]:
    """The words of a usage line translated by ``commands._help.usage_in_message_language``, in English."""
    from methodengine.commands._help import _ENGLISH

    words = [vars(command).get("_methodengine_english_options", command.options_metavar)]
    if isinstance(command, click.Group):
        words.append(vars(command).get("_methodengine_english_commands", command.subcommand_metavar))
    for param in command.params:
        english = vars(param).get(_ENGLISH, param.metavar)
        if english:
            words.append(english)
        elif isinstance(param, click.Argument) and param.name:
            words.append(param.name.upper())
    return [word for word in words if word]


def _missing(wanted: dict[str | tuple[str, ...], list[str]]) -> list[str]:
    """Each wanted message id the Dutch catalogue lacks, or has only as a fuzzy (uncompiled) guess."""
    dutch = _dutch_messages()
    missing = []
    for message_id, places in sorted(wanted.items(), key=lambda item: item[1][0]):
        _part, message = dutch.get(message_id, (None, None))
        strings = [] if message is None or message.fuzzy else message.string
        strings = [strings] if isinstance(strings, str) else list(strings)
        if not strings or not all(strings):
            missing.append(f"{places[0]}: {message_id!r}")
    return missing


def test_every_message_has_a_dutch_translation() -> None:
    wanted = _extracted()
    assert len(wanted) > 0
    missing = _missing(wanted)
    assert not missing, f"{len(missing)} messages have no Dutch in messages.d/*.po:\n" + "\n".join(missing)


def test_every_help_text_has_a_dutch_translation() -> None:
    missing = _missing(_help_texts())  # type: ignore[arg-type]
    assert not missing, f"{len(missing)} --help texts have no Dutch in messages.d/*.po:\n" + "\n".join(missing)


def _click_messages() -> dict[str | tuple[str, ...], list[str]]:
    """The messages click itself says (``Usage:``, ``No such option``...), from its installed source."""
    import click
    from babel.messages.extract import extract_python

    found: dict[str | tuple[str, ...], list[str]] = {}
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        if path.name in ("testing.py", "_winconsole.py", "_termui_impl.py", "shell_completion.py"):
            continue  # never shown by methodengine: test runner, Windows console, pager, completion scripts
        with path.open("rb") as f:
            for line, function, message, _comments in extract_python(f, {"_": None, "ngettext": (1, 2)}, [], {}):
                message = _by_spec(message, None if function == "_" else (1, 2))
                if message:
                    found.setdefault(_key(message), []).append(f"click/{path.name}:{line}")
    return found


def test_every_click_message_has_a_dutch_translation() -> None:
    missing = _missing(_click_messages())
    assert not missing, f"{len(missing)} of click's messages have no Dutch in messages.d/click.po:\n" + "\n".join(
        missing
    )


def _fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a message, as ``str.format`` reads them (``{{`` is not one)."""
    import string

    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_each_translation_keeps_its_placeholders() -> None:
    wrong = []
    for message_id, (part, message) in _dutch_messages().items():
        ids = [message_id] if isinstance(message_id, str) else list(message_id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)  # type: ignore[attr-defined]
        for n, text in enumerate(strings):
            if not text:
                continue
            original = ids[min(n, len(ids) - 1)]
            try:
                same = _fields(text) == _fields(original)
            except ValueError as exc:  # a stray brace: str.format would fail on it at run time
                same, text = False, f"{text!r} ({exc})"
            if not same:
                wrong.append(f"{part.name}: {original!r} -> {text!r}")
    assert not wrong, "Dutch placeholders differ from the English:\n" + "\n".join(wrong)


def test_no_message_is_in_two_parts() -> None:
    from babel.messages.pofile import read_po

    seen: dict[str | tuple[str, ...], str] = {}
    twice = []
    for po in sorted(MESSAGE_PARTS.glob("*.po")):
        with po.open("rb") as f:
            for message in read_po(f, locale="nl"):
                if not message.id:
                    continue
                key = _key(message.id)
                if key in seen:
                    twice.append(f"{message.id!r} in {seen[key]} and {po.name}")
                seen[key] = po.name
    assert not twice, "a message is translated in two parts (the build refuses it):\n" + "\n".join(twice)


def test_no_message_is_built_before_it_is_translated() -> None:
    """An f-string or a variable as the message id is never in the catalogue: fill ``{placeholders}`` after instead."""
    import ast

    built = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            names = _marked_names(path)
            if not names:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for text in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
                for node in ast.walk(text):  # Babel's extractor does not look inside an f-string before Python 3.12
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                        built.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)} inside an f-string")
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                    count = 2 if _MARKERS[node.func.id] else 1
                    for argument in node.args[:count]:
                        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                            built.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(argument)}")
    assert not built, "a message id must be a plain string:\n" + "\n".join(built)


def test_a_count_shown_otherwise_than_it_is_counted() -> None:
    """``count=`` given by the caller is what ``{count}`` shows; the number still picks the form."""
    with i18n.use_language("en"):
        assert i18n.ngettext("{count} minute", "{count} minutes", 2, count="1.5") == "1.5 minutes"
        assert i18n.ngettext("{count} minute", "{count} minutes", 1) == "1 minute"


def test_dutch_messages_not_compiled_are_said_so_before_click_starts(fresh_translations: Path) -> None:
    from click.testing import CliRunner

    from methodengine.cli import main

    parts = fresh_translations / "nl" / "LC_MESSAGES" / "messages.d"
    parts.mkdir(parents=True)
    shutil.copy2(MESSAGE_PARTS / "cli.po", parts / "cli.po")
    result = CliRunner().invoke(main, ["--lang", "nl", "check", "--help"])
    assert result.exit_code == 2
    assert "are not compiled" in result.output and "pip install -e ." in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # ended as a usage error ends, not by an exception
