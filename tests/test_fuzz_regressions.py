"""Regression tests for what benchmarks/fuzz.py found.

The inputs under tests/data/fuzz/ are the fuzzer's own (shrunk) crashing files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tonecheck
from tonecheck.errors import MalformedTranscriptError, TranscriptError
from tonecheck.readers import parse_json, parse_transcribe, read_transcripts

ROOT = Path(__file__).resolve().parent.parent
FUZZ_DATA = ROOT / "tests" / "data" / "fuzz"


# --------------------------------------------------------------------------- lone surrogate escapes in JSON


def test_json_lone_surrogate_escape_is_a_clear_error(fast_nlp):
    """Found by the fuzzer: ``"text": "\\ud800"`` read fine, then spaCy failed with UnicodeEncodeError."""
    path = FUZZ_DATA / "json-155d57bb.json"
    with pytest.raises(MalformedTranscriptError, match=r"escape \\ud800 is half of a UTF-16 surrogate pair") as err:
        read_transcripts(path)
    assert err.value.line == 1 and str(path) in str(err.value)
    with pytest.raises(TranscriptError):  # and score() says the same instead of crashing in the tokenizer
        tonecheck.score(path, nlp=fast_nlp)


def _call(text: str, extra: str = "") -> str:
    return '{"turns": [{"speaker": "Agent", "text": "' + text + '"}]' + extra + "}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\\ud83d\\ude00 fine", "\U0001f600 fine"),  # a pair is one character (ensure_ascii JSON writes emoji so)
        ("\\\\ud800", "\\ud800"),  # an escaped backslash, then plain letters: no escape at all
        ("\\u00e9", "\u00e9"),
    ],
)
def test_json_valid_escapes_still_read(text, expected):
    assert parse_json(_call(text), path="x.json")[0].turns[0].text == expected


@pytest.mark.parametrize(
    "doc, escape, line",
    [
        (_call("\\udc00"), "\\udc00", 1),  # a low half alone
        (_call("\\ude00\\ud83d"), "\\ude00", 1),  # the halves in the wrong order
        (_call("\\ud83d\\ude00 and \\ud83d"), "\\ud83d", 1),  # a pair, then a high half alone
        (_call("\\\\\\ud83d"), "\\ud83d", 1),  # an escaped backslash, then a real escape
        (_call("ok", ',\n"metadata": {"\\ud800": 1}'), "\\ud800", 2),  # in an object key, on line 2
    ],
)
def test_json_lone_surrogates_anywhere_are_refused_with_their_line(doc, escape, line):
    with pytest.raises(MalformedTranscriptError) as err:
        parse_json(doc, path="x.json")
    assert escape in err.value.reason and "surrogate" in err.value.reason and err.value.line == line


def test_transcribe_lone_surrogate_is_refused():
    doc = {"jobName": "j", "results": {"audio_segments": [
        {"speaker_label": "spk_0", "transcript": "@@", "start_time": "0.1", "end_time": "1.0"}]}}
    with pytest.raises(MalformedTranscriptError, match="surrogate"):
        parse_transcribe(json.dumps(doc).replace("@@", "\\udfff"), path="t.json")
