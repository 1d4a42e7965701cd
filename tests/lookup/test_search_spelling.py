"""The indexed words each process keeps for spelling (lookup/search/spelling.py)."""

from lookup.search.spelling import Vocabulary, current_vocabulary
from lookup.selectors import catalogue_changed


def test_near_words_share_the_first_letter_and_most_trigrams():
    vocabulary = Vocabulary(["diabetes", "diabetic", "dialysis", "abetes", "migraine"])
    assert set(vocabulary.similar("diabetis")[:2]) == {"diabetes", "diabetic"}
    assert "abetes" not in vocabulary.similar("diabetis")  # another first letter


def test_two_known_words_run_together_are_split():
    vocabulary = Vocabulary(["pre", "eclampsia", "low", "back", "pain"])
    assert vocabulary.split("preeclampsia") == ("pre", "eclampsia")
    assert vocabulary.split("lowback") == ("low", "back")
    assert vocabulary.split("migraine") is None


def test_the_vocabulary_is_read_again_after_the_catalogue_changes(db):
    reads = []

    def read_words():
        reads.append(1)
        return ["first"] if len(reads) == 1 else ["second"]

    assert current_vocabulary(read_words).words == {"first"}
    assert current_vocabulary(read_words).words == {"first"}  # kept: no second read
    catalogue_changed()
    assert current_vocabulary(read_words).words == {"second"}
    assert len(reads) == 2
