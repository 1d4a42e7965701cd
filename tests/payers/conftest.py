"""Payer policy records for the payer tests: made as an editor's admin save makes them."""

import datetime

import pytest
from django.contrib.auth.models import Group

from payers.models import Payer, PayerPolicy, PolicyVersion
from tests.conftest import make_user


def make_policy_version(
    payer_name: str = "Aetna",
    policy_name: str = "Bone tumor surgery",
    codes: str = "27365",
    policy: PayerPolicy | None = None,
    **fields,
) -> PolicyVersion:
    """A version of a policy of the managed payer `payer_name` (a new policy unless given)."""
    if policy is None:
        policy = PayerPolicy.objects.create(
            payer=Payer.objects.get(name=payer_name), name=policy_name, number="POL-1"
        )
    defaults = {
        "codes": codes,
        "prior_authorization": PolicyVersion.PriorAuthorization.REQUIRED,
        "coverage_criteria": f"COVERAGE-CRITERIA-OF-{policy_name}",
        "documentation": "Imaging and pathology reports.",
        "effective_on": datetime.date(2026, 1, 1),
        "review_on": datetime.date(2026, 12, 31),
        "url": "https://payer.example.org/policy",
        "verified_by": "A. Editor",
        "verified_on": datetime.date(2026, 11, 2),
    }
    return PolicyVersion.objects.create(policy=policy, **(defaults | fields))


@pytest.fixture
def editor(db):
    user = make_user("editor@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def staff(db):
    return make_user("staff@example.org", is_staff=True, is_superuser=True)
