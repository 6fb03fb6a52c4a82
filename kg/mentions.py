"""Entity mentions in a parsed sentence: gazetteer longest match, titles, abbreviations, NER.

Rules (decisions):

* Gazetteer forms are matched longest-first over whole GiNZA tokens, so a match never
  cuts a word; a parenthesised gloss inside a name may be skipped
  (``領空開放(オープンスカイ)条約`` matches ``領空開放条約``).
* A title written after a person (``氏``, ``大統領``, ``米大統領``, ``大統領報道官``) joins
  the person's mention as ``Mention.title``; the ``米`` of ``米大統領`` in that position
  names the person's state: it is a mention of that state as written (``via="title"``),
  which never takes part in the person's roles.
* A country abbreviation inside a token (``駐米``, ``駐ロ大使``, ``訪米``, ``米側``,
  ``米政府``) is a mention of that country spanning the abbreviation; a token made only
  of abbreviations (``米ロ``, ``日米``) gives one ``via="group"`` mention per state.
* A demonym written as one token (``ロシア人``) is a mention of its state.
* Names the gazetteer lacks come from GiNZA NER and are minted with a stable key:
  ``ner-{type}-{hash}`` of the normalised name without title; a person written with a
  middle dot is keyed by the part after the last dot (the surname), so ``アレクセイ・
  ナワリヌイ`` and ``ナワリヌイ氏`` are one entity in any article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer, normalise
from kg.model import EntityRecord, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.parse import Sentence

ACTOR_TYPES = frozenset({"Person", "Country", "Organization", "Group"})
PREFIXES = ("駐", "訪", "在", "対", "親", "反")
STATE_SUFFIXES = ("政府", "側", "軍", "当局", "政権", "議会", "国内", "大使館", "大統領選", "国務省", "国防総省")
MAX_TOKENS = 12
# Organs of a state or territory written right after its name (``韓国外務省``, ``ポーランド軍``,
# ``香港警察``) or after ``の`` (``米国の沿岸警備隊``): an Organization of their own, minted
# when the gazetteer lacks it, never the state (the guideline: named ministries, armed
# forces and agencies are their own entities; ``政府``/``当局``/``政権`` stay the state).
ORGANS = frozenset({
    "外務省", "外交部", "国防省", "国防部", "防衛省", "国務省", "内務省", "法務省", "財務省", "司法省",
    "商務省", "商務部", "通商代表部", "経済省", "エネルギー省", "保健省", "非常事態省",
    "大統領府", "首相府", "首相官邸", "軍", "陸軍", "海軍", "空軍", "国軍", "宇宙軍", "海兵隊", "沿岸警備隊",
    "海警局", "海警", "警察", "警察庁", "検察", "情報機関", "国家情報院", "中央銀行", "国営通信",
    "国営メディア", "国営テレビ", "議会", "国会", "最高裁", "憲法裁判所", "統合参謀本部", "参謀本部",
})
# Words after an organ that leave it the organ (``スーダン軍側は``, ``外務省幹部は``, ``国防省報道官``).
ORGAN_FOLLOWERS = frozenset({"側", "幹部", "高官", "報道官", "関係者", "筋", "当局者", "報道局長", "副報道局長", "報道室"})
NOT_GROUPS = frozenset({"欧米", "欧米諸国", "欧米各国"})  # Europe and America, not the EU and the US
# Ordinary words spelt as a prefix and an abbreviation (``対比``: a comparison, not the Philippines).
NOT_STATES = frozenset({"対比"})
ORGAN_HOLDERS = frozenset({"Country", "Place"})
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
    posted = _posted_title(tokens, i, gazetteer)
    if posted is not None:
        return posted
    text = ""
    best = None
    for j in range(i, min(i + 4, len(tokens))):
        text += normalise(tokens[j].text)
        for cand in (text, text[1:] if text[:1] in gazetteer.abbreviations else None):
            if cand and (cand in gazetteer.titles or _charged_title(cand, gazetteer)):
                best = (j + 1, cand)
    return best


def _charged_title(text: str, gazetteer: Gazetteer) -> bool:
    """A title with its brief written before it: ``アフリカ担当上級顧問``, ``軍縮担当特使``."""
    brief, mark, title = text.partition(CHARGED)
    return bool(mark) and 1 <= len(brief) <= 8 and title in gazetteer.titles


CHARGED = "担当"
# Endings of a body's name that a region can begin (``欧州統合省``, ``アジア開発銀行``).
BODY_ENDINGS = ("省", "庁", "局", "委員会", "機構", "機関", "銀行", "理事会", "評議会", "基金")


def _names_a_body(tokens: list[Token], after: int, words: Words) -> bool:
    """Whether the nouns right after a place end a body's name (``欧州|統合省``)."""
    text = ""
    for j in range(after, min(after + 3, len(tokens))):
        if tokens[j].pos_ not in ("NOUN", "PROPN"):
            return False
        text += words.texts[j]
        if text.endswith(BODY_ENDINGS):
            return True
    return False


