"""Public names imported on first use (PEP 562), for the packages whose import must stay light.

``lapor_sdk``, ``hoax_clinic``, ``lapor_sdk.ppid`` and ``lapor_sdk.pdp`` keep a ``_LAZY``
table of public name -> module (or (module, attribute)) and take their ``__getattr__`` and
``__dir__`` from :func:`lazy_exports`, so ``lapor --version`` does not import what it never
uses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports"]

#: A public name's source: a module (the attribute has the same name), or (module, attribute)
#: where attribute ``None`` means the module itself.
Target = str | tuple[str, str | None]


def lazy_exports(
    package: str, names: Mapping[str, Target], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a package's ``__getattr__`` and ``__dir__``.

    Args:
        package: The package's ``__name__`` (relative module names resolve against it).
        names: Public name -> its module, or (module, attribute).
        public: The package's ``__all__``.

    Example:
        >>> __getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)  # doctest: +SKIP
    """
    listed = frozenset(public)

    def get_attribute(name: str) -> Any:
        try:
            target = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module_name, attribute = (target, name) if isinstance(target, str) else target
        module = importlib.import_module(module_name, package)
        value = module if attribute is None else getattr(module, attribute)
        setattr(sys.modules[package], name, value)  # the next lookup skips __getattr__
        return value

    def list_names() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | listed)

    return get_attribute, list_names
