"""JSON log lines: python-json-logger's formatter, our ScrubFilter on the handler."""

import io
import json
import logging

from django.utils.module_loading import import_string as resolve
from pythonjsonlogger.json import JsonFormatter as LibraryJsonFormatter

from core.jsonlog import JsonFormatter, ScrubFilter, logging_config


def test_formatter_is_python_json_logger_s():
    assert issubclass(JsonFormatter, LibraryJsonFormatter)


def test_the_handler_scrubs_for_any_formatter():
    """The filter alone keeps emails and IPs out, whatever formats the line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubFilter())
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("tests.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("from %s at %s", "jane@example.com", "2001:db8::7")
        try:
            raise ValueError("for 198.51.100.3 jane@example.com")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    text = stream.getvalue()
    assert "from [email] at [ip]" in text
    assert "ValueError: for [ip] [email]" in text
    assert "example.com" not in text and "198.51.100.3" not in text


def test_logging_config_lines_are_json_without_personal_data():
    """The handler as logging_config() builds it (without touching the root)."""
    config = logging_config()
    spec = config["handlers"]["stdout"]
    assert spec["filters"] == ["scrub"] and spec["formatter"] == "json"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(resolve(config["formatters"]["json"]["()"])())
    handler.addFilter(resolve(config["filters"]["scrub"]["()"])())
    logger = logging.getLogger("tests.jsonlog")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError("mail jane@example.com from 203.0.113.9")
        except RuntimeError:
            logger.exception("sign failed for %s", "jane@example.com")
        logger.warning("seen", extra={"request": object(), "secret": "a@b.org"})
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    text = stream.getvalue()
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["message"] == "sign failed for [email]"
    assert "RuntimeError: mail [email] from [ip]" in first["exception"]
    assert set(first) == {"time", "level", "logger", "message", "exception"}
    # Record extras are never dumped (only the known fields).
    assert set(second) == {"time", "level", "logger", "message"}
    assert "example.com" not in text and "203.0.113.9" not in text
    assert "a@b.org" not in text
