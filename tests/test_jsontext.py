"""builder.jsontext writes exactly what json.dumps writes, for any JSON value."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from builder import jsontext

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([None, 0, 1, 2, 4]))
def test_same_text_as_the_standard_library(value: object, indent: int | None) -> None:
    assert jsontext.dumps(value, indent) == json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


def test_tuples_are_lists_and_empty_containers_stay_inline() -> None:
    value = {"b": (), "a": {}, "c": ("x", {"d": []})}
    assert jsontext.dumps(value, 2) == json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
