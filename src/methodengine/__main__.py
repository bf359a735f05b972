"""``python -m methodengine``, the same as the ``methodengine`` command (and started and ended the same way)."""

from methodengine._console import run

run()
