"""Valid variants of a plan, made of editors' real operations, drawn by hypothesis.

The operations are the ones REDAKTORSGUIDE.md teaches: follow-up (a status with dated log
entries, with or without a source) on any action; terms added and removed, the guide's own
term too; help published; a new recommendation with actions; the contact details changed;
a summary removed; optional sections emptied; and every example of the guide, applied
twice, in any order. What they write is Swedish, valid by the plan's rules: dates from the
adoption to today, a status always with a log entry, numbers and ids in sequence.

    .venv/bin/python -m tests.plan_variants OUT_DIR --count K [--seed N] [--plan PLAN]

writes OUT_DIR/variant-<i>/plan.yaml for i in 0..K-1, each made of every family of operations
and more (every_family; what was done in operations.txt, one line each, the family first), prints
the seed and the command that makes the same files again, and exits 1 with the checker's Swedish report if a variant is
invalid. The same seed, plan and code give the same files.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import shlex
import sys
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from boras_plan.errors import PlanError
from boras_plan.lifecycle import build_date
from boras_plan.loader import load_plan
from boras_plan.model import STATUSES
from boras_plan.slugs import slugify
from tests import guide_examples
from tests.conftest import DEFAULT_PLAN, ROOT, plan_data, write_plan

# Everyday Swedish of the plan's field: nouns, verbs and the rest, with å, ä and ö.
_NOUNS = (
    "arbetet samverkan skolan socialtjänsten fritidsgården polisen föreningen nämnden förvaltningen "
    "rapporten utbildningen medarbetarna föräldrarna ungdomarna lägesbilden handlingsplanen nätverket "
    "mötesplatsen dialogen kartläggningen uppföljningen säkerheten demokratin trygghet stödet gruppen "
    "samordnaren enheten stadsdelen biblioteket kommunen länsstyrelsen församlingen idrottsföreningen"
).split()
_VERBS = (
    "har startat genomförde redovisade planerar påbörjade avslutade utvärderade samordnar "
    "följer upp tar fram bjöd in träffade utbildade stärker"
).split(" ")
_OTHER = "med för och under inom efter enligt hos till tillsammans i år i höstas i våras på nytt".split(" ")
_TERM_WORDS = (
    "Radikalisering Orosanmälan Avhopparverksamhet Samverkansgrupp Lägesbildsmöte Främjande Förebyggande "
    "Trygghetsvandring Värdegrundsarbete Ungdomsråd Fältgrupp Medborgardialog Ärendeteam Överenskommelse "
    "Åtgärdstrappa Källkritik Näthat Föräldrastöd Mentorskap Relationsvåld"
).split()
_PLACES = "Borås Sandared Fristad Dalsjöfors Viskafors Norrby Hässleholmen Sjöbo Byttorp Göta".split()


def today() -> dt.date:
    """The build date the checker compares dates with (SOURCE_DATE_EPOCH, else today)."""
    return build_date()


@st.composite
def sentence(draw, words: tuple[int, int] = (4, 12)) -> str:
    """A Swedish sentence of everyday words of the plan's field, capitalised, with a full stop."""
    count = draw(st.integers(*words))
    pool = st.one_of(st.sampled_from(_NOUNS), st.sampled_from(_VERBS), st.sampled_from(_OTHER), st.sampled_from(_PLACES))
    text = " ".join(draw(st.lists(pool, min_size=count, max_size=count)))
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", ".", ".", "!", "?"]))


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


@st.composite
def date_between(draw, first: dt.date, last: dt.date) -> str:
    """A date (ÅÅÅÅ-MM-DD text) from first to last, both included."""
    last = max(first, last)
    return (first + dt.timedelta(days=draw(st.integers(0, (last - first).days)))).isoformat()


@st.composite
def https_url(draw) -> str:
    host = draw(st.sampled_from(["www.boras.se", "boras.se", "www.polisen.se", "www.regeringen.se", "www.example.se"]))
    path = "/".join(slugify(w) for w in draw(st.lists(st.sampled_from(_NOUNS + _PLACES), max_size=3)))
    return f"https://{host}/{path}"


