"""The model file: one JSON document, arrays as zlib-compressed little-endian bytes in base64.

No pickle and nothing executable: loading parses JSON, checks every field against a strict
schema, and rebuilds NumPy arrays from raw bytes of a whitelisted dtype whose size is known
before anything is decompressed. Hostile or corrupt files raise :class:`ModelFileError`.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import tempfile
import zlib
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import ModelFileError

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_MODEL_BYTES",
    "ArrayData",
    "BlockData",
    "ClassifierData",
    "FitReport",
    "ModelData",
    "decode_array",
    "encode_array",
    "read_model",
    "write_model",
]

FORMAT = "lapor-sdk/triage-model"
FORMAT_VERSION = 1
#: Largest model file :meth:`TriageModel.load` reads by default.
MAX_MODEL_BYTES = 256 * 1024 * 1024
#: Most elements one stored array may have (the weights of 500,000 features x 100 labels).
MAX_ARRAY_ELEMENTS = 50_000_000
MAX_LABELS = 10_000
MAX_LABEL_CHARS = 200
MAX_FEATURE_CHARS = 1_000

_DTYPES: dict[str, np.dtype[Any]] = {"float16": np.dtype("<f2"), "float32": np.dtype("<f4")}

_Strict = ConfigDict(extra="forbid", frozen=True, strict=True)
Label = Annotated[str, Field(min_length=1, max_length=MAX_LABEL_CHARS)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class ArrayData(BaseModel):
    """A NumPy array as stored: dtype, shape and the zlib-compressed bytes in base64."""

    model_config = _Strict

    dtype: Literal["float16", "float32"]
    shape: Annotated[list[Annotated[int, Field(ge=0, le=MAX_ARRAY_ELEMENTS)]], Field(max_length=2)]
    zlib_base64: str


class BlockData(BaseModel):
    """One feature block: analyser kind, n-gram range, vocabulary (in index order), idf."""

    model_config = _Strict

    kind: Literal["word", "char"]
    ngram_range: Annotated[
        list[Annotated[int, Field(ge=1, le=8)]], Field(min_length=2, max_length=2)
    ]
    vocabulary: list[Annotated[str, Field(min_length=1, max_length=MAX_FEATURE_CHARS)]]
    idf: ArrayData


class ClassifierData(BaseModel):
    """The linear classifier: weights (features x labels), intercepts, softmax temperature."""

    model_config = _Strict

    weights: ArrayData
    intercept: ArrayData
    temperature: Annotated[float, Field(gt=0.0, le=1e6, allow_inf_nan=False)]


class FitReport(BaseModel):
    """How a model was fitted and how it did on data held out inside its training set.

    The ``cross_validated`` figures come from out-of-fold predictions: each training text
    was scored by a model fitted without it. The threshold was chosen on them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    n_texts: Annotated[int, Field(ge=0)]
    """Training texts used (after dropping labels with too few examples)."""
    n_features: Annotated[int, Field(ge=0)]
    """Features in the vocabulary."""
    label_counts: dict[Label, Annotated[int, Field(ge=0)]]
    """Training texts per label."""
    dropped_labels: dict[Label, Annotated[int, Field(ge=0)]]
    """Labels left out for having fewer than ``min_examples`` texts, with their counts."""
    folds: Annotated[int, Field(ge=0, le=100)]
    """Cross-validation folds used to choose the threshold and calibrate confidences."""
    options: dict[str, str | int | float | bool | list[int] | None]
    """The fitting options (regularisation, n-gram ranges, ...)."""
    fit_seconds: Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
    """Wall-clock time of the fit."""
    accuracy: Fraction
    """Out-of-fold accuracy."""
    macro_f1: Fraction
    """Out-of-fold macro-averaged F1."""
    coverage_at_threshold: Fraction
    """Share of the out-of-fold texts the model would not abstain on."""
    accuracy_at_threshold: Fraction | None
    """Out-of-fold accuracy on those texts (``None`` when it abstains on all)."""
    target_reached: bool
    """Whether some threshold reached the target precision out of fold."""
    compared_text_forms: dict[Annotated[str, Field(max_length=20)], float] = {}
    """With ``text_form="auto"``: the out-of-fold score (mean of accuracy and macro-F1) of
    each text form tried; the best one was kept."""
    compared_options: dict[Annotated[str, Field(max_length=80)], float] = {}
    """When the options were tuned: the out-of-fold score of each candidate
    (``"stemmed C=0.1 balance=1.0"``); the best one was kept."""


