"""What a method plugin provides: the Method, its Rules, and output formats.

A method is data (names, a summary, a source, a base recipe written in the
recipe language) plus rules, which are plain functions from a recipe to
diagnostics. Keeping the base recipe in the recipe language means a method
is described the way trainers describe it, and ``methodengine new`` can hand
it out as a starting point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from methodengine.diagnostics import Diagnostic
from methodengine.i18n import N_, Text, _, pick, translate
from methodengine.model import Meeting, Phase, Range, Recipe, Role, Rounds, Stage

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan
    from methodengine.planning.meeting_plan import MeetingPlan

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")

RuleCheck = Callable[[Recipe], Iterable[Diagnostic]]

Located = Role | Phase | Rounds | Meeting | Stage
Finder = Callable[[Recipe], Iterable[Located]]
"""Where a method looks for a structure its rules need when the recipe does not mark it with the id.

It returns the candidates in the recipe (a role, a phase or rounds block, an
extra meeting, a stage): exactly one is taken as the structure, as if it
carried the id; none or several, and the rules that need it are skipped with
a warning that names what was looked for, and the candidates.
"""


def _method_id(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            _(
                "a method id is lower-case letters, digits, `-` and `_`, starting with a letter; not {value}",
                value=repr(value),
            )
        )


def _names(instance: object, attribute: attrs.Attribute, value: Mapping[str, str]) -> None:
    missing = [lang for lang in ("nl", "en") if not value.get(lang)]
    if missing:
        shown = ", ".join(missing)
        raise ValueError(_("a method needs a name in Dutch and English; missing: {languages}", languages=shown))


def _format_name(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            _(
                "an output format's `{field}` is a short lower-case word such as `csv`; not {value}",
                field=attribute.name,
                value=repr(value),
            )
        )


def _format_description(instance: object, attribute: attrs.Attribute, value: Text) -> None:
    if not isinstance(value, (str, Mapping)):
        raise ValueError(_("an output format's `{field}` is a text, or texts by language", field=attribute.name))
    _text_by_language(_OUTPUT_FORMAT, attribute.name, value)


_METHOD, _RULE, _OUTPUT_FORMAT = N_("method"), N_("rule"), N_("output format")
"""Whose text a validator checks, translated only when it fails: every plugin's Method is validated at start-up."""


def _text_by_language(owner: str, name: str, value: object) -> None:
    """A text given by language must hold English, the language every reader falls back to; none may be empty."""
    if not isinstance(value, Mapping):
        return
    if not all(isinstance(text, str) and text.strip() for text in value.values()):
        raise ValueError(
            _("a {owner}'s `{field}` must not be empty in any language", owner=translate(owner), field=name)
        )
    if not value.get("en"):
        raise ValueError(
            _("a {owner}'s `{field}` by language needs one in English", owner=translate(owner), field=name)
        )


def _non_empty_text(instance: object, attribute: attrs.Attribute, value: Text) -> None:
    if not isinstance(value, (str, Mapping)) or (isinstance(value, str) and not value.strip()) or not value:
        raise ValueError(_("a method's `{field}` must not be empty", field=attribute.name))
    _text_by_language(_METHOD, attribute.name, value)


def _rule_text(instance: object, attribute: attrs.Attribute, value: Text) -> None:
    if not isinstance(value, (str, Mapping)):
        raise ValueError(_("a rule's `{field}` is a text, or texts by language", field=attribute.name))
    _text_by_language(_RULE, attribute.name, value)


def _described(instance: object, attribute: attrs.Attribute, value: Mapping[str, Text]) -> None:
    for text in value.values():
        _text_by_language(_METHOD, attribute.name, text)


def _meeting_words(instance: object, attribute: attrs.Attribute, value: Mapping[str, tuple[str, str]]) -> None:
    """Each language's word is a pair, one and several (``("gesprek", "gesprekken")``): the cards say both."""
    for language, words in value.items():
        pair = isinstance(words, (tuple, list)) and len(words) == 2
        if not pair or not all(isinstance(word, str) and word.strip() for word in words):
            raise ValueError(
                _(
                    "a method's `meeting_words` gives each language a word for one meeting and one for several, "
                    'such as ("gesprek", "gesprekken"); not {value} for `{language}`',
                    value=repr(words),
                    language=language,
                )
            )


