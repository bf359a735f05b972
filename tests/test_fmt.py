"""`methodengine fmt`: the canonical layout, keywords in one language, and a recipe that still means the same.

What a trainer relies on: ``fmt`` never changes what a recipe means (the
model, and the plan the cards are made from, stay the same, whichever
language the keywords are written in), running it twice changes nothing
the second time, comments survive, ``--check`` writes nothing and says
with its exit code whether anything would change, and a file with errors is
never touched.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from _cli import run, runner
from _mutations import mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import methodengine
from methodengine.cli import main
from methodengine.errors import RecipeError
from methodengine.language import _fmt_words
from methodengine.language.formatting import format_recipe
from methodengine.language.keys import AT, BOOL, KEYWORD_SPELLINGS, PERIOD, ROLES, SPELLINGS, TEXT, WHEN

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "recipes").glob("*.mth"))
BASE_RECIPES = sorted((ROOT / "plugins" / "methodengine_methods").glob("*.mth"))
TROIKA = ROOT / "examples" / "methodengine-troika" / "src" / "methodengine_troika" / "troika.mth"
BUNDLED = [*RECIPES, *BASE_RECIPES, TROIKA]
_IGNORED = frozenset({"position", "per_position", "field_positions", "path", "keyword_language"})


def meaning(recipe: methodengine.Recipe) -> Any:
    """Everything a recipe says, as plain data: what it means, not where or in which keywords it was written."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _IGNORED}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    return strip(attrs.asdict(recipe, recurse=True))


# --------------------------------------------------------------------------- the layout


MESSY = """\
# A recipe as a trainer might leave it.

recipe: Intervisie
duration: 90 min
method: incident
group: 4-7


role   voorzitter: Gespreksleider
    brief: Bewaakt de stappen.
    count: 1
role inbrenger: Inbrenger
    count: 1
phase Vragen   (15 min)
    # the questions come first
    ask: Wat is er gebeurd?
    lead: voorzitter
    say: Alleen vragen.
    x-kleur: blauw
    do: Schrijf de vragen op.
    id: vragen
rounds 1-2: Beurt
    when: from meeting 2
    phase Inbreng (10 min)
        speak: inbrenger
        tip: Kort houden,
           en concreet.
    id: beurt
trajectory
    meetings: 4
    every: 6 weeks
# the end
"""

EXPECTED = """\
# A recipe as a trainer might leave it.

recipe: Intervisie
method: incident
group: 4-7
duration: 90 min

role voorzitter: Gespreksleider
  count: 1
  brief: Bewaakt de stappen.

role inbrenger: Inbrenger
  count: 1

phase Vragen (15 min)
  id: vragen
  lead: voorzitter
  # the questions come first
  ask: Wat is er gebeurd?
  say: Alleen vragen.
  do: Schrijf de vragen op.
  x-kleur: blauw

rounds 1-2: Beurt
  id: beurt
  when: from meeting 2
  phase Inbreng (10 min)
    speak: inbrenger
    tip: Kort houden,
      en concreet.

trajectory
  meetings: 4
  every: 6 weeks
# the end
"""


def test_the_canonical_layout() -> None:
    assert format_recipe(MESSY) == EXPECTED
    assert meaning(methodengine.parse(EXPECTED)) == meaning(methodengine.parse(MESSY))
    assert methodengine.parse(EXPECTED).agenda[0].extra == {"x-kleur": "blauw"}


def test_the_canonical_layout_is_left_as_it_is() -> None:
    assert format_recipe(EXPECTED) == EXPECTED


def test_crlf_and_a_byte_order_mark_become_plain_lines() -> None:
    text = "\ufeff" + EXPECTED.replace("\n", "\r\n")
    assert format_recipe(text) == EXPECTED


def test_a_comment_inside_a_text_stays_inside_it() -> None:
    text = "recipe: X\nsummary: Een\n  # between the lines\n  twee\nphase P (5 min)\n"
    assert format_recipe(text) == "recipe: X\nsummary: Een\n  # between the lines\n  twee\n\nphase P (5 min)\n"


