"""Read article files (saved page text or HTML) into ``Article`` records: the reading stage.

>>> article = read_text_article("米ロが会談\\n2021年6月17日\\n両首脳は16日、会談した。")
>>> article.title, article.text, article.published.isoformat()
('米ロが会談', '両首脳は16日、会談した。', '2021-06-17T00:00:00+09:00')
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.blocks import Block
from kg.encoding import check_not_binary, declared_charset, decode_bytes
from kg.errors import InputError
from kg.furniture import Found, find_article
from kg.htmlpage import parse_page
from kg.model import Article, Paragraph

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
NO_ARTICLE = "no recognisable article: found no paragraphs of running text"

# Limits that bound the time and memory one file can take; both can be raised.
# 5 MB is ten times a heavy news page; 100,000 characters is ten times a long feature
# article and about 40 s of GiNZA parsing on one core.
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_CHARS = 100_000
# Sudachi refuses inputs over 49,149 bytes; at up to 4 UTF-8 bytes a character, a
# paragraph longer than this is handed to GiNZA in pieces (split after a sentence end).
MAX_PARAGRAPH_CHARS = 10_000
# The languages the extraction rules read (they are written for Japanese).
SUPPORTED_LANGUAGES = ("ja",)
_SENTENCE_END = re.compile(r"[。！？!?]」?|\.\s")


def _limit(value: int | None, variable: str, default: int) -> int:
    """An explicit limit, else the environment variable, else the default."""
    if value is not None:
        return value
    raw = os.environ.get(variable, "").strip().replace("_", "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(variable, f"not a whole number of bytes or characters: {raw!r}") from None


def max_bytes_limit(value: int | None = None) -> int:
    """The size limit of one article file: ``value``, else ``$KG_MAX_BYTES``, else 5 MB."""
    return _limit(value, "KG_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_chars_limit(value: int | None = None) -> int:
    """The limit on an article's text: ``value``, else ``$KG_MAX_CHARS``, else 100,000."""
    return _limit(value, "KG_MAX_CHARS", DEFAULT_MAX_CHARS)


def check_language(article: Article) -> None:
    """Raise unless the article is in a language the extraction rules read.

    Raises:
        InputError: ``language en is not supported yet …``, naming the file.
    """
    if article.language not in SUPPORTED_LANGUAGES:
        raise InputError(
            article.path,
            f"language {article.language} is not supported yet; kg extracts "
            f"{', '.join(SUPPORTED_LANGUAGES)} articles only",
        )
_LOOKS_HTML = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def article_id(text: str) -> str:
    """A stable id for an article: 16 hex digits of the SHA-256 of its normalised content.

    The content is NFKC-normalised and its whitespace collapsed, so the same article
    read twice, or once as text and once as HTML, gets the same id.

    >>> a = article_id("米ロ首脳会談\\n両首脳は会談した。")
    >>> a == article_id(" 米ロ首脳会談  両首脳は会談した。")
    True
    """
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories into the article files to read.

    Directories are walked recursively, in sorted order, keeping ``.txt``, ``.html`` and
    ``.htm`` files and skipping hidden files and directories.

    Args:
        paths: Files and directories.

    Yields:
        The article files.

    Raises:
        InputError: A path does not exist, or a file given by name has another extension.
    """
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                # Not only regular files: a FIFO or a broken link named x.html is reported
                # by read_article rather than silently left out.
                if not hidden and found.suffix.lower() in SUFFIXES and not found.is_dir():
                    yield found
        elif path.is_file():
            _check_suffix(path)
            yield path
        elif path.exists() or path.is_symlink():
            yield path  # a FIFO, device or broken link: read_article says what it is
        else:
            raise InputError(path, "no such file or directory")


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        shown = path.suffix or "no extension"
        expected = ", ".join(SUFFIXES)
        raise InputError(path, f"unsupported file type ({shown}); expected one of {expected}")


def read_article(path: str | Path, *, max_bytes: int | None = None,
                 max_chars: int | None = None) -> Article:
    """Read one ``.txt`` (saved page text) or ``.html``/``.htm`` file as an article.

    Args:
        path: The file.
        max_bytes: Refuse a larger file, before reading it (default ``$KG_MAX_BYTES`` or 5 MB).
        max_chars: Refuse an article with longer text (default ``$KG_MAX_CHARS`` or 100,000).

    Returns:
        The article found in the file, page furniture removed.

    Raises:
        InputError: The file is missing, not a regular file, unreadable, too large, empty,
            binary, undecodable, of another type, or holds no recognisable article (or too
            much of one). The message names the file.
    """
    path = Path(path)
    data = read_file_bytes(path, max_bytes_limit(max_bytes))
    if not data.strip():
        raise InputError(path, "the file is empty")
    check_not_binary(data, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        article = read_html_article(data, str(path))
    else:
        text = decode_bytes(data, path)
        if _LOOKS_HTML.match(text):  # a page saved as .txt with its markup
            article = read_html_article(data, str(path))  # now trusting its declared charset
        else:
            article = read_text_article(text, str(path))
    limit = max_chars_limit(max_chars)
    if len(article.text) > limit:
        raise InputError(
            path, f"the article text is {len(article.text):,} characters, over the limit of "
            f"{limit:,} (raise it with --max-chars or KG_MAX_CHARS)"
        )
    return article


_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular article file, refusing anything else before opening it.

    A FIFO or device is never opened (reading one could block or never end); the size
    limit is checked on the file's metadata first and again on what is read.

    Raises:
        InputError: The path is missing, a broken link, a directory, not a regular file,
            of another type, unreadable, or larger than ``max_bytes``.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(path, f"broken symbolic link (to {os.readlink(path)})") from None
        raise InputError(path, "no such file") from None
    except OSError as e:
        raise InputError(path, f"cannot read the file: {e.strerror or e}") from e
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not an article file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((what for test, what in _FILE_KINDS if test(info.st_mode)), "a special file")
        raise InputError(path, f"not a regular file but {kind}; kg reads only regular files")
    _check_suffix(path)
    too_big = (f"over the size limit of {max_bytes:,} bytes "
               "(raise it with --max-bytes or KG_MAX_BYTES)")
    if info.st_size > max_bytes:
        raise InputError(path, f"the file is {info.st_size:,} bytes, {too_big}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as e:
        raise InputError(path, f"cannot read the file: {e.strerror or e}") from e
    if len(data) > max_bytes:  # it grew since stat
        raise InputError(path, f"the file is larger than {max_bytes:,} bytes, {too_big}")
    return data


def read_text_article(text: str, path: str = "<text>") -> Article:
    """Read saved page text (one paragraph or page element a line) as an article.

    Args:
        text: The page text.
        path: Where the text came from, for ``Article.path`` and errors.

    Returns:
        The article.

    Raises:
        InputError: The text is empty or holds no recognisable article.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError(path, "the text is empty")
    blocks = [Block(line.strip()) for line in text.split("\n") if line.strip()]
    found = find_article(blocks)
    if not _has_text(found):
        raise InputError(path, NO_ARTICLE)
    return _article(found, path)


