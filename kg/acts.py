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

    from kg.lexicon import Lexicon, Predicate
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
    # the 25 tokens after pred hold at least 24 characters; doc.text would rebuild the
    # whole document's text on every call
    span = pred.doc[pred.i : pred.i + 26].text
    rest = span[len(pred.text) : len(pred.text) + 24]
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


def _documents(token: Token, pred: Token, state: ArticleState) -> list[Token]:
    """The signed ``に``/``を``-phrases that name a law or decree: ``法律に``, ``大統領令に``
    (GiNZA splits it into 大統領 + 令, so the compound is read as one word)."""
    docs = state.lexicon.document_nouns
    out = []
    for c in (c for t in {token, pred} for c in t.children if case_of(c) in ("に", "を")):
        word = "".join(t.text for t in c.children if t.dep_ == "compound" and t.i == c.i - 1) + c.text
        if c.lemma_ in docs or c.text[-2:] in docs or any(word.endswith(d) for d in docs):
            out.append(c)
    return out


def signs_document(token: Token, pred: Token, state: ArticleState) -> bool:
    """``…を撤回する法律に署名``: the signed thing is a law (a document noun), not a treaty."""
    return bool(_documents(token, pred, state))


DECREED = frozenset({"SANCTION", "COERCE", "MOBILIZE", "ASSAULT", "AID"})


def decreed_act(token: Token, pred: Token, state: ArticleState) -> tuple[Predicate, Token] | None:
    """``条約からの脱退に関する大統領令に署名``: signing a decree or law named by a nominal act
    (``脱退に関する``, ``制裁の``) is that act (SANCTION …), done by the signer. A verbal
    relative clause (``批准を撤回する法律``) is an act of its own and is not taken here."""
    for document in _documents(token, pred, state):
        for word in document.subtree:
            if word.i >= document.i or word.pos_ not in ("NOUN", "PROPN"):
                continue
            entry = next((e for e in state.lexicon.entries(word.lemma_)
                          if e.category in DECREED and not e.with_ and not e.light), None)
            if entry is not None:
                return entry, word
    return None


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


# Verbs that ask for an act (``…するよう求めた``): what they ask for is not asserted.
REQUEST_VERBS = frozenset({"求める", "要求", "要請", "呼び掛ける", "呼びかける", "促す", "命じる", "指示", "迫る",
                           "訴える", "働き掛ける", "働きかける"})


def _asked_for(pred: Token) -> bool:
    """``解放するよう``: a clause marked ``よう``/``ように``, the act a request asks for."""
    return pred.dep_ == "advcl" and any(c.text in ("よう", "ように") for c in pred.children if c.i > pred.i)


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


SUMMONS = frozenset({"呼び出す", "召致", "招致", "呼びつける"})


