"""Property tests: the timing arithmetic over ``Recipe.walk`` means what a trainer reads on the cards.

Recipes are generated as models (roles with and without counts, phases with
``per ROLE`` time boxes, rounds blocks, ``when`` on phases and blocks, a
series of meetings), so that every combination the language allows is
reached without writing recipe text. For each meeting:

- the phases that run are those whose ``when`` (and their block's) takes it
  in, worked out here from the selectors themselves;
- with the number of rounds fixed (``--rounds``), the phases follow each
  other without a gap or an overlap (at both ends of every range), from
  minute 0 to the meeting's planned time;
- with open counts, every window has low <= high at both ends, starts before
  it ends, and the planned time lies within the last window's ends;
- each extra round adds the same time: the planned time is linear in the
  number of rounds;
- the whole deck's window of a phase covers its window in every meeting.
"""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methodengine.model import (
    Checkpoint,
    Duration,
    Phase,
    Range,
    Recipe,
    Role,
    Rounds,
    Selector,
    TimeBox,
    Trajectory,
    When,
)
from methodengine.planning import timing
from methodengine.planning.meeting_plan import CardOptions, plan_meeting
from methodengine.planning.occurrences import schedule

MEETINGS = 6


def ranges(low: int = 0, high: int = 12) -> st.SearchStrategy[Range]:
    return st.tuples(st.integers(low, high), st.integers(0, 4)).map(lambda t: Range(t[0], t[0] + t[1]))


selectors = st.one_of(
    st.builds(lambda m: Selector("meetings", m), ranges(1, MEETINGS).filter(lambda r: r.high <= MEETINGS)),
    st.builds(lambda n: Selector("from", Range.of(n)), st.integers(1, MEETINGS)),
    st.builds(lambda n: Selector("until", Range.of(n)), st.integers(1, MEETINGS)),
    st.just(Selector("first")),
    st.just(Selector("last")),
)
whens = st.one_of(st.none(), st.lists(selectors, min_size=1, max_size=2).map(lambda s: When(tuple(s))))
timeboxes = st.builds(
    lambda minutes, per: TimeBox(Duration(minutes), per),
    ranges(0, 20),
    st.sampled_from([None, None, "deelnemer", "inbrenger"]),
)


@st.composite
def phases(draw: st.DrawFn, ident: str) -> Phase:
    cls = draw(st.sampled_from([Phase, Phase, Checkpoint]))
    return cls(ident, f"Fase {ident}", draw(timeboxes), speak=("deelnemer",), when=draw(whens))


@st.composite
def recipes(draw: st.DrawFn) -> Recipe:
    agenda: list[Phase | Rounds] = []
    for k in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            inner = tuple(draw(phases(f"p{k}-{j}")) for j in range(draw(st.integers(1, 3))))
            agenda.append(Rounds(f"r{k}", f"Ronde {k}", draw(ranges(0, 3)), inner, when=draw(whens)))
        else:
            agenda.append(draw(phases(f"p{k}")))
    inbrengers = draw(st.one_of(st.integers(1, 2).map(Range.of), st.just(Range(1, 2))))
    roles = (Role("inbrenger", "Inbrenger", count=inbrengers), Role("deelnemer", "Deelnemer"))
    return Recipe(
        "Gegenereerd",
        group=draw(st.one_of(st.none(), ranges(3, 8))),
        roles=roles,
        agenda=tuple(agenda),
        trajectory=Trajectory(meetings=MEETINGS),
    )


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _runs(selector: Selector, meeting: int) -> bool:
    """A selector read as the recipe language documents it, without the model's code."""
    if selector.kind == "first":
        return meeting == 1
    if selector.kind == "last":
        return meeting == MEETINGS
    assert selector.meetings is not None
    low, high = selector.meetings.low, selector.meetings.high
    return {"from": meeting >= low, "until": meeting <= low, "meetings": low <= meeting <= high}[selector.kind]


def _takes_in(when: When | None, meeting: int) -> bool:
    return when is None or any(_runs(s, meeting) for s in when.selectors)


@SETTINGS
@given(recipe=recipes(), meeting=st.integers(1, MEETINGS))
def test_the_walk_runs_the_phases_whose_when_takes_in_the_meeting(recipe: Recipe, meeting: int) -> None:
    expected = []
    for item in recipe.agenda:
        if isinstance(item, Rounds):
            if _takes_in(item.when, meeting):
                expected += [p.id for p in item.items if _takes_in(p.when, meeting)]
        elif _takes_in(item.when, meeting):
            expected.append(item.id)
    walked = [p.id for step in recipe.walk(meeting) for p in step.phases]
    assert walked == expected
    every = list(recipe.phases())
    assert all(every[i] is p for step in recipe.walk(meeting) for i, p in step.numbered())


