"""Filing an intake draft in one call, on both clients, against the real sandbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from types import MappingProxyType

import pytest
import sqlalchemy as sa

from lapor_sdk import InvalidInputError
from lapor_sdk.client import RawResponse, UnsupportedOperationError
from lapor_sdk.intake import ComplaintDraft, from_email, from_message
from lapor_sdk.models import Channel, Complaint, Status
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sandbox._store import files_table

from .conftest import Api

FIXTURES = Path(__file__).resolve().parents[1] / "intake" / "fixtures"
WIB = dt.timezone(dt.timedelta(hours=7))
JPEG = b"\xff\xd8\xff\xe0fake-jpeg-bytes-for-lapor-sdk-tests\xff\xd9"
PDF = b"%PDF-1.4\n% surat pengantar RT\n%%EOF\n"


@pytest.fixture
def email_draft() -> ComplaintDraft:
    return from_email((FIXTURES / "multipart_attachment.eml").read_bytes())


def stored_bytes(sandbox: Sandbox, sha256: str | None) -> bytes:
    with sandbox.store.engine.connect() as conn:
        content = conn.execute(
            sa.select(files_table.c.content).where(files_table.c.sha256 == sha256)
        ).scalar_one()
    return bytes(content)


def test_a_draft_is_filed_with_every_field_and_its_files(
    api: Api, sandbox: Sandbox, email_draft: ComplaintDraft
) -> None:
    draft = email_draft.complaint
    filed: Complaint = api.complaints.create_from_draft(email_draft, external_ref="mail:17")
    assert filed.tracking_id is not None
    assert filed.external_ref == "mail:17"
    assert filed.status is Status.UNVERIFIED
    for field in ("title", "description", "channel", "classification", "location", "privacy"):
        assert getattr(filed, field) == getattr(draft, field), field
    assert filed.reporter == draft.reporter
    assert filed.received_at == draft.received_at == dt.datetime(2025, 3, 3, 8, 15, tzinfo=WIB)
    assert [(a.filename, a.content_type, a.size, a.sha256) for a in filed.attachments] == [
        (a.filename, a.content_type, a.size, a.sha256) for a in draft.attachments
    ]
    assert stored_bytes(sandbox, filed.attachments[0].sha256) == JPEG
    assert stored_bytes(sandbox, filed.attachments[1].sha256) == PDF


def test_filing_again_adds_nothing(api: Api, email_draft: ComplaintDraft) -> None:
    first: Complaint = api.complaints.create_from_draft(email_draft)  # the Message-ID ref
    again: Complaint = api.complaints.create_from_draft(email_draft)
    assert again.tracking_id == first.tracking_id
    assert first.external_ref == "email:20250303081500.1234@example.org"
    assert len(again.attachments) == 2
    assert len(api.attachments.list(first.tracking_id)) == 2


def test_an_interrupted_filing_uploads_only_what_is_missing(
    api: Api, email_draft: ComplaintDraft
) -> None:
    # The first run filed the report and the first file, then the process died.
    jpeg_only = dataclasses.replace(
        email_draft,
        complaint=email_draft.complaint.model_copy(
            update={"attachments": email_draft.complaint.attachments[:1]}
        ),
    )
    partial: Complaint = api.complaints.create_from_draft(jpeg_only, external_ref="mail:9")
    assert len(partial.attachments) == 1
    resumed: Complaint = api.complaints.create_from_draft(email_draft, external_ref="mail:9")
    assert resumed.tracking_id == partial.tracking_id
    assert [a.size for a in resumed.attachments] == [len(JPEG), len(PDF)]


def test_a_chat_draft_without_files_is_one_request(api: Api, sandbox: Sandbox) -> None:
    received = dt.datetime(2025, 11, 30, 9, 15, tzinfo=WIB)
    draft = from_message(
        "Lampu PJU di Jl. Ahmad Yani Kota Surabaya mati sejak seminggu, mohon diperbaiki.",
        sender="0812-3456-7890",
        received_at=received,
    )
    filed: Complaint = api.complaints.create_from_draft(draft, external_ref="wa:1")
    assert filed.channel is Channel.WHATSAPP
    assert filed.received_at == received
    assert filed.reporter is not None and filed.reporter.phone == "+6281234567890"
    assert filed.location == draft.complaint.location


class TestRefusedBeforeAnythingIsSent:
    def test_without_an_external_ref(self, api: Api, sandbox: Sandbox) -> None:
        draft = from_message(
            "Jalan berlubang di Jl. Ahmad Yani Kota Surabaya.",
            sender=None,
            received_at=dt.datetime(2025, 3, 3, 9, tzinfo=WIB),
        )
        with pytest.raises(InvalidInputError, match="pass `external_ref=`"):
            api.complaints.create_from_draft(draft)
        assert list(api.complaints.list()) == []

    def test_an_attachment_without_bytes(
        self, api: Api, sandbox: Sandbox, email_draft: ComplaintDraft
    ) -> None:
        no_bytes = dataclasses.replace(email_draft, attachment_contents=MappingProxyType({}))
        with pytest.raises(InvalidInputError, match=r"attachment 1 of 2 \(image/jpeg\)"):
            api.complaints.create_from_draft(no_bytes, external_ref="mail:1")
        assert list(api.complaints.list()) == []
        # Bytes kept elsewhere (a chat export's media folder) are passed in, by hash or name.
        files = {hashlib.sha256(JPEG).hexdigest(): JPEG, "surat pengantar.pdf": PDF}
        filed: Complaint = api.complaints.create_from_draft(
            no_bytes, external_ref="mail:1", files=files
        )
        assert [a.size for a in filed.attachments] == [len(JPEG), len(PDF)]

    def test_bytes_that_do_not_match_the_draft(self, api: Api, email_draft: ComplaintDraft) -> None:
        wrong = {"jembatan.jpg": JPEG + b"tampered"}
        with pytest.raises(InvalidInputError, match="do not match its SHA-256"):
            api.complaints.create_from_draft(email_draft, external_ref="mail:2", files=wrong)
        assert list(api.complaints.list()) == []

    def test_attachments_under_a_profile_that_cannot_upload(
        self, sandbox: Sandbox, email_draft: ComplaintDraft
    ) -> None:
        with sandbox.client(profile="lapor3", gateway_token=sandbox.gateway_token) as national:
            assert not national.supports("attachments.upload")
            with pytest.raises(UnsupportedOperationError, match="cannot upload files"):
                national.complaints.create_from_draft(email_draft, external_ref="mail:3")
            without_files = dataclasses.replace(
                email_draft,
                complaint=email_draft.complaint.model_copy(update={"attachments": []}),
            )
            filed = national.complaints.create_from_draft(without_files, external_ref="mail:3")
        assert filed.received_at == email_draft.complaint.received_at
        with sandbox.client() as client:
            assert len(list(client.complaints.list())) == 1


def test_the_raw_variant_answers_with_the_last_response(
    api: Api, email_draft: ComplaintDraft
) -> None:
    raw = api.with_raw_response.complaints.create_from_draft(email_draft, external_ref="mail:5")
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200  # the final GET of the report with its files
    assert len(raw.parse().attachments) == 2
