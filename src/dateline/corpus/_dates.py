"""Dates as ranges: a TimeML value or a query bound -> its first and last day.

An event dated ``2019-W03`` happened some day from 14 to 20 January 2019, and one dated
``2019-03`` some day in March: the store keeps each date as a typed ``(start, end)`` pair
beside the original value and its granularity, so a date filter asks whether the event's
range overlaps the filter's window instead of comparing text (``"2019-W03" > "2019-12-01"``
as strings).

``date_range`` (the time stage's reader of TimeML values, re-exported here) gives a value's
range. ``query_range`` reads a ``--since``/``--until`` bound: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
or an ISO week ``YYYY-Www``, and refuses anything else with ``BAD_DATE`` (E033).
"""

from __future__ import annotations

import re

from ..errors import BAD_DATE, ConfigError
from ..time import DateRange, date_range

__all__ = ["DateRange", "date_range", "query_range"]


_QUERY_FORM = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")


def query_range(value: str, option: str = "date") -> DateRange:
    """A ``--since``/``--until`` bound as a range; ``ConfigError`` (E033) when it is not one.

    ``option`` names the option in the message."""
    text = value.strip()
    found = date_range(text) if _QUERY_FORM.match(text) else None
    if found is None:
        raise ConfigError(
            f"{option} {value!r} is not a date: give YYYY, YYYY-MM, YYYY-MM-DD or an ISO "
            "week YYYY-Www (a real calendar date, e.g. 2020-02-29 but not 2020-13-45)",
            hint="relative dates such as 'yesterday' are not read: write the date",
            code=BAD_DATE,
        )
    return found
