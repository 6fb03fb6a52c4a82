"""Who did what to whom in a sentence: triggers, subjects, speakers, recipients, about.

The reading state of an article (``ArticleState``) and the argument rules used by
``kg.events``; the rules are documented in ``kg.events``' module docstring.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.clauses import (
    ABOUT_CASES, AGENT_CASES, ATTRIBUTION_CASES, CONDITIONAL_MARKS, RECIPIENT_CASES,
    SUBJECT_CASES, case_of, chain, has_comma_after, is_quoted, mentions_in, phrase_text,
)
from kg.dates import DateAnchor
from kg.lexicon import Lexicon, Predicate
from kg.model import Article, DateValue, EntityRecord, Event, Mention
from kg.occasion import Occasion
from kg.view import SentenceView

__all__ = ["ArticleState", "SentenceView", "arguments_of", "attribution_of", "condition_subject",
           "entry_of", "keys_of", "predicate_of", "speaker_of", "subject_of"]

if TYPE_CHECKING:
    from spacy.tokens import Token

NO_RECIPIENT_FROM_OWNER = frozenset({"AGREE", "CONSULT"})
MAX_TOPIC = 40
STANCE_NOUNS = frozenset({"意", "姿勢", "立場", "考え"})  # 満足の意を表す, 支持する姿勢を示す


@dataclass
class ArticleState:
    """What event extraction remembers while reading one article's sentences in order."""

    article: Article
    lexicon: Lexicon
    records: dict[str, EntityRecord]
    actors: frozenset[str]
    first_body: int | None = None
    titles: frozenset[str] = frozenset()
    last_subject: list[Mention] = field(default_factory=list)
    last_consult: tuple[str, ...] = ()
    last_dates: dict[str, DateValue] = field(default_factory=dict)
    last_written: DateValue | None = None  # the last date written in any earlier sentence
    occasion: Occasion = field(default_factory=Occasion)
    history: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def published(self) -> datetime.date | None:
        value = self.article.published
        return value.date() if isinstance(value, datetime.datetime) else value

    def anchor(self, previous: DateValue | None = None) -> DateAnchor:
        day = self.article.dateline.day if self.article.dateline else None
        return DateAnchor(self.published, dateline_day=day, previous=previous)


def _modifiers(token: Token) -> set[str]:
    words = {c.lemma_ for c in token.children} | {c.text for c in token.children} | {token.head.lemma_}
    doc = token.doc
    for k in range(max(token.i - 3, token.sent.start), token.i):
        words |= {doc[k].lemma_, doc[k].text}
    return words


def entry_of(token: Token, lexicon: Lexicon) -> Predicate | None:
    candidates: tuple[Predicate, ...] = ()
    if token.i > token.sent.start:
        candidates = lexicon.entries(token.doc[token.i - 1].lemma_ + token.lemma_)
    candidates = candidates or lexicon.entries(token.lemma_)
    words = _modifiers(token)
    for entry in candidates:
        if not entry.with_ or any(w.startswith(x) for w in words for x in entry.with_):
            return entry
    return None


