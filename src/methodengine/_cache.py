"""Where methodengine keeps what it can rebuild: the built parser, the plugin list."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$METHODENGINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/methodengine``, else ``~/.cache/methodengine``.

    Never inside site-packages, which may be read-only and is shared.
    """
    explicit = os.environ.get("METHODENGINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "methodengine"
