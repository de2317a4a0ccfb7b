"""The parts of a letter: who writes, to whom, and the composed result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class Sender:
    name: str
    street: str
    city: str
    zip_code: str
    state_abbr: str
    email: str = ""
    phone: str = ""


@dataclass
class Recipient:
    name: str
    title: str
    family_name: str
    chamber: str
    district: str
    address_lines: list[str] = field(default_factory=list)
    email: str = ""
    # e.g. "Virginia House of Delegates": printed in the address block.
    chamber_name: str = ""
    # Where address_lines come from: "legislator" (their own capitol address),
    # "chamber" (the chamber's official address, states/data/chambers.csv, which
    # then starts with the chamber's name) or "" (none: not mailable).
    address_source: str = ""
    state_abbr: str = ""
    phone: str = ""
    # A campaign's own office (address_source "custom"): how the letter opens,
    # e.g. "Dear Governor Spanberger:" (salutation_for's default otherwise).
    salutation: str = ""


# Recipient.chamber and LetterCount.chamber of a letter to a campaign's own
# office (not a legislator): campaigns.Campaign.Target.CUSTOM.
CUSTOM_CHAMBER = "custom"


@dataclass
class Letter:
    sender: Sender
    recipient: Recipient
    date: datetime.date
    subject: str
    salutation: str
    paragraphs: list[str]
    closing: str
    signature_name: str
    state_abbr: str
    state_name: str = ""
    # The language of the fixed text: "en" (what the office reads) or "es".
    language: str = "en"


POINT_CHOICES = [
    ("consent", "Consent before personal data trains AI"),
    ("minimization", "Data minimization"),
    ("private_right", "A private right of action"),
    ("delete", "A right to delete"),
]
POINT_KEYS = [key for key, _ in POINT_CHOICES]

BULLET = "• "
