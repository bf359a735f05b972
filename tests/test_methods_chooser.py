"""``methods --group N --minutes M``: a trainer picks a method by the group and the time they have.

The expected lists are computed here from the installed methods' base
recipes with the public timing API (``planned_minutes``, ``role_counts``)
and the length a base recipe states (``duur:``), not written down, so the
tests hold as methods are added.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner, Result

from methodengine import Method, Range, hookimpl, load_plugins, parse, planned_minutes, role_counts
from methodengine.cli import main
from methodengine.hooks import manager as plugin_module
from methodengine.planning.timing import meeting_numbers

FIXED = """\
recept: Vaste tijd
taal: nl
duur: 20 min

rol voorzitter: Voorzitter
  aantal: 1

rol deelnemer: Deelnemer

fase Opening (10 min)
  spreekt: iedereen

fase Rondje (3 min per deelnemer)
  spreekt: deelnemer
"""
"""A base recipe with a time box per participant: 10 min, and 3 min for each member besides the chair."""


class _Sized:
    """A plugin with a method for groups of 6 to 9 and one that states no size, both timed by ``FIXED``."""

    @hookimpl
    def register_methods(self) -> list[Method]:
        def method(ident: str, size: Range | None) -> Method:
            return Method(
                id=ident,
                names={"nl": f"Methode {ident}", "en": f"Method {ident}"},
                summary={"en": "A method to choose.", "nl": "Een methode om te kiezen."},
                source="The test's own",
                base_recipe=FIXED.replace("Vaste tijd", ident),
                group_size=size,
            )

        return [method("sized", Range(6, 9)), method("unsized", None)]


def _methods(monkeypatch: pytest.MonkeyPatch, *args: object, own: bool = False) -> Result:
    """``methodengine methods ARGS`` with the built-ins only, or with ``_Sized`` only when ``own``."""
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    loaded = [load_plugins([_Sized()], builtins=False, entry_points=False)] if own else []
    monkeypatch.setattr(plugin_module, "_default", loaded)
    return CliRunner().invoke(main, ["methods", *map(str, args)], catch_exceptions=False)


def _installed() -> dict[str, Method]:
    return load_plugins(entry_points=False).methods()


def _planned(method: Method, group: int | None) -> Range:
    """The base recipe's planned time for a group, from its shortest meeting to its longest."""
    recipe = parse(method.base_recipe)
    counts = role_counts(recipe, Range.of(group) if group is not None else None)
    times = [planned_minutes(recipe, meeting, counts) for meeting in meeting_numbers(recipe)]
    return Range(min(t.low for t in times), max(t.high for t in times))


def _takes(method: Method, group: int | None) -> Range:
    """What a meeting takes: the planned time, but not less than the length the base recipe states."""
    planned = _planned(method, group)
    stated = parse(method.base_recipe).duration
    if stated is None:
        return planned
    return Range(max(planned.low, stated.minutes.low), max(planned.high, stated.minutes.high))


def _room(method: Method) -> tuple[int, int | None]:
    """The fewest and most members the base recipe's roles take: counted roles, an open one at least 1 (no most)."""
    members = [role for role in parse(method.base_recipe).roles if not role.facilitator]
    counts = [role.count for role in members if role.count is not None]
    is_open = len(counts) < len(members) or not members
    return sum(c.low for c in counts) + is_open, None if is_open else sum(c.high for c in counts)


def _fits_group(method: Method, group: int | None) -> bool:
    size, (least, most) = method.group_size, _room(method)
    by_roles = group is None or (least <= group and (most is None or group <= most))
    return by_roles and (group is None or size is None or group in size)


def _fits(method: Method, group: int | None, minutes: int | None) -> bool:
    return _fits_group(method, group) and (minutes is None or _takes(method, group).low <= minutes)


