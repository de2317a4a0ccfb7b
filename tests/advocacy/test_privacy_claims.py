"""The claims /privacy/ makes, checked against what the code does.

- no cookie other than Django's session and CSRF cookies, on any public page,
  when signing, reporting a guide step or writing a letter;
- no column anywhere that holds an IP address or a user agent;
- a letter's text is not stored once the PDF is downloaded;
- the retention numbers on the page are the settings the site runs with;
- signing writes neither the email nor the address to the logs;
- every confirmation email carries the removal link, and it deletes the row.
"""

import logging
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client

from petitions.models import Signature

from .public_pages import (
    LETTER_STORY,
    PAGES,
    PETITION,
    SENDER,
    ClientAgent,
    seed_site,
    use_error_urls,
)

pytestmark = pytest.mark.django_db

SIGNER_IP = "198.51.100.23"
SIGNER_EMAIL = "private.person@example.net"


@pytest.fixture
def site(settings):
    use_error_urls(settings)
    return seed_site()


def allowed_cookies():
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def cookies_set(agent):
    names = set(agent.client.cookies.keys())
    for response in agent.responses:
        names.update(response.cookies.keys())
    return names


def test_only_session_and_csrf_cookies_anywhere(site, mailoutbox):
    agent = ClientAgent()
    for spec in PAGES:
        try:
            spec.visit(agent, site)
        except pytest.skip.Exception:  # the /act/ journey, until it exists
            continue
    # Sign anonymously, confirm, report a guide step, write and download a letter.
    agent.post(
        PETITION + "sign/",
        {
            "first_name": "Ann",
            "last_name": "Onymous",
            "email": SIGNER_EMAIL,
            "zip_code": "94110",
            "state": "CA",
        },
        from_path=PETITION,
    )
    agent.post(
        "/guides/instagram/report/",
        {"description": "The menu is now called Accounts Center."},
        from_path="/guides/instagram/",
    )
    assert b"Thank you! Your report was sent" in agent.last.content  # a notice
    agent.post("/letters/va/", {"pick": site.legislator_ids})
    agent.post("/letters/va/write/", SENDER)
    agent.post("/letters/va/download/", {})
    assert agent.last["Content-Type"] == "application/pdf"

    names = cookies_set(agent)
    assert settings.CSRF_COOKIE_NAME in names  # the check sees cookies at all
    assert names <= allowed_cookies(), (
        f"unexpected cookies: {names - allowed_cookies()}"
    )


def test_no_script_of_ours_writes_a_cookie_or_calls_out():
    """Checklist progress stays in localStorage; no script sets cookies or beacons."""
    for script in (settings.BASE_DIR / "static" / "js").glob("*.js"):
        code = script.read_text()
        for needle in (
            "document.cookie",
            "sendBeacon",
            "XMLHttpRequest(",
            "new Image(",
        ):
            assert needle not in code, f"{script.name} uses {needle}"


IP_NAME = re.compile(
    r"(^|_)(ip|ips|ip_?addr(ess)?|remote_?addr|user_?agent|ua)(_|$)", re.I
)


def test_no_model_field_holds_an_ip_address_or_user_agent():
    checked = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False):
                continue
            checked += 1
            where = f"{model._meta.label}.{field.name}"
            assert not isinstance(field, models.GenericIPAddressField), where
            assert not IP_NAME.search(field.name), where
            assert not IP_NAME.search(field.column or ""), where
    assert checked > 50


