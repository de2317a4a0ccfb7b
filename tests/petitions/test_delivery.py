"""Delivery packets: one PDF per state in a private ZIP, built by a task, watched in the admin.

Contents are checked from the text poppler (pdftotext) extracts from each PDF:
the right signers in the right state's file, nothing but name, city, ZIP and
comment (never an email), any name printed, user text never read as markup.
"""

import io
import re
import subprocess
import threading
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from petitions import delivery, packets
from petitions.models import DeliveryBuild, Signature
from petitions.selectors import petition_featured

pytestmark = pytest.mark.django_db

NAMES = [
    ("Zoë", "Ñúñez"),
    ("Ŝtefan", "Łukasz"),
    ("Дмитрий", "Иванов"),
    ("Ελένη", "Παπαδοπούλου"),
    ("李", "小龙"),
]
HOSTILE = '<b>bold</b> &amp; <font size=80>big</font> <para> "quoted" & <'


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.DELIVERY_ROOT = tmp_path / "deliveries"
    return settings.DELIVERY_ROOT


def staff(username, *codenames):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(
                codename=codename, content_type__app_label="petitions"
            )
        )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def organizer():
    return staff(
        "organizer",
        "view_signature",
        "export_signatures",
        "view_petition",
        "change_petition",
    )


@pytest.fixture
def editor():
    """Staff who may edit petitions but not see or export signer data."""
    return staff("editor", "view_petition", "change_petition", "view_signature")


_counter = iter(range(10**9))


def signer(
    petition,
    state,
    first,
    last="Signer",
    *,
    city="",
    zip_code="",
    comment="",
    confirmed=True,
    email=None,
):
    n = next(_counter)
    now = timezone.now()
    return Signature(
        petition=petition,
        first_name=first,
        last_name=last,
        email=email or f"person{n}@mailbox-{n}.example",
        zip_code=zip_code
        or {"CA": "94110", "NY": "10001", "TX": "73301"}.get(state, "00000"),
        city=city,
        state=state,
        comment=comment,
        created_at=now - timedelta(minutes=10),
        confirmed_at=now - timedelta(minutes=5) if confirmed else None,
    )


