"""Read plan.yaml safely, keeping the line of every value.

PyYAML alone is too forgiving for a file that non-programmers edit: it keeps
the last of two duplicate keys, turns 2016-05-30 into a date and expands
aliases without limit. This reader parses with libyaml when available, then
walks the node tree itself so that it can reject those cases and remember
where each value stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

MAX_BYTES = 8 * 1024 * 1024  # 100x the real plan is about 2.5 MB
MAX_DEPTH = 40

try:  # libyaml is an order of magnitude faster on big files
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _PlanLoader(_BaseLoader):
    """Safe loader without implicit dates: dates stay text, checked by the schema."""


_PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

Path_ = tuple  # a location in the data: keys and 0-based list indexes


@dataclass
class Source:
    """Parsed data plus the line where each value (and each key) starts."""

    data: object
    value_lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """Line of the value at path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.value_lines:
                return self.value_lines[path]
            path = path[:-1]
        return self.value_lines.get((), 1)

    def line_of_key(self, path: Path_) -> int:
        return self.key_lines.get(tuple(path)) or self.line_of(path)


class _Reject(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def format_path(path: Path_) -> str:
    """('recommendations', 3, 'due') -> 'recommendations[4].due' (lists counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_source(path: Path) -> tuple[Source | None, list[Problem]]:
    """Parse the file. Returns (source, []) or (None, problems)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(0, "", "filen finns inte.")]
    except OSError as exc:
        return None, [Problem(0, "", f"filen kan inte läsas ({exc.strerror}).")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(0, "", f"filen är {len(raw) // 1024} kB; högst {MAX_BYTES // 1024} kB är tillåtet.")]
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows editors is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(line, "", "filen är inte sparad som UTF-8. Spara den med teckenkodningen UTF-8.")]
    if "\x00" in text:
        return None, [Problem(text[: text.index("\x00")].count("\n") + 1, "", "filen innehåller ett NUL-tecken; den är inte en textfil.")]
    if not text.strip():
        return None, [Problem(0, "", "filen är tom. Den ska innehålla hela planen.")]

    tab_problems = _tab_indentation(text)
    if tab_problems:
        return None, tab_problems
    try:
        node = yaml.compose(text, Loader=_PlanLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return None, [Problem(line, "", _syntax_message(exc))]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(0, "", f"filen är inte giltig YAML ({exc}).")]
    if node is None:
        return None, [Problem(0, "", "filen innehåller bara kommentarer. Den ska innehålla hela planen.")]

    source = Source(data=None)
    try:
        source.data = _convert(node, (), source, set(), _PlanLoader(""))
    except _Reject as rejected:
        return None, [rejected.problem]
    return (None, source.duplicates) if source.duplicates else (source, [])


def _tab_indentation(text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent and line.strip():
            problems.append(Problem(number, "", "raden är indragen med tabbtecken. Använd mellanslag för indrag."))
    return problems


_SYNTAX_HINTS = [
    ("mapping values are not allowed", "ett kolon (:) står där det inte får stå. Sätt texten inom citattecken om den innehåller ': '."),
    ("could not find expected ':'", "ett fältnamn saknar kolon (:), eller en text fortsätter på en ny rad utan indrag."),
    ("did not find expected key", "indraget stämmer inte: fältet står inte i linje med fälten runt omkring."),
    ("did not find expected '-' indicator", "indraget stämmer inte: en listpost (-) står inte i linje med de andra."),
    ("found character '\\t'", "ett tabbtecken används. Använd mellanslag."),
    ("found unexpected end of stream", "filen tar slut mitt i en text: ett citattecken eller en hakparentes stängs aldrig."),
    ("found undefined alias", "en * används (YAML-alias). Skriv ut texten i stället, eller sätt den inom citattecken."),
    ("expected a single document", "filen innehåller flera dokument (---). Ta bort raden med ---."),
    ("found unknown escape character", "ett bakåtsnedstreck (\\) i en text inom dubbla citattecken. Använd enkla citattecken."),
    ("while scanning a quoted scalar", "ett citattecken stängs aldrig."),
    ("while parsing a flow", "en hakparentes [ ] eller klammer { } stängs aldrig."),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför."),
    ("found character that cannot start any token", "ett tecken som inte får inleda ett värde (t.ex. @ eller `). Sätt texten inom citattecken."),
]


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    detail = " ".join(filter(None, [exc.context, exc.problem]))
    for needle, hint in _SYNTAX_HINTS:
        if needle in detail:
            return f"YAML-syntaxfel: {hint}"
    return f"YAML-syntaxfel: filen kan inte läsas här (YAML säger: {detail})."


def _convert(node: yaml.Node, path: Path_, source: Source, seen: set[int], loader) -> object:
    line = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        raise _Reject(Problem(line, format_path(path), f"för djup nästling (högst {MAX_DEPTH} nivåer)."))
    if id(node) in seen:
        # libyaml composes an alias as the same node object: refuse it, so a
        # "billion laughs" file can never expand.
        raise _Reject(Problem(source.key_lines.get(path, line), format_path(path), "YAML-ankare och alias (& och *) är inte tillåtna i plan.yaml. Skriv ut värdet."))
    if not isinstance(node, yaml.ScalarNode):
        seen.add(id(node))
    source.value_lines[path] = line

    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(Problem(key_line, format_path(path), "sammanslagning med << är inte tillåten i plan.yaml."))
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Reject(Problem(key_line, format_path(path), "ett fältnamn måste vara en enkel text."))
            key = key_node.value
            child = path + (key,)
            if key in result:
                first = source.key_lines[child]
                source.duplicates.append(
                    Problem(key_line, format_path(child), f"fältet finns två gånger (första gången på rad {first}). Ta bort det ena.")
                )
                continue
            source.key_lines[child] = key_line
            result[key] = _convert(value_node, child, source, seen, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source, seen, loader) for i, item in enumerate(node.value)]
    if node.tag not in _PLAIN_TAGS:
        raise _Reject(Problem(line, format_path(path), f"YAML-taggen {node.tag} är inte tillåten. Ta bort den."))
    try:
        return loader.construct_object(node)
    except yaml.constructor.ConstructorError:
        raise _Reject(Problem(line, format_path(path), "värdet kan inte läsas; sätt det inom citattecken.")) from None
