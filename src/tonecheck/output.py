"""Writing result tables to disk: streaming, fixed-schema and atomic.

Used by ``tonecheck score``; usable on its own::

    with AtomicOutputs("results") as outs:
        calls = outs.table("calls", "parquet", CALL_COLUMNS)
        for row in rows:            # any number of rows; memory stays flat
            calls.write(row)
        outs.write_json("manifest.json", {...})
    # only now do results/calls.parquet and results/manifest.json change

:class:`AtomicOutputs`
    Every file is written into a hidden temporary folder next to the output folder
    (same file system), and moved into place with :func:`os.replace` only when the
    whole run has finished. An interrupted or failed run leaves the previous
    complete outputs untouched and removes its temporary folder. Each file is
    replaced atomically; ``manifest.json`` is moved last, so a manifest always
    describes complete tables. Before the first file moves, a journal
    (``.commit`` in the temporary folder) is sealed: a process killed while the
    files move (a few milliseconds) leaves the journal, and the next
    :class:`AtomicOutputs` on that folder (or :func:`recover`) finishes the move,
    so the folder ends up with the new complete set, never a mix. Tables of the
    previous run that the new run does not write (another format, no checks
    table) are removed, so the folder holds one run. A temporary folder left by a
    killed run that had not sealed its journal is deleted by the next run.

:class:`TableWriter`
    One table in ``csv``, ``parquet`` or ``jsonl``. Rows are written as they
    arrive and never kept in memory. The documented columns come first, in their
    documented order, then any extra (metadata) columns in order of first
    appearance. Because extra columns (e.g. keys of a JSON transcript's
    ``metadata``) may first appear in the last row, CSV and Parquet rows are
    spooled to a JSON-lines file in the temporary folder and converted when the
    table is closed, streaming: the final CSV has one rectangular header, and the
    Parquet file one schema, written in row groups of ``row_group_size`` rows.
    Documented columns have fixed Parquet types (:func:`column_type`), so tables
    from different runs concatenate; extra columns take the type of their values
    (mixed or unknown types become strings).

:class:`Metadata`
    A small CSV of per-call metadata (``call_id`` or ``file`` column plus any
    others), loaded once and joined onto ``calls`` rows as they are written.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping, Sequence

FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")

_INT_COLUMNS = {
    "n_turns", "agent_turns", "customer_turns", "agent_words", "customer_words", "question_count",
    "undercut_empathy_count", "negated_demand_count", "hardship_count", "turn_index", "words",
    "start_char", "end_char", "bytes", "calls",
}
_FLOAT_COLUMNS = {
    "agent_talk_share", "open_question_share", "agent_positivity", "customer_sentiment_start",
    "customer_sentiment_end", "customer_sentiment_shift", "tone_score", "start", "end", "sentiment", "weight",
}
_BOOL_COLUMNS = {"counted", "negated", "undercut", "carried_over"}


def column_type(name: str) -> str:
    """The fixed type of a documented column: ``int``, ``float``, ``bool`` or ``str``."""
    if name in _BOOL_COLUMNS:
        return "bool"
    if name in _INT_COLUMNS or name.endswith("_count"):
        return "int"
    if name in _FLOAT_COLUMNS or name.endswith("_per_100w"):
        return "float"
    return "str"


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _plain(value: Any) -> Any:
    """A JSON-safe scalar: NaN/inf -> None, numpy scalars -> Python, paths/dates -> str."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item):
        try:
            return _plain(item())
        except (TypeError, ValueError):
            pass
    return str(value)


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _merge_kinds(kinds: set[str]) -> str:
    if not kinds:
        return "str"
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds <= {"int", "float"}:
        return "float"
    return "str"


def _coerce(value: Any, kind: str) -> Any:
    if value is None or _is_nan(value):
        return None
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return bool(value)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) else str(value)


