"""Gapped coordination: one verb written once for several pairs of actors.

``林外相は韓国の朴外相と、上川外相は中国の王外相とそれぞれ会談した`` reports two meetings
(Hayashi–Park, Kamikawa–Wang), not one meeting of Hayashi with Wang. A trigger preceded by
``それぞれ`` whose clause writes two or more ``Xは … Yと`` (or ``Xは … Yに``) pairs is one
event per pair: each topic is the source of its own event, the actor written with it its
recipient. Without ``それぞれ`` nothing is split (``AとBは…会談した`` is one meeting).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.clauses import case_of
from kg.roles import keys_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.model import Event, Mention
    from kg.roles import ArticleState, SentenceView

RESPECTIVELY = frozenset({"それぞれ", "各々", "おのおの"})
PAIR_TOPIC_CASES = frozenset({"は", "が", "も"})
PAIR_PARTNER_CASES = frozenset({"と", "とも", "に", "に対し", "に対して", "へ"})
NEAR = 3  # それぞれ is written at most this many tokens before the trigger


def respectively(event: Event, token: Token, s: SentenceView, state: ArticleState) -> list[Event]:
    """The events of a trigger written once for several pairs (``AはBと、CはDとそれぞれ会談
    した`` → A–B and C–D; ``AはBと、Cとそれぞれ会談した`` → A–B and A–C); ``[event]`` when the
    sentence is not such a coordination. A date written in a pair's own stretch of the
    sentence (``9日にパリでBと、10日にはローマでCと``) dates that pair's event."""
    pairs = respective_pairs(token, s, state)
    if len(pairs) < 2:
        return [event]
    split = []
    begin = token.sent.start_char
    for topic, partner, end in pairs:
        own = [value for start, _, value in s.dates if begin <= start < end and value is not None]
        split.append(replace(event, sources=keys_of(topic),
                             recipients=tuple(k for k in keys_of(partner) if k not in keys_of(topic)),
                             date=own[-1] if own else event.date))
        begin = end
    return split


def respective_pairs(token: Token, s: SentenceView, state: ArticleState
                     ) -> list[tuple[list[Mention], list[Mention], int]]:
    """The (topic, partner, where the partner's phrase ends) triples written before a trigger
    preceded by ``それぞれ``, in order; empty unless every topic has its partner. A partner
    phrase closed by ``と、`` and followed by another (``Bと、Cと``) pairs the same topic again."""
    doc = token.doc
    start = max(token.sent.start, token.i - NEAR)
    if not any(doc[k].text in RESPECTIVELY for k in range(start, token.i)):
        return []
    pairs: list[tuple[list[Mention], list[Mention], int]] = []
    closed = False  # the last partner phrase ended with a comma: the next partner is a new pair
    for word in doc[token.sent.start : token.i]:
        case = case_of(word)
        if case not in PAIR_TOPIC_CASES | PAIR_PARTNER_CASES:
            continue
        taken = {m.entity for pair in pairs for side in pair[:2] for m in side}
        heads = [m for m in s.actors(word, state)[0] if m.entity not in taken]  # the parse nests pairs
        if not heads:
            continue
        end = _phrase_end(word)
        if case in PAIR_TOPIC_CASES:
            if pairs and not pairs[-1][1]:
                return []  # AとBは…: a joint topic, not two pairs
            pairs.append((heads, [], end))
        elif pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], heads, end)
        elif pairs and closed:
            pairs.append((pairs[-1][0], heads, end))  # AはBと、Cと: A again
        closed = end < len(doc.text) and doc.text[end : end + 1] == "、"
    if any(not partner for _, partner, _ in pairs):
        return []
    return pairs


def _phrase_end(word: Token) -> int:
    """Where a phrase ends: after its case markers (``メローニ伊首相と`` → after と)."""
    last = word
    for child in word.children:
        if child.i > last.i and child.dep_ in ("case", "fixed"):
            last = child
    return last.idx + len(last.text)
