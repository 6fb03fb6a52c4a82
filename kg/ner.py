"""Names the gazetteer lacks: GiNZA NER entities minted with stable keys, and surnames a title
pins down (``林外務大臣``, ``蔡総統`` through the gazetteer's ``short_names``).

Rules (decisions): descriptions are not names (``反体制派指導者``, ``両首脳``, ``加盟国``);
a name GiNZA missed but followed by a title (``ペトロフスキー氏``) is minted as a person; a
one-character surname is a mention only when ``short_names`` resolves it with its title.
An agreement the gazetteer lacks (``南北軍事合意``, ``加盟議定書``: a compound noun ending in
``条約``/``協定``/``合意``/``議定書``) is minted as a Treaty when it is what a lifecycle verb acts
on (``署名``, ``批准``, ``…の効力を停止``, ``破棄``, ``離脱``); a generic name written after a
state (``スウェーデンの加盟議定書``) is keyed with that state. An acronym glossed with ``＝``
(``RSF＝即応支援部隊``, NHK/Kyodo style) is one organisation, keyed by the acronym so a later
bare ``RSF`` minted by NER is the same entity; both sides are its aliases.

Places: a description before a place (``首都ハルツーム``) and a part after it (``アフリカ北東部``,
``…礁周辺``) are not part of its name; a province written with its city (``遼寧省大連``) is two
places; an NER "person" or "country" named like a place (``…礁``, ``…省``) is a Place. A
state written with a suffix in one token (``日本国内``) is the state; an organ in one token
(``韓国軍``) is minted as the state's organ, never the state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer, normalise
from kg.mentions import ORGANS, STATE_SUFFIXES, _slice, _title_at, minted_key, organ_record
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
    "Island": "Place",
    "Sea": "Place",
    "Bay": "Place",
    "Lake": "Place",
    "River": "Place",
    "Continental_Region": "Place",
    "Domestic_Region": "Place",
    "Geological_Region_Other": "Place",
    "Water_Route": "Place",
    "Organization_Other": "Organization",
    "International_Organization": "Organization",
    "Government": "Organization",
    "Military": "Organization",
    "Political_Party": "Organization",
    "Political_Organization_Other": "Organization",
    "Company": "Organization",
    "Corporation_Other": "Organization",
}
ROLE_ENDINGS = ("者", "派", "筋", "当局", "高官", "幹部", "関係者", "首脳", "代表団", "カ国", "か国", "ヵ国", "ケ国")
GENERIC_PREFIXES = ("両", "同", "各", "諸", "他", "全", "新型")
GENERIC_NAMES = frozenset({"同盟国", "加盟国", "周辺国", "近隣国", "先進国", "途上国", "新興国", "大国", "西側",
                           "首都", "領空", "領海", "領土", "国境", "前線", "欧米", "欧米諸国", "欧米各国",
                           "西側諸国"})
# Times of day NER sometimes labels as places or names (``26日未明``).
TIME_WORDS = frozenset({"未明", "早朝", "深夜", "夜", "朝", "昼", "夕方", "午前", "午後", "正午", "夜間", "日中", "週末"})
MADE_IN = ("産", "製")  # the rest of ロシア産…, 米国製… after the state took its own mention
# Goods and weapons written as acronyms that NER takes for organisations.
NOT_ACTOR_ACRONYMS = frozenset({"LNG", "LPG", "GDP", "GNP", "ICBM", "IRBM", "SLBM", "ATACMS", "HIMARS", "EV", "AI",
                                "CO2", "WTI", "PCR"})
# A place written with a description before it (``首都ハルツーム``, ``西部ブリャンスク州``): the
# description is no name.
PLACE_DESCRIPTIONS = ("首都", "古都", "州都", "省都", "港湾都市", "港町", "北東部", "北西部", "南東部", "南西部",
                      "北部", "南部", "東部", "西部", "中部")
# Endings that make an NER "person" or "country" a place (``アユンギン礁``, ``遼寧省大連``).
PLACE_ENDINGS = ("礁", "島", "諸島", "列島", "半島", "湾", "海峡", "省", "州", "県", "市", "岬", "運河", "高原")
# An administrative unit written before a place inside one name (``遼寧省大連``, ``広東省深圳市``).
# Parts of a place written after its name inside one NER span (``アフリカ北東部``, ``…礁周辺``).
PLACE_PARTS = ("周辺", "付近", "沖", "北部", "南部", "東部", "西部", "中部", "北東部", "北西部", "南東部", "南西部",
               "上空", "近海", "海域", "一帯", "全域", "全土", "各地", "国境付近")
ADMIN_PREFIX = re.compile(r"^(.{2,}?[省州県])(.{2,})$")


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
        end_tok = ent.end - base
        if type_ == "Person" and title is None and len(name) < 3:
            longer = _kanji_name(tokens, end_tok, name, gazetteer)
            if longer is not None:  # 中国の董|軍|国防相: NER kept only the surname
                name, end_tok = longer
                stop = sentence.char(tokens[end_tok - 1].idx + len(tokens[end_tok - 1].text))
        if name.endswith(ROLE_ENDINGS) or name.startswith(GENERIC_PREFIXES) or name in GENERIC_NAMES:
            continue  # a description (反体制派指導者), not a name
        if name in TIME_WORDS or name in NOT_ACTOR_ACRONYMS or name.startswith(MADE_IN):
            continue  # 未明, LNG, (ロシア)産液化天然ガス: a time or goods, not an actor
        if end_tok < len(tokens) and tokens[end_tok].text == "時間":
            continue  # 日本時間: a time zone, not the state
        if name in ORGANS:
            continue  # 防衛省 (NER: a "place"), 国営メディア: a bare organ, coreference's (shortforms.organ_of)
        if _class_of_states(name, type_, gazetteer):
            continue  # 多国籍, 友好国, 核保有国: a nationality or a kind of state, no state
        type_ = _place_type(name, type_)
        if type_ == "Place":
            named = _place_mentions(name, start, stop, sentence, gazetteer, minted)
            if named is not None:  # 首都ハルツーム, 遼寧省大連: the names without the description
                mentions += named
                continue
        if _made_in(name, gazetteer):
            continue  # 米国製, 欧州産: where goods come from, no mention of an actor
        state = _state_with_suffix(name, gazetteer)
        if state is not None:  # 日本国内 as one token: Japan
            mentions.append(Mention(state, _slice(sentence, start, stop), start, stop, sentence.index))
            continue
        if len(name) < 2 or name in gazetteer.titles or name[0] in gazetteer.abbreviations and (
            name[1:] in gazetteer.titles or name[1:] in STATE_SUFFIXES or all(c in gazetteer.abbreviations for c in name)
        ):
            continue
        if title is None and type_ == "Person":
            found = _title_at(tokens, end_tok, gazetteer)
            if found:
                last = tokens[found[0] - 1]
                stop = sentence.char(last.idx + len(last.text))
                title = found[1]
                longer = gazetteer.strip_title(name + title)  # ハーパー臨時|代理大使: 臨時代理大使
                if longer[1] and len(longer[1]) > len(title):
                    name, title = longer
        short = gazetteer.short_names.get(name, {}).get(title or "") if type_ == "Person" else None
        record = gazetteer.lookup(name) or (gazetteer.get(short) if short else None) or _organ_name(name, type_, gazetteer)
        if record is not None and record.minted:
            minted.append(record)
        elif record is None:
            record = EntityRecord(
                key=minted_key(name, type_), type=type_, label_ja=name, label_en="", minted=True,
                country=_owner_state(start, sentence, taken, gazetteer) if type_ in ("Person", "Organization") else None,
            )
            minted.append(record)
        via = "ner" if record.minted else "gazetteer"
        mentions.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index, title, via))
    for i, token in enumerate(tokens):  # a name GiNZA missed, followed by a title: ペトロフスキー氏
        start = sentence.char(token.idx)
        if any(m.start <= start < m.end for m in taken + mentions):
            continue
        short = _short_name(tokens, i, gazetteer)  # 林外務大臣, 蔡総統: a surname the title pins down
        if short is not None:
            end_tok, record, title = short
            last = tokens[end_tok - 1]
            stop = sentence.char(last.idx + len(last.text))
            mentions.append(Mention(record.key, _slice(sentence, start, stop), start, stop, sentence.index, title))
            continue
        katakana = len(token.text) >= 3 and all("゠" <= c <= "ヿ" for c in token.text)
        if not (token.pos_ == "PROPN" or katakana):
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


GLOSSED = re.compile(r"([A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９\-]{1,9})[＝=]([一-龥々ァ-ヶー・]{2,24})")


# Endings of organisation names (``国連開発計画``, ``世界保健機関``, ``国連人権理事会``): only such a
# name glossed with an acronym is minted (``国内総生産(GDP)`` is no organisation).
ORG_SUFFIXES = ("機関", "機構", "計画", "理事会", "委員会", "連合", "同盟", "基金", "銀行", "組織", "党", "軍",
                "部隊", "庁", "事務所", "裁判所", "議会", "評議会", "協会", "連盟", "本部", "司令部", "通信")
ACRONYM = re.compile(r"^[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９\-]{1,9}$")


def _parenthesised(sentence: Sentence) -> list[tuple[int, int, str, str]]:
    """``国連開発計画(UNDP)``: (start, stop, acronym, name) in sentence offsets, the name being
    the compound noun GiNZA heads right before the bracket."""
    tokens = list(sentence.span)
    base = sentence.span.start_char
    out = []
    for k in range(1, len(tokens) - 2):
        if tokens[k].text not in ("(", "（") or tokens[k + 2].text not in (")", "）"):
            continue
        if not ACRONYM.match(tokens[k + 1].text) or tokens[k - 1].pos_ not in ("NOUN", "PROPN"):
            continue
        first = k - 1
        while first > 0 and tokens[first - 1].dep_ == "compound" and tokens[first - 1].pos_ in ("NOUN", "PROPN") \
                and tokens[first - 1].head.i in (tokens[k - 1].i, tokens[first].i):
            first -= 1
        name = "".join(t.text for t in tokens[first:k])
        if first < k - 1 and re.fullmatch(r"[一-龥々ァ-ヶー・]{3,24}", name) and name.endswith(ORG_SUFFIXES):
            out.append((tokens[first].idx - base, tokens[k + 2].idx - base + 1, tokens[k + 1].text, name))
    return out


def glossed_mentions(sentence: Sentence, gazetteer: Gazetteer, taken: list[Mention]
                     ) -> tuple[list[Mention], list[EntityRecord], list[Mention]]:
    """``RSF＝即応支援部隊``, ``国連開発計画(UNDP)``: (mentions, minted organisations, mentions
    the glossed name swallows: ``国連`` inside ``国連開発計画``)."""
    mentions: list[Mention] = []
    minted: list[EntityRecord] = []
    dropped: list[Mention] = []
    glosses = [(m.start(), m.end(), m.group(1), m.group(2)) for m in GLOSSED.finditer(sentence.text)]
    for begin, end, acronym, gloss in glosses + _parenthesised(sentence):
        start, stop = sentence.offset + begin, sentence.offset + end
        written = sentence.text[begin:end]
        inside = [m for m in taken if start <= m.start and m.end <= stop]
        if any(m.start < stop and start < m.end for m in taken if m not in inside):
            continue
        record = gazetteer.lookup(acronym) or gazetteer.lookup(gloss)
        if record is None:
            record = EntityRecord(key=minted_key(acronym, "Organization"), type="Organization", label_ja=gloss,
                                  label_en=acronym, aliases=(acronym, gloss), minted=True)
            minted.append(record)
        dropped += inside
        mentions.append(Mention(record.key, written, start, stop, sentence.index, None,
                                "ner" if record.minted else "gazetteer"))
    return mentions, minted, dropped


TREATY_SUFFIXES = ("条約", "協定", "合意", "議定書")
LIFECYCLE_VERBS = frozenset({"署名", "調印", "批准", "停止", "履行停止", "破棄", "離脱", "脱退", "締結", "延長",
                             "失効", "発効", "撤回"})
LIFECYCLE_FRAMES = frozenset({"効力", "履行", "運用", "適用"})  # 合意の効力を停止


def treaty_mentions(sentence: Sentence, gazetteer: Gazetteer, taken: list[Mention]
                    ) -> tuple[list[Mention], list[EntityRecord], list[Mention]]:
    """(mentions, minted Treaty records, mentions the new names swallow: places inside them)."""
    mentions: list[Mention] = []
    minted: list[EntityRecord] = []
    dropped: list[Mention] = []
    tokens = list(sentence.span)
    base = sentence.span.start
    for t in tokens:
        if t.pos_ not in ("NOUN", "PROPN") or not t.text.endswith(TREATY_SUFFIXES) or t.dep_ == "compound":
            continue
        verb = t.head.head if t.head.lemma_ in LIFECYCLE_FRAMES and t.dep_ == "nmod" else t.head
        if verb.lemma_ not in LIFECYCLE_VERBS or verb.i <= t.i:
            continue
        first = t.i - base
        while first > 0 and tokens[first - 1].head.i <= t.i and (
                tokens[first - 1].dep_ == "compound" and tokens[first - 1].pos_ in ("NOUN", "PROPN")
                or tokens[first - 1].dep_ in ("compound", "amod") and tokens[first - 1].pos_ == "ADJ"
                and tokens[first - 1].text.endswith("化")):  # 円滑化協定: GiNZA reads 円滑化 as an adjective
            first -= 1
        start = sentence.char(tokens[first].idx)
        stop = sentence.char(t.idx + len(t.text))
        name = _slice(sentence, start, stop)
        if len(name) <= len(next(x for x in TREATY_SUFFIXES if name.endswith(x))) or name.startswith(GENERIC_PREFIXES):
            continue  # bare 合意/条約 is coreference's; 同協定, 両合意 are anaphors
        inside = [m for m in taken if start <= m.start and m.end <= stop]
        if any(m.start < stop and start < m.end for m in taken if m not in inside):
            continue
        kinds = {getattr(gazetteer.entities.get(m.entity), "type", None) for m in inside}
        if inside and kinds != {"Place"}:
            continue  # a known name (円滑化協定), or states inside (日米…協定): left to the gazetteer
        record = gazetteer.lookup(name)
        if record is None:
            owner = _owner_state(start, sentence, taken, gazetteer) if first == t.i - base or len(name) <= 5 else None
            label = (gazetteer.entities[owner].label_ja + name) if owner else name
            record = EntityRecord(key=minted_key(label, "Treaty"), type="Treaty", label_ja=label, label_en="",
                                  minted=True)
            minted.append(record)
        dropped += inside
        mentions.append(Mention(record.key, name, start, stop, sentence.index, None,
                                "ner" if record.minted else "gazetteer"))
    return mentions, minted, dropped


def _owner_state(start: int, sentence: Sentence, taken: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The state written as ``Xの`` right before a minted name (``中国の董軍国防相`` → China)."""
    if sentence.text[start - sentence.offset - 1 : start - sentence.offset] != "の":
        return None
    for mention in taken:
        record = gazetteer.entities.get(mention.entity)
        if mention.end == start - 1 and record is not None and record.type == "Country":
            return record.key
    return None


