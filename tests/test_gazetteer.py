"""Tests of the gazetteer: surface lookups, countries from pycountry, the data file's invariants."""

from __future__ import annotations

import json
import re
import time

import pycountry
import pytest

from kg.countries import OBSERVER_STATES, UN_MEMBERS, country_records, slug
from kg.errors import OntologyError
from kg.gazetteer import GAZETTEER_FILE, Gazetteer, load_gazetteer, normalise

# --- lookups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("バイデン", "joe-biden"),
        ("ジョー・バイデン", "joe-biden"),
        ("ジョー･バイデン", "joe-biden"),  # half-width middle dot
        ("ジョー·バイデン", "joe-biden"),  # Latin middle dot
        ("プーチン", "vladimir-putin"),
        ("Putin", "vladimir-putin"),
        ("ナワリヌイ", "alexei-navalny"),
        ("アレクセイ・ナワリヌイ", "alexei-navalny"),
        ("サキ", "jen-psaki"),
        ("トランプ", "donald-trump"),
        ("習近平", "xi-jinping"),
        ("ゼレンスキー", "volodymyr-zelensky"),
        ("金正恩", "kim-jong-un"),
        ("高市", "sanae-takaichi"),
        ("米国", "united-states"),
        ("アメリカ", "united-states"),
        ("アメリカ合衆国", "united-states"),
        ("USA", "united-states"),
        ("ＵＳＡ", "united-states"),  # full-width
        ("ロシア連邦", "russia"),
        ("英国", "united-kingdom"),
        ("イギリス", "united-kingdom"),
        ("中華人民共和国", "china"),
        ("北朝鮮", "north-korea"),
        ("韓国", "south-korea"),
        ("ジョージア", "georgia"),
        ("グルジア", "georgia"),
        ("ホワイトハウス", "white-house"),
        ("米ホワイトハウス", "white-house"),
        ("クレムリン", "kremlin"),
        ("ロシア大統領府", "kremlin"),
        ("国連", "united-nations"),
        ("安保理", "un-security-council"),
        ("NATO", "nato"),
        ("EU", "european-union"),
        ("新START", "new-start"),
        ("新ＳＴＡＲＴ", "new-start"),
        ("領空開放(オープンスカイ)条約", "open-skies-treaty"),
        ("領空開放（オープンスカイ）条約", "open-skies-treaty"),
        ("INF全廃条約", "inf-treaty"),
        ("イラン核合意", "jcpoa"),
        ("戦略的安定協議", "strategic-stability-dialogue"),
        ("クリミア", "crimea"),
        ("キエフ", "kyiv"),
    ],
)
def test_lookup_surface_names_entity(gazetteer, surface, key):
    record = gazetteer.lookup(surface)
    assert record is not None, surface
    assert record.key == key


@pytest.mark.parametrize("surface", ["中", "米", "ロ", "露", "日", "英", "習", "コンゴ", "ドミニカ", "ワクチン"])
def test_lookup_word_or_ambiguous_surface_finds_nothing(gazetteer, surface):
    assert gazetteer.lookup(surface) is None


@pytest.mark.parametrize(
    ("surface", "name", "title"),
    [
        ("プーチン大統領", "プーチン", "大統領"),
        ("サキ大統領報道官", "サキ", "大統領報道官"),  # longest title wins
        ("ナワリヌイ氏", "ナワリヌイ", "氏"),
        ("習国家主席", "習", "国家主席"),
        ("トランプ前大統領", "トランプ", "前大統領"),
        ("バイデン米大統領", "バイデン米", "大統領"),  # 米 is left for the extractor
        ("大統領", "大統領", None),  # a bare title is not stripped to nothing
        ("バイデン", "バイデン", None),
    ],
)
def test_strip_title_splits_trailing_title(gazetteer, surface, name, title):
    assert gazetteer.strip_title(surface) == (name, title)


