"""The contexts and the written date of one event: negation, future, hypothetical, historical.

Decisions (see ``docs/extraction.md``, "Contexts"):

* **negation**: a negating auxiliary on the predicate or on the subsidiary verb a te-form
  hangs on (``応じてこなかった``), or a plan denied (``断絶する考えはない``).
* **future**: a plan marker (``予定``, ``方針``, ``考え`` …) governing the act and not in the
  past tense, ``…へ`` (headline style), a past-free chain into a plan, or a main-clause
  verb in the plain non-past form.
* **hypothetical**: a conditional mark on the act or a condition governing it
  (``…した場合、…抗議する考え``); not for a threat, nor a quoted offer (the condition is
  the threat's or offer's own).
* **historical**: dated before the article's year, a history marker (``かつて``), or dated by
  elapsed time (``離脱して…4年となる``).
* **Date**: the date written on the trigger's clause chain; for a quoted act, the speech
  verb's; for a main-clause act, the sentence's adverbial date. A relative clause never
  lends its date.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.acts import elapsed_years
from kg.clauses import CONDITIONAL_MARKS, chain, is_quoted
from kg.dates import is_historical

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.lexicon import Lexicon
    from kg.model import DateValue
    from kg.roles import ArticleState, SentenceView


def contexts_of(pred: Token, token: Token, s: SentenceView, state: ArticleState, date: DateValue | None,
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
        and not past_tense(pred)  # 会談したが、…会談する予定だ: the parse hung the past act on the plan
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


def past_tense(pred: Token) -> bool:
    return any(c.lemma_ == "た" and c.dep_ == "aux" for c in pred.children if c.i > pred.i)


def _past(pred: Token, date: DateValue | None, state: ArticleState) -> bool:
    """``先月、会談したが、今月下旬にも…予定だ``: a clause in the past tense or dated before
    publication is not part of the plan it is chained to."""
    if past_tense(pred):
        return True
    published = state.published
    if date is None or published is None or date.year is None:
        return False
    if date.month is None:
        return date.year < published.year
    if date.day is None:
        return (date.year, date.month) < (published.year, published.month)
    return (date.year, date.month, date.day) < (published.year, published.month, published.day)


def date_of(pred: Token, token: Token, s: SentenceView) -> DateValue | None:
    """The date written for the trigger (the occasion rule in ``kg.occasion`` adds the rest).

    In order: a date on the trigger's clause chain; for a quoted act, a date on the speech
    verb's chain (``中国外務省は同日、…制裁を科すと発表``); for a main-clause act, the
    sentence's adverbial date (``Xは5日、…``, ``7日の閣議で、…``), which GiNZA often
    attaches to a nearer verb. A relative clause (``…に期限を迎える``) never lends its date;
    a non-past one takes the adverbial date (``19日、国連が主催する会合が開かれた``), a
    past one (``…を行った北朝鮮``) none.
    """
    before = pred.idx + len(pred.text)  # a date written after the act belongs to a later clause
    start = s.content_start(pred)
    if start is not None:  # ``…は19日、…で17日、…体当たりしたと発表``: the report's date is not the act's
        s = replace(s, dates=[d for d in s.dates if d[0] >= start])
    for clause in [token, *chain(pred)]:
        if clause.i < pred.i and _requested(clause):
            continue  # ``年内に訪問するよう招待``: the date is of the visit asked for
        value = s.date_of(clause, before if clause.i > pred.i else None)
        if value is not None:
            return value
    value = s.attended_date(pred) or s.conjunct_date(pred)
    if value is not None:
        return value
    verb = pred
    while is_quoted(verb) and verb.head is not verb:
        verb = verb.head
        for clause in chain(verb):
            value = s.date_of(clause)
            if value is not None:
                return value
    if verb.dep_ == "acl" and verb.head.lemma_ not in s.markers | s.statements and past_tense(verb):
        return None  # ``核実験を行った北朝鮮``: a past relative clause is earlier than the act
    return s.adverbial_date(before)


def _requested(clause: Token) -> bool:
    """``年内に韓国を訪問するよう招待した``: a clause ending in ``よう`` is the content of a
    request or invitation, an act asked for, not one done with the request."""
    return any(c.lemma_ in ("よう", "ように") and c.i > clause.i for c in clause.children)


def ongoing(pred: Token) -> bool:
    """``〜している``/``〜していた``: an ongoing or background state, not the occasion's act."""
    after = [t for c in pred.children if c.i > pred.i for t in (c, *c.children)]
    return any(c.text in ("て", "で") for c in after) and any(c.lemma_ in ("いる", "おる") for c in after)


def extends(token: Token, pred: Token, treaty_status: str | None) -> bool:
    """Whether the act is an extension (of a treaty, of sanctions): its duration is kept."""
    return treaty_status == "extended" or "延長" in (token.lemma_, pred.lemma_)


def disclosed_date(subject: Token, pred: Token, s: SentenceView) -> DateValue | None:
    """``Xは5日、Yが先月、…したことを明らかにした``: a date the parse hung on the disclosing
    verb between the content's subject and the act is the act's (先月), not the telling's."""
    for child in subject.head.children:
        if subject.i < child.i < pred.i:
            for start, end, value in s.dates:
                if value is not None and start <= child.idx < end:
                    return value
    return None
