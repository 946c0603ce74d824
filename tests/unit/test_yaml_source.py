import re
from pathlib import Path

from boras_plan.yaml_source import format_path, read_source


def read(tmp_path: Path, content: bytes | str):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return read_source(path)


def test_keeps_line_of_every_value_and_key(tmp_path):
    source, problems = read(tmp_path, "a: 1\nb:\n  - x\n  - c: 2\n")
    assert problems == []
    assert source.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert source.line_of(("b", 1, "c")) == 4
    assert source.line_of_key(("b",)) == 2
    assert source.line_of(("b", 1, "missing")) == 4  # nearest ancestor


def test_dates_stay_text(tmp_path):
    source, _ = read(tmp_path, "d: 2016-05-30\n")
    assert source.data == {"d": "2016-05-30"}


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    _, problems = read(tmp_path, "a:\n  b: 1\n  b: 2\n")
    assert len(problems) == 1
    assert problems[0].line == 3 and problems[0].field == "a.b"
    assert "rad 2" in problems[0].message


def test_alias_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: &x [1]\nb: *x\n")
    assert problems and "alias" in problems[0].message and problems[0].line == 2


def test_tab_indentation_is_named_by_line(tmp_path):
    _, problems = read(tmp_path, "a:\n\tb: 1\n")
    assert [(p.line, "tabbtecken" in p.message) for p in problems] == [(2, True)]


def test_bom_and_crlf_are_fine(tmp_path):
    source, problems = read(tmp_path, b"\xef\xbb\xbfa: 1\r\nb: x  \r\n")
    assert problems == [] and source.data == {"a": 1, "b": "x"}


def test_not_utf8_names_the_line(tmp_path):
    _, problems = read(tmp_path, b"a: 1\nb: \xe5\n")
    assert problems[0].line == 2 and "UTF-8" in problems[0].message


def test_syntax_error_in_swedish(tmp_path):
    _, problems = read(tmp_path, "a: [1, 2\n")
    assert problems[0].message.startswith("YAML-syntaxfel")


def test_format_path_counts_lists_from_one():
    assert format_path(("recommendations", 3, "actions", 0, "due")) == "recommendations[4].actions[1].due"


def test_lines_are_counted_as_a_text_editor_counts_them(tmp_path):
    """CR-only and mixed line ends count as editors count them; a value's line is the editor's line."""
    for text in ["a: 1\rb:\r  c: 2\r", "a: 1\r\nb:\n  c: 2\r", "a: 1\nb:\r\n  c: 2\n"]:
        source, problems = read(tmp_path, text)
        assert problems == [] and source.line_of(("b", "c")) == 3, repr(text)
    _, problems = read(tmp_path, "a: 1\r\rb: x: y\r")
    assert problems[0].line == 3 and "kolon" in problems[0].message  # two CR-only lines down


def test_line_breaks_that_editors_do_not_show_are_refused_at_their_line(tmp_path):
    for char in "\x85\u2028\u2029":
        _, problems = read(tmp_path, f"a: 1\r\n# kommentar{char}mer\r\nb: 2\n")
        assert [(p.line, f"U+{ord(char):04X}" in p.message) for p in problems] == [(2, True)]


def test_a_line_break_editors_do_not_see_in_a_value_names_its_field(tmp_path):
    for char in "\x85\u2028\u2029":
        _, problems = read(tmp_path, f"a:\n  b:\n  - x\n  - 'y{char}z'\nc: 2\n")
        assert [(p.line, p.field) for p in problems] == [(4, "a.b[2]")]


def test_a_value_after_many_crs_keeps_its_line(tmp_path):
    source, _ = read(tmp_path, "\r" * 40 + "a: x\n")
    assert source.line_of(("a",)) == 41


# Marks that break YAML, put at every position of a small valid file: every
# message must be Swedish (never libyaml's English words) and name a line.
_BREAKERS = [":", "[", "]", "{", "}", "'", '"', "- ", "!", "%", "&", "*", "|", ">", "@", "`", "\\", "? ", "...\n", "---\n", "\t", "#"]
_ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|could not|character|token|mapping|document|stream)\b")
_SMALL = 'a: text\nb:\n  - "citat"\n  - {c: 1, d: [x, y]}\ne: >-\n  rad\n'


def test_no_syntax_error_is_shown_in_english(tmp_path):
    seen = set()
    for position in range(len(_SMALL) + 1):
        for mark in _BREAKERS:
            source, problems = read(tmp_path, _SMALL[:position] + mark + _SMALL[position:])
            for problem in problems:
                assert not _ENGLISH.search(problem.message), problem.message
                assert "YAML säger" not in problem.message
                assert problem.line >= 1 or problem.message.startswith("filen"), problem
                seen.add(problem.message.split(".")[0])
    assert len(seen) > 10  # the sweep did reach many different errors


def test_tag_on_a_value_it_cannot_hold_is_explained(tmp_path):
    for text, tag in [("a: !!int tjugo\n", "!!int"), ("a: !!float snart\n", "!!float"), ("a: !!bool kanske\n", "!!bool")]:
        _, problems = read(tmp_path, text)
        assert [p.message.split(" passar")[0] for p in problems] == [f"YAML-taggen {tag}"], problems


def test_whole_numbers_not_written_in_digits_are_refused(tmp_path):
    for written in ["0x7E1", "03741", "02017", "2_017", "33:37", "+2017"]:
        _, problems = read(tmp_path, f"a: {written}\n")
        assert len(problems) == 1 and "talet är skrivet som" in problems[0].message, (written, problems)
    source, problems = read(tmp_path, "a: 2017\nb: -5\n")
    assert problems == [] and source.data == {"a": 2017, "b": -5}


def test_special_files_are_refused_without_being_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo.yaml")  # opening it to read would block forever
    assert "namngiven pipe" in read_source(tmp_path / "fifo.yaml")[1][0].message
    assert "enhetsfil" in read_source(Path("/dev/zero"))[1][0].message
    secret = tmp_path / "hemlig.yaml"
    secret.write_text("HEMLIGT: x\n", encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "plan.yaml").symlink_to(secret)
    _, problems = read_source(tmp_path / "repo" / "plan.yaml")  # outside the link's own folder
    assert "utanför projektets mapp" in problems[0].message and "HEMLIGT" not in problems[0].message
    _, problems = read_source(tmp_path / "repo" / "plan.yaml", root=tmp_path)  # inside the given root: read
    assert problems == []
