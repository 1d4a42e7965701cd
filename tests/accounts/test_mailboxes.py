import pytest

from accounts.mailboxes import canonical_mailbox


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
    ],
)
def test_addresses_reaching_one_mailbox_have_one_canonical_spelling(email, mailbox):
    assert canonical_mailbox(email) == mailbox
