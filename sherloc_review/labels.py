"""Translatable labels of the reference data's coded values, and how a
moment is written for readers in every language."""

import datetime

from .i18n import _


def stamp(at: float) -> str:
    """A moment (seconds since the epoch) as ``2027-01-15 09:30 UTC``."""
    return datetime.datetime.fromtimestamp(at, datetime.UTC).strftime(
        "%Y-%m-%d %H:%M UTC"
    )


STATUS_LABELS = {
    "party": _("Party"),
    "signatory": _("Signatory"),
    "none": _("Not a party"),
}

CONFIDENCE_LABELS = {
    "high": _("High"),
    "medium": _("Medium"),
    "low": _("Low"),
}

REGIONAL_GROUP_LABELS = {
    "AFR": _("African States"),
    "APG": _("Asia-Pacific States"),
    "EEG": _("Eastern European States"),
    "GRULAC": _("Latin American and Caribbean States"),
    "WEOG": _("Western European and other States"),
}

LEGAL_SYSTEM_LABELS = {
    "civil": _("Civil law"),
    "common": _("Common law"),
    "customary": _("Customary law"),
    "islamic": _("Islamic law"),
    "mixed": _("Mixed legal system"),
    "transitional": _("Legal system in transition"),
}

#: The Mechanism's six working languages (¶49), named in the reader's language.
LANGUAGE_LABELS = {
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}

#: How a reviewing State was drawn (¶28, ¶28(b)).
ROLE_LABELS = {
    "same": _("Same regional group"),
    "other": _("Other regional group"),
    "additional": _("Additional reviewer (¶28(b))"),
}

#: Why a redraw is asked for; the first two count against the four of ¶28(d).
REDRAW_REASON_LABELS = {
    "language": _("A shared working language (¶28(d))"),
    "legal_system": _("A reviewer from a similar legal system (¶28(d))"),
    "exceptional": _("Exceptional circumstances (¶28(e))"),
    "unable": _("A reviewing State is unable to serve (¶30)"),
}

REQUEST_STATUS_LABELS = {
    "pending": _("Awaiting the Secretariat's decision"),
    "granted": _("Granted: new reviewers drawn"),
    "declined": _("Declined"),
    "superseded": _("Closed: a new draw was made"),
}

INSTRUMENT_CODES_LABELS = {
    "UNTOC": _("Convention"),
    "TIP": _("Trafficking in Persons Protocol"),
    "SOM": _("Smuggling of Migrants Protocol"),
    "FIREARMS": _("Firearms Protocol"),
}
