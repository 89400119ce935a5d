"""What follows a new message, from the pages and the API alike.

The public copy takes it when the thread is public (¶41; a file that no
longer matches its fingerprint refuses the act) and the thread's readers
are told (mails leave only when the request commits).
"""

from __future__ import annotations

from . import notify, publish


def follow_up(request, thread, message) -> None:
    publish.refresh_after_post(request, thread)
    notify.message_posted(request, thread, message)
