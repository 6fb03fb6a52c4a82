"""The graph page's HTML, CSS, JS and styles, with vis-network read from the pyvis package."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import pyvis

# vis-network as pyvis ships it; read at runtime so nothing is vendored twice.
VIS_DIR: Final = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

# entity class -> (vis shape, fill colour, legend text)
CLASS_STYLES: Final[dict[str, tuple[str, str, str]]] = {
    "Person": ("dot", "#4e79a7", "人物 Person"),
    "Country": ("square", "#f28e2b", "国 Country"),
    "Organization": ("triangle", "#59a14f", "組織 Organization"),
    "Group": ("triangleDown", "#76b7b2", "集団 Group"),
    "Treaty": ("star", "#edc948", "条約 Treaty"),
    "Initiative": ("hexagon", "#b07aa1", "構想 Initiative"),
    "Place": ("diamond", "#9c755f", "場所 Place"),
    "Topic": ("dot", "#bab0ac", "議題 Topic"),
    "Other": ("dot", "#888888", "その他 Other"),
}

# PLOVER quad class -> (edge colour, legend text)
QUAD_STYLES: Final[dict[str, tuple[str, str]]] = {
    "verbal_cooperation": ("#6cbf5c", "言語的協力 verbal cooperation"),
    "material_cooperation": ("#1b7837", "物質的協力 material cooperation"),
    "verbal_conflict": ("#f28e2b", "言語的対立 verbal conflict"),
    "material_conflict": ("#d62728", "物質的対立 material conflict"),
}
SECONDARY_EDGE_COLOUR: Final = "#9a9a9a"
_SCRIPT_END: Final = re.compile(r"</(script)", re.IGNORECASE)

_SVG_SHAPES: Final[dict[str, str]] = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6"/>',
    "hexagon": '<polygon points="4,1 12,1 15,8 12,15 4,15 1,8"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
}

CSS: Final = """
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK JP", "IPAexGothic",
  "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif; background: #fafafa; color: #222; }
#kg-header { padding: 6px 12px; font-size: 14px; border-bottom: 1px solid #ddd; background: #fff; }
#kg-header h1 { font-size: 16px; margin: 0 12px 0 0; display: inline; }
#kg-network { position: absolute; top: 34px; left: 0; right: 0; bottom: 0; }
#kg-legend { position: absolute; top: 44px; right: 10px; z-index: 5; background: #fffffff0;
  border: 1px solid #ccc; border-radius: 6px; padding: 8px 10px; font-size: 12px;
  max-width: 260px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
#kg-legend h2 { font-size: 12px; margin: 4px 0; }
#kg-legend ul { list-style: none; margin: 0 0 4px 0; padding: 0; }
#kg-legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
#kg-legend .line { width: 22px; height: 0; border-top: 3px solid; }
#kg-legend .dashed { border-top-style: dashed; border-top-width: 2px; }
div.vis-tooltip { max-width: 420px; white-space: normal; font-family: inherit; }
.kg-tip { white-space: pre-wrap; word-break: break-word; font-size: 12px; line-height: 1.45; }
#kg-search { margin-left: 10px; padding: 1px 6px; font: inherit; width: 14em; }
#kg-search-count { margin-left: 4px; color: #555; }
#kg-omitted-list { display: inline-block; vertical-align: top; }
#kg-omitted-list summary { cursor: pointer; color: #8a4b00; }
#kg-omitted-list ul { position: absolute; z-index: 6; background: #fff; border: 1px solid #ccc;
  margin: 2px 0; padding: 4px 16px; max-height: 50vh; overflow: auto; font-size: 12px; }
