"""Issue 19: the home page, /act/, the state pages and the error pages in
Spanish under /es/; the state pages' research notes from states/data/es/
(states.content.laws_load_spanish), English with a note when missing."""

import datetime
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from states import content
from states.models import PrivacyLaw
from states.selectors import states_cache_bump

pytestmark = pytest.mark.django_db

NOTE = "no están traducidas al español"


class TextNodes(HTMLParser):
    """Every text node and read-out attribute of a page's <body>."""

    ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}

    def __init__(self):
        super().__init__()
        self.nodes = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.nodes.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def page_text(response):
    html = response.content.decode()
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    parser = TextNodes()
    parser.feed("<main" + body)
    return " | ".join(parser.nodes)


@pytest.fixture
def site():
    call_command("load_content", stdout=StringIO())


# (path, status, Spanish words that must appear, English UI strings of the
# templates that must not remain).
PAGES = [
    (
        "/es/",
        200,
        ["Sus publicaciones están entrenando a la IA", "Firme la petición"],
        [
            "Your posts are training AI",
            "Protect your accounts",
            "Sign the petition",
            "Write your legislator",
            "Where does your state stand?",
            "See every state's privacy law",
            "Map legend",
            "Skip the map",
            "Law in effect",
            "No comprehensive law",
        ],
    ),
    (
        "/es/act/",
        200,
        ["¿Cuáles de estos usa?", "Paso 1 de 4", "Mostrar mi lista"],
        [
            "Which of these do you use?",
            "Take action",
            "Platforms you use",
            "Show my checklist",
            "Skip this step",
            "Your progress",
            "Step 1 of 4",
        ],
    ),
    (
        "/es/act/checklist/?platforms=instagram,linkedin",
        200,
        ["Su lista", "2 plataformas", "Abrir la guía"],
        [
            "Your checklist",
            "Open the guide",
            "Change my platforms",
            "See all guides",
            "Opt-out:",
            "steps in short",
            "Next: sign the petition",
        ],
    ),
    (
        "/es/act/sign/?platforms=instagram&state=VA&zip=23219",
        200,
        ["Su firma", "Leer la petición completa"],
        ["Your signature", "Read the whole petition", "Skip this step", "To:"],
    ),
    (
        "/es/act/write/?state=VA&zip=23219&signed=1",
        200,
        ["Gracias por firmar", "Escribir su carta", "23219"],
        [
            "Thank you for signing",
            "We carried over your state",
            "Write your letter",
            "The letter takes four short steps",
        ],
    ),
    (
        "/es/act/share/?platforms=instagram",
        200,
        ["Comparta esta página", "Gracias", "Terminar"],
        ["Share this page", "Thank you", "You can come back to any step", "Finish"],
    ),
    (
        "/es/states/",
        200,
        ["¿Cómo está su estado?", "Todos los estados en una tabla", "Ley vigente"],
        [
            "Where does your state stand?",
            "Go straight to your state",
            "Choose your state",
            "Every state in a table",
            "In effect from",
            "EPIC/PIRG grade",
            "Law in effect",
            "Not graded",
            "law in effect since",
            "Facts current to",
        ],
    ),
    (
        "/es/states/va/",
        200,
        ["Virginia tiene una ley de privacidad vigente", "fiscal general", "de 20"],
        [
            "has a privacy law in effect",
            "What you can do",
            "The rights it gives, or lacks",
            "Stop the sale of your personal data",
            "What a stronger law would add",
            "Collect only what is needed.",
            "Notes from our research",
            "Sources",
            "These facts are current to",
            "Write your legislator",
            "The model most later state laws copied",
            "January",
            "July",
        ],
    ),
    (
        "/es/states/ga/",
        200,
        ["no tiene una ley integral de privacidad", "Lo que haría una buena ley"],
        ["has no comprehensive privacy law", "What a good privacy law would do"],
    ),
    (
        "/es/no-such-page/",
        404,
        ["Página no encontrada", "Ir a la página de inicio"],
        ["Page not found", "Go to the home page"],
    ),
]


@pytest.mark.parametrize(("path", "status", "spanish", "english"), PAGES)
def test_the_page_in_spanish(site, path, status, spanish, english):
    response = Client().get(path)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="es"' in html
    text = page_text(response)
    for words in spanish:
        assert words in text, (path, words)
    for words in english:
        assert words not in text, (path, words)
    assert NOTE not in text  # every state file has its Spanish


def test_the_same_pages_stay_english(site):
    for path, status, _spanish, _english in PAGES:
        english_path = path.removeprefix("/es")
        response = Client().get(english_path)
        assert response.status_code == status
        assert '<html lang="en"' in response.content.decode()
        text = page_text(response)
        assert not re.search(r"\b(Paso|Sus|Firme|ley de privacidad)\b", text), path
    va = page_text(Client().get("/states/va/"))
    assert "The model most later state laws copied" in va
    assert "Notes from our research" in va