class ModelData(BaseModel):
    """The whole model file."""

    model_config = _Strict

    format: Literal["lapor-sdk/triage-model"]
    format_version: Literal[1]
    sdk_version: Annotated[str, Field(max_length=64)]
    created_at: Annotated[str, Field(max_length=64)]
    labels: Annotated[list[Label], Field(min_length=2, max_length=MAX_LABELS)]
    threshold: Fraction
    target_precision: Fraction
    preprocessed: bool
    text_form: Literal["basic", "stemmed"]
    routes: Annotated[dict[Label, Label], Field(max_length=MAX_LABELS)]
    features: Annotated[list[BlockData], Field(min_length=1, max_length=4)]
    classifier: ClassifierData
    fit_report: FitReport


def encode_array(array: npt.NDArray[Any], dtype: Literal["float16", "float32"]) -> ArrayData:
    """Return ``array`` as stored data in ``dtype`` (little-endian), compressed."""
    data = np.ascontiguousarray(array, dtype=_DTYPES[dtype]).tobytes()
    return ArrayData(
        dtype=dtype,
        shape=list(array.shape),
        zlib_base64=base64.b64encode(zlib.compress(data, 6)).decode("ascii"),
    )


def decode_array(
    stored: ArrayData, *, name: str, shape: tuple[int, ...]
) -> npt.NDArray[np.float32]:
    """Rebuild an array stored by :func:`encode_array`, checking its shape and values.

    Raises:
        ModelFileError: The shape is not ``shape``, the bytes are not valid base64/zlib,
            they decompress to another size than the shape needs, or a value is not finite.
    """
    if tuple(stored.shape) != shape:
        raise ModelFileError(
            f"model file array {name} has shape {stored.shape}; expected {list(shape)}"
        )
    count = math.prod(shape)
    if count > MAX_ARRAY_ELEMENTS:
        raise ModelFileError(
            f"model file array {name} has {count} elements; at most {MAX_ARRAY_ELEMENTS} are read"
        )
    dtype = _DTYPES[stored.dtype]
    expected = count * dtype.itemsize
    try:
        packed = base64.b64decode(stored.zlib_base64, validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, expected)
        # Anything left means the data is larger than the shape says (a zip bomb, or corrupt).
        if inflater.unconsumed_tail or not inflater.eof or len(raw) != expected:
            raise ModelFileError(
                f"model file array {name} does not hold the {expected} bytes its shape needs"
            )
    except (binascii.Error, zlib.error) as exc:
        raise ModelFileError(
            f"model file array {name} is not valid compressed data: {exc}"
        ) from None
    array: npt.NDArray[np.float32] = np.frombuffer(raw, dtype=dtype).reshape(shape)
    array = array.astype(np.float32)
    if not np.isfinite(array).all():
        raise ModelFileError(f"model file array {name} holds values that are not finite numbers")
    return array


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a model file may hold")


def read_model(path: str | os.PathLike[str], *, max_bytes: int = MAX_MODEL_BYTES) -> ModelData:
    """Read and validate a model file (the arrays are checked when the model is built).

    Raises:
        ModelFileError: The file is missing, larger than ``max_bytes``, not JSON, or not a
            triage model of a format this SDK reads.
    """
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ModelFileError(f"cannot read model file {file}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ModelFileError(
            f"model file {file} is larger than {max_bytes} bytes; pass a larger max_bytes "
            "to TriageModel.load if you trust it"
        )
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise ModelFileError(f"model file {file} is not valid JSON: {reason}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFileError(
            f"{file} is not a lapor-sdk triage model (its 'format' is not {FORMAT!r}); "
            "write one with TriageModel.save or `lapor triage fit`"
        )
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelFileError(
            f"model file {file} has format_version {str(version)[:20]}; this SDK reads "
            f"version {FORMAT_VERSION}: refit the model with this SDK"
        )
    try:
        return ModelData.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][:6])
        raise ModelFileError(
            f"model file {file} is not a valid triage model: {where}: {first['msg']} "
            f"({exc.error_count()} problem(s))"
        ) from None


def write_model(model: ModelData, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` as JSON to ``path`` atomically (a temporary file, then a rename)."""
    file = Path(path)
    text = model.model_dump_json()
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return file
