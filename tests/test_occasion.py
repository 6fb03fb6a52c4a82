"""Tests for kg.occasion: which date an event without its own time expression gets.

Each article is written for the test in the style of a wire report; the dateline, when
given, is that of ``[パリ 14日 ロイター]``.
"""

from __future__ import annotations

import datetime

import pytest

from kg.extract import extract
from kg.model import Article, Dateline, DateValue, Paragraph
from kg.occasion import covers, has_sequence_word
from kg.parse import parse_article

PUBLISHED = datetime.datetime(2024, 3, 15, 9, 0)


def article(*paragraphs: str, dateline_day: int | None = 14) -> Article:
    text, spans = "", []
    for p in paragraphs:
        if text:
            text += "\n"
        spans.append(Paragraph("body", len(text), len(text) + len(p)))
        text += p
    dateline = Dateline("パリ", dateline_day, "ロイター", f"[パリ {dateline_day}日 ロイター]") if dateline_day else None
    return Article(id="t", path="t", title="", text=text, paragraphs=tuple(spans),
                   published=PUBLISHED, dateline=dateline)


def dated(nlp, gazetteer, *paragraphs: str, dateline_day: int | None = 14) -> list[tuple[str, str, str | None]]:
    art = article(*paragraphs, dateline_day=dateline_day)
    events = extract(art, parse_article(nlp, art), gazetteer).events
    return [(e.category, e.sources[0] if e.sources else "", e.date.iso if e.date else None) for e in events]


def date_of(events, category: str, source: str) -> str | None:
    found = [d for c, s, d in events if c == category and s == source]
    assert found, f"no {category} by {source} in {events}"
    return found[0]


def test_occasion_dateline_dates_the_lead_and_its_continuation(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "マクロン大統領はモディ首相とパリで会談し、防衛協力の強化で一致した。",
                   "マクロン氏は、インドへの戦闘機の追加売却を提案した。モディ氏は原子力協力の拡大を求めた。")
    assert date_of(events, "CONSULT", "emmanuel-macron") == "2024-03-14"
    assert date_of(events, "AGREE", "emmanuel-macron") == "2024-03-14"
    assert date_of(events, "DEMAND", "narendra-modi") == "2024-03-14"


def test_occasion_written_date_beats_the_dateline(nlp, gazetteer):
    events = dated(nlp, gazetteer, "フランスのマクロン大統領は13日、ウクライナのゼレンスキー大統領と電話会談した。")
    assert date_of(events, "CONSULT", "emmanuel-macron") == "2024-03-13"


def test_occasion_no_dateline_no_date_for_undated_lead(nlp, gazetteer):
    events = dated(nlp, gazetteer, "マクロン大統領はモディ首相と会談した。", dateline_day=None)
    assert date_of(events, "CONSULT", "emmanuel-macron") is None


@pytest.mark.parametrize("second", [
    "ロシア外務省は、フランスの姿勢を批判した。",          # another actor: not the occasion's
    "マクロン氏は来月、インドを訪問する予定だ。",            # future
    "マクロン氏は以前、ロシアを強く非難していた。",          # background, ongoing form
    "マクロン氏はその後、ドイツのショルツ首相とも会談した。",  # sequence word
    "会談に先立ち、マクロン氏はショルツ首相と電話会談した。",  # before the occasion
])
def test_occasion_does_not_date_what_does_not_continue_it(nlp, gazetteer, second):
    events = dated(nlp, gazetteer, "マクロン大統領はモディ首相とパリで会談した。", second)
    later = [d for c, s, d in events[1:]]
    assert later and all(d is None or d == "2024-04" for d in later), events


def test_occasion_later_date_stops_it_for_the_paragraph_only(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "マクロン大統領は14日、モディ首相と会談した。",
                   "マクロン氏は15日、ドイツのショルツ首相と電話会談する。マクロン氏はロシアを非難した。",
                   "モディ氏は、フランスとの協力を歓迎した。")
    assert date_of(events, "ACCUSE", "emmanuel-macron") is None
    assert date_of(events, "SUPPORT", "narendra-modi") == "2024-03-14"


def test_occasion_flashback_keeps_the_reference(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "マクロン大統領はモディ首相と会談した。",
                   "インドは昨年7月、フランスと戦闘機の調達で合意した。モディ氏はフランスに技術移転を要求した。")
    assert date_of(events, "AGREE", "india") == "2023-07"
    assert date_of(events, "DEMAND", "narendra-modi") == "2024-03-14"


