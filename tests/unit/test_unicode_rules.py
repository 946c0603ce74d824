"""boras_plan/unicode_rules.py and the checks built on it: each family of text that
is not what it looks like is a Unicode property, so the tests draw characters from
the property (every code point Unicode gives it), never from a list; and random
Swedish text stays valid.
"""

from __future__ import annotations

import copy
import functools
import tempfile
import unicodedata
from pathlib import Path

import pytest
import regex
import unicodedataplus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boras_plan import unicode_rules
from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.unicode_rules import INVISIBLE, lookalike_keys, mixed_script, mixed_script_word, mojibake, shows_nothing
from boras_plan.yaml_source import format_path
from tests import plan_edits
from tests.conftest import plan_data, write_plan

BASE = Path(__file__).resolve().parent.parent / "bad_input" / "base" / "plan.yaml"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(deadline=None)


EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def having(prop: str) -> list[str]:
    """Every code point with the property (Unicode's own tables, via regex)."""
    return regex.compile(prop, regex.VERSION1).findall(EVERY_CODE_POINT)


REFUSED = [c for c in having(INVISIBLE.pattern) if unicodedata.category(c) != "Cs"]  # a lone surrogate cannot be saved as UTF-8
BIDI = having(r"\p{Bidi_Control}")
NOTHING = having(r"[\p{White_Space}\p{Z}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]")
SWEDISH = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ"
PUNCTUATION = [",", ".", ";", ":", "!", "?", " –", " —", "”", "’", "…", "»", " (", ")", " 33 %", "\u00a0§", " 2016"]

words = st.text(alphabet=SWEDISH, min_size=1, max_size=12)
swedish_text = st.lists(st.tuples(words, st.sampled_from(["", *PUNCTUATION])), min_size=1, max_size=12).map(
    lambda parts: " ".join(word + mark for word, mark in parts)
)

# Text fields of the base plan that editors write in, of several kinds (Line, Text, body, lists).
FIELDS = [
    ("document", "title"),
    ("introduction", "paragraphs", 0, "text"),
    ("recommendations", 0, "title"),
    ("recommendations", 0, "body"),
    ("recommendations", 0, "actions", 1, "what"),
    ("recommendations", 0, "actions", 0, "log", 0, "text"),
    ("roles", 0, "name"),
    ("glossary", 0, "term"),
    ("glossary", 0, "definition"),
    ("help", 0, "text"),
]


