"""WebVTT, SRT and Amazon Transcribe readers, anonymous-speaker role inference and the hardening limits."""

from __future__ import annotations

import copy
import json
import random
import shutil
from pathlib import Path

import pytest

from tonecheck.errors import (
    EmptyTranscriptError,
    MalformedTranscriptError,
    NoSpeakerLabelsError,
    TranscriptError,
    TranscriptTooLargeError,
)
from tonecheck.readers import (
    EXTENSIONS,
    READERS,
    REFINES,
    SNIFFERS,
    ReadOptions,
    apply_read_options,
    check_json_depth,
    detect_format,
    parse_srt,
    parse_text,
    parse_transcribe,
    parse_vtt,
    read_transcript,
    read_transcripts,
    register_reader,
)
from tonecheck.speakers import LOW_CONFIDENCE, assign_agent, infer_roles, speaker_scores
from tonecheck.transcript import Transcript

DATA = Path(__file__).parent / "data"


def copy_as(tmp_path: Path, name: str, new_name: str) -> Path:
    dest = tmp_path / new_name
    shutil.copy(DATA / name, dest)
    return dest


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def where(exc: TranscriptError, path: Path, line: int | None) -> None:
    assert exc.path == str(path) and exc.line == line
    assert str(exc).startswith(f"{path}:{line}: " if line is not None else f"{path}: "), str(exc)


# --------------------------------------------------------------------------- WebVTT


def test_vtt_voice_tags_merge_and_timings():
    t = read_transcript(DATA / "collections_call.vtt")
    assert [x.speaker for x in t.turns] == ["Agent Priya", "Customer"] * 3 + ["Agent Priya"]
    assert [x.role for x in t.turns[:2]] == ["agent", "customer"]
    first = t.turns[0]
    # two cues of one speaker merge; the cue id, settings and <b> tag are dropped
    assert first.text == "Good morning, this is Priya calling from Northfield Recoveries. Am I speaking with Mr Okafor?"
    assert (first.start, first.end, first.line) == (1.0, 6.9, 11)
    assert t.turns[3].text == "Twelfth of May, 1986."  # <c.number> class span
    assert t.turns[4].text == "I'm calling about the outstanding balance of £1,240 & fees on your account."
    assert t.turns[5].text == "I lost my job in January. I just can't pay right now."  # inner time stamp tag gone
    assert (t.turns[5].start, t.turns[5].end) == (26.0, 34.0)
    assert t.turns[6].start == 62.0 and t.turns[6].end == 66.5
    assert all("NOTE" not in x.text and "cue(" not in x.text for x in t.turns)


def test_vtt_in_a_txt_file_is_sniffed_and_speaker_prefixes_work(tmp_path):
    p = DATA / "prefixed_cues.txt"
    assert detect_format(p, p.read_text()) == "vtt"
    t = read_transcript(p)
    assert [(x.speaker, x.role) for x in t.turns] == [("Collector", "agent"), ("Debtor", "customer")]
    # a cue without a prefix continues the previous speaker
    assert t.turns[0].text == "Hi, it's Sam from Eastgate Credit. This call is recorded for quality."
    assert (t.turns[0].start, t.turns[0].end) == (0.5, 5.0)


def test_vtt_hours_several_voices_in_one_cue_and_no_end_tag():
    t = parse_vtt(
        "WEBVTT\n\n01:00:00.000 --> 01:00:02.500\n<v Agent>Hello?</v> <v Customer>Hi.\n\n"
        "01:00:03.000 --> 01:00:04.000\n<v Customer>It's me.\n"
    )
    assert [(x.speaker, x.text) for x in t.turns] == [("Agent", "Hello?"), ("Customer", "Hi. It's me.")]
    assert t.turns[0].start == 3600.0 and t.turns[1].end == 3604.0


