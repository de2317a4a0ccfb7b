"""Issue 19: the petition pages, the sign form and the emails in Spanish.

/es/petitions/<slug>/ shows the petition's Spanish text (or the English with a
note), our words from petitions/locale/es, counts as "1.234 personas"; a
signature made at /es/ stores language "es", and its confirmation email, the
pages its links open are in Spanish (campaign updates: updates/test_i18n.py). English
stays as it was.
"""

import re
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from petitions import content, selectors
from petitions.models import Petition, Signature
from tests.factories import SIGNER

from .conftest import links_in, path_of, sign

pytestmark = pytest.mark.django_db

NOTE = "Esta petición aún no está traducida al español"

# Visible English of the petition templates and the sign form: none may be
# left on a Spanish page.
ENGLISH_UI = [
    "Sign the petition",
    "The petition",
    "Recent signers",
    "people have signed",
    "person has signed",
    "Goal:",
    "signatures.",
    "Fields marked * are required.",
    "We deliver your name",
    "We never show your email",
    "How we handle your data",
    "First name",
    "Last name",
    "ZIP code",
    "City (optional)",
    "Choose your state",
    "Comment (optional)",
    "List my name publicly",
    "The organizers may email me",
    "Run a website?",
    "Embed a live counter",
    "No confirmed signatures yet",
    "Check your email",
    "Thank you for signing",
    "Next: write your state legislator",
    "Write your legislator",
    "Confirm my signature",
    "Remove this signature",
    "Not you?",
    "Remove your signature",
    "Keep my signature",
    "Go to the petition",
    "This link does not work",
    "Stop campaign emails",
    "Unsubscribe",
    "Read the petition",
]


