"""docs/ says what the code does: the settings page names every setting config/ reads from
the environment, and nothing config/ does not read."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
READERS = r"(?:environ\.get|env_int|env_bool|env_list)\(\s*\"([A-Z][A-Z0-9_]+)\""


def names_read_from_the_environment() -> set[str]:
    source = "".join(
        (PROJECT / "config" / name).read_text() for name in ["settings.py", "gunicorn.py"]
    )
    names = set(re.findall(READERS, source))
    if "dj_database_url.config(" in source:
        names.add("DATABASE_URL")  # the library reads it under that name
    return names


def settings_rows() -> list[str]:
    page = (PROJECT / "docs" / "settings.md").read_text()
    return [line for line in page.splitlines() if line.startswith("| `")]


def test_the_settings_page_names_every_setting_read_from_the_environment():
    documented = {
        name for row in settings_rows() for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)
    }

    assert names_read_from_the_environment() - documented == set()


def test_the_settings_page_names_no_setting_the_code_does_not_read():
    named = {
        name
        for row in settings_rows()
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }

    assert named - names_read_from_the_environment() == set()


def test_the_readme_stays_short_and_states_the_first_run_figure_bench_measures():
    readme = (PROJECT / "README.md").read_text()

    assert len(readme.splitlines()) <= 200
    assert re.search(r"\*\*\d+ s\*\* from a fresh clone to a served page", readme)
    assert "bench/first_run.py" in readme
