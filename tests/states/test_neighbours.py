from states.neighbours import NEIGHBOURS, nearest_with, neighbours


def test_neighbour_table_is_symmetric_and_complete():
    assert len(NEIGHBOURS) == 52
    for state, others in NEIGHBOURS.items():
        for other in others:
            assert state in NEIGHBOURS[other], (state, other)
    assert nearest_with("SC", {"VA", "TN", "CA"}) == ["TN", "VA"]
    assert nearest_with("HI", {"CA"}) == []


def test_neighbours_of_a_code_in_any_case():
    assert neighbours("dc") == ("MD", "VA")
    assert neighbours("XX") == ()
