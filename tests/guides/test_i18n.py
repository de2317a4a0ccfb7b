"""Issue 19: the guides in English and Spanish.

The Spanish texts come from guides/content/es/<slug>.yaml (load_content) into
the guides' Spanish fields; /es/guides/ and /es/guides/<slug>/ show them, a
guide without Spanish (or whose English changed since the translation) shows
the English with a note, and the page cache keeps one copy per language.
"""

import datetime
import html as htmllib
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command

from advocacy.dashboard import campaign_dashboard
from guides import content
from guides.models import GuideChange, Platform

from .conftest import make_platform

pytestmark = pytest.mark.django_db

ES = content.FOLDER / "es"
NOT_TRANSLATED = "Esta guía aún no está traducida al español"
NOT_FULLY = "Esta guía aún no está traducida por completo"


def load_site():
    call_command("load_content", stdout=StringIO())


def spanish_file(slug):
    return yaml.safe_load((ES / f"{slug}.yaml").read_text(encoding="utf-8"))


class TextNodes(HTMLParser):
    """Every text node and every attribute a reader meets (shown or read out)."""

    ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}

    def __init__(self):
        super().__init__()
        self.nodes = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name") == "description":
            self.nodes.append(attributes["content"].strip())
        for name, value in attrs:
            if value and (name in self.ATTRIBUTES or name.startswith("data-text-")):
                self.nodes.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skip:
            self.nodes.append(text)


def nodes(html):
    parser = TextNodes()
    parser.feed(html)
    return parser.nodes


# --- loading ------------------------------------------------------------------


def test_load_content_reads_every_spanish_file():
    load_site()
    files = sorted(path.stem for path in ES.glob("*.yaml"))
    assert len(files) >= 33
    for slug in files:
        platform = Platform.objects.get(slug=slug)
        data = spanish_file(slug)
        assert platform.summary_es == data["summary"]
        assert platform.es_translated_from == data["translated_from"]
        assert platform.spanish_state == "complete", slug
        steps = list(platform.steps.order_by("order", "id"))
        assert [step.text_es for step in steps] == [s["text"] for s in data["steps"]]
        english = content.read_guide_file(content.FOLDER / f"{slug}.yaml")
        for change, spanish in zip(english["changes"], data["changes"], strict=True):
            row = GuideChange.objects.get(
                platform=platform, date=change["date"], text=change["text"]
            )
            assert row.text_es == spanish["text"]


def test_loading_again_writes_nothing_new():
    load_site()
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "Spanish" not in out.getvalue()


def write_guide(folder, slug="demo", researched="2026-11-01", translated="2026-11-01"):
    (folder / "es").mkdir(exist_ok=True)
    (folder / f"{slug}.yaml").write_text(
        f"""slug: {slug}
name: Demo
company: Demo Inc.
status: setting
difficulty: easy
position: 1
researched: {researched}
summary: Demo trains AI on your posts.
opt_out_does: Stops future training.
opt_out_does_not: Does not undo past training.
region_notes: ''
steps:
  - text: Open Settings.
    applies_to: all
  - text: Switch off AI training.
    applies_to: all
sources:
  - title: Demo help
    url: https://demo.example/help
changes:
  - date: 2026-10-01
    text: Demo added a switch.
""",
        encoding="utf-8",
    )
    (folder / "es" / f"{slug}.yaml").write_text(
        f"""slug: {slug}
translated_from: {translated}
summary: Demo entrena la IA con sus publicaciones.
opt_out_does: Impide el entrenamiento de aquí en adelante.
opt_out_does_not: No deshace el entrenamiento anterior.
region_notes: ''
steps:
  - text: Abra la configuración.
  - text: Apague el entrenamiento de IA.
changes:
  - text: Demo agregó un interruptor.
""",
        encoding="utf-8",
    )


