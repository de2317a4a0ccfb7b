"""Test settings: fast hasher, locmem email, eager Celery.

Database and Redis still come from the environment, so CI runs the same
suite against PostgreSQL and Redis (`.ci/run`).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")

from .base import *  # noqa: E402,F403
from .base import VAR_DIR  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_OUTBOX_DIR = VAR_DIR / "test-outbox"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PRIVATE_STORAGE_ROOT = VAR_DIR / "test-private"
DELIVERY_ROOT = PRIVATE_STORAGE_ROOT / "deliveries"
