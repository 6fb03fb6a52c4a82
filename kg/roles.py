"""Who did what to whom in a sentence: triggers, subjects, speakers, recipients, about.

The reading state of an article (``ArticleState``) and the argument rules used by
``kg.events``; the rules are documented in ``kg.events``' module docstring.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.clauses import (
    ABOUT_CASES, AGENT_CASES, ATTRIBUTION_CASES, CONDITIONAL_MARKS, RECIPIENT_CASES,
    SUBJECT_CASES, case_of, chain, has_comma_after, is_quoted, linked_main, mentions_in, phrase_text,
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
# Endings of nouns naming a body (``革命防衛隊``, ``国営通信``, ``治安部隊``): an unnamed body
# written after its state (``イランの革命防衛隊は``) is that state, as an unnamed group is.
BODY_ENDINGS = ("隊", "軍", "省", "庁", "局", "院", "団", "党", "機関", "当局", "政府", "組織", "勢力", "部隊",
                "通信", "議会", "委員会", "司令部")
TALKS_NOUNS = frozenset({"会談", "首脳会談", "電話会談", "協議", "会合", "会議", "外相会談", "首脳会議"})
TOWARDS_CASES = frozenset({"に向けて", "に向け"})


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
    if linked_main(token) is not None:
        return token  # …を非難したほか、…: an act of the sentence's subject, not a relative clause
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
        for c in [*verb.children, *stranded_objects(verb)]:
            if case_of(c) in ("に", "に対し", "に対して") and c.i < verb.i:
                told += s.actors(c, state)[0]  # Xは、Yに対し「…」と警告した: Y was told
        if topic and topic[0].start - s.to_doc < verb.idx:
            return topic, told  # Xは、…と述べた: the topic is the speaker
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
                    or child.lemma_ in state.lexicon.group_nouns \
                    or child.text.endswith(BODY_ENDINGS) \
                    or child.lemma_ in state.lexicon.statement_nouns or child.text.endswith(JOINT_DOCUMENTS)
                # 韓国の市民団体が, イランの革命防衛隊は → the state; 日米の共同声明は → its authors
                if heads or owners and titled and case_of(child) in ("は", "が"):
                    return heads or owners  # 国連の(unknown)事務総長は → the UN
    quoted = quoted_subject(pred, s, state)
    if quoted:
        return quoted
    joint = _joint_authors(pred, s, state)
    if joint:
        return joint
    main = linked_main(pred)
    if main is not None and main.dep_ == "ROOT" and not is_quoted(main):
        return s.topic(state, pred.i) or state.last_subject  # …非難したほか、…求めた。 (no subject written)
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
        for child in [*holder.children, *(stranded_objects(pred) if holder is pred else [])]:
            if child is token or child.left_edge.i <= token.i <= child.right_edge.i:
                continue
            case = case_of(child)
            if child.i > holder.i and holder is pred:
                continue
            heads, own = s.actors(child, state)
            titled = not heads and own and (child.text in state.titles or child.lemma_ in state.titles)
            if case in RECIPIENT_CASES and (heads or own and (case not in ("と", "に") or hostile or titled)):
                recipients += heads or own  # 韓国の(unknown)外相と会談 → South Korea
                continue
            if case == "が" and hostile and heads and holder is pred and _second_subject(child, pred):
                recipients += heads  # Xは、Yが「…」と非難した: Y is the one accused
                continue
            if case in TOWARDS_CASES and heads and hostile:
                recipients += heads  # イスラエルに向けて無人機を発射した
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
            if case in ("を", "をも") and heads and entry.category != "AGREE" and (
                    entry.category != "CONSULT" or entry.mode == "visit"):  # 北朝鮮問題を協議: a topic
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
    if not recipients and entry.category in ("AGREE", "CONSULT"):
        recipients = _talks_partners(pred, s, state)  # バイデン大統領との会談で、…一致した
    if not recipients and hostile:
        recipients = _towards(pred, s, state)  # イスラエルに向けて無人機を発射した
    if not recipients and entry.category not in NO_RECIPIENT_FROM_OWNER:
        recipients = owners
    if not recipients and entry.category in PLACE_TARGETS:
        recipients = _places_states(about, state)  # ロシア軍はハルキウを攻撃した → Ukraine
    return recipients, about, topics, place, status


OPENING_QUOTES = frozenset({"「", "『"})
JOINT_DOCUMENTS = ("共同声明", "共同宣言", "首脳宣言", "共同文書", "共同コミュニケ", "成果文書")


def _joint_authors(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``共同声明は…懸念を表明した``: a joint statement with no author written speaks for the
    participants of the last talks (``state.last_consult``), as mentions on the document's
    words; none when no talks were reported before."""
    if not state.last_consult:
        return []
    for clause in chain(pred):
        for child in clause.children:
            if child.i > clause.i or case_of(child) not in ("は", "が", "では") or s.actors(child, state)[0]:
                continue
            words = "".join(t.text for t in child.subtree if t.i <= child.i)
            if words.endswith(JOINT_DOCUMENTS) and not any(m.entity in state.actors
                                                           for m in mentions_in(child, s.mentions, s.to_doc)):
                start = s.sentence.char(child.idx)
                return [Mention(key, child.text, start, start + len(child.text), s.sentence.index, None, "coref")
                        for key in state.last_consult]
    return []


