"""Delivery packets in the admin: button, start, status page, JSON, download;
and what the sign form says is delivered."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from petitions import delivery
from petitions.models import DeliveryBuild, Signature
from petitions.selectors import petition_featured

from .helpers import build_now, signer

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------
# Admin: button, start, status page, JSON, download
# --------------------------------------------------------------------------


def test_admin_button_only_for_staff_who_may_export(
    client, make_petition, organizer, editor
):
    petition = make_petition()
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    page = reverse("admin:petitions_petition_delivery", args=[petition.pk])
    client.force_login(organizer)
    assert page in client.get(change).content.decode()
    client.force_login(editor)
    response = client.get(change)
    assert response.status_code == 200 and page not in response.content.decode()
    assert client.get(page).status_code == 403
    assert client.post(page).status_code == 403
    assert not DeliveryBuild.objects.exists()


def test_admin_flow_start_watch_download(
    client, make_petition, organizer, django_capture_on_commit_callbacks
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [signer(petition, "CA", "Ada"), signer(petition, "NY", "Bo")]
    )
    client.force_login(organizer)
    page = reverse("admin:petitions_petition_delivery", args=[petition.pk])
    response = client.get(page)
    assert "2 confirmed signatures in 2 states" in response.content.decode()
    assert 'value="Build delivery packets"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page)
    build = DeliveryBuild.objects.get()
    status_url = reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    assert response.status_code == 302 and response.url == status_url
    html = client.get(status_url).content.decode()
    download = reverse("admin:petitions_deliverybuild_download", args=[build.pk])
    assert "Ready" in html and download in html
    assert '<progress id="delivery-progress" max="2" value="2">' in html
    assert "http-equiv" not in html  # finished: no refresh
    data = client.get(
        reverse("admin:petitions_deliverybuild_status_json", args=[build.pk])
    ).json()
    assert data["status"] == "done" and data["done"] == data["total"] == 2
    assert data["percent"] == 100 and data["download_url"] == download
    assert data["states_done"] == data["states_total"] == 2
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert build.file_name in response["Content-Disposition"]
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist() == ["CA-california.pdf", "NY-new-york.pdf"]
        assert archive.read("CA-california.pdf").startswith(b"%PDF")


def test_status_page_while_running_refreshes_without_inline_script(
    client, make_petition, organizer
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    DeliveryBuild.objects.filter(pk=build.pk).update(
        status="running", progress_done=0, progress_total=1
    )
    client.force_login(organizer)
    html = client.get(
        reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    ).content.decode()
    assert "Building" in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'src="/static/js/delivery_progress.js"' in html
    json_url = reverse("admin:petitions_deliverybuild_status_json", args=[build.pk])
    assert f'data-delivery-status-url="{json_url}"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    assert " style=" not in html.split("<body")[1]
    data = client.get(json_url).json()
    assert data["active"] is True and data["download_url"] == ""
    # Refused second start from the admin: a message and the running build's page.
    response = client.post(
        reverse("admin:petitions_petition_delivery", args=[petition.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "admin:petitions_deliverybuild_status", args=[build.pk]
    )
    assert "already being built" in response.content.decode()


def test_failed_build_is_shown_clearly(client, make_petition, organizer):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    DeliveryBuild.objects.filter(pk=build.pk).update(
        status="failed", message="The build failed and nothing was saved (OSError: x)."
    )
    client.force_login(organizer)
    html = client.get(
        reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    ).content.decode()
    assert "Failed" in html
    assert 'class="delivery-build__message errornote"' in html
    assert "nothing was saved (OSError: x)" in html
    assert "http-equiv" not in html
    download = reverse("admin:petitions_deliverybuild_download", args=[build.pk])
    assert client.get(download).status_code == 404


def test_download_and_status_need_the_export_permission(
    client, make_petition, organizer, editor, django_capture_on_commit_callbacks
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    urls = [
        reverse("admin:petitions_deliverybuild_download", args=[build.pk]),
        reverse("admin:petitions_deliverybuild_status", args=[build.pk]),
        reverse("admin:petitions_deliverybuild_status_json", args=[build.pk]),
    ]
    for url in urls:  # anonymous: to the login page
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    client.force_login(editor)  # staff without the export permission
    for url in urls:
        assert client.get(url).status_code == 403
    client.force_login(organizer)
    for url in urls:
        assert client.get(url).status_code == 200
    missing = reverse("admin:petitions_deliverybuild_status", args=[build.pk + 999])
    assert client.get(missing).status_code == 404


def test_admin_action_starts_builds_and_reports_refusals(
    client, make_petition, organizer, django_capture_on_commit_callbacks
):
    first = make_petition()
    empty = make_petition(slug="empty", title="Nobody signed")
    Signature.objects.bulk_create([signer(first, "CA", "Ada")])
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:petitions_petition_changelist"),
            {
                "action": "build_delivery_packets",
                "_selected_action": [first.pk, empty.pk],
            },
            follow=True,
        )
    html = response.content.decode()
    assert "building delivery packets" in html
    assert "Nobody signed: This petition has no confirmed signatures yet" in html
    assert DeliveryBuild.objects.get().status == "done"


def test_action_hidden_from_staff_without_the_export_permission(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:petitions_petition_changelist")).content.decode()
    assert "build_delivery_packets" not in html


# --------------------------------------------------------------------------
# The sign form says what is delivered
# --------------------------------------------------------------------------


def test_sign_form_says_what_reaches_lawmakers_and_keeps_the_city(
    client, make_petition
):
    petition = make_petition(requires_confirmation=False)
    html = client.get(petition.get_absolute_url()).content.decode()
    assert (
        "We deliver your name, city, ZIP code and comment to your state's lawmakers. "
        "Never your email, street address or phone number."
    ) in html
    assert 'aria-describedby="sign-delivery"' in html
    # The take-action journey's sign step is the same form and says the same.
    assert petition_featured() == petition
    act = client.get(reverse("act:sign")).content.decode()
    assert "We deliver your name, city, ZIP code and comment" in act
    assert 'aria-describedby="sign-delivery"' in act
    response = client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.com",
            "zip_code": "94110",
            "state": "CA",
            "city": "  San   Francisco ",
            "comment": "",
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert Signature.objects.get().city == "San Francisco"


def test_builds_are_refused_while_the_organization_is_the_placeholder(
    client, make_petition, organizer, organization, django_capture_on_commit_callbacks
):
    from core import content

    organization.delete()
    content.load()  # the placeholder, as a fresh install has it
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Carmen")])
    client.force_login(organizer)
    page = reverse("admin:petitions_petition_delivery", args=[petition.pk])
    html = client.get(page).content.decode()
    assert (
        "data-organization-problem" in html
        and 'href="/admin/core/organization/"' in html
    )
    assert 'value="Build delivery packets"' not in html
    with django_capture_on_commit_callbacks(execute=True):  # a form posted anyway
        response = client.post(page, follow=True)
    html = response.content.decode()
    assert (
        "Your organization still holds the placeholder that came with the site" in html
    )
    assert "still to replace: name, description, postal address, contact email" in html
    assert not DeliveryBuild.objects.exists()
    # A build queued before the organization was put back to the placeholder
    # stops at the worker with the same reason, and writes nothing.
    build = DeliveryBuild.objects.create(petition=petition, progress_total=1)
    assert delivery.delivery_build_run(build_id=build.pk) == DeliveryBuild.FAILED
    build.refresh_from_db()
    assert build.message.startswith("Nothing was built. Your organization still holds")
    assert delivery.delivery_build_file(build=build) is None