def test_a_comment_at_the_end_of_a_block_keeps_its_depth_at_the_end_of_the_file() -> None:
    text = "recipe: X\n\nphase P (5 min)\n    say: Hallo\n    # still about the phase\n"
    assert format_recipe(text) == "recipe: X\n\nphase P (5 min)\n  say: Hallo\n  # still about the phase\n"


# --------------------------------------------------------------------------- one language


MIXED = """\
recipe: Gemengd
taal: nl
duur: 2,5 uur

rol inbrenger: Inbrenger
  count: 1
  begeleider: nee

role coach: Coach
  aantal: 1
  facilitator: yes

fase Terugblik (1 uur per inbrenger)
  wanneer: from meeting 2, tot en met bijeenkomst 3
  spreekt: everyone
  let op: Blijft het bij feiten?

trajectory
  bijeenkomsten: 4
  elke: 1 maand
  meeting intake: Intake (60 minuten)
    at: 2 weeks before meeting 1
"""

DUTCH = """\
recept: Gemengd
taal: nl
duur: 2,5 uur

rol inbrenger: Inbrenger
  aantal: 1
  begeleider: nee

rol coach: Coach
  aantal: 1
  begeleider: ja

fase Terugblik (1 uur per inbrenger)
  spreekt: iedereen
  wanneer: vanaf bijeenkomst 2, tot en met bijeenkomst 3
  let op: Blijft het bij feiten?

traject
  bijeenkomsten: 4
  elke: 1 maand
  bijeenkomst intake: Intake (60 minuten)
    moment: 2 weken voor bijeenkomst 1
"""

ENGLISH = """\
recipe: Gemengd
language: nl
duration: 2,5 hours

role inbrenger: Inbrenger
  count: 1
  facilitator: no

role coach: Coach
  count: 1
  facilitator: yes

phase Terugblik (1 hour per inbrenger)
  speak: everyone
  when: from meeting 2, until meeting 3
  watch: Blijft het bij feiten?

trajectory
  meetings: 4
  every: 1 month
  meeting intake: Intake (60 minutes)
    at: 2 weeks before meeting 1
"""


def test_a_mixed_recipe_comes_out_in_the_language_most_of_it_is_in() -> None:
    assert format_recipe(MIXED) == DUTCH  # more Dutch keywords than English ones


@pytest.mark.parametrize(("language", "expected"), [("nl", DUTCH), ("en", ENGLISH)])
def test_lang_writes_every_keyword_key_and_value_word_in_that_language(language: str, expected: str) -> None:
    assert format_recipe(MIXED, language) == expected
    assert meaning(methodengine.parse(expected)) == meaning(methodengine.parse(MIXED))


def test_titles_names_ids_and_texts_are_never_translated() -> None:
    text = (
        "recipe: Na de zomer\nrole na: Before\nphase Everyone after meeting (5 min per na)\n  speak: na\n  say: yes\n"
    )
    assert format_recipe(text, "nl") == (
        "recept: Na de zomer\n\nrol na: Before\n\n"
        "fase Everyone after meeting (5 min per na)\n  spreekt: na\n  zeg: yes\n"
    )


def test_per_everyone_is_a_word_of_the_language_and_per_a_role_is_an_id() -> None:
    text = "recipe: X\ngroup: 4\nrole na: Na\nphase A (1 min per everyone)\nphase B (2 min per na)\n"
    dutch = format_recipe(text, "nl")
    assert "fase A (1 min per iedereen)" in dutch and "fase B (2 min per na)" in dutch
    assert format_recipe(dutch, "en") == format_recipe(text, "en")
    assert meaning(methodengine.parse(dutch)) == meaning(methodengine.parse(text))


