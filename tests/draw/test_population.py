"""Reading a population: every bad input is refused with the line and why."""

import pytest

from sherloc_review.draw import PopulationError
from sherloc_review.draw.population import Population

HEADER = (
    "iso3,un_regional_group,untoc,tip_protocol,som_protocol,firearms_protocol,"
    "un_working_languages_official,legal_system_family"
)
ROW = "AAA,G1,party,party,none,party,en fr,civil"


def _read(*lines, header=HEADER):
    return Population.from_csv("\n".join([header, *lines]) + "\n")


def test_reads_the_draw_columns():
    entity = _read(ROW)["AAA"]
    assert entity.regional_group == "G1"
    assert entity.parties == {"UNTOC", "TIP", "FIREARMS"}
    assert entity.reviewed_instruments == ("UNTOC", "TIP", "FIREARMS")
    assert entity.languages == ("en", "fr")
    assert entity.review_cap == 3


def test_round_trip_through_rows(real_population):
    again = Population.from_rows(real_population.rows())
    assert again.rows() == real_population.rows()
    assert again.by_iso3 == real_population.by_iso3


@pytest.mark.parametrize(
    ("header", "lines", "words"),
    [
        (HEADER + ",colour", [ROW + ",blue"], "Unknown column 'colour'"),
        (
            HEADER.replace(",legal_system_family", ""),
            [ROW[: ROW.rindex(",")]],
            "lacks the column(s): legal_system_family",
        ),
        (HEADER, [ROW, ROW], "Line 3: AAA appears twice"),
        (
            HEADER,
            [ROW.replace("party,party,none", "party,maybe,none")],
            "'maybe' is not a valid tip_protocol",
        ),
        (HEADER, ["aaa" + ROW[3:]], "'aaa' is not a valid iso3"),
        (HEADER, [ROW.replace("en fr", "de")], "'de' is not a valid un_working"),
        (HEADER, [ROW + ",extra"], "Line 2: the row does not have 8 cells"),
        (
            HEADER,
            ["AAA,G1,signatory,party,none,none,en,civil"],
            "party to a Protocol but not to the Convention",
        ),
        (HEADER + ",max_reviews", [ROW + ",5"], "more than three reviews only"),
        (HEADER + ",max_reviews", [ROW + ",0"], "'0' is not a valid max_reviews"),
        (HEADER + ",max_reviews", [ROW + ",²"], "'²' is not a valid max_reviews"),
        (
            HEADER + ",volunteer",
            [ROW + ",perhaps"],
            "'perhaps' is not a valid volunteer",
        ),
        ("", [], "empty"),
    ],
)
def test_bad_input_is_refused_with_the_reason(header, lines, words):
    with pytest.raises(PopulationError) as refused:
        _read(*lines, header=header)
    assert words in str(refused.value)


def test_volunteers():
    population = _read(
        "AAA,G1,party,party,signatory,party,en,civil,yes,5",
        "DDD,G1,party,party,signatory,party,en,civil,yes,",
        "EEE,G1,party,party,signatory,party,en,civil,no,",
        "BBB,G1,signatory,signatory,none,none,en,civil,yes,",
        "CCC,G1,signatory,none,none,none,en,civil,no,",
        header=HEADER + ",volunteer,max_reviews",
    )
    assert population["AAA"].review_cap == 5
    assert population["DDD"].review_cap == 3  # volunteering alone adds none
    # ¶52: a volunteer is reviewed for what it has signed, too.
    assert population["DDD"].reviewed_instruments == ("UNTOC", "TIP", "SOM", "FIREARMS")
    assert population["EEE"].reviewed_instruments == ("UNTOC", "TIP", "FIREARMS")
    assert population["BBB"].under_review and population["BBB"].review_cap == 0
    assert population["BBB"].reviewed_instruments == ("UNTOC", "TIP")
    assert not population["CCC"].under_review
