"""Case2Code on a development set of queries (a file of bench/search_quality.py's format):
hit@1, @3 and @10 for search, suggest@3, by kind, and every miss at 3. A development set is
read while tuning, so its figures are not held out; search_quality.py gives those. The
queries below a line starting "# frozen" are a part kept back from tuning: their figures print
apart (with --frozen, when measuring at the end) and their misses are only counted.
Run: .venv/bin/python bench/search_dev_queries.py bench/search_queries_dev_modifiers.tsv
"""

import sys
from pathlib import Path

from common import machine_note, setup_django
from search_quality import (
    HEADER,
    Tally,
    load_everything,
    print_by_kind,
    print_misses,
    print_times,
    score_set,
    warmed_up_client,
)

FROZEN_MARK = "# frozen"


def frozen_queries(path: Path) -> set[str]:
    """The queries below the file's "# frozen" line, if it has one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    marks = [number for number, line in enumerate(lines) if line.startswith(FROZEN_MARK)]
    below = lines[marks[0] + 1 :] if marks else []
    return {line.split("\t")[0] for line in below if line.strip() and not line.startswith("#")}


def main() -> None:
    path = Path(next(each for each in sys.argv[1:] if not each.startswith("--")))
    note = machine_note()
    database = setup_django()
    load_everything()
    client = warmed_up_client()
    scored = score_set(client, path, wholly_held_out=False)
    frozen = frozen_queries(path)
    for each in scored:
        each.held_out = each.query in frozen  # the rest, tuned on: every miss is shown
    print(f"{path.name} on {database} (development set, not held out); {note}.")
    print(HEADER)
    if not frozen or "--frozen" in sys.argv:
        print(Tally(scored).line(path.stem))
        print_by_kind(scored)
    tuned = [each for each in scored if not each.held_out]
    if frozen and tuned:
        print(Tally(tuned).line("tuned part"))
    if frozen and "--frozen" in sys.argv:
        print(Tally([each for each in scored if each.held_out]).line("frozen part"))
    print_times(path.stem, scored)
    print_misses(path.name, scored, show_held_out=False)


if __name__ == "__main__":
    main()
