"""Every output format is an OutputFormat a plugin registers, the built-in ones too; a name is one format's.

``--format``'s choices and help, and ``-o FILE.EXT``'s choice of format, come
from the registry (``methodengine.hooks.formats``), for ``cards`` and for
``schedule``. A plugin format that takes a built-in's name, or two plugins'
formats with one name, is an error naming both plugins, never dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cli import base_recipe
from click.testing import CliRunner

from methodengine import OutputFormat, hookimpl
from methodengine.cli import main
from methodengine.hooks import manager
from methodengine.hooks.formats import formats
from methodengine.testing import isolated_plugins

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
JOBCOACHING = base_recipe("jobcoaching")


class _Plugin:
    """A plugin object with card and schedule formats, under a name of its own."""

    def __init__(self, name: str, cards: list[OutputFormat] = (), schedule: list[OutputFormat] = ()) -> None:  # type: ignore[assignment]
        self.__name__ = name
        self._cards = list(cards)
        self._schedule = list(schedule)

    @hookimpl
    def output_formats(self) -> list[OutputFormat]:
        return self._cards

    @hookimpl
    def schedule_formats(self) -> list[OutputFormat]:
        return self._schedule


def _fmt(name: str, text: str = "made by a plugin\n", extension: str = "txt") -> OutputFormat:
    return OutputFormat(name, f"the {name} format", render=lambda request: text, extension=extension)


@pytest.fixture
def with_plugins(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The command line with the built-ins and the given plugin objects, none installed."""

    def use(*plugins: object) -> Any:
        loaded = manager.load_plugins(plugins, entry_points=False)
        monkeypatch.setattr(manager, "_default", [loaded])
        return loaded

    use()
    return use


def run(*args: object) -> Any:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- the built-ins are plugins


def test_the_built_in_formats_are_registered_through_the_hooks_by_built_in_plugins():
    loaded = isolated_plugins(builtins=True)
    cards, schedule = formats(loaded, "cards"), formats(loaded, "schedule")
    assert cards.names() == ["text", "md", "html", "pdf", "json"]
    assert schedule.names() == ["text", "md", "json", "ics"]
    assert {f.plugin for f in cards.formats.values()} == {"card_formats"}
    assert {f.plugin for f in schedule.formats.values()} == {"schedule_formats"}
    assert loaded.infos["card_formats"].builtin and loaded.infos["card_formats"].hooks == ["output_formats"]
    assert loaded.infos["schedule_formats"].hooks == ["schedule_formats"]
    assert [name for name, f in cards.formats.items() if f.binary] == ["pdf"]


def test_without_the_built_in_plugins_there_are_no_formats():
    assert formats(isolated_plugins(), "cards").names() == []


def test_a_built_in_format_renders_the_request_it_is_given():
    from methodengine import OutputRequest
    from methodengine.planning import CardOptions, plan_meeting
    from methodengine.testing import resolve_text

    recipe = resolve_text("recipe: Kort\n\nphase Rondje (10 min)\n  do: Ieder vertelt.\n", builtins=True)
    plan = plan_meeting(recipe, CardOptions(language="en"))
    found = formats(isolated_plugins(builtins=True), "cards").get("json")
    data = json.loads(found.render(OutputRequest(recipe, language="en", plan=plan)))
    assert data == plan.to_data()


# ---------------------------------------------------------------- --format and -o from the registry


def test_format_help_lists_each_registered_format_with_its_description(with_plugins):
    with_plugins(_Plugin("runsheet_plugin", cards=[_fmt("runsheet", extension="csv")]))
    out = " ".join(run("cards", "--help").stdout.split())
    assert "text: for the terminal (the default); md: Markdown;" in out
    assert "runsheet: the runsheet format" in out
    sched = " ".join(run("schedule", "--help").stdout.split())
    assert "ics: a calendar file" in sched and "runsheet" not in sched


