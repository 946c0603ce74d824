from boras_plan.tooltips import add_tooltips

TERMS = {"SSPF": 'Skola, "socialtjänst"', "IFO": "Individ- och familjeomsorg"}


def test_wraps_whole_words_in_text_and_table_cells():
    out = add_tooltips("<p>Stödja SSPF¹-arbetet</p><td>IFO, SSPFX</td>", TERMS)
    assert out == (
        '<p>Stödja <abbr title="Skola, &quot;socialtjänst&quot;">SSPF</abbr>¹-arbetet</p>'
        '<td><abbr title="Individ- och familjeomsorg">IFO</abbr>, SSPFX</td>'
    )


def test_never_inside_tags_links_headings_or_scripts():
    source = '<h2 id="SSPF">SSPF</h2><a href="#" title="SSPF">om SSPF</a><script>var SSPF=1</script><img alt="SSPF">'
    assert add_tooltips(source, TERMS) == source


def test_no_terms_is_a_no_op():
    assert add_tooltips("<p>SSPF</p>", {}) == "<p>SSPF</p>"


def test_matches_regardless_of_case_of_the_glossary_entry():
    out = add_tooltips("<p>en aktuell lägesbild, inte lägesbilden</p>", {"Lägesbild": "Bild av läget."})
    assert out == '<p>en aktuell <abbr title="Bild av läget.">lägesbild</abbr>, inte lägesbilden</p>'
