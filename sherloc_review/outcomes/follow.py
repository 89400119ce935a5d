"""What follows the outcome's acts elsewhere in the mechanism.

An agreed list moves the phase to its summary (¶39) and turns its
technical-assistance needs into records for the working group (¶44); a
change of what the State keeps confidential (¶38) follows into those
records.  An issued summary concludes the phase.
"""

from __future__ import annotations

from datetime import date

from ..assistance.records import follow_withholding, record_needs
from ..cycle.steps import advance
from ..reports.index import record_list
from ..responses.access import mechanism_of


def list_agreed(mechanism, observations, by: str, today: date) -> None:
    phase = observations.phase
    record_needs(
        mechanism,
        phase.assistance,
        observations.entries,
        observations.withheld,
        today.isoformat(),
    )
    record_list(mechanism, observations)
    advance(mechanism, phase, by, today, "list of observations agreed by all parties")


def withholding_changed(observations) -> None:
    mechanism = mechanism_of(observations)
    follow_withholding(mechanism, observations.phase.assistance, observations.withheld)
    record_list(mechanism, observations)


def summary_issued(mechanism, summary, by: str, today: date) -> None:
    advance(
        mechanism,
        summary.phase,
        by,
        today,
        "summary issued in the six official languages",
    )
