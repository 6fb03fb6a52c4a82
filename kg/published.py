"""Parse publication dates and times, wire datelines and agency credit lines."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

from kg.model import Dateline

JST = timezone(timedelta(hours=9), "JST")

# Agencies a Japanese report credits, longest first so ``AFP=時事`` wins over ``AFP``.
AGENCIES: tuple[str, ...] = (
    "トムソンロイター", "ロイター", "Reuters", "REUTERS", "AFP=時事", "AFP時事", "AFP", "AP",
    "共同通信", "共同", "時事通信", "時事", "ブルームバーグ", "Bloomberg", "新華社", "聯合ニュース",
    "聯合", "タス", "TASS", "dpa", "EFE", "CNN", "BBC", "NHK",
)
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

# (木), （土・祝）, or written bare: 土曜, 土曜日 (TV-news pages)
_WEEKDAY = r"(?:\s*[(（][月火水木金土日祝・]{1,3}[)）]|\s+[月火水木金土日]曜日?)?"
_JA_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _WEEKDAY
    + r"(?:\s*(?P<ampm>午前|午後)?\s*(?P<H>\d{1,2})\s*[時:：]\s*(?P<M>\d{1,2})\s*分?)?"
)
_NUM_DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<d>\d{1,2})(?!\d)"
    + _WEEKDAY
    + r"(?:[\sT]*(?P<ampm>午前|午後)?\s*(?P<H>\d{1,2})\s*[:：時]\s*(?P<M>\d{2})\s*分?"
    r"(?::\d{2})?)?"
)
# What may stand beside a date on a line that is only a date: "更新", "配信", "公開", a zone,
# and an agency credit, bare or bracketed ("2025年6月13日 07時15分 (共同通信)", "ロイター配信").
# Outlets that sign their own date lines ("毎日新聞 2024/10/15 11:28").
OUTLETS: tuple[str, ...] = (
    "朝日新聞", "毎日新聞", "読売新聞", "日本経済新聞", "日経", "産経新聞", "産経", "東京新聞", "中日新聞",
    "北海道新聞", "西日本新聞", "神戸新聞", "京都新聞", "沖縄タイムス", "琉球新報", "時事ドットコム",
    "NHK", "TBS", "テレビ朝日", "日本テレビ", "フジテレビ", "テレビ東京", "FNN", "ANN", "JNN", "NNN", "TBS NEWS DIG",
)
_OUTLET_ALT = "|".join(re.escape(o) for o in sorted(OUTLETS + AGENCIES, key=len, reverse=True))
_DATE_LINE_CREDIT = re.compile(
    r"[(\[【]?\s*(?:" + _OUTLET_ALT + r")(?:通信社|通信|社)?(?:配信)?\s*[)\]】]?"
)
# A second, shorter stamp beside the date: "（最終更新 10/15 13:02）", "更新 13:02".
_SHORT_STAMP = re.compile(r"(?<!\d)(?:\d{1,2}/\d{1,2}\s*)?\d{1,2}:\d{2}(?!\d)")
_DATE_LINE_REST = re.compile(
    r"^(?:(?:最終)?更新(?:日時?)?|配信(?:日時?)?|公開(?:日時?)?|掲載(?:日時?)?|投稿(?:日時?)?"
    r"|発行(?:日)?|発信|日時|付|時点|日|JST|UTC|GMT|日本時間|[\s|｜:：/・,、()\[\]【】])*$"
)

# [ジュネーブ 16日 ロイター] - / [16日 ロイター] -
_BRACKET_DATELINE = re.compile(
    r"^\s*[\[［]\s*(?:(?P<place>[^\]］\d]+?)\s+)?(?P<day>\d{1,2})\s*日\s*(?P<agency>[^\]］]*?)\s*[\]］]"
    r"\s*(?:[-－‐―—–]\s*)?"
)
# 【ワシントン共同】 / 【北京時事】 / 【パリ=AFP時事】 / 【ワシントン=山田太郎】
_LENTICULAR_DATELINE = re.compile(
    r"^\s*【\s*(?P<place>[^】=＝]*?)\s*[=＝]?\s*(?P<agency>" + _AGENCY_ALT + r")\s*】\s*"
)
_REPORTER_DATELINE = re.compile(r"^\s*【\s*(?P<place>[^】=＝]+?)\s*[=＝]\s*[^】]+】\s*")
# (ロイター) - / （共同） / GENEVA (Reuters) -
_PAREN_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][A-Za-z .'\-]{1,30}?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+(?P<day>\d{1,2}))?\s*)?"
    r"[(（]\s*(?P<agency>" + _AGENCY_ALT + r")\s*[)）]\s*(?:[-－‐―—–]\s*)?"
)
# A line that only credits an agency: "[ロイター]", "ロイター", "(共同)".
_CREDIT_LINE = re.compile(
    r"^\s*[\[［(（【]?\s*(?:提供\s*[:：]?\s*|写真\s*[:：]?\s*)?(?P<agency>" + _AGENCY_ALT
    + r")(?:\s*通信)?\s*[\]］)）】]?\s*$"
)

_TRAILING_CREDIT = re.compile(
    r"(?<=[。」])\s*[(（]\s*(?P<agency>共同|時事|ロイター|AFP=時事|ＡＦＰ＝時事|AP|新華社)\s*[)）]\s*$"
)


def _to_datetime(match: re.Match[str]) -> datetime | None:
    hour = int(match["H"]) if match["H"] else 0
    minute = int(match["M"]) if match["M"] else 0
    if match["ampm"] == "午後" and hour < 12:
        hour += 12
    try:
        return datetime(int(match["y"]), int(match["m"]), int(match["d"]), hour, minute, tzinfo=JST)
    except ValueError:
        return None


def find_date(text: str) -> datetime | None:
    """The first full date (with time, if given) written in ``text``, in JST.

    >>> find_date("2021年06月17日(木)10時33分").isoformat()
    '2021-06-17T10:33:00+09:00'
    """
    text = unicodedata.normalize("NFKC", text)
    found = [m for m in (_JA_DATE.search(text), _NUM_DATE.search(text)) if m]
    if not found:
        return None
    return _to_datetime(min(found, key=lambda m: m.start()))


def date_line(line: str) -> datetime | None:
    """The date of a line that holds only a publication date (and words like 更新, a zone or
    an agency credit: ``2025年6月13日 07時15分 (共同通信)``), else None."""
    text = unicodedata.normalize("NFKC", line).strip()
    for pattern in (_JA_DATE, _NUM_DATE):
        match = pattern.search(text)
        if match is None:
            continue
        rest = _DATE_LINE_CREDIT.sub(" ", text[: match.start()] + " " + text[match.end():])
        rest = _SHORT_STAMP.sub(" ", rest)
        if _DATE_LINE_REST.match(rest):
            return _to_datetime(match)
    return None


def parse_iso_datetime(value: str) -> datetime | None:
    """An ISO 8601 (or Japanese) date from HTML metadata, timezone-aware (JST if none given)."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return find_date(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JST)


