"""CasePilot knows the CPT codes the fee schedule lists, though they have no descriptor."""

from fees.importers.pfs_rvu import import_pfs_rvu_file
from tests.fees.conftest import PPRRVU_DESCRIBED


def test_a_question_on_a_code_without_descriptor_names_it_and_links_its_page(client, db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    response = client.get(
        "/assistant/", {"q": "What is the global period for 99213?", "format": "json"}
    )

    assert response.json()["search_results"] == [
        {
            "system": "cpt",
            "code": "99213",
            "title": "Office and outpatient visits (AMA descriptor not loaded)",
            "url": "/codes/cpt/99213/",
        }
    ]
    assert "Invented wording" not in response.content.decode()
