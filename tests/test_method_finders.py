"""Methods that find their structure without ids (``Method.finders``), and the group size a method states.

A small method here needs a rounds block ``turn`` and a role ``client``;
recipes written as a trainer writes them (no ids) are checked by its rules
when the finders find one candidate, and get a warning naming the candidates
when they find several or none.
"""

from __future__ import annotations

from methodengine import Method, Range, Severity, error, hookimpl, rule
from methodengine.testing import check_text, plugin_problems

BASE = """\
recipe: Turns
role client: Client
  count: 1
role member: Member
phase Welcome (5 min)
rounds 1-2: Turn
  id: turn
  phase Ask (5 min)
    speak: client
"""


@rule("two-turns", "At most two turns.", source="Test source", needs_phases=["turn"])
def _two_turns(recipe):
    block = recipe.block("turn")
    if block is None:
        yield error("`turn` should be a rounds block", recipe.position)
    elif block.count.high > 2:
        yield error(f"at most two turns, not {block.count}", block.position)


@rule("client-speaks", "The client speaks in every turn.", source="Test source", needs_roles=["client"])
def _client_speaks(recipe):
    if not any("client" in phase.speak for phase in recipe.phases()):
        yield error("the client never speaks", recipe.position)


def _turns(recipe):
    return recipe.rounds_blocks()


def _clients(recipe):
    return [role for role in recipe.roles if role.name.lower() in {"client", "inbrenger"}]


class Turns:
    @hookimpl
    def register_methods(self):
        return [
            Method(
                id="turns",
                names={"nl": "Beurten", "en": "Turns"},
                summary="Turns of one client each.",
                source="Test source",
                base_recipe=BASE,
                rules=(_two_turns, _client_speaks),
                roles={"client": "the one whose turn it is"},
                phases={"turn": "the rounds block of one turn"},
                finders={"turn": _turns, "client": _clients},
                group_size=Range(4, 8),
            )
        ]


def _codes(found, severity=None):
    return [d.code for d in found if severity is None or d.severity is severity]


def test_the_only_rounds_block_is_the_turn_without_an_id():
    found = check_text(
        "recipe: Ours\nmethod: turns\nrole inbrenger: Inbrenger\n  count: 1\nrole lid: Lid\n"
        "rounds 1-3: Beurt\n  phase Vragen (5 min)\n    speak: inbrenger\n",
        Turns(),
    )
    assert _codes(found, Severity.ERROR) == ["turns/two-turns"]
    assert "at most two turns, not 1-3" in [d.message for d in found]
    assert "method-expects-id" not in _codes(found)


def test_a_role_found_by_its_name_is_renamed_everywhere_the_rules_read_it():
    keeps = check_text(
        "recipe: Ours\nmethod: turns\nrole inbr: Inbrenger\n  count: 1\nrole lid: Lid\n"
        "rounds 1-2: Beurt\n  phase Vragen (5 min)\n    speak: inbr\n",
        Turns(),
    )
    assert [d for d in keeps if d.severity is Severity.ERROR] == []
    breaks = check_text(
        "recipe: Ours\nmethod: turns\nrole inbr: Inbrenger\n  count: 1\nrole lid: Lid\n"
        "rounds 1-2: Beurt\n  phase Vragen (5 min)\n    speak: lid\n",
        Turns(),
    )
    assert _codes(breaks, Severity.ERROR) == ["turns/client-speaks"]


def test_two_candidates_skip_the_rule_and_the_warning_names_both():
    found = check_text(
        "recipe: Ours\nmethod: turns\nrole client: Client\n  count: 1\n"
        "rounds 1-3: Eerste beurt\n  phase A (5 min)\n    speak: client\n"
        "rounds 1-3: Tweede beurt\n  phase B (5 min)\n    speak: client\n",
        Turns(),
    )
    assert "turns/two-turns" not in _codes(found)
    (warned,) = [d for d in found if d.code == "method-expects-id"]
    assert "found 2 that could be it: `Eerste beurt` (line 5), `Tweede beurt` (line 8)" in warned.message
    assert "`two-turns`" in warned.message
    assert "id: turn" in warned.hint


def test_no_candidate_says_none_was_found():
    found = check_text(
        "recipe: Ours\nmethod: turns\nrole client: Client\n  count: 1\nphase A (5 min)\n  speak: client\n",
        Turns(),
    )
    (warned,) = [d for d in found if d.code == "method-expects-id"]
    assert "found none in this recipe" in warned.message


