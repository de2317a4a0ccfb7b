"""The file outbox (no EMAIL_HOST): Django's file backend, kept private.

Each message file holds a signer's address and their confirm and withdraw
links, so the outbox folder is 0700 and its files 0600 whatever the umask.
"""

from django.conf import settings
from django.core.mail.backends import filebased

from .files import private_dir, private_open


class PrivateFileEmailBackend(filebased.EmailBackend):
    def __init__(self, *args, file_path=None, **kwargs):
        # Before Django's backend makes the folder (and its parents) 0755.
        folder = file_path if file_path is not None else settings.EMAIL_FILE_PATH
        if folder:
            private_dir(folder)
        super().__init__(*args, file_path=file_path, **kwargs)

    def open(self):
        if self.stream is None:
            self.stream = private_open(self._get_filename(), "ab")
            return True
        return False


def email_footer_context() -> dict:
    """What every email's sign-off needs (templates/includes/email_footer.*):
    the organization (None while it is still the placeholder: then only the
    site's name), the site's name and address, and /about/."""
    from django.urls import reverse

    from .selectors import organization_public

    return {
        "footer_org": organization_public(),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "about_url": f"{settings.SITE_URL}{reverse('about')}",
    }
