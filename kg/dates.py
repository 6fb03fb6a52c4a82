"""Finding date expressions in Japanese news text and resolving them against the article's date.

Every expression is resolved against a *reference day*: the dateline day (``[ジュネーブ 16日
ロイター]``) placed in the publication month, or else the publication date. Values keep the
precision written: ``2021年2月5日`` is a day, ``2021年2月`` and ``先月`` a month, ``昨年`` a year.

Rules for what the text leaves out (news mostly reports the past, so ties go to the past):

* **Bare day** (``5日``): day N of the reference month or of the month before, whichever
  is nearer the reference day; never the next month. ``5日`` on 2021-01-27 → 2021-01-05;
  ``30日`` on 2021-02-03 → 2021-01-30; ``5日`` on 2021-02-03 → 2021-02-05.
* **Month-day, month** (``2月5日``, ``12月``): the nearest occurrence within a year either
  side. ``2月5日`` on 2021-01-27 → 2021-02-05; ``12月`` on 2021-01-27 → 2020-12.
* **Dateline day**: in the publication month when it is at most one day after the
  publication day (time zones), otherwise in the month before.
* **Deictic words** (今年, 先月, きょう, 来週, 年内, 月内 …) count from the reference day.
* **Anaphoric words** (同日, 前日, 翌日, 同月, 前年 …) count from ``DateAnchor.previous`` when
  it is precise enough (a day for 同日/前日, a month for 同月); ``find_dates`` keeps the last
  date written at each precision, so ``同日`` follows the last *day* written. Without one,
  同日/当日/同月/同年 fall back to the dateline date only (they point back to a date written
  in the text), the others to the dateline date or else the publication date.
* **Weeks** (先週, 今週末) resolve to the smallest month or year containing the whole week:
  the value never claims a precision the text does not give.
* **Period words** (上旬, 末, 前半 …) are part of the span; the value keeps month or year precision.
* Not dates: durations and counts (``5年間``, ``5日間``, ``3日ぶり``, ``1日当たり``), ordinals
  (``第2日``), fiscal years (``2021年度``, ``今年度``), decades (``1990年代``), comparisons
  (``前年比``), a bare number of years written without an era unless four digits (``5年``); a
  two-digit year (``20年11月``) counts only when a month follows, or when a full year was
  written before it in the same text (``2007年に…、15年には`` → 2015).
* ``翌23日`` is the first 23rd after the last day written (``4月22日…翌23日`` → 4月23日).
* Out-of-calendar dates (``2月30日``) are found with value ``None``; nothing raises.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.model import DateValue, Precision

ERA_OFFSETS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
RELATIVE_YEARS = {
    "一昨年": -2, "おととし": -2, "昨年": -1, "去年": -1, "今年": 0, "本年": 0,
    "来年": 1, "再来年": 2, "年内": 0,
}
ANAPHORIC_YEARS = {"前年": -1, "同年": 0, "翌年": 1}
RELATIVE_MONTHS = {"先々月": -2, "先月": -1, "今月": 0, "来月": 1, "再来月": 2, "月内": 0}
ANAPHORIC_MONTHS = {"前月": -1, "同月": 0, "翌月": 1}
RELATIVE_DAYS = {
    "一昨日": -2, "おととい": -2, "昨日": -1, "きのう": -1, "今日": 0, "きょう": 0,
    "本日": 0, "明日": 1, "あす": 1, "あした": 1, "明後日": 2, "あさって": 2,
}
ANAPHORIC_DAYS = {"前々日": -2, "前日": -1, "同日": 0, "当日": 0, "翌日": 1, "翌々日": 2}
RELATIVE_WEEKS = {"先々週": -2, "先週": -1, "今週": 0, "来週": 1, "再来週": 2}
# Anaphoric words meaning "the same …": they need a date written in the text.
SAME_WORDS = frozenset({"同日", "当日", "同月", "同年"})
AGO_UNITS = {"日": "day", "週間": "week", "年": "year"}  # plus N カ月 (any counter) → month
PERIOD_SUFFIXES = ("上旬", "中旬", "下旬", "初旬", "初め", "半ば", "前半", "後半", "末")
# Words after 年/月/日 that make the number a duration, count or comparison, not a date.
COMMON_STOPS = (
    "間", "ぶり", "振り", "目", "以上", "以内", "余り", "超", "近く", "程度", "ほど", "程",
    "足らず", "連続", "遅れ", "比", "同期",
)
YEAR_STOPS = COMMON_STOPS + ("度", "代", "前(?!半)", "後(?!半)")
MONTH_STOPS = COMMON_STOPS + ("分", "前(?!半)", "後(?!半)", "雨", "蝿")
DAY_STOPS = COMMON_STOPS + ("分", "後(?!半)", "半", "あたり", "当たり", "平均", "も早")
BARE_DAY_STOPS = DAY_STOPS + ("前(?!後)",)
PRECISION_RANK = {"year": 1, "month": 2, "day": 3}
# The precision an anaphoric word of each pattern needs from the date it refers back to.
ANAPHOR_NEEDS: dict[str, Precision] = {"relative_day": "day", "relative_month": "month", "next_day": "day"}
KANJI_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")}
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class DateAnchor:
    """What a date expression is resolved against."""

    published: datetime.date | None
    dateline_day: int | None = None
    previous: DateValue | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text; ``start``/``end`` index the text searched."""

    start: int
    end: int
    text: str
    value: DateValue | None
    relative: bool


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (alternation is ordered)."""
    return "|".join(sorted(words, key=len, reverse=True))


def _stop(stops: tuple[str, ...]) -> str:
    return "(?!" + "|".join(stops) + ")"


_D = "[0-9０-９]"
_NB = "(?<![0-9０-９.．,，第約])"  # a number starts here: not inside a number, ordinal or estimate
_KMONTH = "十[一二]?|[一二三四五六七八九]"
_KDAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_KNUM = "[一二三四五六七八九十]{1,3}"
_SFX = f"(?:{_alt(PERIOD_SUFFIXES)})"
_SAME_NB = "(?<![共合協賛混異])"  # 共同日…, 合同月… are not 同日, 同月
_SPAN_NB = "(?<![0-9０-９〇一二三四五六七八九十数カかヶヵケ箇])"  # 5年内, 3カ月内 are spans


def _deictic_alt(words: Iterable[str]) -> str:
    """``_alt`` of deictic words, ``年内``/``月内`` only where no number precedes them."""
    return "|".join(_SPAN_NB + w if w in ("年内", "月内") else w
                     for w in sorted(words, key=len, reverse=True))
_YEAR = (
    f"(?:(?P<era>{_alt(ERA_OFFSETS)})(?P<eyear>元|{_D}{{1,2}}|{_KNUM})年"
    f"|{_NB}(?<![〇一二三四五六七八九])(?P<gyear>{_D}{{4}}|[〇一二三四五六七八九]{{4}})年"
    f"|{_SAME_NB}(?P<ryear>{_deictic_alt([*RELATIVE_YEARS, *ANAPHORIC_YEARS])}))"
    f"{_stop(YEAR_STOPS)}"
)
_MONTH = f"(?P<month>{_D}{{1,2}}|{_KMONTH})月{_stop(MONTH_STOPS)}"
_DAY = f"(?P<day>{_D}{{1,2}}|{_KDAY})日{_stop(DAY_STOPS)}"
_TAIL = f"(?:{_DAY}|{_SFX})?"

PATTERNS = {
    "year": re.compile(f"{_YEAR}(?:{_MONTH}{_TAIL}|{_SFX})?"),
    "short_year": re.compile(f"{_NB}(?P<syear>{_D}{{2}})年{_MONTH}{_TAIL}"),
    "month": re.compile(f"{_NB}(?=[0-9０-９]){_MONTH}{_TAIL}"),
    "kanji_month": re.compile(f"(?<![\u3400-\u9fff々〆])(?=[一二三四五六七八九十]){_MONTH}{_TAIL}"),
    "relative_month": re.compile(
        f"{_SAME_NB}(?P<rmonth>{_deictic_alt([*RELATIVE_MONTHS, *ANAPHORIC_MONTHS])})"
        f"{_stop(MONTH_STOPS)}{_TAIL}"
    ),
    "next_day": re.compile(f"翌(?P<nday>{_D}{{1,2}})日{_stop(BARE_DAY_STOPS)}"),
    "bare_short_year": re.compile(
        f"{_NB}(?<![懲禁刑役期])(?P<byear>{_D}{{2}})年(?=には|にも|に|、|まで|から|以降|以来|の(?!刑))"
    ),
    "day": re.compile(f"{_NB}(?P<day>{_D}{{1,2}})日{_stop(BARE_DAY_STOPS)}"),
    "relative_day": re.compile(
        f"{_SAME_NB}(?<![声表説証鮮解透発究言判失不賢])"
        f"(?P<rday>{_alt([*RELATIVE_DAYS, *ANAPHORIC_DAYS])}){_stop(DAY_STOPS)}"
    ),
    "week": re.compile(f"(?P<week>{_alt(RELATIVE_WEEKS)})(?P<wend>末)?"),
    "ago": re.compile(
        f"{_NB}(?P<ago_n>{_D}{{1,3}})(?P<ago_unit>日|週間|[カかヶヵケ箇]月|年)前(?![後半])"
    ),
}


def _number(text: str) -> int:
    """An Arabic (half- or full-width) or kanji numeral: ``１６``, ``二〇二一``, ``二十五``."""
    if text[0].isdigit():
        return int(text.translate(FULLWIDTH_DIGITS))
    if "十" not in text:
        return int("".join(str(KANJI_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (KANJI_DIGITS[tens] if tens else 1) * 10 + (KANJI_DIGITS[units] if units else 0)


def _make(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    """A DateValue with the precision of the fields given, or None off the calendar."""
    try:
        datetime.date(year, month or 1, day or 1)
    except (ValueError, OverflowError):
        return None
    if month is None:
        return DateValue(year, precision="year")
    if day is None:
        return DateValue(year, month, precision="month")
    return DateValue(year, month, day, precision="day")


def _from_date(day: datetime.date) -> DateValue:
    return DateValue(day.year, day.month, day.day, precision="day")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _published(anchor: DateAnchor) -> datetime.date | None:
    published = anchor.published
    if isinstance(published, datetime.datetime):
        return published.date()
    return published if isinstance(published, datetime.date) else None


def dateline_date(anchor: DateAnchor) -> DateValue | None:
    """The dateline day placed in the publication month (or the month before).

    Args:
        anchor: the article's publication date and dateline day.

    Returns:
        A day-precision value, or None without both, or when the day is off the calendar.

    >>> dateline_date(DateAnchor(datetime.date(2021, 6, 17), dateline_day=16)).iso
    '2021-06-16'
    """
    published = _published(anchor)
    day = anchor.dateline_day
    if published is None or not isinstance(day, int) or not 1 <= day <= 31:
        return None
    year, month = published.year, published.month
    if day > published.day + 1:
        year, month = _shift_month(year, month, -1)
    return _make(year, month, day)


def _reference(anchor: DateAnchor) -> datetime.date | None:
    dateline = dateline_date(anchor)
    if dateline is not None:
        return datetime.date(dateline.year, dateline.month or 1, dateline.day or 1)
    return _published(anchor)


def _nearest(candidates: list[tuple[int, DateValue | None]]) -> DateValue | None:
    """The candidate with the smallest signed distance; ties go to the past."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))[1]


