"""Finding installed plugins without paying for it on every start.

Asking importlib.metadata for entry points imports it (about 20 ms) and
reads the metadata of every installed distribution; for a command that
should start in a blink that is most of the budget. The answer only changes
when a distribution is installed, upgraded or removed, which adds, removes
or rewrites its ``*.dist-info`` folder on ``sys.path``. So the answer is
kept in the cache directory beside the parser, keyed on those folders and
their modification times, and asked again only when one of them changes.

The cache is lines of tab-separated text read with ``str`` methods: it can
hold nothing but names, so it cannot run code, and reading it imports
nothing (``json`` would cost ``check`` its start-up time for two lists).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

_HEADER = "methodengine entry points 2\n"
"""The first line of the cache; another (an older format) is rebuilt."""


class EntryPoint(NamedTuple):
    """What the plugin manager needs of an entry point."""

    name: str
    value: str
    distribution: str | None
    version: str | None

    def load(self) -> Any:
        """Import the object ``value`` names (``module`` or ``module:attr.attr``)."""
        module_name, _, attrs = self.value.partition(":")
        found: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attrs.strip().split(".")):
            found = getattr(found, part)
        return found


def _fingerprint() -> list[list[Any]]:
    """The installed distributions' metadata folders on ``sys.path``, with their modification times."""
    prints: list[list[Any]] = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                for item in found:
                    if item.name.endswith((".dist-info", ".egg-info")):
                        prints.append([entry, item.name, item.stat().st_mtime_ns])
        except OSError:
            continue
    return sorted(prints)


def _discover(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    found = []
    # By name: the order decides which plugin wins a clash, so it must not depend on the file system.
    for ep in sorted(entry_points(group=group), key=lambda ep: ep.name):
        dist = getattr(ep, "dist", None)
        found.append(
            EntryPoint(ep.name, ep.value, dist.metadata["Name"] if dist else None, dist.version if dist else None)
        )
    return found


def entry_points(group: str, cache_dir: str | os.PathLike[str] | None) -> list[EntryPoint]:
    """The entry points of ``group``, from the cache while ``sys.path`` is unchanged."""
    if cache_dir is None:
        return _discover(group)
    from methodengine import _cache

    cache = os.path.join(cache_dir, f"entry-points-{group}.txt")
    trusted = _cache.trusted_dir(cache_dir)
    try:
        key: str | None = _key(_fingerprint())
    except ValueError:
        key = None  # a folder on sys.path with a tab or a line end in its name: not cached, only asked again
    if trusted and key is not None:
        stored = _cached(_cache.read(cache), key)
        if stored is not None:
            return stored
    found = _discover(group)
    if trusted and key is not None:
        try:
            rows = "".join(_line("E", ep.name, ep.value, ep.distribution or "", ep.version or "") for ep in found)
        except ValueError:
            return found
        _cache.write(cache, (key + rows).encode("utf-8"))
    return found


def _line(kind: str, *fields: str) -> str:
    """One line of the cache; ValueError if a field holds a tab or a line end, which would change its shape."""
    if any("\t" in f or "\n" in f or "\r" in f for f in fields):
        raise ValueError("a tab or a line end in a field")
    return "\t".join((kind, *fields)) + "\n"


def _key(fingerprint: list[list[Any]]) -> str:
    """The cache's first lines for this ``sys.path``: a stored list is used only under the same ones."""
    return _HEADER + "".join(_line("S", str(entry), str(name), str(mtime)) for entry, name, mtime in fingerprint)


def _cached(blob: bytes | None, key: str) -> list[EntryPoint] | None:
    """The stored list when the file is of this format and this ``sys.path``; else None, to be rebuilt."""
    if blob is None:
        return None
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.startswith(key):
        return None
    rows = []
    for line in text[len(key) :].splitlines():
        kind, *fields = line.split("\t")
        if kind != "E" or len(fields) != 4 or not fields[0] or not fields[1]:
            return None
        name, value, distribution, version = fields
        rows.append(EntryPoint(name, value, distribution or None, version or None))
    return rows
