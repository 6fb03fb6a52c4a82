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

from kg.clauses import case_of, head_actors, is_quoted, topic_actors
from kg.model import DateValue, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence
    from kg.roles import ArticleState

ADVERBIAL_DATE = re.compile(r"(?:午前|午後|夜|朝|未明|深夜|正午)?(?:[0-9０-９]+時(?:[0-9０-９]+分|半)?(?:ごろ|頃)?)?"
                            r"(?:[(（][^()（）]{1,20}時間[^()（）]{1,20}[)）])?"  # (日本時間12日未明)
                            r"(?:(?:に|には|も)?、|の[^、。「」]{1,10}?で(?:は|も)?、"
                            r"|に(?:発表|公表|発出|出|行っ|公開)した[^、。「」]{1,10}?で(?:は|も)?、)")
PERIOD_BOUND = re.compile(r"(?:午前|午後|夜|朝|未明|早朝|深夜|夕方|昼|正午|[0-9０-９]+時(?:[0-9０-９]+分|半)?)*"
                          r"(?:から|まで|以降|以来|までに|にかけ)")
# A date set off by a comma or marked as a topic (``3月には``, ``同日は``) never lies inside a
# relative clause: ``は`` does not occur in one, so a nearer adnominal verb is not its own.
TOPIC_SET = re.compile(r"(?:に|で)?(?:は|も)?、|(?:に|で)?は")
# Verbs of attending a gathering: the gathering's date is the attendance's.
ATTENDANCE = frozenset({"出席", "参加", "臨む"})
# Verbs that hold a gathering (``11日に開かれた首脳会議``): its date is the gathering's.
GATHERING_VERBS = frozenset({"開く", "開催", "行う", "開幕", "始まる"})

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
        return self._stranded_date(token, before)

    def _stranded_date(self, token: Token, before: int | None = None) -> DateValue | None:
        """A date GiNZA hung on a later verb although ``token`` is the nearest predicate after
        it and no comma sets it off (``翌23日には…停止すると発表``, ``4月24日には…退去を命じる
        など…取った``), or on a verb inside a quotation that ``token`` introduces
        (``同日の会見で「…処理している」と述べ``): by the nearest-predicate rule it is ``token``'s."""
        if token.pos_ != "VERB":
            return None
        text, base, doc = self.sentence.text, self.sentence.span.start_char, token.doc
        for start, end, value in self.dates:
            if value is None or start >= token.idx or before is not None and start >= before:
                continue
            rest = text[end - base : end - base + 12]
            if rest.startswith("、") or PERIOD_BOUND.match(rest) or ADVERBIAL_DATE.match(rest):
                continue
            inside = [t for t in self.sentence.span if start <= t.idx < end]
            roots = [t for t in inside if not start <= t.head.idx < end]
            if len(roots) != 1:
                continue
            hung = roots[0].head
            while hung.pos_ in ("NOUN", "PROPN", "NUM") and hung.head is not hung:
                hung = hung.head  # ``同日の記者会見で``: the verb the date's phrase hangs on
            while _quoted_at(text, end - base, hung.idx - base) and hung.head is not hung:
                hung = hung.head  # a verb inside 「…」 takes no adverbial from outside it
            if hung.i < token.i or hung.i > token.i and not hung.is_ancestor(token):
                continue
            if any(t.pos_ == "VERB" and t.dep_ in ("acl", "advcl", "ccomp")
                   and not _quoted_at(text, end - base, t.idx - base)
                   for t in doc[inside[-1].i + 1 : token.i]):
                continue
            return value
        return None

    def content_start(self, token: Token) -> int | None:
        """Where the reported content holding ``token`` starts its own time, if it does:
        ``フィリピン軍は19日、…周辺で17日、…体当たりし、…押収したと発表した``. The
        sentence's first comma-set date is the report's; a later one, before an act that
        precedes the quotation mark (``と``), is the time of the acts reported."""
        if not any(is_quoted(t) and t.i >= token.i for t in self.sentence.span):
            return None
        text, base = self.sentence.text, self.sentence.span.start_char
        set_off = [start for start, end, value in self.dates if value is not None and start < token.idx
                   and ADVERBIAL_DATE.match(text[end - base : end - base + 12])
                   and not _quoted_at(text, 0, start - base)]
        return set_off[-1] if len(set_off) > 1 else None

    def conjunct_date(self, token: Token) -> DateValue | None:
        """The date of the first clause of a continuative chain that ``token`` closes
        (``ハマスは昨年10月7日にイスラエルを奇襲し、約1200人を殺害、…``): clauses joined by
        ``〜し、``/``〜、`` with no new subject between them are acts of one occasion, so a
        date on the first dates them all, also where GiNZA breaks the chain. A clause that
        ends (``〜した``), a subordinate one (``〜して``, ``〜すれば``) or a new subject
        (``が``, ``は``) between them breaks it."""
        text, base, doc = self.sentence.text, self.sentence.span.start_char, token.doc
        for start, end, value in reversed(self.dates):
            if value is None or start >= token.idx:
                continue
            rest = text[end - base : end - base + 12]
            if rest.startswith("、") or PERIOD_BOUND.match(rest):
                continue
            inside = [t for t in self.sentence.span if start <= t.idx < end]
            roots = [t for t in inside if not start <= t.head.idx < end]
            if len(roots) != 1:
                continue
            first = roots[0].head
            if first.pos_ != "VERB" or not inside[-1].i < first.i < token.i:
                continue
            between = doc[first.i + 1 : token.i]
            ends = [t for t in between if t.pos_ == "PUNCT"]
            if not ends or ends[0].text != "、" or any(
                    t.pos_ not in ("AUX", "PUNCT") for t in doc[first.i + 1 : ends[0].i]):
                return None  # ``離脱したことで``: the first clause does not continue into a chain
            if any(t.dep_ == "case" and t.text in ("が", "は") or t.lemma_ == "た" or t.text in "「」"
                   or t.dep_ == "mark" and t.text in ("て", "で", "ば", "と", "たら", "ながら")
                   for t in between):
                return None
            return value
        return None

    def attended_date(self, token: Token) -> DateValue | None:
        """The date of the gathering an attendance (``出席``, ``参加``) is at: a date on the
        gathering's own relative clause (``11日に開かれた首脳会議に出席``), or on the
        occasion noun of the act it chains into (``会議に出席し、今月1日の演説で…訴えた``):
        speaking at a gathering happens while attending it. An act done at a gathering
        (``11日に開いた首脳会議で、…合意した``) takes the gathering's date the same way."""
        attending = token.lemma_ in ATTENDANCE
        for child in token.children:  # an act done at the gathering (``開いた首脳会議で、…合意``) too
            if child.i < token.i and child.dep_ == "obl" and (attending or case_of(child) == "で"):
                for clause in [c for n in _nominal_part(child) for c in n.children]:
                    if clause.dep_ == "acl" and clause.i < child.i and clause.lemma_ in GATHERING_VERBS:
                        value = self.date_of(clause)
                        if value is not None:
                            return value
        head = token.head
        if not attending or token.dep_ not in ("advcl", "conj") or head.i < token.i:
            return None
        for child in head.children:
            if token.i < child.i < head.i and child.dep_ == "obl" and child.pos_ == "NOUN" \
                    and any(c.text == "で" for c in child.children):
                for modifier in child.children:
                    if modifier.dep_ == "nmod" and modifier.i < child.i:
                        value = self._date_in(modifier)
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
            if clause is not None and clause.dep_ == "acl" and ADVERBIAL_DATE.match(rest):
                continue  # ``5日の記者会見で、…拘束された``: set off, it modifies the main verb
            if clause is not None and not TOPIC_SET.match(rest) and any(
                    t.pos_ == "VERB" and start < t.idx and t.i < clause.i and t.dep_ in ("acl", "advcl", "ccomp")
                    and not _quoted_at(text, end - base, t.idx - base)
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
            rest = text[end - base : end - base + 28]  # room for 午後(日本時間12日未明)、
            if ADVERBIAL_DATE.match(rest):
                return value
        return None


def _quoted_at(text: str, start: int, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation opened after ``start``: a verb in
    ``「…」`` cannot take an adverbial written outside it."""
    between = text[start:at]
    return between.count("「") > between.count("」")


def _nominal_part(token: Token) -> list[Token]:
    """A token and its nominal modifiers (``同日夜の``), never a clause inside it."""
    out, todo = [], [token]
    while todo:
        here = todo.pop()
        out.append(here)
        todo += [c for c in here.children if c.i < here.i and c.dep_ in ("nmod", "compound", "nummod")]
    return out