def _adopted(data: dict) -> dt.date:
    return dt.date.fromisoformat(data["document"]["adopted_on"])


def _actions(data: dict) -> list[dict]:
    return [a for rec in data["recommendations"] for a in rec.get("actions") or []]


# --- Operations: each draws what an editor writes and changes data in place ---------------------


@st.composite
def follow_up(draw, data: dict) -> str:
    """status and dated log entries (with or without a source) on any action; a status always has an entry."""
    actions = _actions(data)
    if not actions:
        return "ingen åtgärd att följa upp"
    action = draw(st.sampled_from(actions))
    log = list(action.get("log") or [])
    for _ in range(draw(st.integers(0 if log else 1, 3))):
        entry = {"date": draw(date_between(_adopted(data), today())), "text": draw(sentence())}
        if draw(st.booleans()):
            entry["source"] = draw(https_url())
        log.append(entry)
    action["log"] = log
    status = draw(st.sampled_from((None,) + STATUSES))
    if status:
        action["status"] = status
    else:
        action.pop("status", None)  # log entries without a status: allowed
    return f"uppföljning av åtgärd {action['id']}: {status or 'ingen status'}, {len(log)} anteckningar"


def _term_taken(data: dict, term: str) -> bool:
    return any(t["term"].casefold() == term.casefold() or slugify(t["term"]) == slugify(term) for t in data.get("glossary") or [])


@st.composite
def add_term(draw, data: dict) -> str:
    words = draw(st.lists(st.sampled_from(_TERM_WORDS), min_size=1, max_size=2, unique=True))
    term = " ".join([words[0]] + [w.lower() for w in words[1:]])
    if _term_taken(data, term):
        return f"begreppet {term} finns redan"
    entry = {"term": term, "definition": draw(sentence((6, 20)))}
    if draw(st.booleans()):
        entry["tooltip"] = draw(st.booleans())
    data.setdefault("glossary", []).append(entry)
    return f"begrepp tillagt: {term}"


@st.composite
def remove_term(draw, data: dict) -> str:
    """Any term, or the guide's own example term when the plan has it."""
    glossary = data.get("glossary") or []
    if not glossary:
        return "inga begrepp att ta bort"
    guide_terms = {t["term"].casefold() for i, v in guide_examples.examples() if "glossary" in i for t in guide_examples.value(v)}
    theirs = [i for i, t in enumerate(glossary) if t["term"].casefold() in guide_terms]
    index = theirs[0] if theirs and draw(st.booleans()) else draw(st.integers(0, len(glossary) - 1))
    removed = glossary.pop(index)
    return f"begrepp borttaget: {removed['term']}"


@st.composite
def publish_help(draw, data: dict) -> str:
    name = draw(st.sampled_from(["Stödlinjen", "Orostelefonen", "Föräldrarådgivningen", "Fältgruppen"])) + " " + draw(st.sampled_from(_PLACES))
    entry = {"name": name, "text": draw(sentence((5, 14)))}
    if draw(st.booleans()):
        entry["phone"] = draw(st.sampled_from(["020-100 200", "033-35 70 00", "+46 33 35 70 00", "112"]))
    if draw(st.booleans()):
        entry["url"] = draw(https_url())
    entry["source"] = draw(https_url())
    entry["checked_on"] = draw(date_between(_adopted(data), today()))
    data.setdefault("help", []).append(entry)
    return f"hjälp publicerad: {name}"


