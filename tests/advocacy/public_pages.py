"""Every public page of the site, reachable the way a visitor reaches it.

One catalogue for the accessibility sweep (real Chromium), the third-party
origin test and the privacy claims (Django test client). Each page is a short
visit: GETs and form POSTs through an "agent" that is either the test client
or a browser page, so a POST result (an error page, a confirmation) is
rendered exactly as a visitor sees it.

`seed_site()` loads the site's own content (all guides, the petition, the
state facts) plus what the letter flow and the token links need.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse, set_urlconf

from guides.content import PLATFORMS

PETITION = "/petitions/state-privacy-law/"
# The writer of the letter; the story is searched for in the database afterwards.
LETTER_STORY = "Unique-story-marker 7f3e: my 2009 photos are in a model now."
SENDER = {
    "name": "Zoë Quayle-Ñúñez",
    "street": "12 Elm Street",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "zoe.sweep@example.org",
    "phone": "804-555-0123",
    "story": LETTER_STORY,
    "points": ["consent", "delete"],
}
SIGNER = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace.sweep@example.org",
    "zip_code": "23219",
    "state": "VA",
    "comment": "Consent first.",
}
GUIDE_SLUGS = [platform["slug"] for platform in PLATFORMS]


@dataclass
class World:
    """What the seeded site offers the visits: token links, legislator ids."""

    confirm_path: str = ""
    withdraw_path: str = ""
    unsubscribe_path: str = ""
    legislator_ids: list = field(default_factory=list)


def seed_site():
    """All seeded content plus Virginia legislators, a ZIP row and a pending signature."""
    from letters.models import Legislator
    from petitions import services, tokens
    from petitions.models import Petition
    from states.models import State, ZipDistrict

    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    va = State.objects.get(abbr="VA")
    obrien = Legislator.objects.create(
        openstates_id="ocd-person/va-sweep-obrien",
        state=va,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        given_name="Patrick",
        family_name="O'Brien",
        email="delobrien@house.virginia.gov",
        capitol_address="Pocahontas Building, 900 East Main Street, Richmond, VA 23219",
    )
    tobin = Legislator.objects.create(
        openstates_id="ocd-person/va-sweep-tobin",
        state=va,
        chamber="upper",
        district="12",
        name="Löki Tobin",
        given_name="Löki",
        family_name="Tobin",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )
    for chamber in ("lower", "upper"):
        ZipDistrict.objects.create(
            zcta="23219", state=va, chamber=chamber, district="12", land_share=1.0
        )
    petition = Petition.objects.get(slug="state-privacy-law")
    result = services.signature_create(petition=petition, **SIGNER)
    signature = result.signature
    world = World(legislator_ids=[obrien.pk, tobin.pk])
    world.confirm_path = reverse(
        "petitions:sign-confirm",
        kwargs={
            "slug": petition.slug,
            "token": tokens.token_make(signature=signature, purpose=tokens.CONFIRM),
        },
    )
    world.withdraw_path = reverse(
        "petitions:sign-withdraw",
        kwargs={
            "slug": petition.slug,
            "token": tokens.token_make(signature=signature, purpose=tokens.WITHDRAW),
        },
    )
    from petitions.updates.tokens import unsubscribe_token_make

    world.unsubscribe_path = reverse(
        "petitions:update-unsubscribe",
        kwargs={"token": unsubscribe_token_make(email=signature.email)},
    )
    return world


def second_petition():
    """With two open petitions /petitions/ lists them instead of redirecting."""
    from petitions.models import Petition

    Petition.objects.get_or_create(
        slug="second-petition",
        defaults={
            "title": "Ban training AI on children's photos",
            "text": "Children cannot consent.\n\nPlease act.",
            "target": "State legislators",
            "goal": 500,
        },
    )


def campaign_letters():
    """A second live campaign with its own letter, one addressed to another
    office, a closed one and a registered source code (issue 17)."""
    from campaigns.models import Campaign, SourceCode
    from letters.models import LetterCampaign

    bill, _ = Campaign.objects.get_or_create(
        slug="ai-consent-bill",
        defaults={"title": "Pass the AI Consent Bill", "status": "live"},
    )
    LetterCampaign.objects.get_or_create(
        campaign=bill,
        defaults={
            "subject": "Support the AI Consent Bill in {state_name}",
            "opening": "I live in {sender_city} and ask you to back the AI Consent Bill.",
            "asks": "{law_paragraph}\n\nPlease co-sponsor the AI Consent Bill.",
            "closing": "I will follow your vote closely.",
        },
    )
    Campaign.objects.get_or_create(
        slug="write-the-governor",
        defaults={
            "title": "Ask the Governor",
            "status": "live",
            "target": "custom",
            "target_name": "Office of the Governor of Virginia",
            "target_address": "P.O. Box 1475\nRichmond, VA 23218",
        },
    )
    Campaign.objects.get_or_create(
        slug="closed-letter", defaults={"title": "An old letter", "status": "closed"}
    )
    SourceCode.objects.get_or_create(code="newsletter-dec", defaults={"name": "News"})


CAMPAIGN_QUERY = "campaign=ai-consent-bill&source=newsletter-dec"


def _visit_campaign(path):
    def visit(agent, world):
        campaign_letters()
        agent.get(path)

    return visit


def _visit_campaign_preview(agent, world):
    campaign_letters()
    agent.post(
        "/letters/va/",
        {
            "pick": world.legislator_ids,
            "campaign": "ai-consent-bill",
            "source": "newsletter-dec",
        },
        from_path=f"{DISTRICTS}&{CAMPAIGN_QUERY}",
    )
    assert agent.path() == "/letters/va/write/", agent.path()
    agent.post("/letters/va/write/", SENDER, from_path="/letters/va/write/")
    assert agent.path() == "/letters/va/preview/", agent.path()


def _visit_campaign_custom_write(agent, world):
    campaign_letters()
    agent.post(
        "/letters/",
        {"state": "VA", "campaign": "write-the-governor"},
        from_path="/letters/?campaign=write-the-governor",
    )
    assert agent.path() == "/letters/va/write/", agent.path()


# --- agents -------------------------------------------------------------------


class ClientAgent:
    """Visits through Django's test client; keeps every response for checks."""

    def __init__(self, client=None):
        self.client = client or Client(raise_request_exception=False)
        self.responses = []

    @property
    def last(self):
        return self.responses[-1]

    def path(self):
        return self.last.request["PATH_INFO"]

    def get(self, path):
        response = self.client.get(path, follow=True)
        self.responses.append(response)
        return response

    def post(self, path, data, *, from_path=None, csrf=True):
        """`csrf=False`: the form arrives without its CSRF token (a stale page)."""
        if from_path:
            self.get(from_path)
        # The test client skips CSRF checks unless told to enforce them; it
        # never sends the token by itself, so enforcing means "no token".
        self.client.handler.enforce_csrf_checks = not csrf
        try:
            response = self.client.post(path, data, follow=True)
        finally:
            self.client.handler.enforce_csrf_checks = False
        self.responses.append(response)
        return response


