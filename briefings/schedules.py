"""When a subscription's digest runs: `daily 08:00`, `weekly mon 08:00` or `cron "0 8 * * 1-5"`.

Times are wall-clock times in the subscription's timezone, so a daily 08:00 digest stays at
08:00 local across daylight-saving changes. The digest of a run covers the window from the
previous fire time up to (not including) this one: windows tile time, never overlapping and
never leaving a gap, whatever the clock does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from store.errors import AttacheError

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
# Past this, a cron expression that has not fired is one that never fires (Feb 30).
MAX_LOOKBACK = timedelta(days=5 * 366)
_FIRST_LOOKBACK = timedelta(minutes=2)
_TICK = timedelta(microseconds=1)
# Cron has no year field: a schedule that fires at all fires after any fixed instant.
_REFERENCE = datetime(2000, 1, 1, tzinfo=UTC)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SCHEDULE = re.compile(r"^(?P<kind>\w+)\s*(?P<rest>.*?)\s*$", re.DOTALL)
_CRON_TZ = re.compile(r'^"(?P<expr>[^"]*)"\s*(?P<zone>\S*)$|^(?P<bare>[^"]*)$')
_QUOTES = str.maketrans({"“": '"', "”": '"'})
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Crontab numbers weekdays from Sunday (0 or 7); APScheduler 3 from Monday (its issue 286).
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")

USAGE = 'Give a schedule as daily HH:MM, weekly DAY HH:MM or cron "MIN HOUR DAY MONTH WEEKDAY".'
BAD_TIME = "“{text}” is not a time; give HH:MM on a 24-hour clock, e.g. 08:00."
BAD_DAY = "“{text}” is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."
BAD_ZONE = "“{text}” is not a timezone; use a name such as Asia/Ho_Chi_Minh or Europe/Paris."
BAD_CRON = "“{text}” is not a cron expression ({reason})."
HOURLY_AT_MOST = "A digest runs at most once an hour: give the cron minute as one number, e.g. 0."
CRON_WEEKDAY_STEP = "Steps are not supported in the cron weekday field; list days: mon,wed,fri."
NEVER_FIRES = "The schedule “{text}” never fires."


class ScheduleError(AttacheError):
    """A schedule or timezone that cannot be understood; the message says what to write."""


@dataclass(frozen=True)
class DigestWindow:
    """The articles a digest covers: those ingested from `start` up to, not including, `end`."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: its canonical text, its timezone and its cron fields."""

    text: str
    timezone: ZoneInfo
    fields: tuple[tuple[str, str], ...]

    def trigger(self) -> CronTrigger:
        """The APScheduler trigger, in the schedule's timezone."""
        return CronTrigger(**dict(self.fields), timezone=self.timezone)

    def next_fire(self, after: datetime) -> datetime:
        """The first fire time strictly after `after` (an aware datetime)."""
        fire = self.trigger().get_next_fire_time(None, after + _TICK)
        if fire is None:
            raise ScheduleError(NEVER_FIRES.format(text=self.text))
        return _as_datetime(fire)

    def previous_fire(self, before: datetime) -> datetime:
        """The last fire time strictly before `before` (an aware datetime)."""
        trigger = self.trigger()
        lookback = _FIRST_LOOKBACK
        while lookback <= MAX_LOOKBACK:
            fire = trigger.get_next_fire_time(None, before - lookback)
            if fire is not None and fire < before:
                return _last_before(trigger, _as_datetime(fire), before)
            lookback *= 2
        raise ScheduleError(NEVER_FIRES.format(text=self.text))

    def window(self, fire: datetime) -> DigestWindow:
        """The window of the run firing at `fire`: from the previous fire time to `fire`."""
        return DigestWindow(self.previous_fire(fire), fire)

    def describe(self) -> str:
        return f"{self.text} ({self.timezone.key})"


