"""PLOVER events from a parsed sentence: triggers, actors, about, place, date, mode, contexts.

Rules (decisions; see also ``kg.clauses`` and ``kg.lexicon``):

* A lexicon word is a trigger when it is a predicate (a verb, a sentence-final or
  comma-final noun: ``一蹴。``, the object of a light verb: ``会談を行った``,
  ``懸念を表明``), a relative clause with its own subject or treaty (``米国が離脱した
  条約``), or a noun with an agent (``ロシアによるクリミア併合``). Two predicates in one
  sentence are two events; a speech verb (``述べた``, ``発表``, ``とした``) is never one.
* Sources: the は/が/も subject of the predicate or of a clause it is chained with
  (``AはX日、会談し、合意した``); in a quote the speaker is ``attributed_to`` and, when
  the quote has no subject, an AGREE/CONSULT goes to the speaker if a group, else to the
  participants of the article's last CONSULT; other quoted events to the speaker.
  A main clause without a subject takes the previous sentence's subject (zero anaphora).
* Recipients: に/へ/と/に対し/への phrases; for every category but AGREE an actor
  object (``北朝鮮を非難``), and for other than AGREE/CONSULT the owner of the object
  (``米国の懸念を一蹴`` → US). A threat without a recipient threatens the subject of its
  condition (``ロシアが…すれば``).
* ``ホワイトハウスは合意について確認していない``: not an event; the last AGREE claimed by
  another party records X in ``not_confirmed_by``.
* Dates: the date written in the predicate's clause chain; the dateline date only for the
  first body sentence; a sentence with a back-reference (``これに``, ``その後``,
  ``同日`` …) and no date of its own takes the previous sentence's date; otherwise none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.acts import (
    COMPLEMENT_ADDRESSEES, complement_addressees, drop_contents, duration_of, fold_summons, object_agents, signs_document,
    decreed_act, exchange_releases, received_act, received_roles, RECEIVED_ACTS, joint_partners, jointly, unnamed_agent,
    object_partners, summoned, SUMMONS, address_reactions, split_reciprocal, asked_addressees,
    unidentified_doer,
    ANNOUNCED_ACTS, announced_intent,
    bound_for, lacks_object, prefix_target, reason_subjects, stray_addressees, visit_host,
)
from kg.clauses import AGENT_CASES, case_of, is_quoted
from kg.contexts import contexts_of, date_of, disclosed_date, extends, ongoing, past_tense
from kg.coordination import respectively
from kg.counterparts import (
    beneficiaries, chained_addressees, chained_objects, envoys_state, object_addressees, passive, passive_roles,
    sent_to, talks_partners,
)
from kg.dates import dateline_date, find_dates
from kg.gazetteer import load_gazetteer
from kg.lexicon import Predicate
from kg.model import Event
from kg.occasion import anchor_previous, date_occasion, date_reactions, remember
from kg.roles import (
    ArticleState, SentenceView, arguments_of, attribution_of, condition_subject, content_subjects,
    document_authors, entry_of, keys_of, nearer_agent, predicate_of, speaker_of, subject_of,
)
from kg.stances import allegation, conditional_threat, is_refusal, offered, promised, threat_stance, threatened
from kg.subjects import (
    disclosed_subject, disclosure_verb, gapped_pairs, headline_subject, main_clause, meeting_hosts, reported_stance,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.model import Mention
    from kg.parse import Sentence

__all__ = ["ArticleState", "make_event", "sentence_events"]

TREATY_CATEGORIES = frozenset({"AGREE", "SUPPORT", "SANCTION"})


PASSIVE_FACTS = frozenset({"COERCE", "ASSAULT", "SANCTION"})
# Launches that are attacks once fired at an actor (a launch into the sea is MOBILIZE).
FIRING = frozenset({"発射", "撃ち込む", "打ち込む"})
# Acts whose addressee may be the envoy summoned earlier in the sentence.
SUMMONED_ADDRESSEES = frozenset({"ACCUSE", "DEMAND", "REJECT", "THREATEN"})
MATERIAL_ACTS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "AID", "COOPERATE", "RETREAT"})


def make_event(token: Token, entry: Predicate, pred: Token, s: SentenceView, state: ArticleState,
               attributed: list[Mention]) -> Event | None:
    """The event of one trigger, or None when it has no source or no required treaty."""
    sentence = s.sentence
    if entry.category == "MOBILIZE" and jointly(pred):
        entry = replace(entry, category="COOPERATE", mode=None)  # 米国と合同で演習を実施した
    quoted = is_quoted(pred)
    speakers, told = speaker_of(pred, s, state) if quoted else ([], [])
    if quoted and not speakers:
        speakers = state.last_subject
    sources = subject_of(pred, s, state)
    if entry.category in MATERIAL_ACTS and not quoted:
        sources = nearer_agent(pred, s, state) or sources  # Xは…、Yの船が体当たりした: Y acts
    discloser = disclosure_verb(pred, state)
    inner: Token | None = None
    if not sources and discloser is not None:  # Xは、Yが…したことを明らかにした: Y acts, X tells
        sources, teller, inner = disclosed_subject(pred, discloser, s, state)
        attributed = attributed + teller
    stance_verb = reported_stance(pred, state) if not sources else None
    if stance_verb is not None:  # Xは、…場合、政府は…も辞さない構えだと話した: 政府 acts, X tells
        sources, teller, _ = disclosed_subject(pred, stance_verb, s, state, ("は", "が"))
        attributed = attributed + teller
    if not sources and entry.category == "CONSULT":
        sources = meeting_hosts(token, pred, s, state)
    if not sources and entry.category == "CONSULT" and pred.dep_ == "acl" and pred.head.i == token.i:
        sources = subject_of(token.head, s, state)  # Xは…で開いた首脳会議で、…合意: X held it
    if not sources:
        agents = [c for c in token.children if case_of(c) in AGENT_CASES]
        sources = s.actors(agents[0], state)[0] if agents else []
    recipients, about, topics, place, status = arguments_of(pred, token, entry, s, state)
    if passive(pred) and not quoted:
        voiced = passive_roles(pred, token, entry, s, state, place)
        if voiced is None:
            return None
        if voiced[0] or voiced[1]:
            agents, patients = voiced
            sources = agents
            taken = {m.entity for m in agents}
            recipients = patients + [m for m in recipients if m.entity not in taken]
    if entry.category in RECEIVED_ACTS and pred.i == token.head.i and received_act(token, state.lexicon):
        received = received_roles(token, pred, s, state)
        if received is None:
            return None  # 攻撃を受けた with no attacker named
        sources, recipients = received
    if not recipients and entry.category == "CONSULT":
        recipients = talks_partners(token, sources, s, state)
    if not recipients and entry.mode == "expel":
        recipients = envoys_state(token, s, state)
    if not recipients and entry.category in COMPLEMENT_ADDRESSEES:
        recipients = complement_addressees(pred, s, state)
    if not recipients:
        recipients = object_addressees(token, pred, s, state)
    if not recipients and entry.category in ("DEMAND", "ACCUSE", "REJECT"):
        recipients = object_agents(token, pred, s, state)
    if not recipients and entry.category in ("DEMAND", "ACCUSE", "THREATEN", "SANCTION"):
        recipients = stray_addressees(pred, s, state)  # EUに…の供与を要請: に hung on the object
    if not recipients and entry.category == "ACCUSE":
        recipients = reason_subjects(pred, s, state)  # ロシアが…としてと批判: the reason's subject
    if entry.category == "ACCUSE" and all(m.entity in _selves(sources, state) for m in recipients):
        recipients = content_subjects(pred, s, state) or recipients  # 米国が「…乱用している」と非難
    if not recipients and entry.category == "SANCTION":
        recipients = bound_for(pred, s, state)  # 米国向けの輸出を禁止
    if not recipients and entry.category == "DEMAND":
        recipients = sent_to(pred, s, state)
    if not recipients and entry.category == "AID":
        recipients = beneficiaries(token, pred, s, state)
    if not recipients and entry.category == "SUPPORT":
        recipients = object_partners(pred, s, state)  # 中国と国交を樹立: と hung on the object
    if entry.category == "MOBILIZE" and token.lemma_ in FIRING and recipients and not quoted:
        entry = replace(entry, category="ASSAULT", mode=None)  # イスラエルにミサイルを発射: fired at a target
    if token.lemma_ in SUMMONS:
        recipients = summoned(pred, s, state) or recipients  # 大使を外務省に呼び出し: に is the venue
    elif not recipients and entry.category in SUMMONED_ADDRESSEES:
        recipients = summoned(pred, s, state)  # 大使を呼び出し、…抗議し、…を求めた
    if entry.category == "COOPERATE" and not quoted:
        sources = sources + joint_partners(pred, s, state)  # Xは日本や米国と共同で演習を重ね
    sources_keys = keys_of(sources)
    # 武装集団が警察官を襲撃した: the doer is written but unnamed; it takes no earlier subject
    unidentified = not sources_keys and not quoted and bool(recipients) and unidentified_doer(pred, s, state)
    unnamed = unidentified or not sources_keys and entry.category == "ASSAULT" and bool(recipients) \
        and unnamed_agent(pred, s, state)
    if not unnamed and not quoted and unnamed_agent(pred, s, state, counted=True):
        return None  # 中国は棄権し、13か国が賛成した: the counted group acts, not the topic
    if not sources_keys and not unnamed and passive(pred) and not any(case_of(c) in AGENT_CASES for c in pred.children):
        return None  # 記者が「逮捕された」と述べ: the speaker is not the one who arrested
    if not sources_keys and not unnamed:
        if quoted or attributed:
            if entry.category in ("AGREE", "CONSULT") and len(keys_of(speakers)) < 2 and state.last_consult \
                    and not recipients and not _declined(token, pred, state):
                sources_keys = state.last_consult
            else:
                sources_keys = keys_of(speakers)
        if not sources_keys and not quoted and main_clause(pred, discloser, state):
            sources_keys = keys_of(s.topic(state, pred.i) or headline_subject(pred, s, state)
                                   or state.last_subject)  # also after …によると
    if not sources_keys and not (unidentified and recipients):
        return None  # no source found; only an unidentified doer (武装集団が) leaves it empty
    if not recipients and entry.category == "THREATEN":
        recipients = condition_subject(pred, s, state) or told
    if entry.treaty_status == "signed" and signs_document(token, pred, state):
        decreed = decreed_act(token, pred, state)
        if decreed is None:
            return None  # 法律に署名した: a law is signed, not a treaty
        entry = decreed[0]  # 脱退に関する大統領令に署名した: the decreed act, by the signer
    if entry.about_type and not any(state.records.get(m.entity) and state.records[m.entity].type == entry.about_type for m in about):
        return None
    own = {state.records[k].country for k in sources_keys if k in state.records}  # 中国外務省 → China
    recipient_keys = tuple(k for k in keys_of(recipients) if k not in sources_keys and k not in own)
    if entry.category == "DEMAND" and not recipient_keys:
        recipient_keys = tuple(k for k in keys_of(chained_objects(pred, s, state)) if k not in sources_keys)
    if entry.category == "DEMAND" and not recipient_keys:  # EUに…を改めるよう求めた
        asked = keys_of(asked_addressees(pred, s, state))
        recipient_keys = tuple(k for k in asked if k not in sources_keys and k not in own)
    if entry.category == "DEMAND" and not recipient_keys:
        # an appeal needs an addressee: the partner of the source's last talks, else none
        partners = tuple(k for k in state.last_consult if k not in sources_keys)
        if not partners or len(partners) == len(state.last_consult):
            return None
        recipient_keys = partners
    mode = entry.mode
    if entry.category == "CONSULT":
        for k in range(max(token.i - 2, token.sent.start), token.i):
            mode = state.lexicon.consult_modes.get(token.doc[k].lemma_, mode)
    date = date_of(pred, token, s) or (disclosed_date(inner, pred, s) if inner is not None else None)
    is_treaty = any(state.records.get(m.entity) and state.records[m.entity].type == "Treaty" for m in about)
    status = status if entry.category in TREATY_CATEGORIES else None
    contexts = contexts_of(pred, token, s, state, date, entry.category)
    planned = {"future", "hypothetical", "negation"} & set(contexts)
    # a planned or conditional act asserts no lifecycle fact (ベラルーシも…停止する方針); a
    # denied one keeps its status, which scoring reads as a negated fact
    treaty_status = (entry.treaty_status or status) if is_treaty and not planned - {"negation"} else None
    start = sentence.char(token.idx)
    written = {m.entity: m.text for m in reversed(state.history)}
    written.update({m.entity: m.text for m in reversed(s.mentions)})
    keys = (*sources_keys, *recipient_keys, *keys_of(about), *keys_of(speakers + attributed))
    return Event(
        article=state.article.id, category=entry.category, trigger=token.text,
        start=start, end=start + len(token.text), sentence=sentence.index,
        sentence_start=sentence.offset, sentence_end=sentence.end,
        sources=sources_keys, recipients=recipient_keys, about=keys_of(about),
        topics=tuple(dict.fromkeys(topics)), mode=mode, date=date, place=place,
        contexts=contexts, attributed_to=keys_of(speakers + attributed), treaty_status=treaty_status,
        surface=tuple((k, written[k]) for k in dict.fromkeys(keys) if k in written),
        duration=duration_of(sentence.text) if extends(token, pred, treaty_status) else None,
    )


def _unconfirmed(token: Token, pred: Token, event: Event | None, state: ArticleState) -> bool:
    """``Xは合意について確認していない``: mark the claim X did not confirm; no event."""
    if token.lemma_ != "確認" or event is None or "negation" not in event.contexts:
        return False
    words = {w.lemma_ for c in token.children for w in c.subtree}
    for index in range(len(state.events) - 1, -1, -1):
        old = state.events[index]
        if old.sentence < event.sentence - 2:
            break
        entries = [e for w in words for e in state.lexicon.entries(w)]
        if any(e.category == old.category for e in entries) and not set(old.attributed_to) & set(event.sources):
            state.events[index] = replace(
                old, not_confirmed_by=tuple(dict.fromkeys((*old.not_confirmed_by, *event.sources)))
            )
            break
    return True


def _trigger(token: Token, state: ArticleState) -> tuple[Predicate | None, Token | None]:
    """The lexicon entry and predicate of a token; also an offer (``…する用意がある``), a visit
    written as one word (``訪中した``, ``来日した``) and a threat stance (``制裁も辞さない``)."""
    lex = state.lexicon
    if offered(token, lex):
        return Predicate(lemma=token.lemma_, category="AGREE"), token.head
    entry = entry_of(token, lex)
    if entry is not None:
        pred = predicate_of(token, entry, lex)
        if pred is None and entry.category in RECEIVED_ACTS and received_act(token, lex):
            pred = token.head  # 米国の攻撃を受けた: the act of the noun's owner
        if pred is None and token.pos_ == "VERB" and disclosure_verb(token, state) is not None:
            pred = token  # …を攻撃したことを明らかにした: a disclosed act, not a relative clause
        if pred is None and token.pos_ == "VERB" and token.dep_ == "acl" and passive(token) \
                and past_tense(token) and entry.category in PASSIVE_FACTS:
            pred = token  # 昨年、北京で拘束された日本人: the clause states a past act
        return entry, pred
    if visit_host(token, lex, load_gazetteer().abbreviations) is not None:
        return Predicate(lemma=token.lemma_, category="CONSULT", mode="visit"), token
    if threat_stance(token, lex) is not None:
        return Predicate(lemma=token.lemma_, category="THREATEN"), token
    return None, None


def _reread(event: Event, entry: Predicate, token: Token, pred: Token, s: SentenceView,
            state: ArticleState) -> Event | None:
    """What the grammar around a trigger makes of its event (``kg.stances``): a meeting word that
    needs a counterpart, a visit's host, a refusal, a conditional threat, a promise of aid."""
    lex = state.lexicon
    if entry.partner and not event.recipients:
        return None  # 会見した alone is a press conference
    if lacks_object(token, pred, lex):
        return None  # 「…措置を取る」とけん制した: the quoted threat is the act
    host = visit_host(token, lex, load_gazetteer().abbreviations)
    if host is not None and host in state.actors and host not in event.sources and host not in event.recipients:
        event = replace(event, recipients=(*event.recipients, host))
    target = prefix_target(token, lex, load_gazetteer().abbreviations)  # 対中輸出規制 → China
    if target is not None and not event.recipients and target in state.actors and target not in event.sources:
        event = replace(event, recipients=(target,))
    if is_refusal(pred, token, lex):
        drop = ("negation", "future")
        recipients = event.recipients or tuple(
            k for k in keys_of(object_agents(token, pred, s, state)) if k not in event.sources)
        return replace(event, category="REJECT", mode=None, recipients=recipients,
                       contexts=tuple(c for c in event.contexts if c not in drop))
    if entry.lemma == "用意" and entry.category == "AGREE":  # an offer stands now (用意がある)
        event = replace(event, recipients=event.recipients or threatened(event, pred, s, state),
                        contexts=tuple(c for c in event.contexts if c != "future"))
    threat = conditional_threat(event, pred, s, state)
    if threat is not None:
        return threat
    if event.category in ANNOUNCED_ACTS and "future" not in event.contexts and announced_intent(token, pred, lex):
        event = replace(event, contexts=(*event.contexts, "future"))  # 関税の引き上げを表明した
    if event.category == "AID" and "hypothetical" not in event.contexts and (promised(pred, lex) or promised(token, lex)):
        event = replace(event, category="AGREE", mode=None, contexts=tuple(c for c in event.contexts if c != "future"))
    if event.category == "THREATEN" and not event.recipients:
        event = replace(event, recipients=threatened(event, pred, s, state))
    if event.category == "THREATEN" and token.lemma_ not in ("警告", "威嚇"):
        drop = ("future", "negation") if token.lemma_ in lex.threat_stances else ("future",)
        event = replace(event, contexts=tuple(c for c in event.contexts if c not in drop))
    return event


def _selves(sources: list[Mention], state: ArticleState) -> set[str]:
    """The sources and their states: ``中国外務省の報道官は`` is no addressee of its own act."""
    return {m.entity for m in sources} | {state.records[m.entity].country for m in sources if m.entity in state.records}


def _declined(token: Token, pred: Token, state: ArticleState) -> bool:
    """``「…査察には応じられない」と述べた``: a quoted acceptance that is negated (a refusal or
    a denial) is the speaker's own stance, not an outcome of the last talks."""
    lex = state.lexicon
    return is_refusal(pred, token, lex) or any(c.lemma_ in lex.negation_lemmas for c in pred.children if c.i > pred.i)


def _accusation(token: Token, entry: Predicate, pred: Token, accused: list[Mention], s: SentenceView,
                state: ArticleState, attributed: list[Mention]) -> Event | None:
    """The ACCUSE of a claim of another actor's misconduct (``kg.stances.allegation``); the
    accused is the content's subject when no addressee is written."""
    event = make_event(token, entry, pred, s, state, attributed)
    if event is None or event.recipients:
        return event
    recipients = tuple(k for k in keys_of(accused) if k not in event.sources and not _own_organ(k, event, state))
    return replace(event, recipients=recipients) if recipients else None


def _own_organ(key: str, event: Event, state: ArticleState) -> bool:
    """``大統領室の高官は「…」と述べた`` read as 韓国's claim: the speaker's own organ (an entity
    of the source's state, or the speaker's) is no one it accuses of misconduct."""
    record = state.records.get(key)
    if record is None or record.country is None:
        return False
    sides = set(event.sources) | set(event.attributed_to)
    sides |= {state.records[k].country for k in sides if k in state.records and state.records[k].country}
    return record.country in sides


