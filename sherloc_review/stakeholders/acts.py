"""Acts on the constructive dialogues (¶53), checked against their dates.

Every act takes ``now`` (an aware datetime from the portal's clock), so the
15-, 10- and objection-day rules are tested by moving the clock.  The
views' permissions decide who may try; the rules of ¶53 are checked here
and refused with ``ActionRefused`` naming the field.
"""

from __future__ import annotations

import re
from datetime import datetime

from sherloc_portal.forms import ActionRefused
from sherloc_portal.settings import LANGUAGES

from ..cycle.sessions import WORKING_GROUPS
from ..i18n import _
from ..versioned import checked_text
from . import rules
from .accounts import confirmed
from .mentions import codes_of, mentioned
from .resources import (
    APPROVED,
    CIRCULATED,
    DOCUMENT_KINDS,
    IN_COURSE,
    KINDS,
    NGO_KIND,
    NOT_CONVENED,
    PENDING,
    REFERRED,
    REJECTED,
    UNCONFIRMED,
    WITHDRAWN,
    ConstructiveDialogue,
    Decision,
    DialoguesFolder,
    Document,
    NotConvened,
    Objection,
    Organisation,
    Registration,
    Summary,
)
from .rules import local_text

#: How far ahead a dialogue may be planned.
MAX_YEARS_AHEAD = 10
#: The most representatives one application names.
MAX_REPRESENTATIVES = 10
#: The longest name, address or title (characters).
MAX_LINE = 300
#: Printable ASCII only: a mail header takes nothing else (a non-ASCII or
#: control character would fail the mail, or forge a header).
_EMAIL = re.compile(r"^[!-?A-~]{1,64}@[!-?A-~]{1,255}\.[!-?A-~]{2,63}$")
_WEBSITE = re.compile(r"^https?://[^\s<>\"']{3,300}$", re.I)


