"""One sentence being read for events: its tokens, mentions and dates, and where dates attach.

A date expression is the date of a clause when it is a dependent of the clause's predicate
or the ``の``-modifier of one of its nominal dependents (``7日の閣議で``); never when it
bounds a period (``6日正午から``) or modifies a nearer verb (``昨年11月に離脱し``): in
Japanese an adverbial modifies the nearest predicate unless a comma sets it off. The
sentence's *adverbial date* is a date followed by a comma (``Xは5日、``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.clauses import head_actors, topic_actors
from kg.model import DateValue, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence
    from kg.roles import ArticleState

ADVERBIAL_DATE = re.compile(r"(?:午前|午後|夜|朝|未明|深夜|正午)?(?:[0-9０-９]+時(?:[0-9０-９]+分)?(?:ごろ|頃)?)?"
                            r"(?:(?:に|には|も)?、|の[^、。「」]{1,10}?で(?:は|も)?、"
                            r"|に(?:発表|公表|発出|出|行っ|公開)した[^、。「」]{1,10}?で(?:は|も)?、)")
PERIOD_BOUND = re.compile(r"(?:午前|午後|夜|朝|正午|[0-9０-９]+時)*(?:から|まで|以降|以来|までに)")

@dataclass
class SentenceView:
    """One sentence being read: its tokens, mentions and dates in Doc coordinates."""

    sentence: Sentence
    mentions: list[Mention]
    to_doc: int
    dates: list[tuple[int, int, DateValue | None]]
    markers: frozenset[str] = frozenset()
    statements: frozenset[str] = frozenset()

    def actors(self, token: Token, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
        return head_actors(token, self.mentions, self.to_doc, self.sentence.text,
                           self.sentence.offset, state.actors)

    def topic(self, state: ArticleState, before: int | None = None) -> list[Mention]:
        return topic_actors(self.sentence.span, self.mentions, self.to_doc, self.sentence.text,
                            self.sentence.offset, state.actors, before)

    def date_of(self, token: Token, before: int | None = None) -> DateValue | None:
        """The date written on a clause: a dependent of ``token``, or the ``の``-modifier of a
        nominal dependent (``7日の閣議で``, ``同日夜のビデオ演説で``), never one inside a
        relative clause (``13日に期限を迎える制裁``)."""
        for child in token.children:
            if before is not None and child.idx >= before:
                continue
            value = self._date_in(child, token)
            if value is not None:
                return value
            if child.pos_ in ("NOUN", "PROPN") and child.dep_ in ("obl", "nmod", "nsubj") and child.i < token.i:
                for grandchild in child.children:
                    if grandchild.dep_ in ("nmod", "compound") and grandchild.i < child.i:
                        value = self._date_in(grandchild, token)
                        if value is not None:
                            return value
        return None

    def _date_in(self, token: Token, clause: Token | None = None) -> DateValue | None:
        """A date written in ``token``'s nominal part, unless it is a period bound
        (``6日正午から``) or belongs to a nearer verb before ``clause`` (``昨年11月に離脱し``):
        a Japanese adverbial modifies the nearest predicate unless a comma sets it off."""
        text, base = self.sentence.text, self.sentence.span.start_char
        starts: list[int] | None = None  # where the nominal part's tokens start, once
        for start, end, value in self.dates:
            if value is None:
                continue
            if starts is None:
                starts = [t.idx for t in _nominal_part(token)]
            if not any(start <= idx < end for idx in starts):
                continue
            rest = text[end - base : end - base + 12]
            if PERIOD_BOUND.match(rest):
                continue
            if clause is not None and not rest.startswith("、") and any(
                    t.pos_ == "VERB" and start < t.idx and t.i < clause.i and t.dep_ in ("acl", "advcl", "ccomp")
                    for t in token.doc[token.i : clause.i]):
                continue
            return value
        return None

    def adverbial_date(self, before: int | None = None) -> DateValue | None:
        """The sentence's adverbial date: a date followed by ``、`` (``Xは5日、``), possibly
        through ``に``/``には`` or an occasion noun (``7日の閣議で、``, ``9日の記者会見で、``), or
        a statement issued that day (``23日に発表した声明で、``)."""
        text = self.sentence.text
        base = self.sentence.span.start_char
        for start, end, value in self.dates:
            if value is None or before is not None and start >= before:
                continue
            rest = text[end - base : end - base + 12]
            if ADVERBIAL_DATE.match(rest):
                return value
        return None


def _nominal_part(token: Token) -> list[Token]:
    """A token and its nominal modifiers (``同日夜の``), never a clause inside it."""
    out, todo = [], [token]
    while todo:
        here = todo.pop()
        out.append(here)
        todo += [c for c in here.children if c.i < here.i and c.dep_ in ("nmod", "compound", "nummod")]
    return out
