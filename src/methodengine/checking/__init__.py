"""Stage 2, recipe to resolved recipe and diagnostics: the method's base recipe, then the checks.

Entry point: :func:`methodengine.resolve` (and :func:`methodengine.check`),
in :mod:`~methodengine.checking.resolution`; the checks every recipe gets,
whatever its method, are in :mod:`~methodengine.checking.core_checks`.
"""
