import pytest

from petitions.forms import SignatureForm

from .conftest import SIGNER


def form(**overrides):
    return SignatureForm(data={**SIGNER, **overrides})


def test_valid_signature_normalises_email_and_zip():
    f = form(email="  Ada@Example.COM ", zip_code="941101234")
    assert f.is_valid(), f.errors
    assert f.cleaned_data["email"] == "ada@example.com"
    assert f.cleaned_data["zip_code"] == "94110-1234"
    assert f.cleaned_data["list_publicly"] is False
    assert f.cleaned_data["may_contact"] is False


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("first_name", "Enter your first name."),
        ("last_name", "Enter your last name."),
        ("email", "Enter your email address."),
        ("zip_code", "Enter your ZIP code."),
        ("state", "Choose your state."),
    ],
)
def test_required_fields_have_clear_messages(field, message):
    f = form(**{field: ""})
    assert not f.is_valid()
    assert f.errors[field] == [message]


def test_bad_email():
    f = form(email="not-an-email")
    assert f.errors["email"] == ["Enter an email address like name@example.com."]


@pytest.mark.parametrize("zip_code", ["9411", "941100", "94110-12", "ABCDE"])
def test_zip_must_be_five_digits_or_zip_plus_four(zip_code):
    f = form(zip_code=zip_code)
    assert not f.is_valid()
    assert "5 digits" in f.errors["zip_code"][0]


def test_zip_must_match_state():
    f = form(zip_code="10001", state="CA")
    assert not f.is_valid()
    assert f.errors["zip_code"] == [
        "ZIP code 10001 is not in California. Check your ZIP code and state."
    ]


def test_unknown_state_rejected():
    assert "state" in form(state="ZZ").errors


@pytest.mark.parametrize(
    ("field", "limit"),
    [("first_name", 100), ("last_name", 100), ("email", 254), ("comment", 1000)],
)
def test_length_limits(field, limit):
    value = "x" * (limit + 1) if field != "email" else "a" * 250 + "@example.com"
    f = form(**{field: value})
    assert not f.is_valid()
    assert field in f.errors


def test_comment_at_limit_is_fine():
    assert form(comment="y" * 1000).is_valid()


def test_honeypot_detected():
    f = form(website="http://spam.example")
    assert f.is_valid()
    assert f.is_bot
    f = form()
    assert f.is_valid()
    assert not f.is_bot


def test_errors_are_tied_to_fields_in_html():
    f = form(email="nope")
    f.is_valid()
    html = str(f["email"])
    assert 'aria-invalid="true"' in html
    assert "id_email_error" in html


@pytest.mark.parametrize("zip_code", ["٩٨٥٠١", "９８５０１", "94110-١٢٣٤"])
def test_zip_in_other_digits_is_refused_like_any_bad_zip(zip_code):
    f = form(zip_code=zip_code, state="WA")
    assert not f.is_valid()
    assert f.errors["zip_code"] == [
        "Enter your ZIP code as 5 digits, or ZIP+4 such as 12345-6789."
    ]
