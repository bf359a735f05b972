"""``methodengine cards``: the cards a trainer prints, in every format and with every option."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import base_recipe, run

import methodengine
from methodengine.checking.resolution import resolve
from methodengine.hooks.contract import OutputFormat
from methodengine.hooks.specs import hookimpl
from methodengine.model import Range
from methodengine.planning import timing
from methodengine.planning.meeting_plan import CardOptions, MeetingPlan, build_plan, plan_meeting, schedule

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
RECIPE_IDS = [p.stem for p in RECIPES]
INCIDENT = base_recipe("incidentmethode")
BACKSTAGE = base_recipe("backstagegroep")
INSPIRATION = base_recipe("inspiratiegroep")
PROGRESS = base_recipe("progressiegericht")
JOBCOACHING = base_recipe("jobcoaching")


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_of(*args: str | Path) -> dict:
    return json.loads(ok(*args, "--format", "json"))


def write(tmp_path: Path, text: str, name: str = "recept.mth") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- text, the default


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
@pytest.mark.parametrize("options", [(), ("--start", "19:30"), ("--lang", "en", "--start", "9:05", "--group", "5")])
def test_text_cards_of_every_bundled_recipe_fit_80_columns(recipe, options):
    out = ok("cards", recipe, *options)
    parsed = resolve(methodengine.load(recipe)).recipe
    lines = out.splitlines()
    assert lines[0] == parsed.title
    assert [line for line in lines if len(line) > 80] == []
    for role in parsed.roles:
        assert role.name in out
    for phase in parsed.phases():
        assert phase.title in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_text_wraps_long_titles_names_and_script_within_80_columns(tmp_path):
    long = "Een heel lange titel die over meerdere regels moet worden afgebroken omdat hij zo vreselijk lang is"
    path = write(
        tmp_path,
        f"recipe: {long}\nlanguage: nl\ngroup: 4-6\nrole deelnemer: {long}\nrole voorzitter: {long}\n  count: 1\n"
        f"phase {long} (10 min per deelnemer)\n  lead: voorzitter\n  speak: deelnemer\n  do: {long} {long}\n"
        f"rounds 1-3: {long}\n  phase {long} (5 min)\n    outside: deelnemer\n"
        f"checkpoint {long} (5 min)\n  decide: deelnemer, voorzitter\n"
        f"trajectory\n  meetings: 3\n  stage {long} (meetings 1-3)\n    focus: {long}\n"
        f"  meeting nazorg: {long} (60 min)\n    at: 2-3 maanden after last meeting\n    count: 1-2\n",
    )
    for options in [(), ("--start", "23:30"), ("--lang", "en", "--group", "5", "--rounds", "2")]:
        out = ok("cards", path, *options)
        assert [line for line in out.splitlines() if len(line) > 80] == []
        assert "vreselijk lang is" in out


def test_the_default_language_is_the_recipes_and_otherwise_dutch(tmp_path):
    assert "Volgende fase" in ok("cards", INCIDENT)
    english = write(tmp_path, "recipe: X\nlanguage: en\nphase A (10 min)\nphase B (5 min)\n", "en.mth")
    assert "Next phase, from minute 10: B" in ok("cards", english)
    unset = write(tmp_path, "recipe: X\nphase A (10 min)\nphase B (5 min)\n", "x.mth")
    assert "Volgende fase, vanaf minuut 10: B" in ok("cards", unset, "--lang", "nl")
    assert "Next phase, from minute 10: B" in ok("cards", unset, "--lang", "en")


def test_dutch_cards_read_naturally():
    out = ok("cards", INCIDENT, "--start", "19:30", "--group", "6")
    for words in (
        "Overzicht",
        "Fase 1 van 11",
        "Leidt    de gespreksleider",
        "Spreekt    de inbrenger",
        "Luisteren  de deelnemers",
        "Spreken   de deelnemers",
        "Zit buiten de kring  de inbrenger",
        "Volgende fase, om 20:00: Informatieronde",
        "Einde van de bijeenkomst, om 21:02",
        "Rolkaart",
        "Alleen in bijeenkomst 1",
        "Vanaf bijeenkomst 2",
        "Duur         1,5 uur",
        "om de 6-8 weken",
        "12 min (3 min per deelnemer)",
    ):
        assert words in out, words
    for english in ("Speaks", "Next phase", "Overview", " at 19", "meeting"):
        assert english not in out, english


def test_english_cards_have_english_labels_and_local_numbers():
    out = ok("cards", BACKSTAGE, "--lang", "en", "--start", "19:30")
    for words in ("Overview", "Phase 2 of 8", "Leads", "Speak", "Listen", "Next phase", "at 19:45", "2.5 hours"):
        assert words in out, words
    assert "Spreekt" not in out and "2,5" not in out


# ---------------------------------------------------------------- the plan: times, counts, rounds, meetings


@pytest.mark.parametrize("recipe", RECIPES, ids=RECIPE_IDS)
def test_every_meetings_schedule_ends_at_its_planned_time(recipe):
    parsed = resolve(methodengine.load(recipe)).recipe
    for group in (None, Range.of(8)):
        counts = timing.role_counts(parsed, group)
        for meeting in timing.meeting_numbers(parsed):
            for rounds in (None, 1, 2):
                found = schedule(parsed, meeting, counts, rounds)
                planned = timing.planned_minutes(parsed, meeting, counts, Range.of(rounds) if rounds else None)
                assert max(o.end.high for o in found) == planned.high
                ends = [o.end.low for o in found if not o.optional and o.next == (None,)]
                assert ends and min(ends) == planned.low


def test_the_json_plan_has_its_documented_structure():
    plan = plan_of("cards", INCIDENT, "--start", "19:30")
    assert plan["schema"] == "methodengine-cards-plan" and plan["version"] == 1
    assert set(plan) == {
        "schema",
        "version",
        "recipe",
        "options",
        "group",
        "meeting",
        "roles",
        "everyone",
        "agenda",
        "phases",
        "totals",
        "trajectory",
        "dates",
        "cards",
    }
    assert plan["dates"] is None
    assert plan["options"] == {
        "language": "nl",
        "start": "19:30",
        "group": None,
        "rounds": None,
        "meeting": None,
        "extra": None,
        "only": ["overview", "phases", "checkpoint", "roles", "trajectory"],
    }
    first = plan["phases"][0]
    assert first["title"] == "Spelregels afspreken" and first["number"] == 1 and first["of"] == 12
    assert first["occurrences"] == [
        {
            "round": None,
            "optional": False,
            "start": {"low": 0, "high": 0},
            "end": {"low": 10, "high": 10},
            "next": [{"phase": 3, "title": "Incident kiezen", "round": None}],
            "clock": {"start": {"low": "19:30", "high": "19:30"}, "end": {"low": "19:40", "high": "19:40"}},
        }
    ]
    assert plan["totals"] == [
        {
            "meetings": {"low": 1, "high": 6},
            "minutes": {"low": 86, "high": 95},
            "clock": {"start": {"low": "19:30", "high": "19:30"}, "end": {"low": "20:56", "high": "21:05"}},
        }
    ]
    assert [c["kind"] for c in plan["cards"]] == ["overview"] + ["phase"] * 12 + ["role"] * 3 + ["trajectory"]
    # Documented field by field in docs/cards.md.
    doc = (ROOT / "docs" / "cards.md").read_text(encoding="utf-8")
    for key in [*plan, *first, *first["occurrences"][0], *plan["roles"][0], *plan["trajectory"]]:
        assert f"`{key}`" in doc, key


def test_group_makes_the_open_roles_count_and_per_person_times_exact():
    loose = plan_of("cards", INCIDENT)
    exact = plan_of("cards", INCIDENT, "--group", "6")
    deelnemer = next(r for r in exact["roles"] if r["id"] == "deelnemer")
    assert deelnemer["count"] == {"low": 4, "high": 4}
    advies = next(p for p in exact["phases"] if p["id"] == "advies")
    assert advies["minutes"] == {"low": 12, "high": 12}
    assert next(p for p in loose["phases"] if p["id"] == "advies")["minutes"] == {"low": 6, "high": 15}
    assert exact["totals"][0]["minutes"] == {"low": 92, "high": 92}
    out = ok("cards", INCIDENT, "--group", "6", "--start", "19:30")
    assert "om 20:30: Standpunten uitwisselen" in out
    assert "20:42-20:47" in out
    assert "Groep        6 personen (recept: 4-7)" in out


def test_without_counts_times_are_ranges():
    out = ok("cards", INCIDENT, "--start", "19:30")
    assert "· 20:30 tot ca. 20:36, uiterlijk 20:45" in out
    assert "· begint ca. 20:36, uiterlijk 20:45; klaar uiterlijk 20:50" in out  # not "20:36-20:45 tot 20:41-20:50"
    assert "tussen 20:56 en 21:05" in out
    assert "Deelnemer" in out and "2-5" in out


def test_an_open_role_without_a_group_is_the_rest_of_the_group():
    out = ok("cards", BACKSTAGE)
    assert "de rest van de groep" in out
    plan = plan_of("cards", BACKSTAGE)
    assert next(r for r in plan["roles"] if r["id"] == "deelnemer")["count"] is None
    plan = plan_of("cards", BACKSTAGE, "--group", "6")
    assert next(r for r in plan["roles"] if r["id"] == "deelnemer")["count"] == {"low": 4, "high": 5}


def test_rounds_repeat_phases_and_name_what_follows_each_round():
    out = ok("cards", BACKSTAGE, "--start", "19:30", "--meeting", "2")
    assert "Ronde 1: 19:45-19:55 · Ronde 2: 20:50-21:00" in out
    assert "ronde 2 alleen als die doorgaat" in out
    assert "Na ronde 1, om 20:50: “Probleem inbrengen” (ronde 2) of “Afsluiting”" in out
    assert "Na ronde 2, om 21:55: Afsluiting" in out
    exact = ok("cards", BACKSTAGE, "--start", "19:30", "--meeting", "2", "--rounds", "2")
    assert "alleen als die doorgaat" not in exact
    assert "Na ronde 1, om 20:50: Probleem inbrengen (ronde 2)\n" in exact
    assert "Einde van de bijeenkomst, om 22:00" in exact
    assert re.search(r"^ *Totaal +2,5 uur$", exact, re.M)  # as planned: one length, not "150 min van 150 min"


def test_meeting_gives_that_meetings_phases_and_names_its_stage():
    first = plan_of("cards", BACKSTAGE, "--meeting", "1")
    titles = [p["title"] for p in first["phases"]]
    assert "Kennismaking" in titles and "Terugkoppeling" not in titles
    assert first["phases"][0]["of"] == len(titles)
    later = plan_of("cards", BACKSTAGE, "--meeting", "3")
    assert "Terugkoppeling" in [p["title"] for p in later["phases"]]
    out = ok("cards", INSPIRATION, "--meeting", "5")
    assert "Bijeenkomst 5 van 10 · Nieuwe stappen zetten" in out
    assert "nu: bijeenkomst 5" in out
    plan = plan_of("cards", INSPIRATION, "--meeting", "5")
    assert plan["meeting"]["stage"]["id"] == "stappen"


def test_the_deck_of_an_open_series_plans_every_kind_of_meeting():
    out = ok("cards", PROGRESS)
    assert "Vanaf gesprek 2" in out and "Alleen in gesprek 1" in out
    assert "open: de reeks loopt door tot een beslismoment er een eind aan maakt" in out
    assert "Elk gesprek" in out
    plan = plan_of("cards", PROGRESS, "--meeting", "7")
    assert plan["phases"][0]["title"] == "Wat is er beter?"


def test_checkpoint_card_offers_continue_and_stop_to_each_deciding_role():
    out = ok("cards", PROGRESS, "--only", "checkpoint")
    assert out.startswith("Is een volgend gesprek zinvol?\n")
    assert "Beslismoment" in out
    assert re.search(r"^Cliënt +\[ \] Doorgaan +\[ \] Stoppen$", out, flags=re.M)
    assert re.search(r"^Coach +\[ \] Doorgaan +\[ \] Stoppen$", out, flags=re.M)
    english = ok("cards", PROGRESS, "--only", "checkpoint", "--lang", "en")
    assert "[ ] Continue   [ ] Stop" in english


def test_trajectory_card_lists_cadence_stages_and_extra_meetings():
    out = ok("cards", JOBCOACHING, "--only", "trajectory")
    for words in (
        "Traject",
        "Gesprekken  8",
        "om de 3 weken",
        "6 maanden",
        "Extra gesprekken",
        "Vrijblijvend intakegesprek",
        "Vóór gesprek 1. Is er",
        "Na gesprek 1; optioneel. Alleen",
        "3 maanden na het laatste gesprek; 1-2 keer, om de 3 maanden.",
        "Assessment                                                                 3 uur",
    ):
        assert words in out, words
    stages = ok("cards", INSPIRATION, "--only", "trajectory")
    assert "Etappes" in stages and "Reflectie op eigen functioneren" in stages and "bijeenkomsten 1-3" in stages


def test_role_cards_say_what_the_role_does_phase_by_phase():
    out = ok("cards", INCIDENT, "--only", "roles", "--start", "19:30")
    inbrenger = out.split("Inbrenger\n=========")[1].split("-" * 80)[0]
    assert "Brengt een recent incident uit het eigen werk in" in inbrenger
    assert re.search(r"^20:25 +7\. Standpunt bepalen +zit buiten de kring$", inbrenger, flags=re.M)
    assert re.search(r"^20:00 +5\. Informatieronde +luistert$", inbrenger, flags=re.M)


def test_only_picks_card_kinds():
    plan = plan_of("cards", PROGRESS, "--only", "roles,checkpoint")
    assert [c["kind"] for c in plan["cards"]] == ["checkpoint", "role", "role"]
    assert [c["kind"] for c in plan_of("cards", INCIDENT, "--only", "overview")["cards"]] == ["overview"]
    # A recipe without a trajectory has no trajectory card.
    assert plan_of("cards", PROGRESS, "--only", "phase")["cards"][0]["kind"] == "phase"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "kaartjes"], "no card kind 'kaartjes'"),  # rollen is Dutch for roles
        (["--only", ","], "name at least one card kind"),
        (["--format", "pfd"], "did you mean `pdf`?"),
        (["--start", "7 uur"], "not a time of day"),
        (["--start", "24:00"], "not a time of day"),
        (["--meeting", "7"], "the trajectory has 6 meetings"),
        (["--group", "1"], "at least 2 participants"),
        (["--group", "0"], "--group"),
        (["--paper", "a3"], "a3"),
        (["--lang", "de"], "de"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run("cards", INCIDENT, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_meeting_needs_a_trajectory(tmp_path):
    path = write(tmp_path, "recipe: X\nphase A (10 min)\n")
    result = run("cards", path, "--meeting", "1")
    assert result.exit_code == 2
    assert "single meeting" in result.stderr


def test_counts_outside_the_recipe_are_warned_about_but_printed():
    result = run("cards", INCIDENT, "--group", "9", "--only", "overview")
    assert result.exit_code == 0
    assert "--group 9 is outside the recipe's group of 4-7" in result.stderr
    assert "101 min, 11 min more than its 90 min" in result.stderr
    assert "101 min van de 90 min" in result.stdout
    result = run("cards", BACKSTAGE, "--rounds", "3", "--only", "overview")
    assert result.exit_code == 0 and "outside `Beurt van een inbrenger`'s 1-2 rounds" in result.stderr


def test_a_recipe_with_errors_exits_1_and_prints_no_cards(tmp_path):
    path = write(tmp_path, "recipe: Kapot\nduration: 60 min\nphase Vragen (50 min)\n  lead: voorziter\n")
    result = run("cards", path, "--format", "html")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "voorziter" in result.stderr


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
@pytest.mark.parametrize("recipe", [INCIDENT, BACKSTAGE], ids=["incident", "backstage"])
def test_every_format_is_deterministic(recipe, fmt):
    args = ("cards", recipe, "--format", fmt, "--start", "19:30")
    assert run(*args).stdout_bytes == run(*args).stdout_bytes


def test_markdown_cards(tmp_path):
    out = ok("cards", INCIDENT, "--format", "md", "--start", "19:30")
    assert out.startswith("# Incidentmethode\n")
    assert "## Fase 5 van 11: Informatieronde" in out
    assert "- **Vraag:** Welke feiten heb je nodig om de situatie te begrijpen?" in out
    assert "> Volgende fase, om 20:15: Analyse" in out
    assert "\n\n\n" not in out


HOSTILE = """\
recipe: Tom & Jerry's "beste" <script>alert('titel')</script>
language: nl
summary: A & B <b>vet</b> "quotes" en 'apostrof'
role deelnemer: <img src=x onerror=alert(1)>
  brief: Zegt "hallo" & <i>doet</i> iets.
