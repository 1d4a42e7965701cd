"""Signing up: one free allowance per mailbox, per-network caps, rate limits, verification."""

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from accounts.models import User
from tests.accounts.conftest import in_parallel, make_codes, url_of
from tests.conftest import make_retries_due, make_user, run_worker

PASSWORD = "a long and unusual passphrase"


def sign_up(client: Client, email: str, **extra):
    return client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}, **extra
    )


def answer_of(response) -> tuple[int, str | None]:
    return response.status_code, response.headers.get("Location")


@pytest.mark.parametrize(
    "email",
    ["a+1@x.org", "A@X.org", "a+promo@X.ORG", "a@x.org", '"a"@x.org', '"A+b"@x.org'],
)
def test_signup_for_a_mailbox_with_an_account_makes_none_and_answers_as_a_new_one(db, email):
    make_user("a@x.org")

    existing = sign_up(Client(), email)
    new = sign_up(Client(), "b@x.org")
    run_worker()

    assert answer_of(existing) == answer_of(new) == (302, "/account/confirm-email/")
    assert sorted(User.objects.values_list("email", flat=True)) == ["a@x.org", "b@x.org"]
    assert mail.outbox[0].to == [email.lower()]  # reaches the mailbox's owner
    assert "This mailbox already has an account" in mail.outbox[0].body


def signup_seen_from_outside(email: str) -> tuple:
    """What a signup shows its sender: the answer, the cookies it sets (by name) and the page
    it leads to, without the form token that differs on every page."""
    client = Client()
    response = sign_up(client, email)
    page = client.get(response["Location"]).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return answer_of(response), sorted(response.cookies), page


def test_signup_for_an_address_just_mailed_answers_as_a_new_one(db):
    """allauth mails an address at most once in three minutes; whether it did is no tell."""
    make_user("a@x.org")
    sign_up(Client(), "a+1@x.org")  # the account's mailbox has just been mailed

    assert signup_seen_from_outside("a+1@x.org") == signup_seen_from_outside("b@x.org")


def test_signup_mail_is_sent_by_the_task_worker_after_the_answer(db):
    make_user("a@x.org")
    for email in ["new@x.org", "a+1@x.org"]:
        assert sign_up(Client(), email).status_code == 302
        assert mail.outbox == []

    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == ["a+1@x.org", "new@x.org"]


@pytest.mark.parametrize(
    "email", ["janedoe@gmail.com", "Jane.Doe+x@googlemail.com", "j.a.n.e.d.o.e@gmail.com"]
)
def test_gmail_dots_and_googlemail_reach_one_mailbox(db, email):
    make_user("jane.doe@gmail.com")

    assert answer_of(sign_up(Client(), email)) == (302, "/account/confirm-email/")
    assert User.objects.count() == 1


def test_signup_refuses_a_plain_address_when_a_tagged_one_exists(db):
    make_user("a+work@x.org")

    sign_up(Client(), "a@x.org")

    assert list(User.objects.values_list("email", flat=True)) == ["a+work@x.org"]


def test_signup_errors_do_not_tell_whether_an_address_has_an_account(db):
    """The signup form is no oracle: a taken mailbox gets the errors a free one gets."""
    make_user("a@x.org")

    def errors_for(email: str) -> dict:
        response = Client().post(
            "/account/signup/", {"email": email, "password1": PASSWORD, "password2": "other"}
        )
        assert response.status_code == 200
        assert "already" not in response.content.decode()
        return response.context["form"].errors

    assert (
        errors_for("a+1@x.org")
        == errors_for("fresh@x.org")
        == {"password2": ["You must type the same password each time."]}
    )


def test_the_database_holds_one_account_per_mailbox(db):
    make_user("jane.doe@gmail.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("janedoe+second@googlemail.com", "another passphrase")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "emails", [["a+1@x.org", "a+2@x.org", "a+3@x.org"], ["same@x.org"] * 3], ids=["tags", "same"]
)
def test_racing_signups_for_one_mailbox_make_one_account_and_answer_as_usual(settings, emails):
    settings.METER_SIGNUPS_DAILY_PER_IP = 10

    responses = in_parallel([lambda email=email: sign_up(Client(), email) for email in emails])
    run_worker()

    assert [answer_of(response) for response in responses] == [(302, "/account/confirm-email/")] * 3
    assert User.objects.count() == 1
    # Each address gets the verification link or word that it has an account; allauth mails
    # one address at most once in three minutes, so racing signups of one address share one.
    assert {message.to[0] for message in mail.outbox} == set(emails)
    assert all(
        "/account/confirm-email/" in message.body or "already has an account" in message.body
        for message in mail.outbox
    )


@pytest.mark.django_db(transaction=True)
def test_racing_signups_without_verification_answer_the_form_error(settings):
    """Without mandatory verification an existing account cannot be hidden (allauth says so
    too): the losers of the race get the form's error, never a server error."""
    settings.METER_SIGNUPS_DAILY_PER_IP = 10
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"

    responses = in_parallel([lambda: sign_up(Client(), "same@x.org")] * 3)

    assert sorted(response.status_code for response in responses) == [200, 200, 302]
    for response in responses:
        if response.status_code == 200:
            assert "An account already uses this email address." in (response.content.decode())
    assert User.objects.count() == 1


def test_signup_accepts_a_different_mailbox(client, db):
    make_user("a@x.org")

    sign_up(client, "ab@x.org")

    assert User.objects.filter(email="ab@x.org").exists()


def test_signup_sends_a_verification_link_and_gives_no_free_views_before_it(client, cpt):
    code = make_codes(1, cpt)[0]

    response = sign_up(client, "new@example.org")
    run_worker()

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/confirm-email/" in mail.outbox[0].body
    user = User.objects.get(email="new@example.org")
    client.force_login(user)
    assert "Gated fees" not in client.get(url_of(code)).content.decode()


def test_a_verification_email_that_fails_to_send_is_sent_by_a_later_try(db, settings):
    settings.EMAIL_BACKEND = "tests.conftest.FlakyBackend"
    sign_up(Client(), "new@example.org")
    run_worker()
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_retries_due()
    run_worker()

    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert "/account/confirm-email/" in mail.outbox[0].body


def test_following_the_verification_link_logs_in_with_the_free_views(client, cpt, settings):
    code_a, code_b = make_codes(2, cpt)
    client.get(url_of(code_a))
    sign_up(client, "new@example.org")
    run_worker()
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[0].body).group(0)

    client.post(link.removeprefix(settings.SITE_URL))

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

    assert "Too many failed attempts to log in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_still_serves_an_existing_address(client, db):
    make_user("coder@example.org")

    response = client.post("/account/password/reset/", {"email": "Coder@example.org"})
    run_worker()

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


def test_links_in_account_emails_lead_to_site_url_whatever_host_the_request_named(
    client, db, settings
):
    settings.SITE_URL = "https://codeatlas.example.org"
    make_user("taken@example.org")
    forged = {"HTTP_HOST": "127.0.0.1:6666"}

    sign_up(client, "new@example.org", **forged)
    sign_up(Client(), "taken@example.org", **forged)
    Client().post("/account/password/reset/", {"email": "taken@example.org"}, **forged)
    run_worker()

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        links = re.findall(r"https?://\S+", message.body)
        assert links and all(link.startswith("https://codeatlas.example.org/") for link in links), (
            links
        )
