"""In-article coreference: anaphors (同氏, 両首脳, 両国, bare titles, 〜政権) → earlier entities.

Rules (decisions), applied in text order over the mentions found so far:

* ``同氏``/``同大統領``/``同首相`` … → the last person mentioned (with that title, if the
  anaphor carries one other than ``氏``); ``同国`` → the last state; ``同条約`` → the last
  treaty; ``同機構``/``同組織`` → the last organisation.
* ``両氏``/``両首脳``/``両大統領``/``両外相`` … → the two persons written just before it in
  the same phrase (``プーチン、バイデン両氏``), else the last two distinct persons.
* ``両国``/``両政府``/``両国政府`` → the first two distinct states of the most recent
  sentence naming two, persons' states first (a person counts as their state, so after a
  Biden–Putin meeting ``両国`` is the US and Russia, even when a later sentence names a
  third state). A group written with abbreviations (``日米両政府``) is already resolved by
  ``kg.mentions``. ``両氏``/``両外相`` take persons the same way (with that title when one
  is written: never two persons of another title); ``両勢力``/``両軍`` two organisations.
* ``双方`` (``双方は``, ``双方が``) → every person of the most recent sentence naming two or
  more (the talks' participants), else its states or organisations.
* A bare title (``大統領は``, ``米大統領が``) → the last person written with that title (and
  of that state when an abbreviation is prefixed).
* ``3カ国`` (any number of states) → the last that many distinct states, unless the states
  are written right before it (``英国、フランス、ドイツの3カ国``).
* A bare ``条約``/``協定`` (``条約は``, ``条約から離脱``) → the last treaty mentioned.
* A bare organ (``外務省は``, ``警察は``, ``軍が``) → the last organisation of that kind
  written in full (``ロシア外務省``, ``香港警察``); else Japan's for an organ Japan has, in a
  Japanese report (``外務省幹部は``); else the organ of the state whose organ was written
  last, else of the last state (``kg.shortforms.organ_of``; minted organs are appended to
  ``minted``).
* ``同`` + an organisation noun (``同戦区``, ``同党``) → the last organisation ending so.
* A minted organisation written again by its minted name (``RSF＝即応支援部隊 … RSFは``).
* A bare ``政府`` (no state written before it) in a Japanese report is Japan.
* A bare surname with a title after a full first mention (``王毅外相 … 王氏``, ``林芳正外相 …
  林氏``, a minted ``蔡英文総統 … 蔡氏``) → that person; a katakana surname matches the
  part after the last ``・`` (``ルステム・ウメロフ … ウメロフ氏``).
* ``{person}政権`` (``トランプ政権``, ``バイデン政権``, also ``トランプ次期政権``, ``前政権``) → the person's state: an
  administration acts for the state (sanctions, withdrawals), so the mention is rewritten
  to the state with ``title="政権"`` and ``via="coref"``.
"""

from __future__ import annotations

import re
from functools import partial
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer, normalise
from kg.mentions import ORGAN_FOLLOWERS, ORGANS
from kg.shortforms import organ_of, same_organ, same_person, surname
from kg.model import EntityRecord, Mention

if TYPE_CHECKING:
    from kg.parse import Sentence

SAME = "同"
BOTH = "両"
SIDES = "双方"
SAME_NOUNS = {"国": "Country", "条約": "Treaty", "機構": "Organization", "組織": "Organization"}
BOTH_PERSON_NOUNS = ("氏", "首脳", "大統領", "首相", "外相", "国防相", "長官", "代表", "国務長官")
BOTH_STATE_NOUNS = ("国", "政府", "国政府", "国首脳")
BOTH_BODY_NOUNS = ("勢力", "陣営", "当事者", "軍", "組織")  # 両勢力, 両軍: the two parties of a conflict
ADMINISTRATION = ("政権",)
ADMINISTRATION_PREFIXES = ("次期", "前", "現", "新", "旧")
GOVERNMENT, HOME_STATE = "政府", "japan"
BARE_TREATIES = frozenset({"条約", "協定"})
COUNTERS = frozenset({"カ国", "か国", "ヵ国", "ケ国"})
COUNTED_STATES = re.compile(r"^([0-9０-９一二三四五六七八九十]+)(?:カ国|か国|ヵ国|ケ国)$")
# ``4閣僚``, ``3首脳``, ``3外相``: the last that many people written (the meeting's members).
PERSON_COUNTERS = frozenset({"閣僚", "首脳", "外相", "国防相", "氏"})
COUNTED_PERSONS = re.compile(r"^([0-9０-９二三四五六七八九十]+)(?:閣僚|首脳|外相|国防相|氏)$")
FOLLOWING_PARTICLES = frozenset({"は", "が", "も", "に", "と", "の", "を", "で", "へ", "、"})


