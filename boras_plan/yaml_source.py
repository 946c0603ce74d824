"""Read plan.yaml safely, keeping the line of every value.

PyYAML alone is too forgiving for a file that non-programmers edit: it keeps
the last of two duplicate keys, turns 2016-05-30 into a date and expands
aliases without limit. This reader parses with libyaml when available, then
walks the node tree itself so that it can reject those cases and remember
where each value stands.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import MAX_PROBLEMS, Problem, describe_value
from .unicode_rules import INVISIBLE

MAX_BYTES = 8 * 1024 * 1024  # 100x the real plan is about 2.5 MB
MAX_DEPTH = 40
# YAML events (values, starts and ends of lists and groups). The real plan has
# about 1 100; a file just under MAX_BYTES made of tiny values has millions,
# and building a tree of them takes a minute and a gigabyte.
MAX_EVENTS = 500_000

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


class _TooManyProblems(Exception):
    """Stops reading once MAX_PROBLEMS are found: the file will not be used anyway."""


@dataclass
class Source:
    """Parsed data plus the line where each value (and each key) starts."""

    data: object
    value_lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading
    lines: "_Lines | None" = None  # libyaml's line numbers -> the editor's
    # A merged view of several files (plan_files): merged field -> (file, field in that file).
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)

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

    def add(self, problem: Problem) -> None:
        """Note a problem found while reading; stop reading after MAX_PROBLEMS."""
        self.problems.append(problem)
        if len(self.problems) > MAX_PROBLEMS:
            raise _TooManyProblems


# Line ends as text editors count them, and as libyaml does: libyaml (YAML 1.1)
# also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Lines:
    """Line numbers as the editor shows them, for marks and offsets in one text."""

    def __init__(self, text: str):
        self.text = text
        self._editor_line = [1]  # per libyaml line (0-based): the editor's line (1-based)
        for match in _YAML_BREAK.finditer(text):
            self._editor_line.append(self._editor_line[-1] + (match.group() in ("\r\n", "\r", "\n")))

    def of_mark(self, mark) -> int:
        return self._editor_line[min(mark.line, len(self._editor_line) - 1)]

    def at(self, offset: int) -> int:
        return len(_EDITOR_BREAK.findall(self.text, 0, offset)) + 1


def format_path(path: Path_) -> str:
    """('recommendations', 3, 'due') -> 'recommendations[4].due' (lists counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_source(path: Path, root: Path | None = None) -> tuple[Source | None, list[Problem]]:
    """Parse the file. Returns (source, []) or (None, problems).

    The file must be a regular file whose real location (links followed) is
    inside root: by default the working folder when the path is inside it
    (the repository), else the file's own folder. Nothing else is opened.
    """
    raw, problem = _read_regular_file(Path(path), root)
    if problem:
        return None, [problem]
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows editors is fine
    except UnicodeDecodeError as exc:
        line = len(re.findall(rb"\r\n|\r|\n", raw[: exc.start])) + 1
        return None, [Problem(line, "", "filen är inte sparad som UTF-8. Spara den med teckenkodningen UTF-8.")]
    lines = _Lines(text)
    if "\x00" in text:
        return None, [Problem(lines.at(text.index("\x00")), "", "filen innehåller ett NUL-tecken; den är inte en textfil.")]
    if control := _UNREADABLE.search(text):
        return None, [Problem(lines.at(control.start()), "", (
            f"filen innehåller ett styrtecken (U+{ord(control.group()):04X}) som inte får stå i en textfil. "
            "Ta bort det: sådana tecken följer ofta med när text kopieras från en PDF eller ett annat program."
        ))]
    if not text.strip():
        return None, [Problem(0, "", "filen är tom. Den ska innehålla hela planen.")]

    if odd_break := re.search(_ODD_BREAKS, text):
        return None, [Problem(lines.at(odd_break.start()), _field_holding(text, odd_break.start()), (
            f"raden innehåller ett osynligt radbrytningstecken (U+{ord(odd_break.group()):04X}). Din redigerare visar det "
            "inte som en ny rad, men YAML gör det. Ta bort tecknet: det följer ofta med när text kopieras från en PDF."
        ))]
    tab_problems = _tab_indentation(lines)
    if tab_problems:
        return None, tab_problems
    try:
        structure_problems = _structure_problems(lines)
        if structure_problems:
            return None, structure_problems
        node = yaml.compose(text, Loader=_PlanLoader)
    except yaml.MarkedYAMLError as exc:
        if "escape code" in str(exc.problem) and (escape := _NOT_A_CHARACTER.search(text)):
            return None, [_escape_problem(text, escape, lines)]
        return None, [_syntax_problem(exc, lines)]
    except yaml.YAMLError:  # pragma: no cover - unreadable characters are refused above
        return None, [Problem(0, "", _SYNTAX_FALLBACK)]
    if node is None:
        return None, [Problem(0, "", "filen innehåller bara kommentarer. Den ska innehålla hela planen.")]

    source = Source(data=None, lines=lines)
    try:
        source.data = _convert(node, (), source, _PlanLoader(""))
    except _TooManyProblems:
        pass
    return (None, source.problems) if source.problems else (source, [])


_SPECIAL_FILES = [
    (stat.S_ISDIR, "det här är en mapp, inte en fil. Ange sökvägen till plan.yaml."),
    (stat.S_ISFIFO, "det här är en namngiven pipe (FIFO), inte en vanlig fil. Ange sökvägen till plan.yaml."),
    (stat.S_ISCHR, "det här är en enhetsfil, inte en vanlig fil. Ange sökvägen till plan.yaml."),
    (stat.S_ISBLK, "det här är en enhetsfil, inte en vanlig fil. Ange sökvägen till plan.yaml."),
    (stat.S_ISSOCK, "det här är en socket, inte en vanlig fil. Ange sökvägen till plan.yaml."),
]


_ODD_BREAKS = "[\x85\u2028\u2029]"  # line breaks to YAML, not to the editor's eye


# A \u or \U escape that names no character: a UTF-16 surrogate (half of a pair), or past U+10FFFF.
_NOT_A_CHARACTER = re.compile(r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2}|U(?!000[0-9a-fA-F]|0010)[0-9a-fA-F]{8})")


