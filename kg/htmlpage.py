"""Read an HTML page: its metadata, and its main content as blocks for ``find_article``.

Malformed pages are read for what they hold: a page cut off inside a tag loses only
the broken tag, and elements nested deeper than ``MAX_DEPTH`` (real pages stay under
~60; a hostile one can nest tens of thousands, which makes every later pass quadratic)
are flattened into text, block boundaries kept as line breaks.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from datetime import datetime

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    ProcessingInstruction,
    Tag,
    XMLParsedAsHTMLWarning,
)

from kg.blocks import Block
from kg.model import ParagraphKind
from kg.published import date_line, parse_iso_datetime

# Elements that never hold article text.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav",
             "header", "footer", "aside", "form", "button", "select", "input", "textarea",
             "object", "embed", "video", "audio", "map", "dialog", "menu")
DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"}
# Parts of class/id names (split at -, _ and camelCase) that mark furniture.
FURNITURE_WORDS = {
    "nav", "navi", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "rank", "ranking",
    "rankings", "recommend", "recommended", "recommendation", "related", "relation", "share",
    "sharing", "social", "sns", "promo", "promotion", "banner", "sidebar", "side", "footer",
    "header", "masthead", "comment", "comments", "popular", "pickup", "newsletter", "subscribe",
    "subscription", "sponsor", "sponsored", "ad", "ads", "advert", "advertisement", "pr", "widget",
    "pagination", "pager", "toolbar", "cookie", "modal", "popup", "login", "tags", "taglist",
    "trending", "outbrain", "taboola", "magazine", "mailmagazine", "follow",
}
FURNITURE_PREFIXES = ("breadcrumb", "recommend", "related", "ranking", "advert", "sponsor",
                      "sidebar", "sidenav", "subnav", "globalnav", "popular", "newsletter", "share")
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
              "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "table",
              "tr", "td", "th", "pre", "address", "hr", "caption", "details", "summary"}
CONTENT_NAME = re.compile(r"(?:article|story|entry|post|news|main)[-_]?(?:body|content|text|detail)"
                          r"|body[-_]?text|articlebody", re.IGNORECASE)
CAPTION_NAME = re.compile(r"caption|photo[-_]?(?:text|desc)|img[-_]?desc|credit", re.IGNORECASE)
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date",
                  "dcterms.issued", "sailthru.date", "parsely-pub-date")
_CJK = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
# Source line breaks between two CJK characters render as nothing (CSS Text 3 segment breaks).
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n[ \t\r\f\v\n]*(?=[{_CJK}])")
_BR = "\u2028"
MAX_DEPTH = 256
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_AFTER = object()  # marks the end of a block element while flattening


@dataclass(frozen=True)
class Page:
    """What an HTML page says about itself, and the blocks of its main content."""

    blocks: list[Block]
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    publication: str | None = None
    language: str | None = None


def parse_page(html: str) -> Page:
    """Read the metadata of a page, drop its furniture and return the main content as blocks."""
    with warnings.catch_warnings():  # an XHTML page or a page that looks like a URL is fine
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(_cut_open_tag(html), "html.parser")
    _flatten_deep(soup, MAX_DEPTH)
    meta = _meta(soup)
    ld = _json_ld(soup)
    title = _title(soup, meta, ld)
    published = _published(soup, meta, ld, title)
    url = _link(soup, "canonical") or meta.get("og:url")
    publication = meta.get("og:site_name") or ld.get("publisher") or meta.get("application-name")
    html_tag = soup.find("html")
    language = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    _drop_furniture(soup)
    root = _main_content(soup)
    return Page(blocks=_blocks(root) if root else [], title=title, published=published, url=url,
                publication=publication, language=str(language) if language else None)


def _cut_open_tag(html: str) -> str:
    """A page truncated inside a tag (``…で<b><i``) without the broken tag at its end."""
    start = html.rfind("<")
    if start > html.rfind(">") and html[start + 1: start + 2].isascii() \
            and re.match(r"[A-Za-z/!?]", html[start + 1: start + 2]):
        return html[:start]
    return html


def _flatten_deep(soup: BeautifulSoup, limit: int) -> None:
    """Replace the content of each element at depth ``limit`` that holds more elements by
    its text; block elements become ``<br>``-like breaks, scripts and comments go."""
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    at_limit: list[Tag] = []
    while stack:
        element, depth = stack.pop()
        for child in element.contents:
            if isinstance(child, Tag):
                if depth + 1 >= limit:
                    at_limit.append(child)
                else:
                    stack.append((child, depth + 1))
    for tag in at_limit:
        if any(isinstance(child, Tag) for child in tag.contents):
            text = _flat_text(tag)
            tag.clear()
            tag.append(NavigableString(text))


def _flat_text(tag: Tag) -> str:
    out: list[str] = []
    todo: list[object] = list(reversed(tag.contents))
    while todo:
        node = todo.pop()
        if node is _AFTER:
            out.append(_BR)
        elif isinstance(node, Tag):
            if node.name in DROP_TAGS:
                continue
            if node.name in BLOCK_TAGS or node.name == "br":
                out.append(_BR)
                todo.append(_AFTER)
            todo.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            out.append(str(node))
    return "".join(out)


def _text(el: Tag) -> str:
    return re.sub(r"\s+", " ", _CJK_BREAK.sub("", el.get_text())).strip()


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and str(key).lower() not in found:
            found[str(key).lower()] = str(content).strip()
    return found


def _json_ld(soup: BeautifulSoup) -> dict[str, str]:
    """headline, datePublished and publisher name from JSON-LD, if the page has it."""
    found: dict[str, str] = {}
    stack: list[object] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            stack.append(json.loads(script.string or ""))
        except ValueError:
            continue
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher", publisher["name"])
    return found


def _link(soup: BeautifulSoup, rel: str) -> str | None:
    for tag in soup.find_all("link", href=True):
        if rel in [str(r).lower() for r in tag.get_attribute_list("rel")]:
            return str(tag["href"]).strip()
    return None


def _title(soup: BeautifulSoup, meta: dict[str, str], ld: dict[str, str]) -> str | None:
    """The headline: an h1 the metadata agrees with, else og:title / <title> minus the site name."""
    declared = [t for t in (meta.get("og:title"), ld.get("headline"),
                            soup.title.get_text() if soup.title else None) if t]
    h1s = [t for t in (_text(h) for h in soup.find_all("h1")) if t]
    for h1 in h1s:
        if any(h1 in d for d in declared):
            return h1
    if declared:
        parts = re.split(r"\s+[|｜]\s+|\s*｜\s*|\s+[-–—]\s+", declared[0].strip())
        site = meta.get("og:site_name", "")
        parts = [p for p in parts if p and p != site] or parts
        return max(parts, key=len).strip()
    return h1s[0] if h1s else None


def _published(soup: BeautifulSoup, meta: dict[str, str], ld: dict[str, str],
               title: str | None) -> datetime | None:
    for key in PUBLISHED_META:
        if key in meta and (value := parse_iso_datetime(meta[key])):
            return value
    if "datePublished" in ld and (value := parse_iso_datetime(ld["datePublished"])):
        return value
    for tag in soup.find_all("time"):
        if tag.get("datetime") and (value := parse_iso_datetime(str(tag["datetime"]))):
            return value
    # A date printed near the headline: the first date-only string after (or before) the h1.
    h1 = next((h for h in soup.find_all("h1") if title and _text(h) == title), None)
    if h1 is not None:
        after = h1.find_all_next(string=True, limit=40)
        before = h1.find_all_previous(string=True, limit=15)
        for strings in (after, before):
            for s in strings:
                if isinstance(s, NavigableString) and (value := date_line(str(s))):
                    return value
    return None


def _names(tag: Tag) -> str:
    """The class and id of an element, as one string."""
    return " ".join([*tag.get_attribute_list("class"), str(tag.get("id") or "")])


def _furniture_name(tag: Tag) -> bool:
    for word in re.split(r"[\s\-_]+|(?<=[a-z])(?=[A-Z])", _names(tag)):
        word = word.lower()
        if word in FURNITURE_WORDS or word.startswith(FURNITURE_PREFIXES):
            return True
    return False


def _drop_furniture(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    total = sum(len(_text(p)) for p in soup.find_all("p")) or 1
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        furniture = (str(tag.get("role", "")).lower() in DROP_ROLES or tag.has_attr("hidden")
                     or str(tag.get("aria-hidden", "")).lower() == "true" or _furniture_name(tag))
        # A class name can mislead ("has-sidebar" on a page wrapper): never drop most text.
        if furniture and sum(len(_text(p)) for p in tag.find_all("p")) <= total / 2:
            tag.decompose()


def _main_content(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article: by markup first, then by the density of paragraph text."""
    def size(tag: Tag) -> int:
        return sum(len(_text(p)) for p in tag.find_all("p")) or len(_text(tag)) // 4

    body = soup.select_one('[itemprop="articleBody"]')
    if body is None:
        named = [t for t in soup.find_all(True) if CONTENT_NAME.search(_names(t))]
        body = max(named, key=size, default=None)
    if isinstance(body, Tag) and size(body) > 0:
        # The <article> around the body also holds its photo and caption.
        article = body.find_parent("article")
        return article if isinstance(article, Tag) else body
    landmarks = (soup.find_all("article"), soup.find_all("main"), soup.select('[role="main"]'))
    for candidates in landmarks:
        best = max(candidates, key=size, default=None)
        if isinstance(best, Tag) and size(best) > 0:
            return best
    scores: dict[int, tuple[Tag, float]] = {}
    for p in soup.find_all("p"):
        length = len(_text(p))
        for weight, parent in zip((1.0, 0.5), p.find_parents(limit=2), strict=False):
            tag, score = scores.get(id(parent), (parent, 0.0))
            scores[id(parent)] = (tag, score + weight * length)
    if scores:
        return max(scores.values(), key=lambda pair: pair[1])[0]
    return soup.body or soup


