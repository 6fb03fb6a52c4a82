"""Entity and argument rules found on held-out wire reports: organs after a state
abbreviation (``米商務省``), dates that look like abbreviations (``5日朝``), origins
(``米国製``), administrations with a prefix (``次期政権``), ``双方``, and katakana family
names of East Asian persons (``イ大統領``). Sentences are written for these tests, each
rule with a case where it must not fire.
"""

from __future__ import annotations

from test_events import events_of, k
from test_mentions import mentions_of


def _texts(mentions):
    return {(m.text, m.entity) for m in mentions}


def test_abbreviation_before_an_organ_is_the_states_organ(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "米商務省は8日、新たな輸出規制を発表した。")
    organ = [m for m in found if m.text == "米商務省"]
    assert organ, found
    record = next(r for r in minted if r.key == organ[0].entity)
    assert record.type == "Organization" and record.country == gazetteer.lookup("米国").key
    found, _ = mentions_of(nlp, gazetteer, "米沿岸警備隊の巡視船が南シナ海で活動した。")
    assert any(m.text == "米沿岸警備隊" for m in found)


def test_abbreviation_before_a_plain_noun_is_no_organ(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "米国務省は声明で懸念を示した。")
    assert ("米国務省", gazetteer.lookup("米国務省").key) in _texts(found)


def test_day_and_morning_are_no_states(nlp, gazetteer):
    found, _ = mentions_of(nlp, gazetteer, "ロシア軍は4日夜から5日朝にかけて無人機を発射した。")
    assert not {gazetteer.lookup("日本").key, gazetteer.lookup("北朝鮮").key} & {m.entity for m in found}
    found, _ = mentions_of(nlp, gazetteer, "日朝首脳会談が開かれた。")
    assert gazetteer.lookup("北朝鮮").key in {m.entity for m in found}


def test_made_in_a_state_is_no_mention(nlp, gazetteer):
    found, minted = mentions_of(nlp, gazetteer, "同社は米国製の部品を使わない方針を示した。")
    assert not any("製" in m.text for m in found)
    assert not any(r.label_ja.endswith("製") for r in minted)


def test_incoming_administration_is_the_state(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "トランプ次期政権は中国からの輸入品に追加関税を課す方針だ。")
    sanction = [e for e in events if e.category == "SANCTION"]
    assert sanction and set(sanction[0].sources) == k(gazetteer, "米国")


def test_both_sides_are_the_participants_of_the_talks(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ショルツ独首相とマクロン仏大統領は3日、パリで中国の習近平国家主席と会談した。"
                       "双方は貿易問題を巡る対話を続けることで一致した。")
    agree = [e for e in events if e.category == "AGREE"]
    assert agree and k(gazetteer, "習近平") <= set(agree[0].sources) and len(agree[0].sources) >= 2


def test_both_sides_without_talks_is_nothing(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "双方は対話を続けることで一致した。")
    assert not [e for e in events if e.category == "AGREE" and e.sources]


def test_katakana_family_name_with_a_title(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "岸田首相は5日、韓国のユン・ソンニョル大統領と会談した。"
                       "ユン大統領は岸田首相に来年の訪韓を招待した。")
    # an invitation is an intent to meet (AGREE, CAMEO 036), the invitee its recipient
    second = [e for e in events if e.category == "AGREE" and k(gazetteer, "岸田") & set(e.recipients)]
    assert second and k(gazetteer, "ユン・ソンニョル") <= set(second[0].sources)
