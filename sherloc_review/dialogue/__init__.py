"""The secure dialogue platform and its archive (¶21, ¶33, ¶35 to ¶37, ¶40, ¶41).

Each phase's threads and messages between the State under review and its
reviewing States, the Secretariat in copy of everything (¶33); records of
dialogue held elsewhere (¶36); read/unread per user; e-mail notices that
carry links only; decisions of the State under review to open the dialogue
to all States parties (¶40) or the public (¶41); a read-only archive once
the phase is concluded, searchable and exportable with a manifest of
fingerprints.
"""


def includeme(config) -> None:
    config.scan(".views")
    config.scan(".thread_views")
    config.scan(".file_views")
    config.scan(".decision_views")
    config.scan(".preference_views")
    config.scan(".public_views")
    config.scan(".export_views")
    config.scan(".search_views")
    config.include(".api")