def _kanji_name(tokens: list[Token], end: int, name: str, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """A kanji given name NER left out between a surname and a title: (full name, end token)."""
    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    full = name
    for j in range(end, min(end + 2, len(tokens))):
        text = normalise(tokens[j].text)
        if not (1 <= len(text) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in text)) or text in gazetteer.titles:
            return None
        full += text
        if len(full) <= 4 and _title_at(tokens, j + 1, gazetteer) is not None:
            return full, j + 1
    return None


def _short_name(tokens: list[Token], i: int, gazetteer: Gazetteer) -> tuple[int, EntityRecord, str] | None:
    """A surname followed by a title that ``short_names`` resolves (``林`` + ``外務大臣``)."""
    by_title = gazetteer.short_names.get(normalise(tokens[i].text))
    if not by_title or (i and tokens[i - 1].pos_ == "PROPN"):
        return None
    found = _title_at(tokens, i + 1, gazetteer)
    if found is None or found[1] not in by_title:
        return None
    return found[0], gazetteer.entities[by_title[found[1]]], found[1]


def _place_type(name: str, type_: str) -> str:
    """NER's type, corrected to ``Place`` for a "person" or "country" named like a place
    (``アユンギン礁``, ``遼寧省大連``) or written after a place description (``首都``)."""
    if type_ not in ("Person", "Country"):
        return type_
    if name.endswith(PLACE_ENDINGS) or name.startswith(PLACE_DESCRIPTIONS) or ADMIN_PREFIX.match(name):
        return "Place"
    return type_


