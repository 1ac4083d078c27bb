"""Which client methods a wire profile can carry: ``client.supports("verify")``.

The contract's operations are named three ways: the client method (``"verification.verify"``),
the method alone when only one resource has it (``"verify"``), and the OpenAPI
``operationId`` (``"verifyComplaint"``). :func:`resolve` turns any of them into operation ids;
a :class:`~lapor_sdk.client.WireProfile` says which ids it carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .._exceptions import InvalidInputError

__all__ = ["COMPOSITE", "OPERATIONS", "resolve"]

#: Client method (``resource.method``) → the contract's ``operationId`` it calls.
OPERATIONS: Mapping[str, str] = MappingProxyType(
    {
        "complaints.create": "createComplaint",
        "complaints.get": "getComplaint",
        "complaints.list": "listComplaints",
        "verification.verify": "verifyComplaint",
        "verification.postpone": "postponeComplaint",
        "verification.supplement": "supplementComplaint",
        "verification.archive": "archiveComplaint",
        "dispositions.create": "disposeComplaint",
        "dispositions.forward": "forwardComplaint",
        "dispositions.list": "listDispositions",
        "follow_ups.create": "createFollowUp",
        "follow_ups.list": "listFollowUps",
        "replies.create": "createReply",
        "replies.list": "listReplies",
        "ratings.create": "rateComplaint",
        "ratings.get": "getRating",
        "attachments.upload": "uploadAttachment",
        "attachments.list": "listAttachments",
        "agencies.list": "listAgencies",
        "agencies.get": "getAgency",
        "agencies.list_units": "listUnits",
        "categories.list": "listCategories",
    }
)

#: Client methods made of several calls → the operations they always need.
#: ``create_from_draft`` also needs ``uploadAttachment`` when the draft has attachments.
COMPOSITE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"complaints.create_from_draft": ("createComplaint",)}
)


def _methods() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {k: (v,) for k, v in OPERATIONS.items()}
    found.update(COMPOSITE)
    return found


def resolve(name: str) -> tuple[str, ...]:
    """Return the operation ids behind a capability name.

    Args:
        name: ``"verification.verify"``, ``"verify"`` (a method only one resource has) or
            ``"verifyComplaint"`` (an OpenAPI ``operationId``).

    Raises:
        InvalidInputError: The name is unknown, or a bare method name that several resources
            have (``"create"``, ``"list"``, ``"get"``).
    """
    if not isinstance(name, str) or not name:
        raise InvalidInputError(
            "a capability is a non-empty name such as 'verification.verify' or 'verify'"
        )
    methods = _methods()
    if name in methods:
        return methods[name]
    if name in OPERATIONS.values():
        return (name,)
    matches = sorted(m for m in methods if m.rsplit(".", 1)[1] == name)
    if len(matches) == 1:
        return methods[matches[0]]
    if matches:
        raise InvalidInputError(
            f"capability {name!r} is ambiguous: {', '.join(matches)}; name the resource too"
        )
    raise InvalidInputError(
        f"unknown capability {name!r}; use a client method such as 'verification.verify' or "
        f"'complaints.list' (all: {', '.join(methods)}), or an operationId of the contract"
    )
