from lookup.models import SourceReference
from tests.conftest import make_code, make_relation, make_section


def build_busy_code(cpt, icd, related_count: int):
    """CPT 27323 with a section of every kind, editors' sources, and `related_count` related
    codes."""
    code = make_code("27323", cpt)
    for position, kind in enumerate(["guidelines", "ncci", "", "description"]):
        SourceReference.objects.create(
            code=code, title=f"Source {position}", supports=kind, position=position
        )
    for position, kind in enumerate(
        ["guidelines", "documentation", "modifiers", "crosswalks", "ncci", "coverage", "fees",
         "denials", "faq"]
    ):  # fmt: skip
        make_section(code, kind, position=position)
    for number in range(related_count):
        make_relation(code, make_code(f"D{number:02d}.1", icd), "crosswalk")
        make_relation(make_code(f"2{number:04d}", cpt), code, "compare")
    return code


def test_code_page_costs_at_most_eight_queries_however_much_it_holds(
    client, coder, cpt, icd, fee_data, django_assert_max_num_queries
):
    build_busy_code(cpt, icd, related_count=40)
    client.force_login(coder)

    # A metered account's first view, before the page is cached: session, user (with its
    # verified address), code, its unlocks, the new unlock, sections, related codes, fees.
    with django_assert_max_num_queries(8):
        response = client.get("/codes/cpt/27323/")

    html = response.content.decode()
    assert "Source 3" in html and 'href="#sources">8 sources</a>' in html
    # Eight sections, and the editors' fee notes inside the one fee section.
    assert html.count('class="panel code-section"') == 8
    fee_section = html[html.index('id="medicare-payment"') :]
    assert 'id="fees"' in fee_section and "$274.89" in fee_section


def test_deep_icd_code_page_costs_the_same_queries_as_a_shallow_one(
    client, icd, django_assert_max_num_queries
):
    parent = None
    for code in ["19", "S70-S79", "S72", "S72.0", "S72.00", "S72.001", "S72.001A"]:
        parent = make_code(code, icd, parent=parent)
        # Every parent carries notes the code inherits, read in the same query as its own.
        make_section(parent, "excludes2", gated=False, body=f"Excludes2 of {code}")
    make_section(parent, "documentation", gated=True)  # so that opening it spends a view

    # A guest's first view also records its unlock and its network's daily count.
    with django_assert_max_num_queries(6):
        html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    assert 'href="/codes/icd-10-cm/S72.001/"' in html
    assert "Excludes2 of S72.0<" in html and "Excludes2 of S72.001<" in html
