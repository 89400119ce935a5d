"""``/review/reports/general`` and its CSV and PDF: who reads them, what
they show, what they refuse; the Secretariat's introduction."""

from __future__ import annotations

import csv
import io

import pytest
import webtest

from sherloc_portal.testing import client_as, commit, csrf_token, login

R = "/review/reports"
PAGES = (f"{R}/general", f"{R}/general.csv", f"{R}/general.pdf")
READERS = ("secretariat", "focal-fra", "expert-ken", "chair-demo", "bureau-demo")
ARABIC = "وحدة متخصصة للادعاء العام"
CHINESE = "设立专门的检察单位"


def _refused(response) -> bool:
    return response.status_int == 403 or (
        response.status_int in (302, 303) and "login" in response.location
    )


@pytest.mark.parametrize("who", READERS)
def test_readers_read_the_page_and_its_exports(app, db, who):
    client = client_as(app, who)
    page = client.get(f"{R}/general")
    assert page.html.find(id="table-cluster") is not None
    assert (page.html.find(id="edit-introduction") is not None) == (
        who == "secretariat"
    )
    assert client.get(f"{R}/general.csv").content_type == "text/csv"
    assert client.get(f"{R}/general.pdf").body.startswith(b"%PDF-")
    assert client.get(R, status=303).location.endswith(f"{R}/general")


@pytest.mark.parametrize("who", ["ngo-demo", "admin", None])
def test_others_are_refused_every_page_and_the_form(app, db, who):
    client = client_as(app, who)
    for path in (*PAGES, f"{R}/introduction", R):
        response = client.get(path, expect_errors=True)
        assert _refused(response), (path, response.status)
        assert "Jordan" not in response.text
    token = (
        csrf_token(client)
        if who is None
        else client.get("/").html.find("input", attrs={"name": "csrf_token"})["value"]
    )
    response = client.post(
        f"{R}/introduction",
        {"csrf_token": token, "text": "x", "base": "0"},
        expect_errors=True,
    )
    assert _refused(response)


def test_only_the_secretariat_writes_the_introduction(app, db):
    client = client_as(app, "focal-fra")
    client.get(f"{R}/introduction", status=403)
    token = client.get(f"{R}/general").html.find("input", attrs={"name": "csrf_token"})
    value = token["value"] if token else csrf_token(client)
    client.post(
        f"{R}/introduction", {"csrf_token": value, "text": "x", "base": "0"}, status=403
    )


def test_the_page_shows_charts_with_their_numbers_in_tables(app, db):
    page = client_as(app, "focal-fra").get(f"{R}/general")
    charts = page.html.find_all("svg")
    assert len(charts) == 9  # two per grouping, and the needs
    for chart in charts:
        assert chart["role"] == "img"
        title, desc = chart.find("title"), chart.find("desc")
        assert title.text and desc.text
        assert chart["aria-labelledby"] == f"{title['id']} {desc['id']}"
    main = page.html.find("main")
    svgs = str(charts)
    assert main.find("script") is None and "href" not in svgs and "url(" not in svgs
    row = page.html.find(id="table-cluster").find("tr", attrs={"data-key": "I"})
    assert [td.text for td in row.find_all("td")] == [
        "4",
        "33",
        "6",
        "4",
        "1",
        "1",
        "1",
        "1",
    ]
    needs = page.html.find(id="table-needs")
    assert needs.find("tr", attrs={"data-need": "data"}).td.text == "1"
    practices = page.html.find(id="practices")
    assert "A specialised prosecution unit." in practices.text
    assert practices.find("li")["data-state"] == "JOR"


@pytest.mark.parametrize(
    "query",
    [
        "instrument=UNCAC",
        "cluster=IX",
        "regional_group=MARS",
        "instrument=UNTOC&instrument=TIP",
    ],
)
def test_bad_filters_are_400_naming_the_filter(app, db, query):
    client = client_as(app, "secretariat")
    name = query.split("=")[0]
    page = client.get(f"{R}/general?{query}", status=400)
    assert name in page.html.find(id="report-error").text
    assert page.html.find(id="table-article") is None
    for path in PAGES[1:]:
        response = client.get(f"{path}?{query}", status=400)
        assert response.text.startswith(f"{name}:")


def test_a_filter_narrows_the_page_and_its_exports(app, db):
    client = client_as(app, "secretariat")
    page = client.get(f"{R}/general?regional_group=WEOG")
    assert page.html.find(id="practices").find("li") is None
    assert page.html.find(id="csv-link")["href"].endswith("?regional_group=WEOG")
    rows = _csv(client.get(f"{R}/general.csv?regional_group=WEOG"))
    assert {r["regional_group"] for r in rows if r["section"] == "regional_group"} == {
        "WEOG"
    }


