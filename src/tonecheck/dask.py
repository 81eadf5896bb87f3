"""tonecheck on a Dask cluster (optional extra: ``pip install 'tonecheck[dask]'``).

Score a Dask bag of transcript paths or texts, or a Dask DataFrame of turns, on any
Dask cluster. Each worker process builds the tonecheck pipeline once (a worker-local
cache keyed by the pipeline arguments) and reuses it for every partition it scores.
The results are Dask DataFrames with the same columns as the local
:class:`~tonecheck.frames.Report` (``CALL_COLUMNS``, ``TURN_COLUMNS``,
``EVIDENCE_COLUMNS``, ``ERROR_COLUMNS``; ``CHECK_COLUMNS`` with rule packs)::

    from dask.distributed import Client
    import dask.bag as db
    import tonecheck.dask as tcd

    client = Client("tcp://scheduler:8786")                 # an existing cluster
    files = tcd.list_files(["/shared/calls/2026-05"])       # paths every worker can read
    report = tcd.score_bag(db.from_sequence(files, partition_size=50), pipeline="fast")
    report.calls.to_parquet("s3://bucket/tonecheck/calls/")  # or: calls, turns, ... = report.compute()

Workers read the files themselves, so paths must be readable on every worker (a shared
file system or mounted bucket); to ship the text instead, make a bag of transcript
strings (``"Speaker: text"`` lines) or :class:`~tonecheck.transcript.Transcript` objects.

Each partition is scored once per computation: compute (or persist) the tables together,
``dask.compute(*report)`` or ``report.compute()``, not one after another. Dask retries a
partition whose worker died, and a partition's rows are only kept from the run that
completed, so no call is lost or counted twice.

:func:`iter_results` streams ``CallResult``/``FailedInput`` objects back in input order
from a cluster, for writers that stream (``tonecheck score --dask-scheduler``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

from .frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, TURN_COLUMNS, frame
from .readers import ReadOptions
from .scoring import CallResult, FailedInput, ScoreWeights

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd
    from spacy.language import Language

TABLES = ("calls", "turns", "evidence", "errors")

# --------------------------------------------------------------------------- worker-local pipelines

_PIPELINES: dict[tuple, "Language"] = {}
_LOCK = threading.Lock()


class PipelineSpec(NamedTuple):
    """What :func:`tonecheck.load` is called with on each worker (hashable: the cache key)."""

    pipeline: str | None = None
    lexicons: tuple[str, ...] = ()
    include_default_lexicons: bool = True
    disable: tuple[str, ...] = ()
    model: str = "auto"


def worker_pipeline(spec: PipelineSpec) -> "Language":
    """The pipeline for ``spec`` in this process, built on first use and then reused."""
    nlp = _PIPELINES.get(spec)
    if nlp is None:
        with _LOCK:  # threads of one worker share one pipeline, built once
            nlp = _PIPELINES.get(spec)
            if nlp is None:
                from .pipeline import load

                nlp = load(
                    spec.pipeline,  # type: ignore[arg-type]
                    lexicons=list(spec.lexicons),
                    include_default_lexicons=spec.include_default_lexicons,
                    disable=list(spec.disable),
                    model=spec.model,
                )
                _PIPELINES[spec] = nlp
    return nlp


# --------------------------------------------------------------------------- schema


def _columns(table: str, with_checks: bool = False) -> dict[str, str]:
    if table == "checks":
        from .checks import CHECK_COLUMNS

        return CHECK_COLUMNS
    return {"calls": CALL_COLUMNS, "turns": TURN_COLUMNS, "evidence": EVIDENCE_COLUMNS, "errors": ERROR_COLUMNS}[table]


def _dtype(table: str, column: str) -> str:
    if table == "checks" or table == "errors":
        return "object" if table == "checks" else "str"
    from .output import column_type

    return {"int": "int64", "float": "float64", "bool": "bool", "str": "str"}[column_type(column)]


def meta(table: str, extra_columns: Sequence[str] = ()) -> "pd.DataFrame":
    """An empty frame with the documented columns of ``table`` (then ``extra_columns``) and their dtypes."""
    import pandas as pd

    cols = list(_columns(table)) + [c for c in extra_columns if c not in _columns(table)]
    return pd.DataFrame({c: pd.Series(dtype=_dtype(table, c) if c in _columns(table) else "object") for c in cols})


def conform(df: "pd.DataFrame", table: str, extra_columns: Sequence[str] = ()) -> "pd.DataFrame":
    """``df`` (a local Report table) with exactly the columns and dtypes of :func:`meta`.

    Metadata columns beyond ``extra_columns`` are dropped: a Dask DataFrame has one schema
    for all partitions, while each call's metadata may differ.
    """
    m = meta(table, extra_columns)
    out = df.reindex(columns=list(m.columns)).reset_index(drop=True)
    for col, dtype in m.dtypes.items():
        if out[col].dtype != dtype:
            out[col] = out[col].astype(dtype)
    return out


# --------------------------------------------------------------------------- scoring a partition


def _as_unit(k: int, item: Any) -> tuple[int, Any]:
    """An input as the local path reads it: a transcript string, a Transcript, or a path."""
    from pathlib import Path

    from .scoring import is_transcript_text
    from .transcript import Transcript

    if isinstance(item, Transcript) or (isinstance(item, str) and is_transcript_text(item)):
        return k, item
    return k, Path(item)


def _results(units: list[tuple[int, Any]], spec: PipelineSpec, weights: ScoreWeights, options: ReadOptions, packs: Any) -> list:
    from ._parallel import score_units

    kwargs = {"packs": packs} if packs is not None else {}
    return score_units(units, worker_pipeline(spec), weights=weights, options=options, **kwargs)


def _score_items(
    items: Iterable[Any],
    spec: PipelineSpec,
    weights: ScoreWeights,
    options: ReadOptions,
    packs: Any,
    extra_columns: tuple[str, ...],
    start: int = 0,
) -> dict[str, "pd.DataFrame"]:
    """Score one partition's inputs in this worker: its tables as pandas frames (the local Report's rows)."""
    units = [_as_unit(k, item) for k, item in enumerate(items, start)]
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in (*TABLES, "checks")}
    for r in _results(units, spec, weights, options, packs):
        if isinstance(r, FailedInput):
            rows["errors"].append(r.row())
            continue
        rows["calls"].append(r.scores)
        rows["turns"].extend(r.turn_rows)
        rows["evidence"].extend(r.evidence_rows)
        rows["checks"].extend(getattr(r, "check_rows", ()))
    tables = {t: conform(frame(rows[t], _columns(t)), t, extra_columns if t == "calls" else ()) for t in TABLES}
    if packs is not None:
        tables["checks"] = conform(frame(rows["checks"], _columns("checks")), "checks")
    return tables


def _part(tables: dict[str, "pd.DataFrame"], table: str) -> "pd.DataFrame":
    return tables[table]


def _starts(counts: list[int]) -> list[int]:
    out, total = [], 0
    for c in counts:
        out.append(total)
        total += c
    return out


class DaskReport(NamedTuple):
    """Dask DataFrames with the columns of the local report's tables (``checks`` only with rule packs)."""

    calls: "dask.dataframe.DataFrame"
    turns: "dask.dataframe.DataFrame"
    evidence: "dask.dataframe.DataFrame"
    errors: "dask.dataframe.DataFrame"
    checks: "dask.dataframe.DataFrame | None" = None

    def frames(self) -> tuple:
        return tuple(f for f in self if f is not None)

    def compute(self, **kwargs) -> dict[str, "pd.DataFrame"]:
        """All tables in one computation (each partition is scored once), as pandas frames."""
        import dask

        names = [n for n, f in zip(self._fields, self) if f is not None]
        return dict(zip(names, dask.compute(*self.frames(), **kwargs)))

    def persist(self, **kwargs) -> "DaskReport":
        """Score once and keep the tables in the cluster's memory."""
        import dask

        persisted = iter(dask.persist(*self.frames(), **kwargs))
        return DaskReport(*[next(persisted) if f is not None else None for f in self])