def _place_mentions(name: str, start: int, stop: int, sentence: Sentence, gazetteer: Gazetteer,
                    minted: list[EntityRecord]) -> list[Mention] | None:
    """Mentions for a place name written with a description before it (``首都ハルツーム`` →
    ハルツーム), a part after it (``アフリカ北東部``, ``スカボロー礁周辺`` → the place) or an
    administrative unit inside it (``遼寧省大連`` → 遼寧省, 大連); None when none applies."""
    text = _slice(sentence, start, stop)
    changed = False
    for word in PLACE_DESCRIPTIONS:
        if normalise(text).startswith(word):
            text, start, changed = text[len(word):], start + len(word), True
    for word in sorted(PLACE_PARTS, key=len, reverse=True):
        if normalise(text).endswith(word):
            text, changed = text[: -len(word)], True
            break
    if len(text) < 2 or text in GENERIC_NAMES:
        return [] if changed else None  # 首都 alone is a description
    match = ADMIN_PREFIX.match(text)
    if match is not None and gazetteer.lookup(text) is None:
        first, second = match.group(1), match.group(2)
        return [_place(first, start, sentence, gazetteer, minted),
                _place(second, start + len(first), sentence, gazetteer, minted)]
    return [_place(text, start, sentence, gazetteer, minted)] if changed else None


