"""Delivery packets: build, track and hand out the per-state PDFs of a petition.

selectors.py: reads (builds, progress, the private ZIP, the signer rows);
services.py: starting a build, queueing it, purging old ZIPs;
worker.py: the build run (what the Celery task calls); packets.py: one PDF.

`delivery_build_start()` records a build and queues the Celery task
(petitions.tasks.delivery_build) after commit; the task calls
`delivery_build_run()`, which writes one PDF per state with confirmed signers
(packets.py) into one ZIP in private storage (settings.DELIVERY_ROOT,
never under a public URL) and reports its progress on the build's row.

Guarantees:
- At most one pending or running build per petition: a partial unique
  constraint in the database decides, so two clicks at once cannot both start.
- Signers are streamed from the database in chunks (one server-side cursor,
  ordered by state), so memory does not grow with the number of signers.
- The ZIP is written to a temporary file beside its final place and renamed
  when complete: a half-written file is never offered for download.
- Any error marks the build failed with a message; a build not heard from in
  settings.DELIVERY_BUILD_STALE_SECONDS counts as failed, so a progress bar is
  never stuck (a worker killed mid-build, a task that never reached the queue).
- Packets hold name, city, ZIP code and comment only: the delivery selector
  selects nothing else (never the email). Signers are grouped by the likeliest
  district of their ZIP (states.selectors.zip_districts_likeliest, one query
  per state), the database sorting them into the groups.
- Packets go out under the organization's letterhead (core.models.Organization):
  a build is refused while it is missing or still the seeded placeholder.
"""

# The public names, importable as petitions.delivery.<name> (admin, tests, bench).
from .selectors import (
    DELIVERY_FIELDS,
    delivery_build_file,
    delivery_build_get,
    delivery_build_status,
    delivery_builds_for_petition,
    delivery_builds_stale_fail,
    delivery_root,
    petition_signatures_for_delivery,
)
from .services import (
    DeliveryRefused,
    delivery_build_queue,
    delivery_build_start,
    delivery_files_purge,
)
from .worker import CHUNK_SIZE, _Progress, delivery_build_run

__all__ = [
    "CHUNK_SIZE",
    "DELIVERY_FIELDS",
    "DeliveryRefused",
    "_Progress",
    "delivery_build_file",
    "delivery_build_get",
    "delivery_build_queue",
    "delivery_build_run",
    "delivery_build_start",
    "delivery_build_status",
    "delivery_builds_for_petition",
    "delivery_builds_stale_fail",
    "delivery_files_purge",
    "delivery_root",
    "petition_signatures_for_delivery",
]