def _escape_problem(text: str, escape: re.Match, lines: "_Lines") -> Problem:
    """The escape named, at its line and field (read from a copy with a space's escape of the same length in its place)."""
    code = escape.group(1)
    harmless = ("u0020" if code[0] == "u" else "U00000020")
    copy = text[: escape.start(1)] + harmless + text[escape.end(1):]
    return Problem(lines.at(escape.start()), _field_holding(copy, escape.start()), (
        f"\\{code} i en text inom dubbla citattecken är inget tecken (en halv UTF-16-kod eller ett tal bortom Unicode). "
        "Ta bort det, eller skriv tecknet självt i stället för koden."
    ))


def _field_holding(text: str, offset: int) -> str:
    """The field whose value holds text[offset], as the report names it ("" if the file cannot say).

    Read from a copy with YAML's odd line breaks made spaces (same length: offsets stay), and
    only once the copy has passed the structure checks that guard the parser.
    """
    copy = re.sub(_ODD_BREAKS, " ", text)
    try:
        if _tab_indentation(_Lines(copy)) or _structure_problems(_Lines(copy)):
            return ""
        node = yaml.compose(copy, Loader=_PlanLoader)
    except yaml.YAMLError:
        return ""
    path: Path_ = ()
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        children = [(k.value, v) for k, v in node.value] if isinstance(node, yaml.MappingNode) else list(enumerate(node.value))
        inside = [(key, child) for key, child in children if child.start_mark.index <= offset < child.end_mark.index]
        if not inside:
            break
        key, node = inside[0]
        path += (key,)
    return format_path(path)


