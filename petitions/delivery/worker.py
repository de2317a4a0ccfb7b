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
- Signers are grouped by district with one query per state for the ZIP
  table (states.selectors.zip_districts_likeliest: one dict of the state's
  ZIPs) and the database sorting the state's signers into those groups; no
  query per signer, and no signer list held in memory.
- Packets go out under the organization's letterhead (core.selectors): a
  build while it is missing or still the placeholder fails with a message.
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
from functools import partial
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core.files import private_dir
from core.selectors import organization_get
from states import legislatures, us
from states.selectors import (
    law_standings,
    zip_districts_likeliest,
    zip_districts_likeliest_states,
)

from ..models import DeliveryBuild
from ..selectors import signatures_confirmed_by_state
from . import packets
from .selectors import (
    delivery_root,
    organization_problem,
    petition_signatures_for_delivery,
    petition_zip_counts_for_delivery,
)

logger = logging.getLogger(__name__)

# Rows fetched from the database per round trip.
CHUNK_SIZE = 2000


class _Cancelled(Exception):
    """The build's row left the running state while we worked (marked stale)."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class OrganizationMissing(Exception):
    """No organization yet, or still the placeholder: packets cannot go out."""


def _legislature(state: str, state_name: str, wanted=()):
    """The legislature's name (or, for a campaign addressed to one chamber,
    that chamber's: "Virginia Senate"), the chambers to address, their
    metadata (states.legislatures) and whether the legislature is
    unicameral; a plain name and no chambers for a code it lacks.

    `wanted` is campaigns.Campaign.target_chambers (empty: every chamber)."""
    try:
        info = legislatures.jurisdiction(state)
        every = legislatures.chambers(state)
    except Exception:  # a code the metadata lacks: still deliver, addressed plainly
        logger.warning("No legislature metadata for %s", state, exc_info=True)
        return f"{state_name} legislature", [], [], False
    infos = [chamber for chamber in every if not wanted or chamber.chamber in wanted]
    infos = infos or list(every)  # a state without the wanted chamber: all of it
    unicameral = len(every) == 1
    name = info.legislature_name or f"{state_name} legislature"
    if len(infos) < len(every):  # one chamber of two: address it by its own name
        only = infos[0]
        return (
            f"{state_name} {only.name}",
            [packets.Chamber(name="", seats=only.num_seats)],
            infos,
            unicameral,
        )
    chambers = [
        packets.Chamber(name=chamber.name, seats=chamber.num_seats) for chamber in infos
    ]
    if len(chambers) == 1 and chambers[0].name == name:
        chambers = [packets.Chamber(name="", seats=chambers[0].seats)]
    return name, chambers, infos, unicameral


def _district_tallies(infos, zip_counts, lookup, unicameral=None):
    """(tallies, ZIP groups): signers per district in the grouping chamber (the
    upper one, or the only one) and the lower one, and for the grouping
    chamber the signers' ZIPs of each district in the tally's order (for the
    database to sort the signers by). ([], None) when the ZIP table has nothing
    for the state: the signers are then listed in the order they signed."""
    if not lookup or not infos:
        return [], None
    if unicameral is None:
        unicameral = len(infos) == 1
    tallies = []
    groups = None
    for info in infos[:2]:
        signers: dict[str | None, int] = {}
        shared: dict[str | None, int] = {}
        zips: dict[str | None, list[str]] = {}
        for zip5, count in zip_counts.items():
            guess = (lookup.get(zip5) or {}).get(info.chamber)
            district = guess.district if guess else None
            signers[district] = signers.get(district, 0) + count
            if guess and guess.spans > 1:
                shared[district] = shared.get(district, 0) + count
            zips.setdefault(district, []).append(zip5)
        order = sorted(
            (d for d in signers if d is not None), key=legislatures.district_sort_key
        )
        if None in signers:
            order.append(None)
        tallies.append(
            packets.DistrictTally(
                chamber=info.chamber,
                chamber_name=info.name,
                unicameral=unicameral,
                counts=[
                    packets.DistrictCount(d, signers[d], shared.get(d, 0))
                    for d in order
                ],
            )
        )
        if groups is None:  # the first chamber groups the signers
            groups = [zips[d] for d in order if d is not None]
    return tallies, groups


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
    build = DeliveryBuild.objects.select_related("petition__campaign").get(pk=build_id)
    # Progress is written to the build's row every this many signers (and per state).
    progress_every = progress_every or settings.DELIVERY_PROGRESS_EVERY
    started = time.monotonic()
    try:
        name, size, states, files, signers = _write_zip(build, progress_every)
    except _Cancelled:
        logger.warning("Delivery build %s was cancelled while running", build_id)
        return DeliveryBuild.FAILED
    except OrganizationMissing as exc:
        DeliveryBuild.objects.filter(pk=build_id, status=DeliveryBuild.RUNNING).update(
            status=DeliveryBuild.FAILED,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
            message=f"Nothing was built. {exc}",
        )
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
    organization = organization_get()
    problem = organization_problem(organization)
    if problem:
        raise OrganizationMissing(problem)
    letterhead = packets.Letterhead(
        name=organization.name,
        address_lines=list(organization.address_lines),
        email=organization.email,
        phone=organization.phone,
        website=organization.website,
    )
    non_states = bool(packets.NON_STATES & set(counts))
    root = delivery_root()
    private_dir(root)  # 0700: packet names are not for other local users
    stamp = timezone.localtime(snapshot).strftime("%Y%m%d-%H%M%S")
    name = f"delivery-{_slug(petition.slug)[:60]}-{stamp}-{build.pk}.zip"
    today = timezone.localdate(snapshot)
    progress = _Progress(build.pk, progress_every)
    common = {
        "petition_title": petition.title,
        "petition_paragraphs": petition.paragraphs(),
        "petition_summary": petition.summary,
        "petition_target": petition.target,
        "total_count": total,
        "states_count": len(counts),
        "non_states": non_states,
        "date": today,
        "organization": letterhead,
    }
    campaign = petition.campaign
    handle = tempfile.NamedTemporaryFile(
        dir=root, prefix=".partial-", suffix=".zip", delete=False
    )
    # The worker's long-lived objects (Django, fonts) are left out of the
    # collections after each PDF below, which then take well under a millisecond.
    gc.freeze()
    try:
        with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            if campaign is not None and not campaign.targets_legislators:
                _write_custom_packet(
                    archive, petition, campaign, counts, snapshot, progress, common
                )
            else:
                wanted = campaign.target_chambers if campaign is not None else ()
                _write_state_packets(
                    archive, petition, counts, snapshot, progress, common, wanted
                )
        os.chmod(handle.name, 0o600)
        os.replace(handle.name, root / name)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    finally:
        gc.unfreeze()
    size = (root / name).stat().st_size
    return name, size, progress.states_done, progress.files, progress.done


def _write_pdf(archive, member, info, rows, progress):
    with archive.open(f"{member}.pdf", "w", force_zip64=True) as out:
        packets.packet_pdf(info, rows, out)
    progress.files += 1
    # reportlab leaves reference cycles (flowables, canvas, document): free
    # each PDF now, so memory stays flat over many big files instead of
    # waiting for the collector's next full pass.
    gc.collect()


def _write_parts(archive, member, rows, count, progress, make_info):
    """One PDF, or several of at most SIGNERS_PER_PDF signers, from `rows`."""
    parts = packets.parts_count(count)
    for part in range(1, parts + 1):
        info = make_info(
            part=part, parts=parts, first=(part - 1) * packets.SIGNERS_PER_PDF + 1
        )
        name = member if parts == 1 else f"{member}-part-{part}-of-{parts}"
        # The last part takes whatever is left (counts are a snapshot).
        here = rows if part == parts else islice(rows, packets.SIGNERS_PER_PDF)
        _write_pdf(archive, name, info, here, progress)


def _write_state_packets(archive, petition, counts, snapshot, progress, common, wanted):
    """One packet per state with signers, to its legislators (or, for a
    campaign addressed to one chamber, to that chamber's members)."""
    standings = law_standings(abbrs=counts)
    for state in sorted(counts):
        state_name = us.STATES.get(state, state)
        legislature, chambers, infos, unicameral = _legislature(
            state, state_name, wanted
        )
        lookup = zip_districts_likeliest(state=state)
        zip_counts = petition_zip_counts_for_delivery(
            petition=petition, state=state, confirmed_before=snapshot
        )
        tallies, groups = _district_tallies(infos, zip_counts, lookup, unicameral)
        rows = petition_signatures_for_delivery(
            petition=petition,
            state=state,
            confirmed_before=snapshot,
            chunk_size=CHUNK_SIZE,
            zip_groups=groups,
        )
        signers = packets.rows_with_districts(
            progress.count(rows),
            lookup=lookup,
            group_chamber=tallies[0].chamber if tallies else None,
            column_chamber=tallies[1].chamber if len(tallies) > 1 else None,
        )
        standing, law_name = standings.get(state, ("unresearched", ""))
        state_count = counts.get(state, 0)
        _write_parts(
            archive,
            f"{state}-{_slug(state_name)}",
            signers,
            state_count,
            progress,
            partial(
                packets.PacketInfo,
                **common,
                state=state,
                state_name=state_name,
                legislature=legislature,
                chambers=chambers,
                state_count=state_count,
                standing=standing,
                law_name=law_name,
                tallies=tallies,
            ),
        )
        progress.states_done += 1
        progress.save()


def _custom_groups(petition, counts, snapshot):
    """For a custom target's one packet: (tally, ZIP groups, {state: (lookup,
    group chamber, chamber name, unicameral)}): signers per state and
    district (the upper chamber's, or the only one's), states A-Z by code,
    districts in natural order, "District not known" last in each state."""
    lookups = zip_districts_likeliest_states(states=counts)
    counted: list[packets.DistrictCount] = []
    groups: list[list[str]] = []
    per_state = {}
    for state in sorted(counts):
        state_name = us.STATES.get(state, state)
        try:
            infos = legislatures.chambers(state)
        except Exception:  # a code the metadata lacks
            infos = []
        lookup = lookups.get(state, {})
        chamber = infos[0].chamber if infos else None
        label_tally = packets.DistrictTally(
            chamber=chamber or "",
            chamber_name=infos[0].name if infos else "",
            unicameral=len(infos) == 1,
        )
        per_state[state] = (lookup, chamber, label_tally, state_name)
        zip_counts = petition_zip_counts_for_delivery(
            petition=petition, state=state, confirmed_before=snapshot
        )
        signers: dict[str | None, int] = {}
        shared: dict[str | None, int] = {}
        zips: dict[str | None, list[str]] = {}
        for zip5, n in zip_counts.items():
            guess = (lookup.get(zip5) or {}).get(chamber) if chamber else None
            district = guess.district if guess else None
            signers[district] = signers.get(district, 0) + n
            if guess and guess.spans > 1:
                shared[district] = shared.get(district, 0) + n
            zips.setdefault(district, []).append(zip5)
        order = sorted(
            (d for d in signers if d is not None), key=legislatures.district_sort_key
        )
        for district in order:
            label = _custom_label(state_name, label_tally, district)
            counted.append(
                packets.DistrictCount(label, signers[district], shared.get(district, 0))
            )
            groups.append(zips[district])
        if None in signers:
            counted.append(
                packets.DistrictCount(
                    _custom_label(state_name, label_tally, None), signers[None]
                )
            )
    tally = packets.DistrictTally(
        chamber="", chamber_name="", counts=counted, plain_labels=True
    )
    return tally, groups, per_state


def _custom_label(state_name, tally, district):
    """ "California: Senate District 11", "Nebraska: Legislative District 3",
    "California: District not known"."""
    return f"{state_name}: {packets.district_label(tally, district)}"


def _custom_rows(rows, per_state):
    """Number the signer rows and label each with its state and district."""
    for number, row in enumerate(rows, 1):
        lookup, chamber, tally, state_name = per_state.get(
            row["state"], ({}, None, None, row["state"])
        )
        guesses = lookup.get((row.get("zip_code") or "")[:5]) or {}
        guess = guesses.get(chamber) if chamber else None
        district = guess.district if guess else None
        yield {
            **row,
            "number": number,
            "district": _custom_label(state_name, tally, district)
            if tally is not None
            else f"{state_name}: {packets.UNKNOWN_DISTRICT}",
            "district_spans": guess.spans if guess else 0,
        }


def _write_custom_packet(
    archive, petition, campaign, counts, snapshot, progress, common
):
    """One packet to the office the campaign names (campaign.target_name at
    campaign.target_address), with every signer, grouped by state, then district."""
    tally, groups, per_state = _custom_groups(petition, counts, snapshot)
    rows = petition_signatures_for_delivery(
        petition=petition,
        confirmed_before=snapshot,
        chunk_size=CHUNK_SIZE,
        zip_groups=groups,
    )
    total = sum(counts.values())
    _write_parts(
        archive,
        _slug(campaign.target_name)[:60] or "delivery",
        _custom_rows(progress.count(rows), per_state),
        total,
        progress,
        partial(
            packets.PacketInfo,
            **common,
            state="",
            state_name="",
            legislature=campaign.target_name,
            state_count=total,
            tallies=[tally],
            addressee_lines=[campaign.target_name, *campaign.target_address_lines],
            salutation_text=campaign.target_salutation,
        ),
    )
    progress.states_done = len(counts)
    progress.save()
