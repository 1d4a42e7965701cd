"""HCC mapping conditions in words, complementary pairs merged."""

from grouping.conditions import condition_in_words, merged_conditions


def test_age_and_sex_edits_read_as_words():
    assert condition_in_words("age < 50") == "under age 50"
    assert condition_in_words("2 <= age <= 17") == "age 2 to 17"
    assert condition_in_words("age >= 65 and sex = 1 (male)") == "age 65 or older, male patients"
    assert condition_in_words("MCE age >= 15") == "age 15 or older (the code editor's age range)"


def test_complementary_conditions_merge_into_always():
    assert merged_conditions(["age < 21", "age >= 21"]) == [""]
    assert merged_conditions(["MCE age >= 15 and age < 21", "MCE age >= 15 and age >= 21"]) == [
        "MCE age >= 15"
    ]
    assert merged_conditions(["age < 65 and sex = 1 (male)", "age >= 65 and sex = 1 (male)"]) == [
        "sex = 1 (male)"
    ]


def test_conditions_that_do_not_cover_everyone_stay():
    assert merged_conditions(["age < 50"]) == ["age < 50"]
    assert merged_conditions(["", "age < 2"]) == [""]
