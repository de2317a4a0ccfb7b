import pytest

from states import us


def test_fifty_states_dc_and_puerto_rico():
    assert len(us.STATES) == 52
    assert {"DC", "PR", "CA", "WY"} <= set(us.STATES)
    assert set(us.ZIP_PREFIXES) == set(us.STATES)


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [
        ("94110", "CA"),
        ("10001", "NY"),
        ("00501", "NY"),
        ("02134", "MA"),
        ("05401", "VT"),
        ("20500", "DC"),
        ("20910", "MD"),
        ("22201", "VA"),
        ("73301", "TX"),
        ("88510", "TX"),
        ("99501", "AK"),
        ("96813", "HI"),
        ("00901", "PR"),
        ("06390", "NY"),
        ("30303-1234", "GA"),
    ],
)
def test_zip_in_state(zip_code, state):
    assert us.zip_in_state(zip_code, state)


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [
        ("94110", "NY"),
        ("10001", "CA"),
        ("20500", "MD"),
        ("06390", "CT"),
        ("99999", "WA"),
    ],
)
def test_zip_not_in_state(zip_code, state):
    assert not us.zip_in_state(zip_code, state)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("12345", "12345"),
        (" 12345-6789 ", "12345-6789"),
        ("123456789", "12345-6789"),
        ("12345 6789", "12345-6789"),
        ("1234", "1234"),
    ],
)
def test_zip_normalize(raw, clean):
    assert us.zip_normalize(raw) == clean


@pytest.mark.parametrize(
    "bad", ["1234", "123456", "12345-678", "abcde", "", "12345-67890"]
)
def test_zip_is_valid_rejects(bad):
    assert not us.zip_is_valid(bad)


# ZIP codes are ASCII digits: other scripts' digits match `\d` but are no ZIP.
NON_ASCII_ZIPS = [
    "٩٨٥٠١",
    "９８５０１",
    "۹۸۵۰۱",
    "٩٨٥٠١-١٢٣٤",
    "98501-１２３４",
    "9850１",
]


@pytest.mark.parametrize("typed", NON_ASCII_ZIPS)
def test_non_ascii_digits_are_no_zip(typed):
    assert us.zip_normalize(typed) == typed  # left as typed, for the form to refuse
    assert not us.zip_is_valid(us.zip_normalize(typed))
    assert us.zip5(typed) is None
    assert us.zip_states(typed) == set()
    assert not us.zip_in_state(typed, "WA")


@pytest.mark.parametrize(
    ("typed", "zip5"),
    [
        ("98501", "98501"),
        ("98501-1234", "98501"),
        (" 98501 - 1234 ", "98501"),
        ("985011234", "98501"),
        ("98501-", None),
        ("98501\n", "98501"),
        ("9850", None),
        (None, None),
    ],
)
def test_zip5_takes_the_same_forms_as_zip_normalize(typed, zip5):
    assert us.zip5(typed) == zip5
    assert us.zip_is_valid(us.zip_normalize(typed)) is (zip5 is not None)


def test_canonical_zip_has_no_trailing_newline():
    assert not us.zip_is_valid("98501\n")
    assert not us.zip_is_valid(" 98501")
