"""The canonical layout of a recipe, in one keyword language: what ``methodengine fmt`` writes.

Two spaces per level; the header first; one blank line between the top-level
blocks and none inside one; a block's keys in the key table's order
(``keys.BLOCKS``), except that the script lines (`say`, `ask`, ...) keep their
order among themselves, since that order is the script; a block's own blocks
after its keys, in the order written. Keywords, keys and the words inside
values (`everyone`, `from meeting 2`, units) are written in one language:
the one asked for, else the one most of the recipe is written in, so that a
file mixing both comes out in one. Titles, names, ids and free text are
never touched, and every comment stays with the line it stands above.

The formatter is given recipes that parse (the command says the errors of one
that does not, as ``check`` would); what it writes means what it was given:
``parse(format_recipe(text)) == parse(text)``, positions aside.
"""

from __future__ import annotations

from methodengine.language import _fmt_words
from methodengine.language._fmt_tree import Node, Tree, read_tree
from methodengine.language.keys import (
    AT,
    BLOCKS,
    BOOL,
    DURATION,
    KEYWORD_SPELLINGS,
    MEETINGS,
    PERIOD,
    ROLES,
    SPELLINGS,
    TEXT,
    WHEN,
    WORDS,
    Block,
    Key,
)
from methodengine.model import SCRIPT_KINDS

INDENT = "  "
LANGUAGES = ("nl", "en")

_BY_KEYWORD: dict[str | None, Block] = {block.keyword: block for block in BLOCKS.values()}
_WORDED = (BOOL, DURATION, PERIOD, WHEN, AT, MEETINGS)
"""The kinds of value whose words and units are written in the chosen language."""


def format_recipe(text: str, language: str | None = None, meeting_word: str | None = None) -> str:
    """``text``, a recipe that parses, in the canonical layout, its keywords in ``language``.

    Without a ``language``, the recipe's own keyword language (the one most
    of its keywords, keys and value words are written in); when nothing in it
    tells, every word stays as written. ``meeting_word`` is the Dutch word for
    a meeting (``bijeenkomst`` or ``gesprek``) to use when the recipe has none
    of its own; by default ``bijeenkomst``.
    """
    tree = read_tree(text)
    language = language or keyword_language(tree)
    meeting = _dutch_meeting_word(tree) or meeting_word or "bijeenkomst"
    return _Writer(language, meeting).write(tree)


def keyword_language(tree: Tree) -> str | None:
    """``"nl"`` or ``"en"``: the language most of the recipe's keywords, keys and value words are in; None on a tie."""
    votes = {"nl": 0, "en": 0}
    for node in _walk(tree.root):
        for spelling_language in _spelling_languages(node):
            votes[spelling_language] += 1
    if votes["nl"] == votes["en"]:
        return None
    return "nl" if votes["nl"] > votes["en"] else "en"


def _walk(node: Node):  # type: ignore[no-untyped-def]
    for child in node.children:
        yield child
        yield from _walk(child)


_ENGLISH_WORDS = frozenset(english for english, dutch in WORDS.items() if english not in dutch)
_DUTCH_WORDS = frozenset(d for english, dutch in WORDS.items() for d in dutch if d != english) | {"tot"}


def _spelling_languages(node: Node):  # type: ignore[no-untyped-def]
    """The language of each word of a line that only one language writes: its keyword or key, its value words."""
    if node.keyword:
        block = _BY_KEYWORD[KEYWORD_SPELLINGS[node.keyword]]
        if block.dutch and block.dutch != block.keyword:
            yield "en" if node.keyword == block.keyword else "nl"
        return
    key = SPELLINGS.get(node.key)
    if key is None:
        return
    if key.dutch and key.dutch != key.name:
        yield "en" if node.key == key.name else "nl"
    if key.kind is not TEXT:
        for token in node.value.replace(",", " ").split():
            if token in _ENGLISH_WORDS:
                yield "en"
            elif token in _DUTCH_WORDS:
                yield "nl"


def _dutch_meeting_word(tree: Tree) -> str | None:
    """The Dutch word the recipe itself uses for a meeting in its keywords and values: the one it uses most."""
    counts = dict.fromkeys(_fmt_words.MEETING_WORDS, 0)
    plurals = {plural: singular for singular, plural in _fmt_words.MEETING_WORDS.items()}
    for node in _walk(tree.root):
        written = [node.keyword or node.key]
        key = SPELLINGS.get(node.key)
        if key is not None and key.kind is not TEXT:
            written += node.value.replace(",", " ").split()
        elif node.keyword and KEYWORD_SPELLINGS[node.keyword] == "stage":
            written += node.value.rpartition("(")[2].split()
        for word in written:
            singular = plurals.get(word, word)
            if singular in counts:
                counts[singular] += 1
    best = max(counts, key=lambda word: counts[word])
    return best if counts[best] else None