def _month_day(ref: datetime.date | None, month: int, day: int | None) -> DateValue | None:
    """Month (and day) written without a year: the nearest occurrence to ``ref``."""
    if ref is None or not 1 <= month <= 12:
        return None
    if day is None:
        return _nearest([
            ((y - ref.year) * 12 + month - ref.month, _make(y, month))
            for y in (ref.year - 1, ref.year, ref.year + 1)
        ])
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        clamped = datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        candidates.append(((clamped - ref).days, _make(year, month, day)))
    return _nearest(candidates)


def _bare_day(ref: datetime.date | None, day: int) -> DateValue | None:
    """Day N of the reference month or of the month before, whichever is nearer."""
    if ref is None:
        return None
    candidates = []
    for delta in (0, -1):
        year, month = _shift_month(ref.year, ref.month, delta)
        value = _make(year, month, day)
        if value is not None:
            candidates.append(((datetime.date(year, month, day) - ref).days, value))
    return _nearest(candidates)


def _anaphoric_base(anchor: DateAnchor, word: str, need: Precision) -> DateValue | None:
    """The date an anaphoric word counts from; ``previous`` only if precise enough."""
    previous = anchor.previous
    if previous is not None and PRECISION_RANK[previous.precision] >= PRECISION_RANK[need]:
        return previous
    dateline = dateline_date(anchor)
    if dateline is not None or word in SAME_WORDS:
        return dateline
    published = _published(anchor)
    return _from_date(published) if published is not None else None


