"""boras_plan/slim_site.py: what it removes and trims keeps the site the same."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from boras_plan.slim_site import lunr_files_needed, minify_css, slim_pages, strip_indentation, unused_files


def strip(html: str) -> str:
    """strip_indentation on a page's UTF-8 bytes, as the hook runs it, shown as text."""
    return strip_indentation(html.encode()).decode()


def test_indentation_and_empty_lines_become_one_space():
    html = "  <ul>\n    <li>\n      <a href=\"x\">Ett</a>\n\n   \n    </li>\n</ul>\n"
    assert strip(html) == '<ul> <li> <a href="x">Ett</a> </li>\n</ul>\n'


def test_words_stay_apart():
    """A space, not a lone line break: axe reads "Nästa\\nOm planen" as one word (label-content-name-mismatch)."""
    assert strip("<p>Ett\n    två\n  <em>tre</em></p>\n") == "<p>Ett två <em>tre</em></p>\n"


def test_whitespace_that_shows_is_kept():
    html = (
        "  <pre><code>def f():\n    return 1\n\n    </code></pre>\n"
        "  <p><code>a\n   b</code> <kbd>Ctrl\n  P</kbd></p>\n"
        "  <TEXTAREA>\n  rad\n</TEXTAREA>\n"
    )
    assert strip(html) == (
        "<pre><code>def f():\n    return 1\n\n    </code></pre> "
        "<p><code>a\n   b</code> <kbd>Ctrl\n  P</kbd></p> "
        "<TEXTAREA>\n  rad\n</TEXTAREA>\n"
    )


def test_scripts_and_styles_are_left_as_written():
    """Raw text ends only at its own closing tag: a '<pre>' inside a script opens nothing."""
    html = '  <script>\n  var s = "<pre>";\n  </script>\n  <p>\n  x</p>\n  <style>\n  a { b: c }\n  </style>\n'
    assert strip(html) == '<script>\n  var s = "<pre>";\n  </script> <p> x</p> <style>\n  a { b: c }\n  </style>\n'


def test_css_loses_comments_not_strings():
    css = '/* Colours */\n:root {\n  --a: #fff; /* white */\n}\n\n.x::after { content: " (/* not a comment */" attr(href) ")"; }\n'
    assert minify_css(css) == ':root {\n--a: #fff;\n}\n.x::after { content: " (/* not a comment */" attr(href) ")"; }\n'


def test_unlinked_material_stylesheets_go(tmp_path):
    styles = tmp_path / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    for name in ("main.1.min.css", "palette.2.min.css"):
        (styles / name).write_text("a{}", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<link rel="stylesheet" href="assets/stylesheets/main.1.min.css">', encoding="utf-8")
    linked, _ = slim_pages(tmp_path)  # the stylesheets the pages link, as the hook finds them
    assert unused_files(tmp_path, linked) == [styles / "palette.2.min.css"]
    assert unused_files(tmp_path, {"main.1.min.css", "palette.2.min.css"}) == []
    page.unlink()  # no pages at all: nothing to judge by, nothing goes
    assert unused_files(tmp_path, slim_pages(tmp_path)[0]) == []


def test_lunr_files_for_swedish():
    assert lunr_files_needed(["sv"]) == {"min/lunr.sv.min.js", "min/lunr.stemmer.support.min.js"}
    assert lunr_files_needed(["en"]) == set()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def test_built_pages_are_trimmed_and_load_only_what_exists(site_dir: Path, html_pages):
    for url, html in html_pages.items():
        assert "<pre" not in html and "<textarea" not in html, url  # else the check below needs them left out
        outside_scripts = re.sub(r"<(script|style)\b.*?</\1>", "<\\1>", html, flags=re.S)
        assert not re.search(r"\n[ \t]|\n\n", outside_scripts), url
        parser = _Links()
        parser.feed(html)
        page_dir = site_dir / url
        for ref in parser.urls:
            if not ref.startswith(("http:", "https:", "data:")):
                target = (page_dir / ref.split("#")[0].split("?")[0]).resolve()
                assert target.exists(), (url, ref)
    assert not list((site_dir / "assets" / "stylesheets").glob("palette.*.css"))



def test_letters_beyond_ascii_pass_through_the_bytes_unchanged():
    html = '  <p>Borås\n    <code>a\n  b</code>\n  </p>\n'
    assert strip(html) == "<p>Borås <code>a\n  b</code> </p>\n"
