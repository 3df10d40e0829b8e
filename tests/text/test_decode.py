"""Decoding bytes: UTF-8 first, declared BOMs, guessed windows-1256 and UTF-16, clear errors."""

from __future__ import annotations

import codecs
import random

import pytest

from sanjeh.text import TextError, decode_bytes
from sanjeh.text.decode import detect_encoding

PERSIAN = "روابط عمومی مخابرات لرستان، در ارزیابی شاخص‌ها رتبه برتر را کسب کرد.\n" * 3
# windows-1256 has Arabic yeh (ي) but not Persian yeh (ی); Persian text in it is written with ي.
CP1256_PERSIAN = PERSIAN.replace("ی", "ي")


def test_utf8_is_not_assumed() -> None:
    decoded = decode_bytes(PERSIAN.encode("utf-8"), source="a.txt")
    assert (decoded.text, decoded.encoding, decoded.assumed) == (PERSIAN, "utf-8", False)


def test_utf8_bom_is_stripped() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + PERSIAN.encode("utf-8"), source="a.txt")
    assert decoded.text == PERSIAN and not decoded.assumed


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    decoded = decode_bytes(PERSIAN.encode(codec), source="a.txt")
    assert decoded.text == PERSIAN
    assert decoded.encoding.startswith("utf-16")
    assert decoded.assumed is (codec != "utf-16")


def test_windows_1256_is_detected_and_assumed() -> None:
    decoded = decode_bytes(CP1256_PERSIAN.encode("cp1256"), source="old.txt")
    assert decoded.text == CP1256_PERSIAN
    assert decoded.encoding == "windows-1256"
    assert decoded.assumed


def test_short_windows_1256() -> None:
    assert decode_bytes("سلام، اين متن است.".encode("cp1256"), source="s").encoding == "windows-1256"


def test_empty_input_is_utf8() -> None:
    assert decode_bytes(b"", source="empty").text == ""


@pytest.mark.parametrize("size", [7, 64, 500, 4000])
def test_garbage_is_a_clear_error(size: int) -> None:
    data = random.Random(size).randbytes(size)
    with pytest.raises(TextError, match=r"junk\.bin: cannot decode .*expected UTF-8"):
        decode_bytes(data, source="junk.bin")


def test_utf8_cut_mid_character_is_fine_for_sniffing() -> None:
    head = PERSIAN.encode("utf-8")[:5]
    assert detect_encoding(head, source="x") == ("utf-8", False, 0)
