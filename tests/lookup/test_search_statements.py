"""What search asks the database: few statements, none reading the whole index."""

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from lookup import selectors
from lookup.models import Code, IndexTerm
from lookup.search import candidates, codes_under, dialects, most_used_of, spelling
from lookup.search.dialects import current_dialect
from lookup.search.query import ranked_code_ids, text_query
from lookup.selectors import HeldPerGeneration, catalogue_changed
from tests.conftest import make_code, make_system


def test_a_query_of_stop_words_reads_no_index_term_without_them(client, index_catalogue):
    dialect = current_dialect()
    # PostgreSQL drops stop words: what is left of "with" must not be the negation alone.
    rows = dialect.index_term_rows(text_query(dialect, [[("with",)]], False), ["stress"], 50)

    assert all("with" in terms.split() for *_, terms, _, _ in rows)
    assert client.get("/search/", {"q": "with"}).status_code == 200


def test_codes_under_several_headers_come_in_header_then_code_order_in_few_statements(
    index_catalogue,
):
    headers = {each.code: each for each in candidates(Q(code__in=["L02.41", "S62.10", "W54.0"]))}
    ordered = [headers["S62.10"], headers["L02.41"], headers["W54.0"]]

    with CaptureQueriesContext(connection) as statements:
        found = codes_under(ordered, 5)

    assert [each.code for each in found] == [
        "S62.101A", "S62.101D", "S62.102A", "L02.412", "L02.413",
    ]  # fmt: skip
    assert len(statements) == (1 if current_dialect().bounded_reads_together else 2)


def test_a_suggestion_reads_the_index_terms_and_the_codes_in_one_round_trip_on_postgresql(
    index_catalogue,
):
    from lookup.search import suggest_codes

    suggest_codes("kidney st")  # what search holds is held from here
    with CaptureQueriesContext(connection) as statements:
        found = suggest_codes("kidney sto")

    together = [
        each
        for each in statements
        if "lookup_indexterm" in each["sql"] and "matches" in each["sql"]
    ]
    assert len(together) == (1 if current_dialect().statements_together else 0)
    assert found[0].code == "N20.0"


def test_the_most_used_of_equally_near_corrections_is_asked_once_a_catalogue(db):
    asked = []

    class CountingDialect:
        def most_used(self, words):
            asked.append(words)
            return words[-1]

    dialect = CountingDialect()
    assert most_used_of(dialect, ["migraine", "migrans"], None) == "migrans"
    assert most_used_of(dialect, ["migraine", "migrans"], None) == "migrans"  # next key press
    assert len(asked) == 1
    catalogue_changed()
    assert most_used_of(dialect, ["migraine", "migrans"], None) == "migrans"
    assert len(asked) == 2


