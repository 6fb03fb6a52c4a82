"""Counterparts of an act the parse hung elsewhere: addressees, partners, passive agents,
beneficiaries, the state of expelled envoys.

Decisions (see ``docs/extraction.md``, "Which acts a sentence asserts"):

* ``モディ首相とパリで会談し``: an actor written with ``と`` before a CONSULT trigger is its
  partner.
* ``NATOへの加盟を申請``, ``習主席との首脳会談に臨んだ``: an actor written with ``への``,
  ``に対する``, ``に向けた``, ``との`` on the act's object noun or on the trigger noun is the
  addressee; ``Xに書簡を送り、…を呼び掛けた``: the receiver of a message chained before a
  demand is its addressee.
* ``ウクライナの復興に向けて…拠出``: aid is for the owner of its purpose.
* ``Xが(Yに/Yによって)拘束された``: the subject of a passive is the patient, the agent the
  ``に``/``によって`` phrase (``から`` for an expulsion), else the state of the place written;
  in a relative clause the modified noun is the patient.
* ``ロシアの外交官を…ペルソナ・ノン・グラータに指定``: the expelled envoys' state is the recipient.
* ``北朝鮮を非難し、対話への復帰を求めた``: a hostile act with no addressee written, chained
  after another, is addressed to the first act's recipients (or object).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.clauses import CONDITIONAL_MARKS, SUBJECT_CASES, case_of, is_quoted

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.lexicon import Predicate
    from kg.model import Event, Mention
    from kg.roles import ArticleState, SentenceView


def chained_objects(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``北朝鮮を非難し、対話への復帰を求めた``: a demand with no addressee written is made to
    the actor the chained hostile clause before it acts on (its object or ``に対し`` phrase)."""
    for clause in pred.children:
        if clause.dep_ != "advcl" or clause.i > pred.i or any(c.text in CONDITIONAL_MARKS for c in clause.children):
            continue
        if not any(e.category in HOSTILE_FOLLOWERS for e in state.lexicon.entries(clause.lemma_)):
            continue
        for child in clause.children:
            if child.i < clause.i and case_of(child) in ("を", "に対し", "に対して"):
                heads = s.actors(child, state)[0]
                if heads:
                    return heads
    return []


ADDRESSEE_MODIFIERS = frozenset({"への", "に対する", "に向けた", "との"})


def object_addressees(token: Token, pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The actor written as the addressee of the act's object noun or of the trigger noun itself:
    ``NATOへの加盟を申請``, ``中国に対する非難を強めた``, ``習主席との首脳会談に臨んだ`` (``Xへの``,
    ``Xに対する``, ``Xに向けた``, ``Xとの``)."""
    if token.pos_ in ("NOUN", "PROPN"):  # 習主席との首脳会談に臨んだ: the trigger noun's own
        near = [c for c in token.children if c.i < token.i]  # …ウクライナへの5億ドルの追加融資
        for child in near + [g for c in near if c.dep_ == "nmod" for g in c.children if g.i < c.i]:
            if case_of(child) in ADDRESSEE_MODIFIERS:
                heads = s.actors(child, state)[0]
                if heads:
                    return heads
    for holder in dict.fromkeys([token, pred]):
        for obj in holder.children:
            if obj.i > holder.i or case_of(obj) not in ("を", "は", "も"):
                continue
            for child in obj.children:
                if child.i < obj.i and case_of(child) in ADDRESSEE_MODIFIERS:
                    heads = s.actors(child, state)[0]
                    if heads:
                        return heads
    return []


BENEFIT_CASES = frozenset({"に向け", "に向けて", "向け", "のため", "のために"})


def beneficiaries(token: Token, pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """Whom aid is for when no addressee is written: ``ウクライナの復興に向けて…拠出``,
    ``インドネシアが進める脱炭素化に向け、…資金を動員する`` (the owner of the purpose, or
    the subject of the clause describing it)."""
    purposes: list[Token] = []
    holders = [pred, token]
    lex = state.lexicon
    if pred.dep_ == "acl" and pred.head.lemma_ in lex.stance_nouns | lex.future_markers:
        holders.append(pred.head.head)  # …に向け、…資金を動員する方針を伝えた
    for holder in dict.fromkeys(holders):
        for child in holder.children:
            if child.i > holder.i:
                continue
            if case_of(child) in BENEFIT_CASES:
                purposes.append(child)
            elif child.lemma_ == "向ける":  # …の復興に向けて: GiNZA parses 向け as a verb
                purposes += [g for g in child.children if g.i < child.i and case_of(g) == "に"]
    for child in purposes:
        heads, owners = s.actors(child, state)
        if heads or owners:
            return heads or owners
        for clause in child.children:
            if clause.dep_ != "acl" or clause.i > child.i:
                continue
            for subject in clause.children:
                if case_of(subject) in ("が", "の") and subject.i < clause.i:
                    found = s.actors(subject, state)[0]
                    if found:
                        return found
    return []


def sent_to(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``Xに書簡を送り、…を呼び掛けた``: the addressee of a message sent in a clause chained
    before a demand (``address_verbs``: ``送る``, ``伝える`` …) is the demand's addressee."""
    for clause in pred.children:
        if clause.dep_ != "advcl" or clause.i > pred.i or clause.lemma_ not in state.lexicon.address_verbs \
                or any(c.text in CONDITIONAL_MARKS for c in clause.children):
            continue
        for child in clause.children:
            if child.i < clause.i and case_of(child) in ("に", "に対し", "に対して", "宛て", "あて"):
                heads = s.actors(child, state)[0]
                if heads:
                    return heads
    return []


def talks_partners(token: Token, sources: list[Mention], s: SentenceView, state: ArticleState) -> list[Mention]:
    """Talks partners the parse attached elsewhere: an actor written with ``と``/``とも``
    before the trigger (``モディ首相とパリで会談し``); ``AとBは`` makes B's partner A a source."""
    start = s.sentence.char(token.idx)
    taken = {m.entity for m in sources}
    text, offset = s.sentence.text, s.sentence.offset
    out: list[Mention] = []
    for m in s.mentions:
        after = text[m.end - offset : m.end - offset + 2]
        if m.entity in state.actors and m.entity not in taken and m.end <= start \
                and after[:1] == "と" and after[1:2] not in ("、", "の", "し"):
            out.append(m)
    return out


PASSIVE_AGENT_CASES = frozenset({"に", "によって", "により", "による"})


def passive(pred: Token) -> bool:
    """``逮捕された``, ``署名され``: a passive predicate (its agent is not its subject). A verb
    of accepting with ``られる`` and a negation (``査察には応じられない``, ``受け入れられない``)
    is the potential form of a refusal, not a passive."""
    after = [c for c in pred.children if c.i > pred.i and c.dep_ == "aux"]
    if not any(c.lemma_ in ("れる", "られる") for c in after):
        return False
    return not _potential_refusal(pred, after)


def _potential_refusal(pred: Token, after: list[Token]) -> bool:
    """``応じられない``: ``られる`` then a negation on a verb of accepting (``accept_lemmas``)."""
    from kg.lexicon import load_lexicon

    lexicon = load_lexicon()
    if pred.lemma_ not in lexicon.accept_lemmas:
        return False
    marks = [c for c in after if c.lemma_ in ("れる", "られる")]
    return any(c.i > marks[0].i and c.lemma_ in lexicon.negation_lemmas for c in after)


def passive_roles(pred: Token, token: Token, entry: Predicate, s: SentenceView, state: ArticleState,
                   place: str | None) -> tuple[list[Mention], list[Mention]] | None:
    """``Xが(Yに/Yによって)拘束された``: (agents, patients) of a passive act. The subject is
    the patient; the agent is the ``に``/``によって`` phrase (``から`` for an expulsion), else
    the state of the place written (``北京で``). In a relative clause (``北京で拘束された
    日本人``) the modified noun is the patient. None: a patient but no agent can be named
    (no event); ``([], [])``: not an actor's passive (the active rules apply)."""
    agents: list[Mention] = []
    patients: list[Mention] = []
    cases = PASSIVE_AGENT_CASES | ({"から"} if entry.category == "SANCTION" else set())
    for holder in dict.fromkeys([pred, token]):
        for child in holder.children:
            if child.i > holder.i or child.i == token.i:
                continue
            case = case_of(child)
            heads, owners = s.actors(child, state)
            if case in SUBJECT_CASES and not patients:
                patients = heads or owners
            elif case in cases and not agents:
                agents = heads or owners
    if not patients and pred.dep_ == "acl" and pred.head.i > pred.i:
        heads, owners = s.actors(pred.head, state)  # 大連で拘束された日本人男性: the noun is the patient
        patients = heads or owners
    if not patients:
        return [], []
    if not agents and place is not None:
        record = state.records.get(place)
        country = record.country if record else None
        agents = [m for m in s.mentions if m.entity == place][:1]
        agents = [replace(m, entity=country) for m in agents] if country in state.actors else []
    if not agents:
        return None
    return agents, patients


HOSTILE_FOLLOWERS = frozenset({"THREATEN", "DEMAND", "ACCUSE", "SANCTION", "REJECT"})


def chained_addressees(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``Xは…を非難した上で、…と警告した``, ``北朝鮮を非難し、対話への復帰を求めた``: two
    chained acts of one subject; the second, hostile and with no addressee written, is
    addressed to the first's recipients (also when the second is the quoted content of the
    verb the first is chained to: ``…非難した上で、「断固として対応する」と警告した``)."""
    out = list(found)
    for first, _, p1 in found:
        if p1.dep_ != "advcl" or any(c.text in CONDITIONAL_MARKS for c in p1.children):
            continue  # …を非難した上で、…を非難し、…求めた: chained acts of one subject
        for index, (second, t2, p2) in enumerate(out):
            joined = p2.i == p1.head.i or is_quoted(p2) and p2.head.i == p1.head.i and p2.i > p1.i  # …と警告した
            if joined and second.category in HOSTILE_FOLLOWERS and not second.recipients \
                    and second.sources == first.sources and first.recipients:
                out[index] = (replace(second, recipients=first.recipients), t2, p2)
    return out


ENVOYS = ("外交官", "大使", "大使館員", "大使館職員", "外交団", "領事")


def envoys_state(token: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The expelled diplomats' state the parse hung elsewhere: ``ロシアの外交官を…`` before
    the trigger (``ペルソナ・ノン・グラータに指定``)."""
    start = s.sentence.char(token.idx)
    text, offset = s.sentence.text, s.sentence.offset
    return [m for m in s.mentions if m.entity in state.actors and m.end <= start
            and text[m.end - offset:].startswith(tuple("の" + w for w in ENVOYS))][:1]
