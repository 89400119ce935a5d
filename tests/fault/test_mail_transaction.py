"""Mail is queued inside the request's transaction: abort sends nothing.

Checked twice: with ``request.mailer`` driven directly under the request's
own transaction manager, and through the real password-reset request made to
fail (or to hit a conflict that ``pyramid_retry`` retries) after the mail
was queued.
"""

import pytest
import transaction
from pyramid.scripting import prepare
from ZODB.POSException import ConflictError

from sherloc_portal.accounts import reset
from sherloc_portal.accounts.testing import add_user


@pytest.fixture
def request_in_transaction(app, db):
    env = prepare(registry=app.registry)
    request = env["request"]
    request.tm = transaction.TransactionManager(explicit=True)
    request.tm.begin()
    yield request
    env["closer"]()


def _send(request):
    request.mailer.send(request, "someone@example.org", "Subject", "A link only.")


def test_an_aborted_transaction_leaves_nothing(request_in_transaction, outbox):
    _send(request_in_transaction)
    request_in_transaction.tm.abort()
    assert outbox() == []


def test_a_committed_transaction_leaves_exactly_one_message(
    request_in_transaction, outbox
):
    _send(request_in_transaction)
    assert outbox() == []  # nothing before the commit
    request_in_transaction.tm.commit()
    [message] = outbox()
    assert message["To"] == "someone@example.org"
    assert message["Subject"] == "Subject"


def _ask_for_reset(testapp, **kw):
    form = testapp.get("/password-reset").forms["reset-request-form"]
    form["identifier"] = "alice"
    return form.submit("send", **kw)


def test_a_request_failing_after_the_mail_sends_nothing(
    app, portal, testapp, outbox, monkeypatch
):
    add_user(app, portal, "alice")

    def explode(**kw):
        raise RuntimeError("failure after the mail was queued")

    monkeypatch.setattr(reset, "HTTPSeeOther", explode)
    with pytest.raises(RuntimeError):
        _ask_for_reset(testapp)
    assert outbox() == []


def test_a_retried_request_sends_exactly_one_message(
    app, portal, testapp, outbox, monkeypatch
):
    add_user(app, portal, "alice")
    real = reset.HTTPSeeOther
    calls = []

    def conflict_once(**kw):
        calls.append(kw)
        if len(calls) == 1:
            raise ConflictError("simulated conflict")
        return real(**kw)

    monkeypatch.setattr(reset, "HTTPSeeOther", conflict_once)
    _ask_for_reset(testapp, status=303)
    assert len(calls) == 2
    assert len(outbox()) == 1


def test_a_committed_request_sends_exactly_one_message(app, portal, testapp, outbox):
    add_user(app, portal, "alice")
    _ask_for_reset(testapp, status=303)
    assert len(outbox()) == 1
