"""Tests for kg.mentions: gazetteer longest match, titles, abbreviations and NER minting."""

from __future__ import annotations

import pytest

from kg.mentions import find_mentions, minted_key
from kg.model import Article, Paragraph
from kg.parse import parse_article


def article_of(*texts: str) -> Article:
    """An Article made of body paragraphs."""
    text, paragraphs = "", []
    for t in texts:
        if text:
            text += "\n"
        paragraphs.append(Paragraph("body", len(text), len(text) + len(t)))
        text += t
    return Article(id="t", path="t", title="", text=text, paragraphs=tuple(paragraphs))


def mentions_of(nlp, gazetteer, text):
    article = article_of(text)
    out, minted = [], []
    for sentence in parse_article(nlp, article):
        found, new = find_mentions(sentence, gazetteer)
        out += found
        minted += new
    for m in out:
        assert article.text[m.start : m.end] == m.text
    return out, minted


def merged_mentions_of(nlp, gazetteer, text):
    """Mentions of sentences joined as ``kg.extract`` joins GiNZA's fragments."""
    from kg.extract import merge_fragments

    out = []
    for sentence in merge_fragments(parse_article(nlp, article_of(text))):
        out += find_mentions(sentence, gazetteer)[0]
    return out


def key(gazetteer, surface):
    return gazetteer.lookup(surface).key


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("バイデン米大統領は演説した。", [("バイデン", "バイデン米大統領", "大統領")]),
        ("バイデン氏は演説した。", [("バイデン", "バイデン氏", "氏")]),
        ("プーチン大統領は演説した。", [("プーチン", "プーチン大統領", "大統領")]),
        ("ホワイトハウスのサキ大統領報道官は記者団に語った。",
         [("ホワイトハウス", "ホワイトハウス", None), ("サキ", "サキ大統領報道官", "大統領報道官")]),
        ("中国の習近平国家主席は北京で演説した。",
         [("中国", "中国", None), ("習近平", "習近平国家主席", "国家主席")]),
        ("岸田首相はNATOの会合に出席した。", [("岸田", "岸田首相", "首相"), ("NATO", "NATO", None)]),
    ],
)
def test_mentions_titles_join_the_person(nlp, gazetteer, sentence, expected):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    got = [(m.entity, m.text, m.title) for m in found if m.via == "gazetteer"]
    want = [(key(gazetteer, name), text, title) for name, text, title in expected]
    for item in want:
        assert item in got
    assert not any(m.entity == key(gazetteer, "米国") and m.via != "title" for m in found if "米国" not in sentence)


def test_mentions_title_abbreviation_is_a_state_mention_apart_from_the_person(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "バイデン米大統領とプーチン大統領が会談した。")
    assert [m.entity for m in found if m.via != "title"] == [key(gazetteer, "バイデン"), key(gazetteer, "プーチン")]
    assert [(m.entity, m.text) for m in found if m.via == "title"] == [(key(gazetteer, "米国"), "米")]


@pytest.mark.parametrize(
    ("sentence", "surfaces"),
    [
        ("ロシアは駐米大使を召還した。", ["ロシア", "米"]),
        ("米国も駐ロ大使を召還した。", ["米国", "ロ"]),
        ("米側は反発した。", ["米側"]),
        ("領空開放(オープンスカイ)条約から離脱した。", ["領空開放(オープンスカイ)条約"]),
        ("新戦略兵器削減条約(新START)の延長で合意した。", ["新戦略兵器削減条約(新START)"]),
    ],
)
def test_mentions_abbreviations_and_glosses(nlp, gazetteer, sentence, surfaces):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    assert [m.text for m in found] == surfaces


@pytest.mark.parametrize(("sentence", "states"), [("日米両政府は協議した。", ["日本", "米国"]), ("米中の対立が深まった。", ["米国", "中国"])])
def test_mentions_abbreviation_compound_gives_group(nlp, gazetteer, sentence, states):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    group = [m for m in found if m.via == "group"]
    assert [m.entity for m in group] == [key(gazetteer, s) for s in states]


def test_mentions_middle_character_is_not_china(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "会期中に法案が成立した。")
    assert not any(m.entity == key(gazetteer, "中国") for m in found)


def test_mentions_ner_mints_stable_key(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "ペトロフスキー国防次官は声明を出した。")
    first = [m for m in found if m.via == "ner"]
    found2, _ = mentions_of(nlp, gazetteer, "ペトロフスキー氏は反論した。")
    second = [m for m in found2 if m.via == "ner"]
    assert first and second and first[0].entity == second[0].entity
    assert first[0].entity.startswith("ner-person-")
    assert minted and minted[0].minted


def test_minted_key_uses_surname_for_dotted_names():
    assert minted_key("セルゲイ・ペトロフスキー", "Person") == minted_key("ペトロフスキー", "Person")
    assert minted_key("ペトロフスキー", "Person") != minted_key("ペトロフスキー", "Organization")


def test_mentions_skip_descriptions(nlp, gazetteer):
    _, minted = mentions_of(nlp, gazetteer, "ロシアの反体制派指導者が拘束された。")
    assert not minted


@pytest.mark.parametrize(("sentence", "surface", "state"), [
    ("韓国外務省は声明を出した。", "韓国外務省", "韓国"),
    ("ポーランド軍は警戒を強めた。", "ポーランド軍", "ポーランド"),
    ("フィリピン沿岸警備隊は巡視を続けた。", "フィリピン沿岸警備隊", "フィリピン"),
    ("香港警察は集会を禁止した。", "香港警察", "香港"),
    ("米国の沿岸警備隊は訓練に参加した。", "沿岸警備隊", "米国"),
    ("比沿岸警備隊は、米国の沿岸警備隊とも情報共有を進めている。", "沿岸警備隊", "米国"),
])
def test_mentions_organ_of_a_state_is_its_own_organisation(nlp, gazetteer, sentence, surface, state):
    mentions, minted = mentions_of(nlp, gazetteer, sentence)
    organ = [m for m in mentions if m.text == surface]
    assert organ and organ[0].entity != gazetteer.lookup(state).key
    record = {r.key: r for r in minted}[organ[0].entity]
    holder = gazetteer.lookup(state)
    assert record.type == "Organization" and record.country == (holder.country or holder.key)


def test_mentions_government_stays_the_state(nlp, gazetteer):
    mentions, minted = mentions_of(nlp, gazetteer, "ドイツ政府は大使を召還した。")
    assert gazetteer.lookup("ドイツ").key in {m.entity for m in mentions} and not minted


@pytest.mark.parametrize(("sentence", "surface", "name", "title"), [
    ("林外務大臣は会見した。", "林外務大臣", "林芳正", "外務大臣"),
    ("蔡総統は演説した。", "蔡総統", "蔡英文", "総統"),
    ("金与正朝鮮労働党副部長は談話を出した。", "金与正朝鮮労働党副部長", "金与正", "朝鮮労働党副部長"),
])
def test_mentions_titles_pin_down_names(nlp, gazetteer, sentence, surface, name, title):
    mentions = merged_mentions_of(nlp, gazetteer, sentence)
    found = [m for m in mentions if m.text == surface]
    assert found and (found[0].entity, found[0].title) == (gazetteer.lookup(name).key, title)


def test_mentions_person_title_keeps_the_party(nlp, gazetteer):
    mentions = merged_mentions_of(nlp, gazetteer, "北朝鮮の金与正朝鮮労働党副部長は談話を出した。")
    assert gazetteer.lookup("朝鮮労働党").key in {m.entity for m in mentions}


def test_mentions_europe_and_america_is_not_the_eu(nlp, gazetteer):
    mentions, _ = mentions_of(nlp, gazetteer, "欧米諸国はロシアを非難した。")
    assert gazetteer.lookup("欧州連合").key not in {m.entity for m in mentions}


def test_mentions_demonym_is_its_state(nlp, gazetteer):
    mentions, minted = mentions_of(nlp, gazetteer, "米国はロシア人の武器商人を釈放した。")
    assert gazetteer.lookup("ロシア").key in {m.entity for m in mentions}
    assert not [r for r in minted if r.label_ja.endswith("人")]


def test_mentions_unknown_kanji_name_with_title_is_minted_with_its_state(nlp, gazetteer):
    """NER keeps only the surname (董); the given name up to the title joins it."""
    mentions, minted = mentions_of(nlp, gazetteer, "オースティン米国防長官は、中国の李尚福国防相と会談した。")
    person = [m for m in mentions if m.text.startswith("李尚福")]
    assert person and person[0].title == "国防相"
    record = {r.key: r for r in minted}[person[0].entity]
    assert (record.type, record.label_ja, record.country) == ("Person", "李尚福", gazetteer.lookup("中国").key)


def test_longest_match_stops_early_without_changing_matches(nlp, gazetteer):
    """The pruned gazetteer scan (``Words``) finds at every token what the full scan finds."""
    from kg.mentions import Words, _longest

    text = ("米国のバイデン大統領は5日、領空開放(オープンスカイ)条約をめぐりロシアのプーチン大統領と"
            "電話で会談し、日米韓の連携を確認した。駐日米大使は「ＮＡＴＯ」の方針を説明した。")
    for sentence in parse_article(nlp, article_of(text)):
        tokens = list(sentence.span)
        words = Words(tokens)
        for i in range(len(tokens) + 1):
            assert _longest(tokens, i, gazetteer, words) == _longest(tokens, i, gazetteer)


def test_stable_words_are_their_own_normal_form_after_any_text():
    """Only words that cannot join what precedes them under NFKC allow the early stop."""
    from kg.mentions import _stable

    assert _stable("") and _stable("ロシア") and _stable("大統領") and _stable("NATO")
    assert not _stable("\u3099")  # a combining voiced mark joins the kana before it
    assert not _stable("\u0301a")  # a combining accent joins the letter before it
    assert not _stable("\u1161")  # a Hangul vowel jamo composes with the consonant before it


@pytest.mark.parametrize(
    ("sentence", "surface", "name", "title"),
    [
        ("トランプ大統領は10日、中国を批判した。", "トランプ大統領", "トランプ", "大統領"),  # one token
        ("これに対し、トランプ大統領は反発した。", "トランプ大統領", "トランプ", "大統領"),
        ("米国のトランプ大統領は10日、中国を批判した。", "トランプ大統領", "トランプ", "大統領"),
        ("小泉防衛相は10日、記者会見で述べた。", "小泉防衛相", "小泉進次郎", "防衛相"),  # short name + title
    ],
)
def test_name_and_title_in_one_token(nlp, gazetteer, sentence, surface, name, title):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    hit = [m for m in found if m.text == surface]
    assert hit and hit[0].entity == key(gazetteer, name) and hit[0].title == title


def test_leader_and_administration_in_one_token(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "トランプ政権は10日、声明を出した。")
    assert [(m.entity, m.text) for m in found] == [(key(gazetteer, "トランプ"), "トランプ")]


@pytest.mark.parametrize("sentence", ["副大統領は10日、声明を出した。", "前大統領は10日、声明を出した。"])
def test_title_alone_is_no_person(nlp, gazetteer, sentence):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    assert not [m for m in found if gazetteer.entities[m.entity].type == "Person"]


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        ("日米韓の3カ国は10日、共同声明を出した。", ["日本", "米国", "韓国"]),
        ("米英豪の首脳は10日、会談した。", ["米国", "英国", "オーストラリア"]),
        ("米英仏の3カ国は声明を出した。", ["米国", "英国", "フランス"]),
        ("日中韓の首脳会議が開かれた。", ["日本", "中国", "韓国"]),
        ("日米豪印の4カ国は声明を出した。", ["日本", "米国", "オーストラリア", "インド"]),
        ("米比は合同演習を実施した。", ["米国", "フィリピン"]),
        ("中ロは合同演習を実施した。", ["中国", "ロシア"]),
    ],
)
def test_chained_state_abbreviations(nlp, gazetteer, sentence, states):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    assert [m.entity for m in found] == [key(gazetteer, s) for s in states]
    assert all(len(m.text) == 1 for m in found)


