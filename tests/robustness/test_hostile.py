"""Hostile article content built through the real pipeline: shown as text, never executed,
and never pasted into SPARQL."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest
from rdflib import Literal
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

import kg
from kg.cli import main
from kg.errors import KGError, QueryError
from kg.pipeline import build
from kg.query import with_prologue
from kg.store import KGStore

from .corpus import snapshot

SCRIPT = "<script>window.kgPwned=1</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = "\"><b onmouseover='window.kgPwned=1'>x</b>"
JS_LINK = '<a href="javascript:window.kgPwned=1">リンク</a>'
TITLE = f"米ロ首脳が会談 {SCRIPT} {ATTR}"
# In the HTML source the strings are escaped, so they decode to literal text in the article.
HTML_PAGE = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{html.escape(TITLE)} | 通信</title>
<link rel="canonical" href="javascript:window.kgPwned=1">
<meta property="og:site_name" content="{html.escape(SCRIPT)}"></head>
<body><article><h1>{html.escape(TITLE)}</h1>
<time datetime="2021-06-17T10:33:00+09:00">2021年6月17日</time>
<p>[ジュネーブ 16日 ロイター] - バイデン米大統領は16日、ジュネーブでプーチン大統領と会談し、
{html.escape(SCRIPT)}を巡る協議を続けることで合意した。</p>
<p>バイデン米大統領は会談後、プーチン大統領の「{html.escape(ATTR)}」という対応を非難した。</p>
<p>両首脳は{html.escape(JS_LINK)}について、年内に再び会談する方針を確認した。</p>
</article></body></html>
"""
TEXT_ARTICLE = f"""ワールド

岸田首相、習近平国家主席と会談 {IMG}

2021年06月20日(日)09時00分

[北京 19日 ロイター] - 岸田首相は19日、北京で習近平国家主席と会談し、{IMG}を巡る協議を続けることで合意した。

岸田首相は会談後、習近平国家主席の対応を非難し、{JS_LINK}の撤回を求めた。

ロイター
"""
INJECTIONS = ['" } ; DROP ALL ; #', "'> } } DELETE WHERE { ?s ?p ?o } #",
              '<https://kg.example.org/id/x> } ; CLEAR DEFAULT ; SELECT * WHERE { ',
              "\\u0022 . ?a ?b ?c }", "バイデン\" || true || \"", "?actor"]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, nlp, gazetteer) -> Path:
    """A store built through the real pipeline from an HTML page and a text article."""
    source = tmp_path_factory.mktemp("hostile")
    (source / "hostile.html").write_text(HTML_PAGE, encoding="utf-8")
    (source / "hostile.txt").write_text(TEXT_ARTICLE, encoding="utf-8")
    path = source / "store"
    with KGStore(path) as store:
        report = build([source], store, nlp=nlp, gazetteer=gazetteer)
    assert report.ok and len(report.written) == 2, report.failed
    return path


def test_hostile_strings_are_stored_as_literal_text(hostile_store):
    with KGStore(hostile_store, read_only=True) as store:
        titles = {str(r["t"]) for r in store.select(with_prologue(
            "SELECT ?t WHERE { ?a a kg:Article ; dcterms:title ?t }"))}
        sentences = " ".join(str(r["s"]) for r in store.select(with_prologue(
            "SELECT ?s WHERE { ?e kg:sentenceText ?s }")))
        urls = {str(r["u"]) for r in store.select(with_prologue(
            "SELECT ?u WHERE { ?a schema:url ?u }"))}
    assert TITLE in titles and any(IMG in t for t in titles)
    for text in (ATTR, JS_LINK, IMG):  # GiNZA may split a sentence at "<script>"'s quotes
        assert text in sentences
    assert urls == {"javascript:window.kgPwned=1"}  # stored as data; pages must not link it


def _no_script_ran(browser) -> None:
    try:
        alert = browser.switch_to.alert
    except NoAlertPresentException:
        alert = None
    if alert is not None:
        text = alert.text
        alert.dismiss()
        pytest.fail(f"an injected script opened an alert: {text}")
    assert browser.execute_script("return window.kgPwned") is None
    assert browser.execute_script(
        "return document.querySelectorAll('img[src=\"x\"], b[onmouseover], "
        "a[href^=\"javascript\"]').length") == 0


def _open(browser, path: Path, ready: str | None = None) -> None:
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while ready and not browser.execute_script(f"return {ready}"):
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} did not get ready in 30 s")
        time.sleep(0.1)