def test_a_meeting_word_of_the_recipe_is_kept_in_dutch() -> None:
    text = (
        "recipe: X\nphase P (5 min)\n  wanneer: gesprek 1\n"
        "trajectory\n  meetings: 3\n  meeting a: A\n    at: after last meeting\n"
    )
    assert format_recipe(text, "nl") == (
        "recept: X\n\nfase P (5 min)\n  wanneer: gesprek 1\n\ntraject\n  gesprekken: 3\n"
        "  gesprek a: A\n    moment: na laatste gesprek\n"
    )


# --------------------------------------------------------------------------- every bundled recipe, both ways


def _fmt(text: str, language: str | None = None) -> str:
    """``methodengine fmt [--lang L] -``: the command, on standard input."""
    args = ["fmt", "-"] + (["--lang", language] if language else [])
    result = runner().invoke(main, args, input=text, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _plan(path: Path) -> Any:
    """The plan the cards are made from (`cards --format json`), in one language, for the recipe at ``path``."""
    if path == TROIKA or path.parent.name == "tmp-troika":  # its method is a plugin this checkout does not install
        from methodengine.planning.options import CardOptions

        return methodengine.plan_meeting(methodengine.load(path), CardOptions(language="en")).to_data()
    result = run("cards", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_bundled_recipe_in_either_language_gives_the_same_plan(path: Path, language: str, tmp_path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    translated = _fmt(original, language)
    folder = tmp_path / ("tmp-troika" if path == TROIKA else "recipes")
    folder.mkdir()
    copy = folder / path.name
    copy.write_text(translated, encoding="utf-8")
    assert _plan(copy) == _plan(path)
    assert meaning(methodengine.parse(translated)) == meaning(methodengine.parse(original))


def _parses(text: str) -> methodengine.Recipe | None:
    try:
        return methodengine.parse(text)
    except RecipeError:
        return None


def _docs_examples() -> list[tuple[str, str]]:
    """Every ``mth`` example of the docs that is a whole recipe (some show a mistake, on purpose)."""
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]:
        for number, text in enumerate(re.findall(r"```mth\n(.*?)```", page.read_text(encoding="utf-8"), re.S), 1):
            if _parses(text) is not None:
                found.append((f"{page.relative_to(ROOT).as_posix()}#{number}", text))
    return found


DOCS_EXAMPLES = _docs_examples()


def test_the_docs_have_examples_to_translate() -> None:
    assert len(DOCS_EXAMPLES) >= 40


@pytest.mark.parametrize(("name", "text"), DOCS_EXAMPLES, ids=[name for name, _ in DOCS_EXAMPLES])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_docs_example_in_either_language_means_the_same(name: str, text: str, language: str) -> None:
    from methodengine.planning.options import CardOptions

    translated = format_recipe(text, language)
    assert meaning(methodengine.parse(translated)) == meaning(methodengine.parse(text))
    options = CardOptions(language="en")
    plan = methodengine.plan_meeting(methodengine.parse(text), options).to_data()
    assert methodengine.plan_meeting(methodengine.parse(translated), options).to_data() == plan


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_a_recipe_goes_to_english_and_back_byte_for_byte(path: Path) -> None:
    dutch = _fmt(_fmt(path.read_text(encoding="utf-8"), "nl"), "nl")
    english = _fmt(dutch, "en")
    assert _fmt(english, "nl") == dutch
    assert _fmt(_fmt(english, "nl"), "en") == english


def test_the_bundled_recipes_are_in_the_canonical_layout_and_dutch_keywords() -> None:
    result = run("fmt", "--check", "--lang", "nl", *RECIPES, *BASE_RECIPES)
    assert result.exit_code == 0, result.stdout
    assert methodengine.load(TROIKA).keyword_language == "en"  # the English example plugin keeps English


@pytest.mark.parametrize("method", ["incident", "backstage", "inspiration", "jobcoaching", "progress"])
def test_new_hands_out_dutch_keywords(method: str) -> None:
    result = run("new", method, "-o", "-")
    assert result.exit_code == 0, result.output
    recipe = methodengine.parse(result.stdout)
    assert recipe.keyword_language == "nl"
    assert result.stdout.startswith("#") and "\nrecept: " in result.stdout


# --------------------------------------------------------------------------- the command


def test_check_names_the_files_that_would_change_and_exits_1(tmp_path: Path) -> None:
    messy = tmp_path / "messy.mth"
    messy.write_text(MESSY, encoding="utf-8")
    tidy = tmp_path / "tidy.mth"
    tidy.write_text(EXPECTED, encoding="utf-8")
    before = messy.stat().st_mtime_ns
    result = run("fmt", "--check", messy, tidy)
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.stdout
    assert str(tidy) not in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY and messy.stat().st_mtime_ns == before


def test_check_of_formatted_files_exits_0(tmp_path: Path) -> None:
    tidy = tmp_path / "tidy.mth"
    tidy.write_text(EXPECTED, encoding="utf-8")
    result = run("fmt", "--check", tidy)
    assert result.exit_code == 0
    assert "would reformat" not in result.stdout


def test_fmt_rewrites_only_the_files_that_change(tmp_path: Path) -> None:
    messy = tmp_path / "messy.mth"
    messy.write_text(MESSY, encoding="utf-8")
    tidy = tmp_path / "tidy.mth"
    tidy.write_text(EXPECTED, encoding="utf-8")
    os.utime(tidy, ns=(1_000_000_000, 1_000_000_000))
    result = run("fmt", messy, tidy)
    assert result.exit_code == 0, result.output
    assert messy.read_text(encoding="utf-8") == format_recipe(MESSY)
    assert tidy.stat().st_mtime_ns == 1_000_000_000
    assert "1 file reformatted, 1 file left unchanged" in result.stdout
    assert run("fmt", "--check", messy).exit_code == 0


def test_a_file_that_does_not_parse_is_left_untouched_with_its_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mth"
    text = "recipe: X\nphase Vragen (15 minuts)\n    say: Hallo\n"
    broken.write_text(text, encoding="utf-8")
    tidy = tmp_path / "tidy.mth"
    tidy.write_text(MESSY, encoding="utf-8")
    result = run("fmt", broken, tidy)
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(broken))}:2:\d+: error: ", result.stderr)
    assert "^" in result.stderr  # the line and a caret, as `check` shows it
    assert broken.read_text(encoding="utf-8") == text
    assert tidy.read_text(encoding="utf-8") == EXPECTED  # the other file is still formatted
    assert "1 file reformatted, 0 files left unchanged, 1 file with errors, not rewritten" in result.stdout


