"""Triage: suggest the category or the handling unit of a new complaint, or say "not sure".

An agency fits a :class:`TriageModel` on its own routed history (text, category or unit id);
:meth:`TriageModel.suggest` returns a :class:`Suggestion` that abstains when the confidence is
below a threshold chosen at fit time for a target precision on data held out inside the
training set. Models are saved as plain JSON data, never pickle.

Needs the ``triage`` extra (scikit-learn and PySastrawi): ``pip install "lapor-sdk[triage]"``.

Errors::

    LaporError
    └── TriageError
        ├── MissingExtraError (ImportError)  the triage extra is not installed
        ├── TriageInputError (ValueError)    texts or labels that cannot be fitted
        └── ModelFileError (ValueError)      a model file that is not a valid model
"""

from importlib.util import find_spec as _find_spec

from ._errors import MissingExtraError as MissingExtraError
from ._errors import missing_extra as _missing_extra


def _installed(module: str) -> bool:
    try:
        return _find_spec(module) is not None
    except (ImportError, ValueError):  # a broken or blocked installation
        return False


for _module, _package in (("sklearn", "scikit-learn"), ("Sastrawi", "PySastrawi")):
    if not _installed(_module):
        raise _missing_extra(_package)

from ._csv import LabelledTexts as LabelledTexts  # noqa: E402
from ._csv import read_labelled_csv as read_labelled_csv  # noqa: E402
from ._errors import ModelFileError as ModelFileError  # noqa: E402
from ._errors import TriageError as TriageError  # noqa: E402
from ._errors import TriageInputError as TriageInputError  # noqa: E402
from ._evaluate import CoveragePoint as CoveragePoint  # noqa: E402
from ._evaluate import Evaluation as Evaluation  # noqa: E402
from ._evaluate import LabelScore as LabelScore  # noqa: E402
from ._evaluate import evaluate as evaluate  # noqa: E402
from ._evaluate import score_predictions as score_predictions  # noqa: E402
from ._model import DEFAULT_TARGET_PRECISION as DEFAULT_TARGET_PRECISION  # noqa: E402
from ._model import Text as Text  # noqa: E402
from ._model import TriageModel as TriageModel  # noqa: E402
from ._model import parse_tokens as parse_tokens  # noqa: E402
from ._normalise import basic_tokens as basic_tokens  # noqa: E402
from ._normalise import stemmed_tokens as stemmed_tokens  # noqa: E402
from ._store import MAX_MODEL_BYTES as MAX_MODEL_BYTES  # noqa: E402
from ._store import FitReport as FitReport  # noqa: E402
from ._suggestion import Suggestion as Suggestion  # noqa: E402

__all__ = [
    "DEFAULT_TARGET_PRECISION",
    "MAX_MODEL_BYTES",
    "CoveragePoint",
    "Evaluation",
    "FitReport",
    "LabelScore",
    "LabelledTexts",
    "MissingExtraError",
    "ModelFileError",
    "Suggestion",
    "Text",
    "TriageError",
    "TriageInputError",
    "TriageModel",
    "basic_tokens",
    "evaluate",
    "parse_tokens",
    "read_labelled_csv",
    "score_predictions",
    "stemmed_tokens",
]
