"""Messages and ``--help`` in the user's language: ``--lang``, then ``METHODENGINE_LANG``, then the locale.

A Dutch trainer at a Dutch terminal reads Dutch: click's own words
(``Usage:``, ``Error:``), each command's help, every message; an English
locale (or ``C``) reads English. The ``FILE:LINE:COL: error:`` headline
stays as editors parse it, whatever the language.
"""

from __future__ import annotations

import gettext
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from _cli import base_recipe
from click.testing import CliRunner, Result

from methodengine.cli import COMMANDS, main
from methodengine.commands._help import help_messages
from methodengine.i18n import translate, use_language

ROOT = Path(__file__).resolve().parents[1]
RECIPE = base_recipe("incidentmethode")

_NO_LOCALE = {"METHODENGINE_LANG": None, "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
DUTCH_LOCALE = {**_NO_LOCALE, "LANG": "nl_NL.UTF-8"}
C_LOCALE = {**_NO_LOCALE, "LANG": "C"}


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={**_NO_LOCALE, **(env or {})}, prog_name="methodengine")


def _first_paragraph(name: str) -> tuple[str, str]:
    """The first paragraph of a command's help in English and in Dutch."""
    command = main.get_command(click.Context(main), name)
    assert command is not None
    english = help_messages(command.help)[0]
    with use_language("nl"):
        return english, translate(english)