def test_a_plugin_format_is_chosen_by_name_and_by_extension(with_plugins, tmp_path):
    with_plugins(_Plugin("runsheet_plugin", cards=[_fmt("runsheet", "phase,start\n", extension="csv")]))
    assert run("cards", INCIDENT, "--format", "RunSheet").stdout == "phase,start\n"
    target = tmp_path / "avond.csv"
    assert run("cards", INCIDENT, "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == "phase,start\n"


@pytest.mark.parametrize(("name", "starts"), [("kaarten.md", "# "), ("kaarten.markdown", "# "), ("kaarten", "Inc")])
def test_output_by_extension_keeps_working(with_plugins, tmp_path, name, starts):
    target = tmp_path / name
    assert run("cards", INCIDENT, "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_an_extension_no_format_has_is_a_usage_error_naming_the_formats(with_plugins, tmp_path):
    target = tmp_path / "kaarten.docx"
    result = run("cards", INCIDENT, "-o", target)
    assert result.exit_code == 2
    assert "no format writes .docx files (kaarten.docx)" in result.stderr
    assert "formats: text, md, html, pdf, json" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("command", "fmt", "name", "fixed"),
    [
        ("cards", "pdf", "kaarten.html", "kaarten.pdf"),
        ("cards", "text", "kaarten.docx", "kaarten.txt"),
        ("cards", "md", "kaarten.txt", "kaarten.md"),
        ("schedule", "ics", "reeks.txt", "reeks.ics"),
    ],
)
def test_a_format_named_with_a_file_of_another_extension_is_a_usage_error_writing_nothing(
    with_plugins, tmp_path, command, fmt, name, fixed
):
    target = tmp_path / name
    args = [JOBCOACHING, "--start", "2027-01-11"] if command == "schedule" else [INCIDENT]
    result = run(command, *args, "--format", fmt, "-o", target)
    assert result.exit_code == 2
    assert f"--format {fmt} writes" in result.stderr and f"name the file {fixed}" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(("fmt", "name"), [("html", "kaarten.htm"), ("md", "KAARTEN.MD"), ("text", "kaarten")])
def test_a_format_named_with_its_own_extension_or_none_writes(with_plugins, tmp_path, fmt, name):
    target = tmp_path / name
    assert run("cards", INCIDENT, "--format", fmt, "-o", target).exit_code == 0
    assert target.stat().st_size > 0


def test_schedule_formats_come_from_the_registry_too(with_plugins, tmp_path):
    dates = _Plugin("dates_plugin", schedule=[_fmt("datescsv", "meeting,date\n", extension="csv")])
    with_plugins(dates)
    assert run("schedule", JOBCOACHING, "--start", "2027-01-11", "--format", "datescsv").stdout == "meeting,date\n"
    target = tmp_path / "plan.ics"
    assert run("schedule", JOBCOACHING, "--start", "2027-01-11", "-o", target).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    result = run("schedule", JOBCOACHING, "--start", "2027-01-11", "--format", "pdf")
    assert result.exit_code == 2 and "no format 'pdf'" in result.stderr and "ics" in result.stderr


# ---------------------------------------------------------------- clashes name both plugins


def test_a_plugin_format_named_like_a_built_in_is_left_out_with_an_error_naming_both(with_plugins):
    loaded = with_plugins(_Plugin("fake_pdf", cards=[_fmt("pdf", "not a pdf")]))
    assert formats(loaded, "cards").get("pdf").plugin == "card_formats"
    errors = [d for d in loaded.diagnostics if d.code == "format-taken"]
    assert len(errors) == 1
    assert "plugin `fake_pdf` registers cards format `pdf`, which built-in plugin `card_formats` provides" in (
        errors[0].message
    )
    result = run("cards", INCIDENT, "--format", "json")
    assert result.exit_code == 0
    assert "`fake_pdf`" in result.stderr and "`card_formats`" in result.stderr


def test_two_plugins_with_one_format_name_are_an_error_naming_both(with_plugins):
    loaded = with_plugins(_Plugin("one", cards=[_fmt("csv", "one\n")]), _Plugin("two", cards=[_fmt("csv", "two\n")]))
    assert "csv" not in formats(loaded, "cards").names()
    assert formats(loaded, "cards").clashes == {"csv": ["one", "two"]}
    result = run("cards", INCIDENT, "--format", "csv")
    assert result.exit_code == 2
    assert "format `csv` is provided by both plugins `one` and `two`" in result.stderr
    assert "METHODENGINE_LOAD_PLUGINS" in result.stderr
    assert run("cards", INCIDENT, "--format", "md").exit_code == 0


def test_an_extension_two_plugins_claim_is_the_same_error_as_their_format_name(with_plugins, tmp_path):
    one, two = _fmt("dup", "one\n", extension="dup"), _fmt("dup", "two\n", extension="dup")
    with_plugins(_Plugin("one", cards=[one]), _Plugin("two", cards=[two]))
    target = tmp_path / "kaarten.dup"
    result = run("cards", INCIDENT, "-o", target)
    assert result.exit_code == 2
    assert "format `dup` is provided by both plugins `one` and `two`" in result.stderr
    assert not target.exists()


def test_the_extensions_a_usage_error_lists_are_each_named_once(with_plugins, tmp_path):
    with_plugins(_Plugin("extra", cards=[_fmt("plain"), _fmt("plainer")]))  # both write .txt files
    result = run("cards", INCIDENT, "-o", tmp_path / "kaarten.docx")
    assert result.exit_code == 2
    listed = result.stderr.split("by extension: ")[1].split(")")[0].split(", ")
    assert listed.count(".txt") == 1 and ".pdf" in listed


def test_a_hook_returning_something_else_is_reported_and_the_rest_kept(with_plugins):
    loaded = with_plugins(_Plugin("odd", cards=["csv", _fmt("tsv")]))  # type: ignore[list-item]
    assert "tsv" in formats(loaded, "cards").names()
    assert any("returned str from `output_formats`, not an OutputFormat" in d.message for d in loaded.diagnostics)


# ---------------------------------------------------------------- a plugin's format stays contained


@pytest.mark.parametrize(
    ("binary", "returned", "said"), [(False, b"bytes\n", "returned bytes"), (True, "text", "returned text")]
)
def test_a_plugin_format_must_return_what_its_binary_flag_says(with_plugins, tmp_path, binary, returned, said):
    fmt = OutputFormat("odd", "says one thing, returns another", render=lambda request: returned, binary=binary)
    with_plugins(_Plugin("liar", cards=[fmt]))
    target = tmp_path / "out"
    result = run("cards", INCIDENT, "--format", "odd", "-o", target)
    assert result.exit_code == 1
    assert f"plugin `liar` {said} from format `odd`" in result.stderr
    assert not target.exists()


def test_a_failing_plugin_format_is_reported_with_plugin_and_format(with_plugins):
    def broken(request: object) -> str:
        print("noise that must not join the output")
        raise RuntimeError("kapot")

    with_plugins(_Plugin("breaks", cards=[OutputFormat("broken", "fails", render=broken)]))
    result = run("cards", INCIDENT, "--format", "broken")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "methodengine: plugin `breaks` failed in format `broken`: RuntimeError: kapot" in result.stderr


# ---------------------------------------------------------------- in the message language


def test_the_formats_help_and_an_unknown_format_are_said_in_the_message_language():
    from methodengine import use_language
    from methodengine.errors import UsageError

    registry = formats(isolated_plugins(builtins=True), "cards")
    with use_language("nl"):
        assert registry.help().startswith("text: voor de terminal (standaard); md: Markdown; html: om te printen")
        with pytest.raises(UsageError) as caught:
            registry.get("pdff")
    assert caught.value.diagnostics[0].message.startswith("geen formaat 'pdff'; bedoel je `pdf`? (formaten: text, md")
    with use_language("en"):
        assert registry.help().startswith("text: for the terminal (the default); md: Markdown; html: to print")


def test_a_plugins_format_description_in_english_only_is_shown_in_dutch_as_it_is():
    from methodengine import use_language

    plain = OutputFormat("csv", "one row per phase", render=lambda request: "")
    registry = formats(isolated_plugins(_Plugin("csvplugin", cards=[plain])), "cards")
    with use_language("nl"):
        assert "csv: one row per phase" in registry.help()
    with pytest.raises(ValueError, match="English"):
        OutputFormat("csv", {"nl": "één rij per fase"}, render=lambda request: "")
