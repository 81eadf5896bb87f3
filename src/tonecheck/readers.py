"""Readers: files and strings in, :class:`~tonecheck.transcript.Transcript` out.

Formats (picked by extension, then by content):

``text`` (``.txt``)
    One turn per ``Speaker: text`` line. A line without a label continues the
    previous turn. Blank lines and lines starting with ``#`` are skipped.
    A time stamp may precede the label (``[12.5-14.0] Agent:``, ``[00:01:02]``,
    ``(00:01:02)``, ``00:01:02 Agent:``) or follow it (``Agent (00:01:02):``).
    A label is at most 4 words and 40 characters; a colon inside a clock time
    ("at 10:30") or a URL ("https://...") does not make a label.

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
    call need not be adjacent; turn order is row order. Comma, tab or
    semicolon separated (whichever the header uses most).

``vtt`` (``.vtt``) — WebVTT captions
    Speakers from voice tags (``<v Agent Name>text</v>``) or a ``Speaker:`` prefix
    on a line of cue text (also ``- Agent:``, ``>> AGENT:``, ``[Agent]:``; a
    cue may hold several); text with neither continues the previous speaker. Cue
    timings become ``start``/``end`` seconds; consecutive cues of one speaker
    merge into one turn. ``NOTE``/``STYLE``/``REGION`` blocks, cue ids and inline
    tags (``<i>``, ``<b>``, ``<c.x>``, time stamps) are dropped.

``srt`` (``.srt``) — SubRip subtitles
    ``Speaker:`` prefixes on the cue text, as for VTT; a cue without one
    continues the previous speaker. Timings and merging as for VTT.

``transcribe`` (Amazon Transcribe output JSON, ``.json``)
    ``results.audio_segments`` when present, else the words of ``results.items``
    assigned to ``results.speaker_labels.segments`` by start time, else the
    channels of ``results.channel_labels``. ``call_id`` is the ``jobName``.

Files are recognised by content as well as extension: a ``.txt`` holding
``WEBVTT`` is read as VTT, a ``.json`` holding Transcribe output as Transcribe.

Bytes are decoded as UTF-8 (with or without BOM) or UTF-16 with a BOM; anything
else is an :class:`~tonecheck.errors.EncodingError`, never a guess (NUL bytes
that are not UTF-16 text: :class:`~tonecheck.errors.BinaryFileError`).

After reading, :func:`apply_read_options` enforces the per-turn and speaker
limits and settles roles: ``ReadOptions.agent_speaker`` names the agent, or,
when no turn maps to the agent, :func:`tonecheck.speakers.infer_roles` picks one
(``ReadOptions.infer_roles``).

Every problem raises a :class:`~tonecheck.errors.TranscriptError` subclass
naming the file, the line and the problem.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import html
import io
import itertools
import json
import math
import re
from dataclasses import dataclass, replace
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
#: Turns longer than this (characters) are refused with :class:`TranscriptTooLargeError`.
DEFAULT_MAX_TURN_CHARS = 100_000
#: Calls with more distinct speakers than this are refused.
DEFAULT_MAX_SPEAKERS = 50
#: JSON nested deeper than this is refused before it is parsed.
DEFAULT_MAX_JSON_DEPTH = 50


@dataclass(frozen=True)
class ReadOptions:
    """Options shared by all readers.

    Attributes:
        role_map: extra speaker-label -> role mappings, consulted before the defaults.
        call_id_column, speaker_column, text_column: CSV column names (matched
            exactly, then ignoring case and surrounding space).
        max_bytes: refuse files larger than this.
        agent_speaker: this speaker label is the agent and every other speaker the
            customer, whatever the labels say (``metadata["role_inference"]["method"]``
            is ``"override"``). A call without that speaker is an error.
        infer_roles: when no turn maps to the agent (``spk_0``/``spk_1``, ``A``/``B``),
            decide who the agent is from what they say (:func:`tonecheck.speakers.infer_roles`).
        max_turn_chars: refuse a turn longer than this many characters.
        max_speakers: refuse a call with more distinct speakers than this.
        max_json_depth: refuse JSON nested deeper than this (checked before parsing).
    """

    role_map: Mapping[str, str] | None = None
    call_id_column: str = "call_id"
    speaker_column: str = "speaker"
    text_column: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES
    agent_speaker: str | None = None
    infer_roles: bool = True
    max_turn_chars: int = DEFAULT_MAX_TURN_CHARS
    max_speakers: int = DEFAULT_MAX_SPEAKERS
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH


# --------------------------------------------------------------------------- bytes


def decode_bytes(data: bytes, path: str | Path | None = None) -> str:
    """Decode a transcript file's bytes.

    Accepts UTF-8 with or without BOM and UTF-16 with BOM; line breaks come out
    as ``\n``. Anything else is reported, never guessed:

    - UTF-32 (by its BOM), and bytes that are not valid UTF-8, raise
      :class:`EncodingError` naming the line of the first bad byte;
    - text that looks like UTF-16 without a BOM (a NUL in every other byte)
      raises :class:`EncodingError` saying so;
    - other NUL bytes mean a binary file: :class:`BinaryFileError`.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise EncodingError("file is UTF-32, which is not supported; save it as UTF-8", path, 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16", path)
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise BinaryFileError("file holds binary data (NUL characters), not a text transcript", path, line)
        return text
    if b"\x00" in data:
        if _looks_like_bomless_utf16(data):
            raise EncodingError(
                "file looks like UTF-16 without a byte-order mark (a NUL in every other byte); "
                "save it as UTF-8, or as UTF-16 with a BOM",
                path,
                1,
            )
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise BinaryFileError("file holds binary data (NUL bytes), not a text transcript", path, line)
    return _decode(data, "utf-8", path)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 without a BOM: in the first 4 KB, NULs fill one byte position of (nearly) every pair."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) >= 0.9 and min(even.count(0), odd.count(0)) == 0


def _decode(data: bytes, encoding: str, path: str | Path | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            line: int | None = data.count(b"\n", 0, exc.start) + 1
        else:  # count the line breaks in the part that did decode
            good = data[: exc.start - (exc.start % 2)].decode(encoding, errors="replace")
            line = good.count("\n") + 1
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
    except ValueError as exc:  # a NUL byte in the name
        raise TranscriptError(f"cannot read file: not a valid file name ({exc})", path) from None
    if size > max_bytes:
        raise TranscriptTooLargeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit", path, 1)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"cannot read file: {exc.strerror or exc}", path) from None
    if len(data) > max_bytes:  # grew between stat and read
        raise TranscriptTooLargeError(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit", path, 1)
    text = decode_bytes(data, path)
    if not text:
        raise EmptyTranscriptError("file is empty", path, 1)
    if not text.strip():
        raise EmptyTranscriptError(f"file holds only white space ({text.count(chr(10)) + 1} line(s))", path, 1)
    return text


# --------------------------------------------------------------------------- text

#: A time stamp in brackets or parentheses: ``[12.5-14.0]``, ``[00:01:02]``, ``(00:01:02 --> 00:01:05)``.
#: Quantifiers are bounded so that a line such as ``"[" + "1" * 50_000`` cannot backtrack for minutes.
_BRACKET_STAMP = r"[\[(][ \t]{{0,3}}(?P<{a}>[\d:.]{{1,20}})[ \t]{{0,3}}(?:(?:-|–|-->)[ \t]{{0,3}})?(?P<{b}>[\d:.]{{0,20}})[ \t]{{0,3}}[\])]"
#: "Speaker: text", optionally with a time stamp before the label (``[00:00:01] Agent:``,
#: ``00:00:01 Agent:``) or after it (``Agent (00:00:01):``). The label is 1-40
#: characters without sentence punctuation (and at most 4 words, checked by the
#: caller). A colon between two digits is a clock time ("at 10:30"), and one
#: followed by ``//`` a URL ("https://..."), never a label.
_LABEL_LINE = re.compile(
    r"^\s*(?:" + _BRACKET_STAMP.format(a="a", b="b") + r"\s*"
    r"|(?P<bare>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)\s+)?"
    r"(?P<label>[^\W\d][\w .'()#&/-]{0,39}?)"
    r"(?:[ \t]{0,3}[\[(][ \t]{0,3}(?P<ta>\d{1,3}:[\d:.]{1,20})[ \t]{0,3}(?:(?:-|–|-->)[ \t]{0,3}(?P<tb>[\d:.]{1,20}))?[ \t]{0,3}[\])])?"
    r"\s*(?:(?<!\d):|:(?!\d))(?!//)\s*(?P<text>.*)$"
)


def _seconds(stamp: str | None) -> float | None:
    """``"01:02:03.5"``, ``"62.5"`` or ``"1:02"`` -> seconds; ``None`` for anything else."""
    if not stamp:
        return None
    parts = stamp.replace(",", ".").split(":")
    if len(parts) > 3:
        return None
    try:
        value = 0.0
        for part in parts:
            value = value * 60 + float(part)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _stamps(m: re.Match[str]) -> tuple[float | None, float | None]:
    """The start and end seconds of a :data:`_LABEL_LINE` match, from whichever stamp it has."""
    if m.group("a"):
        return _seconds(m.group("a")), _seconds(m.group("b"))
    if m.group("bare"):
        return _seconds(m.group("bare")), None
    return _seconds(m.group("ta")), _seconds(m.group("tb"))


def parse_text(
    text: str,
    call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    options: "ReadOptions | None" = None,
) -> Transcript:
    """Parse ``Speaker: text`` lines into a transcript.

    A line without a label continues the previous turn; a label with nothing after
    it (``Agent:`` on a line of its own) starts a turn whose text is on the lines
    below. Roles come from ``role_map`` and the default map only; pass ``options``
    to also apply :func:`apply_read_options` (limits, ``agent_speaker``, role
    inference), as the file readers do.

    >>> t = parse_text("Agent: Hello, how are you today?\\nCustomer: Not great.\\nI lost my job.")
    >>> [(x.role, x.text) for x in t.turns]
    [('agent', 'Hello, how are you today?'), ('customer', 'Not great.\\nI lost my job.')]
    """
    if options is None:
        return _parse_text(text, call_id, path=path, role_map=role_map, metadata=metadata)
    opts = _options(options, role_map)
    transcript = _parse_text(text, call_id, path=path, role_map=opts.role_map, metadata=metadata)
    return apply_read_options(transcript, opts, path)


def _parse_text(
    text: str,
    call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Transcript:
    if not text.strip():
        raise EmptyTranscriptError("transcript is empty", path, 1)
    turns: list[Turn] = []
    first_content_line: int | None = None
    cur: dict[str, Any] | None = None
    lines = text.split("\n")
    found = [_label_match(raw) for raw in lines]
    is_speaker = _speaker_test([m for m in found if m is not None], role_map)
    for lineno, (raw, m) in enumerate(zip(lines, found), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if first_content_line is None:
            first_content_line = lineno
        if m is not None and (cur is None or is_speaker(m)):
            if cur is not None and cur["lines"]:
                turns.append(_make_turn(cur, role_map))
            start, end = _stamps(m)
            body = m.group("text").strip()
            cur = {
                "speaker": m.group("label").strip(),
                "lines": [body] if body else [],
                "line": lineno,
                "start": start,
                "end": end,
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
    if cur is None:  # only comments
        raise NoSpeakerLabelsError("no 'Speaker: text' lines found, only comments", path, first_content_line or 1)
    if cur["lines"]:
        turns.append(_make_turn(cur, role_map))
    if not turns:
        raise EmptyTranscriptError("speaker labels but no words: every turn is empty", path, first_content_line)
    return Transcript(call_id=call_id, turns=turns, metadata=dict(metadata or {}), source=str(path) if path else None)


def _label_match(raw: str) -> re.Match[str] | None:
    """The :data:`_LABEL_LINE` match of a line whose label has at most 4 words, else None."""
    if not raw or raw.lstrip().startswith("#"):
        return None
    m = _LABEL_LINE.match(raw)
    return m if m is not None and len(m.group("label").split()) <= 4 else None


#: A word of prose in a label: letters, with an apostrophe or hyphen inside ("she'd", "re-read");
#: labels with digits, underscores or dots ("spk_0", "Speaker 2", "Dr. Shah") are names.
_PROSE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _speaker_test(matches: list[re.Match[str]], role_map: Mapping[str, str] | None):
    """Which ``Words:`` lines start a turn, given every such line of the file.

    Once a file shows its speakers (two or more labels used at least twice each), a
    label that reads as prose ("And she said:", "the reason is:": words of letters
    only, the first or a later one in lower case) is taken as part of the
    turn's text, not as a new speaker, if it is used only once, names no role and
    carries no time stamp. Names and ids stay speakers even when used once ("Mrs Patel:",
    "Speaker 3:", "spk_2:", "Note:"): a third party who speaks once must not be merged into
    someone else's turn.
    """
    counts: dict[str, int] = {}
    for m in matches:
        key = m.group("label").strip().casefold()
        counts[key] = counts.get(key, 0) + 1
    if sum(1 for n in counts.values() if n >= 2) < 2:
        return lambda m: True

    def is_speaker(m: re.Match[str]) -> bool:
        label = m.group("label").strip()
        if counts[label.casefold()] >= 2 or _stamps(m) != (None, None) or role_for(label, role_map) != "unknown":
            return True
        words = label.split()
        prose = all(_PROSE_WORD.fullmatch(w) for w in words) and (
            label[0].islower() or any(w[0].islower() for w in words[1:])
        )
        return not prose

    return is_speaker


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


_JSON_TOKEN = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?|[\[\]{}]')
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def check_json_depth(text: str, path: str | Path | None = None, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> None:
    """Raise :class:`MalformedTranscriptError` if ``text`` nests arrays/objects deeper than ``max_depth``.

    Runs before :func:`json.loads`, so a hostile file cannot drive the parser into
    deep recursion. Brackets inside strings are ignored.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok in ("[", "{"):
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, m.start()) + 1
                raise MalformedTranscriptError(f"JSON is nested more than {max_depth} levels deep", path, line)
        elif tok in ("]", "}"):
            depth -= 1


def load_json(text: str, path: str | Path | None = None, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Any:
    """:func:`json.loads` with the depth check and errors as :class:`MalformedTranscriptError` with a line."""
    check_json_depth(text, path, max_depth)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedTranscriptError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from None
    except RecursionError:
        raise MalformedTranscriptError("JSON is nested too deeply", path, 1) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise MalformedTranscriptError(f"invalid JSON: {str(exc).split(';')[0]}", path, 1) from None
    if _SURROGATE_ESCAPE.search(text) and _has_surrogate(data):
        m = _first_lone_escape(text)
        raise MalformedTranscriptError(
            f"invalid JSON: the string escape {m.group()[-6:] if m else ''} is half of a UTF-16 surrogate pair, "
            "not a character",
            path,
            text.count("\n", 0, m.start()) + 1 if m else 1,
        )
    return data


#: A ``\uD800``-``\uDFFF`` escape: an odd number of backslashes, then ``u`` and the code.
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(value: Any) -> bool:
    """Whether a string (or object key) in parsed JSON holds a surrogate code point, which is not text."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _first_lone_escape(text: str) -> re.Match[str] | None:
    """The first surrogate escape that is not a high half directly followed by a low half."""
    high: re.Match[str] | None = None  # a high half waiting for its low half
    for m in _SURROGATE_ESCAPE.finditer(text):
        if m.group()[-4].lower() in "89ab":
            if high is not None:
                return high
            high = m
        elif high is not None and high.end() == m.end() - 6:
            high = None  # a pair
        else:
            return high or m
    return high


class _Lines:
    """Offset -> 1-based line number, by bisection over the line breaks."""

    def __init__(self, text: str):
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset) + 1


def _array_items(text: str, i: int) -> list[int]:
    """Offsets of the items of the JSON array that starts at ``text[i] == "["``."""
    out: list[int] = []
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i] == "]":
        return out
    while True:
        out.append(i)
        i = _WS.match(text, _DECODER.raw_decode(text, i)[1]).end()  # type: ignore[union-attr]
        if text[i] != ",":
            return out
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]


def _member_offset(text: str, i: int, wanted: str) -> int | None:
    """Offset of the value of key ``wanted`` in the JSON object at ``text[i] == "{"``."""
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    while text[i] == '"':
        key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        i = _WS.match(text, i).end() + 1  # type: ignore[union-attr]  # past ':'
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if key == wanted:
            return i
        i = _WS.match(text, _DECODER.raw_decode(text, i)[1]).end()  # type: ignore[union-attr]
        if text[i] != ",":
            return None
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    return None


def _json_call_lines(text: str, data: Any) -> list[tuple[int | None, list[int]]]:
    """Best effort: for each call, the line it starts on and the lines its turns start on."""
    try:
        lines = _Lines(text)
        start = _WS.match(text).end()  # type: ignore[union-attr]
        calls = _array_items(text, start) if isinstance(data, list) else [start]
        out: list[tuple[int | None, list[int]]] = []
        for c in calls:
            turn_lines: list[int] = []
            if text[c] == "{":
                t = _member_offset(text, c, "turns")
                if t is not None and text[t] == "[":
                    turn_lines = [lines(o) for o in _array_items(text, t)]
            out.append((lines(c), turn_lines))
        return out
    except (ValueError, IndexError):  # pragma: no cover - the text already parsed; be safe anyway
        return []


def parse_json(
    text: str,
    default_call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
    max_depth: int = DEFAULT_MAX_JSON_DEPTH,
) -> list[Transcript]:
    """Parse tonecheck JSON (one call object or a list of them).

    Errors name the line of the call or turn at fault.
    """
    data = load_json(text, path, max_depth)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise EmptyTranscriptError("JSON holds an empty list of calls", path, 1)
    positions = _json_call_lines(text, data)
    out = []
    for i, item in enumerate(items):
        line, turn_lines = positions[i] if i < len(positions) else (None, [])
        cid = default_call_id if len(items) == 1 else f"{default_call_id}-{i}"
        out.append(_call_from_json(item, cid, path, role_map, i, line, turn_lines))
    return out


def _call_from_json(
    item: Any, default_id: str, path, role_map, index: int, line: int | None = None, turn_lines: list[int] | None = None
) -> Transcript:
    where = f"call {index}: " if index else ""
    turn_lines = turn_lines or []
    if not isinstance(item, dict):
        raise MalformedTranscriptError(
            f"{where}expected a JSON object with 'turns', got {_json_type(item)}", path, line
        )
    turns_data = item.get("turns")
    if not isinstance(turns_data, list):
        got = "it is missing" if "turns" not in item else f"got {_json_type(turns_data)}"
        raise MalformedTranscriptError(f"{where}missing 'turns' list ({got})", path, line)
    if not turns_data:
        raise EmptyTranscriptError(f"{where}'turns' is empty", path, line)
    metadata = item.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise MalformedTranscriptError(f"{where}'metadata' must be an object, not {_json_type(metadata)}", path, line)
    call_id = item.get("call_id", default_id)
    if isinstance(call_id, bool) or not isinstance(call_id, (str, int)) or not str(call_id).strip():
        raise MalformedTranscriptError(f"{where}'call_id' must be a non-empty string, not {_short(call_id)}", path, line)
    turns = []
    for i, t in enumerate(turns_data):
        tl = turn_lines[i] if i < len(turn_lines) else line
        if not isinstance(t, dict):
            raise MalformedTranscriptError(f"{where}turn {i} is not an object but {_json_type(t)}", path, tl)
        speaker, text = t.get("speaker"), t.get("text")
        if not isinstance(speaker, str) or not speaker.strip():
            raise NoSpeakerLabelsError(f"{where}turn {i} has no 'speaker'", path, tl)
        if not isinstance(text, str):
            raise MalformedTranscriptError(f"{where}turn {i} has no 'text' string", path, tl)
        role = t.get("role") or role_for(speaker, role_map)
        if isinstance(role, str):
            role = role.strip().lower()
        if not isinstance(role, str) or role not in ROLES:
            raise MalformedTranscriptError(f"{where}turn {i} has role {_short(role)}; roles are {', '.join(ROLES)}", path, tl)
        turns.append(
            Turn(
                speaker=speaker.strip(),
                text=text,
                role=role,  # type: ignore[arg-type]
                start=_opt_float(t.get("start"), path, i, tl),
                end=_opt_float(t.get("end"), path, i, tl),
                line=tl,
            )
        )
    return Transcript(call_id=str(call_id), turns=turns, metadata=dict(metadata), source=str(path) if path else None)


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _opt_float(value: Any, path, turn: int, line: int | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MalformedTranscriptError(f"turn {turn} has a non-numeric time {value!r}", path, line)
    try:
        number = float(value)
    except ValueError:
        raise MalformedTranscriptError(f"turn {turn} has a non-numeric time {_short(value)}", path, line) from None
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if not math.isfinite(number):
        raise MalformedTranscriptError(f"turn {turn} has a time that is not finite: {_short(value)}", path, line)
    return number


def _short(value: Any, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters so a huge value does not flood the message."""
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 128 else f"<{value.bit_length()}-bit integer>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- csv


def parse_csv(
    text: str,
    default_call_id: str = "call",
    *,
    path: str | Path | None = None,
    options: ReadOptions = ReadOptions(),
    delimiter: str | None = None,
) -> list[Transcript]:
    """Parse one-row-per-turn CSV (or TSV) into one transcript per call id.

    The delimiter is the one of comma, tab and semicolon that the header line
    uses most (comma on a tie), unless ``delimiter`` is given. Column names come
    from ``options`` (``speaker_column``, ``text_column``, ``call_id_column``)
    and are matched exactly, then ignoring case and surrounding space; a header
    naming one of them twice is an error rather than a silent pick.
    """
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max((",", "\t", ";"), key=first.count)  # max() keeps the first of equals: ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        fields = [f for f in (reader.fieldnames or []) if f is not None]
    except csv.Error as exc:
        raise MalformedTranscriptError(f"CSV error in the header: {exc}", path, 1) from None
    for wanted in (options.speaker_column, options.text_column, options.call_id_column, "role", "start", "end"):
        same = [f for f in fields if f.strip().casefold() == wanted.strip().casefold()]
        if len(same) > 1:
            raise MalformedTranscriptError(
                f"the header names the {wanted!r} column {len(same)} times ({', '.join(map(repr, same))})", path, 1
            )
    speaker_col = _find_column(fields, options.speaker_column)
    text_col = _find_column(fields, options.text_column)
    call_col = _find_column(fields, options.call_id_column)
    role_col, start_col, end_col = (_find_column(fields, c) for c in ("role", "start", "end"))
    missing = [want for want, got in ((options.speaker_column, speaker_col), (options.text_column, text_col)) if got is None]
    if missing:
        raise MalformedTranscriptError(
            f"missing column(s) {', '.join(map(repr, missing))}; found {', '.join(map(repr, fields)) or 'none'}"
            " (set the column names with speaker_column=/text_column=)",
            path,
            1,
        )
    calls: dict[str, list[Turn]] = {}
    start_line = reader.line_num + 1  # the line the next record starts on
    try:
        for row in reader:
            lineno = start_line
            start_line = reader.line_num + 1
            if not any((v or "").strip() for k, v in row.items() if k is not None):
                continue  # a blank row
            speaker = (row.get(speaker_col) or "").strip()
            text_value = row.get(text_col)
            if text_value is None:
                raise MalformedTranscriptError("row has fewer columns than the header", path, lineno)
            if not speaker:
                raise NoSpeakerLabelsError(f"row has an empty {speaker_col!r}", path, lineno)
            call_id = ((row.get(call_col) if call_col else None) or default_call_id).strip() or default_call_id
            role = ((row.get(role_col) if role_col else None) or "").strip().lower() or role_for(speaker, options.role_map)
            if role not in ROLES:
                raise MalformedTranscriptError(f"role {role!r} is not one of {', '.join(ROLES)}", path, lineno)
            calls.setdefault(call_id, []).append(
                Turn(
                    speaker=speaker,
                    text=text_value,
                    role=role,  # type: ignore[arg-type]
                    start=_csv_float(row.get(start_col) if start_col else None, path, lineno),
                    end=_csv_float(row.get(end_col) if end_col else None, path, lineno),
                    line=lineno,
                )
            )
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise TranscriptTooLargeError(
                f"a field is over the CSV field limit of {csv.field_size_limit():,} characters", path, start_line
            ) from None
        raise MalformedTranscriptError(f"CSV error: {exc}", path, start_line) from None
    if not calls:
        raise EmptyTranscriptError("CSV has a header but no rows", path, 2)
    return [Transcript(call_id=cid, turns=turns, source=str(path) if path else None) for cid, turns in calls.items()]


def _find_column(fields: list[str], wanted: str) -> str | None:
    """The header that is ``wanted``: exactly, else ignoring case and surrounding space."""
    if wanted in fields:
        return wanted
    folded = wanted.strip().casefold()
    return next((f for f in fields if f.strip().casefold() == folded), None)


def _csv_float(value: str | None, path, line: int) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise MalformedTranscriptError(f"time {value!r} is not a number", path, line) from None
    if not math.isfinite(number):
        raise MalformedTranscriptError(f"time {value!r} is not finite", path, line)
    return number


# --------------------------------------------------------------------------- captions (VTT, SRT)

_CUE_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<a>{_CUE_TIME})\s*-->\s*(?P<b>{_CUE_TIME})(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?(?:\s(?P<name>[^<>]*))?>", re.IGNORECASE)
#: Inline markup dropped from cue text: HTML-like tags, WebVTT time stamps, SSA overrides ``{\\an8}``.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>|\{\\[^{}]*\}")
#: Ruby annotations (``<rt>...</rt>``) are readings of the text before them, not more words.
_RUBY_TEXT = re.compile(r"<rt(?:\.[^<>]*)?>[^<]*(?:</rt>)?", re.IGNORECASE)
#: A speaker prefix on a caption line: ``Agent: ...``, ``- Agent: ...`` (dialogue dash),
#: ``>> AGENT: ...`` (broadcast speaker change) or ``[Agent]: ...``. A space must follow the colon.
_PREFIX = re.compile(
    r"^\s*(?:-|>>)?\s*(?P<open>\[)?(?P<label>[^\W\d][\w .'()#&/-]{0,39}?)(?(open)\])\s*:\s+(?P<text>\S.*)$", re.DOTALL
)


def _cue_seconds(stamp: str) -> float:
    """``01:02:03.500``, ``02:03,5`` or ``1:02:03`` -> seconds."""
    value = 0.0
    for part in stamp.replace(",", ".").split(":"):
        value = value * 60 + float(part)
    return value


def _clean_cue_text(text: str) -> str:
    """Cue text without markup, entities decoded, white space collapsed to single spaces."""
    text = html.unescape(_TAG.sub("", _RUBY_TEXT.sub("", text))).replace("\u200e", "").replace("\u200f", "")
    return " ".join(text.split())


def _split_voices(payload: str) -> list[tuple[str | None, str]]:
    """A cue payload -> ``(speaker or None, text)`` parts, one per voice span (or one part without)."""
    parts: list[tuple[str | None, str]] = []
    matches = list(_VOICE.finditer(payload))
    if not matches:
        return [(None, payload)]
    if payload[: matches[0].start()].strip():
        parts.append((None, payload[: matches[0].start()]))
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(payload)
        name = " ".join(html.unescape(m.group("name") or "").split()) or None
        parts.append((name, payload[m.end() : end]))
    return parts


def _prefixed_lines(part: str) -> list[tuple[str | None, str]]:
    """Split unvoiced cue text where a line starts with a speaker prefix.

    ``"- Agent: Are you there?\\n- Customer: Yes."`` gives two parts; lines without a
    prefix stay with the part before them (the first part's speaker is ``None``
    when the text does not start with a prefix).
    """
    out: list[tuple[str | None, str]] = []
    for line in part.split("\n"):
        pm = _PREFIX.match(_TAG.sub("", line))
        if pm and len(pm.group("label").split()) <= 4:
            out.append((pm.group("label").strip(), pm.group("text")))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
        else:
            out.append((None, line))
    return out


def _cue_blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks as ``(first line number, lines)``."""
    block: list[str] = []
    start = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            if not block:
                start = lineno
            block.append(raw.rstrip())
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _parse_cues(text: str, path, role_map, call_id: str, kind: str) -> Transcript:
    """Shared VTT/SRT parsing: cues -> speaker turns, merging consecutive cues of one speaker."""
    turns: list[dict[str, Any]] = []
    speaker: str | None = None
    cues = 0
    for start_line, lines in _cue_blocks(text):
        if kind == "vtt":
            if start_line == 1:  # the WEBVTT header (and any "Kind:"/"Language:" lines under it)
                timing_at = next((k for k, line in enumerate(lines) if "-->" in line), None)
                if timing_at is None:
                    continue
                # no blank line before the first cue: the lines between header and timing are the cue id
                start_line, lines = start_line + timing_at, lines[timing_at:]
            elif lines[0].split(None, 1)[0] in ("NOTE", "STYLE", "REGION"):
                continue  # comments, style sheets, regions
        timing_at = next((k for k, line in enumerate(lines) if "-->" in line), None)
        if timing_at is None:
            if kind == "srt" and all(line.strip().isdigit() for line in lines):
                continue
            raise MalformedTranscriptError(f"{kind.upper()} block has no cue timing ('00:00:01.000 --> ...')", path, start_line)
        if timing_at > 1:
            raise MalformedTranscriptError(f"{kind.upper()} cue has text before its timing line", path, start_line)
        line_no = start_line + timing_at
        m = _TIMING.match(lines[timing_at])
        if m is None:
            raise MalformedTranscriptError(f"bad cue timing {lines[timing_at].strip()!r}", path, line_no)
        begin, end = _cue_seconds(m.group("a")), _cue_seconds(m.group("b"))
        if not (math.isfinite(begin) and math.isfinite(end)):
            raise MalformedTranscriptError(f"cue timing {lines[timing_at].strip()[:60]!r} is out of range", path, line_no)
        if end < begin:
            raise MalformedTranscriptError(f"cue ends ({m.group('b')}) before it starts ({m.group('a')})", path, line_no)
        cues += 1
        payload = "\n".join(lines[timing_at + 1 :])
        parts: list[tuple[str | None, str]] = []
        for voice, part in _split_voices(payload) if kind == "vtt" else [(None, payload)]:
            parts.extend([(voice, part)] if voice is not None else _prefixed_lines(part))
        for voice, part in parts:
            words = _clean_cue_text(part)
            if not words:
                continue
            if voice is not None:
                speaker = voice
            if speaker is None:
                raise NoSpeakerLabelsError(
                    f"{kind.upper()} cue has no speaker: use a voice tag (<v Agent>) or a 'Speaker:' prefix",
                    path,
                    line_no + 1,
                )
            if turns and turns[-1]["speaker"] == speaker:
                last = turns[-1]
                last["text"] += " " + words
                last["end"] = max(last["end"], end)
            else:
                turns.append({"speaker": speaker, "text": words, "start": begin, "end": end, "line": line_no})
    if not turns:
        if cues:
            raise EmptyTranscriptError(f"{kind.upper()} cues hold no text", path, 1)
        raise EmptyTranscriptError(f"{kind.upper()} file has no cues", path, 1)
    return Transcript(
        call_id=call_id,
        turns=[Turn(role=role_for(t["speaker"], role_map), **t) for t in turns],
        source=str(path) if path else None,
    )


def parse_vtt(text: str, call_id: str = "call", *, path: str | Path | None = None, role_map: Mapping[str, str] | None = None) -> Transcript:
    """Parse WebVTT captions (speakers from ``<v Name>`` voice tags or ``Speaker:`` prefixes).

    >>> t = parse_vtt("WEBVTT\\n\\n00:01.000 --> 00:04.000\\n<v Agent>Hello, this is Acme.</v>\\n")
    >>> (t.turns[0].speaker, t.turns[0].text, t.turns[0].start)
    ('Agent', 'Hello, this is Acme.', 1.0)
    """
    text = text.lstrip("\ufeff")
    if not _sniff_vtt(text):
        raise MalformedTranscriptError("a WebVTT file must start with 'WEBVTT'", path, 1)
    return _parse_cues(text, path, role_map, call_id, "vtt")


def parse_srt(text: str, call_id: str = "call", *, path: str | Path | None = None, role_map: Mapping[str, str] | None = None) -> Transcript:
    """Parse SubRip subtitles whose cues start with ``Speaker:`` (a cue without one continues the speaker).

    >>> t = parse_srt("1\\n00:00:01,000 --> 00:00:03,500\\nAgent: Hello.\\n")
    >>> (t.turns[0].speaker, t.turns[0].end)
    ('Agent', 3.5)
    """
    return _parse_cues(text.lstrip("\ufeff"), path, role_map, call_id, "srt")


def _sniff_vtt(head: str) -> bool:
    return re.match(r"\ufeff?WEBVTT(?:[ \t\n]|$)", head) is not None


_SRT_START = re.compile(rf"^\s*\d+[ \t]*\n[ \t]*{_CUE_TIME}[ \t]*-->")


def _sniff_srt(head: str) -> bool:
    return _SRT_START.match(head.lstrip("\ufeff")) is not None


# --------------------------------------------------------------------------- Amazon Transcribe


class _TxContext:
    """Where a Transcribe document came from; turns a JSON path ("results.items[3]") into a line."""

    def __init__(self, text: str, path: str | Path | None):
        self.text, self.path = text, path
        self._lines: _Lines | None = None

    def _line(self, offset: int) -> int:
        if self._lines is None:
            self._lines = _Lines(self.text)
        return self._lines(offset)

    def offset_of(self, where: str) -> int | None:
        """Offset of the value at a JSON path such as ``results.items[3].start_time``, or of its deepest existing parent."""
        text = self.text
        try:
            offset = _WS.match(text).end()  # type: ignore[union-attr]
            for key, index in re.findall(r"(\w+)|\[(\d+)\]", where):
                if key and text[offset] == "{":
                    found = _member_offset(text, offset, key)
                elif index and text[offset] == "[":
                    items = _array_items(text, offset)
                    found = items[int(index)] if int(index) < len(items) else None
                else:
                    found = None
                if found is None:
                    break
                offset = found
            return offset
        except (ValueError, IndexError):  # pragma: no cover - the text already parsed; best effort
            return None

    def line_of(self, where: str) -> int | None:
        offset = self.offset_of(where)
        return None if offset is None else self._line(offset)

    def item_lines(self, where: str) -> list[int]:
        """The line of every item of the JSON array at ``where``, found in one pass ([] if it is not there)."""
        offset = self.offset_of(where)
        try:
            if offset is None or self.text[offset] != "[":
                return []
            return [self._line(o) for o in _array_items(self.text, offset)]
        except (ValueError, IndexError):  # pragma: no cover - best effort
            return []

    def error(self, reason: str, where: str, cls: type[TranscriptError] = MalformedTranscriptError) -> TranscriptError:
        return cls(reason, self.path, self.line_of(where))


def _tx_number(value: Any, where: str, ctx: _TxContext) -> float:
    """A time in seconds (Transcribe writes them as strings: ``"0.54"``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ctx.error(f"{where} must be a number of seconds, not {_json_type(value)}", where)
    try:
        number = float(value)
    except ValueError:
        raise ctx.error(f"{where} must be a number of seconds, not {_short(value)}", where) from None
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if not math.isfinite(number) or number < 0:
        raise ctx.error(f"{where} must be a finite number of seconds, not {_short(value)}", where)
    return number


def _tx_get(obj: Any, key: str, kind: type | tuple[type, ...], where: str, ctx: _TxContext, required: bool = True) -> Any:
    """``obj[key]`` checked to be of ``kind``; a wrong shape raises naming the JSON path and its line."""
    if not isinstance(obj, dict):
        raise ctx.error(f"{where} must be an object, not {_json_type(obj)}", where)
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        got = "missing" if key not in obj else _json_type(value)
        raise ctx.error(f"{where}.{key} is {got}", f"{where}.{key}" if key in obj else where)
    return value


def _tx_label(obj: Any, key: str, where: str, ctx: _TxContext) -> str:
    label = _tx_get(obj, key, str, where, ctx).strip()
    if not label:
        raise ctx.error(f"{where}.{key} is an empty string", f"{where}.{key}")
    return label


def _tx_span(obj: dict, where: str, ctx: _TxContext) -> tuple[float, float]:
    start = _tx_number(obj.get("start_time"), f"{where}.start_time", ctx)
    end = _tx_number(obj.get("end_time"), f"{where}.end_time", ctx)
    if end < start:
        raise ctx.error(f"{where} ends ({end:g} s) before it starts ({start:g} s)", f"{where}.end_time")
    return start, end


def _tx_words(items: list, where: str, ctx: _TxContext) -> list[tuple[str, float | None, float | None]]:
    """Transcribe ``items`` -> ``(content, start, end)``; punctuation has no times (``None``)."""
    out: list[tuple[str, float | None, float | None]] = []
    for k, item in enumerate(items):
        at = f"{where}[{k}]"
        kind = _tx_get(item, "type", str, at, ctx)
        alts = _tx_get(item, "alternatives", list, at, ctx)
        if not alts:
            raise ctx.error(f"{at}.alternatives is empty", f"{at}.alternatives")
        content = _tx_get(alts[0], "content", str, f"{at}.alternatives[0]", ctx).strip()
        if kind == "punctuation":
            out.append((content, None, None))
            continue
        start = _tx_number(item.get("start_time"), f"{at}.start_time", ctx)
        end = start if item.get("end_time") is None else _tx_number(item.get("end_time"), f"{at}.end_time", ctx)
        if end < start:
            raise ctx.error(f"{at} ends ({end:g} s) before it starts ({start:g} s)", f"{at}.end_time")
        out.append((content, start, end))
    return out


#: One stretch of speech: (speaker label, text, start, end, line of the JSON it came from).
_TxSegment = tuple[str, str, float, float, "int | None"]


def _tx_audio_segments(audio: list, ctx: _TxContext) -> list[_TxSegment]:
    """``results.audio_segments``: each already has a speaker, a transcript and times."""
    lines = ctx.item_lines("results.audio_segments")
    out: list[_TxSegment] = []
    for k, seg in enumerate(audio):
        where = f"results.audio_segments[{k}]"
        label = _tx_label(seg, "speaker_label", where, ctx)
        words = _tx_get(seg, "transcript", str, where, ctx)
        start, end = _tx_span(seg, where, ctx)
        out.append((label, words, start, end, lines[k] if k < len(lines) else None))
    return out


def _tx_speaker_segments(labels: Any, results: dict, ctx: _TxContext) -> list[_TxSegment]:
    """``results.speaker_labels.segments`` filled with the words of ``results.items``.

    Each word goes to the segment that contains its start time (the latest-starting
    one if segments overlap); a word in a gap goes to the segment before it, a word
    before every segment to the first. Punctuation follows the word before it.
    """
    raw = _tx_get(labels, "segments", list, "results.speaker_labels", ctx)
    bounds: list[tuple[str, float, float]] = []
    for k, seg in enumerate(raw):
        where = f"results.speaker_labels.segments[{k}]"
        bounds.append((_tx_label(seg, "speaker_label", where, ctx), *_tx_span(seg, where, ctx)))
    if not bounds:
        raise ctx.error("results.speaker_labels.segments is empty", "results.speaker_labels.segments", EmptyTranscriptError)
    order = sorted(range(len(bounds)), key=lambda j: bounds[j][1])  # stable: file order among equal starts
    starts = [bounds[j][1] for j in order]
    ends = [bounds[j][2] for j in order]
    reach = list(itertools.accumulate(ends, max))  # latest end among the segments starting up to here

    def segment_of(t: float) -> int:
        pos = bisect.bisect_right(starts, t + 1e-6) - 1
        if pos < 0:
            return 0
        j = pos
        while j >= 0 and reach[j] >= t - 1e-6:  # an earlier segment may still contain t
            if ends[j] >= t - 1e-6:
                return j
            j -= 1
        return pos

    words_of: list[list[str]] = [[] for _ in order]
    last: int | None = None
    for content, start, _ in _tx_words(_tx_get(results, "items", list, "results", ctx), "results.items", ctx):
        if start is None:  # punctuation
            if last is not None and words_of[last] and content:
                words_of[last][-1] += content
            continue
        last = segment_of(start)
        if content:
            words_of[last].append(content)
    lines = ctx.item_lines("results.speaker_labels.segments")
    out: list[_TxSegment] = []
    for pos, j in enumerate(order):
        if words_of[pos]:
            label, start, end = bounds[j]
            out.append((label, " ".join(words_of[pos]), start, end, lines[j] if j < len(lines) else None))
    return out


def _tx_channel_segments(channel_labels: Any, ctx: _TxContext) -> list[_TxSegment]:
    """``results.channel_labels.channels`` (channel identification: one speaker per audio channel).

    The words of all channels are put in time order; each run of words from one
    channel is a segment whose speaker is the ``channel_label`` (``ch_0``, ``ch_1``).
    """
    channels = _tx_get(channel_labels, "channels", list, "results.channel_labels", ctx)
    words: list[tuple[float, int, int, str, float, int | None]] = []  # start, channel, seq, text, end, line
    labels: list[str] = []
    for c, channel in enumerate(channels):
        where = f"results.channel_labels.channels[{c}]"
        labels.append(_tx_label(channel, "channel_label", where, ctx))
        items = _tx_get(channel, "items", list, where, ctx)
        lines = ctx.item_lines(f"{where}.items")
        mine: list[list[Any]] = []
        for k, (content, start, end) in enumerate(_tx_words(items, f"{where}.items", ctx)):
            if start is None:
                if mine and content:
                    mine[-1][3] += content
            elif content:
                mine.append([start, c, k, content, end, lines[k] if k < len(lines) else None])
        words.extend(tuple(w) for w in mine)  # type: ignore[misc]
    if not labels:
        raise ctx.error("results.channel_labels.channels is empty", "results.channel_labels.channels", EmptyTranscriptError)
    words.sort(key=lambda w: (w[0], w[1], w[2]))
    out: list[_TxSegment] = []
    for start, c, _, content, end, line in words:
        if out and out[-1][0] == labels[c]:
            label, text, s0, e0, l0 = out[-1]
            out[-1] = (label, f"{text} {content}", s0, max(e0, end), l0)
        else:
            out.append((labels[c], content, start, end, line))
    return out


def parse_transcribe(
    text: str,
    default_call_id: str = "call",
    *,
    path: str | Path | None = None,
    role_map: Mapping[str, str] | None = None,
    max_depth: int = DEFAULT_MAX_JSON_DEPTH,
) -> Transcript:
    """Parse Amazon Transcribe output JSON with speaker (or channel) identification.

    The turns come from, in order of preference:

    1. ``results.audio_segments`` (``speaker_label``, ``transcript``,
       ``start_time``, ``end_time``), when present and non-empty;
    2. ``results.speaker_labels.segments`` filled with the words of
       ``results.items``: each pronunciation item goes to the segment containing
       its ``start_time``, punctuation items stick to the word before;
    3. ``results.channel_labels.channels`` (channel identification), one speaker
       per channel.

    Consecutive segments of one speaker merge into one turn (start of the first,
    end of the last). ``call_id`` is the ``jobName`` (else ``default_call_id``);
    ``metadata`` records ``transcribe_job`` and ``transcribe_source`` (which of
    the three was used). Any wrong shape or type raises
    :class:`MalformedTranscriptError` naming the JSON path and its line.
    """
    data = load_json(text, path, max_depth)
    ctx = _TxContext(text, path)
    if not isinstance(data, dict):
        raise MalformedTranscriptError(f"Transcribe output must be a JSON object, not {_json_type(data)}", path, 1)
    results = _tx_get(data, "results", dict, "top level", ctx)
    job = data.get("jobName")
    job_name = job.strip() if isinstance(job, str) and job.strip() else None
    audio = results.get("audio_segments")
    if audio is not None and not isinstance(audio, list):
        raise ctx.error(f"results.audio_segments is {_json_type(audio)}, not a list", "results.audio_segments")
    if audio:
        source, segments = "audio_segments", _tx_audio_segments(audio, ctx)
    elif results.get("speaker_labels") is not None:
        source, segments = "speaker_labels", _tx_speaker_segments(results["speaker_labels"], results, ctx)
    elif results.get("channel_labels") is not None:
        source, segments = "channel_labels", _tx_channel_segments(results["channel_labels"], ctx)
    else:
        raise ctx.error(
            "Transcribe output has no speakers (no results.audio_segments, results.speaker_labels or "
            "results.channel_labels); run the job with ShowSpeakerLabels or ChannelIdentification enabled",
            "results",
            NoSpeakerLabelsError,
        )
    turns: list[Turn] = []
    for label, words, start, end, line in segments:
        words = " ".join(words.split())
        if not words:
            continue
        if turns and turns[-1].speaker == label:
            prev = turns[-1]
            turns[-1] = replace(prev, text=f"{prev.text} {words}", end=max(prev.end if prev.end is not None else end, end))
        else:
            turns.append(Turn(speaker=label, text=words, role=role_for(label, role_map), start=start, end=end, line=line))
    if not turns:
        raise ctx.error(f"Transcribe output holds no words (results.{source})", f"results.{source}", EmptyTranscriptError)
    metadata: dict[str, Any] = {"transcribe_source": source}
    if job_name:
        metadata["transcribe_job"] = job_name
    return Transcript(
        call_id=job_name or default_call_id, turns=turns, metadata=metadata, source=str(path) if path else None
    )


def _sniff_transcribe(head: str) -> bool:
    """A JSON object with ``"results"`` and a ``"jobName"`` or ``"transcripts"`` key (in the first 4 KB)."""
    return head.lstrip("\ufeff \t\n\r").startswith("{") and '"results"' in head and (
        '"jobName"' in head or '"transcripts"' in head
    )


# --------------------------------------------------------------------------- options


def apply_read_options(transcript: Transcript, options: ReadOptions, path: str | Path | None = None) -> Transcript:
    """Enforce the per-call limits of ``options`` and settle who the agent is.

    - a turn longer than ``max_turn_chars`` or more than ``max_speakers`` speakers
      raise :class:`TranscriptTooLargeError` naming the line;
    - ``agent_speaker`` makes that speaker the agent and everyone else the customer
      (:class:`MalformedTranscriptError` if the call has no such speaker);
    - otherwise, if no turn is the agent and ``infer_roles`` is on, the agent is
      inferred from what the speakers say (:func:`tonecheck.speakers.infer_roles`).
    """
    from .speakers import assign_agent, find_speaker, infer_roles

    where = path if path is not None else transcript.source
    speakers: dict[str, int | None] = {}
    for i, turn in enumerate(transcript.turns):
        if len(turn.text) > options.max_turn_chars:
            at = f"turn {i} ({turn.speaker!r})"
            raise TranscriptTooLargeError(
                f"{at} is {len(turn.text):,} characters, over the {options.max_turn_chars:,}-character limit",
                where,
                turn.line,
            )
        if turn.speaker not in speakers:
            speakers[turn.speaker] = turn.line
            if len(speakers) > options.max_speakers:
                raise TranscriptTooLargeError(
                    f"call {transcript.call_id!r} has more than {options.max_speakers} speakers "
                    f"({turn.speaker!r} is number {len(speakers)})",
                    where,
                    turn.line,
                )
    if options.agent_speaker is not None:
        if find_speaker(transcript, options.agent_speaker) is None:
            raise MalformedTranscriptError(
                f"call {transcript.call_id!r} has no speaker {options.agent_speaker!r} (agent_speaker); "
                f"its speakers are {', '.join(map(repr, speakers)) or 'none'}",
                where,
                transcript.turns[0].line if transcript.turns else 1,
            )
        return assign_agent(transcript, options.agent_speaker)[0]
    if options.infer_roles and transcript.turns and not any(t.role == "agent" for t in transcript.turns):
        return infer_roles(transcript)[0]
    return transcript


# --------------------------------------------------------------------------- dispatch

#: A reader takes the decoded text, the default call id, the path and the options.
Reader = Callable[[str, str, "str | Path | None", ReadOptions], list[Transcript]]
#: Registered readers by format name. Extend with :func:`register_reader`.
READERS: dict[str, Reader] = {}
#: File extension -> format name.
EXTENSIONS: dict[str, str] = {}
#: Content sniffers, tried in order when the extension says nothing: (format, predicate on the first 4 KB).
SNIFFERS: list[tuple[str, Callable[[str], bool]]] = []
#: Format -> the formats whose extension it may claim by content (``transcribe`` refines ``json``).
REFINES: dict[str, tuple[str, ...]] = {}


def register_reader(
    name: str,
    reader: Reader,
    extensions: tuple[str, ...] = (),
    sniff: Callable[[str], bool] | None = None,
    *,
    refines: tuple[str, ...] = (),
) -> None:
    """Register a reader for a format, its file extensions and an optional content sniffer.

    A sniffer claims files whose extension is unknown, is ``.txt`` or is the
    format's own. ``refines`` names formats it is a special case of: its sniffer
    is tried before theirs and may claim their extensions too (Amazon Transcribe
    output is JSON, so ``refines=("json",)``).
    """
    READERS[name] = reader
    for ext in extensions:
        EXTENSIONS[ext.lower()] = name
    if refines:
        REFINES[name] = tuple(refines)
    if sniff is not None:
        SNIFFERS[:] = [(n, f) for n, f in SNIFFERS if n != name]
        entry = (name, sniff)
        first_refined = next((k for k, (n, _) in enumerate(SNIFFERS) if n in refines), None)
        if first_refined is None:
            SNIFFERS.append(entry)
        else:
            SNIFFERS.insert(first_refined, entry)


_JSON_START = re.compile(r"^\s*(?:\{|\[\s*(?:\{|\]))")


def _sniff_json(head: str) -> bool:
    """An object, or a list of objects; not a "[00:00:01] Agent: ..." time stamp."""
    return _JSON_START.match(head) is not None


register_reader(
    "json",
    lambda text, cid, path, o: parse_json(text, cid, path=path, role_map=o.role_map, max_depth=o.max_json_depth),
    (".json",),
    _sniff_json,
)
register_reader("csv", lambda text, cid, path, o: parse_csv(text, cid, path=path, options=o), (".csv", ".tsv"))
register_reader("text", lambda text, cid, path, o: [_parse_text(text, cid, path=path, role_map=o.role_map)], (".txt", ".text"))
register_reader("vtt", lambda text, cid, path, o: [parse_vtt(text, cid, path=path, role_map=o.role_map)], (".vtt",), _sniff_vtt)
register_reader("srt", lambda text, cid, path, o: [parse_srt(text, cid, path=path, role_map=o.role_map)], (".srt",), _sniff_srt)
register_reader(
    "transcribe",
    lambda text, cid, path, o: [
        parse_transcribe(text, cid, path=path, role_map=o.role_map, max_depth=o.max_json_depth)
    ],
    (),
    _sniff_transcribe,
    refines=("json",),
)


def detect_format(path: str | Path, text: str) -> str:
    """The format name for a file.

    Content sniffers decide when the extension is unknown or ``.txt`` (a ``.txt``
    holding ``WEBVTT`` is VTT) or when a more specific format refines the
    extension's (a ``.json`` holding Transcribe output); otherwise the extension
    decides, and a file with neither is read as text.
    """
    head = text[:4096]
    ext_format = EXTENSIONS.get(Path(path).suffix.lower())
    for name, sniff in SNIFFERS:
        if ext_format is None or ext_format in ("text", name) or ext_format in REFINES.get(name, ()):
            if sniff(head):
                return name
    return ext_format or "text"


def iter_file(path: str | Path, *, format: str | None = None, options: ReadOptions = ReadOptions()) -> Iterator[Transcript]:
    """Yield every call in one file (a CSV or JSON list may hold several).

    Each call has passed :func:`apply_read_options` (limits, agent speaker, role inference).
    """
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
        yield apply_read_options(t, options, path)


def read_transcript(
    path: str | Path,
    *,
    format: str | None = None,
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
) -> Transcript:
    """Read one call from a file. Raises if the file holds several (use :func:`read_transcripts`)."""
    opts = _options(options, role_map)
    calls = list(iter_file(path, format=format, options=opts))
    if len(calls) != 1:
        second = calls[1].turns[0].line if len(calls) > 1 and calls[1].turns else None
        raise MalformedTranscriptError(
            f"file holds {len(calls)} calls ({', '.join(repr(c.call_id) for c in calls[:3])}"
            f"{', ...' if len(calls) > 3 else ''}); use read_transcripts()",
            path,
            second or 1,
        )
    return calls[0]


def read_transcripts(
    path: str | Path,
    *,
    format: str | None = None,
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
) -> list[Transcript]:
    """Read every call in a file."""
    return list(iter_file(path, format=format, options=_options(options, role_map)))


def _options(options: ReadOptions | None, role_map: Mapping[str, str] | None) -> ReadOptions:
    """``options``, with ``role_map`` filled in when it was given separately."""
    if options is None:
        return ReadOptions(role_map=role_map)
    if role_map is not None and options.role_map is None:
        return replace(options, role_map=role_map)
    return options
