"""Applications counted per client address, for the form and the API alike.

The portal's throttle (``sherloc_portal.accounts.throttle``) counts them in
its own transaction (a refused request still counts):
``sherloc.applications_per_address`` within ``sherloc.login_window``
seconds, then 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import time

from sherloc_portal.accounts import throttle
from sherloc_portal.accounts.security_log import client_address, log_event

from ..i18n import _

#: Applications one address may send within the window.
DEFAULT_PER_ADDRESS = 5


def _key(request) -> str:
    return f"apply-addr:{client_address(request)}"


def _per_address(request) -> int:
    settings = request.registry.settings
    return int(settings.get("sherloc.applications_per_address", DEFAULT_PER_ADDRESS))


def throttled(request):
    """A message to refuse with (429; ``Retry-After`` set and the event
    logged) when the address sent too many applications, else ``None``."""
    until = throttle.retry_after(request, (_key(request),), _per_address(request))
    if until is None:
        return None
    seconds = max(1, math.ceil(until - time.time()))
    log_event(request, "application.throttled", retry_after=seconds)
    request.response.headers["Retry-After"] = str(seconds)
    return _(
        "Too many applications came from your network. Try again in "
        "${minutes} minutes.",
        mapping={"minutes": max(1, math.ceil(seconds / 60))},
    )


def count(request) -> None:
    """Count one application (or honeypot hit) from this address."""
    throttle.record(request, (_key(request),))
