import pytest

from assistant.questions import MAX_QUESTION_LENGTH, QuestionError, read_question


@pytest.mark.parametrize("spelling", ["27323", "CPT 27323", "cpt code 27323?"])
def test_cpt_code_is_recognised_in_a_question(few_codes, spelling):
    question = read_question(f"what is {spelling}")

    assert [code.code for code in question.codes] == ["27323"]


@pytest.mark.parametrize("spelling", ["S72.001A", "s72001a", "s72.001a", "S72001A"])
def test_icd_code_is_recognised_in_any_spelling(few_codes, spelling):
    question = read_question(f"guidelines for {spelling}")

    assert [(code.system.slug, code.code) for code in question.codes] == [("icd-10-cm", "S72.001A")]
    assert question.words == ["guidelines"]


def test_numbers_that_are_not_codes_are_not_taken_for_codes(few_codes):
    question = read_question("what does 8.23 RVU pay")

    assert question.codes == []
    assert question.numbers == ["8.23"]
    assert question.shape == "payment"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("what is 27323", "definition"),
        ("27323", "definition"),
        ("guidelines for 27323", "guidelines"),
        ("modifiers for 27323", "modifiers"),
        ("documentation requirements for 27324", "documentation"),
        ("can 27323 be billed with 20206", "billed_with"),
        ("27323 and 20206 on the same day", "billed_with"),
        ("what does 8.23 RVU pay", "payment"),
        ("which diagnosis codes crosswalk to 27324", "crosswalks"),
        ("why was my 27324 claim denied", "denials"),
        ("is 20206 covered by medicare", "coverage"),
        ("NCCI edits for 20206", "ncci"),
        ("knee lump biopsy", "general"),
        ("excludes for s72001a", "excludes1"),
        ("which 7th character for S72.001A", "seventh-character"),
        ("what should I code first with S72.001A", "code-first"),
    ],
)
def test_question_shapes_are_recognised(few_codes, text, shape):
    assert read_question(text).shape == shape


def test_context_code_is_the_subject_when_the_question_names_none(few_codes):
    question = read_question("which modifiers apply?", "cpt:27324")

    assert [code.code for code in question.subject_codes] == ["27324"]


def test_codes_named_in_the_question_win_over_the_context_code(few_codes):
    question = read_question("what is 20206?", "cpt:27324")

    assert [code.code for code in question.subject_codes] == ["20206"]


@pytest.mark.parametrize("context", ["", "cpt", "nonsense:27323", "cpt:99999", "cpt:" + "9" * 50])
def test_unknown_or_malformed_context_code_is_ignored(few_codes, context):
    assert read_question("what is this code?", context).context_code is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Type a question"),
        ("   \n\t ", "Type a question"),
        ("x" * (MAX_QUESTION_LENGTH + 1), "too long"),
        ("what is 27323\x00", "could not read"),
        ("what is \ufffd27323", "could not read"),
        ("what is 2732\u200b3", "invisible control characters"),
        ("what\x1b[31m is 27323", "invisible control characters"),
    ],
)
def test_bad_questions_get_a_clear_message(db, raw, message):
    with pytest.raises(QuestionError, match=message):
        read_question(raw)


def test_a_question_of_exactly_the_maximum_length_is_accepted(few_codes):
    question = read_question("27323 " + "x" * (MAX_QUESTION_LENGTH - 6))

    assert [code.code for code in question.codes] == ["27323"]


def test_fullwidth_digits_are_read_as_plain_digits(few_codes):
    question = read_question("what is \uff12\uff17\uff13\uff12\uff13")  # fullwidth 27323

    assert [code.code for code in question.codes] == ["27323"]