def test_vtt_bad_input(tmp_path):
    p = write(tmp_path, "bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>Hi</v>\n\n00:00:xx --> 00:00:03.000\nHello\n")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    where(info.value, p, 6)
    p = write(tmp_path, "nospeaker.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there\n")
    with pytest.raises(NoSpeakerLabelsError) as info:
        read_transcript(p)
    where(info.value, p, 4)
    p = write(tmp_path, "backwards.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v A>x\n")
    with pytest.raises(MalformedTranscriptError, match="before it starts"):
        read_transcript(p)
    p = write(tmp_path, "nocues.vtt", "WEBVTT\n\nNOTE nothing here\n")
    with pytest.raises(EmptyTranscriptError) as info:
        read_transcript(p)
    where(info.value, p, 1)
    p = write(tmp_path, "notvtt.vtt", "Agent: hi\n")
    with pytest.raises(MalformedTranscriptError, match="WEBVTT") as info:
        read_transcript(p)
    where(info.value, p, 1)


# --------------------------------------------------------------------------- SRT


def test_srt_prefixes_continuation_and_timings():
    t = read_transcript(DATA / "collections_call.srt")
    assert [(x.speaker, x.role) for x in t.turns] == [("Agent", "agent"), ("Customer", "customer")] * 2
    assert t.turns[0].text.endswith("attempt to collect a debt. Any information obtained will be used for that purpose.")
    assert (t.turns[0].start, t.turns[0].end, t.turns[0].line) == (0.8, 6.5, 2)
    assert t.turns[1].text == "I know why you're calling. I can't pay the full amount."
    assert (t.turns[1].start, t.turns[1].end) == (7.0, 12.0)


def test_srt_in_a_txt_file_is_sniffed(tmp_path):
    p = copy_as(tmp_path, "collections_call.srt", "export.txt")
    assert detect_format(p, p.read_text()) == "srt"
    assert len(read_transcript(p).turns) == 4


def test_srt_errors():
    with pytest.raises(NoSpeakerLabelsError, match=r"x\.srt:3: "):
        parse_srt("1\n00:00:01,000 --> 00:00:02,000\nno label here\n", path="x.srt")
    with pytest.raises(MalformedTranscriptError, match=r"x\.srt:5: .*timing"):
        parse_srt("1\n00:00:01,000 --> 00:00:02,000\nAgent: hi\n\nAgent: no timing\n", path="x.srt")
    assert parse_srt("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=red>Agent:</font> hi\n").turns[0].text == "hi"


# --------------------------------------------------------------------------- Amazon Transcribe


def test_transcribe_items_and_segments():
    p = DATA / "transcribe_items.json"
    assert detect_format(p, p.read_text()) == "transcribe"
    t = read_transcript(p)
    assert t.call_id == "lakeside-2024-03-04-0017"
    assert [x.speaker for x in t.turns] == ["spk_0", "spk_1", "spk_0", "spk_1"]
    assert t.turns[0].text == "Hello, this is Dana calling from Lakeside Recoveries. Calls are recorded."
    # two consecutive spk_0 segments merged; punctuation sticks to the word before
    assert t.turns[2].text == "Can you confirm your date of birth? It's about your balance."
    assert (t.turns[2].start, t.turns[2].end) == (6.0, 9.0)
    # anonymous labels: roles inferred
    assert [x.role for x in t.turns] == ["agent", "customer", "agent", "customer"]
    assert t.metadata["role_inference"]["agent_speaker"] == "spk_0"


def test_transcribe_prefers_audio_segments():
    t = read_transcript(DATA / "transcribe_audio_segments.json")
    assert t.call_id == "lakeside-2024-03-05-0002"
    assert t.turns[0].text.startswith("Good morning, you're through to Lakeside")
    assert [x.speaker for x in t.turns] == ["spk_1", "spk_0", "spk_1", "spk_0"]
    assert t.turns[2].text.endswith("And your date of birth, please.") and t.turns[2].end == 11.0
    assert t.metadata["role_inference"]["agent_speaker"] == "spk_1"


