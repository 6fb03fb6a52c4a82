"""Tests of classifying blocks (kg.blocks) and finding the article in page text (kg.furniture)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kg.blocks import Block, is_caption, is_copyright, is_heading, marker, numbered_run
from kg.furniture import find_article

JST = timezone(timedelta(hours=9))


def blocks(text: str) -> list[Block]:
    return [Block(line.strip()) for line in text.strip().split("\n") if line.strip()]


def texts(text: str, kind: str | None = None) -> list[str]:
    found = find_article(blocks(text))
    assert found is not None
    return [t for k, t in found.paragraphs if kind in (None, k)]


@pytest.mark.parametrize("line, expected", [
    ("今、あなたにオススメ", "hard"),
    ("人気ランキング", "hard"),
    ("【話題の記事】", "hard"),
    ("MAGAZINE", "hard"),
    ("Most Read", "hard"),
    ("【関連記事】", "soft"),
    ("あわせて読みたい", "soft"),
    ("PR", "soft"),
    ("Facebookでシェア", "soft"),
    ("世界最大の都市ランキングで東京は3位となり、前年から順位を下げた。", None),  # a sentence
    ("Popular uprising spreads across the capital city", None),                   # a headline
    ("米ロ首脳が初会談", None),
    ("press release", None),
])
def test_marker(line: str, expected: str | None) -> None:
    assert marker(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("首脳会談に臨む両首脳。6月16日撮影(2021年 ロイター/Kevin Lamarque)", True),
    ("モスクワで2011年3月撮影(2021年 ロイター/Alexander Natruskin)", True),
    ("記者会見する外相=3日、ソウル(共同)", True),
    ("写真は北京の人民大会堂。", True),
    ("会見する報道官(写真:ロイター/アフロ)", True),
    ("両首脳は16日に会談した。", False),
    ("米国の財政赤字は拡大した(ロイター調べ)と報じた。", False),
])
def test_is_caption(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("<戦略的安定に向け対話>", True), ("＜人権問題では溝＞", True), ("■核軍縮の行方", True),
    ("【焦点】", True), ("両首脳は会談した。", False), ("<p>本文。</p>", False),
])
def test_is_heading(line: str, expected: bool) -> None:
    assert is_heading(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Copyright (C) 2021 Example Co. 記事の無断転用を禁じます。", True),
    ("© 2024 サンプル新聞社", True),
    ("(c) 2021 Example Wire. All rights reserved.", True),
    ("記事・写真の無断複製を禁じます", True),
    ("両社は著作権を巡り和解した。", False),
])
def test_is_copyright(line: str, expected: bool) -> None:
    assert is_copyright(line) is expected


def test_numbered_run_finds_rankings_not_numbers_in_text() -> None:
    assert numbered_run(blocks("• 1\n株価が急落\n• 2\n新駅が開業\n• 3\n台風が北上"), 0)
    assert numbered_run(blocks("1. 株価が急落\n2. 新駅が開業\n3. 台風が北上"), 0)
    assert numbered_run(blocks("1位 株価が急落\n2位 新駅が開業\n3位 台風が北上"), 0)
    assert not numbered_run(blocks("1日、両首脳が会談した。\n2日には共同声明を出した。\n3日に帰国した。"), 0)
    assert not numbered_run(blocks("1. 株価が急落\n両国は協議を続けることで合意した。\n2. 新駅が開業"), 0)


def test_ranking_before_the_article_is_not_the_article() -> None:
    page = """
人気記事
1
円相場が一時急伸、市場関係者は介入を警戒している。
2
新型ロケットの打ち上げが延期された。
3
大手銀行が通期予想を修正した。
中東和平協議、来月再開へ
2024年2月1日 12時15分
中東和平を巡る協議が来月再開されることになった。複数の関係筋が31日、明らかにした。
協議には周辺国の代表も参加する見通しで、停戦の条件が焦点となる。
仲介国の外相は「対話の継続が何より重要だ」と述べた。
"""
    found = find_article(blocks(page))
    assert found is not None
    assert found.title == "中東和平協議、来月再開へ"
    assert found.published == datetime(2024, 2, 1, 12, 15, tzinfo=JST)
    assert found.paragraphs[0][1].startswith("中東和平を巡る協議が")
    assert len(found.paragraphs) == 3


def test_recommendations_with_sentences_after_marker_are_dropped() -> None:
    page = """
