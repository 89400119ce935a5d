"""The archive of a review's dialogue (¶35), downloaded and checked.

Italy's phase 1 of the demo gets a thread on the Convention holding a
marker and a file, which the participants and the Secretariat archive and
``sherloc-archive-check`` verifies; the additional reviewer (Oman, the
Firearms Protocol only) archives the general threads but not that one;
outsiders get nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.dialogue.archive_check import main as check
from sherloc_review.dialogue.resources import STATES_PARTIES, Topic
from sherloc_review.dialogue.threads import correct, decide, start_thread
from sherloc_review.feedback.items import add_item, answer
from sherloc_review.responses import attachments

MARKER = "wombatarchive"
EXPORT = "/review/countries/ITA/phase-1/dialogue/export"


class Author:
    def __init__(self, login: str, state: str = "") -> None:
        self.login, self.state = login, state


def _italy(portal):
    return portal["review"]["countries"]["ITA"]


def _plant(app, portal) -> str:
    """A thread on UNTOC with the marker, a file and a corrected message,
    and a draft feedback item with the marker; the file's id."""
    phase = _italy(portal).phases[1]
    stored = attachments.make(
        app.registry, "minutes <b>.txt", f"{MARKER} file".encode(), "focal-ita", False
    )
    thread = start_thread(
        phase.dialogue,
        f"On UNTOC {MARKER}",
        Topic("UNTOC"),
        f"first words <script>alert(1)</script> {MARKER}",
        Author("focal-ita", "ITA"),
        files=(stored,),
    )
    correct(thread, 1, f"corrected words {MARKER}", Author("focal-ita", "ITA"), 1)
    drafting = next(w for w in phase.feedback.values() if w.status == "draft")
    add_item(
        drafting,
        drafting.instruments[0],
        "",
        "question",
        f"draft question {MARKER}draft",
        f"expert-{drafting.reviewer.lower()}",
    )
    commit(portal)
    return stored.id


def _reviewer(portal, role: str) -> str:
    """The focal point of Italy's first reviewer of ``role``."""
    found = next(r for r in _italy(portal).reviewers if r.role == role)
    return f"focal-{found.state.lower()}"


def _outsider(portal) -> str:
    taken = set(_italy(portal).participants)
    return next(
        f"focal-{iso3.lower()}" for iso3 in ("FRA", "DEU", "BRA") if iso3 not in taken
    )


def _download(app, who: str, tmp_path, **kw):
    response = client_as(app, who).get(EXPORT, **kw)
    path = tmp_path / f"{who}.zip"
    path.write_bytes(response.body)
    return response, path


