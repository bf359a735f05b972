"""The plugin contract: hook specifications, the types plugins return, and the plugin manager.

- :mod:`~methodengine.hooks.specs`: every hook, documented (the one hookspec module).
- :mod:`~methodengine.hooks.contract`: ``Method``, ``Rule``, ``OutputFormat``,
  ``OutputRequest`` and ``rule``, what hook implementations return.
- :mod:`~methodengine.hooks.manager`: loading plugins (built-ins like any other) and calling them.
"""