def _second_subject(child: Token, pred: Token) -> bool:
    """Whether a が-phrase of a speech-like act follows the act's own は-subject (``Xは、Yが
    「…」と非難``): then it is the subject of the reported content, not of the act."""
    return any(c.i < child.i and case_of(c) in ("は", "では") for c in pred.children) and any(
        is_quoted(c) and c.i > child.i for c in pred.children)


def quoted_subject(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The が-subject of a reported act that the parse hung on the speech verb: in ``Xは…、
    中国当局が…逮捕したと明らかにした`` 中国当局 arrested, X only tells. Only when the speech verb
    has its own は-speaker written before the が-phrase and no bracket opens between the
    が-phrase and the act (``Yが「…」と述べた``: Y speaks)."""
    if not is_quoted(pred) or pred.head is pred:
        return []
    verb = pred.head
    speakers = [c for c in verb.children if c.i < pred.i and case_of(c) in ("は", "では")]
    if not speakers:
        return []
    for child in sorted(verb.children, key=lambda t: -t.i):
        if not speakers[0].i < child.i < pred.i or case_of(child) != "が":
            continue
        between = pred.doc[child.i : pred.i]
        if any(t.text in OPENING_QUOTES for t in between):
            return []
        return s.actors(child, state)[0]
    return []


def stranded_objects(pred: Token) -> list[Token]:
    """Objects of a speech-like act that the parse hung on its quote: in ``中国の行動を「危険
    だ」と批判``, the ``を``-phrase written before the opening bracket is 批判's, not the
    quoted 危険's (a quote does not reach outside its brackets)."""
    out: list[Token] = []
    for clause in pred.children:
        if clause.i > pred.i or not is_quoted(clause):
            continue
        opening = [t.i for t in clause.subtree if t.text in OPENING_QUOTES]
        if not opening:
            continue
        out += [c for c in clause.children
                if c.i < opening[0] and case_of(c) in ("を", "について", "に", "に対し", "に対して")]
    return out


def _talks_partners(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The partners written with ``との`` on the talks the act happened in (``バイデン大統領
    との会談で、…一致した``, ``中国との首脳会談では``), wherever the parse hung the talks noun,
    as long as it is written before the act."""
    out: list[Mention] = []
    for occasion in s.sentence.span:
        if occasion.i >= pred.i or case_of(occasion) not in ("で", "では", "でも"):
            continue
        if occasion.lemma_ not in TALKS_NOUNS and occasion.text not in TALKS_NOUNS:
            continue
        for child in occasion.children:
            if child.i < occasion.i and case_of(child) in ("との", "とも"):
                out += s.actors(child, state)[0]
    return out


PLACE_TARGETS = frozenset({"ASSAULT"})


def _places_states(about: list[Mention], state: ArticleState) -> list[Mention]:
    """The states of the places an attack is about (``キーウを攻撃`` → Ukraine): the attacked
    state is the recipient when no actor is written."""
    out: list[Mention] = []
    for mention in about:
        record = state.records.get(mention.entity)
        if record is not None and record.type == "Place" and record.country in state.actors:
            out.append(replace(mention, entity=record.country))
    return out


def _towards(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The target of ``Xに向けて``/``Xに向け`` (GiNZA makes 向ける a verb of its own)."""
    out: list[Mention] = []
    for clause in pred.children:
        if clause.i < pred.i and clause.lemma_ == "向ける" and clause.dep_ in ("advcl", "obl"):
            for child in clause.children:
                if child.i < clause.i and case_of(child) == "に":
                    out += s.actors(child, state)[0]
    return out


def condition_subject(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The が-subject of a conditional clause governing ``pred`` (``ロシアが…すれば``), or
    governing the speech verb of a quoted threat (``Xは、Yが…すればロシアは「…措置を取る」と
    けん制した``: the parse hangs the condition on either verb)."""
    verbs = [pred, *list(pred.ancestors)[:3]] if is_quoted(pred) else [pred]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advcl" and any(g.text in CONDITIONAL_MARKS for g in child.children):
                for token in [*child.children, *verb.children]:
                    if token.i < child.i and case_of(token) == "が":
                        heads, _ = s.actors(token, state)
                        if heads:
                            return heads
    return []
