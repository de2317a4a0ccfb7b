"""The letter a legislative office receives, in all 52 jurisdictions (issue 15).

Each jurisdiction's facts come from states/data through the loader that
`load_content` uses (`states.content.law_files` and `law_defaults`, as unsaved
rows: composing a letter reads nothing else), its letter is written to a real legislator (a row of the Open States
CSVs in ../shared/data) with a 1,000-character story and three points, and the
PDF is read back with pdfinfo and pdftotext, as an office would read it.
Rendered once per jurisdiction, for the whole module.
"""

import csv
import datetime
import re

import pytest

from letters.compose import (
    Sender,
    default_templates,
    letter_compose,
    letter_kind,
    recipient_for,
)
from letters.models import Legislator
from letters.pdf import letter_pdf
from states import content as states_content
from states import legislatures
from states.models import PrivacyLaw, State
from states.selectors import chamber_mailing_address
from tests.letters.letter_helpers import pdf_pages, pdftotext

pytestmark = [pytest.mark.slow]

TODAY = datetime.date(2026, 12, 1)
STORY = (
    "I run a small photography studio in town, and for ten years I have shared my "
    "work and my family's milestones online. Last spring I learned that the "
    "pictures of my children, posted for relatives, may already sit inside an AI "
    "model that I never agreed to feed. Nobody asked me. The setting to refuse was "
    "buried four menus deep, switched on by default, and it only stops future use. "
    "My clients ask whether the portraits I post for them are safe, and I cannot "
    "honestly say yes. I am not against new technology; I use it every day. But a "
    "company should have to ask before it turns our lives into training data, and "
    "it should have to stop when we say no. Please make that the law here, so that "
    "families like mine can share our lives without losing control of them. Thank "
    "you for reading this and for considering what it means to the people you serve "
    "every day, across our whole community, now and in the years ahead."
)
assert len(STORY) <= 1000
POINTS = ["consent", "minimization", "private_right"]

# Seats whose labels issue 15 names, by (abbr): (chamber, district, name part).
SPECIAL = {
    "DC": ("legislature", "Chairman", "Mendelson"),
    "MA": ("lower", "1st Barnstable", ""),
    "NH": ("lower", "Hillsborough 12", ""),
    "NY": ("lower", "", ""),
    "PR": ("upper", "At-Large", ""),
}
# Jurisdictions whose data has members without an address: write to one of them.
NO_ADDRESS = {"WI", "SD", "KS", "MN", "MO", "TX"}


def _pick(shared_data, abbr):
    path = shared_data / "openstates" / "people" / f"{abbr.lower()}.csv"
    with path.open(encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["id"])
    chamber, district, name = SPECIAL.get(abbr, ("", "", ""))
    for row in rows:
        if chamber and row["current_chamber"] != chamber:
            continue
        if district and row["current_district"] != district:
            continue
        if name and name not in row["name"]:
            continue
        if abbr in NO_ADDRESS and row["capitol_address"].strip():
            continue
        return row
    raise AssertionError(f"no row for {abbr}")


def _jurisdictions():
    """(State, PrivacyLaw) for all 52, unsaved, from states/data; and the states
    with a law, earliest signed first (as letters.selectors orders them)."""
    laws = states_content.law_files()
    pairs = []
    for abbr, facts in sorted(laws.items()):
        state = State(abbr=abbr, name=legislatures.jurisdiction(abbr).name)
        law = PrivacyLaw(state=state, **states_content.law_defaults(facts))
        pairs.append((state, law))
    with_law = sorted(
        (
            law.signed_date or datetime.date(law.signed_year or 9999, 12, 31),
            s.name,
            s.abbr,
        )
        for s, law in pairs
        if law.has_comprehensive_law
    )
    return pairs, [(abbr, name) for _, name, abbr in with_law]