def _kind(tag: Tag) -> ParagraphKind | None:
    if tag.name in ("figcaption", "caption") or CAPTION_NAME.search(_names(tag)):
        return "caption"
    if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    return None


def _blocks(root: Tag) -> list[Block]:
    """The block-level pieces of ``root`` in reading order; ``<br>`` also splits blocks."""
    out: list[Block] = []

    def flush(buffer: list[tuple[str, bool]], kind: ParagraphKind | None) -> None:
        text = _CJK_BREAK.sub("", "".join(s for s, _ in buffer))
        linked = sum(len(s.strip()) for s, in_link in buffer if in_link)
        buffer.clear()
        pieces = [re.sub(r"\s+", " ", piece).strip() for piece in text.split(_BR)]
        size = sum(len(p) for p in pieces) or 1
        for piece in pieces:
            if piece:
                out.append(Block(piece, kind, link=linked / size >= 0.7))

    def walk(el: Tag, buffer: list[tuple[str, bool]], kind: ParagraphKind | None,
             in_link: bool) -> None:
        for child in el.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                buffer.append((str(child), in_link))
            elif isinstance(child, Tag):
                if child.name == "br":
                    buffer.append((_BR, False))
                elif child.name in BLOCK_TAGS or _kind(child):
                    flush(buffer, kind)
                    inner: list[tuple[str, bool]] = []
                    child_kind = _kind(child) or kind
                    walk(child, inner, child_kind, in_link)
                    flush(inner, child_kind)
                elif child.name != "img":
                    walk(child, buffer, kind, in_link or child.name == "a")

    top: list[tuple[str, bool]] = []
    walk(root, top, _kind(root), False)
    flush(top, _kind(root))
    return out
