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

from kg.clauses import AGENT_CASES, CONDITIONAL_MARKS, SUBJECT_CASES, case_of, chain, has_comma_after, is_quoted
from kg.dates import dateline_date, find_dates, is_historical
from kg.acts import (
    COMPLEMENT_ADDRESSEES, allegation, complement_addressees, conditional_threat, drop_contents, duration_of,
    elapsed_years, is_refusal, object_agents, promised, signs_document, threat_stance, threatened, visit_host,
)
from kg.gazetteer import load_gazetteer
from kg.occasion import anchor_previous, date_occasion, date_reactions, remember
from kg.lexicon import Lexicon, Predicate
from kg.model import DateValue, Event, Mention
from kg.roles import (
    ArticleState, SentenceView, arguments_of, attribution_of, condition_subject, entry_of, keys_of, predicate_of, speaker_of, subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence

__all__ = ["ArticleState", "make_event", "sentence_events"]

TREATY_CATEGORIES = frozenset({"AGREE", "SUPPORT", "SANCTION"})


def _contexts(pred: Token, token: Token, s: SentenceView, state: ArticleState, date: DateValue | None,
              category: str = "") -> tuple[str, ...]:
    """Grammatical flags. A condition governing a threat or a quoted offer is the threat's
    or offer's condition (``…すれば相応の措置を取ると伝えた``): a real act, no flag."""
    lex = state.lexicon
    out: list[str] = []
    near = [c for t in {pred, token, *_subsidiary(pred)} for c in t.children if c.i > t.i]
    head = pred.head
    if any(c.lemma_ in lex.negation_lemmas and c.pos_ in ("AUX", "SCONJ", "ADJ", "VERB") for c in near) \
            or _stance_denied(pred, lex):
        out.append("negation")
    future = head is not pred and head.lemma_ in lex.future_markers and pred.dep_ in ("acl", "nmod", "compound") \
        and not _past_tense(pred)  # 会談したが、…会談する予定だ: the parse hung the past act on the plan
    future = future or any(c.text == "へ" and c.dep_ in ("case", "mark") for c in near)
    future = future or not _past(pred, date, state) and any(  # イランを訪問して…協議する意向を示した: the chain is planned
        h is not pred and h.dep_ == "acl" and h.head.lemma_ in lex.future_markers for h in chain(pred) if h.i > pred.i)
    if not future and pred.dep_ == "ROOT" and not is_quoted(pred) and pred.pos_ == "VERB":
        tail = [c for c in pred.children if c.i > pred.i and c.pos_ in ("AUX", "SCONJ", "VERB")]
        plain = tail[-1].text in ("する", "します") if tail else pred.text == pred.lemma_ and pred.tag_.startswith("動詞")
        future = plain and not any(c.lemma_ in ("た", "だ", "て", "いる", "ない", "ず") for c in tail)
    if future:
        out.append("future")
    conditional = any(c.text in CONDITIONAL_MARKS for c in pred.children if c.i > pred.i)
    conditional = conditional or (head.lemma_ in lex.hypothetical_markers and pred.dep_ == "acl")
    governed = any(c.dep_ == "advcl" and any(g.text in CONDITIONAL_MARKS for g in c.children) for c in pred.children)
    governed = governed or any(  # 北朝鮮が…打ち上げた場合、…抗議する考えだ
        c.lemma_ in ("場合", "際") and c.i < h.i and c.dep_ in ("obl", "advcl", "nmod")
        and any(g.dep_ == "acl" for g in c.children) for h in chain(pred) for c in h.children)
    if governed and not (category == "THREATEN" or category == "AGREE" and is_quoted(pred)):
        conditional = True
    if conditional:
        out.append("hypothetical")
    historical = date is not None and is_historical(date, state.published)
    historical = historical or any(
        w.lemma_ in lex.historical_markers for c in chain(pred) for w in c.children if w.i < c.i)
    historical = historical or elapsed_years(pred) >= 1
    if historical:
        out.append("historical")
    return tuple(out)


def _stance_denied(pred: Token, lex: Lexicon) -> bool:
    """``外交関係を断絶する考えはない``: a plan or intention written and denied."""
    head = pred.head
    if pred.dep_ != "acl" or head.i == pred.i or head.lemma_ not in lex.future_markers | lex.stance_nouns:
        return False
    words = [c for c in head.children if c.i > head.i] + ([head.head] if head.head.i > head.i else [])
    return any(w.lemma_ in lex.negation_lemmas and w.pos_ in ("AUX", "ADJ") for w in words)


SUBSIDIARY_VERBS = frozenset({"くる", "来る", "いく", "行く", "しまう", "おく", "みる"})


def _subsidiary(pred: Token) -> list[Token]:
    """The subsidiary verb a te-form hangs on (``応じてこなかった``: ``こ``), which carries the
    act's negation and tense."""
    head = pred.head
    te = any(c.text in ("て", "で") and c.dep_ == "mark" for c in pred.children)
    if te and pred.dep_ == "advcl" and head.lemma_ in SUBSIDIARY_VERBS and head.i - pred.i <= 3:
        return [head]
    return []


def _past_tense(pred: Token) -> bool:
    return any(c.lemma_ == "た" and c.dep_ == "aux" for c in pred.children if c.i > pred.i)


def _past(pred: Token, date: DateValue | None, state: ArticleState) -> bool:
    """``先月、会談したが、今月下旬にも…予定だ``: a clause in the past tense or dated before
    publication is not part of the plan it is chained to."""
    if _past_tense(pred):
        return True
    published = state.published
    if date is None or published is None or date.year is None:
        return False
    if date.month is None:
        return date.year < published.year
    if date.day is None:
        return (date.year, date.month) < (published.year, published.month)
    return (date.year, date.month, date.day) < (published.year, published.month, published.day)


def _date(pred: Token, token: Token, s: SentenceView) -> DateValue | None:
    """The date written for the trigger (the occasion rule in ``kg.occasion`` adds the rest).

    In order: a date on the trigger's clause chain; for a quoted act, a date on the speech
    verb's chain (``中国外務省は同日、…制裁を科すと発表``); for a main-clause act, the
    sentence's adverbial date (``Xは5日、…``, ``7日の閣議で、…``), which GiNZA often
    attaches to a nearer verb. A relative clause (``…に期限を迎える``) never lends its date.
    """
    before = pred.idx + len(pred.text)  # a date written after the act belongs to a later clause
    for clause in [token, *chain(pred)]:
        value = s.date_of(clause, before if clause.i > pred.i else None)
        if value is not None:
            return value
    verb = pred
    while is_quoted(verb) and verb.head is not verb:
        verb = verb.head
        for clause in chain(verb):
            value = s.date_of(clause)
            if value is not None:
                return value
    if verb.dep_ == "acl" and verb.head.lemma_ not in s.markers | s.statements:
        return None
    return s.adverbial_date(before)


def _passive(pred: Token) -> bool:
    """``逮捕された``, ``署名され``: a passive predicate (its agent is not its subject)."""
    return any(c.lemma_ in ("れる", "られる") and c.dep_ == "aux" for c in pred.children if c.i > pred.i)


def _ongoing(pred: Token) -> bool:
    """``〜している``/``〜していた``: an ongoing or background state, not the occasion's act."""
    after = [t for c in pred.children if c.i > pred.i for t in (c, *c.children)]
    return any(c.text in ("て", "で") for c in after) and any(c.lemma_ in ("いる", "おる") for c in after)


def make_event(token: Token, entry: Predicate, pred: Token, s: SentenceView, state: ArticleState,
               attributed: list[Mention]) -> Event | None:
    """The event of one trigger, or None when it has no source or no required treaty."""
    sentence = s.sentence
    quoted = is_quoted(pred)
    speakers, told = speaker_of(pred, s, state) if quoted else ([], [])
    if quoted and not speakers:
        speakers = state.last_subject
    sources = subject_of(pred, s, state)
    if not sources:
        agents = [c for c in token.children if case_of(c) in AGENT_CASES]
        sources = s.actors(agents[0], state)[0] if agents else []
    recipients, about, topics, place, status = arguments_of(pred, token, entry, s, state)
    if _passive(pred) and not quoted:
        voiced = _passive_roles(pred, token, entry, s, state, place)
        if voiced is None:
            return None
        if voiced[0] or voiced[1]:
            agents, patients = voiced
            sources = agents
            taken = {m.entity for m in agents}
            recipients = patients + [m for m in recipients if m.entity not in taken]
    if not recipients and entry.category == "CONSULT":
        recipients = _partners(token, sources, s, state)
    if not recipients and entry.mode == "expel":
        recipients = _envoys_state(token, s, state)
    if not recipients and entry.category in COMPLEMENT_ADDRESSEES:
        recipients = complement_addressees(pred, s, state)
    if not recipients and entry.category in ("DEMAND", "ACCUSE", "REJECT"):
        recipients = object_agents(token, pred, s, state)
    sources_keys = keys_of(sources)
    if not sources_keys and _passive(pred) and not any(case_of(c) in AGENT_CASES for c in pred.children):
        return None  # 記者が「逮捕された」と述べ: the speaker is not the one who arrested
    if not sources_keys:
        if quoted or attributed:
            if entry.category in ("AGREE", "CONSULT") and len(keys_of(speakers)) < 2 and state.last_consult \
                    and not recipients:
                sources_keys = state.last_consult
            else:
                sources_keys = keys_of(speakers)
        elif pred.dep_ == "ROOT" or pred.head.dep_ == "ROOT" and pred.dep_ in ("advcl", "conj") or (
                pred.dep_ == "advcl" and has_comma_after(pred)) or (
                pred.dep_ == "acl" and pred.head.lemma_ in state.lexicon.statement_nouns | state.lexicon.document_nouns) or (
                pred.dep_ == "acl" and pred.head.lemma_ == "こと"
                and pred.head.head.lemma_ in state.lexicon.decision_verbs and pred.head.head.dep_ == "ROOT"):
            sources_keys = keys_of(s.topic(state, pred.i) or state.last_subject)
    if not sources_keys:
        return None
    if not recipients and entry.category == "THREATEN":
        recipients = condition_subject(pred, s, state) or told
    if entry.treaty_status == "signed" and signs_document(token, pred, state):
        return None  # 法律に署名した: a law is signed, not a treaty
    if entry.about_type and not any(state.records.get(m.entity) and state.records[m.entity].type == entry.about_type for m in about):
        return None
    recipient_keys = tuple(k for k in keys_of(recipients) if k not in sources_keys)
    if entry.category == "DEMAND" and not recipient_keys:
        recipient_keys = tuple(k for k in keys_of(_chained_objects(pred, s, state)) if k not in sources_keys)
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
    date = _date(pred, token, s)
    is_treaty = any(state.records.get(m.entity) and state.records[m.entity].type == "Treaty" for m in about)
    status = status if entry.category in TREATY_CATEGORIES else None
    treaty_status = (entry.treaty_status or status) if is_treaty else None
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
        contexts=_contexts(pred, token, s, state, date, entry.category),
        attributed_to=keys_of(speakers + attributed), treaty_status=treaty_status,
        surface=tuple((k, written[k]) for k in dict.fromkeys(keys) if k in written),
        duration=duration_of(sentence.text) if _extends(token, pred, treaty_status) else None,
    )


