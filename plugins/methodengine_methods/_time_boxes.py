"""A phase's time box against the minutes its source publishes, for methods whose source times every step.

Liberating Structures (Wise Crowds, 1-2-4-All) give each step its minutes;
a box of other minutes, or one that grows per person, is the trainer's own
choice a group may need, so each method warns with the book's minutes and
the same hint (its message says which step it is).
"""

from __future__ import annotations

from methodengine import Phase


def off_the_book(phase: Phase, published: int) -> str | None:
    """The box of ``phase`` as written (``5 min``, ``2 min per deelnemer``) when it does not hold ``published``."""
    box = phase.timebox
    minutes = box.duration.minutes
    if box.per is None and minutes.low <= published <= minutes.high:
        return None
    return f"{box.duration} per {box.per}" if box.per else str(box.duration)


def book_hint(published: int) -> dict[str, str]:
    """The hint of a time box off the book: write its minutes, or keep one the group needs."""
    return {
        "en": f"write `({published} min)`, or keep yours if the group needs it",
        "nl": f"schrijf `({published} min)`, of houd je eigen tijd aan als de groep die nodig heeft",
    }
