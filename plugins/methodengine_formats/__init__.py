"""The built-in output formats of methodengine, as two ordinary plugins.

``card_formats`` registers the formats of ``methodengine cards`` (text, md,
html, pdf, json) through the ``output_formats`` hook, ``schedule_formats``
those of ``methodengine schedule`` (text, md, json, ics) through the
``schedule_formats`` hook: the same hooks, the same ``OutputFormat`` and
the same ``OutputRequest`` as a third-party plugin's formats. The plugin
manager loads them with the built-in methods (``methodengine_methods.PLUGINS``).
Each module imports only the public API; what a format renders with is
imported when it renders.
"""