def build_now(petition, user, django_capture_on_commit_callbacks):
    """Start a build the way the admin does; eager Celery runs it on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        build = delivery.delivery_build_start(petition=petition, user=user)
    build.refresh_from_db()
    return build


def zip_members(build):
    path = delivery.delivery_build_file(build=build)
    assert path is not None, build.message
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdftotext(poppler, data, tmp_path, *, layout=False):
    path = tmp_path / "packet.pdf"
    path.write_bytes(data)
    args = [poppler["pdftotext"], "-enc", "UTF-8", str(path), "-"]
    if layout:
        args.insert(1, "-layout")
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def words(text):
    return " ".join(text.split())


# --------------------------------------------------------------------------
# Packet contents
# --------------------------------------------------------------------------


def test_each_state_gets_its_own_signers_and_nothing_else(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(
        title="Keep our data out of AI", text="First paragraph.\n\nSecond paragraph."
    )
    other = make_petition(slug="other", title="Another petition")
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                "CA",
                "Carmen",
                "Alvarez",
                city="San Francisco",
                zip_code="94110",
                comment="For my kids.",
            ),
            signer(
                petition, "CA", "Calvin", "Brooks", city="Oakland", zip_code="94607"
            ),
            signer(
                petition,
                "NY",
                "Nadia",
                "Kowalski",
                city="Brooklyn",
                zip_code="11201",
                comment="Privacy is a right.",
            ),
            signer(petition, "TX", "Tomas", "Reyes", city="Austin", zip_code="73301"),
            # Not delivered: unconfirmed, or signed another petition.
            signer(
                petition, "CA", "Unconfirmed", "Person", city="Fresno", confirmed=False
            ),
            signer(other, "CA", "Otherpetition", "Signer", city="Sacramento"),
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    assert (build.progress_done, build.progress_total) == (4, 4)
    assert (build.states_done, build.states_total) == (3, 3)
    assert re.fullmatch(
        r"3 PDFs for 4 signers in 3 states, built in \d+ s\.", build.message
    )
    members = zip_members(build)
    assert sorted(members) == ["CA-california.pdf", "NY-new-york.pdf", "TX-texas.pdf"]
    texts = {
        name: words(pdftotext(poppler, data, tmp_path))
        for name, data in members.items()
    }

    ca = texts["CA-california.pdf"]
    for expected in (
        "Carmen Alvarez",
        "San Francisco",
        "94110",
        "For my kids.",
        "Calvin Brooks",
        "Oakland",
        "94607",
    ):
        assert expected in ca
    for absent in (
        "Nadia",
        "Tomas",
        "Unconfirmed",
        "Fresno",
        "Otherpetition",
        "Sacramento",
    ):
        assert absent not in ca
    assert "Nadia Kowalski" in texts["NY-new-york.pdf"]
    assert "Privacy is a right." in texts["NY-new-york.pdf"]
    assert "Carmen" not in texts["NY-new-york.pdf"]
    assert (
        "Tomas Reyes" in texts["TX-texas.pdf"] and "Nadia" not in texts["TX-texas.pdf"]
    )

    # The cover letter: addressed to that state's legislators, counts, date, the text.
    assert "To the members of the California State Legislature" in ca
    assert "Senate (40 members) and Assembly (80 members)" in ca
    assert "2 people in California signed the petition" in ca
    assert "4 signed it across 3 states (2 outside California)" in ca
    assert "1 person in New York signed" in texts["NY-new-york.pdf"]
    today = timezone.localdate()
    assert f"{today:%B} {today.day}, {today.year}" in ca
    assert "Petition: Keep our data out of AI" in ca
    assert "First paragraph." in ca and "Second paragraph." in ca
    assert "Name City ZIP Comment" in ca
    # Running header and page numbers.
    assert "Petition: Keep our data out of AI · California · 2 signers" in ca
    assert "Page 1 of 2" in ca and "Page 2 of 2" in ca


def test_packets_never_contain_an_email_or_other_contact_data(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                state,
                f"Person{i}",
                city=f"Town{i}",
                email=f"secret.mailbox{i}@hidden-domain{i}.example",
            )
            for i, state in enumerate(["CA", "CA", "NY", "WA", "DC", "NE"])
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    archive_bytes = delivery.delivery_build_file(build=build).read_bytes()
    assert (
        b"secret.mailbox" not in archive_bytes and b"hidden-domain" not in archive_bytes
    )
    members = zip_members(build)
    assert len(members) == 5
    for name, data in members.items():
        text = pdftotext(poppler, data, tmp_path)
        assert "secret.mailbox" not in text and "hidden-domain" not in text
        assert "@" not in text, name
        # The document metadata says nothing about signers either.
        info = subprocess.run(
            [poppler["pdfinfo"], "-"], input=data, capture_output=True
        )
        assert b"@" not in info.stdout
    # What the rows give the PDF at all: name, city, ZIP, comment (+ state to group by).
    assert packets.SIGNER_FIELDS == (
        "first_name",
        "last_name",
        "city",
        "zip_code",
        "comment",
    )
    assert packets.signer_row(
        {
            "first_name": "A",
            "last_name": "B",
            "city": "C",
            "zip_code": "1",
            "comment": "D",
            "email": "x@example.com",
        }
    ) == ["A B", "C", "1", "D"]
    # Unicameral bodies: addressed once, with their size.
    ne = words(pdftotext(poppler, members["NE-nebraska.pdf"], tmp_path))
    assert "To the members of the Nebraska Legislature 49 members" in ne
    dc = words(pdftotext(poppler, members["DC-district-of-columbia.pdf"], tmp_path))
    assert "To the members of the Council of the District of Columbia" in dc


def test_any_name_prints_and_user_text_is_never_markup(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(title="Title with <i>tags</i> & ampersands")
    rows = [
        signer(petition, "WA", first, last, city="Olympia") for first, last in NAMES
    ]
    rows.append(signer(petition, "WA", "Sam", "Lee 🙂", city="Tacoma"))
    rows.append(
        signer(petition, "WA", "Marked", "Up", city="<i>Seattle</i>", comment=HOSTILE)
    )
    Signature.objects.bulk_create(rows)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    data = zip_members(build)["WA-washington.pdf"]
    text = words(pdftotext(poppler, data, tmp_path))
    for first, last in NAMES:
        assert f"{first} {last}" in text
    assert "Sam Lee" in text  # the emoji has no font here; the name still prints
    assert "<i>Seattle</i>" in text
    assert words(HOSTILE) in text
    assert "Title with <i>tags</i> & ampersands" in text
    fonts = subprocess.run(
        [poppler["pdffonts"], "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # every font embedded
    assert "Helvetica" not in fonts
    assert any("NotoSansSC" in row[0] for row in rows)


def test_long_lists_run_over_pages_with_headers_and_numbers(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(title="Long list")
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                "OR",
                f"Signer{i:04d}",
                city="Portland",
                comment=("A longer comment that has to wrap over several lines. " * 3)
                if i % 10 == 0
                else "",
            )
            for i in range(700)
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    data = zip_members(build)["OR-oregon.pdf"]
    path = tmp_path / "or.pdf"
    path.write_bytes(data)
    pages = [
        words(page)
        for page in pdftotext(poppler, data, tmp_path).split("\f")
        if page.strip()
    ]
    total = len(pages)
    assert total >= 12
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        if number > 1:
            assert "Petition: Long list · Oregon · 700 signers" in page
            assert page.count("Name City ZIP Comment") == 1  # header row on every page
    text = " ".join(pages)
    # Every signer exactly once, in the order they signed.
    found = [
        int(w[6:10])
        for w in text.split()
        if w.startswith("Signer") and w[6:10].isdigit()
    ]
    assert found == list(range(700))
    assert subprocess.run([poppler["qpdf"], "--check", str(path)]).returncode == 0


def test_a_big_state_is_delivered_in_parts(
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
    monkeypatch,
):
    monkeypatch.setattr(packets, "SIGNERS_PER_PDF", 10)
    petition = make_petition(title="Parts")
    Signature.objects.bulk_create(
        [signer(petition, "CA", f"Signer{i:03d}", city="Fresno") for i in range(25)]
        + [signer(petition, "NY", "Nadia", city="Albany")]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.message.startswith("4 PDFs for 26 signers in 2 states")
    members = zip_members(build)
    assert sorted(members) == [
        "CA-california-part-1-of-3.pdf",
        "CA-california-part-2-of-3.pdf",
        "CA-california-part-3-of-3.pdf",
        "NY-new-york.pdf",
    ]
    found = []
    for part in (1, 2, 3):
        text = words(
            pdftotext(poppler, members[f"CA-california-part-{part}-of-3.pdf"], tmp_path)
        )
        assert ("To the members of the California State Legislature" in text) == (
            part == 1
        )
        assert "25 people in California signed" in text or part > 1
        first, last = (part - 1) * 10 + 1, min(part * 10, 25)
        assert (
            f"Signers in California, part {part} of 3: {first} to {last} of 25" in text
        )
        found += [int(w[6:9]) for w in text.split() if re.fullmatch(r"Signer\d{3}", w)]
    assert found == list(range(25))  # each signer once, in order, across the parts
    assert "Nadia" in words(pdftotext(poppler, members["NY-new-york.pdf"], tmp_path))


# --------------------------------------------------------------------------
# Private storage, refusals, failures
# --------------------------------------------------------------------------


def test_the_zip_is_private_and_complete(
    settings, make_petition, organizer, django_capture_on_commit_callbacks, private_root
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    path = delivery.delivery_build_file(build=build)
    assert path.parent == private_root
    assert path.stat().st_mode & 0o077 == 0  # owner-only
    assert build.file_size == path.stat().st_size
    assert [p.name for p in private_root.iterdir()] == [build.file_name]  # no temp left
    # The default location is outside anything served publicly.
    from advocacy.settings import base

    assert base.DELIVERY_ROOT.is_relative_to(base.PRIVATE_STORAGE_ROOT)
    assert not base.DELIVERY_ROOT.is_relative_to(base.STATIC_ROOT)
    assert not base.DELIVERY_ROOT.is_relative_to(base.BASE_DIR / "static")


def test_old_packets_are_deleted_after_the_promised_days(
    settings, make_petition, organizer, django_capture_on_commit_callbacks, private_root
):
    import os

    from petitions import tasks

    settings.DELIVERY_KEEP_DAYS = 30
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    old = build_now(petition, organizer, django_capture_on_commit_callbacks)
    new = build_now(petition, organizer, django_capture_on_commit_callbacks)
    old_path = delivery.delivery_build_file(build=old)
    DeliveryBuild.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - timedelta(days=30, minutes=1)
    )
    DeliveryBuild.objects.filter(pk=new.pk).update(
        finished_at=timezone.now() - timedelta(days=29, hours=23)
    )
    # A partial file a killed worker left a day and more ago, and a fresh one.
    stale_partial = private_root / ".partial-dead.zip"
    stale_partial.write_bytes(b"half")
    day_ago = timezone.now().timestamp() - 86401
    os.utime(stale_partial, (day_ago, day_ago))
    live_partial = private_root / ".partial-live.zip"
    live_partial.write_bytes(b"half")

    assert tasks.delivery_files_purge() == 1

    old.refresh_from_db()
    new.refresh_from_db()
    assert not old_path.exists()
    assert delivery.delivery_build_file(build=old) is None
    assert old.file_name == "" and old.file_size is None
    assert "deleted 30 days after it was built" in old.message
    assert delivery.delivery_build_file(build=new) is not None  # 29 days: kept
    assert not stale_partial.exists()
    assert live_partial.exists()
    assert tasks.delivery_files_purge() == 0  # nothing left to delete
    assert (
        settings.CELERY_BEAT_SCHEDULE["petitions-delete-old-delivery-packets"]["task"]
        == "petitions.tasks.delivery_files_purge"
    )


def test_a_delivery_root_inside_a_public_folder_is_refused(
    settings, make_petition, organizer, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ImproperlyConfigured

    settings.DELIVERY_ROOT = settings.STATIC_ROOT / "deliveries"
    with pytest.raises(ImproperlyConfigured, match="must stay private"):
        delivery.delivery_root()
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.FAILED
    assert "must stay private" in build.message
    assert not (settings.STATIC_ROOT / "deliveries").exists()


def test_a_second_build_is_refused_while_one_is_pending(make_petition, organizer):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    first = delivery.delivery_build_start(
        petition=petition, user=organizer
    )  # not run yet
    with pytest.raises(delivery.DeliveryRefused) as refused:
        delivery.delivery_build_start(petition=petition, user=organizer)
    assert "already being built" in str(refused.value)
    assert "by organizer" in str(refused.value)
    assert refused.value.build == first
    assert DeliveryBuild.objects.count() == 1
    # Another petition may build meanwhile.
    other = make_petition(slug="other")
    Signature.objects.bulk_create([signer(other, "CA", "Bo")])
    delivery.delivery_build_start(petition=other, user=organizer)
    assert DeliveryBuild.objects.count() == 2


def test_nothing_to_deliver_is_refused_with_a_message(make_petition, organizer):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada", confirmed=False)])
    with pytest.raises(delivery.DeliveryRefused, match="no confirmed signatures"):
        delivery.delivery_build_start(petition=petition, user=organizer)


def test_only_exporters_may_start_a_build(make_petition, editor):
    from django.core.exceptions import PermissionDenied

    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    with pytest.raises(PermissionDenied):
        delivery.delivery_build_start(petition=petition, user=editor)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_starts_make_one_build(
    require_postgres, make_petition, organizer
):
    """Real race on PostgreSQL: both threads pass the checks, the constraint decides."""
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    barrier = threading.Barrier(4)
    results = []
    real_create = DeliveryBuild.objects.create

    calls = []

    def slow_create(**kwargs):
        calls.append(1)
        barrier.wait(timeout=10)  # every thread is about to insert
        return real_create(**kwargs)

    def start():
        from django.db import connection as thread_connection

        try:
            build = delivery.delivery_build_start(petition=petition, user=organizer)
            results.append(("ok", build.pk))
        except delivery.DeliveryRefused as refused:
            results.append(("refused", str(refused)))
        except Exception as exc:  # noqa: BLE001 - reported below
            results.append(("error", repr(exc)))
        finally:
            thread_connection.close()

    import unittest.mock

    with (
        unittest.mock.patch.object(DeliveryBuild.objects, "create", slow_create),
        unittest.mock.patch.object(delivery, "delivery_build_queue"),
    ):
        threads = [threading.Thread(target=start) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert sorted(kind for kind, _ in results) == [
        "ok",
        "refused",
        "refused",
        "refused",
    ], results
    assert all(
        "already being built" in text for kind, text in results if kind == "refused"
    )
    assert len(calls) == 4  # all four really raced to insert
    assert DeliveryBuild.objects.filter(petition=petition).count() == 1


def test_a_failure_leaves_a_clear_message_and_no_file(
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    monkeypatch,
    private_root,
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [signer(petition, "CA", "Ada"), signer(petition, "NY", "Bo")]
    )

    def broken(info, rows, out):
        list(rows)
        raise OSError("disk full")

    monkeypatch.setattr(packets, "packet_pdf", broken)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.FAILED
    assert (
        "The build failed and nothing was saved (OSError: disk full)" in build.message
    )
    assert build.finished_at is not None
    assert list(private_root.iterdir()) == []  # the partial ZIP is gone
    assert delivery.delivery_build_file(build=build) is None
    # Not stuck: a new build may start at once.
    monkeypatch.undo()
    again = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert again.status == DeliveryBuild.DONE


def test_an_unreachable_queue_fails_the_build_instead_of_leaving_it_pending(
    make_petition, organizer, django_capture_on_commit_callbacks, monkeypatch
):
    from petitions import tasks

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.delivery_build, "apply_async", down)
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.FAILED
    assert "could not be handed to the task queue" in build.message


def test_a_stale_build_counts_as_failed_and_a_late_worker_does_nothing(
    settings, make_petition, organizer
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    long_ago = timezone.now() - timedelta(
        seconds=settings.DELIVERY_BUILD_STALE_SECONDS + 5
    )
    DeliveryBuild.objects.filter(pk=build.pk).update(updated_at=long_ago)
    build = delivery.delivery_build_get(build_id=build.pk)
    assert build.status == DeliveryBuild.FAILED
    assert "nothing was heard from the worker for 10 minutes" in build.message
    # The task arriving late does not resurrect it.
    assert delivery.delivery_build_run(build_id=build.pk) is None
    build.refresh_from_db()
    assert build.status == DeliveryBuild.FAILED
    # And a new build may start.
    assert (
        delivery.delivery_build_start(petition=petition, user=organizer).pk != build.pk
    )


def test_a_running_build_marked_stale_stops_and_cleans_up(
    make_petition, organizer, monkeypatch, private_root
):
    """The worker notices at its next progress report that its build was retired."""
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", f"P{i}") for i in range(30)])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    real = delivery._Progress.save

    def retire_then_save(self):
        DeliveryBuild.objects.filter(pk=self.build_id).update(
            status=DeliveryBuild.FAILED
        )
        return real(self)

    monkeypatch.setattr(delivery._Progress, "save", retire_then_save)
    assert delivery.delivery_build_run(build_id=build.pk, progress_every=10) == "failed"
    assert list(private_root.iterdir()) == []


def test_progress_is_written_as_the_build_goes(make_petition, organizer, monkeypatch):
    petition = make_petition()
    Signature.objects.bulk_create(
        [
            signer(petition, state, f"P{i}")
            for i, state in enumerate(["CA"] * 25 + ["NY"] * 5)
        ]
    )
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    seen = []
    real = delivery._Progress.save

    def record(self):
        real(self)
        row = DeliveryBuild.objects.get(pk=self.build_id)
        seen.append(
            (row.status, row.progress_done, row.states_done, row.progress_total)
        )

    monkeypatch.setattr(delivery._Progress, "save", record)
    assert delivery.delivery_build_run(build_id=build.pk, progress_every=10) == "done"
    assert seen == [
        ("running", 10, 0, 30),
        ("running", 20, 0, 30),
        ("running", 25, 1, 30),  # California done
        ("running", 30, 1, 30),
        ("running", 30, 2, 30),  # New York done
    ]


# --------------------------------------------------------------------------
# Admin: button, start, status page, JSON, download
# --------------------------------------------------------------------------


def test_admin_button_only_for_staff_who_may_export(
    client, make_petition, organizer, editor
):
    petition = make_petition()
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    page = reverse("admin:petitions_petition_delivery", args=[petition.pk])
    client.force_login(organizer)
    assert page in client.get(change).content.decode()
    client.force_login(editor)
    response = client.get(change)
    assert response.status_code == 200 and page not in response.content.decode()
    assert client.get(page).status_code == 403
    assert client.post(page).status_code == 403
    assert not DeliveryBuild.objects.exists()


def test_admin_flow_start_watch_download(
    client, make_petition, organizer, django_capture_on_commit_callbacks
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [signer(petition, "CA", "Ada"), signer(petition, "NY", "Bo")]
    )
    client.force_login(organizer)
    page = reverse("admin:petitions_petition_delivery", args=[petition.pk])
    response = client.get(page)
    assert "2 confirmed signatures in 2 states" in response.content.decode()
    assert 'value="Build delivery packets"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page)
    build = DeliveryBuild.objects.get()
    status_url = reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    assert response.status_code == 302 and response.url == status_url
    html = client.get(status_url).content.decode()
    download = reverse("admin:petitions_deliverybuild_download", args=[build.pk])
    assert "Ready" in html and download in html
    assert '<progress id="delivery-progress" max="2" value="2">' in html
    assert "http-equiv" not in html  # finished: no refresh
    data = client.get(
        reverse("admin:petitions_deliverybuild_status_json", args=[build.pk])
    ).json()
    assert data["status"] == "done" and data["done"] == data["total"] == 2
    assert data["percent"] == 100 and data["download_url"] == download
    assert data["states_done"] == data["states_total"] == 2
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert build.file_name in response["Content-Disposition"]
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist() == ["CA-california.pdf", "NY-new-york.pdf"]
        assert archive.read("CA-california.pdf").startswith(b"%PDF")


def test_status_page_while_running_refreshes_without_inline_script(
    client, make_petition, organizer
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    DeliveryBuild.objects.filter(pk=build.pk).update(
        status="running", progress_done=0, progress_total=1
    )
    client.force_login(organizer)
    html = client.get(
        reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    ).content.decode()
    assert "Building" in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'src="/static/js/delivery_progress.js"' in html
    json_url = reverse("admin:petitions_deliverybuild_status_json", args=[build.pk])
    assert f'data-delivery-status-url="{json_url}"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    assert " style=" not in html.split("<body")[1]
    data = client.get(json_url).json()
    assert data["active"] is True and data["download_url"] == ""
    # Refused second start from the admin: a message and the running build's page.
    response = client.post(
        reverse("admin:petitions_petition_delivery", args=[petition.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "admin:petitions_deliverybuild_status", args=[build.pk]
    )
    assert "already being built" in response.content.decode()


def test_failed_build_is_shown_clearly(client, make_petition, organizer):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = delivery.delivery_build_start(petition=petition, user=organizer)
    DeliveryBuild.objects.filter(pk=build.pk).update(
        status="failed", message="The build failed and nothing was saved (OSError: x)."
    )
    client.force_login(organizer)
    html = client.get(
        reverse("admin:petitions_deliverybuild_status", args=[build.pk])
    ).content.decode()
    assert "Failed" in html
    assert 'class="delivery-build__message errornote"' in html
    assert "nothing was saved (OSError: x)" in html
    assert "http-equiv" not in html
    download = reverse("admin:petitions_deliverybuild_download", args=[build.pk])
    assert client.get(download).status_code == 404


def test_download_and_status_need_the_export_permission(
    client, make_petition, organizer, editor, django_capture_on_commit_callbacks
):
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    urls = [
        reverse("admin:petitions_deliverybuild_download", args=[build.pk]),
        reverse("admin:petitions_deliverybuild_status", args=[build.pk]),
        reverse("admin:petitions_deliverybuild_status_json", args=[build.pk]),
    ]
    for url in urls:  # anonymous: to the login page
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    client.force_login(editor)  # staff without the export permission
    for url in urls:
        assert client.get(url).status_code == 403
    client.force_login(organizer)
    for url in urls:
        assert client.get(url).status_code == 200
    missing = reverse("admin:petitions_deliverybuild_status", args=[build.pk + 999])
    assert client.get(missing).status_code == 404


def test_admin_action_starts_builds_and_reports_refusals(
    client, make_petition, organizer, django_capture_on_commit_callbacks
):
    first = make_petition()
    empty = make_petition(slug="empty", title="Nobody signed")
    Signature.objects.bulk_create([signer(first, "CA", "Ada")])
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:petitions_petition_changelist"),
            {
                "action": "build_delivery_packets",
                "_selected_action": [first.pk, empty.pk],
            },
            follow=True,
        )
    html = response.content.decode()
    assert "building delivery packets" in html
    assert "Nobody signed: This petition has no confirmed signatures yet" in html
    assert DeliveryBuild.objects.get().status == "done"


def test_action_hidden_from_staff_without_the_export_permission(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:petitions_petition_changelist")).content.decode()
    assert "build_delivery_packets" not in html


# --------------------------------------------------------------------------
# The sign form says what is delivered
# --------------------------------------------------------------------------


def test_sign_form_says_what_reaches_lawmakers_and_keeps_the_city(
    client, make_petition
):
    petition = make_petition(requires_confirmation=False)
    html = client.get(petition.get_absolute_url()).content.decode()
    assert (
        "We deliver your name, city, ZIP code and comment to your state's lawmakers. "
        "Never your email, street address or phone number."
    ) in html
    assert 'aria-describedby="sign-delivery"' in html
    # The take-action journey's sign step is the same form and says the same.
    assert petition_featured() == petition
    act = client.get(reverse("act:sign")).content.decode()
    assert "We deliver your name, city, ZIP code and comment" in act
    assert 'aria-describedby="sign-delivery"' in act
    response = client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.com",
            "zip_code": "94110",
            "state": "CA",
            "city": "  San   Francisco ",
            "comment": "",
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert Signature.objects.get().city == "San Francisco"
