"""Edits of a plan's parsed structure, addressed by field paths as the checker writes them.

A path is the checker's `fält`: `recommendations[2].actions[1].due` (lists counted from 1).
`[*]` stands for any item, `[-1]` for the last and `[+]` for a new one after it: `recommendations[*].actions[2].due` is the
first recommendation that has a second action. All paths of one change share their `*`s (the
i-th `*` of every path takes the same index), so a change can say "this action's status and
log". Tests use this instead of finding text in plan.yaml, so they hold for any valid plan.

A change is a list of operations on the plain data (tests.conftest.plan_data):
    {set: PATH, to: VALUE}        set a field or list item (the parent must exist)
    {copy: PATH, to: PATH}        set the second to the first's value
    {delete: PATH}                remove a field (nothing if it is not there)
    {rename: PATH, to: KEY}       rename a field, keeping its place and value
"""

from __future__ import annotations

import copy
import itertools
import os
import re
from pathlib import Path

from boras_plan.errors import Problem
from boras_plan.plan_files import read_plan_source
from boras_plan.translate import relocate
from boras_plan.yaml_source import Source, format_path

_PART = re.compile(r"(?P<key>[^.\[\]]+)|\[(?P<index>\*|\+|-?\d+)\]|(?P<dot>\.)")
WILD = "*"
NEW = "+"  # [+]: a new item after the last


def parse(path: str) -> tuple:
    """'recommendations[2].due' -> ('recommendations', 1, 'due'); [*] stays '*', [-1] is -1."""
    parts: list = []
    for match in _PART.finditer(path):
        if match["key"]:
            parts.append(match["key"])
        elif match["index"]:
            index = match["index"]
            parts.append(index if index in (WILD, NEW) else int(index) - 1 if int(index) > 0 else int(index))
    if "".join(m.group() for m in _PART.finditer(path)) != path:
        raise ValueError(f"not a field path: {path!r}")
    return tuple(parts)


def get(data, path: tuple):
    """The value at path (KeyError/IndexError/TypeError if there is none)."""
    for part in path:
        if isinstance(part, int) and not isinstance(data, list) or isinstance(part, str) and not isinstance(data, dict):
            raise TypeError(part)
        data = data[part]
    return data


def exists(data, path: tuple) -> bool:
    try:
        get(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _bind(path: tuple, indexes: tuple[int, ...]) -> tuple:
    it = iter(indexes)
    return tuple(next(it) if part == WILD else part for part in path)


def _concrete(data, path: tuple) -> tuple:
    """Negative indexes as the positive ones they name (the checker's lines and fields use those)."""
    out, value = [], data
    for part in path:
        if part == NEW:
            part = len(value) if isinstance(value, list) else 0
        elif isinstance(part, int) and part < 0:
            part = len(value) + part
        out.append(part)
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            value = None
    return tuple(out)


def _needs(op: dict) -> list[tuple]:
    """Paths that must exist for op: what it reads, and the parent of what it writes."""
    if "set" in op:
        return [parse(op["set"])[:-1]]
    if "copy" in op:
        return [parse(op["copy"]), parse(op["to"])[:-1]]
    if "delete" in op:
        return [parse(op["delete"])[:-1]]
    if "rename" in op:
        return [parse(op["rename"])]
    raise ValueError(f"unknown operation: {op!r}")


def bind(data, change: list[dict]) -> tuple[int, ...]:
    """The first indexes for the `*`s with which every operation of change applies, in order."""
    count = max([sum(p == WILD for p in parse(text)) for op in change for text in _texts(op)] + [0])
    first = _needs(change[0])
    for indexes in itertools.product(range(200), repeat=count):
        if not all(exists(data, _bind(n, indexes[: sum(p == WILD for p in n)])) for n in first):
            continue
        try:
            apply(copy.deepcopy(data), change, indexes)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue
        return indexes
    raise LookupError(f"the plan has no place for this change: {change!r}")


def _texts(op: dict) -> list[str]:
    return [op[k] for k in ("set", "copy", "delete", "rename") if k in op] + ([op["to"]] if "copy" in op else [])


def resolve(data, path: str, indexes: tuple[int, ...]) -> tuple:
    parts = parse(path)
    return _concrete(data, _bind(parts, indexes[: sum(p == WILD for p in parts)]))


def apply(data, change: list[dict], indexes: tuple[int, ...] | None = None) -> tuple[int, ...]:
    """Do change to data in place; returns the indexes its `*`s took."""
    indexes = bind(data, change) if indexes is None else indexes
    for op in change:
        if not all(exists(data, _bind(n, indexes[: sum(p == WILD for p in n)])) for n in _needs(op)):
            raise KeyError(op)
        if "set" in op:
            *parent, last = resolve(data, op["set"], indexes)
            _put(get(data, tuple(parent)), last, op["to"])
        elif "copy" in op:
            *parent, last = resolve(data, op["to"], indexes)
            _put(get(data, tuple(parent)), last, copy.deepcopy(get(data, resolve(data, op["copy"], indexes))))
        elif "delete" in op:
            *parent, last = resolve(data, op["delete"], indexes)
            container = get(data, tuple(parent))
            if isinstance(container, dict):
                container.pop(last, None)
            elif last < len(container):
                del container[last]
        elif "rename" in op:
            *parent, last = resolve(data, op["rename"], indexes)
            mapping = get(data, tuple(parent))
            renamed = {(op["to"] if key == last else key): value for key, value in mapping.items()}
            mapping.clear()
            mapping.update(renamed)
    return indexes


def _put(container, key, value) -> None:
    if isinstance(container, list) and key == len(container):
        container.append(value)
    else:
        container[key] = value


def reported_path(data, change: list[dict], indexes: tuple[int, ...], field: str | None = None) -> tuple:
    """The field the checker names for change: `field` if given, else its first operation's."""
    if field:
        return resolve(data, field, indexes)
    op = change[0]
    if "rename" in op:
        return resolve(data, op["rename"], indexes)[:-1] + (op["to"],)
    return resolve(data, op.get("set") or op.get("delete") or op["to"], indexes)


def reported_line(written: Path, path: tuple, kind: str = "set") -> int:
    """The line the checker names for path in the written file: where a missing field's group
    starts (kind "delete"), where an unknown field's name stands ("rename"), else where the value starts."""
    source: Source | None = read_plan_source(written)[0]
    assert source is not None, written
    if kind == "delete":
        return source.line_of(path[:-1])
    return source.line_of_key(path) if kind == "rename" else source.line_of(path)


def reported_where(written: Path, path: tuple) -> tuple[str, str]:
    """(file relative to written's folder, field) the checker names for path: a field of an editors' file beside written
    (plan_files: uppfoljning/<id>.yaml, webbplats/<section>.yaml) is named in that file, as the editor edits it."""
    source = read_plan_source(written)[0]
    assert source is not None, written
    (problem,) = relocate([Problem(0, format_path(path), "")], source)
    return (os.path.relpath(problem.file, Path(written).parent) if problem.file else Path(written).name), problem.field


def kind(change: list[dict], field: str | None = None) -> str:
    """What the checker's line points at for change: see reported_line."""
    return "set" if field else next(k for k in ("set", "copy", "delete", "rename") if k in change[0])


def set_at(data, path: tuple, value) -> None:
    *parent, last = path
    _put(get(data, tuple(parent)), last, value)