def test_a_group_of_12_in_90_minutes_gets_exactly_the_methods_that_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _methods(monkeypatch, "--group", 12, "--minutes", 90, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    installed = _installed()
    expected = {ident for ident, method in installed.items() if _fits(method, 12, 90)}
    assert {row["id"] for row in rows} == expected
    assert expected and expected != set(installed), "some installed methods fit and some do not"
    for row in rows:
        planned, takes = _planned(installed[row["id"]], 12), _takes(installed[row["id"]], 12)
        assert row["planned"] == {"low": planned.low, "high": planned.high, "group": {"low": 12, "high": 12}}
        assert row["takes"] == {"low": takes.low, "high": takes.high}
        assert row["past_minutes"] is (takes.high > 90)
        assert row["summary"] == installed[row["id"]].summary_in("en") and row["source"]


def test_a_group_the_base_recipes_roles_cannot_hold_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A coaching conversation (one client, every role counted) is not for 12; a chair and a case-giver need 3."""
    installed = _installed()
    rooms = {ident: _room(method) for ident, method in installed.items()}
    closed = [ident for ident, (_least, most) in rooms.items() if most is not None]
    assert closed and any(least > 1 for least, _most in rooms.values())
    for group in (1, 2, 3, 12):
        rows = json.loads(_methods(monkeypatch, "--group", group, "--json").output)
        assert {r["id"] for r in rows} == {i for i, m in installed.items() if _fits_group(m, group)}
    for ident in closed:
        most = rooms[ident][1]
        assert most is not None
        above = json.loads(_methods(monkeypatch, "--group", most + 1, "--json").output)
        assert ident not in {r["id"] for r in above}


def test_a_method_whose_base_recipe_states_its_length_needs_that_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backstage meeting is 2,5 uur by its source, even when one turn fills 85 min of it: not for 90 minutes."""
    installed = _installed()
    longer = {
        ident: _takes(method, None)
        for ident, method in installed.items()
        if _takes(method, None).low > _planned(method, None).low
    }
    assert longer, "some built-in base recipe states a meeting longer than its shortest agenda"
    for ident, takes in longer.items():
        short = json.loads(_methods(monkeypatch, "--minutes", takes.low - 1, "--json").output)
        assert ident not in {r["id"] for r in short}
        told = _methods(monkeypatch, "--minutes", takes.low - 1).output
        assert f"{ident} ({takes} min)" in told.split(f"Longer than {takes.low - 1} min: ")[1]
        enough = {r["id"]: r for r in json.loads(_methods(monkeypatch, "--minutes", takes.low, "--json").output)}
        assert enough[ident]["takes"] == {"low": takes.low, "high": takes.high}
        assert enough[ident]["past_minutes"] is (takes.high > takes.low)


def test_the_stated_length_is_told_beside_a_shorter_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    # FIXED states 20 min; for a group of 2 its agenda is 10 + 3 min: listed in 20 minutes, not in 15.
    held = _methods(monkeypatch, "--group", 2, "--minutes", 20, "--lang", "nl", own=True).output
    assert "    Gepland: 13 min voor een groep van 2, in een bijeenkomst van 20 min\n" in held
    short = _methods(monkeypatch, "--group", 2, "--minutes", 15, own=True).output
    none = "Methods for a group of 2 in 15 min:\n(none of the installed methods fits)\n"
    assert short == none + "Longer than 15 min: unsized (20 min)\n"


def test_the_best_fit_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Held within the time first, the one leaving least over first; then those that may run over, least first."""
    rows = json.loads(_methods(monkeypatch, "--group", 8, "--minutes", 120, "--json").output)
    assert len(rows) > 1
    keys = [(1, row["takes"]["high"] - 120) if row["past_minutes"] else (0, 120 - row["takes"]["high"]) for row in rows]
    assert keys == sorted(keys)


def test_a_time_box_per_participant_grows_with_the_group(monkeypatch: pytest.MonkeyPatch) -> None:
    # 10 min + 3 min for each of the 4 members besides the chair: 22 min; for 11: 10 + 30 = 40 min.
    small = json.loads(_methods(monkeypatch, "--group", 5, "--minutes", 30, "--json", own=True).output)
    assert [(r["id"], r["planned"]["low"]) for r in small] == [("unsized", 22)]
    large = _methods(monkeypatch, "--group", 11, "--minutes", 30, "--json", own=True)
    assert json.loads(large.output) == []
    assert "40 min" in _methods(monkeypatch, "--group", 11, own=True).output


@pytest.mark.parametrize(
    ("group", "listed"), [(5, ["unsized"]), (6, ["sized", "unsized"]), (9, ["sized", "unsized"]), (10, ["unsized"])]
)
def test_a_group_outside_the_size_the_source_states_is_left_out(
    monkeypatch: pytest.MonkeyPatch, group: int, listed: list[str]
) -> None:
    rows = json.loads(_methods(monkeypatch, "--group", group, "--json", own=True).output)
    assert sorted(r["id"] for r in rows) == listed


def test_minutes_alone_plan_each_method_for_its_own_group(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = json.loads(_methods(monkeypatch, "--minutes", 90, "--json").output)
    installed = _installed()
    assert {r["id"] for r in rows} == {i for i, m in installed.items() if _fits(m, None, 90)}
    for row in rows:
        planned = _planned(installed[row["id"]], None)
        assert (row["planned"]["low"], row["planned"]["high"]) == (planned.low, planned.high)


def test_the_list_reads_in_english_and_in_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = _installed()
    chosen = [m for m in installed.values() if _fits(m, 12, 90)]
    english = _methods(monkeypatch, "--group", 12, "--minutes", 90, "--lang", "en")
    dutch = _methods(monkeypatch, "--group", 12, "--minutes", 90, "--lang", "nl")
    assert english.exit_code == dutch.exit_code == 0
    assert english.output.startswith("Methods for a group of 12 in 90 min:\n")
    assert dutch.output.startswith("Methodes voor een groep van 12 in 90 min:\n")
    for method in chosen:
        planned, takes = _planned(method, 12), _takes(method, 12)
        over = takes.high > 90
        held = f", in a meeting of {takes} min" if takes != planned else ""
        gehouden = f", in een bijeenkomst van {takes} min" if takes != planned else ""
        line = f"Planned: {planned} min for a group of 12{held}" + (", possibly past 90 min" if over else "") + "\n"
        lijn = (
            f"Gepland: {planned} min voor een groep van 12{gehouden}"
            + (", mogelijk langer dan 90 min" if over else "")
            + "\n"
        )
        assert f"{method.id}: {method.name('en')}  [plugin " in english.output and line in english.output
        assert f"{method.id}: {method.name('nl')}  [plugin " in dutch.output and lijn in dutch.output
    assert english.output.count("Source: ") == dutch.output.count("Bron: ") == len(chosen)
    for word in ("Planned", "Source", "possibly", "group of", "Methods", "Longer", "meeting"):
        assert word not in dutch.output
    longer = [m.id for m in installed.values() if _fits_group(m, 12) and not _fits(m, 12, 90)]
    assert longer and all(f"{ident} (" in english.output.split("Longer than 90 min: ")[1] for ident in longer)
    assert all(f"{ident} (" in dutch.output.split("Langer dan 90 min: ")[1] for ident in longer)


def test_a_method_with_a_stated_size_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _methods(monkeypatch, "--group", 7, "--lang", "nl", own=True)
    assert "sized: Methode sized" in result.output
    assert "    Groepsgrootte volgens de bron: 6-9\n" in result.output
    assert result.output.count("Groepsgrootte") == 1  # the method without a size says none


def test_when_nothing_fits_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _methods(monkeypatch, "--minutes", 1)
    assert result.exit_code == 0
    heading, none, longer = result.output.split("\n", 2)
    assert (heading, none) == ("Methods that fit in 1 min:", "(none of the installed methods fits)")
    assert longer.startswith("Longer than 1 min: ")
    assert all(f"{ident} (" in longer for ident in _installed())  # each with the time it needs
    assert json.loads(_methods(monkeypatch, "--minutes", 1, "--json").output) == []


@pytest.mark.parametrize(
    "args", [("--group", "0"), ("--minutes", "0"), ("--group", "twaalf"), ("--minutes", "-5"), ("--group", "1001")]
)
def test_a_bad_value_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    result = _methods(monkeypatch, *args)
    assert result.exit_code == 2
    assert f"Invalid value for '{args[0]}'" in result.output and "Traceback" not in result.output


def test_json_lists_every_method_with_its_size_time_and_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = json.loads(_methods(monkeypatch, "--json", "--lang", "nl").output)
    installed = _installed()
    assert [r["id"] for r in rows] == list(installed)
    for row in rows:
        method = installed[row["id"]]
        planned = _planned(method, None)
        size = method.group_size
        assert row["names"] == dict(method.names) and row["name"] == method.name("nl")
        assert row["summary"] == method.summary_in("nl") and row["source"] == method.source
        assert row["summaries"] == {"en": method.summary_in("en"), "nl": method.summary_in("nl")}
        assert row["group_size"] == (None if size is None else {"low": size.low, "high": size.high})
        assert row["duration"] == {"low": planned.low, "high": planned.high}
        least, most = _room(method)
        assert row["members"] == {"low": least, "high": most}
        stated = parse(method.base_recipe).duration
        assert row["stated_length"] == (
            None if stated is None else {"low": stated.minutes.low, "high": stated.minutes.high}
        )
        for kind in ("roles", "phases", "meetings", "stages"):
            needed = {i for r in method.rules for i in getattr(r, f"needs_{kind}")}
            assert set(row["ids"][kind]) == needed and len(row["ids"][kind]) == len(needed)


def test_json_of_the_own_plugin_gives_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = {r["id"]: r for r in json.loads(_methods(monkeypatch, "--json", own=True).output)}
    assert rows["sized"]["group_size"] == {"low": 6, "high": 9} and rows["unsized"]["group_size"] is None
    # FIXED for the base recipe's own group, none: the open role counts 1, so 10 + 3.
    assert rows["sized"]["duration"] == {"low": 13, "high": 13}


def test_the_plain_list_parses_no_recipe() -> None:
    """``methods`` starts as fast as before the chooser: the parser loads only for what needs it (the base recipes)."""
    code = (
        "import sys\n"
        "from methodengine.cli import main\n"
        "try:\n"
        "    main(['methods'], prog_name='methodengine')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('methodengine.language.parsing', 'lark') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in done.stderr, done.stderr
