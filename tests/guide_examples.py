"""REDAKTORSGUIDE.md's examples, applied to a copy of the data as printed.

Every ```yaml block of the guide's "Exempel" section starts with a comment that names the file
and says where the block goes, in the editor's words; this module reads that comment:

    # data/plan.yaml: ersätt åtgärd "9.1"              the block is the whole action
    # data/plan.yaml: ändra i åtgärd "5.1"             the block's fields replace the action's, or join it
    # data/<file>: lägg till sist under <key>          the block goes last in the list under <key>
    # data/uppfoljning/1.1.yaml: hela filen            the block is the whole file (a new report)

apply_printed() inserts the block's text, as printed, into the named file of a copy of data/
(all but that first line, which is the instruction). apply() does the same to merged plan data (the plan
variants of tests/plan_variants.py). A block without such a comment is an error: an example
editors follow that the suite does not apply could go stale unnoticed. As the guide tells
editors: what the data has already (the term, the role, the recommendation) is not added again,
and a new recommendation whose number is taken takes the next free one (its actions' ids follow).

    python -m tests.guide_examples [PLAN] OUT      (PLAN defaults to data/plan.yaml)
"""

from __future__ import annotations

import copy
import re
import shutil
import sys
import textwrap
from pathlib import Path

import yaml

from boras_plan.plan_files import editor_dirs
from boras_plan.slugs import slugify
from tests.conftest import plan_data

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "REDAKTORSGUIDE.md"

_BLOCK = re.compile(r"^(?P<indent> *)```yaml\n(?P<body>.*?)^(?P=indent)```", re.S | re.M)
_FILE = r"# data/(?P<file>[\w./-]+\.yaml): "
_APPEND = re.compile(_FILE + r"lägg till sist under (?P<key>\w+)")
_REPLACE = re.compile(_FILE + r'ersätt åtgärd "(?P<id>[\d.]+)"')
_CHANGE = re.compile(_FILE + r'ändra i åtgärd "(?P<id>[\d.]+)"')
_WHOLE = re.compile(_FILE + r"hela filen")
_INSTRUCTIONS = (_APPEND, _REPLACE, _CHANGE, _WHOLE)