def predicate_of(token: Token, entry: Predicate, lexicon: Lexicon) -> Token | None:
    """The token carrying the trigger's clause, or None when the word is not predicated."""
    head = token.head
    if head.lemma_ in STANCE_NOUNS and head.dep_ == "obj" and head.head.lemma_ in lexicon.light_verbs:
        return head.head
    if head is not token and head.lemma_ in lexicon.light_verbs and token.dep_ in ("obj", "obl", "nsubj"):
        if case_of(token) in ("を", "が", "も", "は", "に", "など", "などを", ""):
            return head
    if entry.mode == "expel" and head.lemma_ in lexicon.order_verbs and token.dep_ in ("obj", "obl", "advcl"):
        return head  # 国外退去を命じた, 退去するよう通告した: the order is the expulsion
    if entry.mode == "expel" and entry.light:
        return None  # 外交官らは国外に退去した: leaving is no expulsion
    if (entry.category == "SANCTION" and head.lemma_ in lexicon.listing_nouns and token.dep_ in ("compound", "nmod")
            and head.dep_ == "obl" and head.head.lemma_ in lexicon.listing_verbs):
        return head.head  # …を資産凍結の対象に加えた, 制裁対象に追加した
    if (head.lemma_ in lexicon.transparent_nouns and token.dep_ in ("compound", "nmod")
            and head.head.lemma_ in lexicon.light_verbs and head.dep_ in ("obj", "obl", "nsubj")):
        return head.head  # 離脱手続きを始める: the procedure is the act's
    if token.dep_ == "acl" and head.lemma_ in lexicon.statement_nouns | lexicon.document_nouns and not entry.light:
        return token  # 攻撃を非難する声明を発表した, 批准を撤回する法律に署名した
    if entry.light and token.pos_ != "VERB":
        return None
    if token.dep_ == "acl" and head.lemma_ in lexicon.future_markers | lexicon.hypothetical_markers:
        return token  # 訪問する予定だ, 侵攻した場合
    if token.dep_ == "acl" and not is_quoted(token) and not has_comma_after(token):
        has_subject = any(c.dep_ == "nsubj" or case_of(c) in SUBJECT_CASES for c in token.children)
        return token if has_subject else None
    if token.pos_ == "VERB" or token.dep_ == "ROOT":
        return token
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text in ("。", "、") and not case_of(token):
        return token
    if any(case_of(c) in AGENT_CASES for c in token.children) and case_of(token) in ("", "は", "が"):
        return token  # ロシアによるウクライナ侵攻が始まった; not …による併合や…を巡り (a topic)
    return None