def test_no_database_column_holds_an_ip_address_or_user_agent():
    """The same on the real schema (migrations included), every table."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert "petitions_signature" in tables
        for table in tables:
            for column in connection.introspection.get_table_description(cursor, table):
                assert not IP_NAME.search(column.name), f"{table}.{column.name}"


def test_the_name_check_is_real():
    for name in (
        "ip",
        "ip_address",
        "remote_addr",
        "user_agent",
        "client_ip",
        "signer_ips",
    ):
        assert IP_NAME.search(name), name
    for name in ("zip_code", "description", "shipping", "recipient", "ipsum_text"):
        assert not IP_NAME.search(name), name


def rows_containing(needle):
    """(table, column) pairs whose text holds `needle`, in every table of the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            description = connection.introspection.get_table_description(cursor, table)
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                for column, value in zip(description, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    if needle in str(value):
                        found.append((table, column.name))
    for session in Session.objects.all():
        if needle in str(session.get_decoded()):
            found.append(("django_session", "session_data (decoded)"))
    return found


def test_a_letter_is_not_stored_once_downloaded(site):
    client = Client()
    client.get("/letters/va/?lower=12&upper=12")
    client.post("/letters/va/", {"pick": site.legislator_ids})
    response = client.post("/letters/va/write/", SENDER)
    assert response.status_code == 302
    # While the letter is being written, the session holds it: the scan finds it.
    assert ("django_session", "session_data (decoded)") in rows_containing(LETTER_STORY)
    response = client.post("/letters/va/download/")
    assert response.content.startswith(b"%PDF")
    for needle in (LETTER_STORY, SENDER["street"], SENDER["phone"], SENDER["email"]):
        assert rows_containing(needle) == [], needle
    assert client.post("/letters/va/download/").status_code == 302  # nothing left


class Facts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.facts = {}
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-fact" in attrs:
            self._open = attrs["data-fact"]
            self.facts[self._open] = [int(attrs["data-seconds"]), ""]

    def handle_data(self, data):
        if self._open:
            self.facts[self._open][1] += data

    def handle_endtag(self, tag):
        self._open = None


def privacy_facts(client):
    parser = Facts()
    parser.feed(client.get("/privacy/").content.decode())
    return {
        name: (seconds, text.strip()) for name, (seconds, text) in parser.facts.items()
    }


def test_retention_numbers_on_the_page_are_the_settings(client, settings):
    from letters.services import FLOW_MAX_AGE

    day = 86400
    beat = settings.CELERY_BEAT_SCHEDULE
    # The documented defaults (.env.example), whatever a local .env says.
    settings.PETITION_SIGN_RATE_WINDOW_SECONDS = 600
    settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS = 30
    settings.PETITION_CONFIRM_MAX_AGE_DAYS = 7
    settings.PETITION_WITHDRAW_MAX_AGE_DAYS = 365
    settings.DELIVERY_KEEP_DAYS = 30
    settings.GUIDES_REPORT_WINDOW_SECONDS = 3600
    settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS = 60
    settings.ADMIN_LOGIN_WINDOW_SECONDS = 900
    settings.ADMIN_LOGIN_LOCKOUT_SECONDS = 900
    settings.LETTERS_KEEP_DAYS = 30
    settings.LETTERS_UNCONFIRMED_KEEP_DAYS = 7
    settings.LETTERS_FOLLOWUP_DAYS = 14
    facts = privacy_facts(client)
    assert facts == {
        "sign_window": (settings.PETITION_SIGN_RATE_WINDOW_SECONDS, "10 minutes"),
        "report_window": (settings.GUIDES_REPORT_WINDOW_SECONDS, "1 hour"),
        "zip_window": (settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS, "1 minute"),
        "login_window": (settings.ADMIN_LOGIN_WINDOW_SECONDS, "15 minutes"),
        "letter": (FLOW_MAX_AGE, "2 hours"),
        "session_sweep": (
            beat["letters-clear-expired-sessions"]["schedule"],
            "15 minutes",
        ),
        "unconfirmed": (settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS * day, "30 days"),
        "purge_every": (beat["petitions-purge-unconfirmed"]["schedule"], "6 hours"),
        "confirm_link": (settings.PETITION_CONFIRM_MAX_AGE_DAYS * day, "7 days"),
        "withdraw_link": (settings.PETITION_WITHDRAW_MAX_AGE_DAYS * day, "365 days"),
        "csrf_cookie": (settings.CSRF_COOKIE_AGE, "364 days"),
        "session_cookie": (settings.SESSION_COOKIE_AGE, "7 days"),
        "packets": (settings.DELIVERY_KEEP_DAYS * day, "30 days"),
        "sent_letters": (settings.LETTERS_KEEP_DAYS * day, "30 days"),
        "unconfirmed_letters": (settings.LETTERS_UNCONFIRMED_KEEP_DAYS * day, "7 days"),
        "followup": (settings.LETTERS_FOLLOWUP_DAYS * day, "14 days"),
        "letters_forget_every": (beat["letters-forget"]["schedule"], "6 hours"),
    }
    page = client.get("/privacy/").content.decode()
    assert f"<code>{settings.SESSION_COOKIE_NAME}</code>" in page
    assert f"<code>{settings.CSRF_COOKIE_NAME}</code>" in page
    assert f'href="mailto:{settings.PRIVACY_CONTACT_EMAIL}"' in page

    # Change the settings and the page follows: nothing is typed into the template.
    settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS = 12
    settings.PETITION_SIGN_RATE_WINDOW_SECONDS = 900
    settings.PETITION_WITHDRAW_MAX_AGE_DAYS = 1
    settings.PRIVACY_CONTACT_EMAIL = "dpo@example.org"
    facts = privacy_facts(client)
    assert facts["unconfirmed"] == (12 * day, "12 days")
    assert facts["sign_window"] == (900, "15 minutes")
    assert facts["withdraw_link"] == (day, "1 day")
    settings.LETTERS_KEEP_DAYS = 21
    assert privacy_facts(client)["sent_letters"] == (21 * day, "21 days")
    assert "mailto:dpo@example.org" in client.get("/privacy/").content.decode()


def test_the_purge_and_the_links_keep_the_promised_times(settings):
    """The numbers the page shows are the ones the code enforces."""
    import datetime

    from django.utils import timezone

    from petitions import content, services, tokens

    petition = content.load()
    old = Signature.objects.create(
        petition=petition,
        first_name="Old",
        last_name="One",
        email="old@example.org",
        zip_code="94110",
        state="CA",
        created_at=timezone.now()
        - datetime.timedelta(days=settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS, hours=1),
    )
    recent = Signature.objects.create(
        petition=petition,
        first_name="New",
        last_name="One",
        email="new@example.org",
        zip_code="94110",
        state="CA",
        created_at=timezone.now()
        - datetime.timedelta(days=settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS - 1),
    )
    assert services.signatures_unconfirmed_purge() == 1
    assert not Signature.objects.filter(pk=old.pk).exists()
    assert Signature.objects.filter(pk=recent.pk).exists()
    token = tokens.token_make(signature=recent, purpose=tokens.WITHDRAW)
    assert tokens.token_read(token=token, purpose=tokens.WITHDRAW) == recent.public_id


def test_signing_logs_neither_email_nor_address(
    client, caplog, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from petitions import content

    content.load()
    settings.PETITION_SIGN_RATE_LIMIT = 2  # the third attempt is refused (and logged)
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PETITION + "sign/",
            {
                "first_name": "Pat",
                "last_name": "Private",
                "email": SIGNER_EMAIL,
                "zip_code": "94110",
                "state": "CA",
                "comment": "Keep me out of it.",
            },
            REMOTE_ADDR=SIGNER_IP,
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    confirm = re.search(r"https?://\S+/confirm/\S+", mailoutbox[0].body).group(0)
    client.post(confirm.split("testserver", 1)[-1].replace(settings.SITE_URL, ""))
    # A form error, then one attempt too many from the same network.
    client.post(PETITION + "sign/", {"email": SIGNER_EMAIL}, REMOTE_ADDR=SIGNER_IP)
    refused = client.post(
        PETITION + "sign/", {"email": SIGNER_EMAIL}, REMOTE_ADDR=SIGNER_IP
    )
    assert refused.status_code == 429
    assert any(r.name == "django.request" for r in caplog.records)  # logs were captured
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.args!r} {r.exc_text or ''} {vars(r)!r}"
        for r in caplog.records
    )
    assert SIGNER_EMAIL not in logged
    assert SIGNER_IP not in logged


