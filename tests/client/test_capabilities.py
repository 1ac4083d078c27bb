"""``client.supports(...)``: what each wire profile carries, known before a call fails."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from lapor_sdk import InvalidInputError
from lapor_sdk.client import Lapor3Profile, LaporClient, LaporProfile, UnsupportedOperationError
from lapor_sdk.client._capabilities import COMPOSITE, OPERATIONS
from lapor_sdk.client._client import _ResourceSet
from lapor_sdk.client._operation import Operation

from .test_contract import _fake, client_operations

DOCS = Path(__file__).resolve().parents[2] / "docs"


def client(profile: str) -> LaporClient:
    return LaporClient(
        base_url="http://127.0.0.1:9", api_key="k", profile=profile, gateway_token="g"
    )


def test_the_table_names_every_client_method_and_its_operation() -> None:
    resource_attr = {
        str(annotation).split("[")[0]: attr
        for attr, annotation in _ResourceSet.__annotations__.items()
    }
    expected = {
        f"{resource_attr[where.split('.')[0]]}.{where.split('.')[1]}": operation_id
        for operation_id, (where, _method, _path) in client_operations().items()
    }
    assert dict(OPERATIONS) == expected
    with client("lapor") as c:
        for name in [*OPERATIONS, *COMPOSITE]:
            resource, method = name.split(".")
            assert callable(getattr(getattr(c, resource), method)), name


def test_the_lapor_profile_carries_everything() -> None:
    with client("lapor") as c:
        assert all(c.capabilities().values())
        assert c.supports("verify") and c.supports("verifyComplaint")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("complaints.create", True),
        ("create_from_draft", True),
        ("dispositions.forward", True),
        ("forward", True),
        ("archiveComplaint", True),
        ("agencies.list", True),
        ("verify", False),
        ("verification.verify", False),
        ("complaints.get", False),
        ("complaints.list", False),
        ("follow_ups.create", False),
        ("upload", False),
    ],
)
def test_lapor3_carries_what_the_gateway_is_known_to_have(name: str, expected: bool) -> None:
    with client("lapor3") as c:
        assert c.supports(name) is expected
        assert c.with_raw_response.supports(name) is expected


def test_supports_agrees_with_what_the_profile_refuses() -> None:
    """Every operation the table says lapor3 lacks is refused before a request, and only those."""
    profile = Lapor3Profile()
    for operation_id, (where, _method, _path) in client_operations().items():
        op = _build(where)
        if profile.supports_operation(operation_id):
            profile.prepare(op)
        else:
            with pytest.raises(UnsupportedOperationError):
                profile.prepare(op)
    assert all(LaporProfile().supports_operation(o) for o in OPERATIONS.values())


def _build(where: str) -> Operation[Any]:
    import inspect

    from lapor_sdk.client import _resources

    cls_name, attr = where.split(".")
    endpoint = vars(getattr(_resources, cls_name))[attr]
    sig = inspect.signature(endpoint._build)
    args = {
        n: _fake(n, p.annotation)
        for n, p in list(sig.parameters.items())[1:]
        if p.default is inspect.Parameter.empty
    }
    if attr == "forward":
        args["to_agency"] = "3502"
    op: Operation[Any] = endpoint._build(None, **args)
    return op


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("create", r"'create' is ambiguous: agencies|complaints\.create, dispositions\.create"),
        ("list", "ambiguous"),
        ("teleport", "unknown capability 'teleport'"),
        ("", "non-empty name"),
    ],
)
def test_unknown_and_ambiguous_names_are_refused(name: str, message: str) -> None:
    with client("lapor") as c, pytest.raises(InvalidInputError, match=message):
        c.supports(name)


def _docs_table() -> dict[str, tuple[bool, bool]]:
    text = (DOCS / "client.md").read_text(encoding="utf-8")
    section = text.split("## Capabilities per profile", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[bool, bool]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(\w+\.\w+)`", cells[0]) if len(cells) >= 3 else None
        if match:
            rows[match.group(1)] = (cells[1] == "yes", cells[2] == "yes")
    return rows


def test_the_docs_table_says_what_supports_says() -> None:
    table = _docs_table()
    assert set(table) == {*OPERATIONS, *COMPOSITE}
    with client("lapor") as lapor, client("lapor3") as lapor3:
        for name, (in_lapor, in_lapor3) in table.items():
            assert (lapor.supports(name), lapor3.supports(name)) == (in_lapor, in_lapor3), name
