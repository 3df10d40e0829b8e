"""Hypothesis properties of the normalizer: idempotent, total, offsets monotone and in range."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.text import NormalizeOptions, normalize_text, split_sentences, tokenize
from sanjeh.text.edits import align_map, counts_by_gaps, counts_by_slots

pytestmark = pytest.mark.slow  # a few seconds of generated examples

ZWNJ = "\u200c"
PERSIAN_ALPHABET = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءةۀ"  # letters
    "يكىە"  # Arabic variants
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
    "\u064b\u064e\u0650\u0651\u0652\u0654\u0670\u0640"  # marks, kashida
    "\u200c\u200c\u200b\u200d\u200e\u200f\ufeff\u00a0\t"  # invisibles and spaces
    "     \n\r"
    "،؛؟:!.?,;()«»…٫٪%/-"
    "\ufefb\ufedb\ufe8e"  # presentation forms
    "abcXYZ@"
)
persian_text = st.text(alphabet=PERSIAN_ALPHABET, max_size=80)
any_text = st.text(max_size=80)
options = st.builds(
    NormalizeOptions,
    digits=st.sampled_from(["fa", "ar", "latin", "keep"]),
    remove_diacritics=st.booleans(),
    remove_kashida=st.booleans(),
    fold_invisible=st.booleans(),
    fix_spacing=st.booleans(),
    repair_zwnj=st.booleans(),
    heh_ye=st.sampled_from(["ye", "hamza", "keep"]),
    persian_punctuation=st.booleans(),
)


def check_offsets(raw: str, opts: NormalizeOptions | None = None) -> None:
    result = normalize_text(raw, opts)
    offsets = list(result.offsets)
    assert len(offsets) == len(result.text) + 1
    assert offsets[-1] == len(raw)
    assert all(0 <= o <= len(raw) for o in offsets)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    n = len(result.text)
    for start, end in ((0, n), (0, n // 2), (n // 3, n), (n // 2, n // 2)):
        raw_start, raw_end = result.to_raw(start, end)
        assert 0 <= raw_start <= raw_end <= len(raw)


@settings(max_examples=300, deadline=None)
@given(persian_text)
def test_idempotent_on_persian_text(raw: str) -> None:
    once = normalize_text(raw).text
    assert normalize_text(once).text == once


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_idempotent_on_any_text(raw: str) -> None:
    once = normalize_text(raw).text
    assert normalize_text(once).text == once


@settings(max_examples=200, deadline=None)
@given(persian_text, options)
def test_idempotent_under_every_option(raw: str, opts: NormalizeOptions) -> None:
    once = normalize_text(raw, opts).text
    assert normalize_text(once, opts).text == once


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, persian_text), options)
def test_offsets_monotone_and_in_range(raw: str, opts: NormalizeOptions) -> None:
    check_offsets(raw, opts)


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, persian_text))
def test_line_count_kept(raw: str) -> None:
    text = normalize_text(raw).text
    assert text.count("\n") == raw.count("\n")


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, persian_text))
def test_tokens_and_sentences_index_the_text(raw: str) -> None:
    text = normalize_text(raw).text
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text and token.text.strip()
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text and sentence.text.strip()


@st.composite
def repair_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A text with one-character gaps and a repair of it that keeps the ZWNJ contract."""
    words = draw(st.lists(st.text(alphabet="ابپتم", min_size=1, max_size=4), min_size=1, max_size=12))
    n_gaps = len(words) - 1
    gaps = draw(st.lists(st.sampled_from(["", " ", ZWNJ]), min_size=n_gaps, max_size=n_gaps))
    allowed = {"": ["", ZWNJ], " ": [" ", ZWNJ], ZWNJ: ["", " ", ZWNJ]}
    repaired = [draw(st.sampled_from(allowed[g])) for g in gaps]
    before = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    after = words[0] + "".join(g + w for g, w in zip(repaired, words[1:], strict=True))
    return before, after


@settings(max_examples=200, deadline=None)
@given(repair_pairs())
def test_repair_count_paths_agree(pair: tuple[str, str]) -> None:
    before, after = pair
    assert counts_by_slots(before, after) == counts_by_gaps(before, after)
    mapping = list(align_map(before, after))
    assert mapping[-1] == len(before) and all(a <= b for a, b in itertools.pairwise(mapping))
