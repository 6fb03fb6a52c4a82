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
           "document_authors", "entry_of", "keys_of", "predicate_of", "speaker_of", "subject_of"]

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence

NO_RECIPIENT_FROM_OWNER = frozenset({"AGREE", "CONSULT"})
MAX_TOPIC = 40
STANCE_NOUNS = frozenset({"意", "姿勢", "立場", "考え"})  # 満足の意を表す, 支持する姿勢を示す
# Endings of nouns naming a body (``革命防衛隊``, ``国営通信``, ``治安部隊``): an unnamed body
# written after its state (``イランの革命防衛隊は``) is that state, as an unnamed group is.
BODY_ENDINGS = ("隊", "軍", "省", "庁", "局", "院", "団", "党", "機関", "当局", "政府", "組織", "勢力", "部隊",
                "通信", "議会", "委員会", "司令部")
# Nouns naming an actor's vessels, aircraft and personnel (``中国海警局の船が``, ``ロシア軍の
# 兵士が``, ``北朝鮮の無人機が``): they act for the owner written before them.
AGENT_ENDINGS = ("船", "艦", "艇", "船舶", "戦闘機", "軍用機", "無人機", "爆撃機", "哨戒機", "偵察機", "収集機",
                 "輸送機", "航空機", "軍機", "兵", "兵士", "隊員", "戦闘員", "要員", "工作員")


def written_noun(token: Token) -> str:
    """A noun with the compound nouns written right before it (``情報|収集|機`` → 情報収集機):
    GiNZA splits such words, and the agent endings are read off the whole word."""
    before: list[Token] = []
    k = token.i - 1
    while k >= 0 and token.doc[k].dep_ in ("compound", "nummod") and token.doc[k].head.i == token.i:
        before.insert(0, token.doc[k])
        k -= 1
    if any(t.dep_ == "nummod" for t in before):  # 情報収集機|1|機: the counter follows the noun
        return "".join(t.text for t in before if t.dep_ == "compound") or token.text
    return "".join(t.text for t in before) + token.text
TALKS_NOUNS = frozenset({"会談", "首脳会談", "電話会談", "協議", "会合", "会議", "外相会談", "首脳会議"})
TOWARDS_CASES = frozenset({"に向けて", "に向け"})
# The guideline recovers an omitted subject from the same paragraph only (docs/extraction.md).
CARRY_WITHIN_PARAGRAPH = True
PARTNER = "partner"  # ``Mention.via`` of a talks partner made a co-source of an agreement


@dataclass
class ArticleState:
    """What event extraction remembers while reading one article's sentences in order."""

    article: Article
    lexicon: Lexicon
    records: dict[str, EntityRecord]
    actors: frozenset[str]
    first_body: int | None = None
    titles: frozenset[str] = frozenset()
    paragraph: int | None = None  # the start of the paragraph being read (``enter``)
    carried: list[Mention] = field(default_factory=list)  # the topic a zero subject takes
    carried_paragraph: int | None = None
    last_consult: tuple[str, ...] = ()
    last_document: tuple[str, ...] = ()  # the authors of the last statement or document named
    last_dates: dict[str, DateValue] = field(default_factory=dict)
    last_written: DateValue | None = None  # the last date written in any earlier sentence
    occasion: Occasion = field(default_factory=Occasion)
    history: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def enter(self, sentence: Sentence) -> None:
        """Start reading a sentence: the zero-subject carry-over stops at its paragraph."""
        self.paragraph = sentence.paragraph.start

    @property
    def last_subject(self) -> list[Mention]:
        """The topic an omitted subject refers to: the last sentence's topic (or main
        subject), in the same paragraph only (once ``enter`` tells the paragraph)."""
        if CARRY_WITHIN_PARAGRAPH and self.paragraph is not None and self.carried_paragraph != self.paragraph:
            return []
        return self.carried

    @last_subject.setter
    def last_subject(self, mentions: list[Mention]) -> None:
        kept = [m for m in mentions if m.via != PARTNER]  # a talks partner joins one act only
        if kept:
            self.carried, self.carried_paragraph = kept, self.paragraph

    @property
    def published(self) -> datetime.date | None:
        value = self.article.published
        return value.date() if isinstance(value, datetime.datetime) else value

    def anchor(self, previous: DateValue | None = None) -> DateAnchor:
        day = self.article.dateline.day if self.article.dateline else None
        return DateAnchor(self.published, dateline_day=day, previous=previous)