def _describes_a_state(tokens: list[Token], after: int, gazetteer: Gazetteer, words: Words) -> bool:
    """Whether a state's name follows a region with nothing between (``東欧|モルドバ``)."""
    found = _longest(tokens, after, gazetteer, words) if after < len(tokens) else None
    return found is not None and found[1].type == "Country"
BRIEFS = frozenset({"Place", "Country"})  # what a title's brief names (中東担当, 北朝鮮担当)


POSTED = "駐"  # 駐中国大使, 駐日大使: an envoy's title names the state they are posted to


def _posted_title(tokens: list[Token], i: int, gazetteer: Gazetteer) -> tuple[int, str] | None:
    """An envoy's title (``駐中国大使``, ``駐ロシア大使``, ``駐日大使``) starting at token ``i``:
    (end token, title). The host state keeps its own mention; the envoy is not its actor."""
    if i >= len(tokens) or not normalise(tokens[i].text).startswith(POSTED):
        return None
    text = ""
    for j in range(i, min(i + 4, len(tokens))):
        text += normalise(tokens[j].text)
        for k in range(len(text) - 1, 1, -1):
            state, title = text[1:k], text[k:]
            record = gazetteer.lookup(state) if state not in gazetteer.abbreviations else None
            known = state in gazetteer.abbreviations or record is not None and record.type == "Country"
            titled = title in gazetteer.titles or title[:1] in gazetteer.abbreviations and title[1:] in gazetteer.titles
            if known and titled and title != "氏":  # 駐日米大使: the envoy's own state may follow
                return j + 1, text
    return None


def posted_state(stop: int, title: str | None, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """The host state written inside an envoy's title ending at ``stop`` (``…駐中国大使``)."""
    if not title or not title.startswith(POSTED):
        return []
    start = stop - len(title) + len(POSTED)
    for end in range(stop - 1, start, -1):
        state = _slice(sentence, start, end)
        record = gazetteer.lookup(state)
        key = gazetteer.abbreviations.get(state) or (record.key if record and record.type == "Country" else None)
        if key:
            return [Mention(key, state, start, end, sentence.index)]
    return []


def titled_state(stop: int, title: str | None, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """The state abbreviated in a person's title ending at ``stop`` (``マクロン仏大統領`` → France):
    a mention of the state as written, kept out of the person's roles (``via="title"``)."""
    if not title:
        return []
    end = stop - len(title)
    state = _slice(sentence, end - 1, end)
    key = gazetteer.abbreviations.get(state)
    return [Mention(key, state, end - 1, end, sentence.index, None, "title")] if key else []


def _longest(tokens: list[Token], i: int, gazetteer: Gazetteer,
             words: Words | None = None) -> tuple[int, EntityRecord] | None:
    """The longest gazetteer match starting at token ``i``: (end token, entity).

    With ``words`` (the sentence's ``Words``), the scan stops once what it has read is no
    prefix of any surface and cannot become one (see ``Words.stable_to``).
    """
    best = None
    plain = skipped = ""
    depth = 0
    stop = min(i + MAX_TOKENS, len(tokens))
    prefixes = gazetteer.prefixes() if words is not None and words.stable_to[i] >= stop else None
    for j in range(i, stop):
        text = words.texts[j] if words is not None else normalise(tokens[j].text)
        if j == i and text in (OPEN, CLOSE, "、", "。"):
            return None
        plain += text
        if text == OPEN:
            depth += 1
        elif text == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            skipped += text
        if prefixes is not None and plain not in prefixes and skipped not in prefixes:
            break  # nothing longer can match: every later form extends one of these two
        if depth:
            continue
        for form in (plain,) if plain == skipped else (plain, skipped):  # no lookup twice
            record = gazetteer.lookup(form)
            if record is not None:
                best = (j + 1, record)
                break
    return best


# Characters that never join the character before them under NFKC (no combining mark, no
# second half of a composition): ASCII and Latin, CJK punctuation, kana, CJK ideographs.
_STABLE_STARTS = ((0x21, 0x2FF), (0x3001, 0x3029), (0x3041, 0x3096), (0x30A1, 0x30FF),
                  (0x4E00, 0x9FFF))
_STABLE_START = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _STABLE_STARTS) + "]")


