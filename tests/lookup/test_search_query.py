"""The full-text queries each database receives (lookup/search/query.py, no database).

The expected texts are those the two separate backends sent before they became one builder.
"""

from lookup.search.dialects import POSTGRESQL, SQLITE
from lookup.search.query import index_expressions, text_query

# "ckd stage thr": CKD with its dictionary expansion, then two plain words.
CKD_STAGE_THR = [[("ckd",), ("chronic", "kidney", "disease")], [("stage",)], [("thr",)]]


def test_each_database_is_asked_for_every_thing_the_query_says_in_its_own_syntax():
    assert text_query(POSTGRESQL, CKD_STAGE_THR, prefix_last=False) == (
        "((ckd) | (chronic & kidney & disease)) & ((stage)) & ((thr))"
    )
    assert text_query(SQLITE, CKD_STAGE_THR, prefix_last=False) == (
        '(("ckd") OR ("chronic" AND "kidney" AND "disease")) AND (("stage")) AND (("thr"))'
    )


def test_a_suggestions_last_word_is_searched_as_a_prefix_on_each_database():
    assert text_query(POSTGRESQL, CKD_STAGE_THR, prefix_last=True).endswith("& ((thr:*))")
    assert text_query(SQLITE, CKD_STAGE_THR, prefix_last=True).endswith('AND (("thr"*))')
    assert text_query(POSTGRESQL, CKD_STAGE_THR, prefix_last=True, every=False) == (
        "ckd | chronic | kidney | disease | stage | thr:*"
    )
    assert text_query(SQLITE, CKD_STAGE_THR, prefix_last=True, every=False) == (
        '"ckd" OR "chronic" OR "kidney" OR "disease" OR "stage" OR "thr"*'
    )


def test_index_terms_are_asked_for_two_things_the_query_says_before_any_one():
    assert list(index_expressions(POSTGRESQL, CKD_STAGE_THR, prefix_last=False)) == [
        "(((ckd) | (chronic & kidney & disease)) & ((stage))) | "
        "(((ckd) | (chronic & kidney & disease)) & ((thr))) | (((stage)) & ((thr)))",
        "ckd | chronic | kidney | disease | stage | thr",
    ]
    assert list(index_expressions(SQLITE, CKD_STAGE_THR, prefix_last=False)) == [
        '((("ckd") OR ("chronic" AND "kidney" AND "disease")) AND (("stage"))) OR '
        '((("ckd") OR ("chronic" AND "kidney" AND "disease")) AND (("thr"))) OR '
        '((("stage")) AND (("thr")))',
        '"ckd" OR "chronic" OR "kidney" OR "disease" OR "stage" OR "thr"',
    ]


def test_a_suggestions_short_last_word_is_left_out_of_the_any_word_index_query():
    # "... thr" as typed in the search box: three letters would match thousands of paths.
    assert list(index_expressions(SQLITE, CKD_STAGE_THR, prefix_last=True))[-1] == (
        '"ckd" OR "chronic" OR "kidney" OR "disease" OR "stage"'
    )
