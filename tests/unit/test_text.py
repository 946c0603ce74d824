from boras_plan.text import inline, link_names, paragraph, swedish_date, theme_title


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


def test_paragraph_does_not_start_a_list_or_heading():
    assert paragraph("# rubrik") == "\\# rubrik"
    assert paragraph("1. punkt") == "\\1. punkt"


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