def _chained_objects(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
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


def _partners(token: Token, sources: list[Mention], s: SentenceView, state: ArticleState) -> list[Mention]:
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


def _passive_roles(pred: Token, token: Token, entry: Predicate, s: SentenceView, state: ArticleState,
                   place: str | None) -> tuple[list[Mention], list[Mention]] | None:
    """``Xが(Yに/Yによって)拘束された``: (agents, patients) of a passive act. The subject is
    the patient; the agent is the ``に``/``によって`` phrase (``から`` for an expulsion), else
    the state of the place written (``北京で``). None: a patient but no agent can be named
    (no event); ``([], [])``: not an actor's passive (the active rules apply)."""
    agents: list[Mention] = []
    patients: list[Mention] = []
    cases = PASSIVE_AGENT_CASES | ({"から"} if entry.category == "SANCTION" else set())
    for holder in dict.fromkeys([pred, token]):
        for child in holder.children:
            if child.i > holder.i or child is token:
                continue
            case = case_of(child)
            heads, owners = s.actors(child, state)
            if case in SUBJECT_CASES and not patients:
                patients = heads or owners
            elif case in cases and not agents:
                agents = heads or owners
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


def _chained_addressees(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``Xは…を非難した上で、…と警告した``, ``北朝鮮を非難し、対話への復帰を求めた``: two
    chained acts of one subject; the second, hostile and with no addressee written, is
    addressed to the first's recipients."""
    out = list(found)
    for first, _, p1 in found:
        if p1.dep_ != "advcl" or any(c.text in CONDITIONAL_MARKS for c in p1.children):
            continue  # …を非難した上で、…を非難し、…求めた: chained acts of one subject
        for index, (second, t2, p2) in enumerate(out):
            if p2.i == p1.head.i and second.category in HOSTILE_FOLLOWERS and not second.recipients \
                    and second.sources == first.sources and first.recipients:
                out[index] = (replace(second, recipients=first.recipients), t2, p2)
    return out


ENVOYS = ("外交官", "大使", "大使館員", "大使館職員", "外交団", "領事")


def _envoys_state(token: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The expelled diplomats' state the parse hung elsewhere: ``ロシアの外交官を…`` before
    the trigger (``ペルソナ・ノン・グラータに指定``)."""
    start = s.sentence.char(token.idx)
    text, offset = s.sentence.text, s.sentence.offset
    return [m for m in s.mentions if m.entity in state.actors and m.end <= start
            and text[m.end - offset:].startswith(tuple("の" + w for w in ENVOYS))][:1]


def _extends(token: Token, pred: Token, treaty_status: str | None) -> bool:
    """Whether the act is an extension (of a treaty, of sanctions): its duration is kept."""
    return treaty_status == "extended" or "延長" in (token.lemma_, pred.lemma_)


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
    """The lexicon entry and predicate of a token; also a visit written as one word
    (``訪中した``, ``来日した``) and a threat stance (``制裁も辞さない``)."""
    lex = state.lexicon
    entry = entry_of(token, lex)
    if entry is not None:
        return entry, predicate_of(token, entry, lex)
    if visit_host(token, lex, load_gazetteer().abbreviations) is not None:
        return Predicate(lemma=token.lemma_, category="CONSULT", mode="visit"), token
    if threat_stance(token, lex) is not None:
        return Predicate(lemma=token.lemma_, category="THREATEN"), token
    return None, None


def _reread(event: Event, entry: Predicate, token: Token, pred: Token, s: SentenceView,
            state: ArticleState) -> Event | None:
    """What the grammar around a trigger makes of its event (``kg.acts``): a meeting word that
    needs a counterpart, a visit's host, a refusal, a conditional threat, a promise of aid."""
    lex = state.lexicon
    if entry.partner and not event.recipients:
        return None  # 会見した alone is a press conference
    host = visit_host(token, lex, load_gazetteer().abbreviations)
    if host is not None and host in state.actors and host not in event.sources and host not in event.recipients:
        event = replace(event, recipients=(*event.recipients, host))
    if is_refusal(pred, token, lex):
        drop = ("negation", "future")
        recipients = event.recipients or tuple(
            k for k in keys_of(object_agents(token, pred, s, state)) if k not in event.sources)
        return replace(event, category="REJECT", mode=None, recipients=recipients,
                       contexts=tuple(c for c in event.contexts if c not in drop))
    threat = conditional_threat(event, pred, s, state)
    if threat is not None:
        return threat
    if event.category == "AID" and "hypothetical" not in event.contexts and promised(pred, lex):
        event = replace(event, category="AGREE", mode=None, contexts=tuple(c for c in event.contexts if c != "future"))
    if event.category == "THREATEN" and not event.recipients:
        event = replace(event, recipients=threatened(event, pred, s, state))
    if event.category == "THREATEN" and token.lemma_ not in ("警告", "威嚇"):
        drop = ("future", "negation") if token.lemma_ in lex.threat_stances else ("future",)
        event = replace(event, contexts=tuple(c for c in event.contexts if c not in drop))
    return event


def _accusation(token: Token, entry: Predicate, pred: Token, accused: list[Mention], s: SentenceView,
                state: ArticleState, attributed: list[Mention]) -> Event | None:
    """The ACCUSE of a claim of another actor's misconduct (``kg.acts.allegation``); the
    accused is the content's subject when no addressee is written."""
    event = make_event(token, entry, pred, s, state, attributed)
    if event is None or event.recipients:
        return event
    recipients = tuple(k for k in keys_of(accused) if k not in event.sources)
    return replace(event, recipients=recipients) if recipients else None


def _drop_carriers(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """A verb that carries another trigger as a light verb (``非難決議を採択``, ``制裁を発動``)
    is not an event of its own: the carried act is the one reported."""
    carriers = {p.i for _, t, p in found if p.i != t.i}
    return [(e, t, p) for e, t, p in found if not (t.i == p.i and t.i in carriers)]


def sentence_events(sentence: Sentence, mentions: list[Mention], state: ArticleState) -> list[Event]:
    """The events of one body sentence; updates ``state`` (subject, dates, events)."""
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
        found.append((event, token, pred))
        if event.category == "CONSULT" and "negation" not in event.contexts:
            state.last_consult = (*event.sources, *event.recipients)
    for outer, inner in [(a, b) for a in found for b in found if a is not b and is_quoted(b[2])
                         and b[2].i < a[1].i <= b[2].i + 4]:
        if outer[0].category == inner[0].category and outer in found:
            found.remove(outer)  # ≪…措置を取ると警告≫: one THREATEN, not two
    found = drop_contents(_drop_carriers(found))
    found = _chained_addressees(found)
    values = [v for _, _, v in dates if v is not None]
    if sentence.index == state.first_body:  # the dateline, else the lead's date, governs the lead
        hint = dateline_date(state.anchor()) if state.article.dateline is not None else None
        state.occasion.hint = hint or s.adverbial_date()
    fallback = state.occasion.hint
    lead = not state.occasion.started
    out = date_occasion(state.occasion, [(e, _ongoing(p)) for e, _, p in found], sentence.text,
                        sentence.paragraph.start, state.records, fallback)
    out = date_reactions(out, sentence.text, state.last_written)
    if values:
        state.last_written = values[-1]
    if lead and state.occasion.started:  # everyone the lead sentence names takes part
        state.occasion.actors |= {m.entity for m in mentions if m.entity in state.actors}
    state.events.extend(out)
    subject = s.topic(state) or subject_of(sentence.span.root, s, state)
    if subject:
        state.last_subject = subject
    dated = [e.date for e in out if e.date is not None] or [d for d in [s.adverbial_date()] if d]
    remember(state.last_dates, dated)  # 同日 refers to the day of the last dated act, not to 10日まで
    state.history.extend(mentions)
    return out
