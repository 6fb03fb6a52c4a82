"""`kg serve` in headless Chromium: canned queries, entity pages, the graph, offline and escaped."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from selenium.webdriver.common.by import By
from test_server import build_seed_store, running_server

from kg.namespace import (GAZETTEER_GRAPH, KG, WD, article_graph, article_iri, entity_iri,
                          event_iri, evidence_iri)
from kg.server import KGServer
from kg.store import KGStore

HOSTILE = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> '
           '"><b onmouseover="window.pwned=1">x</b> \' <a href="javascript:window.pwned=1">a</a>')


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp) -> Iterator[KGServer]:
    store = build_seed_store(tmp_path_factory.mktemp("server-browser") / "store", nlp)
    with running_server(store, timeout=20, max_rows=1000) as s:
        yield s


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[KGServer]:
    """A store whose labels, sentence and headline are markup and script."""
    path = tmp_path_factory.mktemp("server-hostile") / "store"
    evil, japan = entity_iri("evil"), entity_iri("japan")
    with KGStore(path) as store:
        store.replace_graph(GAZETTEER_GRAPH, [
            (evil, RDF.type, KG.Person), (evil, RDF.type, KG.Actor),
            (evil, SKOS.prefLabel, Literal(HOSTILE, lang="ja")),
            (evil, SKOS.altLabel, Literal(HOSTILE + "別名", lang="ja")),
            (evil, OWL.sameAs, WD["Q42"]),
            (japan, RDF.type, KG.Country), (japan, SKOS.prefLabel, Literal("日本", lang="ja"))])
        article, event = article_iri("h1"), event_iri("h1", 0, 0, "THREATEN")
        evidence = evidence_iri(event, "h1")
        store.replace_graph(article_graph("h1"), [
            (article, RDF.type, KG.Article), (article, DCTERMS.title, Literal(HOSTILE, lang="ja")),
            (event, RDF.type, KG.Event), (event, RDF.type, KG.Threaten),
            (event, KG.category, Literal("THREATEN")),
            (event, KG.quadClass, Literal("verbal_conflict")),
            (event, KG.source, evil), (event, KG.recipient, japan),
            (event, KG.evidence, evidence), (event, PROV.wasDerivedFrom, article),
            (evidence, RDF.type, KG.Evidence),
            (evidence, KG.sentenceText, Literal(HOSTILE + "と警告した。", lang="ja"))])
    with running_server(path, timeout=20) as s:
        yield s


def wait_for(browser, script: str, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not browser.execute_script(script):
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen in {seconds} s")
        time.sleep(0.05)


def open_page(browser, url: str) -> None:
    """Load a page after dropping what earlier tests left in the logs."""
    browser.get_log("performance")
    browser.get_log("browser")
    browser.get(url)
    wait_for(browser, "return document.readyState === 'complete'", f"loading {url}")


def run_and_wait(browser, click) -> None:
    runs = browser.execute_script("return window.kgRuns")
    click()
    wait_for(browser, f"return window.kgRuns > {runs}", "the query")


def requested_urls(browser) -> list[str]:
    """URLs requested (CDP ``Network.requestWillBeSent``) since the logs were last read."""
    messages = (json.loads(e["message"])["message"] for e in browser.get_log("performance"))
    return [m["params"]["request"]["url"] for m in messages
            if m["method"] == "Network.requestWillBeSent"]


def assert_local_and_quiet(browser, server: KGServer) -> list[str]:
    """Every request went to the server (or was inline data), and the console saw no error."""
    urls = requested_urls(browser)
    assert [u for u in urls if not u.startswith((server.url + "/", "data:", "about:"))] == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    return urls


def store_facts(server: KGServer, iri: str) -> dict[str, list]:
    """The entity's labels and its events' (sentence, headline), asked through the endpoint."""
    from test_server import EVIDENCE

    with httpx.Client(base_url=server.url, timeout=30) as client:
        labels = client.post("/sparql", data={
            "query": f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }}"}).json()
        evidence = client.post("/sparql", data={"query": EVIDENCE % iri}).json()
    return {"labels": [b["l"]["value"] for b in labels["results"]["bindings"]],
            "evidence": [(b["sentence"]["value"], b["headline"]["value"])
                         for b in evidence["results"]["bindings"]]}


def cell_texts(browser) -> list[list[str]]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#kg-table tbody tr')).map("
        "function (tr) { return Array.from(tr.cells).map(function (td) {"
        " return td.textContent; }); });")


def test_canned_query_fills_table_and_entity_link_opens_its_page(browser, server):
    open_page(browser, server.url + "/")
    wait_for(browser, "return window.kgReady === true", "the page script")
    button = browser.find_element(By.CSS_SELECTOR, 'button[data-preset="state_relations"]')
    assert button.text == "Cooperation and conflict between states by month"
    run_and_wait(browser, button.click)
    assert browser.find_element(By.ID, "kg-status").text.endswith("rows")
    assert cell_texts(browser)
    assert "SELECT" in browser.find_element(By.ID, "kg-query").get_attribute("value")
    link = browser.find_element(By.CSS_SELECTOR, "#kg-table a.kg-entity")
    iri = unquote(link.get_attribute("href").split("iri=", 1)[1])
    assert iri.startswith("https://kg.example.org/id/entity/")
    link.click()
    wait_for(browser, "return !!document.getElementById('kg-entity-label')", "the entity page")
    assert browser.current_url.startswith(server.url + "/entity?iri=")
    label = browser.find_element(By.ID, "kg-entity-label").text
    assert browser.find_elements(By.CSS_SELECTOR, "#kg-events tr.kg-event")
    sentences = "\n".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, "td.kg-sentence"))
    headlines = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "td.kg-headline")}
    expected = store_facts(server, iri)
    assert label in expected["labels"]
    assert expected["evidence"]
    for sentence, headline in expected["evidence"]:
        assert sentence in sentences and headline in headlines
    urls = assert_local_and_quiet(browser, server)
    assert server.url + "/sparql" in urls  # the log works: it saw the page's own request


def test_preset_with_a_required_parameter_asks_then_runs(browser, server):
    open_page(browser, server.url + "/")
    wait_for(browser, "return window.kgReady === true", "the page script")
    browser.find_element(By.CSS_SELECTOR, 'button[data-preset="actor_events"]').click()
    assert "fill in actor" in browser.find_element(By.ID, "kg-status").text
    field = browser.find_element(By.CSS_SELECTOR, '#kg-params input[data-name="actor"]')
    field.send_keys("プーチン")
    run_and_wait(browser, browser.find_element(By.ID, "kg-run").click)
    rows = cell_texts(browser)
    assert rows and all("id:entity/vladimir-putin" in row for row in rows)
    assert_local_and_quiet(browser, server)


@pytest.mark.parametrize("query, selector, expected", [
    ("ASK { ?a a kg:Article }", "pre.kg-boolean", "true"),
    ("CONSTRUCT WHERE { ?a a kg:Article }", "pre.kg-graph", "kg:Article"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "pre.kg-error",
     "SERVICE (a federated query"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "pre.kg-error", "read-only"),
])
def test_typed_queries_show_answers_and_errors(browser, server, query, selector, expected):
    open_page(browser, server.url + "/")
    wait_for(browser, "return window.kgReady === true", "the page script")
    browser.execute_script("document.getElementById('kg-query').value = arguments[0];", query)
    run_and_wait(browser, browser.find_element(By.ID, "kg-run").click)
    assert expected in browser.find_element(By.CSS_SELECTOR, selector).text
    urls = requested_urls(browser)
    assert [u for u in urls if not u.startswith((server.url + "/", "data:", "about:"))] == []


def test_graph_page_draws_nodes(browser, server):
    open_page(browser, server.url + "/graph")
    wait_for(browser, "return window.kgReady === true", "the graph layout", 60)
    assert browser.execute_script("return kgNodes.length") > 5
    assert browser.execute_script("return kgEdges.length") > 5
    assert_local_and_quiet(browser, server)


def test_hostile_text_shows_as_text_in_table_and_entity_page(browser, hostile_server):
    open_page(browser, hostile_server.url + "/")
    wait_for(browser, "return window.kgReady === true", "the page script")
    browser.execute_script("document.getElementById('kg-query').value = arguments[0];",
                           "SELECT ?entity ?label WHERE { ?entity skos:prefLabel ?label }")
    run_and_wait(browser, browser.find_element(By.ID, "kg-run").click)
    assert [HOSTILE + "@ja"] == [row[1] for row in cell_texts(browser) if "evil" in row[0]]
    assert browser.find_elements(By.CSS_SELECTOR, "#kg-results img, #kg-results b, "
                                                  "#kg-results script") == []
    browser.find_element(By.CSS_SELECTOR, "#kg-table a.kg-entity[href$='%2Fevil']").click()
    wait_for(browser, "return !!document.getElementById('kg-entity-label')", "the entity page")
    assert browser.find_element(By.ID, "kg-entity-label").text == HOSTILE
    assert browser.find_element(By.CSS_SELECTOR, "td.kg-sentence").text == HOSTILE + "と警告した。"
    assert browser.find_element(By.CSS_SELECTOR, "td.kg-headline").text == HOSTILE
    wikidata = browser.find_element(By.CSS_SELECTOR, "a.kg-wikidata")
    assert wikidata.get_attribute("href") == "https://www.wikidata.org/wiki/Q42"
    assert browser.find_elements(By.CSS_SELECTOR, "main img, main b, main script") == []
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert_local_and_quiet(browser, hostile_server)


def test_screenshot_of_the_query_page(browser, server, tmp_path_factory):
    """Saves a screenshot of a filled results table, for a person to look at."""
    open_page(browser, server.url + "/")
    wait_for(browser, "return window.kgReady === true", "the page script")
    run_and_wait(browser, browser.find_element(
        By.CSS_SELECTOR, 'button[data-preset="who_said_what"]').click)
    shot: Path = tmp_path_factory.getbasetemp() / "kg-server.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