def test_occasion_same_day_sentence_adds_its_actors(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "マクロン大統領は14日、モディ首相と会談した。",
                   "ショルツ首相も同日、モディ首相と電話会談した。ショルツ氏はインドに協力を求めた。")
    assert date_of(events, "CONSULT", "olaf-scholz") == "2024-03-14"
    assert date_of(events, "DEMAND", "olaf-scholz") == "2024-03-14"


def test_occasion_opening_on_the_meeting_noun_continues_it(nlp, gazetteer):
    events = dated(nlp, gazetteer, "NATOは14日、ブリュッセルで外相会合を開いた。", "会合にはウクライナのクレバ外相も出席した。")
    assert date_of(events, "CONSULT", "dmytro-kuleba") == "2024-03-14"


@pytest.mark.parametrize("earlier, reaction, expected", [
    ("中国の外相は先月、日本の対応を批判した。", "日本政府はこれに反発し、中国大使を呼び出して抗議した。", "2024-02"),
    ("北朝鮮は10日、弾道ミサイルを発射した。", "韓国はこれを受けて、北朝鮮への制裁を強化した。", "2024-03"),
    ("北朝鮮は10日、弾道ミサイルを発射した。", "韓国はその後、北朝鮮への制裁を強化した。", None),
    ("北朝鮮は10日、弾道ミサイルを発射した。", "韓国はこれに先立ち、北朝鮮への制裁を強化した。", None),
])
def test_reaction_takes_the_month_of_the_act_it_answers(nlp, gazetteer, earlier, reaction, expected):
    events = dated(nlp, gazetteer, "東京で関係国の会合が開かれた。", earlier + reaction, dateline_day=None)
    answer = [date for category, source, date in events if source in ("japan", "south-korea")
              and category in ("REJECT", "ACCUSE", "PROTEST", "SANCTION")]
    assert answer and answer[0] == expected


def test_occasion_helpers():
    assert covers(DateValue(2024, 3, None, "month"), DateValue(2024, 3, 14))
    assert not covers(DateValue(2024, 3, 13), DateValue(2024, 3, 14))
    assert has_sequence_word("首相はこれに先立ち、…") and not has_sequence_word("首相は同日、…")


def test_date_set_later_in_sentence_dates_its_nearest_predicate(nlp, gazetteer):
    # 翌15日には…停止すると発表: the date is the stop's, by the day written before it.
    events = dated(nlp, gazetteer,
                   "フランス政府は12日、ロシアの外交官2人を国外追放した。",
                   "ロシアは10日に反発し、翌11日にはフランスの外交官3人に国外退去を命じた。")
    assert date_of(events, "SANCTION", "russia") == "2024-03-11"


def test_flashback_adverbial_dates_the_relative_clause_act(nlp, gazetteer):
    # 昨年7月、…協力を停止する法律を施行: the halt is then, not at the report's occasion.
    events = dated(nlp, gazetteer,
                   "イランのアラグチ外相は14日、国際原子力機関のグロッシ事務局長と会談した。",
                   "イランは昨年7月、国際原子力機関との協力を停止する法律を施行した。")
    assert date_of(events, "SANCTION", "iran") == "2023-07"


def test_comma_set_date_does_not_date_a_relative_clause(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "林官房長官は14日の記者会見で、昨年8月に北京で拘束された日本人男性について、"
                   "中国当局が先月、正式に逮捕したと明らかにした。")
    dates = {d for c, _, d in events if c == "COERCE"}
    assert "2023-08" in dates and "2024-02" in dates


def test_reaction_with_its_own_same_day_takes_it(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "ロシア外務省は13日、条約から脱退したと発表した。",
                   "これを受け、北大西洋条約機構は同日、声明を発表し、条約の履行を停止したことを明らかにした。")
    assert date_of(events, "SANCTION", "nato") == "2024-03-13"


def test_reaction_without_a_date_keeps_the_month(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "ロシア外務省は13日、条約から脱退したと発表した。",
                   "これを受け、北大西洋条約機構は条約の履行を停止した。")
    assert date_of(events, "SANCTION", "nato") == "2024-03"


def test_quoted_verb_does_not_take_the_speakers_date(nlp, gazetteer):
    # 同日の記者会見で「…処理している」と述べ、…退けた: the quote's verb is no nearer predicate.
    events = dated(nlp, gazetteer,
                   "日本政府は13日、中国に邦人の早期解放を求めた。",
                   "中国外務省の報道官は同日の記者会見で「法に基づいて案件を処理している」と述べ、日本側の要求を退けた。")
    assert date_of(events, "REJECT", "chinese-foreign-ministry") == "2024-03-13"


