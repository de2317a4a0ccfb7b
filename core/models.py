"""The organization that runs the site: one row, edited in the admin.

Its name, postal address and contact go on the letterhead of the petition
delivery packets, the footer of every page, /about/ and the emails. Its logo
is kept in private storage (core.files.organization_storage) and served by
/about/logo.png. `load_content` seeds a placeholder
(core/data/organization.yaml) that organizers must replace: while any field
still holds placeholder text (or an example.org address) the dashboard asks
for it, packet builds refuse to start, and the public pages and emails show
only the site's name.
"""

from urllib.parse import urlsplit

from django.db import models, transaction
from django.db.models import Q

from .files import organization_storage

# Every seeded text field carries this mark, so a placeholder is recognised
# whatever else an organizer has already changed.
PLACEHOLDER_MARK = "(edit in the admin)"
# Reserved for examples (RFC 2606, RFC 6761): never a real organization's address.
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
EXAMPLE_SUFFIXES = (".example", ".invalid", ".test", ".localhost")


def is_example_domain(host: str) -> bool:
    host = (host or "").lower().rstrip(".")
    return (
        host in EXAMPLE_DOMAINS
        or any(host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)
        or host.endswith(EXAMPLE_SUFFIXES)
        or host == "localhost"
    )


class Organization(models.Model):
    """Who runs the site; a singleton (its primary key is always 1)."""

    SINGLETON_ID = 1

    name = models.CharField(max_length=200)
    description = models.TextField(
        blank=True, help_text="One paragraph: who you are and what you work for."
    )
    description_es = models.TextField(
        "description (Spanish)",
        blank=True,
        help_text="The same paragraph in Spanish, for /es/about/. Empty: the "
        "Spanish page shows the English with a note.",
    )
    postal_address = models.TextField(
        help_text="As it goes on an envelope, one line per line: street, "
        "city, state and ZIP code. Legislative offices reply to it."
    )
    email = models.EmailField(
        "contact email", help_text="Where legislative offices and signers can write."
    )
    phone = models.CharField(max_length=40, blank=True, help_text="Optional.")
    website = models.URLField(blank=True)
    logo = models.ImageField(
        storage=organization_storage,
        blank=True,
        help_text="Optional: a PNG, JPEG, GIF or WebP picture, at most 5 MB. It "
        "is shrunk to fit 400×200 pixels and saved again as a PNG without its "
        "metadata (camera, place, date), and shown on the About page.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organization"
        verbose_name_plural = "organization"
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1), name="core_organization_singleton"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID  # only one row, however it is saved
        old = (
            Organization.objects.filter(pk=self.pk)
            .values_list("logo", flat=True)
            .first()
        )
        super().save(*args, **kwargs)
        if old and old != self.logo.name:
            # A replaced or cleared logo's file goes once the change is stored.
            storage = self._meta.get_field("logo").storage
            transaction.on_commit(lambda: storage.delete(old))

    @property
    def address_lines(self) -> list[str]:
        return [
            line.strip() for line in self.postal_address.splitlines() if line.strip()
        ]

    def placeholder_fields(self) -> list[str]:
        """Labels of the fields still to fill in: empty where required, holding
        the seeded placeholder text, or an example.org address."""
        missing = []
        for name in ("name", "description", "postal_address", "email", "phone"):
            value = getattr(self, name) or ""
            field = self._meta.get_field(name)
            if PLACEHOLDER_MARK in value or (not value.strip() and not field.blank):
                missing.append(str(field.verbose_name))
        email_domain = self.email.rpartition("@")[2]
        if self.email and is_example_domain(email_domain):
            missing.append(str(self._meta.get_field("email").verbose_name))
        if self.website and is_example_domain(urlsplit(self.website).hostname or ""):
            missing.append(str(self._meta.get_field("website").verbose_name))
        return list(dict.fromkeys(missing))

    @property
    def is_placeholder(self) -> bool:
        return bool(self.placeholder_fields())