def _state_of(key: str, records: Mapping[str, EntityRecord]) -> str | None:
    record = records.get(key)
    if record is None:
        return None
    if record.type == "Country":
        return key
    return record.country


def _last(history: Sequence[Mention], records: Mapping[str, EntityRecord], type_: str,
          title: str | None = None, state: str | None = None) -> Mention | None:
    for mention in reversed(history):
        record = records.get(mention.entity)
        if record is None or record.type != type_:
            continue
        if title and mention.title != title and not (mention.title or "").endswith(title):
            continue
        if state and record.country != state:
            continue
        return mention
    return None


def _last_two(history: Sequence[Mention], pick) -> list[str]:
    keys: list[str] = []
    for mention in reversed(history):
        key = pick(mention)
        if key and key not in keys:
            keys.append(key)
        if len(keys) == 2:
            break
    return keys[::-1] if len(keys) == 2 else []


def _recent_pair(history: Sequence[Mention], pick, records: Mapping[str, EntityRecord]) -> list[str]:
    """The pair ``両国``/``両氏``/``両外相`` stands for: the first two distinct keys of the most
    recent sentence that names two (``岸田首相は…バイデン大統領と会談した。中国の…に懸念。
    両国は`` → Japan, US: the talks' sentence, not the last two states written), persons'
    keys before others (``ウクライナ情勢を巡り、岸田首相はバイデン大統領と…`` → Japan, US);
    else the last two distinct keys."""
    sentences: dict[int, list[Mention]] = {}
    for mention in history:
        sentences.setdefault(mention.sentence, []).append(mention)
    for index in sorted(sentences, reverse=True):
        written = sorted(sentences[index], key=lambda m: m.start)
        persons = [m for m in written if records.get(m.entity) and records[m.entity].type == "Person"]
        for group in (persons, written):
            keys = list(dict.fromkeys(k for k in map(pick, group) if k))
            if len(keys) >= 2:
                return keys[:2]
    return _last_two(history, pick)


