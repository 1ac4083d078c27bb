"""Privacy views of arbitrary valid complaints: what is hidden stays hidden, views stay valid."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from model_strategies import complaints, emails, mobile_numbers, niks, reporters

from lapor_sdk import NotVisibleError
from lapor_sdk.models import Complaint, Reporter
from lapor_sdk.privacy import Audience, view_for


def _squash(text: str) -> str:
    """Drop the separators people put inside numbers (but keep field boundaries)."""
    return re.sub(r"[ .\-()]", "", text)


@st.composite
def reported(draw: st.DrawFn) -> Complaint:
    """A complaint whose reporter has every field and whose texts repeat them."""
    complaint = draw(complaints)
    phone, _ = draw(mobile_numbers())
    reporter = Reporter(
        name=draw(reporters).name,
        phone=phone,
        email=draw(emails),
        nik=draw(niks()),
        address=None,
    )
    leak = f" {phone} {reporter.email} {reporter.nik}"
    return Complaint.model_validate(
        {
            **dict(complaint),
            "reporter": reporter,
            "title": complaint.title[:100] + leak,
            "description": complaint.description + leak,
        }
    )


@given(complaint=reported(), audience=st.sampled_from([Audience.PUBLIC, Audience.HANDLING_UNIT]))
def test_views_hide_what_they_must_and_stay_valid(complaint: Complaint, audience: Audience) -> None:
    reporter = complaint.reporter
    assert reporter is not None and reporter.phone and reporter.nik and reporter.email
    if audience is Audience.PUBLIC and complaint.is_confidential:
        with pytest.raises(NotVisibleError):
            view_for(complaint, audience)
        return
    view = view_for(complaint, audience)
    text = view.model_dump_json()
    assert reporter.nik not in _squash(text)
    if audience is Audience.PUBLIC or complaint.is_anonymous:
        assert reporter.phone[3:] not in _squash(f"{view.title}|{view.description}")
        assert view.reporter is None or view.reporter.phone is None
        assert reporter.email not in text
    else:
        assert view.reporter is not None and view.reporter.phone == reporter.phone
    # A view is a valid complaint: placeholders never push a text past its length limit.
    assert Complaint.model_validate_json(text) == view
