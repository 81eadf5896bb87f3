"""tonecheck's Doc and Span extensions: their names, defaults and where spaCy keeps their values.

No spaCy import here, so scoring can read the values without loading spaCy. spaCy stores
``doc._.NAME`` in ``doc.user_data[("._.", NAME, None, None)]`` and ``span._.NAME`` under
``("._.", NAME, span.start_char, span.end_char)``. Hot paths read and write those keys directly
instead of building an Underscore object per access; this module is the one place that spells them
(``tests/test_pipeline.py`` checks them against spaCy's own ``doc._`` and ``span._``).
"""

from __future__ import annotations

from typing import Any

#: Doc extensions and their defaults: turn role and speaker, turn index, call id, sentence sentiment,
#: and the sentences the accurate pipeline's rules left for the parser
DOC_EXTENSIONS: dict[str, Any] = {
    "tc_role": None,
    "tc_speaker": None,
    "tc_turn_index": None,
    "tc_call_id": None,
    "tc_sentiment": None,
    "tc_syntax_todo": None,
}

#: Span extensions (on evidence spans) and their defaults
SPAN_EXTENSIONS: dict[str, Any] = {
    "tc_negated": False,
    "tc_negation_uncertain": False,
    "tc_undercut": False,
    "tc_modifier": None,
    "tc_decided_by": "rules",
}


def doc_key(name: str) -> tuple[str, str, None, None]:
    """The ``doc.user_data`` key of ``doc._.<name>``."""
    return ("._.", name, None, None)


def span_key(name: str, start_char: int, end_char: int) -> tuple[str, str, int, int]:
    """The ``doc.user_data`` key of ``span._.<name>`` for the span at these character offsets."""
    return ("._.", name, start_char, end_char)


ROLE = doc_key("tc_role")
SPEAKER = doc_key("tc_speaker")
TURN_INDEX = doc_key("tc_turn_index")
CALL_ID = doc_key("tc_call_id")
SENTIMENT = doc_key("tc_sentiment")
