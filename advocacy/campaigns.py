"""Public campaign pages: /campaigns/, a campaign's page and its preview picture.

A campaign page combines the campaign, its petition (count, a way to sign)
and its letter, so it lives here rather than in one app. Drafts exist only
for staff; a closed campaign is read-only with its final count. Pages come
from each process's page cache (core.pagecache), keyed by the campaign
version and the petition's generation, so a warm anonymous request makes no
query (advocacy/campaign_selectors.py).
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from core import pagecache
from core.share import og_tags, share_links
from petitions.selectors import (
    petition_in_language,
    petition_progress,
    petition_signers_map,
)

from . import campaign_selectors as selectors

# A process keeps its copy of a campaign page at most this long.
PAGE_MAX_AGE = 5
# Link previews are fetched by chat apps and social sites: an hour is plenty.
PREVIEW_MAX_AGE = 60 * 60


def _staff(request):
    return request.user.is_staff


def _entry_or_404(request, slug):
    entry, version = selectors.campaign_entry(slug=slug, staff=_staff(request))
    if entry is None:
        raise Http404("No such campaign")
    return entry, version


def _share(campaign):
    return share_links(
        url=selectors.campaign_share_url(campaign),
        text=campaign.title_shown,
        subject=campaign.title_shown,
    )


def _og(campaign):
    return og_tags(
        title=campaign.title_shown,
        description=campaign.summary_shown,
        path=campaign.get_absolute_url(),
        image_path=reverse("campaigns:preview", kwargs={"slug": campaign.slug}),
    )


def _card(entry, public):
    """What the list and a page show about one campaign's actions."""
    return {
        "campaign": entry.campaign,
        "petition": petition_in_language(public.petition) if public else None,
        "progress": petition_progress(petition=public.petition) if public else None,
        "letter_url": selectors.campaign_letter_url(entry) if entry.has_letter else "",
    }


@require_safe
def campaign_list(request):
    """The live campaigns, the featured one first."""
    entries, version = selectors.campaign_entries_live()
    publics = [selectors.campaign_petition(entry) for entry in entries]
    generations = tuple(public.version if public else 0 for public in publics)

    def render_page(extra):
        cards = [
            _card(entry, public) for entry, public in zip(entries, publics, strict=True)
        ]
        og = og_tags(
            title=gettext("Campaigns"),
            description=gettext(
                "What we are asking for now: sign a petition, write a "
                "letter, and see how many people have joined."
            ),
            path=reverse("campaigns:index"),
            image_path=reverse("share-image"),
            image_alt=settings.SITE_NAME,
        )
        return render(
            request,
            "advocacy/campaign_list.html",
            {"cards": cards, "og": og, **extra},
        )

    return pagecache.cached_page(
        request,
        key="campaigns:list",
        version=(version, generations),
        render=render_page,
        max_age=PAGE_MAX_AGE,
    )


@require_safe
def campaign_detail(request, slug):
    entry, version = _entry_or_404(request, slug)
    public = selectors.campaign_petition(entry)
    campaign = entry.campaign

    def render_page(extra):
        context = {
            **_card(entry, public),
            "share": _share(campaign),
            "og": _og(campaign),
            # Where people have signed ("fewer than 10" for small counts).
            "signers_map": petition_signers_map(petition=public.petition)
            if public
            else None,
            **extra,
        }
        return render(request, "advocacy/campaign_detail.html", context)

    if version is None:  # staff: always fresh (they carry a session anyway)
        return render_page({})
    return pagecache.cached_page(
        request,
        key=f"campaigns:detail:{slug}",
        version=(version, public.version if public else 0),
        render=render_page,
        max_age=PAGE_MAX_AGE,
    )


def _png_response(request, picture, *, private=False):
    """The picture as image/png with an ETag; 304 when the client has it."""
    if picture.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            selectors.preview_png(picture), content_type="image/png"
        )
    response["ETag"] = picture.etag
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PREVIEW_MAX_AGE)
    return response


@require_safe
def campaign_preview(request, slug):
    """/campaigns/<slug>/preview.png: 1200 × 630, title and count (drafts: staff);
    /es/campaigns/<slug>/preview.png draws the Spanish title and words."""
    entry, _ = _entry_or_404(request, slug)
    picture = selectors.campaign_preview(entry)
    return _png_response(request, picture, private=entry.campaign.is_draft)


@require_safe
def site_preview(request):
    """/share.png: the site's own preview picture (guide pages), in the
    page's language."""
    return _png_response(request, selectors.site_preview())


app_name = "campaigns"
urlpatterns = [
    path("", campaign_list, name="index"),
    path("<slug:slug>/", campaign_detail, name="detail"),
    path("<slug:slug>/preview.png", campaign_preview, name="preview"),
]