def test_an_id_the_recipe_writes_wins_over_the_finder():
    found = check_text(
        "recipe: Ours\nmethod: turns\nrole client: Client\n  count: 1\n"
        "rounds 1-3: Other\n  phase A (5 min)\n    speak: client\n"
        "rounds 1-2: Marked\n  id: turn\n  phase B (5 min)\n    speak: client\n",
        Turns(),
    )
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert "method-expects-id" not in _codes(found)


def test_a_finder_that_fails_is_the_plugins_fault_and_skips_its_rules():
    def broken(recipe):
        raise RuntimeError("boom")

    class Broken(Turns):
        @hookimpl
        def register_methods(self):
            (method,) = super().register_methods()
            import attrs

            return [attrs.evolve(method, finders={"turn": broken})]

    found = check_text(
        "recipe: Ours\nmethod: turns\nrole client: Client\n  count: 1\nrounds 1-3: Beurt\n  phase A (5 min)\n"
        "    speak: client\n",
        Broken(),
    )
    assert "turns/two-turns" not in _codes(found)
    assert "method-expects-id" in _codes(found)


def test_a_finder_for_an_id_the_method_does_not_describe_is_refused():
    class Undescribed(Turns):
        @hookimpl
        def register_methods(self):
            (method,) = super().register_methods()
            import attrs

            return [attrs.evolve(method, finders={"elsewhere": _turns})]

    (problem,) = plugin_problems(Undescribed())
    assert "`elsewhere`" in problem.message


def test_a_group_wholly_outside_the_methods_size_is_an_error_partly_outside_a_warning():
    header = "recipe: Ours\nmethod: turns\ngroup: {}\n"
    wholly = check_text(header.format("2-3"), Turns())
    (found,) = [d for d in wholly if d.code == "turns/group-size"]
    assert found.severity is Severity.ERROR
    assert found.position.line == 3
    assert "4-8" in found.message and "2-3" in found.message
    assert "methods --group 3" in found.hint
    assert found.source == "Test source"
    partly = check_text(header.format("6-10"), Turns())
    (found,) = [d for d in partly if d.code == "turns/group-size"]
    assert found.severity is Severity.WARNING
    within = check_text(header.format("5-8"), Turns())
    assert "turns/group-size" not in _codes(within)


def test_the_warning_and_the_group_size_error_read_in_dutch():
    from methodengine import use_language

    with use_language("nl"):
        found = check_text(
            "recept: Onze\nmethode: turns\ngroep: 2\nrol client: Client\n  aantal: 1\n"
            "rondes 1-3: Eerste beurt\n  fase A (5 min)\n    spreekt: client\n"
            "rondes 1-3: Tweede beurt\n  fase B (5 min)\n    spreekt: client\n",
            Turns(),
        )
    messages = {d.code: d for d in found}
    assert "er zijn er 2 die het kunnen zijn: `Eerste beurt` (regel 6)" in messages["method-expects-id"].message
    group = messages["turns/group-size"]
    assert group.message == "de methode Beurten is voor een groep van 4-8; een groep van 2 valt daar helemaal buiten"
    assert "`groep: 4-8`" in group.hint


def test_a_found_role_keeps_the_id_the_trainer_wrote_for_hints():
    seen = []

    @rule("see", "Sees the role.", source="Test source", needs_roles=["client"])
    def _see(recipe):
        seen.append(recipe.role("client"))
        return ()

    class Seeing(Turns):
        @hookimpl
        def register_methods(self):
            (method,) = super().register_methods()
            import attrs

            return [attrs.evolve(method, rules=(_see,))]

    check_text(
        "recipe: Ours\nmethod: turns\nrole inbr: Inbrenger\n  count: 1\nphase A (5 min)\n  speak: inbr\n", Seeing()
    )
    (role,) = seen
    assert (role.id, role.written_id, role.id_as_written) == ("client", "inbr", "inbr")


def test_a_method_named_by_its_dutch_name_gets_its_id_suggested():
    found = check_text("recept: Onze\nmethode: Beurten\n", Turns())
    (unknown,) = [d for d in found if d.code == "unknown-method"]
    assert unknown.hint.startswith("did you mean `turns`?")
    found = check_text("recept: Onze\nmethode: Actieleerset\n", builtins=True)
    (unknown,) = [d for d in found if d.code == "unknown-method"]
    assert unknown.hint.startswith("did you mean `action-learning`?")


def test_a_one_to_one_method_says_so_to_a_group():
    found = check_text("recipe: Ours\nmethod: jobcoaching\ngroup: 3\n", builtins=True)
    (size,) = [d for d in found if d.code == "jobcoaching/group-size"]
    assert size.severity is Severity.ERROR
    assert size.message == "the method Job coaching is for one person at a time; a group of 3 is more"
