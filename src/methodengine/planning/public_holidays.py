"""A country's public holidays, from the ``holidays`` library: which days they are and their names.

``--holidays NL`` (or ``BE``, ``DE-NW``: a country code, ISO 3166-1, and
optionally a subdivision, ISO 3166-2) moves meetings off the country's
public holidays as ``--skip`` moves them off a date. The names come from the
library in the plan's language where it has them (``Koningsdag`` in Dutch,
``King's Day`` in English), else in the country's own language: a Dutch plan
of a German series says ``Tag der Deutschen Einheit`` rather than an English
name nobody there uses.

The library is imported only when a holiday calendar is asked for, so that
``schedule`` without ``--holidays`` does not load it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from attrs import frozen

from methodengine.i18n import _

_CODE = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_ ]\s*(\S.*?))?\s*")


@frozen
class HolidayCalendar:
    """The public holidays of ``country`` (``NL``), or of one of its subdivisions (``DE``, ``NW``); with
    ``school``, the school holidays of that subdivision too (``NL``, ``Midden``: a Dutch school region)."""

    country: str
    subdivision: str | None = None
    school: bool = False

    def __str__(self) -> str:
        return f"{self.country}-{self.subdivision}" if self.subdivision else self.country

    @classmethod
    def parse(cls, text: str) -> HolidayCalendar:
        """``NL``, ``be``, ``DE-NW``; ValueError with the close matches for a country or subdivision not known."""
        import holidays

        match = _CODE.fullmatch(text)
        countries = holidays.list_supported_countries()
        if match is None or match.group(1).upper() not in countries:
            raise ValueError(_unknown_country(text.strip(), countries))
        country, wanted = match.group(1).upper(), match.group(2)
        if wanted is None:
            return cls(country)
        entity = holidays.country_holidays(country)
        aliases = {name.lower(): code for name, code in getattr(entity, "subdivisions_aliases", {}).items()}
        codes = {code.lower(): code for code in entity.subdivisions}
        found = codes.get(wanted.lower()) or aliases.get(wanted.lower())
        if found is None:
            raise ValueError(_unknown_subdivision(country, wanted, list(entity.subdivisions)))
        return cls(country, found)

    def with_school(self) -> HolidayCalendar:
        """The same place with its school holidays; ValueError when the library has none for it (no region given,
        or a country without school holidays), saying which regions have them."""
        import holidays

        entity = holidays.country_holidays(self.country)
        if "school" not in getattr(entity, "supported_categories", ()):
            raise ValueError(_("the holidays library has no school holidays for {country}", country=self.country))
        if self.subdivision is None:
            raise ValueError(
                _(
                    "school holidays differ by region: give one, as in --holidays {country}-{first} "
                    "(regions of {country}: {codes})",
                    country=self.country,
                    first=entity.subdivisions[0] if entity.subdivisions else "",
                    codes=", ".join(entity.subdivisions),
                )
            )
        return HolidayCalendar(self.country, self.subdivision, school=True)

    def adds_to_country(self, years: range) -> bool:
        """Whether the subdivision has public holidays of its own in ``years`` (``DE-NW``: Corpus Christi); the
        Dutch school regions (``NL-Midden``) have none, only school holidays."""
        if self.subdivision is None:
            return False
        import holidays

        try:
            own = holidays.country_holidays(self.country, subdiv=self.subdivision, years=years)
            country = holidays.country_holidays(self.country, years=years)
        except (NotImplementedError, ValueError, OverflowError):
            return True  # nothing to compare: say nothing
        return set(own) != set(country)

    def has_school_holidays(self) -> bool:
        """Whether the library has school holidays for this country."""
        import holidays

        return "school" in getattr(holidays.country_holidays(self.country), "supported_categories", ())

    def _calendar(self, language: str | None = None, school: bool = False) -> Any:
        """The library's calendar for this place (cached: building one for every date asked would be slow)."""
        return _library_calendar(self.country, self.subdivision, language, school)

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a public holiday there (outside the years the library knows: never)."""
        return self._has(day, school=False)

    def is_school_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is in the school holidays there; never without ``school``."""
        return self.school and self._has(day, school=True)

    def _has(self, day: dt.date, school: bool) -> bool:
        """Whether ``day`` is closed there; a year the library cannot compute counts as open, not as an error."""
        try:
            return day in self._calendar(school=school)
        except (NotImplementedError, ValueError, OverflowError):
            return False

    def name(self, day: dt.date, language: str, school: bool = False) -> str:
        """The public holiday's name (with ``school``: the school holiday's) in ``language`` (``nl``, ``en``) if
        the library has it, else in the country's own; two on one day are joined with ``; `` as the library does."""
        calendar = self._calendar(self._language(language), school=school)
        return str(calendar.get(day, ""))

    def _language(self, language: str) -> str | None:
        """The library's language code nearest to ``language`` (``nl_NL``, ``en_GB``), else the country's own."""
        entity = self._calendar()
        supported = tuple(getattr(entity, "supported_languages", ()))
        wanted = {"en": ("en_GB", "en_US", "en"), "nl": ("nl", "nl_NL", "nl_BE")}.get(language, (language,))
        for candidate in wanted:
            if candidate in supported:
                return candidate
        return getattr(entity, "default_language", None)


