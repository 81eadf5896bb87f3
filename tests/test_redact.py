"""tonecheck.redact: card numbers, long digit runs, emails and phone numbers are masked; amounts, times and
dates stay; turn and evidence rows redacted together keep their offsets."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from tonecheck.redact import TEXT_COLUMNS, redact, redact_frame, redact_tables, redaction_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        # card numbers: 13-19 digits, together, spaced or dashed
        ("card 4111111111111111 ok", "card [CARD] ok"),
        ("card 4111 1111 1111 1111 ok", "card [CARD] ok"),
        ("card 4111-1111-1111-1111 ok", "card [CARD] ok"),
        ("amex 3782 822463 10005.", "amex [CARD]."),
        ("19 digits 4000 0000 0000 0000 002", "19 digits [CARD]"),
        ("13 digits 4222222222222", "13 digits [CARD]"),
        # account numbers and other long digit runs
        ("account 12345678 please", "account [NUMBER] please"),
        ("ref ACC-00123456", "ref ACC-[NUMBER]"),
        ("sort code 12-34-56", "sort code [NUMBER]"),
        ("six 123456 but five 12345", "six [NUMBER] but five 12345"),
        ("it's four one one one double two three four", "it's [NUMBER]"),
        # emails, also as speech-to-text writes them
        ("mail jo.bloggs+debt@example.co.uk.", "mail [EMAIL]."),
        ("it's john dot smith at gmail dot com", "it's [EMAIL]"),
        # UK phone numbers
        ("ring 07700 900123 today", "ring [PHONE] today"),
        ("ring 07700900123", "ring [PHONE]"),
        ("ring 020 7946 0958", "ring [PHONE]"),
        ("ring (020) 7946 0958", "ring [PHONE]"),
        ("ring +44 7700 900123", "ring [PHONE]"),
        ("ring +44 (0)20 7946 0958", "ring [PHONE]"),
        ("ring 0044 7700 900123", "ring [PHONE]"),
        ("StepChange on 0800 138 1111.", "StepChange on [PHONE]."),
        # US phone numbers
        ("call (212) 555-0147 now", "call [PHONE] now"),
        ("call 212-555-0147 now", "call [PHONE] now"),
        ("call 212.555.0147 now", "call [PHONE] now"),
        ("call +1 212 555 0147 now", "call [PHONE] now"),
        ("call 1-800-555-0199 now", "call [PHONE] now"),
        # what stays
        ("I paid £1,500 on 3 May at 10:30, then $250.", "I paid £1,500 on 3 May at 10:30, then $250."),
        ("born 14/05/1988, letter dated 2026-11-02", "born 14/05/1988, letter dated 2026-11-02"),
        ("we can do 20 a month for 12 months", "we can do 20 a month for 12 months"),
        ("", ""),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_redact_leaves_non_strings_alone():
    assert redact(None) is None
    assert redact(12345678) == 12345678
    nan = float("nan")
    assert redact(nan) is nan


def test_redaction_spans_are_sorted_and_disjoint():
    text = "Card 4111 1111 1111 1111, mail a@b.com, phone 07700 900123, acct 99887766."
    spans = redaction_spans(text)
    assert [label for _, _, label in spans] == ["CARD", "EMAIL", "PHONE", "NUMBER"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -.@abcxyz()+\n")), max_size=80))
def test_no_long_digit_run_or_email_survives(text):
    out = redact(text)
    assert not re.search(r"\d{6,}", out)
    assert not re.search(r"[a-z0-9.]+@[a-z0-9-]+\.[a-z]{2,}", out)
    assert redact(out) == out  # masks contain no digits: redaction is idempotent


def test_redact_frame_masks_text_columns_only():
    df = pd.DataFrame(
        {
            "call_id": ["c1", "c2"],
            "text": ["call me on 07700 900123", None],
            "sentence": ["my card is 4111 1111 1111 1111", "fine"],
            "start_char": [11, 0],
            "agent_id": ["123456789", "A-1"],
        }
    )
    out = redact_frame(df)
    assert out["text"].tolist()[0] == "call me on [PHONE]"
    assert out["text"].isna().tolist()[1]
    assert out["sentence"].tolist() == ["my card is [CARD]", "fine"]
    assert out["agent_id"].tolist() == ["123456789", "A-1"]  # not a default text column
    assert df["text"].tolist()[0] == "call me on 07700 900123"  # a copy
    assert redact_frame(df, columns=["agent_id"])["agent_id"].tolist() == ["[NUMBER]", "A-1"]
    assert "text" in TEXT_COLUMNS and "sentence" in TEXT_COLUMNS


def test_redact_tables_keeps_offsets_on_the_same_words():
    text = "Email jo@example.com or call 07700 900123, then you need to pay 12345678 today."
    turns = [{"call_id": "c", "turn_index": 0, "text": text}]

    def row(words, category="demand"):
        start = text.index(words)
        return {"call_id": "c", "turn_index": 0, "category": category, "text": words, "start_char": start,
                "end_char": start + len(words), "sentence": text, "modifier": ""}

    evidence = [row("you need to"), row("Email"), row("pay 12345678 today"), row("07700 900123", "solution")]
    new_turns, new_evidence = redact_tables(turns, evidence)
    red = new_turns[0]["text"]
    assert red == "Email [EMAIL] or call [PHONE], then you need to pay [NUMBER] today."
    got = {r["text"] for r in new_evidence}
    assert got == {"you need to", "Email", "pay [NUMBER] today", "[PHONE]"}
    for r in new_evidence:
        assert red[r["start_char"]:r["end_char"]] == r["text"]
        assert r["sentence"] == red
    assert turns[0]["text"] == text  # inputs untouched


def test_redact_tables_evidence_without_its_turn_is_redacted_on_its_own():
    _, ev = redact_tables([], [{"call_id": "x", "turn_index": 3, "text": "on 07700 900123", "start_char": 0, "end_char": 15}])
    assert ev[0]["text"] == "on [PHONE]"