def speaker_of(pred: Token, s: SentenceView, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
    """(speakers, recipients of the telling) of a quoted predicate, climbing nested quotes."""
    verb = pred
    told: list[Mention] = []
    topic = s.topic(state, pred.i)
    while is_quoted(verb) and verb.head is not verb:
        verb = verb.head
        if topic and topic[0].start - s.to_doc < verb.idx:
            return topic, told  # Xは、…と述べた: the topic is the speaker
        for c in verb.children:
            if case_of(c) in ("に", "に対し") and c.i < verb.i:
                told += s.actors(c, state)[0]
        subject = subject_of(verb, s, state)
        if subject:
            return subject, told
    return topic, told


def subject_of(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    for clause in chain(pred):
        conditions = [c.i for c in clause.children if c.dep_ == "advcl" and c.i < clause.i
                      and any(g.text in CONDITIONAL_MARKS for g in c.children)]
        for child in clause.children:
            if conditions and case_of(child) == "が" and child.i < max(conditions):
                continue  # ロシアが…すれば: the subject of the condition
            if child.i < clause.i and (child.dep_ in ("nsubj", "nsubj:pass") or case_of(child) in SUBJECT_CASES):
                heads, owners = s.actors(child, state)
                titled = child.text in state.titles or child.lemma_ in state.titles \
                    or child.lemma_ in state.lexicon.group_nouns  # 韓国の市民団体が → South Korea
                if heads or owners and titled and case_of(child) in ("は", "が"):
                    return heads or owners  # 国連の(unknown)事務総長は → the UN
    head = pred.head
    if head is not pred and pred.dep_ in ("dep", "acl") and has_comma_after(pred) \
            and case_of(head) in ("は", "が") and head.i < pred.i:
        found = s.actors(head, state)[0]  # Xは、…と批判し、… (the parse hung the verb on X)
        if found:
            return found
    lex = state.lexicon
    if pred.dep_ == "acl" and pred.head.lemma_ in lex.statement_nouns | lex.document_nouns \
            and pred.head.head is not pred.head:
        return subject_of(pred.head.head, s, state)  # Xは…を非難する声明を発表した
    if pred.dep_ == "acl" and pred.head.lemma_ == "こと" and pred.head.head.lemma_ in lex.decision_verbs:
        return subject_of(pred.head.head, s, state)  # Xは…を延長することを決めた
    if pred.dep_ == "acl" and pred.head.lemma_ in lex.future_markers | lex.hypothetical_markers:
        marker = pred.head  # 強化する考えを示した: the subject of the verb the marker noun serves
        found = subject_of(marker, s, state)
        if not found and marker.head is not marker and marker.dep_ in ("obj", "nsubj", "obl"):
            found = subject_of(marker.head, s, state)
        return found
    return []


def attribution_of(s: SentenceView, state: ArticleState) -> list[Mention]:
    out: list[Mention] = []
    for token in s.sentence.span:
        if case_of(token) in ATTRIBUTION_CASES:
            heads, owners = s.actors(token, state)
            out += heads or owners or [m for m in mentions_in(token, s.mentions, s.to_doc)
                                       if m.entity in state.actors]
    return out


def keys_of(mentions: list[Mention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.entity for m in mentions))


def _topic(token: Token) -> str | None:
    if token.lemma_ in ("こと", "点") or token.text in ("こと", "点"):
        for clause in token.children:
            if clause.dep_ == "acl":
                objects = [c for c in clause.children if case_of(c) in ("を", "で")]
                text = phrase_text(objects[0]) if objects else clause.text
                return text[:MAX_TOPIC] or None
        return None
    text = phrase_text(token)
    return text[:MAX_TOPIC] if text and text not in ("これ", "それ") else None


def arguments_of(pred: Token, token: Token, entry: Predicate, s: SentenceView, state: ArticleState):
    """Recipients, about, topics and place of a trigger."""
    recipients: list[Mention] = []
    about: list[Mention] = []
    topics: list[str] = []
    place: str | None = None
    status: str | None = None
    owners: list[Mention] = []
    lex = state.lexicon
    hostile = entry.category not in ("AGREE", "CONSULT", "SUPPORT")
    holders = [pred] if pred is token else [pred, token]
    if token.head not in holders and token.head.lemma_ in lex.transparent_nouns:
        holders.append(token.head)  # 条約からの離脱手続き: the procedure's dependents are the act's
    for holder in holders:
        for child in holder.children:
            if child is token or child.left_edge.i <= token.i <= child.right_edge.i:
                continue
            case = case_of(child)
            if child.i > holder.i and holder is pred:
                continue
            heads, own = s.actors(child, state)
            if case in RECIPIENT_CASES and (heads or own and (case not in ("と", "に") or hostile)):
                recipients += heads or own
                continue
            if case in ("に", "には", "から", "からの"):  # 協定に署名, 条約から離脱
                treaties = [m for m in mentions_in(child, s.mentions, s.to_doc)
                            if state.records.get(m.entity) and state.records[m.entity].type == "Treaty"]
                if treaties:
                    about += treaties
                    continue
            if case in ("も", "は") and not heads and child.dep_ in ("nsubj", "obj", "obl"):
                case = "を"
            if case not in ABOUT_CASES or (case == "の" and holder is pred and pred is not token):
                if not (holder is token and child.dep_ in ("nmod", "compound") and child.i < token.i):
                    continue
            if s.date_of(holder) and any(a <= child.idx < b for a, b, _ in s.dates):
                continue
            inside = mentions_in(child, s.mentions, s.to_doc)
            things = [m for m in inside if m.entity not in state.actors]
            if case in ("で", "でも"):
                places = [m for m in things if state.records.get(m.entity) and state.records[m.entity].type == "Place"]
                if places:
                    place = place or places[0].entity
                    continue
                if entry.category != "AGREE":
                    continue
            about += things
            if case in ("を", "をも") and heads and entry.category != "AGREE":
                recipients += heads
            if case != "の":
                owners += own
            for word in child.subtree:
                status = status or lex.treaty_status.get(word.lemma_)
            if not things and not heads and child.dep_ not in ("compound",) and case != "の":
                topic = _topic(child)
                if topic:
                    topics.append(topic)
    if token.dep_ == "acl" and token.head is not token:  # 米国が離脱した条約
        modified = [m for m in mentions_in(token.head, s.mentions, s.to_doc)
                    if m.entity not in state.actors and m.start - s.to_doc >= token.idx]
        about += modified
    if not recipients and entry.category not in NO_RECIPIENT_FROM_OWNER:
        recipients = owners
    return recipients, about, topics, place, status


def condition_subject(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The が-subject of a conditional clause governing ``pred`` (``ロシアが…すれば``)."""
    for child in pred.children:
        if child.dep_ == "advcl" and any(g.text in CONDITIONAL_MARKS for g in child.children):
            for token in [*child.children, *pred.children]:
                if token.i < child.i and case_of(token) == "が":
                    heads, _ = s.actors(token, state)
                    if heads:
                        return heads
    return []