def test_an_english_file_newer_than_its_translation_shows_the_english(tmp_path, client):
    write_guide(tmp_path, researched="2026-11-20", translated="2026-11-01")
    content.load(folder=tmp_path)
    platform = Platform.objects.get(slug="demo")
    assert platform.spanish_state == "outdated"
    html = client.get("/es/guides/demo/").content.decode()
    assert NOT_TRANSLATED not in html
    assert NOT_FULLY in html
    assert "Demo trains AI on your posts." in html
    assert "Demo entrena la IA" not in html
    assert "Open Settings." in html
    # The interface around it is Spanish; the guide itself is marked English.
    assert "Antes de empezar" in html
    assert re.search(r'<article class="guide"[^>]* lang="en"', html)

    # The translation catches up: the Spanish shows.
    write_guide(tmp_path, researched="2026-11-20", translated="2026-11-20")
    content.load(folder=tmp_path)
    html = client.get("/es/guides/demo/").content.decode()
    assert NOT_FULLY not in html
    assert "Demo entrena la IA con sus publicaciones." in html
    assert "Abra la configuración." in html
    assert "Demo agregó un interruptor." in html
    assert "octubre de 2026" in html


def test_spanish_edited_in_the_admin_is_left_alone(tmp_path):
    write_guide(tmp_path)
    content.load(folder=tmp_path)
    Platform.objects.filter(slug="demo").update(summary_es="Editado en el admin.")
    (tmp_path / "es" / "demo.yaml").write_text(
        (tmp_path / "es" / "demo.yaml")
        .read_text(encoding="utf-8")
        .replace("Demo entrena", "Demo ahora entrena"),
        encoding="utf-8",
    )
    out = StringIO()
    content.load(stdout=out, folder=tmp_path)
    assert Platform.objects.get(slug="demo").summary_es == "Editado en el admin."
    assert "Guide demo: Spanish left alone" in out.getvalue()


def test_a_spanish_file_whose_steps_do_not_match_is_refused(tmp_path):
    write_guide(tmp_path)
    path = tmp_path / "es" / "demo.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - text: Apague el entrenamiento de IA.\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(content.ContentError, match="steps"):
        content.load(folder=tmp_path)
    assert not Platform.objects.exists()


# --- pages ----------------------------------------------------------------------


def test_spanish_guide_page_shows_the_spanish(client):
    load_site()
    data = spanish_file("linkedin")
    html = htmllib.unescape(client.get("/es/guides/linkedin/").content.decode())
    assert '<html lang="es">' in html
    assert data["summary"] in html
    for step in data["steps"]:
        assert step["text"] in html
    assert "1 de diciembre de 2026" in html
    assert NOT_TRANSLATED not in html and NOT_FULLY not in html
    english = client.get("/guides/linkedin/").content.decode()
    assert data["summary"] not in english
    assert "Keep your data out of AI training" in english


def test_spanish_guide_list(client):
    load_site()
    html = client.get("/es/guides/").content.decode()
    assert "Guías para excluirse" in html
    assert spanish_file("linkedin")["summary"].split()[0] in html
    assert "Se muestran las" in html
    # The no-JavaScript search looks in the Spanish text.
    html = client.get("/es/guides/?q=interruptor").content.decode()
    assert "Se muestran" in html


def test_a_guide_without_spanish_shows_the_english_with_a_note(client):
    make_platform(slug="plain")
    html = client.get("/es/guides/plain/").content.decode()
    assert NOT_TRANSLATED in html
    assert "Plain trains AI on your posts." in html
    assert "plain step number 1" in html
    assert "Antes de empezar" in html
    listing = client.get("/es/guides/").content.decode()
    assert "Por ahora, en inglés" in listing
    english = client.get("/guides/plain/").content.decode()
    assert NOT_TRANSLATED not in english


def test_interleaved_requests_never_serve_the_wrong_language(client):
    load_site()
    summary_es = spanish_file("instagram")["summary"].split(".")[0]
    sequence = ["/guides/instagram/", "/es/guides/instagram/"] * 3
    sequence += ["/guides/instagram/", "/guides/instagram/", "/es/guides/instagram/"]
    for path in sequence:
        client.cookies.clear()  # anonymous: the page comes from the cache
        html = client.get(path).content.decode()
        if path.startswith("/es/"):
            assert '<html lang="es">' in html
            assert summary_es in html
            assert "Before you start" not in html
        else:
            assert '<html lang="en">' in html
            assert summary_es not in html
            assert "Before you start" in html