# Builds and submits a form in the current page, like a visitor pressing a button.
_SUBMIT_JS = """([action, pairs, cookieName, csrf]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  const match = document.cookie.match(new RegExp("(?:^|; )" + cookieName + "=([^;]*)"));
  if (csrf) pairs.push(["csrfmiddlewaretoken", match ? decodeURIComponent(match[1]) : ""]);
  for (const [name, value] of pairs) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


class BrowserAgent:
    """Visits in a Playwright page; POSTs go through a real form submission."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.status = None

    def path(self):
        return urlsplit(self.page.url).path

    def get(self, path):
        response = self.page.goto(urljoin(self.base_url, path))
        self.status = response.status if response else None
        return response

    def post(self, path, data, *, from_path=None, csrf=True):
        self.get(from_path or path)
        pairs = []
        for name, value in data.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                pairs.append([name, str(item)])
        with self.page.expect_navigation() as navigation:
            self.page.evaluate(
                _SUBMIT_JS, [path, pairs, settings.CSRF_COOKIE_NAME, csrf]
            )
        response = navigation.value
        self.status = response.status if response else None
        return response


# --- the pages ------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A public page: `visit(agent, world)` leaves the agent on it."""

    name: str
    visit: object
    status: int = 200
    # The embed page lives in other sites' iframes: no header, footer or skip link.
    embed: bool = False
    # A form came back with errors: the title must start with "Error: ".
    errors: bool = False
    # A PNG (a link-preview picture): no HTML to check, only where it comes from.
    image: bool = False


def _get(path):
    return lambda agent, world: agent.get(path)


def _post(path, data, from_path=None, csrf=True):
    return lambda agent, world: agent.post(
        path, data, from_path=from_path or path, csrf=csrf
    )


# Step 2 with both districts chosen: the page that holds the POST form.
DISTRICTS = "/letters/va/?lower=12&upper=12"


def _pick_legislators(agent, world):
    # The form names its campaign: "" for the standard letter.
    agent.post(
        "/letters/va/",
        {"pick": world.legislator_ids, "campaign": ""},
        from_path=DISTRICTS,
    )
    assert agent.path() == "/letters/va/write/", agent.path()


