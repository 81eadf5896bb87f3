"""Property-based tests: any text or bytes, no crash but a TranscriptError; offsets always slice the turn text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck.readers import READERS, ReadOptions, decode_bytes, iter_file, parse_csv, parse_json, parse_text
from tonecheck.transcript import Transcript, Turn

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

speakers = st.sampled_from(["Agent", "Customer", "Collector", "Debtor", "spk_0", "Rep Sam"])
# Turn text: printable words and punctuation, no line breaks (a line break would start a new line in text format)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60)
turn_text = words.map(lambda s: " ".join(s.split())).filter(lambda s: s and ":" not in s[:42])


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_bytes_raises_only_transcript_errors(data):
    try:
        text = decode_bytes(data, "x.txt")
    except tonecheck.TranscriptError as exc:
        assert "x.txt" in str(exc)
    else:
        assert isinstance(text, str) and "\r" not in text


@SETTINGS
@pytest.mark.parametrize("fmt", sorted(READERS))
@given(data=st.binary(max_size=1500))
def test_every_reader_raises_only_transcript_errors_on_arbitrary_bytes(tmp_path, fmt, data):
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data)
    try:
        calls = list(iter_file(path, format=fmt))
    except tonecheck.TranscriptError as exc:
        assert str(path) in str(exc)
    else:
        assert all(isinstance(c, Transcript) and c.turns for c in calls)


@SETTINGS
@given(st.text(max_size=1500))
def test_text_parser_raises_only_transcript_errors(text):
    try:
        t = parse_text(text, path="t.txt")
    except tonecheck.TranscriptError:
        return
    assert t.turns and all(turn.speaker for turn in t.turns)


@SETTINGS
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                        ["turns", "speaker", "text", "role", "start", "end", "metadata", "call_id"]), inner, max_size=5),
                    max_leaves=30))
def test_json_parser_raises_only_transcript_errors_on_any_json_shape(value):
    try:
        parse_json(json.dumps(value), path="t.json")
    except tonecheck.TranscriptError:
        pass


@SETTINGS
@given(st.lists(st.tuples(speakers, turn_text), min_size=1, max_size=8))
def test_text_json_and_csv_round_trip(tmp_path, turns):
    t = Transcript.from_turns("c1", turns)
    as_text = "\n".join(f"{turn.speaker}: {turn.text}" for turn in t.turns)
    back = parse_text(as_text, "c1")
    assert [(x.speaker, x.text, x.role) for x in back.turns] == [(x.speaker, x.text, x.role) for x in t.turns]
    back = parse_json(json.dumps(t.to_dict()), "c1")[0]
    assert [(x.speaker, x.text, x.role) for x in back.turns] == [(x.speaker, x.text, x.role) for x in t.turns]
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["call_id", "speaker", "text"])
    for x in t.turns:
        w.writerow(["c1", x.speaker, x.text])
    back = parse_csv(buf.getvalue(), "c1")[0]
    assert [(x.speaker, x.text, x.role) for x in back.turns] == [(x.speaker, x.text, x.role) for x in t.turns]


phrases = st.sampled_from([
    "I'm really sorry to hear that.", "What would work for you?", "You need to pay today.", "Is that right?",
    "Your account is in arrears.", "We can set up a payment plan.", "I understand, but you must pay now.",
    "You don't have to pay it all today.", "tell me about your situation", "do you have a moment",
    "Take your time.", "Pay the balance now", "charge-off", "I’m so sorry", "okay", "  ", "?", "…",
])
agent_text = st.lists(phrases | turn_text, min_size=1, max_size=6).map(" ".join)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["agent", "customer", "unknown"]), agent_text), min_size=1, max_size=6))
def test_evidence_offsets_always_slice_the_turn_text(fast_nlp, turns):
    t = Transcript("c", [Turn(speaker=role.title(), text=text, role=role) for role, text in turns])
    r = tonecheck.score(t, nlp=fast_nlp)
    for row in r.evidence_rows:
        assert t.turns[row["turn_index"]].text[row["start_char"]: row["end_char"]] == row["text"]
        if row["role"] != "agent":
            assert row["category"] == "hardship"
    assert 0 <= r.tone_score <= 100


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(agent_text, min_size=1, max_size=4))
def test_scores_are_deterministic(fast_nlp, texts):
    t = Transcript("c", [Turn("Agent", x, "agent") for x in texts])
    a, b = tonecheck.score(t, nlp=fast_nlp), tonecheck.score(t, nlp=fast_nlp)
    same = lambda x, y: x == y or (x != x and y != y)  # noqa: E731  (NaN equals NaN here)
    assert a.scores.keys() == b.scores.keys()
    assert all(same(a.scores[k], b.scores[k]) for k in a.scores), (a.scores, b.scores)
    assert a.evidence_rows == b.evidence_rows
