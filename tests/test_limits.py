"""Bounded totals: a recipe at each limit is accepted, one past it is an error at the line that crosses it.

Without these limits a 20 kB recipe asked for 500,500 calendar events (144 s, 3.6 GB) or 1.6 million
planned rows (`cards`: 128 s, 2.4 GB); the limits keep every command on any accepted recipe quick.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest
from click.testing import CliRunner

from methodengine import limits, parse
from methodengine.cli import main
from methodengine.errors import RecipeValueError


def run(*args: object):  # type: ignore[no-untyped-def]
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def _role(n: int = 1) -> list[str]:
    return [line for k in range(n) for line in (f"role r{k}: Rol {k}", "  count: 1")]


def phases(n: int) -> str:
    out = ["recipe: Fasen", *_role()]
    for k in range(n):
        out += [f"phase Fase {k} (1 min)", "  lead: r0"]
    return "\n".join(out) + "\n"


def roles(n: int) -> str:
    return "\n".join(["recipe: Rollen", *_role(n), "phase Open (5 min)"]) + "\n"


def script(n: int) -> str:
    return "\n".join(["recipe: Script", "phase Open (5 min)", *(f"  say: Zin {k}" for k in range(n))]) + "\n"


def stages(n: int) -> str:
    body = [line for k in range(n) for line in (f"  stage Fase {k} (meeting {k + 1})",)]
    return "\n".join(["recipe: Fasen", "phase Open (5 min)", "trajectory", "  meetings: 500", *body]) + "\n"


def extras(n: int) -> str:
    body = [line for k in range(n) for line in (f"  meeting m{k}: Extra {k}", "    at: after meeting 1")]
    return "\n".join(["recipe: Extra", "phase Open (5 min)", "trajectory", "  meetings: 1", *body]) + "\n"


def events(n: int) -> str:
    """The series of 500 meetings and extra meetings with counts that make ``n`` events in all."""
    extra = n - 500
    body = []
    for k in range(0, extra, 250):
        count = min(250, extra - k)
        body += [f"  meeting m{k}: Extra {k}", "    at: 1 day after meeting 1", f"    count: {count}"]
        body.append("    every: 1 day")
    head = ["recipe: Extra", "phase Open (5 min)", "trajectory", "  meetings: 500", "  every: 1 week"]
    return "\n".join([*head, *body]) + "\n"


def rows(n: int) -> str:
    """Rounds blocks of 10 rounds in each of 500 meetings: 5,000 rows a block; the last one has ``n`` in all."""
    blocks, rest = divmod(n, 5000)
    out = ["recipe: Rondes"]
    for k in range(blocks):
        out += [f"rounds 10: Ronde {k}", f"  phase R{k} (1 min)"]
    out += [f"phase Los {k} (1 min)\n  when: meeting {k + 1}" for k in range(rest)]
    out += ["trajectory", "  meetings: 500", "  every: 1 week"]
    return "\n".join(out) + "\n"


def cards(n: int) -> str:
    """A deck of ``n`` cards: an overview and a card per phase, and per deciding checkpoint."""
    out = ["recipe: Kaarten", *_role()]
    phase_count = min(n - 1, limits.MAX_PHASES)
    checkpoints = n - 1 - phase_count - 1  # the role's card
    for k in range(phase_count):
        if k < checkpoints:
            out += [f"checkpoint Fase {k} (1 min)", "  decide: r0"]
        else:
            out.append(f"phase Fase {k} (1 min)")
    return "\n".join(out) + "\n"


def _line_of(text: str, needle: str, occurrence: int) -> int:
    """The line number of the ``occurrence``-th (1-based) line starting with ``needle``."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if line.lstrip().startswith(needle)]
    return found[occurrence - 1]


CASES = [
    # name, make(n), the limit, the line that crosses it in make(limit + 1), words of the message
    ("phases", phases, limits.MAX_PHASES, lambda t: _line_of(t, "phase ", limits.MAX_PHASES + 1), "phases"),
    ("roles", roles, limits.MAX_ROLES, lambda t: _line_of(t, "role ", limits.MAX_ROLES + 1), "roles"),
    ("script", script, limits.MAX_SCRIPT_LINES, lambda t: _line_of(t, "say:", limits.MAX_SCRIPT_LINES + 1), "script"),
    ("stages", stages, limits.MAX_STAGES, lambda t: _line_of(t, "stage ", limits.MAX_STAGES + 1), "stages"),
    (
        "extra-meetings",
        extras,
        limits.MAX_EXTRA_MEETINGS,
        lambda t: _line_of(t, "meeting m", limits.MAX_EXTRA_MEETINGS + 1),
        "extra meetings",
    ),
    ("events", events, limits.MAX_EVENTS, lambda t: _line_of(t, "meeting m", 3), "calendar events"),
    ("rows", rows, limits.MAX_ROWS, lambda t: _line_of(t, "phase Los", 1), "rows"),
    ("cards", cards, limits.MAX_CARDS, lambda t: _line_of(t, "role ", 1), "cards"),  # the role's card crosses
]