def test_transcribe_word_outside_every_segment_goes_to_the_one_before():
    doc = {
        "jobName": "j",
        "results": {
            "speaker_labels": {"segments": [{"speaker_label": "spk_0", "start_time": "1.0", "end_time": "2.0"}]},
            "items": [
                {"type": "pronunciation", "start_time": "0.5", "end_time": "0.9", "alternatives": [{"content": "Um"}]},
                {"type": "pronunciation", "start_time": "2.5", "end_time": "2.9", "alternatives": [{"content": "hello"}]},
            ],
        },
    }
    assert parse_transcribe(json.dumps(doc)).turns[0].text == "Um hello"


def test_transcribe_errors_name_the_json_path_and_line(tmp_path):
    doc = json.loads((DATA / "transcribe_audio_segments.json").read_text())
    doc["results"]["audio_segments"][3]["start_time"] = [9.9]
    p = write(tmp_path, "job.json", json.dumps(doc, indent=2))
    expected = next(i for i, line in enumerate(p.read_text().split("\n"), 1) if '"start_time": [' in line)
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    where(info.value, p, expected)
    assert info.value.reason == "results.audio_segments[3].start_time must be a number of seconds, not a list"


def test_transcribe_without_speaker_labels():
    doc = {"jobName": "j", "results": {"transcripts": [{"transcript": "hi"}], "items": []}}
    with pytest.raises(NoSpeakerLabelsError, match="ShowSpeakerLabels"):
        parse_transcribe(json.dumps(doc), path="j.json")


def _mutations(doc):
    """Every container path in ``doc``, for replacing that value with a wrong type."""
    out = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                out.append(path + (k,))
                walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node[:3]):
                out.append(path + (i,))
                walk(v, path + (i,))

    walk(doc, ())
    return out


@pytest.mark.parametrize("sample", ["transcribe_items.json", "transcribe_audio_segments.json"])
def test_transcribe_wrong_types_are_malformed_never_key_type_or_index_errors(sample):
    base = json.loads((DATA / sample).read_text())
    rng = random.Random(7)
    wrong_values = [None, 1, 1.5, True, "x", "", [], {}, [1], {"a": 1}, "nan", float("inf")]
    paths = _mutations(base)
    for path in paths:
        for wrong in rng.sample(wrong_values, 4):
            doc = copy.deepcopy(base)
            node = doc
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = wrong
            try:
                text = json.dumps(doc)
            except ValueError:
                continue
            try:
                t = parse_transcribe(text, path="t.json")
            except TranscriptError as exc:
                assert str(exc).startswith("t.json:") and exc.line is not None, exc
            else:
                assert t.turns and all(x.text for x in t.turns)
    for top in ([], "x", {"results": []}, {"results": {}}, {"jobName": 5, "results": {"items": {}}}):
        with pytest.raises(TranscriptError):
            parse_transcribe(json.dumps(top))


def test_tonecheck_json_is_not_taken_for_transcribe(tmp_path):
    p = write(tmp_path, "c.json", json.dumps({"call_id": "x", "turns": [{"speaker": "Agent", "text": "results"}]}))
    assert detect_format(p, p.read_text()) == "json"
    p = copy_as(tmp_path, "transcribe_items.json", "call.txt")
    assert detect_format(p, p.read_text()) == "transcribe"


# --------------------------------------------------------------------------- role inference


def test_infer_roles_on_diarised_text():
    t = read_transcript(DATA / "diarised.txt")
    assert {x.speaker: x.role for x in t.turns} == {"Speaker 1": "customer", "Speaker 2": "agent"}
    info = t.metadata["role_inference"]
    assert info["agent_speaker"] == "Speaker 2" and info["method"] == "inferred"
    assert info["confidence"] >= 0.9
    assert info["scores"]["Speaker 2"] > info["scores"]["Speaker 1"] == 0
    assert "first_line_address" in info["cues"]["Speaker 2"] and "recorded_calls" in info["cues"]["Speaker 2"]


