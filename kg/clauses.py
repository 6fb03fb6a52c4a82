"""Reading a GiNZA dependency parse: case-marked arguments, clause chains, quotes, actor phrases.

Helpers for ``kg.events``; they only look at tokens and never build records. A token's
*case* is the particle (or fixed multi-word particle: ``に対し``, ``について``, ``を巡り``,
``によると``) among its ``case`` children, written as one string.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_CASES = frozenset({"は", "が", "も", "では", "としては"})
RECIPIENT_CASES = frozenset({"に", "へ", "と", "に対し", "に対して", "に対する", "への", "とも", "にも"})
ABOUT_CASES = frozenset({
    "を", "について", "に関して", "に関する", "に関し", "を巡り", "を巡って", "を巡る",
    "をめぐり", "をめぐって", "をめぐる", "についても", "をも", "で", "でも", "の", "や", "から", "からの",
})
AGENT_CASES = frozenset({"による", "により", "によって"})
ATTRIBUTION_CASES = frozenset({"によると", "によれば"})
QUOTE_CASES = frozenset({"と", "とも", "との"})
CHAIN_DEPS = frozenset({"advcl", "conj"})
# Plural heads a named actor is coordinated into (``ウクライナや欧米諸国``, ``日本など各国``).
PLURAL_HEADS = frozenset({"諸国", "各国", "国々", "加盟国", "同盟国", "主要国", "関係国", "参加国", "有志国",
                          "友好国", "カ国", "か国", "ヵ国", "ケ国"})
BOTH = "両"  # A、B両氏, A、B両首脳: B closes the pair
ETC = "など"  # 日本や米国など13か国: the last listed member before the group's noun
TITLE = "title"  # ``Mention.via`` of a state abbreviated in a title (マクロン仏大統領): never an actor
COORDINATORS = frozenset({"と", "や", "、", ",", "及", "・"})
CONDITIONAL_MARKS = frozenset({"ば", "なら", "たら", "れば", "ならば"})


def _memo(token: Token, name: str) -> dict[int, object]:
    """The memo of ``name`` for the tokens of ``token``'s Doc, kept in ``Doc.user_data``.

    A parse never changes once made, and the rules ask the same questions of the same
    tokens over and over (``case_of`` some three times per token of an article); each
    answer is computed once per token.
    """
    memos = token.doc.user_data
    memo = memos.get(name)
    if memo is None:
        memo = memos[name] = {}
    return memo


def case_of(token: Token) -> str:
    """The particle(s) marking a nominal: ``は``, ``に対し``, ``について`` … or ``""``.

    Memoised per token as ``_memo`` does, inlined: the rules call it some 150,000 times
    per 50 articles.
    """
    memos = token.doc.user_data
    memo = memos.get("kg.case_of")
    if memo is None:
        memo = memos["kg.case_of"] = {}
    found = memo.get(token.i)
    if found is None:
        found = memo[token.i] = _case_of(token)
    return found


def _case_of(token: Token) -> str:
    """``case_of`` computed from the token's children."""
    parts: list[str] = []
    for child in token.children:
        if child.dep_ in ("case", "mark") and child.i > token.i and child.pos_ in ("ADP", "SCONJ"):
            parts.append(child.text)
            parts.extend(g.text for g in child.children if g.dep_ == "fixed")
    text = "".join(parts).replace("めぐ", "巡").replace("、", "")
    return text[2:] if text in ("などは", "などが", "なども") else text  # 日米韓などは: the subject


def has_comma_after(token: Token) -> bool:
    """Whether the token's phrase ends with a comma (a continuative clause: ``会談し、``)."""
    return any(c.dep_ == "punct" and c.text in ("、", ",") for c in token.children if c.i > token.i)


def is_quoted(pred: Token) -> bool:
    """Whether a predicate is the content of a quote (``…合意したと発表``; memoised)."""
    memo = _memo(pred, "kg.is_quoted")
    found = memo.get(pred.i)
    if found is None:
        found = memo[pred.i] = _is_quoted(pred)
    return found  # type: ignore[return-value]


def _is_quoted(pred: Token) -> bool:
    """``is_quoted`` computed from the predicate's children."""
    return any(
        c.dep_ in ("case", "mark") and c.text in QUOTE_CASES and c.i > pred.i for c in pred.children
    )