def _line(value: str, field: str, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise ActionRefused(_("Fill in this field."), field)
    if len(value) > MAX_LINE:
        raise ActionRefused(
            _("At most ${count} characters.", mapping={"count": MAX_LINE}), field
        )
    return value


def create(
    folder: DialoguesFolder,
    working_group: str,
    local_start: datetime,
    timezone: str,
    place: str,
    link: str,
    title: str,
    by: str,
    now: datetime,
) -> ConstructiveDialogue:
    """A dialogue of ``working_group`` starting at ``local_start`` (naive,
    the local time of ``timezone``)."""
    if working_group not in WORKING_GROUPS:
        raise ActionRefused(_("Choose the working group."), "working_group")
    zone = rules.zone(timezone)
    if zone is None:
        raise ActionRefused(
            _("Give a time zone such as Europe/Vienna or America/New_York."),
            "timezone",
        )
    starts_at = local_start.replace(tzinfo=zone)
    if starts_at <= now:
        raise ActionRefused(_("A dialogue is planned in the future."), "starts_at")
    if local_start.year > now.year + MAX_YEARS_AHEAD:
        raise ActionRefused(
            _(
                "A dialogue is planned at most ${years} years ahead.",
                mapping={"years": MAX_YEARS_AHEAD},
            ),
            "starts_at",
        )
    place = _line(place, "place", required=False)
    link = _line(link, "link", required=False)
    if link and not _WEBSITE.match(link):
        raise ActionRefused(_("Give a web address starting with https://."), "link")
    if not place and not link:
        raise ActionRefused(_("Give the place, or the link to join."), "place")
    dialogue = ConstructiveDialogue(
        folder.next_number(),
        working_group,
        starts_at.astimezone(now.tzinfo),
        timezone,
        by,
        now.timestamp(),
    )
    dialogue.title = _line(title, "title", required=False)
    dialogue.place, dialogue.link = place, link
    folder.add(str(dialogue.number), dialogue)
    return dialogue


def organisation(
    name: str, country: str, website: str, contact_name: str, contact_email: str, states
) -> Organisation:
    website = _line(website, "website", required=False)
    if website and not _WEBSITE.match(website):
        raise ActionRefused(_("Give a web address starting with https://."), "website")
    email = _line(contact_email, "contact_email")
    if not _EMAIL.match(email):
        raise ActionRefused(_("Give a valid e-mail address."), "contact_email")
    if country and country not in states:
        raise ActionRefused(_("Choose a country from the list."), "country")
    return Organisation(
        _line(name, "name"),
        country,
        website,
        _line(contact_name, "contact_name"),
        email,
    )


def closed_reason(dialogue: ConstructiveDialogue, now: datetime):
    """Why applications are not taken at ``now``, or ``None`` while they are."""
    if dialogue.not_convened is not None:
        return _("The chair decided not to convene this dialogue.")
    if dialogue.open_for_registration(now):
        return None
    return _(
        "Applications closed on ${cutoff} (${zone} time), 15 days before "
        "the dialogue (¶53(d), (e)).",
        mapping={
            "cutoff": local_text(dialogue.cutoff, dialogue.timezone),
            "zone": dialogue.timezone,
        },
    )


def register(
    dialogue: ConstructiveDialogue,
    kind: str,
    organisation: Organisation,
    representatives,
    comments: str,
    assistance: str,
    files: tuple,
    login: str,
    states,
    now: datetime,
) -> Registration:
    """An application (¶53(d), (e)); refused after the cut-off."""
    refusal = closed_reason(dialogue, now)
    if refusal is not None:
        raise ActionRefused(refusal)
    if kind not in KINDS:
        raise ActionRefused(_("Choose what kind of organisation applies."), "kind")
    people = tuple(_line(p, "representatives") for p in representatives if p.strip())
    if not people:
        raise ActionRefused(_("Name at least one representative."), "representatives")
    if len(people) > MAX_REPRESENTATIVES:
        raise ActionRefused(
            _(
                "At most ${count} representatives.",
                mapping={"count": MAX_REPRESENTATIVES},
            ),
            "representatives",
        )
    users = dialogue.__parent__.__parent__.__parent__["users"]
    # An address never confirmed may have been used by someone else first:
    # its owner applies all the same, and withdraws the other once confirmed.
    for existing in dialogue.registrations.values() if confirmed(users, login) else ():
        if existing.login == login and existing.status not in (WITHDRAWN, UNCONFIRMED):
            raise ActionRefused(_("You have applied to this dialogue already."))
    comments = checked_text(comments, "comments", required=False)
    assistance = checked_text(assistance, "assistance", required=False)
    number = dialogue.count() + 1
    registration = Registration(
        number,
        kind,
        organisation,
        people,
        comments,
        assistance,
        tuple(f.id for f in files),
        login,
        now.timestamp(),
        mentioned(f"{comments}\n{assistance}", codes_of(states)),
    )
    registration.__name__ = f"registration-{number}"
    registration.__parent__ = dialogue
    for attachment in files:
        dialogue.files[attachment.id] = attachment
    dialogue.registrations[number] = registration  # taken meanwhile: retried
    dialogue.count.change(1)
    return registration


def withdraw(registration: Registration, now: datetime) -> None:
    if registration.status in (WITHDRAWN, REJECTED, NOT_CONVENED, UNCONFIRMED):
        raise ActionRefused(_("This application is no longer open."))
    if now >= registration.dialogue.starts_at:
        raise ActionRefused(_("The dialogue has taken place."))
    registration.status = WITHDRAWN


def circulate(
    dialogue: ConstructiveDialogue, users, now: datetime
) -> list[Registration]:
    """Close the list once the cut-off passed (idempotent): applications
    whose account confirmed its e-mail go on it, the others lapse.  The
    list circulated."""
    if dialogue.circulated_at is not None or dialogue.not_convened is not None:
        return []
    if now < dialogue.cutoff:
        return []
    listed = []
    for registration in dialogue.registrations.values():
        if registration.status != PENDING:
            continue
        listing = confirmed(users, registration.login)
        registration.status = CIRCULATED if listing else UNCONFIRMED
        if listing:
            listed.append(registration)
    dialogue.circulated_at = now.timestamp()
    return listed


def object_to(
    registration: Registration, user, reason: str, now: datetime
) -> Objection:
    """A State party's objection (¶53(d), (e)), by its focal point."""
    if getattr(user, "state_role", "") != "focal" or not getattr(user, "state", ""):
        raise ActionRefused(_("Only a State party's focal point objects."))
    dialogue = registration.dialogue
    if registration.status != CIRCULATED:
        raise ActionRefused(_("This application is not open to objections."))
    if now >= dialogue.objections_close:
        raise ActionRefused(
            _(
                "Objections closed on ${date} (${zone} time).",
                mapping={
                    "date": local_text(dialogue.objections_close, dialogue.timezone),
                    "zone": dialogue.timezone,
                },
            )
        )
    if any(o.state == user.state for o in registration.objections):
        raise ActionRefused(_("Your State has objected already."))
    objection = Objection(
        user.state,
        user.login,
        checked_text(reason, "reason"),
        now.timestamp(),
    )
    registration.objections = (*registration.objections, objection)
    return objection


def settle(dialogue: ConstructiveDialogue, now: datetime) -> list[Registration]:
    """Once objections closed (idempotent): an application no State party
    objected to is approved; an NGO objected to is referred to the Bureau
    (¶53(d)); another stakeholder objected to is rejected (¶53(e)).  The
    applications settled."""
    if dialogue.circulated_at is None or dialogue.settled_at is not None:
        return []
    if now < dialogue.objections_close:
        return []
    settled = []
    for registration in dialogue.registrations.values():
        if registration.status != CIRCULATED:
            continue
        if not registration.objections:
            registration.status = APPROVED
        elif registration.kind == NGO_KIND:
            registration.status = REFERRED
        else:
            registration.status = REJECTED
        settled.append(registration)
    dialogue.settled_at = now.timestamp()
    return settled


def bureau_decides(
    registration: Registration, approve: bool, note: str, by: str, now: datetime
) -> Decision:
    """The Bureau's decision on an NGO objected to (¶53(d))."""
    if registration.status != REFERRED:
        raise ActionRefused(_("This application is not before the Bureau."))
    if now >= registration.dialogue.starts_at:
        raise ActionRefused(_("The dialogue has taken place."))
    decision = Decision(bool(approve), checked_text(note, "note"), by, now.timestamp())
    registration.bureau = decision
    registration.status = APPROVED if approve else REJECTED
    return decision


def review_mentions(
    registration: Registration, publish: bool, note: str, by: str, now: datetime
) -> Decision:
    """The chair's decision on comments naming a country (¶53(b))."""
    if not registration.mentions:
        raise ActionRefused(_("These comments name no country."))
    decision = Decision(
        bool(publish), checked_text(note, "note", required=False), by, now.timestamp()
    )
    registration.mention_review = decision
    return decision


def not_convene(
    dialogue: ConstructiveDialogue, reason: str, by: str, now: datetime
) -> list[Registration]:
    """The chair decides not to convene (¶53(f)), once the applications'
    deadline passed; the applications still open, whose registrants are told."""
    if dialogue.not_convened is not None:
        raise ActionRefused(_("This dialogue is already not convened."))
    if now < dialogue.cutoff:
        raise ActionRefused(
            _("Wait for the applications' deadline before deciding (¶53(f)).")
        )
    if now >= dialogue.starts_at:
        raise ActionRefused(_("The dialogue has taken place."))
    dialogue.not_convened = NotConvened(
        checked_text(reason, "reason"), by, now.timestamp()
    )
    touched = []
    for registration in dialogue.registrations.values():
        if registration.status in IN_COURSE:
            registration.status = NOT_CONVENED
            touched.append(registration)
    return touched


def add_document(
    dialogue: ConstructiveDialogue,
    kind: str,
    title: str,
    language: str,
    attachment,
    by: str,
    now: datetime,
) -> Document:
    """The programme or a background paper (¶53(g)), in any working language."""
    if kind not in DOCUMENT_KINDS:
        raise ActionRefused(_("Choose the programme or a background paper."), "kind")
    if language not in LANGUAGES:
        raise ActionRefused(_("Choose the document's language."), "language")
    document = Document(
        kind, _line(title, "title"), language, attachment.id, by, now.timestamp()
    )
    dialogue.files[attachment.id] = attachment
    dialogue.documents = (*dialogue.documents, document)
    return document


def publish_summary(
    dialogue: ConstructiveDialogue, text: str, language: str, by: str, now: datetime
) -> Summary:
    """The chair's written summary (¶53(h)), published once held."""
    if dialogue.not_convened is not None:
        raise ActionRefused(_("The dialogue was not convened: it has no summary."))
    if now < dialogue.starts_at:
        raise ActionRefused(_("The summary follows the dialogue."))
    if language not in LANGUAGES:
        raise ActionRefused(_("Choose the summary's language."), "language")
    summary = Summary(checked_text(text, "text"), language, by, now.timestamp())
    dialogue.summary = summary
    return summary
