"""The letter flow through the test client: /letters/ steps 1 to 4."""

import io

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models as djmodels
from django.urls import reverse
from pypdf import PdfReader

from letters import content
from letters.models import Legislator, LetterCount
from states.models import State

pytestmark = pytest.mark.django_db

SENDER = {
    "name": "Zoë Quayle-Ñúñez",
    "street": "12 Elm Street",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "zoe@example.org",
    "phone": "804-555-0123",
    "story": "My photos from 2009 <b>& more</b> are in a model now.",
    "points": ["consent", "delete"],
}


@pytest.fixture
def va():
    content.load()
    state = State.objects.get(abbr="VA")
    obrien = Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=state,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        given_name="Patrick",
        family_name="O'Brien",
        email="delobrien@house.virginia.gov",
        capitol_address="Pocahontas Building, Room E123 900 East Main Street, Richmond, VA 23219",
    )
    tobin = Legislator.objects.create(
        openstates_id="ocd-person/va-tobin",
        state=state,
        chamber="upper",
        district="12",
        name="Löki Tobin",
        given_name="Löki",
        family_name="Tobin",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )
    return state, obrien, tobin


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_step1_lists_states_and_prefills_from_the_petition(client, va):
    response = client.get("/letters/?state=VA")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Step 1 of 4: Choose your state" in page
    assert '<option value="VA" selected>Virginia</option>' in page
    assert "Puerto Rico" in page and "District of Columbia" in page
    # No session or cookie for just looking.
    assert "sessionid" not in response.cookies


def test_step1_goes_to_step2(client, va):
    response = client.get("/letters/", {"state": "VA", "step": "2"})
    assert response.status_code == 302
    assert response["Location"] == "/letters/va/"


