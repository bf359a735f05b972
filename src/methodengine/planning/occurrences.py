"""When each phase runs in one meeting: every occurrence, once per round, with what may follow it.

The arithmetic of one meeting over :meth:`methodengine.model.Recipe.walk`:
a phase starts where the one before it ends, a rounds block runs its phases
once per round, and a round past the block's lowest count is optional, so
that what follows it may be the next round or the next item.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from methodengine.model import ZERO, Range, Recipe
from methodengine.planning import timing

END = None
"""A "next phase" of None: the meeting ends."""


@frozen
class Occurrence:
    """One time a phase runs in one meeting: in a round or not, when, and what may follow.

    ``phase`` is the phase's place in ``Recipe.phases()``; ``next`` holds
    (place, round) pairs, or END.
    """

    phase: int
    round: int | None
    optional: bool
    start: Range
    end: Range
    next: tuple[tuple[int, int | None] | None, ...]


def schedule(
    recipe: Recipe,
    meeting: int | None,
    counts: Mapping[str, Range],
    rounds: int | None = None,
) -> list[Occurrence]:
    """Every occurrence of a phase in one meeting, in the order they run."""
    # The steps that run: a rounds block without phases, or of no rounds, has nothing to time.
    items = [s for s in recipe.walk(meeting, rounds) if s.phases and (s.rounds is None or s.rounds.high > 0)]

    def entries(k: int) -> tuple[tuple[int, int | None] | None, ...]:
        """What can come first from item ``k`` on: a rounds block that may not run lets the next one in."""
        if k >= len(items):
            return (END,)
        step = items[k]
        if step.rounds is None:
            return ((step.indexes[0], None),)
        first = ((step.indexes[0], 1),)
        return first + entries(k + 1) if step.rounds.low == 0 else first

    found: list[Occurrence] = []
    offset = ZERO
    for k, step in enumerate(items):
        after = entries(k + 1)
        phases, count = list(step.numbered()), step.rounds
        if count is None:
            index, phase = phases[0]
            end = offset + timing.timebox_minutes(phase.timebox, counts)
            found.append(Occurrence(index, None, False, offset, end, after))
            offset = end
            continue
        once = sum((timing.timebox_minutes(p.timebox, counts) for _, p in phases), ZERO)
        for number in range(1, count.high + 1):
            at = offset + once * Range.of(number - 1)
            for j, (index, phase) in enumerate(phases):
                end = at + timing.timebox_minutes(phase.timebox, counts)
                if j + 1 < len(phases):
                    nxt: tuple[tuple[int, int | None] | None, ...] = ((phases[j + 1][0], number),)
                else:
                    nxt = ((phases[0][0], number + 1),) if number < count.high else ()
                    if number >= count.low:
                        nxt += after
                found.append(Occurrence(index, number, number > count.low, at, end, nxt))
                at = end
        offset = offset + once * count
    return found
