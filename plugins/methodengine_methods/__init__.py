"""The built-in session methods of methodengine.

Each module here is an ordinary methodengine plugin that uses only the
public API, exactly as a third-party plugin would. ``PLUGINS`` lists them
for the plugin manager, which registers each in isolation.
"""

PLUGINS = [
    "methodengine_methods.incident",
    "methodengine_methods.backstage",
    "methodengine_methods.inspiration",
    "methodengine_methods.progress",
    "methodengine_methods.jobcoaching",
    "methodengine_methods.balint",
    "methodengine_methods.roddel",
    "methodengine_methods.reflecting_team",
    "methodengine_methods.kollegiale_beratung",
    "methodengine_methods.socratic",
    "methodengine_methods.action_learning",
    "methodengine_methods.wise_crowds",
    "methodengine_methods.one_two_four_all",
    # The built-in output formats are plugins too, loaded with the methods (see methodengine_formats).
    "methodengine_formats.card_formats",
    "methodengine_formats.schedule_formats",
]
