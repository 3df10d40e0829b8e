"""The packaged lexicon: loads offline, frequencies on one scale, ZWNJ index, verb stems, attribution."""

from __future__ import annotations

import dataclasses
from importlib import resources

import pytest

from sanjeh.text.errors import TextError
from sanjeh.text.lexicon import Lexicon

Z = "\u200c"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_packaged_lexicon_is_large_and_ranked(lexicon: Lexicon) -> None:
    assert len(lexicon.words) > 150_000
    assert lexicon.freq("است") > lexicon.freq("کتاب") > lexicon.freq("کتابخانه") > 0
    assert lexicon.freq("xyz") == 0
    assert "کتاب" in lexicon and "xyz" not in lexicon


def test_zwnj_spellings_are_indexed_by_their_glued_form(lexicon: Lexicon) -> None:
    assert lexicon.zwnj_form("میشود") == f"می{Z}شود"
    assert lexicon.zwnj_form("کتابها") == f"کتاب{Z}ها"
    assert lexicon.zwnj_form("میز") is None
    # every entry of the index really is the ZWNJ-less form of its value
    assert all(value.replace(Z, "") == key for key, value in lexicon.glued.items())


def test_verb_stems_and_adjectives(lexicon: Lexicon) -> None:
    assert ("گفت", "گو") in lexicon.verbs
    assert "شد" in lexicon.past_stems and "شو" in lexicon.present_stems
    assert "بزرگ" in lexicon.adjectives


def test_from_entries_keeps_the_larger_frequency_and_the_most_frequent_spelling() -> None:
    lex = Lexicon.from_entries([("آن", 5), ("آن", 9), (f"آن{Z}ها", 3), (f"آ{Z}نها", 1)])
    assert lex.freq("آن") == 9
    assert lex.zwnj_form("آنها") == f"آن{Z}ها"


def test_bad_entry_names_the_value() -> None:
    with pytest.raises(TextError, match="-3"):
        Lexicon.from_entries({"کتاب": -3})


def test_lexicon_is_frozen(lexicon: Lexicon) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.words = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        lexicon.words["کتاب"] = 1  # type: ignore[index]


def test_attribution_names_sources_versions_and_licences() -> None:
    text = (resources.files("sanjeh.text") / "data" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("hazm", "0.12.1", "shekar", "1.7.0", "wordfreq", "3.1.1", "MIT", "CC BY-SA 4.0"):
        assert needle in text
