"""Pages stage, charts: per-year counts → geometry for an inline SVG bar chart.

Drawn at build time, no JavaScript. The template only places the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 600
HEIGHT = 140
BASELINE = 118  # y of the axis; labels go below
TOP = 18  # room for the count above the tallest bar


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    count: int
    show_year: bool


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: tuple[Bar, ...]
    description: str  # the data in words, for screen readers


def year_chart(counts: tuple[tuple[int, int], ...]) -> Chart | None:
    """One bar per year; years with no statements get an empty slot."""
    if not counts:
        return None
    slot = WIDTH / len(counts)
    peak = max(c for _, c in counts) or 1
    every = max(1, round(len(counts) / 12))
    bars = []
    for i, (year, count) in enumerate(counts):
        h = (BASELINE - TOP) * count / peak
        bars.append(Bar(round(i * slot + slot * 0.15, 2), round(BASELINE - h, 2), round(slot * 0.7, 2),
                        round(h, 2), year, count, i % every == 0 or i == len(counts) - 1))
    words = ", ".join(f"{y}: {c}" for y, c in counts)
    return Chart(WIDTH, HEIGHT, BASELINE, tuple(bars), f"Statements per year. {words}.")