@pytest.fixture(scope="module")
def rendered(shared_data, tmp_path_factory):
    """{abbr: (row, letter, recipient, pdf path)} for all 52 jurisdictions."""
    folder = tmp_path_factory.mktemp("letters")
    result = {}
    pairs, states_with_law = _jurisdictions()
    templates = default_templates()
    for state, law in pairs:
        row = _pick(shared_data, state.abbr)
        legislator = Legislator(
            openstates_id=row["id"],
            chamber=row["current_chamber"],
            district=row["current_district"],
            name=row["name"],
            family_name=row["family_name"],
            email=row["email"],
            capitol_address=row["capitol_address"],
            capitol_voice=row["capitol_voice"],
        )
        recipient = recipient_for(
            state=state,
            chamber=legislator.chamber,
            district=legislator.district,
            legislator=legislator,
        )
        letter = letter_compose(
            state=state,
            law=law,
            template=templates[letter_kind(law)],
            states_with_law=states_with_law,
            sender=Sender(
                name="Jordan Rivera",
                street="1234 Long Orchard Road, Apartment 56",
                city="Springfield",
                zip_code="12345",
                state_abbr=state.abbr,
                email="jordan.rivera@example.org",
                phone="555-0100",
            ),
            recipient=recipient,
            story=STORY,
            points=POINTS,
            today=TODAY,
        )
        path = folder / f"{state.abbr}.pdf"
        path.write_bytes(letter_pdf(letter))
        result[state.abbr] = (row, letter, recipient, path)
    return result


@pytest.fixture(scope="module")
def module_poppler():
    from tests.conftest import poppler

    return poppler.__wrapped__()


@pytest.fixture(scope="module")
def texts(rendered, module_poppler):
    poppler = module_poppler
    return {
        abbr: " ".join(pdftotext(poppler, path).split())
        for abbr, (_, _, _, path) in rendered.items()
    }


def test_all_52_jurisdictions_render(rendered):
    assert len(rendered) == 52


def test_each_letter_is_one_page_with_story_and_three_points(
    rendered, module_poppler, texts
):
    poppler = module_poppler
    pages = {abbr: pdf_pages(poppler, path) for abbr, (*_, path) in rendered.items()}
    assert {abbr for abbr, n in pages.items() if n != 1} == set()
    for abbr, text in texts.items():
        # The reader's words come right after the opening paragraph.
        opening = text.index("and I ask you to")
        story = text.index("I run a small photography studio")
        assert story - opening < 400, abbr
        assert text.index("every day, across our whole community") > story
        assert "Consent first" in text and "A right to sue" in text, abbr
        assert text.rstrip().endswith("Jordan Rivera"), abbr


def _fixed_words(letter):
    fixed = [
        p
        for p in letter.paragraphs
        if "photography studio" not in p
        and not p.startswith("•")
        and "matter most to me" not in p
    ]
    return len(" ".join(fixed).split())


