"""Reads for "send my letter for me": a request by its link, response rates."""

from django.db.models import Count, Q

from ..models import LetterDelivery, LetterRequest
from . import tokens

Answer = LetterDelivery.Answer
# A public figure for one office needs at least this many answers.
PUBLIC_MIN_ANSWERS = 5


def request_for_token(*, token, purpose) -> LetterRequest:
    """Raises tokens.TokenExpired / TokenInvalid, or LetterRequest.DoesNotExist."""
    public_id = tokens.token_read(token=token, purpose=purpose)
    return LetterRequest.objects.select_related("state").get(public_id=public_id)


def delivery_for_token(*, token) -> LetterDelivery:
    public_id = tokens.token_read(token=token, purpose=tokens.REPLY)
    return LetterDelivery.objects.select_related("request", "legislator").get(
        public_id=public_id
    )


def request_deliveries(letter_request) -> list[LetterDelivery]:
    return list(
        letter_request.deliveries.select_related("legislator", "state").order_by("pk")
    )


def _rates(rows):
    result = []
    for row in rows:
        answers = row["real"] + row["form"] + row["none"]
        row["answers"] = answers
        row["replied"] = row["real"] + row["form"]
        row["real_share"] = round(100 * row["real"] / answers) if answers else None
        row["replied_share"] = (
            round(100 * row["replied"] / answers) if answers else None
        )
        result.append(row)
    return result


ANSWER_COUNTS = {
    "sent": Count("pk", filter=Q(status=LetterDelivery.Status.SENT)),
    "real": Count("pk", filter=Q(answer=Answer.REAL)),
    "form": Count("pk", filter=Q(answer=Answer.FORM)),
    "none": Count("pk", filter=Q(answer=Answer.NO_REPLY)),
}


def response_rates_by_chamber_state() -> list[dict]:
    """Per state and chamber: letters sent and the answers writers gave
    (real answer, form letter, no reply). For organizers."""
    rows = (
        LetterDelivery.objects.values("state__abbr", "state__name", "chamber")
        .annotate(**ANSWER_COUNTS)
        .filter(sent__gt=0)
        .order_by("state__name", "chamber")
    )
    return _rates([dict(r) for r in rows])


def response_rates_by_office(*, min_answers=PUBLIC_MIN_ANSWERS) -> list[dict]:
    """Per legislator with at least `min_answers` answers (real, form, none):
    the public responsiveness table, most real answers first."""
    rows = (
        LetterDelivery.objects.filter(legislator__isnull=False)
        .values(
            "legislator_id",
            "legislator__name",
            "legislator__district",
            "chamber",
            "state__abbr",
            "state__name",
        )
        .annotate(**ANSWER_COUNTS)
    )
    rates = [r for r in _rates([dict(r) for r in rows]) if r["answers"] >= min_answers]
    return sorted(
        rates,
        key=lambda r: (-r["real_share"], -r["answers"], r["legislator__name"]),
    )