def _from_partitions(parts: list, packs: Any, extra_columns: tuple[str, ...]) -> DaskReport:
    import dask
    import dask.dataframe as dd

    def table(name: str, extra: Sequence[str] = ()):
        pieces = [dask.delayed(_part, pure=True)(p, name) for p in parts]
        return dd.from_delayed(pieces, meta=meta(name, extra), verify_meta=False)

    return DaskReport(
        calls=table("calls", extra_columns),
        turns=table("turns"),
        evidence=table("evidence"),
        errors=table("errors"),
        checks=table("checks") if packs is not None else None,
    )


def _spec(pipeline, lexicons, include_default_lexicons, disable, model) -> PipelineSpec:
    return PipelineSpec(pipeline, tuple(str(p) for p in lexicons), include_default_lexicons, tuple(disable), model)


def score_bag(
    bag: "dask.bag.Bag",
    *,
    pipeline: str | None = None,
    lexicons: Iterable[str] = (),
    include_default_lexicons: bool = True,
    disable: Iterable[str] = (),
    model: str = "auto",
    weights: ScoreWeights = ScoreWeights(),
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
    packs: Any = None,
    extra_columns: Sequence[str] = (),
) -> DaskReport:
    """Score a bag of inputs (paths, transcript strings or Transcripts) on the cluster.

    The pipeline arguments are those of :func:`tonecheck.load`; lexicon and pack files must
    be readable on the workers. Transcript strings are named ``call-{k}`` by their position
    in the bag, as locally. ``extra_columns`` keeps those metadata columns (from JSON
    transcripts' ``metadata``) in ``calls``; other metadata is dropped, since a Dask
    DataFrame has one schema. Returns lazy Dask DataFrames; nothing runs until computed.
    """
    import dask

    spec = _spec(pipeline, lexicons, include_default_lexicons, disable, model)
    opts = options or ReadOptions(role_map=role_map)
    extra = tuple(extra_columns)
    parts = bag.to_delayed()
    if len(parts) == 1:
        starts: Any = [0]
    else:  # each partition's position in the bag (cheap tasks: the length of each partition)
        offsets = dask.delayed(_starts, pure=True)([dask.delayed(len, pure=True)(p) for p in parts])
        starts = [offsets[i] for i in range(len(parts))]
    scored = [
        dask.delayed(_score_items, pure=True)(p, spec, weights, opts, packs, extra, starts[i]) for i, p in enumerate(parts)
    ]
    return _from_partitions(scored, packs, extra)


