"""Helpers for the delivery tests: signers, a build run the way the admin does
it, and the text of the PDFs."""

import subprocess
import zipfile
from datetime import timedelta

from django.utils import timezone

from petitions import delivery
from tests.factories import SignatureFactory

NAMES = [
    ("Zoë", "Ñúñez"),
    ("Ŝtefan", "Łukasz"),
    ("Дмитрий", "Иванов"),
    ("Ελένη", "Παπαδοπούλου"),
    ("李", "小龙"),
]
HOSTILE = '<b>bold</b> &amp; <font size=80>big</font> <para> "quoted" & <'


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
    return SignatureFactory.build(
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
