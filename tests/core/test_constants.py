"""Constants with one home: the site name setting, the featured petition, chamber order."""

import pytest


def test_site_name_is_one_setting(settings, rf):
    from core.context_processors import site
    from core.middleware import static_error_response

    assert settings.SITE_NAME == "Keep Your Data Out of AI"
    settings.SITE_NAME = "Another Name"
    assert site(rf.get("/"))["SITE_NAME"] == "Another Name"
    assert (
        "Another Name" in static_error_response("503.html", status=503).content.decode()
    )


def test_the_featured_petition_is_owned_by_petitions():
    from advocacy import selectors as advocacy_selectors
    from petitions import content
    from petitions.selectors import FEATURED_SLUG, petition_featured_url

    assert FEATURED_SLUG == content.SLUG == advocacy_selectors.PETITION_SLUG
    assert petition_featured_url() == "/petitions/state-privacy-law/"


def test_chamber_order_has_one_definition():
    from letters import zipdistricts
    from states import legislatures

    assert zipdistricts.CHAMBER_ORDER is legislatures.CHAMBER_ORDER


@pytest.mark.parametrize(
    "name",
    [
        "SITE_NAME",
        "TRUSTED_PROXY_IPS",
        "TRUSTED_PROXY_HOPS",
        "ADMIN_LOGIN_FAILURE_LIMIT",
        "ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT",
        "ADMIN_LOGIN_NETWORK_FAILURE_LIMIT",
        "ADMIN_LOGIN_WINDOW_SECONDS",
        "ADMIN_LOGIN_LOCKOUT_SECONDS",
        "ZIP_LOOKUP_MAX_AGE_SECONDS",
        "ZIP_LOOKUP_RATE_LIMIT",
        "ZIP_LOOKUP_RATE_WINDOW_SECONDS",
        "GUIDES_REPORT_LIMIT",
        "GUIDES_REPORT_WINDOW_SECONDS",
        "PETITION_CONFIRM_MAX_AGE_DAYS",
        "PETITION_WITHDRAW_MAX_AGE_DAYS",
        "PETITION_UNCONFIRMED_MAX_AGE_DAYS",
        "PETITION_SIGN_RATE_LIMIT",
        "PETITION_SIGN_RATE_WINDOW_SECONDS",
        "OPENSTATES_DOWNLOAD_TIMEOUT",
        "GUIDES_LINK_TIMEOUT_SECONDS",
        "GUIDES_LINK_DELAY_SECONDS",
        "GUIDES_LINK_SLOW_SECONDS",
    ],
)
def test_settings_read_by_the_apps_are_declared_and_documented(name):
    from pathlib import Path

    from advocacy.settings import base

    assert hasattr(base, name)
    example = (Path(base.BASE_DIR) / ".env.example").read_text()
    assert f"\n{name}=" in example