def _week(ref: datetime.date, weeks: int, weekend: bool) -> DateValue | None:
    monday = ref - datetime.timedelta(days=ref.weekday()) + datetime.timedelta(weeks=weeks)
    first = monday + datetime.timedelta(days=5 if weekend else 0)
    last = monday + datetime.timedelta(days=6)
    if (first.year, first.month) == (last.year, last.month):
        return _make(first.year, first.month)
    return _make(first.year) if first.year == last.year else None


def _resolve_match(kind: str, g: dict[str, str | None], anchor: DateAnchor) -> DateValue | None:
    """The value of one match of ``PATTERNS[kind]``; may raise ValueError/OverflowError."""
    ref = _reference(anchor)
    if kind == "relative_day":
        word = g["rday"] or ""
        if word in RELATIVE_DAYS:
            return _from_date(ref + datetime.timedelta(days=RELATIVE_DAYS[word])) if ref else None
        base = _anaphoric_base(anchor, word, "day")  # always day precision
        if base is None:
            return None
        day = datetime.date(base.year, base.month or 1, base.day or 1)
        return _from_date(day + datetime.timedelta(days=ANAPHORIC_DAYS[word]))
    if kind == "week":
        return _week(ref, RELATIVE_WEEKS[g["week"] or ""], bool(g["wend"])) if ref else None
    if kind == "ago":
        return _ago(ref, _number(g["ago_n"] or "0"), AGO_UNITS.get(g["ago_unit"] or "", "month"))
    if kind == "day":
        return _bare_day(ref, _number(g["day"] or "0"))
    if kind == "next_day":
        return _next_day(anchor, _number(g["nday"] or "0"))
    month = _number(written) if (written := g.get("month")) else None
    day = _number(written) if (written := g.get("day")) else None
    if g.get("rmonth"):
        word = g["rmonth"] or ""
        if word in RELATIVE_MONTHS:
            if ref is None:
                return None
            year, month = _shift_month(ref.year, ref.month, RELATIVE_MONTHS[word])
            return _make(year, month, day)
        base = _anaphoric_base(anchor, word, "month")
        if base is None or base.month is None:
            return None
        return _make(*_shift_month(base.year, base.month, ANAPHORIC_MONTHS[word]), day)
    if not any(g.get(name) for name in ("era", "gyear", "syear", "ryear")):
        return _month_day(ref, month, day) if month is not None else None
    year = _year(g, anchor, ref)
    return None if year is None else _make(year, month, day)


