import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guides.models import GuideReport, OptOutStatus, Platform

from .conftest import make_platform

pytestmark = pytest.mark.django_db


def test_published_queryset_leaves_out_drafts():
    make_platform(slug="live")
    make_platform(slug="draft", is_published=False)
    assert [p.slug for p in Platform.objects.published()] == ["live"]


def test_steps_come_back_in_order(platform):
    last = platform.steps.create(order=1, text="now first")
    assert platform.steps.first() == last


def test_status_has_a_word_and_a_tone():
    platform = make_platform(status=OptOutStatus.NONE)
    assert platform.get_status_display() == "No opt-out"
    assert platform.status_tone == "bad"


def test_stale_after_six_months():
    today = timezone.localdate()
    assert make_platform(
        slug="old", last_verified=today - datetime.timedelta(days=400)
    ).is_stale
    assert not make_platform(slug="new", last_verified=today).is_stale
    assert make_platform(slug="never", last_verified=None).is_stale


def test_report_step_must_belong_to_the_platform(platform):
    other = make_platform(slug="other")
    report = GuideReport(
        platform=platform, step=other.steps.first(), description="Moved"
    )
    with pytest.raises(ValidationError):
        report.full_clean()


def test_report_stores_no_personal_fields():
    names = {f.name for f in GuideReport._meta.get_fields()}
    assert names == {
        "id",
        "platform",
        "step",
        "description",
        "is_resolved",
        "created_at",
    }