def _recent_sides(history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> list[str]:
    """``双方`` (both sides): every person of the most recent sentence naming two or more
    (``AとBは…Cと会談した。双方は…一致した`` → A, B, C), else its states or organisations."""
    sentences: dict[int, list[Mention]] = {}
    for mention in history:
        sentences.setdefault(mention.sentence, []).append(mention)
    for index in sorted(sentences, reverse=True):
        written = sorted(sentences[index], key=lambda m: m.start)
        for types in (("Person",), ("Country", "Organization", "Group")):
            keys = list(dict.fromkeys(m.entity for m in written
                                      if records.get(m.entity) and records[m.entity].type in types))
            if len(keys) >= 2:
                return keys
    return []


def _person_key(mention: Mention, records: Mapping[str, EntityRecord]) -> str | None:
    record = records.get(mention.entity)
    return mention.entity if record is not None and record.type == "Person" else None


def _last_n(history: Sequence[Mention], pick, n: int) -> list[str]:
    keys: list[str] = []
    for mention in reversed(history):
        key = pick(mention)
        if key and key not in keys:
            keys.append(key)
        if len(keys) == n:
            return keys[::-1]
    return []


COORDINATION = frozenset({"、", "と", "や", "・", "及び", "および", ","})


def _coordinated(history: Sequence[Mention], pick, n: int, texts) -> list[str]:
    """The last ``n`` states written as one coordination (``英国、フランス、ドイツ``), else
    the last ``n`` distinct states."""
    states = [m for m in history if pick(m)]
    for end in range(len(states), n - 1, -1):
        run = states[end - n : end]
        ok = True
        for a, b in zip(run, run[1:]):
            offset, text = texts.get(a.sentence, (0, ""))
            gap = text[a.end - offset : b.start - offset] if a.sentence == b.sentence else "x"
            ok = ok and gap in COORDINATION
        if ok and len({pick(m) for m in run}) == n:
            return [pick(m) for m in run]
    return _last_n(history, pick, n)


def _number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(text) if text.isdigit() else "〇一二三四五六七八九".find(text) if len(text) == 1 else 0


def _anaphor(text: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """Classify a token text: ("same-person", title) … or None."""
    if text.startswith(SAME) and len(text) > 1:
        rest = text[1:]
        if rest in SAME_NOUNS:
            return ("same", SAME_NOUNS[rest])
        if rest == "氏" or rest in gazetteer.titles:
            return ("same-person", rest)
    if text.startswith(BOTH) and len(text) > 1:
        rest = text[1:]
        if rest in BOTH_STATE_NOUNS:
            return ("both-states", rest)
        if rest in BOTH_BODY_NOUNS:
            return ("both-bodies", rest)
        if rest in BOTH_PERSON_NOUNS or rest in gazetteer.titles:
            return ("both-persons", rest)
    return None


def resolve(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    minted: Sequence[EntityRecord] = (),
) -> list[Mention]:
    """Add coreference and group mentions to an article's mentions.

    Args:
        sentences: the article's parsed sentences, in order.
        mentions: the gazetteer/NER mentions of those sentences.
        gazetteer: for entity types, states and titles.
        minted: entities minted for NER names (for their types); when it is a list, the
            organs minted here for bare organ words (``軍`` → スーダン軍) are appended to it.

    Returns:
        All mentions, sorted by position: the input ones (``〜政権`` rewritten to the
        state) plus ``via="coref"``/``via="group"`` ones.
    """
    records: dict[str, EntityRecord] = {**gazetteer.entities, **{r.key: r for r in minted}}
    new_records: list[EntityRecord] = minted if isinstance(minted, list) else []  # organs minted here join
    names = _minted_names(minted)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    history: list[Mention] = []
    texts = {sentence.index: (sentence.offset, sentence.text) for sentence in sentences}
    for sentence in sentences:
        own = sorted(by_sentence.get(sentence.index, []), key=lambda m: m.start)
        tokens = list(sentence.span)
        added: list[Mention] = []
        for i, token in enumerate(tokens):
            start = sentence.char(token.idx)
            end = start + len(token.text)
            if any(m.start <= start < m.end for m in own) or any(m.start <= start < m.end for m in added):
                continue  # also the counter of 3外相, taken with its number
            text = normalise(token.text)
            nxt = normalise(tokens[i + 1].text) if i + 1 < len(tokens) else ""
            if text in (SAME, BOTH) and nxt:
                text, end = text + nxt, sentence.char(tokens[i + 1].idx) + len(tokens[i + 1].text)
            elif text + nxt in ORGANS and text not in ORGANS and i + 1 < len(tokens):  # 国営|通信によると
                text, end = text + nxt, sentence.char(tokens[i + 1].idx) + len(tokens[i + 1].text)
                nxt = normalise(tokens[i + 2].text) if i + 2 < len(tokens) else ""
            before = [m for m in own if m.end <= start] + added
            context = history + before
            kind = _anaphor(text, gazetteer)
            surface = sentence.text[start - sentence.offset : end - sentence.offset]
            keys: list[str] = []
            via = "coref"
            if text == SIDES and nxt in FOLLOWING_PARTICLES:
                keys, via = _recent_sides(context, records), "group"
            elif kind and kind[0] == "same":
                hit = _last(context, records, kind[1])
                keys = [hit.entity] if hit else []
            elif kind is None and text.startswith(SAME) and 2 <= len(text) <= 5:
                hit = _same_kind(text[1:], context, records)  # 同戦区, 同党, 同省 → that organisation
                keys = [hit] if hit else []
                kind = ("same", "Organization") if hit else None
            elif kind and kind[0] == "same-person":
                title = None if kind[1] == "氏" else kind[1]
                hit = _last(context, records, "Person", title) or _last(context, records, "Person")
                keys = [hit.entity] if hit else []
            elif kind and kind[0] == "both-persons":
                via = "group"
                near = [m for m in own if m.end <= start and start - m.end <= 12
                        and records.get(m.entity, None) and records[m.entity].type == "Person"]
                if len({m.entity for m in near}) >= 2:
                    continue  # the persons are written right there
                titled = kind[1] if kind[1] not in ("氏", "首脳") else None
                keys = _recent_pair(context, lambda m: m.entity if records.get(m.entity) and records[m.entity].type == "Person"
                                    and (titled is None or (m.title or "").endswith(titled)) else None, records)
                if not keys and titled:  # 両外相 with one foreign minister known: that one, not two others
                    hit = _last(context, records, "Person", titled)
                    keys = [hit.entity] if hit else []
                keys = keys or _recent_pair(context, lambda m: m.entity if records.get(m.entity)
                                            and records[m.entity].type == "Person" else None, records)
            elif kind and kind[0] == "both-bodies":
                via = "group"  # 両勢力に対し after RSFの拠点に対して軍が空爆: those two
                keys = _recent_pair(context, lambda m: m.entity if records.get(m.entity)
                                    and records[m.entity].type in ("Organization", "Group") else None, records)
            elif kind and kind[0] == "both-states":
                via = "group"
                if any(m.via == "group" and 0 <= start - m.end <= 1 for m in own):
                    continue  # 日米両政府: the abbreviations already name the states
                keys = _recent_pair(context, lambda m: _state_of(m.entity, records), records)
            elif nxt in FOLLOWING_PARTICLES and (text in gazetteer.titles or (
                    text[:1] in gazetteer.abbreviations and text[1:] in gazetteer.titles)) and text != "氏":
                if i and tokens[i - 1].pos_ in ("NOUN", "PROPN") and normalise(tokens[i - 1].text) not in ("、",):
                    continue  # part of a compound (ロシア大統領府, 副首相)
                state = gazetteer.abbreviations.get(text[:1]) if text[1:] in gazetteer.titles else None
                title = text[1:] if state else text
                hit = _last(context, records, "Person", title, state)
                keys = [hit.entity] if hit else []
            if text == GOVERNMENT and nxt in FOLLOWING_PARTICLES and HOME_STATE in records and (
                    i == 0 or tokens[i - 1].pos_ in ("PUNCT", "ADP", "SCONJ", "CCONJ")):
                added.append(Mention(HOME_STATE, surface, start, end, sentence.index, None, "coref"))
                continue  # bare 政府 in a Japanese report: the Japanese government
            count = COUNTED_STATES.match(text + (nxt if nxt in COUNTERS else ""))
            if count and not any(_state_of(m.entity, records) for m in own if 0 <= start - m.end <= 8):
                n = _number(count.group(1))  # 3カ国は… after 英国、フランス、ドイツは…: those states
                keys = _coordinated(context, lambda m: _state_of(m.entity, records), n, texts) if n >= 2 else []
                stop = end if nxt not in COUNTERS else sentence.char(tokens[i + 1].idx) + len(tokens[i + 1].text)
                written = sentence.text[start - sentence.offset : stop - sentence.offset]
                for key in keys:
                    added.append(Mention(key, written, start, stop, sentence.index, None, "group"))
                if keys:
                    continue
            people = COUNTED_PERSONS.match(text + nxt) if nxt in PERSON_COUNTERS else None
            if people and i + 2 < len(tokens) and normalise(tokens[i + 2].text) in FOLLOWING_PARTICLES:
                n = _number(people.group(1))  # 4閣僚は… after the four ministers were named
                keys = _last_n(context, partial(_person_key, records=records), n) if n >= 2 else []
                if len(keys) == n:
                    stop = sentence.char(tokens[i + 1].idx) + len(tokens[i + 1].text)
                    written = sentence.text[start - sentence.offset : stop - sentence.offset]
                    added += [Mention(key, written, start, stop, sentence.index, None, "group") for key in keys]
                    continue
            if text in BARE_TREATIES and (nxt in FOLLOWING_PARTICLES or nxt.startswith("から")) and (
                    i == 0 or tokens[i - 1].pos_ in ("PUNCT", "ADP", "SCONJ", "CCONJ", "NUM")):
                hit = _last(context, records, "Treaty")
                if hit is not None:  # 条約は…, 条約から離脱: the treaty the report is about
                    added.append(Mention(hit.entity, surface, start, end, sentence.index, None, "coref"))
                    continue
            if text in ORGANS and (nxt in FOLLOWING_PARTICLES or nxt in ORGAN_FOLLOWERS) and (
                    i == 0 or tokens[i - 1].pos_ in ("PUNCT", "ADP", "SCONJ", "CCONJ")):
                organ = organ_of(text, context, records, gazetteer, new_records)
                if organ is not None:  # 外務省は… after ロシア外務省: the same ministry
                    records.setdefault(organ.key, organ)
                    added.append(Mention(organ.key, surface, start, end, sentence.index, None, "coref"))
                    continue
            again = _written_again(text, names, context)
            if again is not None and not kind and not keys:  # RSF＝即応支援部隊 … RSFは: NER missed it
                added.append(Mention(again, surface, start, end, sentence.index, None, "coref"))
                continue
            if not kind and not keys:
                bare = surname(tokens, i, context, records, gazetteer)
                if bare is not None:
                    key, stop, title = bare
                    end = sentence.char(tokens[stop - 1].idx) + len(tokens[stop - 1].text)
                    surface = sentence.text[start - sentence.offset : end - sentence.offset]
                    added.append(Mention(key, surface, start, end, sentence.index, title, "coref"))
                    continue
            for key in keys:
                added.append(Mention(key, surface, start, end, sentence.index, kind[1] if kind and kind[0] == "same-person" else None, via))
        own = [same_organ(same_person(m, history, records), history + [o for o in own if o.end <= m.start], records,
                          gazetteer, new_records) for m in own]
        for record in new_records:
            records.setdefault(record.key, record)
        rewritten = [_administration(m, sentence, records) for m in own]
        history.extend(sorted(rewritten + added, key=lambda m: m.start))
    return sorted(history, key=lambda m: (m.start, m.end, m.entity))


def _same_kind(noun: str, context: Sequence[Mention], records: Mapping[str, EntityRecord]) -> str | None:
    """``同戦区``, ``同党``, ``同省``: the last organisation whose name ends with the noun
    (``南部戦区``, ``自民党``, ``ロシア国防省``)."""
    for mention in reversed(context):
        record = records.get(mention.entity)
        if record is not None and record.type in ("Organization", "Group") and len(record.label_ja) > len(noun) \
                and normalise(record.label_ja).endswith(noun):
            return record.key
    return None


def _minted_names(minted: Sequence[EntityRecord]) -> dict[str, str]:
    """Names (label and aliases, two characters or more) of minted organisations and groups."""
    return {normalise(name): r.key for r in minted if r.type in ("Organization", "Group")
            for name in (r.label_ja, *r.aliases) if len(normalise(name)) >= 2}


def _written_again(text: str, names: Mapping[str, str], context: Sequence[Mention]) -> str | None:
    """A minted organisation or group written again as one token by a name it was minted
    with (``RSF＝即応支援部隊 … RSFは``): GiNZA's NER does not find every occurrence."""
    key = names.get(text)
    return key if key is not None and any(m.entity == key for m in context) else None


def _administration(mention: Mention, sentence: Sentence, records: Mapping[str, EntityRecord]) -> Mention:
    """``トランプ政権`` → the state of the person, as a coref mention titled ``政権``."""
    record = records.get(mention.entity)
    if record is None or record.type != "Person" or not record.country:
        return mention
    rest = sentence.text[mention.end - sentence.offset :]
    for word in ADMINISTRATION:
        lead = next((p for p in ADMINISTRATION_PREFIXES if rest.startswith(p + word)), "")
        if rest.startswith(lead + word):  # トランプ政権, トランプ次期政権, バイデン前政権
            end = mention.end + len(lead) + len(word)
            text = sentence.text[mention.start - sentence.offset : end - sentence.offset]
            return Mention(record.country, text, mention.start, end, mention.sentence, word, "coref")
    return mention

