"""The Socratic dialogue after Nelson and Heckmann: a group investigates one question through one example.

Facts and their sources (L. Nelson, the Socratic method, 1922; G. Heckmann,
who shaped it into the Nelson-Heckmann dialogue; J. Kessels, *Socrates op de
markt. Filosofie in bedrijf*, Boom 1997):
- a facilitator leads the dialogue; he or she keeps to the procedure and
  puts forward no view of his or her own on the question (Heckmann);
- the dialogue starts from a general question;
- participants give examples from their own experience, and the group
  chooses one concrete example, which its giver tells and the group
  examines;
- in the example the group looks for the core statement (kernuitspraak),
  then asks back, from that statement, for the principles and rules that
  justify it: regressive abstraction; the group seeks consensus;
- Heckmann's form takes a whole day or more; Kessels also describes shorter
  forms of a few hours.

The sources give no group size or phase minutes that we are sure of: the
method sets no ``group_size`` and no rule checks minutes. The base recipe's
six hours are our planning of the one-day form. One example, the question
before the example and the abstraction after the example and its core
statement are the method's structure (errors); a facilitator who speaks in
the investigation is a warning, as he or she may speak to the procedure.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Phase, Recipe, Role, hookimpl, rule, warning
from methodengine_methods._checks import exactly_one, in_order
from methodengine_methods._common import base_recipe, phase_index
from methodengine_methods._finding import first_found, leading_roles, phases_titled, roles_named

SOURCE = "L. Nelson, G. Heckmann (Nelson-Heckmann); J. Kessels, Socrates op de markt (1997)"

# The investigation, in the method's order: the one example, its core statement, the regressive abstraction.
INVESTIGATION = ("voorbeeld", "kernuitspraak", "abstractie")

_FACILITATOR_WORDS = ("gespreksleid", "facilitat", "begeleid", "gesprächsleit", "leiter")
_EXAMPLE_GIVER_WORDS = ("voorbeeld", "beispiel", "example")
_QUESTION_WORDS = ("uitgangsvraag", "startvraag", "algemene vraag", "ausgangsfrage", "grundfrage", "general question")
_EXAMPLE_WORDS = ("voorbeeld", "beispiel", "example")
_CORE_WORDS = ("kernuitspraak", "kernbewering", "kernzin", "kernsatz", "core statement", "hittepunt")
_CORE_WORDS_VAGUE = ("kern", "core", "crux")  # `Wat is de kern?`, `De kern`: when no title says it more clearly
_ABSTRACTION_WORDS = (
    "abstractie",
    "abstraktion",
    "abstraction",
    "regressie",
    "regressi",
    "principe",
    "principle",
    "prinzip",
    "grondslag",
)


def _find_facilitator(recipe: Recipe) -> list[Role]:
    """The role marked as facilitator, or named so; else the roles that lead phases."""
    marked = [role for role in recipe.roles if role.facilitator]
    return marked or roles_named(recipe, _FACILITATOR_WORDS) or leading_roles(recipe)


def _find_example_giver(recipe: Recipe) -> list[Role]:
    return roles_named(recipe, _EXAMPLE_GIVER_WORDS)


def _find_question(recipe: Recipe) -> list[Phase]:
    """The phase titled for the general question; else every phase titled for a question (Vraag, Question)."""
    return phases_titled(recipe, _QUESTION_WORDS) or phases_titled(recipe, ("vraag", "question", "frage"))


def _find_example(recipe: Recipe) -> list[Phase]:
    """The phase titled for the example in which the example-giver speaks; else every phase titled for the example.

    Collecting examples, choosing one and examining it are often three phases:
    the one examined is the one its giver tells.
    """
    titled = phases_titled(recipe, _EXAMPLE_WORDS)
    givers = {role.id for role in _find_example_giver(recipe)}
    told = [phase for phase in titled if givers & set(phase.speak)]
    return told or titled


def _find_core_statement(recipe: Recipe) -> list[Phase]:
    """The phase titled for the core statement (Kernuitspraak, Kernzin); else one titled for the core (De kern)."""
    return first_found(phases_titled(recipe, _CORE_WORDS), phases_titled(recipe, _CORE_WORDS_VAGUE))


def _find_abstraction(recipe: Recipe) -> list[Phase]:
    return phases_titled(recipe, _ABSTRACTION_WORDS)


_NAMES = {
    "uitgangsvraag": {"en": "the general question", "nl": "de uitgangsvraag"},
    "voorbeeld": {"en": "the example", "nl": "het voorbeeld"},
    "kernuitspraak": {"en": "the core statement", "nl": "de kernuitspraak"},
    "abstractie": {"en": "the regressive abstraction", "nl": "de regressieve abstractie"},
}


@rule(
    "one-example",
    {
        "en": "The group examines one example, from the experience of one participant.",
        "nl": "De groep onderzoekt één voorbeeld, uit de ervaring van één deelnemer.",
    },
    source=SOURCE,
    needs_roles=["voorbeeldgever"],
)
def one_example(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from exactly_one(
        recipe,
        "voorbeeldgever",
        {
            "en": "a Socratic dialogue examines one example, so it has one example-giver",
            "nl": "een socratisch gesprek onderzoekt één voorbeeld, dus er is één voorbeeldgever",
        },
        hint={
            "en": "the group chooses one of the examples told",
            "nl": "de groep kiest één van de vertelde voorbeelden",
        },
    )


@rule(
    "question-first",
    {
        "en": "The dialogue starts from a general question, before the example.",
        "nl": "Het gesprek begint bij een algemene vraag, vóór het voorbeeld.",
    },
    source=SOURCE,
    needs_phases=["uitgangsvraag", "voorbeeld"],
)
def question_first(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from in_order(
        recipe,
        ("uitgangsvraag", "voorbeeld"),
        _NAMES,
        {
            "en": "put the general question first: the example is sought to answer it",
            "nl": "zet de uitgangsvraag vooraan: het voorbeeld wordt gezocht om die te beantwoorden",
        },
    )


@rule(
    "regressive-abstraction",
    {
        "en": "From the example to its core statement, then back to the principles behind it.",
        "nl": "Van het voorbeeld naar de kernuitspraak, en dan terug naar de principes erachter.",
    },
    source=SOURCE,
    needs_phases=list(INVESTIGATION),
)
def regressive_abstraction(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from in_order(
        recipe,
        INVESTIGATION,
        _NAMES,
        {
            "en": "keep the order: the example, its core statement, then the regressive abstraction",
            "nl": "houd de volgorde aan: het voorbeeld, de kernuitspraak, dan de regressieve abstractie",
        },
    )


@rule(
    "facilitator-holds-back",
    {
        "en": "The facilitator puts forward no view of his or her own in the investigation.",
        "nl": "De gespreksleider brengt in het onderzoek geen eigen standpunt in.",
    },
    source=SOURCE,
    needs_roles=["gespreksleider"],
    needs_phases=["voorbeeld", "abstractie"],
)
def facilitator_holds_back(recipe: Recipe) -> Iterator[Diagnostic]:
    first, last = phase_index(recipe, "voorbeeld"), phase_index(recipe, "abstractie")
    for index, item in enumerate(recipe.items()):
        if first <= index <= last and isinstance(item, Phase) and "gespreksleider" in item.speak:
            yield warning(
                {
                    "en": f"the facilitator speaks in `{item.title}`; in the investigation the facilitator keeps "
                    "to the procedure and gives no view of his or her own",
                    "nl": f"de gespreksleider spreekt in `{item.title}`; in het onderzoek bewaakt de gespreksleider "
                    "de regels en brengt geen eigen standpunt in",
                },
                item.position,
                hint={
                    "en": "let the participants speak and have the facilitator lead the phase",
                    "nl": "laat de deelnemers spreken en de gespreksleider de fase leiden",
                },
            )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="socratic",
            names={"nl": "Socratisch gesprek", "en": "Socratic dialogue"},
            summary={
                "en": "A group investigates a general question through one concrete example from a participant's "
                "own experience: it finds the core statement and asks back for the principles behind it.",
                "nl": "Een groep onderzoekt een algemene vraag aan de hand van één concreet voorbeeld uit de eigen "
                "ervaring van een deelnemer: zij zoekt de kernuitspraak en vraagt terug naar de principes erachter.",
            },
            source=SOURCE,
            base_recipe=base_recipe("socratic"),
            rules=(one_example, question_first, regressive_abstraction, facilitator_holds_back),
            roles={
                "gespreksleider": {
                    "en": "the facilitator, who keeps the procedure and holds back on the content",
                    "nl": "de gespreksleider, die de regels bewaakt en zich buiten de inhoud houdt",
                },
                "voorbeeldgever": {
                    "en": "the participant whose example the group examines",
                    "nl": "de deelnemer wiens voorbeeld de groep onderzoekt",
                },
            },
            phases={
                "uitgangsvraag": {"en": "the general question", "nl": "de algemene uitgangsvraag"},
                "voorbeeld": {
                    "en": "where the chosen example is told and examined",
                    "nl": "waar het gekozen voorbeeld wordt verteld en onderzocht",
                },
                "kernuitspraak": {
                    "en": "where the group formulates the core statement",
                    "nl": "waar de groep de kernuitspraak formuleert",
                },
                "abstractie": {
                    "en": "the regressive abstraction, back to the principles",
                    "nl": "de regressieve abstractie, terug naar de principes",
                },
            },
            finders={
                "gespreksleider": _find_facilitator,
                "voorbeeldgever": _find_example_giver,
                "uitgangsvraag": _find_question,
                "voorbeeld": _find_example,
                "kernuitspraak": _find_core_statement,
                "abstractie": _find_abstraction,
            },
        )
    ]
