"""Tests for kg.extract: whole articles, captions, and the two seed reports."""

from __future__ import annotations

import pytest

from kg.articles import read_article
from kg.extract import extract, extract_article
from kg.model import Article, Paragraph
from kg.parse import parse_article
from test_mentions import article_of

SEED_CALL = "001_9744aeb55fb20b7c.txt"
SEED_SUMMIT = "000_d94875591c644829.txt"


@pytest.fixture(scope="module")
def seeds(nlp, gazetteer, seed_dir):
    return {name: extract_article(nlp, read_article(seed_dir / name), gazetteer) for name in (SEED_CALL, SEED_SUMMIT)}


def find(extraction, category, **want):
    out = []
    for event in extraction.events:
        if event.category != category:
            continue
        if all(set(v) <= set(getattr(event, f)) if isinstance(v, (set, tuple)) else getattr(event, f) == v
               for f, v in want.items()):
            out.append(event)
    return out


def test_extract_captions_give_mentions_not_events(nlp, gazetteer):
    caption = "習近平国家主席と会談する岸田文雄首相。北京で撮影。"
    body = "岸田文雄首相は10日、北京で習近平国家主席と会談した。"
    text = caption + "\n" + body
    article = Article(id="a", path="a", title="", text=text, paragraphs=(
        Paragraph("caption", 0, len(caption)), Paragraph("body", len(caption) + 1, len(text))))
    extraction = extract_article(nlp, article, gazetteer)
    assert any(m.start < len(caption) for m in extraction.mentions)
    assert [e.category for e in extraction.events] == ["CONSULT"]
    assert extraction.events[0].start > len(caption)


def test_extract_mints_records_for_unknown_names(nlp, gazetteer):
    text = "ロシアのペトロフスキー外務次官は15日、北大西洋条約機構を非難した。"
    article = Article(id="b", path="b", title="", text=text, paragraphs=(Paragraph("body", 0, len(text)),))
    from kg.parse import parse_article

    extraction = extract(article, parse_article(nlp, article), gazetteer)
    minted = {r.key for r in extraction.minted}
    assert minted and all(k.startswith("ner-") for k in minted)
    accuse = extraction.events[0]
    assert accuse.sources[0] in minted
    assert accuse.recipients == (gazetteer.lookup("NATO").key,)


def test_extract_seed_phone_call(seeds):
    ex = seeds[SEED_CALL]
    biden, putin = "joe-biden", "vladimir-putin"
    call = find(ex, "CONSULT", mode="phone")
    assert call and {biden, putin} <= set(call[0].sources + call[0].recipients)
    assert call[0].date.iso == "2021-01-26"
    agree = find(ex, "AGREE", about=("new-start",), treaty_status="extended")
    assert agree and "kremlin" in agree[0].attributed_to and "white-house" in agree[0].not_confirmed_by
    assert find(ex, "AGREE", about=("strategic-stability-dialogue",))
    withdraw = find(ex, "SANCTION", about=("open-skies-treaty",), treaty_status="withdrawn", mode="withdraw")
    assert withdraw and withdraw[0].sources == ("united-states",) and "historical" in withdraw[0].contexts
    assert withdraw[0].date is None
    support = find(ex, "SUPPORT", recipients=("ukraine",))
    assert support and biden in support[0].sources


def test_extract_seed_summit(seeds):
    ex = seeds[SEED_SUMMIT]
    meet = find(ex, "CONSULT", place="geneva")
    assert meet and set(meet[0].sources) == {"joe-biden", "vladimir-putin"} and meet[0].date.iso == "2021-06-16"
    assert find(ex, "AGREE", sources=("joe-biden", "vladimir-putin"))
    assert find(ex, "AGREE", about=("strategic-stability-dialogue",))
    extended = find(ex, "AGREE", about=("new-start",), treaty_status="extended")
    assert extended and extended[0].date.iso == "2021-02"
    assert find(ex, "AGREE", topics=())[0]
    recalls = find(ex, "SANCTION", mode="withdraw")
    assert [(e.sources, e.recipients) for e in recalls] == [(("russia",), ("united-states",)), (("united-states",), ("russia",))]
    assert recalls[0].date.iso == "2021-03"  # これに…: answers the March remark, in that month
    assert recalls[1].date is None  # その後: later, on no date the text gives
    assert find(ex, "REJECT", sources=("vladimir-putin",), recipients=("united-states",))
    threats = find(ex, "THREATEN", sources=("joe-biden",), recipients=("russia",))
    assert threats and all("hypothetical" not in t.contexts for t in threats)  # conditional threats are real
    assert find(ex, "DEMAND", sources=("joe-biden",), recipients=("russia",))
    assert not find(ex, "ASSAULT", sources=("russia",))  # クリミア併合 is a topic of 悪化, not an event


def test_extract_seed_entities_share_keys(seeds):
    keys = [{m.entity for m in ex.mentions} for ex in seeds.values()]
    for key in ("joe-biden", "vladimir-putin", "united-states", "russia", "new-start"):
        assert all(key in k for k in keys)


def test_extract_joins_sentence_fragments(nlp, gazetteer):
    """GiNZA may split a sentence inside a name (two roots): the pieces are read as one."""
    from kg.extract import merge_fragments

    article = article_of("北朝鮮の金与正朝鮮労働党副部長は10日、米軍の偵察活動を非難した。")
    sentences = merge_fragments(parse_article(nlp, article))
    assert len(sentences) == 1 and sentences[0].text.endswith("。")
    ex = extract(article, parse_article(nlp, article), gazetteer)
    assert [e.sources for e in ex.events if e.category == "ACCUSE"] == [("kim-yo-jong",)]


def test_extract_credit_lines_give_no_entities(nlp, gazetteer):
    article = article_of("ドイツはロシアの外交官を追放した。", "[ロイター]")
    ex = extract(article, parse_article(nlp, article), gazetteer)
    assert not ex.minted and not [m for m in ex.mentions if "ロイター" in m.text]