def _place(text: str, start: int, sentence: Sentence, gazetteer: Gazetteer,
           minted: list[EntityRecord]) -> Mention:
    """A mention of a place name: the gazetteer's entity, else a minted Place."""
    record = gazetteer.lookup(text)
    if record is None:
        record = EntityRecord(key=minted_key(text, "Place"), type="Place", label_ja=normalise(text),
                              label_en="", minted=True)
        minted.append(record)
    via = "ner" if record.minted else "gazetteer"
    return Mention(record.key, text, start, start + len(text), sentence.index, None, via)


ORIGIN_SUFFIXES = ("製", "産")


# Endings of the names of states (``…共和国``, ``…王国``): a name NER found with one of these
# is a state's name even when the gazetteer lacks it (``ドネツク人民共和国``).
STATE_NAME_ENDINGS = ("共和国", "王国", "民国", "公国", "首長国", "合衆国", "帝国", "連邦")


def _class_of_states(name: str, type_: str, gazetteer: Gazetteer) -> bool:
    """Whether a "country" or place NER found is a common noun for a nationality or a kind of
    state rather than a state's name: ``…籍`` (``多国籍``, ``無国籍``, ``外国籍``) or an unknown
    ``…国`` that is not written like a state's name (``友好国``, ``核保有国``, ``中立国``)."""
    if type_ not in ("Country", "Place") or gazetteer.lookup(name) is not None:
        return False
    if name.endswith("籍"):
        return True
    return name.endswith("国") and not name.endswith(STATE_NAME_ENDINGS)


