"""Close the copy of a request body that the retry policy made.

pyramid_retry makes every body seekable before the first attempt, so a
retried request can read it again; webob copies a body over 10 KB (an
uploaded file, a workbook) into a temporary file, which nothing closes:
it lingers until the garbage collector finds it.  The portal wraps the
execution policy so the copy is closed once every attempt is over.
"""

from __future__ import annotations

import io


def closing_bodies(policy):
    """``policy`` (an execution policy), closing the body copy after it."""

    def execute(environ, router):
        try:
            return policy(environ, router)
        finally:
            body = environ.get("wsgi.input")
            # Only the copy webob made (a temporary file), never the server's
            # own stream.
            if environ.get("webob.is_body_seekable") and isinstance(
                body, io.BufferedRandom
            ):
                body.close()

    return execute
