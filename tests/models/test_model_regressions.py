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