def _read_regular_file(path: Path, root: Path | None) -> tuple[bytes, Problem | None]:
    """The file's bytes, after checking where it really is and what it is (before opening it)."""
    absolute = Path(os.path.abspath(path))
    if root is None:
        cwd = Path.cwd()
        root = cwd if absolute.is_relative_to(cwd) else absolute.parent
    try:
        real = absolute.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            return b"", Problem(0, "", (
                "filen är en länk till en fil utanför projektets mapp. plan.yaml måste vara en vanlig fil i "
                "projektet: ersätt länken med filen själv."
            ))
        info = os.stat(real)
        for is_kind, message in _SPECIAL_FILES:
            if is_kind(info.st_mode):
                return b"", Problem(0, "", message)
        if not stat.S_ISREG(info.st_mode):  # pragma: no cover - no other kinds on Linux
            return b"", Problem(0, "", "det här är ingen vanlig fil. Ange sökvägen till plan.yaml.")
        if info.st_size > MAX_BYTES:  # refuse before reading it into memory
            return b"", _too_big(info.st_size)
        # Non-blocking, and checked again once open: it may have been swapped for a pipe meanwhile.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return b"", Problem(0, "", "filen ändrades medan den lästes. Spara den och försök igen.")
            raw = handle.read(min(info.st_size, MAX_BYTES) + 1)  # no 8 MB buffer for a 30 kB file
        if len(raw) > info.st_size:  # it grew while we looked: what we have is not the whole file
            return b"", Problem(0, "", "filen ändrades medan den lästes. Spara den och försök igen.")
        return raw, None
    except FileNotFoundError:
        return b"", Problem(0, "", "filen finns inte. Kontrollera namnet och mappen.")
    except PermissionError:
        return b"", Problem(0, "", "du saknar behörighet att läsa filen.")
    except (RuntimeError, OSError) as exc:
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:  # RuntimeError: Python before 3.13
            return b"", Problem(0, "", "filen är en länk som leder runt i en slinga. Ange sökvägen till plan.yaml.")
        return b"", Problem(0, "", f"filen kan inte läsas (systemet säger: {exc.strerror}).")


def _too_big(size: int) -> Problem:
    return Problem(
        0, "", f"filen är {size // 1024} kB; högst {MAX_BYTES // 1024} kB är tillåtet. "
        "Planen är normalt omkring 30 kB: kontrollera att det är rätt fil som har sparats."
    )


def _structure_problems(lines: _Lines) -> list[Problem]:
    """Refuse anchors, aliases and deep nesting before any tree is built.

    Runs over libyaml's event stream, which is flat: a file nested 100 000
    levels deep would crash the recursive composer, and an alias bomb
    ("billion laughs") is stopped here before anything can be expanded.
    Raises yaml.MarkedYAMLError on a syntax error, like compose().
    """
    problems: list[Problem] = []
    anchors: dict[str, int] = {}
    reported: set[str] = set()
    depth = 0
    for count, event in enumerate(yaml.parse(lines.text, Loader=_PlanLoader)):
        if len(problems) > MAX_PROBLEMS:
            return problems
        line = lines.of_mark(event.start_mark)
        if count > MAX_EVENTS:
            limit = f"{MAX_EVENTS:,}".replace(",", " ")  # Swedish: 500 000
            return [Problem(line, "", (
                f"filen har fler än {limit} värden (planen har omkring 1 100) och läses inte längre än hit. "
                "Kontrollera att det är rätt fil som har sparats."
            ))]
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in anchors and event.anchor not in reported:
                reported.add(event.anchor)
                problems.append(Problem(line, "", (
                    f"*{event.anchor} är ett YAML-alias: en kopia av värdet med ankaret &{event.anchor} på rad "
                    f"{anchors[event.anchor]}. Ankare och alias (& och *) är inte tillåtna i plan.yaml. "
                    f"Skriv ut värdet här och ta bort &{event.anchor}."
                )))
            continue  # an undefined alias is a syntax error that compose() names
        if getattr(event, "anchor", None):
            anchors.setdefault(event.anchor, line)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return [Problem(line, "", (
                    f"värdena är inkapslade i fler än {MAX_DEPTH} nivåer. Så djupt går planen aldrig: "
                    "kontrollera indragen och hakparenteserna [ ] och klamrarna { } här."
                ))]
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    unused = [name for name in anchors if name not in reported]
    problems += [
        Problem(anchors[name], "", f"&{name} är ett YAML-ankare. Ankare och alias (& och *) är inte tillåtna i plan.yaml. Ta bort &{name}.")
        for name in unused
    ]
    return problems[: MAX_PROBLEMS + 1]


def _tab_indentation(lines: _Lines) -> list[Problem]:
    problems = []
    for match in re.finditer(r"(?:\A|(?<=[\r\n]))[ ]*\t[ \t]*\S", lines.text):
        number = lines.at(match.start())
        problems.append(Problem(number, "", "raden är indragen med tabbtecken. Använd mellanslag för indrag."))
        if len(problems) > MAX_PROBLEMS:
            break
    return problems