@pytest.mark.parametrize(
    ("surface", "key", "title"),
    [
        ("バイデン大統領", "joe-biden", "大統領"),
        ("ラブロフ外相", "sergey-lavrov", "外相"),
        ("習主席", "xi-jinping", "主席"),
        ("習近平国家主席", "xi-jinping", "国家主席"),
        ("金総書記", "kim-jong-un", "総書記"),
        ("林官房長官", "yoshimasa-hayashi", "官房長官"),
        ("ロシア大統領府", "kremlin", None),  # whole surface first: not ロシア + 大統領府
    ],
)
def test_resolve_names_entity_and_title(gazetteer, surface, key, title):
    record, found_title = gazetteer.resolve(surface)
    assert record is not None and record.key == key
    assert found_title == title


@pytest.mark.parametrize("surface", ["習氏", "林報道官", "金氏", "王氏"])
def test_resolve_short_name_needs_its_title(gazetteer, surface):
    record, _ = gazetteer.resolve(surface)
    assert record is None


def test_candidates_lists_both_congos(gazetteer):
    keys = {record.key for record in gazetteer.candidates("コンゴ")}
    assert keys == {"republic-of-the-congo", "dr-congo"}
    assert [r.key for r in gazetteer.candidates("バイデン")] == ["joe-biden"]
    assert gazetteer.candidates("存在しない名前") == ()


# --- the seeds ----------------------------------------------------------------------

SEED_SURFACES = {
    "バイデン": "joe-biden",
    "プーチン": "vladimir-putin",
    "ジュネーブ": "geneva",
    "ウクライナ": "ukraine",
    "米国": "united-states",
    "ロシア": "russia",
    "新戦略兵器削減条約": "new-start",
    "新START": "new-start",
    "戦略的安定対話": "strategic-stability-dialogue",
    "戦略的安定協議": "strategic-stability-dialogue",
    "アレクセイ・ナワリヌイ": "alexei-navalny",
    "ナワリヌイ": "alexei-navalny",
    "ロシア軍": "russian-army",
    "クリミア": "crimea",
    "シリア": "syria",
    "ホワイトハウス": "white-house",
    "米ホワイトハウス": "white-house",
    "サキ": "jen-psaki",
    "モスクワ": "moscow",
    "ロシア大統領府": "kremlin",
    "トランプ": "donald-trump",
    "領空開放(オープンスカイ)条約": "open-skies-treaty",
    "イラン": "iran",
    "アフガニスタン": "afghanistan",
    "タリバン": "taliban",
}


def test_seed_actors_are_in_gazetteer(gazetteer, seed_dir):
    text = normalise("".join(p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))))
    for surface, key in SEED_SURFACES.items():
        assert normalise(surface) in text, f"{surface} is not written in the seeds"
        record = gazetteer.lookup(surface)
        assert record is not None and record.key == key, surface


def test_state_government_is_the_state_not_an_entity(gazetteer):
    # 米政府 is the United States acting (kg.mentions reads 米 + 政府): no separate entity
    assert gazetteer.lookup("米政府") is None
    assert gazetteer.lookup("ロシア政府") is None


def test_seed_people_have_country_and_type(gazetteer):
    for key, country in [
        ("joe-biden", "united-states"),
        ("vladimir-putin", "russia"),
        ("jen-psaki", "united-states"),
        ("alexei-navalny", "russia"),
        ("white-house", "united-states"),
        ("kremlin", "russia"),
        ("russian-army", "russia"),
        ("geneva", "switzerland"),
        ("crimea", "ukraine"),
    ]:
        assert gazetteer.get(key).country == country, key
    assert gazetteer.get("strategic-stability-dialogue").type == "Initiative"
    assert gazetteer.get("open-skies-treaty").type == "Treaty"
    assert gazetteer.get("crimea").type == "Place"


# --- countries ----------------------------------------------------------------------


def test_un_members_are_193_valid_iso_codes():
    assert len(UN_MEMBERS) == 193
    assert all(pycountry.countries.get(alpha_3=code) for code in UN_MEMBERS)
    # observers and territories are not members
    assert not UN_MEMBERS & {"PSE", "VAT", "TWN", "HKG", "MAC", "ESH", "PRI", "GRL", "COK", "NIU"}


def test_every_un_member_has_labels_and_iso3(gazetteer):
    by_iso3 = {r.iso3: r for r in gazetteer.entities.values() if r.iso3}
    for code in UN_MEMBERS | OBSERVER_STATES:
        record = by_iso3.get(code)
        assert record is not None, code
        assert record.type == "Country"
        assert record.label_en and record.label_ja, code
        assert record.label_ja != record.label_en, f"{code} has no Japanese name"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record.key), record.key


