"""Class shares corrected for a classifier's measured error, with a bootstrap confidence interval.

Net tone counts the tone model's labels, and the model makes mistakes. A human audit of some mentions
gives pairs (model's tone, auditor's tone); from them the confusion matrix M[t][m] = P(model says m |
true tone t) is estimated. The model's observed shares q of the unaudited mentions are then, in
expectation, q = Mᵀ p, where p are the true shares; solving for p is the matrix form of the Rogan–Gladen
estimator (Rogan & Gladen 1978, "Estimating prevalence from the results of a screening test"; for
several classes, Buonaccorsi 2010, *Measurement Error*, ch. 3):

    p̂ = clip((Mᵀ)⁺ q, 0, 1), renormalized to sum 1

(M⁺ the Moore–Penrose inverse, which equals M⁻¹ when M is invertible). A true class the audit never
saw keeps an identity row (no measured error). Mentions an auditor coded count with their audited tone,
exactly; only the rest are corrected. The interval is a percentile bootstrap (Efron & Tibshirani 1993):
each draw resamples the audit pairs (the matrix's uncertainty) and the unaudited mentions' labels
(multinomial on q), recomputes p̂ and the net tone, and the 2.5th and 97.5th percentiles bound it.

Pure: numbers in, a frozen dataclass out; the seed is derived from the inputs, so one agency's result
does not depend on which other agencies were corrected before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sanjeh.scoring.errors import ScoringError

__all__ = ["TONE_CLASSES", "ErrorModel", "ToneCorrection", "correct_tone", "error_model"]

TONE_CLASSES = ("positive", "neutral", "negative")


@dataclass(frozen=True)
class ErrorModel:
    """The classifier's measured error: confusion counts [true][model] and bootstrap pseudo-inverses."""

    classes: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]
    inverse: Any  # (k, k) pseudo-inverse of Mᵀ
    draws: Any  # (B, k, k) pseudo-inverses of the bootstrap matrices' transposes
    seed: int

    @property
    def pairs(self) -> int:
        return int(sum(map(sum, self.confusion)))


@dataclass(frozen=True)
class ToneCorrection:
    """Raw and corrected shares and net tone of one set of items, with the corrected net tone's interval."""

    raw_shares: dict[str, float]
    corrected_shares: dict[str, float]
    raw_net: float
    corrected_net: float
    interval: tuple[float, float]
    level: float
    items: int
    audited_items: int
    pairs: int
    confusion: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw_net_tone": round(self.raw_net, 6),
            "corrected_net_tone": round(self.corrected_net, 6),
            "interval": [round(self.interval[0], 6), round(self.interval[1], 6)],
            "level": self.level,
            "raw_shares": {k: round(v, 6) for k, v in self.raw_shares.items()},
            "corrected_shares": {k: round(v, 6) for k, v in self.corrected_shares.items()},
            "items": self.items,
            "audited_items": self.audited_items,
            "audit_pairs": self.pairs,
            "confusion": [list(row) for row in self.confusion],
        }


def _matrix(counts: np.ndarray) -> np.ndarray:
    """Row-normalized confusion counts; a true class with no pairs keeps an identity row."""
    totals = counts.sum(axis=-1, keepdims=True)
    eye = np.broadcast_to(np.eye(counts.shape[-1]), counts.shape)
    return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), eye)


def error_model(
    pairs: Sequence[tuple[str, str]],
    *,
    classes: Sequence[str] = TONE_CLASSES,
    draws: int = 1000,
    seed: int = 0,
) -> ErrorModel:
    """The confusion matrix of (model label, true label) `pairs` and `draws` bootstrap resamples of it."""
    index = {c: i for i, c in enumerate(classes)}
    bad = sorted({x for pair in pairs for x in pair if x not in index})
    if bad:
        raise ScoringError(f"tone labels {bad} are not allowed; allowed: {', '.join(classes)}")
    if not pairs:
        raise ScoringError("at least one audited (model, true) pair is needed to measure the error")
    if draws < 1:
        raise ScoringError(f"draws must be >= 1; got {draws}")
    k = len(classes)
    model = np.array([index[m] for m, _ in pairs])
    true = np.array([index[t] for _, t in pairs])
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (true, model), 1)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pairs), size=(draws, len(pairs)))
    boot = np.zeros((draws, k, k))
    np.add.at(boot, (np.repeat(np.arange(draws), len(pairs)), true[picks].ravel(), model[picks].ravel()), 1)
    return ErrorModel(
        classes=tuple(classes),
        confusion=tuple(tuple(int(x) for x in row) for row in counts),
        inverse=np.linalg.pinv(_matrix(counts.astype(float)).T),
        draws=np.linalg.pinv(np.transpose(_matrix(boot), (0, 2, 1))),
        seed=seed,
    )


def _solve(inverse: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p̂ = clip(inverse · q, 0, 1) renormalized; q itself where nothing is left after clipping."""
    p = np.clip(np.einsum("...ij,...j->...i", inverse, q), 0.0, 1.0)
    total = p.sum(axis=-1, keepdims=True)
    return np.where(total > 0, p / np.where(total > 0, total, 1), q)


def correct_tone(
    model: ErrorModel,
    *,
    observed: Mapping[str, int],
    known: Mapping[str, int] | None = None,
    level: float = 0.95,
    positive: str = "positive",
    negative: str = "negative",
) -> ToneCorrection:
    """Raw and corrected net tone of items: `observed` model labels (unaudited) plus `known` true labels.

    Net tone = share positive − share negative, in [−1, 1]. Raises `ScoringError` when there are no items.
    """
    if not 0 < level < 1:
        raise ScoringError(f"level must be in (0, 1); got {level}")
    known = known or {}
    classes = model.classes
    o = np.array([int(observed.get(c, 0)) for c in classes], dtype=float)
    kn = np.array([int(known.get(c, 0)) for c in classes], dtype=float)
    n_u, n = o.sum(), o.sum() + kn.sum()
    if n <= 0:
        raise ScoringError("no items to correct")
    pos, neg = classes.index(positive), classes.index(negative)
    q = o / n_u if n_u else np.zeros(len(classes))
    p = _solve(model.inverse, q) if n_u else q
    corrected = (kn + n_u * p) / n
    raw = (kn + o) / n
    rng = np.random.default_rng([model.seed, *o.astype(int).tolist(), *kn.astype(int).tolist()])
    draws = model.draws.shape[0]
    if n_u:
        q_b = rng.multinomial(int(n_u), q, size=draws) / n_u
        p_b = _solve(model.draws, q_b)
    else:
        p_b = np.zeros((draws, len(classes)))
    net_b = (kn[pos] - kn[neg] + n_u * (p_b[:, pos] - p_b[:, neg])) / n
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(net_b, [tail, 100 - tail])
    return ToneCorrection(
        raw_shares={c: float(raw[i]) for i, c in enumerate(classes)},
        corrected_shares={c: float(corrected[i]) for i, c in enumerate(classes)},
        raw_net=float(raw[pos] - raw[neg]),
        corrected_net=float(corrected[pos] - corrected[neg]),
        interval=(float(low), float(high)),
        level=level,
        items=int(n),
        audited_items=int(kn.sum()),
        pairs=model.pairs,
        confusion=model.confusion,
    )
