import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.utils import timezone

from guides.models import (
    CHECK_IN_THE_FUTURE,
    CHECK_NOTE_REQUIRED,
    CHECK_NOTHING_TICKED,
    GuideCheck,
    GuideReport,
    Platform,
)
from guides.services import guide_check_record

from .conftest import make_platform

pytestmark = pytest.mark.django_db


def change_form_data(platform, steps):
    """The POST a browser sends from the platform change form, with inline formsets."""
    data = {
        "name": platform.name,
        "slug": platform.slug,
        "company": platform.company,
        "status": platform.status,
        "difficulty": platform.difficulty,
        "summary": platform.summary,
        "opt_out_does": platform.opt_out_does,
        "opt_out_does_not": platform.opt_out_does_not,
        "region_notes": platform.region_notes,
        "unverified_note": platform.unverified_note,
        "email_to": "",
        "email_subject": "",
        "email_body": "",
        "last_verified": platform.last_verified.isoformat(),
        "is_published": "on",
        "position": platform.position,
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": len(steps),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "sources-TOTAL_FORMS": 0,
        "sources-INITIAL_FORMS": 0,
        "sources-MIN_NUM_FORMS": 0,
        "sources-MAX_NUM_FORMS": 1000,
    }
    for i, (step, order, text) in enumerate(steps):
        data.update(
            {
                f"steps-{i}-id": step.pk,
                f"steps-{i}-platform": platform.pk,
                f"steps-{i}-order": order,
                f"steps-{i}-applies_to": step.applies_to,
                f"steps-{i}-text": text,
                f"steps-{i}-deep_link": step.deep_link,
            }
        )
    return data


