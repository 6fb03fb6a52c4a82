"""Short forms of names written in full earlier in the article: surnames with a title
(``王毅外相 … 王氏``, a minted ``頼徳明外交部長 … 頼氏``) and bare organs (``ロシア外務省 …
外務省``). Used by ``kg.coref``; the rules are listed in its module docstring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.gazetteer import Gazetteer, normalise
from kg.mentions import ORGANS, organ_record
from kg.model import EntityRecord, Mention

PERSON_TITLES = ("氏", "首脳", "大統領", "首相", "外相", "国防相", "長官", "代表", "国務長官")


_KANJI = re.compile("[\u4e00-\u9fff々]+")
_KATAKANA = re.compile("[\u30a1-\u30faー]+")


def _is_kanji(text: str) -> bool:
    return _KANJI.fullmatch(text) is not None


def _is_katakana(text: str) -> bool:
    return _KATAKANA.fullmatch(text) is not None


def _named_earlier(name: str, history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> str | None:
    """The person written in full earlier whose name this surname begins (``林`` → 林芳正)
    or, for a name written with a middle dot, ends (``ウメロフ`` → ルステム・ウメロフ) or, for
    an East Asian name in katakana (family name first), begins (``イ`` → イ・ジェミョン)."""
    for mention in reversed(history):
        record = records.get(mention.entity)
        if record is None or record.type != "Person":
            continue
        for full in (record.label_ja, normalise(mention.text)):
            if len(full) > len(name) and (
                    _is_kanji(name) and full.startswith(name) or full.endswith("・" + name)
                    or _is_katakana(name) and full.startswith(name + "・")):
                return mention.entity
    return None


_TITLE_ENDS = frozenset(title[-1] for title in PERSON_TITLES)


def _surname_shaped(text: str) -> bool:
    """A bare surname written alone: 1-3 kanji (``林``) or up to 8 katakana (``ウメロフ``)."""
    return 1 <= len(text) <= 3 and _is_kanji(text) or 1 <= len(text) <= 8 and _is_katakana(text)


def surname(tokens, i: int, context: Sequence[Mention], records: Mapping[str, EntityRecord],
             gazetteer: Gazetteer) -> tuple[str, int, str] | None:
    """A bare surname with a title after a full first mention: ``王毅外相 … 王氏`` → Wang Yi.

    Returns:
        (entity key, end token, title) or None.
    """
    text = normalise(tokens[i].text)
    if text[-1:] not in _TITLE_ENDS and not _surname_shaped(text):
        return None  # neither branch below can match (most tokens: checked first, cheaply)
    if i and tokens[i - 1].pos_ == "PROPN":
        return None
    for title in PERSON_TITLES:  # one token: 頼氏
        if not text.endswith(title):
            continue
        name = text[: -len(title)]
        if 1 <= len(name) <= 3 and _is_kanji(name):
            key = _named_earlier(name, context, records)
            return (key, i + 1, title) if key else None
    if not _surname_shaped(text):
        return None
    title, stop = "", i + 1
    for j in range(i + 1, min(i + 4, len(tokens))):
        title += normalise(tokens[j].text)
        if title in gazetteer.titles:
            stop = j + 1
            break
    else:
        return None
    title = "".join(normalise(t.text) for t in tokens[i + 1 : stop])
    key = _named_earlier(text, context, records)
    return (key, stop, title) if key else None


def same_person(mention: Mention, history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> Mention:
    """A person minted from a bare surname (``蔡``) that names one written in full earlier."""
    record = records.get(mention.entity)
    if record is None or not record.minted or record.type != "Person":
        return mention
    key = _named_earlier(record.label_ja, history, records)
    if key is None or key == mention.entity:
        return mention
    return Mention(key, mention.text, mention.start, mention.end, mention.sentence, mention.title, "coref")


def same_organ(mention: Mention, history: Sequence[Mention], records: Mapping[str, EntityRecord],
               gazetteer: Gazetteer | None = None, minted: list[EntityRecord] | None = None) -> Mention:
    """An organisation minted from a bare organ word (``外務省``, ``国防省``) resolved by
    ``organ_of``: the one written in full earlier (``ロシア外務省``), else the home or the
    last state's organ."""
    record = records.get(mention.entity)
    if record is None or not record.minted or record.type != "Organization" or record.label_ja not in ORGANS:
        return mention
    found = organ_of(record.label_ja, history, records, gazetteer, minted) if gazetteer is not None else \
        _written_organ(record.label_ja, record.key, history, records)
    if found is None or found.key == record.key:
        return mention
    return Mention(found.key, mention.text, mention.start, mention.end, mention.sentence, None, "coref")


# Organs a Japanese report writes bare for Japan's own (``外務省幹部は``, ``防衛省によると``);
# an organ Japan does not have (``国防省``, ``軍``, ``外交部``) is the last state's.
HOME_ORGANS = frozenset({"外務省", "防衛省", "財務省", "法務省", "経済産業省", "警察庁", "首相官邸", "国会", "海上保安庁"})
HOME_STATE = "japan"


def _written_organ(organ: str, own_key: str | None, history: Sequence[Mention],
                   records: Mapping[str, EntityRecord]) -> EntityRecord | None:
    """The last organisation written in full whose name ends with ``organ`` (``ロシア外務省``)."""
    for earlier in reversed(history):
        known = records.get(earlier.entity)
        if known is not None and known.type == "Organization" and known.key != own_key \
                and known.label_ja.endswith(organ) and known.label_ja != organ:
            return known
    return None


def _last_state(history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> EntityRecord | None:
    """The state whose organs the report is about: the state of the last organ written
    (``ロシア軍 … 国防省`` → Russia, even after ``ウクライナ東部を攻撃``), else the last state."""
    for types in (("Organization",), ("Country",)):
        for earlier in reversed(history):
            record = records.get(earlier.entity)
            if record is None or record.type not in types:
                continue
            if record.type == "Country":
                return record
            if record.country in records and records[record.country].type == "Country" and \
                    record.label_ja.startswith(records[record.country].label_ja):
                return records[record.country]
    return None


def organ_of(organ: str, history: Sequence[Mention], records: Mapping[str, EntityRecord],
             gazetteer: Gazetteer, minted: list[EntityRecord] | None = None) -> EntityRecord | None:
    """The organisation a bare organ word (``外務省``, ``軍``, ``国防省``) stands for.

    In order: the last organisation of that kind written in full (``ロシア外務省 … 外務省``);
    for an organ Japan has (``HOME_ORGANS``), in a report with Japan known, Japan's
    (``外務省幹部は`` in a Japanese report); else the organ of the state whose organ was
    written last (``ロシア軍は…ウクライナ東部を攻撃。国防省によると`` → ロシア国防省), else of
    the last state written (``スーダンで続く、軍と…`` → スーダン軍).
    A record the gazetteer lacks is minted (as ``kg.mentions`` mints ``韓国外務省``) and
    appended to ``minted``.
    """
    written = _written_organ(organ, None, history, records)
    if written is not None:
        return written
    if organ in HOME_ORGANS and HOME_STATE in records:
        state: EntityRecord | None = records[HOME_STATE]
    else:
        state = _last_state(history, records)
    if state is None:
        return None
    known = gazetteer.lookup(state.label_ja + organ)
    if known is not None:
        return known
    record = organ_record(state, organ)
    if minted is not None and all(r.key != record.key for r in minted):
        minted.append(record)
    return record
