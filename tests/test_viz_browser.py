"""The graph page in headless Chromium: it renders, stays offline and runs no injected script."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from kg.namespace import (GAZETTEER_GRAPH, KG, article_graph, article_iri, entity_iri,
                          event_iri, evidence_iri)
from kg.viz import graph_data, write_graph_html

HOSTILE = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> '
           '"><b onmouseover="window.pwned=1">x</b> \' '
           '<a href="javascript:window.pwned=1">href</a>')
PEOPLE = {"biden": ("ジョー・バイデン", KG.Person), "putin": ("ウラジーミル・プーチン", KG.Person),
          "japan": ("日本", KG.Country), "un": ("国際連合", KG.Organization),
          "new-start": ("新START", KG.Treaty), "geneva": ("ジュネーブ", KG.Place),
          "evil": (HOSTILE, KG.Person)}
EVENTS = [  # (category, quad class, roles, sentence)
    ("CONSULT", "verbal_cooperation", {"source": ["biden", "putin"], "place": ["geneva"]},
     "バイデン米大統領とプーチン大統領は16日、ジュネーブで会談した。"),
    ("AGREE", "verbal_cooperation", {"source": ["biden"], "recipient": ["putin"],
                                     "about": ["new-start"]}, "両首脳は新STARTの延長で合意した。"),
    ("ACCUSE", "verbal_conflict", {"source": ["biden"], "recipient": ["putin"]},
     "バイデン氏はロシアのサイバー攻撃を非難した。"),
    ("SUPPORT", "verbal_cooperation", {"source": ["japan"], "recipient": ["un"]},
     "日本は国連の取り組みを支持した。"),
    ("THREATEN", "verbal_conflict", {"source": ["evil"], "recipient": ["japan"]}, HOSTILE),
]


@pytest.fixture
def page(store, tmp_path) -> Path:
    """A graph page written from a store holding Japanese and hostile text."""
    triples = []
    for key, (label, cls) in PEOPLE.items():
        triples += [(entity_iri(key), RDF.type, cls),
                    (entity_iri(key), SKOS.prefLabel, Literal(label, lang="ja"))]
    store.replace_graph(GAZETTEER_GRAPH, triples)
    article = article_iri("b1")
    triples = [(article, RDF.type, KG.Article),
               (article, DCTERMS.title, Literal(HOSTILE, lang="ja"))]
    for n, (category, quad, roles, sentence) in enumerate(EVENTS):
        ev = event_iri("b1", n, n, category)
        evidence = evidence_iri(ev, "b1")
        triples += [(ev, RDF.type, KG.Event), (ev, KG.category, Literal(category)),
                    (ev, KG.quadClass, Literal(quad)), (ev, KG.evidence, evidence),
                    (ev, PROV.wasDerivedFrom, article), (evidence, RDF.type, KG.Evidence),
                    (evidence, KG.sentenceText, Literal(sentence))]
        triples += [(ev, KG[role], entity_iri(k)) for role, keys in roles.items() for k in keys]
    store.replace_graph(article_graph("b1"), triples)
    path = tmp_path / "graph.html"
    write_graph_html(store, path)
    return path


def open_page(browser, path: Path) -> None:
    browser.get_log("performance")  # drop what earlier tests left
    browser.get_log("browser")
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while not browser.execute_script("return window.kgReady === true"):
        if time.monotonic() > deadline:
            pytest.fail("the graph page did not finish its layout in 30 s")
        time.sleep(0.1)


def hover_tooltip(browser, js_point: str, *args: object) -> str:
    """Move the mouse to a canvas point computed by ``js_point`` and return the tooltip text."""
    x, y = browser.execute_script(
        "var p = kgNetwork.canvasToDOM(" + js_point + ");"
        "var r = document.getElementById('kg-network').getBoundingClientRect();"
        "return [p.x - r.width / 2, p.y - r.height / 2];", *args)
    container = browser.find_element(By.ID, "kg-network")
    ActionChains(browser).move_to_element_with_offset(container, 0, 0).perform()
    ActionChains(browser).move_to_element_with_offset(container, int(x), int(y)).perform()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        text = browser.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' ? t.textContent : '';")
        if text:
            return text
        time.sleep(0.1)
    pytest.fail("no tooltip appeared")


def hover_edge(browser, store, category: str) -> str:
    """Hover the middle of the only (straight) edge of ``category``; return its tooltip."""
    edge = next(e for e in graph_data(store).edges if e.category == category)
    return hover_tooltip(
        browser, "(function (a, b) { return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; })("
        "kgNetwork.getPosition(arguments[0]), kgNetwork.getPosition(arguments[1]))",
        edge.source, edge.target)


def test_page_renders_every_node_and_edge(browser, page, store):
    data = graph_data(store)
    open_page(browser, page)
    assert browser.execute_script("return kgNodes.length") == len(data.nodes) == 7
    assert browser.execute_script("return kgEdges.length") == len(data.edges)
    assert browser.execute_script("return document.getElementById('kg-legend').offsetHeight") > 50
    painted = browser.execute_script(
        "var c = document.querySelector('#kg-network canvas');"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;")
    assert painted > 2000


def requested_urls(browser) -> list[str]:
    """URLs of the requests logged (CDP ``Network.requestWillBeSent``) since the last call."""
    messages = (json.loads(e["message"])["message"] for e in browser.get_log("performance"))
    return [m["params"]["request"]["url"] for m in messages
            if m["method"] == "Network.requestWillBeSent"]


def test_page_makes_no_network_request(browser, page):
    open_page(browser, page)
    time.sleep(1)  # let anything deferred (timers, lazy loads) fire
    urls = requested_urls(browser)
    assert page.as_uri() in urls  # the log works: it saw the page itself
    # Chromium's own start page may still log chrome:// requests before ours.
    from_page = urls[urls.index(page.as_uri()):]
    assert [u for u in from_page if not u.startswith(("file:", "data:", "about:"))] == []


def test_page_logs_no_console_error(browser, page):
    open_page(browser, page)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_page_of_empty_store_is_ready(browser, store, tmp_path):
    path = tmp_path / "empty.html"
    write_graph_html(store, path)
    open_page(browser, path)
    assert browser.execute_script("return kgNodes.length") == 0
    assert browser.find_element(By.ID, "kg-empty").is_displayed()
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_page_shows_hostile_text_literally(browser, page, store):
    open_page(browser, page)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.find_elements(By.CSS_SELECTOR, "body img, #kg-network b, #kg-network a") == []
    evil = str(entity_iri("evil"))
    node_tip = hover_tooltip(browser, "kgNetwork.getPositions([arguments[0]])[arguments[0]]", evil)
    assert HOSTILE in node_tip
    edge_tip = hover_edge(browser, store, "THREATEN")
    assert "THREATEN" in edge_tip
    assert edge_tip.count(HOSTILE) == 3  # source label, sentence and headline, as text
    assert browser.find_elements(By.CSS_SELECTOR, "div.vis-tooltip *:not(.kg-tip)") == []
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_page_screenshot(browser, page, store, tmp_path_factory):
    """Saves a screenshot with an edge tooltip open, for a person to look at."""
    open_page(browser, page)
    assert HOSTILE in hover_edge(browser, store, "THREATEN")
    shot = tmp_path_factory.getbasetemp() / "kg-viz.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
