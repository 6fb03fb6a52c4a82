"""Entity mentions in a parsed sentence: gazetteer longest match, titles, abbreviations, NER.

Rules (decisions):

* Gazetteer forms are matched longest-first over whole GiNZA tokens, so a match never
  cuts a word; a parenthesised gloss inside a name may be skipped
  (``領空開放(オープンスカイ)条約`` matches ``領空開放条約``).
* A title written after a person (``氏``, ``大統領``, ``米大統領``, ``大統領報道官``) joins
  the person's mention as ``Mention.title``; the ``米`` of ``米大統領`` in that position
  names the person's state, which the gazetteer already records, so no separate
  United States mention is emitted for it.
* A country abbreviation inside a token (``駐米``, ``駐ロ大使``, ``訪米``, ``米側``,
  ``米政府``) is a mention of that country spanning the abbreviation; a token made only
  of abbreviations (``米ロ``, ``日米``) gives one ``via="group"`` mention per state.
* Names the gazetteer lacks come from GiNZA NER and are minted with a stable key:
  ``ner-{type}-{hash}`` of the normalised name without title; a person written with a
  middle dot is keyed by the part after the last dot (the surname), so ``アレクセイ・
  ナワリヌイ`` and ``ナワリヌイ氏`` are one entity in any article.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer, normalise
from kg.model import EntityRecord, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence

NER_TYPES = {
    "Person": "Person",
    "Country": "Country",
    "GPE": "Country",
    "GPE_Other": "Place",
    "Province": "Place",
    "City": "Place",
    "County": "Place",
    "Region_Other": "Place",
    "Location_Other": "Place",
    "Organization_Other": "Organization",
    "International_Organization": "Organization",
    "Government": "Organization",
    "Military": "Organization",
    "Political_Party": "Organization",
    "Political_Organization_Other": "Organization",
    "Company": "Organization",
    "Corporation_Other": "Organization",
}
ACTOR_TYPES = frozenset({"Person", "Country", "Organization", "Group"})
PREFIXES = ("駐", "訪", "在", "対", "親", "反")
STATE_SUFFIXES = ("政府", "側", "軍", "当局", "政権", "議会", "国内", "大使館", "大統領選", "国務省", "国防総省")
ROLE_ENDINGS = ("者", "派", "筋", "当局", "高官", "幹部", "関係者", "首脳", "代表団")
GENERIC_PREFIXES = ("両", "同", "各", "諸", "他", "全")
GENERIC_NAMES = frozenset({"同盟国", "加盟国", "周辺国", "近隣国", "先進国", "途上国", "新興国", "大国", "西側"})
MAX_TOKENS = 12
OPEN, CLOSE = "(", ")"


def minted_key(name: str, type_: str) -> str:
    """The stable key of an entity minted from a name NER found (title already removed)."""
    form = normalise(name)
    if type_ == "Person" and "・" in form:
        form = form.rsplit("・", 1)[1]
    digest = hashlib.sha1(form.encode("utf-8")).hexdigest()[:10]
    return f"ner-{type_.lower()}-{digest}"


def _title_at(tokens: list[Token], i: int, gazetteer: Gazetteer) -> tuple[int, str] | None:
    """A title starting at token ``i`` (optionally after a country abbreviation): (end, title)."""
    text = ""
    best = None
    for j in range(i, min(i + 3, len(tokens))):
        text += normalise(tokens[j].text)
        for cand in (text, text[1:] if text[:1] in gazetteer.abbreviations else None):
            if cand and cand in gazetteer.titles:
                best = (j + 1, cand)
    return best


def _longest(tokens: list[Token], i: int, gazetteer: Gazetteer) -> tuple[int, EntityRecord] | None:
    """The longest gazetteer match starting at token ``i``: (end token, entity)."""
    best = None
    plain = skipped = ""
    depth = 0
    for j in range(i, min(i + MAX_TOKENS, len(tokens))):
        text = normalise(tokens[j].text)
        if j == i and text in (OPEN, CLOSE, "、", "。"):
            return None
        plain += text
        if text == OPEN:
            depth += 1
        elif text == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            skipped += text
        if depth:
            continue
        for form in (plain, skipped):
            record = gazetteer.lookup(form)
            if record is not None:
                best = (j + 1, record)
                break
    return best


def _abbreviation_mentions(token: Token, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions of states written as abbreviations inside one token (``駐米``, ``米ロ``, ``米側``)."""
    text = normalise(token.text)
    abbr = gazetteer.abbreviations
    start = sentence.char(token.idx)
    if len(text) >= 2 and all(c in abbr for c in text):
        return [
            Mention(abbr[c], c, start + k, start + k + 1, sentence.index, via="group")
            for k, c in enumerate(text)
        ]
    body, offset = text, 0
    if body[:1] in PREFIXES and len(body) >= 2 and body[1] in abbr:
        body, offset = body[1:], 1
    if not body or body[0] not in abbr:
        return []
    rest = body[1:]
    if offset and (not rest or rest in gazetteer.titles or rest in STATE_SUFFIXES):
        return [Mention(abbr[body[0]], body[0], start + offset, start + offset + 1, sentence.index)]
    if rest in STATE_SUFFIXES:
        via = "coref" if rest == "側" else "gazetteer"
        return [Mention(abbr[body[0]], token.text, start, start + len(token.text), sentence.index, via=via)]
    return []


