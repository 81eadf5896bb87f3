"""``n_process > 1``: whole calls scored in worker processes.

spaCy's own ``nlp.pipe(n_process=N)`` ships every Doc to a worker and back
(tokenised in the parent, serialised twice), and leaves reading, scoring and row
building in the parent: on tonecheck's small, cheap components that costs more than
it saves. Here the parent only lists the inputs; each worker reads its files,
runs the pipeline, scores the calls and sends back plain rows. Results come back in
input order, exactly as ``n_process=1`` yields them, with at most a few chunks in
flight (memory stays flat on any number of files).

Workers get the pipeline by ``fork`` where the platform has it (the parent's
``nlp``, as is, loaded once); elsewhere each worker rebuilds it once from
``nlp.config``. ``CallResult.docs`` are not shipped back: on first access they
are re-made in the parent by running the same pipeline over the call's turns
(the pipeline is deterministic, so they are the Docs the worker had).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import weakref
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .readers import ReadOptions, parse_text
from .transcript import Transcript

if TYPE_CHECKING:
    from spacy.language import Language

    from .scoring import CallResult, FailedInput, ScoreWeights

#: Inputs (files, transcripts or strings) per task sent to a worker.
CHUNK = 8

# Pipelines handed to forked workers, by run token (read in the child after fork).
_FORK_STATE: dict[int, dict[str, Any]] = {}
_WORKER: dict[str, Any] = {}
_tokens = itertools.count()


def resolve_n_process(n_process: int) -> int:
    """spaCy's convention: ``-1`` means one process per CPU."""
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be a positive number or -1, not {n_process}")
    return n_process


# --------------------------------------------------------------------------- inputs -> units


