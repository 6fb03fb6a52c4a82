"""Tests for kg.dates: finding and resolving date expressions against the article's date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.dates import (
    DateAnchor,
    DateMention,
    dateline_date,
    find_dates,
    is_historical,
    resolve_date,
)
from kg.model import DateValue

JAN27 = DateAnchor(datetime.date(2021, 1, 27))
FEB03 = DateAnchor(datetime.date(2021, 2, 3))
# Published in Tokyo on the 17th, datelined Geneva on the 16th.
GENEVA = DateAnchor(datetime.date(2021, 6, 17), dateline_day=16)
NO_DATE = DateAnchor(None)


def _iso(value: DateValue | None) -> tuple[str, str] | None:
    return None if value is None else (value.iso, value.precision)


@pytest.mark.parametrize(
    ("expression", "anchor", "iso", "precision"),
    [
        ("2021年2月5日", NO_DATE, "2021-02-05", "day"),
        ("2021年2月", NO_DATE, "2021-02", "month"),
        ("2021年", NO_DATE, "2021", "year"),
        ("２０２１年２月５日", NO_DATE, "2021-02-05", "day"),
        ("２０２１年", NO_DATE, "2021", "year"),
        ("二〇二一年二月五日", NO_DATE, "2021-02-05", "day"),
        ("二〇二一年十二月二十五日", NO_DATE, "2021-12-25", "day"),
        ("令和3年", NO_DATE, "2021", "year"),
        ("令和三年", NO_DATE, "2021", "year"),
        ("令和元年5月1日", NO_DATE, "2019-05-01", "day"),
        ("平成31年4月30日", NO_DATE, "2019-04-30", "day"),
        ("平成元年", NO_DATE, "1989", "year"),
        ("昭和64年1月", NO_DATE, "1989-01", "month"),
        ("2月5日", JAN27, "2021-02-05", "day"),
        ("5日", JAN27, "2021-01-05", "day"),
        ("26日", JAN27, "2021-01-26", "day"),
        ("27日", JAN27, "2021-01-27", "day"),
        ("１６日", GENEVA, "2021-06-16", "day"),
        ("2月", JAN27, "2021-02", "month"),
        ("十二月", JAN27, "2020-12", "month"),
        ("12月25日", JAN27, "2020-12-25", "day"),
        ("20年11月", JAN27, "2020-11", "month"),
        ("2月上旬", JAN27, "2021-02", "month"),
        ("2021年末", NO_DATE, "2021", "year"),
    ],
)
def test_resolve_date_absolute_keeps_precision(
    expression: str, anchor: DateAnchor, iso: str, precision: str
) -> None:
    assert _iso(resolve_date(expression, anchor)) == (iso, precision)


@pytest.mark.parametrize(
    ("expression", "iso", "precision"),
    [
        ("今年", "2021", "year"),
        ("今年2月", "2021-02", "month"),
        ("今年2月5日", "2021-02-05", "day"),
        ("昨年", "2020", "year"),
        ("去年", "2020", "year"),
        ("昨年12月", "2020-12", "month"),
        ("昨年12月24日", "2020-12-24", "day"),
        ("一昨年", "2019", "year"),
        ("来年", "2022", "year"),
        ("来年2月", "2022-02", "month"),
        ("今年末", "2021", "year"),
        ("先月", "2020-12", "month"),
        ("先月20日", "2020-12-20", "day"),
        ("今月", "2021-01", "month"),
        ("今月5日", "2021-01-05", "day"),
        ("来月", "2021-02", "month"),
        ("来月末", "2021-02", "month"),
        ("きょう", "2021-01-27", "day"),
        ("今日", "2021-01-27", "day"),
        ("本日", "2021-01-27", "day"),
        ("昨日", "2021-01-26", "day"),
        ("一昨日", "2021-01-25", "day"),
        ("あす", "2021-01-28", "day"),
        ("明日", "2021-01-28", "day"),
        # Without previous or dateline, 前日/翌日 count from the publication date.
        ("前日", "2021-01-26", "day"),
        ("翌日", "2021-01-28", "day"),
        ("前月", "2020-12", "month"),
        ("前年", "2020", "year"),
        # 2021-01-27 is a Wednesday: last week is 18-24 Jan, next week 1-7 Feb.
        ("先週", "2021-01", "month"),
        ("今週", "2021-01", "month"),
        ("来週", "2021-02", "month"),
        ("今週末", "2021-01", "month"),
        ("3日前", "2021-01-24", "day"),
        ("3カ月前", "2020-10", "month"),
        ("2年前", "2019", "year"),
    ],
)
def test_resolve_date_relative_counts_from_article_date(
    expression: str, iso: str, precision: str
) -> None:
    assert _iso(resolve_date(expression, JAN27)) == (iso, precision)
    assert find_dates(expression, JAN27)[0].relative


def test_resolve_date_week_across_months_is_year_precision() -> None:
    # 2021-03-03 is a Wednesday; the week before runs 22-28 Feb, this one 1-7 Mar,
    # and the last week of 2021 (27 Dec - 2 Jan) spans two years.
    anchor = DateAnchor(datetime.date(2021, 3, 3))
    assert _iso(resolve_date("先週", anchor)) == ("2021-02", "month")
    anchor = DateAnchor(datetime.date(2021, 4, 28))  # week 26 Apr - 2 May
    assert _iso(resolve_date("今週", anchor)) == ("2021", "year")
    anchor = DateAnchor(datetime.date(2021, 12, 29))
    assert resolve_date("今週", anchor) is None


@pytest.mark.parametrize(
    ("expression", "published", "iso"),
    [
        ("5日", datetime.date(2021, 1, 27), "2021-01-05"),  # this month, past
        ("26日", datetime.date(2021, 1, 27), "2021-01-26"),
        ("30日", datetime.date(2021, 2, 3), "2021-01-30"),  # 2月30日 does not exist
        ("28日", datetime.date(2021, 2, 3), "2021-01-28"),  # last month is nearer
        ("5日", datetime.date(2021, 2, 3), "2021-02-05"),  # upcoming, nearer than 5 Jan
        ("31日", datetime.date(2021, 1, 3), "2020-12-31"),  # across the year
        ("2月5日", datetime.date(2021, 1, 27), "2021-02-05"),  # upcoming deadline
        ("12月25日", datetime.date(2021, 1, 10), "2020-12-25"),
        ("1月10日", datetime.date(2020, 12, 20), "2021-01-10"),
        ("7月", datetime.date(2021, 1, 15), "2020-07"),  # six months either way: the past
        ("6月", datetime.date(2021, 1, 15), "2021-06"),
        ("12月", datetime.date(2021, 1, 15), "2020-12"),
    ],
)
def test_resolve_date_infers_missing_year_and_month(
    expression: str, published: datetime.date, iso: str
) -> None:
    value = resolve_date(expression, DateAnchor(published))
    assert value is not None
    assert value.iso == iso


def test_resolve_date_bare_day_counts_from_dateline() -> None:
    # The 17th in Geneva is the day after the dateline, still in June.
    assert _iso(resolve_date("17日", GENEVA)) == ("2021-06-17", "day")
    assert _iso(resolve_date("きょう", GENEVA)) == ("2021-06-16", "day")
    assert _iso(resolve_date("前日", GENEVA)) == ("2021-06-15", "day")


@pytest.mark.parametrize(
    ("expression", "anchor", "iso"),
    [
        ("同日", DateAnchor(JAN27.published, previous=DateValue(2020, 12, 5)), "2020-12-05"),
        ("当日", DateAnchor(JAN27.published, previous=DateValue(2020, 12, 5)), "2020-12-05"),
        ("前日", DateAnchor(JAN27.published, previous=DateValue(2021, 3, 1)), "2021-02-28"),
        ("翌日", DateAnchor(JAN27.published, previous=DateValue(2020, 12, 31)), "2021-01-01"),
        ("同日", GENEVA, "2021-06-16"),
        ("同月", DateAnchor(None, previous=DateValue(2019, 8, 2)), "2019-08"),
        ("同月5日", DateAnchor(None, previous=DateValue(2019, 8, 2)), "2019-08-05"),
        ("翌月", DateAnchor(None, previous=DateValue(2019, 12, precision="month")), "2020-01"),
        ("同年", DateAnchor(None, previous=DateValue(2014, precision="year")), "2014"),
        ("同年5月", DateAnchor(None, previous=DateValue(2014, 3, 18)), "2014-05"),
        ("翌年", DateAnchor(None, previous=DateValue(2014, precision="year")), "2015"),
    ],
)
def test_resolve_date_anaphora_uses_previous_date(
    expression: str, anchor: DateAnchor, iso: str
) -> None:
    value = resolve_date(expression, anchor)
    assert value is not None
    assert value.iso == iso


@pytest.mark.parametrize(
    "anchor",
    [
        JAN27,  # no date written and no dateline
        NO_DATE,
        DateAnchor(None, previous=DateValue(2021, precision="year")),  # not precise enough
    ],
)
def test_resolve_date_same_day_without_written_date_is_none(anchor: DateAnchor) -> None:
    mentions = find_dates("同日", anchor)
    assert [(m.text, m.value, m.relative) for m in mentions] == [("同日", None, True)]


def test_resolve_date_same_day_with_coarse_previous_falls_back_to_dateline() -> None:
    coarse = DateValue(2021, 2, precision="month")
    anchor = DateAnchor(datetime.date(2021, 6, 17), 16, previous=coarse)
    assert _iso(resolve_date("同日", anchor)) == ("2021-06-16", "day")


def test_resolve_date_without_publication_date_keeps_absolute_only() -> None:
    assert resolve_date("5日", NO_DATE) is None
    assert resolve_date("2月", NO_DATE) is None
    assert resolve_date("昨年", NO_DATE) is None
    assert resolve_date("先週", NO_DATE) is None
    assert _iso(resolve_date("2014年", NO_DATE)) == ("2014", "year")


def test_resolve_date_accepts_datetime_as_published() -> None:
    anchor = DateAnchor(datetime.datetime(2021, 1, 27, 9, 30), dateline_day=26)
    assert _iso(resolve_date("きょう", anchor)) == ("2021-01-26", "day")
    assert is_historical(DateValue(2014, precision="year"), datetime.datetime(2021, 1, 27, 9))


@pytest.mark.parametrize(
    "expression",
    ["2月30日", "2021年2月29日", "2021年13月", "令和0年", "4月31日", "同月35日"],
)
def test_resolve_date_off_calendar_is_none(expression: str) -> None:
    anchor = DateAnchor(datetime.date(2021, 1, 27), previous=DateValue(2021, 4, 1))
    mentions = find_dates(expression, anchor)
    assert len(mentions) == 1
    assert mentions[0].text == expression
    assert mentions[0].value is None


@pytest.mark.parametrize(
    ("expression", "anchor"),
    [("", JAN27), ("日本", JAN27), ("2021年2月5日と6日", JAN27), ("合意した", JAN27)],
)
def test_resolve_date_not_one_date_is_none(expression: str, anchor: DateAnchor) -> None:
    assert resolve_date(expression, anchor) is None


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("日米は2国間の協議を続ける方針だ。", []),
        ("両国は16の分野で協力することで合意した。", []),
        ("条約を5年間延長することで一致した。", []),
        ("会談は約3時間に及んだ。", []),
        ("首脳会議は5日間の日程で開かれる。", []),
        ("首相が訪米するのは3年ぶりとなる。", []),
        ("第2次世界大戦の終結から75年を迎えた。", []),
        ("政府は2021年度予算案を閣議決定した。", []),
        ("今年度中の合意を目指す。", []),
        ("1990年代の冷戦終結後、関係は改善した。", []),
        ("貿易額は前年比で2割減少した。", []),
        ("原油の輸入は1日当たり30万バレルに上る。", []),
        ("停戦は3日連続で守られた。", []),
        ("協議は90日以内にまとめる。", []),
        ("両国は共同声明を発表した。", []),
        ("外相は声明で遺憾の意を表明した。", []),
        ("一日も早い停戦を求めた。", []),
        ("会談は午前10時33分に始まった。", []),
        ("2014年のロシアによるクリミア併合以降、対立が続く。", ["2014年"]),
        ("大統領は16日、声明を発表した。", ["16日"]),
        ("外相は16日午前10時から会見した。", ["16日"]),
        ("大統領は5日前後に訪問する見通しだ。", ["5日"]),
        ("2015年以来の首脳会談となった。", ["2015年"]),
        ("首相は今年来日する予定だ。", ["今年"]),
    ],
)
def test_find_dates_ignores_durations_counts_and_ordinals(sentence: str, found: list[str]) -> None:
    assert [m.text for m in find_dates(sentence, JAN27)] == found


def test_find_dates_spans_slice_text_and_chain_previous() -> None:
    text = (
        "[ジュネーブ 16日 ロイター] 米ロ両首脳は16日、ジュネーブで会談した。"
        "両首脳は今年2月に延長した新戦略兵器削減条約について協議し、同日夕に共同声明を発表した。"
        "会談は2018年7月以来で、前日には外相同士が準備会合を開いた。"
    )
    mentions = find_dates(text, GENEVA)
    assert [(m.text, _iso(m.value)) for m in mentions] == [
        ("16日", ("2021-06-16", "day")),
        ("16日", ("2021-06-16", "day")),
        ("今年2月", ("2021-02", "month")),
        ("同日", ("2021-06-16", "day")),  # the last *day* written, not 今年2月
        ("2018年7月", ("2018-07", "month")),
        ("前日", ("2021-06-15", "day")),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    ends = [m.end for m in mentions]
    starts = [m.start for m in mentions]
    assert all(end <= start for end, start in zip(ends, starts[1:]))


def test_find_dates_prefers_longest_match() -> None:
    text = "署名は令和3年2月5日、発効は２０２１年２月２６日だった。"
    assert [m.text for m in find_dates(text, NO_DATE)] == ["令和3年2月5日", "２０２１年２月２６日"]


def test_find_dates_chains_same_day_after_full_date() -> None:
    text = "両国は2020年12月5日に協定に署名し、同日発効した。翌日には大使館を再開した。"
    mentions = find_dates(text, JAN27)
    assert [m.value.iso if m.value else None for m in mentions] == [
        "2020-12-05",
        "2020-12-05",
        "2020-12-06",
    ]
    assert [m.relative for m in mentions] == [False, True, True]


@pytest.mark.parametrize(
    ("published", "day", "iso"),
    [
        (datetime.date(2021, 6, 17), 16, "2021-06-16"),
        (datetime.date(2021, 6, 17), 17, "2021-06-17"),
        (datetime.date(2021, 6, 17), 18, "2021-06-18"),  # one day ahead: time zones
        (datetime.date(2021, 3, 1), 28, "2021-02-28"),
        (datetime.date(2021, 1, 1), 31, "2020-12-31"),
    ],
)
def test_dateline_date_places_day_in_publication_month(
    published: datetime.date, day: int, iso: str
) -> None:
    value = dateline_date(DateAnchor(published, dateline_day=day))
    assert value is not None
    assert (value.iso, value.precision) == (iso, "day")


@pytest.mark.parametrize(
    "anchor",
    [
        DateAnchor(None, dateline_day=16),
        DateAnchor(datetime.date(2021, 6, 17)),
        DateAnchor(datetime.date(2021, 6, 17), dateline_day=0),
        DateAnchor(datetime.date(2021, 6, 17), dateline_day=32),
        DateAnchor(datetime.date(2021, 3, 1), dateline_day=30),  # 2月30日
    ],
)
def test_dateline_date_without_a_valid_day_is_none(anchor: DateAnchor) -> None:
    assert dateline_date(anchor) is None


@pytest.mark.parametrize(
    ("value", "years", "expected"),
    [
        (DateValue(2014, precision="year"), 1, True),
        (DateValue(2020, precision="year"), 1, False),  # 昨年 is not background
        (DateValue(2020, 6, 16), 1, False),
        (DateValue(2020, 6, 15), 1, True),
        (DateValue(2020, 5, precision="month"), 1, True),
        (DateValue(2020, 6, precision="month"), 1, False),
        (DateValue(2019, precision="year"), 2, False),
        (DateValue(2018, 12, 31), 2, True),
        (DateValue(2021, 6, 16), 1, False),
    ],
)
def test_is_historical_uses_end_of_period(value: DateValue, years: int, expected: bool) -> None:
    assert is_historical(value, datetime.date(2021, 6, 16), years) is expected


def test_is_historical_without_publication_date_is_false() -> None:
    assert not is_historical(DateValue(1914, precision="year"), None)
    assert not is_historical(DateValue(2020, 1, 1), datetime.date(1, 1, 1), years=5)


DATEY_PIECES = st.sampled_from(
    [
        "2021年", "２０２１年", "令和", "平成", "元年", "二〇二一年", "十二月", "2月", "30日",
        "31日", "5日", "１６日", "日", "月", "年", "同日", "前日", "翌日", "同月", "同年",
        "今年", "昨年", "先月", "来月", "今週末", "先週", "3日前", "12カ月前", "間", "度",
        "上旬", "末", "第", "約", "、", "。", "0", "9", "99", "〇", "十", "三十一日", "20年",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(st.one_of(DATEY_PIECES, st.text(max_size=3))).map("".join))
DATE_VALUES = st.dates().map(lambda d: DateValue(d.year, d.month, d.day)) | st.builds(
    lambda d, p: DateValue(d.year, d.month if p == "month" else None, None, p),
    st.dates(),
    st.sampled_from(["month", "year"]),
)
ANCHORS = st.builds(
    DateAnchor,
    st.none() | st.dates(),
    st.none() | st.integers(min_value=-3, max_value=40),
    st.none() | DATE_VALUES,
)


def _valid(value: DateValue) -> bool:
    if value.precision == "year":
        fields_ok = value.month is None and value.day is None
    elif value.precision == "month":
        fields_ok = value.month is not None and value.day is None
    else:
        fields_ok = value.month is not None and value.day is not None
    if not fields_ok:
        return False
    try:
        datetime.date(value.year, value.month or 1, value.day or 1)
    except ValueError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(TEXTS, ANCHORS)
def test_find_dates_never_raises_and_values_are_valid(text: str, anchor: DateAnchor) -> None:
    mentions = find_dates(text, anchor)
    previous_end = 0
    for mention in mentions:
        assert isinstance(mention, DateMention)
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        previous_end = mention.end
        if mention.value is not None:
            assert _valid(mention.value)
            assert isinstance(is_historical(mention.value, anchor.published), bool)
    value = resolve_date(text, anchor)
    assert value is None or _valid(value)
    dateline = dateline_date(anchor)
    assert dateline is None or (_valid(dateline) and dateline.precision == "day")


JUN07 = DateAnchor(datetime.date(2025, 6, 7))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("4月22日に事件が起き、政府は翌23日に条約の停止を発表した。",
         [("4月22日", "2025-04-22"), ("翌23日", "2025-04-23")]),
        ("両国は5月30日に会談し、翌2日に共同声明を出した。",
         [("5月30日", "2025-05-30"), ("翌2日", "2025-06-02")]),
        ("ロシアは2007年に履行を停止し、15年には協議への参加も取りやめた。",
         [("2007年", "2007"), ("15年", "2015")]),
        ("両国は1998年に条約に署名し、05年の会合で改定した。",
         [("1998年", "1998"), ("05年", "2005")]),
        ("北朝鮮は年内に部隊を派遣する計画だ。", [("年内", "2025")]),
        ("外相は月内にも訪中する方向で調整している。", [("月内", "2025-06")]),
    ],
)
def test_find_dates_next_day_short_year_and_within(text: str, found: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value.iso if m.value else None) for m in find_dates(text, JUN07)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("15年には協議した。", ["15年"]),  # alone, the latest such year (2015): _recent_short_year
        ("15年に1度の協議だ。", []),  # a frequency, not a year
        ("ロシアは2007年に履行を停止し、15年間続いた。", ["2007年"]),
        ("2007年に条約が発効し、懲役15年の判決が出た。", ["2007年"]),
        ("2007年に停止し、15年ぶりに再開した。", ["2007年"]),
        ("日米は2プラス2を開いた。", []),
        ("交渉は24時間続いた。", []),
        ("両国は5年内に合意する。", []),
        ("3カ月内に結論を出す。", []),
        ("わずか先月のことだ。", ["先月"]),
    ],
)
def test_find_dates_short_year_and_within_must_not_fire(text: str, found: list[str]) -> None:
    assert [m.text for m in find_dates(text, JUN07)] == found
