"""Regressions found in review: repr must not leak part of a NIK cut by the title limit."""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_sdk.models import Complaint

_T0 = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.mark.parametrize("prefix_len", range(60, 80))
def test_repr_never_shows_digits_of_a_nik_cut_at_the_title_limit(prefix_len: int) -> None:
    nik = "3578015708900003"
    c = Complaint(title="x" * prefix_len + " " + nik, created_at=_T0)
    shown = repr(c) + str(c)
    assert "35780157" not in shown
    assert "3578015" not in shown


def test_tags_are_capped_like_every_other_untrusted_text() -> None:
    import datetime as dt

    import pydantic

    from lapor_sdk.models import MAX_TAG_LENGTH, MAX_TAGS, Complaint
    from lapor_sdk.privacy import Audience

    at = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    with pytest.raises(pydantic.ValidationError, match="at most 50 items"):
        Complaint(created_at=at, tags=["jalan"] * (MAX_TAGS + 1))
    with pytest.raises(pydantic.ValidationError, match="at most 100 characters"):
        Complaint(created_at=at, tags=["x" * (MAX_TAG_LENGTH + 1)])
    # A phone number at the very end of a full-length tag is scrubbed in the public view, and
    # the longer placeholder does not push the tag over its limit.
    tag = "x" * (MAX_TAG_LENGTH - 13) + " 081234567890"
    public = Complaint(created_at=at, tags=[tag]).view_for(Audience.PUBLIC)
    assert len(public.tags[0]) <= MAX_TAG_LENGTH
    assert "081234567890" not in public.tags[0]