class _Writer:
    """Writes a tree in one language (None: every word as written)."""

    def __init__(self, language: str | None, meeting: str) -> None:
        self.language = language
        self.meeting = meeting
        self.out: list[str] = []

    def write(self, tree: Tree) -> str:
        out = self.out
        out += tree.head
        if tree.head and tree.head_gap:
            out.append("")
        fields = [n for n in tree.root.children if n.key]
        blocks = [n for n in tree.root.children if n.keyword]
        for node in _in_order(fields, BLOCKS["the header"]):
            self._node(node, 0)
        for block in blocks:
            if out and out[-1] != "":
                out.append("")
            self._node(block, 0)
        if tree.ending:
            if tree.ending_gap:
                out.append("")
            out += [INDENT * depth + comment for depth, comment in tree.ending]
        return "\n".join(out) + "\n"

    def _node(self, node: Node, depth: int) -> None:
        pad = INDENT * depth
        self.out += [pad + comment for comment in node.comments]
        if node.keyword:
            keyword = KEYWORD_SPELLINGS[node.keyword]
            block = _BY_KEYWORD[keyword]
            self.out.append(pad + self._head(node, block))
            fields = [n for n in node.children if n.key]
            for child in _in_order(fields, block):
                self._node(child, depth + 1)
            for child in node.children:
                if child.keyword:
                    self._node(child, depth + 1)
            return
        key = SPELLINGS.get(node.key)
        value = node.value.strip(" \t")
        spelling = node.key if key is None or self.language is None else self._key(key)
        if key is not None and key.kind is not TEXT:
            value = self._value(key, value)
        elif key is not None and key.name == "groups" and self.language is not None:
            value = _fmt_words.grouping(value, self.language)
        self.out.append(f"{pad}{spelling}: {value}" if value else f"{pad}{spelling}:")
        self.out += [pad + INDENT + line for line in node.more]

    def _key(self, key: Key) -> str:
        if self.language == "nl":
            if key.name == "meetings":
                return _fmt_words.MEETING_WORDS[self.meeting]
            return key.dutch or key.name
        return key.name

    def _value(self, key: Key, value: str) -> str:
        if self.language is None:
            return value
        if key.kind is ROLES:
            return ", ".join(_fmt_words.everyone(part.strip(" \t"), self.language) for part in value.split(","))
        if key.kind in _WORDED:
            return _fmt_words.words(value, self.language, self.meeting)
        return value

    def _head(self, node: Node, block: Block) -> str:
        """A block's first line: its keyword in the language, and what follows with only the time box's words."""
        keyword = node.keyword
        if self.language == "nl":
            keyword = self.meeting if block.keyword == "meeting" else block.dutch or str(block.keyword)
        elif self.language == "en":
            keyword = str(block.keyword)
        rest = node.value.strip(" \t")
        if block.keyword in ("phase", "checkpoint", "stage", "meeting"):
            title, bracket, box = rest.partition("(")
            if bracket:
                if self.language is not None:
                    translate = _fmt_words.words if block.keyword == "stage" else _fmt_words.time_box
                    box = translate(box, self.language, self.meeting)
                rest = title.rstrip(" \t") + " " + bracket + box
        if block.keyword in ("role", "rounds", "meeting"):
            name, colon, text = rest.partition(":")
            if colon:
                rest = name.rstrip(" \t") + ": " + text.lstrip(" \t")
        return f"{keyword} {rest}" if rest else keyword


def _in_order(fields: list[Node], block: Block) -> list[Node]:
    """A block's fields in the table's order; the script lines where the first of them stands, in their order."""
    keys = block.keys
    script = min((keys.index(kind) for kind in SCRIPT_KINDS if kind in keys), default=len(keys))

    def rank(node: Node) -> int:
        key = SPELLINGS.get(node.key)
        if key is None or key.name not in keys:
            return len(keys)
        if key.name in SCRIPT_KINDS:
            return script
        return keys.index(key.name)

    return sorted(fields, key=rank)
