"""Signing up: one free allowance per mailbox, per-network caps, rate limits, verification."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user

PASSWORD = "a long and unusual passphrase"


def sign_up(client: Client, email: str, **extra):
    return client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}, **extra
    )


@pytest.mark.parametrize("email", ["a+1@x.org", "A@X.org", "a+promo@X.ORG", "a@x.org"])
def test_signup_refuses_an_address_differing_only_by_case_or_tag(client, db, email):
    make_user("a@x.org")

    response = sign_up(client, email)

    assert response.status_code == 200
    assert "differ only in capital letters or a +tag" in response.content.decode()
    assert User.objects.count() == 1


def test_signup_refuses_a_plain_address_when_a_tagged_one_exists(client, db):
    make_user("a+work@x.org")

    response = sign_up(client, "a@x.org")

    assert "An account already exists for this address" in response.content.decode()


def test_signup_accepts_a_different_mailbox(client, db):
    make_user("a@x.org")

    sign_up(client, "ab@x.org")

    assert User.objects.filter(email="ab@x.org").exists()


def test_signup_sends_a_verification_link_and_gives_no_free_views_before_it(client, cpt):
    code = make_codes(1, cpt)[0]

    response = sign_up(client, "new@example.org")

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/confirm-email/" in mail.outbox[0].body
    user = User.objects.get(email="new@example.org")
    client.force_login(user)
    assert "Gated fees" not in client.get(url_of(code)).content.decode()


def test_following_the_verification_link_logs_in_with_the_free_views(client, cpt):
    code_a, code_b = make_codes(2, cpt)
    client.get(url_of(code_a))
    sign_up(client, "new@example.org")
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[0].body).group(0)

    client.post(link.split("testserver", 1)[1])

    html = client.get(url_of(code_b)).content.decode()
    assert "Gated fees of 80001." in html
    assert "4 code page views remaining." in html


def test_an_unverified_account_cannot_log_in_by_default(db):
    sign_up(Client(), "new@example.org")
    client = Client()

    response = client.post("/account/login/", {"login": "new@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_signups_per_network_are_capped_daily(db, settings):
    settings.METER_SIGNUPS_DAILY_PER_IP = 2
    for number in range(2):
        sign_up(Client(), f"person{number}@example.org")

    response = sign_up(Client(), "person9@example.org")

    assert "Too many accounts were created from your network today" in response.content.decode()
    assert User.objects.count() == 2


def test_signup_is_rate_limited_per_address(db, settings):
    settings.METER_SIGNUPS_DAILY_PER_IP = 100
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"signup": "3/h/ip"}
    for number in range(3):
        sign_up(Client(), f"person{number}@example.org")

    response = sign_up(Client(), "person9@example.org")

    assert response.status_code == 429


def test_failed_logins_are_rate_limited(client, db):
    make_user("coder@example.org")
    for _ in range(5):
        client.post("/account/login/", {"login": "coder@example.org", "password": "wrong"})

    response = client.post(
        "/account/login/", {"login": "coder@example.org", "password": "correct horse battery"}
    )

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_still_serves_an_existing_address(client, db):
    make_user("coder@example.org")

    response = client.post("/account/password/reset/", {"email": "Coder@example.org"})

    assert response.status_code == 302
    assert "/account/password/reset/key/" in mail.outbox[0].body


def test_password_reset_requests_are_rate_limited_per_address(client, db):
    make_user("coder@example.org")
    for _ in range(5):
        client.post("/account/password/reset/", {"email": "coder@example.org"})

    response = client.post("/account/password/reset/", {"email": "coder@example.org"})

    assert response.status_code == 429


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_allauth_pages_use_the_site_layout(client, db):
    for path in ["/account/login/", "/account/signup/", "/account/password/reset/"]:
        html = client.get(path).content.decode()

        assert 'class="site-header"' in html and 'class="site-footer"' in html, path


def test_account_management_pages_use_the_site_layout_with_the_account_menu(client, db):
    client.force_login(make_user())
    for path in ["/account/password/change/", "/account/email/"]:
        html = client.get(path).content.decode()

        assert 'class="site-header"' in html and 'class="account-nav"' in html, path
    assert 'class="site-header"' in client.get("/account/logout/").content.decode()