国連総会、気候変動で決議採択
国連総会は20日、気候変動対策の強化を各国に求める決議を賛成多数で採択した。
決議は法的拘束力を持たないが、各国の取り組みを後押しする狙いがある。
おすすめ記事
欧州議会は排出量取引の拡大を承認した。加盟国の負担が焦点だ。
米政府は新たな環境規制を発表した。産業界は反発している。
"""
    bodies = texts(page)
    assert bodies[-1].startswith("決議は法的拘束力を持たない")
    assert not any("欧州議会" in t or "米政府" in t for t in bodies)


def test_ad_label_inside_article_is_skipped_and_article_goes_on() -> None:
    page = """
外相、訪米へ調整
外相は来週にも米国を訪問する方向で調整に入った。政府関係者が明らかにした。
国務長官との会談で、同盟の強化を確認する見通しだ。
広告
PR
訪米中は国連本部で事務総長とも会談する予定だ。日程は最終調整中という。
外相の訪米は就任後初めてとなる。
"""
    bodies = texts(page)
    assert bodies[-1] == "外相の訪米は就任後初めてとなる。"
    assert "広告" not in bodies and "PR" not in bodies and len(bodies) == 4


def test_run_of_short_link_lines_ends_article() -> None:
    page = """
首相、ASEAN首脳と会談
首相は10日、東南アジア諸国連合(ASEAN)の首脳と会談し、海洋安全保障での協力を確認した。
首相は「法の支配に基づく秩序を守る」と強調した。
株価、一時急落
新駅の開業日決まる
台風7号が北上
地方選挙、投票率は過去最低に
"""
    bodies = texts(page)
    assert bodies[-1] == "首相は「法の支配に基づく秩序を守る」と強調した。"


def test_date_printed_under_the_article_and_no_date_line() -> None:
    page = """
メニュー
日米防衛相が会談
日米の防衛相は5日、都内で会談し、南西諸島での共同訓練を拡大することで一致した。
両氏は中国の海洋進出に懸念を示した。
2023年10月5日 20:00 配信
Copyright 2023 サンプル放送
"""
    found = find_article(blocks(page))
    assert found is not None
    assert found.title == "日米防衛相が会談"
    assert found.published == datetime(2023, 10, 5, 20, 0, tzinfo=JST)
    assert len(found.paragraphs) == 2


def test_trailing_agency_credit_in_last_paragraph() -> None:
    page = """
韓国大統領、訪日へ
2023年3月10日
韓国の大統領が16日から日本を訪問する。両国政府が10日発表した。
首脳会談では関係改善に向けた方策を協議する見通しだ。（共同）
"""
    found = find_article(blocks(page))
    assert found is not None and found.agency == "共同"
    assert found.paragraphs[-1] == ("body", "首脳会談では関係改善に向けた方策を協議する見通しだ。")


def test_given_title_block_is_dropped_and_link_blocks_are_not_body() -> None:
    page = [Block("米中が高官協議"), Block("米中は12日、高官協議を開いた。両国は対話の継続で一致した。"),
            Block("協議は約5時間に及んだ。", None), Block("関係強化へ 米中外相が電話会談", link=True),
            Block("米中首脳の会談日程", link=True), Block("北京で開幕 国際会議", link=True)]
    found = find_article(page, title="米中が高官協議")
    assert found is not None and found.title == "米中が高官協議"
    assert [t for _, t in found.paragraphs] == ["米中は12日、高官協議を開いた。両国は対話の継続で一致した。",
                                                "協議は約5時間に及んだ。"]


def test_no_running_text_gives_none() -> None:
    assert find_article(blocks("ホーム\n国際\n経済\nログイン")) is None
    assert find_article([]) is None
