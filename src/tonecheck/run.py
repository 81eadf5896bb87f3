"""A whole scoring run into an output folder: :func:`score_to_folder`.

Files -> transcripts -> Docs -> scores -> the ``calls``, ``turns``, ``evidence``,
``errors`` and ``files`` tables (and ``checks`` with rule packs) plus ``manifest.json``
in one folder: what ``tonecheck score --out DIR`` writes, callable from Python.

>>> summary = tonecheck.score_to_folder(["calls/"], "results/", pipeline="fast", resume=True)  # doctest: +SKIP
>>> summary.calls, summary.failed, summary.exit_code  # doctest: +SKIP
(24, 1, 1)

Rows stream to the tables as calls are scored, so any number of files fits in memory,
and the previous outputs in the folder are replaced only when the run completes: an
exception (``KeyboardInterrupt`` included) leaves them as they were. Problems with the
arguments raise :class:`~tonecheck.errors.RunError` before any output is touched.

Only stdlib modules are imported here at import time; spaCy and pandas load when a run starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Mapping, Union

from ._version import __version__
from .errors import LexiconError, NoInputsError, RunError, SchedulerUnreachableError

if TYPE_CHECKING:
    from spacy.language import Language

    from .output import TableWriter
    from .resume import Carried
    from .scoring import FailedInput

#: Exit codes of ``tonecheck score``, as :attr:`RunSummary.exit_code`: every input scored;
#: some inputs failed; usage error (not a run outcome, for the CLI); nothing could be scored.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_NOTHING_SCORED = 0, 1, 2, 3

#: Table formats of :func:`score_to_folder`.
FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")

#: ``progress(done_files, total_files, summary)``.
ProgressCallback = Callable[[int, int, "RunSummary"], Any]

#: Call ids are checked for repeats in batches of this many calls (see :meth:`RunSummary.check_call_ids`).
CALL_ID_BATCH = 4096


def _digest(call_id: str) -> int:
    """A 64-bit digest of a call id (two different ids share one with odds of about 1 in 10^19)."""
    return int.from_bytes(hashlib.blake2b(call_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


@dataclass
class RunSummary:
    """What a :func:`score_to_folder` run did; kept up to date while it runs (the ``progress``
    callback receives it) and complete when the function returns. Memory is bounded: only the
    5 lowest-scoring calls and the first 50 failures are kept (the tables hold them all).

    Attributes:
        out: the output folder.
        format: the table format (``csv``, ``parquet`` or ``jsonl``).
        files: input files found (scored, failed, empty and carried over).
        calls: calls in the ``calls`` table (carried-over calls included).
        turns: rows of the ``turns`` table.
        evidence: rows of the ``evidence`` table.
        failed: inputs that could not be scored (rows of the ``errors`` table).
        carried: files carried over unchanged from the previous run (``resume=True``).
        score_sum: sum of the calls' tone scores (see :attr:`mean_score`).
        failures: ``(source, error, reason)`` of the first :attr:`MAX_FAILURES` failures.
        pipeline_info: :func:`tonecheck.pipeline_info` of the pipeline (pipeline, model, lexicon_version, ...).
        metadata_source: the metadata CSV joined onto the calls, or None.
        metadata_matched / metadata_unmatched: calls with / without a metadata row.
        tables: table name -> its file in :attr:`out` (set when the tables are opened).
        manifest: the content of ``manifest.json`` (set at the end of the run).
        duplicate_calls: calls whose ``call_id`` an earlier call of the run already had (two folders
            holding ``x.txt``, or two CSV files with the same call ids): their turn and evidence rows
            cannot be told apart by ``call_id`` (the ``calls`` table's ``source`` column can).
            Complete when the run returns.
        duplicate_call_ids: ``call_id`` -> sources of calls with that id, for the first
            :attr:`MAX_FAILURES` ids that repeat (up to 5 sources each; the first call's source is
            there when it came within :data:`CALL_ID_BATCH` calls of a repeat: to keep memory flat,
            only a 64-bit digest of every earlier call id is kept).
    """

    MAX_FAILURES: ClassVar[int] = 50

    out: Path
    format: str = "csv"
    files: int = 0
    calls: int = 0
    turns: int = 0
    evidence: int = 0
    failed: int = 0
    carried: int = 0
    score_sum: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    pipeline_info: dict[str, Any] = field(default_factory=dict)
    metadata_source: str | None = None
    metadata_matched: int = 0
    metadata_unmatched: int = 0
    tables: dict[str, Path] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict, repr=False)
    duplicate_calls: int = 0
    duplicate_call_ids: dict[str, list[str]] = field(default_factory=dict)
    _lowest: list[tuple[float, int, dict[str, Any]]] = field(default_factory=list, repr=False)
    _seen_ids: Any = field(default=None, repr=False)  # sorted numpy uint64 digests of the call ids checked so far
    _pending_ids: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (call_id, source) to check

    def add_call(self, row: Mapping[str, Any], turns: int, evidence: int) -> None:
        """Count one call (its ``calls`` row and how many turn and evidence rows it has)."""
        self.calls += 1
        self.turns += turns
        self.evidence += evidence
        score = float(row["tone_score"])
        self.score_sum += score
        self._note_call_id(str(row.get("call_id")), str(row.get("source") or ""))
        keep = {k: row.get(k) for k in ("call_id", "source", "tone_score", "empathy_count", "demand_count", "jargon_count")}
        heapq.heappush(self._lowest, (-score, -self.calls, keep))
        if len(self._lowest) > 5:
            heapq.heappop(self._lowest)

    def _note_call_id(self, call_id: str, source: str) -> None:
        self._pending_ids.append((call_id, source))
        if len(self._pending_ids) >= CALL_ID_BATCH:
            self.check_call_ids()

    def check_call_ids(self) -> None:
        """Check the call ids noted since the last check against each other and every earlier one.

        Memory stays flat in the number of calls: 8 bytes (a 64-bit digest) per call id seen, plus
        one batch of ids and sources.
        """
        pending, self._pending_ids = self._pending_ids, []
        if not pending:
            return
        import numpy

        digests = numpy.array([_digest(cid) for cid, _ in pending], dtype=numpy.uint64)
        seen = self._seen_ids if self._seen_ids is not None else numpy.empty(0, dtype=numpy.uint64)
        if len(seen):
            earlier = seen[numpy.minimum(numpy.searchsorted(seen, digests), len(seen) - 1)] == digests
        else:
            earlier = numpy.zeros(len(digests), dtype=bool)
        first_in_batch: dict[int, int] = {}
        for k, (call_id, source) in enumerate(pending):
            d = int(digests[k])
            first = first_in_batch.setdefault(d, k)
            if first == k and not earlier[k]:
                continue
            self.duplicate_calls += 1
            sources = self.duplicate_call_ids.get(call_id)
            if sources is None:
                if len(self.duplicate_call_ids) >= self.MAX_FAILURES:
                    continue
                sources = self.duplicate_call_ids[call_id] = [pending[first][1]] if first != k else []
            if len(sources) < 5:
                sources.append(source)
        merged = numpy.concatenate([seen, numpy.unique(digests)])
        merged.sort(kind="stable")  # two sorted runs: merged in linear time
        self._seen_ids = merged

    def add_failure(self, failure: "FailedInput") -> None:
        """Count one input that could not be scored."""
        self.failed += 1
        if len(self.failures) < self.MAX_FAILURES:
            self.failures.append((failure.source, failure.error, failure.reason))

    @property
    def mean_score(self) -> float | None:
        """Mean tone score of the calls, or None when no call was scored."""
        return self.score_sum / self.calls if self.calls else None

    @property
    def lowest(self) -> list[dict[str, Any]]:
        """The 5 lowest-scoring calls, lowest first (ties: first scored first): ``call_id``,
        ``source``, ``tone_score``, ``empathy_count``, ``demand_count``, ``jargon_count``."""
        return [row for _, _, row in sorted(self._lowest, key=lambda x: (-x[0], -x[1]))]

    @property
    def exit_code(self) -> int:
        """``tonecheck score``'s exit code for this run: 0 every input scored, 1 some failed, 3 no call scored."""
        if self.calls == 0:
            return EXIT_NOTHING_SCORED
        return EXIT_SOME_FAILED if self.failed else EXIT_OK


def score_to_folder(
    paths: str | Path | Iterable[str | Path],
    out: str | Path,
    *,
    format: str = "csv",
    glob: str | None = None,
    n_process: int = 1,
    pipeline: str | None = None,
    lexicons: Iterable[str | Path] = (),
    nlp: Union["Language", Callable[[], "Language"], None] = None,
    metadata: str | Path | None = None,
    agent_speaker: str | None = None,
    packs: Any = None,
    redact: bool = False,
    dask_scheduler: str | None = None,
    resume: bool = False,
    progress: ProgressCallback | None = None,
    command: Mapping[str, Any] | None = None,
) -> RunSummary:
    """Score transcript files into ``out``: what ``tonecheck score PATHS --out OUT`` does.

    Writes ``calls``, ``turns``, ``evidence``, ``errors`` and ``files`` tables (plus ``checks``
    with ``packs``) in ``format`` and ``manifest.json``. The previous contents of ``out`` are
    replaced only when the run completes; an exception, ``KeyboardInterrupt`` included, leaves
    them as they were. Files that cannot be read are recorded in ``errors`` and the run goes on.

    Args:
        paths: transcript files or folders (walked recursively; hidden files skipped; files
            inside ``out`` are never read back).
        out: the output folder.
        format: ``"csv"``, ``"parquet"`` (needs pyarrow) or ``"jsonl"``.
        glob: files to take inside folders, e.g. ``"*.txt"`` (default: every transcript extension).
        n_process: worker processes.
        pipeline: ``"accurate"`` or ``"fast"`` (default: accurate if the model is installed);
            used with ``lexicons`` to build the pipeline when ``nlp`` is not given.
        lexicons: extra lexicon files (also what Dask workers load).
        nlp: a pipeline from :func:`tonecheck.load`, or a function returning one; the function is
            called once the inputs and options are checked, so a run with nothing to score fails
            before a pipeline loads.
        metadata: a CSV with a ``call_id`` or ``file`` column whose other columns are joined onto ``calls``.
        agent_speaker: the agent's speaker label in transcripts without Agent/Customer labels.
        packs: collections rule packs (``["us"]``, pack files, or a loaded pack set): adds ``checks``.
        redact: mask card and account numbers, other long digit runs, emails and phone numbers in every table.
        dask_scheduler: score on the Dask cluster at this address (needs ``tonecheck[dask]``).
        resume: reuse the rows of files an earlier run with the same settings already scored into
            ``out`` (same path and SHA-256); new, changed and failed files are scored.
        progress: called as ``progress(done_files, total_files, summary)`` with ``done_files=0`` when
            scoring starts, then each time files are finished: once per scored file, once for all
            the files carried over by ``resume``. The last call has ``done_files == total_files``.
        command: the ``command`` block of ``manifest.json`` (the CLI records its arguments there);
            default: this call's arguments.

    Returns:
        the :class:`RunSummary` (``summary.exit_code`` is what ``tonecheck score`` exits with).

    Raises:
        RunError: before anything is written, when the arguments cannot work; ``err.option`` names
            the ``tonecheck score`` option at fault. :class:`~tonecheck.errors.NoInputsError` (no
            transcript file found) and :class:`~tonecheck.errors.SchedulerUnreachableError` are subclasses.
    """
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    paths = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    out = Path(out)
    lexicons = [Path(p) for p in lexicons]
    fmt = str(format)
    if fmt not in FORMATS:
        raise RunError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}", option="--format")
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise RunError("parquet output needs pyarrow: pip install 'tonecheck[parquet]'", option="--format") from None
    options = _read_options(agent_speaker)
    if n_process < 1:
        raise RunError(f"n_process must be at least 1, not {n_process}", option="--n-process")
    if dask_scheduler is not None and n_process != 1:
        raise RunError("a Dask scheduler and more than one local process cannot be combined "
                       "(the cluster's workers do the work)", option="--n-process")
    for p in paths:
        if not p.exists():
            raise RunError(f"{p}: does not exist", option="PATH")
    from .frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, FILE_COLUMNS, TURN_COLUMNS
    from .output import AtomicOutputs, Metadata, MetadataError

    meta: Metadata | None = None
    if metadata is not None:
        try:
            meta = Metadata.read(metadata, reserved=CALL_COLUMNS)
        except MetadataError as exc:
            raise RunError(str(exc), option="--metadata") from None

    from .resume import FileLog, PreviousRun, ResumeError, file_digest
    from .scoring import FailedInput, iter_paths

    packset = _load_packs(packs)
    out_abs = out.resolve()

    def inputs() -> Iterator[Path]:
        for p in iter_paths(paths, glob):
            if not _inside(p, out_abs):  # never read our own outputs back in
                yield p

    total = sum(1 for _ in inputs())
    if total == 0:
        raise NoInputsError(
            f"no transcript files found in {', '.join(map(str, paths))}" + (f" matching {glob!r}" if glob else ""),
            option="PATH",
        )

    nlp = _pipeline(nlp, pipeline, lexicons)
    import tonecheck

    info = tonecheck.pipeline_info(nlp)
    settings = {
        "tonecheck_version": info.get("tonecheck_version", __version__),
        "pipeline": info.get("pipeline"),
        "model": info.get("model") or "",
        "lexicon_version": info.get("lexicon_version"),
        "packs": [{**f, "sha256": file_digest(f["file"])[0]} if "file" in f else dict(f) for f in packset.files]
        if packset is not None else [],
        "metadata": file_digest(metadata)[0] if metadata else None,
        "redact": redact,
        "agent_speaker": agent_speaker,
        "format": fmt,
    }
    carried: Carried | None = None
    if resume:
        try:
            previous = PreviousRun.load(out)
            differ = previous.mismatches(settings) if previous is not None else []
            if differ:
                raise ResumeError(
                    f"{out} was scored with other settings ({'; '.join(differ)}); run without --resume to score "
                    "everything again"
                )
        except ResumeError as exc:
            raise RunError(str(exc), option="--resume") from None
        if previous is not None:
            carried = previous.carry(str(p) for p in inputs() if previous.reusable(p, options.max_bytes))
    file_log = FileLog(options.max_bytes)

    def files() -> Iterator[Path]:
        for p in inputs():
            if carried is None or str(p) not in carried.sources:
                file_log.add(p)
                yield p

    summary = RunSummary(out=out, format=fmt, files=total, pipeline_info=info,
                         metadata_source=meta.source if meta is not None else None)
    with _dask_client(dask_scheduler) as client, AtomicOutputs(out) as outs:
        if client is not None:
            import tonecheck.dask
            from .pipeline import load_arguments

            # the workers build the same pipeline from its own config (extra lexicons, disabled parts)
            rebuild = load_arguments(nlp)
            rebuild["lexicons"] = [str(Path(p).resolve()) for p in rebuild["lexicons"]]
            results = tonecheck.dask.iter_results(files(), client=client, options=options, packs=packset, **rebuild)
        else:
            results = tonecheck.iter_results(files(), nlp=nlp, options=options, n_process=n_process, packs=packset)
        check_call_columns: list[str] = []
        checks_t = None
        if packset is not None:
            from .checks import CHECK_CALL_COLUMNS, CHECK_COLUMNS

            check_call_columns = list(CHECK_CALL_COLUMNS)
            checks_t = outs.table("checks", fmt, CHECK_COLUMNS)
        calls_t = outs.table(
            "calls", fmt, list(CALL_COLUMNS) + check_call_columns + (meta.columns if meta else []),
            types={c: "str" for c in (meta.columns if meta else [])},
        )
        turns_t = outs.table("turns", fmt, TURN_COLUMNS)
        evidence_t = outs.table("evidence", fmt, EVIDENCE_COLUMNS)
        errors_t = outs.table("errors", fmt, ERROR_COLUMNS)
        files_t = outs.table("files", fmt, FILE_COLUMNS)
        summary.tables = {name: outs.final_path(t.path.name) for name, t in outs.tables.items()}

        done = 0

        def finished(rows: list[dict[str, Any]], count: int | None = None) -> None:
            """Files whose rows are complete: their ``files`` rows are written and progress reported."""
            nonlocal done
            files_t.write_many(rows)
            n = len(rows) if count is None else count
            if n:
                done += n
                if progress is not None:
                    progress(done, total, summary)

        if progress is not None:
            progress(0, total, summary)
        if carried is not None and carried.sources:
            _carry_over(carried, summary, outs.tables)
            finished([], len(carried.sources))
        for result in results:
            if isinstance(result, FailedInput):
                errors_t.write(_redacted_row(result.row(), ("reason",)) if redact else result.row())
                summary.add_failure(result)
                finished(file_log.result(result.source, failed=True))
            else:
                finished(file_log.result(result.transcript.source))
                row = dict(result.scores)
                if meta is not None:
                    meta.join(row)
                turn_rows, evidence_rows, check_rows = result.turn_rows, result.evidence_rows, result.check_rows
                if redact:
                    from .redact import redact_tables

                    turn_rows, evidence_rows = redact_tables(turn_rows, evidence_rows)
                    check_rows = [_redacted_row(r, ("text", "related_text", "detail")) for r in check_rows]
                calls_t.write(row)
                turns_t.write_many(turn_rows)
                evidence_t.write_many(evidence_rows)
                if checks_t is not None:
                    checks_t.write_many(check_rows)
                summary.add_call(row, len(result.turn_rows), len(result.evidence_rows))
        finished(file_log.finish())
        summary.check_call_ids()
        if meta is not None:
            summary.metadata_matched, summary.metadata_unmatched = meta.matched, meta.unmatched
        summary.manifest = {
            "settings": settings,
            "tonecheck_version": info.get("tonecheck_version", __version__),
            "pipeline": info.get("pipeline"),
            "model": info.get("model") or "",
            "lexicon_version": info.get("lexicon_version"),
            "lexicon_files": info.get("lexicon_files", []),
            "packs": packset.files if packset is not None else [],
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "duration_seconds": round(time.perf_counter() - t0, 3),
            "command": dict(command) if command is not None else {
                "command": "score_to_folder",
                "paths": [str(p) for p in paths],
                "out": str(out),
                "format": fmt,
                "glob": glob,
                "n_process": n_process,
                "lexicon": [str(p) for p in lexicons],
                "pipeline": pipeline,
                "metadata": str(metadata) if metadata else None,
                "agent_speaker": agent_speaker,
                "pack": [f.get("file") or f.get("pack") for f in packset.files] if packset is not None else [],
                "redact": redact,
                "resume": resume,
                "dask_scheduler": dask_scheduler,
            },
            "counts": {
                "files": total,
                "carried_over": len(carried.sources) if carried is not None else 0,
                "calls": summary.calls,
                "failed": summary.failed,
                "turns": summary.turns,
                "evidence": summary.evidence,
                "duplicate_calls": summary.duplicate_calls,
                **({"metadata_matched": meta.matched, "metadata_unmatched": meta.unmatched} if meta else {}),
            },
            "tables": {name: t.path.name for name, t in outs.tables.items()},
            "exit_code": summary.exit_code,
        }
        outs.write_json("manifest.json", summary.manifest)
    return summary