@lru_cache(maxsize=1 << 14)
def _stable(text: str) -> bool:
    """Whether ``text`` (normalised) stays itself when written after any normalised text."""
    if not text:
        return True
    return _STABLE_START.match(text) is not None and unicodedata.is_normalized("NFKC", text)


class Words:
    """A sentence's tokens as ``normalise`` writes them, read once per sentence.

    ``stable_to[k]`` is the first token at or after ``k`` that is not ``_stable``: a run
    of stable tokens concatenates to its own normal form, so ``lookup`` sees exactly the
    concatenation and a form that is no prefix of a surface can never grow into one.
    """

    def __init__(self, tokens: list[Token]) -> None:
        self.texts = [normalise(token.text) for token in tokens]
        self.stable_to = [len(tokens)] * (len(tokens) + 1)
        for k in range(len(tokens) - 1, -1, -1):
            self.stable_to[k] = self.stable_to[k + 1] if _stable(self.texts[k]) else k


def _abbreviation_mentions(token: Token, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions of states written as abbreviations inside one token (``駐米``, ``米ロ``, ``米側``)."""
    text = normalise(token.text)
    abbr = gazetteer.abbreviations
    if not text or text[0] not in abbr and text[0] not in PREFIXES:
        return []  # most tokens: nothing below can match
    start = sentence.char(token.idx)
    if text in NOT_GROUPS or text in NOT_STATES:
        return []
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


# Words written after a leader's name that Sudachi may join to it (``トランプ政権``): the
# person keeps a mention of the name alone, which ``kg.coref`` turns into the state.
LEADER_SUFFIXES = ("政権",)


def _split_token(token: Token, sentence: Sentence, gazetteer: Gazetteer) -> Mention | None:
    """A person's name and a title (``トランプ大統領``) or ``政権`` (``トランプ政権``) that
    the tokenizer keeps as one token: the person's mention, titled; None otherwise.

    The whole token names no entity (checked by the caller); the name must be a known
    person (or a ``short_names`` surname with its title), so ``副大統領``, ``米大統領`` or
    ``前大統領`` never split."""
    text = normalise(token.text)
    if len(text) < 3 or len(text) != len(token.text):
        return None  # too short to hold a name and a title; or offsets would not map
    start = sentence.char(token.idx)
    record, title = gazetteer.resolve(text)
    if record is not None and title is not None and record.type == "Person":
        return Mention(record.key, token.text, start, start + len(text), sentence.index, title)
    for suffix in LEADER_SUFFIXES:
        name = text[: -len(suffix)]
        record = gazetteer.lookup(name) if text.endswith(suffix) and name else None
        if record is not None and record.type == "Person":
            return Mention(record.key, token.text[: len(name)], start, start + len(name), sentence.index)
    return None


def _demonym(text: str, gazetteer: Gazetteer) -> str | None:
    """The state of a demonym written as one token (``ロシア人``, ``日本人``)."""
    if len(text) < 3 or not text.endswith("人"):
        return None
    record = gazetteer.lookup(text[:-1])
    return record.key if record is not None and record.type == "Country" else None


def _organ_ahead(tokens: list[Token], j: int) -> bool:
    """Whether tokens from ``j`` spell an organ (``商務|省``, ``沿岸|警備隊``)."""
    text = ""
    for k in range(j, min(j + 3, len(tokens))):
        text += normalise(tokens[k].text)
        if text in ORGANS:
            return True
    return False


def _after_number(tokens: list[Token], i: int) -> bool:
    """A ``日`` (day) or ``朝`` (morning) after a number is part of a date (``5日朝``)."""
    return i > 0 and (tokens[i - 1].pos_ == "NUM" or tokens[i - 1].like_num)


def _context_ok(tokens: list[Token], i: int, gazetteer: Gazetteer) -> bool:
    """Whether a lone one-character abbreviation token really names a state: also before an
    organ (``米|商務|省``, ``米|沿岸|警備隊``: the state's organ)."""
    prev = normalise(tokens[i - 1].text) if i else ""
    nxt = normalise(tokens[i + 1].text) if i + 1 < len(tokens) else ""
    if _after_number(tokens, i):
        return False
    return (
        prev in PREFIXES
        or nxt in STATE_SUFFIXES
        or nxt in gazetteer.titles
        or nxt in gazetteer.abbreviations
        or tokens[i].pos_ == "PROPN"
        or _organ_ahead(tokens, i + 1)
    )


def _abbreviation_chain(tokens: list[Token], i: int, words: Words, sentence: Sentence,
                        gazetteer: Gazetteer) -> tuple[int, list[Mention]] | None:
    """States written as a chain of abbreviations over adjacent tokens from token ``i``
    (``日米韓`` → 日米|韓, ``米英豪`` → 米|英豪, ``米|中``): (end token, one ``via="group"``
    mention per state), or None for a chain of fewer than two states.

    Every character of every token must be an abbreviation, so ordinary words that start
    with one (``米国``, ``英語``, ``韓流``, ``中東``) never take part; a chain starting after a
    number is a date (``5日朝``), and ``欧米`` is Europe and America (``NOT_GROUPS``)."""
    abbr = gazetteer.abbreviations
    if not words.texts[i] or words.texts[i][0] not in abbr or _after_number(tokens, i):
        return None  # most tokens: no chain starts here
    j = i
    while j < len(tokens) and words.texts[j] and all(c in abbr for c in words.texts[j]) \
            and (j == i or tokens[j].idx == tokens[j - 1].idx + len(tokens[j - 1].text)):
        j += 1
    text = "".join(words.texts[i:j])
    if len(text) < 2 or any(words.texts[k] in NOT_GROUPS for k in range(i, j)) or text in NOT_GROUPS:
        return None
    out = []
    for token in tokens[i:j]:
        for k, char in enumerate(token.text):
            state = abbr.get(normalise(char))
            if state is None:
                return None  # a character that only normalises into an abbreviation with its neighbour
            start = sentence.char(token.idx + k)
            out.append(Mention(state, char, start, start + 1, sentence.index, via="group"))
    return j, out


def gazetteer_mentions(sentence: Sentence, gazetteer: Gazetteer,
                       minted: list[EntityRecord] | None = None) -> list[Mention]:
    """Gazetteer and abbreviation mentions of one sentence, in text order; organs of a state
    (``韓国外務省``) are minted into ``minted`` when given."""
    tokens = list(sentence.span)
    words = Words(tokens)
    out: list[Mention] = []
    i = 0
    abbr = gazetteer.abbreviations
    while i < len(tokens):
        here = words.texts[i]
        there = words.texts[i + 1] if i + 1 < len(tokens) else ""
        chain = _abbreviation_chain(tokens, i, words, sentence, gazetteer)
        known = _longest(tokens, i, gazetteer, words) if chain is not None else None
        if chain is not None and known is not None and (
                known[0] > chain[0] or known[0] == chain[0] and known[1].type == "Place"):
            chain = None  # 日中|ハイレベル経済対話, 中米 (Central America): a known name over the chain
        if chain is not None:  # 日米|韓, 米|英豪, 米|中: one mention per state
            stop_tok, mentions = chain
            out += mentions
            i = stop_tok
            continue
        match = _longest(tokens, i, gazetteer, words)
        if match and match[0] < len(tokens) and words.texts[match[0]] == CHARGED and match[1].type in BRIEFS:
            i = match[0] + 1  # 中東担当上級顧問: the brief of a title, not a mention of the region
            continue
        if match and match[0] < len(tokens) and words.texts[match[0]] == "時間" and match[1].type == "Country":
            i = match[0] + 1  # 日本時間, 米東部時間: a time zone, not the state
            continue
        if match and match[1].type == "Place" and _names_a_body(tokens, match[0], words):
            i = match[0] + 1  # 外務・欧州統合省, アジア開発銀行: a body's name, left to NER
            continue
        if match and match[1].type == "Place" and _describes_a_state(tokens, match[0], gazetteer, words):
            i = match[0]  # 東欧モルドバ: the region describes the state written next, as 首都 does
            continue
        if match and len(here) == 1 and match[0] == i + 1:
            if not _context_ok(tokens, i, gazetteer):
                match = None
        if match is None and here in abbr and _organ_ahead(tokens, i + 1) and not _after_number(tokens, i):
            match = (i + 1, gazetteer.get(abbr[here]))  # 米|商務省: the state's organ
        if match is None:
            split = _split_token(tokens[i], sentence, gazetteer)
            if split is not None:  # トランプ大統領 written as one token: the person, titled
                out.append(split)
                i += 1
                continue
            text = here
            if text in gazetteer.abbreviations and _context_ok(tokens, i, gazetteer):
                start = sentence.char(tokens[i].idx)
                key = gazetteer.abbreviations[text]
                out.append(Mention(key, tokens[i].text, start, start + len(text), sentence.index))
            elif _demonym(text, gazetteer) is not None:  # ロシア人武器商人: Russia
                start = sentence.char(tokens[i].idx)
                out.append(Mention(_demonym(text, gazetteer), tokens[i].text, start, start + len(text), sentence.index))
            else:
                out.extend(_abbreviation_mentions(tokens[i], sentence, gazetteer))
            i += 1
            continue
        end, record = match
        organ = _organ_after(tokens, i, end, record, sentence, gazetteer)
        if organ is not None:
            stop_tok, keep, mention, org = organ
            if keep:
                first, last = tokens[i], tokens[end - 1]
                out.append(Mention(record.key, _slice(sentence, sentence.char(first.idx), sentence.char(last.idx + len(last.text))),
                                   sentence.char(first.idx), sentence.char(last.idx + len(last.text)), sentence.index))
            out.append(mention)
            if org.minted and minted is not None:
                minted.append(org)
            i = stop_tok
            continue
        title = None
        inner: Mention | None = None
        if record.type == "Person":
            found = _title_at(tokens, end, gazetteer)
            if found:
                end, title = found
            else:  # 金与正朝鮮労働党副部長: the party is part of the person's title
                body = _longest(tokens, end, gazetteer, words)
                found = _title_at(tokens, body[0], gazetteer) if body and body[1].type == "Organization" else None
                if body and found:
                    o_first, o_last = tokens[end], tokens[body[0] - 1]
                    o_start, o_stop = sentence.char(o_first.idx), sentence.char(o_last.idx + len(o_last.text))
                    inner = Mention(body[1].key, _slice(sentence, o_start, o_stop), o_start, o_stop, sentence.index)
                    title = inner.text + found[1]
                    end = found[0]
        first, last = tokens[i], tokens[end - 1]
        start = sentence.char(first.idx)
        stop = sentence.char(last.idx + len(last.text))
        out.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index, title))
        if inner is not None:
            out.append(inner)
        out.extend(posted_state(stop, title, sentence, gazetteer) or titled_state(stop, title, sentence, gazetteer))
        i = end
    return out


