"""Guide list, guide page, and the "report a step" form. Thin: selectors and services do the work."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import pagecache
from core.notices import Notice, notice_get, notice_url
from core.share import og_tags

from .cache import guides_cache_version
from .forms import GuideReportForm
from .models import OptOutStatus
from .selectors import (
    guide_get,
    guide_in_language,
    guide_list,
    guide_list_filter,
    step_report_labels,
)
from .services import client_ip_hash, guide_report_create, guide_report_rate_limited


def guide_index(request):
    guides = [guide_in_language(guide) for guide in guide_list()]
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if status not in OptOutStatus.values:
        status = ""
    shown = guide_list_filter(guides=guides, query=query, status=status)
    return render(
        request,
        "guides/platform_list.html",
        {
            "guides": guides,
            "shown_ids": {guide.platform.pk for guide in shown},
            "shown_count": len(shown),
            "query": query,
            "status": status,
            "statuses": OptOutStatus.choices,
        },
    )


def _guide_or_404(request, slug):
    guide = guide_get(slug=slug, include_unpublished=request.user.is_staff)
    if guide is None:
        raise Http404("No such guide")
    return guide_in_language(guide)


# A published guide page changes with the guides' cache version, and its
# "last verified" note with the date: keep a process's copy for 10 minutes at most.
PAGE_MAX_AGE = 10 * 60


# Said on the guide page after a redirect (core.notices: no session needed).
NOTICES = {
    "reported": Notice(
        gettext_lazy(
            "Thank you! Your report was sent to our organizers. "
            "We will re-check this guide."
        ),
        level="success",
    ),
}


def _report_form(guide, data=None):
    return GuideReportForm(
        data, steps=guide.steps, step_labels=step_report_labels(guide.step_groups)
    )


def _og(platform):
    """Link-preview tags; every guide shares the site's picture."""
    return og_tags(
        title=f"{platform.name}: opt-out guide",
        description=f"How to keep your {platform.name} data out of AI training: "
        + Truncator(platform.summary).words(25),
        path=platform.get_absolute_url(),
        image_path=reverse("share-image"),
        image_alt=settings.SITE_NAME,
        kind="article",
    )


def _render_detail(request, guide, form, status=200, extra=None):
    platform = guide.platform
    context = {"guide": guide, "platform": platform, "form": form, "og": _og(platform)}
    return render(
        request,
        "guides/platform_detail.html",
        {**context, **(extra or {})},
        status=status,
    )


def guide_detail(request, slug):
    def render_page(extra):
        # Shared copies are anonymous: published guides only (previews need a
        # staff session, and a session is never served a copy).
        guide = _guide_or_404(request, slug)
        form = _report_form(guide)
        return _render_detail(request, guide, form, extra=extra)

    notice = notice_get(request, NOTICES)
    if notice is not None:  # the shared copy has no notice: render this one
        return render_page({"notice": notice})
    return pagecache.cached_page(
        request,
        key=f"guides:detail:{slug}",
        version=guides_cache_version(),
        render=render_page,
        max_age=PAGE_MAX_AGE,
    )


@require_POST
def guide_report(request, slug):
    guide = _guide_or_404(request, slug)
    form = _report_form(guide, request.POST)
    ip_hash = client_ip_hash(request=request)
    if guide_report_rate_limited(ip_hash=ip_hash):
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent several reports in the last hour, which is our "
                "limit. Thank you! Please try again later."
            ),
        )
        return _render_detail(request, guide, form, status=429)
    if form.is_valid():
        try:
            guide_report_create(
                platform=guide.platform,
                step=form.cleaned_data["step"],
                description=form.cleaned_data["description"],
                ip_hash=ip_hash,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(notice_url(guide.platform.get_absolute_url(), "reported"))
    return _render_detail(request, guide, form, status=400)
