"""How many FY2025 Alphabetic Index codes FY2026 split or retired, and where their terms lead.

Reads the imported index terms (bench database; imported first when missing) and the code
history in ../shared/data/icd10cm/history/icd10cm_validity.tsv: a complete index code (no
trailing "-") that was billable in FY2025 (valid on 2025-04-01) and is not in FY2026 (valid
on 2026-04-01) was split (the tabular list now has it as a header with subcodes) or retired.
Run: .venv/bin/python bench/index_code_check.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import csv

from common import SHARED_DATA, setup_django
from search_quality import load_everything

VALIDITY = SHARED_DATA / "icd10cm" / "history" / "icd10cm_validity.tsv"


def valid_on(row: dict, day: str) -> bool:
    return row["valid_from"] <= day and (not row["valid_to"] or day <= row["valid_to"])


if __name__ == "__main__":
    setup_django()
    load_everything()
    from lookup.models import IndexTerm

    with VALIDITY.open(encoding="utf-8") as lines:
        history = {row["code"]: row for row in csv.DictReader(lines, delimiter="\t")}
    terms = IndexTerm.objects.select_related("code")
    changed: dict[str, list] = {}
    for term in terms.exclude(index_code__endswith="-"):
        row = history.get(term.index_code)
        if row and valid_on(row, "2025-04-01") and not valid_on(row, "2026-04-01"):
            changed.setdefault(term.index_code, []).append(term)
    split = {code: found for code, found in changed.items() if found[0].code.code == code}
    retired = {code: found for code, found in changed.items() if code not in split}
    print(
        f"{terms.count():,} index terms; {len(changed)} FY2025 index codes not billable in FY2026:"
    )
    print(f"  split into subcodes: {len(split)} codes, {sum(map(len, split.values()))} terms")
    for code, found in sorted(split.items()):
        example = found[0]
        print(
            f"    {code} ({example.code.short_descriptor}): {len(found)} terms, e.g. {example.path}"
        )
    print(f"  retired (sent to the nearest parent): {len(retired)} codes")
    for code, found in sorted(retired.items()):
        print(f"    {code} -> {found[0].code.code}: {len(found)} terms")
