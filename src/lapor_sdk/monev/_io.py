"""Reading a set of complaints for monev from a JSON file (untrusted input)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from .._exceptions import InvalidInputError
from ..models import Complaint

__all__ = ["MAX_COMPLAINTS", "MAX_FILE_BYTES", "load_complaints", "parse_complaints"]

#: Largest complaints file read (bytes).
MAX_FILE_BYTES: Final = 100 * 1024 * 1024
#: Most complaints in one file.
MAX_COMPLAINTS: Final = 200_000


def parse_complaints(data: object, *, source: str = "input") -> list[Complaint]:
    """Validate decoded JSON as a list of complaints.

    Accepts a JSON array of complaints or an object with a ``"complaints"`` array (the shape
    ``lapor`` exports). Error messages name the item and field, never the values (which may be
    personal data).

    Args:
        data: Decoded JSON.
        source: Name used in error messages (the file name).

    Returns:
        The complaints, in input order.

    Raises:
        InvalidInputError: The shape is wrong, there are too many items, or an item is not a
            valid complaint.
    """
    if isinstance(data, dict) and isinstance(data.get("complaints"), list):
        data = data["complaints"]
    if not isinstance(data, list):
        raise InvalidInputError(
            f"{source} must hold a JSON array of complaints (or an object with a "
            f"'complaints' array), got {type(data).__name__}"
        )
    if len(data) > MAX_COMPLAINTS:
        raise InvalidInputError(
            f"{source} holds {len(data)} complaints; at most {MAX_COMPLAINTS} are read at once, "
            "split the file"
        )
    out: list[Complaint] = []
    for index, item in enumerate(data):
        try:
            out.append(Complaint.model_validate(item))
        except ValidationError as exc:
            first = exc.errors(include_input=False, include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"]) or "(root)"
            more = f" (and {exc.error_count() - 1} more errors)" if exc.error_count() > 1 else ""
            raise InvalidInputError(
                f"{source}: complaint [{index}] is invalid at {where}: {first['msg']}{more}; "
                "check it with `lapor validate`"
            ) from None
    return out


def load_complaints(path: str | Path) -> list[Complaint]:
    """Read complaints from a UTF-8 JSON file, size-capped at :data:`MAX_FILE_BYTES`.

    Args:
        path: The file.

    Returns:
        The complaints.

    Raises:
        InvalidInputError: Too large, not UTF-8, not JSON, or not valid complaints.
        OSError: The file cannot be read.

    Example:
        >>> from lapor_sdk.monev import load_complaints
        >>> complaints = load_complaints("tests/data/monev_small.json")  # doctest: +SKIP
    """
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(
            f"{file} is {size} bytes; complaint files larger than {MAX_FILE_BYTES} bytes are "
            "refused, split the file"
        )
    try:
        data = json.loads(file.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInputError(f"{file} is not UTF-8 text; save it as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{file} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return parse_complaints(data, source=str(file))
