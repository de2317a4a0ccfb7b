"""Structured logs: one JSON object per line on stdout (production, gunicorn).

Each line carries time, level, logger and message, plus the request method,
path and status where the record knows them (Django's request loggers,
gunicorn's access log). Client IP addresses, query strings and email
addresses are never written, because a signer's address must not end up in a
log aggregator.

python-json-logger does the formatting and serializing (`JsonFormatter`, a
thin subclass that picks our fields: no record extras, so a `request` object
is never dumped, and time in UTC to the millisecond). The scrubbing is a
`logging.Filter`, `ScrubFilter`, attached to the handler in
`logging_config()`: it rewrites the record's message, exception and stack
text, the request path it exposes, and gunicorn's access atoms. The formatter
runs the same filter once more (a no-op on a record already scrubbed), so a
`JsonFormatter` used on another handler never writes personal data either.
"""

import logging
import re
from datetime import UTC, datetime

from pythonjsonlogger import json as jsonlogger

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
    """In `text`, replace emails, IP addresses (except loopback) and looked-up ZIP codes."""
    text = EMAIL_RE.sub("[email]", text)
    text = ZIP_LOOKUP_RE.sub(r"\1[zip]\2", text)
    text = IPV4_RE.sub(_ip, text)
    return IPV6_RE.sub(_ip, text)


_plain = logging.Formatter()


def _is_access(record):
    # gunicorn passes its atoms as the args dict.
    return record.name == "gunicorn.access" and isinstance(record.args, dict)


class ScrubFilter(logging.Filter):
    """Remove emails, IP addresses and looked-up ZIP codes from a record.

    The message is rendered and scrubbed (args dropped); the exception is
    rendered once into `exc_text`, which logging's formatters reuse; a
    request's method and path are exposed as `http_method`/`http_path`
    (the request itself is left alone). Never drops a record.
    """

    def filter(self, record):
        if getattr(record, "_scrubbed", False):
            return True
        record._scrubbed = True
        if _is_access(record):
            atoms = record.args
            for key, value in atoms.items():
                if isinstance(value, str):
                    atoms[key] = scrub(value)
        else:
            record.msg = scrub(record.getMessage())
            record.args = None
            request = getattr(record, "request", None)
            path = getattr(request, "path", None)
            if isinstance(path, str):
                record.http_method = getattr(request, "method", None)
                record.http_path = scrub(path)
        if record.exc_info and not record.exc_text:
            record.exc_text = _plain.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class JsonFormatter(jsonlogger.JsonFormatter):
    """python-json-logger's formatter with our fields, without personal data."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("json_default", str)
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
        self._scrub = ScrubFilter()

    def format(self, record):
        self._scrub.filter(record)
        return super().format(record)

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.fromtimestamp(record.created, tz=UTC).isoformat(
            timespec="milliseconds"
        )
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        if _is_access(record):
            # Keep the safe atoms only: never the client address ("h") or
            # the query string ("q").
            atoms = record.args
            log_data["message"] = "request"
            log_data["method"] = atoms.get("m")
            log_data["path"] = str(atoms.get("U") or "")
            log_data["status"] = _int_or_none(atoms.get("s"))
            log_data["bytes"] = _int_or_none(atoms.get("B"))
            log_data["duration_ms"] = _int_or_none(atoms.get("M"))
        else:
            log_data["message"] = record.message
            if hasattr(record, "http_path"):
                log_data["method"] = record.http_method
                log_data["path"] = record.http_path
            status = getattr(record, "status_code", None)
            if status is not None:
                log_data["status"] = status
        if record.exc_text:
            log_data["exception"] = record.exc_text
        elif record.stack_info:
            log_data["stack"] = record.stack_info


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
        "filters": {"scrub": {"()": "core.jsonlog.ScrubFilter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["scrub"],
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
