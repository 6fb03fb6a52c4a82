"""Tests for entity rules of kg.ner, kg.mentions, kg.coref and kg.shortforms: place names
with descriptions and parts, envoys' titles, organs written bare or as one token, acronyms
written again, ``同``+organisation nouns.

Sentences are written for these tests in the style of wire reports.
"""

from __future__ import annotations

from kg.coref import resolve
from kg.mentions import find_mentions
from kg.parse import parse_article
from test_mentions import article_of, mentions_of, merged_mentions_of


def resolved(nlp, gazetteer, *texts):
    """(mentions after coreference, records by key) of an article of body paragraphs."""
    sentences = parse_article(nlp, article_of(*texts))
    found, minted = [], []
    for sentence in sentences:
        mentions, new = find_mentions(sentence, gazetteer)
        found += mentions
        minted += new
    out = resolve(sentences, found, gazetteer, minted)
    return out, {**gazetteer.entities, **{r.key: r for r in minted}}


def _by_text(mentions, text):
    return [m for m in mentions if m.text == text]


def test_capital_written_with_shuto_is_the_city(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "首都ハルツームでは19日も激しい戦闘が続いた。")
    assert [m.entity for m in found if m.text == "ハルツーム"] == ["khartoum"]
    assert not [m for m in found if "首都" in m.text]


def test_province_and_city_written_together_are_two_places(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "日本人男性は遼寧省大連で拘束された。")
    assert {m.entity for m in found} >= {"liaoning", "dalian"}
    assert all(gazetteer.entities[k].country == "china" for k in ("liaoning", "dalian"))


def test_part_of_a_region_is_the_region(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "アフリカ北東部のスーダンで戦闘が続いている。")
    assert "africa" in {m.entity for m in found}
    assert not [m for m in found if m.text.endswith("北東部")]


def test_state_written_with_kokunai_in_one_token_is_the_state(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "資産凍結の対象は、日本国内で送金ができなくなる。")
    assert "japan" in {m.entity for m in found}
    assert not [r for r in minted if r.type == "Country"]


def test_army_written_as_one_token_is_an_organ_of_its_state(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "韓国軍は、境界線付近での監視活動を再開するとしている。")
    army = [r for r in minted if r.label_ja == "韓国軍"]
    assert army and army[0].type == "Organization" and army[0].country == "south-korea"
    assert "south-korea" not in {m.entity for m in found}


def test_envoy_title_joins_the_person_and_keeps_the_host_state(nlp, gazetteer):
    found = merged_mentions_of(nlp, gazetteer, "佐藤健一駐ロシア大使は同日、ロシア外務次官と面会した。")
    envoy = [m for m in found if m.title and m.title.startswith("駐")]
    assert envoy and envoy[0].title == "駐ロシア大使" and envoy[0].text.endswith("駐ロシア大使")
    assert "russia" in {m.entity for m in found}


def test_bare_organ_after_another_organ_of_a_state_is_that_states(nlp, gazetteer):
    mentions, records = resolved(nlp, gazetteer, "ロシア軍は12日、ウクライナ東部の都市を攻撃した。",
                                 "国防省によると、ミサイル20発を発射した。")
    ministry = _by_text(mentions, "国防省")
    assert ministry and records[ministry[0].entity].label_ja == "ロシア国防省"
    assert records[ministry[0].entity].country == "russia"


def test_bare_home_organ_in_a_japanese_report_is_japans(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "北朝鮮は弾道ミサイルを発射した。", "外務省幹部は、抗議を検討していると述べた。")
    bare = [m for m in mentions if m.text == "外務省"]
    assert bare and bare[0].entity == "japanese-foreign-ministry"


def test_bare_organ_written_in_full_earlier_stays_that_organ(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "ロシア外務省は10日、声明を発表した。", "外務省は、日本の措置を非難した。")
    assert [m.entity for m in mentions if m.text == "外務省"] == ["russian-foreign-ministry"]


def test_bare_army_is_the_army_of_the_state_the_report_is_in(nlp, gazetteer):
    mentions, records = resolved(nlp, gazetteer, "スーダンで続く、軍と準軍事組織との戦闘が激しさを増している。")
    army = _by_text(mentions, "軍")
    assert army and records[army[0].entity].label_ja == "スーダン軍"


