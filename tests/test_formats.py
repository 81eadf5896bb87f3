"""WebVTT, SRT and Amazon Transcribe readers, anonymous-speaker role inference and the hardening limits."""

from __future__ import annotations

import copy
import json
import random
import shutil
import time
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
from tonecheck.speakers import (
    AGENT_CUES,
    LOW_CONFIDENCE,
    MAX_HITS_PER_CUE,
    assign_agent,
    confidence,
    infer_roles,
    speaker_scores,
)
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


def test_vtt_several_speakers_in_one_cue_by_prefix_lines():
    t = parse_vtt(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n- Agent: Are you there, Mr Hughes?\n- Customer: Yes.\n\n"
        "00:00:04.500 --> 00:00:06.000\nCustomer: Who is this?\n"
    )
    assert [(x.speaker, x.text, x.start, x.end) for x in t.turns] == [
        ("Agent", "Are you there, Mr Hughes?", 1.0, 4.0),
        ("Customer", "Yes. Who is this?", 1.0, 6.0),
    ]


def test_vtt_header_without_blank_line_entities_in_voice_names_and_ruby():
    t = parse_vtt(
        "WEBVTT\nKind: captions\n00:00:01.000 --> 00:00:02.000\n<v Agent &amp; Trainee>Hello, "
        "<ruby>Mr Sato<rt>sa-to</rt></ruby>.</v>\n"
    )
    assert [(x.speaker, x.role, x.text, x.line) for x in t.turns] == [("Agent & Trainee", "agent", "Hello, Mr Sato.", 3)]


def test_vtt_clock_times_and_urls_in_cue_text_are_not_speakers():
    t = parse_vtt(
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nAgent: You can pay online at\nhttps://pay.example.com before 10:30.\n"
    )
    assert [(x.speaker, x.text) for x in t.turns] == [("Agent", "You can pay online at https://pay.example.com before 10:30.")]


def test_vtt_utf16_file(tmp_path):
    p = tmp_path / "call.vtt"
    p.write_bytes((DATA / "collections_call.vtt").read_text(encoding="utf-8").encode("utf-16"))
    assert [x.text for x in read_transcript(p).turns] == [x.text for x in read_transcript(DATA / "collections_call.vtt").turns]


def test_vtt_timing_out_of_range(tmp_path):
    p = write(tmp_path, "huge.vtt", "WEBVTT\n\n" + "9" * 400 + ":00:01.000 --> " + "9" * 400 + ":00:02.000\n<v A>hi\n")
    with pytest.raises(MalformedTranscriptError, match="out of range") as info:
        read_transcript(p)
    where(info.value, p, 3)


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


def test_srt_broadcast_and_bracket_prefixes_and_two_speakers_per_cue():
    t = read_transcript(DATA / "dialogue_dashes.srt")
    assert [(x.speaker, x.role, x.start, x.end, x.line) for x in t.turns] == [
        ("COLLECTOR", "agent", 0.5, 3.2, 2),
        ("DEBTOR", "customer", 0.5, 3.2, 2),
        ("COLLECTOR", "agent", 3.4, 8.0, 7),
        ("DEBTOR", "customer", 8.2, 11.9, 12),
        ("COLLECTOR", "agent", 8.2, 15.0, 12),
    ]
    assert t.turns[2].text == "This is Jen from Westmark Recovery. This is an attempt to collect a debt."
    # cue 4 has no prefix: it continues the collector; the URL and the clock time are text, not labels
    assert t.turns[4].text == (
        "Let me check that for you. You can also pay online at https://pay.westmark.example any time before 10:30 tomorrow."
    )


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


@pytest.mark.parametrize("sample", ["transcribe_items.json", "transcribe_audio_segments.json", "transcribe_channels.json"])
def test_transcribe_wrong_types_are_malformed_never_key_type_or_index_errors(sample):
    base = json.loads((DATA / sample).read_text())
    rng = random.Random(7)
    wrong_values = [None, 1, 1.5, -2, 10**400, True, "x", "", " ", [], {}, [1], {"a": 1}, "nan", float("inf")]
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


def test_transcribe_channel_identification():
    p = DATA / "transcribe_channels.json"
    assert detect_format(p, p.read_text()) == "transcribe"
    t = read_transcript(p)
    assert t.call_id == "brookfield-2024-05-14-0231"
    assert t.metadata["transcribe_source"] == "channel_labels"
    assert [x.speaker for x in t.turns] == ["ch_0", "ch_1"] * 3 + ["ch_0"]
    assert t.turns[0].text == (
        "Good afternoon, this is Ravi calling from Brookfield Credit Services. Calls are recorded for quality and training."
    )
    assert t.turns[5].text == "I know, I had my hours cut at work. I can't pay it all at once."
    assert t.turns[1].start == 6.1 and t.turns[1].end == pytest.approx(6.51)
    assert t.metadata["role_inference"]["agent_speaker"] == "ch_0"
    # each turn points at the line where its first word's item opens in the JSON
    lines = p.read_text().split("\n")
    assert all(lines[x.line - 1].strip() == "{" and '"start_time"' in lines[x.line] for x in t.turns)
    assert '"Good"' in "".join(lines[t.turns[0].line : t.turns[0].line + 6])