@st.composite
def add_recommendation(draw, data: dict) -> str:
    """A new recommendation after the last, marked as an addition, with 0–3 actions (guide: Lägga till en rekommendation)."""
    recs = data["recommendations"]
    number = len(recs) + 1
    title = draw(sentence((2, 6))).rstrip(".!?")
    slug = slugify(title)[:60].strip("-") or f"rekommendation-{number}"
    if any(r["slug"] == slug for r in recs):
        slug = f"{slug}-{number}"
    roles = [r["id"] for r in data["roles"]]
    adopted = _adopted(data)
    actions = []
    for k in range(1, draw(st.integers(0, 3)) + 1):
        due = draw(st.integers(adopted.year, adopted.year + 6))
        who = None
        if roles and draw(st.integers(0, 4)):
            chosen = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=2, unique=True))
            who = {"text": draw(sentence((2, 6))), "roles": chosen}
        actions.append({"id": f"{number}.{k}", "what": draw(sentence()), "due": due, "who": who,
                        "follow_up": f"Redovisas till Kommunstyrelsen senast {due}."})
    recs.append({
        "number": number,
        "slug": slug,
        "title": title,
        "keywords": draw(st.lists(st.sampled_from(_NOUNS), max_size=3, unique=True)),
        "addition": {"date": draw(date_between(adopted, today())), "note": "Tillagd efter beslut i Kommunstyrelsen."},
        "body": "\n\n".join(draw(st.lists(paragraph(), min_size=1, max_size=3))),
        "actions": actions,
    })
    return f"rekommendation {number} tillagd med {len(actions)} åtgärder"


@st.composite
def change_contact(draw, data: dict) -> str:
    contact = data["contact"]
    field = draw(st.sampled_from(["phone", "email", "website", "postal_address", "visiting_address"]))
    place = draw(st.sampled_from(_PLACES))
    contact[field] = {
        "phone": draw(st.sampled_from(["033-35 70 00", "033-35 80 00", "+46 33 35 70 00"])),
        "email": f"{slugify(place)}.kontakt@boras.se",
        "website": draw(st.sampled_from(["boras.se", "https://www.boras.se", "www.boras.se/kontakt"])),
        "postal_address": f"Box {draw(st.integers(1, 999))}, 501 80 {place}",
        "visiting_address": f"{draw(st.sampled_from(['Kungsgatan', 'Stora torget', 'Allégatan', 'Österlånggatan']))} {draw(st.integers(1, 60))}, {place}",
    }[field]
    return f"kontaktuppgift ändrad: {field}"


@st.composite
def remove_summary(draw, data: dict) -> str:
    summaries = data.get("summaries") or {}
    present = [k for k in ("easy_read", "finnish") if summaries.get(k)]
    if not present:
        return "ingen sammanfattning att ta bort"
    key = draw(st.sampled_from(present))
    del summaries[key]
    return f"sammanfattning borttagen: {key}"


# Optional sections and lists of the site's own (not the adopted text, which stays word for word)
# that the model allows empty or absent, as an editor empties them.
_EMPTIABLE = {
    "help": lambda d: d.__setitem__("help", []),
    "glossary": lambda d: d.__setitem__("glossary", []),
    "keywords": lambda d: [r.__setitem__("keywords", []) for r in d["recommendations"]],
    "deficiencies": lambda d: d.get("accessibility") and d["accessibility"].__setitem__("deficiencies", []),
    "summaries": lambda d: d.pop("summaries", None),
}  # open_data and accessibility stay: the site publishes a catalog and the statement the law asks for


@st.composite
def empty_section(draw, data: dict) -> str:
    name = draw(st.sampled_from(sorted(_EMPTIABLE)))
    _EMPTIABLE[name](data)
    return f"tömt: {name}"


@st.composite
def guide_example(draw, data: dict) -> str:
    examples = guide_examples.examples()
    index = draw(st.integers(0, len(examples) - 1))
    guide_examples.apply(data, *examples[index])
    return f"redaktörsguidens exempel {index + 1}: {examples[index][0]}"


