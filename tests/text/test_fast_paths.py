"""The normalizer's fast paths give exactly what the general code gives (text, counts and offsets).

Each fast path (docs/performance.md) is switched off by patching the module, and the two runs compared.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.text import NormalizeOptions, Normalizer
from sanjeh.text import normalize as N
from sanjeh.text import zwnj as Z
from sanjeh.text.edits import counts_by_gaps, counts_by_slots, repair_counts
from sanjeh.text.lexicon import Lexicon
from sanjeh.text.normalize import _has_ascii_letter

ZWNJ = "\u200c"
NEVER = re.compile("(?!)")
NO_REPAIR = NormalizeOptions(repair_zwnj=False)
# Spacing-sensitive pieces: closing marks after spaces, dots before letters and digits, abbreviations,
# line breaks, ZWNJs and quotes.
PIECES = ["کتاب", "ب", "ج", "ا", "x", "5", "۱۴۰۳", " ", " ", "  ", ZWNJ, "\n", "،", "؛", "؟", ":", "!"]
PIECES += [".", ". ", " .", " .5", " .com", "»", "«", "(", ")", "…", ",", "?", "ج.ا.ا", "ق.ظ"]
pieces_text = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
SAMPLES = [
    "کتاب ، دفتر . قلم : مداد ؟ «سلام» !",
    " ، آغاز",
    "\n، خط",
    "ب .ج",
    "ب .ج.",
    "عدد .5 و نشانی .com",
    "ق.ظ ، ج.ا.ا .",
    "آخر .",
    f"کتاب{ZWNJ} ،",
    "« ، »",
    "کتاب  ،  دفتر",
    "سال 1403 و 2024 ، A4",
]


def _run(normalizer: Normalizer, text: str) -> tuple[str, dict[str, int], list[int]]:
    result = normalizer.normalize(text)
    return result.text, result.counts, list(result.offsets)


def _compare_close_up(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    normalizer = Normalizer(NO_REPAIR)
    fast = _run(normalizer, text)
    with monkeypatch.context() as patch:
        patch.setattr(N, "_SPACE_BEFORE_CLOSE", NEVER)
        general = _run(normalizer, text)
    assert fast == general, text


@pytest.mark.parametrize("text", SAMPLES)
def test_closing_up_before_punctuation_matches_the_general_pass(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compare_close_up(text, monkeypatch)


def test_closing_up_finds_the_common_case() -> None:
    assert N._SPACE_BEFORE_CLOSE.split("کتاب ، دفتر . قلم") == ["کتاب", "، دفتر", ". قلم"]
    assert N._SPACE_BEFORE_CLOSE.split("ب .ج") == ["ب .ج"]  # a dot before a letter: the general pass


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(pieces_text)
def test_closing_up_property(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _compare_close_up(text, monkeypatch)


@pytest.mark.parametrize("text", SAMPLES)
def test_latin_digits_without_latin_letters_match_the_per_token_path(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    normalizer = Normalizer(NO_REPAIR)
    fast = _run(normalizer, text)
    monkeypatch.setattr(N, "_has_ascii_letter", lambda _text: True)  # every text takes the token path
    assert _run(normalizer, text) == fast


def test_has_ascii_letter() -> None:
    assert _has_ascii_letter("سال 1403 A4")
    assert _has_ascii_letter("z")
    assert not _has_ascii_letter("سال 1403 ، ۱۴۰۳ é")  # é is not A-Z/a-z
    assert not _has_ascii_letter("")


@pytest.mark.parametrize(
    ("before", "after"),
    [("میگفت و کتابها", f"می{ZWNJ}گفت و کتاب{ZWNJ}ها"), ("الف  ب", f"الف{ZWNJ}  ب"), ("", ""), ("ab", "ab")],
)
def test_repair_counts_for_inserted_zwnjs_match_the_general_counts(before: str, after: str) -> None:
    general = counts_by_slots(before, after) if "  " not in before else counts_by_gaps(before, after)
    assert repair_counts(before, after) == general


def _small_repairer() -> Z.ZwnjRepairer:
    words = {"کتاب": 5000, "خانه": 4000, "گفت": 3000, "دفتر": 3000, "می" + ZWNJ + "گفت": 900}
    return Z.ZwnjRepairer(Lexicon.from_entries(words, verbs=[("گفت", "گو")]))


def test_word_memo_starts_over_from_the_stable_words(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "کتابها خانهها میگفت دفترها کتابهای خانههای دفترهای میگفتند"
    expected = _small_repairer().repair(text)
    monkeypatch.setattr(Z, "MEMO_LIMIT", 3)
    repairer = _small_repairer()
    seed = len(repairer.morphology.stable_forms)
    assert seed and all(repairer._word_memo[w] == w for w in repairer.morphology.stable_forms)
    want = f"کتاب{ZWNJ}ها خانه{ZWNJ}ها می{ZWNJ}گفت دفترها کتاب{ZWNJ}های خانه{ZWNJ}های دفترهای می{ZWNJ}گفتند"
    assert repairer.repair(text) == expected == want  # ر does not join: دفترها keeps no ZWNJ
    assert len(repairer._word_memo) <= seed + 3