def test_every_confirmation_email_has_a_removal_link_that_deletes(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from petitions import content

    content.load()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            PETITION + "sign/",
            {
                "first_name": "Rem",
                "last_name": "Ove",
                "email": SIGNER_EMAIL,
                "zip_code": "94110",
                "state": "CA",
            },
        )
    message = mailoutbox[0]
    withdraw = re.search(r"https?://\S+/withdraw/\S+", message.body).group(0)
    html = message.alternatives[0][0] if message.alternatives else ""
    assert "/withdraw/" in html or not html
    path = withdraw.replace(settings.SITE_URL, "")
    assert client.get(path).status_code == 200
    assert Signature.objects.filter(email=SIGNER_EMAIL).exists()
    client.post(path)
    assert not Signature.objects.filter(email=SIGNER_EMAIL).exists()


# --------------------------------------------------------------------------
# Letters sent by email for the writer (issue 18): each deletion /privacy/
# promises, proved by scanning every table for what the writer typed.
# --------------------------------------------------------------------------


def _sent_letter(client, django_capture_on_commit_callbacks, *, confirm=True):
    from django.core import mail

    from tests.letters.sending_helpers import (
        ask_to_send,
        confirm_link,
        seed,
        write_letter,
    )

    _, obrien, _, _ = seed()
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [obrien], story=LETTER_STORY, email=SENDER["email"])
        ask_to_send(client, email=SENDER["email"])
    if confirm:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm_link(mail.outbox[-1]))
    # The session still holds the letter for the PDF; it is not what is tested.
    Session.objects.all().delete()
    return mail.outbox


