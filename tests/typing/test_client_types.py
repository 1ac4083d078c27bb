"""Static types of the client's public API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from typing import assert_type

from lapor_sdk.client import (
    AsyncLaporClient,
    AsyncPage,
    AsyncPaginator,
    LaporClient,
    RawResponse,
    SyncPage,
)
from lapor_sdk.intake import from_message
from lapor_sdk.models import Complaint
from lapor_sdk.sandbox import Sandbox

WIB = dt.timezone(dt.timedelta(hours=7))


def test_client_types() -> None:
    draft = from_message(
        "Lampu PJU di Jl. Ahmad Yani Kota Surabaya mati.",
        sender=None,
        received_at=dt.datetime(2025, 11, 30, 9, 15, tzinfo=WIB),
    )
    with Sandbox.running() as sb:
        client: LaporClient = sb.client()
        with client:
            filed = client.complaints.create_from_draft(draft, external_ref="t:1")
            assert_type(filed, Complaint)
            assert_type(client.complaints.list(), SyncPage[Complaint])
            assert_type(client.supports("verify"), bool)
            assert_type(client.capabilities(), dict[str, bool])
            raw = client.with_raw_response.complaints.create_from_draft(draft, external_ref="t:1")
            assert_type(raw, RawResponse[Complaint])


async def _async_types(client: AsyncLaporClient) -> None:
    assert_type(client.complaints.list(), AsyncPaginator[Complaint])
    assert_type(client.supports("complaints.list"), bool)
    async for complaint in client.complaints.list():
        assert_type(complaint, Complaint)
    assert_type(await client.complaints.list(), AsyncPage[Complaint])
    draft_filed = client.complaints.create_from_draft
    assert_type(await draft_filed(from_message("x y z", sender=None, received_at=_AT)), Complaint)


_AT = dt.datetime(2025, 11, 30, 9, 15, tzinfo=WIB)
