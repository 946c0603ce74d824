"""A page's front matter, read and written."""

from boras_plan import front_matter


def test_a_page_without_front_matter_is_all_body():
    assert front_matter.split("# Rubrik\n\nText.\n") == ({}, "# Rubrik\n\nText.\n")
    assert front_matter.join({}, "# Rubrik\n") == "# Rubrik\n"


def test_front_matter_written_is_read_back_the_same():
    meta = {"title": "Åtgärder & ansvar", "hide": ["toc"], "last_changed": {"iso": "2026-12-06", "text": "6 december 2026"}}
    text = front_matter.join(meta, "# Rubrik\n")
    assert text.startswith("---\ntitle: Åtgärder & ansvar\n") and text.endswith("---\n\n# Rubrik\n")
    assert front_matter.split(text) == (meta, "\n# Rubrik\n")  # the blank line after it belongs to the body


def test_an_unclosed_front_matter_is_body():
    assert front_matter.split("---\ntitle: x\n") == ({}, "---\ntitle: x\n")