@lru_cache(maxsize=32)
def _library_calendar(country: str, subdivision: str | None, language: str | None, school: bool = False) -> Any:
    """The library's calendar of a place in one language, its public holidays or (``school``) its school
    holidays; it fills in a year when a day of it is looked up."""
    import holidays

    if school:
        return holidays.country_holidays(country, subdiv=subdivision, language=language, categories=("school",))
    return holidays.country_holidays(country, subdiv=subdivision, language=language)


def _unknown_country(text: str, countries: dict[str, list[str]]) -> str:
    """No such country: the codes closest to what was typed, and a country named as typed (``Nederland``)."""
    from methodengine._suggest import closest

    word = _CODE.fullmatch(text)
    typed = (word.group(1) if word else text).upper()
    guess = _by_name(text) or closest(typed, [c for c in countries if len(c) == len(typed)] or list(countries))
    if guess:
        return _(
            "no public holidays known for `{text}`; did you mean `{code}`? Give a country code such as NL, BE or "
            "DE-NW (ISO 3166)",
            text=text,
            code=guess,
        )
    return _("no public holidays known for `{text}`; give a country code such as NL, BE or DE-NW (ISO 3166)", text=text)


def _by_name(text: str) -> str | None:
    """The code of a country named in English (``Netherlands``, ``Germany``) or in Dutch, by the library's names."""
    key = re.sub(r"[\s_-]+", "", text).lower()
    dutch = {"nederland": "NL", "belgie": "BE", "belgië": "BE", "duitsland": "DE", "frankrijk": "FR"}
    if key in dutch:
        return dutch[key]
    try:
        from holidays.registry import COUNTRIES
    except ImportError:  # a library without the registry: no names, codes only
        return None
    for name, (class_name, code, *_rest) in COUNTRIES.items():
        if key in (name.replace("_", ""), class_name.lower()):
            return code
    return None


def _unknown_subdivision(country: str, wanted: str, codes: list[str]) -> str:
    from methodengine._suggest import closest

    listed = ", ".join(codes) if codes else _("none")
    guess = closest(wanted.upper(), codes) if codes else None
    if guess:
        return _(
            "{country} has no subdivision `{wanted}`; did you mean `{country}-{code}`? Subdivisions: {codes}",
            country=country,
            wanted=wanted,
            code=guess,
            codes=listed,
        )
    return _(
        "{country} has no subdivision `{wanted}`; subdivisions: {codes}", country=country, wanted=wanted, codes=listed
    )
