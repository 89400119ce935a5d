"""The outcome's pages: the list, its versions, the parts kept confidential,
the conference room paper, the summary and its translations (¶38, ¶39).

The demo's Singapore (reviewed by China and Russia) has a list at version 5
approved by Singapore and China; Jordan's (reviewed by Mongolia and France)
is agreed, its summary agreed in English and translated into French.
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit

SGP = "/review/countries/SGP/phase-1/observations"
JOR = "/review/countries/JOR/phase-1/observations"
MARKER = "Withheld-marker-7Q"


def test_the_parties_read_the_list_under_the_blueprint_with_approvals(app, db):
    page = client_as(app, "expert-rus").get(SGP)
    assert page.html.find(id="version")["data-version"] == "5"
    rows = {
        r["data-party"]: r["data-current"]
        for r in page.html.find(id="approvals").find_all(
            "tr", attrs={"data-party": True}
        )
    }
    assert rows == {"SGP": "yes", "CHN": "yes", "RUS": "no"}
    headings = [h.text for h in page.html.find_all("h3")]
    assert (
        "Gaps and challenges" in headings and "Technical-assistance needs" in headings
    )
    assert "approve-form" not in page.forms  # an expert does not approve
    assert "approve-form" in client_as(app, "focal-rus").get(SGP).forms


@pytest.mark.parametrize("who", ["focal-fra", "ngo-demo", "expert-ita", "chair-demo"])
def test_outsiders_are_refused_the_list_and_its_pages(app, db, who):
    client = client_as(app, who)
    for path in ("", "/versions", "/paper", "/paper.pdf", "/edit?entry=1", "/summary"):
        client.get(SGP + path, status=403)


def test_anonymous_is_sent_to_log_in(app, db):
    page = client_as(app).get(SGP, expect_errors=True)
    assert page.status_int in (302, 303, 403)
    assert "Statistics on convictions" not in page.text


def test_an_edit_withdraws_the_approvals_and_the_last_one_agrees(app, db, portal):
    russia = client_as(app, "focal-rus")
    read_before = russia.get(SGP).forms["approve-form"]  # version 5
    china = client_as(app, "expert-chn")
    form = china.get(SGP).forms["entry-form"]
    form["kind"] = "suggestion"
    form["text"] = "Publish the statistics."
    form.submit(status=303)
    page = china.get(SGP)
    assert page.html.find(id="version")["data-version"] == "6"
    withdrawn = page.html.find("tr", attrs={"data-party": "SGP"})
    assert withdrawn["data-current"] == "no" and "withdrawn" in withdrawn.text
    # Russia approves the version it read before the edit: refused.
    refused = read_before.submit(status=400)
    assert "no longer the current one" in refused.html.find(id="form-errors").text
    for party in ("sgp", "chn", "rus"):
        client_as(app, f"focal-{party}").get(SGP).forms["approve-form"].submit(
            status=303
        )
    page = russia.get(SGP)
    assert page.html.find(id="status")["data-agreed"] == "yes"
    assert "entry-form" not in page.forms and "approve-form" not in page.forms
    phase = client_as(app, "focal-sgp").get("/review/countries/SGP/phase-1")
    assert phase.html.find(id="summary-link")


def test_a_stale_edit_keeps_the_writers_text_beside_the_other(app, db):
    china, russia = client_as(app, "expert-chn"), client_as(app, "expert-rus")
    mine = china.get(f"{SGP}/edit?entry=1").forms["entry-form"]
    theirs = russia.get(f"{SGP}/edit?entry=1").forms["entry-form"]
    theirs["text"] = "Russia's wording."
    theirs.submit(status=303)
    mine["text"] = "China's wording."
    page = mine.submit(status=409)
    assert "Russia's wording." in page.html.find(id="other-text").text
    assert page.forms["entry-form"]["text"].value == "China's wording."
    assert client_as(app, "expert-chn").get(SGP).text.count("Russia's wording.") == 1


def test_bad_input_is_named_not_a_traceback(app, db):
    china = client_as(app, "expert-chn")
    form = china.get(SGP).forms["entry-form"]
    form["kind"] = "assistance"  # without its kind of need
    form["text"] = "x"
    page = form.submit(status=400)
    assert "kind of assistance" in page.html.find(id="form-errors").text
    token = form["csrf_token"].value
    for data in (
        {"place": "UNTOC:2", "kind": "gap", "text": "x", "cites": "nonsense"},
        {"place": "NOPE", "kind": "gap", "text": "x"},
        {"place": "UNTOC:2", "kind": "gap", "text": "x", "base": "²"},
    ):
        china.post(f"{SGP}/add", {"csrf_token": token, **data}, status=400)
    china.get(f"{SGP}/edit?entry=²", status=400)
    china.get(f"{SGP}/edit?entry=999", status=404)
    china.get(f"{SGP}/versions?from=x&to=99", status=200)


def test_unsafe_requests_need_the_csrf_token(app, db):
    china = client_as(app, "expert-chn")
    refused = china.post(
        f"{SGP}/add", {"place": "UNTOC:2", "kind": "gap", "text": "x"}, status=400
    )
    assert "CSRF" in refused.text
    client_as(app, "focal-rus").post(f"{SGP}/approve", {"version": "5"}, status=400)
    page = china.get(SGP)
    assert page.html.find(id="version")["data-version"] == "5"
    assert page.html.find("tr", attrs={"data-party": "RUS"})["data-current"] == "no"


def test_the_diff_shows_what_an_edit_changed(app, db):
    china = client_as(app, "expert-chn")
    form = china.get(f"{SGP}/edit?entry=1").forms["entry-form"]
    form["text"] = "Statistics on convictions are now partly collected."
    form.submit(status=303)
    page = china.get(f"{SGP}/versions")
    change = page.html.find(attrs={"data-entry": "1"})
    assert change["data-change"] == "changed"
    assert "partly" in change.find("ins").text
    added = china.get(f"{SGP}/versions?from=0&to=1").html.find(
        attrs={"data-entry": "1"}
    )
    assert added["data-change"] == "added"


def _withhold(app, entry: int) -> None:
    singapore = client_as(app, "focal-sgp")
    form = singapore.get(f"{SGP}/confidential").forms["confidential-form"]
    for box in form.fields["entries"]:
        box.checked = box._value == str(entry)
    form["reason"] = "Exceptional circumstances."
    form.submit(status=303)


def test_only_the_state_under_review_keeps_parts_confidential(app, db):
    for who in ("focal-chn", "expert-sgp", "secretariat", "focal-fra"):
        client_as(app, who).get(f"{SGP}/confidential", status=403)


def test_withheld_parts_never_reach_the_working_groups(app, db, portal):
    """The parties and the Secretariat read the whole list; the conference
    room paper (HTML, PDF, API) leaves the withheld entry out and says so."""
    observations = portal["review"]["countries"]["SGP"].phases[1].observations
    from sherloc_review.outcomes.lists import approve_list, save_entry

    entry = save_entry(
        observations,
        "SGP",
        "expert-sgp",
        1.0,
        instrument="UNTOC",
        article=observations.entries[0].article,
        kind="gap",
        text=MARKER,
    )
    commit(portal)
    _withhold(app, entry.number)
    commit(portal)
    for party in observations.parties:
        approve_list(
            portal["review"],
            observations,
            party,
            observations.latest,
            "f",
            observations.phase.opened_on,
            1.0,
        )
    commit(portal)
    assert MARKER in client_as(app, "expert-chn").get(SGP).text
    assert MARKER in client_as(app, "secretariat").get(SGP).text
    outsider = client_as(app, "focal-fra")  # a working group's member
    paper = outsider.get(f"{SGP}/paper")
    assert MARKER not in paper.text
    assert "kept confidential by the State party" in paper.text
    assert "Statistics on convictions" in paper.text
    pdf = outsider.get(f"{SGP}/paper.pdf")
    assert pdf.content_type == "application/pdf" and MARKER.encode() not in pdf.body
    api = outsider.get("/api/v1/reviews/SGP/phases/1/observations").json
    assert api["view"] == "conference-room-paper" and api["withheld"] is True
    assert MARKER not in str(api) and all(not e["cites"] for e in api["entries"])
    outsider.get(SGP, status=403)  # the list itself stays with the parties
    client_as(app, "ngo-demo").get(f"{SGP}/paper", status=403)
    client_as(app, "chair-demo").get(f"{SGP}/paper", status=200)


def test_the_paper_is_a_draft_preview_before_the_agreement(app, db):
    paper = client_as(app, "expert-chn").get(f"{SGP}/paper")
    assert "not agreed" in paper.text
    pdf = client_as(app, "expert-chn").get(f"{SGP}/paper.pdf")
    assert pdf.body.startswith(b"%PDF")


# -- the summary ---------------------------------------------------------------


def test_the_summary_page_counts_words_and_refuses_too_many(app, db, portal):
    phase = portal["review"]["countries"]["JOR"].phases[1]
    summary = phase.observations.summary
    summary.agreed, summary.approvals = None, ()
    summary.translations.clear()
    commit(portal)
    france = client_as(app, "expert-fra")
    page = france.get(f"{JOR}/summary")
    counter = page.html.find(id="word-count")
    assert counter["data-count"] == str(summary.current.words)
    assert "{count}" in counter["data-template"]
    form = page.forms["summary-form"]
    form["gap"] = "word " * 1501
    refused = form.submit(status=400)
    assert "at most 1500" in refused.html.find(id="form-errors").text
    assert refused.forms["summary-form"]["gap"].value.startswith("word word")
    form = refused.forms["summary-form"]
    form["gap"] = "word " * 1400
    form.submit(status=303)
    assert (
        client_as(app, "expert-fra")
        .get(f"{JOR}/summary")
        .html.find(id="version")["data-version"]
        == "2"
    )


def test_the_secretariat_records_translations_until_all_six_exist(app, db, portal):
    secretariat = client_as(app, "secretariat")
    page = secretariat.get(f"{JOR}/summary")
    statuses = {
        r["data-lang"]: r["data-status"]
        for r in page.html.find(id="languages").find_all(
            "tr", attrs={"data-lang": True}
        )
    }
    assert statuses == {
        "ar": "missing",
        "zh": "missing",
        "en": "original",
        "fr": "final",
        "ru": "missing",
        "es": "missing",
    }
    client_as(app, "focal-jor").get(f"{JOR}/summary").forms.get(
        "translation-form", None
    )
    assert (
        "translation-form"
        not in client_as(app, "focal-jor").get(f"{JOR}/summary").forms
    )
    # A working group's member reads nothing before the summary is issued.
    client_as(app, "focal-nld").get(f"{JOR}/summary/read?lang=en", status=403)
    for lang in ("ar", "zh", "ru", "es"):
        form = secretariat.get(f"{JOR}/summary").forms["translation-form"]
        form["language"] = lang
        form["status"] = "final"
        form["gap"] = f"Translated into {lang}."
        form.submit(status=303)
    page = secretariat.get(f"{JOR}/summary")
    assert page.html.find(id="status")["data-issued"] == "yes"
    assert "translation-form" not in page.forms
    reader = client_as(app, "focal-nld")
    arabic = reader.get(f"{JOR}/summary/read?lang=ar")
    assert arabic.html.find(id="summary")["dir"] == "rtl"
    assert "Translated into ar." in arabic.text
    # Not found, to whoever reads the summary itself; others learn nothing.
    secretariat.get(f"{JOR}/summary/read?lang=xx", status=404)
    reader.get(f"{JOR}/summary/read?lang=xx", status=403)
    client_as(app, "ngo-demo").get(f"{JOR}/summary/read?lang=en", status=403)
    phase = client_as(app, "focal-jor").get("/review/countries/JOR/phase-1")
    assert "Concluded" in phase.text


def test_a_translation_file_is_checked_and_downloaded(app, db):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get(f"{JOR}/summary").forms["translation-form"]
    form["language"] = "es"
    form["status"] = "in-progress"
    form["file"] = ("resumen.exe", b"MZ\x90\x00binary")
    refused = form.submit(status=400)
    assert "not accepted" in refused.html.find(id="form-errors").text
    form = secretariat.get(f"{JOR}/summary").forms["translation-form"]
    form["language"] = "es"
    form["status"] = "in-progress"
    form["file"] = (
        "resumen.pdf",
        b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    )
    form.submit(status=303)
    got = client_as(app, "expert-mng").get(f"{JOR}/summary/file?lang=es")
    assert got.content_type == "application/pdf"
    assert "attachment" in got.headers["Content-Disposition"]
    client_as(app, "focal-nld").get(f"{JOR}/summary/file?lang=es", status=403)


def test_the_working_groups_find_the_agreed_lists_by_state_name(app, db):
    page = client_as(app, "focal-nld").get("/review")
    listing = client_as(app, "focal-nld").get(
        page.html.find(id="outcomes-link")["href"]
    )
    rows = listing.html.find(id="outcomes").find_all("tr", attrs={"data-review": True})
    assert [r["data-review"] for r in rows] == ["JOR-1"]  # SGP is not agreed
    assert "Not issued yet" in rows[0].text
    paper = client_as(app, "focal-nld").get(rows[0].find("a")["href"])
    assert "Conference room paper" in paper.text
    client_as(app, "ngo-demo").get("/review/outcomes", status=403)


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("focal-nld", {"outcomes", "assistance", "experiences", "report"}),
        ("secretariat", {"outcomes", "assistance", "experiences", "report"}),
        ("chair-demo", {"outcomes", "assistance", "report"}),
        ("admin", set()),
    ],
)
def test_the_overview_links_to_what_each_reader_may_open(app, db, who, links):
    page = client_as(app, who).get("/review")
    wanted = {"outcomes", "assistance", "experiences", "report"}
    assert {i for i in wanted if page.html.find(id=f"{i}-link")} == links


def test_a_server_without_its_fonts_says_so_and_offers_the_web_page(
    app, db, monkeypatch
):
    from sherloc_review.outcomes import paper_views
    from sherloc_review.responses.pdf import FontsMissing

    def no_fonts(*args):
        raise FontsMissing("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

    monkeypatch.setattr(paper_views, "draw", no_fonts)
    page = client_as(app, "expert-chn").get(f"{SGP}/paper.pdf", status=503)
    assert "Read the paper as a web page meanwhile" in page.text


@pytest.mark.parametrize("version", ["\u0665", " 5 ", "5.0", "-5", "9" * 12])
def test_an_approval_names_its_version_in_ascii_digits(app, db, version):
    russia = client_as(app, "focal-rus")
    form = russia.get(SGP).forms["approve-form"]
    form["version"].force_value(version)
    form.submit(status=400)
    assert russia.get(SGP).html.find(id="status")["data-agreed"] == "no"


def test_an_additional_reviewer_reads_only_its_instruments_entries(app, db, portal):
    """Argentina's additional reviewer India reviews the Firearms Protocol
    only (¶28(b)): the list's entries on the Convention stay hidden from it."""
    from sherloc_review.outcomes.lists import save_entry

    phase = portal["review"]["countries"]["ARG"].phases[1]
    phase.state = "dialogue"
    entry = save_entry(
        phase.observations,
        "ARG",
        "expert-arg",
        1.0,
        instrument="UNTOC",
        article="",
        kind="gap",
        text=MARKER,
    )
    commit(portal)
    path = "/review/countries/ARG/phase-1/observations"
    india = client_as(app, "focal-ind")
    for page in (path, f"{path}/versions", f"{path}/paper"):
        assert MARKER not in india.get(page).text
    api = india.get("/api/v1/reviews/ARG/phases/1/observations").json
    assert api["entries"] == []
    india.get(f"{path}/edit?entry={entry.number}", status=404)
    assert MARKER in client_as(app, "expert-blz").get(path).text  # a full reviewer
