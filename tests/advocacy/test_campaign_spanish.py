"""The campaign pages, /about/ and /privacy/ in Spanish (issue 19).

Each Spanish page says lang="es", shows Spanish words and none of the English
interface strings of its templates; a campaign or organization without its
Spanish text shows the English with a note; the seeded campaign gets its
Spanish from campaigns/data/seeded.es.yaml; the preview picture is drawn in
Spanish at /es/; the dashboard lists what is missing. English is unchanged.
"""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import translation

from advocacy import campaign_selectors
from advocacy.dashboard import campaign_dashboard
from campaigns import content
from campaigns.models import Campaign
from core import pagecache
from core.models import Organization
from tests.advocacy.public_pages import signers_spread

pytestmark = pytest.mark.django_db

SLUG = "state-privacy-law"
ES_TITLE = "Leyes estatales de privacidad fuertes"

# Visible English of the templates marked here (campaign_list, campaign_detail,
# campaign_target, share, campaign_map, about, privacy).
ENGLISH_CAMPAIGN_UI = [
    "Campaigns</h1>",
    "What we are asking for now",
    "people have signed",
    "Write a letter",
    "More about this campaign",
    "All campaigns",
    "Who it is addressed to",
    "The petition<",
    "State legislators in both chambers",
    "Share this campaign",
    "Link to this campaign",
    "Copy link",
    "Email a friend",
    "Send a text message",
    "Share on WhatsApp",
    "(opens a new tab)",
    "These are plain links",
    "the link carries nothing about you",
    "Where people have signed",
    "Confirmed signatures in",
    "Map legend",
    "as a table",
    "Tile map of the states",
    ">Signatures<",
]
ENGLISH_ABOUT_UI = [
    "Who runs this site",
    "How to reach us",
    "By post",
    "By email",
    "By phone",
    "On the web",
    "What we do with your data",
    "When you sign a petition",
    "We do not keep the letters",
    "No ads, no trackers",
    "Read exactly what we store",
    "Our campaigns now",
    " is run by ",
]
ENGLISH_PRIVACY_UI = [
    "Privacy on this site",
    "What we never keep",
    "No analytics, ads or trackers",
    "No IP addresses in the clear",
    "No letters.",
    "No checklist progress",
    "What we store, and for how long",
    "Petition signatures",
    "Unconfirmed signatures",
    "Confirmed signatures",
    "Who sees what",
    "Contact permission",
    "Letters we send for you by email",
    "Until you confirm",
    "After sending",
    "Reports about outdated guide steps",
    "Only two, both needed",
    "protects forms against forgery",
    "Removing your signature",
    "If the link no longer works",
    " days",
    " hours",
    " minutes",
]


@pytest.fixture(autouse=True)
def _fresh_pages():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def site():
    call_command("load_content", stdout=io.StringIO())
    return Campaign.objects.get(slug=SLUG)


@pytest.fixture
def real_org(site):
    organization = Organization.objects.get()
    organization.name = "Data Dignity Coalition"
    organization.description = "We help people keep their posts out of AI training."
    organization.postal_address = "1200 K Street NW\nWashington, DC 20005"
    organization.email = "office@datadignity.org"
    organization.phone = "202 555 0142"
    organization.website = "https://datadignity.org/"
    organization.save()
    return organization


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def visible(html):
    """The page's text without its <head> (the English alternates live there)."""
    body = re.sub(r"<[^>]+>", " ", html[html.index("<body") :])
    return re.sub(r"\s+", " ", unescape(body))


def assert_spanish(html, english):
    assert '<html lang="es">' in html
    text = visible(html)
    left = [phrase for phrase in english if phrase in text]
    assert left == [], f"English left on a Spanish page: {left}"


def meta(html, prop):
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


# --- the seeded campaign's Spanish ------------------------------------------


def test_load_content_fills_the_seeded_campaigns_spanish(site):
    spanish = content.seeded_spanish()
    assert site.title_es == spanish["title_es"]
    assert site.title_es.startswith(ES_TITLE)
    assert site.summary_es.startswith("Pida a sus legisladores estatales")
    assert site.spanish_missing == []


def test_load_content_keeps_an_organizers_spanish(site):
    site.title_es = "Mi propio título"
    site.summary_es = ""
    site.save()
    call_command("load_content", stdout=io.StringIO())
    site.refresh_from_db()
    assert site.title_es == "Mi propio título"  # kept
    assert site.summary_es.startswith("Pida a sus legisladores")  # filled


# --- campaign pages -----------------------------------------------------------


def test_the_campaign_list_in_spanish(client, site):
    html = get(client, "/es/campaigns/")
    assert_spanish(html, ENGLISH_CAMPAIGN_UI)
    text = visible(html)
    assert "Campañas" in text
    assert ES_TITLE in text
    assert "Escribir una carta" in text
    assert "Más sobre esta campaña" in text
    assert "Legisladores estatales de las dos cámaras" in text
    assert 'href="/es/campaigns/state-privacy-law/"' in html
    assert meta(html, "og:locale") == "es_ES"
    assert meta(html, "og:title") == "Campañas"


