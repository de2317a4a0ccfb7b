"""Writes for the guides: marking guides verified, storing reader reports.

Reader reports keep no personal data. Rate limiting counts attempts per
client in the cache under a salted hash of the IP address; the address itself
is never stored anywhere.
"""

from django.conf import settings
from django.utils import timezone

from core import ratelimit

from .cache import guides_cache_bump
from .models import GuideReport, Step


def platform_mark_verified(*, platforms, on=None):
    """Set last_verified on every platform in the queryset (default: today).

    Uses a bulk update (no signals), so it drops the guide caches itself.
    Returns how many platforms were updated.
    """
    on = on or timezone.localdate()
    count = platforms.update(last_verified=on, updated_at=timezone.now())
    guides_cache_bump()
    return count


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