def _context_ok(tokens: list[Token], i: int, gazetteer: Gazetteer) -> bool:
    """Whether a lone one-character abbreviation token really names a state."""
    prev = normalise(tokens[i - 1].text) if i else ""
    nxt = normalise(tokens[i + 1].text) if i + 1 < len(tokens) else ""
    return (
        prev in PREFIXES
        or nxt in STATE_SUFFIXES
        or nxt in gazetteer.titles
        or nxt in gazetteer.abbreviations
        or tokens[i].pos_ == "PROPN"
    )


def gazetteer_mentions(sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """Gazetteer and abbreviation mentions of one sentence, in text order."""
    tokens = list(sentence.span)
    out: list[Mention] = []
    i = 0
    abbr = gazetteer.abbreviations
    while i < len(tokens):
        here = normalise(tokens[i].text)
        there = normalise(tokens[i + 1].text) if i + 1 < len(tokens) else ""
        if here in abbr and there in abbr and tokens[i + 1].idx == tokens[i].idx + len(here):
            for tok, text in ((tokens[i], here), (tokens[i + 1], there)):  # 米 中 → a pair
                start = sentence.char(tok.idx)
                out.append(Mention(abbr[text], tok.text, start, start + len(text), sentence.index, via="group"))
            i += 2
            continue
        match = _longest(tokens, i, gazetteer)
        if match and len(normalise(tokens[i].text)) == 1 and match[0] == i + 1:
            if not _context_ok(tokens, i, gazetteer):
                match = None
        if match is None:
            text = normalise(tokens[i].text)
            if text in gazetteer.abbreviations and _context_ok(tokens, i, gazetteer):
                start = sentence.char(tokens[i].idx)
                key = gazetteer.abbreviations[text]
                out.append(Mention(key, tokens[i].text, start, start + len(text), sentence.index))
            else:
                out.extend(_abbreviation_mentions(tokens[i], sentence, gazetteer))
            i += 1
            continue
        end, record = match
        title = None
        if record.type == "Person":
            found = _title_at(tokens, end, gazetteer)
            if found:
                end, title = found
        first, last = tokens[i], tokens[end - 1]
        start = sentence.char(first.idx)
        stop = sentence.char(last.idx + len(last.text))
        out.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index, title))
        i = end
    return out


def _slice(sentence: Sentence, start: int, stop: int) -> str:
    return sentence.text[start - sentence.offset : stop - sentence.offset]


def ner_mentions(
    sentence: Sentence, gazetteer: Gazetteer, taken: list[Mention]
) -> tuple[list[Mention], list[EntityRecord]]:
    """Mentions from GiNZA NER for names the gazetteer lacks, and the entities minted for them."""
    mentions: list[Mention] = []
    minted: list[EntityRecord] = []
    tokens = list(sentence.span)
    base = sentence.span.start
    for ent in sentence.span.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None:
            continue
        start = sentence.char(ent.start_char)
        stop = sentence.char(ent.end_char)
        if any(m.start < stop and start < m.end for m in taken + mentions):
            continue
        name, title = gazetteer.strip_title(ent.text)
        if name.endswith(ROLE_ENDINGS) or name.startswith(GENERIC_PREFIXES) or name in GENERIC_NAMES:
            continue  # a description (反体制派指導者), not a name
        if len(name) < 2 or name in gazetteer.titles or name[0] in gazetteer.abbreviations and (
            name[1:] in gazetteer.titles or name[1:] in STATE_SUFFIXES or all(c in gazetteer.abbreviations for c in name)
        ):
            continue
        end_tok = ent.end - base
        if title is None and type_ == "Person":
            found = _title_at(tokens, end_tok, gazetteer)
            if found:
                last = tokens[found[0] - 1]
                stop, title = sentence.char(last.idx + len(last.text)), found[1]
        record = gazetteer.lookup(name)
        if record is None:
            record = EntityRecord(
                key=minted_key(name, type_), type=type_, label_ja=name, label_en="", minted=True
            )
            minted.append(record)
        via = "ner" if record.minted else "gazetteer"
        mentions.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index, title, via))
    for i, token in enumerate(tokens):  # a name GiNZA missed, followed by a title: ペトロフスキー氏
        start = sentence.char(token.idx)
        katakana = len(token.text) >= 3 and all("゠" <= c <= "ヿ" for c in token.text)
        if not (token.pos_ == "PROPN" or katakana) or any(m.start <= start < m.end for m in taken + mentions):
            continue
        found = _title_at(tokens, i + 1, gazetteer)
        if found is None or len(token.text) < 2 or (i and tokens[i - 1].pos_ == "PROPN"):
            continue
        last = tokens[found[0] - 1]
        stop = sentence.char(last.idx + len(last.text))
        record = gazetteer.lookup(token.text) or EntityRecord(
            key=minted_key(token.text, "Person"), type="Person", label_ja=normalise(token.text),
            label_en="", minted=True)
        if record.minted:
            minted.append(record)
        mentions.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index,
                                found[1], "ner" if record.minted else "gazetteer"))
    return mentions, minted


def find_mentions(sentence: Sentence, gazetteer: Gazetteer) -> tuple[list[Mention], list[EntityRecord]]:
    """All gazetteer, abbreviation and NER mentions of one sentence, in text order.

    Returns:
        The mentions sorted by start, and the entities minted for NER names.
    """
    found = gazetteer_mentions(sentence, gazetteer)
    extra, minted = ner_mentions(sentence, gazetteer, found)
    return sorted(found + extra, key=lambda m: (m.start, m.end)), minted