# Nouns that join a clause to the next one of the same subject: ``…を非難したほか、…``,
# ``…と会談した後、…``, ``…を確認したうえで、…``, ``…を表明する一方、…``.
LINK_NOUNS = frozenset({"ほか", "他", "後", "うえ", "一方", "結果"})


def linked_main(pred: Token) -> Token | None:
    """The clause a ``〜したほか、``/``〜した後、`` clause continues into: GiNZA makes such a
    clause a relative clause of the link noun, which it attaches to the next predicate."""
    head = pred.head
    if pred.dep_ != "acl" or head is pred or head.lemma_ not in LINK_NOUNS or head.i != pred.i + _aux_run(pred):
        return None
    if head.dep_ not in ("obl", "advcl", "nmod") or head.head is head or head.head.i < head.i:
        return None
    return head.head


def _aux_run(pred: Token) -> int:
    """How far the link noun is from the predicate: its auxiliaries (``し``, ``た``) come between."""
    doc, k = pred.doc, pred.i + 1
    while k < len(doc) and doc[k].pos_ in ("AUX", "SCONJ") and doc[k].head.i == pred.i:
        k += 1
    return k - pred.i


def chain(pred: Token, depth: int = 3) -> Iterator[Token]:
    """The clauses that share ``pred``'s subject, nearest first.

    ``AはX日、Yで会談し、Zで合意した``: 会談 and 合意 share A. Preceding continuative
    clauses (advcl, conj, or an acl ending with a comma) come first, then the head the
    predicate continues into (through a link noun: ``…非難したほか、…求めた``); a quoted
    predicate does not climb to its speech verb.
    """
    yield pred
    for child in sorted(pred.children, key=lambda t: -t.i):
        if child.i < pred.i and (child.dep_ in CHAIN_DEPS or child.dep_ == "acl" and has_comma_after(child)):
            if not any(c.text in CONDITIONAL_MARKS for c in child.children) and not is_quoted(child):
                yield child
    head = pred
    for _ in range(depth):
        if head.head is head or is_quoted(head):
            break
        linked = linked_main(head)
        if linked is not None:  # …を非難したほか、…を求めた
            head = linked
            yield head
            continue
        if not (head.dep_ in CHAIN_DEPS or head.dep_ == "acl" and has_comma_after(head)):
            break
        head = head.head
        yield head


def topic_actors(span, mentions: Sequence[Mention], to_doc: int, text: str, offset: int,
                 actors: frozenset[str] | set[str], before: int | None = None) -> list[Mention]:
    """The actors of the sentence topic: the first ``は``-phrase naming an actor."""
    for token in span:
        if before is not None and token.i >= before:
            break
        if case_of(token) in ("は", "も") and token.dep_ in ("nsubj", "obl", "dislocated", "nmod"):
            heads, _ = head_actors(token, mentions, to_doc, text, offset, actors)
            if heads:
                return heads
    limit = None if before is None else span.doc[before].idx + to_doc
    for mention in mentions:  # the parse lost the phrase (「共に民主党」は): the text still says it
        after = text[mention.end - offset : mention.end - offset + 3].lstrip("」』)）")
        if mention.entity in actors and after[:1] == "は" and after[1:2] not in ("じ", "ず") \
                and (limit is None or mention.end <= limit):
            return [mention]
    return []


def children_with(token: Token, cases: frozenset[str], deps: Sequence[str] = ()) -> list[Token]:
    """Children of ``token`` whose case is one of ``cases`` (or whose dep is in ``deps``)."""
    return [c for c in token.children if case_of(c) in cases or c.dep_ in deps]