def organ_record(holder: EntityRecord, organ: str) -> EntityRecord:
    """The minted Organization for an organ of a state or territory (``韓国`` + ``外務省``)."""
    name = holder.label_ja + organ
    country = holder.key if holder.type == "Country" else holder.country
    return EntityRecord(key=minted_key(name, "Organization"), type="Organization", label_ja=name,
                        label_en="", country=country, minted=True)


def _organ_after(tokens: list[Token], i: int, end: int, record: EntityRecord, sentence: Sentence,
                 gazetteer: Gazetteer) -> tuple[int, bool, Mention, EntityRecord] | None:
    """An organ written right after a state's name (tokens ``i:end``), or after ``の``.

    Returns:
        (end token, whether the state's own mention is kept, the organ's mention, its record).
    """
    if record.type not in ORGAN_HOLDERS:
        return None
    after_no = end < len(tokens) and tokens[end].text == "の"
    first = end + 1 if after_no else end
    text = ""
    for j in range(first, min(first + 3, len(tokens))):
        text += normalise(tokens[j].text)
        longer = j + 1 < len(tokens) and text + normalise(tokens[j + 1].text) in ORGANS
        if text not in ORGANS or longer:
            continue
        follower = normalise(tokens[j + 1].text) if j + 1 < len(tokens) else ""
        if j + 1 < len(tokens) and tokens[j + 1].pos_ in ("NOUN", "PROPN") and tokens[j + 1].dep_ != "case" \
                and follower not in ORGAN_FOLLOWERS and follower not in gazetteer.titles:
            return None  # 韓国軍事…: part of a longer word (but スーダン軍側, 韓国外務省報道官 are the organ)
        known = gazetteer.lookup(record.label_ja + text)
        org = known or organ_record(record, text)
        start = sentence.char(tokens[first if after_no else i].idx)
        stop = sentence.char(tokens[j].idx + len(tokens[j].text))
        via = "gazetteer" if known else "ner"
        return j + 1, after_no, Mention(org.key, _slice(sentence, start, stop), start, stop, sentence.index, via=via), org
    return None


