"""The admin speaks of CodeAtlas and of its models in plural English."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from tests.conftest import make_user


def naive_plural_is_wrong(singular: str, plural: str) -> bool:
    """Whether the plural is Django's default (the name and an "s") where English wants
    another ending: "localitys", "categorys", "analysiss", "boxs"."""
    return plural == singular + "s" and bool(re.search(r"([^aeiou]y|s|x|z|ch|sh)$", singular))


def test_admin_pages_name_the_site_not_django(client, db):
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))

    html = client.get("/admin/").content.decode()

    assert "CodeAtlas administration" in html
    assert "Django" not in html


def test_every_model_of_ours_has_a_plural_english_name():
    ours = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in config.path
    ]
    wrong = [
        str(model._meta.verbose_name_plural)
        for config in ours
        for model in config.get_models()
        if naive_plural_is_wrong(
            str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        )
    ]
    assert len(ours) >= 5
    assert not wrong, f"admin plurals to fix: {wrong}"
