"""The delivery build itself (the Celery task petitions.tasks.delivery_build
calls `delivery_build_run()`): one PDF per state with confirmed signers
(petitions/delivery/packets.py) into one ZIP in private storage
(settings.DELIVERY_ROOT, never under a public URL), progress reported on the
build's row.

Guarantees:
- Signers are streamed from the database in chunks (one server-side cursor,
  ordered by state), so memory does not grow with the number of signers.
- The ZIP is written to a temporary file beside its final place and renamed
  when complete: a half-written file is never offered for download.
- Any error marks the build failed with a message; a build not heard from in
  settings.DELIVERY_BUILD_STALE_SECONDS counts as failed, so a progress bar is
  never stuck (a worker killed mid-build, a task that never reached the queue).
- Packets hold name, city, ZIP code and comment only: the query selects
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
from django.db.models import Q
from django.utils import timezone

from core.files import private_dir
from states import us

from ..models import DeliveryBuild
from ..selectors import signatures_confirmed_by_state
from . import packets
from .selectors import delivery_root, petition_signatures_for_delivery

logger = logging.getLogger(__name__)

# Rows fetched from the database per round trip.
CHUNK_SIZE = 2000


class _Cancelled(Exception):
    """The build's row left the running state while we worked (marked stale)."""


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
    private_dir(root)  # 0700: packet names are not for other local users
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