def test_transcribe_turns_carry_the_line_of_their_segment(tmp_path):
    doc = json.loads((DATA / "transcribe_items.json").read_text())
    p = write(tmp_path, "pretty.json", json.dumps(doc, indent=2))
    t = read_transcript(p)
    lines = p.read_text().split("\n")
    assert [x.line for x in t.turns] == sorted(x.line for x in t.turns) and len({x.line for x in t.turns}) == 4
    assert all(lines[x.line - 1].strip() == "{" for x in t.turns)  # a segment object opens there
    with pytest.raises(TranscriptTooLargeError) as info:
        read_transcript(p, options=ReadOptions(max_turn_chars=20))
    where(info.value, p, t.turns[0].line)


def P(start, end, word):
    return {"type": "pronunciation", "start_time": start, "end_time": end, "alternatives": [{"content": word}]}


def test_transcribe_word_goes_to_the_segment_containing_it_even_when_segments_overlap():
    doc = {
        "jobName": "overlap",
        "results": {
            "speaker_labels": {
                "segments": [
                    {"speaker_label": "spk_0", "start_time": "0.0", "end_time": "3.0"},
                    {"speaker_label": "spk_1", "start_time": "1.0", "end_time": "2.0"},
                ]
            },
            "items": [P("0.5", "0.6", "So"), P("1.5", "1.6", "mm-hm"), P("2.5", "2.6", "anyway")],
        },
    }
    t = parse_transcribe(json.dumps(doc))
    assert [(x.speaker, x.text) for x in t.turns] == [("spk_0", "So anyway"), ("spk_1", "mm-hm")]


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["results"]["speaker_labels"]["segments"][0].update(speaker_label="  "), "segments[0].speaker_label is an empty string"),
        (lambda d: d["results"]["speaker_labels"]["segments"][0].update(end_time="0.1"), "segments[0] ends (0.1 s) before it starts (0.54 s)"),
        (lambda d: d["results"]["items"][0].update(start_time=10**400), "items[0].start_time must be a finite number"),
        (lambda d: d["results"]["items"][0].update(start_time="-3"), "items[0].start_time must be a finite number"),
        (lambda d: d["results"].update(audio_segments={"a": 1}), "audio_segments is an object, not a list"),
    ],
)
def test_transcribe_bad_values(tmp_path, change, words):
    doc = json.loads((DATA / "transcribe_items.json").read_text())
    change(doc)
    p = write(tmp_path, "bad.json", json.dumps(doc))
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    where(info.value, p, 1)
    assert words in info.value.reason


def test_transcribe_without_any_speaker_information():
    doc = {"jobName": "j", "results": {"transcripts": [{"transcript": "hi"}], "items": [P("0", "1", "hi")]}}
    with pytest.raises(NoSpeakerLabelsError, match=r"^j\.json:1: .*ShowSpeakerLabels or ChannelIdentification"):
        parse_transcribe(json.dumps(doc), path="j.json")


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


def test_infer_roles_when_the_customer_talks_money_more():
    """A and B: the customer says "balance" and "payment" over and over; disclosures and checks still decide."""
    t = read_transcript(DATA / "anonymous_ab.txt")
    assert {x.speaker: x.role for x in t.turns} == {"A": "customer", "B": "agent"}
    info = t.metadata["role_inference"]
    # each cue counts at most MAX_HITS_PER_CUE times: A said "balance" 4 times and "payment" 5 times
    assert info["cues"]["A"] == {"balance": 1.0 * MAX_HITS_PER_CUE, "payment": 1.0 * MAX_HITS_PER_CUE}
    assert info["scores"] == {s: sum(c.values()) for s, c in info["cues"].items()}
    assert info["confidence"] == confidence(info["scores"]["B"], info["scores"]["A"]) >= LOW_CONFIDENCE


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


def test_infer_roles_returns_the_copy_and_the_decision():
    t = Transcript.from_turns(
        "c", [("spk_0", "Hello?"), ("spk_1", "Hi, I'm calling from Acme Credit. Calls are recorded."), ("spk_0", "OK.")]
    )
    out, info = infer_roles(t)
    assert out is not t and [x.role for x in t.turns] == ["unknown"] * 3  # the input is untouched
    assert [x.role for x in out.turns] == ["customer", "agent", "customer"]
    assert out.metadata["role_inference"] == info
    assert info["agent_speaker"] == "spk_1" and info["method"] == "inferred"
    assert info["scores"] == {"spk_0": 0.0, "spk_1": 5.0}
    assert info["cues"] == {"spk_0": {}, "spk_1": {"calling_from": 2.0, "recorded_calls": 3.0}}
    assert info["confidence"] == confidence(5.0, 0.0) > LOW_CONFIDENCE


