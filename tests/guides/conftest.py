import datetime

import pytest

from guides.models import OptOutStatus, Platform, Source, Step


def make_platform(*, slug="example", steps=3, **kwargs):
    defaults = {
        "name": slug.title(),
        "company": "Example Inc.",
        "status": OptOutStatus.SETTING,
        "summary": f"{slug.title()} trains AI on your posts.",
        "opt_out_does": "Stops future training.",
        "opt_out_does_not": "Does not undo past training.",
        "region_notes": "EU users can object.",
        "last_verified": datetime.date(2025, 6, 30),
    }
    defaults.update(kwargs)
    platform = Platform.objects.create(slug=slug, **defaults)
    for number in range(1, steps + 1):
        Step.objects.create(
            platform=platform, order=number * 10, text=f"{slug} step number {number}"
        )
    Source.objects.create(
        platform=platform, title="Help page", url="https://example.com/help"
    )
    return platform


@pytest.fixture
def platform(db):
    return make_platform()