def summoned(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """Who was summoned earlier in the sentence (``中国の臨時代理大使を外務省に呼び出し、…抗議し、
    再発防止を求めた``): the envoy and their state are the addressees of the protest and the
    demand made at the summons. The ``に``-phrase of a summons is the venue, never the addressee."""
    for verb in pred.sent:
        if verb.i > pred.i or verb.lemma_ not in SUMMONS:
            continue
        for child in verb.children:
            if child.i < verb.i and case_of(child) == "を":
                heads, owners = s.actors(child, state)
                if heads or owners:
                    return heads + [m for m in owners if m not in heads]
    return []


def fold_summons(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``大使を呼び出し、抗議した``: summoning an envoy to protest is one ACCUSE (the protest);
    a summons alone (``米国大使を呼び出した``) is the accusation itself."""
    out = list(found)
    for event, token, pred in found:
        if token.lemma_ not in SUMMONS or pred.dep_ != "advcl":
            continue
        later = sorted((p.i, index) for index, (other, t, p) in enumerate(out)
                       if other is not event and other.category == event.category and p.i > pred.i
                       and other.sources == event.sources)
        if not later:
            continue
        index = later[0][1]  # the protest the summons was for (the parse may hang it elsewhere)
        other, t, p = out[index]
        if not other.recipients:  # the summoned envoy's state is the one protested to
            out[index] = (replace(other, recipients=event.recipients), t, p)
        out = [x for x in out if x[0] is not event]
    return out


# Words that make a two-sided hostile act reciprocal (``互いに外交官を追放``, ``1人ずつ追放``).
RECIPROCAL = ("互いに", "相互に", "ずつ", "相互")
RECIPROCAL_CATEGORIES = frozenset({"SANCTION", "ACCUSE", "ASSAULT", "THREATEN", "COERCE", "REJECT"})


def split_reciprocal(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``両国は外交官を1人ずつ追放した``, ``AとBは互いに…非難した``: a hostile act of two sides
    with no addressee, written as reciprocal, is two acts, each side's aimed at the other."""
    out: list[tuple[Event, Token, Token]] = []
    for event, token, pred in found:
        before = pred.doc[max(pred.sent.start, token.i - 8) : token.i].text
        if event.category in RECIPROCAL_CATEGORIES and len(event.sources) == 2 and not event.recipients \
                and any(word in before for word in RECIPROCAL):
            a, b = event.sources
            out += [(replace(event, sources=(a,), recipients=(b,)), token, pred),
                    (replace(event, sources=(b,), recipients=(a,)), token, pred)]
        else:
            out.append((event, token, pred))
    return out


def address_reactions(found: list[tuple[Event, Token, Token]]) -> list[tuple[Event, Token, Token]]:
    """``Xは…Yを非難し、Yは反発した``: a rejection with no addressee, written after an act
    aimed at its source in the same sentence, answers that act's source; a threat with none,
    after the same source's accusation, is aimed at the accused."""
    out = list(found)
    for index, (event, token, pred) in enumerate(out):
        if event.recipients or not event.sources:
            continue
        for other, _, p in out:
            if p.i >= pred.i:
                continue
            if event.category == "REJECT" and set(event.sources) & set(other.recipients) \
                    and not set(other.sources) & set(event.sources):
                out[index] = (replace(event, recipients=other.sources), token, pred)
                break
            if event.category == "THREATEN" and other.category == "ACCUSE" and other.sources == event.sources \
                    and other.recipients:  # …と非難したうえで、対抗措置を取る考えを示唆: the accused
                out[index] = (replace(event, recipients=other.recipients), token, pred)
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
        if outer is not None and outer.lemma_ in REQUEST_VERBS and _asked_for(pred):
            continue  # …を解放するよう要求した, even when the demand names no addressee
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


# Verbs whose に-phrase is their own goal, never the addressee of a request for them.
GOAL_VERBS = frozenset({"加盟", "参加", "出席", "復帰", "応じる", "従う", "協力", "加わる", "戻る"})


def asked_addressees(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """``EUに誤ったやり方を改めるよう求めた``: GiNZA hangs the addressee's ``に``-phrase on the
    act asked for; written first in that clause, it is whom the request is made to (not when
    に is the asked act's goal: ``NATOに加盟するよう``)."""
    for clause in pred.children:
        if clause.i > pred.i or not _asked_for(clause) or clause.lemma_ in GOAL_VERBS:
            continue
        phrases = sorted((c for c in clause.children
                          if c.i < clause.i and case_of(c) in ("に", "に対し", "に対して")), key=lambda c: c.i)
        for phrase in phrases[:1]:
            heads = s.actors(phrase, state)[0]
            if heads:
                return heads
    return []


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
    """The destination or origin of goods whose trade is cut or taxed: ``米国向けの輸出を禁止``
    (``X向け``), ``中国からの輸入品に関税を課す`` (``Xからの``)."""
    out: list[Mention] = []
    for child in pred.children:
        if child.i > pred.i or child.dep_ == "nsubj":
            continue
        for c in child.subtree:
            before = c.doc[c.i - 1] if c.i > 0 else None
            after = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            origin = c.text == "から" and after is not None and after.text == "の"
            marked = c.lemma_ in ("向け", "向ける") or origin
            if marked and before is not None and before.pos_ in ("PROPN", "NOUN"):
                out += s.actors(before, state)[0]
    return out


def lacks_object(token: Token, pred: Token, lexicon: Lexicon) -> bool:
    """An ``object_required`` trigger with no object (``「…」とけん制した``): the quote is the act."""
    if token.lemma_ not in lexicon.object_required:
        return False
    return not any(c.dep_ == "obj" and c.i < t.i for t in {token, pred} for c in t.children)


EXCHANGE_WORDS = frozenset({"交換"})


def exchange_releases(event: Event, token: Token) -> list[Event]:
    """``ロシアとウクライナは捕虜交換を実施した``: an exchange of prisoners is coded as its
    releases, one RETREAT from each side to the other (docs/annotation-guideline.md)."""
    if token.lemma_ not in EXCHANGE_WORDS or event.category != "RETREAT" or event.recipients \
            or len(event.sources) != 2:
        return [event]
    first, second = event.sources
    return [replace(event, sources=(first,), recipients=(second,)),
            replace(event, sources=(second,), recipients=(first,))]


RECEIVED_ACTS = frozenset({"ASSAULT", "SANCTION"})


def received_act(token: Token, lexicon: Lexicon) -> bool:
    """``米国とイスラエルの攻撃を受けた施設``, ``トルコ軍の空爆を受けた``: a hostile act named as
    the object of a verb of receiving (``receive_verbs``) is that act, done by the noun's
    ``の``-owner to the receiver. Not ``…の攻撃を受けて``: the te-form reads as "in response
    to", a reason, not an act the report asserts."""
    head = token.head
    if head.i == token.i or token.dep_ != "obj" or head.lemma_ not in lexicon.receive_verbs:
        return False
    after = [c for c in head.children if c.i > head.i]
    if any(c.dep_ == "mark" and c.text in ("て", "で") for c in after):
        return False
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    # 攻撃を受けた: a past act; not 侵攻を受けるウクライナ (an ongoing state). 受け、 only with
    # its own subject (都市は…砲撃を受け、): ``侵攻を受け、両国は…`` is "in response to"
    own_subject = any(c.i < token.i and case_of(c) in ("は", "が") for c in head.children)
    return any(c.lemma_ == "た" and c.dep_ == "aux" for c in after) or (
        nxt is not None and nxt.text == "、" and own_subject)


def received_roles(token: Token, pred: Token, s: SentenceView,
                   state: ArticleState) -> tuple[list[Mention], list[Mention]] | None:
    """(sources, recipients) of a received act: the ``の``/``による`` owners of the act noun;
    the receiver is the verb's subject (its head or owner: ``イラン中部の施設は`` → Iran), or the
    noun a relative clause modifies. None when no actor is named as the doer (no event)."""
    agents: list[Mention] = []
    for child in token.children:
        if child.i < token.i and case_of(child) in ("の", "による", "によって"):
            heads, owners = s.actors(child, state)
            agents += heads or owners
    if not agents:
        return None
    receivers: list[Mention] = []
    targets = [c for c in pred.children
               if c.i < pred.i and c.i != token.i and case_of(c) in ("は", "が", "も")]
    if not targets and pred.dep_ == "acl" and pred.head.i > pred.i:
        targets = [pred.head]  # 攻撃を受けた施設: the modified noun is the target
    for target in targets[:1]:
        heads, owners = s.actors(target, state)
        receivers = heads or owners or _target_state(target, s, state)
    taken = {m.entity for m in agents}
    return agents, [m for m in receivers if m.entity not in taken]


def _target_state(target: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The state a target noun is placed in, written deeper in its modifiers: ``イラン中部の
    核施設`` → Iran (``中部`` owns the facility, ``イラン`` the region)."""
    for word in target.subtree:
        if word.i < target.i and word.pos_ == "PROPN":
            found = [m for m in s.actors(word, state)[0]
                     if state.records.get(m.entity) and state.records[m.entity].type == "Country"]
            if found:
                return found
    return []


JOINT_WORDS = frozenset({"共同", "合同", "一緒"})


def joint_partners(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """The partners of an act done jointly: ``日本や米国と共同で海上演習を重ねており`` →
    Japan, US (the ``と``-phrase of ``共同で``/``合同で``). The guideline makes every
    participant of a joint act a source."""
    out: list[Mention] = []
    for child in pred.children:
        if child.i > pred.i or child.lemma_ not in JOINT_WORDS or case_of(child) != "で":
            continue
        for partner in child.children:
            if partner.i < child.i and case_of(partner) in ("と", "や"):  # 日本や米国と
                heads, owners = s.actors(partner, state)
                out += heads or owners
    return out or object_partners(pred, s, state)


def object_partners(pred: Token, s: SentenceView, state: ArticleState) -> list[Mention]:
    """Partners the parse hung on the object of a joint act: in ``フランスやドイツと枠組みを
    発足させた`` the ``と``-phrase is the founders', not part of the framework. Only when the
    object names no actor itself (``日本と米国を訪問`` coordinates two objects)."""
    out: list[Mention] = []
    for obj in pred.children:
        if obj.i > pred.i or case_of(obj) != "を" or any(s.actors(obj, state)):
            continue
        for partner in obj.subtree:  # the parse may hang it on a modifier (多国籍の枠組み)
            if partner.i < obj.i and partner.dep_ == "nmod" and case_of(partner) == "と":
                heads, _ = s.actors(partner, state)
                out += heads
    return out


def jointly(pred: Token) -> bool:
    """``米国と合同で演習を実施``, ``共同でパトロールを行う``: an act done jointly with partners
    (COOPERATE, not one side's MOBILIZE)."""
    return any(c.i < pred.i and c.lemma_ in JOINT_WORDS and case_of(c) == "で" for c in pred.children)


def unnamed_agent(pred: Token, s: SentenceView, state: ArticleState, counted: bool = False) -> bool:
    """``重武装した約30人の集団が警察官を襲撃した``: the doer is written but names no actor (an
    unnamed or unknown group); the act must not take the previous sentence's subject (the
    guideline codes it with no source, which the graph model does not allow yet).
    ``counted``: only a ``が``-subject that is counted (``13か国が``, ``約30人の集団が``) or a
    pronoun (``何者かが``), which cannot refer back."""
    subjects = [c for c in pred.children if c.i < pred.i and case_of(c) in ("が", "は")]
    subjects.sort(key=lambda c: case_of(c) != "が")  # Xは…、Yが賛成した: the が-phrase is the doer
    for child in subjects:
        if child.pos_ in ("NOUN", "PRON"):
            heads, owners = s.actors(child, state)
            if heads or owners:
                return False
            if not counted:
                return True
            numbered = any(w.pos_ == "NUM" for w in child.subtree if w.i < child.i)
            return case_of(child) == "が" and (numbered or child.pos_ == "PRON")
    return False


def unidentified_doer(pred: Token, s: SentenceView, state: ArticleState) -> bool:
    """``重武装した約30人の集団が警察官を襲撃した``, ``何者かが大使館を襲撃した``: the act's
    ``が``-subject is a group or person the text leaves unidentified (``unnamed_doers``) and ties
    to no state or body. The guideline codes such an act with its recipient and no source; an
    act whose source was merely not found is not one (it takes no source, and no event)."""
    for child in pred.children:
        if child.i > pred.i or case_of(child) not in ("が", "かが") or child.pos_ not in ("NOUN", "PRON"):
            continue  # 何者かが: GiNZA keeps か as a particle
        heads, owners = s.actors(child, state)
        if heads or owners:
            return False
        word = child.lemma_.removesuffix("ら")
        return word in state.lexicon.unnamed_doers or child.text in state.lexicon.unnamed_doers \
            or any(child.text.endswith(w) for w in state.lexicon.unnamed_doers if len(w) > 1)
    return False


ANNOUNCED_ACTS = frozenset({"SANCTION", "ASSAULT", "MOBILIZE", "COERCE", "COOPERATE", "RETREAT"})


def announced_intent(token: Token, pred: Token, lexicon: Lexicon) -> bool:
    """A material act announced, not yet done (the guideline's ``future``): the act noun as the
    object of an ``intent_verbs`` verb (``関税の引き上げを表明``), or a quoted act in the plain
    non-past form under such a verb or a statement verb (``…に関税を課すと発表した``)."""
    if token.i != pred.i and pred.lemma_ in lexicon.intent_verbs and token.dep_ == "obj":
        return True
    head = pred.head
    if not is_quoted(pred) or head.i == pred.i or head.lemma_ not in lexicon.intent_verbs | {"発表"}:
        return False
    tail = [c for c in pred.children if c.i > pred.i and c.dep_ in ("aux", "fixed", "mark")]
    return not any(c.lemma_ in ("た", "だ", "いる", "ない", "ず", "ぬ", "れる", "られる") for c in tail)