# libyaml's wording -> what an editor should look for. First match wins, so
# the specific cases (an unclosed quote or bracket) come before the general.
_SYNTAX_HINTS = [
    ("while scanning a quoted scalar", "ett citattecken som öppnas på den här raden stängs aldrig. Lägg till det avslutande citattecknet."),
    ("found unknown escape character", "ett bakåtsnedstreck (\\) i en text inom dubbla citattecken. Använd enkla citattecken ' ' runt texten."),
    ("while parsing a flow sequence", "en hakparentes [ som öppnas på den här raden stängs aldrig med ]. Kontrollera också kommatecknen mellan värdena."),
    ("while parsing a flow mapping", "en klammer { som öppnas på den här raden stängs aldrig med }. Kontrollera också kommatecknen mellan fälten."),
    ("while scanning a simple key", "raden saknar kolon (:) efter fältnamnet, eller en listpost saknar mellanslag efter -."),
    ("mapping values are not allowed", "ett kolon (:) står där det inte får stå. Om en text innehåller ': ', sätt den inom citattecken. Annars är raden indragen för långt."),
    ("could not find expected ':'", "ett fältnamn saknar kolon (:), eller en text fortsätter på en ny rad utan indrag."),
    ("did not find expected key", "raden står inte i linje med fälten runt omkring (kontrollera indraget), eller det står text efter ett avslutande citattecken."),
    ("did not find expected '-' indicator", "indraget stämmer inte: en listpost (-) står inte i linje med de andra, eller ett fält står där en listpost väntades."),
    ("found character '\\t'", "ett tabbtecken används. Använd mellanslag."),
    ("found unexpected end of stream", "filen tar slut mitt i en text: ett citattecken eller en hakparentes stängs aldrig."),
    ("found undefined alias", "en * inleder ett värde (YAML-alias). Sätt texten inom citattecken."),
    ("while scanning an alias", "en * inleder ett värde (YAML-alias). Sätt texten inom citattecken."),
    ("while scanning a block scalar", "efter >- eller |- ska texten börja på nästa rad, indragen under fältet."),
    ("while scanning an anchor", "ett & inleder ett värde (YAML-ankare). Sätt texten inom citattecken."),
    ("expected a single document", "filen innehåller flera dokument (en rad med ---). Ta bort raden med --- och allt som inte hör till planen."),
    ("did not find expected node content", "ett värde saknas eller börjar med ett tecken som inte får stå först (t.ex. ] eller }). Sätt texten inom citattecken."),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför."),
    ("found character that cannot start any token", "ett värde börjar med ett tecken som inte får stå först (t.ex. @, ` eller %). Sätt texten inom citattecken."),
    ("did not find expected <document start>", "efter planens slut (en rad med ... eller ---) står mer text. Ta bort raden och det som följer, om det inte hör till planen."),
    ("tag", "ett ! inleder ett värde (en YAML-tagg). Sätt texten inom citattecken."),
    ("directive", "en rad som börjar med % (ett YAML-direktiv) är inte tillåten. Ta bort raden, eller sätt texten inom citattecken."),
    ("found incompatible YAML document", "en rad som börjar med % (ett YAML-direktiv) är inte tillåten. Ta bort raden, eller sätt texten inom citattecken."),
    ("hexdecimal number", "efter \\x, \\u eller \\U i en text inom dubbla citattecken ska stå en teckenkod (0–9, a–f). Använd enkla citattecken ' ' runt texten."),
    ("not allowed in this context", "indraget stämmer inte med raderna ovanför: en listpost (-) eller ett fält står där det inte får stå."),
    ("found a tab character", "ett tabbtecken används. Använd mellanslag."),
]
# Every other syntax error: still Swedish, still the line.
_SYNTAX_FALLBACK = (
    "filen kan inte läsas här. Jämför raden med raderna runt omkring: oftast är det indraget, "
    "ett kolon (:) eller ett citattecken som fattas eller står fel."
)
# Characters libyaml refuses in any YAML file (control characters but tab and line breaks, and U+FFFE/U+FFFF).
_UNREADABLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


