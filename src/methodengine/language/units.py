"""The units a recipe may write, in English and Dutch."""

from __future__ import annotations

MINUTE_UNITS = frozenset({"m", "min", "mins", "minute", "minutes", "minuut", "minuten"})
HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"})
QUARTER_UNITS = frozenset({"kwartier", "kwartieren", "kw"})
"""A quarter of an hour, as Dutch says it: `een kwartier`, `3 kwartier`."""

PERIOD_UNITS: dict[str, str] = {
    **dict.fromkeys(("day", "days", "dag", "dagen"), "day"),
    **dict.fromkeys(("week", "weeks", "wk", "wkn", "weken"), "week"),
    **dict.fromkeys(("month", "months", "maand", "maanden", "mnd"), "month"),
    **dict.fromkeys(("year", "years", "jaar", "jaren"), "year"),
}

ABBREVIATIONS = frozenset({"m", "min", "mins", "h", "hr", "hrs", "u", "wk", "wkn", "mnd"})
"""The units a trainer may end with a full stop, as abbreviations are written: `90 min.`, `3 wk.`, `2 mnd.`."""

DURATION_UNITS_SHOWN = "min, minutes, minuten, m; h, hour, hours, uur"
PERIOD_UNITS_SHOWN = "days/dagen, weeks/weken, months/maanden, years/jaar"
_SHOWN = {
    ("nl", True): "min, minuten, uur, kwartier",
    ("nl", False): "dagen, weken, maanden, jaren",
    ("en", True): "min, minutes, h, hours",
    ("en", False): "days, weeks, months, years",
}


def units_shown(for_duration: bool, language: str | None) -> str:
    """The units a hint lists: the recipe's own language's (a Dutch recipe is shown `minuten`, not `minutes`).

    Both languages' when the recipe does not tell which it is written in.
    """
    shown = _SHOWN.get((language or "", for_duration))
    if shown is not None:
        return shown
    return DURATION_UNITS_SHOWN if for_duration else PERIOD_UNITS_SHOWN


def _plain(unit: str) -> str:
    """The unit in lower case, an abbreviation's full stop dropped (`min.` is `min`; `uur.` stays unknown)."""
    unit = unit.lower()
    if unit[-1:] == "." and unit[:-1] in ABBREVIATIONS:
        return unit[:-1]
    return unit


def minutes_per(unit: str) -> int | None:
    """Minutes in one of ``unit`` for a duration, or None if it is not a duration unit."""
    unit = _plain(unit)
    if unit in MINUTE_UNITS:
        return 1
    if unit in HOUR_UNITS:
        return 60
    if unit in QUARTER_UNITS:
        return 15
    return None


def period_unit(unit: str) -> str | None:
    """The model's name of a calendar unit (`weken` is `week`), or None if it is not one."""
    return PERIOD_UNITS.get(_plain(unit))