def span_chars(token: Token) -> tuple[int, int]:
    """Doc character range of a token's subtree."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def phrase_text(token: Token) -> str:
    """The text of a nominal phrase without its case particles and brackets."""
    tokens = [t for t in token.subtree]
    while tokens and tokens[0].pos_ in ("ADV", "CCONJ", "PUNCT", "SCONJ", "ADP"):
        tokens.pop(0)
    while tokens and (tokens[-1].pos_ in ("ADP", "PUNCT", "SCONJ", "AUX") or tokens[-1].dep_ == "fixed"):
        tokens.pop()
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text.strip("「」『』\"'()（）、")


def mentions_in(token: Token, mentions: Sequence[Mention], to_doc: int) -> list[Mention]:
    """Mentions overlapping a token's subtree (a title token's subtree may leave out the
    name GiNZA attached elsewhere); ``to_doc`` converts article offsets to Doc offsets."""
    start, end = span_chars(token)
    return [m for m in mentions if start < m.end - to_doc and m.start - to_doc < end]


def head_actors(token: Token, mentions: Sequence[Mention], to_doc: int, text: str,
                offset: int, actors: frozenset[str] | set[str]) -> tuple[list[Mention], list[Mention]]:
    """The actor mentions a phrase stands for, and its ``の``-owners (``ロシアの主張``).

    Heads are the mentions on the phrase's head token and those coordinated with them
    (``AとBは``, ``A、B両氏``, ``AやB``); owners are mentions followed by ``の`` that modify
    the head token directly. ``text``/``offset``: the sentence text and its article offset.
    """
    inside = [m for m in mentions_in(token, mentions, to_doc) if m.entity in actors and m.via != TITLE]
    head_start, head_end = token.idx + to_doc, token.idx + len(token.text) + to_doc
    heads = [m for m in inside if m.start < head_end and head_start < m.end]
    if not heads:  # 日米両政府, ロシア軍: the actor is written in the compound
        for child in token.children:
            if child.dep_ == "compound" or child.dep_ in ("acl", "amod") and not case_of(child) and child.i < token.i:
                start, end = child.idx + to_doc, child.idx + len(child.text) + to_doc
                heads += [m for m in inside if m.start < end and start < m.end]
    if not heads and token.text.startswith(BOTH):  # コスタ、フォンデアライエン両氏は: 両氏 is one token
        named = [m for m in inside if m.end <= head_start]
        if named and named[-1].end == head_start:
            pair = [named[-1]]
            for m in reversed(named[:-1]):
                if text[m.end - offset : pair[0].start - offset] not in ("、", "と", "・", "や"):
                    break
                pair.insert(0, m)
            if len(pair) >= 2:
                heads = pair
    owners: list[Mention] = []
    listed: list[Mention] = []
    for m in inside:
        if m in heads:
            continue
        after = text[m.end - offset : m.end - offset + 2]
        if heads and (after[:1] in COORDINATORS or after.startswith("およ") or after[:1] == BOTH):
            heads.append(m)  # AとBは, A、B両氏 (B written right before 両氏)
        elif after[:1] == "の" and _modifies(token, m, to_doc):
            owners.append(m)
        elif after[:1] in COORDINATORS or after.startswith(ETC):
            listed.append(m)
    if not heads and not owners and listed and (token.text in PLURAL_HEADS or token.lemma_ in PLURAL_HEADS) \
            and (text[listed[-1].end - offset : listed[-1].end - offset + 1] in ("や", "と", "、")
                 or text[listed[-1].end - offset :].startswith(ETC)):
        heads = listed  # ウクライナや欧米諸国は, 日本や米国など13か国が: the named members act
        listed = []
    if owners:  # 英国、フランス、ドイツの3カ国: the listed ones own the head too
        owners = [m for m in listed if m.end <= owners[0].start] + owners
        grown = True
        while grown:  # 日米の共同声明, 日米韓の…: the whole group owns it
            more = [m for m in inside if _abbreviated(m) and m not in owners
                    and any(_abbreviated(o) and o.start == m.end for o in owners)]
            owners, grown = more + owners, bool(more)
    return heads, owners


def _abbreviated(mention: Mention) -> bool:
    """A state written as an abbreviation (``日米`` → 日, 米; ``韓``)."""
    return mention.via == "group" or len(mention.text) == 1


def _modifies(head: Token, mention: Mention, to_doc: int) -> bool:
    """Whether the token ending a mention depends directly on ``head``, or on a name the
    head's title is written with (``韓国の趙外相``: 韓国 hangs on the surname 趙)."""
    names = [c for c in head.children if c.pos_ == "PROPN" and c.dep_ in ("nmod", "compound") and c.i == head.i - 1]
    for child in [*head.children, *(g for name in names for g in name.children)]:
        if child.idx <= mention.end - to_doc - 1 < child.idx + len(child.text):
            return True
    return False
