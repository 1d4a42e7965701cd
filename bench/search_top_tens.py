"""The top ten of search and of suggest for every development query (bench/
search_queries_dev*.tsv; never a held-out one), and of suggest for each query less its last
two letters, as typed, written to a file: run before and after a change meant to keep
results, then diff the two files.
Run: .venv/bin/python bench/search_top_tens.py build/before.txt   (BENCH_DATABASE_URL=...)
"""

import sys
from pathlib import Path

from common import ROOT, setup_django
from search_quality import load_everything, searched, suggested, warmed_up_client


def main() -> None:
    out = Path(sys.argv[1])
    setup_django()
    load_everything()
    client = warmed_up_client()
    lines = []
    for path in sorted((ROOT / "bench").glob("search_queries_dev*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            query = line.split("\t")[0]
            asked = [("search", query, searched), ("suggest", query, suggested)]
            if len(query) > 4:
                asked.append(("suggest", query[:-2], suggested))
            for kind, text, ask in asked:
                lines.append(f"{path.name}\t{kind}\t{text}\t{' '.join(ask(client, text)[1][:10])}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} top tens written to {out}")


if __name__ == "__main__":
    main()
