"""Make the screenshot of ``methodengine run`` in docs/run.md: ``docs/examples/run-screen.svg``.

    python bench/run_screen.py [--out FILE] [--lang nl|en] [--size 80x24]

The screen is made by Textual from the app itself (``App.export_screenshot``),
never drawn by hand: meeting 2 of the incident method with five people,
planned at 19:00, begun at 19:07, in `Standpunt bepalen` (the case-giver
sits outside the circle) and 14 minutes behind, with a catch-up proposed.
The clock is a fake one, so the same tree gives the same SVG; run this
again after a change to the run screen.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

from methodengine.commands.run import make_app

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = ROOT / "plugins" / "methodengine_methods" / "incident.mth"  # the base recipe: recipes/ has a variation
OUT = ROOT / "docs" / "examples" / "run-screen.svg"


class _Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


async def screenshot(language: str, size: tuple[int, int]) -> str:
    """The SVG of the run screen in the state the module docstring describes."""
    clock = _Clock(dt.datetime(2027, 2, 22, 19, 7))
    app = make_app(INCIDENT, meeting=2, group=5, start=19 * 60, lang=language, quiet=True, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        for minutes in (12, 11, 6, 5, 17, 12):  # the phases before it, each a little longer than planned
            clock.now += dt.timedelta(minutes=minutes)
            app.tick()
            await pilot.press("n")
        clock.now += dt.timedelta(minutes=1)
        app.tick()
        await pilot.pause(1.0)  # past the flash of the time panel: the steady screen
        return app.export_screenshot(title="methodengine run")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--size", default="80x24", help="COLUMNSxLINES")
    options = parser.parse_args()
    columns, lines = (int(part) for part in options.size.split("x"))
    svg = asyncio.run(screenshot(options.lang, (columns, lines)))
    options.out.write_text(svg, encoding="utf-8")
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
