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


# --- the logo -----------------------------------------------------------------


def image_upload(
    size, *, fmt="JPEG", mode="RGB", name="logo.jpg", exif=True, text=False
):
    """An uploaded picture carrying what a phone photo carries: EXIF with a
    camera make and a place, or a PNG text chunk."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, PngImagePlugin

    image = Image.new(mode, size, "#3366cc" if mode == "RGB" else 128)
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam Make-7731"  # Make
        data[0x0132] = "2026:11:30 08:15:00"  # DateTime
        kwargs["exif"] = data.tobytes()
    if text:
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "Private Person 5521")
        kwargs["pnginfo"] = info
    image.save(out, format=fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def storage_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return tmp_path / "private"


def post_logo(client, upload, **extra):
    data = {**REAL, **extra}
    if upload is not None:
        data["logo"] = upload
    return client.post("/admin/core/organization/1/change/", data)


def test_an_uploaded_logo_is_shrunk_to_a_png_without_metadata(
    client, superuser, storage_root
):
    from PIL import Image

    Organization(**REAL).save()
    client.force_login(superuser)
    upload = image_upload((1600, 1200))
    assert b"SecretCam" in upload.read()  # the photo does carry it
    upload.seek(0)
    response = post_logo(client, upload)
    assert response.status_code == 302, response.content.decode()[:2000]
    organization = Organization.objects.get()
    assert organization.logo.name.startswith("logo-")
    assert organization.logo.name.endswith(".png")
    path = storage_root / "organization" / organization.logo.name
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "PNG"
        assert stored.size == (267, 200)  # 1600x1200 into 400x200, proportions kept
        assert not stored.getexif()
        assert "exif" not in stored.info and "icc_profile" not in stored.info
    assert b"SecretCam" not in data and b"2026:11:30" not in data
    assert b"eXIf" not in data and b"tEXt" not in data and b"iTXt" not in data
    # Only the site's own user may read it, and it is nowhere public.
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    from django.conf import settings

    assert not str(path).startswith(str(settings.STATIC_ROOT))


def test_a_wide_png_keeps_its_proportions_and_loses_its_text(
    client, superuser, storage_root
):
    from PIL import Image

    Organization(**REAL).save()
    client.force_login(superuser)
    upload = image_upload(
        (1000, 100), fmt="PNG", name="wide.png", exif=False, text=True
    )
    assert post_logo(client, upload).status_code == 302
    data = Organization.objects.get().logo.read()
    assert b"Private Person" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (400, 40)
        assert not stored.text


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "logo.png",
            b"this is not a picture at all",
            "This file is not an image we can use",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG and PDF files are not accepted",
        ),
        (
            "logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * 1024 * 1024),
            "a logo may be at most 5 MB",
        ),
    ],
    ids=["text", "svg", "too-many-bytes"],
)
def test_a_bad_upload_is_refused_with_a_message(
    client, superuser, storage_root, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Organization(**REAL).save()
    client.force_login(superuser)
    response = post_logo(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organization.objects.get().logo
    assert not (storage_root / "organization").exists() or not any(
        (storage_root / "organization").iterdir()
    )


def test_a_picture_too_large_to_open_safely_is_refused_before_decoding(
    client, superuser, storage_root
):
    Organization(**REAL).save()
    client.force_login(superuser)
    upload = image_upload(
        (6001, 6001), fmt="PNG", mode="L", name="huge.png", exif=False
    )
    response = post_logo(client, upload)
    assert response.status_code == 200
    assert "6001×6001 pixels, too large to open safely" in response.content.decode()
    assert not Organization.objects.get().logo


def test_a_new_logo_replaces_the_old_file_and_clearing_removes_it(
    client, superuser, storage_root, django_capture_on_commit_callbacks
):
    Organization(**REAL).save()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, image_upload((800, 400)))
    first = Organization.objects.get().logo.name
    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, image_upload((300, 300)))
    second = Organization.objects.get().logo.name
    assert second != first
    # The change page shows the current logo through the site's own address.
    html = client.get("/admin/core/organization/1/change/").content.decode()
    assert 'href="/about/logo.png"' in html and 'accept="image/png,' in html
    folder = storage_root / "organization"
    assert sorted(p.name for p in folder.iterdir()) == [second]
    # Saving other fields keeps the logo.
    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, None, name="Renamed Coalition")
    assert Organization.objects.get().logo.name == second
    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, None, **{"logo-clear": "on"})
    assert not Organization.objects.get().logo
    assert list(folder.iterdir()) == []
