"""1-2-4-All, a Liberating Structure: everyone thinks alone, then in pairs, in foursomes, and as a whole group.

Facts, from H. Lipmanowicz and K. McCandless, *The Surprising Power of
Liberating Structures* (2014), the 1-2-4-All structure (described here in
our own words; the book's texts are CC BY-SA and are not copied):
- any number of people take part, all at once;
- four steps in a fixed order, each with its own group configuration:
  alone in silence (1 min), in pairs building on each one's ideas (2 min),
  in groups of four noticing what is alike and what differs (4 min), and
  the whole group, where each foursome shares one idea that stood out
  (5 min); about 12 minutes in all, and the round may be repeated.

The book states no group size, so the method has none (``group_size`` None)
and no rule counts people. The four steps, their order and their groupings
are the structure (errors); the minutes are the book's, and a group may need
more (warnings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from methodengine import Diagnostic, Method, Phase, Recipe, error, hookimpl, rule, warning
from methodengine_methods._common import base_recipe, phase_index, written
from methodengine_methods._finding import phases_titled
from methodengine_methods._time_boxes import book_hint, off_the_book

SOURCE = "H. Lipmanowicz & K. McCandless, The Surprising Power of Liberating Structures (2014), 1-2-4-All"

# The four steps by phase id, in the book's order (1-2-4-All, Lipmanowicz and McCandless 2014): what the
# step is, the grouping it is held in (as `groups:` holds it, and how to write it), and its minutes.
STEPS: dict[str, tuple[dict[str, str], str, tuple[str, str], int]] = {
    "alleen": ({"en": "thinking alone", "nl": "alleen nadenken"}, "alone", ("alone", "alleen"), 1),
    "tweetallen": ({"en": "the pairs", "nl": "de tweetallen"}, "pairs", ("pairs", "tweetallen"), 2),
    "viertallen": (
        {"en": "the foursomes", "nl": "de viertallen"},
        "groups of 4",
        ("groups of 4", "groepjes van 4"),
        4,
    ),
    "allen": (
        {"en": "the whole group", "nl": "de hele groep"},
        "whole group",
        ("whole group", "hele groep"),
        5,
    ),
}

# Other ways a trainer writes the grouping of a step: `indeling: viertallen` is kept as written.
_ALSO = {"groups of 4": ("viertallen", "foursomes", "groepjes van vier", "groups of four")}
_TITLE_WORDS = {
    "alleen": ("alleen", "alone", "individu", "zelf"),
    "tweetallen": ("tweetal", "pairs", "duo", "in twee", "tweeën"),  # `met z'n tweeën`
    "viertallen": ("viertal", "foursome", "groepjes van 4", "groups of 4", "in vier", "z'n vieren"),
    "allen": ("allen", "plenair", "hele groep", "whole group", "all together"),  # not `all`: `alleen` holds it
}


_HELD = {
    "alleen": {"en": "alone", "nl": "alleen"},
    "tweetallen": {"en": "in pairs", "nl": "in tweetallen"},
    "viertallen": {"en": "in groups of 4", "nl": "in groepjes van 4"},
    "allen": {"en": "with the whole group", "nl": "met de hele groep"},
}
_DUTCH_GROUPINGS = {"alone": "alleen", "pairs": "tweetallen", "trios": "drietallen", "whole group": "hele groep"}
"""The groupings the cards name in their language, as a Dutch recipe writes them (`indeling: drietallen`)."""
_WHOLE_GROUP = re.compile(r"\ballen\b|plenair|hele groep|whole group|all together")


def _grouping(phase: Phase) -> str | None:
    """The step a phase's `groups:` says it is held in: alone, pairs, groups of 4, whole group (else None)."""
    said = (phase.groups or "").casefold().strip()
    for _ident, (_what, grouping, _line, _minutes) in STEPS.items():
        if said == grouping or said in _ALSO.get(grouping, ()):
            return grouping
    return None


def _finder(ident: str) -> Callable[[Recipe], list[Phase]]:
    """The phase of step ``ident``: by its grouping (`indeling: tweetallen`), else by its title."""
    grouping = STEPS[ident][1]

    def find(recipe: Recipe) -> list[Phase]:
        grouped = [phase for phase in recipe.phases() if _grouping(phase) == grouping]
        if grouped:
            return grouped
        titled = phases_titled(recipe, _TITLE_WORDS[ident])
        if ident == "allen":  # `allen` as a word of its own: `viertallen` and `tweetallen` hold it too
            return [p for p in titled if _WHOLE_GROUP.search(p.title.casefold())]
        return titled

    find.__doc__ = f"The phase of the step `{ident}`: by its grouping, else by its title."
    return find