@pytest.mark.parametrize("labels", [("spk_0", "spk_1"), ("A", "B"), ("Speaker 1", "Speaker 2"), ("Tom", "Jess")])
def test_infer_roles_any_anonymous_labels(labels):
    cust, agent = labels
    t = parse_text(
        f"{cust}: Hello?\n{agent}: Hi, this is an attempt to collect a debt; I'm calling from Acme Credit.\n"
        f"{cust}: Oh. What do I owe?\n{agent}: Your balance is £400. Can we set up an arrangement?\n",
        options=ReadOptions(),
    )
    assert {x.speaker: x.role for x in t.turns} == {cust: "customer", agent: "agent"}
    assert t.metadata["role_inference"]["agent_speaker"] == agent


def test_close_scores_give_low_confidence():
    t = Transcript.from_turns(
        "c", [("A", "I'm calling about your account."), ("B", "Is that the outstanding balance on my account?")]
    )
    out = infer_roles(t)
    info = out.metadata["role_inference"]
    assert info["confidence"] < LOW_CONFIDENCE
    assert set(info["scores"]) == {"A", "B"}


def test_no_cues_go_to_the_first_speaker_with_zero_confidence():
    t = infer_roles(Transcript.from_turns("c", [("X", "Hello."), ("Y", "Hi.")]))
    assert [x.role for x in t.turns] == ["agent", "customer"]
    assert t.metadata["role_inference"]["confidence"] == 0.0


def test_inference_only_when_no_agent_and_keeps_known_customers(tmp_path):
    labelled = read_transcript(write(tmp_path, "l.txt", "Agent: hi\nspk_1: I'm calling from Acme about your balance\n"))
    assert "role_inference" not in labelled.metadata and labelled.turns[1].role == "unknown"
    mixed = read_transcript(write(tmp_path, "m.txt", "Customer: hello\nspk_0: calls are recorded\nspk_1: ok\n"))
    assert [x.role for x in mixed.turns] == ["customer", "agent", "customer"]
    off = read_transcript(write(tmp_path, "o.txt", "spk_0: calls are recorded\nspk_1: ok\n"), options=ReadOptions(infer_roles=False))
    assert [x.role for x in off.turns] == ["unknown", "unknown"] and "role_inference" not in off.metadata
    assert parse_text("spk_0: calls are recorded\n").turns[0].role == "unknown"  # no options: plain parsing


def test_agent_speaker_override(tmp_path):
    p = DATA / "diarised.txt"
    t = read_transcript(p, options=ReadOptions(agent_speaker="speaker 1"))  # case-insensitive
    assert {x.speaker: x.role for x in t.turns} == {"Speaker 1": "agent", "Speaker 2": "customer"}
    assert t.metadata["role_inference"] == {"agent_speaker": "Speaker 1", "confidence": 1.0, "scores": {}, "method": "override"}
    # the override beats labels that map to roles
    c = read_transcript(write(tmp_path, "c.txt", "Agent: hi\nCustomer: hello\n"), options=ReadOptions(agent_speaker="Customer"))
    assert [x.role for x in c.turns] == ["customer", "agent"]
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p, options=ReadOptions(agent_speaker="spk_9"))
    where(info.value, p, 1)
    assert "'spk_9'" in info.value.reason and "'Speaker 1'" in info.value.reason


def test_assign_agent_and_speaker_scores_directly():
    t = Transcript.from_turns("c", [("a", "hi"), ("b", "I am a debt collector")])
    assert speaker_scores(t) == {"a": {}, "b": {"debt_collector": 3.0}}
    assert [x.role for x in assign_agent(t, "a").turns] == ["agent", "customer"]
    with pytest.raises(KeyError):
        assign_agent(t, "c")


# --------------------------------------------------------------------------- limits


