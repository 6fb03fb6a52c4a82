"""Tests for the argument rules of kg.roles and kg.clauses: who did what to whom when the
parse or the text leaves the actor elsewhere (link nouns, quotes, conditions, second subjects).

Sentences are written for these tests in the style of wire reports.
"""

from __future__ import annotations

from test_events import events_of, k


def _one(events, category):
    found = [e for e in events if e.category == category]
    assert found, f"no {category} in {[(e.category, e.trigger) for e in events]}"
    return found[0]


def test_link_noun_clause_shares_the_subject(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、北朝鮮のミサイル発射を非難したほか、中国に建設的な役割を求めた。")
    assert set(_one(events, "ACCUSE").sources) == k(gazetteer, "林芳正")
    assert set(_one(events, "DEMAND").sources) == k(gazetteer, "林芳正")


def test_link_noun_clause_with_its_own_subject_keeps_it(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "中国軍が台湾周辺で演習を実施したほか、ロシア軍も日本海で演習を行った。")
    first = min((e for e in events if e.category == "MOBILIZE"), key=lambda e: e.start)
    assert set(first.sources) == k(gazetteer, "中国人民解放軍")


def test_link_noun_clause_without_subject_continues_the_previous_topic(nlp, gazetteer):
    events = events_of(nlp, gazetteer,
                       "上川陽子外相は15日、マニラでフィリピンのマナロ外相と会談した。"
                       "北朝鮮による弾道ミサイル発射を非難したほか、ロシアに即時撤退を求めた。")
    accuse = _one(events, "ACCUSE")
    assert set(accuse.sources) == k(gazetteer, "上川陽子")
    assert set(accuse.recipients) == k(gazetteer, "北朝鮮")


def test_object_before_the_quote_is_the_accusations(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米国務省のミラー報道官は16日の声明で、中国の行動を「危険だ」と批判した。")
    assert set(_one(events, "ACCUSE").recipients) == k(gazetteer, "中国")


def test_addressee_of_a_quoted_warning(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア外務省は、日本に対し「重大な結果を招く」と警告した。")
    assert set(_one(events, "THREATEN").recipients) == k(gazetteer, "日本")


def test_condition_on_the_speech_verb_names_the_threatened(nlp, gazetteer):
    events = events_of(nlp, gazetteer,
                       "ロシアのペスコフ大統領報道官は、フィンランドがNATOに加盟すればロシアは「相応の措置を取る」とけん制した。")
    assert set(_one(events, "THREATEN").recipients) == k(gazetteer, "フィンランド")


def test_threat_without_condition_or_addressee_has_no_recipient(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "プーチン大統領は「相応の措置を取る」と警告した。")
    assert _one(events, "THREATEN").recipients == ()


def test_ga_subject_of_the_reported_act_hung_on_the_speech_verb(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林芳正官房長官は5日、中国当局が日本人男性を正式に逮捕したと明らかにした。")
    coerce = _one(events, "COERCE")
    assert set(coerce.sources) == k(gazetteer, "中国")
    assert set(coerce.attributed_to) == k(gazetteer, "林芳正")


def test_speaker_with_ga_keeps_the_quote(nlp, gazetteer):
    """No は-speaker: the が-phrase is the one who speaks, not a second subject."""
    events = events_of(nlp, gazetteer, "ロシア国防省が「ウクライナ軍の拠点を攻撃した」と発表した。")
    assert set(_one(events, "ASSAULT").sources) == k(gazetteer, "ロシア国防省")


def test_second_subject_of_an_accusation_is_accused(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "岸田首相は、ロシアが「侵略を続けている」と非難した。")
    accuse = _one(events, "ACCUSE")
    assert set(accuse.sources) == k(gazetteer, "岸田文雄")
    assert set(accuse.recipients) == k(gazetteer, "ロシア")


def test_coordinated_ga_subjects_are_sources_not_accused(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米国と日本が北朝鮮を非難した。")
    accuse = _one(events, "ACCUSE")
    assert set(accuse.sources) == k(gazetteer, "米国", "日本")
    assert set(accuse.recipients) == k(gazetteer, "北朝鮮")


def test_bare_organ_after_the_states_army_is_its_ministry(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア軍は12日、ウクライナ東部の都市を攻撃した。",
                       "国防省によると、軍は巡航ミサイルを発射した。")
    launch = _one(events, "MOBILIZE")
    assert set(launch.sources) == k(gazetteer, "ロシア軍")
    assert len(launch.attributed_to) == 1 and launch.attributed_to[0] != gazetteer.lookup("ウクライナ").key


def test_partner_of_the_talks_the_agreement_was_reached_in(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "岸田首相はバイデン大統領との首脳会談で、ウクライナ支援を続けることで一致した。")
    agree = _one(events, "AGREE")
    assert set(agree.sources) == k(gazetteer, "岸田文雄")
    assert set(agree.recipients) == k(gazetteer, "バイデン")


def test_actor_in_the_object_of_talks_is_a_topic(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "岸田首相はバイデン大統領との会談で、北朝鮮問題を協議した。")
    consult = _one(events, "CONSULT")
    assert set(consult.recipients) == k(gazetteer, "バイデン")


def test_visited_state_is_the_recipient_of_a_visit(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ブリンケン国務長官はウクライナを訪問した。")
    assert set(_one(events, "CONSULT").recipients) == k(gazetteer, "ウクライナ")


def test_target_written_with_ni_mukete(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "イランの革命防衛隊は、イスラエルに向けて弾道ミサイルを発射した。")
    launch = _one(events, "ASSAULT")  # fired at a state: an attack
    assert set(launch.recipients) == k(gazetteer, "イスラエル")


def test_unnamed_body_of_a_state_is_the_state_and_stops_the_carry_over(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "北朝鮮は弾道ミサイルを発射した。",
                       "イランの革命防衛隊は、イスラエルに向けて弾道ミサイルを発射した。")
    second = [e for e in events if e.category in ("MOBILIZE", "ASSAULT")][-1]
    assert set(second.sources) == k(gazetteer, "イラン")


def test_goal_written_with_ni_mukete_is_no_recipient(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "岸田首相は、2030年に向けて脱炭素を進めることで合意した。")
    assert _one(events, "AGREE").recipients == ()


def test_unknown_titled_partner_of_a_state_is_the_state(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林外相は韓国の趙外相と会談した。")
    assert set(_one(events, "CONSULT").recipients) == k(gazetteer, "韓国")


def test_joint_statement_speaks_for_the_talks_participants(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "バイデン米大統領は13日、インドネシアのジョコ大統領と会談した。"
                       "共同声明は、北朝鮮による弾道ミサイル発射を非難した。")
    accuse = _one(events, "ACCUSE")
    assert set(accuse.sources) == k(gazetteer, "バイデン", "ジョコ")


def test_joint_statement_of_named_states_is_theirs(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "バイデン米大統領は13日、インドネシアのジョコ大統領と会談した。",
                       "日米韓の共同声明は、北朝鮮を非難した。")
    accuse = _one(events, "ACCUSE")
    assert set(accuse.sources) == k(gazetteer, "日本", "米国", "韓国")


def test_joint_statement_without_talks_has_no_authors(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "共同声明は、北朝鮮を非難した。")
    assert not [e for e in events if e.category == "ACCUSE"]


def test_attacked_place_names_the_attacked_state(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア軍は10日、ハルキウを攻撃した。")
    assault = _one(events, "ASSAULT")
    assert set(assault.recipients) == k(gazetteer, "ウクライナ")


def test_written_victim_is_kept_over_the_place(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "イスラエル軍は10日、ガザ地区でハマスの拠点を攻撃した。")
    assault = _one(events, "ASSAULT")
    assert k(gazetteer, "ハマス") <= set(assault.recipients)


def test_place_of_an_exercise_is_no_recipient(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア軍はモスクワで演習を行った。")
    assert _one(events, "MOBILIZE").recipients == ()


# --- helper args2: reported acts, unnamed doers, agentless passive relatives, evaluated nominals ---

def _cats(nlp, gazetteer, text):
    from test_events import events_of
    return events_of(nlp, gazetteer, text)


def test_unidentified_doer_leaves_recipient_only(nlp, gazetteer):
    events = [e for e in _cats(nlp, gazetteer, "何者かがバグダッドの米国大使館を襲撃した。") if e.category == "ASSAULT"]
    assert len(events) == 1 and events[0].sources == () and events[0].recipients


def test_unnamed_common_noun_subject_is_no_event_without_source(nlp, gazetteer):
    assert not [e for e in _cats(nlp, gazetteer, "兵士らが米軍の基地を攻撃した。") if e.category == "ASSAULT"]


def test_agentless_passive_relative_is_no_act_of_the_subject(nlp, gazetteer):
    events = _cats(nlp, gazetteer, "G7首脳は16日、招待されたウクライナのゼレンスキー大統領と会談した。")
    assert [e.category for e in events] == ["CONSULT"]


def test_passive_relative_coercion_stays_a_fact(nlp, gazetteer):
    events = _cats(nlp, gazetteer, "首相は10日、中国に拘束された日本人の早期解放を求めた。")
    assert any(e.category == "COERCE" for e in events)


def test_evaluated_nominal_act_is_not_coded(nlp, gazetteer):
    events = _cats(nlp, gazetteer, "NATOは声明で、ロシアによるウクライナ侵攻は欧州の安全保障を損なうと批判した。")
    assert not [e for e in events if e.category == "ASSAULT"]
    started = _cats(nlp, gazetteer, "ロシアによるウクライナ侵攻が24日始まった。")
    assert [e.category for e in started] == ["ASSAULT"]


def test_subject_hung_on_time_adverb_is_the_reported_doer(nlp, gazetteer):
    events = _cats(nlp, gazetteer, "外相は記者会見で、中国海警局の船舶が先月、フィリピンの漁船に放水砲を発射したと述べた。")
    assert events and all("china-coast-guard" in e.sources for e in events)


def test_unnamed_crew_takes_the_previous_doer_not_the_announcer(nlp, gazetteer):
    events = _cats(nlp, gazetteer, "フィリピン軍は19日、比海軍のボートに中国海警局の船が体当たりし、"
                                   "乗り込んできた隊員がナイフで威嚇したうえ、銃器を押収したと発表した。")
    threats = [e for e in events if e.category == "THREATEN"]
    assert threats and threats[0].sources == ("china-coast-guard",)
