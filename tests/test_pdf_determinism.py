"""The same cards give the same PDF bytes: run after run, and with or without HarfBuzz's subsetter.

WeasyPrint subsets the embedded fonts with libharfbuzz-subset when the
system has it (Chromium's packages pull it in) and with fontTools when it
does not (a fresh Debian machine); fontTools used to stamp the current time
into every font. These tests force each path. They need WeasyPrint only, no
Chromium and no system package beyond Pango: ``.ci/run`` runs them before it
installs Chromium, to show it.
"""

from __future__ import annotations

import hashlib
import os
import types
from pathlib import Path

import pytest
from _cli import base_recipe
from click.testing import CliRunner

from methodengine.cli import main

weasyprint = pytest.importorskip("weasyprint")
fonts = pytest.importorskip("weasyprint.pdf.fonts")
time_tools = pytest.importorskip("fontTools.misc.timeTools")

ROOT = Path(__file__).resolve().parents[1]
RECIPE = base_recipe("progressiegericht")
HARFBUZZ_SUBSET = getattr(fonts, "harfbuzz_subset", None)
"""The libharfbuzz-subset WeasyPrint loaded, if the system has it."""


def pdf(*args: str | Path) -> bytes:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(main, ["cards", str(RECIPE), "--format", "pdf", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF-")
    return result.stdout_bytes


def pdf_at(monkeypatch: pytest.MonkeyPatch, seconds: float, *args: str) -> bytes:
    """The PDF made while fontTools' clock says ``seconds`` since 1970."""
    monkeypatch.setattr(time_tools, "time", types.SimpleNamespace(time=lambda: seconds))
    return pdf(*args)


@pytest.fixture(autouse=True)
def _no_epoch_of_yours(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``SOURCE_DATE_EPOCH`` from the environment: the tool's own must hold."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def without_harfbuzz_subset(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without libharfbuzz-subset0: WeasyPrint subsets with fontTools."""
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)


def test_without_harfbuzz_subset_the_pdf_is_the_same_at_any_time(monkeypatch, without_harfbuzz_subset):
    first = pdf_at(monkeypatch, 1_800_000_000)
    assert pdf_at(monkeypatch, 1_900_000_000) == first
    assert pdf_at(monkeypatch, 1_900_000_007, "--paper", "a5") == pdf_at(monkeypatch, 1_700_000_000, "--paper", "a5")


@pytest.mark.skipif(HARFBUZZ_SUBSET is None, reason="libharfbuzz-subset0 is not installed")
def test_with_and_without_harfbuzz_subset_the_pdf_is_the_same(monkeypatch):
    with_library = pdf_at(monkeypatch, 1_800_000_000, "--lang", "en")
    assert fonts.harfbuzz_subset is HARFBUZZ_SUBSET  # found again after the render
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    without = pdf_at(monkeypatch, 1_900_000_000, "--lang", "en")
    assert hashlib.sha256(with_library).hexdigest() == hashlib.sha256(without).hexdigest()


def test_rendering_leaves_the_environment_and_weasyprint_as_they_were(monkeypatch):
    before, subsetting = fonts.harfbuzz_subset, fonts.subset
    pdf()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert fonts.harfbuzz_subset is before
    assert fonts.subset is subsetting


def test_tables_dropped_before_the_subset_give_the_same_bytes_as_dropped_by_it(monkeypatch):
    from methodengine.output.cards import pdf as module

    early = pdf_at(monkeypatch, 1_800_000_000, "--lang", "en")
    monkeypatch.setattr(module, "_early_drop_subsetting", lambda subsetting: subsetting)  # fontTools as it is
    assert pdf_at(monkeypatch, 1_800_000_000, "--lang", "en") == early


def test_your_source_date_epoch_is_honoured(monkeypatch, without_harfbuzz_subset):
    own = pdf_at(monkeypatch, 1_800_000_000)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    yours = pdf_at(monkeypatch, 1_800_000_000)
    assert yours != own  # the fonts carry your time, not the tool's
    assert pdf_at(monkeypatch, 1_900_000_000) == yours
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
