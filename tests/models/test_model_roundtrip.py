"""Every model survives JSON losslessly; enums keep their wire values; datetimes must be aware."""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from model_strategies import MODEL_STRATEGIES, complaints, mobile_numbers, niks
from pydantic import BaseModel, ValidationError

import lapor_sdk.models as models
from lapor_sdk.models import (
    Attachment,
    Complaint,
    Disposition,
    Event,
    EventKind,
    FollowUp,
    Privacy,
    Rating,
    Reply,
    Reporter,
    Role,
    Satisfaction,
    Status,
)

PUBLIC_MODELS = sorted(
    (obj for obj in vars(models).values() if inspect.isclass(obj) and issubclass(obj, BaseModel)),
    key=lambda cls: cls.__name__,
)
PUBLIC_ENUMS = sorted(
    (obj for obj in vars(models).values() if inspect.isclass(obj) and issubclass(obj, enum.Enum)),
    key=lambda cls: cls.__name__,
)
WIB = dt.timezone(dt.timedelta(hours=7))


def test_every_public_model_has_a_strategy() -> None:
    assert {cls.__name__ for cls in PUBLIC_MODELS} == {c.__name__ for c in MODEL_STRATEGIES}


@pytest.mark.parametrize("cls", list(MODEL_STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_json_round_trip_is_lossless(cls: type[BaseModel], data: st.DataObject) -> None:
    model = data.draw(MODEL_STRATEGIES[cls])
    text = model.model_dump_json()
    assert cls.model_validate_json(text) == model
    # The JSON-mode dict (what an HTTP client sends) round-trips as well.
    assert cls.model_validate(json.loads(text)) == model


@given(complaint=complaints)
def test_complaint_json_carries_enum_wire_values(complaint: Complaint) -> None:
    raw = json.loads(complaint.model_dump_json())
    assert raw["status"] == complaint.status.value
    assert raw["channel"] == complaint.channel.value
    assert raw["privacy"] == complaint.privacy.value
    assert raw["classification"] == complaint.classification.value
    for event, raw_event in zip(complaint.events, raw["events"], strict=True):
        assert raw_event["kind"] == event.kind.value
        assert raw_event["actor"] == event.actor.value


@pytest.mark.parametrize("enum_cls", PUBLIC_ENUMS, ids=lambda c: c.__name__)
def test_enum_members_round_trip_and_have_distinct_labels(enum_cls: type[enum.StrEnum]) -> None:
    labels = [member.label for member in enum_cls]  # type: ignore[attr-defined]
    assert all(isinstance(label, str) and label.strip() for label in labels)
    assert len(set(labels)) == len(labels), "two members share a label"
    for member in enum_cls:
        assert enum_cls(member.value) is member
        assert json.loads(json.dumps(member)) == member.value


@pytest.mark.parametrize(
    ("member", "label"),
    [
        # Words of the field as DOMAIN.md gives them.
        (Status.UNVERIFIED, "Laporan Belum Terverifikasi"),
        (Status.DISPOSED, "Terdisposisi Belum Ditindaklanjuti"),
        (Status.IN_PROGRESS, "Sedang Diproses"),
        (Status.COMPLETED, "Terdisposisi Selesai"),
        (Status.POSTPONED, "Laporan Tertunda"),
        (Status.ARCHIVED, "Laporan Arsip"),
        (Satisfaction.VERY_SATISFIED, "Sangat Puas"),
        (Satisfaction.SATISFIED, "Puas"),
        (Satisfaction.FAIRLY_SATISFIED, "Cukup Puas"),
        (Satisfaction.DISSATISFIED, "Tidak Puas"),
        (Role.COORDINATOR_ADMIN, "Admin Koordinator"),
        (Role.LIAISON, "Admin Penghubung"),
        (Privacy.ANONYMOUS, "Anonim"),
        (Privacy.CONFIDENTIAL, "Rahasia"),
    ],
    ids=str,
)
def test_labels_use_the_lapor_words(member: Any, label: str) -> None:
    assert member.label == label


@given(anonymous=st.booleans(), confidential=st.booleans())
def test_privacy_flags_are_independent(anonymous: bool, confidential: bool) -> None:
    privacy = Privacy.of(anonymous=anonymous, confidential=confidential)
    assert (privacy.anonymous, privacy.confidential) == (anonymous, confidential)
    assert Privacy(privacy.value) is privacy


@given(number=mobile_numbers())
def test_reporter_phone_is_normalised_to_e164(number: tuple[str, str]) -> None:
    written, e164 = number
    assert Reporter(phone=written).phone == e164


@given(nik=niks())
def test_reporter_accepts_valid_nik_written_with_spaces(nik: str) -> None:
    spaced = f"{nik[:6]} {nik[6:12]} {nik[12:]}"
    assert Reporter(nik=spaced).nik == nik


NAIVE = dt.datetime(2025, 3, 3, 9, 0)  # naive on purpose
AWARE = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)

# One valid set of arguments per model with a datetime field, and the field to make naive.
DATETIME_CASES = [
    pytest.param(Complaint, {"created_at": AWARE}, "created_at", id="Complaint.created_at"),
    pytest.param(
        Complaint,
        {"created_at": AWARE, "updated_at": AWARE},
        "updated_at",
        id="Complaint.updated_at",
    ),
    pytest.param(
        Complaint,
        {"created_at": AWARE, "received_at": AWARE},
        "received_at",
        id="Complaint.received_at",
    ),
    pytest.param(
        Disposition,
        {"at": AWARE, "to_agency": "Pemkot Surabaya", "by": Role.AGENCY_ADMIN},
        "at",
        id="Disposition.at",
    ),
    pytest.param(FollowUp, {"at": AWARE, "text": "Sudah diperbaiki"}, "at", id="FollowUp.at"),
    pytest.param(Reply, {"at": AWARE, "text": "Belum beres"}, "at", id="Reply.at"),
    pytest.param(
        Rating, {"at": AWARE, "satisfaction": Satisfaction.SATISFIED}, "at", id="Rating.at"
    ),
    pytest.param(
        Event,
        {"at": AWARE, "kind": EventKind.CREATED, "actor": Role.REPORTER, "to_status": "unverified"},
        "at",
        id="Event.at",
    ),
]


@pytest.mark.parametrize(("cls", "kwargs", "field"), DATETIME_CASES)
def test_naive_datetimes_are_rejected_with_a_clear_message(
    cls: type[BaseModel], kwargs: dict[str, Any], field: str
) -> None:
    cls(**kwargs)  # the aware version is fine
    with pytest.raises(ValidationError) as info:
        cls(**{**kwargs, field: NAIVE})
    (error,) = info.value.errors()
    assert error["loc"] == (field,)
    assert error["type"] == "timezone_aware"
    assert "timezone" in str(info.value)


def test_naive_datetime_in_json_is_rejected() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Complaint.model_validate_json('{"created_at": "2025-03-03T09:00:00"}')


def test_every_datetime_field_is_covered_by_the_naive_test() -> None:
    covered = {str(p.id) for p in DATETIME_CASES}
    fields = {
        f"{cls.__name__}.{name}"
        for cls in PUBLIC_MODELS
        for name, info in cls.model_fields.items()
        if any(t in str(info.annotation) for t in ("AwareDatetime", "datetime.datetime"))
    }
    assert len(fields) >= len(DATETIME_CASES)
    assert fields <= covered, f"naive test misses {sorted(fields - covered)}"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Complaint(created_at=AWARE, titel="typo")  # type: ignore[call-arg]


def test_value_objects_are_frozen() -> None:
    attachment = Attachment(filename="foto.jpg", content_type="image/jpeg", size=10)
    with pytest.raises(ValidationError):
        attachment.size = 11  # type: ignore[misc]


def test_updated_at_defaults_to_created_at() -> None:
    assert Complaint(created_at=AWARE).updated_at == AWARE
