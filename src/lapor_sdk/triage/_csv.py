"""Read an agency's labelled history from a CSV export (``;``, ``,`` or tab separated)."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import TriageInputError

__all__ = ["MAX_CSV_BYTES", "LabelledTexts", "read_labelled_csv"]

#: Largest CSV file read.
MAX_CSV_BYTES = 200 * 1024 * 1024
_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True, slots=True)
class LabelledTexts:
    """Texts with their labels (and ids, when an id column was named), in file order."""

    texts: list[str]
    labels: list[str]
    ids: list[str] = field(default_factory=list)
    skipped: int = 0
    """Rows left out because the text or the label was empty."""


def _pick_delimiter(header: str, wanted: list[str]) -> str:
    for delimiter in _DELIMITERS:
        names = next(csv.reader([header], delimiter=delimiter))
        if all(w in [n.strip().lstrip("\ufeff") for n in names] for w in wanted):
            return delimiter
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    found = [n.strip() for n in next(csv.reader([header], delimiter=best))]
    raise TriageInputError(
        f"the CSV header has no column {' / '.join(repr(w) for w in wanted)}; "
        f"its columns are {', '.join(repr(n[:40]) for n in found[:20])}: "
        "name them with --text-column / --label-column"
    )


def read_labelled_csv(
    path: str | os.PathLike[str],
    *,
    text_column: str,
    label_column: str,
    id_column: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = MAX_CSV_BYTES,
) -> LabelledTexts:
    """Read texts and labels from a CSV file with a header row.

    Args:
        path: The CSV file (UTF-8, a byte-order mark is allowed).
        text_column: Column with the complaint text (or its tokens).
        label_column: Column with the category or unit id.
        id_column: Column with a record id, returned in ``ids`` (e.g. to split by age).
        delimiter: ``";"``, ``","`` or a tab; detected from the header when omitted.
        max_bytes: Largest file read.

    Returns:
        The texts, labels and ids of the rows whose text and label are not empty.

    Raises:
        TriageInputError: The file is too large, not UTF-8, malformed, or lacks a column.
        OSError: The file cannot be read.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > max_bytes:
        raise TriageInputError(f"{file} is {size} bytes; at most {max_bytes} are read")
    try:
        content = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TriageInputError(
            f"{file} is not UTF-8 (byte {exc.start}); save the export as UTF-8"
        ) from None
    wanted = [text_column, label_column] + ([id_column] if id_column else [])
    if delimiter is None:
        delimiter = _pick_delimiter(content.split("\n", 1)[0], wanted)
    elif delimiter not in _DELIMITERS:
        raise TriageInputError(f"delimiter {delimiter!r} is not one of ';', ',' or a tab")
    texts: list[str] = []
    labels: list[str] = []
    ids: list[str] = []
    skipped = 0
    try:
        reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
        header = [n.strip() for n in reader.fieldnames or []]
        reader.fieldnames = header
        missing = [w for w in wanted if w not in header]
        if missing:
            raise TriageInputError(
                f"{file} has no column {', '.join(repr(m) for m in missing)}; its columns are "
                f"{', '.join(repr(h[:40]) for h in header[:20])}"
            )
        for row in reader:
            text, label = row.get(text_column), row.get(label_column)
            if not text or not text.strip() or not label or not label.strip():
                skipped += 1
                continue
            texts.append(text)
            labels.append(label)
            if id_column:
                ids.append(row.get(id_column) or "")
    except csv.Error as exc:
        raise TriageInputError(f"{file} is not a readable CSV file: {exc}") from None
    return LabelledTexts(texts, labels, ids, skipped)