def test_iso3_codes_are_unique(gazetteer):
    codes = [r.iso3 for r in gazetteer.entities.values() if r.iso3]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("key", "iso3", "ja", "wikidata"),
    [
        ("united-states", "USA", "米国", "Q30"),
        ("russia", "RUS", "ロシア", "Q159"),
        ("china", "CHN", "中国", "Q148"),
        ("japan", "JPN", "日本", "Q17"),
        ("united-kingdom", "GBR", "英国", "Q145"),
        ("france", "FRA", "フランス", "Q142"),
        ("germany", "DEU", "ドイツ", "Q183"),
        ("ukraine", "UKR", "ウクライナ", "Q212"),
        ("north-korea", "PRK", "北朝鮮", "Q423"),
        ("south-korea", "KOR", "韓国", "Q884"),
        ("switzerland", "CHE", "スイス", "Q39"),
        ("dr-congo", "COD", "コンゴ民主共和国", None),
        ("tanzania", "TZA", "タンザニア", None),
    ],
)
def test_country_entry_has_common_names(gazetteer, key, iso3, ja, wikidata):
    record = gazetteer.get(key)
    assert (record.iso3, record.label_ja, record.wikidata) == (iso3, ja, wikidata)


def test_official_names_become_aliases(gazetteer):
    assert "アメリカ合衆国" in gazetteer.get("united-states").aliases
    assert "ロシア連邦" in gazetteer.get("russia").aliases
    # a name only pycountry knows reaches the curated entry through the merge
    uk = gazetteer.get("united-kingdom")
    assert "United Kingdom of Great Britain and Northern Ireland" in uk.aliases


def test_news_polities_outside_un_are_countries(gazetteer):
    polities = [("taiwan", "TWN"), ("palestine", "PSE"), ("vatican", "VAT"), ("kosovo", None)]
    for key, iso3 in polities:
        record = gazetteer.get(key)
        assert (record.type, record.iso3) == ("Country", iso3)


def test_generated_records_do_not_reuse_pycountry_errors():
    forms = {form for r in country_records() for form in (r.label_ja, r.label_en, *r.aliases)}
    assert not forms & {"中国領・台湾", "タニザニア連合共和国", "Korea, Republic of", "コンゴ"}


def test_slug_makes_ascii_keys():
    assert slug("Côte d'Ivoire") == "cote-divoire"
    assert slug("Bosnia and Herzegovina") == "bosnia-and-herzegovina"


# --- invariants of the data file ----------------------------------------------------


def test_no_surface_is_shared_by_two_entities(gazetteer):
    assert gazetteer.shared_surfaces() == {}


def test_ambiguous_surfaces_are_not_looked_up(gazetteer):
    assert gazetteer.ambiguous
    for surface in gazetteer.ambiguous:
        assert surface not in gazetteer.by_surface


def test_single_characters_are_not_surfaces(gazetteer):
    singles = sorted(form for form in gazetteer.by_surface if len(form) == 1)
    assert singles == []


def test_abbreviations_name_existing_keys(gazetteer):
    assert gazetteer.abbreviations["米"] == "united-states"
    assert gazetteer.abbreviations["露"] == gazetteer.abbreviations["ロ"] == "russia"
    for abbreviation, key in gazetteer.abbreviations.items():
        assert len(abbreviation) == 1
        assert key in gazetteer.entities
        assert abbreviation not in gazetteer.by_surface


def test_short_names_use_known_titles(gazetteer):
    for name, by_title in gazetteer.short_names.items():
        assert name not in gazetteer.by_surface, name
        for title, key in by_title.items():
            assert title in gazetteer.titles, f"{name}+{title}"
            assert key in gazetteer.entities


def test_titles_include_offices_and_are_longest_first(gazetteer):
    for title in ["大統領", "首相", "外相", "国務長官", "報道官", "大統領報道官", "氏", "主席",
                  "国家主席", "総書記", "事務総長", "官房長官", "首脳"]:
        assert title in gazetteer.titles
    lengths = [len(t) for t in gazetteer.titles]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(gazetteer.titles)) == len(gazetteer.titles)


