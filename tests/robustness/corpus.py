"""Small articles of our own made from templates, and comparing whole stores quad by quad."""

from __future__ import annotations

import codecs
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from kg.store import KGStore

# Gazetteer actors (name as written in a report) and places.
ACTORS = ("バイデン米大統領", "プーチン大統領", "岸田首相", "習近平国家主席", "マクロン仏大統領",
          "ゼレンスキー大統領", "グテレス国連事務総長", "ショルツ独首相")
PLACES = ("ジュネーブ", "ワシントン", "北京", "パリ", "ブリュッセル", "東京")
TOPICS = ("核軍縮", "気候変動", "サイバー攻撃", "ウクライナ情勢", "食料安全保障", "人権問題")
# A person the gazetteer does not know, minted by NER in every article that names them.
MINTED = "ヤマダ・タロウ"


def article_text(n: int, *, minted: bool = False, extra: str = "") -> str:
    """Saved page text of article ``n``: headline, date line, dateline and 3 body sentences."""
    a, b = ACTORS[n % len(ACTORS)], ACTORS[(n * 3 + 1) % len(ACTORS)]
    if a == b:
        b = ACTORS[(n + 1) % len(ACTORS)]
    place, topic = PLACES[n % len(PLACES)], TOPICS[n % len(TOPICS)]
    day = n % 27 + 1
    lines = [
        "ワールド",
        f"{a.removesuffix('大統領').removesuffix('首相')}氏、{topic}で協議 第{n}報",
        f"2021年06月{day + 1:02d}日(木)10時{n % 60:02d}分",
        f"[{place} {day}日 ロイター] - {a}は{day}日、{place}で{b}と会談し、{topic}を巡る"
        f"協議を続けることで合意した。",
        f"{a}は会談後、{b}の対応を非難し、具体的な行動を求めた。{extra}",
        f"両首脳は{topic}について、年内に再び会談する方針を確認した(記事番号{n})。",
    ]
    if minted:
        lines.append(f"会談には政府高官の{MINTED}氏も同席し、{b}と意見を交わした。")
    lines += ["ロイター", "Copyright (C) 2021 トムソンロイター・ジャパン(株) 記事の無断転用を禁じます。"]
    return "\n\n".join(lines) + "\n"


def article_html(n: int, *, charset: str | None = "utf-8", lang: str = "ja",
                 title: str | None = None, body: list[str] | None = None,
                 head_extra: str = "") -> str:
    """An HTML page of article ``n`` (or of the given title and escaped body paragraphs)."""
    text = article_text(n).split("\n\n")
    title = title if title is not None else text[1]
    body = body if body is not None else text[3:6]
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}<title>{title} | 通信</title>'
            f"{head_extra}</head>\n<body><nav><a href='/'>ホーム</a></nav>\n<article><h1>{title}"
            f"</h1>\n<time datetime=\"2021-06-17T10:33:00+09:00\">2021年6月17日</time>\n"
            f"{paragraphs}\n</article>\n<footer>Copyright</footer></body></html>\n")


def write_corpus(directory: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` article files (``a000.txt`` …) in ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = directory / f"a{n:03d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def encoded(text: str, codec: str, *, bom: bool = False) -> bytes:
    """``text`` in ``codec`` (cp932 for Shift_JIS), with a UTF-8 byte-order mark if asked."""
    data = text.encode(codec)
    return codecs.BOM_UTF8 + data if bom else data


def _canonical_lines(graph: Graph) -> frozenset[str]:
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        graph = to_canonical_graph(graph)
    return frozenset(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)


def snapshot(store: KGStore) -> dict[str, frozenset[str]]:
    """Every named graph of the store → its triples as N-Triples lines (blank nodes
    canonicalised), so two stores built separately compare equal iff they hold the same."""
    return {str(name): _canonical_lines(store.graph(name)) for name in store.graphs()}


def snapshot_at(path: Path) -> dict[str, frozenset[str]]:
    """``snapshot`` of the store at ``path``, opened read-only."""
    with KGStore(path, read_only=True) as store:
        return snapshot(store)


def article_graphs(snap: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Only the article graphs of a snapshot."""
    return {name: triples for name, triples in snap.items() if "/graph/article/" in name}