def _year(g: dict[str, str | None], anchor: DateAnchor, ref: datetime.date | None) -> int | None:
    """The year written by an era, a Gregorian, a two-digit or a relative year."""
    if g.get("era"):
        offset, eyear = ERA_OFFSETS[g["era"] or ""], g["eyear"] or "0"
        number = 1 if eyear == "元" else _number(eyear)
        return offset + number if number >= 1 else None
    if g.get("gyear"):
        return _number(g["gyear"] or "0")
    if g.get("syear"):
        short, base = _number(g["syear"] or "0"), ref.year if ref else 2000
        return min((1900 + short, 2000 + short), key=lambda y: (abs(y - base), y > base))
    word = g.get("ryear") or ""
    if word in RELATIVE_YEARS:
        return ref.year + RELATIVE_YEARS[word] if ref else None
    base = _anaphoric_base(anchor, word, "year")
    return base.year + ANAPHORIC_YEARS[word] if base else None


def _next_day(anchor: DateAnchor, day: int) -> DateValue | None:
    """``翌23日``: the first day N after the day written before (``4月22日…翌23日``), else
    a bare day N; ``翌`` says it follows that day, in its month or the next."""
    base = anchor.previous
    if base is None or base.precision != "day" or base.month is None or base.day is None:
        return _bare_day(_reference(anchor), day)
    for delta in (0, 1):
        year, month = _shift_month(base.year, base.month, delta)
        value = _make(year, month, day)
        if value is not None and (delta or day > base.day):
            return value
    return None