def test_titles_are_not_entities(gazetteer):
    for title in gazetteer.titles:
        assert gazetteer.lookup(title) is None, title


def test_wikidata_ids_are_qids_and_unique(gazetteer):
    qids = [r.wikidata for r in gazetteer.entities.values() if r.wikidata]
    assert len(qids) > 50
    assert all(re.fullmatch(r"Q\d+", q) for q in qids)
    assert len(qids) == len(set(qids))


def test_country_references_exist(gazetteer):
    for record in gazetteer.entities.values():
        if record.country:
            assert record.country in gazetteer.entities, record.key
            assert gazetteer.get(record.country).type == "Country", record.key
        for member in record.members:
            assert member in gazetteer.entities


def test_people_and_organisations_are_well_formed(gazetteer):
    types = {r.type for r in gazetteer.entities.values()}
    assert types <= {"Person", "Country", "Organization", "Group", "Treaty", "Initiative", "Place"}
    for record in gazetteer.entities.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record.key), record.key
        assert record.label_ja and record.label_en, record.key
        if record.type == "Person":  # an office, or at least the state the person acts in
            assert record.office or record.country, record.key
        if record.iso3:
            assert record.type == "Country", record.key


def test_data_file_is_curated_and_versioned():
    data = json.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}(\.\d+)?", data["version"])
    keys = {entry["key"] for entry in data["entities"]}
    assert {"united-states", "russia", "joe-biden", "vladimir-putin", "new-start", "geneva"} <= keys


def test_load_gazetteer_is_cached_and_loads_from_file():
    assert load_gazetteer() is load_gazetteer()
    started = time.perf_counter()
    fresh = Gazetteer.from_file(GAZETTEER_FILE)
    elapsed = time.perf_counter() - started  # reported, not asserted: machines differ
    assert len(fresh.entities) == len(load_gazetteer().entities)
    counts = f"{len(fresh.entities)} entities, {len(fresh.by_surface)} surfaces"
    print(f"gazetteer: {counts} in {elapsed:.3f}s")


# --- errors -------------------------------------------------------------------------


def _write(tmp_path, entities, **extra):
    path = tmp_path / "gaz.json"
    path.write_text(json.dumps({"version": "1", "entities": entities, **extra}), encoding="utf-8")
    return path


def _entity(key, **fields):
    return {"key": key, "type": "Country", "label_ja": key + "国", "label_en": key.title(), **fields}


def test_from_file_without_countries_source_stays_small(tmp_path):
    gazetteer = Gazetteer.from_file(_write(tmp_path, [_entity("atlantis")]))
    assert list(gazetteer.entities) == ["atlantis"]


def test_from_file_reports_missing_field(tmp_path):
    path = _write(tmp_path, [{"key": "x", "type": "Person"}])
    with pytest.raises(OntologyError, match=r"gaz\.json: entity #0 lacks field 'label_ja'"):
        Gazetteer.from_file(path)


def test_from_file_reports_unknown_type(tmp_path):
    path = _write(tmp_path, [_entity("x", type="Nation")])
    message = r"gaz\.json: entity #0 \('x'\): unknown type 'Nation'; valid: Person"
    with pytest.raises(OntologyError, match=message):
        Gazetteer.from_file(path)


def test_from_file_reports_bad_qid(tmp_path):
    path = _write(tmp_path, [_entity("x", wikidata="30")])
    with pytest.raises(OntologyError, match=r"entity #0 \('x'\): wikidata '30' is not a QID"):
        Gazetteer.from_file(path)


def test_from_file_reports_shared_surface(tmp_path):
    path = _write(tmp_path, [_entity("a", aliases=["共有"]), _entity("b", aliases=["共有"])])
    message = r"gaz\.json: surface '共有' is written on both 'a' and 'b'"
    with pytest.raises(OntologyError, match=message):
        Gazetteer.from_file(path)


def test_from_file_allows_declared_ambiguous_surface(tmp_path):
    path = _write(
        tmp_path,
        [_entity("a", aliases=["共有"]), _entity("b", aliases=["共有"])],
        ambiguous={"共有": ["a", "b"]},
    )
    gazetteer = Gazetteer.from_file(path)
    assert gazetteer.lookup("共有") is None
    assert {r.key for r in gazetteer.candidates("共有")} == {"a", "b"}


