"""Delivery packets: build, track and hand out the per-state PDFs of a petition.

`delivery_build_start()` records a build and queues the Celery task
(petitions.tasks.delivery_build) after commit; the task calls
`delivery_build_run()`, which writes one PDF per state with confirmed signers
(petitions/packets.py) into one ZIP in private storage (settings.DELIVERY_ROOT,
never under a public URL) and reports its progress on the build's row.

Guarantees:
- At most one pending or running build per petition: a partial unique
  constraint in the database decides, so two clicks at once cannot both start.
- Signers are streamed from the database in chunks (one server-side cursor,
  ordered by state), so memory does not grow with the number of signers.
- The ZIP is written to a temporary file beside its final place and renamed
  when complete: a half-written file is never offered for download.
- Any error marks the build failed with a message; a build not heard from in
  settings.DELIVERY_BUILD_STALE_SECONDS counts as failed, so a progress bar is
  never stuck (a worker killed mid-build, a task that never reached the queue).
- Packets hold name, city, ZIP code and comment only: the query below selects
  nothing else (never the email).
"""

from __future__ import annotations

import gc
import logging
import os
import re
import tempfile
import time
import zipfile
from datetime import timedelta
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from states import us

from . import packets
from .models import DeliveryBuild, Signature
from .permissions import signer_data_access_allowed
from .selectors import petition_signatures_for_delivery, signatures_confirmed_by_state

logger = logging.getLogger(__name__)

# Rows fetched from the database per round trip.
CHUNK_SIZE = 2000


class DeliveryRefused(Exception):
    """A build cannot start now; `str(exc)` says why, `exc.build` is the active build if any."""

    def __init__(self, message, *, build=None):
        super().__init__(message)
        self.build = build


class _Cancelled(Exception):
    """The build's row left the running state while we worked (marked stale)."""


def delivery_root() -> Path:
    """settings.DELIVERY_ROOT, refusing any place a web server serves publicly."""
    root = Path(settings.DELIVERY_ROOT).resolve()
    public = [
        settings.STATIC_ROOT,
        settings.MEDIA_ROOT,
        *settings.STATICFILES_DIRS,
    ]
    for folder in filter(None, public):
        if root.is_relative_to(Path(folder).resolve()):
            raise ImproperlyConfigured(
                f"DELIVERY_ROOT ({root}) is inside a public folder ({folder}): "
                "delivery packets hold signers' names and must stay private."
            )
    return root


# --------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------


def delivery_builds_stale_fail(*, petition=None) -> int:
    """Mark builds failed that have not reported progress for too long; returns how many.

    Pending builds the worker never picked up count too (the task was lost or
    the queue is down), so the admin never shows a progress bar that cannot move.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.DELIVERY_BUILD_STALE_SECONDS)
    builds = DeliveryBuild.objects.filter(
        status__in=DeliveryBuild.ACTIVE, updated_at__lt=cutoff
    )
    if petition is not None:
        builds = builds.filter(petition=petition)
    minutes = max(1, round(settings.DELIVERY_BUILD_STALE_SECONDS / 60))
    return builds.update(
        status=DeliveryBuild.FAILED,
        finished_at=timezone.now(),
        message=(
            f"The build stopped: nothing was heard from the worker for {minutes} "
            f"minute{'s' if minutes != 1 else ''} (it may have restarted, or the task "
            "queue is down). Nothing was saved. Start the build again."
        ),
    )


def delivery_build_get(*, build_id) -> DeliveryBuild:
    """The build (petition selected), after retiring stale builds; DoesNotExist if none."""
    delivery_builds_stale_fail()
    return DeliveryBuild.objects.select_related("petition", "requested_by").get(
        pk=build_id
    )


def delivery_builds_for_petition(*, petition, limit=10):
    delivery_builds_stale_fail(petition=petition)
    return list(
        DeliveryBuild.objects.filter(petition=petition).select_related("requested_by")[
            :limit
        ]
    )


def delivery_build_status(*, build: DeliveryBuild) -> dict:
    """A build's progress as plain data (for the JSON endpoint and the page)."""
    return {
        "id": build.pk,
        "status": build.status,
        "status_label": build.get_status_display(),
        "active": build.is_active,
        "done": build.progress_done,
        "total": build.progress_total,
        "percent": build.percent,
        "states_done": build.states_done,
        "states_total": build.states_total,
        "message": build.message,
        "file_size": build.file_size,
        "ready": delivery_build_file(build=build) is not None,
    }


