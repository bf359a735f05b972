"""Did-you-mean suggestions for misspelt keys, units, roles and methods."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant, or None when none is close."""
    import difflib

    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in pool}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)]
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], quote: str = "`") -> str:
    """`` did you mean `x`?`` or an empty string."""
    match = closest(word, candidates)
    return f"did you mean {quote}{match}{quote}?" if match else ""
