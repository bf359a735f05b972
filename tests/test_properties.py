"""Property tests: the parser never fails badly, and quantities and timing mean what they say.

(a) Mutated bundled recipes give a Recipe or a RecipeError pointing into the file, never
    another exception.
(b) Every accepted way of writing a duration gives the right number of minutes.
(c) Ranges `low-high` are read as written, and backwards ones are refused where they stand.
(d) The planned time of a meeting is computed here from the generated agenda itself,
    independently of methodengine.planning.timing, and compared with ``planned_minutes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from _mutations import RECIPES, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import methodengine
from methodengine import Range, Recipe, RecipeError, RecipeValueError, planned_minutes, role_counts
from methodengine.language.builder import MAX_MINUTES


@pytest.mark.parametrize("path", RECIPES, ids=[p.name for p in RECIPES])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_recipes_give_a_recipe_or_a_recipe_error(path: Path, data: st.DataObject) -> None:
    text = data.draw(mutated(path.read_text(encoding="utf-8")), label="text")
    try:
        recipe = methodengine.parse(text, "mutated.mth")
    except RecipeError as exc:
        position = exc.diagnostic.position
        assert position is not None and position.path == "mutated.mth"
        assert exc.diagnostic.message
        # The position is a real place in the file, so that an editor can jump to it.
        lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= position.line <= len(lines)
        assert 1 <= position.column <= len(lines[position.line - 1]) + 1
        assert str(exc).startswith(f"mutated.mth:{position.line}:{position.column}: error: ")
    else:
        assert isinstance(recipe, Recipe)


def test_bundled_recipes_parse() -> None:
    # The mutation test starts from valid recipes; make sure it does.
    assert RECIPES
    for path in RECIPES:
        assert isinstance(methodengine.load(path), Recipe)


# --------------------------------------------------------------------------- (b) durations

MINUTE_UNITS = ["min", "mins", "minute", "minutes", "minuut", "minuten", "m"]
HOUR_UNITS = ["h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"]
space = st.sampled_from(["", " "])


@st.composite
def written_duration(draw: st.DrawFn) -> tuple[str, int, int]:
    """A duration as a trainer may write it, with its low and high minutes."""
    form = draw(st.sampled_from(["minutes", "hours", "hours and minutes", "1h30", "decimal hours", "range"]))
    sp = draw(space)
    if form == "minutes":
        m = draw(st.integers(1, 600))
        return f"{m}{sp}{draw(st.sampled_from(MINUTE_UNITS))}", m, m
    if form == "hours":
        h = draw(st.integers(1, 12))
        return f"{h}{sp}{draw(st.sampled_from(HOUR_UNITS))}", 60 * h, 60 * h
    if form == "hours and minutes":
        h, m = draw(st.integers(1, 8)), draw(st.integers(1, 59))
        hu, mu = draw(st.sampled_from(HOUR_UNITS)), draw(st.sampled_from(MINUTE_UNITS))
        return f"{h}{sp}{hu} {m}{sp}{mu}", 60 * h + m, 60 * h + m
    if form == "1h30":
        h, m = draw(st.integers(1, 8)), draw(st.integers(0, 59))
        hu = draw(st.sampled_from(["h", "u", "uur"]))
        return f"{h}{hu}{m:02d}", 60 * h + m, 60 * h + m
    if form == "decimal hours":
        # m/60 has a finite decimal expansion exactly when 3 divides m.
        m = 3 * draw(st.integers(1, 200))
        hours = format((Decimal(m) / 60).normalize(), "f")
        hours = hours.replace(".", draw(st.sampled_from([".", ","])))
        return f"{hours}{sp}{draw(st.sampled_from(HOUR_UNITS))}", m, m
    low = draw(st.integers(1, 120))
    high = draw(st.integers(low, 180))
    if draw(st.booleans()) or 60 * high > MAX_MINUTES:
        return f"{low}-{high}{sp}{draw(st.sampled_from(MINUTE_UNITS))}", low, high
    return f"{low}-{high}{sp}{draw(st.sampled_from(HOUR_UNITS))}", 60 * low, 60 * high


@settings(max_examples=300, deadline=None)
@given(written_duration())
def test_durations_in_a_time_box(duration: tuple[str, int, int]) -> None:
    text, low, high = duration
    recipe = methodengine.parse(f"recipe: X\nphase Analyse ({text})\n")
    assert recipe.agenda[0].timebox.duration.minutes == Range(low, high), text


@settings(max_examples=100, deadline=None)
@given(written_duration())
def test_durations_as_meeting_length(duration: tuple[str, int, int]) -> None:
    text, low, high = duration
    recipe = methodengine.parse(f"recipe: X\nduration: {text}\n")
    assert recipe.duration is not None
    assert recipe.duration.minutes == Range(low, high), text


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90 min", 90),
        ("1 h", 60),
        ("2 h 30 min", 150),
        ("1 h 30 min", 90),
        ("2.5 h", 150),
        ("2,5 uur", 150),
        ("1,5 uur", 90),
        ("1h30", 90),
        ("90 minuten", 90),
        ("3 hours", 180),
    ],
)
def test_the_forms_the_language_sketch_shows(text: str, minutes: int) -> None:
    recipe = methodengine.parse(f"recipe: X\nphase Analyse ({text})\n")
    assert recipe.agenda[0].timebox.duration.minutes == Range.of(minutes)


# --------------------------------------------------------------------------- (c) ranges


@dataclass(frozen=True)
class RangeSite:
    """A place a range may be written: a recipe template with {r} and where the parsed range lands."""

    name: str
    template: str
    get: Callable[[Recipe], Range]


RANGE_SITES = [
    RangeSite("group", "recipe: X\ngroup: {r}\n", lambda r: r.group),  # type: ignore[arg-type,return-value]
    RangeSite("facilitators", "recipe: X\nfacilitators: {r}\n", lambda r: r.facilitators),  # type: ignore[arg-type,return-value]
    RangeSite("count", "recipe: X\nrole a: A\n  count: {r}\n", lambda r: r.roles[0].count),  # type: ignore[arg-type,return-value]
    RangeSite("time box", "recipe: X\nphase P ({r} min)\n", lambda r: r.agenda[0].timebox.duration.minutes),  # type: ignore[union-attr]
    RangeSite("rounds", "recipe: X\nrounds {r}: R\n  phase P (5 min)\n", lambda r: r.agenda[0].count),  # type: ignore[union-attr]
    RangeSite(
        "when",
        "recipe: X\nphase P (5 min)\n  when: meetings {r}\n",
        lambda r: r.agenda[0].when.selectors[0].meetings,  # type: ignore[union-attr,return-value]
    ),
    RangeSite(
        "stage",
        "recipe: X\ntrajectory\n  meetings: 200\n  stage S (meetings {r})\n",
        lambda r: r.trajectory.stages[0].meetings,  # type: ignore[union-attr]
    ),
    RangeSite(
        "every",
        "recipe: X\ntrajectory\n  meetings: 4\n  every: {r} weken\n",
        lambda r: r.trajectory.every.amount,  # type: ignore[union-attr]
    ),
]


def _where(template: str, written: str) -> tuple[int, int]:
    """Line and column (1-based) at which ``{r}`` stands once filled in."""
    before = template[: template.index("{r}")]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("site", RANGE_SITES, ids=[s.name for s in RANGE_SITES])
@settings(max_examples=60, deadline=None)
@given(low=st.integers(1, 100), high=st.integers(1, 100))
def test_ranges(site: RangeSite, low: int, high: int) -> None:
    written = f"{low}-{high}"
    text = site.template.format(r=written)
    if low <= high:
        assert site.get(methodengine.parse(text)) == Range(low, high)
    else:
        with pytest.raises(RecipeValueError) as info:
            methodengine.parse(text)
        position = info.value.position
        assert position is not None
        assert (position.line, position.column) == _where(site.template, written)
        assert written in info.value.message
        assert info.value.hint and f"{high}-{low}" in info.value.hint


@pytest.mark.parametrize("site", RANGE_SITES, ids=[s.name for s in RANGE_SITES])
@settings(max_examples=20, deadline=None)
@given(number=st.integers(1, 100))
def test_a_single_number_is_a_range_of_one(site: RangeSite, number: int) -> None:
    assert site.get(methodengine.parse(site.template.format(r=number))) == Range(number, number)


# --------------------------------------------------------------------------- (d) timing

ROLE_IDS = ["voorzitter", "inbrenger", "deelnemer", "coach"]
Pair = tuple[int, int]


@dataclass(frozen=True)
class GenRole:
    id: str
    count: Pair | None
    facilitator: bool


@dataclass(frozen=True)
class GenSelector:
    kind: str  # "meeting", "meetings", "from", "until", "first", "last"
    a: int = 0
    b: int = 0

    def text(self) -> str:
        return {
            "meeting": f"meeting {self.a}",
            "meetings": f"meetings {self.a}-{self.b}",
            "from": f"from meeting {self.a}",
            "until": f"until meeting {self.a}",
            "first": "first meeting",
            "last": "last meeting",
        }[self.kind]

    def applies(self, meeting: int, total: int) -> bool:
        return {
            "meeting": meeting == self.a,
            "meetings": self.a <= meeting <= self.b,
            "from": meeting >= self.a,
            "until": meeting <= self.a,
            "first": meeting == 1,
            "last": meeting == total,
        }[self.kind]


@dataclass(frozen=True)
class GenPhase:
    minutes: Pair
    per: str | None
    when: tuple[GenSelector, ...]


@dataclass(frozen=True)
class GenRounds:
    count: Pair
    phases: tuple[GenPhase, ...]
    when: tuple[GenSelector, ...]


@dataclass(frozen=True)
class GenRecipe:
    group: Pair | None
    facilitators: Pair | None
    roles: tuple[GenRole, ...]
    agenda: tuple[GenPhase | GenRounds, ...]
    meetings: int | None  # a trajectory of that many meetings, or none

    def text(self) -> str:
        out = ["recipe: Generated"]
        if self.group:
            out.append(f"group: {_pair(self.group)}")
        if self.facilitators:
            out.append(f"facilitators: {_pair(self.facilitators)}")
        for role in self.roles:
            out.append(f"role {role.id}: {role.id.title()}")
            if role.count:
                out.append(f"  count: {_pair(role.count)}")
            if role.facilitator:
                out.append("  facilitator: yes")
        for n, item in enumerate(self.agenda):
            if isinstance(item, GenRounds):
                out.append(f"rounds {_pair(item.count)}: Ronde {n}")
                if item.when:
                    out.append(f"  when: {', '.join(s.text() for s in item.when)}")
                for m, phase in enumerate(item.phases):
                    out += _phase_lines(phase, f"Stap {n}.{m}", "  ")
            else:
                out += _phase_lines(item, f"Stap {n}", "")
        if self.meetings is not None:
            out += ["trajectory", f"  meetings: {self.meetings}"]
        return "\n".join(out) + "\n"


def _pair(pair: Pair) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def _phase_lines(phase: GenPhase, title: str, indent: str) -> list[str]:
    per = f" per {phase.per}" if phase.per else ""
    lines = [f"{indent}phase {title} ({_pair(phase.minutes)} min{per})"]
    if phase.when:
        lines.append(f"{indent}  when: {', '.join(s.text() for s in phase.when)}")
    return lines


def pairs(low: int, high: int) -> st.SearchStrategy[Pair]:
    return st.tuples(st.integers(low, high), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def gen_recipes(draw: st.DrawFn) -> GenRecipe:
    meetings = draw(st.none() | st.integers(1, 8))
    ids = draw(st.lists(st.sampled_from(ROLE_IDS), unique=True, max_size=4))
    roles = []
    open_role = False
    for role_id in ids:
        facilitator = draw(st.booleans())
        count = draw(st.none() | pairs(0, 4).filter(lambda c: c[1] >= 1))
        if count is None and not facilitator:
            if open_role:  # at most one role holds "the rest of the group"
                count = draw(pairs(0, 4).filter(lambda c: c[1] >= 1))
            open_role = True
        roles.append(GenRole(role_id, count, facilitator))
    per_choices = st.none() | st.sampled_from([*ids, "everyone"])
    n = meetings or 3

    selector = st.one_of(
        st.integers(1, n).map(lambda a: GenSelector("meeting", a)),
        st.tuples(st.integers(1, n), st.integers(1, n)).map(lambda p: GenSelector("meetings", *sorted(p))),
        st.integers(1, n).map(lambda a: GenSelector("from", a)),
        st.integers(1, n).map(lambda a: GenSelector("until", a)),
        st.just(GenSelector("first")),
        st.just(GenSelector("last")),
    )
    whens = st.just(()) if meetings is None else st.lists(selector, max_size=2).map(tuple)
    phase = st.builds(GenPhase, minutes=pairs(1, 30), per=per_choices, when=whens)
    rounds = st.builds(
        GenRounds,
        count=pairs(0, 3).filter(lambda c: c[1] >= 1),
        phases=st.lists(phase, min_size=1, max_size=3).map(tuple),
        when=whens,
    )
    agenda = tuple(draw(st.lists(phase | rounds, min_size=1, max_size=6)))
    return GenRecipe(
        group=draw(st.none() | pairs(1, 12)),
        facilitators=draw(st.none() | pairs(1, 3)),
        roles=tuple(roles),
        agenda=agenda,
        meetings=meetings,
    )


def expected_counts(gen: GenRecipe) -> dict[str, Pair]:
    """How many people hold each role, from the rules as documented.

    A role's ``count`` is its count; a facilitator role without one has the
    recipe's ``facilitators`` (1 if unset); the one member role without a
    count holds the rest of the group: every number r >= 0 with
    r = group - (the other members) for some group size and counts in their
    ranges, found here by trying them all (1 without a group). ``everyone``
    is the group, or without a group all members together.
    """
    counts: dict[str, Pair] = {}
    fixed = [r.count for r in gen.roles if r.count is not None and not r.facilitator]
    for role in gen.roles:
        if role.count is not None:
            counts[role.id] = role.count
        elif role.facilitator:
            counts[role.id] = gen.facilitators or (1, 1)
        elif gen.group is None:
            counts[role.id] = (1, 1)
        else:
            others = {0}
            for low, high in fixed:
                others = {s + c for s in others for c in range(low, high + 1)}
            rest = {g - s for g in range(gen.group[0], gen.group[1] + 1) for s in others if g - s >= 0}
            counts[role.id] = (min(rest), max(rest)) if rest else (0, 0)
    if gen.group is not None:
        counts["everyone"] = gen.group
    elif gen.roles:
        members = [counts[r.id] for r in gen.roles if not r.facilitator]
        counts["everyone"] = (sum(c[0] for c in members), sum(c[1] for c in members))
    else:
        counts["everyone"] = (1, 1)
    return counts


def expected_minutes(gen: GenRecipe, meeting: int | None, rounds: Pair | None = None) -> Pair:
    """A meeting's planned minutes, summed by hand from the generated agenda."""
    counts = expected_counts(gen)

    def applies(when: tuple[GenSelector, ...]) -> bool:
        if meeting is None or not when:
            return True
        assert gen.meetings is not None
        return any(s.applies(meeting, gen.meetings) for s in when)

    def phase_minutes(phase: GenPhase) -> Pair:
        times = counts[phase.per] if phase.per else (1, 1)
        return phase.minutes[0] * times[0], phase.minutes[1] * times[1]

    low = high = 0
    for item in gen.agenda:
        if not applies(item.when):
            continue
        if isinstance(item, GenRounds):
            once = [phase_minutes(p) for p in item.phases if applies(p.when)]
            turns = rounds or item.count
            low += turns[0] * sum(m[0] for m in once)
            high += turns[1] * sum(m[1] for m in once)
        else:
            m = phase_minutes(item)
            low, high = low + m[0], high + m[1]
    return low, high


