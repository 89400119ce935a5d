"""A GET that writes persistent data is a bug: refused in tests, doomed in production.

The views here are test-only, registered in a Configurator built by the test
with just the pieces the safety tween needs (settings, pyramid_tm, the ZODB
connection), so the product carries no writing GET view to test with.
"""

from __future__ import annotations

import pytest
import webtest
from persistent.mapping import PersistentMapping
from pyramid.config import Configurator
from pyramid.security import NO_PERMISSION_REQUIRED

from sherloc_portal.testing import make_settings
from sherloc_portal.zodb import SafeRequestWrote, run_in_transaction


def _write(request):
    request.zodb_connection.root()["written"] = PersistentMapping(by=request.method)
    return request.response


def _read(request):
    request.response.text = str(request.zodb_connection.root().get("written"))
    return request.response


def _make_app(request, tmp_path, strict: bool):
    settings = make_settings(
        request.config.getoption("--ini"),
        tmp_path,
        **{
            "zodbconn.uri": "memory://",
            "pyramid.includes": "",
            "sherloc.strict_safe_requests": str(strict).lower(),
        },
    )
    with Configurator(settings=settings) as config:
        config.include("sherloc_portal.settings")
        config.include("pyramid_tm")
        config.include("sherloc_portal.zodb")
        config.add_route("write", "/write")
        config.add_route("read", "/read")
        config.add_view(_write, route_name="write", permission=NO_PERMISSION_REQUIRED)
        config.add_view(_read, route_name="read", permission=NO_PERMISSION_REQUIRED)
        app = config.make_wsgi_app()
    request.addfinalizer(app.registry.zodb.close)
    return app


def _stored(app):
    return run_in_transaction(app.registry.zodb, lambda root: "written" in root)


@pytest.mark.parametrize("strict", [True, False])
def test_a_post_may_write(request, tmp_path, strict):
    app = _make_app(request, tmp_path, strict)
    webtest.TestApp(app).post("/write", status=200)
    assert _stored(app)


@pytest.mark.parametrize("strict", [True, False])
def test_a_get_that_only_reads_is_served(request, tmp_path, strict):
    app = _make_app(request, tmp_path, strict)
    assert webtest.TestApp(app).get("/read", status=200).text == "None"


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_strict_mode_raises_on_a_writing_safe_request(request, tmp_path, method):
    app = _make_app(request, tmp_path, strict=True)
    client = webtest.TestApp(app)
    with pytest.raises(SafeRequestWrote, match=f"{method} /write"):
        client.request("/write", method=method)
    assert not _stored(app)


def test_production_mode_dooms_the_transaction_and_logs(request, tmp_path, caplog):
    app = _make_app(request, tmp_path, strict=False)
    webtest.TestApp(app).get("/write", status=200)
    assert not _stored(app)
    assert "GET /write changed persistent data" in caplog.text
