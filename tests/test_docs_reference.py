"""The model reference (docs/reference.md) documents every public name, and nothing that is gone.

A plugin author reads the reference instead of the source, so it must say
what the code has: every name in ``methodengine.__all__``, every public class
of the modules listed in ``MODULES``, every public function of those in
``FUNCTION_MODULES``, and of each class every attrs field,
property, method and operator it defines. A section is a heading naming an
object in backticks (``### `Recipe` ``, ``### `parse(text, path=None)` ``,
``### `errors.PlanError` ``: names are relative to ``methodengine``); its
members are the bullets that start with a backticked name. A heading or
bullet written with parentheses must list the real parameters, so that a
renamed argument shows up here too. ``Extends `Phase`.`` in a section means
the base class's members are documented in the base's section. The page's
Python examples must run.
"""

from __future__ import annotations

import ast
import contextlib
import enum
import importlib
import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

import methodengine

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "reference.md"

MODULES = (
    "methodengine.model",
    "methodengine.diagnostics",
    "methodengine.errors",
    "methodengine.hooks.contract",
    "methodengine.planning.meeting_plan",
    "methodengine.planning.options",
    "methodengine.planning.dated_plan",
    "methodengine.output.cards.card_errors",
)
"""Modules whose every public class a plugin may meet, whether or not ``methodengine`` exports it."""

FUNCTION_MODULES = ("methodengine.testing",)
"""Modules whose every public function a plugin's author calls (its tests use ``methodengine.testing``)."""

OPERATORS = frozenset(
    {"__str__", "__add__", "__sub__", "__mul__", "__contains__", "__iter__", "__len__", "__bool__", "__getitem__"}
)
"""Dunder methods that are part of what a class offers (``range_a + range_b``, ``5 in range``, ``str(position)``)."""

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_OBJECT = re.compile(r"^`(?P<name>[A-Za-z_][\w.]*)(?P<params>\(.*\))?`$")
_MEMBER = re.compile(r"^[-*] `(?P<name>[A-Za-z_]\w*)(?P<params>\(.*?\))?(?P<rest>[^`]*)`(?P<text>.*)$")
_EXTENDS = re.compile(r"^Extends \[?`(?P<name>[\w.]+)`")
_FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)")


@attrs.define
class Section:
    name: str
    line: int
    params: str | None
    members: dict[str, tuple[int, str | None, str]] = attrs.field(factory=dict)
    extends: str | None = None


def _sections(text: str) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    current: Section | None = None
    level = 0
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if fence is not None:
            if line.startswith(fence):
                fence = None
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            continue
        if heading := _HEADING.match(line):
            obj = _OBJECT.match(heading.group(2))
            if obj:
                current = Section(obj.group("name"), number, obj.group("params"))
                assert current.name not in sections, f"reference.md:{number}: `{current.name}` has two sections"
                sections[current.name] = current
                level = len(heading.group(1))
            elif current is not None and len(heading.group(1)) <= level:
                current = None
            continue
        if current is None:
            continue
        if member := _MEMBER.match(line):
            current.members[member.group("name")] = (number, member.group("params"), member.group("text"))
        elif extends := _EXTENDS.match(line):
            current.extends = extends.group("name")
    return sections


def _resolve(name: str) -> object:
    """``Recipe`` is ``methodengine.Recipe``; ``errors.PlanError`` is ``methodengine.errors.PlanError``."""
    module, _, attr = name.rpartition(".")
    owner = importlib.import_module(f"methodengine.{module}") if module else methodengine
    return getattr(owner, attr)


def _required() -> dict[int, tuple[str, object]]:
    """Every object the reference must document, by identity, with the name to write it under."""
    found: dict[int, tuple[str, object]] = {}
    for name in methodengine.__all__:
        value = getattr(methodengine, name)
        found[id(value)] = (name, value)
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        short = module_name.removeprefix("methodengine.")
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module_name and not name.startswith("_"):
                found.setdefault(id(value), (f"{short}.{name}", value))
    for module_name in FUNCTION_MODULES:
        module = importlib.import_module(module_name)
        short = module_name.removeprefix("methodengine.")
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module_name and not name.startswith("_"):
                found.setdefault(id(value), (f"{short}.{name}", value))
    return found


