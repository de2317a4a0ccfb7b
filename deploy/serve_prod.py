"""`make serve-prod`: the production shape on this machine.

gunicorn (web) + a Celery worker + Celery beat, started by honcho from the
Procfile, with production settings against the local PostgreSQL and Redis.
Before starting: creates the database if missing, migrates, collects static
files and loads the seeded content and the legislators snapshot.

Every value can be overridden from the environment; the defaults are for
plain http on 127.0.0.1 (DJANGO_SECURE_SSL_REDIRECT=false, non-secure
cookies), and a secret key is generated once into var/serve-prod-secret-key.
The resolved environment is written to var/serve-prod.env for honcho.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
BIN = Path(sys.executable).parent

DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "advocacy.settings.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/advocacy_prod",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    # Plain http locally: browsers drop Secure cookies over http.
    "DJANGO_SESSION_COOKIE_SECURE": "false",
    "DJANGO_CSRF_COOKIE_SECURE": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "PORT": "8000",
    "WEB_CONCURRENCY": "2",
    "CELERY_CONCURRENCY": "2",
    "CELERY_BEAT_SCHEDULE_FILE": str(VAR_DIR / "celerybeat-schedule"),
    "EMAIL_OUTBOX_DIR": str(VAR_DIR / "outbox"),
    "LOG_LEVEL": "INFO",
}


def say(text):
    sys.stdout.write(f"serve-prod: {text}\n")
    sys.stdout.flush()


def secret_key():
    path = VAR_DIR / "serve-prod-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def resolved_env():
    env = {name: os.environ.get(name) or value for name, value in DEFAULTS.items()}
    env["DJANGO_SECRET_KEY"] = os.environ.get("DJANGO_SECRET_KEY") or secret_key()
    env["SITE_URL"] = os.environ.get("SITE_URL") or f"http://127.0.0.1:{env['PORT']}"
    return env


def database_create_if_missing(url):
    """CREATE DATABASE for the URL's name, connecting to the server's `postgres` db."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            say(f"created database {name}")


def manage(*args, env):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=BASE_DIR, env=env, check=True
    )


def main():
    VAR_DIR.mkdir(exist_ok=True)
    env = resolved_env()
    full_env = {**os.environ, **env}
    database_create_if_missing(env["DATABASE_URL"])
    manage("migrate", "--noinput", env=full_env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=full_env)
    manage("compile_translations", env=full_env)
    manage("load_content", env=full_env)
    manage("load_snapshot", env=full_env)
    env_file = VAR_DIR / "serve-prod.env"
    env_file.write_text(
        "".join(f"{key}={value}\n" for key, value in sorted(env.items()))
    )
    env_file.chmod(0o600)
    say(f"http://127.0.0.1:{env['PORT']}/ (Ctrl-C stops all)")
    honcho = [
        str(BIN / "honcho"),
        "start",
        "--no-colour",
        "--env",
        str(env_file),
        "--procfile",
        str(BASE_DIR / "Procfile"),
        "--app-root",
        str(BASE_DIR),
        "--port",
        env["PORT"],
    ]
    # PATH first in the venv so the Procfile's gunicorn and celery are ours.
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    os.execv(honcho[0], honcho)


if __name__ == "__main__":
    main()