class TableWriter:
    """Write one table row by row, without holding rows in memory.

    Args:
        path: the final file (``calls.csv``, ``calls.parquet``, ``calls.jsonl``).
        format: ``csv``, ``parquet`` or ``jsonl``.
        columns: the documented columns, in order; every row has them (missing ones empty).
        types: column -> ``int``/``float``/``bool``/``str`` for columns whose type is known
            up front (e.g. metadata columns); other non-documented columns are inferred.
        documented_types: use :func:`column_type` for the documented ``columns`` (default).
        row_group_size: rows per Parquet row group.
    """

    def __init__(
        self,
        path: str | Path,
        format: str,
        columns: Iterable[str],
        *,
        types: Mapping[str, str] | None = None,
        documented_types: bool = True,
        row_group_size: int = 1000,
    ):
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        if format == "parquet":
            _require_pyarrow()
        self.path = Path(path)
        self.format = format
        self.columns: list[str] = list(dict.fromkeys(columns))
        self._known = set(self.columns)
        self._types: dict[str, str] = {c: column_type(c) for c in self.columns} if documented_types else {}
        self._types.update(types or {})
        self._seen: dict[str, set[str]] = {}
        self.row_group_size = row_group_size
        self.rows = 0
        self.closed = False
        # jsonl is written straight to its file; csv and parquet go through a spool
        self._spool_path = self.path if format == "jsonl" else self.path.with_name(f".{self.path.name}.rows.jsonl")
        self._file: IO[str] | None = open(self._spool_path, "w", encoding="utf-8", newline="\n")

    def write(self, row: Mapping[str, Any]) -> None:
        """Append one row. Keys not yet seen become new columns at the end."""
        if self._file is None:
            raise ValueError(f"{self.path.name}: table is closed")
        out: dict[str, Any] = {}
        for col in self.columns:
            out[col] = _plain(row.get(col))
        for key, value in row.items():
            if key not in self._known:
                self.columns.append(key)
                self._known.add(key)
            if key not in out:
                out[key] = _plain(value)
        for key, value in out.items():
            kind = _kind(value)
            if kind is not None:
                self._seen.setdefault(key, set()).add(kind)
        self._file.write(json.dumps(out, ensure_ascii=False, allow_nan=False))
        self._file.write("\n")
        self.rows += 1

    def write_many(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.write(row)

    def kinds(self) -> dict[str, str]:
        """The final type of every column (``int``, ``float``, ``bool`` or ``str``)."""
        return {c: self._types.get(c) or _merge_kinds(self._seen.get(c, set())) for c in self.columns}

    def _spooled(self) -> Iterator[dict[str, Any]]:
        with open(self._spool_path, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    def close(self) -> Path:
        """Finish the file (convert the spool for CSV/Parquet) and return its path."""
        if self.closed:
            return self.path
        assert self._file is not None
        self._file.close()
        self._file = None
        try:
            if self.format == "csv":
                self._write_csv()
            elif self.format == "parquet":
                self._write_parquet()
        finally:
            if self._spool_path != self.path:
                self._spool_path.unlink(missing_ok=True)
        self.closed = True
        return self.path

    def abort(self) -> None:
        """Stop writing and delete what was written."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._spool_path.unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)
        self.closed = True

    def _write_csv(self) -> None:
        kinds = self.kinds()
        with open(self.path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=self.columns, restval="", extrasaction="raise")
            writer.writeheader()
            for row in self._spooled():
                writer.writerow({c: _csv_value(row.get(c), kinds[c]) for c in self.columns})

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        kinds = self.kinds()
        arrow = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
        schema = pa.schema([(c, arrow[kinds[c]]) for c in self.columns])
        with pq.ParquetWriter(self.path, schema) as writer:
            chunk: list[dict[str, Any]] = []
            for row in self._spooled():
                chunk.append(row)
                if len(chunk) >= self.row_group_size:
                    writer.write_table(self._arrow_chunk(chunk, schema, kinds), row_group_size=self.row_group_size)
                    chunk = []
            if chunk or self.rows == 0:
                writer.write_table(self._arrow_chunk(chunk, schema, kinds), row_group_size=self.row_group_size)

    def _arrow_chunk(self, chunk: list[dict[str, Any]], schema, kinds: Mapping[str, str]):
        import pyarrow as pa

        data = {c: [_coerce(row.get(c), kinds[c]) for row in chunk] for c in self.columns}
        return pa.Table.from_pydict(data, schema=schema)

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def _csv_value(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise RuntimeError("Parquet output needs pyarrow: pip install 'tonecheck[parquet]'") from None


_JOURNAL = ".commit"
_OWNER = ".pid"


def _tmp_prefix(out_dir: Path) -> str:
    return f".{out_dir.name or 'out'}.tmp-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _previous_tables(out_dir: Path) -> list[str]:
    """The table files the manifest in ``out_dir`` lists (empty when there is none or it is unreadable)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        tables = manifest.get("tables") or {}
        return [name for name in tables.values() if isinstance(name, str) and Path(name).name == name]
    except (OSError, ValueError, AttributeError):
        return []


def _publish(tmp_dir: Path, out_dir: Path, journal: Mapping[str, Any]) -> list[Path]:
    """Move the journal's files into ``out_dir``, remove stale tables, move the manifest last; idempotent."""
    files = list(journal.get("files", []))
    written: list[Path] = []

    def move(name: str) -> None:
        src = tmp_dir / name
        if src.exists():  # gone when a killed publish had already moved it
            os.replace(src, out_dir / name)
        written.append(out_dir / name)

    for name in files:
        if name != "manifest.json":
            move(name)
    for name in journal.get("remove", []):
        (out_dir / name).unlink(missing_ok=True)
    if "manifest.json" in files:
        move("manifest.json")
    shutil.rmtree(tmp_dir, ignore_errors=True)
    return written


def recover(out_dir: str | Path) -> list[Path]:
    """Finish or clean up what killed runs left next to ``out_dir``; returns the folders handled.

    A temporary folder whose journal is sealed is published (its files are complete);
    one without a journal whose process is gone is deleted. Folders of runs still in
    progress are left alone.
    """
    out_dir = Path(out_dir).absolute()
    parent = out_dir.parent
    handled: list[Path] = []
    if not parent.is_dir():
        return handled
    for tmp in sorted(parent.glob(_tmp_prefix(out_dir) + "*")):
        if not tmp.is_dir():
            continue
        journal_file = tmp / _JOURNAL
        try:
            if journal_file.exists():
                out_dir.mkdir(parents=True, exist_ok=True)
                _publish(tmp, out_dir, json.loads(journal_file.read_text(encoding="utf-8")))
                handled.append(tmp)
                continue
            try:
                pid = int((tmp / _OWNER).read_text())
            except (OSError, ValueError):
                pid = None
            if pid is not None and _pid_alive(pid):
                continue  # another run is writing
            if pid is None and (time.time() - tmp.stat().st_mtime) < 60:
                continue  # just created; its owner has not written the pid yet
            shutil.rmtree(tmp, ignore_errors=True)
            handled.append(tmp)
        except (OSError, ValueError):
            continue
    return handled


class AtomicOutputs:
    """A set of output files that replace the previous ones only when all are complete.

    Files are written into a hidden temporary folder in the output folder's parent
    (``.<name>.tmp-XXXX``, the same file system, so :func:`os.replace` is atomic).
    :meth:`commit` (called when the ``with`` block ends normally) closes every table,
    seals a journal, and moves each file into the output folder, ``manifest.json``
    and other non-table files last, removing tables of the previous run that this
    run did not write; :meth:`discard` (called on any exception, including
    ``KeyboardInterrupt``) deletes the temporary folder, leaving the previous outputs.
    Opening first calls :func:`recover` on the folder, which completes a commit a
    killed run had sealed and deletes what a killed run left unsealed.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self.tmp_dir: Path | None = None
        self.tables: dict[str, TableWriter] = {}
        self._files: list[str] = []
        self.written: list[Path] = []

    def open(self) -> "AtomicOutputs":
        if self.tmp_dir is None:
            parent = self.out_dir.absolute().parent
            parent.mkdir(parents=True, exist_ok=True)
            recover(self.out_dir)
            self.tmp_dir = Path(tempfile.mkdtemp(prefix=_tmp_prefix(self.out_dir), dir=parent))
            (self.tmp_dir / _OWNER).write_text(str(os.getpid()))
        return self

    def path(self, name: str) -> Path:
        """Where to write the file ``name`` during the run (inside the temporary folder)."""
        if self.tmp_dir is None:
            self.open()
        assert self.tmp_dir is not None
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"output file name must be a plain file name, not {name!r}")
        if name not in self._files:
            self._files.append(name)
        return self.tmp_dir / name

    def table(self, name: str, format: str, columns: Iterable[str], **kwargs: Any) -> TableWriter:
        """Open the table ``<name>.<format>``; see :class:`TableWriter` for the arguments."""
        writer = TableWriter(self.path(f"{name}.{format}"), format, columns, **kwargs)
        self.tables[name] = writer
        return writer

    def write_json(self, name: str, data: Any) -> Path:
        path = self.path(name)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        return path

    def final_path(self, name: str) -> Path:
        return self.out_dir / name

    def commit(self) -> list[Path]:
        """Close every table and move every file into the output folder. Returns the final paths."""
        if self.tmp_dir is None:
            self.open()
        assert self.tmp_dir is not None
        table_files = {w.path.name for w in self.tables.values()}
        order = [n for n in self._files if n in table_files] + [n for n in self._files if n not in table_files]
        try:
            for writer in self.tables.values():
                writer.close()
            self.out_dir.mkdir(parents=True, exist_ok=True)
            stale = [n for n in _previous_tables(self.out_dir) if n not in self._files]
            sealing = self.tmp_dir / (_JOURNAL + ".part")
            sealing.write_text(json.dumps({"files": order, "remove": stale}), encoding="utf-8")
            os.replace(sealing, self.tmp_dir / _JOURNAL)  # from here on, the new set is the outcome
        except BaseException:
            self.discard()
            raise
        self.written = _publish(self.tmp_dir, self.out_dir, {"files": order, "remove": stale})
        self.tmp_dir = None
        return self.written

    def discard(self) -> None:
        """Delete everything written in this run; the previous outputs stay as they were."""
        for writer in self.tables.values():
            try:
                writer.abort()
            except OSError:
                pass
        if self.tmp_dir is not None:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            self.tmp_dir = None

    def __enter__(self) -> "AtomicOutputs":
        return self.open()

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


# --------------------------------------------------------------------------- metadata


class MetadataError(ValueError):
    """The metadata CSV cannot be used; the message names the file, the line and the problem."""


class Metadata:
    """Per-call metadata from a CSV, joined onto ``calls`` rows.

    The CSV needs a ``call_id`` column (matched against the call id) or a ``file``
    column (matched against the transcript file's name, e.g. ``call1.txt``, or its
    stem, ``call1``; a path is reduced to its name). Every other column is added to
    the call's row; a column whose name is already a calls column is added as
    ``meta_<name>``. Empty cells do not overwrite values the transcript carries.
    """

    def __init__(self, key: str, columns: Sequence[str], rows: Mapping[str, Mapping[str, str]], source: str = ""):
        self.key = key
        self.columns = list(columns)
        self.rows = dict(rows)
        self.source = source
        self.matched = 0
        self.unmatched = 0

    @classmethod
    def read(cls, path: str | Path, reserved: Iterable[str] = ()) -> "Metadata":
        """Load a metadata CSV (UTF-8, optional BOM; comma or tab separated)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MetadataError(f"{path}: not valid UTF-8 at byte {exc.start}; save it as UTF-8") from None
        except OSError as exc:
            raise MetadataError(f"{path}: cannot read: {exc.strerror or exc}") from None
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
        fields = [f.strip() for f in (reader.fieldnames or [])]
        if not fields:
            raise MetadataError(f"{path}: the file is empty; it needs a header with a 'call_id' or 'file' column")
        reader.fieldnames = fields
        key = "call_id" if "call_id" in fields else "file" if "file" in fields else None
        if key is None:
            raise MetadataError(
                f"{path}:1: no 'call_id' or 'file' column (found {', '.join(map(repr, fields))}); "
                "add one to say which call each row describes"
            )
        if len(set(fields)) != len(fields):
            dupes = sorted({f for f in fields if fields.count(f) > 1})
            raise MetadataError(f"{path}:1: duplicate column(s) {', '.join(map(repr, dupes))}")
        reserved = set(reserved)
        names = {f: (f"meta_{f}" if f in reserved else f) for f in fields if f not in ("call_id", "file")}
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            line = reader.line_num
            if None in row:
                raise MetadataError(f"{path}:{line}: the row has more cells than the header")
            value = (row.get(key) or "").strip()
            if not value:
                if not any((v or "").strip() for v in row.values()):
                    continue  # blank line
                raise MetadataError(f"{path}:{line}: empty {key!r}")
            if key == "file":
                value = value.replace("\\", "/").rsplit("/", 1)[-1]
            if value in rows:
                raise MetadataError(f"{path}:{line}: {key} {value!r} appears more than once")
            rows[value] = {names[f]: (row.get(f) or "").strip() for f in names}
        return cls(key, list(names.values()), rows, str(path))

    def lookup(self, call_id: Any, source: Any) -> Mapping[str, str] | None:
        """The metadata row for a call, or ``None``."""
        if self.key == "call_id":
            return self.rows.get(str(call_id))
        if not source:
            return None
        p = Path(str(source))
        return self.rows.get(p.name) or self.rows.get(p.stem)

    def join(self, row: dict[str, Any]) -> dict[str, Any]:
        """Add the call's metadata to a calls row (in place; also returned)."""
        found = self.lookup(row.get("call_id"), row.get("source"))
        if found is None:
            self.unmatched += 1
            return row
        self.matched += 1
        for col, value in found.items():
            if value != "" or row.get(col) in (None, ""):
                row[col] = value
        return row