def _letter_written(agent, world):
    _pick_legislators(agent, world)
    agent.post("/letters/va/write/", SENDER, from_path="/letters/va/write/")
    assert agent.path() == "/letters/va/preview/", agent.path()


def _visit_write(agent, world):
    _pick_legislators(agent, world)


def _visit_write_errors(agent, world):
    _pick_legislators(agent, world)
    agent.post(
        "/letters/va/write/",
        {
            "name": "",
            "street": "",
            "city": "Richmond",
            "zip_code": "2321",
            "email": "not-an-email",
            "phone": "call me",
            "points": ["consent"],
        },
        from_path="/letters/va/write/",
    )
    assert agent.path() == "/letters/va/write/", agent.path()


def _visit_preview(agent, world):
    _letter_written(agent, world)


def _visit_send(agent, world):
    _letter_written(agent, world)
    agent.get("/letters/va/send/")
    assert agent.path() == "/letters/va/send/", agent.path()


# Issue 18: sending the letter by email for the writer.
SEND_EMAIL = "/letters/va/send/email/"


def _visit_send_email(agent, world):
    _letter_written(agent, world)
    agent.get(SEND_EMAIL)


def _visit_send_email_errors(agent, world):
    _letter_written(agent, world)
    agent.post(SEND_EMAIL, {"email": "not-an-email"}, from_path=SEND_EMAIL)


def _send_requested(agent, world):
    _letter_written(agent, world)
    agent.post(
        SEND_EMAIL,
        {"email": SENDER["email"], "lives_here": "on"},
        from_path=SEND_EMAIL,
    )
    assert agent.path().startswith("/letters/sent/"), agent.path()


def _letter_link(name, public_id, purpose):
    from letters.sending import tokens

    token = tokens.token_make(public_id=public_id, purpose=getattr(tokens, purpose))
    return reverse(name, kwargs={"token": token})


def _confirm_letters_path():
    from letters.models import LetterRequest

    public_id = LetterRequest.objects.latest("pk").public_id
    return _letter_link("letters:sending-confirm", public_id, "CONFIRM")


def _visit_send_confirm(agent, world):
    _send_requested(agent, world)
    agent.get(_confirm_letters_path())


def _visit_send_sent(agent, world):
    _send_requested(agent, world)
    path = _confirm_letters_path()
    agent.post(path, {}, from_path=path)
    assert agent.path().startswith("/letters/sent/"), agent.path()


def _reply_path(agent, world):
    from letters.models import LetterDelivery

    _visit_send_sent(agent, world)
    public_id = LetterDelivery.objects.latest("pk").public_id
    return _letter_link("letters:sending-reply", public_id, "REPLY")


def _visit_reply(agent, world):
    agent.get(_reply_path(agent, world))


def _visit_replied(agent, world):
    path = _reply_path(agent, world)
    agent.post(path, {"answer": "not_yet"}, from_path=path)


def _visit_confirm(agent, world):
    agent.get(world.confirm_path)


def _visit_confirmed(agent, world):
    agent.post(world.confirm_path, {}, from_path=world.confirm_path)


def _visit_withdraw(agent, world):
    agent.get(world.withdraw_path)


def _visit_withdrawn(agent, world):
    agent.post(world.withdraw_path, {}, from_path=world.withdraw_path)


def signers_spread(petition):
    """Confirmed signers in bands the signers map shades differently: a few
    (shown as "fewer than 10"), tens, hundreds and thousands."""
    from django.utils import timezone

    from petitions.models import Signature

    spread = {"VA": 3, "DE": 1, "CA": 15, "TX": 120, "NY": 1200}
    zips = {"VA": "23219", "DE": "19901", "CA": "94110", "TX": "73301", "NY": "10001"}
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            first_name="Sam",
            last_name="Spread",
            email=f"spread-{state}-{i}@example.com",
            zip_code=zips[state],
            state=state,
            confirmed_at=now,
        )
        for state, n in spread.items()
        for i in range(n)
    )
    from petitions.selectors import petition_generation_new

    petition_generation_new(slug=petition.slug)
    return spread


def _visit_signers_map(agent, world):
    from petitions.models import Petition

    signers_spread(Petition.objects.get(slug="state-privacy-law"))
    agent.get(PETITION + "?source=sweep")


def _visit_unsubscribe(agent, world):
    agent.get(world.unsubscribe_path)


def _visit_unsubscribed(agent, world):
    # The page's own button (the form carries no CSRF token: the link authenticates).
    agent.post(world.unsubscribe_path, {}, from_path=world.unsubscribe_path, csrf=False)