def test_close_scores_give_low_confidence():
    t = Transcript.from_turns(
        "c", [("A", "I'm calling about your account."), ("B", "Is that the outstanding balance on my account?")]
    )
    _, info = infer_roles(t)
    assert info["scores"] == {"A": 1.0, "B": 2.0} and info["agent_speaker"] == "B"
    assert info["confidence"] < LOW_CONFIDENCE


@pytest.mark.parametrize(
    "top, second, low",
    [(14, 6, False), (9, 0, False), (6, 0, False), (5, 4, True), (30, 26, True), (2, 0, True), (1, 0, True), (3, 3, True)],
)
def test_confidence_is_low_exactly_when_scores_are_close_or_thin(top, second, low):
    c = confidence(float(top), float(second))
    assert 0.0 <= c <= 1.0
    assert (c < LOW_CONFIDENCE) is low


def test_no_cues_go_to_the_first_speaker_with_zero_confidence():
    t, info = infer_roles(Transcript.from_turns("c", [("X", "Hello."), ("Y", "Hi.")]))
    assert [x.role for x in t.turns] == ["agent", "customer"]
    assert info["confidence"] == 0.0 and info["agent_speaker"] == "X"


def test_infer_roles_without_candidates_changes_nothing():
    t = Transcript.from_turns("c", [("Customer", "I can't pay."), ("Debtor", "Neither can I.")])
    out, info = infer_roles(t)
    assert out is t and "role_inference" not in t.metadata
    assert info["agent_speaker"] is None and info["method"] == "none" and info["confidence"] == 0.0


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
    info = t.metadata["role_inference"]
    assert (info["agent_speaker"], info["confidence"], info["method"]) == ("Speaker 1", 1.0, "override")
    # the scores are kept, so a reviewer can see the override goes against what was said
    assert info["scores"]["Speaker 2"] > info["scores"]["Speaker 1"]
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
    out, info = assign_agent(t, "a")
    assert [x.role for x in out.turns] == ["agent", "customer"] and info["method"] == "override"
    with pytest.raises(MalformedTranscriptError, match="has no speaker 'c'"):
        assign_agent(t, "c")


def test_every_cue_is_found_and_weighted():
    """Each documented cue fires on a typical collector sentence, with its own weight."""
    said = {
        "debt_disclosure": "This is an attempt to collect a debt.",
        "debt_collector": "This communication is from a debt collector.",
        "recorded_calls": "Please note calls are recorded.",
        "mini_miranda": "Any information obtained will be used for that purpose.",
        "date_of_birth": "Can you give me your date of birth?",
        "first_line_address": "What's the first line of your address?",
        "confirm_your": "Could you confirm your postcode?",
        "security_questions": "I just need to ask a couple of security questions.",
        "calling_from": "I'm ringing from the collections team.",
        "company_intro": "My name is Sam from Eastgate.",
        "your_account": "It's about your arrears.",
        "balance": "The balance is high.",
        "outstanding": "There's an amount outstanding.",
        "payment": "When can you make payments?",
        "arrangement": "We can set up an arrangement.",
        "how_can_i_help": "How can I help today?",
        "income_expenditure": "Let's do an income and expenditure.",
    }
    assert set(said) == {name for name, _, _ in AGENT_CUES}
    weights = {name: float(w) for name, w, _ in AGENT_CUES}
    for name, sentence in said.items():
        found = speaker_scores(Transcript.from_turns("c", [("x", sentence)]))["x"]
        assert found.get(name) == weights[name], (name, found)
    # the customer's side of a call earns nothing
    customer = "Hello? Yes, speaking. I lost my job in March and I can't afford anything right now."
    assert speaker_scores(Transcript.from_turns("c", [("x", customer)]))["x"] == {}


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


@pytest.mark.parametrize(
    "payload",
    ["<v" + " " * 50_000 + "x", "<a" * 25_000, "{\\" * 25_000, "<rt>" * 12_500, "<v A>" + "<v " * 15_000],
    ids=["voice-spaces", "open-tags", "ssa-overrides", "ruby", "voices"],
)
def test_pathological_cue_text_is_read_in_linear_time(payload):
    """Unclosed tags once made the cue-text patterns backtrack quadratically."""
    started = time.perf_counter()
    try:
        parse_vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>hi</v> " + payload + "\n", path="slow.vtt")
    except TranscriptError as exc:  # a cue may legitimately be refused; it must not hang
        assert str(exc).startswith("slow.vtt:")
    assert time.perf_counter() - started < 5.0
