"""Plain-text cards: titles, labels and rows laid out in the width every text output shares (80 columns).

The text templates call these as globals (``text_head``, ``text_lines``,
``text_foot``, ``rule``) and the ``wrap`` filter; each escapes control
characters in what it returns, as the terminal would otherwise obey them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from methodengine._terminal import shown
from methodengine.output.localiser import WIDTH


def fill(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` wrapped to ``width``, the first line led by ``first`` and the rest by ``rest``; never empty."""
    rest = first if rest is None else rest
    width = max(width, len(first) + 10, len(rest) + 10)
    lines = textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def wrap_filter(text: str, width: int = WIDTH, indent: int = 0) -> str:
    return shown("\n".join(fill(text, width, " " * indent)))


def rule_line(char: str = "-", width: int = WIDTH) -> str:
    return char * width


def text_head(card: Mapping[str, Any]) -> str:
    """A card's title, underlined, then its kind and time, then what it is about."""
    title = fill(card["title"], WIDTH)
    lines = [*title, "=" * min(max(len(line) for line in title), WIDTH)]
    label = card["label"]
    if len(card["time"]) == 1:
        label = f"{label} · {card['time'][0]}"
    lines += fill(label, WIDTH, "", "  ")
    if len(card["time"]) > 1:
        lines += fill(" · ".join(card["time"]), WIDTH, "", "  ")
    for sub in card["sub"]:
        lines += fill(sub, WIDTH)
    return shown("\n".join(lines))


def text_foot(card: Mapping[str, Any]) -> str:
    lines: list[str] = []
    for line in card["foot"]:
        lines += fill(f"> {line}", WIDTH, "", "  ")
    return shown("\n".join(lines))


def text_lines(entries: Sequence[Mapping[str, Any]]) -> str:
    """A card's body in 80 columns: labels in a column, rows with their figures on the right."""
    labels = [len(e["label"]) for e in entries if e["type"] in ("fact", "line", "check")]
    # Two spaces after the longest label, up to 24 (`Sits outside the circle` fits); a longer one has a line of its own.
    label_width = min(max(labels, default=0), 24) + 2
    columns = _row_columns(entries)
    out: list[str] = []
    for index, entry in enumerate(entries):
        kind = entry["type"]
        if kind in ("fact", "line"):
            first = f"{entry['label']:<{label_width}}"
            if len(entry["label"]) > label_width - 2:
                out.append(entry["label"])
                first = " " * label_width
            out += fill(entry["text"], WIDTH, first, " " * label_width)
        elif kind == "heading":
            if out and out[-1] != "":
                out.append("")
            out += [entry["text"], "-" * min(len(entry["text"]), WIDTH)]
        elif kind == "para":
            if out and out[-1] != "":
                out.append("")
            out += [*fill(entry["text"], WIDTH), ""]
        elif kind == "rule":
            if out and out[-1] != "":
                out.append("")
        elif kind == "check":
            boxes = "   ".join(f"[ ] {option}" for option in entry["options"])
            out += fill(f"{entry['label']:<{label_width}}{boxes}", WIDTH, "", " " * label_width)
        elif kind == "write":
            if out and out[-1] != "":
                out.append("")
            line = f"{entry['label']}: "
            out.append(line + "_" * (WIDTH - len(line)) if len(line) < WIDTH - 10 else line)
        elif kind == "row":
            out += _text_row(entry, *columns[index])
    while out and out[-1] == "":
        out.pop()
    return shown("\n".join(out))


def _row_columns(entries: Sequence[Mapping[str, Any]]) -> dict[int, tuple[int, int]]:
    """The time and right column widths of each row, the same for every row of a run of rows."""
    runs: list[list[int]] = []
    for index, entry in enumerate(entries):
        if entry["type"] != "row":
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    columns: dict[int, tuple[int, int]] = {}
    for run in runs:
        rows = [entries[i] for i in run]
        time_width = max((len(e["time"]) for e in rows if e.get("time")), default=0)
        time_width = time_width + 2 if time_width else 0
        right_width = min(max((len(e["right"]) for e in rows if not e["wrap_right"]), default=0), 34)
        columns.update(dict.fromkeys(run, (time_width, right_width)))
    return columns


def _text_row(entry: Mapping[str, Any], time_width: int, right_width: int) -> list[str]:
    indent = 2 * entry["indent"]
    time = f"{entry['time'] or '':<{time_width}}" if time_width else ""
    lead = " " * indent + time
    right = entry["right"]
    if entry["wrap_right"]:
        room = WIDTH - len(lead) - len(right) - 2
        if room < 24:
            left = fill(entry["left"], WIDTH, lead, " " * (len(lead) + 3))
            rights = fill(right, WIDTH, " " * (len(lead) + 3))
            return left + rights
        width = room
    else:
        width = WIDTH - len(lead) - max(right_width, len(right)) - 2
    left_lines = textwrap.wrap(entry["left"], max(width, 20), break_on_hyphens=False) or [""]
    out = []
    for n, text in enumerate(left_lines):
        pad = lead if n == 0 else " " * (len(lead) + 3)
        if n == 0:
            line = f"{pad}{text}"
            out.append(f"{line:<{WIDTH - len(right)}}{right}".rstrip() if right else line)
        else:
            out.append(f"{pad}{text}")
    if entry["note"]:
        out += fill(entry["note"], WIDTH - max(right_width, 0) - 2, " " * (len(lead) + 3))
    return out
