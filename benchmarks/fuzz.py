"""Bounded, seeded fuzz run over the transcript readers and ``tonecheck.score``.

    python benchmarks/fuzz.py                       # 120 seconds, seed 0
    python benchmarks/fuzz.py --seconds 300 --seed 7
    python benchmarks/fuzz.py --seconds 30 --no-score --no-save

Every case is a file for one reader format (``text``, ``json``, ``csv``, ``vtt``,
``srt``, ``transcribe``; taken in turn). It is either

* a valid seed (``examples/``, ``tests/data/``, built-in snippets) with 1-4
  random mutations: byte flips, insertions of interesting tokens, deletions,
  truncation, splicing with another seed, chunk duplication, BOMs, NULs,
  re-encoding (UTF-16 with and without BOM, UTF-32, Latin-1, bad UTF-8),
  odd line breaks, huge lines, weird time stamps, empty/odd speaker labels and,
  for JSON, structural edits of the parsed tree (wrong types, huge/NaN numbers,
  deep nesting, missing keys); or
* a call generated from scratch in that format (odd Unicode text, odd labels,
  odd times), possibly mutated as above.

The file is read with ``read_transcripts(path, format=fmt)`` (a quarter of the
cases with ``format=None`` so that detection runs too). The only acceptable
exceptions are :class:`tonecheck.errors.TranscriptError` subclasses. A read that
succeeds must give calls with turns, non-empty speakers, known roles and finite
times; each call is then scored with the ``fast`` pipeline (loaded once) and the
evidence offsets must slice the turn text exactly and the tone score lie in 0-100.

Anything else is a crash, deduplicated by exception type and the innermost
tonecheck frame. A case that takes longer than ``--case-timeout`` seconds is a
crash too (``Timeout``). The first input of each crash is shrunk (a few seconds of
chunk deletion while the same crash reproduces) and saved under ``tests/data/fuzz/``
as ``<format>-<sha8>.<ext>`` when it is small.

The case sequence is a function of ``--seed`` only; ``--seconds`` decides how far
along it the run gets.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import io
import json
import math
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import tonecheck  # noqa: E402
from tonecheck.errors import TranscriptError  # noqa: E402
from tonecheck.readers import read_transcripts  # noqa: E402
from tonecheck.transcript import ROLES  # noqa: E402

FORMATS = ("text", "json", "csv", "vtt", "srt", "transcribe")
EXT = {"text": ".txt", "json": ".json", "csv": ".csv", "vtt": ".vtt", "srt": ".srt", "transcribe": ".json"}
SAVE_DIR = ROOT / "tests" / "data" / "fuzz"
#: Saved inputs are at most this many bytes (after shrinking).
MAX_SAVED_BYTES = 16 * 1024
#: Calls with more text than this are read but not scored (keeps the case rate up).
MAX_SCORED_CHARS = 40_000
#: Generated files stay below this (the reader's own limit is 20 MB; we want many cases).
MAX_CASE_BYTES = 400_000

# --------------------------------------------------------------------------- seeds

_BUILTIN_SEEDS: dict[str, list[str]] = {
    "text": [
        "Agent: Hello, this is Sam from Acme. Is that Mrs Patel?\nCustomer: Yes.\nAgent: I'm so sorry to hear that.\n",
        "# comment\n[12.5-14.0] Agent: You need to pay today.\n[14.2-15.0] Customer: I can't.\ncontinued line\n",
        "[00:01:02] Collector: What would work for you?\n(00:01:05) Debtor: Maybe 50 a month.\n",
        "00:00:01 Agent: Calls are recorded.\nAgent (00:00:04): at 10:30 see https://example.com\nCustomer:\nI lost my job.\n",
        "spk_0: calling from Acme about your balance\nspk_1: ok\nA: date of birth please\nB: third of march\n",
    ],
    "json": [
        json.dumps({"call_id": "c1", "metadata": {"agent_id": "A7"}, "turns": [
            {"speaker": "Agent", "text": "I'm sorry. What would work for you?", "role": "agent", "start": 0, "end": 3.2},
            {"speaker": "Customer", "text": "I lost my job.", "start": "3.5", "end": 5}]}, indent=2),
        json.dumps([{"turns": [{"speaker": "Rep Sam", "text": "Pay the balance now"}]},
                    {"call_id": 7, "turns": [{"speaker": "spk_0", "text": "charge-off"}, {"speaker": "spk_1", "text": "ok"}]}]),
    ],
    "csv": [
        "call_id,speaker,text,role,start,end\nc1,Agent,\"Hello, how are you?\",agent,0,1.5\nc1,Customer,\"Fine\nthanks\",,1.6,2\n"
        "c2,Collector,You must pay now.,,,\n",
        "Call_ID;Speaker;Text\nx;Agent;Take your time.\nx;Debtor;ok\n",
        "speaker\ttext\nAgent\tI understand, but you must pay now.\nCustomer\tno\n",
    ],
    "vtt": [
        "WEBVTT\n\nNOTE hi\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n<v Agent>Hello <i>there</i> &amp; welcome.</v>\n\n"
        "00:04.500 --> 00:06.000\n<v.loud Customer>Hi.</v>\n\n00:06.000 --> 00:08.000\n- Agent: Are you there?\n- Customer: Yes.\n",
        "WEBVTT\nKind: captions\n00:00:00.000 --> 00:00:02.000\n>> AGENT: Calls are recorded.\n\n00:02.000 --> 00:03.000\n"
        "[Customer]: <c.x>ok</c> <00:00:02.500>fine <ruby>漢<rt>kan</rt></ruby>\n",
    ],
    "srt": [
        "1\n00:00:00,800 --> 00:00:04,000\nAgent: Hello.\n\n2\n00:00:04,100 --> 00:00:06,500\n<i>more</i> {\\an8}\n\n"
        "3\n00:00:07,000 --> 00:00:09,000\n- Customer: Who is this?\n- Agent: Sam.\n",
    ],
    "transcribe": [
        json.dumps({"jobName": "j1", "results": {"transcripts": [{"transcript": "x"}], "audio_segments": [
            {"speaker_label": "spk_0", "transcript": "Hello this is Dana", "start_time": "0.5", "end_time": "2.0"},
            {"speaker_label": "spk_1", "transcript": "Oh right", "start_time": "2.1", "end_time": "3.0"}]}}),
        json.dumps({"jobName": "j2", "results": {"transcripts": [], "speaker_labels": {"segments": [
            {"speaker_label": "spk_0", "start_time": "0.0", "end_time": "1.0"},
            {"speaker_label": "spk_1", "start_time": "1.0", "end_time": "2.0"}]}, "items": [
            {"type": "pronunciation", "start_time": "0.1", "end_time": "0.4", "alternatives": [{"content": "Hello"}]},
            {"type": "punctuation", "alternatives": [{"content": "."}]},
            {"type": "pronunciation", "start_time": "1.2", "end_time": "1.5", "alternatives": [{"content": "Hi"}]}]}}),
        json.dumps({"jobName": "j3", "results": {"transcripts": [], "channel_labels": {"channels": [
            {"channel_label": "ch_0", "items": [{"type": "pronunciation", "start_time": "0.1", "end_time": "0.3",
                                               "alternatives": [{"content": "balance"}]}]},
            {"channel_label": "ch_1", "items": [{"type": "pronunciation", "start_time": "0.2", "end_time": "0.5",
                                               "alternatives": [{"content": "no"}]}]}]}}}),
    ],
}


def load_seeds(root: Path = ROOT) -> dict[str, list[bytes]]:
    """Valid inputs per format: the files in examples/ and tests/data/ plus the built-in snippets."""
    seeds: dict[str, list[bytes]] = {f: [s.encode("utf-8") for s in v] for f, v in _BUILTIN_SEEDS.items()}
    files = sorted((root / "examples").rglob("*")) + sorted((root / "tests" / "data").glob("*"))
    for p in files:
        if not p.is_file() or p.stat().st_size > 64 * 1024:
            continue
        data = p.read_bytes()
        head = data[:4096].decode("utf-8", "replace")
        if p.suffix == ".txt":
            fmt = "vtt" if head.lstrip("\ufeff").startswith("WEBVTT") else "text"
        elif p.suffix == ".json":
            fmt = "transcribe" if '"results"' in head else "json"
        else:
            fmt = {".csv": "csv", ".vtt": "vtt", ".srt": "srt"}.get(p.suffix)
        if fmt is not None:
            seeds[fmt].append(data)
    return seeds


# --------------------------------------------------------------------------- odd material

ODD_CHARS = [
    "\ufeff", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c",
    "\x1e", "\x7f", "\t", "\r", "\r\n", "\n\n", "é", "e\u0301", "\u0301", "\u0301\u0301\u0301", "ß", "İ", "ǅ", "ﬁ",
    "ﬀ", "ŉ", "ǰ", "Ⅻ", "٣", "१२", "𝟘", "😀", "👩\u200d👩\u200d👧", "🇬🇧", "中文", "עברית", "العربية", "\U0010ffff",
    "\ufffd", "\U000e0041", "ｆｕｌｌ", "Σ", "ς", "\u00a0", "\u3000", "\u1680", "Ꙋ", "ẞ", "İstanbul", "Ǆ",
]
TOKENS = [
    ":", ": ", "::", "-->", " --> ", "[", "]", "(", ")", "{", "}", '"', "\\", "\\u0000", "\\ud800", ",", ";", "\t",
    "\n", "\r", "\r\n", "\x00", "<v ", "<v Agent>", "</v>", "<i>", "<", ">", "&amp;", "&#0;", "&#x110000;", "&",
    "#", "- ", ">> ", "WEBVTT", "NOTE", "STYLE", "1\n", "00:00:01.000 --> 00:00:02.000\n", "00:00:01,000",
    "99:99:99.999", "1e309", "-1", "NaN", "Infinity", "-0", "9" * 30, "9" * 5000, "0" * 40, "١٢:٣٤", "12:34:56:78",
    "Agent:", "Customer:", "spk_0", "http://", "at 10:30", "\ufeff", "null", "true", "[]", "{}", '""', '"turns"',
    '"speaker"', '"text"', '"results"', '"jobName"', '"items"', '"alternatives"', "\u2028", "\x85",
]
SPEAKERS = [
    "Agent", "Customer", "Collector", "Debtor", "spk_0", "spk_1", "Rep Sam", "A", "B", "Speaker 1", "ch_0",
    "", " ", "\u200b", "\t", "İ", "ß", "e\u0301", "Agent Ǆ", "a" * 39, "a" * 41, "x y z w v", "Agent:", "[Agent]",
    "http", "Mrs O'Neil-Smith (2)", "中文", "😀", "9lives", "_", "Agent\u2028Two", "agent_sam",
]
PHRASES = [
    "I'm really sorry to hear that.", "What would work for you?", "You need to pay today.", "Is that right?",
    "Your account is in arrears.", "We can set up a payment plan.", "I understand, but you must pay now.",
    "You don't have to pay it all today.", "tell me about your situation", "Take your time.", "Pay the balance now",
    "charge-off", "I’m so sorry", "okay", "?", "…", "calls are recorded", "this is an attempt to collect a debt",
    "confirm your date of birth", "I lost my job", "we will take you to court", "CCJ", "please", "why not?",
]


def odd_text(rng: random.Random, max_words: int = 12) -> str:
    parts = []
    for _ in range(rng.randint(0, max_words)):
        r = rng.random()
        if r < 0.5:
            parts.append(rng.choice(PHRASES))
        elif r < 0.8:
            parts.append(rng.choice(ODD_CHARS))
        elif r < 0.9:
            parts.append("".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 8))))
        else:
            parts.append(rng.choice(TOKENS))
    return (" " if rng.random() < 0.8 else "").join(parts)


def odd_speaker(rng: random.Random) -> str:
    return rng.choice(SPEAKERS) if rng.random() < 0.85 else odd_text(rng, 2)


def odd_time(rng: random.Random) -> float:
    return rng.choice([0.0, 0.5, 1.25, 59.999, 3599.5, 86400.0, 1e12, rng.uniform(0, 5000), -1.0])


def clock(rng: random.Random, seconds: float, sep: str = ".") -> str:
    """A cue/label clock for ``seconds``; sometimes malformed on purpose."""
    r = rng.random()
    if r < 0.08:
        return rng.choice(["99:99:99.999", "00:60:00.000", "1:2:3", "00:00", "0:00:00,0", "123456789:00:00.000",
                           "00:00:01.0000", "٠٠:٠٠:٠١.٠٠٠", "00:00:-1.000", "::", "00:00:01.000.000", "9" * 25 + ":00.000"])
    s = abs(seconds) if math.isfinite(seconds) else 0.0
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    text = f"{int(h):02d}:{int(m):02d}:{sec:06.3f}".replace(".", sep)
    return text[3:] if rng.random() < 0.2 and h == 0 else text


# --------------------------------------------------------------------------- generators (one call in each format)


def gen_call(rng: random.Random) -> list[tuple[str, str, float, float]]:
    turns, t = [], rng.choice([0.0, 0.0, 3599.0])
    for _ in range(rng.randint(1, 8)):
        start = t + rng.uniform(0, 2)
        end = start + rng.uniform(0, 5) if rng.random() < 0.95 else start - 1
        if rng.random() < 0.05:
            start, end = odd_time(rng), odd_time(rng)
        turns.append((odd_speaker(rng), odd_text(rng), start, end))
        t = max(t, end) if math.isfinite(end) else t
    return turns


def gen_text(rng: random.Random) -> str:
    lines = []
    for speaker, text, start, end in gen_call(rng):
        style = rng.randrange(7)
        if style == 0:
            lines.append(f"[{start:.1f}-{end:.1f}] {speaker}: {text}")
        elif style == 1:
            lines.append(f"[{clock(rng, start)}] {speaker}: {text}")
        elif style == 2:
            lines.append(f"({clock(rng, start)}) {speaker}:{text}")
        elif style == 3:
            lines.append(f"{clock(rng, start)[-8:]} {speaker}: {text}")
        elif style == 4:
            lines.append(f"{speaker} ({clock(rng, start)}): {text}")
        elif style == 5:
            lines.append(f"{speaker}:\n{text}")
        else:
            lines.append(f"{speaker}: {text}")
        if rng.random() < 0.2:
            lines.append(rng.choice(["", "# note", "   ", odd_text(rng, 3)]))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    r = rng.random()
    if depth > 3 or r < 0.5:
        return rng.choice([None, True, False, 0, -1, 1.5, 10**20, 10**400 if rng.random() < 0.05 else 7, 1e308,
                           float("nan"), float("inf"), "", " ", "agent", "AGENT ", "unknown", "x" * 50,
                           odd_text(rng, 3), "1e400", "12:30"])
    if r < 0.75:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["turns", "speaker", "text", "role", "start", "end", "call_id", "metadata", "x", ""]):
            _json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def gen_json(rng: random.Random) -> str:
    def call() -> dict[str, Any]:
        turns = []
        for speaker, text, start, end in gen_call(rng):
            t: dict[str, Any] = {"speaker": speaker, "text": text}
            if rng.random() < 0.5:
                t["start"], t["end"] = start, end
            if rng.random() < 0.3:
                t["role"] = rng.choice(["agent", "customer", "unknown", "Agent", " customer ", "boss", "", None])
            if rng.random() < 0.1:
                t[rng.choice(["speaker", "text", "role", "start", "end"])] = _json_value(rng)
            turns.append(t)
        c: dict[str, Any] = {"turns": turns}
        if rng.random() < 0.6:
            c["call_id"] = rng.choice(["c1", "", " ", 7, 0, True, None, [], "中文", "a/b\\c"])
        if rng.random() < 0.4:
            c["metadata"] = rng.choice([{"agent_id": "A7"}, {}, None, [], "x", {"role_inference": 1}])
        return c

    data: Any = call() if rng.random() < 0.7 else [call() for _ in range(rng.randint(0, 4))]
    return json.dumps(data, indent=rng.choice([None, 1, 2, "\t"]), ensure_ascii=rng.random() < 0.5)


def gen_csv(rng: random.Random) -> str:
    buf = io.StringIO()
    delim = rng.choice([",", ",", ";", "\t", "|"])
    quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])
    w = csv.writer(buf, delimiter=delim, quoting=quoting, lineterminator=rng.choice(["\n", "\r\n"]))
    cols = ["call_id", "speaker", "text"] + rng.sample(["role", "start", "end", "extra"], rng.randint(0, 4))
    rng.shuffle(cols)
    header = [rng.choice([c, c.upper(), f" {c} ", c.title()]) if rng.random() < 0.3 else c for c in cols]
    if rng.random() < 0.05:
        header.append(rng.choice(cols))  # a duplicate column
    w.writerow(header)
    for cid in rng.sample(["c1", "c2", "", " c3 "], rng.randint(1, 3)):
        for speaker, text, start, end in gen_call(rng):
            row = {"call_id": cid, "speaker": speaker, "text": text, "start": start, "end": end, "extra": "x",
                   "role": rng.choice(["", "agent", "customer", "Customer", "boss"])}
            values = [row[c] for c in cols]
            if rng.random() < 0.05:
                values = values[: rng.randint(0, len(values))]
            elif rng.random() < 0.05:
                values += ["extra1", "extra2"]
            w.writerow(values)
        if rng.random() < 0.1:
            w.writerow([])
    return buf.getvalue()


def _cue_payload(rng: random.Random, speaker: str, text: str, kind: str) -> str:
    r = rng.random()
    if kind == "vtt" and r < 0.4:
        cls = rng.choice(["", ".loud", ".a.b"])
        return f"<v{cls} {speaker}>{text}" + rng.choice(["</v>", "", "</v> tail"])
    if r < 0.6:
        return f"{speaker}: {text}"
    if r < 0.7:
        return f"- {speaker}: {text}\n- {odd_speaker(rng)}: {odd_text(rng, 3)}"
    if r < 0.8:
        return f">> {speaker.upper()}: {text}"
    if r < 0.9:
        return f"[{speaker}]: <i>{text}</i> &amp; <00:00:01.000>"
    return text


def gen_vtt(rng: random.Random) -> str:
    blocks = [rng.choice(["WEBVTT", "WEBVTT - title", "\ufeffWEBVTT", "WEBVTT\nKind: captions\nLanguage: en"])]
    for k, (speaker, text, start, end) in enumerate(gen_call(rng)):
        if rng.random() < 0.15:
            blocks.append(rng.choice(["NOTE a note", "STYLE\n::cue { color: red }", "REGION\nid:r1", "NOTE\n-->"]))
        cue_id = rng.choice(["", f"{k + 1}\n", f"intro-{k}\n", "-->\n"]) if rng.random() < 0.5 else ""
        settings = rng.choice(["", " align:start position:10%", " line:0"])
        blocks.append(f"{cue_id}{clock(rng, start)} --> {clock(rng, end)}{settings}\n{_cue_payload(rng, speaker, text, 'vtt')}")
    return rng.choice(["\n\n", "\n\n\n", "\n \n"]).join(blocks) + "\n"


def gen_srt(rng: random.Random) -> str:
    blocks = []
    for k, (speaker, text, start, end) in enumerate(gen_call(rng)):
        num = f"{k + 1}\n" if rng.random() < 0.9 else ""
        blocks.append(f"{num}{clock(rng, start, ',')} --> {clock(rng, end, ',')}\n{_cue_payload(rng, speaker, text, 'srt')}")
    return "\n\n".join(blocks) + "\n"


def _tx_time(rng: random.Random, value: float) -> Any:
    if rng.random() < 0.05:
        return rng.choice([None, "", "abc", "-1", "1e400", 10**400, True, [], "nan", 3])
    return f"{value:.2f}" if rng.random() < 0.9 else value


def gen_transcribe(rng: random.Random) -> str:
    call = gen_call(rng)
    results: dict[str, Any] = {"transcripts": [{"transcript": " ".join(t for _, t, _, _ in call)}]}
    mode = rng.randrange(3)

    def items_for(text: str, start: float, end: float) -> list[dict[str, Any]]:
        out, words = [], text.split() or [text]
        step = (end - start) / max(1, len(words)) if math.isfinite(end - start) else 0.1
        for k, word in enumerate(words):
            if word in ("?", "…", ".", ",") or rng.random() < 0.1:
                out.append({"type": "punctuation", "alternatives": [{"content": word}]})
            else:
                s = start + k * step
                out.append({"type": "pronunciation", "start_time": _tx_time(rng, s), "end_time": _tx_time(rng, s + step),
                            "alternatives": rng.choice([[{"content": word, "confidence": "0.9"}], [], [{}], [None]])
                            if rng.random() < 0.05 else [{"content": word, "confidence": "0.9"}]})
        return out

    if mode == 0:
        results["audio_segments"] = [{"speaker_label": s, "transcript": t, "start_time": _tx_time(rng, a),
                                      "end_time": _tx_time(rng, b), "items": []} for s, t, a, b in call]
    elif mode == 1:
        results["speaker_labels"] = {"speakers": 2, "segments": [
            {"speaker_label": s, "start_time": _tx_time(rng, a), "end_time": _tx_time(rng, b)} for s, _, a, b in call]}
        results["items"] = [i for _, t, a, b in call for i in items_for(t, a, b)]
        if rng.random() < 0.3:
            rng.shuffle(results["items"])
    else:
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s, t, a, b in call:
            by[s].extend(items_for(t, a, b))
        results["channel_labels"] = {"channels": [{"channel_label": s, "items": v} for s, v in by.items()],
                                     "number_of_channels": len(by)}
    doc: dict[str, Any] = {"jobName": rng.choice(["job-1", "", " ", 5, None, "中文"]), "status": "COMPLETED",
                           "results": results}
    return json.dumps(doc, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "text": gen_text, "json": gen_json, "csv": gen_csv, "vtt": gen_vtt, "srt": gen_srt, "transcribe": gen_transcribe,
}

# --------------------------------------------------------------------------- mutations (bytes -> bytes)


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randint(0, len(data))


def m_flip(rng, data, seeds):
    if not data:
        return bytes([rng.randrange(256)])
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] = b[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
    return bytes(b)


def m_insert_token(rng, data, seeds):
    i = _pos(rng, data)
    tok = rng.choice(TOKENS + ODD_CHARS)
    if rng.random() < 0.1:
        tok *= rng.randint(2, 2000)
    return data[:i] + tok.encode("utf-8") + data[i:]


def m_delete(rng, data, seeds):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, max(1, min(len(data) - i, rng.choice([1, 4, 64, 1024])))) :]


def m_truncate(rng, data, seeds):
    return data[: rng.randint(0, len(data))]


def m_duplicate(rng, data, seeds):
    if not data:
        return data
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 512))
    return data[:j] + data[i:j] * rng.choice([1, 2, 10, 200]) + data[j:]


def m_splice(rng, data, seeds):
    other = rng.choice(rng.choice(list(seeds.values())))
    i, j = _pos(rng, data), rng.randint(0, len(other))
    return data[:i] + other[j : j + rng.randint(0, 2048)] + data[i:] if rng.random() < 0.5 else data[:i] + other[j:]


def m_bom(rng, data, seeds):
    return rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF8 * 2, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                       codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b"\xef\xbb"]) + data


def m_nul(rng, data, seeds):
    i = _pos(rng, data)
    return data[:i] + b"\x00" * rng.choice([1, 1, 2, 100]) + data[i:]


def m_encode(rng, data, seeds):
    text = data.decode("utf-8", "replace")
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig", "utf-7",
                      "surrogate", "overlong", "utf-16-odd"])
    if enc == "surrogate":  # a lone surrogate encoded as if it were UTF-8
        i = _pos(rng, data)
        return data[:i] + "\ud800".encode("utf-8", "surrogatepass") + data[i:]
    if enc == "overlong":
        i = _pos(rng, data)
        return data[:i] + rng.choice([b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80", b"\xff", b"\xc3"]) + data[i:]
    if enc == "utf-16-odd":  # UTF-16 with a BOM and an odd number of bytes
        return text.encode("utf-16")[:-1]
    return text.encode(enc, "replace")


def m_line_breaks(rng, data, seeds):
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r", "\u2028".encode(), b"\x85", b"\x0b", b"\x0c",
                                           b"\x1c", b"\n\n", b" \n", b"\n\t"]))


def m_lines(rng, data, seeds):
    lines = data.split(b"\n")
    op = rng.randrange(4)
    if op == 0:
        rng.shuffle(lines)
    elif op == 1 and lines:
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.choice([1, 5, 500])
    elif op == 2 and lines:
        del lines[rng.randrange(len(lines))]
    else:
        lines.insert(rng.randint(0, len(lines)), rng.choice([b"", b"   ", b"#", b"-->", b"1", b"NOTE", b":"]))
    return b"\n".join(lines)


def m_huge_line(rng, data, seeds):
    i = _pos(rng, data)
    unit = rng.choice(["a", "a ", "1", ":", "[", "(", "[1", "0:", " ", "é", "😀", "-->", "<v ", "{", '"', "\\", "e\u0301"])
    return data[:i] + (unit * rng.choice([1000, 30_000, 120_000])).encode("utf-8") + data[i:]


def m_timestamps(rng, data, seeds):
    import re

    weird = rng.choice([b"99:99:99.999", b"00:00:09.000", b"1e400", b"-1", b"NaN", b"9" * 40, "١٢:٣٤".encode(),
                        b"00:00", b"0", b"", b"00:00:01,000", b"10:00:00.000", b"::", b"1.2.3", b"\"1e400\""])
    pat = re.compile(rb"\d+(?::\d+)+(?:[.,]\d+)?|\"?\d+\.\d+\"?")
    matches = list(pat.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    return data[: m.start()] + weird + data[m.end() :]


def m_speakers(rng, data, seeds):
    import re

    pat = re.compile(rb"Agent|Customer|Collector|Debtor|spk_\d|ch_\d|Rep|Speaker \d")
    matches = list(pat.finditer(data))
    if not matches:
        return data
    new = odd_speaker(rng).encode("utf-8")
    if rng.random() < 0.5:
        return pat.sub(lambda _m: new, data) if rng.random() < 0.3 else data.replace(matches[0].group(), new)
    m = rng.choice(matches)
    return data[: m.start()] + new + data[m.end() :]


def _mutate_tree(rng: random.Random, node: Any, depth: int = 0) -> Any:
    """Replace one random node of a JSON tree (in place where possible); returns the (new) root."""
    if isinstance(node, (dict, list)) and node and rng.random() < 0.75:
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        k = rng.choice(keys)
        r = rng.random()
        if r < 0.1:
            del node[k]
        elif r < 0.15 and isinstance(node, list):
            node.extend([node[k]] * rng.choice([1, 2, 50]))
        else:
            node[k] = _mutate_tree(rng, node[k], depth + 1)
        return node
    r = rng.random()
    if r < 0.1:  # deep nesting around it
        for _ in range(rng.choice([1, 5, 49, 60, 2000])):
            node = [node] if rng.random() < 0.5 else {"turns": node}
        return node
    if r < 0.2 and isinstance(node, str):
        return node + odd_text(rng, 3)
    return _json_value(rng)


def m_json_tree(rng, data, seeds):
    try:
        tree = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return m_insert_token(rng, data, seeds)
    for _ in range(rng.randint(1, 3)):
        tree = _mutate_tree(rng, tree)
    try:
        return json.dumps(tree, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1])).encode("utf-8")
    except (ValueError, RecursionError):
        return data


def m_json_text(rng, data, seeds):
    """Text-level JSON edits the tree cannot express: duplicate keys, trailing commas, deep brackets, comments."""
    i = _pos(rng, data)
    snippet = rng.choice([b',"turns":[]', b',"turns":"x"', b",", b",]", b"// c\n", b"[" * 60, b"{\"a\":" * 60,
                          b"]" * 10, b"\"\\u0000\"", b"\"\\ud800\"", b"1" * 5000, b"-", b"1e999999", b"\"[{\"",
                          b"\"\\", b"\"\"\"\"", b'"results":{}', b'"jobName":"x",'])
    return data[:i] + snippet + data[i:]


MUTATIONS: list[tuple[Callable, float]] = [
    (m_flip, 3), (m_insert_token, 4), (m_delete, 3), (m_truncate, 1.5), (m_duplicate, 1.5), (m_splice, 2),
    (m_bom, 1), (m_nul, 0.5), (m_encode, 1), (m_line_breaks, 1), (m_lines, 2), (m_huge_line, 0.5),
    (m_timestamps, 2), (m_speakers, 2), (m_json_tree, 0), (m_json_text, 0),
]
JSON_MUTATIONS = [(m_json_tree, 5), (m_json_text, 2)]


def make_case(rng: random.Random, fmt: str, seeds: dict[str, list[bytes]]) -> bytes:
    if rng.random() < 0.5:
        data = rng.choice(seeds[fmt])
        n_mut = rng.randint(1, 4)
    else:
        data = GENERATORS[fmt](rng).encode("utf-8")
        n_mut = rng.choice([0, 0, 1, 2])
    table = MUTATIONS + (JSON_MUTATIONS if fmt in ("json", "transcribe") else [])
    funcs, weights = zip(*table)
    for _ in range(n_mut):
        data = rng.choices(funcs, weights)[0](rng, data, seeds)
        if len(data) > MAX_CASE_BYTES:
            data = data[:MAX_CASE_BYTES]
    return data


# --------------------------------------------------------------------------- running one case


class CaseTimeout(BaseException):
    """Raised by the alarm when one case runs too long (BaseException: readers must not swallow it)."""


class InvariantError(AssertionError):
    """A read or score that returned, but with a result that breaks an invariant."""


def _alarm(signum, frame):
    raise CaseTimeout("case ran over the time limit")


def _location(tb) -> str:
    """``file:line function`` of the innermost tonecheck frame (else the innermost frame)."""
    frames = traceback.extract_tb(tb)
    pkg = str(Path(tonecheck.__file__).resolve().parent)
    ours = [f for f in frames if str(Path(f.filename).resolve()).startswith(pkg)]
    f = (ours or frames or [None])[-1]
    if f is None:
        return "?"
    return f"{Path(f.filename).name}:{f.lineno} {f.name}"


def check_read(calls: list) -> None:
    if not calls:
        raise InvariantError("read returned no calls")
    for c in calls:
        if not c.turns:
            raise InvariantError(f"call {c.call_id!r} has no turns")
        if not isinstance(c.call_id, str) or not c.call_id.strip():
            raise InvariantError(f"call id {c.call_id!r} is empty")
        for t in c.turns:
            if not isinstance(t.speaker, str) or not t.speaker.strip():
                raise InvariantError(f"turn with empty speaker {t.speaker!r}")
            if not isinstance(t.text, str):
                raise InvariantError(f"turn text is {type(t.text).__name__}")
            if t.role not in ROLES:
                raise InvariantError(f"role {t.role!r}")
            for v in (t.start, t.end):
                if v is not None and not (isinstance(v, float) and math.isfinite(v)):
                    raise InvariantError(f"time {v!r} is not a finite float")


def check_score(call, result) -> None:
    for row in result.evidence_rows:
        turn_text = call.turns[row["turn_index"]].text
        if turn_text[row["start_char"] : row["end_char"]] != row["text"]:
            raise InvariantError(
                f"evidence {row['text']!r} != turn text [{row['start_char']}:{row['end_char']}] "
                f"{turn_text[row['start_char']:row['end_char']]!r}"
            )
    tone = result.tone_score
    if not (0.0 <= tone <= 100.0):
        raise InvariantError(f"tone score {tone!r} outside 0-100")


@dataclass
class Outcome:
    status: str  # "ok", "rejected", "crash"
    detail: str = ""  # error class for rejected; key for crash
    message: str = ""
    stage: str = "read"
    scored: int = 0


def run_case(data: bytes, fmt: str, detect: bool, nlp, tmpdir: Path, timeout: float, do_score: bool = True) -> Outcome:
    path = tmpdir / f"case{'' if detect else '-' + fmt}{EXT[fmt]}"
    path.write_bytes(data)
    stage = "read"
    use_alarm = timeout > 0 and hasattr(signal, "setitimer")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            calls = read_transcripts(path, format=None if detect else fmt)
        except TranscriptError as exc:
            if str(path) not in str(exc):
                raise InvariantError(f"TranscriptError does not name the file: {exc}") from None
            return Outcome("rejected", type(exc).__name__)
        check_read(calls)
        scored = 0
        if do_score and nlp is not None:
            stage = "score"
            for call in calls:
                if sum(len(t.text) for t in call.turns) > MAX_SCORED_CHARS:
                    continue
                result = tonecheck.score(call, nlp=nlp)
                check_score(call, result)
                scored += 1
        return Outcome("ok", scored=scored)
    except (Exception, CaseTimeout) as exc:  # noqa: BLE001 - every other exception is a finding
        key = f"{type(exc).__name__} at {_location(exc.__traceback__)} [{stage}]"
        return Outcome("crash", key, f"{type(exc).__name__}: {str(exc)[:300]}", stage)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def shrink(data: bytes, still_fails: Callable[[bytes], bool], budget: float) -> bytes:
    """Greedy chunk deletion (halving chunk sizes) while ``still_fails``; stops after ``budget`` seconds."""
    deadline = time.monotonic() + budget
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i, changed = 0, False
        while i < len(data) and time.monotonic() < deadline:
            candidate = data[:i] + data[i + chunk :]
            if candidate != data and still_fails(candidate):
                data, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return data


# --------------------------------------------------------------------------- the loop


@dataclass
class Stats:
    seed: int
    seconds: float = 0.0
    cases: Counter = field(default_factory=Counter)  # per format
    ok: Counter = field(default_factory=Counter)
    rejected: dict = field(default_factory=lambda: defaultdict(Counter))  # format -> error class -> n
    scored: int = 0
    crashes: dict = field(default_factory=dict)  # key -> {"format", "count", "message", "case", "saved"}
    slowest: tuple = (0.0, "", -1)

    @property
    def crash_count(self) -> int:
        return len(self.crashes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed, "seconds": round(self.seconds, 1), "cases": dict(self.cases), "ok": dict(self.ok),
            "rejected": {f: dict(c) for f, c in self.rejected.items()}, "scored": self.scored,
            "crashes": self.crashes, "slowest_case_s": round(self.slowest[0], 3), "slowest_case": self.slowest[2],
        }


def run(seconds: float = 120.0, seed: int = 0, *, nlp=None, do_score: bool = True, save_dir: Path | None = SAVE_DIR,
        case_timeout: float = 10.0, shrink_budget: float = 10.0, max_cases: int | None = None,
        progress: Callable[[str], None] | None = None) -> Stats:
    """Run the fuzz loop for ``seconds`` (or ``max_cases``) and return the figures."""
    rng = random.Random(seed)
    seeds = load_seeds()
    if do_score and nlp is None:
        nlp = tonecheck.load("fast")
    stats = Stats(seed=seed)
    started = time.monotonic()
    n = 0
    with tempfile.TemporaryDirectory(prefix="tonecheck-fuzz-") as tmp:
        tmpdir = Path(tmp)
        while time.monotonic() - started < seconds and (max_cases is None or n < max_cases):
            fmt = FORMATS[n % len(FORMATS)]
            case_rng = random.Random(rng.getrandbits(64))  # each case from its own seed: shrinking does not shift the rest
            data = make_case(case_rng, fmt, seeds)
            detect = case_rng.random() < 0.25
            t0 = time.monotonic()
            out = run_case(data, fmt, detect, nlp, tmpdir, case_timeout, do_score)
            took = time.monotonic() - t0
            if took > stats.slowest[0]:
                stats.slowest = (took, fmt, n)
            if out.status == "ok" and case_timeout > 0 and took > case_timeout:  # a regex in C does not see the alarm
                out = Outcome("crash", f"Slow [{out.stage}]", f"case took {took:.1f} s", out.stage)
            stats.cases[fmt] += 1
            if out.status == "ok":
                stats.ok[fmt] += 1
                stats.scored += out.scored
            elif out.status == "rejected":
                stats.rejected[fmt][out.detail] += 1
            else:
                entry = stats.crashes.get(out.detail)
                if entry is not None:
                    entry["count"] += 1
                else:
                    entry = {"format": fmt, "detect": detect, "count": 1, "message": out.message, "case": n,
                             "bytes": len(data), "saved": None}
                    stats.crashes[out.detail] = entry
                    if progress:
                        progress(f"crash #{len(stats.crashes)} (case {n}, {fmt}): {out.detail}\n    {out.message[:200]}")
                    if save_dir is not None:
                        key = out.detail

                        def same(candidate: bytes) -> bool:
                            o = run_case(candidate, fmt, detect, nlp, tmpdir, case_timeout, do_score)
                            return o.status == "crash" and o.detail == key

                        small = shrink(data, same, shrink_budget) if "Slow" not in key else data
                        entry["shrunk_bytes"] = len(small)
                        if len(small) <= MAX_SAVED_BYTES:
                            save_dir.mkdir(parents=True, exist_ok=True)
                            name = f"{fmt}-{hashlib.sha256(small).hexdigest()[:8]}{EXT[fmt]}"
                            (save_dir / name).write_bytes(small)
                            entry["saved"] = str((save_dir / name).relative_to(ROOT)) if save_dir.is_relative_to(ROOT) else name
            n += 1
            if progress and n % 2000 == 0:
                progress(f"{n} cases, {time.monotonic() - started:.0f} s, {len(stats.crashes)} distinct crash(es)")
    stats.seconds = time.monotonic() - started
    return stats


def report(stats: Stats) -> str:
    lines = [f"seed {stats.seed}, {stats.seconds:.1f} s, {sum(stats.cases.values()):,} cases, "
             f"{stats.scored:,} calls scored, slowest case {stats.slowest[0]:.2f} s ({stats.slowest[1]}, case {stats.slowest[2]})", ""]
    lines.append(f"{'format':<11} {'cases':>7} {'read ok':>8} {'rejected':>9}  top rejections")
    for fmt in FORMATS:
        rej = stats.rejected.get(fmt, Counter())
        top = ", ".join(f"{k} {v}" for k, v in rej.most_common(3))
        lines.append(f"{fmt:<11} {stats.cases[fmt]:>7,} {stats.ok[fmt]:>8,} {sum(rej.values()):>9,}  {top}")
    lines.append("")
    lines.append(f"crashes: {stats.crash_count} distinct")
    for key, e in stats.crashes.items():
        lines.append(f"  {key}: {e['count']}x, first case {e['case']} ({e['format']}{', detected' if e['detect'] else ''}),"
                     f" {e['bytes']} bytes -> {e.get('shrunk_bytes', '-')}; saved {e['saved']}")
        lines.append(f"    {e['message'][:240]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=120.0, help="how long to run (default 120)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--max-cases", type=int, default=None, help="stop after this many cases")
    ap.add_argument("--no-score", action="store_true", help="only read; do not score successful reads")
    ap.add_argument("--no-save", action="store_true", help="do not save crashing inputs")
    ap.add_argument("--save-dir", type=Path, default=SAVE_DIR, help="where to save crashing inputs")
    ap.add_argument("--case-timeout", type=float, default=10.0, help="seconds before a case counts as a hang")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    stats = run(args.seconds, args.seed, do_score=not args.no_score, save_dir=None if args.no_save else args.save_dir,
                case_timeout=args.case_timeout, max_cases=args.max_cases,
                progress=lambda s: print(s, file=sys.stderr, flush=True))
    print(report(stats))
    if args.json:
        args.json.write_text(json.dumps(stats.to_dict(), indent=2, default=str))
    return 1 if stats.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
