"""The units a recipe may write, in English and Dutch."""

from __future__ import annotations

MINUTE_UNITS = frozenset({"m", "min", "mins", "minute", "minutes", "minuut", "minuten"})
HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"})

PERIOD_UNITS: dict[str, str] = {
    **dict.fromkeys(("day", "days", "dag", "dagen"), "day"),
    **dict.fromkeys(("week", "weeks", "wk", "weken"), "week"),
    **dict.fromkeys(("month", "months", "maand", "maanden", "mnd"), "month"),
    **dict.fromkeys(("year", "years", "jaar", "jaren"), "year"),
}

DURATION_UNITS_SHOWN = "min, minutes, minuten, m; h, hour, hours, uur"
PERIOD_UNITS_SHOWN = "days/dagen, weeks/weken, months/maanden, years/jaar"


def minutes_per(unit: str) -> int | None:
    """Minutes in one of ``unit`` for a duration, or None if it is not a duration unit."""
    unit = unit.lower()
    if unit in MINUTE_UNITS:
        return 1
    if unit in HOUR_UNITS:
        return 60
    return None


def period_unit(unit: str) -> str | None:
    return PERIOD_UNITS.get(unit.lower())