def parse_schedule(text: str, timezone: str = DEFAULT_TIMEZONE) -> Schedule:
    """Parse a schedule; a timezone written after it (`daily 08:00 Europe/Paris`) wins."""
    shown = " ".join(text.translate(_QUOTES).split())
    found = _SCHEDULE.match(shown)
    if found is None:
        raise ScheduleError(USAGE)
    kind, rest = found["kind"].casefold(), found["rest"]
    if kind == "cron":
        return _cron(rest, timezone)
    words = rest.split()
    if kind == "daily" and len(words) in (1, 2):
        return _daily(words[0], _zone(words[1] if len(words) == 2 else timezone))
    if kind == "weekly" and len(words) in (2, 3):
        return _weekly(words[0], words[1], _zone(words[2] if len(words) == 3 else timezone))
    raise ScheduleError(USAGE)


def _daily(time: str, zone: ZoneInfo) -> Schedule:
    hour, minute = _time(time)
    fields = (("hour", str(hour)), ("minute", str(minute)))
    return Schedule(f"daily {hour:02d}:{minute:02d}", zone, fields)


def _weekly(day: str, time: str, zone: ZoneInfo) -> Schedule:
    short = day.casefold()[:3]
    if short not in DAYS or not _is_day_name(day):
        raise ScheduleError(BAD_DAY.format(text=day[:40]))
    hour, minute = _time(time)
    fields = (("day_of_week", short), ("hour", str(hour)), ("minute", str(minute)))
    return Schedule(f"weekly {short} {hour:02d}:{minute:02d}", zone, fields)


def _is_day_name(day: str) -> bool:
    # "mon", "Monday", "tues" are days; "monkey" is not.
    full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    folded = day.casefold().rstrip(".")
    return any(name.startswith(folded) and len(folded) >= 3 for name in full)


def _time(text: str) -> tuple[int, int]:
    found = _TIME.match(text)
    if found is None:
        raise ScheduleError(BAD_TIME.format(text=text[:40]))
    return int(found[1]), int(found[2])


def _cron(rest: str, timezone: str) -> Schedule:
    found = _CRON_TZ.match(rest)
    if found is None or not (expr := " ".join((found["expr"] or found["bare"] or "").split())):
        raise ScheduleError(USAGE)
    zone = _zone(found["zone"] or timezone)
    values = expr.split()
    if len(values) != 5:
        raise ScheduleError(BAD_CRON.format(text=expr[:80], reason="it needs five fields"))
    if not values[0].isdigit():
        raise ScheduleError(HOURLY_AT_MOST)
    names = ("minute", "hour", "day", "month", "day_of_week")
    weekdays = _weekdays(values[4], expr)
    fields = (*zip(names[:4], values[:4], strict=True), ("day_of_week", weekdays))
    schedule = Schedule(f'cron "{expr}"', zone, fields)
    try:
        schedule.next_fire(_REFERENCE)
    except ValueError as error:
        raise ScheduleError(BAD_CRON.format(text=expr[:80], reason=error)) from error
    return schedule


def _weekdays(field: str, expr: str) -> str:
    """A crontab weekday field (Sunday is 0 or 7) in APScheduler 3's day names."""
    if field == "*":
        return field
    if "/" in field:
        raise ScheduleError(CRON_WEEKDAY_STEP)
    days: list[str] = []
    for item in field.split(","):
        first, _, last = item.partition("-")
        if first.isdigit() and (not last or last.isdigit()):
            days.extend(_day_range(int(first), int(last or first), expr))
        else:
            days.append(item.casefold())
    return ",".join(dict.fromkeys(days))


def _day_range(first: int, last: int, expr: str) -> list[str]:
    if not 0 <= first <= last <= 7:
        raise ScheduleError(BAD_CRON.format(text=expr[:80], reason="weekdays run from 0 to 7"))
    return [_CRON_DAYS[n] for n in range(first, last + 1)]


def timezone_named(name: str) -> ZoneInfo:
    """The IANA timezone `name`, or a ScheduleError saying how to write one."""
    return _zone(name)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(BAD_ZONE.format(text=name[:60])) from error


def _last_before(trigger: CronTrigger, fire: datetime, before: datetime) -> datetime:
    while (following := trigger.get_next_fire_time(None, fire + _TICK)) is not None:
        if following >= before:
            break
        fire = _as_datetime(following)
    return fire


def _as_datetime(value: object) -> datetime:
    # APScheduler is untyped; its fire times are aware datetimes in the trigger's zone.
    assert isinstance(value, datetime)
    return value
