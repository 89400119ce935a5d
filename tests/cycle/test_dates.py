"""Time frames in calendar months, never more than six (¶34, ¶35)."""

from datetime import date

import pytest

from sherloc_review.cycle.dates import add_months, days_left, due_date


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2027, 1, 15), 6, date(2027, 7, 15)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year, month too short
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 10, 31), 3, date(2028, 1, 31)),  # across the year
        (date(2027, 12, 1), 1, date(2028, 1, 1)),
    ],
)
def test_due_dates_are_calendar_months(start, months, due):
    assert due_date(start, months) == due


@pytest.mark.parametrize("months", [0, 7, -1])
def test_no_time_frame_beyond_six_months(months):
    with pytest.raises(ValueError, match="1 to 6"):
        due_date(date(2027, 1, 1), months)


def test_add_months_has_no_limit_but_due_date_has():
    assert add_months(date(2027, 1, 31), 13) == date(2028, 2, 29)


def test_days_left_is_zero_on_the_day_and_negative_after():
    due = date(2027, 7, 15)
    assert days_left(due, date(2027, 7, 14)) == 1
    assert days_left(due, due) == 0
    assert days_left(due, date(2027, 7, 16)) == -1