def _visit_list(agent, world):
    second_petition()
    agent.get("/petitions/")


# A real organization (the seeded one is a placeholder), with a logo.
ORGANIZATION = {
    "name": "Data Dignity Coalition",
    "description": "We help people keep their posts out of AI training.",
    "postal_address": "1200 K Street NW, Suite 800\nWashington, DC 20005",
    "email": "office@datadignity.org",
    "phone": "202 555 0142",
    "website": "https://datadignity.org/",
}


def _visit_about_organization(agent, world):
    """/about/ of a real organization with a logo (loaded from /about/logo.png)."""
    import io

    from PIL import Image

    from core.images import logo_png
    from core.models import Organization

    organization = Organization.objects.get()
    for name, value in ORGANIZATION.items():
        setattr(organization, name, value)
    picture = io.BytesIO()
    Image.new("RGB", (800, 300), "#1d4f91").save(picture, format="PNG")
    picture.seek(0)
    organization.logo = logo_png(picture)
    organization.save()
    agent.get("/about/")


def _act_path(name):
    """A take-action journey URL, once it exists (built separately from this sweep)."""
    import pytest

    try:
        return reverse(name)
    except NoReverseMatch:
        pytest.skip(f"/act/ is not built yet (no URL named {name})")


def _act(name, query=""):
    return lambda agent, world: agent.get(_act_path(name) + query)


def _act_sign_errors(agent, world):
    path = _act_path("act:sign")
    agent.post(path, {"platforms": "instagram"}, from_path=path)