@rule(
    "groupings",
    {
        "en": "Alone, then in pairs, in foursomes, and as the whole group: each step in its own grouping.",
        "nl": "Alleen, dan in tweetallen, in viertallen en met de hele groep: elke stap in zijn eigen indeling.",
    },
    source=SOURCE,
    needs_phases=list(STEPS),
)
def groupings(recipe: Recipe) -> Iterator[Diagnostic]:
    for ident, (what, grouping, (english, dutch), _minutes) in STEPS.items():
        phase = recipe.phase(ident)
        if phase is None or _grouping(phase) == grouping:
            continue
        line = written(recipe, f"groups: {english}", f"indeling: {dutch}")
        said = phase.groups
        # Quoted as the recipe writes it: `drietallen` in a Dutch recipe, which the model holds as `trios`.
        shown = (
            written(recipe, said, _DUTCH_GROUPINGS.get(said, said.replace("groups of", "groepjes van"))) if said else ""
        )
        held = _HELD[ident]
        yield error(
            {
                "en": f"`{phase.title}` ({what['en']}) is held "
                + (f"in `{shown}`" if said else "without a grouping")
                + f"; in 1-2-4-All that step is held {held['en']}",
                "nl": f"de stap van {what['nl']} (`{phase.title}`) heeft "
                + (f"indeling `{shown}`" if said else "geen indeling")
                + f"; bij 1-2-4-All gaat die stap {held['nl']}",
            },
            phase.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "steps-in-order",
    {
        "en": "The steps come in the order 1, 2, 4, all.",
        "nl": "De stappen komen in de volgorde 1, 2, 4, allen.",
    },
    source=SOURCE,
    needs_phases=list(STEPS),
)
def steps_in_order(recipe: Recipe) -> Iterator[Diagnostic]:
    places = {ident: phase_index(recipe, ident) for ident in STEPS}
    for before, after in pairwise(STEPS):
        if places[after] < places[before]:
            later, earlier = recipe.item(after), recipe.item(before)
            assert later is not None and earlier is not None
            yield error(
                {
                    "en": f"{STEPS[after][0]['en']} (`{later.title}`) come before {STEPS[before][0]['en']} "
                    f"(`{earlier.title}`)",
                    "nl": f"{STEPS[after][0]['nl']} (`{later.title}`) komen vóór {STEPS[before][0]['nl']} "
                    f"(`{earlier.title}`)",
                },
                later.position,
                hint={
                    "en": "keep the order: alone, pairs, foursomes, whole group; each step builds on the one before",
                    "nl": "houd de volgorde aan: alleen, tweetallen, viertallen, hele groep; elke stap bouwt voort "
                    "op de vorige",
                },
            )
            return


@rule(
    "time-boxes",
    {
        "en": "Alone 1 min, pairs 2 min, foursomes 4 min, whole group 5 min: about 12 min.",
        "nl": "Alleen 1 min, tweetallen 2 min, viertallen 4 min, hele groep 5 min: ongeveer 12 min.",
    },
    source=SOURCE,
    needs_phases=list(STEPS),
)
def time_boxes(recipe: Recipe) -> Iterator[Diagnostic]:
    for ident, (what, _grouping, _line, published) in STEPS.items():
        phase = recipe.phase(ident)
        if phase is None:
            continue
        said = off_the_book(phase, published)
        if said is None:
            continue
        yield warning(
            {
                "en": f"in 1-2-4-All the step of {what['en']} takes {published} min, not {said} (`{phase.title}`)",
                "nl": f"bij 1-2-4-All duurt de stap van {what['nl']} {published} min, niet {said} (`{phase.title}`)",
            },
            phase.timebox.position or phase.position,
            hint=book_hint(published),
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="one-two-four-all",
            names={"nl": "1-2-4-allen", "en": "1-2-4-All"},
            summary={
                "en": "Everyone at once, in about 12 minutes: each thinks alone about a question, then builds on "
                "the ideas in pairs, then in foursomes, and each foursome shares one idea that stood out with "
                "the whole group. For any group size.",
                "nl": "Iedereen tegelijk, in ongeveer 12 minuten: ieder denkt eerst alleen na over een vraag, "
                "bouwt dan in tweetallen voort op de ideeën, daarna in viertallen, en elk viertal deelt één idee "
                "dat opviel met de hele groep. Voor een groep van elke grootte.",
            },
            source=SOURCE,
            base_recipe=base_recipe("one_two_four_all"),
            rules=(groupings, steps_in_order, time_boxes),
            phases={
                "alleen": {"en": "each thinks alone, in silence", "nl": "ieder denkt alleen na, in stilte"},
                "tweetallen": {
                    "en": "in pairs, building on each other's ideas",
                    "nl": "in tweetallen, voortbouwend op elkaars ideeën",
                },
                "viertallen": {
                    "en": "in foursomes: what is alike, what differs",
                    "nl": "in viertallen: wat is hetzelfde, wat verschilt",
                },
                "allen": {
                    "en": "the whole group: each foursome shares one idea that stood out",
                    "nl": "de hele groep: elk viertal deelt één idee dat opviel",
                },
            },
            finders={ident: _finder(ident) for ident in STEPS},
        )
    ]
