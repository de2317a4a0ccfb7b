"""Reads of the organization that runs the site (cached).

`organization_get()` is read on every packet build, every admin home page and
every page that renders the footer, and changes only when an organizer saves
it, so it is cached under a version (core.versioning) that each save or
delete bumps (core/signals.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import current_language
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
    logo_name: str = ""  # the stored file's name in core.files.organization_storage
    version: int = 0  # the row's last save, in µs: ?v= on the logo's address
    description_es: str = ""  # for /es/about/; empty: the English with a note

    @property
    def is_placeholder(self) -> bool:
        return bool(self.placeholder_fields)

    @property
    def description_spanish_missing(self) -> bool:
        return bool(self.description) and not self.description_es

    @property
    def description_shown(self) -> str:
        """The description in the active language (the English when no Spanish)."""
        if current_language() == "es" and self.description_es:
            return self.description_es
        return self.description

    @property
    def description_shows_english(self) -> bool:
        return current_language() == "es" and self.description_spanish_missing

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_name)

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
            description_es=row.description_es.strip(),
            address_lines=row.address_lines,
            email=row.email.strip(),
            phone=row.phone.strip(),
            website=row.website.strip(),
            placeholder_fields=row.placeholder_fields(),
            logo_name=row.logo.name or "",
            version=int(row.updated_at.timestamp() * 1_000_000)
            if row.updated_at
            else 0,
        )

    value, _ = VERSION.cached("organization:info", compute, timeout=TIMEOUT)
    return value


def organization_public() -> OrganizationInfo | None:
    """The organization as the public may be shown it: None while it is still
    (even partly) the seeded placeholder, so no page or email ever prints
    "(edit in the admin)" or an example.org address as if it were real."""
    organization = organization_get()
    if organization is None or organization.is_placeholder:
        return None
    return organization
