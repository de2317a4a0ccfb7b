"""An email backend for reliability tests: the file backend, slowed down.

With SLOW_EMAIL_SECONDS set, it writes a `sending-<pid>.marker` file into the
outbox, then waits that long before writing the email, so a test can kill the
worker while it is "sending". Used only by tests/reliability through the
EMAIL_BACKEND environment variable.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        delay = float(os.environ.get("SLOW_EMAIL_SECONDS", "0") or 0)
        if delay and email_messages:
            marker = Path(self.file_path) / f"sending-{os.getpid()}.marker"
            marker.write_text(", ".join(m.to[0] for m in email_messages))
            time.sleep(delay)
        return super().send_messages(email_messages)