def _modifiers(token: Token) -> set[str]:
    words = {c.lemma_ for c in token.children} | {c.text for c in token.children} | {token.head.lemma_}
    for obj in token.children:  # 特殊部隊の兵士約1500人を送った: the object's own modifiers
        if obj.dep_ == "obj" and obj.i < token.i:
            words |= {g.lemma_ for g in obj.subtree if g.pos_ in ("NOUN", "PROPN") and g.i < obj.i}
    doc = token.doc
    for k in range(max(token.i - 3, token.sent.start), token.i):
        words |= {doc[k].lemma_, doc[k].text}
    return words


def entry_of(token: Token, lexicon: Lexicon) -> Predicate | None:
    candidates: tuple[Predicate, ...] = ()
    if token.i > 0 and not token.is_sent_start:  # the parser sets sentence starts; token.sent rescans
        candidates = lexicon.entries(token.doc[token.i - 1].lemma_ + token.lemma_)
    candidates = candidates or lexicon.entries(token.lemma_)
    words: set[str] | None = None  # built only for an entry that needs a modifier
    for entry in candidates:
        if entry.without:
            words = _modifiers(token) if words is None else words
            if any(w.startswith(x) for w in words for x in entry.without):
                continue  # 状況を確認している: checking, not confirming an agreement
        if not entry.with_:
            return entry
        if token.lemma_ in lexicon.decision_verbs and any(c.dep_ == "obj" and c.lemma_ == "こと" for c in token.children):
            continue  # 制裁を延長することを決定: the decided act is the clause's own event
        if words is None:
            words = _modifiers(token)
        if any(w.startswith(x) for w in words for x in entry.with_):
            return entry
    return None


def predicate_of(token: Token, entry: Predicate, lexicon: Lexicon) -> Token | None:
    """The token carrying the trigger's clause, or None when the word is not predicated."""
    head = token.head
    if planned_act(token, lexicon):
        return token  # 強化する考えを示した: the act is planned (future), predicated on itself
    if head.lemma_ in STANCE_NOUNS and head.dep_ == "obj" and head.head.lemma_ in lexicon.light_verbs:
        return head.head
    if head.i != token.i and (head.lemma_ in lexicon.light_verbs or _misread_okonau(head, token)) \
            and token.dep_ in ("obj", "obl", "nsubj"):
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
    if entry.category not in STATED_PASSIVES and _agentless_passive_relative(token):
        return None  # 招待されたゼレンスキー大統領と会談した: who invited is not said
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
    if any(case_of(c) in AGENT_CASES for c in token.children) and case_of(token) in ("", "は", "が") \
            and not _evaluated(token):
        return token  # ロシアによるウクライナ侵攻が始まった; not …による併合や…を巡り (a topic)
    if token.dep_ == "obj" and head.lemma_ in CONFIRMING and entry.category in CONFIRMED_ACTS \
            and any(case_of(c) in AGENT_CASES for c in token.children):
        return token  # 北朝鮮による弾道ミサイルの発射を確認した: the act confirmed, by its agent
    held = _held_by_subject(token, entry)
    if held is not None:
        return held  # Xは…で開いた首脳会議で、…合意した: X held the meeting (a stated fact)
    return None


HOLDING_VERBS = frozenset({"開く", "開催"})
# Verbs that report an act observed (``…の発射を確認した``) and the acts they can report.
CONFIRMING = frozenset({"確認", "探知", "捕捉", "発表", "公表"})
CONFIRMED_ACTS = frozenset({"MOBILIZE", "ASSAULT", "COERCE"})


