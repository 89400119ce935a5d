"""The date rules of a review, as pure functions (¶31, ¶34, ¶35).

Time frames are whole months, agreed by the parties and never more than
six: the responses within the agreed frame of the phase's opening (¶34),
the feedback within the agreed frame of the receipt of the responses
(¶35).  A month is a calendar month; a frame ending on a day the month
lacks ends on its last day (31 August + 6 months = 28/29 February).
"""

from __future__ import annotations

import calendar
from datetime import date

#: The longest time frame ¶34 and ¶35 allow, in months.
MAX_MONTHS = 6


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def due_date(start: date, months: int) -> date:
    """The last day of a frame of ``months`` (1 to 6) starting on ``start``."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"a time frame is 1 to {MAX_MONTHS} months, not {months}")
    return add_months(start, months)


def days_left(due: date, today: date) -> int:
    """Days until ``due`` (0 on the day itself, negative once overdue)."""
    return (due - today).days


def month_of(day: date) -> str:
    """``YYYY-MM``, the form the workplan's planned months take."""
    return day.strftime("%Y-%m")
