"""Generate the benchmark inputs: large.mth, large.toml, small.mth, and many/NNN.mth with their TOML twins.

    python bench/generate.py [--out DIR] [--phases N] [--many N]

``large.mth`` is a recipe with the most phases a recipe may have (100), some of
them inside ``rounds`` blocks, each with ``lead``/``speak``/``listen``, a
``when``, several script lines and now and then a ``per ROLE`` time box, plus
roles and a trajectory with stages. ``large.toml`` carries the same content
(the same fields, the same texts, in the same order) in a natural TOML shape,
so that ``tomllib.loads`` on it is a fair yardstick for ``methodengine.parse``
on the recipe. ``small.mth`` is a realistic, self-contained recipe (no
``method:`` line) for the cold-start benchmark. ``many/`` holds 500 variants of
the bundled recipes, each beside its content as TOML (:func:`mth_to_toml`), for
checking many files in one call.

The output is deterministic: no randomness, no timestamps, so that figures
from different runs and machines are measured on identical bytes. Only the
standard library and methodengine's own key table (the spellings of its keywords) are used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from methodengine.language.keys import KEYWORD_SPELLINGS, SPELLINGS
from methodengine.model import SCRIPT_KINDS

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------- content

ROLES = [
    # id, name, count (None: no count line), facilitator, brief
    ("voorzitter", "Gespreksleider", "1", False, "Bewaakt de stappen, de tijd en de spelregels."),
    ("inbrenger", "Inbrenger", "1-2", False, "Brengt een recent incident uit het eigen werk in, met een hulpvraag."),
    ("deelnemer", "Deelnemer", "2-6", False, "Vraagt door, analyseert en geeft een eigen standpunt."),
    ("notulist", "Notulist", "1", False, "Schrijft de afspraken en de belangrijkste ideeën op."),
    ("tijdbewaker", "Tijdbewaker", "1", False, "Let op de klok en waarschuwt twee minuten voor het einde."),
    ("observator", "Observator", "0-1", False, "Kijkt mee van buiten de kring en geeft na afloop feedback."),
    ("coach", "Coach", "1", True, "Begeleidt de groep en grijpt in als de spelregels wankelen."),
    ("trainer", "Trainer", "0-1", True, "Leidt de eerste bijeenkomst en oefent de stappen met de groep."),
]
ROLE_IDS = [r[0] for r in ROLES]
# Roles that can be counted `per`: the ones with a count.
PER_ROLES = ["deelnemer", "inbrenger", "deelnemer", "observator"]

TOPICS = [
    "Kennismaken",
    "Spelregels",
    "Terugkoppeling",
    "Incident kiezen",
    "Incident schetsen",
    "Informatieronde",
    "Hulpvraag scherpen",
    "Analyse",
    "Standpunt bepalen",
    "Standpunten uitwisselen",
    "Eigen aandeel",
    "Oplossingen bedenken",
    "Advies geven",
    "Afspraken maken",
    "Nabespreking",
    "Evaluatie",
    "Reflectie",
    "Oefenen",
    "Feedback",
    "Afsluiting",
]
QUALIFIERS = [
    "in tweetallen",
    "met de hele groep",
    "in stilte",
    "op papier",
    "met een voorbeeld",
    "vanuit de inbrenger",
    "vanuit de groep",
    "met een tekening",
    "in kleine groepen",
    "kort en krachtig",
    "met een rollenspel",
    "aan de flip-over",
]
SAYS = [
    "Welkom allemaal; we beginnen met een korte ronde.",
    "We houden ons aan de tijd: de tijdbewaker waarschuwt ons.",
    "Wat hier gezegd wordt, blijft in deze kring.",
    "Neem even de tijd om je gedachten te ordenen.",
    "We gaan nu over naar de volgende stap: #{n} op de agenda.",
    "Dank je wel voor je openheid; dat helpt de groep verder.",
    "Let op: er is geen goed of fout antwoord (echt niet).",
]
ASKS = [
    "Welke feiten heb je nodig om de situatie te begrijpen?",
    "Wat is hier eigenlijk het probleem, en voor wie?",
    "Wat zou je anders doen als je het opnieuw mocht proberen?",
    "Hoe is het gegaan met de afspraken van de vorige keer?",
    "Welke ideeën en tips neem je mee naar huis?",
    "Wat heb je van de anderen nodig: steun, kritiek of stilte?",
    "Wanneer, met wie en hoe vaak doet het probleem zich voor?",
]
DOS = [
    "Iedere deelnemer schrijft drie informatieve vragen op.",
    "De inbrenger schetst de situatie tot aan het moment van beslissen.",
    "Ieder noemt kort een incident; de groep kiest er één.",
    "Iedere deelnemer zegt wat hij of zij zou doen, en waarom.",
    "Vat samen wat je gehoord hebt, zonder oordeel: 1 zin per persoon.",
    "Zet de stoelen in een kring en leg pen en papier klaar.",
    "Schrijf de afspraken op de flip-over, met een datum erbij.",
]
TIPS = [
    "Alleen feitelijke vragen; nog geen advies of oordeel.",
    "Een incident is kort, concreet en recent.",
    "Laat stiltes vallen; ze geven de inbrenger ruimte.",
    "Vraag door op gevoelens, niet alleen op feiten.",
    "Houd de beurten kort: hooguit 2 minuten per persoon.",
    "Benoem het als iemand toch advies geeft (dat gebeurt vaak).",
]
WATCHES = [
    "Vragen die eigenlijk verkapte adviezen zijn.",
    "Deelnemers die zich terugtrekken of juist alles overnemen.",
    "Of de inbrenger zich nog eigenaar voelt van het probleem.",
]
OUTPUTS = [
    "Een scherpe hulpvraag",
    "Ideeën en tips voor de inbrenger",
    "Afspraken om op de werkvloer uit te voeren",
    "Een lijst met mogelijke oplossingen",
]
GROUPS = ["whole group", "pairs", "trios", "groups of 3-4", "alone"]
SPACES = [
    "Stoelen in een kring, zonder tafels.",
    "Twee stoelen tegenover elkaar; de groep eromheen.",
    "Flip-over en stiften binnen handbereik.",
]
MEETINGS = 10
STAGES = [
    ("Kennismaken en afspraken", "1-2", "Hoe werken we samen, en wat mag iedereen verwachten?"),
    ("Verkennen", "3-5", "Welke incidenten komen steeds terug in ons werk?"),
    ("Verdiepen", "6-8", "Wat is mijn eigen aandeel, en wat kan ik anders doen?"),
    ("Afronden", "9-10", "Wat neem ik mee, en hoe houd ik het vol zonder de groep?"),
]


def _when(i: int) -> str:
    kind = i % 5
    if kind == 0:
        return f"meeting {1 + i % MEETINGS}"
    if kind == 1:
        low = 1 + i % (MEETINGS - 2)
        return f"meetings {low}-{low + 2}"
    if kind == 2:
        return f"from meeting {1 + i % MEETINGS}"
    if kind == 3:
        return "last meeting"
    return f"until meeting {2 + i % (MEETINGS - 1)}, last meeting"


def _roles_for(i: int) -> tuple[str, list[str], list[str]]:
    """lead, speak, listen for phase i; speak is sometimes `everyone`."""
    lead = ROLE_IDS[i % 2 * 6]  # voorzitter or coach
    speak = ["everyone"] if i % 7 == 0 else [ROLE_IDS[1 + i % 3], ROLE_IDS[1 + (i + 1) % 3]]
    listen = [ROLE_IDS[3 + i % 3]]
    return lead, speak, listen


def _script(i: int) -> list[tuple[str, str]]:
    """Several script lines, in order: say/ask/do/tip and now and then watch/output."""
    lines = [
        ("say", SAYS[i % len(SAYS)].replace("{n}", str(i + 1))),
        ("ask", ASKS[i % len(ASKS)]),
        ("do", DOS[(i * 3) % len(DOS)]),
        ("tip", TIPS[i % len(TIPS)]),
    ]
    if i % 2:
        lines.append(("ask", ASKS[(i + 3) % len(ASKS)]))
    if i % 3 == 0:
        lines.append(("watch", WATCHES[i % len(WATCHES)]))
    if i % 4 == 1:
        lines.append(("output", OUTPUTS[i % len(OUTPUTS)]))
    return lines


def _phase(i: int) -> dict:
    """Phase number i as plain data; both writers render this."""
    lead, speak, listen = _roles_for(i)
    minutes = 5 + (i * 7) % 16
    phase = {
        "title": f"{TOPICS[i % len(TOPICS)]} {QUALIFIERS[(i // len(TOPICS)) % len(QUALIFIERS)]} {i + 1}",
        "minutes": minutes,
        "per": PER_ROLES[i % len(PER_ROLES)] if i % 3 == 0 else None,
        "id": f"stap-{i + 1}" if i % 11 == 0 else None,
        "when": _when(i),
        "lead": lead,
        "speak": speak,
        "listen": listen,
        "groups": GROUPS[i % len(GROUPS)] if i % 4 == 2 else None,
        "space": SPACES[i % len(SPACES)] if i % 6 == 5 else None,
        "script": _script(i),
    }
    if phase["per"]:
        phase["minutes"] = 1 + i % 3
    return phase


def agenda(phases: int) -> list[dict]:
    """The agenda: plain phases, and every 8th item a rounds block of 3 phases."""
    items: list[dict] = []
    i = 0
    block = 0
    while i < phases:
        if block % 8 == 7 and phases - i >= 3:
            low = 1 + block % 2
            items.append(
                {
                    "rounds": f"{low}-{low + 1}",
                    "title": f"Beurt van een inbrenger {block + 1}",
                    "id": f"beurt-{block + 1}",
                    "when": f"from meeting {1 + block % MEETINGS}",
                    "phases": [_phase(i + k) for k in range(3)],
                }
            )
            i += 3
        else:
            items.append(_phase(i))
            i += 1
        block += 1
    return items


HEADER = {
    "recipe": "Intervisie op schaal: een groot benchmarkrecept",
    "language": "nl",
    "group": "8-14",
    "facilitators": "1-2",
    "duration": "80 h",
    "summary": "Een kunstmatig groot recept voor de benchmark: honderden fasen, rondes, rollen en een traject.",
    "source": "methodengine bench/generate.py",
}
TRAJECTORY = {"meetings": MEETINGS, "every": "2-4 weeks", "span": "9 months"}

# --------------------------------------------------------------------- .mth


def _timebox(p: dict) -> str:
    return f"({p['minutes']} min per {p['per']})" if p["per"] else f"({p['minutes']} min)"


def _mth_phase(p: dict, indent: str) -> list[str]:
    inner = indent + "  "
    out = [f"{indent}phase {p['title']} {_timebox(p)}"]
    if p["id"]:
        out.append(f"{inner}id: {p['id']}")
    out.append(f"{inner}when: {p['when']}")
    out.append(f"{inner}lead: {p['lead']}")
    out.append(f"{inner}speak: {', '.join(p['speak'])}")
    out.append(f"{inner}listen: {', '.join(p['listen'])}")
    if p["groups"]:
        out.append(f"{inner}groups: {p['groups']}")
    if p["space"]:
        out.append(f"{inner}space: {p['space']}")
    out.extend(f"{inner}{kind}: {text}" for kind, text in p["script"])
    return out


def large_mth(phases: int) -> str:
    out = [
        "# A large recipe for methodengine's benchmarks; generated by bench/generate.py.",
        "# Do not edit: regenerate instead.",
    ]
    out.extend(f"{key}: {value}" for key, value in HEADER.items())
    for rid, name, count, facilitator, brief in ROLES:
        out.append("")
        out.append(f"role {rid}: {name}")
        out.append(f"  count: {count}")
        if facilitator:
            out.append("  facilitator: yes")
        out.append(f"  brief: {brief}")
    for item in agenda(phases):
        out.append("")
        if "rounds" in item:
            out.append(f"rounds {item['rounds']}: {item['title']}")
            out.append(f"  id: {item['id']}")
            out.append(f"  when: {item['when']}")
            for p in item["phases"]:
                out.extend(_mth_phase(p, "  "))
        else:
            out.extend(_mth_phase(item, ""))
    out.append("")
    out.append("trajectory")
    out.extend(f"  {key}: {value}" for key, value in TRAJECTORY.items())
    for title, meetings, focus in STAGES:
        out.append(f"  stage {title} (meetings {meetings})")
        out.append(f"    focus: {focus}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------- .toml


def _q(value: str) -> str:
    """A TOML basic string; JSON's escaping is valid TOML for these texts."""
    return json.dumps(value, ensure_ascii=False)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return _q(str(value))