def examples(guide: Path = GUIDE) -> list[tuple[str, str]]:
    """(instruction, the block's text as printed) for every ```yaml block of the guide's "Exempel" section."""
    text = guide.read_text(encoding="utf-8")
    section = text.split("\n## Exempel\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in _BLOCK.finditer(section):
        body = textwrap.dedent(block.group("body"))
        instruction = body.split("\n", 1)[0].strip()
        if not any(p.fullmatch(instruction) for p in _INSTRUCTIONS):
            raise ValueError(f"REDAKTORSGUIDE.md: an example does not start with an instruction the script knows: {instruction!r}")
        found.append((instruction, body))
    return found


def value(body: str):
    """The block's YAML value (its items, its fields, or the whole file)."""
    return yaml.safe_load(body)


# --- As printed: text into a file ---------------------------------------------------------------


def apply_printed(data_dir: Path, instruction: str, body: str) -> None:
    """Insert the block into its file under data_dir, where the instruction says, as an editor would."""
    match = next(m for p in _INSTRUCTIONS if (m := p.fullmatch(instruction)))
    file = data_dir / match.group("file")
    body = body.split("\n", 1)[1]  # the example as printed, below its instruction
    if _WHOLE.fullmatch(instruction):
        file.parent.mkdir(exist_ok=True)
        file.write_text(body, encoding="utf-8")
        return
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    block = body.splitlines(keepends=True)
    if match.re is _APPEND:
        block = _adapted(data_dir, match.group("key"), body)
        if block is not None:
            lines = _append_under(lines, match.group("key"), block)
    else:
        start, end = _action_lines(lines, match.group("id"))
        lines = lines[:start] + block + lines[end:] if match.re is _REPLACE else _changed(lines, start, end, block)
    file.write_text("".join(lines), encoding="utf-8")


def _adapted(data_dir: Path, key: str, body: str) -> list[str] | None:
    """The block to append, as the guide tells editors: None if the data has its item already;
    a recommendation whose number is taken renumbered to the next free one."""
    data = plan_data(data_dir / "plan.yaml")
    (item,) = value(body)
    if _new(data, key, item) is None:
        return None
    if key == "recommendations" and (number := len(data["recommendations"]) + 1) != item["number"]:
        body = re.sub(rf"(\bnumber: ){item['number']}\b", rf"\g<1>{number}", body)
        body = re.sub(rf'(\bid: "){item["number"]}\.', rf"\g<1>{number}.", body)
    return body.splitlines(keepends=True)


def _append_under(lines: list[str], key: str, block: list[str]) -> list[str]:
    """block after the last line of the top-level key's list (before comments that open the next key)."""
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
    if not starts:
        return lines + [f"{key}:\n"] + block
    end = next((i for i in range(starts[0] + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#", "")), len(lines))
    while end > starts[0] + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and the next section's comments stay before it
    head = lines[:end]
    if head and not head[-1].endswith("\n"):
        head[-1] += "\n"
    if head[starts[0]].rstrip().endswith("[]"):  # "key: []": the list starts here
        head[starts[0]] = f"{key}:\n"
    return head + block + lines[end:]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _action_lines(lines: list[str], action_id: str) -> tuple[int, int]:
    """The lines of the action with this id: from its `- id:` to the next line as far out or further."""
    starts = [i for i, line in enumerate(lines) if re.fullmatch(rf' *- id: "{re.escape(action_id)}"\n?', line)]
    if not starts:
        raise ValueError(f"REDAKTORSGUIDE.md: the example names action {action_id}, which the plan does not have")
    start, indent = starts[0], _indent(lines[starts[0]])
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and _indent(lines[i]) <= indent), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def _groups(lines: list[str], indent: int) -> list[tuple[str, list[str]]]:
    """(field name, its lines) for each field that starts at indent."""
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.strip() and _indent(line) == indent and not line.lstrip().startswith("#"):
            groups.append((line.strip().split(":", 1)[0].lstrip("- "), [line]))
        elif groups:
            groups[-1][1].append(line)
    return groups


def _changed(lines: list[str], start: int, end: int, block: list[str]) -> list[str]:
    """The action with the block's fields: each replaces the action's field of that name, or joins it last."""
    fields_at = _indent(lines[start]) + 2
    own = dict(_groups(lines[start + 1:end], fields_at))
    changes = _groups([line for line in block if not line.lstrip().startswith("#")], fields_at)
    out = [lines[start]]
    for name, group in own.items():
        out += next((new for key, new in changes if key == name), group)
    out += [line for key, new in changes if key not in own for line in new]
    return lines[:start] + out + lines[end:]


def guide_data(plan: Path, out_dir: Path) -> Path:
    """A copy of plan's data (plan.yaml and the editors' folders) in out_dir with every example applied as printed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(plan, out_dir / "plan.yaml")
    for folder in editor_dirs(plan):
        if folder.is_dir():
            shutil.copytree(folder, out_dir / folder.name, dirs_exist_ok=True)
    for instruction, body in examples():
        apply_printed(out_dir, instruction, body)
    return out_dir / "plan.yaml"


# --- On merged data (the plan variants) ------------------------------------------------------------


def _action(data: dict, action_id: str) -> tuple[list, int]:
    for rec in data["recommendations"]:
        for index, action in enumerate(rec["actions"]):
            if action["id"] == action_id:
                return rec["actions"], index
    raise ValueError(f"REDAKTORSGUIDE.md: the example names action {action_id}, which the plan does not have")


def _recommendation(data: dict, example: dict) -> dict | None:
    """The example's recommendation as the next one of this plan (None: the plan has it already)."""
    recs = data["recommendations"]
    if any(rec.get("slug") == example["slug"] for rec in recs):
        return None
    number = len(recs) + 1
    rec = copy.deepcopy(example)
    rec["number"] = number
    for action in rec.get("actions") or []:
        action["id"] = f"{number}.{action['id'].split('.', 1)[1]}"
    return rec


def _new(data: dict, section: str, item: dict) -> dict | None:
    """item as the editor adds it to section, or None if the data already has it (the guide: change the existing one)."""
    existing = data.get(section) or []
    if section == "recommendations":
        return _recommendation(data, item)
    if section == "glossary":
        taken = {slugify(t["term"]) for t in existing} | {t["term"].casefold() for t in existing}
        return None if item["term"].casefold() in taken or slugify(item["term"]) in taken else copy.deepcopy(item)
    if section == "roles":
        return None if any(r["id"] == item["id"] for r in existing) else copy.deepcopy(item)
    if section == "help":
        return None if any(h["name"] == item["name"] for h in existing) else copy.deepcopy(item)
    return copy.deepcopy(item)


def apply(data: dict, instruction: str, body: str) -> None:
    """Do to merged plan data what the example does to its file; what the data has already is not added twice."""
    new = value(body)
    match = next(m for p in _INSTRUCTIONS if (m := p.fullmatch(instruction)))
    report = re.fullmatch(r"uppfoljning/([\d.]+)\.yaml", match.group("file"))
    if report:
        actions, index = _action(data, report.group(1))
        action = actions[index]
        if match.re is _WHOLE:
            action.update({k: copy.deepcopy(v) for k, v in new.items() if k != "id"})
        else:  # a note last under log: notes it has stay
            action["log"] = list(action.get("log") or []) + [e for e in new if e not in (action.get("log") or [])]
    elif match.re is _APPEND:
        for item in new:
            if (added := _new(data, match.group("key"), item)) is not None:
                data.setdefault(match.group("key"), []).append(added)
    elif match.re is _REPLACE:
        (action,) = new
        actions, index = _action(data, match.group("id"))
        actions[index] = copy.deepcopy(action)
    else:
        actions, index = _action(data, match.group("id"))
        actions[index].update(copy.deepcopy(new))


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    plan, out = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (ROOT / "data" / "plan.yaml", Path(argv[0]))
    written = guide_data(plan, out.parent)
    if written != out:
        written.rename(out)
    print(f"{out}: {plan} med alla exempel ur REDAKTORSGUIDE.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