def _held_by_subject(token: Token, entry: Predicate) -> Token | None:
    """The active past relative clause that says a meeting was held (``今月中旬に開いた首脳
    会議で``): a verbal relative clause states a fact (the guideline), and with no subject of
    its own its holder is the sentence's. A passive one (``開かれた会議``) names no holder."""
    if entry.category != "CONSULT" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    for clause in token.children:
        if clause.dep_ == "acl" and clause.i < token.i and clause.lemma_ in HOLDING_VERBS \
                and any(c.lemma_ == "た" and c.dep_ == "aux" for c in clause.children if c.i > clause.i) \
                and not any(c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in clause.children) \
                and not any(c.dep_ == "nsubj" or case_of(c) in SUBJECT_CASES for c in clause.children):
            return clause
    return None


# Coercive acts a passive relative clause may state as a fact (``昨年拘束された日本人``).
STATED_PASSIVES = frozenset({"COERCE", "ASSAULT", "SANCTION"})


def _agentless_passive_relative(token: Token) -> bool:
    """``招待されたウクライナの大統領と会談した``: a passive verb that modifies the noun after it
    (GiNZA often labels it ``advcl``) and names no agent (``…によって``, ``…から``) describes
    the noun; it is no act of the sentence's subject. A past coercive act stated that way
    (``拘束された日本人``) is taken in ``kg.events`` (``PASSIVE_FACTS``)."""
    if token.pos_ != "VERB" or token.dep_ not in ("acl", "advcl") or has_comma_after(token):
        return False
    if not any(c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in token.children if c.i > token.i):
        return False
    if any(case_of(c) in AGENT_CASES or case_of(c) in ("に", "から") for c in token.children if c.i < token.i):
        return False
    return token.dep_ == "acl" or adnominal(token)


def _evaluated(noun: Token) -> bool:
    """``ロシアによるウクライナ侵攻は欧州の安全保障を損なうと批判した``, ``…侵攻は脅威だ``: a
    nominal act that is the topic of an evaluation (a reported or copular predicate) is what
    is talked about, not an act the sentence reports (the guideline's nominal events)."""
    head = noun.head
    if head.i == noun.i or case_of(noun) not in ("は", "が"):
        return False
    reported = any(c.dep_ in ("case", "mark") and c.text == "と" for c in head.children if c.i > head.i)
    copular = head.pos_ in ("NOUN", "ADJ") or any(c.dep_ == "cop" for c in head.children)
    return reported or copular


def _misread_okonau(head: Token, token: Token) -> bool:
    """``攻撃を27回以上行ってきた``: GiNZA lemmatises 行っ as 行く (go); with a ``を``-object
    it is the light verb 行う (one does not "go" an attack)."""
    return head.lemma_ == "行く" and head.text.startswith("行っ") and token.dep_ == "obj" and case_of(token) == "を"


def planned_act(token: Token, lexicon: Lexicon) -> bool:
    """``非難する考えを示した``, ``会談する意向を示した``, ``強化する方針を明らかにした``: a verb
    in the plain non-past form modifying a plan noun (``future_markers``) that is the object
    of a light or speech verb states a planned act. The act is its own predicate, so the
    plan marker flags it ``future``; a stance of attitude (``支持する姿勢を示す``) or a denied
    plan (``断絶する考えはない``) is not this."""
    head = token.head
    if token.dep_ != "acl" or token.pos_ != "VERB" or head.i == token.i or head.i != _after_aux(token):
        return False
    if head.lemma_ not in lexicon.future_markers or head.dep_ != "obj":
        return False
    verb = head.head
    if verb.lemma_ not in lexicon.light_verbs | lexicon.speech_verbs and not any(
            c.lemma_ in lexicon.speech_verbs for c in verb.children if c.i < verb.i):  # 明らかにした
        return False
    tail = [c for c in token.children if c.i > token.i]
    return not any(c.lemma_ in ("た", "だ") for c in tail)


def _after_aux(token: Token) -> int:
    """The index of the first token after a verb's auxiliaries (``強化する`` → after ``する``)."""
    doc, k = token.doc, token.i + 1
    while k < len(doc) and doc[k].pos_ in ("AUX", "SCONJ", "PART") and doc[k].head.i == token.i:
        k += 1
    return k


