"""The server's HTML pages: the query page and the entity page, self-contained and escaped.

Data reaches the query page only as JSON in a ``<script type="application/json">`` element
(``json_for_script``) and reaches the DOM only through ``textContent``; the entity page is
built on the server with every value passed through ``html.escape`` and runs no script.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from kg.page_assets import inline_script, json_for_script
from kg.query import PREFIXES
from kg.server_entity import ENTITY_PREFIX, EntityData

INDEX_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
             "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'")
STATIC_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'")
DEFAULT_QUERY = """SELECT ?entity ?label ?type WHERE {
  ?entity a kg:Actor , ?type ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "ja" && ?type != kg:Actor)
} ORDER BY ?label LIMIT 100"""

CSS = """
body { margin: 0; font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo,
  sans-serif; color: #222; background: #fafafa; }
header { padding: 8px 16px; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { display: inline; font-size: 18px; margin-right: 16px; }
header a { margin-right: 12px; }
main { padding: 12px 16px; }
#kg-presets button { margin: 0 6px 6px 0; padding: 4px 8px; cursor: pointer; }
#kg-presets button.active { background: #4e79a7; color: #fff; }
#kg-query { width: 100%; height: 12em; font-family: monospace; font-size: 13px;
  box-sizing: border-box; }
#kg-params label { display: inline-block; margin: 4px 12px 4px 0; font-size: 13px; }
#kg-status { margin-left: 12px; font-size: 13px; color: #555; }
table { border-collapse: collapse; margin-top: 8px; font-size: 13px; background: #fff; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
td { min-width: 5em; max-width: 36em; overflow-wrap: anywhere; }
#kg-results { overflow-x: auto; }
th { background: #eee; }
.kg-lang { color: #888; font-size: 11px; margin-left: 4px; }
pre { white-space: pre-wrap; word-break: break-word; background: #fff; padding: 8px;
  border: 1px solid #ddd; }
.kg-error { color: #a00; }
.kg-sentence { max-width: 40em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dt { font-weight: bold; }
dd { margin: 0; }
"""

INDEX_JS = """
(function () {
  "use strict";
  var presets = JSON.parse(document.getElementById("kg-preset-data").textContent);
  var PREFIXES = JSON.parse(document.getElementById("kg-prefix-data").textContent);
  var ENTITY = PREFIXES.id + "entity/";
  var box = document.getElementById("kg-query");
  var paramBox = document.getElementById("kg-params");
  var status = document.getElementById("kg-status");
  var out = document.getElementById("kg-results");
  var selected = null;
  window.kgRuns = 0;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function compact(iri) {
    for (var p in PREFIXES) {
      if (iri.indexOf(PREFIXES[p]) === 0) { return p + ":" + iri.slice(PREFIXES[p].length); }
    }
    return iri;
  }
  function cell(term) {
    var td = el("td");
    if (!term) { return td; }
    if (term.type === "uri" && term.value.indexOf(ENTITY) === 0) {
      var a = el("a", compact(term.value), "kg-entity");
      a.href = "/entity?iri=" + encodeURIComponent(term.value);
      td.appendChild(a);
    } else if (term.type === "uri") {
      td.textContent = compact(term.value);
      td.title = term.value;
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) { td.appendChild(el("span", "@" + term["xml:lang"], "kg-lang")); }
    }
    return td;
  }
  function render(json) {
    if (typeof json.boolean === "boolean") {
      out.appendChild(el("pre", json.boolean ? "true" : "false", "kg-boolean"));
      status.textContent = "ASK answered";
      return;
    }
    var vars = json.head.vars, rows = json.results.bindings;
    var table = el("table"), head = el("tr"), body = el("tbody");
    table.id = "kg-table";
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    table.appendChild(el("thead")).appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    out.appendChild(table);
    status.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  }
  function paramInputs() { return Array.prototype.slice.call(paramBox.querySelectorAll("input")); }
  function showParams(preset) {
    paramBox.textContent = "";
    preset.params.forEach(function (p) {
      var label = el("label", p.name + (p.optional ? "" : " *") + " ");
      var input = el("input");
      input.dataset.name = p.name;
      input.value = p.default || "";
      input.placeholder = p.kind;
      input.title = p.description;
      label.title = p.description;
      label.appendChild(input);
      paramBox.appendChild(label);
    });
  }
  function choose(preset, button) {
    selected = preset;
    box.value = preset.text;
    showParams(preset);
    document.querySelectorAll("#kg-presets button").forEach(function (b) {
      b.classList.toggle("active", b === button);
    });
    var missing = preset.params.filter(function (p) { return !p.optional && !p.default; });
    if (missing.length) {
      out.textContent = "";
      status.textContent = "fill in " + missing.map(function (p) { return p.name; }).join(", ") +
        " and press Run";
    } else {
      run();
    }
  }
  function run() {
    var body = new URLSearchParams();
    if (selected && box.value === selected.text) {
      body.set("preset", selected.name);
      paramInputs().forEach(function (i) {
        if (i.value) { body.set("param." + i.dataset.name, i.value); }
      });
    } else {
      body.set("query", box.value);
    }
    out.textContent = "";
    status.textContent = "running…";
    fetch("/sparql", {method: "POST", body: body,
                      headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}})
      .then(function (r) {
        return r.text().then(function (text) { return {response: r, text: text}; });
      })
      .then(function (x) {
        var type = x.response.headers.get("Content-Type") || "";
        if (!x.response.ok) {
          status.textContent = "error " + x.response.status;
          out.appendChild(el("pre", x.text, "kg-error"));
        } else if (type.indexOf("json") >= 0) {
          render(JSON.parse(x.text));
        } else {
          status.textContent = "graph (Turtle)";
          out.appendChild(el("pre", x.text, "kg-graph"));
        }
      })
      .catch(function (e) { status.textContent = "request failed: " + e; })
      .then(function () { window.kgRuns += 1; });
  }
  var list = document.getElementById("kg-presets");
  presets.forEach(function (preset) {
    var button = el("button", preset.title);
    button.type = "button";
    button.title = preset.description;
    button.dataset.preset = preset.name;
    button.addEventListener("click", function () { choose(preset, button); });
    list.appendChild(button);
  });
  document.getElementById("kg-run").addEventListener("click", run);
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  window.kgReady = true;
})();
"""


def _page(title: str, csp: str, body: str, script: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>kg</h1><a href="/">クエリ Query</a><a href="/graph">グラフ Graph</a>
<span>SPARQL endpoint: <code>/sparql</code></span></header>
<main>
{body}
</main>
{script}
</body>
</html>
"""


def preset_payload(presets: Sequence[Any]) -> list[dict[str, Any]]:
    """The presets as plain data for the page."""
    return [{"name": p.name, "title": p.title, "description": p.description, "text": p.text,
             "params": [{"name": q.name, "description": q.description, "default": q.default,
                         "kind": q.kind, "optional": bool(getattr(q, "optional", q.default))}
                        for q in p.params]}
            for p in presets]


def index_page(presets: Sequence[Any], *, preset_error: str = "") -> str:
    """The query page: canned queries, a query box and a results table filled by script."""
    note = f'<p class="kg-error">{html.escape(preset_error)}</p>' if preset_error else ""
    query, data = html.escape(DEFAULT_QUERY), json_for_script(preset_payload(presets))
    body = f"""<section><h2>定型クエリ Canned queries</h2>{note}<div id="kg-presets"></div></section>
<section><h2>SPARQL</h2>
<textarea id="kg-query" spellcheck="false" aria-label="SPARQL query">{query}</textarea>
<div id="kg-params"></div>
<button id="kg-run" type="button">実行 Run</button><span id="kg-status"></span>
<p>kg's prefixes ({html.escape(", ".join(PREFIXES))}) are predeclared; Ctrl+Enter runs.</p>
</section>
<section id="kg-results" aria-live="polite"></section>
<script type="application/json" id="kg-preset-data">{data}</script>
<script type="application/json" id="kg-prefix-data">{json_for_script(PREFIXES)}</script>"""
    return _page("kg — SPARQL", INDEX_CSP, body, f"<script>{inline_script(INDEX_JS)}</script>")


def _text(text: str, lang: str = "") -> str:
    tag = f'<span class="kg-lang">@{html.escape(lang)}</span>' if lang else ""
    return f"{html.escape(text)}{tag}"


def entity_link(iri: str, label: str) -> str:
    """A link to an entity's page (any other IRI is shown as text)."""
    if not iri.startswith(ENTITY_PREFIX):
        return html.escape(label)
    href = "/entity?iri=" + quote(iri, safe="")
    return f'<a class="kg-entity" href="{html.escape(href)}">{html.escape(label)}</a>'


def entity_page(data: EntityData) -> str:
    """The page of one entity: labels, aliases, Wikidata, type, and its events with evidence."""
    rows = [("IRI", html.escape(data.iri))]
    rows.append(("ラベル Labels", "<br>".join(_text(t, lang) for t, lang in data.labels) or "—"))
    rows.append(("別名 Aliases", "<br>".join(_text(t, lang) for t, lang in data.aliases) or "—"))
    rows.append(("種別 Type", html.escape(", ".join(data.types)) or "—"))
    links = [f'<a class="kg-wikidata" href="https://www.wikidata.org/wiki/{html.escape(q)}">'
             f"{html.escape(q)}</a>" for q in data.wikidata]
    rows.append(("Wikidata", " ".join(links) or "—"))
    rows += [("sameAs", html.escape(iri)) for iri in data.same_as]
    rows += [(html.escape(what), entity_link(value, label)) for what, value, label in data.details]
    facts = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    shown = (f"{data.events_total} events" if len(data.events) == data.events_total
             else f"{data.events_total} events, the newest {len(data.events)} shown")
    lines = []
    for e in data.events:
        others = "<br>".join(f"{html.escape(c.role)}: {entity_link(c.iri, c.label)}"
                             for c in e.counterparts) or "—"
        sentences = "<br>".join(html.escape(s) for s in e.sentences) or "—"
        lines.append(
            f'<tr class="kg-event"><td>{html.escape(e.date) or "—"}</td>'
            f"<td>{html.escape(e.category)}<br>"
            f"<small>{html.escape(e.quad.replace('_', ' '))}</small></td>"
            f"<td>{html.escape(', '.join(e.roles))}</td><td>{others}</td>"
            f'<td class="kg-sentence">{sentences}</td>'
            f'<td class="kg-headline">{html.escape(e.headline) or "—"}</td></tr>')
    table = ("<table id=\"kg-events\"><thead><tr><th>日付 Date</th><th>種類 Category</th>"
             "<th>役割 Role</th><th>相手 Counterparts</th><th>根拠 Evidence</th>"
             f"<th>記事 Article</th></tr></thead><tbody>{''.join(lines)}</tbody></table>")
    body = (f'<h2 id="kg-entity-label">{html.escape(data.label)}</h2><dl>{facts}</dl>'
            f'<h3>イベント Events <small id="kg-event-count">({shown})</small></h3>{table}')
    return _page(f"kg — {data.label}", STATIC_CSP, body)


def message_page(title: str, message: str) -> str:
    """A plain page for a missing entity or a failed page build."""
    body = f"<h2>{html.escape(title)}</h2><p>{html.escape(message)}</p>"
    return _page(f"kg — {title}", STATIC_CSP, body)
