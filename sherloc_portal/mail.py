"""Transactional e-mail.

Messages go into a maildir queue (``sherloc.mail_queue_path``, ``var/mail``
by default) *inside* the request's transaction through repoze.sendmail: an
aborted or retried request leaves no message behind.  In development the
maildir is where mails are read; in production ``qp`` (repoze.sendmail's
queue processor) delivers it to the SMTP server.
"""

from __future__ import annotations

from pathlib import Path

from pyramid_mailer.message import Message
from repoze.sendmail.delivery import QueuedMailDelivery


class PortalMailer:
    """Send plain-text mails through the transactional queue."""

    def __init__(self, queue_path: Path, sender: str) -> None:
        queue_path.mkdir(parents=True, exist_ok=True)
        for sub in ("new", "cur", "tmp"):
            (queue_path / sub).mkdir(exist_ok=True)
        self.queue_path = queue_path
        self.sender = sender

    def send(self, request, to: str, subject: str, body: str) -> None:
        """Queue a mail in ``request.tm``'s transaction.

        ``subject`` and ``body`` are final text, already translated into the
        *recipient's* language (see :func:`sherloc_portal.i18n.localizer_for`),
        which need not be the sender's.  The delivery is joined to the
        request's own transaction manager (pyramid_tm's explicit manager),
        not the thread's global one, so the mail is written exactly when the
        request commits.  Never put confidential content in ``body``: mails
        carry links only (SECURITY.md §11).
        """
        message = Message(
            subject=subject, recipients=[to], body=body, sender=self.sender
        )
        delivery = QueuedMailDelivery(
            str(self.queue_path), transaction_manager=request.tm
        )
        delivery.send(self.sender, [to], message.to_message())


def includeme(config) -> None:
    settings = config.registry.sherloc_settings
    mailer = PortalMailer(settings.mail_queue_path, settings.mail_sender)
    config.registry.sherloc_mailer = mailer
    config.add_request_method(lambda request: mailer, "mailer", reify=True)