def _slice(sentence: Sentence, start: int, stop: int) -> str:
    return sentence.text[start - sentence.offset : stop - sentence.offset]


TRAILING_GLOSS = re.compile(r"^(?P<name>.+?)\s*[(（][^()（）]{1,16}[)）]$")


def without_gloss(text: str) -> str:
    """A name's surface without the acronym glossed after it: ``欧州連合（EU）`` is written
    ``欧州連合`` in exports (the mention itself keeps the span it covers; the acronym is an
    alias of the entity already). A gloss inside a name stays (``領空開放(オープンスカイ)条約``)."""
    match = TRAILING_GLOSS.match(text)
    return match["name"] if match else text


def find_mentions(sentence: Sentence, gazetteer: Gazetteer) -> tuple[list[Mention], list[EntityRecord]]:
    """All gazetteer, abbreviation and NER mentions of one sentence, in text order.

    Returns:
        The mentions sorted by start, and the entities minted for NER names.
    """
    from kg.ner import glossed_mentions, ner_mentions, treaty_mentions  # kg.ner builds on this module's helpers

    organs: list[EntityRecord] = []
    found = gazetteer_mentions(sentence, gazetteer, organs)
    glossed, named, swallowed = glossed_mentions(sentence, gazetteer, found)
    found = [m for m in found if m not in swallowed] + glossed
    extra, minted = ner_mentions(sentence, gazetteer, found)
    minted = named + minted
    treaties, agreements, swallowed = treaty_mentions(sentence, gazetteer, found + extra)
    kept = [m for m in found + extra if m not in swallowed]
    credits = credit_spans(sentence)
    if credits:  # (2021年 ロイター/Sputnik/Mikhail Metzel): agencies and photographers are no actors
        kept = [m for m in kept if not any(a <= m.start and m.end <= b for a, b in credits)]
        treaties = [m for m in treaties if not any(a <= m.start and m.end <= b for a, b in credits)]
        used = {m.entity for m in kept}
        minted = [r for r in minted if r.key in used]
    return sorted(kept + treaties, key=lambda m: (m.start, m.end)), organs + minted + agreements