def _csv(response) -> list[dict]:
    text = response.body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_csv_has_a_row_per_figure_group_and_per_best_practice(app, db):
    rows = _csv(client_as(app, "chair-demo").get(f"{R}/general.csv"))
    sections = [r["section"] for r in rows]
    assert sections[0] == "overall"
    assert sections.count("article") == 15 and sections.count("cluster") == 1
    cluster = next(r for r in rows if r["section"] == "cluster")
    assert (cluster["answers_yes"], cluster["states_gap"]) == ("33", "1")
    [practice] = [r for r in rows if r["section"] == "best_practice"]
    assert (practice["iso3"], practice["state"], practice["article"]) == (
        "JOR",
        "Jordan",
        "2",
    )


def test_the_csv_never_holds_a_formula(app, db, portal, withheld_practice, release):
    withheld_practice("=HYPERLINK(1)")
    release()
    commit(portal)
    rows = _csv(client_as(app, "secretariat").get(f"{R}/general.csv"))
    texts = [r["text"] for r in rows if r["iso3"] == "SGP"]
    assert "'=HYPERLINK(1) best practice" in texts
    assert not any(t.startswith("=") for r in rows for t in r.values())


def test_the_pdf_draws_arabic_and_chinese(
    app, db, portal, withheld_practice, release, drawn
):
    withheld_practice(f"{ARABIC} {CHINESE}")
    release()
    commit(portal)
    pdf = client_as(app, "secretariat").get(f"{R}/general.pdf")
    assert pdf.content_type == "application/pdf"
    assert any(ARABIC in text and CHINESE in text for text in drawn)
    assert not any("no font" in text for text in drawn)


def test_a_withheld_entry_is_never_shown_until_released(
    app, db, portal, withheld_practice, release, marker, drawn
):
    withheld_practice()
    commit(portal)
    client = client_as(app, "secretariat")
    for path in PAGES:
        assert marker.encode() not in client.get(path).body
    assert not any(marker in text for text in drawn)
    release()
    commit(portal)
    assert marker in client.get(f"{R}/general").text
    assert marker in client.get(f"{R}/general.csv").text
    client.get(f"{R}/general.pdf")
    assert any(marker in text for text in drawn)


def _introduction_form(client):
    return client.get(f"{R}/introduction").forms["introduction-form"]


def test_the_secretariat_writes_the_introduction_in_versions(app, db):
    client = client_as(app, "secretariat")
    form = _introduction_form(client)
    form["text"] = "Trends in the first phase.\n\nSecond paragraph."
    form.submit(status=303)
    page = client.get(f"{R}/general")
    intro = page.html.find(id="introduction")
    assert [p.text for p in intro.find_all("p")][:2] == [
        "Trends in the first phase.",
        "Second paragraph.",
    ]
    assert "Version 1" in page.html.find(id="introduction-version").text
    reader = client_as(app, "focal-fra").get(f"{R}/general")
    assert "Trends in the first phase." in reader.text


def test_a_stale_save_is_refused_with_both_texts(app, db):
    mine, theirs = client_as(app, "secretariat"), client_as(app, "secretariat")
    mine_form, their_form = _introduction_form(mine), _introduction_form(theirs)
    their_form["text"] = "Their analysis."
    their_form.submit(status=303)
    mine_form["text"] = "My analysis."
    page = mine_form.submit(status=409)
    assert "Their analysis." in page.html.find(id="other-text").text
    assert page.html.find(id="introduction-text").text == "My analysis."
    assert page.forms["introduction-form"]["base"].value == "1"
    page.forms["introduction-form"].submit(status=303)
    assert "My analysis." in mine.get(f"{R}/general").text


def test_an_empty_or_malformed_introduction_is_400(app, db, portal):
    client = client_as(app, "secretariat")
    form = _introduction_form(client)
    form["text"] = "   "
    page = form.submit(status=400)
    assert page.html.find(id="text-error") is not None
    form = _introduction_form(client)
    form["text"] = "x"
    form["base"] = "٣"  # not ASCII digits
    form.submit(status=400)
    assert portal["review"]["reports"].introduction.revision == 0


def test_the_introduction_needs_the_csrf_token_also_under_https(app, db, portal):
    client = webtest.TestApp(
        app,
        extra_environ={
            "wsgi.url_scheme": "https",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "10.0.0.1",
        },
    )
    login(client, "secretariat")
    client.post(f"{R}/introduction", {"text": "x", "base": "0"}, status=400)
    commit(portal)
    assert portal["review"]["reports"].introduction.revision == 0


@pytest.mark.parametrize("who", ["secretariat", "focal-fra"])
def test_reading_never_writes(app, db, who):
    client = client_as(app, who)
    last = db.lastTransaction()
    for path in (*PAGES, f"{R}/general?instrument=TIP", f"{R}/introduction"):
        client.get(path, expect_errors=True)
    assert db.lastTransaction() == last
