"""Look-alike domains: an address is read as mail software reads it (IDNA, UTS #46), so a
second spelling of a mailbox's domain never makes a second account for that mailbox."""

import re
import unicodedata
from email.utils import getaddresses

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.mailboxes import canonical_mailbox
from accounts.models import User
from tests.accounts.conftest import fullwidth
from tests.conftest import make_user, run_worker

PASSWORD = "a long and unusual passphrase"
CONFIRM_LINK = re.compile(r"https?://\S+(/account/confirm-email/\S+/)")

# Each spelling's mail reaches bob@gmail.com.
MAPPED_LOOKALIKES = [
    f"bob@{fullwidth('gmail')}.com",
    f"bob@{fullwidth('GMAIL')}.com",
    f"bob@g{fullwidth('m')}ail.com",
]
INVISIBLE_LOOKALIKES = ["bob@gm\u00adail.com", "bob@g\u200bmail.com", "bob@gmail\u2060.com"]


def sign_up(client: Client, email: str):
    """Sign up, then let the task worker send what the signup queued."""
    response = client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    run_worker()
    return response


def delivered_to(message) -> list[str]:
    """The addresses a sent message goes to: its To header as the mailer writes it."""
    return [address for _, address in getaddresses([message.message()["To"]])]


def verification_mails_reaching(mailbox: str) -> list:
    return [
        message
        for message in mail.outbox
        if "/account/confirm-email/" in message.body
        and mailbox in {canonical_mailbox(address) for address in delivered_to(message)}
    ]


@pytest.mark.parametrize("email", MAPPED_LOOKALIKES)
def test_a_lookalike_of_a_mailbox_with_an_account_is_a_signup_for_that_account(db, email):
    make_user("bob@gmail.com")

    response = sign_up(Client(), email)

    assert (response.status_code, response["Location"]) == (302, "/account/confirm-email/")
    assert list(User.objects.values_list("email", flat=True)) == ["bob@gmail.com"]
    assert verification_mails_reaching("bob@gmail.com") == []
    assert [delivered_to(message) for message in mail.outbox] == [["bob@gmail.com"]]
    assert "This mailbox already has an account" in mail.outbox[0].body


@pytest.mark.parametrize("email", INVISIBLE_LOOKALIKES)
def test_signup_refuses_an_invisible_character_in_the_domain_beside_the_field(db, email):
    make_user("bob@gmail.com")

    response = sign_up(Client(), email)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "The domain holds an invisible character (U+{:04X} {}): type the address "
        "again without it.".format(*invisible_character_of(email))
    ]
    assert "invisible character" in response.content.decode()
    assert User.objects.count() == 1
    assert mail.outbox == []


def invisible_character_of(email: str) -> tuple[int, str]:
    character = next(c for c in email if unicodedata.category(c) == "Cf")
    return ord(character), unicodedata.name(character)


def test_signup_refuses_a_character_domain_names_cannot_hold(db):
    response = sign_up(Client(), "bob@snow☃.example")

    assert response.context["form"].errors["email"] == [
        "The domain holds a character that domain names cannot hold (U+2603 SNOWMAN)."
    ]
    assert User.objects.count() == 0


def test_a_lookalike_first_is_stored_as_the_mailbox_it_reaches(db):
    sign_up(Client(), f"bob@{fullwidth('gmail')}.com")

    assert list(User.objects.values_list("email", "mailbox")) == [
        ("bob@gmail.com", "bob@gmail.com")
    ]
    assert sign_up(Client(), "bob@gmail.com").status_code == 302
    assert User.objects.count() == 1


def test_an_international_domain_signs_up_and_its_mail_goes_to_its_ascii_name(db):
    response = sign_up(Client(), "anna@bücher.example")

    assert (response.status_code, response["Location"]) == (302, "/account/confirm-email/")
    assert list(User.objects.values_list("email", flat=True)) == ["anna@bücher.example"]
    assert delivered_to(mail.outbox[0]) == ["anna@xn--bcher-kva.example"]
    assert "/account/confirm-email/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "email",
    [
        "anna@xn--bcher-kva.example",
        "anna@BÜCHER.example",
        f"anna@{fullwidth('b')}ü{fullwidth('cher')}.example",
    ],
)
def test_every_spelling_of_an_international_domain_is_one_mailbox(db, email):
    sign_up(Client(), "anna@bücher.example")

    sign_up(Client(), email)

    assert User.objects.count() == 1
    assert len(verification_mails_reaching("anna@xn--bcher-kva.example")) == 1


def test_a_domain_older_mail_software_spells_differently_is_kept_in_its_ascii_form(db):
    """IDNA 2003, which Django's mailer uses, turns faß.de into fass.de, a different domain
    from today's xn--fa-hia.de: the address is stored in the form every mailer agrees on."""
    make_user("bob@fass.de")

    sign_up(Client(), "bob@faß.de")

    assert User.objects.filter(email="bob@xn--fa-hia.de").exists()
    assert [delivered_to(message) for message in mail.outbox] == [["bob@xn--fa-hia.de"]]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_address_and_follow_every_link(client: Client, email: str):
    """Add `email` on the account page, confirm it by any link mailed, make it primary."""
    response = client.post("/account/email/", {"action_add": "", "email": email})
    run_worker()
    for message in list(mail.outbox):
        for path in CONFIRM_LINK.findall(message.body):
            client.post(path)
    for address in EmailAddress.objects.filter(user__email="alice@example.org").exclude(
        email="alice@example.org"
    ):
        primary = client.post("/account/email/", {"action_primary": "", "email": address.email})
        assert primary.status_code == 302
    return response


@pytest.mark.parametrize(
    "email", [*MAPPED_LOOKALIKES, f"bob+x@{fullwidth('gmail')}.com", "bob+x@gmail.com"]
)
def test_an_account_cannot_take_another_accounts_mailbox_by_a_lookalike_address(db, email):
    make_user("bob@gmail.com")
    alice = make_user("alice@example.org")

    response = add_address_and_follow_every_link(logged_in(alice), email)

    assert (response.status_code, response["Location"]) == (302, "/account/email/")
    assert sorted(User.objects.values_list("mailbox", flat=True)) == [
        "alice@example.org",
        "bob@gmail.com",
    ]
    assert verification_mails_reaching("bob@gmail.com") == []
    assert not EmailAddress.objects.filter(user=alice, email__contains="bob").exists()


@pytest.mark.parametrize("email", INVISIBLE_LOOKALIKES)
def test_adding_an_address_with_an_invisible_character_is_refused_beside_the_field(db, email):
    make_user("bob@gmail.com")
    alice = make_user("alice@example.org")

    response = logged_in(alice).post("/account/email/", {"action_add": "", "email": email})
    run_worker()

    assert response.status_code == 200
    assert "invisible character" in response.context["form"].errors["email"][0]
    assert EmailAddress.objects.filter(user=alice).count() == 1
    assert mail.outbox == []


def test_an_account_can_add_an_international_address_of_its_own(db):
    alice = make_user("alice@example.org")
    client = logged_in(alice)

    add_address_and_follow_every_link(client, "alice@bücher.example")

    assert User.objects.get(pk=alice.pk).email == "alice@bücher.example"
    assert User.objects.get(pk=alice.pk).mailbox == "alice@xn--bcher-kva.example"
