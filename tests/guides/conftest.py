import pytest

from tests.factories import PlatformFactory


def make_platform(*, slug="example", steps=3, **kwargs):
    return PlatformFactory(slug=slug, steps=steps, **kwargs)


@pytest.fixture
def platform(db):
    return make_platform()
