"""Readers: files and strings in, :class:`~tonecheck.transcript.Transcript` out.

Formats (picked by extension, then by content):

``text`` (``.txt``)
    One turn per ``Speaker: text`` line. A line without a label continues the
    previous turn. Blank lines and lines starting with ``#`` are skipped.
    An optional ``[12.5-14.0]`` or ``[00:01:02]`` time stamp may precede the label.

``json`` (``.json``) — tonecheck's own schema::

    {
      "call_id": "c-0001",                 # optional; defaults to the file name stem
      "metadata": {"agent_id": "A7", ...},  # optional; any JSON values
      "turns": [                            # required, non-empty
        {"speaker": "Agent", "text": "...", # required
         "role": "agent",                   # optional: agent | customer | unknown
         "start": 0.0, "end": 3.2}          # optional, seconds
      ]
    }

    A top-level list of such objects holds several calls.

``csv`` (``.csv``, ``.tsv``)
    One row per turn, with columns ``call_id``, ``speaker`` and ``text``
    (names configurable), optional ``role``, ``start``, ``end``. Rows of one
    call need not be adjacent; turn order is row order.

Every problem raises a :class:`~tonecheck.errors.TranscriptError` subclass
naming the file, the line and the problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from .errors import (
    BinaryFileError,
    EmptyTranscriptError,
    EncodingError,
    MalformedTranscriptError,
    NoSpeakerLabelsError,
    TranscriptError,
    TranscriptTooLargeError,
    UnknownFormatError,
)
from .transcript import ROLES, Transcript, Turn, role_for

#: Files larger than this are refused with :class:`TranscriptTooLargeError`.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """Options shared by all readers.

    Attributes:
        role_map: extra speaker-label -> role mappings, consulted before the defaults.
        call_id_column, speaker_column, text_column: CSV column names.
        max_bytes: refuse files larger than this.
    """

    role_map: Mapping[str, str] | None = None
    call_id_column: str = "call_id"
    speaker_column: str = "speaker"
    text_column: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES


# --------------------------------------------------------------------------- bytes


def decode_bytes(data: bytes, path: str | Path | None = None) -> str:
    """Decode a transcript file's bytes.

    Accepts UTF-8 with or without BOM and UTF-16 with BOM. Anything else is
    reported, never guessed: NUL bytes without a UTF-16 BOM mean a binary file.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    if b"\x00" in data[:8192] or b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise BinaryFileError("file holds binary data (NUL bytes), not a text transcript", path, line)
    return _decode(data, "utf-8", path)