def _made_in(name: str, gazetteer: Gazetteer) -> bool:
    """A state or region with ``製``/``産`` in one token (``米国製``, ``中国製``, ``欧州産``): an origin."""
    return any(name.endswith(x) and len(name) > len(x) and gazetteer.lookup(name[: -len(x)]) is not None
               for x in ORIGIN_SUFFIXES)


def _state_with_suffix(name: str, gazetteer: Gazetteer) -> str | None:
    """The state of a name GiNZA wrote as one token with a suffix (``日本国内``, ``米国側``);
    never an organ (``韓国軍`` is the armed forces, minted as an organ)."""
    for suffix in STATE_SUFFIXES:
        if suffix in ORGANS:
            continue
        if name.endswith(suffix) and len(name) > len(suffix):
            record = gazetteer.lookup(name[: -len(suffix)])
            if record is not None and record.type == "Country":
                return record.key
    return None


def _organ_name(name: str, type_: str, gazetteer: Gazetteer) -> EntityRecord | None:
    """An organ GiNZA wrote as one token (``韓国軍``, ``ロシア国防省``): minted as
    ``kg.mentions`` mints organs, with its state as ``country``."""
    if type_ != "Organization":
        return None
    for organ in ORGANS:
        holder = gazetteer.lookup(name[: -len(organ)]) if name.endswith(organ) and len(name) > len(organ) else None
        if holder is not None and holder.type in ("Country", "Place"):
            return organ_record(holder, organ)
    return None
