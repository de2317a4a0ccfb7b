"""Reads for delivery packets: where they are stored, the builds and their
progress, and the signer rows a packet prints.

Packets hold name, city, ZIP code and comment only: the queries below select
nothing else (never the email).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from core.selectors import organization_get

from ..models import DeliveryBuild, Signature

DELIVERY_FIELDS = ("first_name", "last_name", "city", "zip_code", "comment")


_READ = object()


def organization_problem(organization=_READ) -> str:
    """Why packets cannot go out under `organization` (core.selectors.
    organization_get(), read when not given), or "" when they can."""
    if organization is _READ:
        organization = organization_get()
    if organization is None:
        return (
            "Set up your organization first (Site › Organization in the admin): "
            "delivery packets go out on its letterhead, with the name, postal "
            "address and contact that legislative offices reply to."
        )
    if organization.is_placeholder:
        return (
            "Your organization still holds the placeholder that came with the site "
            f"(still to replace: {', '.join(organization.placeholder_fields)}). "
            "Delivery packets print it on their letterhead, so replace it in the "
            "admin (Site › Organization) first."
        )
    return ""


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


def _confirmed(*, petition, state=None, confirmed_before=None):
    qs = Signature.objects.filter(petition=petition).confirmed()
    if state:
        qs = qs.filter(state=state.upper())
    if confirmed_before is not None:
        qs = qs.filter(confirmed_at__lte=confirmed_before)
    return qs


def petition_signatures_for_delivery(
    *, petition, state=None, confirmed_before=None, chunk_size=2000, zip_groups=None
):
    """Confirmed signatures to deliver to legislators, by state then oldest
    first, as dicts (state, first_name, last_name, city, zip_code, comment,
    confirmed_at): never the email, street address or phone. Streams from the
    database in chunks. `confirmed_before` takes a snapshot (a delivery build
    leaves out who confirmed after it started).

    `zip_groups` (a list of lists of 5-digit ZIP codes) orders the rows by
    group instead: the signers whose ZIP is in the first list (oldest first),
    then the second, ..., then everyone else; the database sorts, so memory
    stays flat. Callers showing or exporting these must check
    petitions.permissions.signer_data_access_allowed(user) first."""
    qs = _confirmed(petition=petition, state=state, confirmed_before=confirmed_before)
    order = ["state", "confirmed_at", "pk"]
    fields = ["state", *DELIVERY_FIELDS, "confirmed_at"]
    if zip_groups is not None:
        qs = qs.annotate(
            zip5=Substr("zip_code", 1, 5),
            zip_group=Case(
                *(
                    When(zip5__in=list(zips), then=Value(rank))
                    for rank, zips in enumerate(zip_groups)
                    if zips
                ),
                default=Value(len(zip_groups)),
                output_field=IntegerField(),
            ),
        )
        order.insert(1, "zip_group")
        fields.append("zip_group")
    return qs.order_by(*order).values(*fields).iterator(chunk_size=chunk_size)


def petition_zip_counts_for_delivery(*, petition, state, confirmed_before=None):
    """{5-digit ZIP: confirmed signers} in `state`: one aggregate query (a
    packet's count per district is worked out from it)."""
    qs = _confirmed(petition=petition, state=state, confirmed_before=confirmed_before)
    rows = (
        qs.annotate(zip5=Substr("zip_code", 1, 5))
        .values("zip5")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["zip5"]: row["n"] for row in rows}


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