def test_fixed_text_is_short(rendered):
    words = {abbr: _fixed_words(letter) for abbr, (_, letter, *_) in rendered.items()}
    # About 150 words of fixed text (the reader's points add to the closing ask):
    # California, with the most facts that matter, is the longest.
    ordered = sorted(words.values())
    assert ordered[len(ordered) // 2] <= 175, words
    assert max(words.values()) <= 230, words
    assert min(words.values()) >= 90, words


def test_every_letter_has_a_mailing_block(rendered):
    for abbr, (row, _, recipient, _) in rendered.items():
        assert recipient.address_lines, abbr
        assert re.search(r"\b\d{5}(-\d{4})?$", recipient.address_lines[-1]), abbr
        if row["capitol_address"].strip():
            assert recipient.address_source == "legislator", abbr
        else:
            chamber = chamber_mailing_address(abbr, row["current_chamber"])
            assert recipient.address_source == "chamber", abbr
            assert recipient.address_lines == list(chamber.lines)


def test_members_without_an_address_get_the_chambers(rendered, texts):
    for abbr in NO_ADDRESS:
        row, _, recipient, _ = rendered[abbr]
        assert not row["capitol_address"].strip()
        assert recipient.address_source == "chamber"
    wi = texts["WI"]
    # "Senator X, Wisconsin State Senate, <chamber address>" in the window.
    assert re.search(
        r"(Senator|Representative), District \d+ Wisconsin State (Senate|Assembly) "
        r"State Capitol P\.O\. Box 8(882|952) Madison, WI 5370[78]-(7882|8952)",
        wi,
    ) or re.search(r"Wisconsin State (Senate|Assembly) State Capitol P\.O\. Box", wi)
    assert "Pierre, SD 57501-5070" in texts["SD"]
    assert "Topeka, KS 66612" in texts["KS"]


def test_titles_and_salutations(rendered, texts):
    for abbr, (row, letter, recipient, _) in rendered.items():
        expected_title = legislatures.member_title(
            abbr, row["current_chamber"], row["current_district"]
        )
        assert recipient.title == expected_title, abbr
        family = row["family_name"].strip()
        assert letter.salutation == f"Dear {expected_title} {family}:", abbr
        assert f"The Honorable {' '.join(row['name'].split())}" in texts[abbr]
        assert "for your service to our district" not in texts[abbr]
        assert "District 1st" not in texts[abbr]
    assert rendered["DC"][1].salutation == "Dear Chairman Mendelson:"
    assert "Dear Councilmember Mendelson" not in texts["DC"]
    assert "Representative for the 1st Barnstable District" in texts["MA"]
    assert "Representative for Hillsborough County District 12" in texts["NH"]
    assert "Hillsborough 12 District" not in texts["NH"]
    assert rendered["NY"][1].salutation.startswith("Dear Assemblymember ")
    assert "Assembly Member" not in texts["NY"]
    assert "Senator, At-Large" in texts["PR"]


def test_dc_at_large_and_ward_members_labels(shared_data, settings):
    """Every DC Council row: Chairman, at-large and ward members."""
    state = State(abbr="DC", name="District of Columbia")
    path = shared_data / "openstates" / "people" / "dc.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    from letters.compose import recipient_lines, salutation_for

    seen = set()
    for row in rows:
        legislator = Legislator(
            name=row["name"],
            family_name=row["family_name"],
            capitol_address=row["capitol_address"],
        )
        recipient = recipient_for(
            state=state,
            chamber="legislature",
            district=row["current_district"],
            legislator=legislator,
        )
        lines = recipient_lines(recipient)
        district = row["current_district"]
        if district == "Chairman":
            assert salutation_for(recipient) == f"Dear Chairman {row['family_name']}:"
            assert lines[1] == "Chairman"
        elif district == "At-Large":
            assert lines[1] == "Councilmember, At-Large"
        else:
            assert lines[1] == f"Councilmember, {district}"
            assert district.startswith("Ward ")
        assert lines[-1] == "Washington, DC 20004"
        seen.add(district.split()[0])
    assert seen == {"Chairman", "At-Large", "Ward"}


def test_puerto_rico_district_and_at_large_titles(shared_data):
    state = State(abbr="PR", name="Puerto Rico")
    path = shared_data / "openstates" / "people" / "pr.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    from letters.compose import recipient_lines

    kinds = set()
    for row in rows:
        legislator = Legislator(
            name=row["name"],
            family_name=row["family_name"],
            capitol_address=row["capitol_address"],
        )
        recipient = recipient_for(
            state=state,
            chamber=row["current_chamber"],
            district=row["current_district"],
            legislator=legislator,
        )
        title = "Senator" if row["current_chamber"] == "upper" else "Representative"
        label = (
            "At-Large"
            if row["current_district"] == "At-Large"
            else f"District {row['current_district']}"
        )
        assert recipient_lines(recipient)[1] == f"{title}, {label}"
        kinds.add((title, label == "At-Large"))
    assert kinds == {
        ("Senator", True),
        ("Senator", False),
        ("Representative", True),
        ("Representative", False),
    }


def test_corrected_facts(texts):
    ca, co, fl, wa = texts["CA"], texts["CO"], texts["FL"], texts["WA"]
    assert "California Privacy Protection Agency and the attorney general" in ca
    assert "waits on the attorney general" not in ca
    assert "attorney general and district attorneys" in co
    assert "Florida Digital Bill of Rights" in fl
    assert "only very large companies" in fl
    assert "no comprehensive consumer privacy law" not in fl
    assert "My Health My Data Act" in wa
    assert "Washington has no comprehensive consumer privacy law" in wa
    assert "SB 1295 (Public Act 25-113)" in texts["CT"]
    assert "HB 2008" in texts["OR"]


def test_laws_not_yet_in_effect_are_in_the_future_tense(texts):
    for abbr, name, when in (
        ("OK", "Oklahoma", "2027"),
        ("AL", "Alabama", "2027"),
        ("LA", "Louisiana", "2027"),
        ("VT", "Vermont", "January 1, 2028"),
    ):
        text = texts[abbr]
        assert re.search(
            rf"{name} has passed a law, the [^.]+, that takes effect on [^.]*{when}",
            text,
        ), abbr
        assert "already requires" not in text, abbr
        assert "was a first step" not in text, abbr
        assert "will not require a company to ask" in text, abbr


def test_puerto_rico_makes_no_claim_about_its_law(texts):
    pr = texts["PR"]
    for claim in (
        "no comprehensive",
        "Puerto Rico has",
        "Puerto Rico's law",
        "in effect since",
        "privacy law so far",
        "No state law",
    ):
        assert claim not in pr
    assert "support privacy protections for Puerto Rico" in pr


def test_already_happening_names_dated_2025_2026_events(texts):
    for abbr, text in texts.items():
        start = text.index("This is already happening.")
        paragraph = text[start : start + 420]
        assert "November 3, 2025" in paragraph, abbr
        assert "January 15, 2026" in paragraph and "January 22, 2026" in paragraph
        assert "2024" not in paragraph


def test_asks_fit_the_law_standing(texts):
    # Strong laws: close the AI-training gap, no "first step".
    for abbr in ("CA", "MD"):
        assert "close the AI-training gap" in texts[abbr], abbr
        assert "or at the very least a simple way to opt out" in texts[abbr]
        assert "first step" not in texts[abbr]
    # Weak laws: strengthen them.
    for abbr in ("TX", "VA", "FL", "CT"):
        assert "I ask you to strengthen the" in texts[abbr], abbr
        assert "data minimization" in texts[abbr] and "a right to sue" in texts[abbr]
        assert "real enforcement" in texts[abbr]
    # No law: pass one.
    for abbr in ("WA", "GA", "NY"):
        assert "support a strong consumer privacy law for" in texts[abbr], abbr
        assert "comprehensive privacy law for" in texts[abbr]
    assert "first step" not in " ".join(texts.values())


def _word_boxes(poppler, path):
    """(word, xMin, yMin, xMax, yMax) in points from the top-left, page 1."""
    import subprocess

    out = subprocess.run(
        [poppler["pdftotext"], "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
        r"([^<]*)</word>",
        out,
    )
    return [
        (w, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, w in words
    ]


def test_address_block_sits_in_the_window_with_room_to_move(rendered, module_poppler):
    """#10 window: 7/8" to 4 7/8" across; the block starts 2.1"-2.2" down and ends
    above the subject line, in every jurisdiction (6-line chamber blocks too)."""
    for abbr, (_, _, recipient, path) in rendered.items():
        boxes = _word_boxes(module_poppler, path)
        top = next(b for b in boxes if b[0] == "Honorable")
        assert 2.1 * 72 <= top[2] <= 2.2 * 72, (abbr, top)
        last_line = recipient.address_lines[-1].split()
        bottom = max(b[4] for b in boxes if b[0] == last_line[-1] and b[2] < 3.3 * 72)
        assert bottom <= 3.15 * 72, (abbr, bottom)
        block = [b for b in boxes if top[2] - 1 <= b[2] and b[4] <= bottom + 1]
        assert min(b[1] for b in block) >= 0.875 * 72, abbr
        assert max(b[3] for b in block) <= 4.875 * 72, abbr


@pytest.mark.parametrize("abbr", ["MA", "NH", "NY"])
def test_seat_lines_for_every_row_of_named_and_numbered_districts(shared_data, abbr):
    """Every member of the Massachusetts, New Hampshire and New York legislatures."""
    from letters.compose import recipient_lines, salutation_for

    state = State(abbr=abbr, name=legislatures.jurisdiction(abbr).name)
    path = shared_data / "openstates" / "people" / f"{abbr.lower()}.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 150
    for row in rows:
        legislator = Legislator(
            name=row["name"],
            family_name=row["family_name"],
            capitol_address=row["capitol_address"],
        )
        recipient = recipient_for(
            state=state,
            chamber=row["current_chamber"],
            district=row["current_district"],
            legislator=legislator,
        )
        seat = recipient_lines(recipient)[1]
        district = row["current_district"]
        if district.isdigit():
            assert seat == f"{recipient.title}, District {district}", row["name"]
        elif abbr == "NH":
            county, number = district.rsplit(" ", 1)
            assert seat == f"Representative for {county} County District {number}"
        else:  # Massachusetts: districts are names ("1st Barnstable", "Hampden")
            assert seat == f"{recipient.title} for the {district} District"
        assert "District District" not in seat
        if abbr == "NY" and row["current_chamber"] == "lower":
            assert salutation_for(recipient).startswith("Dear Assemblymember ")