def _record(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("record.html").decode("utf-8")


def _rewrite(source, target, change) -> None:
    """Copy the zip ``source`` to ``target``; ``change(name, data)`` gives
    the new data, or ``None`` to leave the file out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)


def test_a_participant_downloads_an_archive_the_check_verifies(
    app, portal, db, tmp_path, capsys
):
    file_id = _plant(app, portal)
    before = db.lastTransaction()
    response, path = _download(app, "expert-ita", tmp_path)
    assert db.lastTransaction() == before  # a GET never writes
    assert response.content_type == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "ITA-phase-1-dialogue-" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        json_bytes = archive.read("manifest.json")
        manifest = json.loads(json_bytes)
        blob = [n for n in names if n.startswith("files/")]
        assert archive.read(blob[0]) == f"{MARKER} file".encode()
    assert blob == [f"files/3/{file_id}-minutes _b_.txt"]
    assert manifest["format"] == "sherloc-dialogue-archive"
    assert manifest["version"] == 1
    assert manifest["review"] == {"iso3": "ITA", "phase": 1, "cluster": "I"}
    assert manifest["generated_by"] == "expert-ita"
    assert manifest["generated_at"].endswith("Z")
    assert sorted(f["path"] for f in manifest["files"]) == sorted(
        n for n in names if n != "manifest.json"
    )
    assert check([str(path)]) == 0
    fingerprint = hashlib.sha256(json_bytes).hexdigest()
    assert capsys.readouterr().out.splitlines() == [
        f"OK: {len(names) - 1} files verified",
        f"manifest SHA-256: {fingerprint}",
    ]
    # The portal's hash-chained security log holds the same fingerprint.
    events = [
        json.loads(line)
        for line in app.registry.sherloc_security_log.path.read_text().splitlines()
    ]
    exported = [e for e in events if e["event"] == "dialogue.archive.exported"]
    assert exported[-1]["manifest_sha256"] == fingerprint
    assert exported[-1]["review"] == "ITA/phase-1" and MARKER not in str(exported)


def test_the_record_holds_every_version_escaped_and_no_draft(app, portal, tmp_path):
    _plant(app, portal)
    released = next(
        w for w in _italy(portal).phases[1].feedback.values() if w.status == "released"
    )
    request = next(i for i in released.items.values() if i.is_request)
    answer(released, request.number, "First answer.", "expert-ita", 0)
    answer(released, request.number, "Better answer.", "focal-ita", 1)
    commit(portal)
    _response, path = _download(app, "focal-ita", tmp_path)
    record = _record(path)
    assert "first words &lt;script&gt;alert(1)&lt;/script&gt;" in record
    assert "<script>" not in record
    assert f"corrected words {MARKER}" in record
    assert "Organisation of the constructive dialogue" in record  # demo thread
    assert "Please clarify how the offence is applied" in record  # released
    assert f"{MARKER}draft" not in record  # the other reviewer's draft
    assert "First answer." in record and "Better answer." in record
    assert "minutes &lt;b&gt;.txt" in record
    assert 'href="files/3/' in record and "minutes%20_b_.txt" in record
    assert 'lang="en"' in record


def test_the_record_shows_who_may_read_and_who_decided(app, portal, tmp_path):
    _plant(app, portal)
    dialogue = _italy(portal).phases[1].dialogue
    decide(dialogue, STATES_PARTIES, "focal-ita", dialogue.threads[3])
    commit(portal)
    _response, path = _download(app, "secretariat", tmp_path)
    record = _record(path)
    thread = record[record.index('id="thread-3"') :]
    assert 'data-level="states-parties" data-thread="3"' in thread
    assert "All States parties" in thread
    assert 'data-thread="3"' not in record[: record.index('id="thread-3"')]


def test_the_record_takes_the_downloaders_language(app, portal, tmp_path):
    client = client_as(app, "secretariat")
    client.set_cookie("sherloc_lang", "fr")
    body = client.get(EXPORT).body
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        record = archive.read("record.html").decode("utf-8")
    assert 'lang="fr"' in record
    assert "Groupe thématique" in record  # the label "Cluster"
    assert "Observations écrites" in record  # the state of the phase


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        ("byte", "files/3/"),
        ("added", "files/3/extra.txt"),
        ("removed", "files/3/"),
    ],
)
def test_the_check_fails_naming_the_file_tampered_with(
    app, portal, tmp_path, capsys, tamper, named
):
    _plant(app, portal)
    _response, path = _download(app, "secretariat", tmp_path)
    tampered = tmp_path / "tampered.zip"

    def change(name: str, data: bytes):
        if not name.startswith("files/3/"):
            return data
        if tamper == "byte":
            return bytes([data[0] ^ 1]) + data[1:]
        return None if tamper == "removed" else data

    _rewrite(path, tampered, change)
    if tamper == "added":
        with zipfile.ZipFile(tampered, "a") as archive:
            archive.writestr("files/3/extra.txt", b"slipped in")
    capsys.readouterr()
    assert check([str(tampered)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "FAILED: 1 problem"
    assert out[0].startswith(named)


def test_the_secretariat_archives_everything_the_additional_reviewer_its_share(
    app, portal, tmp_path
):
    _plant(app, portal)
    _response, path = _download(app, "secretariat", tmp_path)
    assert f"On UNTOC {MARKER}" in _record(path)
    additional = _reviewer(portal, "additional")
    _response, path = _download(app, additional, tmp_path)
    record = _record(path)
    assert "Organisation of the constructive dialogue" in record
    assert MARKER not in record
    assert "Please clarify how the offence" not in record  # PRT's, on UNTOC
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("files/")]


def test_outsiders_are_refused_the_archive(app, portal, tmp_path):
    _plant(app, portal)
    for who in (_outsider(portal), "ngo-demo", "admin"):
        response = client_as(app, who).get(EXPORT, expect_errors=True)
        assert response.status_code == 403, who
        assert MARKER not in response.text
    anonymous = client_as(app).get(EXPORT, expect_errors=True)
    assert anonymous.status_code == 303
    assert "/login" in anonymous.location
