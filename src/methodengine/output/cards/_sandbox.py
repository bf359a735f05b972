"""Where user and plugin templates come from, and how far they may go.

A ``--templates`` folder (and a plugin's template folder) is read only
through real files inside it: each name is opened one component at a time
relative to the folder, never following a symbolic link, so a link inside
the folder cannot show a file outside it (``text/pw.txt -> /etc/passwd``).

User templates run in :class:`LimitedSandbox`: Jinja's sandbox stops a
template from reaching Python's internals, but not from asking for endless
work. The limits below bound a deck's rendering in items, bits, bytes and
seconds; going past one is a :class:`TemplateLimitError`, raised inside the
template so that the error names the template's file and line.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from methodengine.i18n import _, babel_locale, message_language

MAX_RANGE = 10_000
"""Items one ``range()`` may have."""

MAX_POWER_BITS = 100_000
"""Bits the result of ``a ** b`` may have (about 30,000 decimal digits)."""

MAX_SEQUENCE = 1_000_000
"""Characters or items a string or list made by ``*`` or ``+`` may have."""

MAX_OUTPUT = 5_000_000
"""Characters one deck's rendered output may have."""

MAX_SECONDS = 5.0
"""Seconds of rendering one deck may take."""

_CHECK_EVERY = 1_000
"""Items of a ``range()`` walked between two looks at the clock."""


_HUGE_WIDTH = re.compile(r"\d{7,}")
"""A width or precision in a format string (``%1000000000s``, ``{:>1000000000}``) of a million or more."""

_STAR_WIDTH = re.compile(r"%[-+ #0]*(\d*\.)?\*")
"""A printf width or precision taken from the arguments (``'%*s' % (10**9, 'x')``), which no card needs."""


def _number(value: int) -> str:
    """A number in a message as the reader writes it (``1,000,000``, Dutch ``1.000.000``): limits are large."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(message_language()))


def _too_long() -> str:
    """The time limit, said in the message language."""
    return _("rendering took longer than {seconds} seconds", seconds=format(MAX_SECONDS, "g"))


class TemplateLimitError(SecurityError):
    """A user template that asked for more work than the sandbox allows."""


class TemplateRefused(jinja2.TemplateNotFound):
    """A template name that does not lead to a real file inside its folder: a link, ``..``, an absolute name."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(name, _("template refused: {name}: {why}", name=name, why=why))


class SafeLoader(jinja2.BaseLoader):
    """Templates read from real files inside ``root`` only, never through a symbolic link.

    :class:`jinja2.FileSystemLoader` follows links, so a link in a user's
    folder could show any file the user running methodengine can read.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = os.fspath(root)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = self._pieces(template)
        data, mtime = self._read(template, pieces)
        filename = os.path.normpath(os.path.join(self.root, *pieces))
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise jinja2.TemplateError(
                _("{file}: not UTF-8 ({reason} at byte {byte})", file=filename, reason=exc.reason, byte=exc.start)
            ) from None

        def uptodate() -> bool:
            try:
                return self._read(template, pieces)[1] == mtime
            except jinja2.TemplateNotFound:
                return False

        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        found: list[str] = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    found.append(os.path.relpath(path, self.root).replace(os.sep, "/"))
        return sorted(found)

    @staticmethod
    def _pieces(template: str) -> list[str]:
        if template.startswith("/") or "\\" in template or "\0" in template:
            raise TemplateRefused(template, _("not a name inside the templates folder"))
        pieces = [piece for piece in template.split("/") if piece not in ("", ".")]
        if not pieces or ".." in pieces:
            raise TemplateRefused(template, _("not a name inside the templates folder"))
        return pieces

    def _read(self, template: str, pieces: Sequence[str]) -> tuple[bytes, float]:
        """The file's bytes and time stamp, opened one component at a time relative to the folder."""
        nofollow = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            raise jinja2.TemplateNotFound(template) from None
        try:
            for i, piece in enumerate(pieces):
                last = i == len(pieces) - 1
                flags = nofollow | (0 if last else getattr(os, "O_DIRECTORY", 0))
                try:
                    if last:
                        # O_NONBLOCK: a FIFO planted under a template's name must not block the open.
                        flags |= getattr(os, "O_NONBLOCK", 0)
                    child = os.open(piece, flags, dir_fd=fd)
                except OSError as exc:
                    here = "/".join(pieces[: i + 1])
                    if os.path.islink(os.path.join(self.root, here)):
                        raise TemplateRefused(template, _("{path} is a symbolic link", path=here)) from None
                    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                        raise jinja2.TemplateNotFound(template) from None
                    raise TemplateRefused(template, f"{here}: {exc.strerror or exc}") from None
                os.close(fd)
                fd = child
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise TemplateRefused(template, _("not a regular file"))
            chunks = []
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            return b"".join(chunks), info.st_mtime
        finally:
            os.close(fd)


