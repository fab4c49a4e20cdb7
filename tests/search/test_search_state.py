"""The search as data (static/search-state.js), run in the browser: the address read and written,
dates by year, month or day, months-only dates in a range, and the filters and sort given to Pagefind."""

from __future__ import annotations

import pytest

STATE = "(async (url) => await import(url + 'static/search-state.js'))"


@pytest.fixture
def state_js(open_page, served):
    """``call(expression)``: the value of a JavaScript expression over the module's exports (as ``m``)."""
    page = open_page("404.html")

    def call(expression: str):
        return page.evaluate(f"async (url) => {{ const m = await {STATE}(url); return {expression}; }}", served.url)

    yield call
    page.watch.assert_clean()


def test_an_address_is_read_and_written_back_in_one_order(state_js) -> None:
    written = state_js("m.writeState(m.readState("
                       "'?sort=newest&to=2021&country=Russia+(RU)&q=Lavrov&from=2020-11&country=Armenia+(AM)'"
                       "+ '&country=Russia+(RU)&page=3'))")
    assert written == "?q=Lavrov&country=Armenia+%28AM%29&country=Russia+%28RU%29&from=2020-11&to=2021&sort=newest"
    assert state_js("m.writeState(m.readState(''))") == ""
    assert state_js("m.readState('?sort=sideways').sort") == "relevance"
    assert state_js("m.writeState(m.readState('?q=+Lavrov+&sort=relevance'))") == "?q=Lavrov"


@pytest.mark.parametrize(("text", "end", "bound"), [
    ("2020", False, "2020-01-01"), ("2020", True, "2020-12-31"),
    ("2020-11", False, "2020-11-01"), ("2020-02", True, "2020-02-31"),  # an upper bound, compared as text
    ("2020-11-15", False, "2020-11-15"), ("2024-02-29", True, "2024-02-29"),
    ("2023-02-29", False, None), ("2020-13", False, None), ("2020-11-31", True, None), ("20", False, None),
    ("2020/11", False, None), ("November 2020", False, None),
])
def test_a_date_is_a_year_a_month_or_a_day(state_js, text: str, end: bool, bound: str | None) -> None:
    assert state_js(f"m.dateBound({text!r}, {str(end).lower()})") == bound


def test_a_month_only_date_is_in_a_range_that_overlaps_its_month(state_js) -> None:
    inside = state_js("['2020-10', '2020-11', '2020-11-14', '2020-11-15', '2020-12', '2020-12-01', '2020-12-02', "
                      "'2021-01'].filter(d => m.inRange(d, m.dateRange({from: '2020-11-15', to: '2020-12-01'})))")
    assert inside == ["2020-11", "2020-11-15", "2020-12", "2020-12-01"]


def test_pagefind_gets_any_or_all_per_facet_and_the_dates_in_the_range(state_js) -> None:
    state = "m.readState('?country=AM&country=AZ&type=comment&type=briefing&from=2020-11&to=2020-12')"
    filters = state_js(f"m.pagefindFilters({state}, ['2020-10-31', '2020-11', '2020-11-02', '2021-01-01'])")
    assert filters == {"country": {"all": ["AM", "AZ"]}, "type": {"any": ["briefing", "comment"]},
                       "date": {"any": ["2020-11", "2020-11-02"]}}
    without_type = state_js(f"m.pagefindFilters({state}, ['2020-11-02'], 'type')")
    assert without_type == {"country": {"all": ["AM", "AZ"]}, "date": {"any": ["2020-11-02"]}}
    assert state_js(f"m.pagefindFilters({state}, ['2019-01-01'])") is None, "a range with no statement finds none"
    assert state_js("m.pagefindFilters(m.readState('?from=2020-13'), ['2020-11-02'])") == {}, \
        "an unreadable range is not applied"


def test_without_words_the_newest_come_first(state_js) -> None:
    assert state_js("m.pagefindSort(m.readState('?q=Lavrov'))") == {}
    assert state_js("m.pagefindSort(m.readState(''))") == {"date": "desc"}
    assert state_js("m.pagefindSort(m.readState('?sort=oldest'))") == {"date": "asc"}
    assert state_js("m.pagefindSort(m.readState('?q=Lavrov&sort=newest'))") == {"date": "desc"}
