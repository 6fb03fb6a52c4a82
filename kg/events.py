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

from kg.clauses import AGENT_CASES, CONDITIONAL_MARKS, case_of, chain, is_quoted
from kg.dates import dateline_date, find_dates, is_historical
from kg.lexicon import Predicate
from kg.model import DateValue, Event, Mention
from kg.roles import (
    ArticleState, SentenceView, arguments_of, attribution_of, condition_subject, entry_of, keys_of, predicate_of, speaker_of, subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence

__all__ = ["ArticleState", "make_event", "sentence_events"]

BACK_REFERENCES = ("これに", "これを受け", "その後", "同日", "同月", "その直後", "これに対し")
TREATY_CATEGORIES = frozenset({"AGREE", "SUPPORT", "SANCTION"})


def _contexts(pred: Token, token: Token, s: SentenceView, state: ArticleState, date: DateValue | None) -> tuple[str, ...]:
    lex = state.lexicon
    out: list[str] = []
    near = [c for t in {pred, token} for c in t.children if c.i > t.i]
    if any(c.lemma_ in lex.negation_lemmas and c.pos_ in ("AUX", "SCONJ", "ADJ", "VERB") for c in near):
        out.append("negation")
    head = pred.head
    future = head is not pred and head.lemma_ in lex.future_markers and pred.dep_ in ("acl", "nmod", "compound")
    future = future or any(c.text == "へ" and c.dep_ in ("case", "mark") for c in near)
    if not future and pred.dep_ == "ROOT" and not is_quoted(pred) and pred.pos_ == "VERB":
        tail = [c for c in pred.children if c.i > pred.i and c.pos_ in ("AUX", "SCONJ", "VERB")]
        plain = tail[-1].text in ("する", "します") if tail else pred.text == pred.lemma_ and pred.tag_.startswith("動詞")
        future = plain and not any(c.lemma_ in ("た", "だ", "て", "いる", "ない", "ず") for c in tail)
    if future:
        out.append("future")
    conditional = any(c.text in CONDITIONAL_MARKS for c in pred.children if c.i > pred.i)
    conditional = conditional or (head.lemma_ in lex.hypothetical_markers and pred.dep_ == "acl")
    conditional = conditional or any(
        c.dep_ == "advcl" and any(g.text in CONDITIONAL_MARKS for g in c.children) for c in pred.children)
    if conditional:
        out.append("hypothetical")
    historical = date is not None and is_historical(date, state.published)
    historical = historical or any(
        w.lemma_ in lex.historical_markers for c in chain(pred) for w in c.children if w.i < c.i)
    if historical:
        out.append("historical")
    return tuple(out)


def _date(pred: Token, token: Token, s: SentenceView, state: ArticleState) -> DateValue | None:
    for clause in [token, *chain(pred)]:
        value = s.date_of(clause)
        if value is not None:
            return value
    if any(v is not None for _, _, v in s.dates):
        return None
    if s.sentence.index == state.first_body and state.article.dateline is not None:
        return dateline_date(state.anchor())
    if any(marker in s.sentence.text for marker in BACK_REFERENCES):
        return state.previous_date
    return None


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
    sources_keys = keys_of(sources)
    if not sources_keys:
        if quoted or attributed:
            if entry.category in ("AGREE", "CONSULT") and len(keys_of(speakers)) < 2 and state.last_consult \
                    and not recipients:
                sources_keys = state.last_consult
            else:
                sources_keys = keys_of(speakers)
        elif pred.dep_ == "ROOT" or pred.head.dep_ == "ROOT" and pred.dep_ in ("advcl", "conj"):
            sources_keys = keys_of(s.topic(state, pred.i) or state.last_subject)
    if not sources_keys:
        return None
    if not recipients and entry.category == "THREATEN":
        recipients = condition_subject(pred, s, state) or told
    if entry.about_type and not any(state.records.get(m.entity) and state.records[m.entity].type == entry.about_type for m in about):
        return None
    recipient_keys = tuple(k for k in keys_of(recipients) if k not in sources_keys)
    mode = entry.mode
    if entry.category == "CONSULT":
        for k in range(max(token.i - 2, token.sent.start), token.i):
            mode = state.lexicon.consult_modes.get(token.doc[k].lemma_, mode)
    date = _date(pred, token, s, state)
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
        contexts=_contexts(pred, token, s, state, date),
        attributed_to=keys_of(speakers + attributed), treaty_status=treaty_status,
        surface=tuple((k, written[k]) for k in dict.fromkeys(keys) if k in written),
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


def sentence_events(sentence: Sentence, mentions: list[Mention], state: ArticleState) -> list[Event]:
    """The events of one body sentence; updates ``state`` (subject, dates, events)."""
    to_doc = sentence.offset - sentence.span.start_char
    dates = [(sentence.span.start_char + d.start, sentence.span.start_char + d.end, d.value)
             for d in find_dates(sentence.text, state.anchor(state.previous_date))]
    s = SentenceView(sentence, mentions, to_doc, dates)
    attributed = attribution_of(s, state)
    covered = [(m.start - to_doc, m.end - to_doc) for m in mentions if m.via in ("gazetteer", "ner")]
    out: list[Event] = []
    found: list[tuple[Event, Token, Token]] = []
    for token in sentence.span:
        if any(a <= token.idx < b for a, b in covered) or token.lemma_ in state.lexicon.speech_verbs:
            continue
        entry = entry_of(token, state.lexicon)
        pred = predicate_of(token, entry, state.lexicon) if entry else None
        if entry is None or pred is None:
            continue
        event = make_event(token, entry, pred, s, state, attributed)
        if _unconfirmed(token, pred, event, state) or event is None:
            continue
        out.append(event)
        found.append((event, token, pred))
        state.events.append(event)
        if event.category == "CONSULT" and "negation" not in event.contexts:
            state.last_consult = (*event.sources, *event.recipients)
    for outer, inner in [(a, b) for a in found for b in found if a is not b and is_quoted(b[2])
                         and b[2].i < a[1].i <= b[2].i + 4]:
        if outer[0].category == inner[0].category and outer[0] in state.events:
            state.events.remove(outer[0])  # ≪…措置を取ると警告≫: one THREATEN, not two
            out.remove(outer[0])
    subject = s.topic(state) or subject_of(sentence.span.root, s, state)
    if subject:
        state.last_subject = subject
    values = [v for _, _, v in dates if v is not None]
    if values:
        state.previous_date = values[-1]
    state.history.extend(mentions)
    return out
