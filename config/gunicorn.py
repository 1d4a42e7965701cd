"""gunicorn settings for `make serve` and production: gunicorn -c config/gunicorn.py config.wsgi"""

import gc
import multiprocessing
import os

# Production binds a unix socket only nginx may open (deploy/README.md): a TCP port, even on
# loopback, lets any local user skip nginx and forge X-Forwarded-For.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The socket's mode: its owner and group (nginx's) may connect, nobody else.
umask = 0o007
# Two workers per core plus one: workers wait on the database much of the time.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# Access log on stdout with the path alone: no client address and no query string, which
# holds searches and CasePilot questions (they may name a patient). Django adds its own
# structured line per request with the meter's decision.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker) -> None:
    """Once the worker has loaded the site, keep what loading made (modules, settings, models:
    about 150,000 objects, there for the worker's life) out of Python's full collections.
    Each full collection walked all of them in the middle of some request: 40-190 ms on the
    shared machine, the slowest of a page's requests (bench/README.md, issue 29)."""
    gc.freeze()
