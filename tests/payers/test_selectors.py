import datetime

from payers.codes import CodeSpan, read_code_list
from payers.models import Payer
from payers.selectors import payer_named_in, policies_for
from tests.conftest import make_code
from tests.payers.conftest import make_policy_version


def test_a_code_list_reads_codes_and_ranges_with_hyphens_or_en_dashes():
    assert read_code_list("27365, 27323\u201327329;E0114") == [
        CodeSpan("27365", "27365"), CodeSpan("27323", "27329"), CodeSpan("E0114", "E0114"),
    ]  # fmt: skip


def test_policies_for_a_code_are_those_in_force_on_the_day(cpt):
    make_code("27365", cpt)
    first = make_policy_version("Aetna", prior_authorization="not-required")
    second = make_policy_version(
        policy=first.policy, effective_on=datetime.date(2026, 7, 1), prior_authorization="required"
    )

    assert policies_for("27365", on=datetime.date(2026, 3, 1)) == [first]
    assert policies_for("27365", on=datetime.date(2026, 8, 1)) == [second]
    assert policies_for("27365", on=datetime.date(2025, 8, 1)) == []


def test_policies_for_a_payer_name_include_its_member_plans(cpt):
    make_code("27365", cpt)
    anthem = make_policy_version("Anthem Blue Cross Blue Shield")
    make_policy_version("Cigna")

    assert policies_for("27365", "BCBS", on=datetime.date(2026, 3, 1)) == [anthem]
    assert policies_for("27365", "Humana", on=datetime.date(2026, 3, 1)) == []


def test_a_range_covers_the_codes_inside_it_only(cpt):
    for number in ["27323", "27329", "27330"]:
        make_code(number, cpt)
    make_policy_version("Aetna", codes="27323-27329")
    day = datetime.date(2026, 3, 1)

    assert policies_for("27329", on=day)
    assert not policies_for("27330", on=day)


def test_the_longest_payer_name_in_a_question_wins(db):
    found = payer_named_in("Does Anthem Blue Cross Blue Shield cover 27365?")

    assert found == Payer.objects.get(name="Anthem Blue Cross Blue Shield")
    assert payer_named_in("does uhc need prior auth for 27365").name == "UnitedHealthcare"
    assert payer_named_in("What is 27365?") is None


def test_a_code_between_two_spans_of_one_version_is_not_covered(cpt):
    for number in ["27323", "27350", "27400"]:
        make_code(number, cpt)
    make_policy_version("Aetna", codes="27323, 27400")

    assert policies_for("27350", on=datetime.date(2026, 3, 1)) == []
