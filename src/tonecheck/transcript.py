"""The transcript model: a call made of turns.

A :class:`Transcript` is what every reader produces and what the pipeline
scores. It is deliberately small: a call id, optional metadata (agent id, date,
outcome, anything else the source carries) and a list of :class:`Turn`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal, Mapping

Role = Literal["agent", "customer", "unknown"]
ROLES: tuple[str, ...] = ("agent", "customer", "unknown")

#: Speaker labels that map to a role by default (compared case-insensitively,
#: ignoring digits, punctuation and a trailing name: "Agent 2", "Collector (Sam)"
#: and "agent_sam" are agents). Override or extend with ``role_map=``.
DEFAULT_ROLE_MAP: dict[str, Role] = {
    "agent": "agent",
    "collector": "agent",
    "rep": "agent",
    "representative": "agent",
    "advisor": "agent",
    "adviser": "agent",
    "operator": "agent",
    "csr": "agent",
    "customer": "customer",
    "debtor": "customer",
    "client": "customer",
    "caller": "customer",
    "consumer": "customer",
    "borrower": "customer",
    "account holder": "customer",
}

_LABEL_WORD = re.compile(r"[a-z]+(?: holder)?")


def _normalise_label(label: str) -> str:
    return " ".join(label.strip().lower().replace("_", " ").split())


def role_for(label: str, role_map: Mapping[str, str] | None = None) -> Role:
    """Map a speaker label to ``agent``, ``customer`` or ``unknown``.

    ``role_map`` entries are looked up first (exact label, case-insensitive), then
    the default map. A label matches a map key if it equals it or starts with it
    as a word: "Agent Sarah" and "Customer 1" map, "Agentur" does not.

    >>> role_for("Collector (Sam)")
    'agent'
    >>> role_for("Mrs Patel", {"mrs patel": "customer"})
    'customer'
    """
    norm = _normalise_label(label)
    maps: list[Mapping[str, str]] = []
    if role_map:
        maps.append({_normalise_label(k): v for k, v in role_map.items()})
    maps.append(DEFAULT_ROLE_MAP)
    for mapping in maps:
        if norm in mapping:
            return _check_role(mapping[norm], label)
    for mapping in maps:
        for key, role in mapping.items():
            if norm.startswith(key) and not norm[len(key) : len(key) + 1].isalpha():
                return _check_role(role, label)
    return "unknown"


def _check_role(role: str, label: str) -> Role:
    if role not in ROLES:
        raise ValueError(f"role map gives {label!r} the role {role!r}; roles are {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


@dataclass(frozen=True)
class Turn:
    """One speaker turn.

    Attributes:
        speaker: the label as it appears in the source ("Agent", "spk_0", "Sam").
        text: what was said. Evidence offsets index into this string.
        role: ``agent``, ``customer`` or ``unknown``. Only agent turns are scored for tone.
        start, end: seconds from the start of the call, when the source has them.
        line: 1-based line of the source file where the turn starts, when known.
    """

    speaker: str
    text: str
    role: Role = "unknown"
    start: float | None = None
    end: float | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"turn role must be one of {ROLES}, not {self.role!r}")


@dataclass
class Transcript:
    """A call: an id, optional metadata and the turns in order.

    ``metadata`` holds whatever the source knows about the call (``agent_id``,
    ``date``, ``outcome``, ...); it is carried into the ``calls`` table.
    ``source`` is the path the transcript was read from, if any.
    """

    call_id: str
    turns: list[Turn]
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str | None = None

    @classmethod
    def from_turns(
        cls,
        call_id: str,
        turns: Iterable[tuple[str, str] | Turn],
        *,
        role_map: Mapping[str, str] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> "Transcript":
        """Build a transcript from ``(speaker, text)`` pairs, mapping speakers to roles.

        >>> t = Transcript.from_turns("c1", [("Agent", "How can I help?"), ("Customer", "I lost my job.")])
        >>> [turn.role for turn in t.turns]
        ['agent', 'customer']
        """
        built: list[Turn] = []
        for item in turns:
            if isinstance(item, Turn):
                built.append(item)
            else:
                speaker, text = item
                built.append(Turn(speaker=speaker, text=text, role=role_for(speaker, role_map)))
        return cls(call_id=call_id, turns=built, metadata=dict(metadata or {}))

    @property
    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        return list(dict.fromkeys(t.speaker for t in self.turns))

    def with_roles(self, roles: Mapping[str, str]) -> "Transcript":
        """A copy with the roles of the named speakers replaced (``{"spk_0": "agent"}``)."""
        turns = [replace(t, role=_check_role(roles[t.speaker], t.speaker)) if t.speaker in roles else t for t in self.turns]
        return replace(self, turns=turns, metadata=dict(self.metadata))

    def to_dict(self) -> dict[str, Any]:
        """The transcript in tonecheck's JSON schema (see :mod:`tonecheck.readers`)."""
        turns = []
        for t in self.turns:
            d: dict[str, Any] = {"speaker": t.speaker, "role": t.role, "text": t.text}
            if t.start is not None:
                d["start"] = t.start
            if t.end is not None:
                d["end"] = t.end
            turns.append(d)
        return {"call_id": self.call_id, "metadata": dict(self.metadata), "turns": turns}
