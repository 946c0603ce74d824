import markdown
import pytest

from boras_plan.text import inline, link_names, paragraph, swedish_date, theme_title

# The site's Markdown extensions (mkdocs.yml), so the plan's words are checked as the site renders them.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


def test_inline_shows_markup_as_text():
    assert inline("<b>*a*</b> | [x](y)") == "&lt;b&gt;\\*a\\*&lt;/b&gt; \\| \\[x\\](y)"


def test_paragraph_keeps_emphasis_and_http_links():
    assert paragraph("visionen *Borås 2025*") == "visionen *Borås 2025*"
    assert paragraph("[Borås](https://boras.se)") == "[Borås](https://boras.se)"


def test_paragraph_neutralises_scripts_images_and_unsafe_links():
    out = paragraph('<script>x</script> ![i](https://evil.example/p.png) [a](javascript:alert(1)) {: onclick="x" }')
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "!\\[" in out
    assert "]\\(javascript:" in out
    assert "\\{: onclick" in out


@pytest.mark.parametrize(
    "text",
    [
        "# rubrik",
        "### rubrik ###",
        "1. punkt",
        "2016) punkt",
        "- punkt",
        "+ punkt",
        "* punkt",
        "> citat",
        "---",
        "***",
        "___",
        '!!! note "Obs"',
        "!!! warning",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "Rubrik\n===",
        "Rubrik\n---",
        "    indragen kod",
        "a\n# inne i stycket\n1. och en lista",
        "[x]: https://example.se",
    ],
)
def test_markdown_block_syntax_is_shown_as_the_plans_words(text):
    html = markdown.markdown(paragraph(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1, html
    for tag in ("<h", "<ol", "<ul", "<li", "<blockquote", "<hr", "<div", "<table", "<pre", "<code"):
        assert tag not in html, (tag, html)
    shown = html.removeprefix("<p>").removesuffix("</p>").replace("&gt;", ">").replace("&#61;", "=")
    assert " ".join(shown.split()) == " ".join(text.split()), html


def test_inline_keeps_a_title_whole_in_a_heading():
    html = markdown.markdown("# " + inline("C# & {x} #"), extensions=EXTENSIONS)
    assert ">C# &amp; {x} #</h1>" in html


def test_swedish_date():
    assert swedish_date("2016-05-30") == "30 maj 2016"


def test_link_names_links_first_mention_case_insensitively():
    out = link_names("Kommunstyrelsen i samverkan med berörda nämnder.", {"Berörda nämnder": "a/#x", "Kommunstyrelsen": "a/#y"})
    assert out == '<a href="a/#y">Kommunstyrelsen</a> i samverkan med <a href="a/#x">berörda nämnder</a>.'


def test_theme_title_is_escaped_html_without_jinja_markers():
    assert theme_title("5. Ålder & kön") == "5. Ålder &amp; kön"
    out = theme_title('<img src=x onerror="a()"> {{ x }} {% if %}')
    assert "<" not in out and '"' not in out and "{" not in out and "}" not in out
    assert out.startswith("&lt;img src=x onerror=&quot;a()&quot;&gt; &#123;&#123; x &#125;&#125;")
