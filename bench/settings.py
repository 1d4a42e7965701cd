"""Settings for the serving benchmark: the site's own, plus a trivial view as the baseline."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