def _count(text: str) -> object:
    """A plain count as a TOML integer, a range as its text."""
    return int(text) if text.isdigit() else text


def _toml_phase(p: dict, table: str) -> list[str]:
    out = [f"[[{table}]]", f"title = {_q(p['title'])}", f"timebox = {_q(str(p['minutes']) + ' min')}"]
    if p["per"]:
        out.append(f"per = {_q(p['per'])}")
    if p["id"]:
        out.append(f"id = {_q(p['id'])}")
    out.append(f"when = {_q(p['when'])}")
    out.append(f"lead = {_q(p['lead'])}")
    out.append(f"speak = {_toml_value(p['speak'])}")
    out.append(f"listen = {_toml_value(p['listen'])}")
    if p["groups"]:
        out.append(f"groups = {_q(p['groups'])}")
    if p["space"]:
        out.append(f"space = {_q(p['space'])}")
    # The script keeps its order and mixes kinds, so it is a list of one-key tables.
    out.append("script = [")
    out.extend(f"  {{ {kind} = {_q(text)} }}," for kind, text in p["script"])
    out.append("]")
    return out


def large_toml(phases: int) -> str:
    out = [
        "# The same content as large.mth, as TOML; generated by bench/generate.py.",
        "# Do not edit: regenerate instead.",
    ]
    for key, value in HEADER.items():
        out.append(f"{key} = {_toml_value(_count(value) if key in ('group', 'facilitators') else value)}")
    for rid, name, count, facilitator, brief in ROLES:
        out.append("")
        out.append("[[role]]")
        out.append(f"id = {_q(rid)}")
        out.append(f"name = {_q(name)}")
        out.append(f"count = {_toml_value(_count(count))}")
        if facilitator:
            out.append("facilitator = true")
        out.append(f"brief = {_q(brief)}")
    # Phases and rounds blocks appear in agenda order in the file.
    for item in agenda(phases):
        out.append("")
        if "rounds" in item:
            out.append("[[rounds]]")
            out.append(f"rounds = {_q(item['rounds'])}")
            out.append(f"title = {_q(item['title'])}")
            out.append(f"id = {_q(item['id'])}")
            out.append(f"when = {_q(item['when'])}")
            for p in item["phases"]:
                out.append("")
                out.extend(_toml_phase(p, "rounds.phase"))
        else:
            out.extend(_toml_phase(item, "phase"))
    out.append("")
    out.append("[trajectory]")
    out.extend(f"{key} = {_toml_value(value)}" for key, value in TRAJECTORY.items())
    for title, meetings, focus in STAGES:
        out.append("")
        out.append("[[trajectory.stage]]")
        out.append(f"title = {_q(title)}")
        out.append(f"meetings = {_q(meetings)}")
        out.append(f"focus = {_q(focus)}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------- small.mth

SMALL_MTH = """\
# Intervisie volgens de incidentmethode, zonder method-plugin: het recept
# draagt zijn eigen rollen, agenda en traject. Gebruikt door bench/run.py.
recipe: Incidentmethode (benchmark)
language: nl
group: 4-7
facilitators: 1
duration: 90 min
summary: Een deelnemer brengt een kort, concreet incident in; de groep
  vraagt door, ieder bepaalt een standpunt en de inbrenger gaat naar huis
  met ideeën en tips.
source: Hendriksen, Intervisie bij werkproblemen

role voorzitter: Gespreksleider
  count: 1
  brief: Bewaakt de stappen, de tijd en de spelregels.

role inbrenger: Inbrenger
  count: 1
  brief: Brengt een recent incident uit het eigen werk in, met een hulpvraag.

role deelnemer: Deelnemer
  count: 2-5
  brief: Vraagt door, analyseert en geeft een eigen standpunt.

phase Spelregels afspreken (5 min)
  when: meeting 1
  lead: voorzitter
  speak: everyone
  do: Spreek vertrouwelijkheid, gelijkwaardigheid en vrijwilligheid af.

phase Terugkoppeling (5 min)
  when: from meeting 2
  lead: voorzitter
  speak: inbrenger
  listen: deelnemer
  ask: Wat heb je gedaan met de ideeën van de vorige keer, en wat werkte?

phase Incident kiezen (10 min)
  id: kiezen
  lead: voorzitter
  speak: everyone
  do: Ieder noemt kort een incident; de groep kiest er één.
  tip: Een incident is kort, concreet en recent, en de inbrenger speelde er zelf een rol in.

phase Incident schetsen (5 min)
  lead: voorzitter
  speak: inbrenger
  listen: deelnemer
  do: De inbrenger schetst de situatie tot aan het moment van beslissen.
  output: Een hulpvraag

phase Informatieronde (15 min)
  id: vragen
  lead: voorzitter
  speak: deelnemer
  listen: inbrenger
  ask: Welke feiten heb je nodig om de situatie te begrijpen?
  tip: Alleen feitelijke vragen; nog geen advies of oordeel.
  watch: Vragen die eigenlijk verkapte adviezen zijn.

phase Analyse (15 min)
  lead: voorzitter
  speak: deelnemer
  listen: inbrenger
  ask: Wat is hier eigenlijk het probleem?

phase Standpunten uitwisselen (3 min per deelnemer)
  lead: voorzitter
  speak: deelnemer
  listen: inbrenger
  do: Iedere deelnemer zegt wat hij of zij zou doen, en waarom.

phase Nabespreking (15 min)
  lead: voorzitter
  speak: everyone
  ask: Welke ideeën en tips neem je mee naar huis?
  output: Ideeën en tips voor de inbrenger

phase Evaluatie (10 min)
  lead: voorzitter
  speak: everyone
  ask: Hoe verliep deze bijeenkomst, en wat doen we de volgende keer anders?

trajectory
  meetings: 6
  every: 6-8 weken
  span: 1 jaar
  stage Starten (meetings 1-2)
    focus: Elkaar leren kennen en de stappen oefenen.
  stage Zelfstandig verder (meetings 3-6)
"""


# --------------------------------------------------------------------- many recipes

RECIPES = HERE.parent / "recipes"
MANY = 500
BLOCKS = frozenset(KEYWORD_SPELLINGS)
"""Every block keyword in English and in Dutch (the bundled recipes are written in Dutch keywords)."""
SCRIPT_KEYS = frozenset(spelling for spelling, key in SPELLINGS.items() if key.name in SCRIPT_KINDS)
RECIPE_KEYS = tuple(spelling + ":" for spelling, key in SPELLINGS.items() if key.name == "recipe")
ADDITIONS = [
    "Neem er de tijd voor.",
    "Vat kort samen wat je hoorde.",
    "Laat een stilte vallen voor je verdergaat.",
    "Vraag of iedereen het zo begrijpt.",
    "Schrijf de kern op de flip-over.",
    "Kijk wie er nog niet aan het woord was.",
    "Houd het bij het eigen werk.",
]


def variant(text: str, k: int) -> str:
    """Variant k of a bundled recipe: its own title and some script lines longer, so no two files are alike.

    Only texts change (no time box, count or reference), so every variant checks as cleanly as its
    original: the figure is the cost of checking real recipes, not of reporting errors.
    """
    out = []
    for j, line in enumerate(text.splitlines()):
        stripped = line.lstrip(" ")
        key = stripped.split(":", 1)[0]
        if line.startswith(RECIPE_KEYS):
            line = f"{line} {k + 1}"
        elif key in SCRIPT_KEYS and ":" in stripped and (j + k) % 3 == 0:
            line = f"{line} {ADDITIONS[(j + k) % len(ADDITIONS)]}"
        out.append(line)
    return "\n".join(out) + "\n"


def _blocks(text: str) -> dict:
    """A recipe's lines as nested blocks by indentation: the shape both the .mth and its TOML twin share."""
    root: dict = {"kind": None, "head": None, "keys": [], "items": []}
    stack: list[tuple[int, dict]] = [(-1, root)]
    last: tuple[int, list] | None = None  # the indent and [key, value] of the last key line, for continuations
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if last is not None and indent > last[0]:
            last[1][1] += " " + stripped
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        word = stripped.split(None, 1)[0]
        if word in BLOCKS:
            block = {"kind": word, "head": stripped[len(word) :].strip(), "keys": [], "items": []}
            stack[-1][1]["items"].append(block)
            stack.append((indent, block))
            last = None
        else:
            key, _, value = stripped.partition(":")
            pair = [key.strip(), value.strip()]
            stack[-1][1]["keys"].append(pair)
            last = (indent, pair)
    return root


def _key(key: str) -> str:
    """A bare TOML key where the key allows it, as a recipe's keys all do."""
    return key if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key) else _q(key)


