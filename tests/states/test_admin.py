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


def test_a_law_s_english_and_spanish_notes_side_by_side(admin_client):
    """Issue 19: organizers edit the state page's texts in both languages on
    one row each, and the Spanish they save is what /es/states/<abbr>/ shows."""
    from io import StringIO

    from django.core.management import call_command

    from states.models import PrivacyLaw

    call_command("load_content", stdout=StringIO())
    law = PrivacyLaw.objects.get(state__abbr="VA")
    html = admin_client.get(f"/admin/states/privacylaw/{law.pk}/change/").content
    html = html.decode()
    # One form row each: the English field, then its Spanish beside it.
    for field in ("notes", "uncertain", "ai_specific_law", "training_data_disclosure"):
        assert f'class="form-row field-{field} field-{field}_es"' in html, field
    assert "Notes (Spanish):" in html
    assert 'id="id_notes_es">\nEl modelo que copiaron' in html
    response = admin_client.post(
        f"/admin/states/privacylaw/{law.pk}/change/",
        {
            **{
                f.name: f.value_from_object(law)
                for f in PrivacyLaw._meta.get_fields()
                if getattr(f, "editable", False) and f.concrete and f.name != "id"
            },
            "state": law.state_id,
            "notes_es": "Texto de una organizadora.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        "Texto de una organizadora."
        in admin_client.get("/es/states/va/").content.decode()
    )
