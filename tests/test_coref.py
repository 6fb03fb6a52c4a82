"""Tests for kg.coref: 同氏, 両首脳, 両国, bare titles and 〜政権."""

from __future__ import annotations

import pytest

from kg.coref import resolve
from kg.mentions import find_mentions
from kg.parse import parse_article
from test_mentions import article_of


def resolved(nlp, gazetteer, *texts):
    sentences = parse_article(nlp, article_of(*texts))
    found, minted = [], []
    for sentence in sentences:
        m, n = find_mentions(sentence, gazetteer)
        found += m
        minted += n
    return resolve(sentences, found, gazetteer, minted)


def keys(gazetteer, *surfaces):
    return [gazetteer.lookup(s).key for s in surfaces]


@pytest.mark.parametrize(
    ("texts", "anaphor", "expected"),
    [
        (("岸田首相は習近平国家主席と会談した。", "同氏は記者団に語った。"), "同氏", ["習近平"]),
        (("プーチン大統領は演説した。", "同大統領は欧米を批判した。"), "同大統領", ["プーチン"]),
        (("北朝鮮は弾道ミサイルを発射した。", "同国は国連決議に違反している。"), "同国", ["北朝鮮"]),
        (("ロシアはINF全廃条約から離脱した。", "同条約は失効した。"), "同条約", ["INF全廃条約"]),
        (("バイデン米大統領はプーチン大統領と会談した。", "両首脳は握手した。"), "両首脳", ["バイデン", "プーチン"]),
        (("林芳正外相は王毅外相と会談した。", "両氏は協力で一致した。"), "両氏", ["林芳正", "王毅"]),
        (("バイデン米大統領はプーチン大統領と会談した。", "両国は大使の復帰で合意した。"), "両国", ["米国", "ロシア"]),
        (("ゼレンスキー大統領はキーウで演説した。", "大統領は支援を求めた。"), "大統領", ["ゼレンスキー"]),
        (("王毅外相は上川陽子外相と会談した。", "王氏は懸念を示した。"), "王氏", ["王毅"]),
        (("李強首相は上川陽子外相と会談した。", "李氏は協力を求めた。"), "李氏", ["李強"]),
        (("林芳正官房長官は記者会見した。", "林氏は遺憾の意を示した。"), "林氏", ["林芳正"]),
        (("ロシア外務省は声明を出した。", "外務省は米国を非難した。"), "外務省", ["ロシア外務省"]),
        (("政府は閣議で制裁の延長を決めた。",), "政府", ["日本"]),
    ],
)
def test_coref_resolves_anaphors(nlp, gazetteer, texts, anaphor, expected):
    mentions = resolved(nlp, gazetteer, *texts)
    got = [m.entity for m in mentions if m.text == anaphor and m.via in ("coref", "group")]
    assert sorted(got) == sorted(keys(gazetteer, *expected))


def test_coref_written_pair_needs_no_group(nlp, gazetteer):
    mentions = resolved(nlp, gazetteer, "プーチン、バイデン両氏がこれに満足の意を表した。")
    assert not [m for m in mentions if m.via == "group"]


def test_coref_administration_is_the_state(nlp, gazetteer):
    mentions = resolved(nlp, gazetteer, "バイデン政権はロシアに制裁を科した。")
    first = mentions[0]
    assert (first.entity, first.title, first.via) == (gazetteer.lookup("米国").key, "政権", "coref")


def test_coref_same_person_without_antecedent_is_dropped(nlp, gazetteer):
    mentions = resolved(nlp, gazetteer, "同氏は記者団に語った。")
    assert not mentions


def test_coref_minted_person_surname(nlp, gazetteer):
    """An unknown kanji name minted from NER, then its surname with 氏: one entity."""
    mentions = resolved(nlp, gazetteer, "台湾の頼徳明外交部長は会見した。", "頼氏は中国を批判した。")
    first = [m for m in mentions if m.text.startswith("頼徳明")]
    later = [m for m in mentions if m.text == "頼氏"]
    assert first and later and later[0].entity == first[0].entity


def test_coref_surname_needs_a_full_first_mention(nlp, gazetteer):
    mentions = resolved(nlp, gazetteer, "劉氏は会見で米国を批判した。")
    assert not [m for m in mentions if m.via == "coref"]


def test_coref_state_written_before_government_is_not_japan(nlp, gazetteer):
    mentions = resolved(nlp, gazetteer, "韓国政府は日本に抗議した。")
    assert gazetteer.lookup("韓国").key in {m.entity for m in mentions if m.text.startswith("韓国")}
    assert not [m for m in mentions if m.text == "政府" and m.via == "coref"]