def test_graph_page_shows_hostile_text_and_runs_none_of_it(hostile_store, browser, tmp_path):
    from kg.viz import write_graph_html

    page = tmp_path / "graph.html"
    with KGStore(hostile_store, read_only=True) as store:
        write_graph_html(store, page)
    _open(browser, page, "window.kgReady === true")
    _no_script_ran(browser)
    tips = browser.execute_script(
        "return kgEdges.get().map(e => e.title.textContent).join('\\n')")
    for text in (TITLE, ATTR, JS_LINK, IMG):
        assert text in tips, text
    # Hover an edge: the tooltip the user sees holds the literal text.
    x, y = browser.execute_script(  # the middle of the longest edge, away from any node
        "var best = null, len = -1;"
        "kgEdges.get().forEach(function (e) {"
        "  var a = kgNetwork.getPosition(e.from), b = kgNetwork.getPosition(e.to),"
        "      d = Math.hypot(a.x - b.x, a.y - b.y);"
        "  if (d > len && e.title.textContent.indexOf('<') >= 0) { len = d; best = [a, b]; }"
        "});"
        "var a = best[0], b = best[1];"
        "var p = kgNetwork.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});"
        "var r = document.getElementById('kg-network').getBoundingClientRect();"
        "return [p.x - r.width / 2, p.y - r.height / 2];")
    container = browser.find_element(By.ID, "kg-network")
    ActionChains(browser).move_to_element_with_offset(container, 0, 0).perform()
    ActionChains(browser).move_to_element_with_offset(container, int(x), int(y)).perform()
    deadline, shown = time.monotonic() + 5, ""
    while not shown and time.monotonic() < deadline:
        shown = browser.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' ? t.textContent : '';")
        time.sleep(0.1)
    assert "<" in shown and ("<script>" in shown or "<img" in shown), shown
    _no_script_ran(browser)


def test_timeline_page_shows_hostile_text_and_runs_none_of_it(hostile_store, browser, tmp_path):
    from kg.timeline import write_timeline_html

    page = tmp_path / "timeline.html"
    with KGStore(hostile_store, read_only=True) as store:
        write_timeline_html(store, "ジョー・バイデン", page)
    _open(browser, page)
    _no_script_ran(browser)
    text = browser.find_element(By.TAG_NAME, "body").text
    for shown in (TITLE, ATTR, JS_LINK):
        assert shown in text, shown
    assert "javascript:" not in " ".join(
        a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a"))


def test_entity_page_shows_hostile_text_and_runs_none_of_it(hostile_store, browser, tmp_path):
    from kg.server_entity import entity_data
    from kg.server_pages import entity_page

    for key, expected in (("fumio-kishida", (IMG, '<a href="')), ("joe-biden", (TITLE, ATTR))):
        page = tmp_path / f"{key}.html"
        with KGStore(hostile_store, read_only=True) as store:
            data = entity_data(store, f"https://kg.example.org/id/entity/{key}")
            page.write_text(entity_page(data), encoding="utf-8")
        _open(browser, page)
        _no_script_ran(browser)
        text = browser.find_element(By.TAG_NAME, "body").text
        for shown in expected:
            assert shown in text, (key, shown)


def test_injection_strings_are_bound_as_values(hostile_store):
    with KGStore(hostile_store, read_only=True) as store:
        before = snapshot(store)
        real = kg.sparql(store, "SELECT ?a ?t WHERE { ?a kg:contentId ?c ; dcterms:title ?t }",
                         t=Literal(TITLE, lang="ja"))
        assert len(real) == 1  # binding works for the real value…
        for text in INJECTIONS + [TITLE]:
            assert kg.sparql(store, "SELECT ?a ?t WHERE { ?a dcterms:title ?t }", t=text) == []
        assert snapshot(store) == before


def test_presets_take_injection_strings_as_values(hostile_store):
    from kg.presets import list_presets, run_preset

    with KGStore(hostile_store, read_only=True) as store:
        before = snapshot(store)
        tried = 0
        for preset in list_presets():
            for param in preset.params:
                for text in INJECTIONS:
                    tried += 1
                    try:
                        run_preset(store, preset.name, {param.name: text})
                    except QueryError:
                        pass  # refused as a value of the wrong kind (not an entity, date …)
        assert tried >= len(INJECTIONS)
        assert snapshot(store) == before


def test_cli_cannot_change_the_store_through_query_or_remove(hostile_store, capsys):
    with KGStore(hostile_store, read_only=True) as store:
        before = snapshot(store)
    for update in ("DROP ALL", "CLEAR DEFAULT", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                   "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"):
        assert main(["query", "--store", str(hostile_store), update]) == 1
    for text in INJECTIONS:
        assert main(["remove", "--store", str(hostile_store), text]) == 1
    err = capsys.readouterr().err
    assert err.count("no such article in the store") == len(INJECTIONS)
    with KGStore(hostile_store, read_only=True) as store:
        assert snapshot(store) == before


def test_errors_from_hostile_values_are_kg_errors(hostile_store):
    with KGStore(hostile_store, read_only=True) as store:
        for text in INJECTIONS:
            with pytest.raises(KGError):
                store.select(text)


def test_the_browser_check_catches_a_page_that_runs_injected_text(browser, tmp_path):
    """The control: the same check fails on a page that pastes the text unescaped."""
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><body><p>{TITLE}</p><p>{IMG}</p></body></html>",
                    encoding="utf-8")
    _open(browser, page)
    with pytest.raises((AssertionError, pytest.fail.Exception)):
        _no_script_ran(browser)
    browser.get("about:blank")
