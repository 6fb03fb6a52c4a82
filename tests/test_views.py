"""Focused and filtered views (kg.views, ``kg viz`` options), the page's search and filter."""

from __future__ import annotations

import json
import re

import pytest
from selenium.webdriver.common.by import By
from test_viz_browser import open_page

from kg.cli import main
from kg.errors import QueryError
from kg.namespace import entity_iri
from kg.views import View, make_view, select_events
from kg.viz import graph_data, render_html, write_graph_html
from kg.viz_layout import pagerank


@pytest.fixture
def seeds(seeds_store):
    """The shared store of the seeds and a background article (tests/conftest.py)."""
    return seeds_store


def E(key: str) -> str:
    return str(entity_iri(key))


def page_data(page: str) -> dict:
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_make_view_resolves_and_normalises(seeds):
    view = make_view(seeds, focus="プーチン", depth=2, since="2021", until="2021-02",
                     categories=["agree,consult", "SANCTION"])
    assert view == View(E("vladimir-putin"), "ウラジーミル・プーチン", 2, "2021-01-01",
                        "2021-02-28", ("AGREE", "CONSULT", "SANCTION"))
    assert view.describe() == ("focus ウラジーミル・プーチン (depth 2) · since 2021-01-01 · "
                               "until 2021-02-28 · categories AGREE, CONSULT, SANCTION")
    assert make_view(seeds).is_everything


@pytest.mark.parametrize(("options", "message"), [
    ({"categories": ["HUG"]}, "unknown PLOVER category HUG; choose from AGREE"),
    ({"depth": 0}, "depth must be between 1 and 5"),
    ({"since": "June"}, "not a date"),
    ({"focus": "アトランティス"}, "no entity is labelled"),
])
def test_make_view_errors(seeds, options, message):
    with pytest.raises(QueryError, match=message):
        make_view(seeds, **options)


def test_focus_depth_one_keeps_the_focus_events(seeds):
    view = make_view(seeds, focus="Joe Biden")
    data = graph_data(seeds, view=view)
    biden = E("joe-biden")
    assert data.nodes[0].id == biden  # the focus comes first
    # every drawn event involves Biden: he is an end of one of its edges
    ends: dict[str, set[str]] = {}
    for e in data.edges:
        ends.setdefault(e.event, set()).update((e.source, e.target))
    assert ends and all(biden in found for found in ends.values())
    selected = select_events(seeds, view).events
    assert {e.event for e in data.edges} <= selected
    assert data.view.startswith("focus ジョー・バイデン (depth 1)")
    everything = graph_data(seeds)
    assert data.events < everything.events


def test_focus_depth_two_reaches_further(seeds):
    one = select_events(seeds, make_view(seeds, focus="新START", depth=1))
    two = select_events(seeds, make_view(seeds, focus="新START", depth=2))
    assert one.events < two.events
    assert one.reached[E("new-start")] == 0
    assert two.reached[E("joe-biden")] == 1
    assert max(two.reached.values()) == 2


def test_filters_by_category_and_dates(seeds):
    data = graph_data(seeds, view=make_view(seeds, categories=["SANCTION", "assault"]))
    assert data.edges and {e.category for e in data.edges} <= {"SANCTION", "ASSAULT"}
    day = graph_data(seeds, view=make_view(seeds, since="2021-01-26", until="2021-01-26"))
    # undated events fall back on their article's date (2021-01-27 for that article)
    assert day.edges and {e.date for e in day.edges} == {"2021-01-26 (day)"}
    assert "CONSULT" in {e.category for e in day.edges}
    crimea = graph_data(seeds, view=make_view(seeds, since="2014", until="2014"))
    assert crimea.edges and {e.date for e in crimea.edges} == {"2014 (year)"}
    assert graph_data(seeds, view=make_view(seeds, since="2030")).nodes == []


