import datetime
import logging

import pytest

from letters.compose import (
    POINT_CHOICES,
    Recipient,
    Sender,
    address_lines,
    default_templates,
    district_label,
    family_name_guess,
    letter_compose,
    letter_text,
    recipient_for,
    template_errors,
)
from letters.models import Legislator, LetterTemplate
from letters.selectors import letter_facts_get
from tests.letters.letter_helpers import CT_LAW, OK_LAW, UT_LAW, make_region, make_state

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def sender(**kw):
    return Sender(
        **{
            "name": "Zoë Ñúñez",
            "street": "12 Elm St.",
            "city": "Richmond",
            "zip_code": "23219",
            "state_abbr": "VA",
            **kw,
        }
    )


def obrien(state):
    legislator = Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=state,
        chamber="lower",
        district="12",
        name="Jane O'Brien",
        given_name="Jane",
        family_name="O'Brien",
        email="deljobrien@house.virginia.gov",
        capitol_address="Room 519, General Assembly Building P.O. Box 396, Richmond, VA 23218",
    )
    return recipient_for(
        state=state, chamber="lower", district="12", legislator=legislator
    )


def compose(state, recipient, facts=None, **kw):
    """A letter for `state`, its facts read from the database (or passed in)."""
    facts = letter_facts_get(state=state) if facts is None else facts
    return letter_compose(
        state=state, **facts, sender=sender(), recipient=recipient, today=TODAY, **kw
    )


def body(letter):
    return "\n\n".join(letter.paragraphs)


def test_va_lower_salutation_recipient_and_address():
    va = make_region()
    recipient = obrien(va)
    assert recipient.title == "Delegate"
    assert recipient.family_name == "O'Brien"
    assert recipient.email == "deljobrien@house.virginia.gov"
    assert recipient.address_lines == [
        "Room 519, General Assembly Building",
        "P.O. Box 396",
        "Richmond, VA 23218",
    ]
    letter = compose(va, recipient)
    assert letter.salutation == "Dear Delegate O'Brien:"
    assert letter.signature_name == "Zoë Ñúñez"
    assert letter.closing == "Sincerely,"
    assert letter.date == TODAY
    assert letter.state_abbr == "VA"


def test_with_a_law_names_it_and_asks_for_what_it_lacks():
    va = make_region()
    letter = compose(va, obrien(va))
    text = body(letter)
    assert "the Virginia Consumer Data Protection Act" in text
    assert "in effect since January 1, 2023" in text
    assert "Only the attorney general can enforce it; people cannot sue." in text
    # A weak law: the ask is to strengthen it.
    assert "I ask you to strengthen the Virginia Consumer Data Protection Act" in text
    # What the law already gives is not asked for again.
    assert "opt out of profiling" not in text.split("Please sponsor")[1]
    assert "opt out of the sale of our data, targeted ads, and profiling" in text
    assert "gave it an F in 2025" in text
    assert "first step" not in text
    # No enacted law requires consent for AI training: always asked for.
    assert (
        "amendments to the VCDPA for clear consent before our data trains AI, data "
        "minimization, real enforcement, and a right to sue." in text
    )
    assert "VCDPA" in letter.subject
    # The facts that make the case: dated events of 2025-2026, none of 2024.
    assert "Since November 3, 2025, LinkedIn" in text
    assert "January 15, 2026" in text and "January 22, 2026" in text
    assert "2024" not in text.split("This is already happening.")[1]


def test_gaps_come_from_the_facts():
    utah = make_state("UT", UT_LAW)
    letter = compose(
        utah,
        recipient_for(
            state=utah, chamber="upper", district="1", typed_name="Sen. Kirk Cullimore"
        ),
    )
    text = body(letter)
    assert "the Utah Consumer Privacy Act" in text
    # Only the rights the facts record: no profiling opt-out in Utah's law.
    assert "lets us opt out of the sale of our data and targeted ads." in text
    assert "profiling" not in text
    assert "Like every state privacy law, it does not require a company" in text
    assert letter.salutation == "Dear Senator Cullimore:"