def _group_size(instance: object, attribute: attrs.Attribute, value: Range | None) -> None:
    if value is not None and (not isinstance(value, Range) or value.high < 1):
        raise ValueError(_("a method's `group_size` is a Range of participants, such as Range(6, 9)"))


def _finders(instance: object, attribute: attrs.Attribute, value: Mapping[str, Finder]) -> None:
    """Each finder is callable and finds an id the method describes: the warning says what it looked for."""
    described = {**instance.roles, **instance.phases, **instance.meetings, **instance.stages}  # type: ignore[attr-defined]
    for ident, finder in value.items():
        if not callable(finder):
            raise ValueError(_("a method's finder for `{id}` must be callable", id=ident))
        if ident not in described:
            raise ValueError(
                _(
                    "a method's finder for `{id}` finds an id it does not describe in `roles`, `phases`, "
                    "`meetings` or `stages`",
                    id=ident,
                )
            )


def _non_empty(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("a method's `{field}` must not be empty", field=attribute.name))


@frozen
class Rule:
    """One rule of a method.

    ``needs_roles``, ``needs_phases``, ``needs_meetings`` and ``needs_stages``
    list the ids the rule looks for. A recipe that lacks one gets a warning naming it, and the
    rule is skipped rather than guessing.
    """

    code: str
    summary: Text = field(validator=_rule_text)
    """What the rule holds, in English or by language (``{"en": ..., "nl": ...}``, English required)."""
    source: str
    check: RuleCheck
    needs_roles: tuple[str, ...] = ()
    needs_phases: tuple[str, ...] = ()
    needs_meetings: tuple[str, ...] = ()
    needs_stages: tuple[str, ...] = ()

    def summary_in(self, language: str = "en") -> str:
        """The summary in ``language``, else in English."""
        return pick(self.summary, language)


def rule(
    code: str,
    summary: str | Mapping[str, str],
    source: str,
    *,
    needs_roles: Iterable[str] = (),
    needs_phases: Iterable[str] = (),
    needs_meetings: Iterable[str] = (),
    needs_stages: Iterable[str] = (),
) -> Callable[[RuleCheck], Rule]:
    """Decorate a check function to make it a Rule.

    Example::

        @rule("max-participants", "At most 7 participants.", source="Hendriksen")
        def max_participants(recipe):
            if recipe.group and recipe.group.high > 7:
                yield error("at most 7 participants", recipe.where("group"))
    """

    def wrap(check: RuleCheck) -> Rule:
        return Rule(
            code,
            summary,
            source,
            check,
            tuple(needs_roles),
            tuple(needs_phases),
            tuple(needs_meetings),
            tuple(needs_stages),
        )

    return wrap


def _rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """``tuple`` as a converter attrs can read the signature of cheaply (the builtin's costs 2 ms at start-up)."""
    return tuple(rules)