def score_turns(
    turns: "dask.dataframe.DataFrame",
    *,
    call_id: str = "call_id",
    speaker: str = "speaker",
    text: str = "text",
    pipeline: str | None = None,
    lexicons: Iterable[str] = (),
    include_default_lexicons: bool = True,
    disable: Iterable[str] = (),
    model: str = "auto",
    weights: ScoreWeights = ScoreWeights(),
    role_map: Mapping[str, str] | None = None,
    packs: Any = None,
) -> DaskReport:
    """Score a Dask DataFrame of turns (one row per turn: call id, speaker, text; optional role, start, end).

    Turn order is row order. All turns of a call must be in one partition: if they may not
    be, shuffle first (``turns.shuffle(call_id)``, which keeps row order within a call).
    """
    import dask

    spec = _spec(pipeline, lexicons, include_default_lexicons, disable, model)
    opts = ReadOptions(role_map=role_map, call_id_column=call_id, speaker_column=speaker, text_column=text)
    scored = [dask.delayed(_score_turn_frame, pure=True)(p, spec, weights, opts, packs) for p in turns.to_delayed()]
    return _from_partitions(scored, packs, ())


def _score_turn_frame(df: "pd.DataFrame", spec, weights, options: ReadOptions, packs) -> dict[str, "pd.DataFrame"]:
    from .transcript import ROLES, Transcript, Turn, role_for

    transcripts = []
    for cid, group in df.groupby(options.call_id_column, sort=False):
        turns = []
        for row in group.to_dict("records"):
            spk = str(row[options.speaker_column])
            role = row.get("role")
            turns.append(
                Turn(
                    speaker=spk,
                    text=str(row[options.text_column]),
                    role=role if isinstance(role, str) and role in ROLES else role_for(spk, options.role_map),
                    start=_opt(row.get("start")),
                    end=_opt(row.get("end")),
                )
            )
        transcripts.append(Transcript(call_id=str(cid), turns=turns))
    return _score_items(transcripts, spec, weights, options, packs, ())


def _opt(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


# --------------------------------------------------------------------------- convenience


def list_files(paths: Iterable[str], pattern: str | None = None) -> list[str]:
    """Transcript files under ``paths`` (folders walked as :func:`tonecheck.score_many` does), as strings."""
    from .scoring import iter_paths

    return [str(p) for p in iter_paths(paths, pattern)]


def score_paths(
    paths: Iterable[str], *, partition_size: int = 50, pattern: str | None = None, **kwargs: Any
) -> DaskReport:
    """Score files or folders: list them here, score them on the workers (see :func:`score_bag`)."""
    import dask.bag as db

    files = list_files(paths, pattern)
    if not files:
        raise ValueError("no files found")
    return score_bag(db.from_sequence(files, partition_size=partition_size), **kwargs)


def iter_results(
    items: Iterable[Any],
    *,
    client: Any = None,
    scheduler: str | None = None,
    chunk: int = 16,
    in_flight: int | None = None,
    pipeline: str | None = None,
    lexicons: Iterable[str] = (),
    include_default_lexicons: bool = True,
    disable: Iterable[str] = (),
    model: str = "auto",
    weights: ScoreWeights = ScoreWeights(),
    options: ReadOptions = ReadOptions(),
    packs: Any = None,
) -> Iterator[CallResult | FailedInput]:
    """Like :func:`tonecheck.iter_results`, computed on a Dask cluster; results in input order.

    Folders are listed here and their files read on the workers. ``client`` or
    ``scheduler`` (``"tcp://host:8786"``) picks the cluster. At most ``in_flight`` chunks
    of ``chunk`` inputs are out at a time (default: two per worker thread), so memory
    stays flat however many files there are. ``CallResult.docs`` is ``None``: the Docs
    stay on the workers.
    """
    from collections import deque

    from distributed import Client

    from ._parallel import iter_units

    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client()
    try:
        spec = _spec(pipeline, lexicons, include_default_lexicons, disable, model)
        if packs is not None:
            from .checks import load_packs

            packs = load_packs(packs)  # a bad pack fails here, before anything is sent
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        pending: deque = deque()
        batch: list = []
        for unit in iter_units(items):
            batch.append(unit)
            if len(batch) >= chunk:
                pending.append(client.submit(_results, batch, spec, weights, options, packs, pure=False))
                batch = []
                while len(pending) >= limit:
                    yield from pending.popleft().result()
        if batch:
            pending.append(client.submit(_results, batch, spec, weights, options, packs, pure=False))
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            client.close()
