"""Tests of publication dates, datelines and agency credit lines."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime, timedelta, timezone

import pytest

import kg.articles
import kg.published
from kg.published import credit_line, date_line, find_date, parse_dateline, parse_iso_datetime

JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize("line, expected", [
    ("2021年06月17日(木)10時33分", datetime(2021, 6, 17, 10, 33, tzinfo=JST)),
    ("2021年1月27日(水)11時16分", datetime(2021, 1, 27, 11, 16, tzinfo=JST)),
    ("2021/1/27", datetime(2021, 1, 27, tzinfo=JST)),
    ("更新 2022/11/03 09:45", datetime(2022, 11, 3, 9, 45, tzinfo=JST)),
    ("2023年7月14日 午後3時5分 配信", datetime(2023, 7, 14, 15, 5, tzinfo=JST)),
    ("２０２１年６月１７日（木）１０：３３", datetime(2021, 6, 17, 10, 33, tzinfo=JST)),
    ("2021-06-17 10:33", datetime(2021, 6, 17, 10, 33, tzinfo=JST)),
])
def test_date_line_parses_japanese_forms(line: str, expected: datetime) -> None:
    assert date_line(line) == expected
    assert date_line(line).utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("line", [
    "米国は2021年6月17日に会談した。",  # a sentence mentioning a date is not a date line
    "2021年13月40日",                 # not a calendar date
    "ワールド",
])
def test_date_line_rejects_other_lines(line: str) -> None:
    assert date_line(line) is None


def test_find_date_in_running_text() -> None:
    assert find_date("会談は2021年6月16日に行われた") == datetime(2021, 6, 16, tzinfo=JST)
    assert find_date("日付なし") is None


@pytest.mark.parametrize("value, expected", [
    ("2021-06-17T10:33:00+09:00", datetime(2021, 6, 17, 10, 33, tzinfo=JST)),
    ("2021-06-17T01:33:00Z", datetime(2021, 6, 17, 1, 33, tzinfo=UTC)),
    ("2021-06-17T10:33:00", datetime(2021, 6, 17, 10, 33, tzinfo=JST)),
    ("2021年6月17日", datetime(2021, 6, 17, tzinfo=JST)),
    ("", None),
    ("soon", None),
])
def test_parse_iso_datetime(value: str, expected: datetime | None) -> None:
    assert parse_iso_datetime(value) == expected


@pytest.mark.parametrize("paragraph, place, day, agency, text, rest", [
    ("[ジュネーブ 16日 ロイター] - 両首脳は会談した。", "ジュネーブ", 16, "ロイター", "[ジュネーブ 16日 ロイター]", "両首脳は会談した。"),
    ("［東京 8日 ロイター］－日仏外相が会談した。", "東京", 8, "ロイター", "［東京 8日 ロイター］", "日仏外相が会談した。"),
    ("[16日 ロイター] - 両首脳は会談した。", None, 16, "ロイター", "[16日 ロイター]", "両首脳は会談した。"),
    ("【ワシントン共同】米政府は発表した。", "ワシントン", None, "共同", "【ワシントン共同】", "米政府は発表した。"),
    ("【北京時事】中国外務省は反発した。", "北京", None, "時事", "【北京時事】", "中国外務省は反発した。"),
    ("【ワシントン=山田花子】米政府は発表した。", "ワシントン", None, None, "【ワシントン=山田花子】", "米政府は発表した。"),
    ("(ロイター) - 米国は表明した。", None, None, "ロイター", "(ロイター)", "米国は表明した。"),
    ("GENEVA (Reuters) - The leaders met.", "GENEVA", None, "Reuters", "GENEVA (Reuters)", "The leaders met."),
])
def test_parse_dateline(paragraph: str, place: str | None, day: int | None, agency: str | None,
                        text: str, rest: str) -> None:
    dateline, remainder = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.day, dateline.agency, dateline.text) == (place, day, agency, text)
    assert remainder == rest


@pytest.mark.parametrize("paragraph", ["【関連記事】米国の動き", "両首脳は16日に会談した。", "<対話の枠組み>"])
def test_parse_dateline_leaves_other_paragraphs(paragraph: str) -> None:
    assert parse_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize("line, agency", [
    ("[ロイター]", "ロイター"), ("ロイター", "ロイター"), ("（共同）", "共同"), ("(AFP=時事)", "AFP=時事"),
    ("ロイターによると、会談は続いた。", None), ("ワールド", None),
])
def test_credit_line(line: str, agency: str | None) -> None:
    assert credit_line(line) == agency


@pytest.mark.parametrize("module", [kg.published, kg.articles])
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("line, expected", [
    ("2025年6月13日 07時15分 (共同通信)", datetime(2025, 6, 13, 7, 15, tzinfo=JST)),
    ("２０２５年６月１３日　７時１５分（共同）", datetime(2025, 6, 13, 7, 15, tzinfo=JST)),
    ("2025/06/13 07:15 配信 時事通信", datetime(2025, 6, 13, 7, 15, tzinfo=JST)),
    ("更新日時：2025年6月13日 07:15", datetime(2025, 6, 13, 7, 15, tzinfo=JST)),
    ("［ロイター］2025年6月13日", datetime(2025, 6, 13, tzinfo=JST)),
    ("2025年6月13日 7時15分 ロイター配信", datetime(2025, 6, 13, 7, 15, tzinfo=JST)),
    ("2025年6月13日付", datetime(2025, 6, 13, tzinfo=JST)),
    # TV-news pages write the weekday bare; papers sign the line and add a later stamp
    ("2025年6月13日 金曜 午後3:12", datetime(2025, 6, 13, 15, 12, tzinfo=JST)),
    ("2025年6月13日 金曜日 15:12 更新", datetime(2025, 6, 13, 15, 12, tzinfo=JST)),
    ("朝日新聞 2025/6/13 11:28（最終更新 6/13 13:02）", datetime(2025, 6, 13, 11, 28, tzinfo=JST)),
    ("2025/06/13 11:28 日本経済新聞", datetime(2025, 6, 13, 11, 28, tzinfo=JST)),
])
def test_date_line_allows_credits_and_update_words(line: str, expected: datetime) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize("line", [
    "政府は2025年6月13日に声明を出した（共同）",  # a sentence with a credit is not a date line
    "2025年6月13日 JAPAN",
    "2025年6月13日 大阪で開幕",
    "2025/06/13 11:28 毎日新聞が報じた",  # a paper named in a sentence, not signing a line
    "2025年6月13日 金曜に会談へ",
])
def test_date_line_with_credit_rejects_other_text(line: str) -> None:
    assert date_line(line) is None


def test_article_with_credited_date_line_has_publication_date() -> None:
    article = kg.articles.read_text_article(
        "日中外相が電話会談\n2025年6月13日 07時15分 (共同通信)\n"
        "【北京共同】中国の外相は12日、日本の外相と電話で会談した。")
    assert article.published == datetime(2025, 6, 13, 7, 15, tzinfo=JST)
