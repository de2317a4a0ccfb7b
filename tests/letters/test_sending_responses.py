"""Response rates against known answers: the public page (offices with 5+
answers only) and the organizers' dashboard per chamber and state."""

import pytest
from django.contrib.auth import get_user_model

from advocacy.dashboard import campaign_dashboard
from letters.models import Legislator, LetterDelivery, LetterRequest
from states.models import State

pytestmark = pytest.mark.django_db
Status = LetterDelivery.Status


def legislator(state, name, chamber="lower", district="1"):
    return Legislator.objects.create(
        openstates_id=f"ocd-person/{name}",
        state=state,
        chamber=chamber,
        district=district,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@leg.example.gov",
    )


def letters(leg, answers, status=Status.SENT):
    """One sent letter per answer ("" = not answered yet)."""
    for answer in answers:
        request = LetterRequest.objects.create(state=leg.state)
        LetterDelivery.objects.create(
            request=request,
            legislator=leg,
            state=leg.state,
            chamber=leg.chamber,
            district=leg.district,
            office_email=leg.email,
            status=status,
            answer=answer,
        )


@pytest.fixture
def world():
    va = State.objects.create(abbr="VA", name="Virginia")
    md = State.objects.create(abbr="MD", name="Maryland")
    quick = legislator(va, "Quick Replier")
    slow = legislator(va, "Slow Replier", chamber="upper")
    few = legislator(md, "Few Answers")
    letters(quick, ["real", "real", "real", "form", "no_reply", "", "not_yet"])
    letters(slow, ["no_reply", "no_reply", "no_reply", "no_reply", "form", "real"])
    letters(few, ["real", "real", "real", "real"])  # 4 answers: not public
    letters(few, [""], status=Status.FAILED)  # not sent: not counted as sent
    return quick, slow, few


def test_public_page_shows_only_offices_with_five_answers(client, world):
    quick, slow, few = world
    page = client.get("/letters/responses/").content.decode()
    assert "Quick Replier" in page and "Slow Replier" in page
    assert "Few Answers" not in page
    assert page.index("Quick Replier") < page.index("Slow Replier")  # most real first
    # Quick: 3 real of 5 answers (the "not yet" and the unasked do not count).
    assert f'<tr data-office="{quick.pk}">' in page
    row = page.split(f'<tr data-office="{quick.pk}">')[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in row.split("</td>")[:-1]] == [
        "Virginia",
        "5",
        "3",
        "1",
        "1",
        "60%",
    ]
    row = page.split(f'<tr data-office="{slow.pk}">')[1].split("</tr>")[0]
    assert "<td data-real-share>17%</td>" in row  # 1 of 6


def test_dashboard_figures_per_chamber_and_state(world):
    user = get_user_model().objects.create_superuser("boss", "b@example.org", "pw")
    section = campaign_dashboard(user=user)["letters_sent"]
    rows = {(r["state__abbr"], r["chamber"]): r for r in section["rows"]}
    assert set(rows) == {("VA", "lower"), ("VA", "upper"), ("MD", "lower")}
    va_lower = rows[("VA", "lower")]
    assert (va_lower["sent"], va_lower["answers"], va_lower["replied_share"]) == (
        7,
        5,
        80,
    )
    va_upper = rows[("VA", "upper")]
    assert (va_upper["real"], va_upper["form"], va_upper["none"]) == (1, 1, 4)
    assert va_upper["replied_share"] == 33
    md = rows[("MD", "lower")]
    assert (md["sent"], md["answers"], md["real_share"]) == (4, 4, 100)
    assert section["sent"] == 17


def test_dashboard_section_needs_the_delivery_permission():
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("staff", "s@example.org", "pw")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        Permission.objects.get(
            codename="view_lettercount", content_type__app_label="letters"
        )
    )
    user = get_user_model().objects.get(pk=user.pk)
    assert "letters_sent" not in campaign_dashboard(user=user)
    user.user_permissions.add(
        Permission.objects.get(
            codename="view_letterdelivery", content_type__app_label="letters"
        )
    )
    user = get_user_model().objects.get(pk=user.pk)
    assert "letters_sent" in campaign_dashboard(user=user)


def test_admin_home_shows_the_sent_letters_table(client, world):
    user = get_user_model().objects.create_superuser("boss", "b@example.org", "pw")
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    assert "Letters sent by email, and replies" in page
    assert '<tr data-sent="VA-lower">' in page
