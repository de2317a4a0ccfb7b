"""The organization record: one row edited in the admin, seeded as a marked
placeholder by load_content, read through a cache, and asked for by the
dashboard and by packet builds while it is still the placeholder."""

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from core import content
from core.models import Organization
from core.selectors import organization_get

pytestmark = pytest.mark.django_db

REAL = {
    "name": "Data Dignity Coalition",
    "description": "We help people keep their data out of AI training.",
    "postal_address": "1200 K Street NW, Suite 800\nWashington, DC 20005",
    "email": "office@datadignity.org",
    "phone": "",
    "website": "https://datadignity.org/",
}


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", "root@datadignity.org", "pw")


def change_form(organization):
    return {
        field: getattr(organization, field)
        for field in (
            "name",
            "description",
            "postal_address",
            "email",
            "phone",
            "website",
        )
    }


def test_load_content_seeds_a_marked_placeholder_once_and_keeps_edits():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert "Created the placeholder organization" in out.getvalue()
    organization = Organization.objects.get()
    assert organization.name == "Your organization's name (edit in the admin)"
    assert organization.is_placeholder
    assert organization.placeholder_fields() == [
        "name",
        "description",
        "postal address",
        "contact email",
        "website",
    ]
    Organization.objects.filter(pk=1).update(name="Data Dignity Coalition")
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert Organization.objects.get().name == "Data Dignity Coalition"  # kept
    assert "still to replace in the admin: description, postal address" in (
        out.getvalue()
    )
    assert Organization.objects.count() == 1


def test_a_real_organization_is_not_a_placeholder_and_there_is_only_one():
    Organization(**REAL).save()
    Organization(**{**REAL, "name": "Second"}).save()  # the same row, edited
    assert Organization.objects.count() == 1
    organization = Organization.objects.get()
    assert organization.name == "Second" and not organization.is_placeholder
    assert organization.address_lines == [
        "1200 K Street NW, Suite 800",
        "Washington, DC 20005",
    ]
    for field, value in [
        ("email", "office@example.org"),
        ("website", "https://www.example.com/"),
        ("email", "me@coalition.test"),
        ("postal_address", ""),
        ("postal_address", "PO Box 1 (edit in the admin)"),
    ]:
        setattr(organization, field, value)
        assert organization.is_placeholder, (field, value)
        setattr(organization, field, REAL[field])
    assert not organization.is_placeholder


def test_the_selector_is_cached_until_the_organization_is_saved(
    django_assert_num_queries,
):
    assert organization_get() is None
    Organization(**REAL).save()
    with django_assert_num_queries(1):
        first = organization_get()
    with django_assert_num_queries(0):
        assert organization_get() == first
    assert first.name == "Data Dignity Coalition" and not first.is_placeholder
    assert first.website_display == "datadignity.org"
    organization = Organization.objects.get()
    organization.name = "Renamed"
    organization.save()
    assert organization_get().name == "Renamed"


def test_the_admin_keeps_one_row_without_an_add_button(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/core/organization/")
    assert response.status_code == 200  # none yet: the list, with its add link
    assert 'href="/admin/core/organization/add/"' in response.content.decode()
    content.load(stdout=io.StringIO())
    response = client.get("/admin/core/organization/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/core/organization/1/change/"
    response = client.get("/admin/core/organization/1/change/")
    html = response.content.decode()
    assert "Still to replace: name, description, postal address" in html
    assert "/admin/core/organization/add/" not in html
    assert client.get("/admin/core/organization/add/").status_code == 403
    assert client.get("/admin/core/organization/1/delete/").status_code == 403
    response = client.post(
        "/admin/core/organization/1/change/", change_form(Organization(**REAL))
    )
    assert response.status_code == 302
    assert Organization.objects.get().name == "Data Dignity Coalition"
    assert not organization_get().is_placeholder
    html = client.get("/admin/core/organization/1/change/").content.decode()
    assert "Still to replace" not in html


def test_the_admin_says_what_a_bad_address_is(client, superuser):
    Organization(**REAL).save()
    client.force_login(superuser)
    response = client.post(
        "/admin/core/organization/1/change/",
        {**REAL, "email": "not an address", "postal_address": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "This field is required." in html
    assert Organization.objects.get().email == REAL["email"]  # nothing lost


def dashboard_section(client):
    html = client.get("/admin/").content.decode()
    if 'data-section="organization"' not in html:
        return None
    start = html.index('data-section="organization"')
    return html[start : html.index("</section>", start)]


def test_the_dashboard_asks_for_the_organization_until_it_is_real(client, superuser):
    client.force_login(superuser)
    assert "No organization is set up yet" in dashboard_section(client)
    content.load(stdout=io.StringIO())
    section = dashboard_section(client)
    assert "still holds the placeholder" in section
    assert "name, description, postal address, contact email, website" in section
    assert 'href="/admin/core/organization/"' in section
    organization = Organization.objects.get()
    for field, value in REAL.items():
        setattr(organization, field, value)
    organization.save()
    assert dashboard_section(client) is None


def test_only_staff_who_may_edit_it_are_asked(client):
    content.load(stdout=io.StringIO())
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_signature"))
    client.force_login(user)
    assert dashboard_section(client) is None
    user.user_permissions.add(Permission.objects.get(codename="change_organization"))
    client.force_login(User.objects.get(pk=user.pk))
    assert "still holds the placeholder" in dashboard_section(client)