# --- dates2: chains, attendance, reported contents, 同月, periods -------------------------

def test_first_conjunct_date_dates_the_chain(nlp, gazetteer):
    # 〜し、〜、: continuative clauses of one subject are one occasion.
    events = dated(nlp, gazetteer, "ロシア軍は2月3日にハルキウ州を空爆し、住民10人を殺害、多数の建物を破壊した。",
                   dateline_day=None)
    assert {d for c, _, d in events if c == "ASSAULT"} == {"2024-02-03"}


@pytest.mark.parametrize("text", [
    "ロシアは昨年11月に離脱したことで米国から非難された。",          # an ended clause is not a chain
    "マクロン大統領はモディ首相に年内にフランスを訪問するよう招待した。",  # the visit asked for
])
def test_date_of_another_clause_does_not_date_the_act(nlp, gazetteer, text):
    events = dated(nlp, gazetteer, text, dateline_day=None)
    assert all(d is None for _, _, d in events), events


def test_attendance_takes_the_gatherings_date(nlp, gazetteer):
    events = dated(nlp, gazetteer, "岸田首相は10日に開かれた主要7カ国首脳会議に出席した。", dateline_day=None)
    assert date_of(events, "CONSULT", "fumio-kishida") == "2024-03-10"
    events = dated(nlp, gazetteer, "岸田首相は国連総会に出席し、12日の一般討論演説で核軍縮を訴えた。",
                   dateline_day=None)
    assert date_of(events, "CONSULT", "fumio-kishida") == "2024-03-12"


def test_attendance_after_a_dated_gathering_takes_its_date(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "ロシア軍は13日、ウクライナ東部を攻撃した。"
                   "一方、ジュネーブでは12日、国連が主催する人道支援会合が開かれた。"
                   "日本からは上川陽子外相が出席し、1000万ドルの緊急無償資金協力を行うことを表明した。",
                   dateline_day=None)
    assert date_of(events, "CONSULT", "yoko-kamikawa") == "2024-03-12"


def test_attendance_planned_does_not_take_the_gatherings_date(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "ジュネーブでは12日、国連が主催する人道支援会合が開かれた。"
                   "上川陽子外相は来月の会合に出席する予定だ。",
                   dateline_day=None)
    assert date_of(events, "CONSULT", "yoko-kamikawa") in (None, "2024-04")


def test_reported_content_date_dates_the_reported_acts(nlp, gazetteer):
    # 比軍は14日、…で12日、…体当たりしたと発表: 14日 is the report's, 12日 the ramming's.
    events = dated(nlp, gazetteer,
                   "フィリピン軍は14日、南シナ海のアユンギン礁周辺で12日、補給船に中国海警局の船が体当たりし、"
                   "銃器を押収したと発表した。")
    assert {d for c, _, d in events if c in ("ASSAULT", "COERCE")} == {"2024-03-12"}, events


def test_speech_act_keeps_the_sentence_date_over_the_contents(nlp, gazetteer):
    events = dated(nlp, gazetteer, "日本政府は14日、中国が先月、邦人を拘束したと非難した。")
    assert date_of(events, "ACCUSE", "japan") == "2024-03-14"


def test_same_month_is_the_last_month_written(nlp, gazetteer):
    events = dated(nlp, gazetteer,
                   "フィリピンのマナロ外相は14日の記者会見で、中国海警局の船が先月、フィリピン船に放水したと非難した。"
                   "フィリピン政府は同月、中国大使館に抗議した。")
    assert date_of(events, "ACCUSE", "philippines") == "2024-02"


def test_topic_marked_date_is_not_in_a_nearer_relative_clause(nlp, gazetteer):
    # 3月には…履行に向けた文書で合意: は is never inside a relative clause.
    events = dated(nlp, gazetteer,
                   "セルビアのブチッチ大統領とコソボのクルティ首相は今年2月、合意案を受け入れ、"
                   "3月には履行に向けた付属文書で合意した。", dateline_day=None)
    assert "2024-03" in {d for c, _, d in events if c == "AGREE"}


@pytest.mark.parametrize("text", [
    "ロシア軍は6日から7日にかけて、ウクライナ各地を攻撃した。",
    "ロシア軍は6日夜から7日未明にかけてウクライナ各地を攻撃した。",
    "ロシアは6日正午から36時間の停戦を宣言した。",
])
def test_period_bounds_do_not_date_the_act(nlp, gazetteer, text):
    events = dated(nlp, gazetteer, text, dateline_day=None)
    assert events and all(d is None for _, _, d in events), events
