"""The lines of a recipe as ``fmt`` sees them: blocks, fields, their continuation lines and comments.

The parser drops comments and blank lines; the formatter must keep every
comment with the line it stands above, so it reads the text again here, line
by line, the way the lexer tells lines apart (a key before a colon is a
field, a block keyword at the start is a block). It is only ever given a
recipe that parses, so it does not look for mistakes: indentation is
consistent and every line deeper than a text's is that text's continuation.
"""

from __future__ import annotations

import re

from methodengine.language.keys import KEYWORD_SPELLINGS, SPELLINGS, TEXT

_KEY_SHAPE = re.compile(r"(x-[a-z0-9][a-z0-9-]*|[A-Za-z][A-Za-z_-]*)[ \t]*:")
"""What the lexer takes for a key before a colon (lexer.py's ``_KEY_SHAPE``)."""
_ODD_SPACES = "\u200b\u2060\ufeff"


class Node:
    """One content line: a field (``key`` and ``value``) or a block's first line (``keyword`` and ``value``).

    ``comments`` are the comment lines written just above it; ``more`` a text's
    continuation lines (with any comment between them), each stripped;
    ``children`` a block's fields and blocks, in the order written.
    """

    __slots__ = ("children", "comments", "key", "keyword", "more", "value")

    def __init__(self, key: str = "", keyword: str = "", value: str = "") -> None:
        self.key = key
        self.keyword = keyword
        self.value = value
        self.comments: list[str] = []
        self.more: list[str] = []
        self.children: list[Node] = []


class Tree:
    """A whole recipe: the comments that open the file, the top-level lines, and the comments that end it."""

    __slots__ = ("ending", "ending_gap", "head", "head_gap", "root")

    def __init__(self) -> None:
        self.root = Node()
        self.head: list[str] = []
        """Comments before the first content line: they stay at the top of the file."""
        self.head_gap = False
        """Whether a blank line stood between those comments and the first content line."""
        self.ending: list[tuple[int, str]] = []
        """Comments after the last content line, each with how many open blocks it was indented under."""
        self.ending_gap = False


def _is_skipped(stripped: str) -> bool:
    """A line the lexer skips after its spaces: empty, a comment, or a tab or odd space before nothing or a comment."""
    if not stripped or stripped[0] == "#":
        return True
    c = stripped[0]
    if c.isspace() or c in _ODD_SPACES:
        rest = stripped.lstrip(" \t" + _ODD_SPACES).lstrip()
        return not rest or rest[0] == "#"
    return False


def _comment(stripped: str) -> str | None:
    """The comment on a skipped line, from its ``#``; None for a blank line."""
    rest = stripped.lstrip(" \t" + _ODD_SPACES).lstrip()
    return rest.rstrip() if rest else None


def read_tree(text: str) -> Tree:
    """The recipe's lines as a tree; ``text`` must be a recipe that parses."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tree = Tree()
    stack: list[tuple[int, Node]] = [(-1, tree.root)]
    pending: list[tuple[int, str]] = []  # comments not yet given to a line: (indent, text)
    gap = False  # a blank line since the last comment or content line
    pending_gap = False  # a blank line before the first of the pending comments
    seen_content = False
    i, count = 0, len(lines)
    while i < count:
        raw = lines[i]
        i += 1
        stripped = raw.lstrip(" ")
        if _is_skipped(stripped):
            comment = _comment(stripped)
            if comment is None:
                gap = True
                continue
            if not pending:
                pending_gap = gap
            pending.append((len(raw) - len(stripped), comment))
            gap = False
            continue
        indent = len(raw) - len(stripped)
        node = _node(stripped)
        if not seen_content:
            tree.head, tree.head_gap = [c for _, c in pending], gap and bool(pending)
            pending = []
            seen_content = True
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(node)
        node.comments = [c for _, c in pending]
        pending, gap = [], False
        if node.keyword:
            stack.append((indent, node))
        elif node.key not in SPELLINGS or SPELLINGS[node.key].kind is TEXT:
            i = _continuation(node, lines, i, indent)
    if pending:
        levels = [level for level, _ in stack[1:]]
        tree.ending = [(sum(level < at for level in levels), c) for at, c in pending]
        tree.ending_gap = pending_gap
    return tree


def _node(stripped: str) -> Node:
    """A content line as the lexer reads it: a field when a key stands before a colon, else a block's first line."""
    head, colon, rest = stripped.partition(":")
    key = head.rstrip(" \t") if colon else ""
    if key and (key in SPELLINGS or _KEY_SHAPE.match(stripped)):
        return Node(key=key, value=rest)
    for spelling in KEYWORD_SPELLINGS:  # longest first, as the lexer matches them
        if stripped.startswith(spelling):
            return Node(keyword=spelling, value=stripped[len(spelling) :])
    raise ValueError(f"not a line of a recipe that parses: {stripped!r}")


def _continuation(node: Node, lines: list[str], i: int, indent: int) -> int:
    """Take the lines indented deeper than a text into it (comments between them too); the next line's index."""
    waiting: list[str] = []
    count = len(lines)
    j = i
    while j < count:
        raw = lines[j]
        stripped = raw.lstrip(" ")
        if _is_skipped(stripped):
            comment = _comment(stripped)
            if comment is not None:
                waiting.append(comment)
            j += 1
            continue
        if len(raw) - len(stripped) <= indent:
            break
        node.more += waiting
        waiting = []
        node.more.append(stripped.rstrip())
        j += 1
        i = j
    return i