def test_step1_unknown_state_is_an_error(client, va):
    response = client.get("/letters/", {"state": "ZZ", "step": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Step 1 of 4" in page
    assert 'aria-invalid="true"' in page


def test_step2_by_district_offers_both_chambers(client, va):
    state, obrien, tobin = va
    page = client.get("/letters/va/", {"upper": "12", "lower": "12"}).content.decode()
    assert "Step 2 of 4" in page
    assert "Delegate Patrick O&#x27;Brien" in page
    assert "Senator Löki Tobin" in page
    assert state.find_legislator_url in page
    # One select per chamber, from the metadata (works without JavaScript).
    assert 'name="upper"' in page and 'name="lower"' in page
    assert '<option value="100">100</option>' in page


def test_step2_multi_member_district_lists_all_members(client):
    content.load()
    nj = State.objects.get(abbr="NJ")
    for i in (1, 2):
        Legislator.objects.create(
            openstates_id=f"ocd-person/nj-{i}",
            state=nj,
            chamber="lower",
            district="5",
            name=f"Member {i}",
            family_name=f"Member{i}",
        )
    page = client.get("/letters/nj/", {"lower": "5"}).content.decode()
    assert "Assembly Member Member 1" in page and "Assembly Member Member 2" in page
    assert "(2 members)" in page


def test_step2_search_by_name_ignores_accents(client, va):
    page = client.get("/letters/va/", {"q": "loki"}).content.decode()
    assert "Senator Löki Tobin" in page
    page = client.get("/letters/va/", {"q": "nobody-like-this"}).content.decode()
    assert "No Virginia legislator matches" in page


def test_step2_nothing_chosen_is_an_error(client, va):
    response = client.post("/letters/va/", {"upper": "12"})
    assert response.status_code == 400
    assert "<title>Error: Step 2 of 4" in response.content.decode()


def test_step2_rejects_another_states_legislator(client, va):
    md = State.objects.get(abbr="MD")
    other = Legislator.objects.create(
        openstates_id="ocd-person/md-x",
        state=md,
        chamber="upper",
        district="1",
        name="X Y",
    )
    response = client.post("/letters/va/", {"pick": [other.pk]})
    assert response.status_code == 400


def test_unknown_state_is_404(client, va):
    assert client.get("/letters/zz/").status_code == 404


def test_later_steps_without_a_choice_go_back(client, va):
    location = client.get("/letters/va/write/")["Location"]
    assert location == "/letters/va/?notice=choose-first"
    location = client.get("/letters/va/preview/")["Location"]
    assert location == "/letters/va/?notice=start-here"
    response = client.post("/letters/va/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/letters/")


def test_step3_validation_errors_are_accessible(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    response = client.post(
        "/letters/va/write/",
        {
            "name": "",
            "street": "1 Main",
            "city": "Richmond",
            "zip_code": "2321",
            "story": "x" * 1001,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Step 3 of 4" in page
    assert "Please fix the following" in page
    assert 'href="#id_name"' in page and 'href="#id_zip_code"' in page
    assert "shorten it to 1,000" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_zip_code_helptext id_zip_code_error"' in page or (
        "id_zip_code_error" in page
    )


def test_story_of_1000_characters_with_line_breaks_is_accepted(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    story = ("a" * 99 + "\r\n") * 10  # 1,000 typed characters, 1,010 sent
    data = {**SENDER, "story": story.strip()}
    response = client.post("/letters/va/write/", data)
    assert response.status_code == 302


def test_story_over_1000_characters_is_refused_and_kept(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    story = "b" * 1001
    response = client.post("/letters/va/write/", {**SENDER, "story": story})
    assert response.status_code == 200  # the form again, with the message
    page = response.content.decode()
    assert "Your story is 1,001 characters long; please shorten it to 1,000" in page
    assert story in page  # nothing the reader typed is lost


def test_more_than_three_points_is_refused(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    points = ["consent", "minimization", "private_right", "delete"]
    response = client.post("/letters/va/write/", {**SENDER, "points": points})
    assert response.status_code == 200  # the form again, with the message
    page = response.content.decode()
    assert "You chose 4 points; please choose 3 or fewer" in page
    assert "Choose up to 3." in page
    ok = client.post("/letters/va/write/", {**SENDER, "points": points[:3]})
    assert ok.status_code == 302


def test_member_without_an_address_is_written_to_at_the_chamber(client, va):
    state, obrien, tobin = va
    obrien.capitol_address = ""
    obrien.save()
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", SENDER)
    page = client.get("/letters/va/send/").content.decode()
    assert "at the official mailing address of the Virginia House of Delegates." in page
    assert "fits a standard #10 window envelope" in page
    text = pdf_text(client.post("/letters/va/download/").content)
    assert "Virginia House of Delegates\nGeneral Assembly Building" in text
    assert "Richmond, VA 23219" in text


def test_no_address_at_all_says_so_and_offers_email_or_phone(client, va, monkeypatch):
    state, obrien, tobin = va
    obrien.capitol_address = ""
    obrien.capitol_voice = "804-698-1012"
    obrien.save()
    monkeypatch.setattr(
        "letters.compose.names.chamber_mailing_address", lambda abbr, chamber: None
    )
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", SENDER)
    preview = client.get("/letters/va/preview/").content.decode()
    assert (
        "We do not have a postal address for Delegate Patrick O&#x27;Brien" in preview
    )
    page = client.get("/letters/va/send/").content.decode()
    assert "We do not have a postal address for Delegate Patrick O&#x27;Brien" in page
    assert "Email it instead (below), or call their office at 804-698-1012" in page
    assert "mailto:delobrien@house.virginia.gov" in page
    assert "#10 window envelope" not in page


def test_typed_name_when_no_legislator_is_imported(client, va):
    response = client.post("/letters/va/", {"typed:lower:45": "Jane Q. Doe"})
    assert response.status_code == 302
    client.post("/letters/va/write/", SENDER)
    page = client.get("/letters/va/preview/").content.decode()
    assert "Dear Delegate Doe:" in page
    response = client.post("/letters/va/download/")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="letter-va-delegate-doe.pdf"'
    )
    text = pdf_text(response.content)
    assert "Jane Q. Doe" in text


def test_typed_name_for_a_district_that_does_not_exist(client, va):
    response = client.post("/letters/va/", {"typed:lower:9999": "Jane Doe"})
    assert response.status_code == 400


def test_whole_flow_one_legislator(client, va):
    state, obrien, tobin = va
    response = client.post("/letters/va/", {"pick": [obrien.pk], "lower": "12"})
    assert response["Location"] == "/letters/va/write/"
    page = client.get("/letters/va/write/").content.decode()
    assert "Delegate Patrick O&#x27;Brien" in page
    assert 'maxlength="1000"' in page
    response = client.post("/letters/va/write/", SENDER)
    assert response["Location"] == "/letters/va/preview/"

    page = client.get("/letters/va/preview/").content.decode()
    assert "Step 3 of 4: Preview" in page
    assert "Dear Delegate O&#x27;Brien:" in page
    assert "Virginia Consumer Data Protection Act" in page
    # The reader's text is escaped, never markup.
    assert "&lt;b&gt;&amp; more&lt;/b&gt;" in page
    assert "<b>& more</b>" not in page

    page = client.get("/letters/va/send/").content.decode()
    assert "Step 4 of 4" in page
    assert "mailto:delobrien@house.virginia.gov?subject=" in page
    assert "Download your letter (PDF)" in page
    assert "letter-text-1" in page

    response = client.post("/letters/va/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="letter-va-delegate-obrien.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "O'Brien" in text or "O’Brien" in text
    assert "Zoë Quayle-Ñúñez" in text
    assert LetterCount.objects.get(state=state, chamber="lower").count == 1
    # After the download, the details are gone: a second download starts over.
    again = client.post("/letters/va/download/")
    assert again.status_code == 302
    assert LetterCount.objects.get(state=state, chamber="lower").count == 1


def test_write_to_both_legislators_gives_one_pdf_with_two_letters(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk, tobin.pk]})
    client.post("/letters/va/write/", SENDER)
    page = client.get("/letters/va/send/").content.decode()
    assert "Write to both my legislators" in page
    # Tobin has no email: no mailto for her letter.
    assert page.count("mailto:") == 1
    response = client.post("/letters/va/download/")
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="letters-va-2.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = pdf_text(response.content)
    assert "Dear Senator Tobin:" in text
    assert "Dear Delegate O" in text
    assert len(reader.pages) >= 2
    assert LetterCount.objects.get(state=state, chamber="lower").count == 1
    assert LetterCount.objects.get(state=state, chamber="upper").count == 1


def test_nothing_personal_is_stored_after_download(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", SENDER)
    # While writing, only the session holds it (transiently).
    client.post("/letters/va/download/")
    needle = "Quayle"
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, djmodels.CharField | djmodels.TextField)
        ]
        for obj in model.objects.all():
            for name in text_fields:
                assert needle not in str(getattr(obj, name) or ""), (model, name)
    for session in Session.objects.all():
        assert needle not in str(session.get_decoded())


def test_download_deletes_an_anonymous_session_and_its_cookie(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", SENDER)
    assert Session.objects.count() == 1
    response = client.post("/letters/va/download/")
    assert response.status_code == 200
    assert not Session.objects.exists()
    assert response.cookies["sessionid"].value == ""


def test_letter_count_increment_is_an_update(va):
    from letters.services import letter_count_increment

    state = va[0]
    letter_count_increment(state=state, chamber="upper")
    letter_count_increment(state=state, chamber="upper")
    letter_count_increment(state=state, chamber="lower", by=3)
    assert LetterCount.objects.get(state=state, chamber="upper").count == 2
    assert LetterCount.objects.get(state=state, chamber="lower").count == 3


def test_urls(va):
    assert reverse("letters:start") == "/letters/"
    assert reverse("letters:recipients", args=["VA"]) == "/letters/va/"


@pytest.mark.parametrize(
    "abbr, chamber, district, label, title",
    [
        ("ne", "legislature", "7", "Nebraska Legislature district", "Senator"),
        (
            "dc",
            "legislature",
            "Ward 3",
            "your ward, or an at-large seat",
            "Councilmember",
        ),
        ("ca", "lower", "50", "California Assembly district", "Assemblymember"),
        (
            "nh",
            "lower",
            "Rockingham 30",
            "New Hampshire House district",
            "Representative",
        ),
    ],
)
def test_unicameral_and_named_districts_without_imported_legislators(
    client, abbr, chamber, district, label, title
):
    content.load()
    page = client.get(f"/letters/{abbr}/").content.decode()
    assert label in page
    page = client.get(f"/letters/{abbr}/", {chamber: district}).content.decode()
    assert f"Type your {title.lower()}" in page
    assert f'name="typed:{chamber}:{district}"' in page
    response = client.post(
        f"/letters/{abbr}/", {f"typed:{chamber}:{district}": "Sam Example"}
    )
    assert response.status_code == 302
    client.post(f"/letters/{abbr}/write/", SENDER)
    page = client.get(f"/letters/{abbr}/preview/").content.decode()
    assert f"Dear {title} Example:" in page


def test_expired_unfinished_letters_are_deleted(client, va):
    import datetime

    from django.utils import timezone

    from letters.tasks import sessions_expired_clear

    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", SENDER)
    session = Session.objects.get()
    assert "Quayle" in str(session.get_decoded())
    # The flow asks for a two-hour session.
    assert session.expire_date < timezone.now() + datetime.timedelta(hours=2, minutes=1)
    assert sessions_expired_clear.delay().get() == 0
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert sessions_expired_clear.delay().get() == 1
    assert not Session.objects.exists()


def test_letter_counts_increment_counts_each_chamber_in_one_transaction(va):
    from letters.services import letter_counts_increment

    state = va[0]
    letter_counts_increment(state=state, chambers=["lower", "upper"])
    letter_counts_increment(state=state, chambers=["lower", "lower"])
    assert LetterCount.objects.get(state=state, chamber="lower").count == 3
    assert LetterCount.objects.get(state=state, chamber="upper").count == 1


@pytest.mark.parametrize("zip_code", ["٢٣٢١٩", "２３２１９", "23219-１２３４"])
def test_step3_zip_in_other_digits_is_refused_like_any_bad_zip(client, va, zip_code):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    response = client.post("/letters/va/write/", {**SENDER, "zip_code": zip_code})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a 5-digit ZIP code, like 23219 (or ZIP+4)." in page
    assert 'href="#id_zip_code"' in page


def test_step3_zip_plus_four_with_spaces_is_normalised(client, va):
    state, obrien, tobin = va
    client.post("/letters/va/", {"pick": [obrien.pk]})
    response = client.post("/letters/va/write/", {**SENDER, "zip_code": " 23219 1234 "})
    assert response.status_code == 302
    assert client.session["letters_flow"]["letter"]["zip_code"] == "23219-1234"
