"""ZIP code -> the likeliest district in each chamber (states.selectors), as
delivery packets use it to group signers: one query per state."""

import pytest

from states import content
from states.models import State, ZipDistrict
from states.selectors import DistrictGuess, zip_districts_likeliest

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    content.load()
    return State.objects.in_bulk(field_name="abbr")


def rows(states, data):
    ZipDistrict.objects.bulk_create(
        ZipDistrict(zcta=z, state=states[s], chamber=c, district=d, land_share=share)
        for z, s, c, d, share in data
    )


def test_largest_land_share_wins_and_spans_are_counted(
    states, django_assert_num_queries
):
    rows(
        states,
        [
            ("94110", "CA", "upper", "11", 1.0),
            ("94110", "CA", "lower", "17", 1.0),
            ("90001", "CA", "upper", "33", 0.2),
            ("90001", "CA", "upper", "35", 0.7),
            ("90001", "CA", "upper", "30", 0.1),
            ("90001", "CA", "lower", "64", 1.0),
            # Without shares: the first in natural order ("9" before "10").
            ("95002", "CA", "lower", "10", None),
            ("95002", "CA", "lower", "9", None),
            # Another state's rows stay out.
            ("89439", "NV", "upper", "14", 1.0),
            ("96161", "NV", "upper", "14", 1.0),
        ],
    )
    with django_assert_num_queries(1):
        lookup = zip_districts_likeliest(state="ca")
    assert lookup == {
        "94110": {"upper": DistrictGuess("11", 1), "lower": DistrictGuess("17", 1)},
        "90001": {"upper": DistrictGuess("35", 3), "lower": DistrictGuess("64", 1)},
        "95002": {"lower": DistrictGuess("9", 2)},
    }
    assert lookup["94110"]["upper"].certain and not lookup["90001"]["upper"].certain
    assert zip_districts_likeliest(state="WY") == {}


def test_citywide_seats_and_idaho_house_seats_are_not_extra_districts(states):
    rows(
        states,
        [
            ("20003", "DC", "legislature", "Ward 6", None),
            ("20003", "DC", "legislature", "At-Large", None),
            ("20003", "DC", "legislature", "Chairman", None),
            ("20001", "DC", "legislature", "Ward 1", None),
            ("20001", "DC", "legislature", "Ward 2", None),
            ("20001", "DC", "legislature", "At-Large", None),
            # Idaho: House seats A and B both cover legislative district 1.
            ("83801", "ID", "lower", "1A", None),
            ("83801", "ID", "lower", "1B", None),
            ("83814", "ID", "lower", "2A", None),
            ("83814", "ID", "lower", "2B", None),
            ("83814", "ID", "lower", "3A", None),
            ("83814", "ID", "lower", "3B", None),
        ],
    )
    assert zip_districts_likeliest(state="DC") == {
        "20003": {"legislature": DistrictGuess("Ward 6", 1)},
        "20001": {"legislature": DistrictGuess("Ward 1", 2)},
    }
    assert zip_districts_likeliest(state="ID") == {
        "83801": {"lower": DistrictGuess("1", 1)},
        "83814": {"lower": DistrictGuess("2", 2)},
    }
