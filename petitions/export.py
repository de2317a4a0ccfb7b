"""Streaming CSV export of signatures for organizers.

Rows are read with `.values_list().iterator(chunk_size=2000)` and written one
at a time into a StreamingHttpResponse, so 100,000 signatures never sit in
memory at once. Every text cell is neutralised against spreadsheet formula
injection (OWASP "CSV injection"): a cell starting with = + - @, a tab or a
carriage return gets a leading apostrophe.

The email column is filled only for signers who ticked "the organizers may
email me": the others gave their address to confirm, not to be contacted.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    ("petition__slug", "petition"),
    ("created_at", "signed_at"),
    ("confirmed_at", "confirmed_at"),
    ("first_name", "first_name"),
    ("last_name", "last_name"),
    ("email", "email"),
    ("zip_code", "zip_code"),
    ("state", "state"),
    ("comment", "comment"),
    ("list_publicly", "list_publicly"),
    ("may_contact", "may_contact"),
]


def csv_cell(value):
    """One value as a safe spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() returns the line for streaming."""

    def write(self, value):
        return value


def signature_csv_rows(queryset):
    """Header then one list of cells per signature, streamed from the database."""
    yield [header for _, header in COLUMNS]
    fields = [field for field, _ in COLUMNS]
    rows = queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000)
    email_at, contact_at = fields.index("email"), fields.index("may_contact")
    for row in rows:
        cells = [csv_cell(value) for value in row]
        if not row[contact_at]:
            cells[email_at] = ""
        yield cells


def signature_csv_chunks(queryset, chunk_bytes=64 * 1024):
    """CSV text in pieces of about `chunk_bytes`, so the response is neither
    one huge string nor 100,000 tiny writes."""
    writer = csv.writer(_Echo())
    buffer, size = [], 0
    for row in signature_csv_rows(queryset):
        line = writer.writerow(row)
        buffer.append(line)
        size += len(line)
        if size >= chunk_bytes:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def signature_csv_response(queryset, *, filename):
    response = StreamingHttpResponse(
        signature_csv_chunks(queryset),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


DISTRICT_COLUMNS = [
    "state",
    "chamber",
    "chamber_name",
    "district",
    "confirmed_signatures",
    "of_them_zip_spans_districts",
]


def district_csv_response(*, petition, rows):
    """Confirmed signatures per district (petitions.selectors.
    petition_district_counts rows) as a CSV download: counts only, no signer."""
    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(DISTRICT_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                csv_cell(row["state"]),
                csv_cell(row["chamber"]),
                csv_cell(row["chamber_name"]),
                csv_cell(row["district"] if row["district"] is not None else "unknown"),
                row["count"],
                row["shared"],
            ]
        )
    name = f"districts-{petition.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