@st.composite
def every_guide_example_twice(draw, data: dict) -> str:
    """Every example of the guide, each twice, in an order drawn."""
    examples = guide_examples.examples()
    order = draw(st.permutations(list(range(len(examples))) * 2))
    for index in order:
        guide_examples.apply(data, *examples[index])
    return "alla redaktörsguidens exempel två gånger, i ordningen " + " ".join(str(i + 1) for i in order)


OPERATIONS = (follow_up, add_term, remove_term, publish_help, add_recommendation, change_contact, remove_summary,
              empty_section, guide_example, every_guide_example_twice)


@st.composite
def variants(draw, base: dict, max_operations: int = 12) -> tuple[dict, list[str]]:
    """(plan data, what was done): base changed by a drawn sequence of editors' operations."""
    data = copy.deepcopy(base)
    done = []
    for operation in draw(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=max_operations)):
        done.append(draw(operation(data)))
    return data, done


@st.composite
def every_family(draw, base: dict, extra: tuple[int, int] = (6, 14)) -> tuple[dict, list[str]]:
    """(plan data, what was done): every family of operations at least once, and `extra` more
    of any family, in a drawn order. What CI tests: many changes of every kind in each plan."""
    data = copy.deepcopy(base)
    more = draw(st.lists(st.sampled_from(OPERATIONS), min_size=extra[0], max_size=extra[1]))
    done = []
    for operation in draw(st.permutations(list(OPERATIONS) + more)):
        done.append(f"{operation.__name__}: {draw(operation(data))}")
    return data, done


# --- The command: K variants of a seed --------------------------------------------------------


def generate(base: dict, count: int, seed_value: int) -> list[tuple[dict, list[str]]]:
    """count variants of base, each with every family of operations (every_family), the same
    for the same seed (hypothesis, without its example database)."""
    found: list[tuple[dict, list[str]]] = []
    calls = [0]

    # Hypothesis tries the simplest example first, the same for every seed: it is skipped, so that
    # each seed gives plans of its own.
    @seed(seed_value)
    @settings(max_examples=count + 1, database=None, phases=[Phase.generate], deadline=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(every_family(base))
    def collect(variant):
        calls[0] += 1
        if calls[0] > 1 and len(found) < count:
            found.append(variant)

    collect()
    return found


def write_variants(out_dir: Path, count: int, seed_value: int, plan: Path = DEFAULT_PLAN) -> list[Path]:
    written = []
    for i, (data, done) in enumerate(generate(plan_data(plan), count, seed_value)):
        folder = out_dir / f"variant-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        written.append(write_plan(data, folder / "plan.yaml"))
        (folder / "operations.txt").write_text("\n".join(done) + "\n", encoding="utf-8")
    return written


def command(out_dir: Path, count: int, seed_value: int, plan: Path) -> str:
    args = [".venv/bin/python", "-m", "tests.plan_variants", str(out_dir), "--count", str(count), "--seed", str(seed_value)]
    if plan.resolve() != (ROOT / "data" / "plan.yaml").resolve():
        args += ["--plan", str(plan)]
    return shlex.join(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.plan_variants", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN, help="planen som varianterna görs av (standard data/plan.yaml)")
    args = parser.parse_args(argv)
    seed_value = random.SystemRandom().randrange(2**32) if args.seed is None else args.seed
    print(f"Frö (seed): {seed_value}")
    print(f"Samma varianter igen: {command(args.out_dir, args.count, seed_value, args.plan)}")
    invalid = 0
    for path in write_variants(args.out_dir, args.count, seed_value, args.plan):
        try:
            plan = load_plan(path)
        except PlanError as error:
            invalid += 1
            print(error.report(), file=sys.stderr)
            continue
        print(f"{path}: giltig, {len(plan.recommendations)} rekommendationer, {len(plan.actions)} åtgärder, {len(plan.glossary)} begrepp "
              f"({(path.parent / 'operations.txt').read_text(encoding='utf-8').count(chr(10))} ändringar, se operations.txt).")
    if invalid:
        print(f"{invalid} av {args.count} varianter är ogiltiga. Kör om med kommandot ovan.", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
