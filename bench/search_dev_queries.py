"""Case2Code on a development set of queries (a file of bench/search_quality.py's format):
hit@1, @3 and @10 for search, suggest@3, by kind, and every miss at 3. A development set is
read while tuning, so its figures are not held out; search_quality.py gives those.
Run: .venv/bin/python bench/search_dev_queries.py bench/search_queries_dev_modifiers.tsv
"""

import sys
from pathlib import Path

from common import machine_note, setup_django
from search_quality import (
    HEADER,
    WARM_UP_QUERIES,
    Tally,
    load_everything,
    print_by_kind,
    print_misses,
    print_times,
    score_set,
    searched,
    suggested,
)


def main() -> None:
    path = Path(sys.argv[1])
    note = machine_note()
    database = setup_django()
    load_everything()
    from django.test import Client

    from accounts.models import User

    client = Client()
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    client.force_login(user)
    for query in WARM_UP_QUERIES:
        searched(client, query)
        suggested(client, query)
    scored = score_set(client, path, wholly_held_out=False)
    for each in scored:
        each.held_out = False  # a development set: every miss is shown
    print(f"{path.name} on {database} (development set, not held out); {note}.")
    print(HEADER)
    print(Tally(scored).line(path.stem))
    print_by_kind(scored)
    print_times(path.stem, scored)
    print_misses(path.name, scored, show_held_out=True)


if __name__ == "__main__":
    main()