# Errors found only where the file ends or the next line starts: the line
# worth reporting is where the unclosed thing was opened (the context mark).
_REPORT_AT_CONTEXT = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key")


def _syntax_problem(exc: yaml.MarkedYAMLError, lines: _Lines) -> Problem:
    """libyaml's English, in Swedish: what to look for on which line (never libyaml's own words)."""
    detail = " ".join(filter(None, [exc.context, exc.problem]))
    at_context = exc.context_mark and any(exc.context.startswith(c) for c in _REPORT_AT_CONTEXT)
    mark = (exc.context_mark if at_context else None) or exc.problem_mark or exc.context_mark
    line = lines.of_mark(mark) if mark else 0
    hint = next((hint for needle, hint in _SYNTAX_HINTS if needle in detail), _SYNTAX_FALLBACK)
    if at_context and exc.problem_mark and lines.of_mark(exc.problem_mark) != line:
        hint += f" (Felet märks först på rad {lines.of_mark(exc.problem_mark)}.)"
    return Problem(line, "", f"YAML-syntaxfel: {hint}")


_COLLECTION_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}

def _convert(node: yaml.Node, path: Path_, source: Source, loader) -> object:
    """Node tree -> plain data; every problem found is added to source.problems.

    No aliases reach here and nesting is bounded (see _structure_problems),
    so every node is visited once.
    """
    line = source.lines.of_mark(node.start_mark)
    source.value_lines[path] = line
    where = format_path(path)

    def refuse(message: str, at: int = line) -> None:
        source.add(Problem(at, where, message))

    expected_tag = _COLLECTION_TAGS.get(type(node))
    if (expected_tag and node.tag != expected_tag) or (not expected_tag and node.tag not in _PLAIN_TAGS):
        refuse(f"YAML-taggen {_shown_tag(node.tag)} är inte tillåten. Ta bort den.")
        return None

    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key_line = source.lines.of_mark(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                refuse("sammanslagning med << är inte tillåten i plan.yaml. Skriv ut fälten här i stället.", key_line)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                refuse("ett fältnamn måste vara en enkel text, t.ex. title:", key_line)
                continue
            key = key_node.value
            child = path + (key,)
            if isinstance(key, str) and (message := _invisible(key)):
                source.add(Problem(key_line, where, message))
                continue
            if key in result:
                first = source.key_lines[child]
                source.add(Problem(key_line, format_path(child), f"fältet finns två gånger (första gången på rad {first}). Ta bort det ena."))
                continue
            source.key_lines[child] = key_line
            result[key] = _convert(value_node, child, source, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source, loader) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node)
    except Exception:  # noqa: BLE001 - constructors fail in many ways: !!int on a word, !!bool on "kanske"
        if node.tag != loader.resolve(yaml.ScalarNode, node.value, (node.style is None, node.style is not None)):
            refuse(f"YAML-taggen {_shown_tag(node.tag)} passar inte värdet {describe_value(node.value)}. Ta bort taggen.")
        else:
            refuse("värdet kan inte läsas; sätt det inom citattecken.")
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not re.fullmatch(r"-?(0|[1-9][0-9]*)", node.value):
        # 0x7E1, 03741 (octal), 2_017, +2017 and 33:37 (base 60) are whole numbers to YAML; none reads as a year.
        refuse(f"talet är skrivet som {describe_value(node.value)}; skriv det med bara siffrorna 0–9, t.ex. 2017.")
        return None
    if isinstance(value, str) and (message := _invisible(value)):
        refuse(message)
    return value


def _invisible(text: str) -> str | None:
    """A character that shows nothing or turns the text around (unicode_rules.INVISIBLE), in Swedish."""
    invisible = INVISIBLE.search(text)
    if not invisible:
        return None
    before = " ".join(text[: invisible.start()].split()[-3:])
    where_in_text = f' efter "{before}"' if before else " i början"
    return (
        f"texten innehåller ett osynligt tecken (U+{ord(invisible.group()):04X}){where_in_text}. Ta bort det: "
        "sådana tecken följer ofta med när text kopieras från en PDF, eller kommer från \\ inom dubbla citattecken."
    )


def _shown_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object' -> '!!python/object', as it was written."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag
