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