# A photo or story credit: a bracket holding an agency and ``/``-separated names or ``撮影``
# (``(2021年 ロイター/Sputnik/Mikhail Metzel/Pool via REUTERS)``), or a line that is only an
# agency's name (``ロイター``). The guideline: agencies in credits and photographers are no entities.
CREDIT_BRACKET = re.compile(r"[(（][^()（）]*(?:ロイター|REUTERS|Reuters|共同|時事|AFP|AP|EPA|Getty|撮影)"
                            r"[^()（）]*[)）]")
NEWS_AGENCIES = frozenset({"ロイター", "共同", "時事", "AFP", "AP", "AFP時事", "AFP=時事", "共同通信", "時事通信",
                           "ブルームバーグ", "ロイター通信"})


def credit_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Article character spans of the credits in a sentence (see ``CREDIT_BRACKET``)."""
    text = sentence.text
    if normalise(text.strip().strip("[]()（）【】「」。")) in NEWS_AGENCIES:
        return [(sentence.offset, sentence.offset + len(text))]
    out = []
    for match in CREDIT_BRACKET.finditer(text):
        inner = match.group(0)
        if "/" in inner or "／" in inner or "撮影" in inner or re.search(r"[0-9０-９]{4}年", inner):
            out.append((sentence.offset + match.start(), sentence.offset + match.end()))
    return out
