"""Turn one matched time expression into its TIMEX3 type, value and mod.

Each pattern rule of ``times_patterns.yaml`` has a handler, grouped by topic: ``dates`` (named
calendar dates), ``quarters`` (results periods), ``relative`` (against the DCT or the text's last
time), ``amounts`` (durations, sets, clock times). They share ``context.Context`` and
``context.Resolution``. An expression that cannot be pinned to the calendar (no DCT, February 30)
keeps its span with value ``None`` or a partial TIMEX3 value.
"""

from __future__ import annotations

from claimgraph.annotate.times import amounts, dates, quarters, relative
from claimgraph.annotate.times.context import Context, Groups, Handler, Resolution

__all__ = ["HANDLERS", "Context", "Resolution", "resolve"]

HANDLERS: dict[str, Handler] = {
    "iso_date": dates.iso_date,
    "numeric_date": dates.numeric_date,
    "numeric_day": dates.numeric_day,
    "month_day": dates.month_day,
    "week_of": dates.week_of,
    "week_in": dates.week_in,
    "nth_weekday": dates.nth_weekday,
    "day_of_month": dates.day_of_month,
    "month_year": dates.month_year,
    "month": dates.month,
    "season": dates.season,
    "year": dates.year,
    "decade": dates.decade,
    "spelled_year": dates.spelled_year_rule,
    "short_year": dates.short_year,
    "century": dates.century,
    "quarter": quarters.quarter,
    "half": quarters.half,
    "year_quarter": quarters.year_quarter,
    "month_span_quarter": quarters.month_span_quarter,
    "month_quarter": quarters.month_quarter,
    "year_ago_period": quarters.year_ago_period,
    "weekday": relative.weekday,
    "week_weekday": relative.week_weekday,
    "unit_before_after": relative.unit_before_after,
    "after_next": relative.after_next,
    "nth_unit_now": relative.nth_unit_now,
    "apposed_day": relative.apposed_day,
    "elided_unit": relative.elided_unit,
    "week_number": relative.week_number,
    "deictic": relative.deictic,
    "deictic_time": relative.deictic_time,
    "rel_unit": relative.rel_unit,
    "same_time": relative.same_time,
    "shifted": relative.shifted,
    "the_year": relative.the_year,
    "duration": amounts.duration,
    "vague_duration": amounts.vague_duration,
    "set": amounts.set_,
    "reference": amounts.reference,
    "clock": amounts.clock,
    "holiday": dates.holiday,
    "named_day": dates.named_day,
}


def resolve(rule: str, groups: Groups, text: str, ctx: Context) -> Resolution | None:
    """Normalise one match; ``None`` rejects it as not a time expression."""
    return HANDLERS[rule](groups, text, ctx)
