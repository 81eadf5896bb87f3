"""Scores and frames: per call, per turn, per evidence hit."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import tonecheck
from tonecheck import CALL_COLUMNS, EVIDENCE_COLUMNS, TURN_COLUMNS, ScoreWeights, Transcript, Turn

# The same situation (customer lost their job, owes a credit card balance), handled two ways.
GOOD_CALL = """\
Agent: Good morning, this is Priya from Northway Finance. Am I speaking with Mr Daniel Hughes?
Customer: Yes, speaking.
Agent: Thanks, Daniel. I'm calling about your credit card. How are things at the moment?
Customer: Honestly, not great. I lost my job in March and I'm struggling to keep up with everything.
Agent: I'm really sorry to hear that. That must be difficult, especially with everything else going on. Take your time.
Customer: Thanks. I just don't know what I can afford right now.
Agent: That's completely understandable. Can you tell me a bit about your monthly income and outgoings, so we can find something that works for you?
Customer: I get about nine hundred a month from benefits, and rent takes most of it.
Agent: Thank you for telling me. What would feel manageable each month, even if it's a small amount?
Customer: Maybe twenty pounds?
Agent: We can set up a payment plan at twenty pounds a month, and I can freeze the interest while you're out of work. You don't have to pay anything today. StepChange also offer free debt advice if you'd like to talk things through with someone independent.
Customer: That's a real relief, thank you. I was dreading this call.
Agent: You're welcome. How does that sound as a plan?
Customer: That sounds good. Thank you so much.
"""

POOR_CALL = """\
Agent: This is Northway Finance. Is this Daniel Hughes?
Customer: Yes, speaking.
Agent: Your account is delinquent and three months in arrears. You need to pay the full balance today.
Customer: I lost my job in March and I'm struggling to keep up with everything.
Agent: I understand, but you must pay now. Can you pay today? Yes or no?
Customer: I just don't know what I can afford right now.
Agent: Failure to pay will result in a default notice and the account will be charged off. Pay the balance today.
Customer: I can't pay that. This is awful.
Agent: Do you have a credit card you can use? Is there anyone who can lend you the money?
Customer: No. I'm really worried now.
Agent: Then you need to find the money by Friday. Is that clear?
Customer: Fine. Whatever.
"""


@pytest.fixture(scope="module")
def good(fast_nlp):
    return tonecheck.score(GOOD_CALL, nlp=fast_nlp)


@pytest.fixture(scope="module")
def poor(fast_nlp):
    return tonecheck.score(POOR_CALL, nlp=fast_nlp)


def test_poor_call_scores_clearly_below_good_call_on_the_same_situation(nlp):
    g = tonecheck.score(GOOD_CALL, nlp=nlp).scores
    p = tonecheck.score(POOR_CALL, nlp=nlp).scores
    assert g["tone_score"] - p["tone_score"] >= 30, (g["tone_score"], p["tone_score"])
    assert g["empathy_count"] > p["empathy_count"]
    assert g["open_question_count"] > p["open_question_count"]
    assert g["solution_count"] > p["solution_count"]
    assert p["demand_count"] > g["demand_count"]
    assert p["jargon_count"] > g["jargon_count"]
    assert p["closed_question_count"] > g["closed_question_count"]
    assert g["open_question_share"] > 0.5 > p["open_question_share"]
    assert g["customer_sentiment_shift"] > p["customer_sentiment_shift"]


def test_call_row_has_documented_columns(good):
    assert list(good.calls.columns)[: len(CALL_COLUMNS)] == list(CALL_COLUMNS)
    s = good.scores
    assert s["agent_words"] > 100 and s["customer_words"] > 50
    assert 0 < s["agent_talk_share"] < 1
    assert s["question_count"] == s["open_question_count"] + s["closed_question_count"]
    assert s["pipeline"] == "fast" and s["lexicon_version"] and s["tonecheck_version"] == tonecheck.__version__
    assert s["empathy_per_100w"] == pytest.approx(s["empathy_count"] * 100 / s["agent_words"])


def test_evidence_offsets_slice_the_turn_text(good, poor):
    for result in (good, poor):
        ev = result.evidence
        assert list(ev.columns) == list(EVIDENCE_COLUMNS)
        assert len(ev) > 5
        for row in ev.itertuples():
            turn = result.transcript.turns[row.turn_index]
            assert turn.text[row.start_char : row.end_char] == row.text
            assert row.speaker == turn.speaker and row.role == turn.role
            assert row.rule


def test_only_agent_turns_are_scored(poor):
    ev = poor.evidence
    assert set(ev[ev.role == "customer"].category) <= {"hardship"}
    assert poor.scores["hardship_count"] >= 2  # "lost my job", "struggling", "can't pay"


def test_negated_demand_is_evidence_but_not_counted(good):
    ev = good.evidence
    demands = ev[ev.category == "demand"]
    assert not demands.counted.any()
    assert good.scores["demand_count"] == 0


def test_undercut_empathy_is_flagged_and_counted_at_reduced_weight(poor, fast_nlp):
    ev = poor.evidence
    undercut = ev[ev.undercut]
    assert len(undercut) == 1 and undercut.iloc[0].text == "I understand"
    assert poor.scores["undercut_empathy_count"] == 1
    full = tonecheck.score(POOR_CALL, nlp=fast_nlp, weights=ScoreWeights(undercut_factor=1.0)).tone_score
    assert full >= poor.tone_score


def test_turn_rows(good):
    turns = good.turns
    assert list(turns.columns) == list(TURN_COLUMNS)
    assert turns.turn_index.tolist() == list(range(len(good.transcript.turns)))
    assert (turns.loc[turns.role == "customer", "empathy_count"] == 0).all()
    assert turns.empathy_count.sum() == good.scores["empathy_count"]


def test_weights_are_configurable(fast_nlp):
    neutral = ScoreWeights(empathy=0, solution=0, open_question=0, closed_question=0, jargon=0, demand=0, positivity=0)
    assert tonecheck.score(POOR_CALL, nlp=fast_nlp, weights=neutral).tone_score == 50
    with pytest.raises(ValueError, match="unknown score weight"):
        ScoreWeights.from_mapping({"kindness": 3})


def test_score_accepts_path_transcript_and_string(tmp_path, fast_nlp):
    path = tmp_path / "call-17.txt"
    path.write_text(GOOD_CALL, encoding="utf-8")
    from_path = tonecheck.score(path, nlp=fast_nlp)
    from_string = tonecheck.score(GOOD_CALL, nlp=fast_nlp)
    from_transcript = tonecheck.score(tonecheck.read_transcript(path), nlp=fast_nlp)
    assert from_path.call_id == "call-17" and from_path.scores["source"] == str(path)
    assert from_path.tone_score == from_string.tone_score == from_transcript.tone_score


def test_score_raises_transcript_error_on_bad_input(tmp_path, fast_nlp):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(tonecheck.TranscriptError, match="empty.txt"):
        tonecheck.score(bad, nlp=fast_nlp)


def test_score_many_collects_errors_and_scores_the_rest(tmp_path, fast_nlp):
    (tmp_path / "good.txt").write_text(GOOD_CALL, encoding="utf-8")
    (tmp_path / "poor.json").write_text(
        json.dumps({"call_id": "poor-1", "metadata": {"agent_id": "A7", "team": "recoveries"},
                    "turns": [{"speaker": s.split(":")[0], "text": s.split(":", 1)[1].strip()} for s in POOR_CALL.strip().splitlines()]}),
        encoding="utf-8",
    )
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "nolabels.txt").write_text("hello there\nhow are you\n", encoding="utf-8")
    report = tonecheck.score_many([tmp_path], nlp=fast_nlp)
    assert sorted(report.calls.call_id) == ["good", "poor-1"]
    assert report.calls.set_index("call_id").loc["poor-1", "agent_id"] == "A7"
    errors = report.errors.set_index("source")
    assert errors.loc[str(tmp_path / "binary.txt"), "error"] == "BinaryFileError"
    assert errors.loc[str(tmp_path / "nolabels.txt"), "error"] == "NoSpeakerLabelsError"
    assert "line 1" in errors.loc[str(tmp_path / "nolabels.txt"), "reason"] or "1:" in errors.loc[str(tmp_path / "nolabels.txt"), "reason"]
    assert set(report.evidence.call_id) == {"good", "poor-1"}
    with pytest.raises(tonecheck.TranscriptError):
        tonecheck.score_many([tmp_path], nlp=fast_nlp, errors="raise")


@pytest.mark.parametrize("n_process", [1, 2])
def test_inputs_no_file_system_takes_are_reported_not_raised(fast_nlp, n_process):
    # a one-line transcript longer than a file name may be, and names no file system takes: each is reported
    # (or scored) by itself; none stops the run
    long_line = "Agent: " + "You need to pay the balance today. " * 20
    report = tonecheck.score_many([long_line, "x" * 5000, "no/such\x00file", "Agent: How are things?"], nlp=fast_nlp,
                                  n_process=n_process)
    assert list(report.calls.call_id) == ["call-0", "call-3"]
    assert report.calls.set_index("call_id").loc["call-0", "demand_count"] >= 20
    errors = report.errors.set_index("source")["reason"]
    assert errors["x" * 5000].startswith("cannot read file")
    assert errors["no/such\x00file"].startswith("cannot read file")
    assert tonecheck.score(long_line, nlp=fast_nlp).scores["demand_count"] >= 20


def test_customer_sentiment_uses_first_and_last_thirds(fast_nlp):
    t = Transcript(
        "c",
        [
            Turn("Customer", "This is awful and I'm furious.", "customer"),
            Turn("Agent", "I'm sorry to hear that.", "agent"),
            Turn("Customer", "Okay.", "customer"),
            Turn("Agent", "We can set up a payment plan.", "agent"),
            Turn("Agent", "Does that help?", "agent"),
            Turn("Customer", "Thank you, that's great, I feel much better.", "customer"),
        ],
    )
    s = tonecheck.score(t, nlp=fast_nlp).scores
    assert s["customer_sentiment_start"] < 0 < s["customer_sentiment_end"]
    assert s["customer_sentiment_shift"] == pytest.approx(s["customer_sentiment_end"] - s["customer_sentiment_start"])


def test_call_without_agent_speech_has_nan_rates(fast_nlp):
    s = tonecheck.score("Customer: I can't pay this.", nlp=fast_nlp).scores
    assert s["agent_words"] == 0 and math.isnan(s["empathy_per_100w"]) and math.isnan(s["open_question_share"])
    assert s["tone_score"] == 50


def test_scores_are_deterministic_across_n_process(fast_nlp, tmp_path):
    texts = [GOOD_CALL, POOR_CALL] * 6
    one = tonecheck.score_many(texts, nlp=fast_nlp).calls
    two = tonecheck.score_many(texts, nlp=fast_nlp, n_process=2, batch_size=8).calls
    pd.testing.assert_frame_equal(one, two)


def test_extract_df_goes_straight_from_docs(fast_nlp):
    docs = fast_nlp.pipe(["Take your time.", "Your account is in arrears."])
    df = tonecheck.extract_df(docs, nlp=fast_nlp)
    assert df[["turn_index", "category"]].values.tolist() == [[0, "empathy"], [1, "jargon"]]
    assert df.loc[df.category == "jargon", "plain"].iloc[0]


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_shipped_examples_score_and_good_calls_beat_poor_ones(nlp):
    report = tonecheck.score_many([EXAMPLES], nlp=nlp)
    assert report.errors.empty, report.errors
    calls = report.calls.set_index("call_id")
    assert len(calls) >= 20
    for good, poor in [("uk_job_loss_good", "uk_job_loss_poor"), ("us_medical_good", "us_medical_poor")]:
        assert calls.loc[good, "tone_score"] - calls.loc[poor, "tone_score"] >= 30, (good, poor)
        assert calls.loc[good, "customer_sentiment_shift"] > calls.loc[poor, "customer_sentiment_shift"]
    asr = calls.loc["uk_unpunctuated_asr"]
    assert asr.open_question_count >= 1 and asr.closed_question_count >= 1 and asr.empathy_count >= 2
    assert calls.loc["harbor-2026-11-03-0142", "agent_id"] == "A-117"  # JSON metadata joins the calls row


def test_readme_main_command_scores_examples(tmp_path):
    from typer.testing import CliRunner

    from tonecheck.cli import app

    result = CliRunner().invoke(app, ["score", str(EXAMPLES), "--out", str(tmp_path / "results"), "-q"])
    assert result.exit_code == 0, result.output
    calls = pd.read_csv(tmp_path / "results" / "calls.csv")
    assert set(calls.columns) >= set(CALL_COLUMNS) and len(calls) >= 20


# --------------------------------------------------------------------------- repeated turns

SCRIPTED = [
    "Agent: Good morning, this is Sam from Northgate. This call is recorded for training and quality purposes.",
    "Customer: Okay.",
    "Agent: I'm so sorry to hear that. What would you be able to manage each month?",
    "Customer: I lost my job in May and I can't pay.",
    "Agent: You need to pay the balance today. Failure to pay will result in further action.",
    "Customer: Okay.",
    "Agent: I'm not saying you have to pay it all today. We can set up a payment plan.",
]


def _calls(n: int) -> list[str]:
    calls = []
    for k in range(n):  # the same scripted lines in every call, one line that differs
        lines = SCRIPTED[: 3 + k % 5] + [f"Customer: My reference is {1000 + k}, and I can pay {k} pounds."]
        calls.append("\n".join(lines))
    return calls


def test_repeated_turns_come_from_the_cache_with_the_same_rows(nlp):
    from tonecheck.scoring import turn_cache

    calls = _calls(12)
    cache = turn_cache(nlp)
    cache.clear()
    hits_before = cache.hits
    cached = tonecheck.score_many(calls, nlp=nlp)
    assert cache.hits - hits_before >= 40, "scripted turns seen before are not processed again"
    fresh = tonecheck.Report()  # keep_docs: every turn goes through the pipeline, no cache
    for r in tonecheck.iter_results(calls, nlp=nlp, keep_docs=True):
        fresh.call_rows.append(r.scores)
        fresh.turn_rows.extend(r.turn_rows)
        fresh.evidence_rows.extend(r.evidence_rows)
    for name in ("calls", "turns", "evidence"):
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), obj=name)
    again = next(tonecheck.iter_results(calls[:1], nlp=nlp))
    assert [d.text for d in again.docs] == [line.split(": ", 1)[1] for line in calls[0].splitlines()]
    assert any(len(d.spans["tonecheck"]) for d in again.docs), "Docs of a cached call are re-made with their spans"


def test_turn_cache_is_bounded_and_skips_long_turns():
    from tonecheck.scoring import TurnCache, TurnFacts

    cache = TurnCache(size=3, max_chars=20)
    facts = TurnFacts(2, (0.1,), ())
    for i in range(5):
        cache.put(cache.key("agent", f"turn {i}"), facts)
    assert len(cache) == 3
    assert cache.get(cache.key("agent", "turn 0")) is None and cache.get(cache.key("agent", "turn 4")) == facts
    assert cache.key("agent", "x" * 21) is None, "long turns are not kept"
    assert cache.get(cache.key("customer", "turn 4")) is None, "the role is part of the key"


def test_turn_cache_is_emptied_when_the_pipeline_changes(accurate_nlp):
    from tonecheck.scoring import turn_cache

    tonecheck.score_many(_calls(2), nlp=accurate_nlp)
    assert len(turn_cache(accurate_nlp)) > 0
    syntax = accurate_nlp.get_pipe("tonecheck_syntax")
    syntax.parse_all = not syntax.parse_all
    try:
        assert len(turn_cache(accurate_nlp)) == 0
    finally:
        syntax.parse_all = not syntax.parse_all


def test_turn_cache_tolerates_an_entry_dropped_by_another_thread():
    """Threads of a Dask worker share the pipeline's cache: an entry may go between reading it and
    marking it recently used."""
    from collections import OrderedDict

    from tonecheck.scoring import TurnCache, TurnFacts

    class DroppedRightAfterRead(OrderedDict):
        def get(self, key, default=None):
            value = super().get(key, default)
            if value is not None:
                del self[key]  # what another thread's eviction does in between
            return value

    cache = TurnCache(size=2)
    facts = TurnFacts(1, (), ())
    cache._data = DroppedRightAfterRead()
    key = cache.key("agent", "Okay.")
    cache.put(key, facts)
    assert cache.get(key) == facts
    cache._data = OrderedDict()
    for text in ("a", "b", "c"):
        cache.put(cache.key("agent", text), facts)
    assert len(cache) == 2