def _toml_keys(keys: list) -> list[str]:
    plain: dict[str, list[str]] = {}
    script = []
    for key, value in keys:
        if key in SCRIPT_KEYS:
            script.append(f"{{ {_key(key)} = {_q(value)} }}")
        else:
            plain.setdefault(key, []).append(value)
    out = [f"{_key(key)} = {_q(v[0]) if len(v) == 1 else _toml_value(v)}" for key, v in plain.items()]
    if script:
        out.append("script = [" + ", ".join(script) + "]")
    return out


def _toml_block(block: dict, table: str) -> list[str]:
    out = ["", f"[[{table}]]", f"kind = {_q(block['kind'])}", f"head = {_q(block['head'])}"]
    out.extend(_toml_keys(block["keys"]))
    for item in block["items"]:
        out.extend(_toml_block(item, f"{table}.item"))
    return out


def mth_to_toml(text: str) -> str:
    """Any recipe's content as TOML: its keys as strings, each block an ``[[item]]`` with its kind and head.

    Generic on purpose (it follows the indentation, not the grammar), so that it takes any recipe, the
    bundled ones included; values stay text, as in large.toml, so TOML reads as much as the recipe has.
    """
    root = _blocks(text)
    out = _toml_keys(root["keys"])
    for item in root["items"]:
        out.extend(_toml_block(item, "item"))
    return "\n".join(out) + "\n"


