"""The catch-up arithmetic: how much shorter the later phases get when the meeting runs behind.

Kept apart from the run state so that it can be proved on its own: the
proposal first takes later phases to the low end of their time ranges, the
last phase first (the end of a meeting gives way before its middle), and
only when that is not enough shortens them all in proportion to their
minutes, never below one minute. Nothing here knows of clocks or screens.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen


@frozen
class Slot:
    """A later phase as the proposal sees it: the minutes it has now, and the low end of its range."""

    minutes: int
    low: int


def catch_up(slots: Sequence[Slot], short: int) -> tuple[int, ...]:
    """The new minutes of each slot, in order, winning back ``short`` minutes where they can be won.

    The result never adds a minute to a slot; it saves ``short`` minutes
    when the slots have that much above one minute each, else all they have.
    """
    minutes = [slot.minutes for slot in slots]
    left = max(short, 0)
    for i in reversed(range(len(minutes))):  # to the low ends, from the last phase back
        if left == 0:
            break
        cut = min(max(minutes[i] - slots[i].low, 0), left)
        minutes[i] -= cut
        left -= cut
    if left > 0:
        minutes = _in_proportion(minutes, left)
    return tuple(minutes)


def _in_proportion(minutes: list[int], short: int) -> list[int]:
    """Every slot shortened in proportion to its minutes, none below one minute, the whole minutes summing right."""
    floor = [min(m, 1) for m in minutes]
    total = sum(minutes)
    goal = max(total - short, sum(floor))
    fixed: dict[int, int] = {i: m for i, m in enumerate(minutes) if m <= 1}
    while True:
        rest = [i for i in range(len(minutes)) if i not in fixed]
        keep = goal - sum(fixed.values())
        weight = sum(minutes[i] for i in rest)
        if not rest or weight == 0:
            break
        shares = {i: minutes[i] * keep / weight for i in rest}
        too_small = [i for i in rest if shares[i] < 1]
        if not too_small:
            return _rounded(minutes, fixed, shares, keep)
        fixed.update({i: 1 for i in too_small})
    return [fixed.get(i, m) for i, m in enumerate(minutes)]


def _rounded(minutes: list[int], fixed: dict[int, int], shares: dict[int, float], keep: int) -> list[int]:
    """Shares rounded down, and the minutes left over given to the largest remainders (the earlier phase on a tie)."""
    whole = {i: int(share) for i, share in shares.items()}
    spare = keep - sum(whole.values())
    for i in sorted(shares, key=lambda i: (whole[i] - shares[i], i))[:spare]:
        whole[i] += 1
    return [fixed[i] if i in fixed else whole[i] for i in range(len(minutes))]