@pytest.mark.parametrize(("name", "make", "most", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_recipe_at_the_limit_is_read_and_one_past_it_is_an_error_at_its_line(name, make, most, line, words):
    parse(make(most), "at.mth")
    text = make(most + 1)
    with pytest.raises(RecipeValueError) as caught:
        parse(text, "over.mth")
    error = caught.value
    assert words in error.message
    assert f"at most {most:,}" in error.message
    assert error.hint and "docs/recipe-language.md#limits" in error.hint
    assert error.position is not None and error.position.path == "over.mth"
    assert error.position.line == line(text)


def test_check_reports_a_total_past_its_limit_with_file_line_and_hint_and_exits_1(tmp_path):
    recipe = tmp_path / "te-veel.mth"
    recipe.write_text(phases(limits.MAX_PHASES + 1), encoding="utf-8")
    result = run("check", recipe)
    assert result.exit_code == 1
    line = _line_of(recipe.read_text(encoding="utf-8"), "phase ", limits.MAX_PHASES + 1)
    assert f"{recipe}:{line}:1: error: phase {limits.MAX_PHASES + 1}: a recipe has at most {limits.MAX_PHASES}" in (
        result.output
    )
    assert "hint:" in result.output
    assert "Traceback" not in result.output


def test_rounds_on_the_command_line_may_not_take_the_rows_past_the_limit(tmp_path):
    recipe = tmp_path / "rondes.mth"
    recipe.write_text(
        "recipe: Rondes\nrounds 1-2: Ronde\n  phase A (1 min)\n  phase B (1 min)\n"
        "trajectory\n  meetings: 500\n  every: 1 week\n",
        encoding="utf-8",
    )
    assert run("cards", recipe, "--rounds", "20", "-f", "json").exit_code == 0  # 2 x 20 x 500 = 20,000
    result = run("cards", recipe, "--rounds", "21", "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{recipe}:2:1: error: with this rounds block at --rounds 21, the meetings plan 21,000 rows" in result.stderr
    assert "hint: choose fewer --rounds, or one meeting with --meeting N" in result.stderr
    assert run("cards", recipe, "--rounds", "21", "--meeting", "3", "-f", "json").exit_code == 0


def test_meetings_on_the_command_line_may_not_take_the_events_past_the_limit(tmp_path):
    recipe = tmp_path / "open.mth"
    recipe.write_text(
        "recipe: Open\nphase Open (5 min)\ntrajectory\n  meetings: open\n  every: 1 week\n"
        "  meeting m: Extra\n    at: 1 day after meeting 1\n    count: 500\n    every: 1 day\n",
        encoding="utf-8",
    )
    ok = run("schedule", recipe, "--start", "2027-01-04", "--meetings", "500", "--format", "ics")
    assert ok.exit_code == 0 and ok.stdout.count("BEGIN:VEVENT") == 1000
    more = "  meeting n: Nog een\n    at: 2 days after meeting 1\n"
    recipe.write_text(recipe.read_text(encoding="utf-8") + more, encoding="utf-8")  # 501 extra meetings
    result = run("schedule", recipe, "--start", "2027-01-04", "--meetings", "500")
    assert result.exit_code == 2
    assert "1,001 calendar events" in result.stderr and "at most --meetings 499" in result.stderr


@pytest.mark.parametrize(
    ("make", "args"),
    [(events, ["schedule", "--start", "2027-01-04", "--at", "19:00"]), (rows, ["cards"])],
    ids=["events", "rows"],
)
@pytest.mark.parametrize("fmt", ["json", "ics-or-text"])
def test_the_largest_accepted_plans_are_quick(tmp_path, make, args, fmt):
    recipe = tmp_path / "groot.mth"
    most = limits.MAX_EVENTS if make is events else limits.MAX_ROWS
    recipe.write_text(make(most), encoding="utf-8")
    chosen = fmt if fmt == "json" else ("ics" if args[0] == "schedule" else "text")
    start = time.perf_counter()
    result = run(args[0], recipe, *args[1:], "--format" if args[0] == "schedule" else "-f", chosen)
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    assert seconds < 10, seconds  # events: 144 s and 3.6 GB before; rows: 128 s and 2.4 GB


def test_blank_lines_are_read_in_little_memory():
    text = "recipe: Leeg\n" + "\n" * 1_000_000 + "phase Open (5 min)\n" + "  \n" * 100_000
    parse("recipe: Warm\n")  # the parser itself is built outside the measurement
    tracemalloc.start()
    try:
        start = time.perf_counter()
        recipe = parse(text)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.title for p in recipe.phases()] == ["Open"]
    assert peak < 50_000_000, peak  # a line break token of a repeated group: 220 MB for these 1 MB
    assert seconds < 5, seconds


def test_every_bound_is_defined_once_in_limits():
    from methodengine.commands import cards as cards_command
    from methodengine.commands import schedule as schedule_command
    from methodengine.language import builder as _build
    from methodengine.planning import dated_plan as plan

    assert _build.MAX_COUNT is limits.MAX_COUNT and _build.MAX_MINUTES is limits.MAX_MINUTES
    assert cards_command.MAX_COUNT is limits.MAX_COUNT
    assert cards_command.MAX_ROUNDS is limits.MAX_ROUNDS
    assert cards_command.MAX_MEETINGS is schedule_command.MAX_MEETINGS is plan.MAX_MEETINGS is limits.MAX_MEETINGS