# --------------------------------------------------------------------------- helpers


def _read_options(agent_speaker: str | None):
    """The :class:`~tonecheck.readers.ReadOptions` of a run (``agent_speaker`` set when given)."""
    import dataclasses

    from .readers import ReadOptions

    if agent_speaker is None:
        return ReadOptions()
    if "agent_speaker" not in {f.name for f in dataclasses.fields(ReadOptions)}:
        raise RunError(
            f"this tonecheck ({__version__}) cannot set the agent speaker: ReadOptions has no 'agent_speaker' field. "
            "Map labels to roles in your transcripts instead ('Agent:'/'Customer:', or a 'role' column/key).",
            option="--agent-speaker",
        )
    return ReadOptions(agent_speaker=agent_speaker)  # type: ignore[call-arg]


def _load_packs(packs: Any):
    """The loaded rule packs, or None; a bad pack names its file, entry and problem."""
    if packs is None:
        return None
    if not isinstance(packs, (str, Path)) and not hasattr(packs, "entries"):  # names or files, not a loaded PackSet
        packs = list(packs)
        if not packs:
            return None
    from .checks import load_packs

    try:
        return load_packs(packs)
    except LexiconError as exc:
        raise RunError(str(exc), option="--pack") from exc


def _pipeline(nlp: Any, pipeline: str | None, lexicons: list[Path]) -> "Language":
    """``nlp`` (calling it if it is a function that builds one), else ``tonecheck.load(pipeline, lexicons)``."""
    if nlp is not None:
        from spacy.language import Language

        return nlp if isinstance(nlp, Language) else nlp()
    import tonecheck

    try:
        return tonecheck.load(pipeline, lexicons=[str(p) for p in lexicons])  # type: ignore[arg-type]
    except LexiconError as exc:
        raise RunError(str(exc), option="--lexicon") from exc
    except ValueError as exc:
        raise RunError(str(exc), option="--pipeline") from exc
    except (OSError, ImportError) as exc:
        raise RunError(f"cannot build the {pipeline or 'default'} pipeline: {exc}", option="--pipeline") from exc


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def _redacted_row(row: dict, columns: tuple[str, ...]) -> dict:
    from .redact import redact

    return {k: (redact(v) if k in columns else v) for k, v in row.items()}


