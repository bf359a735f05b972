"""The bounds methodengine holds to, in one place, so that the code, the docs and the tests agree."""

from __future__ import annotations

MAX_RECIPE_BYTES = 5 * 1024 * 1024
"""The largest recipe file read, 5 MB: the bundled recipes are under 10 kB, so a larger
file is not a recipe (or is a device such as /dev/zero), and refusing it keeps memory bounded."""

FIFO_WAIT_SECONDS = 10.0
"""How long reading a FIFO (a named pipe) waits for a program to write to it, and writing one
for a program to read from it, before giving up instead of blocking for ever."""

# ---------------------------------------------------------------- a recipe's values and totals
#
# Each bound is far above any real recipe (the largest bundled one has 10 phases, 3 roles and 8
# meetings; a year of weekly meetings of some 15 phases each is 52 meetings and 780 planned rows),
# and low enough that every command, PDF included, finishes within seconds on any recipe that
# passes them. docs/recipe-language.md#limits lists them for trainers.

MAX_COUNT = 1000
"""The most a count may be: a group size, a role's count, a number of facilitators, --group."""

MAX_MEETINGS = 500
"""The most meetings a trajectory may have, a meeting number may name, and --meeting/--meetings may give."""

MAX_ROUNDS = 100
"""The most rounds a rounds block may have, and --rounds may give."""

MAX_MINUTES = 10_000
"""The longest time box or meeting, in minutes (about a week)."""

MAX_PHASES = 100
"""The most phases and checkpoints in a recipe, those inside rounds blocks included."""

MAX_ROLES = 20
"""The most roles in a recipe."""

MAX_SCRIPT_LINES = 1000
"""The most script lines (say, ask, do, tip, watch, output) in a recipe, in phases and extra meetings together."""

MAX_STAGES = 100
"""The most stages in a trajectory."""

MAX_EXTRA_MEETINGS = 100
"""The most `meeting` blocks (extra meetings) in a trajectory."""

MAX_EVENTS = 1000
"""The most calendar events a schedule may have: the meetings of the series and every extra meeting's
`count`, for an open trajectory with the meetings `--meetings` dates."""

MAX_ROWS = 20_000
"""The most planned rows of all meetings together: per meeting, each phase that applies, a phase in a
rounds block once per round (at the block's highest count, or --rounds), summed over the meetings."""

MAX_CARDS = 150
"""The most cards in a deck (overview, phases, checkpoints, roles, trajectory), before long cards are
continued on more."""

MAX_SKIPS = 366
"""Skipped dates a plan takes: a day's holidays for a year, or a series' holidays for many years.

Each skipped date a meeting falls on moves it and all later ones, so thousands of them push a
series centuries on without a word; more than this is a usage error instead."""

MAX_SYNTAX_ERRORS = 50
"""The most syntax errors one file reports; after a syntax error the parser goes on at the next line
of the same or lower indentation, so a file of garbage would otherwise report one per line."""
