"""Organizer side: who may see signer data, streaming CSV export, per-day view."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db.models.query import QuerySet
from django.utils import timezone

from petitions.export import csv_cell
from petitions.models import Signature
from petitions.permissions import signer_data_access_allowed

pytestmark = pytest.mark.django_db


def staff(username, *codenames, is_staff=True, is_active=True):
    user = User.objects.create_user(
        username, password="pw", is_staff=is_staff, is_active=is_active
    )
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(
                codename=codename, content_type__app_label="petitions"
            )
        )
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def organizer():
    return staff("organizer", "view_signature", "export_signatures", "view_petition")


def add(petition, n, **fields):
    return Signature.objects.create(
        petition=petition,
        first_name=fields.pop("first_name", "Ada"),
        last_name=fields.pop("last_name", "Lovelace"),
        email=fields.pop("email", f"s{n}@example.com"),
        zip_code="94110",
        state="CA",
        **fields,
    )


def test_signer_data_access_allowed():
    assert not signer_data_access_allowed(AnonymousUser())
    assert not signer_data_access_allowed(None)
    assert not signer_data_access_allowed(staff("plain"))
    assert not signer_data_access_allowed(staff("viewonly", "view_signature"))
    assert not signer_data_access_allowed(staff("exportonly", "export_signatures"))
    assert not signer_data_access_allowed(
        staff("notstaff", "view_signature", "export_signatures", is_staff=False)
    )
    assert not signer_data_access_allowed(
        staff("inactive", "view_signature", "export_signatures", is_active=False)
    )
    assert signer_data_access_allowed(
        staff("both", "view_signature", "export_signatures")
    )
    assert signer_data_access_allowed(
        User.objects.create_superuser("root", "r@x.org", "pw")
    )


def test_staff_without_permission_cannot_see_signatures(client, petition):
    add(petition, 1)
    client.force_login(staff("viewonly", "view_signature", "view_petition"))
    assert client.get("/admin/petitions/signature/").status_code == 403
    assert client.get("/admin/petitions/signature/export/").status_code == 403
    assert (
        client.get(f"/admin/petitions/petition/{petition.pk}/per-day/").status_code
        == 403
    )


def test_changelist_filters_and_search(client, petition, make_petition, organizer):
    make_petition(slug="another")
    add(
        petition,
        1,
        first_name="Grace",
        email="grace@example.com",
        confirmed_at=timezone.now(),
    )
    add(petition, 2, first_name="Linus")
    client.force_login(organizer)
    page = client.get("/admin/petitions/signature/")
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        'data-filter-title="petition"',
        'data-filter-title="confirmed"',
        'data-filter-title="state"',
        'data-filter-title="created at"',
        "Export these signatures (CSV)",
    ):
        assert text in html, text
    confirmed = client.get("/admin/petitions/signature/?confirmed=yes").content.decode()
    assert "Grace" in confirmed and "Linus" not in confirmed
    found = client.get("/admin/petitions/signature/?q=grace@").content.decode()
    assert "Grace" in found and "Linus" not in found
    assert "Export these signatures" in found and "export/?q=grace%40" in found


def read_csv(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_csv_export_neutralises_formulas(client, petition, organizer):
    add(
        petition,
        1,
        first_name='=HYPERLINK("http://evil")',
        last_name="+SUM(A1)",
        comment="@cmd",
        may_contact=True,
        confirmed_at=timezone.now(),
    )
    add(petition, 2, first_name="-2+3", last_name="\tTab", comment="\rCR")
    add(petition, 3, first_name="Plain", last_name="Name", comment="a = b, fine")
    client.force_login(organizer)
    response = client.get("/admin/petitions/signature/export/")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:6] == [
        "petition",
        "signed_at",
        "confirmed_at",
        "first_name",
        "last_name",
        "email",
    ]
    by_first = {row[3]: dict(zip(header, row, strict=True)) for row in body}
    evil = by_first['\'=HYPERLINK("http://evil")']
    assert evil["last_name"] == "'+SUM(A1)"
    assert evil["comment"] == "'@cmd"
    assert evil["email"] == "s1@example.com"  # may_contact ticked
    assert evil["may_contact"] == "yes"
    other = by_first["'-2+3"]
    assert other["last_name"] == "'\tTab"
    assert other["comment"] == "'\rCR"
    assert other["email"] == ""  # did not agree to be contacted
    plain = by_first["Plain"]
    assert plain["comment"] == "a = b, fine"
    # No cell of any row starts with a formula trigger.
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_cell():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("hello") == "hello"
    assert csv_cell(True) == "yes"
    assert csv_cell(None) == ""
    assert csv_cell(5) == "5"


def test_csv_export_respects_changelist_filters(
    client, petition, make_petition, organizer
):
    other = make_petition(slug="other")
    add(petition, 1, first_name="Mine", confirmed_at=timezone.now())
    add(petition, 2, first_name="Unconfirmed")
    add(other, 3, first_name="Elsewhere", confirmed_at=timezone.now())
    client.force_login(organizer)
    rows = read_csv(
        client.get(
            f"/admin/petitions/signature/export/?petition__id__exact={petition.pk}&confirmed=yes"
        )
    )
    assert [row[3] for row in rows[1:]] == ["Mine"]


def test_csv_export_streams_without_loading_all_rows(
    client, petition, organizer, monkeypatch
):
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            first_name=f"N{n}",
            last_name="L",
            email=f"{n}@x.org",
            zip_code="94110",
            state="CA",
            confirmed_at=now,
        )
        for n in range(4500)
    )
    client.force_login(organizer)
    response = client.get("/admin/petitions/signature/export/")
    # Evaluating a whole Signature queryset into memory is forbidden from here on.
    real_fetch_all = QuerySet._fetch_all

    def guarded(self):
        if self.model is Signature and self._result_cache is None:
            raise AssertionError("export loaded every row into memory")
        return real_fetch_all(self)

    monkeypatch.setattr(QuerySet, "_fetch_all", guarded)
    chunks = 0
    lines = 0
    for chunk in response.streaming_content:
        chunks += 1
        lines += chunk.count(b"\n")
    assert lines == 4501
    assert chunks > 1


def test_per_day_view(client, petition, organizer):
    add(petition, 1, confirmed_at=timezone.now())
    add(petition, 2)
    client.force_login(organizer)
    response = client.get(f"/admin/petitions/petition/{petition.pk}/per-day/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Signatures per day" in html
    assert "2 signed, 1 confirmed" in html
    assert timezone.localdate().strftime("%-d") in html
    petitions_page = client.get("/admin/petitions/petition/").content.decode()
    assert f"/admin/petitions/petition/{petition.pk}/per-day/" in petitions_page


def test_signatures_cannot_be_added_in_admin(client, organizer):
    client.force_login(User.objects.create_superuser("root", "r@x.org", "pw"))
    assert client.get("/admin/petitions/signature/add/").status_code == 403


def test_petition_change_page_links_to_organizer_tools(client, petition, organizer):
    client.force_login(User.objects.create_superuser("root", "r@x.org", "pw"))
    html = client.get(
        f"/admin/petitions/petition/{petition.pk}/change/"
    ).content.decode()
    assert f"/admin/petitions/petition/{petition.pk}/per-day/" in html
    assert (
        f"/admin/petitions/signature/export/?petition__id__exact={petition.pk}" in html
    )