def _defined_here(value: object) -> bool:
    """A function written in the project's source, not one attrs or enum generated."""
    function = getattr(value, "__func__", value)
    code = getattr(function, "__code__", None)
    return code is not None and not code.co_filename.startswith("<")


def _init_attributes(cls: type) -> set[str]:
    """The public ``self.NAME = ...`` of a hand-written ``__init__``."""
    init = vars(cls).get("__init__")
    if init is None or not _defined_here(init):
        return set()
    tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
        and not node.attr.startswith("_")
    }


def members(cls: type) -> dict[str, object]:
    """What a class offers a plugin author: fields, enum members, properties, methods, operators."""
    found: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("methodengine"):
            continue
        for name in _init_attributes(klass):
            found[name] = None
        for name, value in vars(klass).items():
            if name.startswith("__") and name.endswith("__"):
                if name in OPERATORS and _defined_here(value):
                    found[name] = value
            elif not name.startswith("_"):
                found[name] = value
        if attrs.has(klass):
            for field in attrs.fields(klass):
                if not field.name.startswith("_"):
                    found.setdefault(field.name, None)
    if issubclass(cls, enum.Enum):
        found.update(dict.fromkeys(cls.__members__))
    return found


def _params(written: str) -> list[str]:
    """The parameter names of ``(text, path=None, *, builtins=True)``: ``text``, ``path``, ``builtins``."""
    inner = written[1:-1]
    names, depth, part = [], 0, ""
    for char in inner + ",":
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            name = re.match(r"\s*\**(\w*)", part)
            if name and name.group(1):
                names.append(name.group(1))
            part = ""
        else:
            part += char
    return names


def _real_params(value: object) -> list[str]:
    signature = inspect.signature(value)  # type: ignore[arg-type]
    return [p for p in signature.parameters if p not in ("self", "cls")]


def _behaves_anew(value: object, base: object) -> bool:
    """A method or property a subclass redefines; a class attribute given another value (``exit_code``) is not."""
    return value is not base and (_is_method(value) or isinstance(value, property))


def _is_method(value: object) -> bool:
    return inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod))


def _callable_of(value: object) -> object:
    return value.__func__ if isinstance(value, (classmethod, staticmethod)) else value


@pytest.fixture(scope="module")
def reference() -> str:
    assert REFERENCE.is_file(), "docs/reference.md is missing"
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sections(reference: str) -> dict[str, Section]:
    return _sections(reference)


def test_every_public_object_has_a_section(sections):
    documented = set()
    for section in sections.values():
        with contextlib.suppress(ImportError, AttributeError):
            documented.add(id(_resolve(section.name)))
    missing = [name for key, (name, _) in _required().items() if key not in documented]
    assert not missing, f"docs/reference.md has no section for: {', '.join(sorted(missing))}"


def test_every_section_names_something_that_exists(sections):
    gone = []
    for section in sections.values():
        try:
            _resolve(section.name)
        except (ImportError, AttributeError):
            gone.append(f"line {section.line}: `{section.name}`")
    assert not gone, "docs/reference.md documents what no longer exists: " + "; ".join(gone)