def test_bare_organ_without_any_state_is_no_mention(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "軍は声明を発表した。")
    assert not _by_text(mentions, "軍")


def test_glossed_acronym_written_again_is_the_same_organisation(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "スーダンでは、軍と準軍事組織RSF＝即応支援部隊との戦闘が続いている。",
                           "RSFは19日、停戦案を拒否した。")
    glossed = [m for m in mentions if "＝" in m.text]
    again = _by_text(mentions, "RSF")
    assert glossed and again and again[0].entity == glossed[0].entity


def test_dou_with_an_organisation_noun_is_that_organisation(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "中国人民解放軍南部戦区は25日、南シナ海で哨戒活動を実施したと発表した。",
                           "同戦区の報道官は、フィリピンを批判した。")
    assert [m.entity for m in mentions if m.text == "同戦区"] == ["southern-theater-command"]


def test_dou_noun_no_organisation_ends_with_is_nothing(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "ロシア外務省は声明を発表した。", "同戦区の報道官は反発した。")
    assert not [m for m in mentions if m.text == "同戦区"]


def test_both_states_are_the_pair_of_the_last_sentence_naming_two(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "岸田首相は10日、バイデン大統領と会談した。中国の海洋進出に懸念を示した。"
                           "両国は連携を強化することで一致した。")
    assert {m.entity for m in mentions if m.text == "両国"} == {"japan", "united-states"}


def test_both_states_written_with_their_names_are_those(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "米国は中国を批判した。日本、フィリピン両国は防衛協力を強化することで合意した。")
    assert {m.entity for m in mentions if m.text == "両国"} <= {"japan", "philippines"}


def test_both_ministers_never_take_persons_with_another_title(nlp, gazetteer):
    mentions, _ = resolved(nlp, gazetteer, "岸田首相は10日、バイデン大統領と会談した。",
                           "林外相は韓国の趙外相と会談した。両外相は連携を確認した。")
    both = {m.entity for m in mentions if m.text == "両外相"}
    assert both and not both & {gazetteer.lookup("岸田文雄").key, gazetteer.lookup("バイデン").key}


def test_both_forces_are_the_two_parties_last_written_together(nlp, gazetteer):
    mentions, records = resolved(nlp, gazetteer, "スーダンでは、軍と準軍事組織RSF＝即応支援部隊との戦闘が続いている。"
                                 "首都ハルツームでは、RSFの拠点に対して軍が空爆を行った。"
                                 "国連のグテーレス事務総長は声明で、両勢力に対し、戦闘を停止するよう求めた。")
    both = {records[m.entity].label_ja for m in mentions if m.text == "両勢力"}
    assert both == {"スーダン軍", "即応支援部隊"}


def test_bare_state_news_agency_in_two_tokens_is_the_states(nlp, gazetteer):
    mentions, records = resolved(nlp, gazetteer, "ロシア国営通信は声明を伝えた。", "国営通信によると、ロシア軍がキーウを空爆した。")
    agency = _by_text(mentions, "国営通信")
    assert agency and records[agency[0].entity].label_ja == "ロシア国営通信"


def test_photo_credit_names_no_entities(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "プーチン大統領が演説した。6月16日撮影(2021年 ロイター/Sputnik/Mikhail Metzel/Pool via REUTERS)")
    assert {m.entity for m in found} == {gazetteer.lookup("プーチン").key}
    assert not minted


def test_agency_line_is_a_credit(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "ロイター")
    assert found == []


def test_bracket_with_a_name_is_no_credit(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "東南アジア諸国連合(ASEAN)は声明を出した。")
    assert found and found[0].entity == gazetteer.lookup("ASEAN").key


def test_organisation_glossed_with_an_acronym_in_brackets_is_one(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "政府は、国連開発計画(UNDP)を通じて支援を実施した。")
    org = [r for r in minted if r.label_ja == "国連開発計画"]
    assert org and "UNDP" in org[0].aliases
    assert gazetteer.lookup("国連").key not in {m.entity for m in found}


def test_bracketed_acronym_of_no_organisation_is_no_name(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "今年の国内総生産(GDP)は伸びた。")
    assert not [r for r in minted if r.label_ja == "国内総生産"]


def _sources(nlp, gazetteer, text, category):
    from test_events import events_of, only

    return [set(e.sources) for e in only(events_of(nlp, gazetteer, text), category)]


