"""Delivery packets: start a build (queued to the worker after commit), hand
it to Celery, and purge old ZIPs.

`delivery_build_start()` records a build and queues the Celery task
(petitions.tasks.delivery_build) after commit; the task runs
petitions.delivery.worker.delivery_build_run(). At most one pending or running
build per petition: a partial unique constraint in the database decides, so
two clicks at once cannot both start.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import DeliveryBuild, Signature
from ..permissions import signer_data_access_allowed
from .selectors import (
    delivery_builds_stale_fail,
    delivery_root,
    organization_problem,
)

logger = logging.getLogger(__name__)


class DeliveryRefused(Exception):
    """A build cannot start now; `str(exc)` says why, `exc.build` is the active build if any."""

    def __init__(self, message, *, build=None):
        super().__init__(message)
        self.build = build


def delivery_build_start(*, petition, user) -> DeliveryBuild:
    """Record a new build of `petition`'s packets and queue it after commit.

    Raises PermissionDenied unless `user` may export signer data, and
    DeliveryRefused (with a message for the organizer) when the organization
    is missing or still the placeholder (packets print it on their
    letterhead), the petition has no confirmed signers, or a build of it is
    already pending or running.
    """
    if not signer_data_access_allowed(user):
        raise PermissionDenied
    problem = organization_problem()
    if problem:
        raise DeliveryRefused(problem)
    total = Signature.objects.filter(petition=petition).confirmed().count()
    if not total:
        raise DeliveryRefused(
            "This petition has no confirmed signatures yet, so there is nothing to "
            "deliver."
        )
    delivery_builds_stale_fail(petition=petition)
    try:
        with transaction.atomic():  # a savepoint: the constraint decides races
            build = DeliveryBuild.objects.create(
                petition=petition,
                requested_by=user if getattr(user, "pk", None) else None,
                progress_total=total,
            )
    except IntegrityError:
        active = (
            DeliveryBuild.objects.filter(
                petition=petition, status__in=DeliveryBuild.ACTIVE
            )
            .select_related("requested_by")
            .first()
        )
        who = ""
        if active and active.requested_by:
            who = f" by {active.requested_by.get_username()}"
        when = f" at {timezone.localtime(active.created_at):%H:%M}" if active else ""
        raise DeliveryRefused(
            f"Delivery packets for this petition are already being built (started"
            f"{when}{who}). Only one build runs at a time: wait for it to finish, "
            "then download it or start a new one.",
            build=active,
        ) from None
    pk = build.pk
    transaction.on_commit(lambda: delivery_build_queue(build_id=pk))
    return build


def delivery_build_queue(*, build_id) -> bool:
    """Hand the build to Celery; if the queue cannot be reached, mark it failed (never raise)."""
    from petitions.tasks import delivery_build

    try:
        delivery_build.apply_async(args=[build_id], retry=False)
    except Exception:  # kombu OperationalError, ConnectionError, OSError...
        logger.warning("Could not queue delivery build %s", build_id, exc_info=True)
        DeliveryBuild.objects.filter(pk=build_id, status=DeliveryBuild.PENDING).update(
            status=DeliveryBuild.FAILED,
            finished_at=timezone.now(),
            message="The build could not be handed to the task queue (is the "
            "worker's broker running?). Nothing was built. Try again in a minute.",
        )
        return False
    return True


def delivery_files_purge(*, now=None) -> int:
    """Delete the ZIPs of builds finished more than settings.DELIVERY_KEEP_DAYS ago.

    Packets list signers by name, so they are not kept for ever: a signer who
    withdraws disappears from the next build, and old ZIPs go after this many
    days. The build's row stays (its message says the file was deleted), as do
    partial files a killed worker left behind, once they are a day old.
    Returns the number of ZIPs deleted.
    """
    now = now or timezone.now()
    days = settings.DELIVERY_KEEP_DAYS
    root = delivery_root()
    old = DeliveryBuild.objects.filter(
        status=DeliveryBuild.DONE,
        finished_at__lt=now - timedelta(days=days),
    ).exclude(file_name="")
    deleted = 0
    for build in old:
        name = Path(build.file_name).name
        if name == build.file_name:  # only ever a bare file name we generated
            (root / name).unlink(missing_ok=True)
        build.file_name = ""
        build.file_size = None
        build.message = (
            f"{build.message} The ZIP was deleted {days} day{'s' if days != 1 else ''} "
            "after it was built: start a new build for current packets."
        ).strip()
        build.save(update_fields=["file_name", "file_size", "message"])
        deleted += 1
    if root.is_dir():
        cutoff = now.timestamp() - 24 * 60 * 60
        for partial in root.glob(".partial-*.zip"):
            if partial.stat().st_mtime < cutoff:
                partial.unlink(missing_ok=True)
    if deleted:
        logger.info(
            "Deleted %s delivery packet ZIP(s) older than %s days", deleted, days
        )
    return deleted
