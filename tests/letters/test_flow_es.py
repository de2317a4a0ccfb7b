"""Issue 19: the letter flow, the sending pages and the writer's emails in Spanish.

Every page of the flow at /es/letters/... is in Spanish (lang="es", Spanish
words, none of the English interface strings of the templates left), while the
letter itself stays English by default (the office reads English: the page
says so in Spanish). A writer who asks us to send the letter from a Spanish
page gets the confirmation, the follow-up and a failure notice in Spanish, with
links to /es/ pages; the office's email and the English flow are unchanged.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.utils import timezone

from core.dates import date_text
from letters.models import LetterDelivery, LetterRequest
from letters.sending import messages, services

from .sending_helpers import WRITER, link_in, office_mail, seed

pytestmark = pytest.mark.django_db
Status = LetterDelivery.Status

# The English interface strings of templates/letters/** and letters/*.py
# forms a Spanish reader would otherwise meet.
ENGLISH_UI = [
    "Step 1 of 4",
    "Step 2 of 4",
    "Step 3 of 4",
    "Step 4 of 4",
    "Choose your state",
    "How it works",
    "Private by design",
    "How we handle your data",
    "Next: choose your legislator",
    "Next: write your letter",
    "Write to your",
    "Enter your ZIP code",
    "Find my legislators",
    "is looked up on this site only",
    "5 digits, like 98501",
    "By district",
    "By name",
    "Part of the name is enough",
    "Who do you want to write to?",
    "Tick everyone you want to write to",
    "Names matching",
    "Your legislators for ZIP code",
    "Not in Virginia?",
    "Don’t know your district?",
    "district 12",
    "Progress",
    "(done)",
    "Your full name",
    "Street address",
    "City or town",
    "Email (optional)",
    "Your story (optional)",
    "Points to stress",
    "Consent before personal data",
    "Language of the letter",
    "The office reads English",
    "Legislators answer constituents",
    "characters left",
    "characters over the limit",
    "Writing to:",
    "Change who you are writing to",
    "Preview your letter",
    "Edit your letter",
    "Next: download and send",
    "Change legislators",
    "This is the letter we will put",
    "Your letter to",
    "Send your letter",
    "Print and mail it",
    "A paper letter, signed by hand",
    "window envelope",
    "Download your letter",
    "Write to both",
    "Downloading deletes",
    "Copy or email it",
    "Email it to",
    "Opens your email app",
    "We do not have an email address",
    "The letter as text",
    "Copy the text",
    "Copied.",
    "Select the text",
    "What next",
    "Back to the preview",
    "Send it by email for me",
    "We can email your letter",
    "We have no official email address",
    "You give your email address",
    "Your email address",
    "I live at the address",
    "Email me the confirmation link",
    "Nothing is sent until",
    "Back to step 4",
    "Your letter goes to",
    "Please fix the following",
    "That is not a ZIP code",
    "Looking up ZIP code",
    "Too many ZIP code lookups",
    "The lookup did not work",
]
ENGLISH_SENDING = [
    "Your letters",
    "Confirm your letters",
    "Press the button",
    "Send my letters",
    "Not you?",
    "Waiting for you to confirm",
    "Queued.",
    "Sent</strong>",
    "Keep this page’s address",
    "Check your email",
    "Did ",
    "reply?",
    "Yes, a real answer",
    "Yes, but a form letter",
    "No reply",
    "Not yet",
    "One click",
    "Thank you",
    "How often",
    "This link",
    "write your letter again",
    "Write your legislator",
    "Answers from letter writers",
    "No office has",
]


class PageText(HTMLParser):
    """What a reader of the Spanish page meets: text nodes, the title, the
    description, aria labels and the data-text-* words scripts show; not
    the parts marked lang="en" (the English letter, the language link)."""

    ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
    VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.nodes = []
        self.stack = []  # (tag, skipped)

    def skipping(self):
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in ("script", "style") or (
            tag != "html" and attributes.get("lang") == "en"
        )
        if not self.skipping() and not skipped:
            if tag == "meta" and attributes.get("name") == "description":
                self.nodes.append(attributes.get("content", ""))
            for name, value in attrs:
                if value and (name in self.ATTRIBUTES or name.startswith("data-text-")):
                    self.nodes.append(value)
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skipping() and data.strip():
            self.nodes.append(" ".join(data.split()))


def page_text(html):
    parser = PageText()
    parser.feed(html)
    return "\n".join(parser.nodes)


def assert_spanish(response, *spanish, english=ENGLISH_UI):
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    assert '<html lang="es"' in html
    text = page_text(html)
    for words in spanish:
        assert words in text, words
    left = [words for words in english if words in text]
    assert left == [], left
    return text


@pytest.fixture
def va():
    return seed()


def write_in_spanish(client, legislators, **overrides):
    response = client.post("/es/letters/va/", {"pick": [leg.pk for leg in legislators]})
    assert response.status_code == 302
    assert response["Location"].startswith("/es/letters/va/write/")
    response = client.post("/es/letters/va/write/", {**WRITER, **overrides})
    assert response.status_code == 302, response.content[:2000]
    assert response["Location"].startswith("/es/letters/va/")


def send_in_spanish(client, capture):
    with capture(execute=True):
        response = client.post(
            "/es/letters/va/send/email/",
            {"email": WRITER["email"], "lives_here": "on"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert response.status_code == 302
    assert response["Location"].startswith("/es/letters/sent/")
    return response["Location"]


def test_steps_1_and_2_in_spanish(client, va):
    text = assert_spanish(
        client.get("/es/letters/"),
        "Paso 1 de 4: Elija su estado",
        "Cómo funciona",
        "Privado desde el principio",
        "Siguiente: elija a su legislador",
        "Escriba una carta a su propio legislador estatal",
    )
    assert "Progreso" in text
    # Step 2, by district and by ZIP code (the ZIP table has 23219).
    text = assert_spanish(
        client.get("/es/letters/va/?zip=23219&lower=12&upper=12"),
        "Paso 2 de 4: Elija a su legislador",
        "Escriba su código postal",
        "Buscar a mis legisladores",
        "Sus legisladores para el código postal 23219",
        "Por distrito",
        "¿A quién quiere escribirle?",
        "Siguiente: escriba su carta",
        "distrito 12",
        "¿No vive en Virginia? Elija otro estado.",
        "Eso no es un código postal.",  # the script's words (data-text-*)
        "Buscando el código postal {zip}…",
    )
    assert "Patrick O'Brien" in text
    # By name.
    assert_spanish(
        client.get("/es/letters/va/?q=Far"),
        "Por nombre",
        "Nombres que coinciden con «Far»",
        "Se encontró 1.",
    )
    # An invalid ZIP code: the error summary and the message.
    assert_spanish(
        client.get("/es/letters/va/?zip=12"),
        "Corrija lo siguiente",
        "«12» no es un código postal.",
    )


def test_the_zip_fragment_the_script_fetches_is_in_spanish(client, va):
    response = client.get(
        "/es/letters/zip/23219.json", {"fragment": "1", "state": "VA", "choose": "1"}
    )
    assert response.status_code == 200
    fragment = response.json()["html"]
    assert "Sus legisladores para el código postal 23219" in fragment
    assert "Siguiente: escriba su carta" in fragment
    for words in ("Your legislators for ZIP code", "Next: write your letter", "Tick"):
        assert words not in fragment


def test_write_preview_and_send_steps_in_spanish(client, va):
    _, obrien, tobin, _ = va
    response = client.post("/es/letters/va/", {"pick": [obrien.pk, tobin.pk]})
    text = assert_spanish(
        client.get(response["Location"]),
        "Paso 3 de 4: Escriba su carta",
        "Su nombre completo",
        "Dirección (calle y número)",
        "Puntos que quiere destacar",
        "Consentimiento antes de que los datos personales entrenen la IA",
        "Idioma de la carta",
        "La oficina lee en inglés",
        "Le quedan {left} de {max} caracteres",
        "Vea su carta",
        "Le escribe a:",
        "Hasta 1.000 caracteres",
    )
    assert "Español" in text and "English" in text  # the two letter languages
    # A mistake: the errors in Spanish.
    response = client.post("/es/letters/va/write/", {**WRITER, "zip_code": "12"})
    assert_spanish(
        response,
        "Corrija lo siguiente",
        "Escriba un código postal de 5 dígitos, como 23219 (o ZIP+4).",
    )
    response = client.post(
        "/es/letters/va/write/",
        {**WRITER, "points": ["consent", "minimization", "private_right", "delete"]},
    )
    assert_spanish(response, "Eligió 4 puntos; elija 3 o menos")

    write_in_spanish(client, [obrien, tobin])
    preview = client.get("/es/letters/va/preview/")
    text = assert_spanish(
        preview,
        "Vea su carta",
        "Siguiente: descargar y enviar",
        "Editar su carta",
        "Cambiar de legisladores",
        "una para cada uno de sus 2 legisladores",
        "Carta 1 de 2:",
    )
    # The letter itself is English by default, and marked so.
    html = preview.content.decode()
    assert re.search(r'<article class="letter-page"[^>]*lang="en"', html)
    assert "Dear Delegate O&#x27;Brien" in html
    assert "Sincerely" in html

    send = client.get("/es/letters/va/send/")
    text = assert_spanish(
        send,
        "Paso 4 de 4",
        "Imprímala y envíela por correo postal",
        "Escribir a mis dos legisladores: descargar un PDF con 2 cartas",
        "Envíenla por correo electrónico por mí",
        "No tenemos un correo electrónico oficial de Senator Löki Tobin",
        "La carta como texto",
        "Copiar el texto",
        "Copiado. Péguelo en un correo electrónico",
        "¿Y ahora?",
        "Volver a la vista previa",
    )
    assert 'href="/es/letters/va/send/email/"' in send.content.decode()

    form = client.get("/es/letters/va/send/email/")
    assert_spanish(
        form,
        "Su correo electrónico",
        "Vivo en la dirección que aparece en mi carta.",
        "Envíenme el enlace de confirmación",
        "Volver al paso 4",
    )
    response = client.post(
        "/es/letters/va/send/email/",
        {"email": WRITER["email"]},
        REMOTE_ADDR="203.0.113.9",
    )
    assert_spanish(
        response, "Confirme que vive en la dirección que aparece en su carta."
    )


def test_a_spanish_writer_gets_spanish_emails_and_pages(
    client, va, settings, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    write_in_spanish(client, [obrien])
    status_path = send_in_spanish(client, django_capture_on_commit_callbacks)
    letter_request = LetterRequest.objects.get()
    assert letter_request.language == "es"

    [confirmation] = mail.outbox
    assert confirmation.subject == "Confirme su carta a su legislador"
    body = confirmation.body
    assert body.startswith("Hola, Ann Lee:")
    assert "No se envía nada hasta que usted confirme" in body
    assert "El enlace funciona durante" in body
    html = confirmation.alternatives[0][0]
    assert '<html lang="es">' in html
    assert "Enviar mis cartas" in html
    for english in ("Hello", "Nothing is sent", "Where your letters stand", "Not you?"):
        assert english not in body and english not in html
    links = re.findall(r"https?://\S+", body)
    assert links and all("/es/" in url for url in links if "/letters/" in url)

    assert_spanish(
        client.get(status_path),
        "Sus cartas",
        "Esperando su confirmación.",
        "Revise su correo electrónico",
        english=ENGLISH_SENDING,
    )
    confirm = link_in(confirmation, "/confirm/")
    assert confirm.startswith("/es/letters/sent/")
    assert_spanish(
        client.get(confirm),
        "Confirme sus cartas",
        "Pulse el botón para enviar su carta, firmada por Ann Lee, Richmond, a:",
        "Enviar mis cartas",
        english=ENGLISH_SENDING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    # The office reads English: its email is the English letter, unchanged.
    [office] = office_mail()
    assert office.body.startswith("Dear Delegate O'Brien")
    assert "Sent at the writer's request by" in office.body
    assert_spanish(
        client.get(status_path),
        "Enviada",
        "Guarde la dirección de esta página",
        english=ENGLISH_SENDING,
    )

    # "Did they reply?" in Spanish, with a Spanish date and a /es/ link.
    delivery = LetterDelivery.objects.get(status=Status.SENT)
    later = timezone.now() + datetime.timedelta(
        days=settings.LETTERS_FOLLOWUP_DAYS, minutes=1
    )
    mail.outbox.clear()
    assert services.letters_followups_send(now=later) == 1
    [question] = mail.outbox
    assert question.subject == "¿Le respondió Delegate Patrick O'Brien?"
    day = date_text(timezone.localtime(delivery.sent_at).date(), "es")
    assert f"el {day}. ¿Le respondieron?" in question.body
    assert "Did they reply" not in question.body
    assert '<html lang="es">' in question.alternatives[0][0]
    reply = link_in(question, "/reply/")
    assert reply.startswith("/es/letters/reply/")
    assert_spanish(
        client.get(reply),
        "¿Le respondió Delegate Patrick O'Brien?",
        "Sí, una respuesta de verdad",
        "Sí, pero una carta modelo",
        "Sin respuesta",
        "Todavía no",
        f"Su carta salió el {day}.",
        english=ENGLISH_SENDING,
    )
    assert_spanish(
        client.post(reply, {"answer": "nonsense"}),
        "Elija una de las respuestas.",
        english=ENGLISH_SENDING,
    )
    assert_spanish(
        client.post(reply, {"answer": "real"}),
        "Gracias",
        "Ya borramos su correo electrónico y su carta.",
        english=ENGLISH_SENDING,
    )


def test_a_failure_notice_in_spanish_links_to_the_spanish_flow(
    client, va, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    write_in_spanish(client, [obrien])
    send_in_spanish(client, django_capture_on_commit_callbacks)
    delivery = LetterDelivery.objects.get()
    message = messages.failure_message(delivery)
    assert message.subject == ("No se pudo enviar su carta a Delegate Patrick O'Brien")
    assert "No pudimos enviar su carta por correo electrónico" in message.body
    assert "http://testserver/es/letters/" in message.body or re.search(
        r"https?://[^/\s]+/es/letters/\s", message.body
    )
    assert "Please download" not in message.body
    assert "/es/letters/" in message.alternatives[0][0]


def test_expired_and_broken_links_in_spanish(client, va):
    assert_spanish(
        client.get("/es/letters/sent/not-a-token/"),
        "Este enlace no funciona",
        english=ENGLISH_SENDING,
    )
    assert_spanish(
        client.get("/es/letters/reply/not-a-token/"),
        "Este enlace no funciona",
        english=ENGLISH_SENDING,
    )


def test_response_rates_page_in_spanish(client, va):
    assert_spanish(
        client.get("/es/letters/responses/"),
        "Con qué frecuencia responden los legisladores",
        "Todavía ninguna oficina tiene",
        english=ENGLISH_SENDING,
    )


def test_the_english_flow_and_emails_are_unchanged(
    client, va, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    page = client.get("/letters/").content.decode()
    assert '<html lang="en"' in page
    assert "Step 1 of 4: Choose your state" in page
    response = client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", WRITER)
    page = client.get("/letters/va/write/").content.decode()
    assert "Up to 1,000 characters" in page
    assert "The office reads English" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/letters/va/send/email/",
            {"email": WRITER["email"], "lives_here": "on"},
            REMOTE_ADDR="203.0.113.8",
        )
    assert response["Location"].startswith("/letters/sent/")
    assert LetterRequest.objects.get().language == "en"
    [confirmation] = mail.outbox
    assert confirmation.subject == "Confirm your letter to your legislator"
    assert confirmation.body.startswith("Hello Ann Lee,")
    assert "/es/" not in confirmation.body
    assert '<html lang="en">' in confirmation.alternatives[0][0]


def test_zip_notes_in_spanish():
    from django.utils import translation

    from letters.zipdistricts import _notes

    result = {
        "chambers": [{"chamber": "lower", "at_large": True}],
        "also_in": [{"name": "Maine"}, {"name": "Vermont"}],
        "zip": "03901",
        "state_name": "New Hampshire",
    }
    with translation.override("es"):
        notes = _notes("NH", result)
    assert notes[0].startswith("New Hampshire también tiene distritos")
    assert "representan a todas las personas de New Hampshire" in notes[1]
    assert notes[2] == "Una parte del código postal 03901 está en Maine y Vermont."
    english = _notes("NH", result)
    assert english[2] == "Part of ZIP code 03901 lies in Maine and Vermont."


def test_the_english_ui_list_would_catch_an_english_page(client, va):
    """The check reads the page as a reader does: on the English page it finds
    the strings it looks for (so on the Spanish page their absence counts)."""
    text = page_text(client.get("/letters/").content.decode())
    found = [words for words in ENGLISH_UI if words in text]
    assert {"Step 1 of 4", "How it works", "Private by design"} <= set(found)


def test_why_a_letter_was_not_sent_is_said_in_spanish(
    client, va, django_capture_on_commit_callbacks
):
    _, obrien, _, far = va  # the ZIP code 23219 is in district 12, not 40
    write_in_spanish(client, [obrien, far])
    status_path = send_in_spanish(client, django_capture_on_commit_callbacks)
    refused = LetterDelivery.objects.get(status=Status.REFUSED)
    assert refused.legislator == far
    assert_spanish(
        client.get(status_path),
        "No enviada.",
        "Su código postal no está en el distrito de este legislador",
        english=ENGLISH_SENDING + ["Your ZIP code is not"],
    )
    assert services._plain_reason(550, "mailbox full", delivery=refused) == (
        "El servidor de correo de la oficina la rechazó (mailbox full)."
    )
    # Written by a worker in English, shown in Spanish on the Spanish page.
    LetterDelivery.objects.filter(pk=refused.pk).update(
        status=Status.SENT, sent_at=timezone.now(), failure_reason=services.INTERRUPTED
    )
    assert_spanish(
        client.get(status_path),
        "Nuestro envío se interrumpió en el último momento",
        english=ENGLISH_SENDING + ["Our sending was interrupted"],
    )


def test_notices_after_a_redirect_stay_in_spanish(client, va):
    response = client.get("/es/letters/va/write/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/letters/")
    assert_spanish(
        client.get(response["Location"]), "Primero elija a quién le escribe."
    )
    response = client.get("/es/letters/va/send/")
    assert response["Location"].startswith("/es/letters/")
    page = client.get(response["Location"]).content.decode()
    assert "First choose" not in page and "Start here" not in page
