"""The malformed-recipe corpus: every bad recipe gets a RecipeError that points at the right place.

Each file in ``tests/malformed/`` is one small recipe with one thing wrong, named
for what is wrong. Its first line says what the trainer must be told::

    # expect: LINE:COL: MESSAGE-SUBSTRING

and further comment lines at the top may add::

    # hint: SUBSTRING        the hint must contain this
    # hint-not: SUBSTRING    the hint must not contain this (a misleading suggestion)
    # not: SUBSTRING         the message must not contain this
    # expect-nl: LINE:COL: DUTCH-SUBSTRING   the same mistake, said to a Dutch user (`use_language("nl")`)
    # hint-nl: SUBSTRING     the Dutch hint must contain this
    # stage: check           the recipe parses; its mistake is the checks' first error

A mistake the checks find (`(5 min per persoon)`, `spreekt: iedreen`) is
only one once the recipe is read: such a file says so with ``stage: check``,
and it must then parse, as every other file must not.

A file whose Dutch message is not yet translated has no ``expect-nl``; once it
is, the file fails until it says what a Dutch user is told. Files named
``nl-*.mth`` are written as a Dutch trainer types a recipe, in Dutch keywords.

Comment lines are blanked before parsing, so these lines do not move any
position. The files are read as bytes (some are CRLF, CR-only, Latin-1 or
contain NUL bytes) and loaded with ``methodengine.load``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

import methodengine
from methodengine import RecipeEncodingError, RecipeError
from methodengine.checking.resolution import check
from methodengine.cli import main
from methodengine.diagnostics import Diagnostic
from methodengine.i18n import use_language
from methodengine.language import parse_with_diagnostics

CORPUS = Path(__file__).parent / "malformed"
FILES = sorted(CORPUS.glob("*.mth"))


@dataclass
class Expectation:
    line: int
    column: int
    message: str
    hint: list[str] = field(default_factory=list)
    hint_not: list[str] = field(default_factory=list)
    message_not: list[str] = field(default_factory=list)
    dutch: tuple[int, int, str] | None = None
    hint_nl: list[str] = field(default_factory=list)
    checked: bool = False


_EXPECT = re.compile(r"# expect: (\d+):(\d+): (.+)")
_EXTRA = re.compile(r"# (hint|hint-not|not|hint-nl): (.+)")
_EXPECT_NL = re.compile(r"# expect-nl: (\d+):(\d+): (.+)")
_STAGE = "# stage: check"


def expectation(path: Path) -> Expectation:
    lines = re.split(rb"\r\n|\r|\n", path.read_bytes())
    match = _EXPECT.fullmatch(lines[0].decode("utf-8").rstrip())
    assert match, f"{path.name}: the first line must be `# expect: LINE:COL: MESSAGE`"
    found = Expectation(int(match[1]), int(match[2]), match[3])
    for raw in lines[1:]:
        text = raw.decode("utf-8").rstrip()
        if text == _STAGE:
            found.checked = True
            continue
        dutch = _EXPECT_NL.fullmatch(text)
        if dutch:
            found.dutch = (int(dutch[1]), int(dutch[2]), dutch[3])
            continue
        extra = _EXTRA.fullmatch(text)
        if not extra:
            break
        lists = {"hint": found.hint, "hint-not": found.hint_not, "not": found.message_not, "hint-nl": found.hint_nl}
        lists[extra[1]].append(extra[2])
    return found


def cases(aspect: str, checked: bool | None = None) -> list:  # type: ignore[type-arg]
    """The corpus files as test cases; ``checked``: only those whose mistake the checks find (or only the others)."""
    return [
        pytest.param(path, id=path.name)
        for path in FILES
        if checked is None or (_STAGE.encode() in path.read_bytes()[:2000]) == checked
    ]


def load_error(path: Path, language: str = "en") -> RecipeError:
    """The RecipeError loading ``path`` raises, its messages in ``language``; any other exception fails the test."""
    with use_language(language), pytest.raises(RecipeError) as info:
        methodengine.load(str(path))
    return info.value


def first_error(path: Path, language: str = "en") -> Diagnostic:
    """The first error a trainer is told about ``path``: the parse's, or for a ``stage: check`` file the checks'."""
    if not expectation(path).checked:
        return load_error(path, language).diagnostic
    with use_language(language):
        recipe = methodengine.load(str(path))  # a file of the check stage parses
        errors = [d for d in check(recipe) if d.is_error]
    assert errors, f"{path.name}: the checks find no error"
    return errors[0]


def test_the_corpus_covers_enough_cases() -> None:
    assert len(FILES) >= 30
    for path in FILES:
        expectation(path)  # every file states what it expects


@pytest.mark.parametrize("path", cases("diagnostic"))
def test_diagnostic(path: Path) -> None:
    expected = expectation(path)
    diagnostic = first_error(path)
    assert diagnostic.position is not None
    assert (diagnostic.position.line, diagnostic.position.column) == (expected.line, expected.column), (
        diagnostic.message
    )
    assert diagnostic.position.path == str(path)
    assert expected.message in diagnostic.message
    for unwanted in expected.message_not:
        assert unwanted not in diagnostic.message
    assert diagnostic.hint, "every error tells the trainer what to do"
    for wanted in expected.hint:
        assert wanted in diagnostic.hint
    for unwanted in expected.hint_not:
        assert unwanted not in diagnostic.hint


@pytest.mark.parametrize("path", cases("dutch"))
def test_diagnostic_in_dutch(path: Path) -> None:
    # The same mistake at the same place, said in Dutch; a message that is translated must be stated.
    expected = expectation(path)
    english = first_error(path)
    diagnostic = first_error(path, "nl")
    assert diagnostic.position == english.position
    if expected.dutch is None:
        assert diagnostic.message == english.message, f"{path.name} is said in Dutch now: add `# expect-nl:`"
        return
    line, column, message = expected.dutch
    assert (diagnostic.position.line, diagnostic.position.column) == (line, column) == (expected.line, expected.column)
    assert message in diagnostic.message
    assert diagnostic.hint
    for wanted in expected.hint_nl:
        assert wanted in diagnostic.hint


_TOLD = re.compile(r"(?:\b(?P<lead>write|schrijf|e\.g\.|bijvoorbeeld)|:) `(?P<code>[^`]+)`", re.IGNORECASE)
"""What a hint tells to write: the code after `write`, `e.g.` or a colon (not a word it only names)."""
_MEANT = re.compile(r"^(?:did you mean|bedoel je) `([^`]+)`\?")
_FORMS = ("Title", "Titel", "ID", "Name", "Naam", " N:")
_NUMBER = re.compile(r"\d*½|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\s:(),]*")


def _mendings(lines: list[str], diagnostic: Diagnostic) -> list[tuple[list[str], int]]:
    """The file mended as the hint says, each way it shows (`... of `75 min``), with the column the mending ends.

    A code the hint tells to write (`write `...``, `: `...``, `e.g. `...``; not a form such as `fase Titel (tijd)`)
    is the whole line when it starts as the wrong line starts (an example after `e.g.` is not: it has its own
    title); else the line's start with a space put in (`put a space after `fase`: `fase Vragen``); else the word
    at the error's column (`write `client``, `e.g. `90 min``, a unit given to the number there). An indented code
    (`  bijeenkomsten: 8`) is a line to put below. `did you mean `WORD`?` replaces the word at the column (with
    the word before it when the suggestion starts with that one: `per persoon` for `per deelnemer`).
    """
    assert diagnostic.position is not None
    number, column = diagnostic.position.line, diagnostic.position.column
    wrong = lines[number - 1]
    indent = wrong[: len(wrong) - len(wrong.lstrip())]
    content = wrong.strip()
    first_word = content.split(None, 1)[0].split(":")[0] if content else ""
    around = re.search(r"[^\s:(),]*$", wrong[: column - 1])
    at = around.start() if around else column - 1
    word = _NUMBER.match(wrong, at) or _WORD.match(wrong, at)
    written = word.group(0) if word else ""
    word_end = at + len(written)
    found: list[tuple[list[str], int]] = []

    def put(line: str, end: int, below: tuple[str, ...] = ()) -> None:
        found.append(([*lines[: number - 1], line, *(indent + extra for extra in below), *lines[number:]], end))

    meant = _MEANT.match(diagnostic.hint or "")
    if meant is not None and written:
        suggestion, start = meant.group(1), at
        if " " in suggestion and wrong[:start].rstrip().endswith(suggestion.split()[0]):
            start = wrong[:start].rstrip().rindex(suggestion.split()[0])
        put(wrong[:start] + suggestion + wrong[word_end:], start + len(suggestion))
    told = [(m["lead"] or ":", m["code"]) for m in _TOLD.finditer(diagnostic.hint or "")]
    below = tuple(code for _, code in told if code.startswith("  "))
    for lead, code in ((lead, code.strip()) for lead, code in told if not code.startswith("  ")):
        if not code or any(form in code for form in _FORMS):
            continue
        example = lead.lower() in ("e.g.", "bijvoorbeeld")
        # The whole line: it starts as the wrong one (or its misspelt or glued word), or puts a keyword before it.
        head = code.split()[0].split(":")[0]
        if not example and (
            (first_word.startswith(head) and (" " in code or code == first_word)) or code.endswith(content)
        ):
            put(indent + code, len(indent + code), below)
            continue
        squeezed = code.replace(" ", "")
        if " " in code and content.replace(" ", "").startswith(squeezed) and len(squeezed) > len(first_word):
            taken, count = 0, 0
            while count < len(squeezed):
                count += content[taken] != " "
                taken += 1
            put(indent + code + content[taken:], len(indent + code))
            continue
        if not written or code.split()[0] == first_word:
            continue
        end = word_end
        if _NUMBER.fullmatch(written) and code.isalpha():
            code = f"{written} {code}"  # `geef het een eenheid: `min``: the number with it
        elif _NUMBER.fullmatch(written) and " " in code and (unit := re.match(r"[ \t]+[^\W\d_]+", wrong[end:])):
            end += len(unit.group(0))  # `1,33 uur` for `1 uur 15 min`: the number and its unit
        if code.split()[0] == written or " " not in code or _NUMBER.fullmatch(written):
            put(wrong[:at] + code + wrong[end:], at + len(code))
    return found


_TRAPS = {
    "minutes-after-minutes.mth": "`(10 min 20)`: the hint gives 20 a unit, which makes `min` after `min` (values.py)",
}
"""Files whose hint does not yet lead to the fix: they fail the test below as expected, until it does."""


def _fix_cases() -> list:  # type: ignore[type-arg]
    return [
        pytest.param(*case.values, id=case.id, marks=pytest.mark.xfail(reason=_TRAPS[case.id], strict=True))
        if case.id in _TRAPS
        else case
        for case in cases("fix")
    ]


@pytest.mark.parametrize("path", _fix_cases())
def test_the_hinted_fix_mends_the_mistake(path: Path) -> None:
    # Where the Dutch hint says what to write (a line, a word, the word meant), one way it shows ends that error:
    # no error is left on the line up to where the mending ends (`laed:` mended to `lead:` still lacks a value).
    exc = first_error(path, "nl")
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    mendings = _mendings(lines, exc)
    if not mendings:
        pytest.skip("the hint shows a form to fill in, not the fix")
    tried = []
    for mended, end in mendings:
        recipe, diagnostics = parse_with_diagnostics("\n".join(mended))
        if expectation(path).checked and recipe is not None:
            diagnostics += [d for d in check(recipe) if d.is_error]
        left = [d for d in diagnostics if d.position and d.position.line == exc.position.line]
        if all(d.position.column > end for d in left):
            return
        tried.append((mended[exc.position.line - 1], [d.message for d in left]))
    pytest.fail(f"no way the hint shows mends line {exc.position.line}: {tried}")


@pytest.mark.parametrize("path", cases("one finding"))
def test_check_reports_the_one_mistake_of_each_file_and_nothing_it_caused(path: Path) -> None:
    # Each file has one thing wrong; recovering from it must not make the checks that run after it
    # report what is not so (a `meetings: 0` also missing, a role whose line is wrong also undefined).
    result = CliRunner().invoke(main, ["check", "--format", "short", str(path)])
    found = [line for line in result.output.splitlines() if line.startswith(f"{path}:")]
    exc = first_error(path)
    assert found == [f"{path}:{exc.position.line}:{exc.position.column}: error: {exc.message}"]


@pytest.mark.parametrize("path", cases("render", checked=False))
def test_rendered(path: Path) -> None:
    # Where the error is, is test_diagnostic's business; here: that str(exc)
    # shows it as FILE:LINE:COL, with the source line, a caret under the
    # column, and the hint.
    exc = load_error(path)
    position = exc.position
    assert position is not None
    rendered = str(exc)
    headline, *rest = rendered.split("\n")
    assert headline == f"{path}:{position.line}:{position.column}: error: {exc.message}"
    gutter = f"  {position.line:>4} | "
    assert rest and rest[0].startswith(gutter), "the source line follows the headline"
    caret = rest[1]
    assert caret.startswith("       | ") and caret.rstrip().endswith("^") and caret.count("^") == 1
    if not isinstance(exc, RecipeEncodingError):
        source_line = re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8"))[position.line - 1]
        assert rest[0] == gutter + source_line.expandtabs(4)
        # The caret stands under the character at the reported column.
        assert len(caret) - len("       | ") - 1 == len(source_line[: position.column - 1].expandtabs(4))
    assert f"  hint: {exc.hint}" in rest


@pytest.mark.parametrize("path", cases("cli"))
def test_cli_check_reports_the_error(path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    exc = first_error(path)
    assert f"{path}:{exc.position.line}:{exc.position.column}: error: {exc.message}" in result.output


def test_cli_check_on_a_malformed_file_exits_1_without_traceback() -> None:
    path = CORPUS / "misspelt-unit.mth"
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{path}:7:31: error: unknown unit `minuts`" in result.output
    assert "hint: did you mean `minutes`?" in result.output
    assert "1 error" in result.output


def test_cli_check_reports_every_malformed_file_of_a_batch() -> None:
    paths = [CORPUS / "tab-indent.mth", CORPUS / "range-backwards.mth"]
    result = CliRunner().invoke(main, ["check", "--format", "short", *map(str, paths)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{paths[0]}:5:1: error: tab in indentation" in result.output
    assert f"{paths[1]}:5:8: error: " in result.output


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mth"
    path.write_bytes(b"")
    exc = load_error(path)
    assert "empty" in exc.message
    assert exc.position == methodengine.Position(str(path), 1, 1)
    assert exc.hint
    assert str(exc).startswith(f"{path}:1:1: error: ")


def test_parse_without_a_path_names_no_file() -> None:
    with pytest.raises(RecipeError) as info:
        methodengine.parse("recipe: X\ngroup: 7-4\n")
    assert info.value.position == methodengine.Position(None, 2, 8)
    assert str(info.value).startswith("<recipe>:2:8: error: ")


def test_bom_does_not_shift_the_caret(tmp_path: Path) -> None:
    # Editors on Windows often save UTF-8 with a byte order mark; the column
    # is counted without it, and the caret must stand under that column.
    path = tmp_path / "bom.mth"
    path.write_bytes("\ufeffgroup: 7-4\nrecipe: X\n".encode())
    exc = load_error(path)
    assert (exc.position.line, exc.position.column) == (1, 8)
    source, caret = str(exc).split("\n")[1:3]
    assert source.index("7") - source.index("|") == caret.index("^") - caret.index("|")


# Where a line cannot end, the expected-list must not offer "the end of the line":
# a trainer who reads it will try ending the line there, which is wrong again.
@pytest.mark.parametrize(
    "text",
    [
        "recipe: X\nrole voor zitter: Voorzitter\n",
        "recipe: X\nrole Voorzitter: Voorzitter\n",
        "recipe: X\nphase Analyse (10 min per Deelnemer)\n",
        "recipe: X\nphase Analyse (30 1)\n",
    ],
)
def test_expected_tokens_do_not_offer_the_end_of_a_line_that_cannot_end(text: str) -> None:
    with pytest.raises(RecipeError) as info:
        methodengine.parse(text)
    assert "end of the line" not in info.value.message


# A near-miss is suggested in the recipe's own keyword language, whichever language the slip is nearest:
# (the recipe's header and block line in Dutch, in English; the wrong line; what each is told to write).
_DUTCH = "recept: X\nduur: 15 min\n\nfase A (15 min)\n"
_ENGLISH = "recipe: X\nduration: 15 min\n\nphase A (15 min)\n"
_TRAJECTORY_NL = "recept: X\n\ntraject\n  bijeenkomsten: 8\n"
_TRAJECTORY_EN = "recipe: X\n\ntrajectory\n  meetings: 8\n"


@pytest.mark.parametrize(
    ("dutch", "english", "line", "in_dutch", "in_english"),
    [
        (_DUTCH, _ENGLISH, "  luisterd: iedereen", "luistert", "listen"),  # a key, nearest Dutch
        (_DUTCH, _ENGLISH, "  lisen: iedereen", "luistert", "listen"),  # a key, nearest English
        (_DUTCH, _ENGLISH, "beslismomnet B (5 min)", "beslismoment", "checkpoint"),  # a block keyword
        (_DUTCH, _ENGLISH, "rrol a: A", "rol", "role"),
        (_DUTCH, _ENGLISH, "  wanneer: laaste bijeenkomst", "laatste", "last"),  # a value word
        (_DUTCH, _ENGLISH, "  titel: Iets", "recept", "recipe"),  # by meaning, not by nearness
        (_DUTCH, _ENGLISH, "  vraagt: Wat wil je weten?", "vraag", "ask"),
        (_TRAJECTORY_NL, _TRAJECTORY_EN, "  elke: 2-4 monhts", "maanden", "months"),  # a unit
        # Units in a recipe in English keywords keep the language they are nearest: such recipes are
        # mostly Dutch trainers' with Dutch units (`duration: 2,5 uur`).
        (_TRAJECTORY_NL, _TRAJECTORY_EN, "  elke: 2-4 wekenn", "weken", "weken"),
    ],
)
def test_a_near_miss_is_suggested_in_the_recipes_keyword_language(
    dutch: str, english: str, line: str, in_dutch: str, in_english: str
) -> None:
    for recipe, wanted in ((dutch, in_dutch), (english, in_english)):
        _, diagnostics = parse_with_diagnostics(recipe + line + "\n")
        assert diagnostics, recipe + line
        assert f"`{wanted}`" in (diagnostics[0].hint or ""), (recipe + line, diagnostics[0].hint)
