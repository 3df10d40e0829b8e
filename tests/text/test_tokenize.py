"""Tokens: words with internal ZWNJ, numbers in every script and format, Latin, punctuation."""

from __future__ import annotations

import time

import pytest

from sanjeh.text import Token, tokenize

ZWNJ = "\u200c"


def pairs(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text)]


def test_words_keep_internal_zwnj() -> None:
    assert pairs(f"او می{ZWNJ}گفت کتاب{ZWNJ}ها") == [
        ("او", "word"),
        (f"می{ZWNJ}گفت", "word"),
        (f"کتاب{ZWNJ}ها", "word"),
    ]


@pytest.mark.parametrize("number", ["۱۴۰۳/۰۲/۱۵", "3.5", "۱۲:۳۰", "۱۲٫۵", "۲۰٪", "20%", "1,000,000", "٤٥"])
def test_numbers_are_one_token(number: str) -> None:
    assert pairs(f"عدد {number} است") == [("عدد", "word"), (number, "number"), ("است", "word")]


def test_number_then_sentence_dot() -> None:
    assert pairs("سال ۱۴۰۳.") == [("سال", "word"), ("۱۴۰۳", "number"), (".", "punct")]


@pytest.mark.parametrize(
    "latin",
    ["https://www.irna.ir/news/123?id=5", "www.example.com", "pr@example.co.ir", "COVID-19", "4G", "iPhone"],
)
def test_latin_urls_and_emails(latin: str) -> None:
    assert pairs(f"«{latin}» را") == [("«", "punct"), (latin, "latin"), ("»", "punct"), ("را", "word")]


def test_url_drops_trailing_punctuation() -> None:
    assert pairs("سایت https://x.ir/a.") == [("سایت", "word"), ("https://x.ir/a", "latin"), (".", "punct")]


def test_punctuation_and_symbols() -> None:
    assert pairs("چرا؟! ... $ 😀") == [
        ("چرا", "word"),
        ("؟", "punct"),
        ("!", "punct"),
        ("...", "punct"),
        ("$", "symbol"),
        ("😀", "symbol"),
    ]


def test_offsets_index_the_text() -> None:
    text = "گفت: «سلام»، ۲۰ نفر."
    tokens = tokenize(text)
    assert tokens[0] == Token("گفت", 0, 3, "word")
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_invisible_characters_separate_but_are_not_tokens() -> None:
    assert pairs("\u200fسلام\u200e دنیا") == [("سلام", "word"), ("دنیا", "word")]


def test_diacritics_stay_inside_words() -> None:
    assert pairs("کتابِ خانهٔ") == [("کتابِ", "word"), ("خانهٔ", "word")]


@pytest.mark.parametrize("junk", ["_" * 100_000, "+" * 100_000, "a_" * 50_000, "۱." * 50_000])
def test_long_runs_stay_linear(junk: str) -> None:
    start = time.process_time()
    tokens = tokenize(junk)
    assert tokens and time.process_time() - start < 1.0