def test_a_recipe_that_parses_is_formatted_whatever_check_says_of_it(tmp_path: Path) -> None:
    # An undefined role is check's business; fmt only needs a recipe it can read.
    path = tmp_path / "rol.mth"
    path.write_text("recept: X\nrol a: A\nfase A (5 min)\n  spreekt: b\n", encoding="utf-8")
    result = run("fmt", "--lang", "en", path)
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == "recipe: X\n\nrole a: A\n\nphase A (5 min)\n  speak: b\n"


def test_a_file_that_cannot_be_read_is_a_usage_error(tmp_path: Path) -> None:
    result = run("fmt", tmp_path / "missing.mth")
    assert result.exit_code == 2
    assert "missing.mth" in result.stderr


def test_standard_input_goes_to_standard_output() -> None:
    result = runner().invoke(main, ["fmt", "-"], input=MESSY, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == EXPECTED
    assert "1 file reformatted" in result.stderr


def test_the_messages_are_in_the_users_language(tmp_path: Path) -> None:
    messy = tmp_path / "messy.mth"
    messy.write_text(MESSY, encoding="utf-8")
    result = runner().invoke(main, ["fmt", "--check", str(messy)], env={"METHODENGINE_LANG": "nl"})
    assert result.exit_code == 1
    assert f"zou {messy} herschrijven" in result.stdout


@pytest.mark.parametrize("asked", [["--lang", "en"], ["--lang=en"]])
def test_fmts_lang_chooses_the_keywords_not_the_language_it_talks(tmp_path: Path, asked: list[str]) -> None:
    # A Dutch user who asks for English keywords is still told in Dutch what happened.
    messy = tmp_path / "messy.mth"
    messy.write_text(MESSY, encoding="utf-8")
    result = runner().invoke(main, ["fmt", *asked, "--check", str(messy)], env={"METHODENGINE_LANG": "nl"})
    assert f"zou {messy} herschrijven" in result.stdout
    english = runner().invoke(main, ["--lang", "en", "fmt", "--lang", "nl", "--check", str(messy)])
    assert f"would reformat {messy}" in english.stdout


# --------------------------------------------------------------------------- properties


@st.composite
def relaid(draw: st.DrawFn, text: str) -> str:
    """A recipe written again as a careless trainer might: another indent width, blank lines, comments, spellings.

    Each content line keeps its level (so the recipe means the same); keys, keywords and
    value words may be spelt in either language, and comments and blank lines come and go.
    """
    width = draw(st.sampled_from([1, 2, 3, 4, 8]))
    out: list[str] = []
    text_level = -1  # the level of the text whose continuation lines follow, if any
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        level = (len(line) - len(stripped)) // 2
        if stripped and not stripped.startswith("#") and (text_level < 0 or level <= text_level):
            text_level = -1
            stripped = _respelt(stripped, draw)
            key = SPELLINGS.get(stripped.partition(":")[0])
            if key is not None and key.kind is TEXT:
                text_level = level
        if draw(st.integers(0, 9)) == 0:
            out.append(" " * (width * level) + "# " + draw(st.sampled_from(["note", "zie hieronder", "x: y"])))
        if draw(st.integers(0, 9)) == 0:
            out.append("")
        out.append(" " * (width * level) + stripped if stripped else "")
    return "\n".join(out)


def _respelt(line: str, draw: st.DrawFn) -> str:
    """A line with its key or keyword (and a typed value's words) in another spelling of the same meaning, maybe."""
    head, colon, rest = line.partition(":")
    key = SPELLINGS.get(head) if colon else None
    if key is not None:
        if key.kind in (WHEN, AT, BOOL, ROLES, PERIOD) and draw(st.booleans()):
            language = draw(st.sampled_from(["nl", "en"]))
            if key.kind is ROLES:
                rest = ",".join(_fmt_words.everyone(part.strip(), language) for part in rest.split(","))
            else:
                rest = _fmt_words.words(rest, language, draw(st.sampled_from(["bijeenkomst", "gesprek"])))
        return draw(st.sampled_from([s for s in (key.name, key.dutch, *key.spellings) if s])) + colon + rest
    for spelling, keyword in KEYWORD_SPELLINGS.items():
        if line.startswith(spelling + " ") or line == spelling:
            others = [s for s, k in KEYWORD_SPELLINGS.items() if k == keyword]
            return draw(st.sampled_from(others)) + line[len(spelling) :]
    return line


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fmt_is_idempotent_and_keeps_the_meaning(path: Path, data: st.DataObject) -> None:
    original = path.read_text(encoding="utf-8")
    text = data.draw(relaid(original) | mutated(original), label="text")
    recipe = _parses(text)
    if recipe is None:
        return  # a mutation that broke the recipe: fmt leaves such files alone (tested above)
    language = data.draw(st.sampled_from([None, "nl", "en"]), label="language")
    once = format_recipe(text, language)
    assert format_recipe(once, language) == once
    assert meaning(methodengine.parse(once)) == meaning(recipe)
    assert _comments(once) == _comments(text)


def _comments(text: str) -> list[str]:
    """Every comment of a recipe, in any order (a key moved in the layout takes its comment along)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = (line.lstrip(" \t\u200b\u2060\ufeff").lstrip() for line in lines)
    return sorted(line.rstrip() for line in found if line.startswith("#"))
