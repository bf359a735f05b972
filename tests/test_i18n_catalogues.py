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

import pytest

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
                assert compiled.ngettext(message.id[0], message.id[1], n) == form
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
    result = CliRunner().invoke(main, ["cards", str(ROOT / "recipes" / "incidentmethode.mth")])
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
