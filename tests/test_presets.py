"""Canned queries (queries/*.rq, kg.presets, ``kg query --preset``) on seeds and our articles."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import BNode, Literal, URIRef

from kg.cli import main
from kg.errors import QueryError
from kg.namespace import entity_iri
from kg.presets import (QUERIES_DIR, Preset, PresetParam, bound_query, get_preset, list_presets,
                        paged_query, parse_date, parse_preset, projected_variables,
                        resolve_entity, run_preset, sparql_term)

ARTICLES = ["treaty_suspension.txt", "ceasefire_claims.txt", "crimea_background.txt"]
PRESETS = ["actor_events", "entity_articles", "pair_events", "state_relations",
           "treaty_timeline", "who_said_what"]
INJECTIONS = ['"} ; DROP ALL ; #', "' OR 1=1", "<http://x>", "?x } UNION { ?s ?p ?o",
              '"""', "\\", "<javascript:alert(1)>"]


@pytest.fixture(scope="module")
def built(nlp, seed_dir, data_dir, tmp_path_factory):
    """One store holding the seeds and our own articles, built once for the module."""
    from kg.pipeline import build
    from kg.store import KGStore

    path = tmp_path_factory.mktemp("presets") / "store"
    with KGStore(path) as store:
        report = build([seed_dir, *(data_dir / "articles" / a for a in ARTICLES)], store, nlp=nlp)
        assert report.ok, report.failed
    store = KGStore(path, read_only=True)
    yield store
    store.close()


def rows(store, name, **params):
    return [{k: (None if v is None else str(v)) for k, v in r.items()}
            for r in run_preset(store, name, params).rows]


def E(key: str) -> str:
    return str(entity_iri(key))


# -- the files and their headers ----------------------------------------------------------

def test_list_presets_reads_every_file():
    presets = list_presets()
    assert [p.name for p in presets] == PRESETS == sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    for preset in presets:
        assert isinstance(preset, Preset) and preset.title and preset.description
        assert all(isinstance(p, PresetParam) and p.kind in ("literal", "iri", "date", "category")
                   for p in preset.params)
        # every parameter is projected: Oxigraph substitutes projected variables only
        assert {p.name for p in preset.params} <= set(preset.variables), preset.name
        assert preset.text.startswith("# title: ")


def test_parse_preset_reads_kinds_optional_and_default():
    preset = parse_preset("x", "# title: T\n# description: D\n"
                               "# param: who (iri) — someone\n"
                               "# param: n (literal, default: 5) — how many\n"
                               "# param: since (date, optional) — from\nSELECT ?who WHERE {}\n")
    assert preset.params == [PresetParam("who", "someone", None, "iri", False),
                             PresetParam("n", "how many", "5", "literal", True),
                             PresetParam("since", "from", None, "date", True)]


def test_parse_preset_bad_param_line_names_file_and_line():
    with pytest.raises(QueryError, match=r"q\.rq:2: malformed parameter line"):
        parse_preset("q", "# title: T\n# param: who (person) — x\n", "q.rq")


def test_projected_variables_include_aggregates():
    text = "# SELECT ?no\nSELECT ?a (COUNT(DISTINCT ?x) AS ?n) ?b WHERE { ?a ?p ?b }"
    assert projected_variables(text) == ["a", "n", "b"]


def test_get_preset_unknown_lists_names():
    with pytest.raises(QueryError, match="choose one of actor_events, entity_articles"):
        get_preset("../pyproject")


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("2021", False, "2021-01-01"), ("2021", True, "2021-12-31"), ("2021-02", True, "2021-02-28"),
    ("2024-02", True, "2024-02-29"), ("2021-06-16", True, "2021-06-16")])
