"""Stances toward an act: allegations, threats, refusals and promises.

Decisions (see ``docs/extraction.md``, "Predicates"):

* An **allegation** — a claim word (``主張``, ``指摘``, ``…との認識を示した``) or a speech verb
  whose content names another actor as subject and calls its conduct wrong with an
  ``allegation_cues`` word, or that reports a suspicion (``北朝鮮が…充てている疑いを指摘``,
  ``suspicion_nouns``) — is an ACCUSE of that actor. A claim of an act (the act is
  coded, attributed) or about things is no accusation.
* A **threat stance** (``追加の制裁も辞さない構え``) is a THREATEN, present and asserted.
* A hostile act made to depend on another actor's conduct is a **conditional threat**:
  an ultimatum (``…に応じない限り攻勢を続ける``, ``…しなければ制裁を科す``) or a retaliation in
  reported speech (``米国が…行えば、ロシアも…実施すると述べた``); its recipient is the
  condition's subject. A free-standing positive condition stays a hypothetical act.
* A **refusal**: accepting negated as a stance or in the present (``受け入れない考え``,
  ``招待に応じない``) is REJECT; ``応じなかった`` (did not) stays a negated acceptance.
* An **offer** (``…を再考する用意がある``) is AGREE, even under a condition.
* **Promised aid** (``支援を表明``, ``…供与することを表明``, ``支援する方針``) is an offer
  (AGREE), not aid delivered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.clauses import AGENT_CASES, CONDITIONAL_MARKS, case_of, chain, is_quoted
from kg.model import Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.lexicon import Lexicon, Predicate
    from kg.roles import ArticleState, SentenceView

HOSTILE_ACTS = frozenset({"ASSAULT", "SANCTION", "COERCE", "MOBILIZE"})
# Acts that escalate against a third party: ``Yが命令に従わない場合は安保理に対応を求める``
# threatens Y (an ultimatum), though the demand itself is addressed to the council.
ESCALATIONS = frozenset({"DEMAND"})


def _negated(verb: Token, lexicon: Lexicon) -> bool:
    return any(c.lemma_ in lexicon.negation_lemmas and c.pos_ in ("AUX", "ADJ") for c in verb.children if c.i > verb.i)


def is_refusal(pred: Token, token: Token, lexicon: Lexicon) -> bool:
    """``受け入れない考えを示した``, ``招待に応じない``, ``要求したが、応じなかった``: accepting,
    negated as a stance, in the present or as a plain past (a demand or proposal not complied
    with), is a refusal (REJECT, PLOVER's defy). An ongoing or habitual non-acceptance
    (``協議に応じていない``, ``応じてこなかった``) stays a negated acceptance, and so does a
    condition (``応じない限り``)."""
    if token.lemma_ not in lexicon.accept_lemmas or _conditional(pred):
        return False  # 軍が停戦に応じない限り: a condition, not a refusal
    verb = pred if pred.lemma_ in lexicon.accept_lemmas else token
    if not _negated(verb, lexicon) and not _negated(pred, lexicon):
        return False
    after = [t for c in verb.children if c.i > verb.i for t in c.subtree]
    return not any(t.text in ("て", "で") for t in after)


def _conditional(pred: Token) -> bool:
    """``…すれば``, ``…ない限り``, ``…した場合``: ``pred`` is a condition."""
    if pred.dep_ == "advcl" and any(c.text in CONDITIONAL_MARKS for c in pred.children):
        return True
    return pred.dep_ == "acl" and pred.head.lemma_ in ("限り", "場合")


def threat_stance(token: Token, lexicon: Lexicon) -> Token | None:
    """``追加の制裁も辞さない構え``: the act a threat stance (``辞さない``) governs, or None."""
    if token.lemma_ not in lexicon.threat_stances or not _negated(token, lexicon):
        return None
    acts = [c for c in token.children if c.i < token.i and c.dep_ in ("nsubj", "obj", "obl")
            and case_of(c) in ("も", "を", "は")]
    return acts[0] if acts else None


def _governors(pred: Token) -> list[Token]:
    """``pred``, its clause chain and, for an act stated as a stance (``…を続ける考えを示した``,
    ``…も辞さない構えだ``), the stance noun and its verb: where a condition of the act is hung."""
    out = [pred, *chain(pred)]
    head = pred.head
    if pred.dep_ == "acl" and head.i != pred.i and head.pos_ == "NOUN":
        out.append(head)
        if head.head.i != head.i:
            out.append(head.head)
    return out


def _conditions(pred: Token) -> list[Token]:
    """The verbs of the conditional clauses governing ``pred`` (``…すれば``, ``…ない限り``,
    ``…した場合``), on its clause chain."""
    out: list[Token] = []
    for verb in _governors(pred):
        for c in verb.children:
            if c.i > verb.i:
                continue
            if c.dep_ == "advcl" and any(g.text in CONDITIONAL_MARKS for g in c.children):
                out.append(c)
            elif c.lemma_ in ("限り", "場合") and c.dep_ in ("obl", "advcl", "nmod"):
                out += [g for g in c.children if g.dep_ == "acl"]
    return out


def conditional_threat(event: Event, pred: Token, s: SentenceView, state: ArticleState) -> Event | None:
    """A hostile act made to depend on another actor's conduct is a threat (THREATEN) that
    happened, and the act itself is not coded: an ultimatum (``軍が停戦に応じない限り攻勢を
    続ける``, ``…しなければ制裁を科す``) or a retaliation in reported speech (``米国が核実験を
    行えば、ロシアも実験を実施すると述べた``). A free-standing positive condition (``…すれば、
    政府は制裁を検討する方針だ``) stays a hypothetical act. A demand to a third party under an
    ultimatum (``ベネズエラが命令に従わない場合は安保理に対応を求めると述べた``) is an
    escalation threatened too. The recipient is the condition's subject."""
    if event.category not in HOSTILE_ACTS | ESCALATIONS:
        return None
    lex = state.lexicon
    for verb in _conditions(pred):
        subjects = _condition_subjects(verb, event.sources, s, state)
        if not subjects:
            continue
        ultimatum = _negated(verb, lex) or verb.head.lemma_ == "限り"
        if not ultimatum and (not is_quoted(pred) or event.category in ESCALATIONS):
            continue
        if event.category in ESCALATIONS and {m.entity for m in subjects} & set(event.recipients):
            continue  # 北朝鮮が応じない場合、北朝鮮に…求める: a demand repeated, not a threat
        kept = [] if event.category in ESCALATIONS else list(event.recipients)  # the council is not threatened
        recipients = tuple(dict.fromkeys([m.entity for m in subjects] + kept))
        contexts = tuple(c for c in event.contexts if c not in ("hypothetical", "future"))
        return replace(event, category="THREATEN", mode=None, recipients=recipients, contexts=contexts,
                       treaty_status=None)
    return None


def _condition_subjects(verb: Token, sources: tuple[str, ...], s: SentenceView, state: ArticleState) -> list[Mention]:
    """The subject of a condition: its ``が``-phrase; a ``は``-phrase only when there is none (the
    parse hangs the sentence's topic on the condition: ``Xは、米国が…行えば、…``)."""
    for cases in (("が",), ("は",)):
        out = []
        for c in verb.children:
            if c.i < verb.i and case_of(c) in cases:
                heads, owners = s.actors(c, state)  # 中朝間の取引が続く場合: the dealing's parties
                out += [m for m in heads or owners if m.entity not in sources]
        if out:
            return out
    return []


def threatened(event: Event, pred: Token, s: SentenceView, state: ArticleState) -> tuple[str, ...]:
    """Whom a threat with no addressee written threatens: the subject of its condition
    (``北朝鮮が核実験を強行した場合、…制裁も辞さない`` → North Korea)."""
    for verb in _conditions(pred):
        subjects = _condition_subjects(verb, event.sources, s, state)
        if subjects:
            return tuple(dict.fromkeys(m.entity for m in subjects))
    return ()


def _content_clauses(head: Token) -> list[Token]:
    """The clauses a claim word reports: ``…していると主張``, ``…との認識``, ``「…」と述べた``."""
    out = []
    for c in head.children:
        if c.i < head.i and c.dep_ in ("ccomp", "advcl", "nmod", "acl", "obl", "obj") \
                and any(g.text == "と" for g in c.children if g.i > c.i):
            out.append(c)
    return out


# Verbs that voice a view without being speech verbs: they accuse only through a suspicion
# (``…が関与した疑いがあると表明``).
VOICING_VERBS = frozenset({"表明", "明らかにする", "発表"})


def allegation(token: Token, s: SentenceView, state: ArticleState) -> tuple[Predicate, Token, list[Mention]] | None:
    """A claim that another actor misbehaves is an accusation (PLOVER ACCUSE covers allege):
    ``中国が国際法に違反していると主張した``, ``米国が緊張を高めているとの認識を示した``,
    ``「ロシアが会議を人質に取った」と述べた``.

    The content must name an actor other than the claimant as its subject, and call its
    conduct wrong with an ``allegation_cues`` word (``違反``, ``挑発``, ``緊張を高める`` …). A
    claim of an act (``中国がミサイルを増強したと指摘``, ``…を攻撃したと主張``: the act is coded,
    attributed) or about things (``制裁は効果がないと主張``) is no accusation.

    Returns the ACCUSE entry, its predicate and the accused, or None.
    """
    from kg.lexicon import Predicate

    lex = state.lexicon
    voiced = token.lemma_ in VOICING_VERBS  # 表明: only a suspicion it voices is an accusation
    if token.lemma_ not in lex.claim_words and token.lemma_ not in lex.speech_verbs and not voiced:
        return None
    pred = token
    if token.pos_ == "NOUN" and token.dep_ == "obj" and token.head.lemma_ in lex.light_verbs:
        pred = token.head  # …との認識を示した
    elif token.pos_ != "VERB" and token.dep_ != "ROOT":
        return None
    if is_quoted(pred) or token.lemma_ in lex.stance_nouns:
        return None
    suspected = [g for c in token.children if c.i < token.i and c.dep_ == "obj" and c.lemma_ in lex.suspicion_nouns
                 for g in c.children if g.dep_ == "acl" and g.pos_ == "VERB"]  # …している疑いを指摘
    contents = _content_clauses(token)
    suspected += [g for content in contents for c in content.children  # …が関与した疑いがあると表明
                  if c.i < content.i and case_of(c) in ("が", "は", "も") and c.lemma_ in lex.suspicion_nouns
                  for g in c.children if g.dep_ == "acl" and g.pos_ == "VERB"]
    if voiced:
        contents = []
    for content in contents + suspected:
        subjects = [_agent_actors(c, s, state) or s.actors(c, state) for c in content.subtree
                    if case_of(c) in ("が", "は") and c.head.i == content.i]
        accused = [m for heads, owners in subjects for m in heads or owners]  # 中国の行動が…
        if not accused:  # 北朝鮮の兵士の派遣は…: the owner further up the の-chain
            accused = [m for c in content.subtree if case_of(c) in ("が", "は") and c.head.i == content.i
                       for g in c.subtree if g.dep_ == "nmod" and g is not c for m in s.actors(g, state)[0]][:1]
        if not accused:
            continue
        if content in suspected or any(w.lemma_ in lex.allegation_cues or w.text in lex.allegation_cues
                                       for w in content.subtree):
            return Predicate(lemma=token.lemma_, category="ACCUSE"), pred, accused
    return None


def _agent_actors(subject: Token, s: SentenceView, state: ArticleState) -> tuple[list[Mention], list[Mention]] | None:
    """``ロシアによるウクライナ侵攻は…``: a nominal subject's agent (``による``), not the
    compound's country, is whose conduct the content judges."""
    for child in subject.children:
        if child.i < subject.i and case_of(child) in AGENT_CASES:
            heads, owners = s.actors(child, state)
            if heads or owners:
                return heads, owners
    return None


def promised(pred: Token, lexicon: Lexicon) -> bool:
    """Aid announced or promised (``支援を表明``, ``…資金協力を行うことを表明``, ``支援する
    方針``) is an offer (AGREE), not aid delivered."""
    if pred.lemma_ in lexicon.promise_verbs:
        return True
    head = pred.head
    if head.i == pred.i:
        return False
    if pred.dep_ == "acl" and head.lemma_ in ("こと", "の") and head.head.lemma_ in lexicon.promise_verbs:
        return True
    if is_quoted(pred) and head.lemma_ in lexicon.promise_verbs:
        return True
    return pred.dep_ == "acl" and head.lemma_ in lexicon.stance_nouns and head.lemma_ != "用意"


def offered(token: Token, lexicon: Lexicon) -> bool:
    """``離脱を再考する用意がある``, ``協議に応じる用意があると述べた``: an offer (AGREE, even under
    a condition — the guideline's offers); the offered act is its content. ``用意はない`` is
    no offer."""
    if token.lemma_ != "用意" or token.dep_ != "nsubj" or token.head.i == token.i:
        return False
    verb = token.head
    return verb.lemma_ in ("ある", "有る") and not _negated(verb, lexicon) \
        and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in token.children)