def delivery_build_file(*, build: DeliveryBuild) -> Path | None:
    """The finished ZIP's path in private storage, or None (not done, or the file is gone)."""
    if build.status != DeliveryBuild.DONE or not build.file_name:
        return None
    name = Path(build.file_name).name
    if name != build.file_name:  # only ever a bare file name we generated
        return None
    path = delivery_root() / name
    return path if path.is_file() else None


# --------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------


def delivery_build_start(*, petition, user) -> DeliveryBuild:
    """Record a new build of `petition`'s packets and queue it after commit.

    Raises PermissionDenied unless `user` may export signer data, and
    DeliveryRefused (with a message for the organizer) when the petition has
    no confirmed signers or a build of it is already pending or running.
    """
    if not signer_data_access_allowed(user):
        raise PermissionDenied
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
    from .tasks import delivery_build

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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _legislature(state: str, state_name: str) -> tuple[str, list[packets.Chamber]]:
    """The legislature's name and chambers, from the letters app's public functions."""
    from states import legislatures

    try:
        info = legislatures.jurisdiction(state)
        chambers = [
            packets.Chamber(name=chamber.name, seats=chamber.num_seats)
            for chamber in legislatures.chambers(state)
        ]
    except Exception:  # a code the metadata lacks: still deliver, addressed plainly
        logger.warning("No legislature metadata for %s", state, exc_info=True)
        return f"{state_name} legislature", []
    name = info.legislature_name or f"{state_name} legislature"
    if len(chambers) == 1 and chambers[0].name == name:
        chambers = [packets.Chamber(name="", seats=chambers[0].seats)]
    return name, chambers


class _Progress:
    """Counts signers as the PDFs consume them; writes progress every `every` signers."""

    def __init__(self, build_id, every):
        self.build_id = build_id
        self.every = every
        self.done = 0
        self.states_done = 0
        self.files = 0

    def save(self):
        updated = DeliveryBuild.objects.filter(
            pk=self.build_id, status=DeliveryBuild.RUNNING
        ).update(
            progress_done=self.done,
            states_done=self.states_done,
            updated_at=timezone.now(),
        )
        if not updated:
            raise _Cancelled

    def count(self, rows):
        for row in rows:
            yield row
            self.done += 1
            if self.done % self.every == 0:
                self.save()


