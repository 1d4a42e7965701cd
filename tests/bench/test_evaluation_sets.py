"""The held-out parts of the evaluation sets in bench/ stay as they were frozen."""

import hashlib
import json
from pathlib import Path

CASEPILOT_QUESTIONS = Path(__file__).resolve().parents[2] / "bench" / "casepilot_questions.json"
# SHA-256 of the 55 held-out items of casepilot_questions.json, frozen before issue 24
# changed CasePilot (canonical JSON: sorted keys, no spaces, UTF-8).
CASEPILOT_HELD_OUT_DIGEST = "23bde99148502e06ba4cca23052982e3a237ffa04d715d8cad9b6514aa9fae12"


def test_casepilot_held_out_questions_are_unchanged():
    """The held-out quarter measures CasePilot on questions nobody tuned it on, so it was
    frozen before CasePilot changed: editing, adding or removing a held-out item (its
    question, expected fact, codes or reader) would let the figure follow the code. To
    measure something new, add items that are not held out."""
    items = json.loads(CASEPILOT_QUESTIONS.read_text(encoding="utf-8"))
    held_out = [item for item in items if item["held_out"]]
    canonical = json.dumps(held_out, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() == CASEPILOT_HELD_OUT_DIGEST