def _carry_over(carried: "Carried", summary: RunSummary, tables: dict[str, "TableWriter"]) -> None:
    """Copy the rows of the files ``resume`` reuses into the new tables, streamed table by table."""
    turns: dict[str, int] = {}
    evidence: dict[str, int] = {}
    for name in ("turns", "evidence", "checks"):
        if name not in tables:
            continue
        for row in carried.rows(name):
            tables[name].write(row)
            counts = turns if name == "turns" else evidence if name == "evidence" else None
            if counts is not None:
                counts[str(row.get("call_id"))] = counts.get(str(row.get("call_id")), 0) + 1
    for row in carried.rows("calls"):
        tables["calls"].write(row)
        cid = str(row.get("call_id"))
        summary.add_call(row, turns.get(cid, 0), evidence.get(cid, 0))
    tables["files"].write_many(carried.file_rows())
    summary.carried = len(carried.sources)


@contextlib.contextmanager
def _dask_client(address: str | None) -> Iterator[Any]:
    """A client of the Dask scheduler at ``address`` (None: no cluster), closed at the end."""
    if address is None:
        yield None
        return
    try:
        import dask
        from distributed import Client
    except ImportError:
        raise RunError("needs Dask: pip install 'tonecheck[dask]'", option="--dask-scheduler") from None
    try:  # Dask's own connect timeout (distributed.comm.timeouts.connect, 30 s unless configured)
        client = Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect"))
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnreachableError(f"cannot reach the Dask scheduler at {address}: {exc}",
                                        option="--dask-scheduler") from None
    try:
        yield client
    finally:
        client.close()