#kg-categories label { display: inline-block; margin: 1px 6px 1px 0; white-space: nowrap; }
"""

# Belt and braces: even injected markup could load nothing remote and run no external script.
CSP: Final = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
              "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
              "form-action 'none'")

# Tooltips are DOM nodes filled with textContent: article text is never parsed as HTML.
JS: Final = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function tip(text) {
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.textContent = text;
    return div;
  }
  function withTip(item) {
    var copy = Object.assign({}, item);
    copy.title = tip(item.tooltip);
    return copy;
  }
  var nodes = new vis.DataSet(data.nodes.map(withTip));
  var edges = new vis.DataSet(data.edges.map(withTip));
  var container = document.getElementById("kg-network");
  // Data is set after the handlers so a fast stabilisation cannot be missed.
  var network = new vis.Network(container, {}, data.options);
  window.kgReady = false;
  function ready() { window.kgReady = true; }
  if (data.options.physics.enabled && data.nodes.length > 0) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit();
      ready();
    });
  }
  network.setData({nodes: nodes, edges: edges});
  if (!data.options.physics.enabled || data.nodes.length === 0) {
    network.fit();
    ready();
  }
  // Search: select the nodes whose label (ja or en) contains the text, and zoom to them.
  var search = document.getElementById("kg-search");
  var count = document.getElementById("kg-search-count");
  window.kgSearchHits = [];
  function runSearch() {
    var text = search.value.trim().toLowerCase();
    var hits = !text ? [] : nodes.get({filter: function (n) {
      return [n.full_label, n.label_en, n.id].some(function (s) {
        return (s || "").toLowerCase().indexOf(text) >= 0; });
    }}).map(function (n) { return n.id; });
    window.kgSearchHits = hits;
    network.selectNodes(hits);
    count.textContent = text ? hits.length + " 件 found" : "";
    if (hits.length) { network.fit({nodes: hits, animation: false}); }
  }
  if (search) { search.addEventListener("input", runSearch); }
  // Category filter: hide the edges of unticked PLOVER categories.
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll("#kg-categories input[type=checkbox]"));
  function runFilter() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    edges.update(data.edges.map(function (e) {
      return {id: e.id, hidden: shown[e.category] === false};
    }));
  }
  boxes.forEach(function (b) { b.addEventListener("change", runFilter); });
  window.kgData = data;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNetwork = network;
})();
"""


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped inside the pyvis package."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    Example:
        >>> json_for_script({"a": "</script>"})
        '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def inline_script(code: str) -> str:
    """Guard code embedded in a ``<script>`` element against an early ``</script`` end."""
    return _SCRIPT_END.sub(r"<\\/\1", code)


def _swatch(shape: str, colour: str) -> str:
    return (f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
            f'fill="{colour}">{_SVG_SHAPES[shape]}</svg>')


def search_html() -> str:
    """The search box of the page header."""
    return ('<input id="kg-search" type="search" placeholder="検索 search" '
            'aria-label="search nodes"><span id="kg-search-count" aria-live="polite"></span>')


def omitted_html(names: list[str], edges: int, max_nodes: int, shown: int = 200) -> str:
    """What ``max_nodes`` left out: a count, and the names in a details box."""
    if not names:
        return ""
    items = "".join(f"<li>{html.escape(n)}</li>" for n in names[:shown])
    more = f"<li>… {len(names) - shown} more</li>" if len(names) > shown else ""
    return (f' · <details id="kg-omitted-list"><summary id="kg-omitted">{len(names)} less '
            f"connected nodes and {edges} edges not shown (max_nodes={max_nodes})</summary>"
            f"<ul>{items}{more}</ul></details>")


def legend_html(classes: list[str], quads: list[str], secondary: bool,
                categories: list[str] | tuple[str, ...] = ()) -> str:
    """The legend box: node classes and edge quad classes present in the page, and a
    checkbox per PLOVER category drawn (the category filter)."""
    items = [f"<li>{_swatch(CLASS_STYLES[c][0], CLASS_STYLES[c][1])}"
             f"{html.escape(CLASS_STYLES[c][2])}</li>" for c in classes]
    lines = [f'<li><span class="line" style="border-color:{QUAD_STYLES[q][0]}"></span>'
             f"{html.escape(QUAD_STYLES[q][1])}</li>" for q in quads]
    if secondary:
        lines.append(f'<li><span class="line dashed" style="border-color:'
                     f'{SECONDARY_EDGE_COLOUR}"></span>対象・場所 about / place</li>')
    return ('<div id="kg-legend" role="complementary" aria-label="legend">'
            f"<h2>ノード Nodes</h2><ul>{''.join(items)}</ul>"
            f"<h2>イベント Events (PLOVER)</h2><ul>{''.join(lines)}</ul>"
            f"{_category_boxes(categories)}</div>")


def _category_boxes(categories: list[str] | tuple[str, ...]) -> str:
    if not categories:
        return ""
    boxes = "".join(f'<label><input type="checkbox" value="{html.escape(c, quote=True)}" '
                    f"checked> {html.escape(c)}</label>" for c in categories)
    return f'<h2>カテゴリー Categories</h2><div id="kg-categories">{boxes}</div>'



def page_html(*, title: str, header: str, legend: str, data_json: str) -> str:
    """Assemble the self-contained page; every argument is already escaped HTML or JSON."""
    vis_js, vis_css = vis_assets()
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{title}</title>
<style>{vis_css}</style>
<style>{CSS}</style>
</head>
<body>
<div id="kg-header">{header}</div>
{legend}
<div id="kg-network"></div>
<script type="application/json" id="kg-data">{data_json}</script>
<script>{inline_script(vis_js)}</script>
<script>{JS}</script>
</body>
</html>
"""
