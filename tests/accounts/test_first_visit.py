"""A newcomer's first steps: signing up says what comes next, code pages then ask to verify
the address rather than to register, emails name the site, an administrator made at the
command line can log in at once."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from tests.accounts.conftest import make_codes, url_of
from tests.accounts.test_signup import PASSWORD, sign_up
from tests.conftest import make_user, run_worker


def test_after_signup_the_page_says_the_email_is_on_its_way_and_what_it_unlocks(client, db):
    response = sign_up(client, "new@example.org")

    html = client.get(response["Location"]).content.decode()
    assert "A verification link is on its way" in html
    assert "unlocks 5 more code pages, each with every section" in html
    assert '<header class="site-header">' in html  # in the site's layout


@pytest.mark.parametrize("existing", [False, True], ids=["new mailbox", "mailbox with account"])
def test_until_verified_code_pages_ask_to_verify_not_to_register(cpt, existing):
    make_user("taken@example.org")
    code = make_codes(1, cpt)[0]
    client = Client()
    sign_up(client, "taken+again@example.org" if existing else "new@example.org")

    html = client.get(url_of(code)).content.decode()

    # The same words whether or not the mailbox had an account: nothing tells them apart.
    assert "Verify your email address to read the rest of this page" in html
    assert "Verify your email address to get 5 more views" in html
    assert "Register free account" not in html[html.index('<main id="main"') :]
    assert "Gated fees of" not in html


def test_signup_emails_name_the_site_not_the_host_it_was_reached_on(db):
    sign_up(Client(HTTP_HOST="127.0.0.1"), "new@example.org")
    run_worker()

    message = mail.outbox[0]
    assert message.subject.startswith("[CodeAtlas]")
    assert message.body.startswith("Hello from CodeAtlas,")
    assert "open a CodeAtlas account" in message.body
    assert "unlocks 5 more code page views" in message.body


def test_createsuperuser_makes_an_account_that_logs_in_to_the_admin_at_once(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "owner@example.org", verbosity=0)
    client = Client()

    response = client.post("/account/login/", {"login": "owner@example.org", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] != "/account/confirm-email/"
    assert client.get("/admin/").status_code == 200
    run_worker()
    assert not mail.outbox