def test_training_data_disclosure_note_and_law_name_cleaned():
    ct = make_state("CT", CT_LAW)
    letter = compose(
        ct, recipient_for(state=ct, chamber="upper", district="1", typed_name="")
    )
    text = body(letter)
    assert "the Connecticut Data Privacy Act," in text  # parenthetical dropped
    assert "An Act Concerning" not in text
    assert "gave it a D in 2025" in text
    assert letter.salutation == "Dear Senator:"


def test_future_effective_date_is_said_in_the_future():
    ok = make_state("OK", OK_LAW)
    letter = compose(
        ok,
        recipient_for(
            state=ok, chamber="lower", district="1", typed_name="Rep. Ann Smith"
        ),
    )
    text = body(letter)
    assert (
        "Oklahoma has passed a law, the Oklahoma Consumer Data Privacy Act, that takes "
        "effect on January 1, 2027: it will let us opt out" in text
    )
    assert "Only the attorney general will be able to enforce it" in text
    assert "it will not require a company to ask" in text
    assert "already requires" not in text and "in effect since" not in text


def test_without_a_law_names_neighbours_that_have_one():
    make_region()
    wv = make_state("WV")
    letter = compose(
        wv,
        recipient_for(
            state=wv, chamber="upper", district="3", typed_name="Mike Azinger"
        ),
    )
    text = body(letter)
    assert "West Virginia has no comprehensive consumer privacy law" in text
    assert (
        "Our neighbors Kentucky, Maryland, and Virginia already have one, and so do one other"
        " state." in text
    )
    assert "Act" not in letter.subject
    assert "West Virginia" in letter.subject
    assert (
        "I ask you to support a strong consumer privacy law for West Virginia" in text
    )
    assert "a comprehensive privacy law for West Virginia with clear consent" in text


def test_without_a_law_and_no_neighbour_with_one_names_nearby_states():
    make_region()
    sc = make_state(
        "SC"
    )  # neighbours GA and NC have no law; TN and VA are two borders away
    text = body(
        compose(
            sc, recipient_for(state=sc, chamber="upper", district="1", typed_name="")
        )
    )
    assert "including nearby Tennessee and Virginia" in text


def test_points_and_story_become_their_own_paragraphs():
    va = make_region()
    story = "I found my photos in a training set.\n\nNobody asked me. <b> & <font size=80> <"
    letter = compose(va, obrien(va), story=story, points=["delete", "consent", "bogus"])
    assert "I found my photos in a training set." in letter.paragraphs
    assert "Nobody asked me. <b> & <font size=80> <" in letter.paragraphs
    bullets = [p for p in letter.paragraphs if p.startswith("• ")]
    assert len(bullets) == 2
    assert bullets[0].startswith("• Consent first: companies should have to ask")
    assert bullets[1].startswith(
        "• A right to delete that reaches AI: deleting our data under the VCDPA"
    )
    assert [key for key, _ in POINT_CHOICES] == [
        "consent",
        "minimization",
        "private_right",
        "delete",
    ]


def test_no_points_no_story_leaves_no_empty_paragraphs():
    va = make_region()
    letter = compose(va, obrien(va))
    assert all(p.strip() for p in letter.paragraphs)
    assert not any("matter most to me" in p for p in letter.paragraphs)


def test_organizer_template_edits_take_effect():
    va = make_region()
    LetterTemplate.objects.create(
        kind="has_law",
        subject="Fix the {law_short_name} now",
        body="Hello from {sender_city}.\nThis line wraps.\n\n{story}\n\nThanks, {title} {family_name}.",
    )
    letter = compose(va, obrien(va), story="My own words {not a placeholder}.")
    assert letter.subject == "Fix the VCDPA now"
    assert letter.paragraphs == [
        "Hello from Richmond. This line wraps.",
        "My own words {not a placeholder}.",
        "Thanks, Delegate O'Brien.",
    ]
    # The no-law template is still the default.
    wv = make_state("WV")
    other = compose(
        wv, recipient_for(state=wv, chamber="upper", district="3", typed_name="")
    )
    assert other.subject == default_templates()["no_law"]["subject"].format(
        state_name="West Virginia"
    )


