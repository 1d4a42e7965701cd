"""Every account page (login, signup, logout, passwords, email addresses, verification)
speaks as the site does, in our templates: none of the login library's own wording."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.accounts.test_signup import PASSWORD, sign_up
from tests.conftest import make_user, run_worker

# The login library's wording, as its own templates, forms and messages put it.
LIBRARY_WORDING = [
    "Sign In",
    "Sign in",
    "Sign Out",
    "Remember Me",
    "If you have not created an account yet",
    "Please confirm that",
    "is an email address for user",
    "Password Reset",
    "Reset My Password",
    "Make Primary",
    "Re-send Verification",
    "Email Addresses",
    "Forgot Password?",
    "Password (again)",
    "Successfully signed in",
    "You have signed out",
    ":</label>",
]

GUEST_PAGES = {
    "/account/login/": "Log in",
    "/account/signup/": "Register a free account",
    "/account/password/reset/": "Choose a new password",
    "/account/password/reset/done/": "Check your email",
    "/account/confirm-email/": "Check your email",
    "/account/confirm-email/not-a-key/": "Verify your email address",
    "/account/password/reset/key/1-not-a-key/": "This link no longer works",
}
MEMBER_PAGES = {
    "/account/": "Your account",
    "/account/logout/": "Log out",
    "/account/password/change/": "Change your password",
    "/account/email/": "Email addresses",
}


def assert_in_our_words(html: str) -> None:
    main = html[html.index('<main id="main"') :]
    for wording in LIBRARY_WORDING:
        assert wording not in main, wording


@pytest.mark.parametrize("path", GUEST_PAGES)
def test_guest_account_pages_speak_as_the_site(client, db, path):
    response = client.get(path, follow=True)

    html = response.content.decode()
    assert f"<h1>{GUEST_PAGES[path]}" in html
    assert_in_our_words(html)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_account_pages_speak_as_the_site(client, db, path):
    client.force_login(make_user())

    html = client.get(path).content.decode()

    assert f"<h1>{MEMBER_PAGES[path]}" in html
    assert_in_our_words(html)


def test_login_form_labels_each_field_in_our_words(client, db):
    html = client.get("/account/login/").content.decode()

    assert '<label for="id_login">Email address</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert '<label for="id_remember">Keep me logged in on this browser</label>' in html
    assert 'placeholder="' not in html[html.index('<main id="main"') :]
    assert 'aria-describedby="id_password_helptext"' in html


def test_a_refused_login_says_so_in_our_words_beside_the_form(client, db):
    make_user("coder@example.org")

    html = client.post(
        "/account/login/", {"login": "coder@example.org", "password": "not it"}
    ).content.decode()

    assert "That email address and password do not match an account." in html
    assert 'role="alert"' in html
    assert_in_our_words(html)


def test_signup_states_the_password_rules_and_that_views_do_not_renew(client, db):
    html = client.get("/account/signup/").content.decode()

    assert "Use at least 8 characters, not only digits" in html
    assert "Views do not renew: an account has 6 in all" in html
    assert '<label for="id_password2">Password again</label>' in html


def test_verification_link_page_names_the_address_without_the_library_wording(db):
    client = Client()
    sign_up(client, "jane.coder@example.org")
    run_worker()
    link = re.search(r"https?://\S+(/account/confirm-email/\S+/)", mail.outbox[0].body)[1]

    html = client.get(link).content.decode()

    assert "Verify <strong>jane.coder@example.org</strong> as the address of your" in html
    assert "Verify this address</button>" in html
    assert_in_our_words(html)


def test_logging_in_and_out_says_so_in_our_words(db):
    make_user("member@example.org", password=PASSWORD)
    client = Client()

    client.post("/account/login/", {"login": "member@example.org", "password": PASSWORD})
    assert "You are logged in as member@example.org." in client.get("/").content.decode()
    client.post("/account/logout/")
    assert "You are logged out." in client.get("/").content.decode()


def test_password_reset_email_speaks_as_the_site(client, db):
    make_user("member@example.org")

    client.post("/account/password/reset/", {"email": "member@example.org"})
    run_worker()

    message = mail.outbox[0]
    assert message.subject.endswith("Choose a new password")
    assert "asked to choose a new password for the CodeAtlas account" in message.body
    assert "You're receiving this email" not in message.body
