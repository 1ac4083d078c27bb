"""Hypothesis strategies for Open311 values: texts every wire format can carry."""

from __future__ import annotations

from hypothesis import strategies as st
from model_strategies import aware_datetimes  # tests/models, on the path via conftest

from lapor_sdk.open311 import Open311Status, ServiceRequest

# Letters, digits, punctuation, spaces and line breaks; no controls, surrogates or
# unassigned code points (XML 1.0 cannot carry some of them).
_ALPHABET = st.characters(
    categories=("L", "N", "P", "S", "Zs"), exclude_characters="\r\x85\u2028\u2029"
)


def wire_texts(max_size: int = 60, *, min_size: int = 0) -> st.SearchStrategy[str]:
    """Stripped text that survives both JSON and XML."""
    return (
        st.text(_ALPHABET, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(lambda s: len(s) >= min_size)
    )


def _optional_text(max_size: int) -> st.SearchStrategy[str | None]:
    return st.none() | wire_texts(max_size, min_size=1)


seconds_datetimes = aware_datetimes.map(lambda d: d.replace(microsecond=0))
service_requests = st.builds(
    ServiceRequest,
    service_request_id=st.from_regex(r"[A-Za-z0-9-]{1,30}", fullmatch=True),
    status=st.sampled_from(Open311Status),
    status_notes=_optional_text(80),
    service_name=_optional_text(40),
    service_code=st.none() | st.from_regex(r"[a-z0-9_]{1,20}", fullmatch=True),
    description=_optional_text(400),
    agency_responsible=_optional_text(60),
    service_notice=_optional_text(60),
    requested_datetime=seconds_datetimes,
    updated_datetime=st.none() | seconds_datetimes,
    expected_datetime=st.none() | seconds_datetimes,
    address=_optional_text(80),
    address_id=st.none() | st.from_regex(r"[0-9]{1,8}", fullmatch=True),
    zipcode=st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True),
    lat=st.none() | st.floats(-90, 90),
    long=st.none() | st.floats(-180, 180),
    media_url=st.none() | st.just("https://files.example.id/media/1.jpg"),
)
