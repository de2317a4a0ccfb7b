"""Delivery builds: private storage, refusals, failures, stale builds, progress
(petitions.delivery.services and .worker)."""

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from petitions import delivery
from petitions.delivery import packets
from petitions.delivery import services as delivery_services
from petitions.models import DeliveryBuild, Signature

from .helpers import build_now, signer

pytestmark = pytest.mark.django_db


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
        unittest.mock.patch.object(delivery_services, "delivery_build_queue"),
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