def test_every_member_is_documented_and_every_documented_member_exists(sections):
    problems = []
    for section in sections.values():
        try:
            value = _resolve(section.name)
        except (ImportError, AttributeError):
            continue  # reported by the test above
        if not inspect.isclass(value):
            params = _real_params(value) if callable(value) else []
            for name, (line, _, _) in section.members.items():
                if name not in params:
                    problems.append(f"line {line}: `{section.name}` has no parameter or member `{name}`")
            continue
        have = members(value)
        inherited: dict[str, object] = {}
        if section.extends is not None:
            base = _resolve(section.extends)
            if not (inspect.isclass(base) and issubclass(value, base)):
                problems.append(f"`{section.name}` says it extends `{section.extends}`, which it does not")
            elif section.extends not in sections:
                problems.append(f"`{section.name}` extends `{section.extends}`, which has no section")
            else:
                inherited = members(base)
        own = {name for name in have if name not in inherited or _behaves_anew(have[name], inherited[name])}
        for name in sorted(own - set(section.members)):
            problems.append(f"`{section.name}.{name}` is not documented")
        for name, (line, _, _) in sorted(section.members.items()):
            if name not in have:
                problems.append(f"line {line}: `{section.name}.{name}` is documented but does not exist")
    assert not problems, "docs/reference.md:\n  " + "\n  ".join(problems)


def test_every_member_says_what_it_means(sections):
    bare = [
        f"line {line}: `{section.name}.{name}`"
        for section in sections.values()
        for name, (line, _, text) in section.members.items()
        if len(text.strip(" :-\u2014")) < 3
    ]
    assert not bare, "docs/reference.md has members without a line saying what they mean: " + "; ".join(bare)


def test_written_parameters_are_the_real_ones(sections):
    problems = []
    for section in sections.values():
        try:
            value = _resolve(section.name)
        except (ImportError, AttributeError):
            continue
        if section.params is not None:
            real = _real_params(value)
            if _params(section.params) != real:
                problems.append(f"line {section.line}: `{section.name}{section.params}`, but the real ones are {real}")
        if not inspect.isclass(value):
            continue
        have = members(value)
        for name, (line, params, _) in section.members.items():
            member = have.get(name)
            if member is None:
                if params is not None:
                    problems.append(f"line {line}: `{section.name}.{name}` is not a method, yet has parameters")
                continue
            if _is_method(member) and not name.startswith("__"):
                if params is None:
                    problems.append(f"line {line}: method `{section.name}.{name}` is written without its parameters")
                elif _params(params) != _real_params(_callable_of(member)):
                    real = _real_params(_callable_of(member))
                    problems.append(f"line {line}: `{section.name}.{name}{params}`, but the real ones are {real}")
            elif isinstance(member, property) and params is not None:
                problems.append(f"line {line}: `{section.name}.{name}` is a property, written as a method")
    assert not problems, "docs/reference.md:\n  " + "\n  ".join(problems)


def _python_blocks(text: str) -> list[tuple[int, str]]:
    found, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith(fence.group(1)))
            if fence.group(2) == "python":
                found.append((i + 1, "\n".join(lines[i + 1 : end]) + "\n"))
            i = end
        i += 1
    return found


def test_the_examples_run(reference):
    blocks = _python_blocks(reference)
    assert blocks, "docs/reference.md has no Python example"
    program = "\n".join(
        f"print('the example at line {line}', file=__import__('sys').stderr)\n"
        f"exec(compile({code!r}, 'docs/reference.md:{line}', 'exec'), {{'__name__': '__example__'}})"
        for line, code in blocks
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_parser_of_this_test_finds_sections_members_and_parameters():
    text = textwrap.dedent(
        """\
        ## Model

        ### `Range`

        Extends `Base`.

        - `low: int`: the low end.
        - `of(value)` (classmethod): a range of one.

        ```python
        ### `NotAHeading`
        ```

        ### `parse(text, path=None, *, strict=False)`

        ## Other
        - `loose`: not in any section.
        """
    )
    found = _sections(text)
    assert list(found) == ["Range", "parse"]
    assert found["Range"].extends == "Base"
    assert set(found["Range"].members) == {"low", "of"}
    assert found["Range"].members["of"][1] == "(value)"
    assert _params(found["parse"].params or "") == ["text", "path", "strict"]
    assert _params("(a: dict[str, int] = {}, *args, **kw)") == ["a", "args", "kw"]
