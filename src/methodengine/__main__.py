"""``python -m methodengine``, the same as the ``methodengine`` command."""

from methodengine.cli import main

main()
