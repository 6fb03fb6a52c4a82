"""One block of page text, and the tests that say what kind of block it is."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.model import ParagraphKind

# Section words that end an article for good: what follows is the site, not the story.
HARD_MARKERS: tuple[str, ...] = (
    "オススメ", "おすすめ", "お勧め", "お薦め", "ランキング", "話題の記事", "人気記事",
    "人気の記事", "注目記事", "よく読まれ", "最新記事", "新着記事", "magazine", "メールマガジン",
    "メルマガ", "定期購読", "バックナンバー", "好評発売", "発売中", "recommended", "most read",
    "most popular", "popular", "trending", "newsletter", "sign up", "subscribe",
)
# Section words of boxes that sit inside an article; the article may go on after them.
SOFT_MARKERS: tuple[str, ...] = (
    "関連記事", "関連ニュース", "関連リンク", "関連情報", "あわせて読みたい", "合わせて読みたい",
    "こちらもおすすめ", "次の記事", "前の記事", "もっと見る", "続きを読む", "広告", "pr",
    "スポンサー", "シェア", "ツイート", "ブックマーク", "related", "read more", "read next",
    "advertisement", "sponsored", "share",
)
MARKER_MAX_LEN = 40
SENTENCE_END = "。．.!?！？」』\"”"

_COPYRIGHT = re.compile(
    r"^\s*(?:copyright|©|\(c\))|all rights reserved|無断(?:転載|転用|複製|使用)|著作権は.*帰属",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"撮影\s*[)）]?\s*$"
    r"|[(（][^()（）]*(?:\d{4}年|/|撮影|via|photo|REUTERS|Getty|ゲッティ|提供)"
    r"[^()（）]*[)）]\s*$"
    r"|^\s*(?:写真|画像|図|グラフ|表)\s*(?:[:：]|は)"
    r"|(?:写真|画像)(?:提供)?\s*[:：][^。]*$"
    r"|[=＝][^=＝。]{0,30}[(（][^()（）]+[)）]\s*$",  # …=3日、ソウル(共同)
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^\s*(?:[<＜〈《【\[［]\s*[^<>＜＞〈〉《》【】\[\]［］]{1,40}\s*[>＞〉》】\]］]"
    r"|[■◆◇●○▼▽□▶►◎]\s*\S.{0,40})\s*$"
)
_NUMBERED_ITEM = re.compile(r"^\s*[•・·\-*●]?\s*(\d{1,2})\s*(?:[.．)）位]|\s|$)")


@dataclass(frozen=True)
class Block:
    """One line of saved page text, or one block-level element of an HTML page.

    ``kind`` is what markup says the block is (``figcaption`` → caption, ``h2`` →
    heading); ``link`` is true when the block is mostly link text.
    """

    text: str
    kind: ParagraphKind | None = None
    link: bool = False


def fold(text: str) -> str:
    """NFKC, stripped and lower-cased: the form markers and titles are compared in."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def is_copyright(text: str) -> bool:
    """A copyright or reprint-prohibition footer."""
    return len(text) <= 200 and bool(_COPYRIGHT.search(unicodedata.normalize("NFKC", text)))


def marker(text: str) -> str | None:
    """``"hard"`` or ``"soft"`` when the block is a short section label of page furniture."""
    folded = fold(text)
    if len(folded) > MARKER_MAX_LEN or folded.endswith("。"):
        return None
    words = re.findall(r"[a-z]+", folded)
    short_latin = len(folded.split()) <= 4  # a Latin label, not an English headline
    for kind, table in (("hard", HARD_MARKERS), ("soft", SOFT_MARKERS)):
        for word in table:
            # Latin words must stand alone ("pr" is not in "press"); Japanese words may be parts.
            if word.isascii():
                if short_latin and (word in words or " " in word and word in folded):
                    return kind
            elif word in folded:
                return kind
    return None


def is_sentence(text: str) -> bool:
    """Running text: a Japanese sentence, or a longer line in another language ending in a stop."""
    text = text.strip()
    if "。" in text and len(text) >= 10:
        return True
    return len(text) >= 20 and text[-1] in SENTENCE_END and not is_heading(text)


def is_caption(text: str) -> bool:
    """A photo caption, e.g. one ending in ``…撮影(2021年 ロイター/…)``."""
    return bool(_CAPTION.search(text))


def is_heading(text: str) -> bool:
    """An in-article subheading such as ``<戦略的安定に向け対話>`` or ``■対話の枠組み``."""
    return "。" not in text and bool(_HEADING.match(text))


def numbered_run(blocks: list[Block], i: int) -> bool:
    """Whether a numbered list (a ranking) 1, 2, 3 … of non-sentences starts at block ``i``."""
    first = _NUMBERED_ITEM.match(blocks[i].text)
    if not first or first.group(1) != "1":
        return False
    expected = 2
    for block in blocks[i + 1: i + 12]:
        item = _NUMBERED_ITEM.match(block.text)
        if item and int(item.group(1)) == expected:
            expected += 1
            if expected > 3:
                return True
        elif is_sentence(block.text) and not block.link:
            return False
    return False