@pytest.mark.parametrize(
    "sentence",
    ["韓流ドラマが人気だ。", "英語で演説した。", "仏教の寺院を訪れた。", "米価が上昇した。", "前年比で3%増えた。",
     "対比すると分かる。", "比率が上がった。"],
)
def test_words_starting_with_an_abbreviation_are_no_states(nlp, gazetteer, sentence):
    found, _ = mentions_of(nlp, gazetteer, sentence)
    assert not [m for m in found if gazetteer.entities[m.entity].type == "Country"]


def test_known_name_beginning_with_abbreviations_wins(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "両氏は日中ハイレベル経済対話を開くことで一致した。")
    assert [m.text for m in found if m.text != "両氏"] == ["日中ハイレベル経済対話"]


@pytest.mark.parametrize("sentence", ["多国籍の枠組みで支援する方針だ。", "多国籍の部隊を派遣した。", "友好国と協力する。"])
def test_nationality_and_kinds_of_state_are_not_minted(nlp, gazetteer, sentence):
    found, minted = mentions_of(nlp, gazetteer, sentence)
    assert not found and not minted


@pytest.mark.parametrize(("written", "surface"), [
    ("欧州連合（EU）", "欧州連合"),
    ("国連開発計画(UNDP)", "国連開発計画"),
    ("領空開放(オープンスカイ)条約", "領空開放(オープンスカイ)条約"),  # a gloss inside a name stays
    ("EU", "EU"),
])
def test_without_gloss_drops_only_a_trailing_acronym(written, surface):
    from kg.mentions import without_gloss

    assert without_gloss(written) == surface


def test_exports_name_a_glossed_actor_without_its_acronym(nlp, store, tmp_path):
    """Users and scorers read actor_text and entity mentions: 欧州連合（EU） is 欧州連合 there."""
    from kg.export_plover import entity_records, plover_records
    from kg.pipeline import build

    path = tmp_path / "eu.txt"
    path.write_text("欧州連合（EU）は24日、ロシアに対する制裁を発動した。\n", encoding="utf-8")
    build([path], store, nlp=nlp, strict=True)
    sources = [a for r in plover_records(store) for a in r["source"]]
    assert {a["actor_text"] for a in sources} == {"欧州連合"}
    eu = next(e for e in entity_records(store) if e["label_en"] == "European Union")
    assert "欧州連合" in eu["mentions"] and not any("（" in m for m in eu["mentions"])


@pytest.mark.parametrize(("sentence", "surface", "title"), [
    ("外務省の山川孝典事務次官は3日、大使を呼び出した。", "山川孝典事務次官", "事務次官"),
    ("英国のハーパー臨時代理大使が外務省を訪れた。", "ハーパー臨時代理大使", "臨時代理大使"),
    ("米国のハンセン・中東担当上級顧問は会見で述べた。", "ハンセン・中東担当上級顧問", "中東担当上級顧問"),
    ("国連のロペス軍縮担当特使が来日した。", "ロペス軍縮担当特使", "軍縮担当特使"),
])
def test_officials_take_their_title_and_full_name(nlp, gazetteer, sentence, surface, title):
    """A name NER cuts short (surname only) or a title with its brief (〜担当上級顧問) still
    gives one person mention carrying the title, so 氏 and the title are not part of the name."""
    found, _ = mentions_of(nlp, gazetteer, sentence)
    person = [m for m in found if m.title]
    assert [(m.text, m.title) for m in person] == [(surface, title)]


def test_a_brief_alone_is_no_title(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "政府は中東担当の部署を新設した。")
    assert not [m for m in found if m.title]
