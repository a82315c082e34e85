"""Schedules: daily, weekly and cron in a timezone, across DST, with contiguous windows."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from briefings.schedules import DigestWindow, ScheduleError, parse_schedule

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def _fires(text: str, zone: str, start: datetime, count: int) -> list[datetime]:
    schedule = parse_schedule(text, zone)
    fires = [schedule.next_fire(start)]
    while len(fires) < count:
        fires.append(schedule.next_fire(fires[-1]))
    return fires


def test_daily_is_canonical_and_in_the_default_timezone() -> None:
    schedule = parse_schedule("DAILY 8:00")

    assert "daily 08:00" == schedule.text
    assert "Asia/Ho_Chi_Minh" == schedule.timezone.key
    assert datetime(2024, 5, 2, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")) == schedule.next_fire(
        datetime(2024, 5, 1, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    )


def test_the_trigger_is_an_apscheduler_cron_trigger_in_the_timezone() -> None:
    trigger = parse_schedule("weekly Monday 07:30", "Europe/Paris").trigger()

    assert isinstance(trigger, CronTrigger)
    assert PARIS == trigger.timezone
    assert datetime(2024, 6, 3, 7, 30, tzinfo=PARIS) == trigger.get_next_fire_time(
        None, datetime(2024, 5, 29, tzinfo=PARIS)
    )


@pytest.mark.parametrize(
    ("zone", "before_change", "change_day"),
    [
        ("Europe/Paris", datetime(2024, 3, 29, 12), timedelta(hours=23)),
        ("Europe/Paris", datetime(2024, 10, 25, 12), timedelta(hours=25)),
        ("America/New_York", datetime(2024, 3, 8, 12), timedelta(hours=23)),
        ("America/New_York", datetime(2024, 11, 1, 12), timedelta(hours=25)),
    ],
)
def test_daily_fires_at_eight_local_on_both_sides_of_a_dst_change(
    zone: str, before_change: datetime, change_day: timedelta
) -> None:
    fires = _fires("daily 08:00", zone, before_change.replace(tzinfo=ZoneInfo(zone)), 4)
    # Subtracting in UTC: Python subtracts wall-clock times when both share a tzinfo.
    utc = [fire.astimezone(UTC) for fire in fires]
    gaps = [later - earlier for earlier, later in itertools.pairwise(utc)]

    assert [(8, 0)] * 4 == [(f.hour, f.minute) for f in fires]
    assert 2 == len({f.utcoffset() for f in fires})
    # The day of the change is 23 or 25 hours long: no digest is skipped or doubled.
    assert [change_day, timedelta(hours=24), timedelta(hours=24)] == gaps


def test_weekly_and_cron_fire_on_their_days() -> None:
    monday = datetime(2024, 6, 3, tzinfo=PARIS)

    assert [0, 0, 0] == [f.weekday() for f in _fires("weekly mon 08:00", "Europe/Paris", monday, 3)]
    weekdays = _fires('cron "0 8 * * 1-5"', "Europe/Paris", monday, 10)
    assert [0, 1, 2, 3, 4, 0, 1, 2, 3, 4] == [f.weekday() for f in weekdays]
    assert [6, 6] == [f.weekday() for f in _fires('cron "0 9 * * 0"', "Europe/Paris", monday, 2)]


def test_a_timezone_written_after_the_schedule_wins() -> None:
    assert "America/New_York" == parse_schedule("daily 08:00 America/New_York").timezone.key
    assert "Europe/Paris" == parse_schedule('cron "0 8 * * *" Europe/Paris').timezone.key


@pytest.mark.parametrize(
    "text", ["daily 08:00", "weekly fri 17:45", 'cron "30 6 * * 1,3,5"', 'cron "0 9 1 * *"']
)
@pytest.mark.parametrize("zone", ["Europe/Paris", "America/New_York", "Asia/Ho_Chi_Minh"])
def test_windows_tile_time_without_overlap_or_gap(text: str, zone: str) -> None:
    schedule = parse_schedule(text, zone)
    fires = _fires(text, zone, datetime(2024, 1, 1, tzinfo=UTC), 60)
    windows = [schedule.window(fire) for fire in fires]

    for earlier, later in itertools.pairwise(windows):
        assert earlier.end == later.start
        assert earlier.start < earlier.end
    assert fires[0] == windows[0].end


def test_previous_fire_is_strictly_before() -> None:
    schedule = parse_schedule("daily 08:00", "Europe/Paris")
    eight = datetime(2024, 3, 31, 8, tzinfo=PARIS)

    assert DigestWindow(datetime(2024, 3, 30, 8, tzinfo=PARIS), eight) == schedule.window(eight)
    assert eight == schedule.previous_fire(eight + timedelta(seconds=1))


@pytest.mark.parametrize(
    ("text", "zone", "message"),
    [
        ("daily 25:00", "UTC", "not a time"),
        ("daily 8", "UTC", "not a time"),
        ("weekly monkey 08:00", "UTC", "not a day of the week"),
        ("weekly 08:00", "UTC", "Give a schedule"),
        ("daily 08:00", "Mars/Olympus_Mons", "not a timezone"),
        ("daily 08:00", "../../etc/passwd", "not a timezone"),
        ('cron "0 8 * *"', "UTC", "five fields"),
        ('cron "0 99 * * *"', "UTC", "not a cron expression"),
        ('cron "0 8 * * 9"', "UTC", "weekdays run from 0 to 7"),
        ('cron "*/5 * * * *"', "UTC", "at most once an hour"),
        ('cron "0 8 30 2 *"', "UTC", "never fires"),
        ("hourly", "UTC", "Give a schedule"),
        ("", "UTC", "Give a schedule"),
        ("daily 08:00 extra words", "UTC", "Give a schedule"),
    ],
)
def test_bad_schedules_get_a_one_line_message(text: str, zone: str, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text, zone)

    assert message in caught.value.message
    assert "\n" not in caught.value.message
