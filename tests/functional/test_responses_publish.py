"""Publishing responses (¶41): a public copy of the chosen answers only.

Kenya's (``focal-ken``) smuggling-of-migrants responses are answered and
submitted here: the first answer carries markers meant for the public and
cites two files, of which the State ticks one; the second answer carries a
marker that must reach no public page.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pyramid.authorization import Allow, Authenticated, Everyone

from sherloc_portal.forms import ActionRefused
from sherloc_portal.security.acl import DENY_ALL
from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.responses import attachments
from sherloc_review.responses.answers import save
from sherloc_review.responses.publish import (
    PublishedAnswer,
    ensure_published_folder,
    publish,
)
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.submit import submit

BASE = "/review/countries/KEN/phase-1/responses"
SOM = f"{BASE}/SOM"
LISTING = "/knowledge/responses"
PUBLIC_TEXT = "PUBLIC-ANSWER-MARKER-41"
PUBLIC_FOLLOW_UP = "PUBLIC-FOLLOW-UP-MARKER-41"
SECRET_TEXT = "UNPUBLISHED-ANSWER-MARKER-41"
PUBLIC_BYTES = b"PUBLIC-FILE-BYTES-41"
SECRET_BYTES = b"UNPUBLISHED-FILE-BYTES-41"
SECRET_FILENAME = "unpublished-annex.txt"
RECORD = "demo-nga-trafficking-in-persons-act-2015"
OUTSIDERS = ["expert-ken", "focal-fra", "secretariat", "ngo-demo", None]


@pytest.fixture
def som(app, portal, clock):
    """KEN's SOM responses, submitted: two answers, two files, one unanswered.

    Returns the self-assessment with the ids of the files: ``shared`` (the
    State ticks it) and ``kept`` (it does not).
    """
    ensure_published_folder(portal)
    assessment = portal["review"]["countries"]["KEN"].phases[1].responses["SOM"]
    first, second = assessment.questions[:2]
    shared = attachments.store(
        app.registry, assessment, "annex.txt", PUBLIC_BYTES, "focal-ken", False
    )
    kept = attachments.store(
        app.registry, assessment, SECRET_FILENAME, SECRET_BYTES, "focal-ken", False
    )
    follow_up = next(f for f in first.follow_ups if "yes" in f.when)
    save(
        assessment,
        first.id,
        AnswerValue(
            closed="yes",
            follow_ups=((follow_up.id, PUBLIC_FOLLOW_UP),),
            text=PUBLIC_TEXT,
            legislation=(RECORD,),
            attachments=(shared.id, kept.id),
        ),
        base=0,
        by="focal-ken",
    )
    save(
        assessment,
        second.id,
        AnswerValue(closed="no", text=SECRET_TEXT, attachments=(kept.id,)),
        base=0,
        by="focal-ken",
    )
    submit(assessment, "focal-ken", clock.today(), key="k1", on_behalf=False)
    commit(portal)
    return SimpleNamespace(
        assessment=assessment,
        questions=assessment.questions,
        shared=shared.id,
        kept=kept.id,
    )


def _publish_form(client, questions, files):
    form = client.get(f"{SOM}/publish").forms["publish-form"]
    for box in form.fields.get("question", []):
        box.checked = box._value in questions
    for box in form.fields.get("attachment", []):
        box.checked = box._value in files
    return form


def _published(portal):
    commit(portal)  # a fresh transaction sees what the requests committed
    return portal["knowledge"]["responses"]


def _first_publication(app, portal, som):
    focal = client_as(app, "focal-ken")
    first = som.questions[0].id
    _publish_form(focal, [first], [som.shared]).submit(status=303)
    [name] = _published(portal).keys()
    return focal, name


def test_the_focal_point_publishes_part_and_anyone_reads_it(app, db, portal, som):
    _focal, name = _first_publication(app, portal, som)
    assert name == "KEN-phase-1-SOM-1"
    anonymous = client_as(app)
    listing = anonymous.get(LISTING)
    assert listing.html.find(attrs={"data-publication": name}) is not None
    page = anonymous.get(f"{LISTING}/{name}")
    facts = page.html.find(id="publication-facts").text
    assert "Kenya" in facts and "2027-01-15" in facts
    assert PUBLIC_TEXT in page.text
    assert PUBLIC_FOLLOW_UP in page.text
    assert som.questions[0].text in page.text
    links = [a["href"] for a in page.html.find(id="questions").find_all("a")]
    assert f"http://localhost/knowledge/legislation/{RECORD}" in links
    download = anonymous.get(f"{LISTING}/{name}/file/{som.shared}")
    assert download.body == PUBLIC_BYTES
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_unpublished_answers_and_files_reach_no_public_page(app, db, portal, som):
    _focal, name = _first_publication(app, portal, som)
    anonymous = client_as(app)
    anonymous.get(f"{LISTING}/{name}/file/{som.kept}", status=404)
    pages = [
        anonymous.get(path)
        for path in (
            "/",
            "/knowledge",
            LISTING,
            f"{LISTING}?state=KEN",
            f"{LISTING}/{name}",
            f"/knowledge/legislation/{RECORD}",
        )
    ]
    for page in pages:
        assert SECRET_TEXT not in page.text, page.request.path
        assert SECRET_FILENAME not in page.text, page.request.path
        assert som.questions[1].id not in page.text, page.request.path


def test_the_publication_is_a_copy_that_opens_nothing_under_review(
    app, db, portal, som
):
    before = som.assessment._p_serial
    _first_publication(app, portal, som)
    [publication] = _published(portal).values()
    assert som.assessment.status == "submitted"
    assert som.assessment._p_serial == before  # read, never written
    [copied] = publication.files
    original = som.assessment.attachments[som.shared].blob
    assert copied.blob is not original
    assert copied.blob._p_oid != original._p_oid
    with copied.blob.open("r") as f:
        assert f.read() == PUBLIC_BYTES
    [answer] = publication.answers
    assert isinstance(answer, PublishedAnswer)
    assert answer.attachments == (som.shared,)  # the unticked file is left out
    assert publication.__acl__() == [
        (Allow, Everyone, "portal:site:view"),
        DENY_ALL,
    ]
    acl = som.assessment.__acl__()
    for action, principal, _permissions in acl:
        assert not (action == Allow and principal in (Everyone, Authenticated))
    assert acl[-1] == DENY_ALL


@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_the_focal_point_may_publish_or_withdraw(app, db, portal, som, who):
    _focal, name = _first_publication(app, portal, som)
    client = client_as(app, who)
    token = csrf_token(client)
    expected = 303 if who is None else 403
    responses = [
        client.get(f"{SOM}/publish", status=expected),
        client.post(
            f"{SOM}/publish",
            {"csrf_token": token, "question": som.questions[1].id, "key": "x"},
            status=expected,
        ),
        client.post(
            f"{SOM}/withdraw",
            {"csrf_token": token, "publication": name},
            status=expected,
        ),
    ]
    if who is None:
        assert all("/login" in r.location for r in responses)
    published = _published(portal)
    assert list(published.keys()) == [name]
    assert not published[name].withdrawn


def test_a_draft_cannot_be_published(app, db, portal):
    ensure_published_folder(portal)
    untoc = portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]
    assert untoc.status == "draft"
    client_as(app, "focal-ken").get(f"{BASE}/UNTOC/publish", status=403)
    with pytest.raises(ActionRefused) as refused:
        publish(untoc, [untoc.questions[0].id], [], "focal-ken", "k")
    assert "¶41" in refused.value.message
    assert len(portal["knowledge"]["responses"]) == 0


def test_a_post_without_csrf_token_is_refused(app, db, portal, som):
    focal = client_as(app, "focal-ken")
    focal.post(f"{SOM}/publish", {"question": som.questions[0].id}, status=400)
    assert len(_published(portal)) == 0


def test_sending_the_same_form_twice_publishes_once(app, db, portal, som):
    focal = client_as(app, "focal-ken")
    form = _publish_form(focal, [som.questions[0].id], [])
    form.submit(status=303)
    form.submit(status=303)
    assert list(_published(portal).keys()) == ["KEN-phase-1-SOM-1"]


def test_the_same_key_returns_the_same_publication(portal, som):
    first = som.questions[0].id
    one = publish(som.assessment, [first], [], "focal-ken", "same-key")
    again = publish(som.assessment, [first], [som.shared], "focal-ken", "same-key")
    assert again is one
    other = publish(som.assessment, [first], [], "focal-ken", "other-key")
    assert (one.__name__, other.__name__) == ("KEN-phase-1-SOM-1", "KEN-phase-1-SOM-2")


def test_an_empty_choice_is_refused_with_a_reason(app, db, portal, som):
    focal = client_as(app, "focal-ken")
    page = _publish_form(focal, [], []).submit(status=400)
    assert "Choose at least one answer" in page.html.find(id="publish-error").text
    assert len(_published(portal)) == 0


@pytest.mark.parametrize(
    ("questions", "files", "reason"),
    [
        (["NO-SUCH-QUESTION"], [], "no question NO-SUCH-QUESTION"),
        ([1], ["shared"], "Only files cited by the answers chosen"),
        ([0], ["no-such-file"], "Only files cited by the answers chosen"),
        ([2], [], "do not answer"),
    ],
)
def test_unknown_unanswered_or_uncited_choices_are_refused(
    portal, som, questions, files, reason
):
    ids = [som.questions[q].id if isinstance(q, int) else q for q in questions]
    files = [getattr(som, f, f) for f in files]
    with pytest.raises(ActionRefused) as refused:
        publish(som.assessment, ids, files, "focal-ken", "k")
    assert reason in refused.value.message.interpolate()
    assert len(portal["knowledge"]["responses"]) == 0


def test_withdrawing_hides_the_publication_and_keeps_the_record(app, db, portal, som):
    focal, name = _first_publication(app, portal, som)
    page = focal.get(f"{SOM}/publish")
    page.forms[f"withdraw-{name}"].submit(status=303)
    anonymous = client_as(app)
    gone = anonymous.get(f"{LISTING}/{name}", status=410)
    assert PUBLIC_TEXT not in gone.text
    anonymous.get(f"{LISTING}/{name}/file/{som.shared}", status=410)
    listing = anonymous.get(LISTING)
    assert listing.html.find(attrs={"data-publication": name}) is None
    assert listing.html.find(id="no-publications") is not None
    publication = _published(portal)[name]
    assert publication.withdrawn and publication.withdrawn_by == "focal-ken"
    assert publication.questions == (som.questions[0].id,)
    assert publication.by == "focal-ken"
    assert publication.answers == () and publication.files == ()
    row = focal.get(f"{SOM}/publish").html.find(attrs={"data-publication": name})
    assert row["data-withdrawn"] == "true"


def test_a_publication_of_other_responses_cannot_be_withdrawn_here(
    app, db, portal, som
):
    focal, name = _first_publication(app, portal, som)
    token = csrf_token(focal)
    focal.post(
        f"{BASE}/SOM/withdraw",
        {"csrf_token": token, "publication": "ITA-phase-1-SOM-1"},
        status=400,
    )
    assert not _published(portal)[name].withdrawn


def test_the_published_folder_is_created_once(portal):
    folder = ensure_published_folder(portal)
    assert ensure_published_folder(portal) is folder
    assert portal["knowledge"]["responses"] is folder