def parse_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Split a wire dateline off the head of a paragraph.

    Args:
        paragraph: The first paragraph of a report.

    Returns:
        The dateline (or None) and the paragraph without it and its `` - `` separator
        (empty when the paragraph is only a dateline).

    >>> dateline, rest = parse_dateline("[ジュネーブ 16日 ロイター] - 両首脳は会談した。")
    >>> (dateline.place, dateline.day, dateline.agency, rest)
    ('ジュネーブ', 16, 'ロイター', '両首脳は会談した。')
    """
    for pattern in (_BRACKET_DATELINE, _LENTICULAR_DATELINE, _REPORTER_DATELINE, _PAREN_DATELINE):
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        agency = (groups.get("agency") or "").strip() or None
        place = (groups.get("place") or "").strip() or None
        day = int(groups["day"]) if groups.get("day") else None
        text = re.sub(r"\s*[-－‐―—–]\s*$", "", match.group(0).strip())
        return Dateline(place=place, day=day, agency=agency, text=text), paragraph[match.end():]
    return None, paragraph


def split_trailing_credit(paragraph: str) -> tuple[str | None, str]:
    """Split an agency credit off the end of a paragraph: ``…と述べた。（共同）``.

    Returns:
        The agency (or None) and the paragraph without the credit.
    """
    match = _TRAILING_CREDIT.search(paragraph)
    if not match or match.start() == 0:
        return None, paragraph
    return unicodedata.normalize("NFKC", match["agency"]), paragraph[: match.start()].rstrip()


def credit_line(line: str) -> str | None:
    """The agency a line credits when the line is only a credit (``[ロイター]``), else None."""
    match = _CREDIT_LINE.match(unicodedata.normalize("NFKC", line))
    return match["agency"] if match else None
