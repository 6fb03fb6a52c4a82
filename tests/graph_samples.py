"""Hand-built extraction records (no GiNZA) for the graph-stage tests (rdf, validate, export)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kg.gazetteer import Gazetteer
from kg.model import (
    Article,
    Dateline,
    DateValue,
    EntityRecord,
    Event,
    Extraction,
    Mention,
    Paragraph,
)

JST = timezone(timedelta(hours=9))
RULES = "test-rules-1"


def sample_gazetteer() -> Gazetteer:
    """A small gazetteer: states, leaders, a ministry, a treaty, a place, unmentioned states."""
    records = [
        EntityRecord("united-states", "Country", "アメリカ合衆国", "United States",
                     ("米国", "アメリカ", "米", "USA"), wikidata="Q30", iso3="USA"),
        EntityRecord("russia", "Country", "ロシア", "Russia", ("ロシア連邦", "露"),
                     wikidata="Q159", iso3="RUS"),
        EntityRecord("switzerland", "Country", "スイス", "Switzerland", (), wikidata="Q39",
                     iso3="CHE"),
        EntityRecord("japan", "Country", "日本", "Japan", ("日",), wikidata="Q17", iso3="JPN"),
        EntityRecord("joe-biden", "Person", "ジョー・バイデン", "Joe Biden", ("バイデン",),
                     wikidata="Q6279", country="united-states",
                     office="President of the United States"),
        EntityRecord("vladimir-putin", "Person", "ウラジーミル・プーチン", "Vladimir Putin",
                     ("プーチン",), wikidata="Q7747", country="russia",
                     office="President of Russia"),
        EntityRecord("russian-foreign-ministry", "Organization", "ロシア外務省",
                     "Ministry of Foreign Affairs of Russia", ("露外務省",), wikidata="Q1477061",
                     country="russia"),
        EntityRecord("united-nations", "Organization", "国際連合", "United Nations", ("国連",),
                     wikidata="Q1065"),
        EntityRecord("us-russia", "Group", "米ロ", "United States and Russia", ("米露",),
                     members=("united-states", "russia")),
        EntityRecord("new-start", "Treaty", "新戦略兵器削減条約", "New START", ("新START",),
                     wikidata="Q1128126"),
        EntityRecord("geneva", "Place", "ジュネーブ", "Geneva", (), wikidata="Q71",
                     country="switzerland"),
    ]
    return Gazetteer(
        version="test-1",
        entities={r.key: r for r in records},
        titles=("大統領", "外相", "氏"),
        abbreviations={"米": "united-states", "ロ": "russia"},
    )


LAVROV = EntityRecord("ner-person-lavrov", "Person", "ラブロフ", "", minted=True)

TEXT_1 = (
    "米ロ両政府は3日、新戦略兵器削減条約（新START）を5年延長することで合意した。\n"
    "バイデン米大統領は1月26日、プーチン大統領と電話で会談した。\n"
    "ロシア外務省は、米国の新たな制裁を「敵対的だ」と非難した。\n"
    "ラブロフ外相は来年、ジュネーブを訪問する予定だ。"
)
TEXT_2 = "国連は20日、ロシアに対し「ジュネーブでの協議に応じるよう」要請した。"


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _mention(text: str, surface: str, key: str, sentence: int, **kw: object) -> Mention:
    start, end = _span(text, surface, _sentences(text)[sentence][0])
    return Mention(entity=key, text=surface, start=start, end=end, sentence=sentence, **kw)


def _event(text: str, article: str, category: str, trigger: str, sentence: int, **kw) -> Event:
    s_start, s_end = _sentences(text)[sentence]
    start, end = _span(text, trigger, s_start)
    return Event(article=article, category=category, trigger=trigger, start=start, end=end,
                 sentence=sentence, sentence_start=s_start, sentence_end=s_end, **kw)


def extraction_new_start() -> Extraction:
    """An article of 2021-02-03: AGREE (treaty extended), CONSULT by phone, ACCUSE, a visit."""
    text, aid = TEXT_1, "a1f0c0ffee000001"
    article = Article(
        id=aid, path="seeds/001.txt", title="米ロ、新STARTの5年延長で合意", text=text,
        paragraphs=tuple(Paragraph("body", s, e) for s, e in _sentences(text)),
        published=datetime(2021, 2, 3, 18, 30, tzinfo=JST),
        dateline=Dateline("ジュネーブ", 3, "ロイター", "[ジュネーブ 3日 ロイター]"),
        agency="ロイター", url="https://news.example.jp/world/2021/02/03/new-start",
        publication="テスト国際ニュース",
    )
    mentions = (
        _mention(text, "米ロ", "united-states", 0, via="group"),
        _mention(text, "米ロ", "russia", 0, via="group"),
        _mention(text, "新戦略兵器削減条約", "new-start", 0),
        _mention(text, "新START", "new-start", 0),
        _mention(text, "バイデン米大統領", "joe-biden", 1, title="大統領"),
        _mention(text, "プーチン大統領", "vladimir-putin", 1, title="大統領"),
        _mention(text, "ロシア外務省", "russian-foreign-ministry", 2),
        _mention(text, "米国", "united-states", 2),
        _mention(text, "ラブロフ外相", LAVROV.key, 3, title="外相", via="ner"),
        _mention(text, "ジュネーブ", "geneva", 3),
    )
    events = (
        _event(text, aid, "AGREE", "合意", 0, sources=("united-states", "russia"),
               about=("new-start",), topics=("核軍縮",), contexts=("cbrn",),
               date=DateValue(2021, 2, 3, "day"), treaty_status="extended",
               surface=(("united-states", "米ロ"), ("russia", "米ロ"))),
        _event(text, aid, "CONSULT", "会談", 1, sources=("joe-biden", "vladimir-putin"),
               mode="phone", date=DateValue(2021, 1, None, "month")),
        _event(text, aid, "ACCUSE", "非難", 2, sources=("russian-foreign-ministry",),
               recipients=("united-states",), attributed_to=("russian-foreign-ministry",)),
        _event(text, aid, "CONSULT", "訪問", 3, sources=(LAVROV.key,), recipients=(),
               mode="visit", place="geneva", contexts=("future",),
               date=DateValue(2022, precision="year")),
    )
    return Extraction(article=article, mentions=mentions, events=events, minted=(LAVROV,))


def extraction_un_request() -> Extraction:
    """An earlier article (2021-01-20) with one REQUEST, to check export order."""
    text, aid = TEXT_2, "b2f0c0ffee000002"
    article = Article(
        id=aid, path="seeds/002.html", title="国連、ロシアに協議を要請", text=text,
        paragraphs=(Paragraph("body", 0, len(text)),),
        published=datetime(2021, 1, 20, 9, 0, tzinfo=JST),
    )
    mentions = (
        _mention(text, "国連", "united-nations", 0),
        _mention(text, "ロシア", "russia", 0),
        _mention(text, "ジュネーブ", "geneva", 0),
    )
    events = (
        _event(text, aid, "REQUEST", "要請", 0, sources=("united-nations",),
               recipients=("russia",), place="geneva", date=DateValue(2021, 1, 20)),
    )
    return Extraction(article=article, mentions=mentions, events=events)
