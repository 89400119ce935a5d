"""The 15-, 10- and 5-day rules of ¶53, counted in the dialogue's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sherloc_review.stakeholders import rules


def test_the_cut_off_is_the_end_of_the_fifteenth_day_before_in_local_time():
    # 10:00 in Auckland on 1 March 2027 is 21:00 UTC on 28 February.
    starts = datetime(2027, 3, 1, 10, tzinfo=ZoneInfo("Pacific/Auckland"))
    cutoff = rules.registration_cutoff(starts.astimezone(UTC), "Pacific/Auckland")
    # Applications are taken until the end of 14 February, Auckland time.
    assert cutoff == datetime(2027, 2, 15, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert cutoff.astimezone(UTC) == datetime(2027, 2, 14, 11, tzinfo=UTC)


def test_the_same_instant_is_another_day_elsewhere():
    starts = datetime(2027, 3, 1, 4, tzinfo=UTC)  # 1 March in Vienna, 28 Feb in LA
    vienna = rules.registration_cutoff(starts, "Europe/Vienna")
    los_angeles = rules.registration_cutoff(starts, "America/Los_Angeles")
    assert vienna.astimezone(ZoneInfo("Europe/Vienna")).day == 15
    assert los_angeles.astimezone(ZoneInfo("America/Los_Angeles")).day == 14
    assert los_angeles != vienna


def test_circulation_and_objections_follow_the_cut_off():
    starts = datetime(2027, 3, 31, 13, tzinfo=UTC)  # 15:00 in Vienna (summer)
    zone = ZoneInfo("Europe/Vienna")
    assert rules.registration_cutoff(starts, "Europe/Vienna") == datetime(
        2027, 3, 17, tzinfo=zone
    )
    assert rules.circulation_due(starts, "Europe/Vienna") == datetime(
        2027, 3, 22, tzinfo=zone
    )
    assert rules.objections_close(starts, "Europe/Vienna") == datetime(
        2027, 3, 27, tzinfo=zone
    )


def test_only_real_time_zones_are_taken():
    assert rules.zone("Europe/Vienna") is not None and rules.zone("UTC") is not None
    for name in (
        "",
        "Vienna",
        "UTC+1",
        "../../etc/passwd",
        "Europe/Nowhere",
        "localtime",
        "Factory",
        "posix/Europe/Vienna",
        "Europe/Vienna\x00",
    ):
        assert rules.zone(name) is None