def test_anonymous_users_cannot_reach_the_admin(client, platform):
    response = client.get(f"/admin/guides/platform/{platform.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_change_form_shows_steps_inline(admin_client, platform):
    html = admin_client.get(
        f"/admin/guides/platform/{platform.pk}/change/"
    ).content.decode()
    assert "steps-0-order" in html and "steps-2-text" in html


def test_staff_can_edit_and_reorder_steps(admin_client, client):
    platform = make_platform(slug="example", steps=3)
    first, second, third = platform.steps.all()
    client.get("/guides/example/")  # warm the cache
    response = admin_client.post(
        f"/admin/guides/platform/{platform.pk}/change/",
        change_form_data(
            platform,
            [
                (first, 30, "Now the last step"),
                (second, 20, second.text),
                (third, 10, "Now the first step"),
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [s.text for s in platform.steps.all()] == [
        "Now the first step",
        "example step number 2",
        "Now the last step",
    ]
    html = client.get("/guides/example/").content.decode()
    assert html.index("Now the first step") < html.index("Now the last step")


def test_list_filters_by_status_and_last_verified_is_not_typed_in(admin_client):
    """Issue 14: "last verified" is the latest check's date, never typed in the list."""
    make_platform(slug="alpha", status="setting")
    make_platform(slug="beta", status="none")
    html = admin_client.get(
        "/admin/guides/platform/?status__exact=none"
    ).content.decode()
    assert "Beta" in html and "Alpha" not in html
    assert 'name="form-0-last_verified"' not in html


def check_url(platform):
    return f"/admin/guides/platform/{platform.pk}/check/"


def check_data(**overrides):
    data = {
        "steps_checked": "on",
        "checked_on": timezone.localdate().isoformat(),
        "note": "iPhone app: all three steps still match.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_record_a_check_updates_last_verified_and_the_cached_page(
    admin_client, client, admin_user
):
    old = datetime.date(2024, 1, 1)
    alpha = make_platform(slug="alpha", last_verified=old)
    beta = make_platform(slug="beta", last_verified=old)
    client.get("/guides/alpha/")  # cached with the old date
    html = admin_client.get(
        f"/admin/guides/platform/{alpha.pk}/change/"
    ).content.decode()
    assert f'href="{check_url(alpha)}"' in html and "Record a check" in html

    form = admin_client.get(check_url(alpha)).content.decode()
    assert 'name="note"' in form and 'name="steps_checked"' in form
    assert f'value="{timezone.localdate().isoformat()}"' in form  # default today

    response = admin_client.post(
        check_url(alpha), check_data(status_checked="on"), follow=True
    )
    assert (
        response.redirect_chain[-1][0] == f"/admin/guides/platform/{alpha.pk}/change/"
    )
    assert "Check of Alpha on" in response.content.decode()
    check = GuideCheck.objects.get(platform=alpha)
    assert check.checked_by == admin_user and check.kind == GuideCheck.Kind.STAFF
    assert (check.steps_checked, check.status_checked, check.sources_checked) == (
        True,
        True,
        False,
    )
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert alpha.last_verified == timezone.localdate()
    assert beta.last_verified == old
    html = client.get("/guides/alpha/").content.decode()
    assert timezone.localdate().strftime("%Y-%m-%d") in html
    # The change page lists the check: date, who, what, note.
    html = admin_client.get(
        f"/admin/guides/platform/{alpha.pk}/change/"
    ).content.decode()
    listed = html[html.index('id="guide-checks"') :]
    assert timezone.localdate().isoformat() in listed
    assert admin_user.username in listed and "steps, status" in listed
    assert "all three steps still match" in listed


def test_a_check_needs_a_note_and_something_ticked(admin_client):
    platform = make_platform(slug="example", last_verified=datetime.date(2024, 1, 1))
    response = admin_client.post(check_url(platform), check_data(note="   "))
    assert response.status_code == 200
    assert CHECK_NOTE_REQUIRED in response.content.decode()
    response = admin_client.post(check_url(platform), check_data(steps_checked=None))
    assert CHECK_NOTHING_TICKED in response.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(
        check_url(platform), check_data(checked_on=tomorrow.isoformat())
    )
    assert CHECK_IN_THE_FUTURE in response.content.decode()
    assert not GuideCheck.objects.exists()
    platform.refresh_from_db()
    assert platform.last_verified == datetime.date(2024, 1, 1)


def test_the_service_refuses_a_blank_note_too(platform):
    with pytest.raises(ValidationError) as error:
        guide_check_record(
            platform=platform,
            user=None,
            steps_checked=False,
            status_checked=False,
            sources_checked=False,
            note=" ",
        )
    assert error.value.message_dict["note"] == [CHECK_NOTE_REQUIRED]
    assert error.value.message_dict["__all__"] == [CHECK_NOTHING_TICKED]
    assert not GuideCheck.objects.exists()


def test_an_older_check_recorded_late_does_not_move_last_verified_back(admin_client):
    platform = make_platform(slug="example")
    admin_client.post(check_url(platform), check_data())
    admin_client.post(check_url(platform), check_data(checked_on="2025-01-02"))
    platform.refresh_from_db()
    assert platform.checks.count() == 2
    assert platform.last_verified == timezone.localdate()


def test_recording_a_check_needs_the_change_permission(client):
    platform = make_platform(slug="example", last_verified=datetime.date(2024, 1, 1))
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename="view_platform", content_type__app_label="guides"
        )
    )
    client.force_login(viewer)
    html = client.get(f"/admin/guides/platform/{platform.pk}/change/").content.decode()
    assert check_url(platform) not in html
    assert client.get(check_url(platform)).status_code == 403
    assert client.post(check_url(platform), check_data()).status_code == 403
    assert not GuideCheck.objects.exists()
    platform.refresh_from_db()
    assert platform.last_verified == datetime.date(2024, 1, 1)


def test_checks_are_listed_read_only(admin_client, platform):
    guide_check_record(
        platform=platform,
        user=None,
        steps_checked=True,
        status_checked=False,
        sources_checked=False,
        note="Looked at it",
    )
    check = GuideCheck.objects.get()
    html = admin_client.get("/admin/guides/guidecheck/").content.decode()
    assert "Looked at it" in html
    assert admin_client.get("/admin/guides/guidecheck/add/").status_code == 403
    response = admin_client.post(
        f"/admin/guides/guidecheck/{check.pk}/change/", {"note": "Rewritten"}
    )
    assert response.status_code == 403
    assert (
        admin_client.post(f"/admin/guides/guidecheck/{check.pk}/delete/").status_code
        == 403
    )
    check.refresh_from_db()
    assert check.note == "Looked at it"


def test_reports_are_listed_with_filters(admin_client, platform):
    GuideReport.objects.create(platform=platform, description="Setting renamed to Foo")
    response = admin_client.get("/admin/guides/guidereport/")
    html = response.content.decode()
    assert "Setting renamed to Foo" in html
    assert "is_resolved__exact" in html  # filter sidebar
    assert admin_client.get("/admin/guides/guidereport/add/").status_code == 403


def test_platform_admin_list_counts_open_reports(admin_client, platform):
    GuideReport.objects.create(platform=platform, description="one")
    GuideReport.objects.create(platform=platform, description="two", is_resolved=True)
    assert Platform.objects.count() == 1
    html = admin_client.get("/admin/guides/platform/").content.decode()
    assert 'class="field-open_reports">1<' in html


def test_slot_a_step_in_between_and_steps_are_renumbered(admin_client):
    platform = make_platform(slug="example", steps=3)
    first, second, third = platform.steps.all()
    assert [first.order, second.order, third.order] == [10, 20, 30]
    response = admin_client.post(
        f"/admin/guides/platform/{platform.pk}/change/",
        change_form_data(
            platform,
            [
                (first, 10, first.text),
                (second, 20, second.text),
                (third, 15, third.text),
            ],
        ),
    )
    assert response.status_code == 302
    assert [(s.pk, s.order) for s in platform.steps.all()] == [
        (first.pk, 10),
        (third.pk, 20),
        (second.pk, 30),
    ]


def test_the_change_form_has_no_mark_verified_button(admin_client):
    """Issue 14: a check is recorded with a note, never by one click on save."""
    platform = make_platform(
        slug="example", steps=1, last_verified=datetime.date(2024, 1, 1)
    )
    html = admin_client.get(
        f"/admin/guides/platform/{platform.pk}/change/"
    ).content.decode()
    assert 'name="_mark_verified"' not in html
    step = platform.steps.get()
    data = change_form_data(platform, [(step, 10, step.text)])
    data["_mark_verified"] = "Save and mark verified today"
    assert (
        admin_client.post(
            f"/admin/guides/platform/{platform.pk}/change/", data
        ).status_code
        == 302
    )
    platform.refresh_from_db()
    assert platform.last_verified == datetime.date(2024, 1, 1)
    assert not GuideCheck.objects.exists()


def test_staff_can_add_a_step_through_the_inline(admin_client, client):
    platform = make_platform(slug="example", steps=1)
    step = platform.steps.get()
    data = change_form_data(platform, [(step, 10, step.text)])
    data.update(
        {
            "steps-TOTAL_FORMS": 2,
            "steps-1-platform": platform.pk,
            "steps-1-order": 5,
            "steps-1-applies_to": "android",
            "steps-1-text": "Open the Android app first",
            "steps-1-deep_link": "example.com/settings",
        }
    )
    assert (
        admin_client.post(
            f"/admin/guides/platform/{platform.pk}/change/", data
        ).status_code
        == 302
    )
    new = platform.steps.first()
    assert (
        new.text == "Open the Android app first"
        and new.deep_link == "https://example.com/settings"
    )
    assert (
        "Open the Android app first" in client.get("/guides/example/").content.decode()
    )
