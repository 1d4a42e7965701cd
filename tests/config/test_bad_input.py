"""Input no page can use gets a clear answer, never a server error, on SQLite and PostgreSQL."""

import pytest
from django.test import Client

from tests.conftest import make_user

# Each of these reached the database with a NUL byte, which PostgreSQL refuses (500).
NUL_ADDRESSES = [
    "/codes/cpt/%00/",
    "/codes/cpt/27%0023/",
    "/codes/%00/",
    "/codes/cpt/%00",
    "/codes/hcpcs/modifiers/?page=%00",
    "/search/?q=biopsy&system=%00",
    "/search/suggest?q=27&system=%00",
    "/assistant/?q=what+is+27323&code=cpt:%00",
    "/fees/locality/?state=%00",
    "/account/login/?next=/%00",
    "/codes/cpt/?page=%00",
]


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_a_nul_byte_in_the_address_is_a_bad_request(client, biopsy, address):
    client.force_login(make_user())

    response = client.get(address)

    assert response.status_code == 400
    assert "We could not read that address" in response.content.decode()
    assert "Content-Security-Policy" in response.headers


def test_a_nul_byte_in_the_session_cookie_is_a_bad_request(biopsy):
    # A quoted cookie value may spell a NUL byte as an octal escape.
    response = Client().get("/codes/cpt/27323/", HTTP_COOKIE='sessionid="session\\000key-0123"')

    assert response.status_code == 400
    assert "We could not read that address" in response.content.decode()


def test_a_nul_byte_in_a_question_gets_casepilots_message_beside_it(client, db):
    response = client.get("/assistant/", {"q": "what is 27323\x00"})

    assert response.status_code == 400
    assert "characters we could not read" in response.content.decode()


def test_a_nul_byte_in_a_search_gets_the_search_page(client, biopsy):
    for address in ["/search/", "/search/suggest"]:
        assert client.get(address, {"q": "27323\x00"}).status_code == 200


def test_a_nul_byte_in_a_form_field_gets_a_message_beside_it(client, db):
    make_user("coder@example.org")

    response = client.post(
        "/account/login/", {"login": "coder\x00@example.org", "password": "correct horse battery"}
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