phase <script>alert</script> & "fase" (10 min)
  speak: deelnemer
  say: Zeg <script>document.cookie</script> & "dit" of 'dat'
  tip: 1. niet als lijst *ster* _laag_ [link](http://example.com) # kop
"""


def test_html_escapes_recipe_text(tmp_path):
    path = write(tmp_path, HOSTILE)
    html = ok("cards", path, "--format", "html")
    assert "<script" not in html.lower()
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert&lt;/script&gt; &amp; &#34;fase&#34;" in html
    assert "Zeg &lt;script&gt;document.cookie&lt;/script&gt; &amp; &#34;dit&#34; of &#39;dat&#39;" in html
    assert "Tom &amp; Jerry&#39;s &#34;beste&#34;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Zegt &#34;hallo&#34; &amp; &lt;i&gt;doet&lt;/i&gt; iets." in html


def test_markdown_escapes_recipe_text(tmp_path):
    path = write(tmp_path, HOSTILE)
    md = ok("cards", path, "--format", "md")
    text = "\n".join(line for line in md.splitlines() if not line.startswith("> "))  # the foot is a quote
    assert re.findall(r"(?<!\\)[<>]", text) == []  # every angle bracket is escaped
    assert r'\<script\>alert\</script\> & "fase"' in md
    assert r"\*ster\* \_laag\_ \[link\](http://example.com)" in md


def test_html_is_self_contained():
    html = ok("cards", BACKSTAGE, "--format", "html", "--start", "19:30")
    lowered = html.lower()
    for outside in ("http:", "https:", "url(", "@import", "<link", "<script", "@font-face", "src="):
        assert outside not in lowered, outside
    assert html.count('<section class="card ') == 15  # 14 cards; the A6 overview continues on a second
    assert "@page { size: 105mm 148mm; margin: 0; }" in html
    assert '<html lang="nl">' in html


@pytest.mark.parametrize(("paper", "size"), [("a6", "105mm 148mm"), ("a5", "148mm 210mm"), ("a4", "210mm 297mm")])
def test_paper_sets_the_page_size(paper, size):
    html = ok("cards", PROGRESS, "--format", "html", "--paper", paper)
    assert f"@page {{ size: {size}; margin: 0; }}" in html


def test_pdf_is_never_written_to_a_terminal(monkeypatch):
    import methodengine.commands.cards as command

    monkeypatch.setattr(command, "_stdout_is_a_terminal", lambda: True)
    result = run("cards", PROGRESS, "--format", "pdf")
    assert result.exit_code == 2
    assert "binary" in result.stderr and "-o FILE" in result.stderr
    assert result.stdout_bytes == b""


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        ("en", "PDF cards need WeasyPrint, which cannot be loaded here: ", "hint: pip install 'methodengine[pdf]'"),
        ("nl", "voor kaarten als pdf is WeasyPrint nodig, en dat kan hier niet worden geladen: ", "(en Pango, zie"),
    ],
)
def test_pdf_without_weasyprint_says_how_to_install_it_and_exits_2(monkeypatch, tmp_path, lang, message, hint):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` raises ModuleNotFoundError
    result = run("--lang", lang, "cards", PROGRESS, "-o", tmp_path / "kaarten.pdf")
    assert result.exit_code == 2, result.output
    assert message + "ModuleNotFoundError" in result.stderr and hint in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "kaarten.pdf").exists()


def test_pdf_goes_to_a_pipe_or_a_file(tmp_path):
    result = run("cards", PROGRESS, "--format", "pdf")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")
    target = tmp_path / "kaarten.pdf"
    ok("cards", PROGRESS, "-o", target)  # the extension chooses the format
    assert target.read_bytes() == result.stdout_bytes


def test_output_file_is_written_whole_and_its_extension_chooses_the_format(tmp_path):
    target = tmp_path / "kaarten.md"
    assert ok("cards", INCIDENT, "-o", target) == ""
    assert target.read_text(encoding="utf-8").startswith("# Incidentmethode\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaarten.md"]
    (tmp_path / "plan.json").write_text("oud", encoding="utf-8")
    ok("cards", INCIDENT, "-o", tmp_path / "plan.json")
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["schema"] == "methodengine-cards-plan"
    ok("cards", INCIDENT, "--format", "text", "-o", tmp_path / "x")
    assert (tmp_path / "x").read_text(encoding="utf-8").startswith("Incidentmethode\n====")
    (tmp_path / "x.html").write_text("mine", encoding="utf-8")  # text into a .html would open as garbage
    assert run("cards", INCIDENT, "--format", "text", "-o", tmp_path / "x.html").exit_code == 2
    assert (tmp_path / "x.html").read_text(encoding="utf-8") == "mine"


def test_unwritable_output_is_a_usage_error(tmp_path):
    result = run("cards", INCIDENT, "-o", tmp_path / "bestaat-niet" / "kaarten.txt")
    assert result.exit_code == 2


# ---------------------------------------------------------------- templates and plugins


def test_user_templates_override_the_built_in_ones(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "phase.txt").write_text("FASE {{ card.data.number }}: {{ card.title }}\n", encoding="utf-8")
    out = ok("cards", INCIDENT, "--templates", tmp_path)
    assert "FASE 6: Informatieronde\n" in out
    assert out.startswith("Incidentmethode\n")  # the overview still uses the built-in card


def test_user_html_templates_are_escaped_sandboxed_and_strict(tmp_path):
    recipe = write(tmp_path, HOSTILE)
    templates = tmp_path / "templates"
    (templates / "html").mkdir(parents=True)
    card = templates / "html" / "card.html"
    card.write_text("<p>{{ card.title }}</p>\n", encoding="utf-8")
    html = ok("cards", recipe, "--format", "html", "--templates", templates)
    assert "<p>&lt;script&gt;alert&lt;/script&gt; &amp; &#34;fase&#34;</p>" in html

    # A broken template of yours is an error in your input, as a broken recipe is: exit 1.
    card.write_text("{{ f.__class__.__init__.__globals__ }}\n", encoding="utf-8")
    result = run("cards", recipe, "--format", "html", "--templates", templates)
    assert result.exit_code == 1
    assert "template error" in result.stderr and "unsafe" in result.stderr

    card.write_text("{{ card.no_such_thing }}\n", encoding="utf-8")
    result = run("cards", recipe, "--format", "html", "--templates", templates)
    assert result.exit_code == 1
    assert "template error" in result.stderr and "no_such_thing" in result.stderr

    card.write_text("{% if %}\n", encoding="utf-8")
    result = run("cards", recipe, "--format", "html", "--templates", templates)
    assert result.exit_code == 1
    assert "html/card.html:1" in result.stderr


class _CardPlugin:
    def __init__(self, templates: Path) -> None:
        self.templates = templates

    @hookimpl
    def card_templates(self):  # type: ignore[no-untyped-def]
        return self.templates

    @hookimpl
    def output_formats(self):  # type: ignore[no-untyped-def]
        def agenda(request):  # type: ignore[no-untyped-def]
            plan = request.plan
            assert isinstance(plan, MeetingPlan) and "plan" not in request.options
            rows = [f"{p.number};{p.title};{p.minutes.low}" for p in plan.phases]
            return f"# {request.recipe.title} ({request.language})\n" + "\n".join(rows) + "\n"

        def badge(request):  # type: ignore[no-untyped-def]
            return b"\x89BADGE"

        return [
            OutputFormat("csv", "the agenda as CSV", render=agenda, extension="csv"),
            OutputFormat("badge", "a binary badge", render=badge, binary=True, extension="bdg"),
        ]


@pytest.fixture
def card_plugin(tmp_path, monkeypatch):
    import methodengine.hooks.manager as plugins

    templates = tmp_path / "plugin-templates"
    (templates / "text").mkdir(parents=True)
    (templates / "text" / "role.txt").write_text("ROL {{ card.title }}\n", encoding="utf-8")
    loaded = plugins.load_plugins([_CardPlugin(templates)], entry_points=False)
    monkeypatch.setattr(plugins, "_default", [loaded])
    return templates


def test_a_plugin_reading_the_plan_by_keys_still_works_for_one_release():
    recipe = resolve(methodengine.load(INCIDENT)).recipe
    plan = plan_meeting(recipe, CardOptions(start=19 * 60 + 30))
    with pytest.warns(DeprecationWarning, match="typed MeetingPlan"):
        phases = plan["phases"]
    assert phases == plan.to_data()["phases"] and phases[0]["occurrences"][0]["clock"]["start"]["low"] == "19:30"


def test_plugins_add_formats_and_templates(card_plugin, tmp_path, monkeypatch):
    out = ok("cards", INCIDENT, "--format", "csv")
    assert out.splitlines()[:2] == ["# Incidentmethode (nl)", "1;Spelregels afspreken;10"]
    assert ok("cards", INCIDENT, "-o", tmp_path / "agenda.csv") == ""
    assert (tmp_path / "agenda.csv").read_text(encoding="utf-8") == out
    assert out == ok("cards", INCIDENT, "--format", "csv", "--start-date", "2027-01-11")
    assert "ROL Deelnemer\n" in ok("cards", INCIDENT, "--only", "roles")
    # A user's templates come before a plugin's.
    user = tmp_path / "mine"
    (user / "text").mkdir(parents=True)
    (user / "text" / "role.txt").write_text("MIJN {{ card.title }}\n", encoding="utf-8")
    assert "MIJN Deelnemer\n" in ok("cards", INCIDENT, "--only", "roles", "--templates", user)
    # A binary plugin format is never written to a terminal either.
    assert run("cards", INCIDENT, "--format", "badge").stdout_bytes == b"\x89BADGE"
    import methodengine.commands.cards as command

    monkeypatch.setattr(command, "_stdout_is_a_terminal", lambda: True)
    assert run("cards", INCIDENT, "--format", "badge").exit_code == 2


# ---------------------------------------------------------------- translations and start-up


def _msgids() -> set[str]:
    root = ROOT / "src" / "methodengine" / "output" / "cards"
    found: set[str] = set()
    single = re.compile(r'(?:\b_|\bgettext)\(\s*"((?:[^"\\]|\\.)*)"')
    plural = re.compile(r'ngettext\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')
    # A module that imports ``_`` from methodengine.i18n says messages with it (the reader's language,
    # checked by test_i18n_catalogues); its labels are the Formatter's ``gettext``.
    said = re.compile(r"^from methodengine\.i18n import .*\b(_|ngettext)\b", re.M)
    labels = re.compile(r'\bgettext\(\s*"((?:[^"\\]|\\.)*)"')
    for path in [*root.rglob("*.py"), *(root / "templates").rglob("*.*"), root.parent / "localiser.py"]:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py" and said.search(text):
            found |= {m[1] for m in labels.finditer(text)}
            continue
        found |= {m[1] for m in single.finditer(text)}
        found |= {m[1] for m in plural.finditer(text)}
    return found


def _translated(domain: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    from methodengine.i18n import catalog_path

    with catalog_path("nl", domain).open("rb") as f:
        catalog = read_po(f, locale="nl")
    return {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog if m.id}


def test_every_label_has_a_dutch_translation():
    cards, common = _translated("cards"), _translated("common")
    used = _msgids()
    assert len(used) > 60
    missing = sorted(m for m in used if not (cards.get(m) or common.get(m)))
    assert missing == []
    unused = sorted(set(cards) - used)
    assert unused == []


def test_a_phrase_cards_and_schedule_share_is_translated_once():
    cards, schedule, common = _translated("cards"), _translated("schedule"), _translated("common")
    # Every shared phrase is in common.po alone: the cards and the schedule say it alike ("om de 3 weken").
    assert sorted((set(cards) & set(schedule)) | (set(cards) & set(common))) == []
    assert set(schedule) & set(common) == set()
    localiser = ROOT / "src" / "methodengine" / "output" / "localiser.py"
    schedule_words = (ROOT / "src" / "methodengine" / "output" / "schedule" / "words.py").read_text(encoding="utf-8")
    for message in common:
        shared = message in _msgids() and f'"{message}"' in schedule_words
        assert shared or f'"{message}"' in localiser.read_text(encoding="utf-8"), message


def test_cards_options_need_no_template_engine_for_check():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from methodengine.cli import main\n"
        f"result = CliRunner().invoke(main, ['check', {str(INCIDENT)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('jinja2', 'babel', 'weasyprint', 'markupsafe', 'dateutil', 'icalendar')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy"
        " or m.startswith(('methodengine.cards', 'methodengine.schedule'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_card_options_object_defaults():
    options = CardOptions()
    assert options.language == "nl" and options.paper == "a6" and options.start is None
    recipe = resolve(methodengine.load(PROGRESS)).recipe
    plan = build_plan(recipe, options)
    assert plan["recipe"]["method_names"] is None
    assert plan["recipe"]["source"] == "Coert Visser, Iedere sessie kan de laatste zijn (2014)"
