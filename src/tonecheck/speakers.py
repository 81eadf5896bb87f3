"""Deciding which speaker is the agent when the labels do not say.

Diarised transcripts label speakers ``spk_0``/``spk_1``, ``Speaker 1``/``Speaker 2``
or ``A``/``B``: none of them maps to a role, so nothing would be scored. The
collector, though, says recognisable things: they introduce the company ("calling
from ..."), verify identity ("date of birth", "first line of your address"), give
disclosures ("this is an attempt to collect a debt", "calls are recorded") and talk
about "your account", the "balance", a "payment", an "arrangement".

:func:`infer_roles` scores every speaker on those cues (:data:`AGENT_CUES`) and
makes the top scorer the agent. The score is transparent: each cue has a weight,
and a speaker's score is the sum over cues of ``weight x occurrences`` in their
turns, each cue counting at most :data:`MAX_HITS_PER_CUE` times (so a customer
who repeats "balance" ten times does not outweigh one disclosure). The decision,
the scores, the cues behind them and a confidence are returned and recorded in
``metadata["role_inference"]``.

:func:`assign_agent` is the manual override (``ReadOptions(agent_speaker=...)``,
``--agent-speaker spk_0``).
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping

from .errors import MalformedTranscriptError
from .transcript import Transcript

#: ``(name, weight, pattern)`` of the phrases a collector says and a customer rarely does,
#: matched case-insensitively. Weights: 3 = near-certain (disclosures, identity checks),
#: 2 = strong (introductions, verification), 1 = supporting (account and payment talk).
AGENT_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (name, weight, re.compile(pattern, re.IGNORECASE))
    for name, weight, pattern in [
        # disclosures
        ("debt_disclosure", 3, r"\battempt(?:ing)? to collect a debt\b"),
        ("debt_collector", 3, r"\bdebt collector\b"),
        ("recorded_calls", 3, r"\bcalls? (?:are|is|may be|will be) (?:being )?(?:recorded|monitored)\b"),
        ("mini_miranda", 3, r"\bany information obtained will be used\b"),
        # identity checks
        ("date_of_birth", 3, r"\b(?:your|the|confirm|verify) (?:full )?date of birth\b"),
        ("first_line_address", 3, r"\bfirst line of (?:your|the) address\b"),
        ("confirm_your", 2, r"\b(?:confirm|verify) your\b"),
        ("security_questions", 2, r"\bsecurity (?:questions?|checks?)\b"),
        # introductions ("Sam from Acme": the company name must be capitalised)
        ("calling_from", 2, r"\b(?:calling|call|ringing|phoning) (?:you )?(?:from|on behalf of)\b"),
        ("company_intro", 2, r"\b(?:my name is|this is|i'm|i am) (?!calling|ringing|phoning)\w+(?: \w+)? (?:from|at|with) (?-i:[A-Z])"),
        # account and payment talk
        ("your_account", 1, r"\byour (?:account|balance|arrears|payment plan|agreement)\b"),
        ("balance", 1, r"\b(?:outstanding )?balance\b"),
        ("outstanding", 1, r"\boutstanding\b"),
        ("payment", 1, r"\bpayments?\b"),
        ("arrangement", 1, r"\barrangement\b"),
        ("how_can_i_help", 1, r"\bhow (?:can|may) i help\b"),
        ("income_expenditure", 1, r"\bincome and expenditure\b"),
    ]
)

#: A cue counts at most this many times per speaker.
MAX_HITS_PER_CUE = 3

#: Below this confidence the inference is a guess; callers may want a person to check it.
LOW_CONFIDENCE = 0.6


def speaker_scores(transcript: Transcript) -> dict[str, dict[str, float]]:
    """Per speaker (in order of first appearance), the weight earned by each cue found in their turns.

    >>> t = Transcript.from_turns("c", [("A", "I'm calling from Acme about your account."), ("B", "OK.")])
    >>> speaker_scores(t)
    {'A': {'calling_from': 2.0, 'your_account': 1.0}, 'B': {}}
    """
    counts: dict[str, dict[str, int]] = {s: {} for s in transcript.speakers}
    for turn in transcript.turns:
        hits = counts[turn.speaker]
        for name, _, pattern in AGENT_CUES:
            n = len(pattern.findall(turn.text))
            if n:
                hits[name] = hits.get(name, 0) + n
    weights = {name: float(weight) for name, weight, _ in AGENT_CUES}
    return {
        speaker: {name: weights[name] * min(n, MAX_HITS_PER_CUE) for name, n in hits.items()}
        for speaker, hits in counts.items()
    }


def confidence(top: float, second: float) -> float:
    """How sure the inference is, from 0 to 1, given the top two scores.

    The product of two factors, each from 0 to 1:

    - evidence, ``tanh((top - second) / 4)``: a lead of one weight-3 cue gives
      0.64, of two such cues 0.91; a lead of a single weight-1 cue only 0.24;
    - separation, ``sqrt((top - second) / top)``: 1 when only the winner said
      anything agent-like, small when the runner-up said nearly as much.

    So scores that are close, or thin, give a low confidence (below
    :data:`LOW_CONFIDENCE`); 14 against 6 gives 0.73, 5 against 4 gives 0.11.

    >>> confidence(14.0, 6.0), confidence(5.0, 4.0), confidence(3.0, 0.0), confidence(0.0, 0.0)
    (0.729, 0.11, 0.635, 0.0)
    """
    if top <= 0 or top <= second:
        return 0.0
    margin = top - second
    return round(math.tanh(margin / 4.0) * math.sqrt(margin / top), 3)


def infer_roles(transcript: Transcript, *, candidates: list[str] | None = None) -> tuple[Transcript, dict[str, Any]]:
    """Decide from what they say which speaker is the agent.

    ``candidates`` are the speakers that may be the agent (default: every speaker
    whose role is not already ``customer``). The highest-scoring candidate becomes
    ``agent`` and every other speaker ``customer``. Ties (including "nobody said
    anything agent-like") go to the candidate who spoke first, with confidence 0.

    Returns a copy of the transcript with the new roles, and the decision, which
    is also stored in the copy's ``metadata["role_inference"]``::

        {"agent_speaker": "spk_0", "confidence": 0.885, "method": "inferred",
         "scores": {"spk_0": 11.0, "spk_1": 2.0},
         "cues": {"spk_0": {"calling_from": 2.0, ...}, "spk_1": {"balance": 1.0, ...}}}

    Confidence below :data:`LOW_CONFIDENCE` means the scores were close or thin.
    A transcript without candidates is returned unchanged with ``agent_speaker``
    ``None``, confidence 0 and method ``"none"`` (nothing is stored).

    >>> t, info = infer_roles(Transcript.from_turns("c", [("A", "Hello?"), ("B", "Calls are recorded.")]))
    >>> [x.role for x in t.turns], info["agent_speaker"], info["confidence"]
    (['customer', 'agent'], 'B', 0.635)
    """
    if candidates is None:
        roles: dict[str, str] = {}
        for t in transcript.turns:
            roles.setdefault(t.speaker, t.role)
        candidates = [s for s, r in roles.items() if r != "customer"]
    cues = speaker_scores(transcript)
    totals = {s: round(float(sum(c.values())), 3) for s, c in cues.items()}
    if not candidates:
        return transcript, {"agent_speaker": None, "confidence": 0.0, "scores": totals, "cues": cues, "method": "none"}
    ranked = sorted(candidates, key=lambda s: -totals.get(s, 0.0))  # stable: the first speaker wins ties
    agent = ranked[0]
    second = totals.get(ranked[1], 0.0) if len(ranked) > 1 else 0.0
    inference = {
        "agent_speaker": agent,
        "confidence": confidence(totals.get(agent, 0.0), second),
        "scores": totals,
        "cues": cues,
        "method": "inferred",
    }
    return _with_agent(transcript, agent, inference), inference


def find_speaker(transcript: Transcript, label: str) -> str | None:
    """The speaker label of ``transcript`` that is ``label``: exactly, else ignoring case and surrounding space."""
    speakers = transcript.speakers
    if label in speakers:
        return label
    folded = label.strip().casefold()
    return next((s for s in speakers if s.strip().casefold() == folded), None)


def assign_agent(transcript: Transcript, agent_speaker: str) -> tuple[Transcript, dict[str, Any]]:
    """Make ``agent_speaker`` the agent and every other speaker the customer, whatever the labels say.

    The label is matched by :func:`find_speaker`. Returns the copy and the decision
    (also in its ``metadata["role_inference"]``): method ``"override"``, confidence
    1, and the cue scores :func:`infer_roles` would have used, for comparison.
    Raises :class:`~tonecheck.errors.MalformedTranscriptError` naming the speakers
    present when no label matches.
    """
    label = find_speaker(transcript, agent_speaker)
    if label is None:
        raise MalformedTranscriptError(
            f"call {transcript.call_id!r} has no speaker {agent_speaker!r} (agent_speaker); "
            f"its speakers are {', '.join(map(repr, transcript.speakers)) or 'none'}",
            transcript.source,
            transcript.turns[0].line if transcript.turns else None,
        )
    cues = speaker_scores(transcript)
    inference = {
        "agent_speaker": label,
        "confidence": 1.0,
        "scores": {s: round(float(sum(c.values())), 3) for s, c in cues.items()},
        "cues": cues,
        "method": "override",
    }
    return _with_agent(transcript, label, inference), inference


def _with_agent(transcript: Transcript, agent: str, inference: Mapping[str, Any]) -> Transcript:
    roles = {s: ("agent" if s == agent else "customer") for s in transcript.speakers}
    out = transcript.with_roles(roles)
    out.metadata["role_inference"] = dict(inference)
    return out