def visible_text(html):
    """The page's text without tags, scripts and styles (attributes dropped)."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


def english_left(html):
    text = visible_text(html)
    return [s for s in ENGLISH_UI if s in text]


def test_spanish_petition_page_is_spanish(client, petition):
    response = client.get(f"/es{petition.get_absolute_url()}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es"' in html
    spanish = yaml_spanish()
    assert spanish["title"] in html and spanish["target"] in html
    assert "Firme la petición" in html and "Firmantes recientes" in html
    assert "Escriba su nombre" not in html  # no errors on a fresh form
    assert "Nombre" in html and "Código postal (ZIP)" in html
    assert "<strong>10.000</strong> firmas" in html  # the goal, Spanish digits
    assert "personas han firmado" in html
    assert NOTE not in html
    assert english_left(html) == []
    # The sign form posts to the Spanish address.
    assert 'action="/es/petitions/state-privacy-law/sign/"' in html


def test_english_petition_page_is_unchanged(client, petition):
    html = client.get(petition.get_absolute_url()).content.decode()
    assert '<html lang="en"' in html
    assert petition.title in html and "Sign the petition" in html
    assert "<strong>10,000</strong> signatures" in html
    assert "people have signed" in html
    assert "Firme" not in html and NOTE not in html
    # The check of the Spanish pages finds these strings when they are there.
    assert {"Sign the petition", "Recent signers", "First name"} <= set(
        english_left(html)
    )


def test_counts_in_spanish_form_with_plurals(client, make_petition):
    petition = make_petition(goal=5000, title_es="Una petición", text_es="Texto.")
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            first_name="Ana",
            last_name="Ruiz",
            email=f"s{i}@example.com",
            zip_code="94110",
            state="CA",
            confirmed_at=now,
        )
        for i in range(1234)
    )
    selectors.petition_counts_forget(petition_id=petition.pk)
    html = client.get(f"/es{petition.get_absolute_url()}").content.decode()
    assert re.search(r">1\.234</strong>\s*personas han firmado", html)
    assert "1.234 de 5.000 firmas" in html  # the bar's label
    Signature.objects.exclude(email="s0@example.com").delete()
    selectors.petition_counts_forget(petition_id=petition.pk)
    html = client.get(f"/es{petition.get_absolute_url()}").content.decode()
    assert re.search(r">1</strong>\s*persona ha firmado", html)


def test_untranslated_petition_shows_the_english_with_a_note(client, make_petition):
    petition = make_petition(title="Only in English")
    html = client.get(f"/es{petition.get_absolute_url()}").content.decode()
    assert NOTE in html
    assert "Only in English" in html and "Please do the thing." in html
    assert 'lang="en"' in html  # the English text is marked as English
    assert english_left(html) == []
    assert petition in selectors.petitions_missing_spanish()


def test_seeded_petition_gets_its_spanish_and_keeps_organizer_edits():
    petition = content.load()
    spanish = yaml_spanish()
    assert petition.title_es == spanish["title"]
    assert petition.text_es == spanish["text"].strip()
    assert petition.target_es == spanish["target"]
    Petition.objects.filter(pk=petition.pk).update(title_es="Título del organizador")
    call_command("load_content", stdout=StringIO())
    petition.refresh_from_db()
    assert petition.title_es == "Título del organizador"  # never overwritten
    assert petition not in selectors.petitions_missing_spanish()


def test_spanish_signer_flow_pages_and_email(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/petitions/state-privacy-law/sign/",
            {**signer_data(), "email": "ana@example.com"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert response.status_code == 302
    assert response["Location"].startswith("/es/petitions/state-privacy-law/thanks/")
    signature = Signature.objects.get()
    assert signature.language == "es"

    thanks = client.get(response["Location"]).content.decode()
    assert '<html lang="es"' in thanks
    assert "Revise su correo para confirmar su firma" in thanks
    assert english_left(thanks) == []

    (message,) = mailoutbox
    assert message.subject.startswith("Confirme su firma: ")
    assert yaml_spanish()["title"] in message.subject
    html_body = message.alternatives[0][0]
    assert '<html lang="es">' in html_body
    assert "Hola, Ada:" in message.body and "NO FUI YO" in message.body
    assert "Confirmar mi firma" in message.body
    assert "Confirm my signature" not in message.body + html_body
    assert "The link works" not in message.body
    confirm_url, withdraw_url = links_in(message)
    assert "/es/petitions/state-privacy-law/confirm/" in confirm_url
    assert "/es/petitions/state-privacy-law/withdraw/" in withdraw_url

    page = client.get(path_of(confirm_url)).content.decode()
    assert '<html lang="es"' in page and "Confirme su firma" in page
    assert "Quite esta firma" in page and english_left(page) == []
    done = client.post(path_of(confirm_url)).content.decode()
    assert "¡Gracias! Su firma está confirmada" in done
    assert english_left(done) == []

    withdraw = client.get(path_of(withdraw_url)).content.decode()
    assert '<html lang="es"' in withdraw and "Quitar mi firma" in withdraw
    assert english_left(withdraw) == []
    gone = client.post(path_of(withdraw_url)).content.decode()
    assert "Su firma se quitó" in gone and english_left(gone) == []
    assert not Signature.objects.exists()


def test_english_signer_gets_the_english_email(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    assert Signature.objects.get().language == "en"
    (message,) = mailoutbox
    assert message.subject.startswith("Confirm your signature: Pass a strong")
    assert "Confirm my signature" in message.body and "Hola" not in message.body
    confirm_url, _ = links_in(message)
    assert "/es/" not in confirm_url


def test_spanish_form_errors_are_spanish(client, petition):
    response = client.post(
        "/es/petitions/state-privacy-law/sign/",
        {**signer_data(), "first_name": "", "zip_code": "10001"},
        REMOTE_ADDR="203.0.113.10",
    )
    html = response.content.decode()
    assert "Escriba su nombre." in html
    assert "El código postal 10001 no está en" in html
    assert "con su firma" in html
    assert "Enter your first name" not in html


def test_spanish_token_problem_and_unsubscribe_pages(client, petition):
    bad = client.get("/es/petitions/state-privacy-law/confirm/nonsense/")
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Este enlace no funciona" in html and english_left(html) == []
    unsub = client.get("/es/petitions/updates/unsubscribe/nonsense/")
    assert "Este enlace no funciona" in unsub.content.decode()


def test_spanish_embed_and_list(client, petition, make_petition):
    embed = client.get(f"/es/petitions/{petition.slug}/embed/").content.decode()
    assert "Firme la petición" in embed and english_left(embed) == []
    make_petition(slug="second", title_es="Segunda", text_es="Texto.")
    listing = client.get("/es/petitions/").content.decode()
    assert "Peticiones" in listing and "Segunda" in listing
    assert yaml_spanish()["title"] in listing
    assert english_left(listing) == []


def yaml_spanish():
    return yaml.safe_load(content.SPANISH_FILE.read_text(encoding="utf-8"))


def signer_data():
    return {k: v for k, v in SIGNER.items() if v is not None}


def test_admin_edits_both_languages_side_by_side(client, petition):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "r@x.org", "pw"))
    page = client.get(
        reverse("admin:petitions_petition_change", args=[petition.pk])
    ).content.decode()
    for field in ("title", "summary", "text", "target"):
        assert f'name="{field}"' in page and f'name="{field}_es"' in page
    assert yaml_spanish()["target"] in page


def test_dashboard_lists_petitions_without_spanish(client, petition, make_petition):
    from django.contrib.auth.models import User

    make_petition(slug="english-only", title="English only")
    client.force_login(User.objects.create_superuser("root", "r@x.org", "pw"))
    page = client.get(reverse("admin:index")).content.decode()
    assert 'data-spanish-petition="english-only"' in page
    assert f'data-spanish-petition="{petition.slug}"' not in page  # seeded: Spanish


def test_signing_on_the_spanish_act_page_stores_spanish(petition):
    """Callers outside this app (advocacy's /es/act/) get the request's language
    without passing it: the service reads the active language."""
    from django.utils import translation

    from petitions.services import signature_create

    with translation.override("es"):
        result = signature_create(petition=petition, **SIGNER)
    assert result.signature.language == "es"
    result = signature_create(petition=petition, **{**SIGNER, "email": "b@example.com"})
    assert result.signature.language == "en"


def test_cached_petition_page_stays_right_per_language(client, petition):
    """Interleaved requests: the page cache never serves one language's copy
    at the other's address."""
    title_es = yaml_spanish()["title"]
    for _ in range(2):
        english = client.get(petition.get_absolute_url()).content.decode()
        spanish = client.get(f"/es{petition.get_absolute_url()}").content.decode()
        assert '<html lang="en"' in english and title_es not in english
        assert '<html lang="es"' in spanish and title_es in spanish
        assert "Sign the petition" in english and "Firme la petición" in spanish
