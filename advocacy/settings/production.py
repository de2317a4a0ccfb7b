"""Production: the same code with stricter values, all from the environment.

DEBUG is off and a real DJANGO_SECRET_KEY is required, whatever a local .env
says about debug mode. The production shape is PostgreSQL (persistent
connections with health checks), Redis as cache and rate-limit store, a
separate Redis database as Celery broker, so all three are required here.
HTTPS everywhere (behind a proxy that sets X-Forwarded-Proto); static files
hashed and compressed by whitenoise; logs as JSON lines on stdout.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from core.jsonlog import logging_config

from .base import *  # noqa: F403
from .base import (
    CACHES,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    CELERY_BROKER_URL,
    DATABASES,
    DEVELOPMENT_SECRET_KEY,
    REDIS_URL,
    STORAGES,
    env,
)

DEBUG = False

# A local .env may turn debug mode on for base.py (`make run` writes one), which
# falls back to the development key; production never does.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set the DJANGO_SECRET_KEY environment variable to a long random value "
        "(production refuses to start without one)"
    )
IP_HASH_SALT = env("IP_HASH_SALT", default=SECRET_KEY)

if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured(
        "Production needs PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/db"
    )
if not REDIS_URL:
    raise ImproperlyConfigured(
        "Production needs Redis: set REDIS_URL=redis://host:6379/0"
    )
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "Production needs a Celery broker: set CELERY_BROKER_URL=redis://host:6379/1 "
        "(a different Redis database than REDIS_URL)"
    )

# Redis outages degrade the cache to misses instead of failing requests
# (core/cache.py); short timeouts so a dead Redis costs milliseconds.
CACHES = {
    "default": {
        **CACHES["default"],
        "BACKEND": "core.cache.ResilientRedisCache",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# Fail fast while the database is unreachable instead of holding a worker:
# the request gets the 503 page (core.middleware) and the next one retries.
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
)

# HTTPS: the proxy (deploy/nginx) terminates TLS and sets X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers and monitors probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=True)
# SECURE_REFERRER_POLICY, SECURE_CONTENT_TYPE_NOSNIFF, X_FRAME_OPTIONS and
# CONTENT_SECURITY_POLICY: the same as in base.py.

# The client address for (hashed) rate limits: forwarded headers are believed
# only from TRUSTED_PROXY_IPS / TRUSTED_PROXY_HOPS, empty as in base.py (a
# gunicorn reached directly must not take X-Real-IP from anyone); the host's
# environment names its nginx (deploy/advocacy.env.example).

# Hashed, compressed static files served by whitenoise (run collectstatic).
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(STATIC_ROOT)))  # noqa: F405
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Tasks are acked late: a task whose worker died (killed, OOM, host lost) goes
# back to the queue once this many seconds pass without an ack. Keep it above
# the longest task; the email task is idempotent (a locked row records the send).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # Workers look for such abandoned tasks every interval x throttle seconds.
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
# kombu's Redis transport, minus a new redis-py client built per published
# message (core/celery_transport.py); other brokers keep their own.
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT = "core.celery_transport:Transport"

# Only the hashed names are kept (templates use {% static %}), and source maps,
# which browsers fetch only with developer tools open, are not pre-compressed:
# collectstatic does a third of the work.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

LOGGING = logging_config(level=env("LOG_LEVEL", default="INFO"))
# Celery workers log through the same JSON handler instead of their own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
