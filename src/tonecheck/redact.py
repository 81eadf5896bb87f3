"""Mask personal data in transcript text: card numbers, account numbers and other long digit runs,
emails and phone numbers.

>>> redact("Card 4111 1111 1111 1111, email jo.b@example.com, call 07700 900123 or (555) 010-4477.")
'Card [CARD], email [EMAIL], call [PHONE] or [PHONE].'
>>> redact("Account 12345678, sort code 12-34-56, paid £250 on 3 May.")
'Account [NUMBER], sort code [NUMBER], paid £250 on 3 May.'

What is masked (``[LABEL]`` replaces the whole match):

- ``[EMAIL]`` e-mail addresses, and spoken ones from speech-to-text ("jo smith at gmail dot com").
- ``[CARD]`` 13-19 digits, written together or in groups split by single spaces or dashes.
- ``[PHONE]`` UK numbers (``07700 900123``, ``020 7946 0958``, ``+44 (0)20 7946 0958``, ``0800 138 1111``) and
  US numbers (``(555) 010-4477``, ``555-010-4477``, ``555.010.4477``, ``+1 555 010 4477``, ``1-800-555-0199``).
- ``[NUMBER]`` any other run of 6 or more digits, also in groups split by single spaces or dashes (account
  numbers, sort codes, reference numbers), and 6 or more spoken digits in a row ("four one one one
  double two ..."), as speech-to-text writes them.

Amounts, times, dates and short numbers ("£250", "10:30", "3 May", "1,500", "14/05/1988", "2026-11-02")
stay. Otherwise redaction errs on the side of masking: any 6 digits in a row are masked, whatever they are.

:func:`redact_frame` applies :func:`redact` to a DataFrame's text columns; :func:`redact_tables` redacts a
call's turn and evidence rows together, so evidence offsets still index into the redacted turn text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    import pandas as pd

#: The text columns of the documented tables that :func:`redact_frame` masks by default (when present).
TEXT_COLUMNS: tuple[str, ...] = ("text", "sentence", "modifier", "reason", "detail", "related_text", "source")

_SPOKEN_DIGIT = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_TLD = r"(?:com|net|org|co|uk|us|gov|edu|io|info|me|biz)"

# (label, pattern); overlapping matches are resolved by position, then length, then _PRIORITY
_PATTERNS: tuple[tuple[str, "re.Pattern[str]"], ...] = (
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")),
    ("EMAIL", re.compile(rf"\b(?:[A-Za-z0-9_\-]+ dot )*[A-Za-z0-9._\-]+ at [A-Za-z0-9\-]+(?: dot {_TLD})+\b", re.IGNORECASE)),
    ("CARD", re.compile(r"(?<![\d])\d(?:[ \-]?\d){12,18}(?![\d])")),
    # UK: +44 / 0044 / 0, then 9-10 digits in groups
    ("PHONE", re.compile(r"(?<![\w+])(?:(?:\+|00) ?44 ?(?:\(0\) ?)?|\(?0)\d{2,4}\)?(?:[ \-]?\d){6,8}(?![\d])")),
    # US: optional +1 / 1, area code (in brackets or not), 3 + 4 digits
    ("PHONE", re.compile(r"(?<![\w+])(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}[ .\-]?)\d{3}[ .\-]?\d{4}(?![\d])")),
    ("NUMBER", re.compile(r"(?<![\d])\d+(?:[ \-]\d+)*(?![\d])")),
    ("NUMBER", re.compile(rf"\b{_SPOKEN_DIGIT}(?:[ ,\-]+{_SPOKEN_DIGIT}){{5,}}\b", re.IGNORECASE)),
)
_PRIORITY = {"EMAIL": 0, "PHONE": 1, "CARD": 2, "NUMBER": 3}


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


_ISO_DATE = re.compile(r"(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])")


def _accept(label: str, match: str) -> bool:
    if label == "NUMBER" and match[:1].isdigit():
        return _digits(match) >= 6 and not _ISO_DATE.fullmatch(match)
    if label == "CARD":
        return 13 <= _digits(match) <= 19
    return True


def redaction_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of everything :func:`redact` masks, sorted and non-overlapping."""
    if not text:
        return []
    candidates: list[tuple[int, int, int, str]] = []
    for label, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and _accept(label, m.group()):
                candidates.append((m.start(), -(m.end() - m.start()), _PRIORITY[label], label))
    candidates.sort()
    spans: list[tuple[int, int, str]] = []
    last_end = -1
    for start, neg_len, _, label in candidates:
        if start >= last_end:
            spans.append((start, start - neg_len, label))
            last_end = start - neg_len
    return spans