def speaker_of(pred: Token, s: SentenceView, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
    """(speakers, recipients of the telling) of a quoted predicate, climbing nested quotes."""
    verb = pred
    told: list[Mention] = []
    topic = s.topic(state, pred.i)
    while is_quoted(verb) and verb.head.i != verb.i:
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
    """The subject of a predicate (rules in ``docs/extraction.md``, Arguments)."""
    found = _subject_of(pred, s, state)
    if not found:
        return talks_agreement(pred, s, state)
    if is_quoted(pred):  # the parse hung the agency's は on the reported verb
        states = [agency_state(m.entity, state) or _owner_state(m, s, state) for m in found]
        if all(states):
            return [replace(m, entity=key, via="coref") for m, key in zip(found, states)]
    return found


AGREEMENT_FOLLOWS = 2  # an agreement this many sentences after the talks at most


def talks_agreement(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``林外相は…王毅外相と会談した。北朝鮮問題で連携することで一致した。``: an agreement
    (``一致``, ``合意``, ``確認``) with no subject written, right after talks whose participants
    include the carried subject, was reached by both sides: the carried subject and the talks'
    partners (``via == PARTNER``; never carried on). Only for a main-clause act."""
    if is_quoted(pred) or not (pred.dep_ == "ROOT" or pred.dep_ in ("advcl", "conj") and pred.head.dep_ == "ROOT"):
        return []
    if not any(e.category == "AGREE" for e in state.lexicon.entries(pred.lemma_)) or s.topic(state, pred.i):
        return []
    carried = state.last_subject
    keys = set(keys_of(carried))
    current = s.sentence.index
    for event in reversed(state.events):
        if event.sentence < current - AGREEMENT_FOLLOWS:
            break
        if event.category != "CONSULT" or "negation" in event.contexts:
            continue
        participants = (*event.sources, *event.recipients)
        if not keys or not keys <= set(participants):
            return []
        start = s.sentence.char(pred.idx)
        partners = [Mention(key, pred.text, start, start + len(pred.text), current, None, PARTNER)
                    for key in dict.fromkeys(participants) if key not in keys]
        return [*carried, *partners] if partners else []
    return []


# Nouns after which a clause still continues into the next predicate (``…した後、``, ``…するため``).
CONTINUING_NOUNS = frozenset({"ほか", "他", "後", "うえ", "上", "一方", "結果", "ため", "際", "中", "間", "まま"})


def adnominal(clause: Token) -> bool:
    """Whether a clause the parse chained as continuative really modifies the noun right after
    it (``NATOと…加盟国が結んだ条約から脱退した``: 結んだ is a relative clause of 条約, so its
    subject is not the main verb's)."""
    doc, k = clause.doc, clause.i + 1
    while k < len(doc) and doc[k].head.i == clause.i and doc[k].pos_ == "AUX":
        k += 1
    if k >= len(doc) or k == clause.i + 1:
        return False
    nxt = doc[k]
    return nxt.pos_ in ("NOUN", "PROPN") and nxt.lemma_ not in CONTINUING_NOUNS and nxt.text not in CONTINUING_NOUNS


def nearer_agent(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The ``が``-subject written between a ``は``/``も``-topic and a material act (``フィリピン軍は
    …、比海軍のボートに中国海警局の船が体当たりした``): the topic frames the report, the
    ``が``-phrase next to the verb does the act. Not a condition's subject (``…が…すれば``)."""
    topics = [c for c in pred.children if c.i < pred.i and case_of(c) in ("は", "も")]
    if not topics:
        return []
    for child in sorted(pred.children, key=lambda t: -t.i):
        if not topics[0].i < child.i < pred.i or case_of(child) != "が":
            continue
        heads, owners = s.actors(child, state)
        if heads:
            return heads
        if owners and written_noun(child).endswith(BODY_ENDINGS + AGENT_ENDINGS):
            return owners
        return []
    return []


def _unnamed_subject(pred: Token) -> bool:
    """The predicate has its own ``が``-subject (which named no actor): the topic is not its doer."""
    return any(c.i < pred.i and case_of(c) == "が" for c in pred.children)


def _previous_doer(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The actor of the nearest earlier ``が``-subject of another clause in the sentence
    (``中国海警局の船が体当たりし、乗り込んできた隊員が威嚇した``: the crew is the ship's side);
    none when there is none (the reporting topic is not the doer)."""
    for child in reversed([t for t in pred.sent if t.i < pred.i and case_of(t) == "が" and t.head.pos_ == "VERB"
                           and t.head.i != pred.i and not is_quoted(t.head.head if t.head.dep_ != "ROOT" else t.head)]):
        heads, owners = s.actors(child, state)
        if heads or owners:
            return heads or owners
    return []


def _subject_candidates(clause: Token) -> list[Token]:
    """The clause's dependents, and a ``が``-phrase the parse hung on a time adverb of the
    clause (``中国海警局の船舶が先月、…発射した``: GiNZA attaches 船舶 to 先月)."""
    out = list(clause.children)
    out += [g for c in clause.children if c.pos_ == "ADV" and c.i < clause.i
            for g in c.children if g.i < c.i and case_of(g) == "が"]
    return out


def _handed_over(clause: Token, pred: Token) -> set[int]:
    """Subjects of ``clause`` that are not ``pred``'s: in ``Xは…表明し、Yは反発した`` GiNZA
    hangs both X and Y on 反発. A subject written after a comma-set chained clause is the
    later verb's; the one before it is the chained clause's. So for the later verb the
    earlier subject is handed over, and for the chained clause the later one is."""
    subjects = [c.i for c in clause.children if c.i < clause.i and case_of(c) in ("は", "が")]
    topics = [c.i for c in clause.children if c.i < clause.i and case_of(c) == "は"]  # a new topic; a が
    splits = [c.i for c in clause.children if c.dep_ == "advcl" and c.i < clause.i and has_comma_after(c)]
    if len(subjects) < 2 or not splits:  # after the comma may be a content's (米国が…するよう求めた)
        return set()
    later = [j for j in topics if any(sp < j for sp in splits)]
    if pred.i == clause.i:
        return {i for i in subjects if any(i < sp < j for sp in splits for j in later)}
    return {i for i in later if i > pred.i}


def _subject_of(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    for clause in chain(pred):
        if clause is not pred and clause.i < pred.i and clause.dep_ == "advcl" and adnominal(clause):
            continue  # …加盟国が結んだ条約から脱退した: a relative clause, not a chained act
        conditions = [c.i for c in clause.children if c.dep_ == "advcl" and c.i < clause.i
                      and any(g.text in CONDITIONAL_MARKS for g in c.children)]
        handed = _handed_over(clause, pred)
        for child in _subject_candidates(clause):
            if conditions and case_of(child) == "が" and child.i < max(conditions):
                continue  # ロシアが…すれば: the subject of the condition
            if child.i in handed:
                continue  # Xは…と表明し、Yは反発した: X is the chained clause's subject, Y this one's
            if child.i < clause.i and (child.dep_ in ("nsubj", "nsubj:pass") or case_of(child) in SUBJECT_CASES):
                heads, owners = s.actors(child, state)
                titled = child.text in state.titles or child.lemma_ in state.titles \
                    or child.lemma_ in state.lexicon.group_nouns \
                    or child.text.endswith(BODY_ENDINGS) or written_noun(child).endswith(AGENT_ENDINGS) \
                    or child.lemma_ in state.lexicon.statement_nouns or child.text.endswith(JOINT_DOCUMENTS)
                # 韓国の市民団体が, イランの革命防衛隊は → the state; 日米の共同声明は → its authors
                if heads or owners and titled and case_of(child) in ("は", "が"):
                    return heads or owners  # 国連の(unknown)事務総長は → the UN
    quoted = quoted_subject(pred, s, state)
    if quoted:
        return quoted
    reported = reported_by_agency(pred, s, state)
    if reported:
        return reported
    joint = _joint_authors(pred, s, state)
    if joint:
        return joint
    main = linked_main(pred)
    if main is not None and main.dep_ == "ROOT" and not is_quoted(main) and _unnamed_subject(pred):
        return _previous_doer(pred, s, state)  # Aの船が体当たりし、乗り込んだ隊員が威嚇したうえ…と発表
    if main is not None and main.dep_ == "ROOT" and not is_quoted(main):
        return s.topic(state, pred.i) or state.last_subject  # …非難したほか、…求めた。 (no subject written)
    head = pred.head
    if head.i != pred.i and pred.dep_ in ("dep", "acl") and has_comma_after(pred) \
            and case_of(head) in ("は", "が") and head.i < pred.i:
        found = s.actors(head, state)[0]  # Xは、…と批判し、… (the parse hung the verb on X)
        if found:
            return found
    lex = state.lexicon
    if pred.dep_ == "acl" and pred.head.lemma_ in lex.statement_nouns | lex.document_nouns \
            and pred.head.head.i != pred.head.i:
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


# Names of news agencies (``朝鮮中央通信``, ``タス通信``, ``新華社``, ``聯合ニュース``, a minted
# ``イランの国営通信``): an agency reports acts, it does not do them.
AGENCY_ENDINGS = ("通信", "通信社", "新華社", "ニュース", "中央社")


def agency_state(key: str, state: ArticleState) -> str | None:
    """The state of a news agency (its record's ``country``, else the state its name starts
    with: ``イランの国営通信`` → Iran), or None when ``key`` is no agency or has no known state."""
    record = state.records.get(key)
    if record is None or record.type != "Organization":
        return None
    names = (record.label_ja, *record.aliases)
    if not any(name.endswith(AGENCY_ENDINGS) for name in names if name):
        return None
    if record.country in state.actors:
        return record.country
    for other in state.records.values():
        if other.type == "Country" and other.key in state.actors and any(
                name and record.label_ja.startswith(name) for name in (other.label_ja, *other.aliases)):
            return other.key
    return None


def reported_by_agency(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``朝鮮中央通信は…弾道ミサイルを発射したと伝えた``: a reported act with no subject of its
    own, told by a state news agency, is the agency's state's act (the agency stays in
    ``attributed_to`` as the speaker); a subject written in the report is kept (``…金正恩総書記
    が…と報じた``). The agency's own speech act (``…を「…」と非難する論評を配信``) stays its own."""
    if not is_quoted(pred):
        return []
    speakers = speaker_of(pred, s, state)[0]
    states = [agency_state(m.entity, state) or _owner_state(m, s, state) for m in speakers]
    if not speakers or not all(states):
        return []
    return [replace(m, entity=key, via="coref") for m, key in zip(speakers, states)]


def _owner_state(mention: Mention, s: SentenceView, state: ArticleState) -> str | None:
    """The state written with ``の`` right before an agency whose name says no state
    (``イランの国営通信``)."""
    record = state.records.get(mention.entity)
    if record is None or record.type != "Organization" or not mention.text.endswith(AGENCY_ENDINGS):
        return None
    text, offset = s.sentence.text, s.sentence.offset
    for other in s.mentions:
        owner = state.records.get(other.entity)
        if owner is not None and owner.type == "Country" and other.entity in state.actors \
                and other.end + 1 == mention.start and text[other.end - offset] == "の":
            return other.entity
    return None


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
    holders = [pred] if pred.i == token.i else [pred, token]
    if token.head not in holders and token.head.lemma_ in lex.transparent_nouns:
        holders.append(token.head)  # 条約からの離脱手続き: the procedure's dependents are the act's
    for holder in holders:
        stranded = [*stranded_objects(pred), *manner_objects(pred, lex)] if holder.i == pred.i else []
        for child in [*holder.children, *stranded]:
            if child.i == token.i or child.left_edge.i <= token.i <= child.right_edge.i:
                continue
            case = ADDITIVE_CASES.get(case_of(child), case_of(child))
            if child.i > holder.i and holder.i == pred.i:
                continue
            heads, own = s.actors(child, state)
            titled = not heads and own and (child.text in state.titles or child.lemma_ in state.titles)
            if case in RECIPIENT_CASES and (heads or own and (case not in ("と", "に") or hostile or titled)):
                recipients += heads or own  # 韓国の(unknown)外相と会談 → South Korea
                continue
            if case == "が" and hostile and heads and holder.i == pred.i and _second_subject(child, pred):
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
            if case not in ABOUT_CASES or (case == "の" and holder.i == pred.i and pred.i != token.i):
                if not (holder.i == token.i and child.dep_ in ("nmod", "compound") and child.i < token.i):
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
    if token.dep_ == "acl" and token.head.i != token.i:  # 米国が離脱した条約
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
    if entry.category in ADDRESSED_FIRST and (not recipients or set(keys_of(recipients)) <= set(
            keys_of(subject_of(pred, s, state)))):  # (the subject's owner is no addressee)
        recipients = next_addressees(token if token.pos_ == "VERB" else pred, s, state) or recipients  # 「…」と批判し、米国に対し…求めた
    return recipients, about, topics, place, status


# ``中国に対しても…求めた``, ``ロシアに対しては``: a recipient case with a focus particle.
ADDITIVE_CASES = {"に対しても": "に対して", "に対しては": "に対して", "へも": "へ", "に対してもの": "に対する"}
ADDRESSED_FIRST = frozenset({"ACCUSE", "THREATEN", "DEMAND", "REJECT"})
ADDRESSEE_CASES = frozenset({"に対し", "に対して", "に", "にも", "に対しても", "に対しては", "へ"})


def next_addressees(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``中国外務省の報道官は「…」と批判し、米国に対し…を求めた``: a hostile speech act with
    no addressee written, chained with a comma into a second hostile act of the same subject
    (no subject of its own) that names its addressee, is addressed to that addressee too.
    Not through a condition (``…すれば``), nor when the second act is not hostile."""
    head = pred.head
    if pred.dep_ not in ("advcl", "conj") or head.i == pred.i or head.i < pred.i or not has_comma_after(pred):
        return []
    if any(c.text in CONDITIONAL_MARKS for c in pred.children) or is_quoted(pred):
        return []
    if not any(e.category in ADDRESSED_FIRST for e in state.lexicon.entries(head.lemma_)):
        return []
    for child in pred.children:  # an actor written in the first act is its own target
        if child.i < pred.i and case_of(child) not in SUBJECT_CASES and child.dep_ != "nsubj" \
                and any(m.entity in state.actors for m in mentions_in(child, s.mentions, s.to_doc)):
            return []
    between = [c for c in head.children if pred.i < c.i < head.i]
    if any(case_of(c) in SUBJECT_CASES or c.dep_ == "nsubj" for c in between):
        return []  # …と批判し、米国も…求めた: another subject
    out: list[Mention] = []
    for child in [*between, *(g for c in between if c.dep_ == "advcl" for g in c.children if g.i < c.i)]:
        if case_of(child) in ADDRESSEE_CASES:
            out += s.actors(child, state)[0]  # the parse may hang 米国に対し on the content clause
    return out


OPENING_QUOTES = frozenset({"「", "『"})
JOINT_DOCUMENTS = ("共同声明", "共同宣言", "首脳宣言", "共同文書", "共同コミュニケ", "成果文書", "共同発表")


def _document_words(token: Token, s: SentenceView, state: ArticleState) -> str | None:
    """The words of a phrase naming a statement or document (``声明``, ``同声明``, ``発表した
    声明``, ``共同発表``) with no actor written in it (``日本の声明``), else None."""
    nominal = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "nmod") or t.i == token.i]
    words = "".join(t.text for t in nominal)
    if not (words.endswith(JOINT_DOCUMENTS) or token.lemma_ in state.lexicon.statement_nouns):
        return None
    first, end = s.sentence.char(nominal[0].idx), s.sentence.char(token.idx + len(token.text))
    if any(m.entity in state.actors and first <= m.start and m.end <= end for m in s.mentions):
        return None
    return words


def _joint_authors(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``声明ではまた、…批判した``, ``共同発表は…懸念を示した``: a statement or document with no
    author written speaks for the authors of the document named last (``state.last_document``:
    ``首脳らは発表した声明で``, ``4閣僚は…共同発表をまとめた``); a joint one with none named
    before, for the participants of the last talks (``state.last_consult``). Mentions on the
    document's words; none when neither is known."""
    topics = [c for clause in chain(pred) for c in clause.children if c.i < clause.i]
    if pred.dep_ in ("dep", "acl") and has_comma_after(pred) and pred.head.i < pred.i:
        topics.append(pred.head)  # 声明ではまた、…を批判し、: the parse hung the verb on the topic
    for child in topics:
        if case_of(child) in ("は", "が", "では") and not s.actors(child, state)[0]:
            words = _document_words(child, s, state)
            if words is None:
                continue
            authors = state.last_document or (state.last_consult if words.endswith(JOINT_DOCUMENTS) else ())
            start = s.sentence.char(child.idx)
            return [Mention(key, child.text, start, start + len(child.text), s.sentence.index, None, "coref")
                    for key in authors]
    return []


def document_authors(s: SentenceView, state: ArticleState, events: list[Event]) -> tuple[str, ...]:
    """The authors of a statement or document a sentence names as its instrument or object
    (``首脳らは発表した声明で、…非難し``, ``…で合意し、共同発表をまとめた``, ``談話を発表し``):
    the sources of the sentence's first event, else its topic. None for a document of an actor
    written in the phrase (``日本の声明を批判``: not the critic's) or one that is itself the
    subject (``声明は…``: already resolved)."""
    named = False
    for token in s.sentence.span:
        if case_of(token) not in ("で", "を", "では", "として") or _document_words(token, s, state) is None:
            continue
        named = True
        break
    if not named:
        return ()
    for event in events:
        if event.sources:
            return event.sources
    return keys_of(s.topic(state))


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
    if not is_quoted(pred) or pred.head.i == pred.i:
        return []
    verb = pred.head
    speakers = [c for c in verb.children if c.i < pred.i and case_of(c) in ("は", "では", "も")]
    if not speakers:  # the parse hung 米国務省も on 同日: any sentence subject before the act
        speakers = [t for t in s.sentence.span if t.i < pred.i and t.dep_ in ("nsubj", "dislocated")
                    and case_of(t) in ("は", "では", "も") and t.head.i != pred.i]
    if not speakers:
        return []
    for child in sorted(verb.children, key=lambda t: -t.i):  # 米国務省も、米国が…停止したと発表
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


def content_subjects(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """Whom an accusation with no addressee blames: the ``が``-subject of the clause it reports
    (``報道官は、米国が「…規制を乱用している」と非難した``, ``…、日本が…放出したと批判した``):
    the accused is the one said to have done the deplored act. Only a quoted clause before the
    act, never the act's own subject."""
    out: list[Mention] = []
    for clause in pred.children:
        if clause.i > pred.i or not is_quoted(clause):
            continue
        verbs = [clause, *(c for c in clause.children if c.dep_ == "advcl" and c.i < clause.i)]
        for c in [c for verb in verbs for c in verb.children if c.i < verb.i]:  # 米国が「…し、…している」
            if case_of(c) == "が":
                heads, owners = s.actors(c, state)
                out += heads or (owners if c.text.endswith(BODY_ENDINGS) else [])
    return out


def manner_objects(pred: Token, lexicon: Lexicon) -> list[Token]:
    """The ``を``-objects of a manner phrase written right before an act (``北朝鮮とイランを
    名指しで批判``, ``…を一方的に…``): GiNZA makes ``名指しで`` a verb clause and hangs the
    object on it, but the object is the act's. Only for a ``で``-clause adjacent to the act,
    with no subject of its own, whose verb is no trigger (``…を攻撃して非難``: two acts)."""
    out: list[Token] = []
    for clause in pred.children:
        if clause.dep_ != "advcl" or clause.i > pred.i or clause.right_edge.i != pred.i - 1:
            continue
        if not any(c.dep_ == "mark" and c.text == "で" and c.i > clause.i for c in clause.children):
            continue
        if lexicon.entries(clause.lemma_) or any(case_of(c) in SUBJECT_CASES for c in clause.children):
            continue
        out += [c for c in clause.children if c.i < clause.i and case_of(c) == "を"]
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
