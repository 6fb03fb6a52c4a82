"""Who acts when the parse hid the subject: disclosed acts, reported stances, meetings held,
gapped pairs, headline subjects, and which clauses take the sentence's topic.

Decisions (see ``docs/extraction.md``, "Which acts a sentence asserts"):

* ``Xは、Yが先月、…したことを明らかにした``: the disclosed act is Y's, told by X; with no
  ``が`` it is X's (``disclosure_verb``: a speech or decision verb, or ``明らかにする``).
* ``幹部は、…場合、政府は…も辞さない構えだと話した``: a stance reported by someone else is the
  stance's subject's (政府), told by the speaker.
* ``NATOの臨時会合が開かれた``, ``国連などが主催する会合が開かれた``: a meeting held is its
  owner's or host's.
* ``AはXを、BはYをそれぞれ解放した``: one act per subject–object pair (gapping).
* ``岸田首相、モディ首相と会談。``: in headline style the actor opening the sentence before a
  comma is the subject.
* An act with no subject written takes the sentence's topic (else the previous sentence's
  subject) when it is the main clause, chained to it, a statement's or document's content,
  or disclosed by the main verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.clauses import case_of, has_comma_after, is_quoted
from kg.counterparts import passive

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.model import Mention
    from kg.roles import ArticleState, SentenceView


def disclosure_verb(pred: Token, state: ArticleState) -> Token | None:
    """The verb that discloses ``pred`` as a fact: ``…を攻撃したことを明らかにした``,
    ``…を決めたことを発表した`` (a speech or decision verb, or ``明らかにする``), or None."""
    lex = state.lexicon
    noun = pred.head
    if pred.dep_ != "acl" or noun.i == pred.i or noun.lemma_ not in ("こと", "の") or noun.dep_ != "obj":
        return None
    verb = noun.head
    if verb.lemma_ in lex.speech_verbs | lex.decision_verbs:
        return verb
    if verb.lemma_ == "する" and any(c.lemma_ in lex.speech_verbs and c.i < verb.i for c in verb.children):
        return verb  # 明らかにした
    return None


def reported_stance(pred: Token, state: ArticleState) -> Token | None:
    """The speech verb reporting a stance: ``政府は…も辞さない構えだと話した``, ``…する考えだと
    述べた`` (``pred`` modifies a stance or plan noun quoted by the verb), or None."""
    noun = pred.head
    lex = state.lexicon
    if pred.dep_ != "acl" or noun.i == pred.i or noun.lemma_ not in lex.stance_nouns | lex.future_markers:
        return None
    return noun.head if is_quoted(noun) and noun.head.i != noun.i else None


def disclosed_subject(pred: Token, verb: Token, s: SentenceView, state: ArticleState,
                      cases: tuple[str, ...] = ("が",)) -> tuple[list[Mention], list[Mention], Token | None]:
    """``Xは、Yが…したことを明らかにした``, ``Xは、…場合、Yは…辞さない構えだと話した``: (Y, X,
    Y's phrase) when the parse hung the content's subject on the telling verb after the
    verb's own ``は``-speaker X; else empty."""
    speakers = [c for c in verb.children if c.i < pred.i and case_of(c) in ("は", "では")]
    if not speakers:
        return [], [], None
    for child in sorted(verb.children, key=lambda t: -t.i):
        if speakers[0].i < child.i < pred.i and case_of(child) in cases:
            heads = s.actors(child, state)[0]
            return (heads, s.actors(speakers[0], state)[0], child) if heads else ([], [], None)
    return [], [], None


def gapped_pairs(pred: Token, s: SentenceView, state: ArticleState) -> list[tuple[list[Mention], list[Mention]]]:
    """``AはXを、BはYをそれぞれ解放した``: one verb shared by two or more subject–object pairs
    (gapping); the (actors, objects' actors) of each pair, or ``[]`` when there are fewer
    than two pairs or a pair's subject names no actor."""
    pairs: list[tuple[Token, Token]] = []
    subject: Token | None = None
    for child in sorted(pred.children, key=lambda t: t.i):
        if child.i > pred.i:
            break
        case = case_of(child)
        if case in ("は", "が") and child.dep_ == "nsubj":
            subject = child
        elif case == "を" and subject is not None:
            pairs.append((subject, child))
            subject = None
    if len(pairs) < 2:
        return []
    out = []
    for subject, obj in pairs:
        actors = s.actors(subject, state)[0]
        heads, owners = s.actors(obj, state)
        if not actors:
            return []
        out.append((actors, heads or owners))
    return out


HOST_VERBS = frozenset({"主催", "招集", "開催", "呼び掛ける", "共催"})


def meeting_hosts(token: Token, pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``国連安保理の緊急会合が開かれた``, ``国連などが主催する会合が開かれた``: the owner or host
    of a meeting written as the subject of a passive (``開かれた``) holds it."""
    if pred.i == token.i or token.dep_ != "nsubj" or not passive(pred):
        return []
    for clause in token.subtree:  # the parse may hang the host clause on a modifier of the meeting
        if clause.dep_ == "acl" and clause.i < token.i and clause.lemma_ in HOST_VERBS:
            for child in clause.children:
                if child.i < clause.i and case_of(child) in ("が", "は", "などが"):
                    heads, owners = s.actors(child, state)
                    if heads or owners:
                        return heads or owners
    return s.actors(token, state)[1]


def headline_subject(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``岸田首相、モディ首相と会談。``: in headline style the subject is the actor that opens the
    sentence followed by a comma, when the main predicate is a noun or ends the sentence."""
    if pred.dep_ != "ROOT" or pred.pos_ not in ("NOUN", "VERB", "PROPN"):
        return []
    text, offset = s.sentence.text, s.sentence.offset
    first = [m for m in s.mentions if m.start == offset and m.entity in state.actors]
    if not first:
        return []
    rest = text[first[0].end - offset :].partition("、")[0]  # 英国政府、: a group noun may follow
    return first[:1] if "、" in text and (not rest or rest in state.lexicon.group_nouns) else []


def main_clause(pred: Token, discloser: Token | None, state: ArticleState) -> bool:
    """Whether an act with no subject written takes the sentence's topic (or the previous
    sentence's subject): a main clause, a clause chained to it, a statement's or document's
    content, or an act disclosed by the main verb (``…ことを明らかにした``)."""
    lex = state.lexicon
    if pred.dep_ == "ROOT" or pred.head.dep_ == "ROOT" and pred.dep_ in ("advcl", "conj"):
        return True
    if pred.dep_ == "advcl" and has_comma_after(pred):
        return True
    if pred.dep_ == "acl" and pred.head.lemma_ in lex.statement_nouns | lex.document_nouns:
        return True
    return discloser is not None and discloser.dep_ == "ROOT"