def _meetings(gen: GenRecipe) -> list[int | None]:
    return [None] if gen.meetings is None else list(range(1, gen.meetings + 1))


@settings(max_examples=150, deadline=None)
@given(gen_recipes())
def test_role_counts(gen: GenRecipe) -> None:
    recipe = methodengine.parse(gen.text())
    counts = role_counts(recipe)
    for role_id, (low, high) in expected_counts(gen).items():
        assert counts[role_id] == Range(low, high), role_id


@settings(max_examples=200, deadline=None)
@given(gen_recipes())
def test_planned_minutes(gen: GenRecipe) -> None:
    recipe = methodengine.parse(gen.text())
    for meeting in _meetings(gen):
        assert planned_minutes(recipe, meeting) == Range(*expected_minutes(gen, meeting)), meeting


@settings(max_examples=75, deadline=None)
@given(gen_recipes(), pairs(0, 3))
def test_planned_minutes_with_a_number_of_rounds(gen: GenRecipe, rounds: Pair) -> None:
    recipe = methodengine.parse(gen.text())
    for meeting in _meetings(gen):
        got = planned_minutes(recipe, meeting, rounds=Range(*rounds))
        assert got == Range(*expected_minutes(gen, meeting, rounds)), meeting


def test_planned_minutes_worked_example() -> None:
    # The incident method as the sketch writes it: a fixed agenda plus
    # `3 min per deelnemer`, where deelnemer holds the rest of a group of 4-7
    # next to one voorzitter and one inbrenger: 2-5 people.
    recipe = methodengine.parse(
        "recipe: Incident\ngroup: 4-7\n"
        "role voorzitter: V\n  count: 1\nrole inbrenger: I\n  count: 1\nrole deelnemer: D\n"
        "phase Vragen (15 min)\nphase Eigen aanpak (3 min per deelnemer)\n"
        "rounds 1-2: Beurt\n  phase Probleem (20 min)\n  phase Terugkoppeling (10 min)\n    when: from meeting 2\n"
        "trajectory\n  meetings: 3\n"
    )
    assert role_counts(recipe)["deelnemer"] == Range(2, 5)
    assert planned_minutes(recipe, 1) == Range(15 + 6 + 20, 15 + 15 + 40)
    assert planned_minutes(recipe, 2) == Range(15 + 6 + 30, 15 + 15 + 60)


@settings(max_examples=50, deadline=None)
@given(st.integers(MAX_MINUTES + 1, 10**40))
def test_a_duration_beyond_any_meeting_is_refused_not_computed(minutes: int) -> None:
    with pytest.raises(methodengine.RecipeValueError, match="more than a recipe can plan"):
        methodengine.parse(f"recipe: X\nphase Lang ({minutes} min)\n")