def test_from_file_reports_unknown_country_reference(tmp_path):
    path = _write(tmp_path, [_entity("x", type="Person", country="nowhere")])
    message = r"gaz\.json: entity 'x' field 'country' names unknown entity 'nowhere'"
    with pytest.raises(OntologyError, match=message):
        Gazetteer.from_file(path)


def test_from_file_reports_unknown_abbreviation_target(tmp_path):
    path = _write(tmp_path, [_entity("x")], abbreviations={"米": "united-states"})
    message = r"gaz\.json: abbreviation '米' names unknown entity 'united-states'"
    with pytest.raises(OntologyError, match=message):
        Gazetteer.from_file(path)


def test_from_file_reports_unreadable_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"broken\.json: cannot read gazetteer"):
        Gazetteer.from_file(path)


def test_curated_country_wins_over_generated(tmp_path):
    path = _write(
        tmp_path,
        [{"key": "usa", "type": "Country", "label_ja": "アメリカ", "label_en": "USA", "iso3": "USA"}],
        countries="pycountry",
    )
    gazetteer = Gazetteer.from_file(path)
    assert "united-states" not in gazetteer.entities
    record = gazetteer.get("usa")
    assert record.label_ja == "アメリカ"
    assert gazetteer.lookup("米国").key == "usa"
    assert len(gazetteer.entities) == len(country_records())


# actors of international news, found by the mention finder in sentences written for the test
# (a state's own police or coast guard, ``コソボ警察``, ``フィリピン沿岸警備隊``, is minted with
# its state by kg.mentions and needs no entry: tests/test_mentions.py)
NEWS_ACTORS = [
    ("イエメンの親イラン武装組織フーシ派は紅海で商船を攻撃した。", "フーシ派", "houthis"),
    ("ハマスの軍事部門カッサム旅団は声明を出した。", "カッサム旅団", "qassam-brigades"),
    ("ロシアの民間軍事会社ワグネルは撤退した。", "ワグネル", "wagner-group"),
    ("コソボ治安維持部隊(KFOR)は北部に部隊を増派した。", "コソボ治安維持部隊(KFOR)", "kfor"),
    ("韓国大統領室は北朝鮮の発射を非難した。", "韓国大統領室", "south-korean-presidential-office"),
    ("大統領室の報道官は記者団に説明した。", "大統領室", "south-korean-presidential-office"),
    ("国連人権理事会は決議を採択した。", "国連人権理事会", "un-human-rights-council"),
    ("西アフリカ諸国経済共同体(ECOWAS)はニジェールに制裁を科した。", "西アフリカ諸国経済共同体(ECOWAS)", "ecowas"),
    ("アラブ連盟と湾岸協力会議(GCC)は声明を出した。", "アラブ連盟", "arab-league"),
    ("アラブ連盟と湾岸協力会議(GCC)は声明を出した。", "湾岸協力会議(GCC)", "gulf-cooperation-council"),
    ("太平洋諸島フォーラムの首脳会議が開かれた。", "太平洋諸島フォーラム", "pacific-islands-forum"),
    ("中国海警局の船が海上保安庁の巡視船に接近した。", "海上保安庁", "japan-coast-guard"),
    ("レバノンの親イラン民兵組織ヒズボッラーはイスラエル北部を砲撃した。", "ヒズボッラー", "hezbollah"),
]


@pytest.mark.parametrize(("sentence", "surface", "key"), NEWS_ACTORS)
def test_news_actors_are_found_in_text(nlp, gazetteer, sentence, surface, key):
    from test_mentions import mentions_of

    found, _ = mentions_of(nlp, gazetteer, sentence)
    assert (surface, key) in [(m.text, m.entity) for m in found], found


def test_news_actors_have_their_state(gazetteer):
    assert gazetteer.get("houthis").country == "yemen"
    assert gazetteer.get("south-korean-presidential-office").country == "south-korea"
    assert gazetteer.get("aukus").type == "Initiative"  # like the Quad: a framework, not an actor
