"""The admin speaks of CodeAtlas and of its models in plural English."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from tests.conftest import make_user


def plural(noun: str) -> str:
    """English plural of a model's name, as an editor expects to read it in the admin."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


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
    wrong = {
        str(model._meta.verbose_name_plural): plural(str(model._meta.verbose_name))
        for config in ours
        for model in config.get_models()
        if model._meta.verbose_name_plural != plural(str(model._meta.verbose_name))
    }
    assert len(ours) >= 5
    assert not wrong, f"admin plurals to fix (found: expected): {wrong}"
