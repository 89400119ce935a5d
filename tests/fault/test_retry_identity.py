"""A retried request loads its user afresh, in the retry's own connection.

pyramid_retry runs a request again after a ZODB conflict with the *same*
environ.  An identity cached there would hand the second attempt a user
object from the first attempt's connection, which is already back in the
pool: writes to it (a password change) would be lost or land in another
request's transaction.
"""

from pathlib import Path

import webtest
from pyramid.config import Configurator
from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid_retry import IBeforeRetry
from ZODB.POSException import ConflictError

from sherloc_portal.resources.root import bootstrap, root_factory
from sherloc_portal.resources.users import User
from sherloc_portal.testing import DEMO_PASSWORD, REPO, login, make_settings
from sherloc_portal.zodb import run_in_transaction


def _app(tmp_path: Path):
    settings = make_settings(
        str(REPO / "testing.ini"),
        tmp_path,
        **{"zodbconn.uri": "memory://", "pyramid.includes": ""},
    )
    seen = []

    def probe(request):
        attempt = request.environ.get("retry.attempt", 0)
        if attempt == 0:
            request.identity  # noqa: B018 - load (and cache) the identity
            raise ConflictError("simulated conflict")
        user = request.identity.user
        seen.append(user._p_jar is request.zodb_connection)
        user.fullname = "Changed on the retry"
        return Response("ok")

    with Configurator(settings=settings, root_factory=root_factory) as config:
        config.include("sherloc_portal")
        config.add_route("probe", "/probe")
        config.add_view(
            probe,
            route_name="probe",
            request_method="POST",
            permission=NO_PERMISSION_REQUIRED,
            require_csrf=False,
        )
        app = config.make_wsgi_app()

    held = []

    def another_worker_takes_the_pooled_connection(event):
        held.append(app.registry.zodb.open())

    app.registry.registerHandler(
        another_worker_takes_the_pooled_connection, (IBeforeRetry,)
    )

    def add_user(zodb_root):
        users = bootstrap(zodb_root)["users"]
        user = User("alice", "alice@example.org")
        user.active = True
        user.password_hash = app.registry.sherloc_passwords.hash(DEMO_PASSWORD)
        users.add_user(user)

    run_in_transaction(app.registry.zodb, add_user)
    return app, seen


def test_a_retried_attempt_gets_its_own_user_object(tmp_path):
    app, seen = _app(tmp_path)
    testapp = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(testapp, "alice")
    testapp.post("/probe", status=200)
    assert seen == [True]

    def fullname(zodb_root):
        return bootstrap(zodb_root)["users"]["alice"].fullname

    assert run_in_transaction(app.registry.zodb, fullname) == "Changed on the retry"
    app.registry.zodb.close()
