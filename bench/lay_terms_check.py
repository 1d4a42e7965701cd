"""Checks lay-term entries against the catalogue: does each find its intended code in the first 3?

Reads lines term<TAB>expansion<TAB>code (lay_terms_codes.tsv unless a file is named; written
with the entries, never from an evaluation set); searches the expansion alone, then the lay term
(after the seed dictionary is loaded), and prints each miss. Codes ending in "-" accept every
code under them.
Run: .venv/bin/python bench/lay_terms_check.py [ENTRIES.tsv]
"""

import sys
from pathlib import Path

from common import setup_django
from search_quality import is_expected, load_everything, searched

ENTRIES = Path(__file__).resolve().parent / "lay_terms_codes.tsv"


def main() -> None:
    database = setup_django()
    load_everything()
    from django.test import Client

    client = Client()
    lines = Path(sys.argv[1] if len(sys.argv) > 1 else ENTRIES).read_text().splitlines()
    entries = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    found_both = 0
    for term, expansion, code in entries:
        misses = [
            query
            for query in (expansion, term)
            if not any(is_expected(each, [code]) for each in searched(client, query)[1][:3])
        ]
        for query in misses:
            print(f"MISS\t{term}\t{expansion}\t{code}\t{query}: {searched(client, query)[1][:3]}")
        found_both += not misses
    print(f"{found_both} of {len(entries)} entries find their code in the first 3 ({database}).")


if __name__ == "__main__":
    main()