def test_a_template_without_story_or_points_still_carries_the_readers_words():
    va = make_region()
    LetterTemplate.objects.create(
        kind="has_law", subject="Hello", body="First.\n\nLast, {sender_name}."
    )
    letter = compose(va, obrien(va), story="My story.", points=["consent"])
    assert letter.paragraphs[0] == "First."
    assert letter.paragraphs[-1] == "Last, Zoë Ñúñez."
    assert "My story." in letter.paragraphs[1:-1]
    assert any(p.startswith("• Consent") for p in letter.paragraphs[1:-1])


@pytest.mark.parametrize(
    "bad_body",
    [
        "Hello {unknown_thing}",
        "Hello {state_name",
        "Hello {state_name.__class__}",
        "Hello {state_name[0]}",
        "Hello {0}",
        "Hello {state_name!r}",
        "Hello {state_name:>10}",
        "   ",
    ],
)
def test_broken_template_falls_back_to_the_default_and_logs(bad_body, caplog):
    va = make_region()
    LetterTemplate.objects.create(
        kind="has_law", subject="Custom subject", body=bad_body
    )
    with caplog.at_level(logging.WARNING, logger="letters.compose"):
        letter = compose(va, obrien(va))
    assert "the Virginia Consumer Data Protection Act" in body(letter)
    assert letter.subject == default_templates()["has_law"]["subject"].format(
        law_short_name="VCDPA"
    )
    assert "cannot be used" in caplog.text
    assert template_errors(subject="Custom subject", body=bad_body)


def test_default_templates_are_the_raw_template_files():
    from django.conf import settings

    folder = settings.BASE_DIR / "templates" / "letters" / "defaults"
    for kind, template in default_templates().items():
        for part in ("subject", "body"):
            raw = (folder / f"{kind}_{part}.txt").read_text(encoding="utf-8")
            assert template[part] == raw.removesuffix("\n")
        assert "{sender_city}" in template["body"]
        assert not template["body"].endswith("\n")


def test_template_errors_accepts_the_defaults():
    for template in default_templates().values():
        assert template_errors(**template) == []


def test_letter_text_for_copy_and_mailto():
    va = make_region()
    letter = compose(
        va, obrien(va), story="Line one\nline two", points=["consent", "delete"]
    )
    text = letter_text(letter)
    assert text.startswith("Zoë Ñúñez\n12 Elm St.\nRichmond, VA 23219\n")
    assert "November 29, 2026" in text
    assert "The Honorable Jane O'Brien\nDelegate, District 12\nRoom 519" in text
    assert "Re: The VCDPA and AI training" in text
    assert "Dear Delegate O'Brien:\n\n" in text
    assert "These protections matter most to me:\n• Consent" in text
    assert "\n• A right to delete" in text
    assert "Line one\nline two" in text
    assert text.rstrip().endswith("Sincerely,\n\nZoë Ñúñez")


@pytest.mark.parametrize(
    ("typed", "family"),
    [
        ("Jane O'Brien", "O'Brien"),
        ("Sen. Jane O'Brien", "O'Brien"),
        ("The Honorable Maria de la Cruz", "de la Cruz"),
        ("Hans van der Berg Jr.", "van der Berg"),
        ("O'Brien, Jane", "O'Brien"),
        ('Robert "Bobby" Smith III', "Smith"),
        ("Martin Luther King, Jr.", "King"),
        ("Madonna", "Madonna"),
        ("Delegate", "Delegate"),
        ("李小龙", "李小龙"),
        ("  Ελένη   Παπαδοπούλου ", "Παπαδοπούλου"),
        ("", ""),
    ],
)
def test_family_name_from_a_typed_name(typed, family):
    assert family_name_guess(typed) == family