class ChainLoader(jinja2.ChoiceLoader):
    """The first loader that has a template wins, but a refused name is never looked for further on.

    Otherwise a link named like a built-in template would be skipped silently
    and the built-in one used in its place.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        for loader in self.loaders:
            try:
                return loader.get_source(environment, template)
            except TemplateRefused:
                raise
            except jinja2.TemplateNotFound:
                pass
        raise jinja2.TemplateNotFound(template)

    def load(
        self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> jinja2.Template:
        for loader in self.loaders:
            try:
                return loader.load(environment, name, globals)
            except TemplateRefused:
                raise
            except jinja2.TemplateNotFound:
                pass
        raise jinja2.TemplateNotFound(name)


class _Range(Sequence[int]):
    """``range()`` for a user template: bounded in length, and looking at the clock as it is walked."""

    def __init__(self, env: LimitedSandbox, items: range) -> None:
        self._env = env
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __contains__(self, value: object) -> bool:
        return value in self._items

    def __iter__(self) -> Iterator[int]:
        for i, value in enumerate(self._items):
            if i % _CHECK_EVERY == 0:
                self._env.check_time()
            yield value

    def __repr__(self) -> str:
        return repr(self._items)


def _bounded_join(join: Callable[[Any], str]) -> Callable[[Any], str]:
    """Jinja's ``~`` (a join of its operands), refusing a result past :data:`MAX_SEQUENCE`.

    ``~`` is no intercepted operator, so a loop doubling a string with it
    would run out of memory long before the clock stopped it.
    """

    def bounded(seq: Any) -> str:
        result = join(seq)
        if len(result) > MAX_SEQUENCE:
            raise TemplateLimitError(
                _(
                    "a string of {size} characters made by ~; at most {most}",
                    size=_number(len(result)),
                    most=_number(MAX_SEQUENCE),
                )
            )
        return result

    return bounded


class _BoundedTemplate(jinja2.Template):
    """A template whose ``~`` is bounded: its compiled code's join helpers are replaced once loaded."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        for name in ("str_join", "markup_join"):
            if name in namespace:
                namespace[name] = _bounded_join(namespace[name])
        return template


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, bounded: see the module's limits."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})
    template_class = _BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = self._range
        # Filters are looked up in this mapping when a template is compiled, so bounding them here
        # bounds every use; the wrapper keeps each filter's pass-context marks.
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}
        self._deadline = time.monotonic() + MAX_SECONDS

    def check_time(self) -> None:
        if time.monotonic() > self._deadline:
            raise TemplateLimitError(_too_long())

    def _range(self, *args: int) -> _Range:
        self.check_time()
        items = range(*args)
        if len(items) > MAX_RANGE:
            raise TemplateLimitError(
                _("range() of {size} items; at most {most}", size=_number(len(items)), most=_number(MAX_RANGE))
            )
        return _Range(self, items)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
        elif operator == "+" and _sized(left) and _sized(right) and len(left) + len(right) > MAX_SEQUENCE:
            raise TemplateLimitError(
                _(
                    "a result of {size} items; at most {most}",
                    size=_number(len(left) + len(right)),
                    most=_number(MAX_SEQUENCE),
                )
            )
        return self.binop_table[operator](left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call from the template (``'x'.ljust(n)``, ``s.replace(a, b)``, ``'{:>9}'.format(x)``), bounded.

        The arguments are looked at first, so that a call which would build a huge string is
        refused before it takes the memory; the result is measured too.
        """
        __self.check_time()
        if getattr(__obj, "__func__", None) is LimitedSandbox._range:
            return super().call(__context, __obj, *args, **kwargs)  # bounded on its own terms
        # The sandbox hands out str.format wrapped; the string it formats is the wrapped method's owner.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                _check_format(owner)
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, *args[:3])
            elif name == "join" and args:
                _check_join(args[0], owner)
        _check_numbers(name or "a call", list(args) + list(kwargs.values()))
        return _checked_size(name or "a call", super().call(__context, __obj, *args, **kwargs))

    def render(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        """``template`` rendered within the time and output bounds; the clock starts here."""
        self._deadline = time.monotonic() + MAX_SECONDS
        parts: list[str] = []
        size = 0
        chunks = template.generate(context)
        for chunk in chunks:
            size += len(chunk)
            parts.append(chunk)
            problem = None
            if size > MAX_OUTPUT:
                problem = TemplateLimitError(_("the output is over {most} characters", most=_number(MAX_OUTPUT)))
            elif time.monotonic() > self._deadline:
                problem = TemplateLimitError(_too_long())
            if problem is not None:
                # Raised at the template's current line, so that Jinja's traceback names it.
                chunks.throw(problem)
        return "".join(parts)


def _sized(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


def _check_power(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        bits = (abs(left).bit_length() - 1) * right
        if bits > MAX_POWER_BITS:
            raise TemplateLimitError(
                _("{left} ** {right} has over {most} bits", left=left, right=right, most=_number(MAX_POWER_BITS))
            )


def _check_repeat(sequence: Any, times: Any) -> None:
    if _sized(sequence) and isinstance(times, int) and len(sequence) * times > MAX_SEQUENCE:
        raise TemplateLimitError(
            _(
                "a repetition of {size} items; at most {most}",
                size=_number(len(sequence) * times),
                most=_number(MAX_SEQUENCE),
            )
        )


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses arguments asking for a huge result (``center(10**9)``) and huge results."""
    passes_something = getattr(func, "jinja_pass_arg", None) is not None

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        given = args[1:] if passes_something else args
        value, rest = (given[0], list(given[1:]) + list(kwargs.values())) if given else (None, [])
        if name == "format" and isinstance(value, str):
            _check_format(value)
        elif name == "replace" and isinstance(value, str) and len(rest) >= 2:
            _check_replace(value, *rest[:3])
        elif name == "join" and rest and isinstance(rest[0], str):
            _check_join(value, rest[0])
        elif name == "indent" and isinstance(value, str) and rest and isinstance(rest[0], str):
            _check_repeat(rest[0], value.count("\n") + 1)
        _check_numbers(name, rest)
        return _checked_size(name, func(*args, **kwargs))

    return bounded


def _check_numbers(what: str, values: Sequence[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SEQUENCE:
            raise TemplateLimitError(
                _("{what}() given {value}; at most {most}", what=what, value=_number(value), most=_number(MAX_SEQUENCE))
            )


def _check_format(text: str) -> None:
    if _HUGE_WIDTH.search(text) or _STAR_WIDTH.search(text):
        raise TemplateLimitError(
            _("a format with a width or precision of {most} or more, or a * width", most=_number(MAX_SEQUENCE))
        )


def _check_replace(text: str, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    size = len(text) + found * (len(new) - len(old))
    if size > MAX_SEQUENCE:
        raise TemplateLimitError(
            _("replace() making {size} characters; at most {most}", size=_number(size), most=_number(MAX_SEQUENCE))
        )


def _check_join(items: Any, separator: str) -> None:
    if _sized(items) or isinstance(items, _Range):
        size = len(items) * len(separator)
        if size > MAX_SEQUENCE:
            raise TemplateLimitError(
                _(
                    "join() making over {size} characters; at most {most}",
                    size=_number(size),
                    most=_number(MAX_SEQUENCE),
                )
            )


def _checked_size(what: str, result: Any) -> Any:
    if _sized(result) and len(result) > MAX_SEQUENCE:
        raise TemplateLimitError(
            _(
                "{what}() made {size} items; at most {most}",
                what=what,
                size=_number(len(result)),
                most=_number(MAX_SEQUENCE),
            )
        )
    return result
