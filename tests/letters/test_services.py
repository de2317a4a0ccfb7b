"""The letter flow's services called directly: the session, assembly, download."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from letters import services
from letters.forms import RecipientChoice
from letters.models import Legislator, LetterCount
from tests.letters.letter_helpers import make_region, make_state

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Zoë Ñúñez",
    "street": "12 Elm St.",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "zoe@example.org",
    "phone": "",
    "story": "My photos are in a model now.",
    "points": ["consent"],
}


class _User:
    is_authenticated = True


def make_request(user=None):
    request = RequestFactory().get("/letters/")
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    return request


def obrien(state):
    return Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=state,
        chamber="lower",
        district="12",
        name="Jane O'Brien",
        family_name="O'Brien",
        email="deljobrien@house.virginia.gov",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )


def ready_flow(state, legislator):
    return {
        "state": state.abbr,
        "districts": {"upper": "12", "lower": "12"},
        "recipients": [
            RecipientChoice(
                chamber="lower", district="12", legislator_id=legislator.pk
            ).as_session(),
            RecipientChoice(
                chamber="upper", district="12", typed_name="Sam Rasoul"
            ).as_session(),
        ],
        "letter": dict(DETAILS),
    }


def test_flow_save_writes_the_session_and_expires_it_for_anonymous_readers():
    va = make_region()
    request = make_request()
    services.letter_flow_save(request=request, flow={"state": "VA", "recipients": []})
    assert request.session[services.SESSION_KEY] == {"state": "VA", "recipients": []}
    assert request.session.get_expiry_age() == services.FLOW_MAX_AGE
    assert services.letter_flow_get(request=request, state=va)["state"] == "VA"
    assert services.letter_flow_get(request=request, state=make_state("MD")) == {}
    # Nothing chosen yet: not a flow the later steps can use.
    assert services.letter_flow_chosen_get(request=request, state=va) is None


def test_flow_save_leaves_a_signed_in_users_session_expiry_alone():
    request = make_request(user=_User())
    services.letter_flow_save(request=request, flow={"state": "VA"})
    assert "_session_expiry" not in request.session


def test_flow_clear_flushes_a_session_with_nothing_else():
    request = make_request()
    services.letter_flow_save(request=request, flow={"state": "VA"})
    request.session.save()
    key = request.session.session_key
    services.letter_flow_clear(request=request)
    assert services.SESSION_KEY not in request.session
    assert request.session.session_key != key
    assert not SessionStore().exists(key)


def test_flow_clear_keeps_the_rest_of_the_session():
    request = make_request()
    request.session["other"] = 1
    services.letter_flow_save(request=request, flow={"state": "VA"})
    services.letter_flow_clear(request=request)
    assert services.SESSION_KEY not in request.session
    assert request.session["other"] == 1


def test_recipients_choose_keeps_what_was_written_for_the_same_state_only():
    va = make_region()
    md = make_state("MD")
    request = make_request()
    services.letter_flow_save(
        request=request, flow={"state": "VA", "letter": dict(DETAILS)}
    )
    choices = [RecipientChoice(chamber="upper", district="12", typed_name="A B")]
    flow = services.letter_recipients_choose(request=request, state=va, choices=choices)
    assert flow["letter"] == DETAILS
    assert flow["districts"] == {"upper": "12"}
    assert services.letter_flow_chosen_get(request=request, state=va) == flow
    flow = services.letter_recipients_choose(request=request, state=md, choices=choices)
    assert flow["letter"] == {}


def test_details_save_updates_the_flow_in_the_session():
    request = make_request()
    flow = {"state": "VA", "recipients": [{}]}
    services.letter_details_save(request=request, flow=flow, details=DETAILS)
    assert request.session[services.SESSION_KEY]["letter"] == DETAILS


def test_recipients_are_reread_and_typed_names_kept():
    va = make_region()
    legislator = obrien(va)
    flow = ready_flow(va, legislator)
    first, second = services.letter_recipients_get(state=va, flow=flow)
    assert (first.title, first.name, first.email) == (
        "Delegate",
        "Jane O'Brien",
        "deljobrien@house.virginia.gov",
    )
    assert (second.title, second.family_name) == ("Senator", "Rasoul")
    legislator.name = "Jane Q. O'Brien"
    legislator.save()
    assert services.letter_recipients_get(state=va, flow=flow)[0].name == (
        "Jane Q. O'Brien"
    )


def test_letters_assemble_reads_the_state_facts_once(django_assert_num_queries):
    va = make_region()
    flow = ready_flow(va, obrien(va))
    # The law, the template, the states with a law, the legislators.
    with django_assert_num_queries(4):
        letters = services.letters_assemble(
            state=va, flow=flow, today=datetime.date(2026, 11, 29)
        )
    assert [letter.salutation for letter in letters] == [
        "Dear Delegate O'Brien:",
        "Dear Senator Rasoul:",
    ]
    assert all(letter.sender.name == "Zoë Ñúñez" for letter in letters)
    assert all(
        "My photos are in a model now." in letter.paragraphs for letter in letters
    )


def test_letter_display_has_a_mailto_only_with_an_email():
    va = make_region()
    shown = services.letters_display_get(state=va, flow=ready_flow(va, obrien(va)))
    assert shown[0]["mailto"].startswith(
        "mailto:deljobrien@house.virginia.gov?subject="
    )
    assert shown[0]["addressee"] == "Delegate Jane O'Brien"
    assert shown[0]["sender_lines"][-1] == "zoe@example.org"
    assert shown[1]["mailto"] == ""
    assert shown[1]["addressee"] == "Senator Sam Rasoul"


def test_letters_download_counts_and_forgets_the_flow():
    va = make_region()
    request = make_request()
    flow = ready_flow(va, obrien(va))
    services.letter_flow_save(request=request, flow=flow)
    body, filename = services.letters_download(request=request, state=va, flow=flow)
    assert body.startswith(b"%PDF")
    assert filename == "letters-va-2.pdf"
    assert services.SESSION_KEY not in request.session
    counts = dict(LetterCount.objects.filter(state=va).values_list("chamber", "count"))
    assert counts == {"lower": 1, "upper": 1}
