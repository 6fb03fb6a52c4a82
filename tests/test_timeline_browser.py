"""The timeline page in headless Chromium: items, month spans, offline, text stays text."""

from __future__ import annotations

import json
import time

import pytest
from rdflib import RDF, Literal
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, PROV, SKOS
from selenium.webdriver.common.by import By

from kg.namespace import (GAZETTEER_GRAPH, KG, article_graph, article_iri, entity_iri,
                          event_iri, evidence_iri, treaty_fact_iri)
from kg.timeline import write_timeline_html

HOSTILE = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> '
           '"><svg onload="window.pwned=1"> \' <a href="javascript:window.pwned=1">x</a>')
# (category, date, datatype, precision, sentence)
EVENTS = [
    ("AGREE", "2021-02", rns.XSD.gYearMonth, "month", "両国は2021年2月、条約の延長で合意した。"),
    ("ACCUSE", "2022", rns.XSD.gYear, "year", HOSTILE),
    ("CONSULT", "2021-06-16", rns.XSD.date, "day", "両首脳は16日、条約について協議した。"),
    ("REJECT", None, None, "", "ロシアは米国の主張を一蹴した。"),
]


@pytest.fixture
def page(store, tmp_path):
    """A treaty with a hostile label, a lifecycle fact and events of every precision."""
    treaty, us, ru = entity_iri("treaty-x"), entity_iri("united-states"), entity_iri("russia")
    store.replace_graph(GAZETTEER_GRAPH, [
        (treaty, RDF.type, KG.Treaty), (treaty, SKOS.prefLabel, Literal(HOSTILE, lang="ja")),
        (us, RDF.type, KG.Country), (us, SKOS.prefLabel, Literal("米国", lang="ja")),
        (ru, RDF.type, KG.Country), (ru, SKOS.prefLabel, Literal("ロシア", lang="ja"))])
    article = article_iri("t1")
    issued = Literal("2023-03-01T09:00:00+09:00", datatype=rns.XSD.dateTime)
    triples = [(article, RDF.type, KG.Article),
               (article, DCTERMS.title, Literal(HOSTILE, lang="ja")),
               (article, DCTERMS.issued, issued),
               (article, KG.sourcePath, Literal("articles/t1.txt"))]
    for n, (category, date, datatype, precision, sentence) in enumerate(EVENTS):
        ev = event_iri("t1", n, n, category)
        evidence = evidence_iri(ev, "t1")
        triples += [(ev, RDF.type, KG.Event), (ev, KG.category, Literal(category)),
                    (ev, KG.about, treaty), (ev, KG.source, ru), (ev, KG.recipient, us),
                    (ev, KG.evidence, evidence), (ev, PROV.wasDerivedFrom, article),
                    (evidence, RDF.type, KG.Evidence),
                    (evidence, KG.sentenceText, Literal(sentence))]
        if date:
            start = {"month": date + "-01", "year": date + "-01-01"}.get(precision, date)
            triples += [(ev, KG.date, Literal(date, datatype=datatype)),
                        (ev, KG.datePrecision, Literal(precision)),
                        (ev, KG.dateStart, Literal(start, datatype=rns.XSD.date))]
        if n == 0:
            fact = treaty_fact_iri(ev, "treaty-x", "extended")
            triples += [(fact, RDF.type, KG.TreatyFact), (fact, KG.treaty, treaty),
                        (fact, KG.status, Literal("extended")), (fact, KG.party, us),
                        (fact, KG.date, Literal(date, datatype=datatype)),
                        (fact, KG.datePrecision, Literal(precision)),
                        (fact, KG.dateStart, Literal(date + "-01", datatype=rns.XSD.date)),
                        (fact, KG.reportedBy, ev), (treaty, KG.lifecycle, fact)]
    store.replace_graph(article_graph("t1"), triples)
    path = tmp_path / "timeline.html"
    data = write_timeline_html(store, str(treaty), path)
    assert len(data.dated) == 4 and len(data.undated) == 1
    return path


def open_page(browser, path) -> None:
    browser.get_log("performance")
    browser.get_log("browser")
    browser.get(path.as_uri())
    deadline = time.monotonic() + 10
    while browser.execute_script("return document.readyState") != "complete":
        if time.monotonic() > deadline:
            pytest.fail("the timeline page did not load")
        time.sleep(0.05)


def test_timeline_renders_items_and_spans(browser, page):
    open_page(browser, page)
    marks = browser.find_elements(By.CSS_SELECTOR, "#kg-axis a.kg-item")
    assert len(marks) == 4
    per_day = float(browser.find_element(By.ID, "kg-axis").get_attribute("data-per-day"))
    widths = browser.execute_script(
        "return Array.from(document.querySelectorAll('#kg-axis a.kg-item')).map(a => {"
        " var m = a.querySelector('rect, circle'); return [a.dataset.precision, m.tagName,"
        " m.getBBox().width]; })")
    by_precision = {p: (tag, w) for p, tag, w in widths}
    assert by_precision["month"][0] == "rect"
    assert abs(by_precision["month"][1] - 28 * per_day) < 1.0  # February 2021, all of it
    assert by_precision["year"][0] == "rect"
    assert abs(by_precision["year"][1] - 365 * per_day) < 1.0
    assert by_precision["day"][0] == "circle"
    assert by_precision["year"][1] > by_precision["month"][1] > by_precision["day"][1] / 2
    # every dated item links to its evidence sentence and article below the axis
    for mark in marks:
        target = mark.get_dom_attribute("href").split("#")[-1]
        detail = browser.find_element(By.ID, target)
        assert detail.find_element(By.CSS_SELECTOR, "blockquote.kg-evidence").text
        assert "articles/t1.txt" in detail.find_element(By.CSS_SELECTOR, ".kg-source").text
    undated = browser.find_elements(By.CSS_SELECTOR, "#kg-undated li")
    assert len(undated) == 1 and "ロシアは米国の主張を一蹴した。" in undated[0].text
    assert "2023-03-01" in undated[0].text  # listed under its article's date


def test_timeline_makes_no_network_request_and_no_console_error(browser, page):
    open_page(browser, page)
    time.sleep(0.5)
    messages = (json.loads(e["message"])["message"] for e in browser.get_log("performance"))
    urls = [m["params"]["request"]["url"] for m in messages
            if m["method"] == "Network.requestWillBeSent"]
    assert page.as_uri() in urls
    from_page = urls[urls.index(page.as_uri()):]
    assert [u for u in from_page if not u.startswith(("file:", "data:", "about:"))] == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_timeline_shows_hostile_text_as_text(browser, page):
    open_page(browser, page)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    injected = "body img, body script, ol svg, li a[href^=javascript]"
    assert browser.find_elements(By.CSS_SELECTOR, injected) == []
    assert HOSTILE in browser.find_element(By.TAG_NAME, "h1").text
    year = browser.find_element(By.CSS_SELECTOR, '#kg-dated li[data-kind="event"] blockquote')
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('blockquote')).some("
        "b => b.textContent === arguments[0])", HOSTILE)
    assert year.text
    tooltip = browser.execute_script(
        "return document.querySelector('#kg-axis a[data-precision=year] title').textContent")
    assert HOSTILE in tooltip