@frozen
class Method:
    """A session method, as a plugin registers it."""

    id: str = field(validator=_method_id)
    names: Mapping[str, str] = field(validator=_names)
    summary: str | Mapping[str, str] = field(validator=_non_empty_text)
    """What the method is for, in English or by language (``{"en": ..., "nl": ...}``)."""
    source: str = field(validator=_non_empty)
    base_recipe: str = field(validator=_non_empty)
    rules: tuple[Rule, ...] = field(default=(), converter=_rules)
    roles: Mapping[str, Text] = field(factory=dict, validator=_described)
    """Role ids the rules rely on, each with what it is for (in English or by language)."""
    phases: Mapping[str, Text] = field(factory=dict, validator=_described)
    """Phase ids the rules rely on, each with what it is for (in English or by language)."""
    meetings: Mapping[str, Text] = field(factory=dict, validator=_described)
    """Extra-meeting ids the rules rely on, each with what it is for (in English or by language)."""
    stages: Mapping[str, Text] = field(factory=dict, validator=_described)
    """Stage ids the rules rely on, each with what it is for (in English or by language)."""
    meeting_words: Mapping[str, tuple[str, str]] = field(factory=dict, validator=_meeting_words)
    """The word for one meeting and for several, by language: ``{"nl": ("gesprek", "gesprekken"), "en": ...}``.

    One-to-one coaching holds conversations, a group meetings; the cards and
    the schedule say this word (``bijeenkomst``/``meeting`` when the method
    gives none), and a recipe's ``meeting-word`` overrides it.
    """
    group_size: Range | None = field(default=None, validator=_group_size)
    """The group size the method's source states (``Range(6, 9)``; ``Range(1, 7)`` for "at most 7").

    A recipe's ``group`` wholly outside it is an error, partly outside a
    warning; ``methodengine methods --group N`` lists the methods whose size takes in N.
    """
    finders: Mapping[str, Finder] = field(factory=dict, validator=_finders)
    """Where to look for each described id a recipe leaves unmarked, so that rules need no ids where it is clear.

    ``{"beurt": lambda recipe: recipe.rounds_blocks()}``: a recipe whose only
    rounds block is the turn is checked as if the block said ``id: beurt``;
    an id is only needed to choose between several candidates.
    """
    plugin: str | None = field(default=None, eq=False)
    """The plugin that registered it; filled in by the plugin manager."""

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def summary_in(self, language: str = "en") -> str:
        """The summary in ``language``, else in English."""
        return pick(self.summary, language)


@frozen
class OutputRequest:
    """What an output format's ``render`` receives. New fields get defaults."""

    recipe: Recipe
    options: Mapping[str, Any] = field(factory=dict)
    language: str = "en"
    plan: MeetingPlan | DatedPlan | None = None
    """What the built-in formats are made from (docs/plugins.md); None when not made.

    For a card format the meeting plan: ``plan.to_data()`` is the plan as
    ``methodengine cards --format json`` prints it (docs/cards.md). For a
    schedule format the dated plan, the meetings ``schedule`` dates.
    """


@frozen
class OutputFormat:
    """An output format a plugin adds to ``methodengine cards``."""

    name: str = field(validator=_format_name)
    description: Text = field(validator=_format_description)
    """What the format is for, in ``--format``'s help: in English, or by language (``{"en": ..., "nl": ...}``)."""
    render: Callable[[OutputRequest], str | bytes] = field(validator=attrs.validators.is_callable())
    binary: bool = field(default=False, validator=attrs.validators.instance_of(bool))
    extension: str = field(default="txt", validator=_format_name)
    plugin: str | None = field(default=None, eq=False)


_HEADER_KEYS = {"meeting_word": "meeting-word"}
"""The header key of a field whose name in the model differs from it: its position is kept under the key."""


def apply_base(recipe: Recipe, base: Recipe) -> Recipe:
    """``recipe`` completed from a method's base recipe.

    Header fields the recipe leaves out come from the base; a recipe without
    roles takes the base's roles, one without phases takes its whole agenda,
    one without a trajectory takes the base's trajectory. What the recipe
    writes, it owns: nothing is merged item by item. A header line the recipe
    writes but that could not be read (``duur: twee uur``, already an error)
    is not filled from the base either: the checks would judge the trainer's
    agenda against a duration they never wrote, and place it in the base recipe.
    """
    header = ("language", "group", "facilitators", "duration", "summary", "source", "meeting_word")
    written = recipe.field_positions
    changes: dict[str, Any] = {
        name: getattr(base, name)
        for name in header
        if getattr(recipe, name) is None and _HEADER_KEYS.get(name, name) not in written
    }
    positions = dict(recipe.field_positions)
    for name in changes:
        key = _HEADER_KEYS.get(name, name)
        if key in base.field_positions:
            positions[key] = base.field_positions[key]
    if not recipe.roles:
        changes["roles"] = base.roles
    if not recipe.agenda:
        changes["agenda"] = base.agenda
    if recipe.trajectory is None:
        changes["trajectory"] = base.trajectory
    return attrs.evolve(recipe, field_positions=positions, **changes)