def test_turn_over_max_turn_chars_names_its_line(tmp_path):
    p = write(tmp_path, "long.txt", "Agent: hello\nCustomer: " + "word " * 30 + "\n")
    with pytest.raises(TranscriptTooLargeError) as info:
        read_transcript(p, options=ReadOptions(max_turn_chars=100))
    where(info.value, p, 2)
    assert "100-character limit" in info.value.reason
    assert len(read_transcript(p).turns) == 2  # default limit is 100,000
    with pytest.raises(TranscriptTooLargeError, match=r"collections_call.srt:2: turn 0"):
        read_transcript(DATA / "collections_call.srt", options=ReadOptions(max_turn_chars=50))


def test_too_many_speakers(tmp_path):
    p = write(tmp_path, "crowd.txt", "".join(f"Agent {i}: hi\n" for i in range(6)))
    with pytest.raises(TranscriptTooLargeError) as info:
        read_transcript(p, options=ReadOptions(max_speakers=5))
    where(info.value, p, 6)
    assert "more than 5 speakers" in info.value.reason
    assert len(read_transcript(p).turns) == 6


@pytest.mark.parametrize("name", ["deep.json", "deep.txt"])
def test_json_nesting_limit(tmp_path, name):
    p = write(tmp_path, name, '{"turns": [\n' + "[" * 60 + "]" * 60 + "\n]}")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    where(info.value, p, 2)
    assert "nested more than 50 levels" in info.value.reason


def test_json_nesting_limit_ignores_brackets_in_strings_and_is_configurable():
    check_json_depth('{"text": "' + "[" * 200 + '"}', "x.json")
    deep = "[" * 10_000 + "]" * 10_000  # would blow json.loads' recursion without the check
    with pytest.raises(MalformedTranscriptError):
        check_json_depth(deep, "x.json")
    with pytest.raises(MalformedTranscriptError, match="nested more than 3 levels"):
        check_json_depth("[[[[]]]]", "x.json", max_depth=3)
    with pytest.raises(MalformedTranscriptError):
        parse_transcribe('{"results": ' + "[" * 100 + "]" * 100 + "}")


def test_apply_read_options_on_a_built_transcript():
    t = Transcript.from_turns("c", [("spk_0", "This call is recorded."), ("spk_1", "ok")])
    out = apply_read_options(t, ReadOptions())
    assert out.turns[0].role == "agent" and t.turns[0].role == "unknown"  # a copy; the input is untouched


# --------------------------------------------------------------------------- registry


def test_formats_are_registered():
    assert {"text", "json", "csv", "vtt", "srt", "transcribe"} <= set(READERS)
    assert EXTENSIONS[".vtt"] == "vtt" and EXTENSIONS[".srt"] == "srt" and EXTENSIONS[".json"] == "json"
    assert REFINES["transcribe"] == ("json",)
    names = [n for n, _ in SNIFFERS]
    assert names.index("transcribe") < names.index("json")


def test_register_a_custom_reader(tmp_path):
    def pipe_reader(text, call_id, path, options):
        turns = [tuple(line.split("|", 1)) for line in text.splitlines() if "|" in line]
        return [Transcript.from_turns(call_id, turns, role_map=options.role_map)]

    register_reader("pipes", pipe_reader, (".pipes",), lambda head: head.startswith("PIPES\n"))
    try:
        p = write(tmp_path, "c.pipes", "Agent|hello\nCustomer|hi\n")
        assert [x.role for x in read_transcript(p).turns] == ["agent", "customer"]
        q = write(tmp_path, "c.txt", "PIPES\nspk_0|calls are recorded\nspk_1|ok\n")
        t = read_transcript(q)  # sniffed; limits and inference apply to custom readers too
        assert [x.role for x in t.turns] == ["agent", "customer"]
    finally:
        READERS.pop("pipes")
        EXTENSIONS.pop(".pipes")
        SNIFFERS[:] = [s for s in SNIFFERS if s[0] != "pipes"]
