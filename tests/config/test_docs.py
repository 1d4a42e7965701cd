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
