from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Unlock, User
from tests.accounts.conftest import make_codes
from tests.conftest import make_user


def run_meter(*arguments) -> str:
    output = StringIO()
    call_command("meter", *arguments, stdout=output)
    return output.getvalue()


def test_meter_prints_plan_views_and_unlocked_codes(cpt):
    user = make_user()
    Unlock.objects.create(user=user, code=make_codes(1, cpt)[0], period="lifetime", slot=1)

    output = run_meter("Coder@Example.org")

    assert "Plan:      Free" in output
    assert "Used:      1" in output
    assert "Remaining: 5" in output
    assert "CPT 80000" in output


def test_meter_grant_adds_views(db):
    make_user()

    output = run_meter("coder@example.org", "--grant", "4")

    assert User.objects.get().extra_views == 4
    assert "Remaining: 10" in output


def test_meter_reset_forgets_the_unlocks(cpt):
    user = make_user()
    Unlock.objects.create(user=user, code=make_codes(1, cpt)[0], period="lifetime", slot=1)

    output = run_meter("coder@example.org", "--reset")

    assert not Unlock.objects.exists()
    assert "Remaining: 6" in output


def test_meter_names_a_missing_account(db):
    with pytest.raises(CommandError, match=r"No account with the email address nobody@x\.org"):
        run_meter("nobody@x.org")
