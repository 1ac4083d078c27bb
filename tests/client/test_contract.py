"""The OpenAPI contract: valid, in sync with the models, one client method per operation."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from lapor_sdk.client import _resources
from lapor_sdk.client._operation import Operation
from lapor_sdk.models import Complaint, Location, Reporter, Satisfaction
from lapor_sdk.sandbox._contract import openapi_document, render_yaml

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "api" / "lapor-openapi.yaml"
REGENERATE = "python -m lapor_sdk.sandbox._contract docs/api/lapor-openapi.yaml"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    return loaded


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_the_committed_document_matches_the_models(document: dict[str, Any]) -> None:
    assert CONTRACT.read_text(encoding="utf-8") == render_yaml(), f"stale: run `{REGENERATE}`"
    assert document == openapi_document()


def test_complaint_schema_is_the_models_json_schema(document: dict[str, Any]) -> None:
    expected = Complaint.model_json_schema(
        mode="serialization", ref_template="#/components/schemas/{model}"
    )
    expected.pop("$defs")
    assert document["components"]["schemas"]["Complaint"] == expected


def test_every_post_takes_an_idempotency_key(document: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        if "post" in item:
            refs = [p.get("$ref") for p in item["post"]["parameters"]]
            assert "#/components/parameters/IdempotencyKey" in refs, path


def _fake(name: str, annotation: Any) -> Any:
    values: dict[str, Any] = {
        "satisfaction": Satisfaction.SATISFIED,
        "file": b"%PDF",
        "location": Location(region_code="35.78"),
        "reporter": Reporter(name="x"),
    }
    return values.get(name, "x")


def client_operations() -> dict[str, tuple[str, str, str]]:
    """operationId -> (resource.method, HTTP method, path template) from the client's code."""
    found: dict[str, tuple[str, str, str]] = {}
    for resource_name in _resources.__all__:
        cls = getattr(_resources, resource_name)
        if not isinstance(cls, type):
            continue
        for attr, value in vars(cls).items():
            if not isinstance(value, _resources._Endpoint | _resources._PagedEndpoint):
                continue
            sig = inspect.signature(value._build)
            args = {
                n: _fake(n, p.annotation)
                for n, p in list(sig.parameters.items())[1:]
                if p.default is inspect.Parameter.empty
            }
            op: Operation[Any] = value._build(None, **args)
            template = op.path
            for key, raw in op.path_args.items():
                template = template.replace(f"/{raw}", f"/{{{key}}}")
            found[op.operation_id] = (f"{resource_name}.{attr}", op.method, template)
    return found


def test_every_operation_has_a_client_method_and_vice_versa(document: dict[str, Any]) -> None:
    in_document = {
        op["operationId"]: (method.upper(), path)
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    in_client = client_operations()
    assert set(in_client) == set(in_document)
    for operation_id, (_where, method, path) in in_client.items():
        assert (method, path) == in_document[operation_id], operation_id
