"""Settings read from the environment (12-factor).

Every variable is listed in `.env.example`. With nothing set, the site runs
embedded: SQLite under var/, local-memory cache, eager Celery, file outbox.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env is optional; real deployments set the environment directly.
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Debug mode only (`make run` writes DJANGO_DEBUG=true into a local .env);
# production settings refuse it.
DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-only"

if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
else:
    # Required: refuse to start in non-debug mode with a made-up key.
    SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The site's name: page titles, the header, error pages, emails, delivery packets.
SITE_NAME = env("SITE_NAME", default="Keep Your Data Out of AI")
# Whose forwarded headers name the client (core.middleware.ProxiedClientAddressMiddleware):
# proxies (addresses or networks) whose X-Real-IP / X-Forwarded-For is believed,
# and, for a platform router of unknown address (Heroku-like), how many
# X-Forwarded-For entries from the right it appends. None by default, in every
# settings module: deploy/advocacy.env.example sets nginx's address.
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

INSTALLED_APPS = [
    "advocacy.admin_site.AdvocacyAdminConfig",  # django.contrib.admin + dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "core",
    "advocacy",
    "states",
    "campaigns",
    "guides",
    "petitions",
    "letters",
]

MIDDLEWARE = [
    # First, so everything after it sees the client's address (a no-op unless
    # TRUSTED_PROXY_IPS or TRUSTED_PROXY_HOPS is set).
    "core.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL prefix (/es/...), never from a cookie or a header.
    "core.middleware.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF: sees the response while the "token used" flag is still set.
    "core.pagecache.PrivateTokenPagesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Security headers. Django's SecurityMiddleware sends these three (the values
# are Django's defaults, spelled out); X-Frame-Options is X_FRAME_OPTIONS.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp, through core.middleware.CSPMiddleware):
# nothing inline, nothing from another origin. The petition embed replaces
# frame-ancestors with * (core.middleware.frame_ancestors_allowed); /admin/
# pages add 'unsafe-inline' to style-src (Django's admin uses style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "advocacy.urls"
WSGI_APPLICATION = "advocacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "core.context_processors.languages",
            ],
        },
    },
]

# Database: SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="advocacy"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "advocacy",
        }
    }

# Sessions live in the database: no extra cookies, nothing to track.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Flash messages ride in the session too: no third "messages" cookie (/privacy/
# promises only the session and CSRF cookies).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_SAMESITE = "Lax"
# A failed CSRF check gets the site's page (Django's has an inline style the CSP blocks).
CSRF_FAILURE_VIEW = "advocacy.views.csrf_failure"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the paths it always had, Spanish under /es/ (advocacy/urls.py). The
# URL alone says the language (core.middleware.URLLanguageMiddleware): no
# language cookie, no session, no redirect on Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Private files (delivery packets, exports): never under a public URL.
PRIVATE_STORAGE_ROOT = Path(
    env("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private"))
)
# Petition delivery packets (ZIPs of PDFs with signer names): private, served
# only through the admin to staff with the export permission. A build not heard
# from for DELIVERY_BUILD_STALE_SECONDS counts as failed.
DELIVERY_ROOT = Path(
    env("DELIVERY_ROOT", default="") or PRIVATE_STORAGE_ROOT / "deliveries"
)
DELIVERY_BUILD_STALE_SECONDS = env.int("DELIVERY_BUILD_STALE_SECONDS", default=600)
# How often (in signers) a build writes its progress for the admin's progress bar.
DELIVERY_PROGRESS_EVERY = env.int("DELIVERY_PROGRESS_EVERY", default=500)
# Packets hold signers' names: their ZIPs are deleted this many days after the
# build (checked daily), so a withdrawn signer does not linger in old packets.
DELIVERY_KEEP_DAYS = env.int("DELIVERY_KEEP_DAYS", default=30)

# Campaign updates (petitions.updates): emails to signers who agreed to hear
# more, sent by the worker at most UPDATES_EMAILS_PER_SECOND on average, in
# batches of that many seconds' worth; a sending update not heard from for
# UPDATES_STALE_SECONDS (a killed worker) is resumed by beat.
UPDATES_EMAILS_PER_SECOND = env.float("UPDATES_EMAILS_PER_SECOND", default=5.0)
UPDATES_BATCH_SECONDS = env.float("UPDATES_BATCH_SECONDS", default=10.0)
UPDATES_STALE_SECONDS = env.int("UPDATES_STALE_SECONDS", default=300)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: SMTP when EMAIL_HOST is set; otherwise a file outbox under var/ that
# /dev/outbox/ lists while DEBUG is on.
EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_FILE_PATH = None  # set below for the file outbox; petitions.outbox reads it
EMAIL_OUTBOX_DIR = Path(env("EMAIL_OUTBOX_DIR", default=str(VAR_DIR / "outbox")))
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
else:
    # Django's file backend with the outbox 0700 and its files 0600 (core/mail.py).
    EMAIL_BACKEND = env("EMAIL_BACKEND", default="core.mail.PrivateFileEmailBackend")
    EMAIL_FILE_PATH = EMAIL_OUTBOX_DIR
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Keep Your Data Out of AI <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write about their data (shown on /privacy/).
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="privacy@localhost")

# Celery: without a broker, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Fail fast when the broker is down at publish time; the periodic sweep
# sends what was not queued.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
}
CELERY_BEAT_SCHEDULE = {}
# beat's default scheduler, with its schedule file 0600 (core/beat.py).
CELERY_BEAT_SCHEDULER = "core.beat:PrivatePersistentScheduler"
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Salt for hashing IP addresses for rate limiting; IPs are never stored raw.
IP_HASH_SALT = env("IP_HASH_SALT", default=SECRET_KEY)

# Petitions: how long confirm/withdraw links work, when unconfirmed signatures
# are deleted, and how many signing attempts one network may make per window.
PETITION_CONFIRM_MAX_AGE_DAYS = env.int("PETITION_CONFIRM_MAX_AGE_DAYS", default=7)
PETITION_WITHDRAW_MAX_AGE_DAYS = env.int("PETITION_WITHDRAW_MAX_AGE_DAYS", default=365)
PETITION_UNCONFIRMED_MAX_AGE_DAYS = env.int(
    "PETITION_UNCONFIRMED_MAX_AGE_DAYS", default=30
)
PETITION_SIGN_RATE_LIMIT = env.int("PETITION_SIGN_RATE_LIMIT", default=20)
PETITION_SIGN_RATE_WINDOW_SECONDS = env.int(
    "PETITION_SIGN_RATE_WINDOW_SECONDS", default=600
)
# Admin sign-in: failed attempts allowed per window before signing in pauses
# for ADMIN_LOGIN_LOCKOUT_SECONDS (core/loginlimit.py): for one account from
# one network, for one account from anywhere, and from one network for any
# account. Counted by salted hashes in the cache, like the other limits.
ADMIN_LOGIN_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT = env.int(
    "ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT", default=20
)
ADMIN_LOGIN_NETWORK_FAILURE_LIMIT = env.int(
    "ADMIN_LOGIN_NETWORK_FAILURE_LIMIT", default=20
)
ADMIN_LOGIN_WINDOW_SECONDS = env.int("ADMIN_LOGIN_WINDOW_SECONDS", default=15 * 60)
ADMIN_LOGIN_LOCKOUT_SECONDS = env.int("ADMIN_LOGIN_LOCKOUT_SECONDS", default=15 * 60)

CELERY_BEAT_SCHEDULE["petitions-send-unsent-confirmations"] = {
    "task": "petitions.tasks.signature_confirmations_sweep",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["petitions-purge-unconfirmed"] = {
    "task": "petitions.tasks.signatures_unconfirmed_purge",
    "schedule": 60.0 * 60 * 6,
}
CELERY_BEAT_SCHEDULE["petitions-delete-old-delivery-packets"] = {
    "task": "petitions.tasks.delivery_files_purge",
    "schedule": 60.0 * 60 * 24,
}
CELERY_BEAT_SCHEDULE["petitions-resume-stalled-updates"] = {
    "task": "petitions.tasks.updates_stalled_resume",
    "schedule": 60.0,
}

# Guides: reader reports one client may send per window.
# A guide whose latest check is older than this many days says it may be out of date.
GUIDES_STALE_DAYS = env.int("GUIDES_STALE_DAYS", default=120)
GUIDES_REPORT_LIMIT = env.int("GUIDES_REPORT_LIMIT", default=5)
GUIDES_REPORT_WINDOW_SECONDS = env.int("GUIDES_REPORT_WINDOW_SECONDS", default=60 * 60)
# Guides: `manage.py check_guide_links` (weekly from beat when a broker is set):
# seconds per request, pause between two requests to one host, "slow" above.
GUIDES_LINK_TIMEOUT_SECONDS = env.float("GUIDES_LINK_TIMEOUT_SECONDS", default=10.0)
GUIDES_LINK_DELAY_SECONDS = env.float("GUIDES_LINK_DELAY_SECONDS", default=1.0)
GUIDES_LINK_SLOW_SECONDS = env.float("GUIDES_LINK_SLOW_SECONDS", default=5.0)
# Only with a real broker: eager (embedded) mode never fetches the internet by itself.
if CELERY_BROKER_URL:
    CELERY_BEAT_SCHEDULE["guides-check-links"] = {
        "task": "guides.tasks.guide_links_check",
        "schedule": crontab(day_of_week=1, hour=4, minute=0),  # Mondays 04:00
    }

# Letters: where `import_legislators --download` fetches Open States' bulk CSVs
# (<abbr>.csv per state), and how long to wait for each file.
OPENSTATES_DOWNLOAD_URL = env(
    "OPENSTATES_DOWNLOAD_URL", default="https://data.openstates.org/people/current/"
)
OPENSTATES_DOWNLOAD_TIMEOUT = env.int("OPENSTATES_DOWNLOAD_TIMEOUT", default=30)
# Letters: the ZIP lookup JSON (/letters/zip/<zip>.json) is public data that
# browsers may keep this long, and one network may ask this often per window.
ZIP_LOOKUP_MAX_AGE_SECONDS = env.int("ZIP_LOOKUP_MAX_AGE_SECONDS", default=60 * 60)
ZIP_LOOKUP_RATE_LIMIT = env.int("ZIP_LOOKUP_RATE_LIMIT", default=120)
ZIP_LOOKUP_RATE_WINDOW_SECONDS = env.int("ZIP_LOOKUP_RATE_WINDOW_SECONDS", default=60)
# Letters: unfinished letters live in sessions that expire after two hours;
# delete expired session rows every 15 minutes.
CELERY_BEAT_SCHEDULE["letters-clear-expired-sessions"] = {
    "task": "letters.tasks.sessions_expired_clear",
    "schedule": 60.0 * 15,
}

# Letters sent by email for the writer (issue 18, letters/sending/). Limits per
# day: letters one writer's email address may send, letters one network may
# send, and letters the site sends one office (more wait for the next day).
LETTERS_SEND_PER_EMAIL_PER_DAY = env.int("LETTERS_SEND_PER_EMAIL_PER_DAY", default=6)
LETTERS_SEND_PER_NETWORK_PER_DAY = env.int(
    "LETTERS_SEND_PER_NETWORK_PER_DAY", default=20
)
LETTERS_SEND_PER_OFFICE_PER_DAY = env.int("LETTERS_SEND_PER_OFFICE_PER_DAY", default=50)
# "Did they reply?" this many days after sending; "not yet" asks once more later.
LETTERS_FOLLOWUP_DAYS = env.int("LETTERS_FOLLOWUP_DAYS", default=14)
LETTERS_FOLLOWUP_AGAIN_DAYS = env.int("LETTERS_FOLLOWUP_AGAIN_DAYS", default=7)
# The letter text and the writer's email, name and address are deleted when the
# follow-up is answered or this many days after sending, whichever comes first;
# unconfirmed requests are deleted after LETTERS_UNCONFIRMED_KEEP_DAYS.
LETTERS_KEEP_DAYS = env.int("LETTERS_KEEP_DAYS", default=30)
LETTERS_UNCONFIRMED_KEEP_DAYS = env.int("LETTERS_UNCONFIRMED_KEEP_DAYS", default=7)
# The address letters go out from ("Ann Lee via <organization>" is put in front).
LETTERS_FROM_EMAIL = env("LETTERS_FROM_EMAIL", default="") or DEFAULT_FROM_EMAIL
# Retries of a mail server's temporary (4xx) refusal: base seconds, doubled each time.
LETTERS_SEND_RETRY_SECONDS = env.int("LETTERS_SEND_RETRY_SECONDS", default=60)
LETTERS_SEND_MAX_RETRIES = env.int("LETTERS_SEND_MAX_RETRIES", default=6)
# A letter claimed for sending this long ago by a worker that died is not sent
# again (at most once): it is recorded as sent, "interrupted".
LETTERS_SEND_STALE_SECONDS = env.int("LETTERS_SEND_STALE_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["letters-sending-sweep"] = {
    # Queue what waited for the next day or was never queued; mark stale sends.
    "task": "letters.tasks.letters_sending_sweep",
    "schedule": 60.0 * 5,
}
CELERY_BEAT_SCHEDULE["letters-digests"] = {
    "task": "letters.tasks.letters_digests_send",
    "schedule": crontab(hour=9, minute=0),  # once a day, 09:00 site time
}
CELERY_BEAT_SCHEDULE["letters-followups"] = {
    "task": "letters.tasks.letters_followups_send",
    "schedule": 60.0 * 60,
}
CELERY_BEAT_SCHEDULE["letters-forget"] = {
    "task": "letters.tasks.letters_forget",
    "schedule": 60.0 * 60 * 6,
}
