"""Whole flows through URLs: sign, email, confirm with a button, withdraw."""

import json
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions import tokens
from petitions.models import Signature
from tests.factories import SignatureFactory

from .conftest import links_in, path_of, sign

pytestmark = pytest.mark.django_db


def count_json(client, petition):
    response = client.get(
        reverse("petitions:count-json", kwargs={"slug": petition.slug})
    )
    return json.loads(response.content)["signatures"]


def test_index_goes_to_the_only_open_petition(client, petition):
    response = client.get(reverse("petitions:index"))
    assert response.status_code == 302
    assert response["Location"] == "/petitions/state-privacy-law/"


def test_index_lists_several_open_petitions(client, petition, make_petition):
    make_petition(slug="second", title="Second petition")
    response = client.get(reverse("petitions:index"))
    assert response.status_code == 200
    assert "Second petition" in response.content.decode()
    assert petition.title in response.content.decode()


def test_detail_page(client, petition):
    response = client.get("/petitions/state-privacy-law/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" in html and html.count("<h1") == 1
    assert "consent" in html.lower() and "private right of action" in html.lower()
    assert "State legislators" in html
    assert '<progress class="petition-progress__bar" max="10000" value="0"' in html
    for label in (
        "First name",
        "Last name",
        "Email",
        "ZIP code",
        "State",
        "Comment (optional)",
    ):
        assert label in html
    assert "Leave this empty" in html and 'class="hp-field"' in html
    assert "csrfmiddlewaretoken" in html
    # Share links are plain links; nothing is loaded from another origin.
    assert "https://x.com/intent/post?" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    assert "https://bsky.app/intent/compose?" in html
    assert "mailto:?" in html
    assert 'value="http://127.0.0.1:8000/petitions/state-privacy-law/"' in html
    assert '<script src="http' not in html and "style=" not in html
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_full_flow_sign_email_confirm(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(
            client, petition, list_publicly="on", comment="My data is mine."
        )
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/petitions/state-privacy-law/thanks/?state=CA&zip=94110"
    )
    signature = Signature.objects.get()
    assert signature.email == "ada@example.com"
    assert signature.confirmed_at is None
    assert signature.confirmation_sent_at is not None

    thanks = client.get(response["Location"]).content.decode()
    assert "Check your email" in thanks
    assert (
        'href="/letters/?state=CA&amp;zip=94110"' in thanks
        and "Write your legislator" in thanks
    )

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@example.com"]
    assert message.subject.startswith("Confirm your signature")
    html_body = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    confirm_url, withdraw_url = links_in(message)
    assert confirm_url.startswith(
        "http://127.0.0.1:8000/petitions/state-privacy-law/confirm/"
    )
    assert withdraw_url.startswith(
        "http://127.0.0.1:8000/petitions/state-privacy-law/withdraw/"
    )
    assert confirm_url in html_body and withdraw_url in html_body
    assert "this wasn't me" in message.body.lower()

    # Not counted yet; the page shows no public signer.
    assert count_json(client, petition) == 0

    # A GET (what an email scanner does) shows the button and changes nothing.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert "Confirm my signature" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    assert count_json(client, petition) == 0

    done = client.post(path_of(confirm_url))
    assert done.status_code == 200
    assert "Your signature is confirmed" in done.content.decode()
    assert 'href="/letters/?state=CA&amp;zip=94110"' in done.content.decode()
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
    assert count_json(client, petition) == 1

    # Confirming twice is harmless.
    again = client.post(path_of(confirm_url))
    assert again.status_code == 200
    assert count_json(client, petition) == 1
    assert "already confirmed" in client.get(path_of(confirm_url)).content.decode()

    detail = client.get(petition.get_absolute_url()).content.decode()
    assert 'value="1"' in detail
    assert "Ada L., California" in detail
    assert "ada@example.com" not in detail and "94110" not in detail
    assert "My data is mine." not in detail  # comments go to legislators, not the page


def test_unlisted_signer_is_not_shown(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    confirm_url, _ = links_in(mailoutbox[0])
    client.post(path_of(confirm_url))
    detail = client.get(petition.get_absolute_url()).content.decode()
    assert "Ada L." not in detail
    assert "California" in detail  # the per-state count still includes the signature


def test_dedupe_case_variants_and_identical_response(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign(client, petition, email="Ada@Example.com")
    first_page = client.get(first["Location"]).content.decode()
    for variant in ("ADA@EXAMPLE.COM", "ada@example.com", " aDa@eXample.Com "):
        with django_capture_on_commit_callbacks(execute=True):
            again = sign(client, petition, email=variant, first_name="Mallory")
        assert again.status_code == 302
        assert again["Location"] == first["Location"]
        assert client.get(again["Location"]).content.decode() == first_page
    assert Signature.objects.count() == 1
    assert Signature.objects.get().first_name == "Ada"  # a stranger cannot overwrite it
    # Within 10 minutes no second email goes out.
    assert len(mailoutbox) == 1

    # Eleven minutes later, signing again resends the confirmation, once.
    eleven_ago = timezone.now() - timezone.timedelta(minutes=11)
    Signature.objects.update(
        created_at=eleven_ago, last_confirmation_sent_at=eleven_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition, email="ADA@example.com")
        sign(client, petition, email="ada@EXAMPLE.com")
    assert len(mailoutbox) == 2
    assert links_in(mailoutbox[1])[0].startswith("http://127.0.0.1:8000/petitions/")


def test_confirmed_signer_signing_again_gets_no_email(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    client.post(path_of(links_in(mailoutbox[0])[0]))
    Signature.objects.update(created_at=timezone.now() - timezone.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition, email="ADA@example.com")
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert count_json(client, petition) == 1


def test_new_and_repeat_signers_see_the_same_page(
    client, petition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition, email="first@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        repeat = sign(client, petition, email="FIRST@example.com")
        fresh = sign(client, petition, email="someone-else@example.com")
    assert repeat["Location"] == fresh["Location"]
    assert (
        client.get(repeat["Location"]).content == client.get(fresh["Location"]).content
    )


def _token(signature, purpose, age_seconds=0, monkeypatch=None):
    if age_seconds:
        past = int(time.time()) - age_seconds
        monkeypatch.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(past)
        )
    token = tokens.token_make(signature=signature, purpose=purpose)
    if age_seconds:
        monkeypatch.undo()
    return token


def _confirm_path(petition, token):
    return reverse(
        "petitions:sign-confirm", kwargs={"slug": petition.slug, "token": token}
    )


def _withdraw_path(petition, token):
    return reverse(
        "petitions:sign-withdraw", kwargs={"slug": petition.slug, "token": token}
    )


def _signature(petition):
    return SignatureFactory(petition=petition, last_name="L", email="a@example.com")


def test_expired_confirm_link(client, petition, monkeypatch):
    signature = _signature(petition)
    old = _token(
        signature, tokens.CONFIRM, age_seconds=8 * 86400, monkeypatch=monkeypatch
    )
    for method in (client.get, client.post):
        response = method(_confirm_path(petition, old))
        assert response.status_code == 410
        html = response.content.decode()
        assert "This link has expired" in html and "<title>Error: link expired" in html
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    # Six days old still works.
    fresh = _token(
        signature, tokens.CONFIRM, age_seconds=6 * 86400, monkeypatch=monkeypatch
    )
    assert client.post(_confirm_path(petition, fresh)).status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_confirm_max_age_comes_from_settings(client, petition, monkeypatch, settings):
    settings.PETITION_CONFIRM_MAX_AGE_DAYS = 1
    signature = _signature(petition)
    old = _token(
        signature, tokens.CONFIRM, age_seconds=2 * 86400, monkeypatch=monkeypatch
    )
    assert client.post(_confirm_path(petition, old)).status_code == 410


def test_tampered_links(client, petition):
    signature = _signature(petition)
    good = tokens.token_make(signature=signature, purpose=tokens.CONFIRM)
    value, rest = good.split(":", 1)
    forged = f"{signature.pk + 1}:{rest}"
    withdraw_token = tokens.token_make(signature=signature, purpose=tokens.WITHDRAW)
    for token in (good[:-2] + "xx", forged, withdraw_token, "nonsense"):
        response = client.post(_confirm_path(petition, token))
        assert response.status_code == 400, token
        assert "This link does not work" in response.content.decode()
    signature.refresh_from_db()
    assert signature.confirmed_at is None


def test_link_for_another_petition_does_not_work(client, petition, make_petition):
    other = make_petition(slug="other")
    signature = _signature(other)
    token = tokens.token_make(signature=signature, purpose=tokens.CONFIRM)
    assert client.post(_confirm_path(petition, token)).status_code == 404
    signature.refresh_from_db()
    assert signature.confirmed_at is None


def test_withdraw_deletes_personal_data(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    confirm_url, withdraw_url = links_in(mailoutbox[0])
    client.post(path_of(confirm_url))
    assert count_json(client, petition) == 1

    page = client.get(path_of(withdraw_url))
    assert page.status_code == 200
    assert "Remove my signature" in page.content.decode()
    assert Signature.objects.count() == 1  # GET changes nothing

    done = client.post(path_of(withdraw_url))
    assert done.status_code == 200
    assert "Your signature has been removed" in done.content.decode()
    assert Signature.objects.count() == 0
    assert count_json(client, petition) == 0

    again = client.post(path_of(withdraw_url))
    assert again.status_code == 404
    assert "no signature to remove" in again.content.decode()
    # The confirm link of a removed signature no longer works either.
    assert client.post(path_of(confirm_url)).status_code == 404


def test_confirm_page_offers_withdrawal(client, petition):
    signature = _signature(petition)
    page = client.get(
        _confirm_path(
            petition, tokens.token_make(signature=signature, purpose=tokens.CONFIRM)
        )
    )
    html = page.content.decode()
    assert "Not you?" in html and "/withdraw/" in html


def test_rate_limit_per_ip(
    client, petition, settings, django_capture_on_commit_callbacks
):
    settings.PETITION_SIGN_RATE_LIMIT = 3
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            assert sign(client, petition, email=f"p{n}@example.com").status_code == 302
        blocked = sign(client, petition, email="p9@example.com")
        assert blocked.status_code == 429
        html = blocked.content.decode()
        assert "Too many signatures from your network" in html
        assert "<title>Error:" in html
        # Another network is not affected.
        assert (
            sign(client, petition, email="q@example.com", ip="198.51.100.7").status_code
            == 302
        )
    assert set(Signature.objects.values_list("email", flat=True)) == {
        "p0@example.com",
        "p1@example.com",
        "p2@example.com",
        "q@example.com",
    }
    # The address itself never reaches the cache keys.
    from django.core.cache import cache

    if hasattr(cache._cache, "get_client"):  # Redis
        keys = cache._cache.get_client(None, write=False).keys("*")
    else:  # local memory
        keys = list(cache._cache)
    assert keys and not any("203.0.113.5" in str(key) for key in keys)
    assert any("sign-rate" in str(key) for key in keys)


def test_honeypot_pretends_success_and_saves_nothing(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition, website="http://buy-things.example")
    assert response.status_code == 302
    assert "/thanks/" in response["Location"]
    assert Signature.objects.count() == 0
    assert mailoutbox == []


def test_csrf_required(petition):
    client = Client(enforce_csrf_checks=True)
    assert sign(client, petition).status_code == 403
    assert Signature.objects.count() == 0


def test_invalid_form_shows_errors_at_top_and_by_fields(client, petition):
    response = sign(client, petition, email="nope", zip_code="10001")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There are 2 problems with your signature" in html
    assert 'href="#id_email"' in html and 'href="#id_zip_code"' in html
    assert 'aria-invalid="true"' in html
    assert "ZIP code 10001 is not in California" in html
    assert 'value="Ada"' in html  # what they typed is kept
    assert Signature.objects.count() == 0


def test_count_json(client, petition):
    Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="1@x.org",
        zip_code="94110",
        state="CA",
        confirmed_at=timezone.now(),
    )
    Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="2@x.org",
        zip_code="94110",
        state="CA",
    )
    response = client.get("/petitions/state-privacy-law/count.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"signatures": 1, "goal": 10000}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        "public" in response["Cache-Control"]
        and "max-age=10" in response["Cache-Control"]
    )
    assert client.get("/petitions/nope/count.json").status_code == 404


def test_embed_is_frameable(client, petition):
    response = client.get("/petitions/state-privacy-law/embed/")
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert "<progress" in html and "Sign the petition" in html
    assert "http://127.0.0.1:8000/petitions/state-privacy-law/#sign" in html


def test_goal_passed_shows_next_milestone(client, make_petition):
    petition = make_petition(goal=3)
    for n in range(4):
        Signature.objects.create(
            petition=petition,
            first_name="A",
            last_name="B",
            email=f"{n}@x.org",
            zip_code="94110",
            state="CA",
            confirmed_at=timezone.now(),
        )
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "We passed our goal of 3 signatures" in html
    assert 'max="5" value="4"' in html


def test_closed_petition_takes_no_signatures(client, make_petition):
    petition = make_petition(ends_at=timezone.now() - timezone.timedelta(days=1))
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "This petition is closed" in html and "<form" not in html.split("<main")[1]
    sign(client, petition, zip_code="94110")
    assert Signature.objects.count() == 0


def test_petition_without_confirmation_counts_at_once(
    client, make_petition, mailoutbox, django_capture_on_commit_callbacks
):
    petition = make_petition(requires_confirmation=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition)
    assert "Thank you for signing" in client.get(response["Location"]).content.decode()
    assert count_json(client, petition) == 1
    assert mailoutbox == []


def test_thanks_ignores_unknown_state(client, petition):
    html = client.get(
        "/petitions/state-privacy-law/thanks/?state=<script>"
    ).content.decode()
    assert 'href="/letters/"' in html


def test_get_on_the_sign_address_goes_to_the_form(client, petition):
    response = client.get("/petitions/state-privacy-law/sign/")
    assert response.status_code == 302
    assert response["Location"] == "/petitions/state-privacy-law/#sign"


def test_thanks_passes_only_a_zip_that_fits_the_state(client, petition):
    html = client.get(
        "/petitions/state-privacy-law/thanks/?state=CA&zip=10001"
    ).content.decode()
    assert 'href="/letters/?state=CA"' in html
    html = client.get(
        "/petitions/state-privacy-law/thanks/?state=ny&zip=10001"
    ).content.decode()
    assert 'href="/letters/?state=NY&amp;zip=10001"' in html
