"""Issue 16, item 10: confirm and withdraw links carry a random public id,
never the signature's sequential primary key (which told anyone how many
people had signed, unconfirmed ones included)."""

import re

import pytest
from django.core import signing

from petitions import tokens
from petitions.models import Signature, signature_public_id

from .conftest import links_in, path_of, sign

pytestmark = pytest.mark.django_db

URL_SAFE = re.compile(r"^[A-Za-z0-9_-]{22}$")


def emailed_tokens(message):
    confirm, withdraw = links_in(message)
    return path_of(confirm).rstrip("/").rsplit("/", 1)[1], path_of(withdraw).rstrip(
        "/"
    ).rsplit("/", 1)[1]


def test_emailed_links_start_with_a_random_id_not_the_primary_key(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            sign(client, petition, email=f"signer{n}@example.com")
    signatures = list(Signature.objects.order_by("pk"))
    assert len(signatures) == len(mailoutbox) == 3
    seen = set()
    for signature, message in zip(signatures, mailoutbox, strict=True):
        for token in emailed_tokens(message):
            first = token.split(":")[0]
            assert first == signature.public_id
            assert URL_SAFE.match(first), token
            assert not first.isdigit()
            assert str(signature.pk) not in token.split(":")
            seen.add(first)
    assert len(seen) == 3  # one id per signature, nothing in common


def test_the_link_confirms_by_its_public_id(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    signature = Signature.objects.get()
    confirm, _ = links_in(mailoutbox[0])
    assert client.post(path_of(confirm)).status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_a_link_emailed_before_public_ids_still_works(client, petition):
    """Links already in inboxes sign the primary key; they work until they expire."""
    sign(client, petition)
    signature = Signature.objects.get()
    old = signing.TimestampSigner(salt=tokens.CONFIRM).sign(str(signature.pk))
    path = f"/petitions/{petition.slug}/confirm/{old}/"
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
    old_withdraw = signing.TimestampSigner(salt=tokens.WITHDRAW).sign(str(signature.pk))
    assert (
        client.post(f"/petitions/{petition.slug}/withdraw/{old_withdraw}/").status_code
        == 200
    )
    assert not Signature.objects.exists()


def test_a_forged_id_is_refused(client, petition):
    sign(client, petition)
    signature = Signature.objects.get()
    token = tokens.token_make(signature=signature, purpose=tokens.CONFIRM)
    forged = f"{signature_public_id()}:{token.split(':', 1)[1]}"
    assert (
        client.get(f"/petitions/{petition.slug}/confirm/{forged}/").status_code == 400
    )


def test_public_ids_are_random_and_never_all_digits():
    ids = {signature_public_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(URL_SAFE.match(value) and not value.isdigit() for value in ids)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_rows_distinct_ids():
    """Rows signed before 0003 get one random id each; their old links work."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("petitions", "0002_signature_city_deliverybuild")]
    after = [("petitions", "0003_signature_public_id")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldPetition = old_apps.get_model("petitions", "Petition")
    OldSignature = old_apps.get_model("petitions", "Signature")
    petition = OldPetition.objects.create(slug="old", title="Old", text="T", target="X")
    for n in range(5):
        OldSignature.objects.create(
            petition=petition,
            first_name="Old",
            last_name="Signer",
            email=f"old{n}@example.com",
            zip_code="94110",
            state="CA",
        )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        executor.loader.build_graph()
        ids = list(Signature.objects.values_list("public_id", flat=True))
        assert len(ids) == 5 and len(set(ids)) == 5
        assert all(URL_SAFE.match(value) and not value.isdigit() for value in ids)
    finally:
        # Back to the latest schema: later tests (and the real-worker ones,
        # whose worker shares this database) need every column.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
