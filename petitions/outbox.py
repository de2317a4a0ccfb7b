"""Read the file-based email outbox (development only, see /dev/outbox/).

Django's file backend appends each message, as raw MIME, to a `.log` file per
connection, separated by a line of 79 dashes.
"""

import email
import email.policy
import re
from pathlib import Path

from django.conf import settings

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
KEY_RE = re.compile(r"^(?P<file>[A-Za-z0-9_.-]+\.log)~(?P<index>\d+)$")


def outbox_dir():
    return Path(settings.EMAIL_FILE_PATH or settings.EMAIL_OUTBOX_DIR)


def _parse(raw):
    message = email.message_from_bytes(raw.strip(b"\n"), policy=email.policy.default)
    text_part = message.get_body(preferencelist=("plain",))
    return {
        "subject": str(message.get("Subject", "")),
        "to": str(message.get("To", "")),
        "from": str(message.get("From", "")),
        "date": str(message.get("Date", "")),
        "text": text_part.get_content() if text_part is not None else "",
    }


def _chunks(path):
    data = path.read_bytes()
    return [chunk for chunk in data.split(SEPARATOR) if chunk.strip()]


def outbox_messages(limit=200):
    """Newest first: dicts with key, subject, to, date."""
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    files = sorted(
        folder.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True
    )
    found = []
    for path in files:
        chunks = _chunks(path)
        for index in reversed(range(len(chunks))):
            parsed = _parse(chunks[index])
            parsed["key"] = f"{path.name}~{index}"
            found.append(parsed)
            if len(found) >= limit:
                return found
    return found


def outbox_message(key):
    """One message by key, or None (the key never reaches the filesystem
    unless it names a file that is in the outbox folder)."""
    match = KEY_RE.match(key or "")
    if not match:
        return None
    folder = outbox_dir()
    names = {p.name for p in folder.glob("*.log")} if folder.is_dir() else set()
    if match["file"] not in names:
        return None
    chunks = _chunks(folder / match["file"])
    index = int(match["index"])
    if index >= len(chunks):
        return None
    parsed = _parse(chunks[index])
    parsed["key"] = key
    return parsed
