"""gunicorn configuration, read from the environment.

Used by the Procfile, `make serve-prod`, the systemd unit in deploy/ and the
reliability tests:  gunicorn --config gunicorn.conf.py advocacy.wsgi

Sync workers: nginx (deploy/nginx/advocacy.conf) buffers slow clients, so a
worker only ever waits on PostgreSQL or Redis, and both answer fast or fail
fast. Access log lines are JSON on stdout without the client's address.
"""

import os

# Before importing anything from advocacy: its __init__ loads the Celery app,
# which would otherwise default the settings module to advocacy.settings.base.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.production")

from core.jsonlog import logging_config  # noqa: E402


def _int(name, default):
    return int(os.environ.get(name, default))


# Where to listen: PORT (Heroku-style platforms) or GUNICORN_BIND.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Rule of thumb 2 x cores + 1; default 2 so a small machine keeps memory for workers.
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed (and logged); the database
# connect timeout (DATABASE_CONNECT_TIMEOUT, 3 s) is far below it.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM/HUP, workers finish the requests in flight for up to this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak can never grow without bound;
# the jitter stops all workers from restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Load Django once in the master and fork: faster start, shared memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
# Trust X-Forwarded-* only from the local proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips
# Workers' heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs: JSON lines on stdout (core.jsonlog), the same shape as Django's.
# The access log keeps method, path (without the query string), status,
# bytes and duration: never the client address or the user agent.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
logconfig_dict = logging_config(level=os.environ.get("LOG_LEVEL", "INFO").upper())
if os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() in ("0", "false", "no"):
    logconfig_dict["loggers"]["gunicorn.access"]["level"] = "WARNING"
proc_name = os.environ.get("GUNICORN_PROC_NAME", "advocacy")
# The runtime control socket (gunicornc) lives at one fixed path per user,
# so several instances on one host would fight over it; signals suffice.
control_socket_disable = os.environ.get(
    "GUNICORN_CONTROL_SOCKET", "false"
).lower() not in (
    "1",
    "true",
    "yes",
)