def read_html_article(html: str | bytes, path: str = "<html>") -> Article:
    """Read an HTML page as an article.

    Args:
        html: The page, as text or as raw bytes (decoded by the declared or detected charset).
        path: Where the page came from, for ``Article.path`` and errors.

    Returns:
        The article, with ``url`` and ``publication`` when the page declares them.

    Raises:
        InputError: The page is empty, binary, undecodable or holds no recognisable article.
    """
    if isinstance(html, bytes):
        if not html.strip():
            raise InputError(path, "the page is empty")
        check_not_binary(html, path)
        html = decode_bytes(html, path, declared_charset(html))
    html = html.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not html.strip():
        raise InputError(path, "the page is empty")
    page = parse_page(html)
    found = find_article(page.blocks, page.title, page.published)
    if not _has_text(found):
        raise InputError(path, NO_ARTICLE)
    return _article(found, path, url=page.url, publication=page.publication, language=page.language)


def _has_text(found: Found | None) -> bool:
    """Whether an article was found and, its dateline and credit split off, text remains."""
    return found is not None and any(kind != "heading" and text.strip()
                                     for kind, text in found.paragraphs)


def _article(found: Found, path: str, url: str | None = None, publication: str | None = None,
             language: str | None = None) -> Article:
    paragraphs: list[Paragraph] = []
    offset = 0
    for kind, text in found.paragraphs:
        for start, end in _pieces(text):
            paragraphs.append(Paragraph(kind=kind, start=offset + start, end=offset + end))
        offset += len(text) + 1
    text = "\n".join(text for _, text in found.paragraphs)
    return Article(
        id=article_id(found.title + "\n" + text),
        path=path,
        title=found.title,
        text=text,
        paragraphs=tuple(paragraphs),
        published=found.published,
        dateline=found.dateline,
        agency=found.agency,
        language=detect_language(found.title + text, language),
        url=url,
        publication=publication,
    )


def _pieces(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[tuple[int, int]]:
    """Spans of ``text`` of at most ``limit`` characters, cut after a sentence end if one
    lies in the second half of the window (else cut hard); the text itself is unchanged."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start: start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() > limit // 2]
        cut = start + (ends[-1] if ends else limit)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def detect_language(text: str, declared: str | None = None) -> str:
    """``"ja"`` when the text is mostly Japanese script, else a best-effort language code.

    Args:
        text: The article text.
        declared: A language the page declares (``<html lang>``), used for Latin script.
    """
    counts = {"kana": 0, "han": 0, "hangul": 0, "cyrillic": 0, "arabic": 0, "latin": 0}
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9D:
            counts["kana"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= code <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0600 <= code <= 0x06FF:
            counts["arabic"] += 1
        elif ch.isalpha() and code < 0x250:
            counts["latin"] += 1
    letters = sum(counts.values()) or 1
    if (counts["kana"] + counts["han"]) / letters >= 0.3 and counts["kana"] > 0.05 * counts["han"]:
        return "ja"
    script = max(counts, key=lambda k: counts[k])
    if script == "han":
        return "zh"
    other = {"hangul": "ko", "cyrillic": "ru", "arabic": "ar"}.get(script)
    if other:
        return other
    return declared.split("-")[0].lower() if declared else "en"
