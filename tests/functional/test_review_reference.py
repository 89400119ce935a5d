"""The review mechanism's reference data: pages, refusals, and the data itself."""

from __future__ import annotations

import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from sherloc_portal.resources.root import PortalRoot
from sherloc_portal.testing import csrf_token, login
from sherloc_review.testing import DEFAULT_PROFILE, install_default_into

PROFILE = DEFAULT_PROFILE
PAGES = ["/review", "/review/states", "/review/states/FRA", "/review/states/provenance"]


# -- pages ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_login(testapp, path):
    response = testapp.get(path, status=303)
    assert "/login" in response.location


@pytest.mark.parametrize("path", PAGES)
def test_ngo_accounts_are_refused(testapp, path):
    login(testapp, "ngo-demo")
    testapp.get(path, status=403)


@pytest.mark.parametrize("user", ["secretariat", "admin", "focal-fra", "expert-ken"])
def test_participants_read_the_overview(testapp, user):
    login(testapp, user)
    page = testapp.get("/review")
    assert page.html.find("table", id="instruments")
    assert "Trafficking in Persons Protocol" in page.text
    assert page.html.find("table", id="clusters").find_all("th", scope="row")


def test_states_table_shows_status_and_marks_provisional_rows(testapp):
    login(testapp, "secretariat")
    page = testapp.get("/review/states")
    rows = page.html.find("table", id="states").tbody.find_all("tr")
    assert len(rows) == 198
    afghanistan = page.html.find(id="state-AFG")  # SOM cell has low confidence
    assert "provisional data" in afghanistan.text
    assert afghanistan.find("a", class_="provisional")["href"].endswith(
        "/review/states/provenance"
    )
    union = page.html.find(id="state-EUE")  # every cell high confidence
    assert union.find("a", class_="provisional") is None
    iran = [td.text for td in page.html.find(id="state-IRN").find_all("td")]
    assert iran[1:5] == ["Signatory", "Not a party", "Not a party", "Not a party"]


def test_state_page_shows_notes_and_its_focal_point(testapp):
    login(testapp, "focal-fra")
    page = testapp.get("/review/states/VAT")
    assert "Holy See" in page.text
    assert "Not a member of a United Nations regional group" in page.text
    assert "acceded (2012) to the Convention only" in page.text
    # The demo profile appointed a focal point: no stand-in is shown.
    assert "Focal point, Holy See (demo)" in page.text
    assert "Permanent Representative of Holy See" not in page.text
    assert page.html.find("p", class_="provisional")


def test_state_without_focal_point_shows_the_permanent_representative(testapp):
    """Iran is a signatory only, so the demo appointed nobody (para 18)."""
    login(testapp, "focal-fra")
    page = testapp.get("/review/states/IRN")
    assert "Focal point until one is appointed" in page.text
    assert "Permanent Representative of Iran" in page.text
    assert "Civil law" in page.text or "Mixed legal system" in page.text


def test_unknown_state_is_not_found_for_participants(testapp):
    login(testapp, "secretariat")
    testapp.get("/review/states/XYZ", status=404)


def test_unknown_state_looks_forbidden_to_others(testapp):
    login(testapp, "ngo-demo")
    testapp.get("/review/states/XYZ", status=403)


def test_provenance_page_shows_the_profile_notes(testapp):
    login(testapp, "secretariat")
    page = testapp.get("/review/states/provenance")
    assert "Replacing the reconstruction with authoritative UNTC data" in page.text


# -- the installed data ------------------------------------------------------------


def test_states_carry_participation_records(portal):
    states = portal["review"]["states"]
    assert len(states) == 198
    iran = states["IRN"]
    assert iran.participation["UNTOC"].status == "signatory"
    assert iran.participation["UNTOC"].confidence == "high"
    assert "Majlis" in iran.participation["UNTOC"].note
    assert not iran.provisional
    assert states["AFG"].provisional
    assert states["VAT"].regional_group == ""
    assert states["EUE"].entity_type == "regional_economic_integration_organization"
    assert states["FRA"].volunteer is False
    assert states["FRA"].schema_version == 2


def test_instruments_articles_clusters_workplan_questionnaires(portal):
    review = portal["review"]
    assert list(review["instruments"]) == ["FIREARMS", "SOM", "TIP", "UNTOC"]
    untoc = review["instruments"]["UNTOC"]
    assert untoc["5"].cluster == "I"
    assert [a.number for a in untoc.articles()][:3] == ["1", "2", "3"]
    assert review["clusters"]["I"].articles["TIP"] == ("3", "5")
    assert len(review["workplan"].entries) == 13
    assert sorted(review["questionnaires"]) == ["I", "II", "III", "IV"]


# -- the data files ------------------------------------------------------------------


def _questionnaires() -> dict:
    with (PROFILE / "questionnaires.toml").open("rb") as f:
        return tomllib.load(f)


def test_questionnaires_ask_once_about_every_reviewed_article_in_its_cluster():
    import csv

    with (PROFILE / "articles.csv").open(encoding="utf-8") as f:
        reviewed = {
            (row["instrument"], row["article"]): row["cluster"]
            for row in csv.DictReader(f)
            if row["kind"] == "reviewed"
        }
    asked = Counter()
    for questionnaire in _questionnaires()["questionnaire"]:
        for section in questionnaire["section"]:
            for question in section["question"]:
                key = (section["instrument"], question["article"])
                assert reviewed[key] == questionnaire["cluster"], key
                asked[key] += 1
    assert set(asked) == set(reviewed)
    assert set(asked.values()) == {1}


def test_protocol_sections_say_convention_provisions_are_reviewed_there():
    for questionnaire in _questionnaires()["questionnaire"]:
        for section in questionnaire["section"]:
            if section["instrument"] != "UNTOC":
                assert "¶19" in section["note"]


def _install(root, folder: Path):
    return install_default_into(root, folder).changes


def test_reinstall_updates_from_the_files_and_keeps_local_decisions(tmp_path):
    folder = tmp_path / "default"
    shutil.copytree(PROFILE, folder)
    root = PortalRoot()
    assert _install(root, folder)
    russia = root["review"]["states"]["RUS"]  # every cell high confidence
    assert not russia.provisional
    russia.volunteer = True
    assert _install(root, folder) == []
    states_csv = folder / "states.csv"
    lines = states_csv.read_text(encoding="utf-8").splitlines()
    [index] = [i for i, line in enumerate(lines) if line.startswith("RUS,")]
    lines[index] = lines[index].replace(",party,high,", ",party,low,", 1)
    states_csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _install(root, folder) == ["RUS: updated participation, provisional"]
    assert russia.provisional
    assert russia.participation["UNTOC"].confidence == "low"
    assert russia.volunteer is True


def test_review_tab_shows_only_to_those_who_may_see_the_mechanism(testapp):
    login(testapp, "secretariat")
    nav = testapp.get("/").html.find("nav")
    assert "Review mechanism" in nav.text
    testapp.post("/logout", {"csrf_token": csrf_token(testapp)})
    login(testapp, "ngo-demo")
    nav = testapp.get("/").html.find("nav")
    assert "Review mechanism" not in nav.text
