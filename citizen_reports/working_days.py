"""Working days of Vietnamese public administration: Monday to Friday, except public holidays
(Tết, Hùng Kings' day, 30/4, 1/5, 2/9 and the days off in lieu, from the ``holidays`` package)."""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=32)
def _public_holidays(year):
    return holidays.country_holidays("VN", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(moment: datetime.datetime, days: int) -> datetime.datetime:
    """The end (23:59:59 local time) of the ``days``-th working day after ``moment``'s day.

    A report received on Friday with two working days is due at the end of Tuesday; one received
    on Saturday, at the end of Tuesday too.
    """
    day = timezone.localtime(moment).date()
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    end = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(end)