def test_typed_name_recipient_title_follows_the_chamber():
    va = make_region()
    recipient = recipient_for(
        state=va,
        chamber="upper",
        district="12",
        typed_name="Delegate\u200b Sam  Rasoul",
    )
    assert isinstance(recipient, Recipient)
    assert recipient.title == "Senator"
    assert recipient.name == "Delegate Sam Rasoul"
    assert recipient.family_name == "Rasoul"
    assert recipient.chamber_name == "Virginia Senate"
    # A typed name has no address of its own: the chamber's official one.
    assert recipient.address_source == "chamber"
    assert recipient.address_lines == [
        "Senate of Virginia",
        "General Assembly Building",
        "P.O. Box 396",
        "Richmond, VA 23218",
    ]


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        (
            "Room 3129, Nevada Assembly 401 S. Carson St., Carson City, NV 89701",
            [
                "Room 3129, Nevada Assembly",
                "401 S. Carson St.",
                "Carson City, NV 89701",
            ],
        ),
        (
            "State Capitol Arkansas  500 Woodlane St., Suite 350, Little Rock, AR 72201",
            [
                "State Capitol Arkansas",
                "500 Woodlane St., Suite 350",
                "Little Rock, AR 72201",
            ],
        ),
        (
            "1021 O St. Suite 8530, Sacramento, CA 95814",
            ["1021 O St. Suite 8530", "Sacramento, CA 95814"],
        ),
        (
            "Room 2303, Legislative\u200b Office Building 300 Capitol Ave., Hartford, CT 06106",
            [
                "Room 2303, Legislative Office Building",
                "300 Capitol Ave.",
                "Hartford, CT 06106",
            ],
        ),
        (
            "State Capitol Room 107 North, P.O. Box 8952 , 2 E. Main St., Madison, WI 53708",
            [
                "State Capitol Room 107 North",
                "P.O. Box 8952",
                "2 E. Main St.",
                "Madison, WI 53708",
            ],
        ),
        ("", []),
        ("Somewhere without a ZIP", ["Somewhere without a ZIP"]),
    ],
)
def test_capitol_address_split_into_envelope_lines(raw, lines):
    assert address_lines(raw) == lines


def test_district_labels():
    assert district_label("12") == "District 12"
    assert district_label("16A") == "District 16A"
    assert district_label("A") == "District A"
    assert district_label("Rockingham 30") == "Rockingham 30 District"
    assert (
        district_label("First Suffolk and Middlesex")
        == "First Suffolk and Middlesex District"
    )


def test_the_district_of_columbia_reads_naturally():
    dc = make_state("DC")
    dc.name = "District of Columbia"
    dc.save()
    make_region()
    letter = compose(
        dc,
        recipient_for(
            state=dc,
            chamber="legislature",
            district="Ward 1",
            typed_name="Brianne Nadeau",
        ),
    )
    assert letter.salutation == "Dear Councilmember Nadeau:"
    assert letter.subject.endswith(
        "for the District of Columbia: consent before our data trains AI"
    )
    text = body(letter)
    assert "The District of Columbia has no comprehensive consumer privacy law" in text
    assert "Neighboring Maryland" in text or "Our neighbors Maryland" in text


def test_story_is_kept_exactly_as_written():
    va = make_region()
    letter = compose(
        va, obrien(va), story="iPhone photos, lower-case start.\n\nthe end"
    )
    assert "iPhone photos, lower-case start." in letter.paragraphs
    assert "the end" in letter.paragraphs


def test_letters_composed_together_read_the_state_facts_once(
    django_assert_num_queries,
):
    va = make_region()
    recipient = obrien(va)
    with django_assert_num_queries(3):  # law, neighbours, template
        facts = letter_facts_get(state=va)
    with django_assert_num_queries(0):
        first = compose(va, recipient, facts=facts)
    with django_assert_num_queries(0):
        second = compose(va, recipient, facts=facts)
    assert second.paragraphs == first.paragraphs
    assert compose(va, recipient).paragraphs == first.paragraphs
