"""Which predicates of a sentence are acts the report asserts, and details of single acts.

Decisions (see ``docs/extraction.md``):

* The **content** of a promise, demand, threat, rejection or accusation is not an act of its
  own: ``…供与すると約束した`` is one AGREE, ``…することで合意`` one AGREE, ``…を再考する用意
  がある`` one AGREE (an offer), ``「…介入すべきではない」と反発`` one REJECT.
* A **charge or reason** (``…を呼び掛けたとして逮捕``) is not asserted by the report.
* The **condition** of a threat or offer, or of reported speech (``米国が…配備すれば、ロシア
  も対抗措置を取ると警告``, ``…した場合、…構えだと述べた``), is not coded; a free-standing
  conditional is (hypothetical).
* A demand's or promise's **addressee** may be written inside its content clause
  (``ロシアに…見直すよう求めた``); so may an accusation's target (``インドが…続けていると非難``).
* A **law** is signed, not a treaty: ``…法律に署名`` is no SUPPORT.
* Summoning an envoy to protest (``大使を呼び出し、抗議した``) is one ACCUSE.
* The **duration** of an extension is kept as ISO 8601 (``5年間延長`` → ``P5Y``), and an
  act dated by elapsed time (``離脱して…4年となる``) is historical.
* A **visit written as one word** (``訪中した``, ``来日した``) is a visit to its host state.

Stances toward an act (allegations, threats, refusals, promises) are ``kg.stances``'.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.clauses import CONDITIONAL_MARKS, case_of, has_comma_after, is_quoted
from kg.model import Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.lexicon import Lexicon
    from kg.roles import ArticleState, SentenceView

DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
KANJI_NUMBERS = {c: n for n, c in enumerate("〇一二三四五六七八九")}
DURATION = re.compile(r"([0-9０-９]+|[一二三四五六七八九十]+)(年|カ月|か月|ヶ月|ケ月|週|日)間?(?:の|を)?延長")
DURATION_UNITS = {"年": "Y", "カ月": "M", "か月": "M", "ヶ月": "M", "ケ月": "M", "週": "W", "日": "D"}


def _number(text: str) -> int:
    text = text.translate(DIGITS)
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + KANJI_NUMBERS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return KANJI_NUMBERS.get(tens, 1) * 10 + KANJI_NUMBERS.get(ones, 0)
    return KANJI_NUMBERS.get(text, 0)


def duration_of(sentence_text: str) -> str | None:
    """The ISO 8601 duration of the one extension a sentence writes (``2年間延長`` → ``P2Y``).

    >>> duration_of("新STARTの5年間延長で合意した")
    'P5Y'
    """
    found = {(m.group(1), m.group(2)) for m in DURATION.finditer(sentence_text)}
    if len(found) != 1:
        return None
    number, unit = found.pop()
    value = _number(number)
    return f"P{value}{DURATION_UNITS[unit]}" if value else None


ELAPSED = re.compile(r"^(?:し|され)?て(?:から)?[^。、]{0,8}?([0-9０-９]+)年(?:目|が経過|が過ぎ|となる|となった|を迎え|たつ|経つ)")


def elapsed_years(pred: Token) -> int:
    """``離脱して2日で4年となる``: years elapsed since the act (0 when none is written)."""
    doc = pred.doc
    rest = doc.text[pred.idx + len(pred.text) : pred.idx + len(pred.text) + 24]
    match = ELAPSED.match(rest)
    return int(match.group(1).translate(DIGITS)) if match else 0


COMPLEMENT_ADDRESSEES = frozenset({"DEMAND", "AGREE", "THREATEN", "ACCUSE"})


def complement_addressees(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The addressee written inside the content clause: ``ロシアに…見直すよう求めた``,
    ``中国が…果たすよう求めている``, ``ウクライナに…供与すると約束した``."""
    out: list[Mention] = []
    for clause in pred.children:
        if clause.i > pred.i or clause.dep_ not in ("advcl", "ccomp", "acl", "obj", "obl"):
            continue
        marks = {c.text for c in clause.children if c.dep_ in ("case", "mark", "fixed", "aux")}
        if not marks & {"よう", "ように", "と", "こと"} and clause.lemma_ not in ("よう", "こと"):
            continue
        verb = clause.head if clause.lemma_ in ("よう", "こと") and clause.head is not pred else clause
        chained = [g for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                   and any(m.text in ("て", "で") and m.dep_ == "mark" for m in c.children) for g in c.children]
        for child in [*verb.children, *clause.children, *chained]:  # …に対し、…を停止して…戻るよう
            case = case_of(child).removesuffix("も") or "も"  # ハンガリーにも…批准するよう促した
            if child.i < verb.i and case in ("に", "に対し", "に対して", "が", "へ"):
                out += s.actors(child, state)[0]
    return out