def test_report_errors_and_notice_in_spanish(client):
    load_site()
    response = client.post("/es/guides/linkedin/report/", {"description": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Díganos en pocas palabras qué ya no coincide." in html
    response = client.post(
        "/es/guides/linkedin/report/", {"description": "El menú cambió de nombre."}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/es/guides/linkedin/")
    html = client.get(response["Location"]).content.decode()
    assert "¡Gracias! Su aviso les llegó a nuestros organizadores." in html


# Words that are the same in both languages, or content that is not translated:
# names, the email to the company, the sources' titles, the site name.
def allowed_english(platform_slugs):
    allowed = {
        "English",
        "Español",
        "Error:",
        "?",
        "←",
        "→",
        "↓",
        "↗",
        "⚠",
        "✓",
        "✕",
        "·",
    }
    for platform in Platform.objects.filter(slug__in=platform_slugs):
        allowed |= {platform.name, platform.company, platform.email_to}
        allowed |= {platform.email_subject, " ".join(platform.email_body.split())}
        allowed |= {source.title for source in platform.sources.all()}
    return allowed


@pytest.mark.parametrize(
    "path",
    [
        "/guides/",
        "/guides/linkedin/",  # app and website steps
        "/guides/slack/",  # the email template
        "/guides/instagram/",
        "/guides/chatgpt/",
        "/guides/x/",
    ],
)
def test_spanish_guide_pages_contain_none_of_the_english_interface(
    client, path, settings
):
    """Every text node of the English page that reappears on the Spanish one is
    a name, a source title or the email to the company (untranslated on purpose)."""
    load_site()
    english_page, spanish_page = client.get(path), client.get("/es" + path)
    assert english_page.status_code == spanish_page.status_code == 200
    english = set(nodes(english_page.content.decode()))
    spanish = nodes(spanish_page.content.decode())
    slugs = [path.strip("/").split("/")[-1]] if path != "/guides/" else []
    allowed = allowed_english(slugs or Platform.objects.values_list("slug", flat=True))
    allowed.add(settings.SITE_NAME)
    leftovers = sorted(
        {
            text
            for text in spanish
            if text in english
            and text not in allowed
            and any(char.isalpha() for char in text)
            and settings.SITE_NAME not in text
        }
    )
    assert leftovers == []


# --- admin and dashboard --------------------------------------------------------


def test_dashboard_lists_guides_whose_spanish_is_missing_or_out_of_date(tmp_path):
    write_guide(tmp_path, researched="2026-11-20", translated="2026-11-01")
    content.load(folder=tmp_path)
    make_platform(slug="plain")
    make_platform(slug="done", summary_es="Hecho.", es_translated_from=None)
    complete = make_platform(
        slug="complete",
        summary_es="Completa.",
        es_translated_from=datetime.date(2026, 12, 1),
    )
    user = get_user_model().objects.create_superuser("boss", "b@example.org", "x")
    section = campaign_dashboard(user=user)["stale_guides"]["spanish"]
    states = {row["platform"].slug: row["state"] for row in section["guides"]}
    assert states == {"demo": "outdated", "plain": "missing", "done": "missing"}
    assert complete.spanish_state == "complete"


def test_admin_dashboard_page_shows_the_spanish_to_do(admin_client):
    make_platform(slug="plain")
    html = admin_client.get("/admin/").content.decode()
    assert 'data-spanish="plain"' in html
    assert 'data-spanish-state="missing"' in html


def test_admin_edits_english_and_spanish_side_by_side(admin_client):
    load_site()
    platform = Platform.objects.get(slug="linkedin")
    html = admin_client.get(f"/admin/guides/platform/{platform.pk}/change/").content
    html = html.decode()
    # One row per text: the English field and the Spanish one together.
    row = re.search(
        r'<div class="form-row[^"]*field-summary field-summary_es">.*?</div>\s*</div>',
        html,
        re.S,
    )
    assert row, "summary and summary_es share a row"
    assert 'name="summary_es"' in html and 'name="opt_out_does_not_es"' in html
    assert 'name="steps-0-text_es"' in html
    assert "Translated" in html