def test_the_campaign_list_in_english_is_unchanged(client, site):
    html = get(client, "/campaigns/")
    text = visible(html)
    assert '<html lang="en">' in html
    assert "What we are asking for now." in text
    assert "Strong state privacy laws" in text or site.title in text
    assert ES_TITLE not in text
    assert "State legislators in both chambers" in text
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "og:locale:alternate") == "es_ES"


def test_a_campaign_page_in_spanish_with_its_count_and_map(client, site):
    petition = site.petition
    signers_spread(petition)  # 1,339 confirmed in five states
    html = get(client, f"/es/campaigns/{SLUG}/")
    # The count itself is the petitions app's partial (its own catalogue).
    ours = re.sub(r'<div class="petition-progress">.*?</div>', "", html, flags=re.S)
    assert_spanish(ours, ENGLISH_CAMPAIGN_UI)
    text = visible(html)
    assert f"<h1>{site.title_es}</h1>" in unescape(html)
    assert "Firmas confirmadas" in text
    assert "Todas las campañas" in text
    assert "A quién va dirigida" in text
    assert "Comparta esta campaña" in text
    assert "Copiar el enlace" in text
    assert "Compartir en WhatsApp" in text
    assert "y el enlace no lleva nada sobre usted" in text
    assert "Dónde ha firmado la gente" in text
    assert "Firmas confirmadas en 5 estados" in text
    assert "Ver la tabla de 5 estados" in text or "Ver los 5 estados" in text
    # Link previews and sharing in Spanish, pointing at the Spanish page.
    assert meta(html, "og:title") == site.title_es
    assert meta(html, "og:description") == site.summary_es
    assert meta(html, "og:locale") == "es_ES"
    assert meta(html, "og:url").endswith(f"/es/campaigns/{SLUG}/")
    assert meta(html, "og:image").endswith(f"/es/campaigns/{SLUG}/preview.png")
    assert "This campaign is not fully translated" not in text


def test_the_closed_count_in_spanish_form(client, site):
    petition = site.petition
    signers_spread(petition)
    site.featured = False
    site.status = Campaign.Status.CLOSED
    site.save()
    text = visible(get(client, f"/es/campaigns/{SLUG}/"))
    assert "Esta campaña ha terminado" in text
    assert "Total final: 1.339 personas firmaron." in text
    english = visible(get(client, f"/campaigns/{SLUG}/"))
    assert "Final count: 1,339 people signed." in english


def test_a_campaign_without_spanish_shows_the_english_with_a_note(client, site):
    Campaign.objects.create(
        slug="kids-photos",
        title="No AI training on children's photos",
        summary="Children cannot consent.",
        status="live",
    )
    html = get(client, "/es/campaigns/kids-photos/")
    assert '<html lang="es">' in html
    assert '<h1 lang="en">No AI training on children&#x27;s photos</h1>' in html
    assert "Esta campaña todavía no está traducida por completo" in visible(html)
    listing = visible(get(client, "/es/campaigns/"))
    assert "No AI training on children's photos" in listing
    assert "En inglés por ahora" in listing or "inglés" in listing
    # English: no note.
    assert "translation-note" not in get(client, "/campaigns/kids-photos/")


def test_english_and_spanish_copies_do_not_mix(client, site):
    for _ in range(2):
        assert ES_TITLE in visible(get(client, f"/es/campaigns/{SLUG}/"))
        english = visible(get(client, f"/campaigns/{SLUG}/"))
        assert ES_TITLE not in english
        assert site.title in english


# --- the preview picture --------------------------------------------------------


def test_the_preview_picture_is_drawn_in_spanish(client, site):
    petition = site.petition
    signers_spread(petition)
    (entry,) = [e for e in campaign_selectors.campaign_entries_live()[0]]
    with translation.override("es"):
        spanish = campaign_selectors.campaign_preview(entry)
    with translation.override("en"):
        english = campaign_selectors.campaign_preview(entry)
    assert spanish.title == site.title_es
    assert spanish.line == "Más de 1.000 personas han firmado"
    assert english.title == site.title
    assert english.line == "More than 1,000 people have signed"
    assert spanish.etag != english.etag
    es = client.get(f"/es/campaigns/{SLUG}/preview.png")
    en = client.get(f"/campaigns/{SLUG}/preview.png")
    assert es.status_code == en.status_code == 200
    assert es["Content-Type"] == "image/png"
    assert es["ETag"] == spanish.etag
    assert en["ETag"] == english.etag
    assert es.content != en.content


# --- about ----------------------------------------------------------------------


def test_about_in_spanish_with_the_spanish_description(client, real_org):
    real_org.description_es = "Ayudamos a que sus publicaciones no entrenen la IA."
    real_org.save()
    html = get(client, "/es/about/")
    assert_spanish(html, ENGLISH_ABOUT_UI)
    text = visible(html)
    assert "Quién administra este sitio" in text or "Quién" in text
    assert "lo administra Data Dignity Coalition ." in text
    assert "Ayudamos a que sus publicaciones no entrenen la IA." in text
    assert "We help people keep" not in text
    assert "Cómo comunicarse con nosotros" in text
    assert "Nuestras campañas actuales" in text
    assert ES_TITLE in text
    assert "data-translation-note" not in html


