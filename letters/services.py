"""Writes for the letter flow. The only thing recorded is an anonymous count."""

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