def mask(label: str) -> str:
    """What a redacted stretch of text is replaced with, e.g. ``[CARD]``."""
    return f"[{label}]"


def redact(text: Any) -> Any:
    """``text`` with card numbers, long digit runs, emails and phone numbers masked; non-strings unchanged."""
    if not isinstance(text, str) or not text:
        return text
    spans = redaction_spans(text)
    if not spans:
        return text
    out, pos = [], 0
    for start, end, label in spans:
        out.append(text[pos:start])
        out.append(mask(label))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def redact_frame(df: "pd.DataFrame", columns: Iterable[str] | None = None) -> "pd.DataFrame":
    """A copy of ``df`` with :func:`redact` applied to its text columns.

    ``columns`` defaults to the documented free-text columns (:data:`TEXT_COLUMNS`) that ``df`` has.
    Offsets (``start_char``/``end_char``) are not changed: to redact turns and evidence together and
    keep the offsets right, use :func:`redact_tables`.
    """
    out = df.copy()
    cols = [c for c in (TEXT_COLUMNS if columns is None else columns) if c in out.columns]
    for col in cols:
        out[col] = out[col].map(redact)
    return out


def _shift(pos: int, spans: Sequence[tuple[int, int, str]], *, is_end: bool) -> int:
    """Where offset ``pos`` of the original text lands in the redacted text."""
    delta = 0
    for start, end, label in spans:
        if end <= pos:
            delta += len(mask(label)) - (end - start)
        elif start < pos:  # inside a masked stretch: snap to its edge
            return start + delta + (len(mask(label)) if is_end else 0)
        else:
            break
    return pos + delta


def redact_tables(
    turns: Iterable[Mapping[str, Any]], evidence: Iterable[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Redact turn rows and evidence rows (dicts, as in :mod:`tonecheck.frames`) together.

    Turn ``text`` is redacted; each evidence row's ``start_char``/``end_char`` are moved to the same words
    in the redacted turn text and its ``text`` becomes exactly ``redacted_turn_text[start_char:end_char]``;
    ``sentence`` and ``modifier`` are redacted. Evidence whose turn is not among ``turns`` is redacted
    with :func:`redact` alone.
    """
    spans_of: dict[tuple[Any, Any], list[tuple[int, int, str]]] = {}
    new_turns = []
    for row in turns:
        row = dict(row)
        text = row.get("text")
        spans = redaction_spans(text) if isinstance(text, str) else []
        spans_of[(row.get("call_id"), row.get("turn_index"))] = spans
        if spans:
            row["text"] = redact(text)
        new_turns.append(row)
    text_of = {(r.get("call_id"), r.get("turn_index")): r.get("text") for r in new_turns}
    new_evidence = []
    for row in evidence:
        row = dict(row)
        key = (row.get("call_id"), row.get("turn_index"))
        spans = spans_of.get(key)
        start, end = row.get("start_char"), row.get("end_char")
        if spans is not None and isinstance(start, int) and isinstance(end, int):
            if spans:
                row["start_char"] = _shift(start, spans, is_end=False)
                row["end_char"] = _shift(end, spans, is_end=True)
                row["text"] = text_of[key][row["start_char"]:row["end_char"]]
        else:
            row["text"] = redact(row.get("text"))
        for col in ("sentence", "modifier"):
            if col in row:
                row[col] = redact(row[col])
        new_evidence.append(row)
    return new_turns, new_evidence
