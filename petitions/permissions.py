"""Who may see or export signer data (names, emails, ZIP codes, comments).

One rule, used by the admin list, the change pages, the CSV export and the
per-day view: an active staff member with both the `view_signature` and the
`export_signatures` permissions (superusers have every permission).
"""

VIEW_PERMISSION = "petitions.view_signature"
EXPORT_PERMISSION = "petitions.export_signatures"


def signer_data_access_allowed(user):
    """True when `user` may see or export personal data of signers."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm(VIEW_PERMISSION) and user.has_perm(EXPORT_PERMISSION)


SEND_UPDATES_PERMISSION = "petitions.send_updates"


def updates_send_allowed(user):
    """True when `user` may email a campaign update to its signers: an active
    staff member with the `send_updates` permission. Writing and previewing a
    draft needs only the model's add/change permissions."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm(SEND_UPDATES_PERMISSION)
