"""The two wire formats of GeoReport v2: XML (required by the spec) and JSON.

JSON is the spec's "Spark convention" mapping of the XML: a list document
(``<service_requests><request>…``) is a JSON array of objects, the service definition is an
object. Errors are ``[{"code": 404, "description": "…"}]`` in JSON and
``<errors><error><code/><description/></error></errors>`` in XML.

Reading is for untrusted input: a document must be at most :data:`MAX_DOCUMENT_BYTES`, XML
with a DOCTYPE or entity declaration is refused (no entity expansion), nesting and item
counts are bounded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal
from xml.etree import ElementTree as ET

__all__ = [
    "JSON_TYPE",
    "LIST_ROOTS",
    "MAX_DOCUMENT_BYTES",
    "MAX_ITEMS",
    "XML_TYPE",
    "Format",
    "WireError",
    "decode",
    "encode_errors",
    "encode_list",
    "encode_object",
]

Format = Literal["json", "xml"]
#: Content types of the spec.
JSON_TYPE: Final = "application/json; charset=utf-8"
XML_TYPE: Final = "text/xml; charset=utf-8"
#: Largest document read (bytes).
MAX_DOCUMENT_BYTES: Final = 16 * 1024 * 1024
#: Most items read from one list document.
MAX_ITEMS: Final = 10_000
#: Root element and item element of each list document.
LIST_ROOTS: Final = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
}
_NESTED_LISTS: Final = {"attributes": "attribute", "values": "value"}


class WireError(ValueError):
    """A document that is not valid GeoReport v2 JSON or XML."""


#: Characters XML 1.0 cannot carry (controls but tab/CR/LF, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))


def _append(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _append(child, key, inner)
    elif isinstance(value, list):
        item = _NESTED_LISTS.get(name, "item")
        for inner in value:
            _append(child, item, inner)
    else:
        child.text = _scalar(value)


def _xml(root: ET.Element) -> bytes:
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


def encode_list(root: str, items: Sequence[Mapping[str, Any]], fmt: Format) -> bytes:
    """Encode a list document (``services``, ``service_requests``, ``errors``)."""
    if fmt == "json":
        return json.dumps(list(items), ensure_ascii=False).encode("utf-8")
    element = ET.Element(root)
    for item in items:
        _append(element, LIST_ROOTS[root], item)
    return _xml(element)


def encode_object(root: str, data: Mapping[str, Any], fmt: Format) -> bytes:
    """Encode a single-object document (``service_definition``)."""
    if fmt == "json":
        return json.dumps(dict(data), ensure_ascii=False).encode("utf-8")
    element = ET.Element(root)
    for key, value in data.items():
        _append(element, key, value)
    return _xml(element)


def encode_errors(errors: Sequence[tuple[int, str]], fmt: Format) -> bytes:
    """Encode the spec's error document: ``[{code, description}]``."""
    return encode_list(
        "errors", [{"code": code, "description": text} for code, text in errors], fmt
    )


def _from_element(element: ET.Element, depth: int = 0) -> Any:
    if depth > 8:
        raise WireError("the XML document is nested too deeply")
    children = list(element)
    if not children:
        return (element.text or "").strip() or None
    if element.tag in _NESTED_LISTS:
        return [_from_element(c, depth + 1) for c in children[:MAX_ITEMS]]
    return {c.tag: _from_element(c, depth + 1) for c in children}


def decode(raw: bytes, fmt: Format) -> Any:
    """Decode a GeoReport v2 document into JSON-like data (lists of dicts, or a dict).

    XML lists (``<services>``, ``<service_requests>``, ``<errors>``) become lists of dicts, the
    same shape as the JSON format. Scalars of XML stay strings (the models convert them).

    Raises:
        WireError: Too large, not UTF-8, malformed, has a DOCTYPE or entities, or too many items.
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise WireError(f"the document is larger than {MAX_DOCUMENT_BYTES} bytes")
    if fmt == "json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise WireError("the document is not UTF-8") from None
        except (ValueError, RecursionError):
            raise WireError("the document is not valid JSON") from None
        if isinstance(data, list) and len(data) > MAX_ITEMS:
            raise WireError(f"the document lists more than {MAX_ITEMS} items")
        return data
    head = raw[:4096].lower()
    if b"<!doctype" in raw.lower() or b"<!entity" in head:
        raise WireError("XML with a DOCTYPE or entity declarations is refused")
    try:
        root = ET.fromstring(raw)  # noqa: S314 - no DOCTYPE, so no entities to expand
    except ET.ParseError:
        raise WireError("the document is not well-formed XML") from None
    if root.tag in LIST_ROOTS:
        items = list(root)
        if len(items) > MAX_ITEMS:
            raise WireError(f"the document lists more than {MAX_ITEMS} items")
        return [_from_element(item) or {} for item in items]
    value = _from_element(root)
    return value if isinstance(value, dict) else {}