def object_agents(token: Token, pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The agent written inside the object of a demand or accusation (``中国による輸入停止の
    撤廃を要求`` → China): whoever's act is demanded back or criticised."""
    text, offset = s.sentence.text, s.sentence.offset
    for holder in {token, pred}:
        for child in holder.children:
            if child.i > holder.i or case_of(child) not in ("を", "について", "に関し", "に関して", "を巡り"):
                continue
            for m in s.mentions:
                after = text[m.end - offset : m.end - offset + 3]
                start, end = child.left_edge.idx + s.to_doc, child.idx + len(child.text) + s.to_doc
                if m.entity in state.actors and start <= m.start < end and after.startswith(("による", "の")):
                    return [m]
    return []


def signs_document(token: Token, pred: Token, state: ArticleState) -> bool:
    """``…を撤回する法律に署名``: the signed thing is a law (a document noun), not a treaty."""
    docs = state.lexicon.document_nouns
    return any(c.lemma_ in docs or c.text[-2:] in docs for t in {token, pred} for c in t.children
               if case_of(c) in ("に", "を"))


CONTENT_TAKERS = frozenset({"AGREE", "DEMAND", "THREATEN", "REJECT", "ACCUSE"})


def _content_of(pred: Token, depth: int = 2) -> Token | None:
    """The predicate whose content ``pred`` is: ``…すると約束``, ``…することで合意``; also a
    clause chained into a content clause (``戦闘を停止して交渉の席に戻るよう求めた``)."""
    head = pred.head
    if head.i == pred.i:
        return None
    if is_quoted(pred):
        return head
    if pred.dep_ == "acl" and head.lemma_ in ("こと", "点", "よう", "用意") and head.head.i != head.i:
        return head.head
    if pred.dep_ == "advcl" and any(c.text in ("よう", "ように") for c in pred.children if c.i > pred.i):
        return head  # …戻るよう求めた
    if depth and pred.dep_ == "advcl" and not has_comma_after(pred) \
            and not any(c.text in CONDITIONAL_MARKS for c in pred.children):
        return _content_of(head, depth - 1)
    return None


def _is_reason(pred: Token) -> bool:
    """``…を呼び掛けたとして逮捕``: the charge or reason, not an act the report asserts."""
    doc, k = pred.doc, pred.i + 1
    while k < len(doc) and (doc[k].pos_ == "AUX" or doc[k].text in ("て", "で") and doc[k].dep_ == "mark"
                            or doc[k].dep_ == "fixed" and doc[k].lemma_ in ("いる", "おる")):
        k += 1  # …を続けているとして批判: the progressive belongs to the reason
    return k + 1 < len(doc) and doc[k].text == "と" and doc[k + 1].lemma_ == "する" and (
        k + 2 < len(doc) and doc[k + 2].text == "て" or doc[k + 1].text == "して")


def _is_condition(pred: Token, events: dict[int, Event]) -> bool:
    """The condition of a threat or offer, or of reported speech (``…すれば…と警告``,
    ``…応じない限り攻勢を続ける考え``, ``…した場合、制裁も辞さない構え``)."""
    if pred.dep_ == "advcl" and any(c.text in CONDITIONAL_MARKS for c in pred.children):
        head = pred.head
    elif pred.dep_ == "acl" and pred.head.lemma_ in ("限り", "場合") and pred.head.head.i != pred.head.i:
        head = pred.head.head
    else:
        return False
    outers = [events.get(head.i)] + [events.get(c.i) for c in head.children if c.dep_ in ("acl", "obj", "nsubj")]
    outers += [events.get(g.i) for c in head.children if c.dep_ in ("obj", "nsubj") for g in c.children if g.dep_ == "acl"]
    reported = any(is_quoted(c) and c.i > pred.i for c in head.children)  # …場合、…構えだと述べた
    return is_quoted(head) or reported or any(o is not None and o.category in ("THREATEN", "AGREE") for o in outers)


SUMMONS = frozenset({"呼び出す", "召致"})


def fold_summons(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``大使を呼び出し、抗議した``: summoning an envoy to protest is one ACCUSE (the protest);
    a summons alone (``米国大使を呼び出した``) is the accusation itself."""
    out = list(found)
    for event, token, pred in found:
        if token.lemma_ not in SUMMONS or pred.dep_ != "advcl":
            continue
        for index, (other, t, p) in enumerate(out):
            if other.category == event.category and p.i == pred.head.i and other.sources == event.sources:
                if not other.recipients:  # the summoned envoy's state is the one protested to
                    out[index] = (replace(other, recipients=event.recipients), t, p)
                out = [x for x in out if x[0] is not event]
                break
    return out


def drop_contents(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """Keep the acts the sentence asserts: not the content of a promise, demand, threat,
    rejection or accusation, nor a charge (``…したとして``), nor a threat's condition."""
    by_pred = {p.i: e for e, _, p in found}
    out = []
    for event, token, pred in found:
        outer = _content_of(pred)
        taker = by_pred.get(outer.i) if outer is not None else None
        if taker is not None and taker is not event and taker.category in CONTENT_TAKERS:
            continue
        if _is_reason(pred) or _is_condition(pred, by_pred):
            continue
        out.append((event, token, pred))
    return out


def visit_host(token: Token, lexicon: Lexicon, abbreviations: dict[str, str]) -> str | None:
    """The host state of a visit written as one word: ``訪中`` → China, ``来日`` → Japan.

    The word is ``visit_prefix`` plus a one-character state abbreviation, or one of the
    lexicon's ``visit_hosts``; it must be predicated (``訪中した``), not a modifier (``訪米中の``).
    """
    word = token.lemma_
    abbreviation = lexicon.visit_hosts.get(word)
    if abbreviation is None and len(word) == 2 and word.startswith(lexicon.visit_prefix):
        abbreviation = word[1]
    host = abbreviations.get(abbreviation or "")
    if host is None:
        return None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    predicated = token.pos_ == "VERB" or nxt is not None and nxt.lemma_ in ("する", "。", "、")
    return host if predicated and token.dep_ != "compound" else None


def reason_subjects(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """Whom an accusation with no addressee blames: the subject of its reason clause
    (``ロシアが…攻撃を続けているとして批判した`` → Russia)."""
    out: list[Mention] = []
    for clause in pred.children:
        if clause.i > pred.i or clause.dep_ != "advcl":
            continue
        for verb in [clause, *(c for c in clause.children if c.dep_ == "advcl")]:
            if not _is_reason(verb):
                continue
            for c in verb.children:
                if c.i < verb.i and case_of(c) in ("が", "は"):
                    heads, owners = s.actors(c, state)
                    out += heads or owners
    return out


def stray_addressees(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """An addressee the parse hung inside the object (``EUに防空システムの供与を要請した``:
    ``EUに`` on ``システム``): a bare ``に``-phrase cannot modify a noun, so it is the verb's."""
    out: list[Mention] = []
    for obj in pred.children:
        if obj.i > pred.i or obj.dep_ != "obj":
            continue
        for c in obj.subtree:
            if c is not obj and c.i < obj.i and case_of(c) in ("に", "に対し", "に対して") and c.head.pos_ in ("NOUN", "PROPN"):
                out += s.actors(c, state)[0]
    return out


def prefix_target(token: Token, lexicon: Lexicon, abbreviations: dict[str, str]) -> str | None:
    """The target written into a noun: ``対中輸出規制`` → China, ``対ロ制裁`` → Russia
    (``target_prefix`` plus a one-character state abbreviation, compounded on the trigger)."""
    prefix = lexicon.target_prefix
    for c in token.children:
        word = c.text
        if c.dep_ == "compound" and c.i < token.i and len(word) == 2 and word.startswith(prefix):
            return abbreviations.get(word[1])
        if c.dep_ == "compound" and c.i + 1 < token.i and word == prefix:  # 対 + ロ written apart
            return abbreviations.get(token.doc[c.i + 1].text)
    return None


def bound_for(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The destination of goods whose trade is cut (``米国向けの輸出を禁止``): ``X向け``."""
    out: list[Mention] = []
    for child in pred.children:
        if child.i > pred.i or child.dep_ == "nsubj":
            continue
        for c in child.subtree:
            if c.lemma_ in ("向け", "向ける") and c.i > 0 and c.doc[c.i - 1].pos_ in ("PROPN", "NOUN"):
                out += s.actors(c.doc[c.i - 1], state)[0]
    return out


def lacks_object(token: Token, pred: Token, lexicon: Lexicon) -> bool:
    """An ``object_required`` trigger with no object (``「…」とけん制した``): the quote is the act."""
    if token.lemma_ not in lexicon.object_required:
        return False
    return not any(c.dep_ == "obj" and c.i < t.i for t in {token, pred} for c in t.children)
