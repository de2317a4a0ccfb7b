"""States and their laws are edited under /admin/states/; old bookmarks still arrive."""

import pytest

pytestmark = pytest.mark.django_db


def test_old_letters_admin_addresses_redirect_to_the_states_app(admin_client):
    response = admin_client.get(
        "/admin/letters/privacylaw/3/change/?_changelist_filters=x"
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/admin/states/privacylaw/3/change/?_changelist_filters=x"
    )
    response = admin_client.get("/admin/letters/state/")
    assert response["Location"] == "/admin/states/state/"
    assert admin_client.get("/admin/states/state/").status_code == 200
    # The letters app's own admin pages are not redirected.
    assert admin_client.get("/admin/letters/legislator/").status_code == 200
