"""The secure questionnaire module (¶19 to ¶26, ¶34, ¶40, ¶41).

Each phase's self-assessments (one per instrument the State is party to),
answered together by the State's officials with revision history, cited
legislation and attachments; submitted by the focal point as a frozen
version; read by the reviewing States and every State party's officials
once submitted (¶40); published in part by the State (¶41); worked on
offline (PDF to read, a workbook to answer and import back).  Sharing the
experience of answering (¶42) comes with the outcomes (issue 6).
"""

from sherloc_portal.security.permissions import Permission

from ..i18n import _
from .citations import citing


def includeme(config) -> None:
    config.add_static_view("review-static", "sherloc_review:static")
    config.add_nav_tab(
        "published-responses",
        _("Published responses"),
        path="/knowledge/responses",
        order=23,
        permission=Permission.PORTAL_VIEW,
    )
    config.scan(".views")
    config.scan(".answer_views")
    config.scan(".submit_views")
    config.scan(".offline_views")
    config.scan(".publish_views")
    config.include(".api")
    config.add_record_backlinks("responses", _("Cited in responses"), backlinks)


def backlinks(request, record) -> list[dict]:
    """The answers citing ``record`` that the reader may see."""
    mechanism = request.root.get("review")
    if mechanism is None or request.identity is None:
        return []
    links = []
    for assessment, question, submitted in citing(request, mechanism, record.record_id):
        links.append(
            {
                "title": f"{assessment.iso3}, phase {assessment.phase.number}, "
                f"{assessment.instrument}, {question.id}",
                "url": request.resource_url(assessment) + f"#{question.id}",
                "note": request.translate(
                    _("submitted") if submitted else _("working answer")
                ),
            }
        )
    return links
