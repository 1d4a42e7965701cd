import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from accounts.mailboxes import canonical_mailbox
from accounts.models import User
from tests.accounts.conftest import fullwidth
from tests.conftest import make_user


@pytest.mark.parametrize(
    ("email", "mailbox"),
    [
        ("Jane@Example.org", "jane@example.org"),
        ("jane+news@example.org", "jane@example.org"),
        ('"jane"@example.org', "jane@example.org"),
        ('"Jane+x"@example.org', "jane@example.org"),
        ('"ja\\"ne"@example.org', 'ja"ne@example.org'),
        ("jane.doe@example.org", "jane.doe@example.org"),  # dots matter outside Gmail
        ("Jane.Doe@gmail.com", "janedoe@gmail.com"),
        ("j.a.n.e.d.o.e+work@googlemail.com", "janedoe@gmail.com"),
        (" jane@example.org. ", "jane@example.org"),
        ("+tag@example.org", "+tag@example.org"),  # nothing before the tag: kept whole
        (f"bob@{fullwidth('gmail')}.com", "bob@gmail.com"),  # as UTS #46 maps fullwidth letters
        ("bob@gm\u00adail.com", "bob@gmail.com"),  # an older row's soft hyphen: dropped
        ("anna@Bücher.example", "anna@xn--bcher-kva.example"),
        ("anna@xn--bcher-kva.example", "anna@xn--bcher-kva.example"),
    ],
)
def test_addresses_reaching_one_mailbox_have_one_canonical_spelling(email, mailbox):
    assert canonical_mailbox(email) == mailbox


def test_an_admin_edit_to_a_taken_mailbox_gets_a_message_beside_the_address(db):
    make_user("jane.doe@gmail.com")
    other = make_user("someone@example.org")
    other.email = "JaneDoe+x@googlemail.com"

    with pytest.raises(ValidationError) as refused:
        other.full_clean()

    assert "already uses this mailbox" in refused.value.message_dict["email"][0]


def test_the_mailbox_follows_a_changed_address(db):
    user = make_user("old@example.org")
    user.email = "New+x@Example.org"
    user.save(update_fields=["email"])

    assert User.objects.get(pk=user.pk).mailbox == "new@example.org"


def test_an_account_that_shared_a_mailbox_before_the_rule_keeps_working(db):
    make_user("a@x.org")
    older_duplicate = make_user("b@x.org")
    User.objects.filter(pk=older_duplicate.pk).update(email="a+old@x.org", mailbox=None)
    account = User.objects.get(pk=older_duplicate.pk)

    account.plan = User.Plan.PREMIUM
    account.save()

    assert User.objects.get(pk=account.pk).plan == User.Plan.PREMIUM


def test_recomputing_mailboxes_gives_a_lookalike_account_none_and_loses_no_account(db):
    """Accounts made before domains were read as DNS reads them: the oldest account of each
    mailbox holds it, a later look-alike keeps working without one."""
    recompute_mailboxes = importlib.import_module(
        "accounts.migrations.0007_user_mailbox_domain_in_dns_form"
    ).recompute_mailboxes
    bob = make_user("bob@gmail.com")
    lookalike = make_user("lookalike@example.org")
    anna = make_user("anna@bücher.example")
    # As the old rule stored them: the domain in lower case, as typed.
    User.objects.filter(pk=lookalike.pk).update(
        email=f"bob+2@{fullwidth('gmail')}.com", mailbox=f"bob@{fullwidth('gmail')}.com"
    )
    User.objects.filter(pk=anna.pk).update(mailbox="anna@bücher.example")

    recompute_mailboxes(apps, None)

    assert dict(User.objects.values_list("pk", "mailbox")) == {
        bob.pk: "bob@gmail.com",
        lookalike.pk: None,
        anna.pk: "anna@xn--bcher-kva.example",
    }