def test_parse_date_periods(text, end, expected):
    assert parse_date(text, end=end) == expected


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "21", "yesterday", "2021-1-5"])
def test_parse_date_rejects(text):
    with pytest.raises(QueryError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_date(text)


# -- entity parameters ---------------------------------------------------------------------

@pytest.mark.parametrize("given", ["プーチン", "Vladimir Putin", "vladimir putin",
                                   "ウラジーミル・プーチン", "vladimir-putin",
                                   "id:entity/vladimir-putin", E("vladimir-putin"),
                                   f"<{E('vladimir-putin')}>"])
def test_resolve_entity_by_label_alias_key_or_iri(built, given):
    assert resolve_entity(built, given) == URIRef(E("vladimir-putin"))


def test_resolve_entity_unknown_label(built):
    with pytest.raises(QueryError, match="no entity is labelled 'アトランティス'"):
        resolve_entity(built, "アトランティス")


def test_run_preset_param_errors_list_choices(built):
    with pytest.raises(QueryError, match="its parameters: actor, category, since, until"):
        run_preset(built, "actor_events", {"actor": "Russia", "who": "x"})
    with pytest.raises(QueryError, match="needs --param actor="):
        run_preset(built, "actor_events", {})
    with pytest.raises(QueryError, match="choose one of AGREE, CONSULT"):
        run_preset(built, "actor_events", {"actor": "Russia", "category": "HUG"})


# -- every preset answers on the seeds ----------------------------------------------------

def test_actor_events_biden_putin_phone_call(built):
    found = rows(built, "actor_events", actor="プーチン")
    call = [r for r in found if r["category"] == "CONSULT" and r["mode"] == "phone"
            and r["date"] == "2021-01-26"]
    assert call and call[0]["role"] == "recipient" and "バイデン" in call[0]["sources"]
    assert call[0]["sentence"]
    assert call[0]["article"].startswith("https://kg.example.org/id/article/")
    whens = [r["when"] for r in found]
    assert whens == sorted(whens)  # date order


def test_actor_events_category_and_dates_filter_in_query(built):
    everything = rows(built, "actor_events", actor="Russia")
    sanctions = rows(built, "actor_events", actor="Russia", category="sanction")
    assert sanctions and {r["category"] for r in sanctions} == {"SANCTION"}
    assert len(sanctions) < len(everything)
    day = rows(built, "actor_events", actor="Russia", since="2021-01-26", until="2021-01-26")
    assert day and {r["when"] for r in day} == {"2021-01-26"}
    assert {r["since"] for r in day} == {"2021-01-26"}  # a bound value is echoed
    # a country stands for its people: Putin's phone call with Biden is Russia's
    assert any(r["participant"] == E("vladimir-putin") and r["mode"] == "phone" for r in day)
    crimea = rows(built, "actor_events", actor="Russia", since="2014", until="2014")
    assert crimea and {r["when"] for r in crimea} == {"2014-01-01"}
    assert {r["until"] for r in crimea} == {"2014-12-31"}
    assert any(r["category"] == "ASSAULT" and r["precision"] == "year" for r in crimea)
    assert len(crimea) < len(everything)


def test_pair_events_biden_putin(built):
    found = rows(built, "pair_events", a="Joe Biden", b="プーチン")
    assert any(r["category"] == "CONSULT" and r["mode"] == "phone" and r["date"] == "2021-01-26"
               for r in found)
    assert any(r["category"] == "CONSULT" and r["date"] == "2021-06-16" for r in found)
    only = rows(built, "pair_events", a="Joe Biden", b="プーチン", category="AGREE")
    assert only and {r["category"] for r in only} == {"AGREE"}


def test_pair_events_states_include_their_people(built):
    found = rows(built, "pair_events", a="ロシア", b="米国", category="CONSULT",
                 since="2021-01-26", until="2021-01-26")
    call = [r for r in found if r["mode"] == "phone"]
    assert call and (call[0]["participantA"], call[0]["roleA"]) == (E("vladimir-putin"),
                                                                     "recipient")
    assert (call[0]["participantB"], call[0]["roleB"]) == (E("joe-biden"), "source")
    assert {r["category"] for r in found} == {"CONSULT"}


def test_treaty_timeline_new_start(built):
    found = rows(built, "treaty_timeline", treaty="新START")
    extended = [r for r in found if r["kind"] == "lifecycle" and r["what"] == "extended"
                and r["date"] == "2021-02"]
    assert extended and extended[0]["precision"] == "month" and extended[0]["when"] == "2021-02-01"
    assert any(r["kind"] == "event" and r["what"] == "AGREE" for r in found)
    whens = [r["when"] for r in found]
    assert whens == sorted(whens)
    # our article: Russia suspends the treaty in 2023
    assert any(r["kind"] == "lifecycle" and r["what"] == "suspended" for r in found)
    later = rows(built, "treaty_timeline", treaty="New START", since="2023")
    assert [r["item"] for r in found if r["when"] >= "2023"] == [r["item"] for r in later]


def test_who_said_what_kremlin_claim_not_confirmed(built):
    found = rows(built, "who_said_what", claimant="ロシア大統領府", subject="新START")
    agree = [r for r in found if r["category"] == "AGREE" and r["reaction"] == "not confirmed"]
    assert agree and agree[0]["responder"] == E("white-house")
    assert "確認" not in agree[0]["sentence"]  # the claim's own sentence
    assert {r["claimant"] for r in found} == {E("kremlin")}


def test_who_said_what_on_a_written_graph(store):
    """not confirmed (kg:notConfirmedBy), denied (a negated event), and no self-answer."""
    from rdflib.namespace import PROV, RDF, SKOS

    from kg.namespace import GAZETTEER_GRAPH, KG, article_graph, article_iri, event_iri

    people = {"kremlin": ("ロシア大統領府", "russia"),
              "white-house": ("ホワイトハウス", "united-states"),
              "russia": ("ロシア", None), "united-states": ("米国", None)}
    gazetteer = []
    for key, (label, country) in people.items():
        cls = KG.Country if country is None else KG.Organization
        gazetteer += [(entity_iri(key), RDF.type, cls),
                      (entity_iri(key), SKOS.prefLabel, Literal(label, lang="ja"))]
        gazetteer += [(entity_iri(key), KG.country, entity_iri(country))] if country else []
    store.replace_graph(GAZETTEER_GRAPH, gazetteer)
    article = article_iri("w1")
    claim, denial, own = (event_iri("w1", n, n, c) for n, c in
                          ((1, "AGREE"), (2, "CONSULT"), (3, "REJECT")))
    triples = [(article, RDF.type, KG.Article)]
    for ev, category, source in ((claim, "AGREE", "russia"), (denial, "CONSULT", "white-house"),
                                 (own, "REJECT", "russia")):
        triples += [(ev, RDF.type, KG.Event), (ev, KG.category, Literal(category)),
                    (ev, KG.source, entity_iri(source)), (ev, PROV.wasDerivedFrom, article)]
    triples += [(claim, KG.recipient, entity_iri("united-states")),
                (claim, KG.attributedTo, entity_iri("kremlin")),
                (claim, KG.notConfirmedBy, entity_iri("white-house")),
                (denial, KG.context, Literal("negation")),
                (denial, KG.recipient, entity_iri("kremlin")),
                (own, KG.recipient, entity_iri("kremlin"))]  # its own side: no answer
    store.replace_graph(article_graph("w1"), triples)
    found = {(r["reaction"], r["responder"]) for r in rows(store, "who_said_what")}
    assert found == {("not confirmed", E("white-house")), ("denied", E("white-house"))}


def test_who_said_what_rejection_from_other_side(built):
    found = rows(built, "who_said_what", claimant="ロシア外務省")
    assert any(r["reaction"] == "rejected" and r["responderLabel"] == "米国務省"
               and "一蹴" in r["responseSentence"] for r in found)
    # nobody answers a claim in their own name
    for r in rows(built, "who_said_what"):
        assert r["responderLabel"] != r["claimantLabel"]


def test_state_relations_by_month(built):
    found = rows(built, "state_relations")
    us_ru = {r["month"]: r for r in found
             if {r["stateA"], r["stateB"]} == {E("russia"), E("united-states")}}
    assert int(us_ru["2021-01"]["verbal_cooperation"]) >= 1  # the phone call, at least
    assert sum(int(r["verbal_conflict"]) + int(r["material_conflict"])
               for r in us_ru.values()) >= 1
    for r in found:
        coop = int(r["verbal_cooperation"]) + int(r["material_cooperation"])
        conflict = int(r["verbal_conflict"]) + int(r["material_conflict"])
        assert int(r["balance"]) == coop - conflict
        assert r["stateA"] < r["stateB"]  # each pair once
    japan = rows(built, "state_relations", state="日本")
    assert japan and all(E("japan") in (r["stateA"], r["stateB"]) for r in japan)
    assert any(r["month"] == "2024-05" and int(r["verbal_cooperation"]) >= 1 for r in japan)
    assert not rows(built, "state_relations", state="Japan", until="2021-12")


def test_entity_articles(built):
    found = rows(built, "entity_articles", entity="新START")
    paths = {r["sourcePath"].rsplit("/", 1)[-1] for r in found}
    assert {"000_d94875591c644829.txt", "001_9744aeb55fb20b7c.txt",
            "treaty_suspension.txt"} <= paths
    assert all(int(r["mentions"]) >= 1 for r in found)
    turkey = rows(built, "entity_articles", entity="トルコ")
    assert [r["sourcePath"].rsplit("/", 1)[-1] for r in turkey] == ["ceasefire_claims.txt"]


def test_our_articles_turkey_phone_call(built):
    found = rows(built, "actor_events", actor="エルドアン", category="CONSULT")
    assert any(r["mode"] == "phone" and r["date"] == "2024-05-10"
               and "ネタニヤフ" in r["recipients"] for r in found)
    pair = rows(built, "pair_events", a="日本", b="トルコ")
    assert any(r["date"] == "2024-05-09" for r in pair)


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_runs_with_its_required_params(built, name):
    sample = {"actor": "ロシア", "a": "ロシア", "b": "米国", "treaty": "新START",
              "entity": "ロシア"}
    preset = get_preset(name)
    params = {p.name: sample[p.name] for p in preset.params if not p.optional}
    result = run_preset(built, name, params)
    assert result.rows and result.variables == preset.variables


# -- hostile parameters -------------------------------------------------------------------

@pytest.mark.parametrize("name", PRESETS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_gives_empty_result_or_query_error(built, name, value):
    size = len(built)
    for param in get_preset(name).params:
        params = {p.name: ("ロシア" if p.kind == "iri" else "2021") for p in get_preset(name).params
                  if not p.optional}
        params[param.name] = value
        try:
            result = run_preset(built, name, params)
        except QueryError:
            continue
        assert result.rows == [], (param.name, value)
    assert len(built) == size  # nothing was dropped or written


HOSTILE_TEXT = [*INJECTIONS, r'\u0022 } ; DROP ALL ; #', "a\\", "x\ny\r\tz\x01\x7f\u2028",
                "'''", 'ロシア"@en } UNION { ?s ?p ?o } #']


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_bound_literal_comes_back_unchanged(text):
    """A literal written by sparql_term is read back by Oxigraph as exactly that value."""
    import pyoxigraph as ox
    from rdflib.namespace import XSD

    from kg.store import from_ox

    for term in (Literal(text), Literal(text, lang="ja")):
        query = bound_query("SELECT ?x WHERE { }", {"x": term})
        assert [from_ox(r["x"]) for r in ox.Store().query(query)] == [term], query
    assert sparql_term(Literal(text, datatype=XSD.string)) == sparql_term(Literal(text))
    date_query = bound_query("SELECT ?x WHERE { }", {"x": Literal("2021-01-26", datatype=XSD.date)})
    assert '("2021-01-26"^^<http://www.w3.org/2001/XMLSchema#date>)' in date_query


@pytest.mark.parametrize("iri", ["https://x/a> } ; DROP ALL ; #", "https://x/a b", "https://x/{a}",
                                 'https://x/a"b', "https://x/a|b", "https://x/a^b", "https://x/a`b",
                                 "https://x/a\\b", "https://x/a\nb", "https://x/<a>", "",
                                 "not an iri"])
def test_bound_iri_refuses_what_could_end_it(iri):
    with pytest.raises(QueryError, match="not a valid IRI"):
        sparql_term(URIRef(iri))


def test_bound_query_values_open_the_first_group():
    text = '# a { in a comment\nSELECT ?x ("{" AS ?y) WHERE { <urn:a{> ?p ?x }'
    query = bound_query(text, {"x": URIRef("https://kg.example.org/id/entity/x")})
    assert query.endswith('WHERE {\n  VALUES (?x) { (<https://kg.example.org/id/entity/x>) } '
                          '<urn:a{> ?p ?x }')
    nested = bound_query("SELECT ?x WHERE {\n  {\n    ?x ?p ?o }\n  ?x ?q ?r }", {"o": Literal("v")})
    assert '{\n  {\n  VALUES (?o) { ("v") }\n    ?x ?p ?o }' in nested
    assert bound_query(text, {}) == text
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        bound_query("SELECT ?x WHERE { }", {"x) } DROP ALL #": Literal("v")})
    with pytest.raises(QueryError, match="an IRI or a literal"):
        sparql_term(BNode())


@pytest.mark.parametrize("name", PRESETS)
def test_presets_bind_values_not_text(built, name):
    """The parameters reach the query as one VALUES row of terms; the text is otherwise kept."""
    from kg.presets import bind_params

    preset = get_preset(name)
    params = {p.name: {"iri": "ロシア", "date": "2021", "category": "AGREE"}[p.kind]
              for p in preset.params}
    bindings = bind_params(built, preset, params)
    query = bound_query(preset, bindings)
    names = " ".join(f"?{n}" for n in bindings)
    start = query.index(f"\n  VALUES ({names}) {{ (")
    end = query.index(") }", start) + 3
    assert query[:start] + query[end:] == preset.text
    run_preset(built, name, params)  # and it runs


def test_state_relations_counts_each_direction(store):
    """A source→recipient event counts for the pair whichever state's IRI sorts first."""
    from rdflib.namespace import PROV, RDF, SKOS, XSD

    from kg.namespace import GAZETTEER_GRAPH, KG, article_graph, article_iri, event_iri

    store.replace_graph(GAZETTEER_GRAPH, [
        t for key, label in (("japan", "日本"), ("china", "中国"))
        for t in ((entity_iri(key), RDF.type, KG.Country),
                  (entity_iri(key), SKOS.prefLabel, Literal(label, lang="ja")))])
    article = article_iri("s1")
    triples = [(article, RDF.type, KG.Article)]
    for n, (source, recipient) in enumerate((("japan", "china"), ("china", "japan"))):
        ev = event_iri("s1", n, n, "CONSULT")
        triples += [(ev, RDF.type, KG.Event), (ev, KG.category, Literal("CONSULT")),
                    (ev, KG.quadClass, Literal("verbal_cooperation")),
                    (ev, KG.dateStart, Literal("2024-05-01", datatype=XSD.date)),
                    (ev, KG.source, entity_iri(source)), (ev, KG.recipient, entity_iri(recipient)),
                    (ev, PROV.wasDerivedFrom, article)]
    store.replace_graph(article_graph("s1"), triples)
    for params in ({}, {"state": "日本"}, {"state": "中国"}):
        found = rows(store, "state_relations", **params)
        assert [(r["stateA"], r["stateB"], r["month"], r["verbal_cooperation"]) for r in found] == [
            (E("china"), E("japan"), "2024-05", "2")], params


def test_label_with_sparql_is_just_a_label(store):
    """A label holding quotes and SPARQL resolves as text, through bound values."""
    from rdflib.namespace import RDF, SKOS

    from kg.namespace import GAZETTEER_GRAPH, KG

    odd = '"} ; DROP ALL ; # \' OR 1=1'
    store.replace_graph(GAZETTEER_GRAPH, [
        (entity_iri("odd"), RDF.type, KG.Country),
        (entity_iri("odd"), SKOS.prefLabel, Literal(odd, lang="ja"))])
    assert resolve_entity(store, odd) == entity_iri("odd")
    assert run_preset(store, "entity_articles", {"entity": odd}).rows == []
    assert len(store) > 2


# -- the command line ---------------------------------------------------------------------

def test_cli_preset_json(built, capsys):
    code = main(["query", "--store", str(built.path), "--preset", "pair_events",
                 "--param", "a=バイデン", "--param", "b=プーチン", "--param", "category=CONSULT",
                 "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    bindings = data["results"]["bindings"]
    assert data["head"]["vars"] == get_preset("pair_events").variables
    assert any(b["mode"]["value"] == "phone" and b["date"]["value"] == "2021-01-26"
               for b in bindings if "mode" in b)
    assert date.fromisoformat(bindings[0]["when"]["value"])


def test_cli_list_presets(capsys):
    assert main(["query", "--list-presets"]) == 0
    out = capsys.readouterr().out
    for name in PRESETS:
        assert f"{name}: " in out
    assert "actor (iri, required)" in out and "since (date, optional)" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--preset", "nope"], "no preset 'nope'; choose one of"),
    (["--preset", "actor_events", "--param", "actor"], "write KEY=VALUE"),
    (["--preset", "actor_events", "--param", "actor=Russia", "SELECT * WHERE {}"], "not both"),
])
def test_cli_preset_errors(built, capsys, argv, message):
    assert main(["query", "--store", str(built.path), *argv]) == 1
    assert message in capsys.readouterr().err


# -- paging: limit and offset --------------------------------------------------------------

PAGED_CASES = [("actor_events", {"actor": "ロシア"}), ("pair_events", {"a": "ロシア", "b": "米国"}),
               ("state_relations", {}), ("treaty_timeline", {"treaty": "新START"}),
               ("entity_articles", {"entity": "ロシア"}), ("who_said_what", {})]


@pytest.mark.parametrize(("name", "params"), PAGED_CASES)
def test_a_page_is_the_whole_result_cut(built, name, params):
    """limit/offset give the same rows in the same order as the whole result, just cut."""
    whole = rows(built, name, **params)
    assert len(whole) >= 4, name
    n = len(whole)
    for limit, offset in [(1, 0), (3, 2), (4, n - 2), (n, 0), (None, 3), (2, n + 5), (0, 0)]:
        page = [{k: (None if v is None else str(v)) for k, v in r.items()}
                for r in run_preset(built, name, params, limit=limit, offset=offset).rows]
        assert page == whole[offset: None if limit is None else offset + limit], (limit, offset)


def test_page_through_params_and_cli(built, capsys):
    """--param limit=N --param offset=M page any preset; bad values are refused."""
    whole = rows(built, "actor_events", actor="ロシア")
    assert rows(built, "actor_events", actor="ロシア", limit="2", offset="1") == whole[1:3]
    code = main(["query", "--store", str(built.path), "--preset", "actor_events",
                 "--param", "actor=ロシア", "--param", "limit=2", "--format", "json"])
    assert code == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [b["event"]["value"] for b in bindings] == [r["event"] for r in whole[:2]]
    for bad in ("-1", "ten", "1.5", "1; DROP ALL"):
        with pytest.raises(QueryError, match="not a whole number"):
            run_preset(built, "actor_events", {"actor": "ロシア", "limit": bad})
        with pytest.raises(QueryError, match="not a whole number"):
            run_preset(built, "actor_events", {"actor": "ロシア"}, offset=bad)


def test_paged_query_cuts_the_marked_sub_select():
    """The '# page:' line of a sub-SELECT becomes its ORDER BY … LIMIT offset+limit."""
    text = ("SELECT ?x ?l WHERE {\n  { SELECT ?x WHERE { ?x ?p ?o }\n"
            "    # page: ORDER BY ?x\n  }\n  OPTIONAL { ?x <urn:l> ?l }\n}\nORDER BY ?x\n")
    assert paged_query(text) == text
    paged = paged_query(text, 10, 20)
    assert "\n    ORDER BY ?x LIMIT 30\n" in paged and paged.endswith("ORDER BY ?x\nLIMIT 10\nOFFSET 20\n")
    # an offset alone cannot cut the sub-SELECT: every row before the page is needed
    assert paged_query(text, None, 5) == text.rstrip() + "\nOFFSET 5\n"
    # the values of a bound query still open the sub-SELECT's group
    query = bound_query(text, {"o": Literal("v")})
    assert '{ SELECT ?x WHERE {\n  VALUES (?o) { ("v") } ?x ?p ?o }' in query


def test_who_said_what_reaction_per_claim_matches_every_kind(built):
    """The reaction part matched per claim still finds each kind of answer."""
    found = rows(built, "who_said_what")
    assert {r["reaction"] for r in found} >= {"not confirmed", "rejected"}
    for r in found:
        if r["reaction"] == "not confirmed":
            assert r["response"] is None and r["responseSentence"] is None
        elif r["reaction"]:
            assert r["response"] and r["response"] != r["event"] and r["responseSentence"]