def _decode(data: bytes, encoding: str, path: str | Path | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1 if encoding == "utf-8" else None
        raise EncodingError(
            f"bytes at offset {exc.start} are not valid {encoding.upper()} "
            f"({data[exc.start:exc.start + 4]!r}); save the file as UTF-8",
            path,
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode a file, enforcing the size limit before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise TranscriptError(f"cannot read file: {exc.strerror or exc}", path) from None
    if size > max_bytes:
        raise TranscriptTooLargeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit", path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"cannot read file: {exc.strerror or exc}", path) from None
    text = decode_bytes(data, path)
    if not text.strip():
        raise EmptyTranscriptError("file is empty", path)
    return text


# --------------------------------------------------------------------------- text

_TIME = r"(?:\[\s*[\d:.]+\s*(?:-|–|-->)?\s*[\d:.]*\s*\]\s*)?"
#: "Speaker: text" where the label is 1-40 chars, no sentence punctuation and at most 4 words.
_LABEL_LINE = re.compile(rf"^\s*{_TIME}(?P<label>[^\W\d][\w .'()#&/-]{{0,39}}?)\s*:\s*(?P<text>.*)$")
_STAMP = re.compile(r"^\s*\[\s*(?P<a>[\d:.]+)\s*(?:-|–|-->)?\s*(?P<b>[\d:.]*)\s*\]")


def _seconds(stamp: str) -> float | None:
    if not stamp:
        return None
    parts = stamp.split(":")
    try:
        value = 0.0
        for part in parts:
            value = value * 60 + float(part)
    except ValueError:
        return None
    return value


def parse_text(
    text: str,
    call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Transcript:
    """Parse ``Speaker: text`` lines into a transcript.

    >>> t = parse_text("Agent: Hello, how are you today?\\nCustomer: Not great.\\nI lost my job.")
    >>> [(x.role, x.text) for x in t.turns]
    [('agent', 'Hello, how are you today?'), ('customer', 'Not great.\\nI lost my job.')]
    """
    if not text.strip():
        raise EmptyTranscriptError("transcript is empty", path)
    turns: list[Turn] = []
    first_content_line: int | None = None
    cur: dict[str, Any] | None = None
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if first_content_line is None:
            first_content_line = lineno
        m = _LABEL_LINE.match(raw)
        if m and len(m.group("label").split()) <= 4 and m.group("text").strip():
            if cur is not None:
                turns.append(_make_turn(cur, role_map))
            stamp = _STAMP.match(raw)
            cur = {
                "speaker": m.group("label").strip(),
                "lines": [m.group("text").strip()],
                "line": lineno,
                "start": _seconds(stamp.group("a")) if stamp else None,
                "end": _seconds(stamp.group("b")) if stamp else None,
            }
        elif cur is not None:
            cur["lines"].append(line)
        else:
            raise NoSpeakerLabelsError(
                "text before the first 'Speaker: text' line; every turn needs a speaker label "
                "such as 'Agent:' or 'Customer:'",
                path,
                lineno,
            )
    if cur is None:
        raise NoSpeakerLabelsError("no 'Speaker: text' lines found", path, first_content_line)
    turns.append(_make_turn(cur, role_map))
    return Transcript(call_id=call_id, turns=turns, metadata=dict(metadata or {}), source=str(path) if path else None)


def _make_turn(cur: Mapping[str, Any], role_map: Mapping[str, str] | None) -> Turn:
    return Turn(
        speaker=cur["speaker"],
        text="\n".join(cur["lines"]),
        role=role_for(cur["speaker"], role_map),
        start=cur["start"],
        end=cur["end"],
        line=cur["line"],
    )


# --------------------------------------------------------------------------- json


def parse_json(
    text: str,
    default_call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
) -> list[Transcript]:
    """Parse tonecheck JSON (one call object or a list of them)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedTranscriptError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from None
    except RecursionError:
        raise MalformedTranscriptError("JSON is nested too deeply", path) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise EmptyTranscriptError("JSON holds an empty list of calls", path)
    return [
        _call_from_json(item, default_call_id if len(items) == 1 else f"{default_call_id}-{i}", path, role_map, i)
        for i, item in enumerate(items)
    ]


def _call_from_json(item: Any, default_id: str, path, role_map, index: int) -> Transcript:
    where = f"call {index}: " if index else ""
    if not isinstance(item, dict):
        raise MalformedTranscriptError(f"{where}expected a JSON object with 'turns', got {type(item).__name__}", path)
    turns_data = item.get("turns")
    if not isinstance(turns_data, list):
        raise MalformedTranscriptError(f"{where}missing 'turns' list", path)
    if not turns_data:
        raise EmptyTranscriptError(f"{where}'turns' is empty", path)
    metadata = item.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise MalformedTranscriptError(f"{where}'metadata' must be an object", path)
    turns = []
    for i, t in enumerate(turns_data):
        if not isinstance(t, dict):
            raise MalformedTranscriptError(f"{where}turn {i} is not an object", path)
        speaker, text = t.get("speaker"), t.get("text")
        if not isinstance(speaker, str) or not speaker.strip():
            raise NoSpeakerLabelsError(f"{where}turn {i} has no 'speaker'", path)
        if not isinstance(text, str):
            raise MalformedTranscriptError(f"{where}turn {i} has no 'text' string", path)
        role = t.get("role") or role_for(speaker, role_map)
        if role not in ROLES:
            raise MalformedTranscriptError(f"{where}turn {i} has role {role!r}; roles are {', '.join(ROLES)}", path)
        turns.append(
            Turn(speaker=speaker, text=text, role=role, start=_opt_float(t.get("start"), path, i), end=_opt_float(t.get("end"), path, i))
        )
    call_id = item.get("call_id", default_id)
    return Transcript(call_id=str(call_id), turns=turns, metadata=dict(metadata), source=str(path) if path else None)


def _opt_float(value: Any, path, turn: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MalformedTranscriptError(f"turn {turn} has a non-numeric time {value!r}", path)
    try:
        return float(value)
    except ValueError:
        raise MalformedTranscriptError(f"turn {turn} has a non-numeric time {value!r}", path) from None


# --------------------------------------------------------------------------- csv


def parse_csv(
    text: str,
    default_call_id: str = "call",
    *,
    path: str | Path | None = None,
    options: ReadOptions = ReadOptions(),
    delimiter: str | None = None,
) -> list[Transcript]:
    """Parse one-row-per-turn CSV (or TSV) into one transcript per call id."""
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = reader.fieldnames or []
    needed = [options.speaker_column, options.text_column]
    missing = [c for c in needed if c not in fields]
    if missing:
        raise MalformedTranscriptError(
            f"missing column(s) {', '.join(map(repr, missing))}; found {', '.join(map(repr, fields)) or 'none'}"
            " (set the column names with speaker_column=/text_column=)",
            path,
            1,
        )
    calls: dict[str, list[Turn]] = {}
    try:
        for row in reader:
            lineno = reader.line_num
            speaker = (row.get(options.speaker_column) or "").strip()
            text_value = row.get(options.text_column)
            if text_value is None:
                raise MalformedTranscriptError("row has fewer columns than the header", path, lineno)
            if not speaker:
                raise NoSpeakerLabelsError(f"row has an empty {options.speaker_column!r}", path, lineno)
            call_id = (row.get(options.call_id_column) or default_call_id).strip() or default_call_id
            role = (row.get("role") or "").strip().lower() or role_for(speaker, options.role_map)
            if role not in ROLES:
                raise MalformedTranscriptError(f"role {role!r} is not one of {', '.join(ROLES)}", path, lineno)
            calls.setdefault(call_id, []).append(
                Turn(
                    speaker=speaker,
                    text=text_value,
                    role=role,
                    start=_csv_float(row.get("start"), path, lineno),
                    end=_csv_float(row.get("end"), path, lineno),
                    line=lineno,
                )
            )
    except csv.Error as exc:
        raise MalformedTranscriptError(f"CSV error: {exc}", path, reader.line_num) from None
    if not calls:
        raise EmptyTranscriptError("CSV has a header but no rows", path, 2)
    return [Transcript(call_id=cid, turns=turns, source=str(path) if path else None) for cid, turns in calls.items()]


def _csv_float(value: str | None, path, line: int) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise MalformedTranscriptError(f"time {value!r} is not a number", path, line) from None


# --------------------------------------------------------------------------- dispatch

#: A reader takes the decoded text, the default call id, the path and the options.
Reader = Callable[[str, str, "str | Path | None", ReadOptions], list[Transcript]]
#: Registered readers by format name. Extend with :func:`register_reader`.
READERS: dict[str, Reader] = {}
#: File extension -> format name.
EXTENSIONS: dict[str, str] = {}
#: Content sniffers, tried in order when the extension says nothing: (format, predicate on the first 4 KB).
SNIFFERS: list[tuple[str, Callable[[str], bool]]] = []


def register_reader(
    name: str, reader: Reader, extensions: tuple[str, ...] = (), sniff: Callable[[str], bool] | None = None
) -> None:
    """Register a reader for a format, its file extensions and an optional content sniffer."""
    READERS[name] = reader
    for ext in extensions:
        EXTENSIONS[ext.lower()] = name
    if sniff is not None:
        SNIFFERS.append((name, sniff))


_JSON_START = re.compile(r"^\s*(?:\{|\[\s*(?:\{|\]))")


def _sniff_json(head: str) -> bool:
    """An object, or a list of objects; not a "[00:00:01] Agent: ..." time stamp."""
    return _JSON_START.match(head) is not None


register_reader("json", lambda text, cid, path, o: parse_json(text, cid, path=path, role_map=o.role_map), (".json",),
                _sniff_json)
register_reader("csv", lambda text, cid, path, o: parse_csv(text, cid, path=path, options=o), (".csv", ".tsv"))
register_reader("text", lambda text, cid, path, o: [parse_text(text, cid, path=path, role_map=o.role_map)], (".txt", ".text"))


def detect_format(path: str | Path, text: str) -> str:
    """The format name for a file: by content sniffers for ambiguous cases, else by extension, else text."""
    head = text[:4096]
    ext_format = EXTENSIONS.get(Path(path).suffix.lower())
    for name, sniff in SNIFFERS:
        if sniff(head) and (ext_format is None or ext_format == "text" or ext_format == name):
            return name
    return ext_format or "text"


def iter_file(path: str | Path, *, format: str | None = None, options: ReadOptions = ReadOptions()) -> Iterator[Transcript]:
    """Yield every call in one file (a CSV or JSON list may hold several)."""
    text = read_text_file(path, options.max_bytes)
    fmt = format or detect_format(path, text)
    if fmt not in READERS:
        raise UnknownFormatError(f"unknown format {fmt!r}; known: {', '.join(sorted(READERS))}", path)
    try:
        transcripts = READERS[fmt](text, Path(path).stem, path, options)
    except TranscriptError:
        raise
    except RecursionError:
        raise MalformedTranscriptError("input is nested too deeply", path) from None
    for t in transcripts:
        if t.source is None:
            t.source = str(path)
        yield t


def read_transcript(
    path: str | Path,
    *,
    format: str | None = None,
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
) -> Transcript:
    """Read one call from a file. Raises if the file holds several (use :func:`read_transcripts`)."""
    opts = options or ReadOptions(role_map=role_map)
    calls = list(iter_file(path, format=format, options=opts))
    if len(calls) != 1:
        raise MalformedTranscriptError(f"file holds {len(calls)} calls; use read_transcripts()", path)
    return calls[0]


def read_transcripts(
    path: str | Path,
    *,
    format: str | None = None,
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
) -> list[Transcript]:
    """Read every call in a file."""
    opts = options or ReadOptions(role_map=role_map)
    return list(iter_file(path, format=format, options=opts))