def test_listed_members_before_nado_and_a_counted_group_act(nlp, gazetteer):
    """日本や米国など13か国が…: the named members act (also with などの and 主要国)."""
    members = {gazetteer.lookup("日本").key, gazetteer.lookup("米国").key}
    assert _sources(nlp, gazetteer, "日本や米国など13か国が賛成した。", "SUPPORT") == [members]
    assert _sources(nlp, gazetteer, "日本や米国などの13か国が賛成した。", "SUPPORT") == [members]
    assert _sources(nlp, gazetteer, "日本や米国など主要国は北朝鮮を非難した。", "ACCUSE") == [members]


def test_owners_of_a_counted_group_stay_all_members(nlp, gazetteer):
    """英国、フランス、ドイツの3カ国は: the listed states and the の-owner, not only the list."""
    three = {gazetteer.lookup(s).key for s in ("英国", "フランス", "ドイツ")}
    assert _sources(nlp, gazetteer, "英国、フランス、ドイツの3カ国は10日、イランを非難した。", "ACCUSE") == [three]


def test_chained_abbreviations_act_together(nlp, gazetteer):
    three = {gazetteer.lookup(s).key for s in ("日本", "米国", "韓国")}
    assert _sources(nlp, gazetteer, "日米韓の3カ国は10日、北朝鮮を非難した。", "ACCUSE") == [three]


def test_administration_written_as_one_token_is_the_state(nlp, gazetteer):
    """トランプ政権 (one token) and トランプ次期政権: the United States, not the person."""
    us = {gazetteer.lookup("米国").key}
    assert _sources(nlp, gazetteer, "トランプ政権は中国を批判した。", "ACCUSE") == [us]
    assert _sources(nlp, gazetteer, "トランプ次期政権は中国を批判した。", "ACCUSE") == [us]


def test_place_written_with_a_compass_part_before_it_is_the_place(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "ウクライナ軍は西部ブリャンスク州の施設を攻撃した。")
    assert "ブリャンスク州" in {m.text for m in found}
    assert not any(m.text.startswith("西部") for m in found)


def test_times_goods_and_weapons_are_not_minted_as_actors(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "ロシア軍は27日未明、米国製の長射程ミサイルATACMSで攻撃されたと発表した。")
    found2, minted2 = mentions_of(nlp, gazetteer, "日本はカタール産液化天然ガス（LNG）の輸入を増やす。")
    texts = {m.text for m in found + found2}
    assert not texts & {"未明", "ATACMS", "LNG", "産液化天然ガス"}
    assert {"ロシア軍", "カタール"} <= texts


def test_world_regions_are_places_in_the_gazetteer(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "中国は中南米や東南アジア、欧州への輸出を増やしている。")
    assert {m.entity for m in found} >= {"latin-america", "southeast-asia", "europe"}


def test_region_before_a_state_describes_it(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "東欧ベラルーシの外務省は5日、声明を発表した。")
    assert "eastern-europe" not in {m.entity for m in found} and "belarus" in {m.entity for m in found}
    found, _ = mentions_of(nlp, gazetteer, "西アフリカのマリで政変が起きた。")
    assert {"west-africa", "mali"} <= {m.entity for m in found}  # written with の, the region is named


def test_region_beginning_a_bodys_name_is_no_place(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "アジアインフラ投資銀行は融資を承認した。")
    assert "asia" not in {m.entity for m in found}


def test_central_america_is_not_china_and_the_us(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "中米のグアテマラは台湾と外交関係を維持している。")
    assert {m.entity for m in found} >= {"central-america", "guatemala"}
    assert not {"china", "united-states"} & {m.entity for m in found}


def test_state_abbreviated_in_a_title_is_mentioned_but_not_an_actor(nlp, gazetteer):
    """マクロン仏大統領 names France as written (an entity of the article), yet France does
    not join Macron in his acts."""
    from test_events import events_of, only

    found, _ = mentions_of(nlp, gazetteer, "岸田首相はマクロン仏大統領と会談した。")
    assert [m.text for m in found if m.entity == "france"] == ["仏"]
    meeting = only(events_of(nlp, gazetteer, "バイデン米大統領は16日、プーチン大統領と会談した。"), "CONSULT")
    assert len(meeting) == 1 and "united-states" not in set(meeting[0].sources) | set(meeting[0].recipients)
