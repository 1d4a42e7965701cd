"""`make run` serves without Redis, and its task worker imports the full catalogue in another
process: the two share a cache in files (CACHE_DIRECTORY), so that the worker's changes show
on the web server's next request rather than after its cached pages expire."""

import os
import subprocess
import sys

from django.conf import settings as django_settings

from lookup.models import Code

DESCRIPTOR = "Biopsy, soft tissue of thigh or knee area; superficial"
IMPORTED = "Biopsy, soft tissue of thigh or knee area; superficial, as the import has it"


def change_the_catalogue_in_another_process(cache_directory) -> None:
    """What the task worker does after an import's bulk writes, which send no signal."""
    environment = os.environ | {
        "CACHE_DIRECTORY": str(cache_directory),
        "REDIS_URL": "",
        "DEBUG": "1",
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from lookup.selectors import catalogue_changed; catalogue_changed()",
        ],
        cwd=django_settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )


def test_a_catalogue_change_in_another_process_shows_on_the_next_request(
    client, biopsy, tmp_path, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    assert DESCRIPTOR in client.get("/codes/cpt/27323/").content.decode()
    Code.objects.filter(pk=biopsy.pk).update(long_descriptor=IMPORTED)
    assert IMPORTED not in client.get("/codes/cpt/27323/").content.decode()  # the cached page

    change_the_catalogue_in_another_process(tmp_path)

    assert IMPORTED in client.get("/codes/cpt/27323/").content.decode()
