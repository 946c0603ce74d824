import markdown

from boras_plan.text import paragraph, plain
from boras_plan.tooltips import NONE, Tooltips

TERMS = Tooltips({"SSPF": 'Skola, "socialtjänst"', "IFO": "Individ- och familjeomsorg"})
SSPF = '<abbr title="Skola, &quot;socialtjänst&quot;">SSPF</abbr>'


def test_wraps_whole_words_only():
    assert plain("Stödja SSPF¹-arbetet; IFO, SSPFX", TERMS) == (
        f'Stödja {SSPF}¹-arbetet; <abbr title="Individ- och familjeomsorg">IFO</abbr>, SSPFX'
    )


def test_the_text_itself_stays_escaped():
    assert plain("<b>SSPF</b>", TERMS) == f"&lt;b&gt;{SSPF}&lt;/b&gt;"


def test_never_inside_character_references():
    """Terms such as "amp" or "gt" must not break the references escaping makes."""
    terms = Tooltips({"amp": "A", "gt": "G", "quot": "Q", "lt": "L"})
    assert plain('a & b > c "d" <', terms) == 'a &amp; b &gt; c "d" &lt;'
    assert paragraph("1 &lt; 2", terms) == "1 &amp;<abbr title=\"L\">lt</abbr>; 2"  # the plan's own word "lt"


def test_never_inside_a_markdown_link():
    out = paragraph("SSPF: [om SSPF](https://example.se/SSPF)", TERMS)
    assert out == f"{SSPF}: [om SSPF](https://example.se/SSPF)"
    html = markdown.markdown(out)
    assert html.count("<abbr") == 1 and 'href="https://example.se/SSPF"' in html


def test_no_terms_is_a_no_op():
    assert plain("SSPF", NONE) == "SSPF" and Tooltips({}).mark("SSPF") == "SSPF"


def test_matches_regardless_of_case_of_the_glossary_entry():
    out = plain("en aktuell lägesbild, inte lägesbilden", Tooltips({"Lägesbild": "Bild av läget."}))
    assert out == 'en aktuell <abbr title="Bild av läget.">lägesbild</abbr>, inte lägesbilden'
