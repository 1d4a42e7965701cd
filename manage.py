#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main() -> None:
    # The development settings `make run` writes (DEBUG=1), so that any command works in a
    # checkout with no environment variables set. The environment wins over the file, and
    # gunicorn (config/wsgi.py) never reads it: production stays strict.
    load_dotenv(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings)
    except ImproperlyConfigured as error:
        # Django would go on without settings and fail later with "Models aren't loaded yet".
        sys.exit(f"{error} For development, `make run` writes .env with DEBUG=1.")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
