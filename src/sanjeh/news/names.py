"""Evidence that a word is part of a person's name beyond the given-name list: name morphology.

Persian given names are built by a few productive patterns that no list covers completely: two names
joined (`محمدجعفر`, `امیرحسین`), a word plus `الله`/`اله` or `الدین` (`هدایت‌اله`, `ضیاءالدین`),
`عبدال` plus a name (`عبدالکریم`) and a name-forming word plus `علی`/`قلی`/`رضا` (`قربانعلی`,
`غلامرضا`). Surnames carry suffixes (`-پور`، `-زاده`، `-نژاد`، `-فر`، `-یان`، `-لو` …) or are
nisba adjectives of a place (`یزدی`، `اصفهانی`), which is what lets a two-word surname
(`طباطبایی یزدی`) be read whole. Keys are folded (`sanjeh.news._lexicons.fold_key`).
"""

from __future__ import annotations

from collections.abc import Callable

from sanjeh.news._lexicons import fold_key

_NAME_FORMING = frozenset(fold_key(w) for w in ("غلام", "قربان", "نور", "ولی", "امام", "شاه", "حاج", "میر"))
_NAME_TAILS = tuple(fold_key(w) for w in ("علی", "قلی", "رضا", "حسین"))
_YEARS_OLD = "ساله"  # `ده‌ساله`، `چندساله` end like `…اله` but say "N years old"
STRONG_SURNAME_ENDINGS = tuple(
    fold_key(w)
    for w in ("پور", "زاده", "نژاد", "فر", "یان", "لو", "نیا", "راد", "وند", "کیا", "منش", "زادگان", "پناه")
)


def is_compound_given(key: str, is_given: Callable[[str], bool]) -> bool:
    """A given name by its build: two names, X+الله/اله, X+الدین, عبدال+X, or a name-forming word + علی."""
    if len(key) < 4:
        return False
    if glued_honorific(key, is_given):
        return True
    if key.endswith("الله") and len(key) >= 6:
        return True
    if key.endswith("اله") and len(key) >= 6 and not key.endswith(_YEARS_OLD):
        return True
    if key.endswith("الدین") and len(key) >= 7:
        return True
    if key.startswith("عبدال") and len(key) >= 7:
        return True
    for tail in _NAME_TAILS:
        if key.endswith(tail) and key[: -len(tail)] in _NAME_FORMING:
            return True
    return any(is_given(key[:cut]) and is_given(key[cut:]) for cut in range(2, len(key) - 1))


GLUED_HONORIFICS = tuple(fold_key(w) for w in ("سیده", "سید", "میر"))


def glued_honorific(key: str, is_given: Callable[[str], bool]) -> str | None:
    """`سیداحمد` → `سید`: an honorific written together with the given name that follows it."""
    for prefix in GLUED_HONORIFICS:
        if key.startswith(prefix) and len(key) > len(prefix) + 1 and is_given(key[len(prefix) :]):
            return prefix
    return None


def has_surname_ending(key: str) -> bool:
    """`جمالی‌پور`، `حسن‌زاده`، `رحمانیان`: a suffix that marks a family name."""
    return any(key.endswith(e) and len(key) > len(e) + 1 for e in STRONG_SURNAME_ENDINGS)


def is_nisba(key: str, is_place: Callable[[str], bool]) -> bool:
    """`یزدی`، `اصفهانی`، `تهرانی`: the adjective of a place, a common second word of a surname."""
    return len(key) >= 4 and key.endswith("ی") and is_place(key[:-1])
