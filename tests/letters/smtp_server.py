"""A local SMTP server (aiosmtpd) that records what arrives, for the send tests.

`plan` scripts the answers per recipient: a list of replies used one per
delivery attempt ("451 4.7.1 Try again later", "550 5.1.1 No such mailbox",
or "hold": record the message, touch `held_marker`, then wait before
answering, so a test can kill the worker at the worst moment); once the
list is used up, messages are accepted.
"""

import asyncio
import email
import email.policy
import socket
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.plan = {}
        self.attempts = {}
        self.held_marker = None
        self.hold_seconds = 60
        self.lock = threading.Lock()

    def _next(self, address):
        with self.lock:
            self.attempts[address] = self.attempts.get(address, 0) + 1
            steps = self.plan.get(address) or []
            return steps.pop(0) if steps else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        step = self._next(address)
        if step and step != "hold":
            return step
        envelope.rcpt_tos.append(address)
        envelope.hold = getattr(envelope, "hold", False) or step == "hold"
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self.lock:
            self.messages.append({"rcpt": list(envelope.rcpt_tos), "message": message})
        if getattr(envelope, "hold", False):
            if self.held_marker:
                Path(self.held_marker).write_text("held")
            await asyncio.sleep(self.hold_seconds)
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [m["message"] for m in self.messages if address in m["rcpt"]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()