def _gapped(event: Event, token: Token, pred: Token, s: SentenceView,
            state: ArticleState) -> list[tuple[Event, Token, Token]]:
    """``AはXを、BはYをそれぞれ解放した``: one event per subject–object pair of a shared verb."""
    pairs = gapped_pairs(pred, s, state)
    if not pairs:
        return [(event, token, pred)]
    written = dict(event.surface) | {m.entity: m.text for actors, objects in pairs for m in actors + objects}
    out = []
    for actors, objects in pairs:
        sources = keys_of(actors)
        recipients = tuple(k for k in keys_of(objects) if k not in sources)
        keys = dict.fromkeys((*sources, *recipients, *event.about, *event.attributed_to))
        out.append((replace(event, sources=sources, recipients=recipients,
                            surface=tuple((k, written[k]) for k in keys if k in written)), token, pred))
    return out


def _drop_carriers(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """A verb that carries another trigger as a light verb (``非難決議を採択``, ``制裁を発動``)
    is not an event of its own: the carried act is the one reported."""
    carriers = {p.i for _, t, p in found if p.i != t.i}
    return [(e, t, p) for e, t, p in found if not (t.i == p.i and t.i in carriers)]


def sentence_events(sentence: Sentence, mentions: list[Mention], state: ArticleState) -> list[Event]:
    """The events of one body sentence; updates ``state`` (subject, dates, events)."""
    state.enter(sentence)
    to_doc = sentence.offset - sentence.span.start_char
    anchor = state.anchor(anchor_previous(sentence.text, state.last_dates))
    dates = [(sentence.span.start_char + d.start, sentence.span.start_char + d.end, d.value)
             for d in find_dates(sentence.text, anchor)]
    s = SentenceView(sentence, mentions, to_doc, dates,
                     state.lexicon.future_markers | state.lexicon.hypothetical_markers,
                     state.lexicon.statement_nouns)
    attributed = attribution_of(s, state)
    covered = [(m.start - to_doc, m.end - to_doc) for m in mentions if m.via in ("gazetteer", "ner")]
    found: list[tuple[Event, Token, Token]] = []
    for token in sentence.span:
        if any(a <= token.idx < b for a, b in covered):
            continue
        alleged = allegation(token, s, state)
        if alleged is not None:
            event = _accusation(token, *alleged, s, state, attributed)
            if event is not None:
                found.append((event, token, alleged[1]))
            continue
        if token.lemma_ in state.lexicon.speech_verbs:
            continue
        entry, pred = _trigger(token, state)
        if entry is None or pred is None:
            continue
        event = make_event(token, entry, pred, s, state, attributed)
        if _unconfirmed(token, pred, event, state) or event is None:
            continue
        event = _reread(event, entry, token, pred, s, state)
        if event is None:
            continue
        found += [(part, token, pred) for whole in _gapped(event, token, pred, s, state)
                  for part in exchange_releases(whole[0], token)]
        if event.category == "CONSULT" and "negation" not in event.contexts:
            state.last_consult = (*event.sources, *event.recipients)
    for outer, inner in [(a, b) for a in found for b in found if a is not b and is_quoted(b[2])
                         and b[2].i < a[1].i <= b[2].i + 4]:
        if outer[0].category == inner[0].category and outer in found:
            found.remove(outer)  # ≪…措置を取ると警告≫: one THREATEN, not two
    found = split_reciprocal(address_reactions(fold_summons(drop_contents(_drop_carriers(found)))))
    found = chained_addressees(found)
    found = [(part, t, p) for e, t, p in found for part in respectively(e, t, s, state)]
    values = [v for _, _, v in dates if v is not None]
    if sentence.index == state.first_body or not state.occasion.started and state.occasion.hint is None:
        # the dateline, else the lead's date, governs the lead (the first sentence with events)
        hint = dateline_date(state.anchor()) if state.article.dateline is not None else None
        state.occasion.hint = hint or s.adverbial_date()
    fallback = state.occasion.hint
    lead = not state.occasion.started
    adverbial = s.adverbial_date()
    out = date_occasion(state.occasion, [(e, ongoing(p)) for e, _, p in found], sentence.text,
                        sentence.paragraph.start, state.records, fallback, adverbial)
    out = date_reactions(out, sentence.text, state.last_written, adverbial)
    if values:
        state.last_written = values[-1]
    if lead and state.occasion.started:  # everyone the lead sentence names takes part
        state.occasion.actors |= {m.entity for m in mentions if m.entity in state.actors}
    state.events.extend(out)
    authors = document_authors(s, state, out)
    if authors:
        state.last_document = authors  # 首脳らは発表した声明で…: a later bare 声明 is theirs
    subject = s.topic(state) or subject_of(sentence.span.root, s, state)
    if subject:
        state.last_subject = subject
    dated = [e.date for e in out if e.date is not None] or [d for d in [s.adverbial_date()] if d]
    remember(state.last_dates, dated, values)  # 同日 refers to the day of the last dated act, not to 10日まで
    state.history.extend(mentions)
    return out
