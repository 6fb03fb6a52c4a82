"""Short forms of names written in full earlier in the article: surnames with a title
(``王毅外相 … 王氏``, a minted ``頼徳明外交部長 … 頼氏``) and bare organs (``ロシア外務省 …
外務省``). Used by ``kg.coref``; the rules are listed in its module docstring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kg.gazetteer import Gazetteer, normalise
from kg.mentions import ORGANS
from kg.model import EntityRecord, Mention

PERSON_TITLES = ("氏", "首脳", "大統領", "首相", "外相", "国防相", "長官", "代表", "国務長官")


def _is_kanji(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" or c in "々" for c in text)


def _named_earlier(name: str, history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> str | None:
    """The person written in full earlier whose name this surname begins (``林`` → 林芳正)
    or, for a name written with a middle dot, ends (``ウメロフ`` → ルステム・ウメロフ)."""
    for mention in reversed(history):
        record = records.get(mention.entity)
        if record is None or record.type != "Person":
            continue
        for full in (record.label_ja, normalise(mention.text)):
            if len(full) > len(name) and (
                    _is_kanji(name) and full.startswith(name) or full.endswith("・" + name)):
                return mention.entity
    return None


def surname(tokens, i: int, context: Sequence[Mention], records: Mapping[str, EntityRecord],
             gazetteer: Gazetteer) -> tuple[str, int, str] | None:
    """A bare surname with a title after a full first mention: ``王毅外相 … 王氏`` → Wang Yi.

    Returns:
        (entity key, end token, title) or None.
    """
    text = normalise(tokens[i].text)
    if i and tokens[i - 1].pos_ == "PROPN":
        return None
    for title in PERSON_TITLES:  # one token: 頼氏
        name = text[: -len(title)]
        if text.endswith(title) and 1 <= len(name) <= 3 and _is_kanji(name):
            key = _named_earlier(name, context, records)
            return (key, i + 1, title) if key else None
    if not 1 <= len(text) <= 3 or not _is_kanji(text):
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


def same_organ(mention: Mention, history: Sequence[Mention], records: Mapping[str, EntityRecord]) -> Mention:
    """An organisation minted from a bare organ word (``外務省``) that names one written in full
    earlier (``ロシア外務省``)."""
    record = records.get(mention.entity)
    if record is None or not record.minted or record.type != "Organization" or record.label_ja not in ORGANS:
        return mention
    for earlier in reversed(history):
        known = records.get(earlier.entity)
        if known is not None and known.type == "Organization" and known.key != record.key \
                and known.label_ja.endswith(record.label_ja):
            return Mention(known.key, mention.text, mention.start, mention.end, mention.sentence, None, "coref")
    return mention
