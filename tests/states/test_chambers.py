"""states/data/chambers.csv: one official mailing address per chamber of all 52."""

import re

from states import legislatures
from states.selectors import _chamber_addresses, chamber_mailing_address


def test_every_chamber_of_every_jurisdiction_has_a_mailing_address():
    expected = {
        (abbr, info.chamber)
        for abbr in legislatures.STATE_ABBRS
        for info in legislatures.chambers(abbr)
    }
    assert len(legislatures.STATE_ABBRS) == 52
    assert set(_chamber_addresses()) == expected
    assert len(expected) == 102
    for abbr, chamber in expected:
        address = chamber_mailing_address(abbr.lower(), chamber)
        name, *street, city = address.lines
        assert name == address.chamber_name and "(" not in name
        assert street, (abbr, chamber)
        assert re.fullmatch(rf"[A-Z][\w .'-]+, {abbr} \d{{5}}(-\d{{4}})?", city), city
        assert address.confidence in {"high", "medium"}


def test_the_chambers_that_members_without_an_address_fall_back_to():
    assert chamber_mailing_address("WI", "upper").lines == (
        "Wisconsin State Senate",
        "State Capitol",
        "P.O. Box 7882",
        "Madison, WI 53707-7882",
    )
    assert chamber_mailing_address("TX", "lower").lines[1] == "P.O. Box 12910"
    assert chamber_mailing_address("SD", "lower").lines[-1] == "Pierre, SD 57501-5070"
    assert chamber_mailing_address("XX", "upper") is None
    assert chamber_mailing_address("WI", "legislature") is None
