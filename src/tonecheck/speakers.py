"""Deciding which speaker is the agent when the labels do not say.

Diarised transcripts label speakers ``spk_0``/``spk_1``, ``Speaker 1``/``Speaker 2``
or ``A``/``B``: none of them maps to a role, so nothing would be scored. The
collector, though, says recognisable things: they introduce the company ("calling
from ..."), verify identity ("date of birth", "first line of your address"), give
disclosures ("this is an attempt to collect a debt", "calls are recorded") and talk
about "your account", the "balance", an "arrangement".

:func:`infer_roles` scores every speaker on those cues and makes the top scorer the
agent. The score is transparent: each cue has a weight, a speaker's score is the
sum of the weights of the cues found in their turns (each occurrence counts), and
``metadata["role_inference"]`` records the scores, the winner and a confidence.

:func:`assign_agent` is the manual override (``--agent-speaker spk_0``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping

from .transcript import Transcript

#: (name, weight, pattern) of the phrases a collector says and a customer rarely does.
#: Weights: 3 = near-certain (disclosures, identity checks), 2 = strong, 1 = supporting.
AGENT_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (name, weight, re.compile(pattern, re.IGNORECASE))
    for name, weight, pattern in [
        ("debt_disclosure", 3, r"\battempt(?:ing)? to collect a debt\b"),
        ("debt_collector", 3, r"\bdebt collector\b"),
        ("recorded_calls", 3, r"\bcalls? (?:are|is|may be|will be) (?:being )?(?:recorded|monitored)\b"),
        ("date_of_birth", 3, r"\b(?:your|the|confirm|verify) (?:full )?date of birth\b"),
        ("first_line_address", 3, r"\bfirst line of (?:your|the) address\b"),
        ("mini_miranda", 3, r"\bany information obtained will be used\b"),
        ("calling_from", 2, r"\b(?:calling|call|ringing|phoning) (?:you )?(?:from|on behalf of)\b"),
        ("company_intro", 2, r"\b(?:my name is|this is|i'm|i am) (?!calling|ringing|phoning)\w+(?: \w+)? (?:from|at|with) (?-i:[A-Z])"),
        ("confirm_your", 2, r"\b(?:confirm|verify) your\b"),
        ("security_questions", 2, r"\bsecurity (?:questions?|checks?)\b"),
        ("your_account", 1, r"\byour (?:account|balance|arrears|payment plan|agreement)\b"),
        ("balance", 1, r"\b(?:outstanding )?balance\b"),
        ("outstanding", 1, r"\boutstanding\b"),
        ("arrangement", 1, r"\b(?:payment )?arrangement\b"),
        ("how_can_i_help", 1, r"\bhow (?:can|may) i help\b"),
        ("income_expenditure", 1, r"\bincome and expenditure\b"),
    ]
)

#: Below this confidence the inference is a guess; callers may want a person to check it.
LOW_CONFIDENCE = 0.6


def speaker_scores(transcript: Transcript) -> dict[str, dict[str, float]]:
    """Per speaker, the weight earned by each cue found in their turns.

    >>> t = Transcript.from_turns("c", [("A", "I'm calling from Acme about your account."), ("B", "OK.")])
    >>> speaker_scores(t)["A"]
    {'calling_from': 2.0, 'your_account': 1.0}
    """
    out: dict[str, dict[str, float]] = {s: {} for s in transcript.speakers}
    for turn in transcript.turns:
        hits = out[turn.speaker]
        for name, weight, pattern in AGENT_CUES:
            n = len(pattern.findall(turn.text))
            if n:
                hits[name] = hits.get(name, 0.0) + weight * n
    return out


def _confidence(top: float, second: float) -> float:
    """How sure: the winner's margin over the runner-up, discounted when there is little evidence.

    ``(top - second) / top`` is 1 when only the winner said anything agent-like and
    near 0 when both said as much; ``min(1, top / 4)`` keeps a single weak cue from
    counting as certainty.
    """
    if top <= 0:
        return 0.0
    return round((top - second) / top * min(1.0, top / 4.0), 3)


def infer_roles(transcript: Transcript, *, candidates: list[str] | None = None) -> Transcript:
    """A copy of ``transcript`` with the most agent-like speaker as the agent.

    ``candidates`` are the speakers that may be the agent (default: every speaker
    whose role is not already ``customer``). The winner becomes ``agent``; every
    other speaker becomes ``customer``. Ties (including "nobody said anything
    agent-like") go to the speaker who spoke first, with confidence 0.

    The decision is recorded in ``metadata["role_inference"]``::

        {"agent_speaker": "spk_0", "confidence": 0.82, "method": "inferred",
         "scores": {"spk_0": 11.0, "spk_1": 1.0},
         "cues": {"spk_0": {"calling_from": 2.0, ...}, "spk_1": {...}}}

    A transcript with no candidate speaker is returned unchanged.
    """
    if candidates is None:
        roles = {}
        for t in transcript.turns:
            roles.setdefault(t.speaker, t.role)
        candidates = [s for s, r in roles.items() if r != "customer"]
    if not candidates:
        return transcript
    cues = speaker_scores(transcript)
    totals = {s: round(float(sum(c.values())), 3) for s, c in cues.items()}
    ranked = sorted(candidates, key=lambda s: -totals.get(s, 0.0))  # stable: first speaker wins ties
    agent = ranked[0]
    second = totals.get(ranked[1], 0.0) if len(ranked) > 1 else 0.0
    inference = {
        "agent_speaker": agent,
        "confidence": _confidence(totals.get(agent, 0.0), second),
        "scores": totals,
        "cues": cues,
        "method": "inferred",
    }
    return _with_agent(transcript, agent, inference)


def assign_agent(transcript: Transcript, agent_speaker: str) -> Transcript:
    """A copy with ``agent_speaker`` as the agent and every other speaker as the customer.

    The label is matched exactly, then ignoring case and surrounding space.
    Raises ``KeyError`` naming the speakers present when no label matches.
    """
    speakers = transcript.speakers
    label = agent_speaker if agent_speaker in speakers else None
    if label is None:
        folded = [s for s in speakers if s.strip().casefold() == agent_speaker.strip().casefold()]
        if not folded:
            raise KeyError(agent_speaker)
        label = folded[0]
    inference = {"agent_speaker": label, "confidence": 1.0, "scores": {}, "method": "override"}
    return _with_agent(transcript, label, inference)


def _with_agent(transcript: Transcript, agent: str, inference: Mapping[str, object]) -> Transcript:
    roles = {s: ("agent" if s == agent else "customer") for s in transcript.speakers}
    out = transcript.with_roles(roles)
    out.metadata["role_inference"] = dict(inference)
    return out
