"""Score monitoring results against a synthetic corpus's truth.jsonl (attribution, tone, clusters).

Clusters are scored pairwise (Manning et al., IR book §16.3): a pair of articles in the same true story
and the same predicted story is a true positive; precision/recall over all such pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path


@dataclass(frozen=True)
class Scores:
    attribution_precision: float
    attribution_recall: float
    attribution_exact: float  # share of articles whose agency set is exactly right
    tone_accuracy: float  # over (article, agency) pairs found on both sides
    cluster_precision: float
    cluster_recall: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.__dict__.items()}


def load_truth(path: Path) -> dict[str, dict]:
    """truth.jsonl keyed by article URL."""
    with path.open(encoding="utf-8") as handle:
        return {record["url"]: record for record in map(json.loads, handle) if record.get("url")}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _pairs(groups: Mapping[str, Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(sorted(members), 2)}  # type: ignore[misc]


def score(
    truth: Mapping[str, dict],
    agencies: Mapping[str, Mapping[str, str]],  # url → {agency code: tone}
    stories: Mapping[str, str],  # url → story key
) -> Scores:
    tp = fp = fn = exact = tone_ok = tone_n = 0
    for url, record in truth.items():
        expected = record["tone"]
        found = agencies.get(url, {})
        tp += len(set(found) & set(expected))
        fp += len(set(found) - set(expected))
        fn += len(set(expected) - set(found))
        exact += set(found) == set(expected)
        for code in set(found) & set(expected):
            tone_n += 1
            tone_ok += found[code] == expected[code]
    true_groups: dict[str, list[str]] = defaultdict(list)
    found_groups: dict[str, list[str]] = defaultdict(list)
    for url, record in truth.items():
        true_groups[record["cluster"]].append(url)
        if url in stories:
            found_groups[stories[url]].append(url)
    true_pairs, found_pairs = _pairs(true_groups), _pairs(found_groups)
    both = len(true_pairs & found_pairs)
    return Scores(
        attribution_precision=_ratio(tp, tp + fp),
        attribution_recall=_ratio(tp, tp + fn),
        attribution_exact=_ratio(exact, len(truth)),
        tone_accuracy=_ratio(tone_ok, tone_n),
        cluster_precision=_ratio(both, len(found_pairs)),
        cluster_recall=_ratio(both, len(true_pairs)),
    )
