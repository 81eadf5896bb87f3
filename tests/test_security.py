"""tonecheck makes no network calls, and lexicon files are data: never executed, never slow."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tonecheck


def test_scoring_works_with_networking_disabled(tmp_path):
    call = tmp_path / "call.txt"
    call.write_text("Agent: I'm sorry to hear that. What would work for you?\nCustomer: Fifty a month.\n", encoding="utf-8")
    code = f"""
import socket

def refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import tonecheck
for pipeline in ("fast", "accurate"):
    report = tonecheck.score_many([{str(call)!r}], pipeline=pipeline)
    assert len(report.calls) == 1 and report.errors.empty, report.errors
    print(pipeline, int(report.calls.empathy_count[0]), int(report.calls.open_question_count[0]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["fast", "1", "1", "accurate", "1", "1"]


def test_lexicon_yaml_cannot_execute_code(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yml"
    evil.write_text(
        f"entries: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    with pytest.raises(tonecheck.LexiconError, match="evil.yml"):
        tonecheck.check_lexicon_file(evil)
    assert not marker.exists()


def test_regex_patterns_are_rejected(tmp_path):
    slow = tmp_path / "slow.yml"
    slow.write_text(
        "entries:\n  - id: demand.slow\n    category: demand\n"
        "    pattern: [{LOWER: pay}, {TEXT: {REGEX: '(a+)+$'}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(tonecheck.LexiconError, match=r"slow.yml: entry demand.slow: REGEX predicates are not allowed"):
        tonecheck.load("fast", lexicons=[slow])