def test_focus_with_filters_phone_call(seeds):
    """Biden and Putin's phone call of 2021-01-26 is a CONSULT in the focused view."""
    view = make_view(seeds, focus="Vladimir Putin", categories=["CONSULT"], since="2021-01-26",
                     until="2021-01-26")
    data = graph_data(seeds, view=view)
    calls = [e for e in data.edges if e.category == "CONSULT" and e.date == "2021-01-26 (day)"]
    assert {(e.source, e.target) for e in calls} >= {(E("joe-biden"), E("vladimir-putin"))}
    assert "mode: phone" in " ".join(e.tooltip for e in calls)


def test_max_nodes_reports_what_was_left_out(seeds, tmp_path):
    data = graph_data(seeds, max_nodes=2, view=make_view(seeds, focus="ロシア"))
    assert len(data.nodes) == 2 and data.nodes[0].id == E("russia")
    assert data.omitted_nodes and data.omitted_edges > 0
    page = render_html(data)
    assert f"{len(data.omitted_nodes)} less connected nodes" in page
    assert all(name in page for name in data.omitted_nodes)  # listed in the page


def test_node_size_follows_pagerank(seeds):
    data = graph_data(seeds)
    nodes = page_data(render_html(data))["nodes"]
    by_rank = sorted(nodes, key=lambda n: n["centrality"])
    assert by_rank[0]["size"] < by_rank[-1]["size"] == 40.0
    assert abs(sum(n.centrality for n in data.nodes) - 1.0) < 1e-6


def test_pagerank_matches_networkx_power_iteration():
    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    links = [("a", "b"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("e", "e")]
    graph = nx.MultiGraph(links)
    graph.add_node("f")
    expected = _pagerank_python(graph)
    found = pagerank(list(graph.nodes), links)
    assert all(abs(found[n] - expected[n]) < 1e-6 for n in graph.nodes)


def test_page_has_search_box_and_category_filter(seeds):
    page = render_html(graph_data(seeds))
    assert 'id="kg-search"' in page
    boxes = re.findall(r'<input type="checkbox" value="(\w+)" checked>', page)
    assert set(boxes) == {e["category"] for e in page_data(page)["edges"]}


def test_cli_viz_options(seeds, tmp_path, capsys):
    out = tmp_path / "view.html"
    code = main(["viz", "--store", str(seeds.path), "-o", str(out), "--focus", "プーチン",
                 "--depth", "1", "--since", "2021-01", "--until", "2021-06", "--category",
                 "CONSULT,AGREE", "--category", "SANCTION", "--max-nodes", "2"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "focus ウラジーミル・プーチン (depth 1) · since 2021-01-01 · until 2021-06-30" in printed
    assert "left out" in printed and "(--max-nodes 2)" in printed
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 2
    assert {e["category"] for e in data["edges"]} <= {"CONSULT", "AGREE", "SANCTION"}
    assert main(["viz", "--store", str(seeds.path), "-o", str(out), "--category", "HUG"]) == 1
    assert "unknown PLOVER category HUG" in capsys.readouterr().err


# -- the page in a browser: search box and category filter ---------------------------------


def test_browser_search_and_category_filter(browser, seeds, tmp_path):
    path = tmp_path / "graph.html"
    write_graph_html(seeds, path)
    open_page(browser, path)
    box = browser.find_element(By.ID, "kg-search")
    box.send_keys("プーチン")
    assert browser.execute_script("return kgSearchHits") == [E("vladimir-putin")]
    assert browser.execute_script("return kgNetwork.getSelectedNodes()") == [E("vladimir-putin")]
    assert "1 件" in browser.find_element(By.ID, "kg-search-count").text
    box.clear()
    box.send_keys("joe")  # English labels match too
    assert browser.execute_script("return kgSearchHits") == [E("joe-biden")]

    hidden = "return kgEdges.get({filter: function (e) { return e.hidden; }}).map(e => e.category)"
    assert browser.execute_script(hidden) == []
    agree = browser.find_element(By.CSS_SELECTOR, '#kg-categories input[value="AGREE"]')
    agree.click()
    found = browser.execute_script(hidden)
    assert found and set(found) == {"AGREE"}
    assert len(found) == browser.execute_script(
        "return kgData.edges.filter(e => e.category === 'AGREE').length")
    agree.click()
    assert browser.execute_script(hidden) == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
