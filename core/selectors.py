"""Reads of the organization that runs the site (cached).

`organization_get()` is read on every packet build and every admin home page,
and changes only when an organizer saves it, so it is cached under a version
(core.versioning) that each save or delete bumps (core/signals.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .versioning import CacheVersion

VERSION = CacheVersion("organization")
TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class OrganizationInfo:
    """The organization as plain data (what the cache holds)."""

    name: str
    description: str
    address_lines: list[str]
    email: str
    phone: str
    website: str
    placeholder_fields: list[str] = field(default_factory=list)

    @property
    def is_placeholder(self) -> bool:
        return bool(self.placeholder_fields)

    @property
    def website_display(self) -> str:
        """The website without its scheme and trailing slash: "example.org/about"."""
        text = self.website.split("://", 1)[-1]
        return text.rstrip("/")


def organization_cache_bump():
    VERSION.bump()


def organization_get() -> OrganizationInfo | None:
    """The organization, or None when none is stored yet (before load_content)."""
    from .models import Organization

    def compute():
        row = Organization.objects.filter(pk=Organization.SINGLETON_ID).first()
        if row is None:
            return None
        return OrganizationInfo(
            name=row.name.strip(),
            description=row.description.strip(),
            address_lines=row.address_lines,
            email=row.email.strip(),
            phone=row.phone.strip(),
            website=row.website.strip(),
            placeholder_fields=row.placeholder_fields(),
        )

    value, _ = VERSION.cached("organization:info", compute, timeout=TIMEOUT)
    return value
