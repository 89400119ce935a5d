"""The ZODB connection: one database per app, one connection per request.

Same contract as pyramid_zodbconn (``zodbconn.uri`` through zodburi, a
connection joined to ``request.tm``), kept small and in our hands because
pyramid_zodbconn is unmaintained.  The database lives on the registry as
``registry.zodb``.
"""

from __future__ import annotations

import logging

import transaction
import zodburi
from pyramid.exceptions import ConfigurationError
from ZODB import DB

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SafeRequestWrote(RuntimeError):
    """A GET or HEAD request changed persistent data (a bug, see SECURITY.md §5)."""


def open_database(uri: str) -> DB:
    """Open the database a zodburi URI names (``file://``, ``zeo://``, …)."""
    storage_factory, dbkw = zodburi.resolve_uri(uri)
    storage = storage_factory()
    db = DB(storage, **dbkw)
    _fix_zeo_oid_reuse(storage)
    return db


def _fix_zeo_oid_reuse(storage) -> None:
    """Forget prefetched oids when a ZEO client reconnects.

    A restarted ZEO server hands out again the oids a client had prefetched
    before the restart; the client would then store two objects under one oid
    ("A different object already has the same oid").  Dropping the prefetched
    oids on every (re)connection closes that hole.
    """
    notify = getattr(storage, "notify_connected", None)
    if notify is None or not hasattr(storage, "_oids"):
        return

    def notify_connected(*args, **kw):
        storage._oids = []
        return notify(*args, **kw)

    storage.notify_connected = notify_connected
    storage._oids = []


def _connection(request):
    db = request.registry.zodb
    conn = db.open(transaction_manager=request.tm)

    def close(_request):
        conn.close()

    request.add_finished_callback(close)
    return conn


def safe_request_tween_factory(handler, registry):
    """Refuse a GET/HEAD/OPTIONS that dirtied the ZODB connection.

    In strict mode (tests) it raises; in production the transaction is doomed,
    so nothing is written, and the fault is logged.
    """
    strict = registry.sherloc_settings.strict_safe_requests

    def tween(request):
        response = handler(request)
        if request.method in SAFE_METHODS and "zodb_connection" in vars(request):
            conn = request.zodb_connection
            if conn._registered_objects:
                message = f"{request.method} {request.path} changed persistent data"
                if strict:
                    raise SafeRequestWrote(message)
                log.error(message)
                request.tm.doom()
        return response

    return tween


def includeme(config) -> None:
    settings = config.get_settings()
    uri = settings.get("zodbconn.uri")
    if not uri:
        raise ConfigurationError(
            "Set 'zodbconn.uri' in the .ini file, e.g. "
            "file://%(here)s/var/Data.fs?blobstorage_dir=%(here)s/var/blobs"
        )
    config.registry.zodb = open_database(uri)
    config.add_request_method(_connection, "zodb_connection", reify=True)
    config.add_tween(
        "sherloc_portal.zodb.safe_request_tween_factory",
        under="pyramid_tm.tm_tween_factory",
    )


def run_in_transaction(db: DB, func, note: str = ""):
    """Run ``func(root)`` in its own transaction; used by scripts and start-up."""
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            if note:
                tm.get().note(note)
            return func(conn.root())
    finally:
        conn.close()