def _short_year(short: int, previous: DateValue | None) -> DateValue | None:
    """``2007年に…、15年には``: a two-digit year written after a full year in the same text
    is in that year's century (the nearest such year); alone see ``_recent_short_year``."""
    if previous is None:
        return None
    return _make(min((c + short for c in range(previous.year // 100 * 100 - 100,
                                                 previous.year // 100 * 100 + 101, 100)),
                     key=lambda y: abs(y - previous.year)))


def _recent_short_year(short: int, after: str, ref: datetime.date | None) -> DateValue | None:
    """``19年に…断交``, alone in a 2024 report: the latest such year up to the report's, when
    written as a time (``に``, ``には``, ``、``; not ``の``, ``まで``, nor ``15年に1度``) within
    30 years of it. Older or unclear two-digit years stay no date."""
    if ref is None or not after.startswith(("に", "、")) or after.startswith(("に1度", "に一度", "に１度")):
        return None
    year = ref.year // 100 * 100 + short
    year = year if year <= ref.year else year - 100
    return _make(year) if ref.year - year <= 30 else None


def _ago(ref: datetime.date | None, n: int, unit: str) -> DateValue | None:
    """``N日前``, ``N週間前``, ``Nカ月前``, ``N年前``, at the precision of the unit."""
    if ref is None:
        return None
    if unit == "year":
        return _make(ref.year - n)
    if unit == "month":
        return _make(*_shift_month(ref.year, ref.month, -n))
    return _from_date(ref - datetime.timedelta(days=n * (7 if unit == "week" else 1)))


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    found = [
        (m.start(), m.end(), kind, m)
        for kind, pattern in PATTERNS.items()
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in found:
        if chosen and candidate[0] < chosen[-1][1]:
            continue
        month = candidate[3]["month"] if candidate[2] in ("month", "kanji_month") else None
        if month is not None and not 1 <= _number(month) <= 12:
            continue  # "13月" is not a month
        if candidate[2] == "day" and not 1 <= _number(candidate[3]["day"]) <= 31:
            continue  # "50日" is a count, not a day
        chosen.append(candidate)
    return chosen


# The opening of a gloss giving the moment in another time zone, right before a date.
ZONE_GLOSS_OPEN = re.compile(r"[(（](?:日本時間|現地時間|米東部時間|米国東部時間|欧州中部時間|グリニッジ標準時)\s*$")


def find_dates(text: str, anchor: DateAnchor) -> list[DateMention]:
    """All date expressions in ``text``, in order, non-overlapping, longest first.

    Each resolved value becomes ``previous`` for the expressions after it that can use
    it: ``同日`` and ``翌日`` follow the last day written, ``同月`` the last month, ``同年``
    the last year (``5日に会談し、2月の合意を確認した。同日…`` → the 5th).

    Args:
        text: any text; offsets of the mentions index it.
        anchor: publication date, dateline day and the date mentioned before ``text``.

    Returns:
        The mentions; ``value`` is None where an expression cannot be resolved.

    >>> anchor = DateAnchor(datetime.date(2021, 6, 17), dateline_day=16)
    >>> [(m.text, m.value.iso) for m in find_dates("昨年12月5日に署名し、同日発効した", anchor)]
    [('昨年12月5日', '2020-12-05'), ('同日', '2020-12-05')]
    """
    mentions: list[DateMention] = []
    if not isinstance(text, str):
        return mentions
    last: dict[str, DateValue] = {}  # the last date written, per precision it can serve
    _remember(last, anchor.previous)
    full_year: DateValue | None = None  # the last four-digit or era year written in ``text``
    for start, end, kind, match in _candidates(text):
        groups = match.groupdict()
        if ZONE_GLOSS_OPEN.search(text, 0, start):
            continue  # 11日午後(日本時間12日未明): the same moment told in another zone
        if kind == "bare_short_year":
            value = _short_year(_number(groups["byear"] or "0"), full_year) if full_year else \
                _recent_short_year(_number(groups["byear"] or "0"), text[end:end + 3], _reference(anchor))
            if value is None:
                continue
            mentions.append(DateMention(start, end, text[start:end], value, False))
            _remember(last, value)
            continue
        here = replace(anchor, previous=last.get(ANAPHOR_NEEDS.get(kind, "year")))
        try:
            value = _resolve_match(kind, groups, here)
        except (ValueError, OverflowError, KeyError, TypeError):
            value = None
        relative = kind in ("relative_day", "relative_month", "week", "ago") or bool(
            groups.get("ryear")
        )
        mentions.append(DateMention(start, end, text[start:end], value, relative))
        _remember(last, value)
        if value is not None and (groups.get("gyear") or groups.get("era")):
            full_year = value
    return mentions


def _remember(last: dict[str, DateValue], value: DateValue | None) -> None:
    if value is not None:
        for precision, rank in PRECISION_RANK.items():
            if rank <= PRECISION_RANK.get(value.precision, 0):
                last[precision] = value


def resolve_date(expression: str, anchor: DateAnchor) -> DateValue | None:
    """The value of one date expression, or None if it is not exactly one date.

    >>> resolve_date("令和3年2月", DateAnchor(None)).iso
    '2021-02'
    """
    if not isinstance(expression, str):
        return None
    stripped = expression.strip()
    mentions = find_dates(stripped, anchor)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return mentions[0].value
    return None


def _last_day(value: DateValue) -> datetime.date:
    if value.precision == "year" or value.month is None:
        return datetime.date(value.year, 12, 31)
    if value.precision == "month" or value.day is None:
        last = calendar.monthrange(value.year, value.month)[1]
        return datetime.date(value.year, value.month, last)
    return datetime.date(value.year, value.month, value.day)


def is_historical(value: DateValue, published: datetime.date | None, years: int = 1) -> bool:
    """Whether ``value`` is background: the whole period it covers ends more than ``years``
    years before publication (``2014年`` in a 2021 article, but not ``昨年``).

    Args:
        value: a resolved date.
        published: the article's publication date; without it nothing is historical.
        years: the threshold in years (default 1).
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    if not isinstance(published, datetime.date):
        return False
    try:
        year = published.year - years
        day = min(published.day, calendar.monthrange(year, published.month)[1])
        return _last_day(value) < datetime.date(year, published.month, day)
    except (ValueError, OverflowError, TypeError):
        return False