def iter_units(items: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    """(index, input) work units, in order: folders are expanded to their files here.

    The index is the input's position, which names transcript strings (``call-{k}``)
    exactly as the single-process path does.
    """
    from .scoring import is_transcript_text, iter_paths

    for k, item in enumerate(items):
        if isinstance(item, Transcript) or (isinstance(item, str) and is_transcript_text(item)):
            yield k, item
            continue
        for path in iter_paths([item]):
            yield k, Path(path)


def _read_unit(k: int, item: Any, options: ReadOptions) -> Iterator["Transcript | FailedInput"]:
    from .scoring import iter_transcripts

    if isinstance(item, str):  # a transcript string: named by its input position
        from .errors import TranscriptError
        from .scoring import _failure

        try:
            yield parse_text(item, call_id=f"call-{k}", options=options)
        except TranscriptError as exc:
            yield _failure(f"<string {k}>", exc)
        return
    yield from iter_transcripts([item], options)


# --------------------------------------------------------------------------- worker side


def _worker_init(token: int | None, recipe: dict[str, Any] | None) -> None:
    try:
        if token is not None:  # forked: the parent's pipeline and settings, as they are
            _WORKER.update(_FORK_STATE[token])
            return
        assert recipe is not None
        _WORKER.update(recipe["settings"])
        _WORKER["nlp"] = rebuild(recipe["config"], recipe["meta"])
    except BaseException as exc:  # reported by the first task: a failing initializer would be restarted forever
        _WORKER["error"] = exc


def rebuild(config: dict, meta: dict) -> "Language":
    """The same pipeline from its config (tonecheck's components hold no trained weights)."""
    from spacy.util import get_lang_class

    from . import components  # noqa: F401  (registers the factories)
    from .pipeline import customise_tokenizer

    nlp = get_lang_class(config["nlp"]["lang"]).from_config(config)
    customise_tokenizer(nlp)  # special cases are not in the config
    nlp.meta.update(meta)
    return nlp


def score_units(
    units: Iterable[tuple[int, Any]],
    nlp: "Language",
    *,
    weights: "ScoreWeights",
    options: ReadOptions,
    batch_size: int = 256,
    keep_docs: bool = False,
    **extra: Any,
) -> list[Any]:
    """Read and score (index, input) units in this process; results in unit order.

    What ``iter_results`` yields for the same inputs; ``CallResult.docs`` is ``None``
    unless ``keep_docs``.
    """
    from .scoring import iter_results

    read: list[Any] = [t for k, item in units for t in _read_unit(k, item, options)]
    calls = [t for t in read if isinstance(t, Transcript)]
    # Docs are dropped here, so every chunk after this process's first one runs in a spaCy
    # memory zone: the vocabulary does not grow with each new word (see iter_results).
    zoned = not keep_docs and hasattr(nlp, "memory_zone") and nlp in _WARM
    with nlp.memory_zone() if zoned else contextlib.nullcontext():
        scored = iter(
            iter_results(
                calls, nlp=nlp, weights=weights, options=options, batch_size=batch_size, n_process=1,
                keep_docs=keep_docs, zones=False, **extra,
            )
        )
        out: list[Any] = []
        for t in read:
            if isinstance(t, Transcript):
                result = next(scored)
                if not keep_docs:
                    result.docs = None
                out.append(result)
            else:
                out.append(t)
    _WARM.add(nlp)
    return out


_WARM: "weakref.WeakSet[Language]" = weakref.WeakSet()  # pipelines that scored a chunk outside a zone here


def _score_chunk(units: list[tuple[int, Any]]) -> list[Any]:
    """A worker task: score a chunk of units without shipping Docs back (see LazyDocs)."""
    if "error" in _WORKER:
        raise RuntimeError(f"tonecheck worker could not start: {_WORKER['error']!r}") from _WORKER["error"]
    settings = dict(_WORKER)
    nlp = settings.pop("nlp")
    return score_units(
        units, nlp, weights=settings["weights"], options=settings["options"], batch_size=settings["batch_size"],
        **settings["extra"],
    )


# --------------------------------------------------------------------------- parent side


class LazyDocs(list):
    """A call's processed Docs, made on first use by running the pipeline over its turns.

    It is a ``list`` and behaves as one; the Docs are only built when something
    reads them, so scoring many calls in workers never pays for shipping Docs back.
    """

    __slots__ = ("_nlp", "_transcript", "_ready")

    def __init__(self, nlp: "Language", transcript: Transcript):
        super().__init__()
        self._nlp = nlp
        self._transcript = transcript
        self._ready = False

    def _load(self) -> "LazyDocs":
        if not self._ready:
            from .scoring import turn_docs

            self._ready = True
            list.extend(self, self._nlp.pipe(turn_docs(self._nlp, self._transcript)))
        return self

    def __len__(self) -> int:
        return list.__len__(self) if self._ready else len(self._transcript.turns)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __reduce_ex__(self, protocol):  # pickles as the plain list of Docs
        return (list, (list(self._load()),))

    def __repr__(self) -> str:
        return list.__repr__(self._load())


def _lazy(name: str):
    base = getattr(list, name)

    def method(self, *args, **kwargs):
        return base(self._load(), *args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "__iter__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__reversed__", "__eq__", "__ne__",
    "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__radd__", "__mul__", "__rmul__", "__iadd__", "__imul__",
    "append", "extend", "insert", "pop", "remove", "clear", "index", "count", "sort", "reverse", "copy",
):
    if hasattr(list, _name):
        setattr(LazyDocs, _name, _lazy(_name))
LazyDocs.__hash__ = None  # type: ignore[assignment]


def _context():
    methods = mp.get_all_start_methods()
    if "fork" in methods and os.environ.get("TONECHECK_MP_START", "fork") == "fork":
        return mp.get_context("fork"), True
    return mp.get_context(os.environ.get("TONECHECK_MP_START", "spawn")), False


def parallel_results(
    items: Iterable[Any],
    *,
    nlp: "Language",
    weights: "ScoreWeights",
    options: ReadOptions,
    batch_size: int,
    n_process: int,
    **extra: Any,
) -> Iterator["CallResult | FailedInput"]:
    """What ``iter_results`` yields, computed by ``n_process`` worker processes."""
    n = resolve_n_process(n_process)
    if extra.get("packs") is not None:  # load rule packs once, here: a bad pack fails before any call is read
        from .checks import load_packs

        extra["packs"] = load_packs(extra["packs"])
    settings = {"weights": weights, "options": options, "batch_size": batch_size, "extra": extra}
    ctx, forked = _context()
    token = next(_tokens) if forked else None
    recipe = None
    if forked:
        _FORK_STATE[token] = {"nlp": nlp, **settings}  # type: ignore[index]
    else:
        recipe = {"config": nlp.config.copy(), "meta": dict(nlp.meta), "settings": settings}
    chunks = _chunks(iter_units(items), CHUNK)
    pool = ctx.Pool(n, initializer=_worker_init, initargs=(token, recipe))
    try:
        in_flight: deque = deque()
        window = 2 * n
        for chunk in chunks:
            in_flight.append(pool.apply_async(_score_chunk, (chunk,)))
            if len(in_flight) >= window:
                yield from _finish(in_flight.popleft().get(), nlp)
        while in_flight:
            yield from _finish(in_flight.popleft().get(), nlp)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        if token is not None:
            _FORK_STATE.pop(token, None)


def _finish(results: list[Any], nlp: "Language") -> Iterator[Any]:
    from .scoring import CallResult

    for r in results:
        if isinstance(r, CallResult) and r.docs is None:
            r.docs = LazyDocs(nlp, r.transcript)
        yield r


def _chunks(units: Iterator[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    while True:
        chunk = list(itertools.islice(units, size))
        if not chunk:
            return
        yield chunk
