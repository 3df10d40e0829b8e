"""Edits and offset maps of the normalizer: each stage records what it replaced, and the maps from the
normalized text back to the raw input are composed from those records only when somebody reads them.

Split from `normalize` (which decides what to change) because this is how changes are kept track of.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from itertools import accumulate
from typing import cast

import numpy as np

from sanjeh.text import _chars as C

_MIXED_PAIRS = (C.ZWNJ * 2, " " + C.ZWNJ, C.ZWNJ + " ")
Edit = tuple[int, int, int]  # (start, end, replacement length) in the stage's input
Decision = str | tuple[str, int] | None


def rewrite(
    pattern: re.Pattern[str], text: str, decide: Callable[[re.Match[str]], Decision]
) -> tuple[str, list[Edit]]:
    """Replace each match by `decide(match)` and record the edits.

    `decide` returns None to keep the match, a string to replace it, or (string, start) to replace
    from an earlier `start` (never before the previous match's end) to the end of the match.
    """
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for match in pattern.finditer(text):
        decision = decide(match)
        if decision is None:
            continue
        start, end = match.span()
        if isinstance(decision, tuple):
            rep, start = decision
        else:
            rep = decision
        parts.append(text[pos:start])
        parts.append(rep)
        pos = end
        edits.append((start, end, len(rep)))
    if not edits:
        return text, edits
    parts.append(text[pos:])
    return "".join(parts), edits


def edit_map(in_len: int, edits: list[Edit]) -> np.ndarray:
    """Output index → input index for one stage of edits (plus the end sentinel `in_len`).

    Unchanged stretches map one to one; the characters of a replacement map to the replaced span
    (clamped to its last character); inserted characters map to the input character before them.
    """
    e = np.asarray(edits, dtype=np.int64).reshape(-1, 3)
    s, end, r = e[:, 0], e[:, 1], e[:, 2]
    delta = r - (end - s)
    shift = np.concatenate(([0], np.cumsum(delta)[:-1]))
    out_start = s + shift
    out_len = in_len + int(delta.sum())
    id_in = np.concatenate(([0], end))
    id_out = np.concatenate(([0], out_start + r))
    id_len = np.concatenate((s, [in_len])) - id_in
    base = np.where(end > s, s, np.maximum(s - 1, 0))
    cap = np.maximum(end - 1, base)
    n_seg = 2 * len(e) + 1
    seg_out, seg_len = np.empty(n_seg, np.int64), np.empty(n_seg, np.int64)
    seg_base, seg_cap = np.empty(n_seg, np.int64), np.empty(n_seg, np.int64)
    seg_out[0::2], seg_out[1::2] = id_out, out_start
    seg_len[0::2], seg_len[1::2] = id_len, r
    seg_base[0::2], seg_base[1::2] = id_in, base
    seg_cap[0::2], seg_cap[1::2] = id_in + id_len - 1, cap
    seg = np.repeat(np.arange(n_seg), seg_len)
    pos = np.arange(out_len, dtype=np.int64)
    result = np.empty(out_len + 1, np.int64)
    result[:out_len] = np.minimum(seg_base[seg] + pos - seg_out[seg], seg_cap[seg])
    result[out_len] = in_len
    return result


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _anchors(text: str) -> str:
    return text.replace(" ", "").replace(C.ZWNJ, "")


def _gaps(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each space/ZWNJ: the number of other characters before it, and 1 (space) or 2 (ZWNJ)."""
    is_zwnj = codes == 0x200C
    pos = np.flatnonzero((codes == 0x20) | is_zwnj)
    return pos - np.arange(len(pos)), np.where(is_zwnj[pos], 2, 1)


def repair_counts(before: str, after: str) -> dict[str, int] | None:
    """Count a repair's edits per kind; None when it changed more than spaces and ZWNJs.

    Characters other than space and ZWNJ ("anchors") must be identical; the gap before each anchor
    is classified as empty, space or ZWNJ in both texts. With single-character gaps (spacing fixed)
    the ZWNJ slots of both texts are compared as sets and the rest follows from the length and space
    differences; otherwise (numpy) each gap is counted by its net change.
    """
    if C.ZWNJ not in before and after.replace(C.ZWNJ, "") == before:
        # The common case (glued damage): ZWNJs only inserted. Both general paths count exactly the
        # length difference as `zwnj_inserted` then; two C-level string operations settle it.
        return {
            "zwnj_from_space": 0,
            "space_from_zwnj": 0,
            "zwnj_inserted": len(after) - len(before),
            "zwnj_removed": 0,
        }
    if _anchors(before) != _anchors(after):
        return None
    if _single_gaps(before) and _single_gaps(after):
        return counts_by_slots(before, after)
    return counts_by_gaps(before, after)


def counts_by_slots(before: str, after: str) -> dict[str, int]:
    """Repair counts when every gap is one character (pure str operations, no per-character Python).

    A ZWNJ slot of `before` missing from `after` became a space or vanished; the other two kinds
    follow from the differences in spaces and length.
    """
    lost = _slots(before, C.ZWNJ, " ") - _slots(after, C.ZWNJ, " ")
    space_from_zwnj = len(lost & _slots(after, " ", C.ZWNJ)) if lost else 0
    zwnj_removed = len(lost) - space_from_zwnj
    return {
        "zwnj_from_space": before.count(" ") - after.count(" ") + space_from_zwnj,
        "space_from_zwnj": space_from_zwnj,
        "zwnj_inserted": len(after) - len(before) + zwnj_removed,
        "zwnj_removed": zwnj_removed,
    }


def counts_by_gaps(before: str, after: str) -> dict[str, int]:
    """Repair counts for gaps of any length (numpy): each gap counted by its net change."""
    slots_a, kind_a = _gaps(_codepoints(before))
    slots_b, kind_b = _gaps(_codepoints(after))
    n_slots = len(before) - len(slots_a) + 1

    def per_slot(slots: np.ndarray, kinds: np.ndarray, kind: int) -> np.ndarray:
        return np.bincount(slots[kinds == kind], minlength=n_slots)

    d_space = per_slot(slots_b, kind_b, 1) - per_slot(slots_a, kind_a, 1)
    d_zwnj = per_slot(slots_b, kind_b, 2) - per_slot(slots_a, kind_a, 2)
    to_zwnj = np.where((d_space < 0) & (d_zwnj > 0), np.minimum(-d_space, d_zwnj), 0)
    to_space = np.where((d_space > 0) & (d_zwnj < 0), np.minimum(d_space, -d_zwnj), 0)
    return {
        "zwnj_from_space": int(to_zwnj.sum()),
        "space_from_zwnj": int(to_space.sum()),
        "zwnj_inserted": int(np.maximum(d_zwnj - to_zwnj, 0).sum()),
        "zwnj_removed": int(np.maximum(-d_zwnj - to_space, 0).sum()),
    }


def _single_gaps(text: str) -> bool:
    """Whether every run of spaces and ZWNJs is one character long (spacing was fixed)."""
    return "  " not in text and all(pair not in text for pair in _MIXED_PAIRS)


def _slots(text: str, mark: str, other: str) -> set[int]:
    """Slots (number of anchors before) of each `mark` in `text`, by C-level split and accumulate."""
    pieces = text.replace(other, "").split(mark)
    return set(accumulate(map(len, pieces[:-1])))


def align_map(before: str, after: str) -> np.ndarray:
    """Output index → input index across a repair (run lazily; `repair_counts` checked the contract).

    Anchors map to anchors; a gap character of the output maps to the input gap character at the
    same position within the gap (clamped), or to the anchor before an empty input gap.
    """
    a, b = _codepoints(before), _codepoints(after)
    anc_a = (a != 0x20) & (a != 0x200C)
    anc_b = (b != 0x20) & (b != 0x200C)
    pa, pb = np.flatnonzero(anc_a), np.flatnonzero(anc_b)
    mapping = np.empty(len(b) + 1, np.int64)
    mapping[pb] = pa
    mapping[len(b)] = len(a)
    gaps_b = np.flatnonzero(~anc_b)
    gap_no = gaps_b - np.arange(len(gaps_b))
    prev_b = np.concatenate(([-1], pb))
    prev_a = np.concatenate(([-1], pa))
    next_a = np.concatenate((pa, [len(a)]))
    q = gaps_b - (prev_b[gap_no] + 1)
    gap_start = prev_a[gap_no] + 1
    gap_len = next_a[gap_no] - gap_start
    mapping[gaps_b] = np.where(
        gap_len > 0, gap_start + np.minimum(q, np.maximum(gap_len - 1, 0)), np.maximum(gap_start - 1, 0)
    )
    return mapping


# (input length, edits) of a rewrite, or (input, output) of a ZWNJ repair
Stage = tuple[int, list[Edit]] | tuple[str, str]


def compose_offsets(stages: list[Stage], raw_len: int, text_len: int) -> Callable[[], array[int]]:
    """A builder of the composed offset map (run once, on first read of `offsets`)."""

    def build() -> array[int]:
        index: np.ndarray | None = None
        for stage in reversed(stages):
            if isinstance(stage[0], str):
                before, after = cast(tuple[str, str], stage)
                step = align_map(before, after)
            else:
                in_len, edits = cast(tuple[int, list[Edit]], stage)
                step = edit_map(in_len, edits)
            index = step if index is None else step[index]
        if index is None:
            return array("q", range(text_len + 1))
        assert len(index) == text_len + 1 and (text_len == 0 or index[-1] == raw_len)
        values = array("q")
        values.frombytes(index.astype(np.int64).tobytes())
        return values

    return build
