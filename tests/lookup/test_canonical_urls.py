import pytest

from lookup.models import canonical_code
from tests.conftest import make_code, make_system


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("s72.001a", "S72.001A"),
        ("S72001A", "S72.001A"),
        ("S.72001A", "S72.001A"),
        ("S72..001A", "S72.001A"),
        (" S72.001A ", "S72.001A"),
        ("s72", "S72"),
        ("S70-S79", "S70-S79"),
    ],
)
def test_icd_codes_are_spelled_with_one_dot_after_the_category(raw, expected):
    assert canonical_code("icd-10-cm", raw) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/codes/icd-10-cm/s72.001a/",
        "/codes/icd-10-cm/S72001A/",
        "/codes/icd-10-cm/S.72001A/",
        "/codes/ICD-10-CM/S72.001A/",
        "/codes/icd-10-cm/%20S72.001A%20/",
    ],
)
def test_variant_spellings_redirect_once_to_the_canonical_url(client, icd, path):
    make_code("S72.001A", icd)

    response = client.get(path)

    assert response.status_code == 301
    assert response.headers["Location"] == "/codes/icd-10-cm/S72.001A/"
    assert client.get(response.headers["Location"]).status_code == 200


def test_lower_case_hcpcs_code_redirects_to_upper_case(client, db):
    make_code("G0008", make_system("hcpcs"))

    response = client.get("/codes/hcpcs/g0008/")

    assert response.status_code == 301
    assert response.headers["Location"] == "/codes/hcpcs/G0008/"


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/codes/CPT/27323", "/codes/cpt/27323/"),
        ("/codes/cpt/27323", "/codes/cpt/27323/"),
        ("/codes/Cpt/27323/", "/codes/cpt/27323/"),
        ("/codes/icd-10-cm/s72001a", "/codes/icd-10-cm/S72.001A/"),
        ("/codes/ICD-10-CM/s72.001a", "/codes/icd-10-cm/S72.001A/"),
        ("/codes/CPT", "/codes/cpt/"),
        ("/codes/cpt", "/codes/cpt/"),
        ("/codes/HCPCS/", "/codes/hcpcs/"),
        ("/codes/HCPCS/modifiers/", "/codes/hcpcs/modifiers/"),
        ("/codes/HCPCS/Modifiers", "/codes/hcpcs/modifiers/"),
    ],
)
def test_every_other_spelling_answers_one_redirect_to_the_canonical_url(
    client, db, path, canonical
):
    cpt, icd, hcpcs = make_system("cpt"), make_system("icd-10-cm"), make_system("hcpcs")
    make_code("27323", cpt)
    make_code("S72.001A", icd)
    hcpcs.modifiers.create(code="LT", short_descriptor="Left side", long_descriptor="Left side")

    response = client.get(path)

    assert response.status_code == 301
    assert response.headers["Location"] == canonical
    assert client.get(canonical).status_code == 200  # no second hop


@pytest.mark.parametrize("path", ["/codes/cpt/%20/", "/codes/cpt/%20", "/codes/%20/27323/"])
def test_a_spelling_of_nothing_but_spaces_is_not_found(client, db, path):
    make_code("27323", make_system("cpt"))

    assert client.get(path).status_code == 404
