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