def test_with_a_shared_cache_the_word_list_is_read_again_only_for_a_new_catalogue(
    db, settings, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(spelling.time, "monotonic", lambda: clock[0])
    reads = []

    def read_words():
        reads.append(1)
        return [f"word{len(reads)}"]

    catalogue_changed()
    settings.REDIS_URL = "redis://cache.internal:6379/0"
    assert spelling.current_vocabulary(read_words).words == {"word1"}
    clock[0] += 10 * spelling.VOCABULARY_SECONDS
    assert spelling.current_vocabulary(read_words).words == {"word1"}  # no pause to re-read

    settings.REDIS_URL = ""  # each process its own cache: another's import goes unseen
    assert spelling.current_vocabulary(read_words).words == {"word2"}
    catalogue_changed()
    assert spelling.current_vocabulary(read_words).words == {"word3"}


def test_a_code_or_a_code_prefix_costs_no_query_for_the_systems_names(
    index_catalogue, served_search, django_assert_max_num_queries
):
    client = served_search
    # The page's systems (its filter), the exact code; then the codes under the prefix.
    with django_assert_max_num_queries(2):
        exact = client.get("/search/", {"q": "n200"})
    with django_assert_max_num_queries(4):
        prefix = client.get("/search/", {"q": "N2"})

    assert exact.status_code == 302 and exact["Location"] == "/codes/icd-10-cm/N20.0/"
    assert prefix.status_code == 200
    assert 'href="/codes/icd-10-cm/N20.9/"' in prefix.content.decode()


def test_a_search_and_a_suggestion_read_the_catalogue_generation_once(index_catalogue, monkeypatch):
    """The counts, the spelling word list and the modifiers all hold per generation: read
    once a request, one round trip to the shared cache instead of three."""
    from lookup import selectors
    from lookup.search import search_codes
    from lookup.search.suggestions import suggestions

    search_codes("warm up")  # this process reads its counts and word list once
    reads = []
    read = selectors.CATALOGUE_GENERATION.read
    monkeypatch.setattr(selectors.CATALOGUE_GENERATION, "read", lambda: reads.append(1) or read())

    search_codes("abscess of left arm")
    searched = len(reads)
    suggestions("abscess left ar", None)

    assert searched == 1
    assert len(reads) == 1  # the suggestion reads it with its cached answer


def test_a_search_for_any_word_reads_the_index_paths_saying_the_rarer_words_first(db):
    """bm25 weighs a rare word more, ts_rank every word alike: given the words' rarity,
    PostgreSQL too puts "Pruritus" before paths saying the common "skin"."""
    itch = make_code("L29.9", make_system("icd-10-cm"), short_descriptor="Pruritus, unspecified")
    paths = [["Skin"], ["Skin", "dry"], ["Skin", "lesion"], ["Pruritus"]]
    for position, path in enumerate(paths):
        IndexTerm.objects.create(
            code=itch, source=IndexTerm.Source.MAIN, path=" > ".join(path), index_code="L29.9",
            terms=" | ".join(path).lower(), position=position,
        )  # fmt: skip
    dialect = current_dialect()
    query = text_query(dialect, [[("itchy",), ("pruritus",)], [("skin",)]], False, every=False)

    rarity = [[{"itchy": 9.0}, {"pruritus": 8.0}], [{"skin": 1.5}]]

    rows = dialect.index_term_rows(query, [], 1, rarity)

    assert [path for _, _, path, *_ in rows] == ["Pruritus"]


def test_a_search_for_any_word_counts_each_of_the_querys_things_once(db):
    """A path saying several alternatives of one thing ("upper", "arm", "limb" for "arm") is
    not worth more than one saying the query's rare word: "ringworm patch on my arm" reads
    Ringworm first on both databases."""
    ringworm = make_code("B35.9", make_system("icd-10-cm"), short_descriptor="Dermatophytosis")
    paths = [["Pain", "limb", "upper", "upper arm"], ["Crush", "extremity", "upper", "upper arm"],
             ["Ringworm"]]  # fmt: skip
    for position, path in enumerate(paths):
        IndexTerm.objects.create(
            code=ringworm, source=IndexTerm.Source.MAIN, path=" > ".join(path),
            index_code="B35.9", terms=" | ".join(path).lower(), position=position,
        )  # fmt: skip
    dialect = current_dialect()
    arm = [("arm",), ("upper", "arm"), ("upper", "extremity"), ("upper", "limb")]
    query = text_query(dialect, [[("ringworm",)], arm], False, every=False)
    rarity = [
        [{"ringworm": 10.1}],
        [{"arm": 4.9}, {"upper": 4.8, "arm": 4.9}, {"upper": 4.8, "extremity": 6.5},
         {"upper": 4.8, "limb": 5.5}],
    ]  # fmt: skip

    rows = dialect.index_term_rows(query, [], 1, rarity)

    assert [path for _, _, path, *_ in rows] == ["Ringworm"]


def test_the_words_found_in_a_short_descriptor_rank_it_above_a_long_one_repeating_them(db):
    """bm25 weighs a word by the length of what says it, and PostgreSQL's ranking so too:
    "laceration hand" finds the laceration of the hand before the tendon lacerations whose
    long descriptors say "hand" twice."""
    system = make_system("icd-10-cm")
    make_code(
        "S66.929A", system,
        short_descriptor="Laceration of tendon at hand level, hand",
        long_descriptor="Laceration of unspecified muscle, fascia and tendon at wrist and hand "
        "level, unspecified hand, initial encounter",
    )  # fmt: skip
    make_code(
        "S61.419A", system, short_descriptor="Laceration of hand",
        long_descriptor="Laceration without foreign body of unspecified hand, initial encounter",
    )  # fmt: skip
    dialect = current_dialect()

    found = dialect.ranked_code_ids(text_query(dialect, [[("laceration",)], [("hand",)]], False),
                                    [], [], 2)  # fmt: skip

    assert [Code.objects.get(pk=pk).code for pk in found] == ["S61.419A", "S66.929A"]


def test_index_paths_saying_a_left_out_word_give_way_to_the_next_best_ones(db):
    """The left-out qualifiers are checked on the best paths only, in order, until enough
    pass (PostgreSQL): the paths are those of checking every path, in the same order."""
    fracture = make_code("M84.40", make_system("icd-10-cm"), short_descriptor="Fracture")
    paths = [["Fracture", "pathological"], ["Fracture", "stress"], ["Fracture"],
             ["Fracture", "arm"], ["Fracture", "stress", "arm"], ["Fracture", "leg"]]  # fmt: skip
    for position, path in enumerate(paths):
        IndexTerm.objects.create(
            code=fracture, source=IndexTerm.Source.MAIN, path=" > ".join(path),
            index_code="M84.40", terms=" | ".join(path).lower(), position=position,
        )  # fmt: skip
    dialect = current_dialect()
    query = text_query(dialect, [[("fracture",)]], False)

    rows = dialect.index_term_rows(query, ["pathological", "stress"], 3)

    assert [path for _, _, path, *_ in rows] == ["Fracture", "Fracture > arm", "Fracture > leg"]


def test_a_common_word_ranks_its_first_matches_in_scope_in_table_order(db, monkeypatch):
    """Only the first RANKED_MATCHES codes in scope saying the word are ranked, however
    well a later one would rank: a code of another system does not take a place."""
    monkeypatch.setattr(dialects, "RANKED_MATCHES", 2)
    icd = make_system("icd-10-cm")
    make_code("A9999", make_system("hcpcs"), short_descriptor="Fever")
    first = make_code("R50.1", icd, short_descriptor="Fever, persistent, of unknown origin")
    second = make_code("R50.2", icd, short_descriptor="Fever due to a drug given")
    make_code("R50.9", icd, short_descriptor="Fever")  # the best match, but third

    found = ranked_code_ids(
        current_dialect(), [[("fever",)]], system_id=icd.pk, billable_only=False, limit=10
    )

    assert sorted(found) == sorted([first.pk, second.pk])


def test_what_search_holds_per_catalogue_is_read_again_for_a_new_one_or_after_a_while_alone(
    db, settings, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock[0])
    reads = []
    held = HeldPerGeneration(lambda: reads.append(1) or len(reads))

    settings.REDIS_URL = "redis://cache.internal:6379/0"
    assert held.get() == 1
    clock[0] += 10 * selectors.HELD_WITHOUT_SHARED_CACHE_SECONDS
    assert held.get() == 1  # a shared cache's generation tells of every change
    catalogue_changed()
    assert held.get() == 2
    settings.REDIS_URL = ""  # each process its own cache: another's import goes unseen
    clock[0] += selectors.HELD_WITHOUT_SHARED_CACHE_SECONDS + 1
    assert held.get() == 3


def test_a_suggestion_reads_no_dictionary_and_no_word_list_from_the_database(
    index_catalogue, served_search, django_assert_max_num_queries
):
    client = served_search
    client.get("/search/suggest", {"q": "kidney st"})  # what search holds is held from here
    # The index terms, the descriptor search (SQLite: bound and ranking), the candidates,
    # the codes under the index's headers, the suggestions' titles: never the dictionary.
    with django_assert_max_num_queries(5):
        kidney = client.get("/search/suggest", {"q": "kidney sto"})

    assert kidney.json()["suggestions"][0]["code"] == "N20.0"
