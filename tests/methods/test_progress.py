"""Progress-focused coaching: each rule broken once, and kept.

Facts (seeds/INDEX.md, 002): every session can be the last; after every
session the client (or the group) and the coach (or its facilitator) each
decide whether a next session is useful; no trajectory continues silently.
Both are the method itself, so breaking them is an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from methodengine import Diagnostic, Severity
from methodengine import plugins as plugin_module
from methodengine.cli import main
from methodengine.testing import check_text, isolated_plugins

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "recipes" / "progressiegericht.mth"
METHOD = isolated_plugins(builtins=True).methods()["progress"]
RULES = {r.code: r for r in METHOD.rules}
ERROR, WARNING = Severity.ERROR, Severity.WARNING

# A coaching conversation that ends with a checkpoint at which client and coach decide.
GOOD = """\
recipe: Coachgesprek
method: progress
duration: 45 min

role coachee: Cliënt
  count: 1
role coach: Coach
  count: 1
  facilitator: yes

phase Wat is er beter? (35 min)
  lead: coach
  speak: coachee
checkpoint Is een volgend gesprek zinvol? (10 min)
  decide: coachee, coach

trajectory
  meetings: open
"""

CHECKPOINT = """\
checkpoint Is een volgend gesprek zinvol? (10 min)
  decide: coachee, coach
"""

# The same group-coaching session a facilitator runs: the group and the facilitator decide.
GROUP = """\
recipe: Teamcoaching
method: progress
duration: 45 min

role deelnemer: Deelnemer
  count: 4-8
role begeleider: Begeleider
  count: 1
  facilitator: yes

phase Wat werkt al? (35 min)
  lead: begeleider
  speak: deelnemer
checkpoint Gaan we door? (10 min)
  decide: deelnemer, begeleider
"""


# ---------------------------------------------------------------- helpers


def edit(text: str, *changes: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced; each old must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line_of(text: str, fragment: str) -> int:
    """The number of the one line that contains ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def findings(text: str, code: str | None = None) -> list[Diagnostic]:
    found = check_text(text, builtins=True)
    return [d for d in found if code is None or d.code == code]


def headlines(found: list[Diagnostic]) -> list[str]:
    return [d.headline() for d in found]


def only(text: str, code: str) -> Diagnostic:
    found = findings(text, code)
    assert len(found) == 1, headlines(findings(text))
    return found[0]


def assert_finding(d: Diagnostic, rule: str, severity: Severity, text: str, at: str, figures: tuple[str, ...]) -> None:
    assert d.code == f"{METHOD.id}/{rule}"
    assert d.severity is severity, d.headline()
    assert d.position is not None and d.position.path == "test.mth", d.headline()
    assert d.position.line == line_of(text, at), d.headline()
    for figure in figures:
        assert figure in d.message, (figure, d.message)
    # The source a trainer reads is the rule's, and the method names it among its sources.
    assert d.source == RULES[rule].source
    assert d.source in METHOD.source


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "checkpoint-closes-every-meeting",
        [(CHECKPOINT, "phase Afronding (10 min)\n  speak: coachee\n")],
        ERROR,
        "method: progress",
        ("no checkpoint", "every meeting ends with one"),
        id="no-checkpoint",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [(CHECKPOINT, "phase Afronding (10 min)\n  speak: coachee\n"), ("meetings: open", "meetings: 5")],
        ERROR,
        "method: progress",
        ("fixed series of 5 meetings", "continues silently"),
        id="no-checkpoint-in-a-fixed-series",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [("(35 min)", "(30 min)"), (CHECKPOINT, CHECKPOINT + "phase Afspraak maken (5 min)\n  speak: coachee\n")],
        ERROR,
        "phase Afspraak maken",
        ("ends with `Afspraak maken`", "not with the checkpoint"),
        id="checkpoint-not-last",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [("  decide: coachee, coach\n", "  when: from meeting 2\n  decide: coachee, coach\n")],
        ERROR,
        "when: from meeting 2",
        ("only some meetings",),
        id="checkpoint-in-some-meetings",
    ),
    pytest.param(
        "both-decide",
        [("decide: coachee, coach", "decide: coachee")],
        ERROR,
        "checkpoint Is een volgend gesprek zinvol?",
        ("`Is een volgend gesprek zinvol?`", "the coach does not decide"),
        id="only-the-client-decides",
    ),
    pytest.param(
        "both-decide",
        [("decide: coachee, coach", "decide: coach")],
        ERROR,
        "checkpoint Is een volgend gesprek zinvol?",
        ("`Is een volgend gesprek zinvol?`", "the client does not decide"),
        id="only-the-coach-decides",
    ),
]


@pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), BREAKS)
def test_a_broken_rule_is_reported_once(rule, changes, severity, at, figures):
    text = edit(GOOD, *changes)
    d = only(text, f"progress/{rule}")
    assert_finding(d, rule, severity, text, at, figures)


def test_in_a_group_the_facilitator_alone_does_not_decide():
    text = edit(GROUP, ("decide: deelnemer, begeleider", "decide: begeleider"))
    d = only(text, "progress/both-decide")
    assert_finding(d, "both-decide", ERROR, text, "checkpoint Gaan we door?", ("client does not decide",))


def test_a_checkpoint_at_which_nobody_decides_breaks_both_decide():
    # Neither the client nor the coach decides: the method's principle is broken twice over.
    text = edit(GOOD, ("  decide: coachee, coach\n", ""))
    d = only(text, "progress/both-decide")
    assert_finding(d, "both-decide", ERROR, text, "checkpoint Is een volgend gesprek zinvol?", ("decide",))


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("checkpoint-closes-every-meeting", [], id="checkpoint-closes-an-open-series"),
    pytest.param("checkpoint-closes-every-meeting", [("meetings: open", "meetings: 5")], id="checkpoint-fixed-series"),
    pytest.param(
        "checkpoint-closes-every-meeting",
        # A first-meeting phase before the checkpoint does not change what closes the meeting.
        [
            ("(35 min)", "(25 min)"),
            (CHECKPOINT, "phase Doel (10 min)\n  when: meeting 1\n  speak: coachee\n" + CHECKPOINT),
        ],
        id="checkpoint-after-a-phase-for-meeting-1",
    ),
    pytest.param("both-decide", [], id="both-decide"),
    pytest.param("both-decide", [("decide: coachee, coach", "decide: coach, coachee")], id="both-decide-coach-first"),
]


@pytest.mark.parametrize(("rule", "changes"), KEEPS)
def test_a_kept_rule_is_silent(rule, changes):
    text = edit(GOOD, *changes)
    assert headlines(findings(text, f"progress/{rule}")) == []


def test_a_group_and_its_facilitator_deciding_keeps_every_rule():
    assert headlines(findings(GROUP)) == []


def test_every_rule_is_broken_and_kept_above():
    broken = {p.values[0] for p in BREAKS}
    kept = {p.values[0] for p in KEEPS}
    assert broken == kept == set(RULES)


# ---------------------------------------------------------------- the method's own recipes


@pytest.fixture
def cli(monkeypatch):
    """Run the command line with only the built-in plugins loaded."""
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    monkeypatch.setattr(plugin_module, "_default", [])
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_bundled_recipe_is_clean():
    text = BUNDLED.read_text(encoding="utf-8")
    assert "method: progress" in text
    assert headlines(check_text(text, builtins=True, path=str(BUNDLED))) == []


def test_new_writes_the_base_recipe_and_it_is_clean(cli):
    result = cli("new", "progress", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == METHOD.base_recipe
    assert headlines(check_text(result.stdout, builtins=True)) == []


# ---------------------------------------------------------------- ids the rules need


def test_the_rules_need_no_ids_they_go_by_facilitator_and_checkpoint():
    # Who is the coach is read from `facilitator: yes`, so any role ids work.
    for rule in METHOD.rules:
        assert (rule.needs_roles, rule.needs_phases, rule.needs_meetings, rule.needs_stages) == ((), (), (), ())
    assert not (METHOD.roles or METHOD.phases or METHOD.meetings or METHOD.stages)


def test_own_role_ids_get_no_missing_id_warning_and_are_still_checked():
    text = GROUP.replace("deelnemer", "teamlid").replace("begeleider", "teamcoach")
    assert headlines(findings(text)) == []
    broken = edit(text, ("decide: teamlid, teamcoach", "decide: teamlid"))
    found = findings(broken)
    assert [d.code for d in found] == ["progress/both-decide"]
    assert not any(d.code == "method-expects-id" for d in found)
