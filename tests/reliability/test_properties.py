"""Property-based tests (issue 6, reliability test 5): every public form and the
legislator importer, fed arbitrary text, Unicode and oversized input.

Never a 500 (the test client re-raises any uncaught exception), and never a
stored half-record: whatever was saved passes the model's full validation.
Runs in-process against the test database (PostgreSQL in CI, where NUL
bytes and over-long values would fail loudly).
"""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any Unicode text (no lone surrogates: they cannot travel in UTF-8 at all),
# including NUL and control characters, right-to-left marks, emoji...
chars = st.characters(blacklist_categories=("Cs",))
any_text = st.one_of(
    st.text(chars, max_size=60),
    st.sampled_from(
        ["", " ", "\x00", "a\x00b", "\u202e", "💥" * 3, "<script>", "' OR 1=1"]
    ),
    # oversized: far beyond every max_length
    st.builds(lambda c, n: c * n, chars, st.integers(min_value=300, max_value=20000)),
)
maybe_valid_email = st.one_of(any_text, st.emails().map(str))
maybe_valid_zip = st.one_of(any_text, st.from_regex(r"\A\d{5}(-\d{4})?\Z"))
state = st.one_of(any_text, st.sampled_from(["CA", "NY", "IL", "va", "ZZ"]))
checkbox = st.sampled_from(["", "on", "true", "0", "\x00"])


@pytest.fixture
def seeded(settings):
    from guides import content as guides_content
    from letters import content as letters_content
    from petitions import content as petitions_content

    guides_content.load()
    petitions_content.load()
    letters_content.load()
    settings.PETITION_SIGN_RATE_LIMIT = 10**9  # the property is the form, not the limit
    return settings


def assert_no_half_records(model):
    for obj in model.objects.all():
        obj.full_clean()


@SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "first_name": any_text,
            "last_name": any_text,
            "email": maybe_valid_email,
            "zip_code": maybe_valid_zip,
            "state": state,
            "comment": any_text,
            "list_publicly": checkbox,
            "may_contact": checkbox,
            "website": st.one_of(st.just(""), any_text),
        }
    )
)
def test_sign_form_never_fails_and_never_stores_half_a_signature(client, seeded, data):
    from petitions.models import Signature

    before = Signature.objects.count()
    response = client.post("/petitions/state-privacy-law/sign/", data)
    assert response.status_code in (200, 302, 400, 429)
    after = Signature.objects.count()
    assert after in (before, before + 1)
    assert_no_half_records(Signature)


@SETTINGS
@given(step=any_text, description=any_text)
def test_guide_report_form_never_fails(client, seeded, step, description):
    from guides.models import GuideReport

    client.cookies.clear()
    response = client.post(
        "/guides/instagram/report/", {"step": step, "description": description}
    )
    assert response.status_code in (200, 302, 400, 429)
    assert_no_half_records(GuideReport)


@SETTINGS
@given(
    abbr=st.sampled_from(["ca", "va", "ny"]),
    picks=st.lists(any_text, max_size=3),
    typed=st.dictionaries(
        st.one_of(
            st.sampled_from(["typed:lower:1", "typed:upper:1", "typed:lower:"]),
            any_text.map(lambda t: f"typed:lower:{t}"),
        ),
        any_text,
        max_size=3,
    ),
    letter=st.fixed_dictionaries(
        {
            "name": any_text,
            "street": any_text,
            "city": any_text,
            "zip_code": maybe_valid_zip,
            "email": maybe_valid_email,
            "phone": any_text,
            "story": any_text,
            "points": any_text,
        }
    ),
)
def test_letter_steps_never_fail(client, seeded, abbr, picks, typed, letter):
    response = client.post(f"/letters/{abbr}/", {"pick": picks, **typed})
    assert response.status_code in (200, 302, 400)
    for path in (f"/letters/{abbr}/write/", f"/letters/{abbr}/preview/"):
        response = (
            client.post(path, letter) if path.endswith("write/") else client.get(path)
        )
        assert response.status_code in (200, 302, 400)
    response = client.post(f"/letters/{abbr}/download/", {})
    assert response.status_code in (200, 302, 400)


def test_letter_typed_name_for_an_unknown_chamber_is_a_form_error(client, seeded):
    response = client.post("/letters/ca/", {"typed:x:1": "Jane Example"})
    assert response.status_code in (200, 400)


@SETTINGS
@given(query=any_text, value=any_text)
def test_public_get_parameters_never_fail(client, seeded, query, value):
    for path in ("/guides/", "/letters/", "/petitions/state-privacy-law/thanks/"):
        response = client.get(path, {"q": query, "status": value, "state": value})
        assert response.status_code in (200, 302, 400, 404)
    zip_path = (
        "/letters/zip/" + "".join(c for c in value if c not in "/?#%")[:50] + ".json"
    )
    if zip_path != "/letters/zip/.json":
        assert client.get(zip_path).status_code in (200, 400, 404)


HEADER = [
    "id",
    "name",
    "current_party",
    "current_district",
    "current_chamber",
    "given_name",
    "family_name",
    "email",
    "capitol_address",
    "capitol_voice",
    "district_address",
    "district_voice",
    "links",
]


@SETTINGS
@given(
    rows=st.lists(
        st.lists(
            st.one_of(any_text, st.sampled_from(["upper", "lower", "12"])),
            min_size=0,
            max_size=15,
        ),
        max_size=6,
    ),
    valid_id=st.booleans(),
)
def test_legislator_importer_never_crashes_or_half_imports(
    seeded, tmp_path, rows, valid_id
):
    from letters.models import Legislator

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i, row in enumerate(rows):
        if valid_id and row:
            row = [f"ocd-person/{i:08d}-0000-0000-0000-000000000000", *row[1:]]
        writer.writerow(row)
    path = tmp_path / "va.csv"
    path.write_text(buffer.getvalue().replace("\x00", "\\0") + "\x00" * (len(rows) % 2))
    try:
        call_command(
            "import_legislators", str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
    except CommandError:
        pass
    assert_no_half_records(Legislator)
