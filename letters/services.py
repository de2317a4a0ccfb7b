"""Writes for the letter flow. The only thing recorded is an anonymous count."""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import LetterCount


def letter_count_increment(*, state, chamber: str, by: int = 1) -> None:
    """Add `by` letters to the state's count for the chamber (race-safe).

    An atomic UPDATE with F(); the row is created on first use. Two first
    requests racing on the unique (state, chamber) constraint retry the update.
    """
    updated = LetterCount.objects.filter(state=state, chamber=chamber).update(
        count=F("count") + by
    )
    if updated:
        return
    try:
        with transaction.atomic():
            LetterCount.objects.create(state=state, chamber=chamber, count=by)
    except IntegrityError:
        LetterCount.objects.filter(state=state, chamber=chamber).update(
            count=F("count") + by
        )


def letter_counts_increment(*, state, chambers) -> None:
    """Count the letters of one download (a chamber per letter) in one
    transaction: one commit for the PDF, however many legislators it holds."""
    with transaction.atomic():
        for chamber, by in Counter(chambers).items():
            letter_count_increment(state=state, chamber=chamber, by=by)


def sessions_expired_clear() -> int:
    """Delete expired sessions, including unfinished letters (names, addresses, stories).

    Django never loads an expired session, but its row stays in the database
    until removed; the letter flow promises deletion after two hours.
    Returns how many sessions were deleted.
    """
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
