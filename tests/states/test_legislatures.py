import pytest

from states import legislatures as leg


@pytest.mark.parametrize(
    "abbr, chamber, title",
    [
        ("VA", "lower", "Delegate"),
        ("MD", "lower", "Delegate"),
        ("WV", "lower", "Delegate"),
        ("CA", "lower", "Assemblymember"),
        ("NY", "lower", "Assemblymember"),  # as the Assembly writes it
        ("NV", "lower", "Assembly Member"),
        ("NJ", "lower", "Assembly Member"),
        ("WI", "lower", "Representative"),
        ("WA", "lower", "Representative"),
        ("WA", "upper", "Senator"),
        ("NE", "legislature", "Senator"),
        ("NE", "unicameral", "Senator"),
        ("DC", "legislature", "Councilmember"),
        ("va", "upper", "Senator"),
    ],
)
def test_member_title(abbr, chamber, title):
    assert leg.member_title(abbr, chamber) == title


def test_unicameral_maps_to_legislature():
    ne = leg.chambers("NE")
    assert [c.chamber for c in ne] == ["legislature"]
    assert len(ne[0].districts) == 49


def test_chambers_upper_first_with_named_and_multi_member_districts():
    nh = leg.chambers("NH")
    assert [c.chamber for c in nh] == ["upper", "lower"]
    lower = nh[1]
    assert lower.title == "Representative"
    assert lower.num_seats == 400
    assert "Rockingham 30" in lower.district_names
    assert max(d.seats for d in lower.districts) > 1
    assert leg.district_names("AK", "upper")[:3] == ["A", "B", "C"]
    assert "16A" in leg.district_names("ID", "lower")
    # natural order: 2 before 10
    va = leg.district_names("VA", "lower")
    assert va.index("2") < va.index("10")
    assert leg.district_seats("NJ", "lower", "1") == 2
    assert leg.district_seats("NJ", "lower", "nope") == 0


def test_chamber_name_and_unknowns():
    assert leg.chamber_name("CA", "lower") == "Assembly"
    assert leg.chamber_name("VA", "upper") == "Senate"
    assert not leg.has_chamber("NE", "upper")
    with pytest.raises(leg.UnknownChamber):
        leg.member_title("NE", "lower")
    with pytest.raises(KeyError):
        leg.chambers("ZZ")


def test_state_list_is_states_dc_and_pr():
    assert len(leg.STATE_ABBRS) == 52
    assert {"DC", "PR", "VA", "WY"} <= set(leg.STATE_ABBRS)
    assert "GU" not in leg.STATE_ABBRS
    assert leg.jurisdiction("va").name == "Virginia"
    assert leg.jurisdiction("VA").fips == "51"
