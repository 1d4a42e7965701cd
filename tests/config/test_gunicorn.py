"""gunicorn's own settings (config/gunicorn.py), as a deployment runs them."""

import datetime
import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

GUNICORN_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_access_log_names_the_path_without_query_string_or_address():
    access_log_format = runpy.run_path(str(GUNICORN_SETTINGS))["access_log_format"]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/assistant/?q=jane+doe+fell+off+a+ladder",
        "PATH_INFO": "/assistant/",
        "QUERY_STRING": "q=jane+doe+fell+off+a+ladder",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_X_FORWARDED_FOR": "198.51.100.9",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=1234)
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.9")])
    atoms = Logger(Config()).atoms(response, request, environ, datetime.timedelta(seconds=0.05))

    line = access_log_format % atoms

    assert '"GET /assistant/ HTTP/1.1" 200 1234 50ms' in line
    assert "jane" not in line and "?" not in line
    assert "203.0.113" not in line and "198.51.100" not in line


def test_a_worker_leaves_the_loaded_site_out_of_full_collections():
    post_worker_init = runpy.run_path(str(GUNICORN_SETTINGS))["post_worker_init"]
    loaded = len(gc.get_objects())
    try:
        post_worker_init(SimpleNamespace())
        assert gc.get_freeze_count() >= loaded * 0.9
        assert len(gc.get_objects()) < loaded * 0.1  # what a full collection walks
    finally:
        gc.unfreeze()
