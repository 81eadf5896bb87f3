"""Regression tests for what benchmarks/fuzz.py found, and a short fuzz run that must find nothing.

The inputs under tests/data/fuzz/ are the fuzzer's own (shrunk) crashing files.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

import pytest

import tonecheck
from tonecheck.errors import MalformedTranscriptError, TranscriptError
from tonecheck.readers import parse_json, parse_transcribe, read_transcripts
from tonecheck.scoring import MAX_RUN_CHARS, make_doc
from tonecheck.transcript import Transcript, Turn

ROOT = Path(__file__).resolve().parent.parent
FUZZ_DATA = ROOT / "tests" / "data" / "fuzz"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("tonecheck_fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("tonecheck_fuzz", module)
    spec.loader.exec_module(module)
    return module


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


# --------------------------------------------------------------------------- long runs without white space


def test_long_bracket_run_scores_in_linear_time(fast_nlp):
    """Found by the fuzzer: a turn holding 15,000 "[" took over 10 s (an estimated 40 s) in spaCy's tokenizer."""
    path = FUZZ_DATA / "text-ff3f7e2e.txt"
    call = tonecheck.read_transcript(path)
    assert max(len(t.text) for t in call.turns) > 15_000
    started = time.perf_counter()
    result = tonecheck.score(call, nlp=fast_nlp)
    assert time.perf_counter() - started < 5.0
    for row in result.evidence_rows:
        assert call.turns[row["turn_index"]].text[row["start_char"] : row["end_char"]] == row["text"]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 3000,
        "Agent said " + "\U0001f600" * 1000 + " sorry, what would work for you?",
        "x" * MAX_RUN_CHARS + " " + "y" * (MAX_RUN_CHARS + 1) + "  z " + ":" * (2 * MAX_RUN_CHARS) + " ",
        " \t" + "e\u0301" * 400 + "\n" + "[1" * 300,
        "I'm so sorry.",
    ],
)
def test_make_doc_keeps_the_text_and_cuts_long_runs(fast_nlp, text):
    doc = make_doc(fast_nlp, text)
    assert doc.text == text
    assert all(len(t.text) <= MAX_RUN_CHARS for t in doc)


def test_evidence_around_a_long_run_keeps_exact_offsets(fast_nlp):
    text = "I'm so sorry to hear that. " + "-" * 5000 + " What would work for you?"
    t = Transcript("c", [Turn("Agent", text, "agent")])
    rows = tonecheck.score(t, nlp=fast_nlp).evidence_rows
    assert {r["category"] for r in rows} >= {"empathy", "open_question"}
    for r in rows:
        assert text[r["start_char"] : r["end_char"]] == r["text"]


def test_many_evidence_sentences_in_one_long_turn_score_in_linear_time(fast_nlp):
    """Found as the slowest fuzz case (7 s): each evidence sentence re-read the whole turn's tokens.

    2,000 sentences with a hit in one 54,000-character turn took 42 s; 0.3 s now.
    """
    text = "I'm so sorry to hear that. " * 2000
    t = Transcript("c", [Turn("Agent", text, "agent")])
    started = time.perf_counter()
    rows = tonecheck.score(t, nlp=fast_nlp).evidence_rows
    assert time.perf_counter() - started < 5.0
    assert len(rows) == 2000
    assert all(r["sentence"] == "I'm so sorry to hear that." for r in rows)
    assert all(text[r["start_char"] : r["end_char"]] == r["text"] for r in rows)


# --------------------------------------------------------------------------- every saved input, and a short fuzz run


@pytest.mark.parametrize("path", sorted(FUZZ_DATA.glob("*")), ids=lambda p: p.name)
def test_saved_fuzz_inputs_read_or_fail_cleanly(fast_nlp, path):
    fmt = path.name.split("-", 1)[0]
    try:
        calls = read_transcripts(path, format=fmt)
    except TranscriptError as exc:
        assert str(path) in str(exc)
        return
    for call in calls:
        result = tonecheck.score(call, nlp=fast_nlp)
        assert 0 <= result.tone_score <= 100


def test_short_fuzz_run_finds_no_crash(fast_nlp):
    fuzz = _fuzz_module()
    stats = fuzz.run(5.0, seed=20261128, nlp=fast_nlp, save_dir=None, case_timeout=10.0)
    assert sum(stats.cases.values()) > 100
    assert set(stats.cases) == set(fuzz.FORMATS)
    assert not stats.crashes, fuzz.report(stats)
