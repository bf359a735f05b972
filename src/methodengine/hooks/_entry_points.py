"""Finding installed plugins without paying for it on every start.

Asking importlib.metadata for entry points imports it (about 20 ms) and
reads the metadata of every installed distribution; for a command that
should start in a blink that is most of the budget. The answer only changes
when a distribution is installed, upgraded or removed, which adds, removes
or rewrites its ``*.dist-info`` folder on ``sys.path``. So the answer is
kept in the cache directory beside the parser, keyed on those folders and
their modification times, and asked again only when one of them changes.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

_FORMAT = 1


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


def entry_points(group: str, cache_dir: Path | None) -> list[EntryPoint]:
    """The entry points of ``group``, from the cache while ``sys.path`` is unchanged."""
    if cache_dir is None:
        return _discover(group)
    from methodengine import _cache

    cache = cache_dir / f"entry-points-{group}.json"
    fingerprint = _fingerprint()
    trusted = _cache.trusted_dir(cache_dir)
    if trusted:
        stored = _cached(_cache.read(cache), fingerprint)
        if stored is not None:
            return stored
    found = _discover(group)
    if trusted:
        payload = {"format": _FORMAT, "fingerprint": fingerprint, "entry_points": [list(ep) for ep in found]}
        _cache.write(cache, json.dumps(payload).encode("utf-8"))
    return found


def _cached(blob: bytes | None, fingerprint: list[list[Any]]) -> list[EntryPoint] | None:
    """The stored list when it is JSON of the expected shape for this ``sys.path``; JSON cannot run code."""
    if blob is None:
        return None
    try:
        stored = json.loads(blob)
        if stored["format"] != _FORMAT or stored["fingerprint"] != fingerprint:
            return None
        rows = [EntryPoint(*row) for row in stored["entry_points"]]
    except (ValueError, KeyError, TypeError):
        return None
    if all(isinstance(ep.name, str) and isinstance(ep.value, str) for ep in rows):
        return rows
    return None
