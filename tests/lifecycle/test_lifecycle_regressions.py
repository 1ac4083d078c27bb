"""Regression found in review: ``apply`` with bad arguments raises InvalidInputError."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lapor_sdk import IllegalTransitionError, InvalidInputError, lifecycle
from lapor_sdk.models import Role, Status

_WIB = dt.timezone(dt.timedelta(hours=7))
_T0 = dt.datetime(2025, 3, 3, 9, tzinfo=_WIB)


@pytest.mark.parametrize(
    ("action", "kwargs", "wording"),
    [
        pytest.param(
            lifecycle.Action.VERIFY,
            {"by": Role.AGENCY_ADMIN, "agency": "Dinas PU"},
            "'at'",
            id="missing-at",
        ),
        pytest.param(
            lifecycle.Action.VERIFY,
            {"by": Role.AGENCY_ADMIN, "agency": "Dinas PU", "at": _T0, "bogus": 1},
            "'bogus'",
            id="unknown-keyword",
        ),
        pytest.param(
            lifecycle.Action.FOLLOW_UP,
            {"at": _T0, "text": "Sudah", "txt": "x"},
            "'txt'",
            id="follow-up",
        ),
        pytest.param(lifecycle.Action.COMPLETE, {"at": _T0}, "'text'", id="complete"),
    ],
)
def test_apply_with_bad_arguments_names_them(
    action: lifecycle.Action, kwargs: dict[str, Any], wording: str
) -> None:
    c = lifecycle.create(title="Lampu mati", description="PJU mati di Jl. Darmo", created_at=_T0)
    with pytest.raises(InvalidInputError, match=wording) as info:
        lifecycle.apply(c, action, **kwargs)
    assert action.value in str(info.value)


@pytest.mark.parametrize(("status", "role"), [(s, r) for s in Status for r in Role])
def test_allowed_actions_takes_wire_values_like_the_enums(status: Status, role: Role) -> None:
    # Statuses and roles arrive as wire strings from JSON; the answer must not change.
    assert lifecycle.allowed_actions(status.value, role.value) == lifecycle.allowed_actions(  # type: ignore[arg-type]
        status, role
    )


def test_allowed_actions_refuses_an_unknown_status() -> None:
    with pytest.raises(InvalidInputError, match="'bogus'"):
        lifecycle.allowed_actions("bogus", Role.AGENCY_ADMIN)  # type: ignore[arg-type]


def test_a_role_given_as_a_wire_string_is_refused_with_the_allowed_roles() -> None:
    c = lifecycle.create(title="Lampu mati", description="PJU mati di Jl. Darmo", created_at=_T0)
    with pytest.raises(IllegalTransitionError, match="role reporter may not verify"):
        lifecycle.verify(c, by="reporter", at=_T0, agency="Dinas PU")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="unknown role 'bogus'"):
        lifecycle.verify(c, by="bogus", at=_T0, agency="Dinas PU")  # type: ignore[arg-type]
    done = lifecycle.verify(c, by="agency_admin", at=_T0, agency="Dinas PU")  # type: ignore[arg-type]
    assert done.events[-1].actor is Role.AGENCY_ADMIN
