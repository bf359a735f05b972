"""Stage 1, text to recipe: the grammar, the parser and the builder of the model.

Entry point: :func:`methodengine.parse` (text) and :func:`methodengine.load`
(a file), both in :mod:`~methodengine.language.parsing`. The grammar file
``recipe.lark`` ships inside this package.
"""

from methodengine.language.parsing import load, parse, parse_with_diagnostics

__all__ = ["load", "parse", "parse_with_diagnostics"]
