"""Features of "tone toward this organisation in these sentences", for the learned tone model.

The rule model's judgement becomes features (its signed score, its decision), next to what rules
cannot weigh: the words around the organisation's mention (and their character 4-grams, which carry
Persian morphology — `افتتاح`, `افتتاحیه`, `افتتاح‌شده`), the words of the whole context, whether the
organisation is the sentence's subject or the object of `از` (`انتقاد از X`, `قدردانی از X`), and
the sentence's final verb (alone, and as the verb of the organisation as subject or as object),
whether the context is a quotation, and the kind of organisation it is (its head word: `پلیس`،
`رژیم`، `شرکت`). The organisation's own tokens become `<T>`, other organisations
`<O>`, digits `<N>`, so the model learns the frame and never a name.

Every feature is at most three words long: the shipped model holds weights for these and no text.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from sanjeh.news._lexicons import fold_key
from sanjeh.news.entities import tokenize

TARGET = "<T>"
OTHER = "<O>"
NUMBER = "<N>"
WINDOW = 6
_AZ = fold_key("از")
_RA = fold_key("را")
_CHAR_NGRAMS = (4,)  # 3-grams added features, not accuracy (grouped CV)
_MAX_SENTENCES = 8


def _trie(forms: Iterable[str]) -> tuple[set[str], set[str]]:
    """The forms (folded keys) and every prefix of them: a flattened trie for `_mark`."""
    wanted = {f for f in forms if f}
    return wanted, {w[:i] for w in wanted for i in range(1, len(w) + 1)}


def _mark(keys: list[str], trie: tuple[set[str], set[str]], tag: str) -> list[tuple[int, int]]:
    """Replace the token windows equal to one of the trie's forms by `tag`; their spans.

    A window grows only while its joined keys are a prefix of some form, so a sentence costs about
    one step per token whatever the number of forms.
    """
    spans: list[tuple[int, int]] = []
    wanted, prefixes = trie
    if not wanted:
        return spans
    n = len(keys)
    k = 0
    while k < n:
        joined = ""
        hit = 0
        for j in range(k, min(n, k + 8)):
            if keys[j] in (TARGET, OTHER):
                break
            joined += keys[j]
            if joined not in prefixes:
                break
            if joined in wanted:
                hit = j + 1
        if hit:
            keys[k:hit] = [tag] + [""] * (hit - k - 1)
            spans.append((k, hit))
            k = hit
        else:
            k += 1
    return spans


def _char_ngrams(word: str) -> Iterable[str]:
    padded = f"^{word}$"
    for size in _CHAR_NGRAMS:
        for i in range(len(padded) - size + 1):
            yield padded[i : i + size]


def sentence_keys(sentence: str) -> list[str]:
    """The folded token keys of a sentence, digits as `<N>` (what `context_features` reads)."""
    return [NUMBER if t.key.isdigit() else t.key for t in tokenize(sentence)]


def context_features(
    target_forms: Sequence[str],
    sentences: Sequence[str],
    *,
    others: Sequence[str] = (),
    keys_of: Callable[[str], list[str]] = sentence_keys,
) -> dict[str, float]:
    """Sparse binary features of the sentences around one target organisation."""
    target_keys = [fold_key(f) for f in target_forms]
    other_keys = [fold_key(f) for f in others if fold_key(f) not in target_keys]
    targets, rivals = _trie(target_keys), _trie(other_keys)
    feats: dict[str, float] = {"bias:context": 1.0}
    for form in target_forms[:1]:
        words = [t.key for t in tokenize(form)]
        if words:  # the kind of organisation (`پلیس`، `رژیم`، `شرکت`): its head word, never its name
            feats[f"head:{words[0]}"] = 1.0
    found = False
    for sentence in sentences[:_MAX_SENTENCES]:
        keys = list(keys_of(sentence))  # a copy: marking rewrites it
        spans = _mark(keys, targets, TARGET)
        _mark(keys, rivals, OTHER)
        words = [k for k in keys if k]
        if ":" in sentence or "«" in sentence:
            feats["ctx:quote"] = 1.0
        for a, b in itertools.pairwise(words):
            feats[f"b:{a}_{b}"] = 1.0
        for w in words:
            feats[f"u:{w}"] = 1.0
        if not spans:
            continue
        found = True
        positions = [i for i, w in enumerate(words) if w == TARGET]
        verb = words[-1]  # Persian is verb-final: the sentence's last word is (mostly) its verb
        feats[f"v:{verb}"] = 1.0
        if positions[0] <= 2:
            feats[f"sv:{verb}"] = 1.0  # the organisation as the subject of this verb (`X … افتتاح کرد`)
        if _RA in words[positions[0] : positions[0] + 4]:
            feats[f"ov:{verb}"] = 1.0  # … or its object (`X را … محکوم کردند`)
        for p in positions:
            if p <= 1:
                feats["pos:subject"] = 1.0
            if p > 0 and words[p - 1] == _AZ:
                feats[f"pos:az_{words[p - 2] if p > 1 else '^'}"] = 1.0
                feats["pos:after_az"] = 1.0
            for q in range(max(0, p - WINDOW), min(len(words), p + WINDOW + 1)):
                w = words[q]
                if w in (TARGET, OTHER, NUMBER):
                    continue
                feats[f"w:{w}"] = 1.0
                for g in _char_ngrams(w):
                    feats[f"c:{g}"] = 1.0
    if not found:
        feats["pos:unseen"] = 1.0
    return feats


def rule_features(tone: str, score: float) -> dict[str, float]:
    """The rule model's decision and its signed score, clipped to a bounded feature value."""
    clipped = max(-3.0, min(3.0, score))
    return {f"rule:{tone}": 1.0, "rule:score_pos": max(clipped, 0.0), "rule:score_neg": max(-clipped, 0.0)}