def write_many(out: Path, count: int = MANY) -> list[tuple[Path, Path]]:
    """``count`` varied recipes as many/NNN.mth, each with its TOML twin many/NNN.toml; returns the pairs."""
    folder = out / "many"
    folder.mkdir(parents=True, exist_ok=True)
    bundled = [path.read_text(encoding="utf-8") for path in sorted(RECIPES.glob("*.mth"))]
    pairs = []
    for k in range(count):
        text = variant(bundled[k % len(bundled)], k // len(bundled))
        mth, toml = folder / f"{k:03}.mth", folder / f"{k:03}.toml"
        for path, content in ((mth, text), (toml, mth_to_toml(text))):
            if not path.exists() or path.read_bytes() != content.encode("utf-8"):
                path.write_bytes(content.encode("utf-8"))
        pairs.append((mth, toml))
    return pairs


def write_all(out: Path, phases: int = 100) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "large.mth": large_mth(phases),
        "large.toml": large_toml(phases),
        "small.mth": SMALL_MTH,
    }
    written = {}
    for name, text in files.items():
        path = out / name
        path.write_bytes(text.encode("utf-8"))  # bytes: the same "\n" newlines on every platform
        written[name] = path
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="output directory (default: bench/out, git-ignored)"
    )
    parser.add_argument(
        "--phases", type=int, default=100, help="phases in large.mth (default: 100, the most a recipe may have)"
    )
    parser.add_argument("--many", type=int, default=MANY, help=f"recipes in many/ (default: {MANY})")
    args = parser.parse_args(argv)
    for path in write_all(args.out, args.phases).values():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    pairs = write_many(args.out, args.many)
    size = sum(mth.stat().st_size for mth, _ in pairs)
    print(f"wrote {len(pairs)} recipes and their TOML twins in {args.out / 'many'} ({size:,} bytes of recipes)")


if __name__ == "__main__":
    main()
