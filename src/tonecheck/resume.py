"""Resuming a scoring run: which inputs a previous run in the output folder already scored.

``tonecheck score DIR --out OUT --resume`` reads ``OUT/manifest.json`` and the ``files``
table of the previous run (one row per input file, with its SHA-256). A file whose path
and content hash are unchanged, and which was scored without a failure, is not scored
again: its rows in the ``calls``, ``turns``, ``evidence`` and ``checks`` tables are copied
into the new outputs (streamed, never all in memory). Every other file (new, changed, or
failed last time) is scored. The new outputs then describe exactly the current inputs,
written atomically like any run.

Resuming is refused when the previous run used different settings (pipeline, model,
lexicons, packs, metadata, redaction, format, tonecheck version): mixing rows scored
under different rules would make the tables disagree with their own manifest.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

#: Settings that must match for rows of a previous run to be reused.
SETTINGS_KEYS: tuple[str, ...] = (
    "tonecheck_version", "pipeline", "model", "lexicon_version", "packs", "metadata", "redact", "agent_speaker", "format",
)

#: Tables whose rows are copied for reused files (``calls`` by source, the others by call_id).
CARRIED_TABLES: tuple[str, ...] = ("calls", "turns", "evidence", "checks")


def file_digest(path: str | Path, max_bytes: int | None = None) -> tuple[str, int]:
    """``(sha256 hex, size in bytes)`` of a file; the hash is empty for a file over ``max_bytes``
    (it will be refused by the reader anyway) or one that cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return "", size
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest(), size
    except OSError:
        return "", 0


class ResumeError(ValueError):
    """The previous run cannot be resumed (different settings, or its tables are missing)."""


def _read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Stream a table written by :class:`tonecheck.output.TableWriter`, values as written."""
    suffix = path.suffix
    if suffix == ".csv":
        csv.field_size_limit(sys.maxsize)  # turn texts may be long
        with open(path, encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f)
    elif suffix == ".jsonl":
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
            yield from batch.to_pylist()
    else:
        raise ResumeError(f"{path}: unknown table format")


@dataclass
class PreviousRun:
    """What a finished run left in its output folder: its manifest and which files it scored.

    Attributes:
        out_dir: the output folder.
        manifest: the parsed ``manifest.json``.
        scored: source -> SHA-256 of every file scored without a failure.
        call_ids: source -> the call ids its rows carry.
    """

    out_dir: Path
    manifest: dict[str, Any]
    scored: dict[str, str] = field(default_factory=dict)
    call_ids: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: str | Path) -> "PreviousRun | None":
        """The previous run in ``out_dir``, or None when there is none (no ``manifest.json``)."""
        out_dir = Path(out_dir)
        manifest_path = out_dir / "manifest.json"
        if not manifest_path.exists():
            return None
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResumeError(f"{manifest_path}: cannot be read ({exc})") from None
        tables = manifest.get("tables") or {}
        if "files" not in tables or "settings" not in manifest:
            raise ResumeError(
                f"{out_dir}: the previous run has no files table (it was made by an older tonecheck); run once without --resume"
            )
        run = cls(out_dir, manifest)
        for row in run.rows("files"):
            if row.get("status") == "scored" and row.get("sha256"):
                run.scored[str(row["source"])] = str(row["sha256"])
        for row in run.rows("calls"):
            run.call_ids.setdefault(str(row.get("source")), []).append(str(row.get("call_id")))
        return run

    def table_path(self, name: str) -> Path | None:
        file = (self.manifest.get("tables") or {}).get(name)
        if not isinstance(file, str) or Path(file).name != file:
            return None
        return self.out_dir / file

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """The rows of one of the previous run's tables, streamed (none if it had no such table)."""
        path = self.table_path(name)
        if path is None:
            return iter(())
        if not path.exists():
            raise ResumeError(f"{path}: listed in the previous manifest but missing; run without --resume")
        return _read_rows(path)

    def mismatches(self, settings: Mapping[str, Any]) -> list[str]:
        """``"key: previous -> now"`` for every setting that differs from the previous run."""
        before = self.manifest.get("settings") or {}
        return [f"{k}: {before.get(k)!r} -> {settings.get(k)!r}" for k in SETTINGS_KEYS if before.get(k) != settings.get(k)]

    def reusable(self, path: str | Path, max_bytes: int | None = None) -> bool:
        """Whether the file at ``path`` was scored last time with the content it has now
        (hashed only when the previous run scored a file at that path)."""
        before = self.scored.get(str(path))
        return before is not None and file_digest(path, max_bytes)[0] == before

    def carry(self, sources: Iterable[str]) -> "Carried":
        """The rows to copy for ``sources``; a source sharing a call id with another file is left out
        (its turn and evidence rows could not be told apart), so it is scored again."""
        wanted = set(sources)
        owners: dict[str, set[str]] = defaultdict(set)
        for source, ids in self.call_ids.items():
            for cid in ids:
                owners[cid].add(source)
        kept = {s for s in wanted if s in self.call_ids and all(len(owners[c]) == 1 for c in self.call_ids[s])}
        return Carried(self, kept, {c for s in kept for c in self.call_ids[s]})


@dataclass
class Carried:
    """The files reused from a previous run and their call ids."""

    run: PreviousRun
    sources: set[str]
    call_ids: set[str]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of ``table`` belonging to the reused files, in their previous order."""
        if table == "calls":
            return (r for r in self.run.rows("calls") if str(r.get("source")) in self.sources)
        return (r for r in self.run.rows(table) if str(r.get("call_id")) in self.call_ids)

    def file_rows(self) -> Iterator[dict[str, Any]]:
        """The reused files' rows of the ``files`` table, marked as carried over."""
        for row in self.run.rows("files"):
            if str(row.get("source")) in self.sources:
                yield {**row, "carried_over": True}


class FileLog:
    """Rows of the ``files`` table, built while results stream in input order.

    :meth:`add` is called as each file is handed to the scorer (it hashes the file);
    :meth:`result` as each call or failure comes back. Rows are returned as soon as a
    later file's results show that a file is finished, so memory holds only the files
    in flight.
    """

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = max_bytes
        self._pending: deque[dict[str, Any]] = deque()

    def add(self, path: str | Path) -> dict[str, Any]:
        sha, size = file_digest(path, self.max_bytes)
        row = {"source": str(path), "sha256": sha, "bytes": size, "status": "empty", "calls": 0, "carried_over": False}
        self._pending.append(row)
        return row

    def result(self, source: str, failed: bool = False) -> list[dict[str, Any]]:
        """Record one call (or a failure) of ``source``; returns the rows of files now finished."""
        if not any(row["source"] == source for row in self._pending):
            return []  # not a file this log was given
        done: list[dict[str, Any]] = []
        while self._pending[0]["source"] != source:
            done.append(self._pending.popleft())
        row = self._pending[0]
        if failed:
            row["status"] = "failed"
        else:
            row["calls"] += 1
            if row["status"] == "empty":
                row["status"] = "scored"
        return done

    def finish(self) -> list[dict[str, Any]]:
        """The rows of the files still open (call at the end of the run)."""
        done = list(self._pending)
        self._pending.clear()
        return done
