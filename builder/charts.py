"""Pages stage, charts: per-year counts → the bars of a chart drawn in HTML and CSS.

Drawn at build time, no JavaScript. The bars are list items whose height is a
share of the tallest, so the labels are text at the page's own size on any
screen (an SVG scaled to a phone made them about 7 px). The template only
places the numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from builder.slotstate import quick_state

WIDE_LABELS = 12  # at most this many year labels on a wide screen
NARROW_LABELS = 6  # and on a phone
COUNTS_SHOWN = 12  # counts above the bars when there are at most this many years (always read out)


@quick_state
@dataclass(frozen=True, slots=True)
class Bar:
    year: int
    count: int
    height: float  # per cent of the tallest bar
    show_year: bool  # its year is labelled on a wide screen
    show_year_narrow: bool  # and on a phone


@quick_state
@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[Bar, ...]
    show_counts: bool  # counts are shown above the bars (they are always read out)
    description: str  # the data in words
    peak: str  # 'most: 12 in 2021'


def every(count: int, labels: int) -> int:
    """Label every n-th bar so that at most ``labels`` are labelled."""
    return max(1, math.ceil(count / labels))


def year_chart(counts: tuple[tuple[int, int], ...]) -> Chart | None:
    """One bar per year; years with no statements get an empty slot. The last year is always labelled."""
    if not counts:
        return None
    peak = max(c for _, c in counts) or 1
    wide, narrow, last = every(len(counts), WIDE_LABELS), every(len(counts), NARROW_LABELS), len(counts) - 1
    bars = tuple(Bar(year, count, round(100 * count / peak, 2), (last - i) % wide == 0, (last - i) % narrow == 0)
                 for i, (year, count) in enumerate(counts))
    top = max(counts, key=lambda yc: yc[1])
    words = ", ".join(f"{y}: {c}" for y, c in counts)
    return Chart(bars, len(counts) <= COUNTS_SHOWN, f"Statements per year. {words}.", f"most: {top[1]} in {top[0]}")
