"""Semantic retrieval: the vector search is tested with small made-up vectors, always; the
real model only where the [semantic] extra is installed."""

import hashlib

import numpy
import pytest

from assistant import semantic
from assistant.models import IndexedSection
from assistant.semantic import VectorIndex, embed_index, nearest_row_ids, vector_bytes
from tests.assistant.conftest import ask_json


def unit(*values: float) -> numpy.ndarray:
    vector = numpy.array(values, dtype=numpy.float32)
    return vector / numpy.linalg.norm(vector)


def made_up_embedding(texts: list[str]) -> numpy.ndarray:
    """Words hashed into 32 dimensions: texts sharing words point the same way."""
    vectors = numpy.zeros((len(texts), 32), dtype=numpy.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            vectors[row, hashlib.sha256(word.strip(".,?").encode()).digest()[0] % 32] += 1
    norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / numpy.where(norms == 0, 1, norms)


@pytest.fixture
def made_up_model(monkeypatch, settings):
    settings.ASSISTANT_SEMANTIC = True
    monkeypatch.setattr(semantic, "embed", made_up_embedding)
    semantic.current_vectors.cache_clear()
    yield
    semantic.current_vectors.cache_clear()


def test_nearest_rows_come_first_by_cosine():
    index = VectorIndex(
        [10, 20, 30],
        [False, False, False],
        [vector_bytes(unit(1, 0, 0)), vector_bytes(unit(1, 1, 0)), vector_bytes(unit(0, 0, 1))],
    )

    assert index.nearest(unit(1, 0.1, 0), include_gated=False, limit=2) == [10, 20]


def test_gated_rows_are_left_out_unless_allowed():
    index = VectorIndex([1, 2], [True, False], [vector_bytes(unit(1, 0)), vector_bytes(unit(0, 1))])

    assert index.nearest(unit(1, 0), include_gated=False, limit=5) == [2]
    assert index.nearest(unit(1, 0), include_gated=True, limit=5) == [1, 2]


def test_equal_scores_are_ordered_by_id_and_an_empty_index_finds_nothing():
    same = vector_bytes(unit(1, 0))
    assert VectorIndex([7, 3], [False, False], [same, same]).nearest(
        unit(1, 0), include_gated=False, limit=5
    ) == [3, 7]
    assert VectorIndex([], [], []).nearest(unit(1, 0), include_gated=True, limit=5) == []


def test_turned_off_semantic_search_returns_nothing_and_loads_no_model(biopsy, monkeypatch):
    monkeypatch.setattr(semantic, "model", lambda: pytest.fail("the model must not load"))

    assert nearest_row_ids("thigh biopsy", include_gated=True, limit=5) == []


def test_embedding_the_index_skips_rows_already_embedded(biopsy, made_up_model):
    assert embed_index() == 4
    assert embed_index() == 0

    section = biopsy.sections.get(kind="guidelines")
    section.body = "A changed guideline."
    section.save()
    assert embed_index() == 1


def test_semantic_search_finds_a_row_by_its_words(biopsy, made_up_model):
    embed_index()
    fees = IndexedSection.objects.get(code=biopsy, kind="fees")

    assert nearest_row_ids("GATED-FEES-TEXT 8.23 RVUs", include_gated=True, limit=1) == [fees.pk]
    assert fees.pk not in nearest_row_ids("GATED-FEES-TEXT 8.23 RVUs", include_gated=False, limit=9)


def test_no_guest_answer_holds_gated_text_with_embeddings_on(client, marked_demo, made_up_model):
    embed_index()
    for question in ["registered readers only", "What does 8.23 RVU pay?", "modifiers for 27323"]:
        body = ask_json(client, question).content.decode()
        assert not any(marker in body for marker in marked_demo)


@pytest.mark.model
def test_real_model_ranks_a_lay_question_near_the_matching_section(demo, settings):
    settings.ASSISTANT_SEMANTIC = True
    semantic.current_vectors.cache_clear()
    embed_index()

    found = nearest_row_ids(
        "fatty lump under the skin of the right leg", include_gated=True, limit=5
    )

    codes = set(IndexedSection.objects.filter(pk__in=found).values_list("code__code", flat=True))
    assert "D17.23" in codes
