"""Writes for the guides: recording checks, storing reader reports.

Reader reports keep no personal data. Rate limiting counts attempts per
client in the cache under a salted hash of the IP address; the address itself
is never stored anywhere.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from core import ratelimit

from .cache import guides_cache_bump
from .models import CHECK_NOTE_REQUIRED, GuideCheck, GuideReport, Step


def platform_last_verified_sync(*, platform):
    """Set `platform.last_verified` to its latest check's date (None without one).

    Saves only that field, and only when it changed; the post_save signal then
    drops the cached guide pages. Returns the date.
    """
    latest = GuideCheck.objects.filter(platform=platform).aggregate(
        latest=Max("checked_on")
    )["latest"]
    if platform.last_verified != latest:
        platform.last_verified = latest
        platform.save(update_fields=["last_verified"])
    return latest


def guide_check_add(*, check):
    """Save a GuideCheck and keep its guide's `last_verified` the latest check's date.

    The one way checks are written: staff checks (guide_check_record) and the
    content loader's research checks (guides.content) both come through here.
    """
    check.save()
    platform_last_verified_sync(platform=check.platform)
    guides_cache_bump()
    return check


def guide_check_record(
    *,
    platform,
    user,
    checked_on=None,
    steps_checked,
    status_checked,
    sources_checked,
    note,
):
    """Record that `user` checked `platform` (on `checked_on`, default today).

    The note is required, at least one of steps/status/sources must be ticked
    and the date may not be in the future: raises ValidationError otherwise,
    and nothing is saved. Then `platform.last_verified` becomes the latest
    check's date (an older check recorded late does not move it back) and the
    guide caches are dropped. Returns the check.
    """
    check = GuideCheck(
        platform=platform,
        checked_on=checked_on or timezone.localdate(),
        kind=GuideCheck.Kind.STAFF,
        checked_by=user,
        steps_checked=bool(steps_checked),
        status_checked=bool(status_checked),
        sources_checked=bool(sources_checked),
        note=(note or "").strip(),
    )
    errors = {}
    if not check.note:
        errors["note"] = [CHECK_NOTE_REQUIRED]
    try:
        check.full_clean(exclude=["note"] if errors else None)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    return guide_check_add(check=check)


def platform_steps_renumber(*, platform):
    """Renumber a platform's steps 10, 20, 30… keeping their order.

    Bulk update (no signals), so it drops the guide caches itself.
    """
    steps = list(Step.objects.filter(platform=platform).order_by("order", "id"))
    changed = []
    for number, step in enumerate(steps, start=1):
        if step.order != number * 10:
            step.order = number * 10
            changed.append(step)
    if changed:
        Step.objects.bulk_update(changed, ["order"])
        guides_cache_bump()
    return steps


def client_ip_hash(*, request):
    """A salted hash of the client's address (see core.ratelimit)."""
    return ratelimit.client_ip_hash(request)


def _report_key(ip_hash):
    return f"guides:report-rate:{ip_hash}"


def guide_report_rate_limited(*, ip_hash):
    """True when this client has already sent settings.GUIDES_REPORT_LIMIT reports
    in the window (settings.GUIDES_REPORT_WINDOW_SECONDS)."""
    return ratelimit.hits(_report_key(ip_hash)) >= settings.GUIDES_REPORT_LIMIT


def guide_report_create(*, platform, description, step=None, ip_hash):
    """Store a reader's report and count it against the client's limit.

    Raises ValidationError for bad data (e.g. a step from another guide).
    """
    report = GuideReport(platform=platform, step=step, description=description.strip())
    report.full_clean()
    report.save()
    ratelimit.hit(_report_key(ip_hash), window=settings.GUIDES_REPORT_WINDOW_SECONDS)
    return report
