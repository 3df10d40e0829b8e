"""The offset map: every normalized character points back into the raw input."""

from __future__ import annotations

import itertools
import re

import pytest

from sanjeh.text import NormalizedText, NormalizeOptions, Normalizer, normalize_text
from sanjeh.text.edits import align_map, edit_map, repair_counts
from sanjeh.text.types import OffsetMap

ZWNJ = "\u200c"
NO_REPAIR = NormalizeOptions(repair_zwnj=False)


class PrefixRepairer:
    """A deterministic repairer within the ZWNJ contract: می+stem and word+ ها get a ZWNJ."""

    def repair(self, text: str) -> str:
        text = re.sub(r"\bمی(?=[^\s\u200c])", "می" + ZWNJ, text)
        return re.sub(r" (?=ها\b)", ZWNJ, text)


class BrokenRepairer:
    def repair(self, text: str) -> str:
        return text.replace("ی", "ي")


def raw_of(result: NormalizedText, start: int, end: int) -> str:
    raw_start, raw_end = result.to_raw(start, end)
    return result.raw[raw_start:raw_end]


def test_identity_offsets() -> None:
    result = normalize_text("سلام", NO_REPAIR)
    assert list(result.offsets) == [0, 1, 2, 3, 4]
    assert result.offsets == (0, 1, 2, 3, 4)


def test_deleted_characters_belong_to_the_span_before_them() -> None:
    raw = "کتابِ  خوب"
    result = normalize_text(raw, NO_REPAIR)
    assert result.text == "کتاب خوب"
    assert list(result.offsets) == [0, 1, 2, 3, 5, 7, 8, 9, 10]
    assert raw_of(result, 0, 4) == "کتابِ"
    assert raw_of(result, 5, 8) == "خوب"
    assert raw_of(result, 0, 5) == "کتابِ  "


def test_expansion_maps_to_its_source() -> None:
    result = normalize_text("خانۀ ما", NO_REPAIR)
    assert result.text == f"خانه{ZWNJ}ی ما"
    assert list(result.offsets)[:7] == [0, 1, 2, 3, 3, 3, 4]
    assert raw_of(result, 0, 6) == "خانۀ"
    assert raw_of(result, 5, 6) == "ۀ"


def test_ligature_maps_to_its_source() -> None:
    result = normalize_text("\ufefb بود", NO_REPAIR)
    assert result.text == "لا بود"
    assert raw_of(result, 0, 1) == "\ufefb"
    assert raw_of(result, 3, 6) == "بود"


def test_inserted_space_points_at_the_character_before() -> None:
    result = normalize_text("گفت:اطلاع", NO_REPAIR)
    assert result.text == "گفت: اطلاع"
    assert result.offsets[4] == 3
    assert raw_of(result, 5, 10) == "اطلاع"


def test_repair_alignment_with_a_contract_repairer() -> None:
    result = Normalizer(repairer=PrefixRepairer()).normalize("او ميگفت كتاب ها")
    assert result.text == f"او می{ZWNJ}گفت کتاب{ZWNJ}ها"
    assert raw_of(result, 3, 9) == "ميگفت"
    assert raw_of(result, 10, 17) == "كتاب ها"
    assert result.counts["zwnj_inserted"] == 1
    assert result.counts["zwnj_from_space"] == 1


def test_repair_alignment_with_the_packaged_repairer() -> None:
    raw = "آنها میگفتند"
    result = normalize_text(raw)
    start = result.text.index("می")
    assert raw_of(result, start, len(result.text)) == "میگفتند"


def test_repair_breaking_its_contract_is_not_used() -> None:
    result = Normalizer(repairer=BrokenRepairer()).normalize("علی")
    assert result.text == "علی"


def test_repair_counts_and_alignment_of_each_kind() -> None:
    before = f"الف ب{ZWNJ}ج دهو ز{ZWNJ}ح"
    after = f"الف{ZWNJ}ب ج ده{ZWNJ}و زح"
    counts = repair_counts(before, after)
    assert counts == {"zwnj_from_space": 1, "space_from_zwnj": 1, "zwnj_inserted": 1, "zwnj_removed": 1}
    mapping = list(align_map(before, after))
    assert len(mapping) == len(after) + 1 and mapping[-1] == len(before)
    assert all(a <= b for a, b in itertools.pairwise(mapping))
    assert [before[i] for i, c in zip(mapping, after, strict=False) if c not in f" {ZWNJ}"] == [
        c for c in after if c not in f" {ZWNJ}"
    ]
    assert repair_counts("ab", "ac") is None


def test_repair_counts_with_unfixed_spacing() -> None:
    counts = repair_counts(f"الف  ب{ZWNJ}{ZWNJ}ج د", f"الف{ZWNJ} ب ج د")
    assert counts == {"zwnj_from_space": 1, "space_from_zwnj": 1, "zwnj_inserted": 0, "zwnj_removed": 1}


def test_edit_map_replacement_insertion_deletion() -> None:
    # "abcde": replace "b" by "XY", insert "_" before "d", delete "e"
    mapping = edit_map(5, [(1, 2, 2), (3, 3, 1), (4, 5, 0)])
    assert list(mapping) == [0, 1, 1, 2, 2, 3, 5]


def test_to_raw_rejects_spans_outside_the_text() -> None:
    result = normalize_text("سلام", NO_REPAIR)
    with pytest.raises(ValueError, match="outside"):
        result.to_raw(2, 9)


def test_offset_map_is_a_sequence() -> None:
    offsets = OffsetMap([0, 2, 3])
    assert len(offsets) == 3 and offsets[1] == 2 and offsets[1:] == (2, 3) and list(offsets) == [0, 2, 3]
    assert offsets == OffsetMap(lambda: OffsetMap([0, 2, 3])._array())
    assert "len=3" in repr(offsets)
    assert list(offsets.values()) == [0, 2, 3]


def test_hand_built_normalized_text_still_works() -> None:
    text = NormalizedText(raw="ab", text="ab", offsets=(0, 1, 2))
    assert text.to_raw(0, 2) == (0, 2)


def test_repair_counts_fast_path_matches_the_general_one() -> None:
    before = "الف ب جد هو"
    after = f"الف{ZWNJ}ب ج{ZWNJ}د هو"
    assert repair_counts(before, after) == repair_counts(before + f" ی{ZWNJ}ی", after + f" ی{ZWNJ}ی")
