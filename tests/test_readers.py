"""The core readers: plain text, tonecheck JSON, CSV, decoding, roles and bad input.

Every bad-input test checks the error class, the file name and the line in the message.
"""

from __future__ import annotations

import codecs
import json
import time
from pathlib import Path

import pytest

from tonecheck.errors import (
    BinaryFileError,
    EmptyTranscriptError,
    EncodingError,
    MalformedTranscriptError,
    NoSpeakerLabelsError,
    TranscriptError,
    TranscriptTooLargeError,
    UnknownFormatError,
)
from tonecheck.readers import (
    ReadOptions,
    decode_bytes,
    detect_format,
    parse_csv,
    parse_json,
    parse_text,
    read_transcript,
    read_transcripts,
)
from tonecheck.transcript import DEFAULT_ROLE_MAP, role_for

CALL = """\
# Outbound call, account 4471-22, recorded 2024-03-04
[00:00:01] Agent: Good morning, this is Priya calling from Northfield Recoveries.
Am I speaking with Mr Daniel Okafor?
[00:00:07] Customer: Yes, speaking.
[00:00:09] Agent: Thanks. Before we go on, can you confirm your date of birth?
[00:00:14] Customer: Twelfth of May, 1986.
[00:00:18] Agent: Thank you. I'm calling about the outstanding balance of £1,240 on your account.
[00:00:26] Customer: I lost my job in January.
I've been trying to keep up but I just can't right now.
[00:01:02] Agent: I'm sorry to hear that. Let's look at an arrangement that works for you.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def assert_error(exc: TranscriptError, path: Path, line: int | None) -> None:
    """The message is "<file>:<line>: <reason>" and the attributes agree."""
    assert exc.path == str(path)
    assert exc.line == line
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert str(exc).startswith(where), str(exc)
    assert exc.reason and exc.reason in str(exc)


# --------------------------------------------------------------------------- text


def test_text_turns_continuations_and_time_stamps(tmp_path):
    t = read_transcript(write(tmp_path, "okafor.txt", CALL))
    assert t.call_id == "okafor" and t.source.endswith("okafor.txt")
    assert [x.speaker for x in t.turns] == ["Agent", "Customer", "Agent", "Customer", "Agent", "Customer", "Agent"]
    assert [x.role for x in t.turns[:2]] == ["agent", "customer"]
    first = t.turns[0]
    assert first.text == (
        "Good morning, this is Priya calling from Northfield Recoveries.\nAm I speaking with Mr Daniel Okafor?"
    )
    assert (first.start, first.end, first.line) == (1.0, None, 2)
    assert t.turns[5].text.endswith("I just can't right now.") and t.turns[5].line == 8
    assert t.turns[6].start == 62.0


def test_text_range_stamps_and_label_on_its_own_line():
    t = parse_text("[12.5-14.0] Collector (Sam): Hello?\nCustomer:\nYes, who is this?\n")
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("Collector (Sam)", "agent", "Hello?"),
        ("Customer", "customer", "Yes, who is this?"),
    ]
    assert (t.turns[0].start, t.turns[0].end) == (12.5, 14.0)


def test_text_crlf_and_comments():
    t = parse_text("# header\r\nAgent: Hi.\r\n\r\nCustomer: Hello.\r\n")
    assert [x.text for x in t.turns] == ["Hi.", "Hello."]


def test_text_time_stamp_styles():
    t = parse_text(
        "00:00:03 Agent: Good morning.\n"
        "(00:00:05) Customer: Morning.\n"
        "Agent (00:01:02.5): It's about the balance.\n"
        "Customer [00:01:10 - 00:01:14]: Right.\n"
        "[1:2:3:4] Agent: A stamp that is not a time is ignored.\n"
    )
    assert [(x.speaker, x.start, x.end) for x in t.turns] == [
        ("Agent", 3.0, None),
        ("Customer", 5.0, None),
        ("Agent", 62.5, None),
        ("Customer", 70.0, 74.0),
        ("Agent", None, None),
    ]
    assert t.turns[2].text == "It's about the balance."


def test_clock_times_urls_and_numbered_labels():
    t = parse_text(
        "Agent: I can call you back\n"
        "tomorrow at 10:30 if that suits.\n"
        "You can also pay at\n"
        "https://pay.northfield.example/account\n"
        "Speaker 2: 30 pounds is all I have.\n"
        "Agent (Sam): Understood.\n"
    )
    assert [x.speaker for x in t.turns] == ["Agent", "Speaker 2", "Agent (Sam)"]
    assert t.turns[0].text.split("\n") == [
        "I can call you back",
        "tomorrow at 10:30 if that suits.",
        "You can also pay at",
        "https://pay.northfield.example/account",
    ]
    assert t.turns[1].text == "30 pounds is all I have."


def test_one_off_prose_label_continues_the_turn():
    text = (
        "Agent: Hello, this is Sam from Northfield.\n"
        "Customer: Hi. My brother rang you last week\n"
        "and he said: you would freeze the interest.\n"
        "Agent: Let me check that for you.\n"
        "Customer: Okay. The reason is: I lost my job.\n"
        "Mrs Patel: I'm her mother, she asked me to listen.\n"
        "[00:00:00] and then: the line dropped\n"
    )
    t = parse_text(text)
    assert [x.speaker for x in t.turns] == ["Agent", "Customer", "Agent", "Customer", "Mrs Patel", "and then"]
    # prose before a colon, used once: part of the customer's turn, not a new speaker
    assert t.turns[1].text == "Hi. My brother rang you last week\nand he said: you would freeze the interest."
    # a name used once is still a speaker; a time-stamped line is always a label
    assert t.turns[4].role == "unknown" and t.turns[5].start == 0.0
    # until the file shows its speakers (two labels used twice), every label starts a turn
    assert [x.speaker for x in parse_text("Agent: Hello.\nand he said: no").turns] == ["Agent", "and he said"]
    # a prose label used twice is a speaker's label
    twice = parse_text("Agent: a\nCustomer: b\nAgent: c\nCustomer: d\nthe caller: e\nthe caller: f\n")
    assert [x.speaker for x in twice.turns][-1] == "the caller"


# --------------------------------------------------------------------------- json


def test_json_one_call(tmp_path):
    doc = {
        "call_id": "c-0001",
        "metadata": {"agent_id": "A7", "outcome": "arrangement"},
        "turns": [
            {"speaker": "Agent", "text": "This is an attempt to collect a debt.", "start": 0, "end": 3.2},
            {"speaker": "Mrs Patel", "role": "customer", "text": "I know. I can pay twenty a week."},
        ],
    }
    t = read_transcript(write(tmp_path, "c1.json", json.dumps(doc, indent=2)))
    assert t.call_id == "c-0001" and t.metadata == {"agent_id": "A7", "outcome": "arrangement"}
    assert [(x.role, x.start, x.end) for x in t.turns] == [("agent", 0.0, 3.2), ("customer", None, None)]
    assert [x.line for x in t.turns] == [8, 14]


def test_json_list_of_calls(tmp_path):
    calls = [
        {"call_id": "a", "turns": [{"speaker": "Agent", "text": "Hello."}]},
        {"turns": [{"speaker": "Rep", "text": "Hi."}, {"speaker": "Debtor", "text": "Hi."}]},
    ]
    ts = read_transcripts(write(tmp_path, "batch.json", json.dumps(calls)))
    assert [t.call_id for t in ts] == ["a", "batch-1"]
    assert [x.role for x in ts[1].turns] == ["agent", "customer"]
    with pytest.raises(MalformedTranscriptError, match="holds 2 calls"):
        read_transcript(tmp_path / "batch.json")


def test_json_in_a_txt_file_is_sniffed(tmp_path):
    p = write(tmp_path, "call.txt", json.dumps({"turns": [{"speaker": "Agent", "text": "Hi"}]}))
    assert detect_format(p, p.read_text()) == "json"
    assert read_transcript(p).turns[0].text == "Hi"
    # a time stamp is not JSON
    assert detect_format("x.txt", "[00:00:01] Agent: hi") == "text"


def test_json_role_case_and_numeric_call_id(tmp_path):
    doc = {"call_id": 4471, "turns": [{"speaker": "Sam", "role": " Agent ", "text": "Hello."}]}
    t = read_transcript(write(tmp_path, "r.json", json.dumps(doc)))
    assert t.call_id == "4471" and t.turns[0].role == "agent"


# --------------------------------------------------------------------------- csv


def test_csv_several_calls_and_custom_columns(tmp_path):
    p = write(
        tmp_path,
        "export.csv",
        "Call Ref,Who,Utterance,start\n"
        "C-1,Agent,\"Hello, is that Ms Reid?\",0.0\n"
        "C-2,Collector,You need to pay today.,1.5\n"
        "C-1,Customer,\"Yes.\nWho's calling?\",2\n"
        "C-2,Debtor,I can't.,\n",
    )
    opts = ReadOptions(speaker_column="Who", text_column="Utterance", call_id_column="Call Ref")
    ts = read_transcripts(p, options=opts)
    assert [t.call_id for t in ts] == ["C-1", "C-2"]
    c1 = ts[0]
    assert [(x.speaker, x.role, x.line) for x in c1.turns] == [("Agent", "agent", 2), ("Customer", "customer", 4)]
    assert c1.turns[1].text == "Yes.\nWho's calling?" and c1.turns[1].start == 2.0
    assert ts[1].turns[1].start is None and ts[1].turns[0].start == 1.5


def test_csv_default_columns_tsv_and_case_insensitive_headers(tmp_path):
    p = write(tmp_path, "t.tsv", "Call_ID\tSpeaker\tText\nx\tAgent\tHello\nx\tCustomer\tHi\n")
    (t,) = read_transcripts(p)
    assert t.call_id == "x" and [x.text for x in t.turns] == ["Hello", "Hi"]


def test_csv_without_call_id_column_is_one_call(tmp_path):
    p = write(tmp_path, "one.csv", "speaker,text\nAgent,Hello\nCustomer,Hi\n")
    assert read_transcript(p).call_id == "one"


def test_csv_semicolon_separated(tmp_path):
    p = write(tmp_path, "excel.csv", 'call_id;speaker;text\nK-9;Advisor;"Hello; is that Mr Byrne?"\nK-9;Client;Yes.\n')
    (t,) = read_transcripts(p)
    assert t.call_id == "K-9"
    assert [(x.role, x.text) for x in t.turns] == [("agent", "Hello; is that Mr Byrne?"), ("customer", "Yes.")]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16"),  # native order with BOM
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "utf16-native"],
)
def test_bom_encodings(tmp_path, encode):
    text = "Agent: The balance is £300 — café prices.\r\nCustomer: Okay.\r\n"
    t = read_transcript(write(tmp_path, "enc.txt", encode(text)))
    assert t.turns[0].speaker == "Agent"  # no BOM left on the first label
    assert t.turns[0].text == "The balance is £300 — café prices." and t.turns[1].text == "Okay."


def test_utf8_bom_csv_header(tmp_path):
    p = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + b"speaker,text\nAgent,Hello\n")
    assert read_transcript(p).turns[0].text == "Hello"


def test_utf8_without_bom_and_line_endings():
    data = "Agent: Payment of €50 — thank you.\rCustomer: Ta.\r\n".encode("utf-8")
    assert decode_bytes(data) == "Agent: Payment of €50 — thank you.\nCustomer: Ta.\n"


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    "agent_label, customer_label",
    [("Agent", "Customer"), ("Collector", "Debtor"), ("Rep", "Client"), ("Advisor", "Caller"), ("AGENT 2", "customer_1")],
)
def test_default_role_map_in_a_file(tmp_path, agent_label, customer_label):
    p = write(
        tmp_path,
        "roles.txt",
        f"{agent_label}: Hello, this is Northfield Recoveries.\n{customer_label}: Hello.\n{agent_label}: How can I help?\n",
    )
    t = read_transcript(p)
    assert [x.role for x in t.turns] == ["agent", "customer", "agent"]
    assert "role_inference" not in t.metadata  # the labels decided; nothing was inferred


def test_default_role_map():
    assert role_for("Agent 2") == "agent" and role_for("collector_sam") == "agent"
    assert role_for("Account Holder") == "customer" and role_for("Agentur") == "unknown"
    assert role_for("spk_0") == role_for("Speaker 1") == role_for("A") == "unknown"
    assert set(DEFAULT_ROLE_MAP.values()) == {"agent", "customer"}


def test_role_map_override(tmp_path):
    p = write(tmp_path, "names.txt", "Sam: Hello, Northfield here.\nMrs Patel: Hello.\nCaller: Sorry?\n")
    t = read_transcript(p, role_map={"Sam": "agent", "mrs patel": "customer", "caller": "unknown"})
    assert [x.role for x in t.turns] == ["agent", "customer", "unknown"]
    with pytest.raises(ValueError, match="roles are"):
        parse_text("Sam: hi", role_map={"sam": "boss"})


def test_role_map_applies_to_csv_and_json(tmp_path):
    c = write(tmp_path, "r.csv", "speaker,text\nSam,Hi\nJo,Hello\n")
    j = write(tmp_path, "r.json", json.dumps({"turns": [{"speaker": "Sam", "text": "Hi"}]}))
    opts = ReadOptions(role_map={"sam": "agent", "jo": "customer"})
    assert [x.role for x in read_transcript(c, options=opts).turns] == ["agent", "customer"]
    assert read_transcript(j, role_map={"sam": "agent"}).turns[0].role == "agent"


# --------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path):
    p = write(tmp_path, "empty.txt", b"")
    with pytest.raises(EmptyTranscriptError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)
    assert "empty" in info.value.reason


def test_bom_only_file_is_empty(tmp_path):
    p = write(tmp_path, "bom.txt", codecs.BOM_UTF8)
    with pytest.raises(EmptyTranscriptError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)


def test_whitespace_only(tmp_path):
    p = write(tmp_path, "blank.txt", "  \n\t\n   \n")
    with pytest.raises(EmptyTranscriptError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)
    assert "white space" in info.value.reason


def test_no_speaker_labels(tmp_path):
    p = write(tmp_path, "prose.txt", "\n\nThe collector rang at nine\nand asked for payment in full\n")
    with pytest.raises(NoSpeakerLabelsError) as info:
        read_transcript(p)
    assert_error(info.value, p, 3)
    assert "Speaker" in info.value.reason


def test_text_before_first_label(tmp_path):
    p = write(tmp_path, "late.txt", "Agent: hi\n")
    p.write_text("call notes follow\nAgent: hi\n")
    with pytest.raises(NoSpeakerLabelsError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)


def test_binary_file(tmp_path):
    p = write(tmp_path, "audio.txt", b"Agent: hi\nRIFF\x00\x00WAVEfmt ")
    with pytest.raises(BinaryFileError) as info:
        read_transcript(p)
    assert_error(info.value, p, 2)
    assert "binary" in info.value.reason


def test_undecodable_latin1(tmp_path):
    p = write(tmp_path, "latin.txt", b"Agent: hello\nCustomer: caf\xe9 prices\n")
    with pytest.raises(EncodingError) as info:
        read_transcript(p)
    assert_error(info.value, p, 2)
    assert "UTF-8" in info.value.reason and "offset 26" in info.value.reason


def test_truncated_utf16(tmp_path):
    p = write(tmp_path, "cut.txt", codecs.BOM_UTF16_LE + "Agent: hi\nCustomer: yes".encode("utf-16-le")[:-1])
    with pytest.raises(EncodingError) as info:
        read_transcript(p)
    assert_error(info.value, p, 2)


def test_decode_bytes_without_path():
    with pytest.raises(EncodingError, match=r"^<string>:1: "):
        decode_bytes(b"caf\xe9")


def test_truncated_json(tmp_path):
    p = write(tmp_path, "cut.json", '{\n  "call_id": "c9",\n  "turns": [\n    {"speaker": "Agent", "text": "Hel')
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    assert_error(info.value, p, 4)
    assert "invalid JSON" in info.value.reason


def test_json_missing_turns(tmp_path):
    p = write(tmp_path, "noturns.json", '[\n  {"call_id": "a", "turns": [{"speaker": "A", "text": "x"}]},\n  {"call_id": "b"}\n]')
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 3)
    assert "call 1" in info.value.reason and "'turns'" in info.value.reason


@pytest.mark.parametrize(
    "turn, cls, words",
    [
        ('"just words"', MalformedTranscriptError, "not an object"),
        ('{"text": "hi"}', NoSpeakerLabelsError, "no 'speaker'"),
        ('{"speaker": "Agent", "text": 5}', MalformedTranscriptError, "'text'"),
        ('{"speaker": "Agent", "text": "x", "role": "boss"}', MalformedTranscriptError, "role 'boss'"),
        ('{"speaker": "Agent", "text": "x", "start": "soon"}', MalformedTranscriptError, "non-numeric"),
        ('{"speaker": "Agent", "text": "x", "end": [1]}', MalformedTranscriptError, "non-numeric"),
    ],
)
def test_json_bad_turns_name_their_line(tmp_path, turn, cls, words):
    p = write(tmp_path, "bad.json", '{"turns": [\n  {"speaker": "Agent", "text": "ok"},\n  ' + turn + "\n]}")
    with pytest.raises(cls) as info:
        read_transcript(p)
    assert_error(info.value, p, 3)
    assert words in info.value.reason


@pytest.mark.parametrize(
    "doc, words",
    [
        ("[]", "empty list"),
        ('"hello"', "expected a JSON object"),
        ('{"turns": []}', "'turns' is empty"),
        ('{"turns": {"speaker": "A"}}', "missing 'turns' list"),
        ('{"metadata": [1], "turns": [{"speaker": "A", "text": "x"}]}', "'metadata' must be an object"),
        ('{"call_id": {"x": 1}, "turns": [{"speaker": "A", "text": "x"}]}', "'call_id'"),
    ],
)
def test_json_bad_shapes(tmp_path, doc, words):
    p = write(tmp_path, "shape.json", doc)
    with pytest.raises(TranscriptError) as info:
        read_transcripts(p)
    assert words in info.value.reason and info.value.line == 1
    assert str(info.value).startswith(f"{p}:1: ")


def test_csv_missing_text_column(tmp_path):
    p = write(tmp_path, "cols.csv", "call_id,speaker,transcript\nc1,Agent,Hello\n")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 1)
    assert "'text'" in info.value.reason and "'transcript'" in info.value.reason


def test_csv_bad_rows_name_their_line(tmp_path):
    p = write(tmp_path, "rows.csv", "speaker,text,role\nAgent,Hello,\n,No speaker,\n")
    with pytest.raises(NoSpeakerLabelsError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 3)
    p = write(tmp_path, "role.csv", 'speaker,text,role\nAgent,"two\nlines",\nAgent,Hi,manager\n')
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 4)
    p = write(tmp_path, "short.csv", "speaker,text\nAgent\n")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 2)


def test_csv_header_only(tmp_path):
    p = write(tmp_path, "head.csv", "speaker,text\n")
    with pytest.raises(EmptyTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 2)


def test_file_over_max_bytes(tmp_path):
    p = write(tmp_path, "big.txt", "Agent: " + "x" * 500 + "\n")
    with pytest.raises(TranscriptTooLargeError) as info:
        read_transcript(p, options=ReadOptions(max_bytes=100))
    assert_error(info.value, p, 1)
    assert "100-byte limit" in info.value.reason
    assert read_transcript(p, options=ReadOptions(max_bytes=1000)).turns[0].text == "x" * 500


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(TranscriptError, match="cannot read file"):
        read_transcript(tmp_path / "nope.txt")
    p = write(tmp_path, "a.txt", "Agent: hi\n")
    with pytest.raises(UnknownFormatError) as info:
        read_transcript(p, format="docx")
    assert str(p) in str(info.value) and "known:" in info.value.reason


def test_errors_are_value_errors():
    with pytest.raises(ValueError):
        parse_text("   ")
    with pytest.raises(TranscriptError):
        parse_json("{", path="x.json")
    with pytest.raises(TranscriptError):
        parse_csv("a,b\n1,2\n", path="x.csv")


def test_utf32_is_reported_not_misread(tmp_path):
    p = write(tmp_path, "u32.txt", "Agent: hi\n".encode("utf-32"))
    with pytest.raises(EncodingError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)
    assert "UTF-32" in info.value.reason


def test_nul_inside_utf16_is_binary(tmp_path):
    p = write(tmp_path, "nul16.txt", "Agent: hi\nCustomer: \x00\x01".encode("utf-16"))
    with pytest.raises(BinaryFileError) as info:
        read_transcript(p)
    assert_error(info.value, p, 2)


def test_only_comments(tmp_path):
    p = write(tmp_path, "notes.txt", "# call notes\n# nothing was said\n")
    with pytest.raises(NoSpeakerLabelsError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_an_encoding_error(tmp_path, encoding):
    p = write(tmp_path, "nobom.txt", "Agent: Hello, is that Mrs Ali?\nCustomer: Yes.\n".encode(encoding))
    with pytest.raises(EncodingError) as info:
        read_transcript(p)
    assert_error(info.value, p, 1)
    assert "UTF-16 without a byte-order mark" in info.value.reason


@pytest.mark.parametrize(
    "number, words",
    [("1" + "0" * 400, "not finite"), ("9" * 5000, "invalid JSON")],
    ids=["overflows-a-float", "over-python-digit-limit"],
)
def test_json_huge_numbers(tmp_path, number, words):
    p = write(tmp_path, "n.json", '{"turns": [\n  {"speaker": "Agent", "text": "x", "start": ' + number + "}\n]}")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    assert words in info.value.reason and len(str(info.value)) < 300
    assert info.value.path == str(p) and info.value.line in (1, 2)


def test_several_calls_in_read_transcript_names_the_second(tmp_path):
    p = write(tmp_path, "two.csv", "call_id,speaker,text\nA-1,Agent,Hi\nA-2,Agent,Hello\nA-1,Customer,Yo\n")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcript(p)
    assert_error(info.value, p, 3)
    assert "2 calls ('A-1', 'A-2')" in info.value.reason


def test_csv_duplicate_column(tmp_path):
    p = write(tmp_path, "dup.csv", "speaker,text,Text\nAgent,Hello,Hi\n")
    with pytest.raises(MalformedTranscriptError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 1)
    assert "'text' column 2 times" in info.value.reason


def test_csv_field_over_the_csv_limit(tmp_path):
    p = write(tmp_path, "huge.csv", 'speaker,text\nAgent,Hello\nCustomer,"' + "x" * 200_000 + '"\n')
    with pytest.raises(TranscriptTooLargeError) as info:
        read_transcripts(p)
    assert_error(info.value, p, 3)


@pytest.mark.parametrize(
    "line",
    ["[" + "1" * 50_000, "(" + "1:" * 25_000, "Agent " + "(1:1" * 12_500 + ":", "[1 " * 20_000, "a(1:1" * 10_000],
    ids=["open-bracket-digits", "paren-clock", "label-parens", "bracket-spaces", "label-clock"],
)
def test_pathological_lines_are_read_in_linear_time(line):
    """These lines once made the label pattern backtrack for minutes; now each takes milliseconds."""
    started = time.perf_counter()
    with pytest.raises(TranscriptError):
        parse_text(line + "\n", path="slow.txt")
    t = parse_text("Agent: hello\n" + line + "\n")
    assert time.perf_counter() - started < 5.0
    assert t.turns[0].speaker == "Agent" and t.turns[-1].text.endswith(line.strip()[-10:])
