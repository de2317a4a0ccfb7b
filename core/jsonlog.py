"""Structured logs: one JSON object per line on stdout (production, gunicorn).

Each line carries time, level, logger and message, plus the request method,
path and status where the record knows them (Django's request loggers,
gunicorn's access log). Client IP addresses, query strings and email
addresses are never written: the message is scrubbed as a second line of
defence, because a signer's address must not end up in a log aggregator.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IPV4_RE = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Full IPv6 (eight groups) and compressed forms with "::" ("fe80::1", "::1");
# times such as 12:30:45 do not match.
H16 = r"[0-9a-fA-F]{1,4}"
IPV6_RE = re.compile(
    rf"(?<![\w:])(?:(?:{H16}:){{7}}{H16}"
    rf"|(?:{H16}(?::{H16}){{0,6}})?::(?:{H16}(?::{H16}){{0,6}})?)(?![\w:])"
)


# A reader's ZIP code lookup (letters, /letters/zip/<zip>.json) must not be
# logged with the ZIP: the path keeps its shape, not the digits.
ZIP_LOOKUP_RE = re.compile(r"(/letters/zip/)[^/?#]+(\.json)")

# The server's own listening addresses are not personal data.
KEEP_ADDRESSES = {"127.0.0.1", "0.0.0.0", "::1", "::"}


def _ip(match):
    return match.group(0) if match.group(0) in KEEP_ADDRESSES else "[ip]"


def scrub(text):
    """Replace emails, IP addresses (except loopback) and looked-up ZIP codes."""
    text = EMAIL_RE.sub("[email]", text)
    text = ZIP_LOOKUP_RE.sub(r"\1[zip]\2", text)
    text = IPV4_RE.sub(_ip, text)
    return IPV6_RE.sub(_ip, text)


class JsonFormatter(logging.Formatter):
    """Format a record as a single JSON line, without personal data."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn passes its atoms as the args dict: keep the safe ones.
            atoms = record.args
            entry["message"] = "request"
            entry["method"] = atoms.get("m")
            entry["path"] = scrub(str(atoms.get("U") or ""))
            entry["status"] = _int_or_none(atoms.get("s"))
            entry["bytes"] = _int_or_none(atoms.get("B"))
            entry["duration_ms"] = _int_or_none(atoms.get("M"))
        else:
            entry["message"] = scrub(record.getMessage())
            request = getattr(record, "request", None)
            path = getattr(request, "path", None)
            if isinstance(path, str):
                entry["method"] = getattr(request, "method", None)
                entry["path"] = scrub(path)
            status = getattr(record, "status_code", None)
            if status is not None:
                entry["status"] = status
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        elif record.stack_info:
            entry["stack"] = scrub(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def logging_config(level="INFO"):
    """A dictConfig for JSON lines on stdout, shared by Django and gunicorn."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "core.jsonlog.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Django's runserver logger repeats the client address: not used
            # in production, silenced to be sure.
            "django.server": {"level": "ERROR"},
            "gunicorn.error": {
                "handlers": ["stdout"],
                "level": level,
                "propagate": False,
            },
            "gunicorn.access": {
                "handlers": ["stdout"],
                "level": "INFO",
                "propagate": False,
            },
        },
    }
