"""A known reporter goes through every output path; none of its personal data comes out.

Paths: repr, str, f-strings, logging (objects with and without the filter, text with it),
exception messages (validation and lifecycle), ``view_for`` JSON for the public and the handling
unit, and the ``lapor validate`` / ``lapor schema`` commands.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from lapor_sdk import IllegalTransitionError, lifecycle
from lapor_sdk.cli import app
from lapor_sdk.models import (
    Attachment,
    Complaint,
    Disposition,
    Event,
    EventKind,
    FollowUp,
    Location,
    Privacy,
    Rating,
    Reply,
    Reporter,
    Role,
    Satisfaction,
    Status,
)
from lapor_sdk.privacy import Audience, RedactingFilter, redact_text, view_for

WIB = dt.timezone(dt.timedelta(hours=7))
NAME = "Siti Rahayu Lestari"
PHONE = "0813-9988-7766"
EMAIL = "siti.rahayu.lapor@contoh.co.id"
NIK = "3507124512880002"
ADDRESS = "Jl. Kenanga No. 17, Sukolilo"

#: Each field of the reporter, with the fragments that must never appear in an output.
FRAGMENTS = {
    "name": [NAME],
    "phone": ["81399887766", "8139988", "9988-7766"],
    "email": [EMAIL, "siti.rahayu.lapor", "contoh.co.id"],
    "nik": [NIK, "350712451288"],
    "address": [ADDRESS, "Kenanga"],
}


def assert_clean(output: str, *, allow: tuple[str, ...] = ()) -> None:
    """Fail when a fragment of a field not in ``allow`` is in ``output`` (also sans separators)."""
    squashed = re.sub(r"[\s.\-()+]", "", output)
    for field, fragments in FRAGMENTS.items():
        if field in allow:
            continue
        for fragment in fragments:
            bare = re.sub(r"[\s.\-()+]", "", fragment)
            assert fragment not in output and bare not in squashed, f"{field} leaked: {fragment}"


def reporter() -> Reporter:
    return Reporter(name=NAME, phone=PHONE, email=EMAIL, nik=NIK, address=ADDRESS)


def complaint(privacy: Privacy = Privacy.PUBLIC) -> Complaint:
    return lifecycle.create(
        title=f"Pungli, hubungi {PHONE} atau {EMAIL}",
        description=f"NIK saya {NIK}.",
        created_at=dt.datetime(2025, 3, 3, 8, tzinfo=WIB),
        tracking_id="LAPOR-2025-000321",
        external_ref=f"wa:{PHONE}",
        privacy=privacy,
        reporter=reporter(),
    )


def test_the_check_itself_catches_each_field() -> None:
    for fragments in FRAGMENTS.values():
        with pytest.raises(AssertionError):
            assert_clean(f"xx {fragments[0]} xx")


@pytest.mark.parametrize(
    "render",
    [repr, str, lambda o: f"{o}", lambda o: f"{o!r}", lambda o: format(o, ""), lambda o: f"{[o]}"],
    ids=["repr", "str", "f-string", "f-string-r", "format", "in-a-list"],
)
@pytest.mark.parametrize("make", [reporter, complaint], ids=["Reporter", "Complaint"])
def test_repr_and_str(render: object, make: object) -> None:
    obj = make()  # type: ignore[operator]
    text = render(obj)  # type: ignore[operator]
    assert_clean(text)
    assert "redacted" in text or "disembunyikan" in text


TEXT = f"Hubungi {PHONE} / {EMAIL}, NIK {NIK}"
T0 = dt.datetime(2025, 3, 3, 8, tzinfo=WIB)


@pytest.mark.parametrize(
    "obj",
    [
        Reply(at=T0, text=TEXT),
        FollowUp(at=T0, text=TEXT, unit="UPT"),
        Rating(at=T0, satisfaction=Satisfaction.SATISFIED, comment=TEXT),
        Event(
            at=T0,
            kind=EventKind.POSTPONED,
            actor=Role.AGENCY_ADMIN,
            to_status=Status.POSTPONED,
            note=TEXT,
        ),
        Disposition(at=T0, to_agency="Pemkot Surabaya", by=Role.AGENCY_ADMIN, note=TEXT),
        Location(description=TEXT, street="Jl. Ahmad Yani"),
        Attachment(filename=f"ktp_{NIK}.jpg", content_type="image/jpeg", size=1),
    ],
    ids=lambda o: type(o).__name__,
)
def test_repr_of_records_never_shows_their_texts(obj: object) -> None:
    # Free text may quote the reporter's name, which no pattern finds: repr shows lengths.
    for text in (repr(obj), str(obj), f"{obj}", f"{[obj]}"):
        assert_clean(text)
        assert "characters>" in text


@pytest.mark.parametrize("with_filter", [False, True], ids=["no-filter", "filter"])
def test_logging_objects(caplog: pytest.LogCaptureFixture, with_filter: bool) -> None:
    logger = logging.getLogger("lapor_sdk.tests.leaks")
    if with_filter:
        caplog.handler.addFilter(RedactingFilter())
    try:
        with caplog.at_level(logging.DEBUG, logger="lapor_sdk.tests.leaks"):
            c = complaint()
            logger.info("complaint %s by %r", c, c.reporter)
            logger.info(c)
            logger.debug("state: %(c)s", {"c": c})
    finally:
        caplog.handler.filters.clear()
    assert caplog.text.count("LAPOR-2025-000321") == 3
    assert_clean(caplog.text)


def test_logging_text_needs_the_filter(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("lapor_sdk.tests.leaks")
    caplog.handler.addFilter(RedactingFilter())
    try:
        with caplog.at_level(logging.INFO, logger="lapor_sdk.tests.leaks"):
            logger.info("inbound WhatsApp from %s: %s", PHONE, f"NIK {NIK}, {EMAIL}")
    finally:
        caplog.handler.filters.clear()
    assert "inbound WhatsApp from" in caplog.text
    assert_clean(caplog.text, allow=("name", "address"))


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("phone", "0813-9988-7766-5544"),  # one group too many
        ("phone", "+1 813 9988 7766"),
        ("nik", "3507124513880002"),  # month 13
        ("nik", "35071245128800021"),  # 17 digits
        ("email", "siti.rahayu.lapor@[10.1.2]"),  # email-validator would quote "10.1.2"
        ("email", "siti.rahayu.lapor@contoh..co.id"),
    ],
)
def test_validation_errors_do_not_echo_the_input(field: str, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        Reporter(**{field: bad})
    with pytest.raises(ValidationError) as nested:
        Complaint.model_validate(
            {"created_at": "2025-03-03T08:00:00+07:00", "reporter": {field: bad}}
        )
    for error in (info.value, nested.value):
        messages = " ".join(e["msg"] for e in error.errors(include_input=False))
        for text in (str(error), repr(error), messages):
            assert bad not in text
            assert_clean(text)
    if field == "email":
        assert "10.1.2" not in str(info.value)


def test_lifecycle_errors_name_the_report_not_the_reporter() -> None:
    with pytest.raises(IllegalTransitionError) as info:
        lifecycle.close(complaint(), at=dt.datetime(2025, 3, 4, tzinfo=WIB))
    assert "LAPOR-2025-000321" in str(info.value)
    assert_clean(str(info.value))


@pytest.mark.parametrize("privacy", [Privacy.PUBLIC, Privacy.ANONYMOUS], ids=str)
def test_public_view_json(privacy: Privacy) -> None:
    view = view_for(complaint(privacy), Audience.PUBLIC)
    assert_clean(view.model_dump_json(), allow=() if privacy.anonymous else ("name",))


@pytest.mark.parametrize("privacy", list(Privacy), ids=str)
def test_handling_unit_view_json(privacy: Privacy) -> None:
    view = view_for(complaint(privacy), Audience.HANDLING_UNIT)
    allowed = () if privacy.anonymous else ("name", "phone", "email")
    assert_clean(view.model_dump_json(), allow=allowed)


runner = CliRunner()


def test_cli_validate_output(tmp_path: Path) -> None:
    good = json.loads(complaint().model_dump_json())
    bad_phone = dict(good, reporter={"name": NAME, "phone": "0813-9988-7766-5544"})
    bad_nik = dict(good, reporter={"nik": "3507124513880002", "address": ADDRESS})
    bad_email = dict(good, reporter={"email": "siti.rahayu.lapor@[10.1.2]"})
    path = tmp_path / "reports.json"
    path.write_text(json.dumps([good, bad_phone, bad_nik, bad_email]), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "3 of 4 complaint(s)" in result.output
    assert "reporter.phone" in result.output and "reporter.nik" in result.output
    assert_clean(result.output)

    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(good), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(ok)])
    assert result.exit_code == 0
    assert_clean(result.output)


def test_cli_schema_output_carries_no_personal_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert '"reporter"' in result.output
    assert_clean(result.output)
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    for text in (result.output, out.read_text(encoding="utf-8")):
        # No NIK-like number or e-mail address in a docstring that reaches the schema (the
        # Reporter docstring's phone example is documentation of the normalisation).
        assert not re.search(r"(?<!\d)\d{16}(?!\d)", text)
        assert redact_text(text.replace("0812-3456-7890", "").replace("+6281234567890", "")) == (
            text.replace("0812-3456-7890", "").replace("+6281234567890", "")
        )