WRITER_NEEDLES = (LETTER_STORY, SENDER["email"], "12 Elm Street")


def test_an_unconfirmed_sent_letter_is_deleted_after_the_setting(
    client, django_capture_on_commit_callbacks, settings
):
    import datetime

    from django.utils import timezone

    from letters.sending import services

    _sent_letter(client, django_capture_on_commit_callbacks, confirm=False)
    for needle in WRITER_NEEDLES:
        assert rows_containing(needle), needle  # the scan finds it while needed
    now = timezone.now()
    days = settings.LETTERS_UNCONFIRMED_KEEP_DAYS
    services.letters_forget(
        now=now + datetime.timedelta(days=days) - datetime.timedelta(hours=1)
    )
    assert rows_containing(LETTER_STORY)
    services.letters_forget(now=now + datetime.timedelta(days=days, hours=1))
    for needle in WRITER_NEEDLES:
        assert rows_containing(needle) == [], needle


def test_a_sent_letter_is_deleted_after_the_keep_days(
    client, django_capture_on_commit_callbacks, settings
):
    import datetime

    from letters.models import LetterDelivery
    from letters.sending import services

    _sent_letter(client, django_capture_on_commit_callbacks)
    delivery = LetterDelivery.objects.get()
    assert delivery.status == LetterDelivery.Status.SENT
    sent = delivery.sent_at
    days = settings.LETTERS_KEEP_DAYS
    services.letters_forget(
        now=sent + datetime.timedelta(days=days) - datetime.timedelta(hours=1)
    )
    assert rows_containing(LETTER_STORY) and rows_containing(SENDER["email"])
    services.letters_forget(now=sent + datetime.timedelta(days=days, hours=1))
    for needle in WRITER_NEEDLES:
        assert rows_containing(needle) == [], needle
    # Only counts remain: the state, the office, that it was sent.
    delivery.refresh_from_db()
    assert (delivery.state.abbr, delivery.status, delivery.office_email) == (
        "VA",
        LetterDelivery.Status.SENT,
        "delobrien@house.virginia.gov",
    )


def test_a_sent_letter_is_deleted_when_the_follow_up_is_answered(
    client, django_capture_on_commit_callbacks, settings
):
    import datetime

    from django.core import mail
    from django.utils import timezone

    from letters.sending import services
    from tests.letters.sending_helpers import link_in

    _sent_letter(client, django_capture_on_commit_callbacks)
    later = timezone.now() + datetime.timedelta(
        days=settings.LETTERS_FOLLOWUP_DAYS, hours=1
    )
    assert services.letters_followups_send(now=later) == 1
    reply = link_in(mail.outbox[-1], "/reply/")
    assert rows_containing(LETTER_STORY)
    client.post(reply, {"answer": "form"})
    for needle in WRITER_NEEDLES:
        assert rows_containing(needle) == [], needle
