"""``lapor triage``: fit a routing model on an agency's history, suggest, evaluate.

``lapor_sdk.triage`` is imported inside the commands: it needs the ``triage`` extra, and the
rest of the CLI must work (and start fast) without it.
"""

from __future__ import annotations

import errno
import json
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ._app import ErrorHandlingGroup, app, err_console, out_console
from ._options import MAX_INPUT_BYTES, CliError, checked_input

if TYPE_CHECKING:
    from ..triage import Evaluation, LabelledTexts, TriageModel

__all__: list[str] = []

#: Longest TEXT ``lapor triage suggest`` takes on the command line.
MAX_SUGGEST_CHARS = 20_000

triage_app = typer.Typer(
    name="triage",
    cls=ErrorHandlingGroup,
    help="Suggest a category or unit for complaints (needs the triage extra).",
    no_args_is_help=True,
)
app.add_typer(triage_app, name="triage")


class Delimiter(StrEnum):
    """CSV delimiters ``--delimiter`` takes."""

    SEMICOLON = ";"
    COMMA = ","
    TAB = "tab"


TextColumnOption = Annotated[
    str, typer.Option("--text-column", help="CSV column with the complaint text.")
]
LabelColumnOption = Annotated[
    str, typer.Option("--label-column", help="CSV column with the category or unit id.")
]
DelimiterOption = Annotated[
    Delimiter | None,
    typer.Option("--delimiter", help="CSV delimiter; detected from the header when omitted."),
]
ModelOption = Annotated[
    Path,
    typer.Option(
        "--model", "-m", exists=True, dir_okay=False, help="Model file from `lapor triage fit`."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def load_model(path: Path) -> TriageModel:
    """Load a triage model named on the command line (the triage extra, the one size cap).

    Raises:
        MissingExtraError: The triage extra is not installed (the message names the install).
        CliError: Not a file, or larger than the command line reads.
        ModelFileError: Not a valid model file.
    """
    from ..triage import TriageModel

    return TriageModel.load(checked_input(path, "model file"), max_bytes=MAX_INPUT_BYTES)


def _check_writable(output: Path) -> None:
    """Refuse an output path that cannot be written before a fit spends minutes on it."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(folder))
    if not os.access(folder, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied", str(output))


def _read(
    file: Path, text_column: str, label_column: str, delimiter: Delimiter | None
) -> LabelledTexts:
    from ..triage import read_labelled_csv

    sep = None if delimiter is None else "\t" if delimiter is Delimiter.TAB else delimiter.value
    data = read_labelled_csv(
        checked_input(file, "CSV file"),
        text_column=text_column,
        label_column=label_column,
        delimiter=sep,
        max_bytes=MAX_INPUT_BYTES,
    )
    if not data.texts:
        raise CliError(f"{file} has no row with both a text and a label")
    return data


@triage_app.command("fit")
def fit_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Labelled CSV.")],
    text_column: TextColumnOption,
    label_column: LabelColumnOption,
    output: Annotated[
        Path, typer.Option("--output", "-o", dir_okay=False, help="Where to write the model.")
    ],
    preprocessed: Annotated[
        bool,
        typer.Option(
            "--preprocessed", help="The texts are stemmed, stop-word-filtered tokens (LaporGub)."
        ),
    ] = False,
    target_precision: Annotated[
        float, typer.Option("--target-precision", help="Precision the threshold must reach.")
    ] = 0.95,
    delimiter: DelimiterOption = None,
) -> None:
    """Fit a model on a CSV of routed complaints and write it as JSON.

    The abstain threshold is chosen by cross-validation inside the file; the model records
    the out-of-fold accuracy it was fitted with.
    """
    from ..triage import TriageModel

    if not 0 < target_precision <= 1:
        raise CliError(
            f"--target-precision {target_precision} is not a share above 0 and at most 1; "
            "write e.g. 0.95"
        )
    _check_writable(output)
    data = _read(file, text_column, label_column, delimiter)
    err_console.print(
        f"fitting on {len(data.texts)} texts from {escape(str(file))}"
        + (f" ({data.skipped} rows without text or label skipped)" if data.skipped else "")
    )
    if err_console.is_terminal:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as bar:
            task = bar.add_task("reading texts", total=1)

            def show(step: str, done: int, total: int) -> None:
                bar.update(task, description=step, completed=done, total=total)

            model = TriageModel.fit(
                data.texts,
                data.labels,
                preprocessed=preprocessed,
                target_precision=target_precision,
                progress=show,
            )
    else:
        model = TriageModel.fit(
            data.texts, data.labels, preprocessed=preprocessed, target_precision=target_precision
        )
    model.save(output)
    r = model.fit_report
    out_console.print(
        f"wrote {escape(str(output))}: {len(model.labels)} labels, "
        f"{r.n_features} features, fitted in {r.fit_seconds:.1f} s"
    )
    if r.dropped_labels:
        dropped = ", ".join(f"{escape(k)} ({v})" for k, v in r.dropped_labels.items())
        out_console.print(f"left out (fewer than {r.options['min_examples']} texts): {dropped}")
    acc = r.accuracy_at_threshold
    out_console.print(
        f"out of fold ({r.folds} folds): accuracy {r.accuracy:.3f}, macro-F1 {r.macro_f1:.3f}; "
        f"threshold {model.threshold:.3f} keeps {r.coverage_at_threshold:.1%} at accuracy "
        f"{'-' if acc is None else f'{acc:.3f}'}"
        + ("" if r.target_reached else f" (target {target_precision} not reached: abstains)")
    )


@triage_app.command("suggest")
def suggest_command(
    model_file: ModelOption,
    text: Annotated[str, typer.Argument(help="The complaint text.")],
    as_json: JsonOption = False,
) -> None:
    """Suggest a category or unit for one complaint, or say it is not sure."""
    if len(text) > MAX_SUGGEST_CHARS:
        raise CliError(
            f"TEXT is {len(text)} characters; at most {MAX_SUGGEST_CHARS} are read: shorten it"
        )
    suggestion = load_model(model_file).suggest(text)
    if as_json:
        out_console.print_json(json.dumps(suggestion.to_dict()))
        return
    style = "yellow" if suggestion.abstain else "green"
    out_console.print(f"[{style}]{escape(suggestion.render())}[/]")
    for label, p in suggestion.alternatives:
        out_console.print(f"  or {escape(label)}, {p:.2f}")


def _print_evaluation(ev: Evaluation) -> None:
    from rich.table import Table

    acc = ev.accuracy_at_threshold
    out_console.print(
        f"{ev.n} texts: accuracy {ev.accuracy:.3f}, macro-F1 {ev.macro_f1:.3f}, "
        f"accuracy on the 60% surest {ev.accuracy_at_coverage(0.6):.3f}"
    )
    out_console.print(
        f"threshold {ev.threshold:.3f}: suggests for {ev.coverage_at_threshold:.1%} at accuracy "
        f"{'-' if acc is None else f'{acc:.3f}'}, abstains on the rest"
    )
    table = Table("label", "precision", "recall", "F1", "support")
    for label, s in sorted(ev.per_label.items()):
        table.add_row(
            escape(label), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support)
        )
    out_console.print(table)
    if ev.confusion:
        out_console.print("most frequent confusions:")
        for true, predicted, count in ev.confusion[:5]:
            out_console.print(f"  {escape(true)} → {escape(predicted)}: {count}")


@triage_app.command("eval")
def eval_command(
    model_file: ModelOption,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Labelled CSV.")],
    text_column: TextColumnOption,
    label_column: LabelColumnOption,
    preprocessed: Annotated[
        bool,
        typer.Option(
            "--preprocessed", help="The texts are already tokens (as the model's history was)."
        ),
    ] = False,
    delimiter: DelimiterOption = None,
    as_json: JsonOption = False,
) -> None:
    """Evaluate a model on labelled complaints it was not fitted on."""
    from ..triage import Text, evaluate, parse_tokens

    model = load_model(model_file)
    data = _read(file, text_column, label_column, delimiter)
    texts: list[Text] = list(data.texts)
    if preprocessed:
        texts = [parse_tokens(t) for t in data.texts]
    ev = evaluate(model, texts, data.labels)
    if as_json:
        out_console.print_json(json.dumps(ev.to_dict()))
        return
    _print_evaluation(ev)