def test_about_in_spanish_without_the_spanish_description(client, real_org):
    html = get(client, "/es/about/")
    assert 'data-translation-note="missing"' in html
    assert '<p lang="en">We help people keep their posts out of AI training.</p>' in (
        html
    )
    assert "Su descripción todavía no está traducida" in visible(html)
    english = visible(get(client, "/about/"))
    assert "We help people keep their posts out of AI training." in english
    assert "Su descripción" not in english


def test_about_in_spanish_before_the_organization_is_filled_in(client, site):
    html = get(client, "/es/about/")
    assert_spanish(html, ENGLISH_ABOUT_UI + ["have not filled in their details"])
    assert "todavía no han puesto aquí sus datos" in visible(html)


# --- privacy ---------------------------------------------------------------------


def test_privacy_in_spanish_with_its_computed_facts(client, settings):
    settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS = 9
    html = get(client, "/es/privacy/")
    assert_spanish(html, ENGLISH_PRIVACY_UI)
    text = visible(html)
    assert "La privacidad en este sitio" in text
    assert "Lo que nunca guardamos" in text
    assert "Cómo quitar su firma" in text
    facts = dict(
        re.findall(r'<span data-fact="(\w+)" data-seconds="\d+">([^<]+)<', html)
    )
    assert facts["unconfirmed"] == "9 días"
    assert all(
        re.fullmatch(r"[\d.]+ (día|días|hora|horas|minuto|minutos|segundos?)", words)
        for words in facts.values()
    ), facts
    english = get(client, "/privacy/")
    assert '<span data-fact="unconfirmed" data-seconds="777600">9 days</span>' in (
        english
    )
    assert "What we never keep" in english


# --- dashboard -------------------------------------------------------------------


def test_the_dashboard_lists_missing_spanish(admin_client, real_org):
    Campaign.objects.create(
        slug="kids-photos", title="Kids", summary="S", status="live"
    )
    Campaign.objects.create(slug="old", title="Old", status="closed")
    html = admin_client.get("/admin/").content.decode()
    assert 'data-spanish-campaign="kids-photos"' in html
    assert 'data-spanish-missing="title,summary"' in html
    assert 'data-spanish-campaign="old"' not in html  # closed: nothing to do
    assert f'data-spanish-campaign="{SLUG}"' not in html  # seeded: translated
    assert "data-spanish-organization" in html
    real_org.description_es = "Ayudamos."
    real_org.save()
    Campaign.objects.filter(slug="kids-photos").update(title_es="Niños", summary_es="S")
    html = admin_client.get("/admin/").content.decode()
    assert "data-spanish-organization" not in html
    assert "data-spanish-campaigns-done" in html


def test_dashboard_section_follows_permissions(django_user_model, site):
    user = django_user_model.objects.create_user("plain", password="x", is_staff=True)
    assert campaign_dashboard(user=user) is None


# --- admin -----------------------------------------------------------------------


def test_the_admin_edits_both_languages_side_by_side(
    admin_client, client, real_org, site
):
    html = admin_client.get(f"/admin/campaigns/campaign/{site.pk}/change/").content
    html = html.decode()
    # One row each: the English field and its Spanish twin.
    for english, spanish in (("title", "title_es"), ("summary", "summary_es")):
        row = re.search(
            rf'<div class="form-row[^"]*field-{english} field-{spanish}', html
        )
        assert row, english
    assert site.title_es in unescape(html)
    html = admin_client.get(
        f"/admin/core/organization/{real_org.pk}/change/"
    ).content.decode()
    assert re.search(r"field-description field-description_es", html)
    # An organizer's edit reaches the Spanish page (a save bumps the cache).
    assert ES_TITLE in visible(get(client, f"/es/campaigns/{SLUG}/"))
    site.title_es = "Título nuevo"
    site.save()
    assert "Título nuevo" in visible(get(client, f"/es/campaigns/{SLUG}/"))


def test_privacy_states_the_same_figures_in_both_languages(client):
    def figures(path):
        return re.findall(
            r'<span data-fact="(\w+)" data-seconds="(\d+)">([^<]+)<',
            get(client, path),
        )

    english, spanish = figures("/privacy/"), figures("/es/privacy/")
    assert len(english) >= 15
    assert [(n, s) for n, s, _ in english] == [(n, s) for n, s, _ in spanish]
    units = {"days": "días", "day": "día", "hours": "horas", "hour": "hora"}
    units |= {"minutes": "minutos", "minute": "minuto"}
    for (_, _, en_words), (_, _, es_words) in zip(english, spanish, strict=True):
        number, unit = en_words.split(" ")
        assert es_words == f"{number.replace(',', '.')} {units[unit]}"