@SETTINGS
@given(recipe=recipes(), meeting=st.integers(1, MEETINGS), group=st.integers(3, 8), rounds=st.integers(1, 3))
def test_with_fixed_counts_the_phases_fill_the_meeting_without_gap_or_overlap(
    recipe: Recipe, meeting: int, group: int, rounds: int
) -> None:
    counts = timing.role_counts(recipe, Range.of(group))
    occurrences = schedule(recipe, meeting, counts, rounds)
    total = timing.planned_minutes(recipe, meeting, counts, Range.of(rounds))
    at = Range(0, 0)
    for occurrence in occurrences:
        assert occurrence.start == at  # both ends: no gap, no overlap, even while time boxes are ranges
        at = occurrence.end
    assert at == total
    # The total is the sum of the items' windows, each block's rounds counted.
    assert total == sum((timing.step_minutes(step, counts) for step in recipe.walk(meeting, rounds)), Range(0, 0))


@SETTINGS
@given(recipe=recipes(), meeting=st.integers(1, MEETINGS))
def test_with_open_counts_every_window_is_a_range_that_runs_forward(recipe: Recipe, meeting: int) -> None:
    counts = timing.role_counts(recipe)
    occurrences = schedule(recipe, meeting, counts)
    total = timing.planned_minutes(recipe, meeting, counts)
    for occurrence in occurrences:
        start, end = occurrence.start, occurrence.end
        assert start.low <= start.high and end.low <= end.high
        assert start.low <= end.low and start.high <= end.high
    if occurrences:
        # The latest end is the longest meeting; the shortest meeting ends no later than some window does.
        assert max(o.end.high for o in occurrences) == total.high
        assert total.low <= max(o.end.low for o in occurrences)
    else:
        assert total == Range(0, 0)


@SETTINGS
@given(recipe=recipes(), meeting=st.integers(1, MEETINGS), group=st.integers(3, 8))
def test_each_round_adds_the_same_time(recipe: Recipe, meeting: int, group: int) -> None:
    counts = timing.role_counts(recipe, Range.of(group))
    one, two, three = (timing.planned_minutes(recipe, meeting, counts, Range.of(n)) for n in (1, 2, 3))
    assert three.low - two.low == two.low - one.low >= 0
    per_round = sum(
        (timing.step_minutes(step, counts) for step in recipe.walk(meeting, 1) if step.rounds is not None),
        Range(0, 0),
    )
    assert two.low - one.low == per_round.low


@SETTINGS
@given(recipe=recipes(), group=st.one_of(st.none(), st.integers(3, 8)))
def test_the_whole_deck_covers_every_meeting(recipe: Recipe, group: int | None) -> None:
    deck = plan_meeting(recipe, CardOptions(group=group))
    numbers = {p.phase.id: p for p in deck.phases}
    for meeting in range(1, MEETINGS + 1):
        one = plan_meeting(recipe, CardOptions(group=group, meeting=meeting))
        for phase in one.phases:
            assert phase.phase.id in numbers
            wide = {o.round: o for o in numbers[phase.phase.id].occurrences}
            for occurrence in phase.occurrences:
                cover = wide[occurrence.round]
                assert cover.start.low <= occurrence.start.low and occurrence.start.high <= cover.start.high
                assert cover.end.low <= occurrence.end.low and occurrence.end.high <= cover.end.high
    # The runs of meetings with the same planned time cover the series once, in order.
    covered = [n for total in deck.totals if total.meetings for n in range(total.meetings.low, total.meetings.high + 1)]
    assert covered == list(range(1, MEETINGS + 1))


@SETTINGS
@given(recipe=recipes(), group=st.one_of(st.none(), st.integers(3, 8)), rounds=st.one_of(st.none(), st.integers(1, 3)))
def test_the_series_timed_at_once_is_each_meeting_timed_alone(
    recipe: Recipe, group: int | None, rounds: int | None
) -> None:
    counts = timing.role_counts(recipe, Range.of(group) if group else None)
    over = Range.of(rounds) if rounds else None
    meetings = [None, *range(1, MEETINGS + 1)]
    expected = [(m, timing.planned_minutes(recipe, m, counts, over)) for m in meetings]
    assert timing.meetings_minutes(recipe, meetings, counts, over) == expected
    without_when = attrs.evolve(recipe, agenda=tuple(_no_when(item) for item in recipe.agenda))
    assert timing.meetings_minutes(without_when, meetings, counts, over) == [
        (m, timing.planned_minutes(without_when, None, counts, over)) for m in meetings
    ]


def _no_when(item: Phase | Rounds) -> Phase | Rounds:
    if isinstance(item, Rounds):
        return attrs.evolve(item, when=None, items=tuple(attrs.evolve(p, when=None) for p in item.items))
    return attrs.evolve(item, when=None)