PAGES = [
    Page("home", _get("/")),
    Page("guides-index", _get("/guides/")),
    Page("guides-index-filtered", _get("/guides/?q=meta&status=none")),
    *[Page(f"guide-{slug}", _get(f"/guides/{slug}/")) for slug in GUIDE_SLUGS],
    Page(
        "guide-report-errors",
        _post(
            "/guides/instagram/report/",
            {"step": "", "description": "x"},
            "/guides/instagram/",
        ),
        status=400,
        errors=True,
    ),
    # The thank-you after a report: a notice in the address (core.notices).
    Page("guide-reported", _get("/guides/instagram/?notice=reported")),
    Page("petition", _get(PETITION)),
    Page("petition-signers-map", _visit_signers_map),
    Page("petition-sign-empty", _post(PETITION + "sign/", {}, PETITION), errors=True),
    Page(
        "petition-sign-invalid",
        _post(
            PETITION + "sign/",
            {
                "first_name": "Ada",
                "last_name": "",
                "email": "ada-at-example",
                "zip_code": "1234",
                "state": "CA",
            },
            PETITION,
        ),
        errors=True,
    ),
    Page(
        "petition-sign-zip-not-in-state",
        _post(
            PETITION + "sign/",
            {
                "first_name": "Ada",
                "last_name": "Lovelace",
                "email": "ada@example.com",
                "zip_code": "94110",
                "state": "VA",
            },
            PETITION,
        ),
        errors=True,
    ),
    Page("petition-thanks", _get(PETITION + "thanks/?state=VA&zip=23219")),
    Page("petition-confirm", _visit_confirm),
    Page("petition-confirmed", _visit_confirmed),
    Page(
        "petition-confirm-bad-link",
        _get(PETITION + "confirm/not-a-token/"),
        status=400,
        errors=True,
    ),
    Page("petition-withdraw", _visit_withdraw),
    Page("petition-withdrawn", _visit_withdrawn),
    Page("petition-list", _visit_list),
    Page("update-unsubscribe", _visit_unsubscribe),
    Page("update-unsubscribed", _visit_unsubscribed),
    Page(
        "update-unsubscribe-bad-link",
        _get("/petitions/updates/unsubscribe/not-a-token/"),
        status=400,
        errors=True,
    ),
    Page("petition-embed", _get(PETITION + "embed/"), embed=True),
    Page("letters-start", _get("/letters/?state=VA")),
    Page("letters-start-errors", _get("/letters/?step=2&state="), errors=True),
    Page("letters-recipients", _get("/letters/va/")),
    Page("letters-recipients-notice", _get("/letters/va/write/")),  # redirected
    Page("letters-recipients-districts", _get(DISTRICTS)),
    Page("letters-recipients-search", _get("/letters/va/?q=tobin")),
    Page("letters-recipients-zip", _get("/letters/va/?zip=23219")),
    Page("letters-recipients-zip-error", _get("/letters/va/?zip=2321"), errors=True),
    Page(
        "letters-recipients-errors",
        _post("/letters/va/", {}, DISTRICTS),
        status=400,
        errors=True,
    ),
    Page("letters-write", _visit_write),
    Page("letters-write-errors", _visit_write_errors, errors=True),
    Page("letters-preview", _visit_preview),
    Page("letters-send", _visit_send),
    # Campaign letters (issue 17): a campaign's own letter, another office, closed.
    Page("letters-campaign-start", _visit_campaign(f"/letters/?{CAMPAIGN_QUERY}")),
    Page(
        "letters-campaign-recipients",
        _visit_campaign(f"{DISTRICTS}&{CAMPAIGN_QUERY}"),
    ),
    Page("letters-campaign-preview", _visit_campaign_preview),
    Page(
        "letters-campaign-custom-start",
        _visit_campaign("/letters/?campaign=write-the-governor"),
    ),
    Page("letters-campaign-custom-write", _visit_campaign_custom_write),
    Page(
        "letters-campaign-closed", _visit_campaign("/letters/?campaign=closed-letter")
    ),
    Page("letters-send-email", _visit_send_email),
    Page(
        "letters-send-email-errors",
        _visit_send_email_errors,
        status=400,
        errors=True,
    ),
    Page("letters-sent-waiting", _send_requested),
    Page("letters-sent-confirm", _visit_send_confirm),
    Page("letters-sent", _visit_send_sent),
    Page(
        "letters-sent-bad-link",
        _get("/letters/sent/not-a-token/"),
        status=400,
        errors=True,
    ),
    Page("letters-reply", _visit_reply),
    Page("letters-replied", _visit_replied),
    Page("letters-responses", _get("/letters/responses/")),
    Page("states", _get("/states/")),
    Page("state-va", _get("/states/va/")),
    Page("privacy", _get("/privacy/")),
    # Who runs the site: the seeded placeholder, then a real organization.
    Page("about", _get("/about/")),
    Page("about-organization", _visit_about_organization),
    Page("campaigns", _get("/campaigns/")),
    Page("campaign", _get("/campaigns/state-privacy-law/")),
    # The link-preview picture: an image, not a page (no landmarks to check).
    Page(
        "campaign-preview", _get("/campaigns/state-privacy-law/preview.png"), image=True
    ),
    Page("403", _get("/sweep-403/"), status=403),
    # The sign form sent without its CSRF token, as from a page left open too long.
    Page(
        "csrf-failure",
        _post(PETITION + "sign/", SIGNER, PETITION, csrf=False),
        status=403,
    ),
    Page("404", _get("/no-such-page/"), status=404),
    Page("500", _get("/sweep-500/"), status=500),
    Page("503", _get("/sweep-503/"), status=503),
    Page("act-start", _act("act:start")),
    Page("act-checklist", _act("act:checklist", "?platforms=instagram,linkedin")),
    Page("act-sign", _act("act:sign", "?platforms=instagram&state=VA&zip=23219")),
    Page("act-sign-errors", _act_sign_errors, errors=True),
    Page("act-write", _act("act:write", "?state=VA&zip=23219&signed=1")),
    Page("act-share", _act("act:share", "?platforms=instagram")),
    # The Spanish twins of the main pages (issue 19).
    Page("es-home", _get("/es/")),
    Page("es-act-start", _get("/es/act/")),
    Page("es-act-checklist", _get("/es/act/checklist/?platforms=instagram,linkedin")),
    Page("es-act-sign", _get("/es/act/sign/?platforms=instagram&state=VA&zip=23219")),
    Page("es-act-write", _get("/es/act/write/?state=VA&zip=23219&signed=1")),
    Page("es-act-share", _get("/es/act/share/?platforms=instagram")),
    Page("es-states", _get("/es/states/")),
    Page("es-state-va", _get("/es/states/va/")),
    Page("es-guides-index", _get("/es/guides/")),
    Page("es-guide-instagram", _get("/es/guides/instagram/")),
    Page("es-petition", _get("/es" + PETITION)),
    Page("es-letters-start", _get("/es/letters/?state=VA")),
    Page("es-campaigns", _get("/es/campaigns/")),
    Page("es-about", _get("/es/about/")),
    Page("es-privacy", _get("/es/privacy/")),
    Page("es-404", _get("/es/no-such-page/"), status=404),
]
PAGE_IDS = [page.name for page in PAGES]


def use_error_urls(settings_fixture):
    """Serve the real site plus raising views (tests.advocacy.sweep_urls)."""
    settings_fixture.ROOT_URLCONF = "tests.advocacy.sweep_urls"
    set_urlconf(None)