def _is_dutch_help(output: str, name: str) -> bool:
    _english, dutch = _first_paragraph(name)
    return (
        output.startswith("Gebruik: methodengine ")
        and "Opties:" in output
        and " ".join(dutch.split()) in " ".join(output.split())
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_help_in_dutch(name: str) -> None:
    english, dutch = _first_paragraph(name)
    assert dutch != english, f"`{name}`: no Dutch for {english!r}"
    own_lang = name != "fmt"  # fmt's own --lang is the language of the keywords it writes, not of its help
    for args, env in (
        ((name, "--lang", "nl", "--help"), None if own_lang else {"METHODENGINE_LANG": "nl"}),
        (("--lang", "nl", name, "--help"), None),
        ((name, "--help"), {"METHODENGINE_LANG": "nl"}),
        ((name, "--help"), DUTCH_LOCALE),
    ):
        result = invoke(*args, env=env)
        assert result.exit_code == 0, result.output
        assert _is_dutch_help(result.output, name), (args, env, result.output)
        assert "Toon deze hulp en stop." in result.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_help_in_english_under_the_c_locale(name: str) -> None:
    english, _dutch = _first_paragraph(name)
    result = invoke(name, "--help", env=C_LOCALE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: methodengine ")
    assert " ".join(english.split()) in " ".join(result.output.split())
    assert "Show this message and exit." in result.output


def test_the_overview_lists_the_commands_in_dutch() -> None:
    result = invoke("--help", env=DUTCH_LOCALE)
    assert "Opdrachten:" in result.output and "Toon de versie en stop." in result.output
    assert "Controleer recepten en meld elk probleem" in result.output


def test_lang_en_beats_a_dutch_locale() -> None:
    result = invoke("check", "--lang", "en", "--help", env=DUTCH_LOCALE)
    assert result.output.startswith("Usage: methodengine check")
    assert "Check recipes and report every problem found." in result.output


def test_lang_beats_methodengine_lang_and_that_beats_the_locale() -> None:
    assert invoke("--lang", "en", "--help", env={"METHODENGINE_LANG": "nl"}).output.startswith("Usage:")
    assert invoke("--help", env={"METHODENGINE_LANG": "en", "LANG": "nl_NL.UTF-8"}).output.startswith("Usage:")
    assert invoke("--help", env={"METHODENGINE_LANG": "nl", "LANG": "C"}).output.startswith("Gebruik:")


def test_clicks_own_errors_are_in_dutch() -> None:
    result = invoke("check", "--no-such-option", "x.mth", env=DUTCH_LOCALE)
    assert result.exit_code == 2
    assert "Zie 'methodengine check --help' voor hulp." in result.output
    assert "Fout: Onbekende optie '--no-such-option'." in result.output
    missing = invoke("cards", env=DUTCH_LOCALE)
    assert missing.exit_code == 2 and "Fout: Ontbrekend argument 'BESTAND'." in missing.output
    assert missing.output.startswith("Gebruik: methodengine cards [OPTIES] BESTAND\n")
    nothing = invoke("check", "geen-bestand.mth", env=DUTCH_LOCALE)
    assert "Fout: het bestand `geen-bestand.mth` bestaat niet" in nothing.output


def test_an_unknown_language_is_a_usage_error_naming_the_languages() -> None:
    given = invoke("check", "--lang", "fr", "x.mth")
    assert given.exit_code == 2 and "'fr' is not one of 'nl', 'en'" in given.output
    from_environment = invoke("check", "x.mth", env={"METHODENGINE_LANG": "fr", "LANG": "nl_NL.UTF-8"})
    assert from_environment.exit_code == 2
    assert "METHODENGINE_LANG=fr is geen taal die methodengine spreekt: nl, en" in from_environment.output
    assert "Traceback" not in from_environment.output


def test_a_recipe_error_in_dutch_keeps_the_headline_editors_parse(tmp_path: Path) -> None:
    recipe = tmp_path / "kapot.mth"
    recipe.write_text("recept: Kapot\nduur: 10 min\n\nfase Open (10 min)\n  leidt: niemand\n", encoding="utf-8")
    dutch = invoke("check", str(recipe), env={"METHODENGINE_LANG": "nl"})
    english = invoke("check", "--lang", "en", str(recipe), env={"METHODENGINE_LANG": "nl"})
    assert dutch.exit_code == english.exit_code == 1
    headline = f"{recipe}:5:10: error: "
    assert headline in dutch.output and headline in english.output
    assert "\n  tip: " in dutch.output and "\n  hint: " in english.output
    assert dutch.output.rstrip().endswith("1 recept gecontroleerd: 1 fout, 0 waarschuwingen")
    assert english.output.rstrip().endswith("checked 1 recipe: 1 error, 0 warnings")


def test_the_summary_counts_in_dutch() -> None:
    both = invoke("check", str(RECIPE), str(base_recipe("jobcoaching")), env=DUTCH_LOCALE)
    assert both.exit_code == 0, both.output
    assert both.output.rstrip().endswith("2 recepten gecontroleerd: geen problemen")


def test_nothing_carries_over_from_one_invocation_to_the_next() -> None:
    before = (os.environ.get("LANGUAGE"), gettext.bindtextdomain("messages"), gettext.textdomain())
    runner = CliRunner()
    for _round in range(2):
        dutch = runner.invoke(main, ["--lang", "nl", "check", "geen.mth"], prog_name="methodengine")
        english = runner.invoke(main, ["--lang", "en", "check", "geen.mth"], prog_name="methodengine")
        assert "Fout: het bestand `geen.mth` bestaat niet" in dutch.output
        assert "Error: the file `geen.mth` does not exist" in english.output
        folder = runner.invoke(main, ["--lang", "en", "cards", "--templates", "geen", "x.mth"])
        assert "Error: the folder `geen` does not exist" in folder.output
        assert runner.invoke(main, ["--lang", "en", "check", "--help"]).output.startswith("Usage:")
        assert "Show this message and exit." in runner.invoke(main, ["--lang", "en", "--help"]).output
    assert (os.environ.get("LANGUAGE"), gettext.bindtextdomain("messages"), gettext.textdomain()) == before


def test_methods_speak_the_language_asked_and_default_to_the_messages() -> None:
    dutch = invoke("methods", "--json", env=DUTCH_LOCALE)
    english = invoke("methods", "--lang", "en", "--json", env=DUTCH_LOCALE)
    assert dutch.exit_code == english.exit_code == 0, dutch.output + english.output
    nl, en = json.loads(dutch.output), json.loads(english.output)
    assert [m["id"] for m in nl] == [m["id"] for m in en] and nl
    assert {m["language"] for m in nl} == {"nl"} and {m["language"] for m in en} == {"en"}
    from methodengine.commands._common import plugins

    methods = plugins().methods()
    for row in nl:
        method = methods[row["id"]]
        assert row["name"] == method.name("nl") and row["summary"] == method.summary_in("nl")
        assert [r["summary"] for r in row["rules"]] == [r.summary_in("nl") for r in method.rules]
    text = invoke("methods", env=DUTCH_LOCALE).output
    incident = methods["incident"]
    assert f"incident: {incident.name('nl')}" in text and "Bron: " in text
    assert "Source: " in invoke("methods", env=C_LOCALE).output


def test_a_real_process_speaks_the_locales_language(tmp_path: Path) -> None:
    recipe = tmp_path / "kapot.mth"
    recipe.write_text("recipe: Kapot\nphase Open (10 min)\n  lead: niemand\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in _NO_LOCALE}
    command = [sys.executable, "-m", "methodengine", "check", str(recipe)]
    dutch = subprocess.run(command, env={**env, "LANG": "nl_NL.UTF-8"}, capture_output=True, text=True, timeout=60)
    plain = subprocess.run(command, env={**env, "LANG": "C"}, capture_output=True, text=True, timeout=60)
    assert dutch.returncode == plain.returncode == 1, dutch.stderr + plain.stderr
    assert f"{recipe}:3:9: error: " in dutch.stdout and f"{recipe}:3:9: error: " in plain.stdout
    assert "1 recept gecontroleerd: 1 fout" in dutch.stdout and "checked 1 recipe: 1 error" in plain.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "methodengine", "--help"],
        env={**env, "LANG": "nl_NL.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert helped.stdout.startswith("Gebruik: ") and "Opdrachten:" in helped.stdout


def test_the_cards_speak_the_recipes_language_and_the_messages_the_users(tmp_path: Path) -> None:
    dutch = tmp_path / "kaart.mth"
    dutch.write_text("recept: Kort\nduur: 10 min\n\nrol g: Groepslid\n\nfase Open (10 min)\n  leidt: g\n", "utf-8")
    english = tmp_path / "card.mth"
    english.write_text("recipe: Short\nduration: 10 min\n\nrole m: Member\n\nphase Open (10 min)\n  lead: m\n", "utf-8")
    assert "Overzicht" in invoke("cards", str(dutch), "--only", "overview", env=C_LOCALE).output
    assert "Overview" in invoke("cards", str(english), "--only", "overview", env=DUTCH_LOCALE).output
    chosen = invoke("--lang", "en", "cards", str(dutch), "--only", "overview", env=DUTCH_LOCALE)
    assert "Overview" in chosen.output  # before the command too, --lang chooses the cards' language
    refused = invoke("cards", str(dutch), "--group", "0", env=C_LOCALE)
    assert refused.exit_code == 2 and "Error: Invalid value for '--group'" in refused.output


def test_no_command_lists_the_commands_in_the_users_language() -> None:
    result = invoke(env=DUTCH_LOCALE)
    assert result.exit_code == 2
    assert result.output.startswith("Gebruik: methodengine") and "Opdrachten:" in result.output


def test_the_version_is_said_in_the_users_language() -> None:
    assert invoke("--version", env=DUTCH_LOCALE).output.startswith("methodengine, versie ")
    assert invoke("--version", env=C_LOCALE).output.startswith("methodengine, version ")


def test_a_method_named_by_its_name_is_met_with_its_id() -> None:
    dutch = invoke("new", "incidentmethode", env=DUTCH_LOCALE)
    assert "Ongeldige waarde voor METHODE: onbekende methode `incidentmethode`. Bedoel je `incident`?" in dutch.output
    english = invoke("new", "Incident method", env=C_LOCALE)
    assert "unknown method `Incident method`. Did you mean `incident`?" in english.output


def test_an_unknown_method_is_met_with_the_nearest_in_a_sentence_of_its_own() -> None:
    dutch = invoke("new", "incidnet", env=DUTCH_LOCALE)
    assert dutch.exit_code == 2
    assert (
        "onbekende methode `incidnet`. Bedoel je `incident`? Geïnstalleerd: action-learning, backstage, balint,"
        in dutch.output
    )
    english = invoke("new", "incidnet", env=C_LOCALE)
    assert (
        "unknown method `incidnet`. Did you mean `incident`? Installed: action-learning, backstage, balint, incident"
        in english.output
    )


def test_the_usage_line_is_in_the_language_of_each_run() -> None:
    runner = CliRunner()
    for _round in range(2):
        dutch = runner.invoke(main, ["--lang", "nl", "check"], prog_name="methodengine")
        english = runner.invoke(main, ["--lang", "en", "check"], prog_name="methodengine")
        assert dutch.output.startswith("Gebruik: methodengine check [OPTIES] BESTANDEN...\n")
        assert "Fout: Ontbrekend argument 'BESTANDEN...'." in dutch.output
        assert english.output.startswith("Usage: methodengine check [OPTIONS] FILES...\n")
        assert "Error: Missing argument 'FILES...'." in english.output
    schedule = invoke("schedule", "--help", env=DUTCH_LOCALE).output
    assert "--at UU:MM" in schedule and "--skip DATUM[,DATUM...]" in schedule
    assert "--at HH:MM" in invoke("schedule", "--help", env=C_LOCALE).output


def test_lang_before_fmt_chooses_the_messages_not_the_keywords(tmp_path: Path) -> None:
    recipe = tmp_path / "kort.mth"
    text = "recept: Kort\nduur: 10 min\n\nrol g: Groepslid\n\nfase Open (10 min)\n  leidt: g\n"
    recipe.write_text(text, encoding="utf-8")
    before = invoke("--lang", "en", "fmt", "--check", str(recipe), env=DUTCH_LOCALE)
    assert before.exit_code == 0, before.output  # nothing to rewrite: the file keeps its Dutch keywords
    assert "1 file already formatted" in before.output  # said in the language asked
    assert recipe.read_text(encoding="utf-8") == text
    after = invoke("fmt", "--check", "--lang", "en", str(recipe), env=DUTCH_LOCALE)
    assert after.exit_code == 1  # fmt's own --lang asks for English keywords
    assert "zou" in after.output and "would" not in after.output  # ... and says so in the reader's Dutch
    help_text = invoke("fmt", "--lang", "en", "--help", env=DUTCH_LOCALE).output
    assert help_text.startswith("Gebruik: methodengine fmt")  # its --help too: the locale's language
    listed = invoke("check", "fmt", "--lang", "nl", env=C_LOCALE).output  # a file named fmt is no command
    assert "fmt" in listed and "bestaat niet" in listed


def test_the_card_kinds_are_taken_and_listed_in_dutch() -> None:
    dutch = invoke("cards", str(RECIPE), "--only", "fasen,rollen", env=DUTCH_LOCALE)
    english = invoke("cards", str(RECIPE), "--only", "phases,roles", env=DUTCH_LOCALE)
    assert dutch.exit_code == 0, dutch.output
    assert dutch.output == english.output
    wrong = invoke("cards", str(RECIPE), "--only", "overzict", env=DUTCH_LOCALE)
    assert wrong.exit_code == 2
    assert "geen kaartsoort 'overzict'; bedoel je `overzicht`?" in wrong.output
    assert "(kaartsoorten: overzicht, fasen, beslismoment, rollen, traject)" in wrong.output
    listed = invoke("cards", str(RECIPE), "--only", "nope", env=C_LOCALE)
    assert "(card kinds: overview, phases, checkpoint, roles, trajectory)" in listed.output
