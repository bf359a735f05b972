"""Kollegiale Beratung after K.-O. Tietze: colleagues consult one of them on a case, in six fixed phases.

Facts and their sources (K.-O. Tietze, *Kollegiale Beratung. Problemlösungen
gemeinsam entwickeln*, Rowohlt 2003, and Tietze's own summary of it on
kollegiale-beratung.de, "Die 6 Phasen" and the page of each phase):
- a group of five to ten members works on its own, without a professional
  or outside adviser (the book's description);
- the roles: one moderator, one case-giver (Fallerzähler), the consultants
  (Berater), one of whom is the secretary (Sekretär) who writes the ideas
  down; a process observer is optional. Whatever the group's size there is
  one case-giver and one moderator, who keep their roles through the
  consultation;
- six phases in a fixed order: casting (roles), spontaneous telling,
  key question, choice of method, consultation, closing;
- the case-giver tells for about 10 minutes, the consultants hold back;
  the consultation takes about 10 minutes, the case-giver only listens;
- one consultation takes about 35 to 45 minutes in all.

The minutes of the casting, key question, method choice and closing phases
in the base recipe (5 each, 40 in all) are our planning within Tietze's 35
to 45 minutes; he gives no figure for them that we are sure of, so no rule
checks them. The two 10-minute figures are about, so they are no rules
either; the whole consultation's 35 to 45 minutes is a custom (a warning).
One case-giver, one moderator, the case-giver listening in the consultation
and the phases' order are the structure of the method (errors).
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import EVERYONE, Diagnostic, Method, Phase, Range, Recipe, Role, error, hookimpl, rule, warning
from methodengine_methods._checks import exactly_one, in_order
from methodengine_methods._common import base_recipe, block_or_agenda, phases_minutes, written
from methodengine_methods._finding import (
    case_givers,
    first_found,
    leading_roles,
    phases_titled,
    role_id,
    roles_named,
    set_apart,
    silent,
)

SOURCE = "K.-O. Tietze, Kollegiale Beratung. Problemlösungen gemeinsam entwickeln (2003)"

GROUP_SIZE = Range(5, 10)  # groups of five to ten members (the book's description, Tietze 2003)
CONSULTATION_MINUTES = Range(35, 45)  # one consultation, all six phases (Tietze 2003)

# The phases the order rule follows, in Tietze's order: telling, key question, consultation.
ORDER = ("vertellen", "sleutelvraag", "beraden")

_MODERATOR_WORDS = ("moderat", "voorzit", "gespreksleid", "chair")
_TELLING_WORDS = ("vertel", "erzähl", "spontan", "telling")
_KEY_QUESTION_WORDS = ("sleutelvraag", "schlüsselfrage", "key question", "kernvraag", "hulpvraag")
_CONSULTATION_WORDS = ("advis", "advies", "beraad", "beraden", "beratung", "consult")


def _find_case_giver(recipe: Recipe) -> list[Role]:
    """The role named as every method names the case-giver (inbrenger, probleemeigenaar, Fallerzähler, ...)."""
    return case_givers(recipe)


def _find_moderator(recipe: Recipe) -> list[Role]:
    """The role named as the moderator; else the roles that lead phases, as the moderator leads them all."""
    return roles_named(recipe, _MODERATOR_WORDS) or leading_roles(recipe)


def _find_telling(recipe: Recipe) -> list[Phase]:
    return phases_titled(recipe, _TELLING_WORDS)


def _find_key_question(recipe: Recipe) -> list[Phase]:
    return phases_titled(recipe, _KEY_QUESTION_WORDS)


def _find_consultation(recipe: Recipe) -> list[Phase]:
    """The phase titled as advising (Adviseren, Adviesronde, Beratung, Consultation).

    Of several so titled (`Hoe gaan we adviseren?` is the choice of method),
    the one where the case-giver is set to listen or sit outside; else those
    where the consultants are named to speak, not `everyone`.
    """
    titled = phases_titled(recipe, _CONSULTATION_WORDS)
    case_giver = role_id(recipe, "inbrenger", _find_case_giver)
    return first_found(
        [phase for phase in titled if case_giver is not None and set_apart(phase, case_giver)],
        [phase for phase in titled if EVERYONE not in phase.speak],
        titled,
    )


def _has_one(english: str, dutch: str) -> dict[str, str]:
    """The rule in words: kollegiale Beratung has exactly one of a role."""
    return {
        "en": f"kollegiale Beratung has exactly one {english}",
        "nl": f"kollegiale Beratung heeft precies één {dutch}",
    }


@rule(
    "one-case-giver",
    {
        "en": "Exactly one case-giver (Fallerzähler) is consulted.",
        "nl": "Precies één inbrenger (Fallerzähler) wordt geadviseerd.",
    },
    source=SOURCE,
    needs_roles=["inbrenger"],
)
def one_case_giver(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from exactly_one(recipe, "inbrenger", _has_one("case-giver", "inbrenger"))


@rule(
    "one-moderator",
    {"en": "Exactly one moderator leads the phases.", "nl": "Precies één moderator leidt de fasen."},
    source=SOURCE,
    needs_roles=["moderator"],
)
def one_moderator(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from exactly_one(recipe, "moderator", _has_one("moderator", "moderator"))


@rule(
    "case-giver-listens",
    {
        "en": "In the consultation the case-giver only listens.",
        "nl": "Tijdens het adviseren luistert de inbrenger alleen.",
    },
    source=SOURCE,
    needs_roles=["inbrenger"],
    needs_phases=["beraden"],
)
def case_giver_listens(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.phase("beraden")
    if phase is None:  # the id is a rounds block's: the consultation is one phase
        return
    case_giver = recipe.role("inbrenger")
    assert case_giver is not None
    if silent(phase, "inbrenger"):
        return
    written_id = case_giver.id_as_written
    moderator = recipe.role("moderator")
    if phase.lead == "inbrenger":
        does = {"en": "leads", "nl": "leidt"}
        lead = written(recipe, "lead:", "leidt:") + (f" {moderator.id_as_written}" if moderator else "")
        fix = {
            "en": f"let the moderator lead the consultation (`{lead}`)",
            "nl": f"laat de moderator het adviseren leiden (`{lead}`)",
        }
    else:
        does = {"en": "speaks in", "nl": "spreekt in"}
        line = written(recipe, f"listen: {written_id}", f"luistert: {written_id}")
        also = "" if set_apart(phase, "inbrenger") else f" and write `{line}`"
        ook = "" if set_apart(phase, "inbrenger") else f" en schrijf `{line}`"
        fix = {
            "en": f"let only the consultants speak{also}",
            "nl": f"laat alleen de adviseurs spreken{ook}",
        }
    yield error(
        {
            "en": f"the case-giver {does['en']} `{phase.title}`; in the consultation the case-giver only listens",
            "nl": f"de inbrenger {does['nl']} `{phase.title}`; tijdens het adviseren luistert de inbrenger alleen",
        },
        phase.position,
        hint={
            "en": f"{fix['en']}; the case-giver answers in the closing phase",
            "nl": f"{fix['nl']}; de inbrenger reageert in de afsluiting",
        },
    )


@rule(
    "phase-order",
    {
        "en": "The case is told first, then the key question is put, then the group consults.",
        "nl": "Eerst wordt de casus verteld, dan de sleutelvraag gesteld, dan adviseert de groep.",
    },
    source=SOURCE,
    needs_phases=list(ORDER),
)
def phase_order(recipe: Recipe) -> Iterator[Diagnostic]:
    names = {
        "vertellen": {"en": "the telling", "nl": "het vertellen"},
        "sleutelvraag": {"en": "the key question", "nl": "de sleutelvraag"},
        "beraden": {"en": "the consultation", "nl": "het adviseren"},
    }
    hint = {
        "en": "keep Tietze's order: telling, key question, choice of method, consultation",
        "nl": "houd de volgorde van Tietze aan: vertellen, sleutelvraag, werkvorm kiezen, adviseren",
    }
    yield from in_order(recipe, ORDER, names, hint)


@rule(
    "consultation-length",
    {
        "en": f"One consultation takes about {CONSULTATION_MINUTES.low} to {CONSULTATION_MINUTES.high} minutes.",
        "nl": f"De bespreking van één casus duurt ongeveer {CONSULTATION_MINUTES.low} tot "
        f"{CONSULTATION_MINUTES.high} minuten.",
    },
    source=SOURCE,
    needs_phases=["beraden"],
)
def consultation_length(recipe: Recipe) -> Iterator[Diagnostic]:
    block, phases = block_or_agenda(recipe, "beraden")
    if not phases:
        return
    minutes = phases_minutes(recipe, phases)
    if minutes.high < CONSULTATION_MINUTES.low or minutes.low > CONSULTATION_MINUTES.high:
        rounds = written(recipe, "rounds 1: Consultation", "rondes 1: Casusbespreking")
        where = block.position if block is not None else phases[0].position
        what = {
            "en": f"one round of `{block.title}`" if block else "the agenda",
            "nl": f"één ronde van `{block.title}`" if block else "het programma",
        }
        yield warning(
            {
                "en": f"one consultation takes about {CONSULTATION_MINUTES} min, but {what['en']} plans {minutes} min",
                "nl": f"de bespreking van één casus duurt ongeveer {CONSULTATION_MINUTES} min, maar {what['nl']} "
                f"duurt {minutes} min",
            },
            where,
            hint={
                "en": "plan about 10 minutes for the telling, about 10 for the consultation, and the other "
                "four phases in the rest"
                + ("" if block else f"; with more around the case, put its six phases in `{rounds}`"),
                "nl": "plan ongeveer 10 minuten voor het vertellen, ongeveer 10 voor het adviseren, en de "
                "andere vier fasen in de rest"
                + ("" if block else f"; staat er meer omheen, zet de zes fasen dan in `{rounds}`"),
            },
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="kollegiale-beratung",
            names={"nl": "Kollegiale Beratung", "en": "Kollegiale Beratung (peer consultation)"},
            summary={
                "en": "Peer consultation without an outside adviser: a moderator leads colleagues through six "
                "fixed phases in which they advise one of them on a current case from work.",
                "nl": "Collegiaal adviseren zonder externe begeleider: een moderator leidt collega's door zes "
                "vaste fasen waarin zij een van hen adviseren over een actuele casus uit het werk.",
            },
            source=SOURCE,
            base_recipe=base_recipe("kollegiale_beratung"),
            rules=(one_case_giver, one_moderator, case_giver_listens, phase_order, consultation_length),
            roles={
                "moderator": {
                    "en": "the moderator, who leads the phases and keeps the time",
                    "nl": "de moderator, die door de fasen leidt en de tijd bewaakt",
                },
                "inbrenger": {
                    "en": "the case-giver (Fallerzähler), who tells the case and puts the key question",
                    "nl": "de inbrenger (Fallerzähler), die de casus vertelt en de sleutelvraag stelt",
                },
            },
            phases={
                "vertellen": {
                    "en": "the spontaneous telling of the case",
                    "nl": "het spontaan vertellen van de casus",
                },
                "sleutelvraag": {
                    "en": "where the case-giver puts the key question",
                    "nl": "waar de inbrenger de sleutelvraag stelt",
                },
                "beraden": {
                    "en": "the consultation, where the consultants give ideas and the case-giver listens",
                    "nl": "het adviseren, waarin de adviseurs ideeën geven en de inbrenger luistert",
                },
            },
            group_size=GROUP_SIZE,
            finders={
                "inbrenger": _find_case_giver,
                "moderator": _find_moderator,
                "vertellen": _find_telling,
                "sleutelvraag": _find_key_question,
                "beraden": _find_consultation,
            },
        )
    ]