def delivery_build_run(*, build_id, progress_every=None) -> str | None:
    """Build the packets of a pending build (the Celery task calls this).

    Claims the build (pending, or running but stale after a worker died), writes
    the ZIP and marks the build done; on any error marks it failed with a message
    and re-raises nothing. Returns the final status, or None when the build was
    not claimable (already finished, or being built by another worker).
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.DELIVERY_BUILD_STALE_SECONDS)
    claimed = (
        DeliveryBuild.objects.filter(pk=build_id)
        .filter(
            Q(status=DeliveryBuild.PENDING)
            | Q(status=DeliveryBuild.RUNNING, updated_at__lt=stale)
        )
        .update(
            status=DeliveryBuild.RUNNING,
            started_at=now,
            updated_at=now,
            progress_done=0,
            states_done=0,
            message="",
        )
    )
    if not claimed:
        logger.info("Delivery build %s is not pending; nothing to do", build_id)
        return None
    build = DeliveryBuild.objects.select_related("petition").get(pk=build_id)
    # Progress is written to the build's row every this many signers (and per state).
    progress_every = progress_every or settings.DELIVERY_PROGRESS_EVERY
    started = time.monotonic()
    try:
        name, size, states, files, signers = _write_zip(build, progress_every)
    except _Cancelled:
        logger.warning("Delivery build %s was cancelled while running", build_id)
        return DeliveryBuild.FAILED
    except Exception as exc:
        logger.exception("Delivery build %s failed", build_id)
        detail = f"{type(exc).__name__}: {exc}"[:300]
        DeliveryBuild.objects.filter(pk=build_id, status=DeliveryBuild.RUNNING).update(
            status=DeliveryBuild.FAILED,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
            message=f"The build failed and nothing was saved ({detail}). Start it "
            "again; if it fails again, the worker's log has the details.",
        )
        return DeliveryBuild.FAILED
    seconds = time.monotonic() - started
    finished = DeliveryBuild.objects.filter(
        pk=build_id, status=DeliveryBuild.RUNNING
    ).update(
        status=DeliveryBuild.DONE,
        file_name=name,
        file_size=size,
        progress_done=signers,
        progress_total=signers,
        states_done=states,
        states_total=states,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
        message=f"{files} PDF{'s' if files != 1 else ''} for {signers:,} "
        f"signer{'s' if signers != 1 else ''} in {states} "
        f"state{'s' if states != 1 else ''}, built in {seconds:.0f} s.",
    )
    if not finished:  # marked stale meanwhile: do not leave an orphan file
        (delivery_root() / name).unlink(missing_ok=True)
        return DeliveryBuild.FAILED
    return DeliveryBuild.DONE


def _write_zip(build: DeliveryBuild, progress_every: int):
    """Write the ZIP for `build`; returns (file name, size, states, PDFs, signers)."""
    petition = build.petition
    # One snapshot: signers confirmed after the build started wait for the next
    # one, so the counts on the cover letters match the tables.
    snapshot = build.started_at or timezone.now()
    counts = signatures_confirmed_by_state(petition=petition, confirmed_before=snapshot)
    total = sum(counts.values())
    DeliveryBuild.objects.filter(pk=build.pk).update(
        progress_total=total, states_total=len(counts), updated_at=timezone.now()
    )
    root = delivery_root()
    root.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(snapshot).strftime("%Y%m%d-%H%M%S")
    name = f"delivery-{_slug(petition.slug)[:60]}-{stamp}-{build.pk}.zip"
    today = timezone.localdate(snapshot)
    paragraphs = petition.paragraphs()
    progress = _Progress(build.pk, progress_every)
    rows = petition_signatures_for_delivery(
        petition=petition, confirmed_before=snapshot, chunk_size=CHUNK_SIZE
    )
    handle = tempfile.NamedTemporaryFile(
        dir=root, prefix=".partial-", suffix=".zip", delete=False
    )
    # The worker's long-lived objects (Django, fonts) are left out of the
    # collections after each PDF below, which then take well under a millisecond.
    gc.freeze()
    try:
        with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for state, signers in groupby(rows, key=itemgetter("state")):
                state_name = us.STATES.get(state, state)
                legislature, chambers = _legislature(state, state_name)
                state_count = counts.get(state, 0)
                parts = packets.parts_count(state_count)
                signers = progress.count(signers)
                for part in range(1, parts + 1):
                    info = packets.PacketInfo(
                        petition_title=petition.title,
                        petition_paragraphs=paragraphs,
                        petition_target=petition.target,
                        state=state,
                        state_name=state_name,
                        legislature=legislature,
                        chambers=chambers,
                        state_count=state_count,
                        total_count=total,
                        states_count=len(counts),
                        date=today,
                        sender=f"The organizers of {settings.SITE_NAME}",
                        part=part,
                        parts=parts,
                        first=(part - 1) * packets.SIGNERS_PER_PDF + 1,
                    )
                    member = f"{state}-{_slug(state_name)}"
                    if parts > 1:
                        member += f"-part-{part}-of-{parts}"
                    # The last part takes whatever is left (counts are a snapshot).
                    rows_here = (
                        signers
                        if part == parts
                        else islice(signers, packets.SIGNERS_PER_PDF)
                    )
                    with archive.open(f"{member}.pdf", "w", force_zip64=True) as out:
                        packets.packet_pdf(info, rows_here, out)
                    progress.files += 1
                    # reportlab leaves reference cycles (flowables, canvas, document):
                    # free each PDF now, so memory stays flat over many big files
                    # instead of waiting for the collector's next full pass.
                    gc.collect()
                progress.states_done += 1
                progress.save()
        os.chmod(handle.name, 0o600)
        os.replace(handle.name, root / name)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    finally:
        gc.unfreeze()
    size = (root / name).stat().st_size
    return name, size, progress.states_done, progress.files, progress.done
