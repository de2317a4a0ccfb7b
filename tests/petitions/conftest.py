import pytest
from django.urls import reverse

from petitions import content
from tests.factories import SIGNER, PetitionFactory


@pytest.fixture
def petition(db):
    return content.load()


@pytest.fixture
def make_petition(db):
    def make(**fields):
        defaults = {
            "slug": "test-petition",
            "title": "A test petition",
            "text": "Please do the thing.\n\nThank you.",
            "target": "State legislators",
            "goal": 10,
        }
        defaults.update(fields)
        return PetitionFactory(**defaults)

    return make


@pytest.fixture
def signer():
    return dict(SIGNER)


def sign(client, petition, ip="203.0.113.5", **overrides):
    """POST the public sign form the way a browser does."""
    data = {**SIGNER, **overrides}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}), data, REMOTE_ADDR=ip
    )


def links_in(message):
    """(confirm_url, withdraw_url) from a confirmation email's text part."""
    import re

    urls = re.findall(r"https?://\S+", message.body)
    confirm = next(u for u in urls if "/confirm/" in u)
    withdraw = next(u for u in urls if "/withdraw/" in u)
    return confirm, withdraw


def path_of(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path


@pytest.fixture
def use_broker():
    """Point the Celery app at a real broker URL (not eager) for one test."""
    from advocacy.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    def use(url):
        reset_pools()
        app.conf.broker_url = url
        app.conf.task_always_eager = False

    yield use
    reset_pools()
    for key, value in saved.items():
        app.conf[key] = value