def test_interleaved_requests_keep_each_language(site):
    """The states' caches (rows, map, table, facts) are kept per language."""
    for _ in range(2):
        for path in ("/states/", "/states/va/", "/"):
            en = page_text(Client().get(path))
            es = page_text(Client().get("/es" + path))
            assert "Law in effect" in en or "has a privacy law" in en
            assert "Law in effect" not in es
            assert "Ley vigente" in es or "tiene una ley" in es


def test_spanish_notes_come_from_the_file_and_missing_ones_show_english(site):
    va = PrivacyLaw.objects.get(state__abbr="VA")
    assert va.notes_es.startswith("El modelo que copiaron")
    assert va.es_translated_from == va.as_of
    # The English facts move on: the Spanish is out of date, so the English shows.
    va.as_of = va.as_of + datetime.timedelta(days=1)
    va.save()
    states_cache_bump()
    text = page_text(Client().get("/es/states/va/"))
    assert NOTE in text
    assert "The model most later state laws copied" in text
    assert "El modelo que copiaron" not in text
    assert "Notas de nuestra investigación" in text  # the UI stays Spanish
    assert NOTE not in page_text(Client().get("/states/va/"))


def test_loading_again_never_overwrites_an_organizers_spanish(site, tmp_path):
    va = PrivacyLaw.objects.get(state__abbr="VA")
    va.notes_es = "Texto corregido por una organizadora."
    va.save()
    folder = tmp_path / "es"
    folder.mkdir()
    source = content.law_folder() / "es" / "va.yaml"
    (folder / "va.yaml").write_text(
        source.read_text(encoding="utf-8").replace("El modelo", "Este es el modelo"),
        encoding="utf-8",
    )
    rows = {"VA": va}
    assert content.laws_load_spanish(rows, folder) == ([], ["VA"])
    va.refresh_from_db()
    assert va.notes_es == "Texto corregido por una organizadora."
    # An unedited row follows the file.
    ca = PrivacyLaw.objects.get(state__abbr="CA")
    text = (content.law_folder() / "es" / "ca.yaml").read_text(encoding="utf-8")
    (folder / "ca.yaml").write_text(text, encoding="utf-8")
    assert content.laws_load_spanish({"CA": ca}, folder) == ([], [])  # unchanged
    first = ca.notes_es.split()[0]
    (folder / "ca.yaml").write_text(
        text.replace(first, first + " (revisado)", 1), encoding="utf-8"
    )
    assert content.laws_load_spanish({"CA": ca}, folder) == (["CA"], [])
    ca.refresh_from_db()
    assert "(revisado)" in ca.notes_es


def test_spanish_errors_and_validators():
    from django.utils import translation

    from core.validators import PlainTextValidator

    with translation.override("es"):
        message = PlainTextValidator("su nombre").messages()["url"]
    assert message == "Escriba su nombre sin enlaces ni direcciones web."
    assert (
        PlainTextValidator("your name").messages()["url"]
        == "Please enter your name without links or web addresses."
    )


@pytest.mark.parametrize(
    ("template", "status", "spanish", "english"),
    [
        ("500.html", 500, "Algo salió mal de nuestro lado", "Something went wrong"),
        ("503.html", 503, "Volvemos enseguida", "We will be right back"),
    ],
)
def test_the_error_pages_rendered_without_the_request_in_spanish(
    template, status, spanish, english
):
    """handler500 renders without the request, inside the Spanish request's
    active language (core.middleware.static_error_response)."""
    from django.utils import translation

    from core.middleware import static_error_response

    with translation.override("es"):
        response = static_error_response(template, status=status)
    text = page_text(response)
    assert spanish in text
    assert english not in text
    assert 'href="/es/"' in response.content.decode()


def test_the_dashboard_lists_the_state_pages_without_their_spanish(site):
    from django.contrib.auth.models import Permission, User

    from advocacy.dashboard import campaign_dashboard

    user = User.objects.create_user("states", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_privacylaw"))
    user = User.objects.get(pk=user.pk)
    assert campaign_dashboard(user=user)["states_spanish"] == {"laws": []}
    va = PrivacyLaw.objects.get(state__abbr="VA")
    va.as_of = va.as_of + datetime.timedelta(days=1)
    va.save()
    PrivacyLaw.objects.filter(state__abbr="OH").update(notes_es="")
    [outdated, missing] = sorted(
        campaign_dashboard(user=user)["states_spanish"]["laws"],
        key=lambda law: law["abbr"] != "VA",
    )
    assert (outdated["abbr"], outdated["state"]) == ("VA", "outdated")
    assert (missing["abbr"], missing["state"]) == ("OH", "missing")
    client = Client()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert 'data-states-spanish="VA" data-states-spanish-state="outdated"' in html
    assert f'href="/admin/states/privacylaw/{va.pk}/change/"' in html
