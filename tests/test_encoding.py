"""Tests of bytes → str: binary detection, BOMs, declared and detected charsets, line endings."""

from __future__ import annotations

import pytest

from kg.encoding import check_not_binary, declared_charset, decode_bytes, text_quality
from kg.errors import InputError

# Characters where Shift_JIS and cp932 differ (PITFALLS: decode Shift_JIS as cp932).
TEXT = "髙橋外相は①核軍縮②サイバー問題～人権について会談した。北大西洋条約機構（ＮＡＴＯ）も協議した。"


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00", "GIF"),
    (b"%PDF-1.7", "PDF"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"<p>abc\x00def</p>", "NUL"),
])
def test_check_not_binary_rejects_binaries(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as caught:
        check_not_binary(data, "x.html")
    assert caught.value.path == "x.html" and what in caught.value.problem


def test_check_not_binary_accepts_text_and_utf16_bom() -> None:
    check_not_binary(TEXT.encode("utf-8"), "x.txt")
    check_not_binary("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"), "x.txt")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp932"])
def test_decode_bytes_detects_encoding(codec: str) -> None:
    assert decode_bytes((TEXT * 3).encode(codec), "x.txt") == TEXT * 3


def test_decode_bytes_reads_euc_jp_and_iso2022jp() -> None:
    plain = "国連安全保障理事会は北朝鮮の弾道ミサイル発射を巡り緊急会合を開いた。"
    assert decode_bytes(plain.encode("euc_jp"), "x.txt") == plain
    assert decode_bytes(plain.encode("iso2022_jp"), "x.txt") == plain
    numbered = "会談の議題は①核軍縮②サイバー問題だった。両国は協議を続ける。"
    assert decode_bytes(numbered.encode("euc_jis_2004"), "x.txt") == numbered


def test_decode_bytes_normalises_line_endings_and_bom() -> None:
    data = "\ufeff一行目\r\n二行目\r三行目\n".encode("utf-8")
    assert decode_bytes(data, "x.txt") == "一行目\n二行目\n三行目\n"


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="Shift_JIS">', "cp932"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=x-sjis'>", "cp932"),
    (b'<META CHARSET=euc-jp>', "euc_jp"),
    (b'<?xml version="1.0" encoding="EUC-JP"?>', "euc_jp"),
    (b'<meta charset="utf-8">', "utf-8"),
    (b'<meta charset="no-such-charset">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == expected


def test_declared_charset_is_verified() -> None:
    # Declared Shift_JIS, actually EUC-JP: cp932 decodes it without error, as half-width kana.
    data = (TEXT.replace("髙", "高").replace("①", "1").replace("②", "2").replace("～", "〜") * 2).encode("euc_jp")
    assert data.decode("cp932")  # the lie decodes "cleanly" ...
    assert decode_bytes(data, "x.html", "cp932") == data.decode("euc_jp")  # ... but is not used


def test_text_quality_prefers_real_text_over_mojibake() -> None:
    data = "日本とフランスの外相が会談した。".encode("euc_jp")
    assert text_quality(data.decode("euc_jp")) > text_quality(data.decode("cp932", errors="replace")) + 0.5


def test_decode_bytes_undecodable_raises() -> None:
    with pytest.raises(InputError, match="cannot decode"):
        decode_bytes(b"\xff\xfe" + b"a\x00b", "bad.txt")