def set_at(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def get_at(data, path):
    for part in path:
        data = data[part]
    return data


def problems_after(edit) -> list:
    """Load the base plan after edit(data); the problems found (empty if it is valid)."""
    data = plan_data(BASE)
    edit(data)
    with tempfile.TemporaryDirectory() as folder:
        path = write_plan(data, Path(folder) / "plan.yaml")
        try:
            load_plan(path)
        except PlanError as error:
            return error.problems
    return []


@functools.cache
def reported(field: tuple) -> str:
    """The field as the report names it: in an editors' file beside plan.yaml (plan_files), that file's own."""
    with tempfile.TemporaryDirectory() as folder:
        return plan_edits.reported_where(write_plan(plan_data(BASE), Path(folder) / "plan.yaml"), field)[1]


def fields(problems) -> set[str]:
    return {p.field for p in problems}


# --- Characters that show nothing or turn the text around -------------------------


def test_the_properties_hold_what_they_should():
    assert set(BIDI) <= set(having(INVISIBLE.pattern))  # the whole Bidi_Control property
    assert "\u061c" in BIDI and "\u3164" in REFUSED and "\ufe0f" not in REFUSED  # VS16 stays with its emoji
    assert not {"\t", "\n", "\u00a0", "–", "”", "’", "å"} & set(REFUSED)


@SETTINGS
@given(char=st.sampled_from(REFUSED), field=st.sampled_from(FIELDS), at=st.floats(0, 1))
def test_any_invisible_or_bidi_character_in_any_text_is_refused_at_its_field(char, field, at):
    def edit(data):
        text = get_at(data, field)
        cut = int(len(text) * at)
        set_at(data, field, text[:cut] + char + text[cut:])

    found = problems_after(edit)
    assert reported(field) in fields(found)
    assert any(f"U+{ord(char):04X}" in p.message for p in found)


@SETTINGS
@given(char=st.sampled_from(BIDI), field=st.sampled_from(FIELDS))
def test_every_bidi_control_is_refused(char, field):
    assert reported(field) in fields(problems_after(lambda data: set_at(data, field, "Text " + char + "text")))


@QUICK
@given(st.text(alphabet=NOTHING, min_size=1))
def test_text_made_of_invisible_characters_shows_nothing(text):
    assert shows_nothing(text)


@SETTINGS
@given(text=st.text(alphabet=NOTHING, min_size=1, max_size=5).filter(lambda t: not INVISIBLE.search(t)), field=st.sampled_from(FIELDS))
def test_a_field_that_shows_nothing_is_refused(text, field):
    found = problems_after(lambda data: set_at(data, field, text))
    assert reported(field) in fields(found)


@QUICK
@given(swedish_text)
def test_swedish_text_shows_something_and_holds_nothing_invisible(text):
    assert not shows_nothing(text) and not INVISIBLE.search(text)


@SETTINGS
@given(texts=st.lists(swedish_text, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_random_swedish_text_in_every_field_is_valid(texts):
    def edit(data):
        for field, text in zip(FIELDS, texts):
            set_at(data, field, text)

    assert problems_after(edit) == []


# --- Names that look the same; words that mix scripts ------------------------------

# Letters of other scripts that Unicode's confusables.txt says look like a Latin letter.
LOOKALIKE_LETTERS = {
    source: target
    for source, target in unicode_rules._prototypes().items()
    if len(target) == 1 and target.isascii() and target.isalpha() and source.isalpha()
    and unicode_rules._scripts(source) and "Latn" not in unicode_rules._scripts(source)
}


def looks_alike(a: str, b: str) -> bool:
    return bool(set(lookalike_keys(a)) & set(lookalike_keys(b)))


def swap_one(name: str, data) -> str | None:
    spots = [i for i, c in enumerate(name) if any(t == c for t in LOOKALIKE_LETTERS.values())]
    if not spots:
        return None
    i = data.draw(st.sampled_from(spots))
    other = data.draw(st.sampled_from(sorted(s for s, t in LOOKALIKE_LETTERS.items() if t == name[i])))
    return name[:i] + other + name[i + 1:]


@QUICK
@given(name=words, data=st.data())
def test_a_latin_word_with_a_confusable_letter_of_another_script_looks_the_same_and_mixes_scripts(name, data):
    swapped = swap_one(name, data)
    if swapped is None or len(name) < 2:
        return
    assert looks_alike(swapped, name)
    assert mixed_script(swapped) is not None
    assert mixed_script_word(f"Se {swapped} här") is not None


@QUICK
@given(words)
def test_a_fullwidth_or_decomposed_name_looks_the_same(name):
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() else c for c in name)
    assert looks_alike(wide, name) and looks_alike(unicodedata.normalize("NFD", name), name)


@QUICK
@given(swedish_text)
def test_swedish_text_mixes_no_scripts(text):
    assert mixed_script_word(text) is None


@pytest.mark.parametrize("word", ["Москва", "Ελλάδα", "漢字かな", "Latin漢字", "naïve", "Ｆｕｌｌ", "Borås"])
def test_single_script_words_and_latin_with_han_are_fine(word):
    assert mixed_script(word) is None


@SETTINGS
@given(name=words, data=st.data(), kind=st.sampled_from([("glossary", "term"), ("roles", "name"), ("recommendations", "title")]))
def test_two_names_that_look_the_same_are_refused(name, data, kind):
    swapped = swap_one(name + "a", data)  # "a" has look-alikes in other scripts
    list_key, field = kind

    def edit(d):
        first = dict(copy.deepcopy(d[list_key][0]), **{field: name + "a"})
        second = dict(copy.deepcopy(d[list_key][0]), **{field: swapped})
        if list_key == "roles":
            second["id"] = "annan-roll"
        if list_key == "recommendations":
            second.update(number=2, slug="andra", actions=[])
        d[list_key][:] = [first, second]

    assert reported((list_key, 1, field)) in fields(problems_after(edit))


def test_two_roles_with_the_same_name_are_refused():
    def edit(data):
        data["roles"].append(dict(copy.deepcopy(data["roles"][0]), id="annan-roll"))

    found = problems_after(edit)
    assert [p.field for p in found] == ["roles[2].name"] and "används redan av rollen" in found[0].message


# --- Mojibake ------------------------------------------------------------------------


@QUICK
@given(swedish_text.filter(lambda t: not t.isascii()), st.sampled_from(["sloppy-windows-1252", "latin-1"]))
def test_swedish_text_read_with_the_wrong_encoding_is_found_and_its_meaning_given(text, codec):
    garbled = text.encode("utf-8").decode(codec, errors="replace")
    if INVISIBLE.search(garbled):
        return  # Latin-1 makes C1 control characters: refused as invisible, before this rule
    found = mojibake(garbled)
    assert found is not None
    written, meant = found
    assert written in garbled and meant in text


@QUICK
@given(swedish_text)
def test_swedish_text_is_no_mojibake(text):
    assert mojibake(text) is None


# --- Footnote marks --------------------------------------------------------------------


@SETTINGS
@given(st.characters(categories=["Lu", "Ll", "Nd"]).filter(lambda c: not unicodedata.decomposition(c).startswith(("<super>", "<sub>"))))
def test_a_footnote_mark_with_a_letter_or_digit_is_refused(char):
    found = problems_after(lambda data: data["footnotes"][0].update(mark=char))
    assert "footnotes[1].mark" in fields(found)


@SETTINGS
@given(mark=st.sampled_from(["¹", "²", "†", "‡", "*", "ᵃ"]), field=st.sampled_from(FIELDS), word=words)
def test_a_footnote_mark_before_a_word_is_refused_and_after_a_word_is_fine(mark, field, word):
    def with_text(text):
        def edit(data):
            data["footnotes"][0]["mark"] = mark
            set_at(data, field, text)

        return edit

    assert problems_after(with_text(f"Se {word}{mark} här")) == []
    found = problems_after(with_text(f"Se {mark}{word} här"))
    assert any(p.field == "footnotes[1].mark" and format_path(field) in p.message for p in found)


def test_blank_glyphs_are_read_from_unicode_names_and_show_nothing():
    from boras_plan.unicode_rules import blank_glyphs, shows_nothing

    assert "\u2800" in blank_glyphs() and " " not in blank_glyphs() and "\u2422" not in blank_glyphs()  # BLANK SYMBOL has ink
    assert all(unicodedataplus.category(c) in ("So", "Lo") for c in blank_glyphs())
    assert shows_nothing("\u2800") and shows_nothing(" \u2800\u3164 ") and not shows_nothing("a\u2800")


def test_names_that_differ_only_in_letter_case_share_a_case_key():
    from boras_plan.unicode_rules import case_key

    assert case_key("Kommunstyrelsen") == case_key("KOMMUNSTYRELSEN") == case_key(" kommunstyrelsen ")
    assert case_key("STRASSE") == case_key("Straße")  # full case folding
    assert case_key("Polisen") != case_key("Politiken")


def test_two_roles_or_titles_that_differ_only_in_case_are_refused():
    def edit(data):
        data["roles"].append(copy.deepcopy(data["roles"][0]) | {"id": "ks-versaler", "name": data["roles"][0]["name"].upper()})
    (problem,) = [p for p in problems_after(edit) if "stora och små bokstäver" in p.message]
    assert problem.field == f"roles[{len(plan_data(BASE)['roles']) + 1}].name"


def test_an_escape_that_is_no_character_is_named_at_its_field(tmp_path):
    from boras_plan.yaml_source import read_source

    for escape in ("\\ud800", "\\uDFFF", "\\U0000d800", "\\U00110000"):
        path = tmp_path / "plan.yaml"
        path.write_text(f'document:\n  title: "Bas{escape}plan"\n', encoding="utf-8")
        source, (problem,) = read_source(path)
        assert source is None and problem.line == 2 and problem.field == "document.title" and escape in problem.message
