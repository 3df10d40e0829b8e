"""The decision matrix: alternatives × criteria, validated once and immutable afterwards.

Modelled on the decision-matrix objects of scikit-criteria and pymcdm: every kernel takes a
``DecisionMatrix`` so shape, names, directions and the missing-value policy are checked in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.normalization import RelativeNormalization
from sanjeh.scoring.types import FloatArray, readonly

__all__ = ["DEFAULT_GROUP", "DecisionMatrix", "MissingPolicy"]

#: What a NaN cell means. ``"forbid"``: NaN is an error (every value must be finite).
#: ``"not_applicable"``: NaN marks a criterion that does not apply to that alternative; the weighted sum
#: renormalizes that alternative's weights over the remaining criteria.
MissingPolicy = Literal["forbid", "not_applicable"]

#: Peer group used when the caller gives none: every alternative competes with every other.
DEFAULT_GROUP = "all"


def _names(value: Sequence[str], field_name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ScoringError(f"{field_name} must be a sequence of names, not one string {value!r}")
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise ScoringError(f"{field_name} must be non-empty strings; got {name!r}")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ScoringError(f"{field_name} must be unique; {name!r} appears more than once")
        seen.add(name)
    if not names:
        raise ScoringError(f"{field_name} must not be empty")
    return names


@dataclass(frozen=True, eq=False, init=False)
class DecisionMatrix:
    """Alternatives (agency ids) in rows, criteria (indicator codes) in columns.

    ``values`` is a read-only float array; ``directions`` holds +1 (benefit, more is better) or −1 (cost)
    per criterion; ``groups`` names each alternative's peer group (ranks are also given within groups);
    ``missing`` states what NaN means (see ``MissingPolicy``) so missing data is never handled silently.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    values: FloatArray
    directions: NDArray[np.int64]
    groups: tuple[str, ...]
    missing: MissingPolicy

    def __init__(
        self,
        alternatives: Sequence[str],
        criteria: Sequence[str],
        values: ArrayLike,
        directions: Sequence[int] | NDArray[np.integer] | None = None,
        groups: Sequence[str] | None = None,
        missing: MissingPolicy = "forbid",
    ) -> None:
        alts = _names(alternatives, "alternatives")
        crits = _names(criteria, "criteria")
        try:
            arr = np.array(values, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ScoringError(f"values must be numbers; {exc}") from exc
        if arr.shape != (len(alts), len(crits)):
            raise ScoringError(
                f"values must have shape (alternatives, criteria) = ({len(alts)}, {len(crits)}); "
                f"got {arr.shape}"
            )
        if missing not in ("forbid", "not_applicable"):
            raise ScoringError(f"missing must be 'forbid' or 'not_applicable'; got {missing!r}")
        if np.isinf(arr).any():
            i, j = np.argwhere(np.isinf(arr))[0]
            raise ScoringError(f"values[{alts[i]!r}, {crits[j]!r}] is infinite; values must be finite")
        nan = np.isnan(arr)
        if nan.any():
            i, j = np.argwhere(nan)[0]
            if missing == "forbid":
                raise ScoringError(
                    f"values[{alts[i]!r}, {crits[j]!r}] is NaN but missing='forbid'; give a value "
                    "(not submitted = 0) or declare missing='not_applicable'"
                )
            rows = np.flatnonzero(nan.all(axis=1))
            if rows.size:
                raise ScoringError(f"alternative {alts[rows[0]]!r} has no applicable criterion (all NaN)")
        if directions is None:
            dirs = np.ones(len(crits), dtype=np.int64)
        else:
            dirs = np.array(directions)
            if dirs.shape != (len(crits),) or not np.isin(dirs, (1, -1)).all():
                raise ScoringError(
                    f"directions must be +1 (benefit) or -1 (cost), one per criterion ({len(crits)}); "
                    f"got {dirs.tolist()!r}"
                )
            dirs = dirs.astype(np.int64)
        if groups is None:
            grps = (DEFAULT_GROUP,) * len(alts)
        else:
            if isinstance(groups, str):
                raise ScoringError(f"groups must be one name per alternative, not one string {groups!r}")
            grps = tuple(groups)
            if len(grps) != len(alts):
                raise ScoringError(
                    f"groups must name one peer group per alternative ({len(alts)}); got {len(grps)}"
                )
            for g in grps:
                if not isinstance(g, str) or not g.strip():
                    raise ScoringError(f"groups must be non-empty strings; got {g!r}")
        object.__setattr__(self, "alternatives", alts)
        object.__setattr__(self, "criteria", crits)
        object.__setattr__(self, "values", readonly(arr))
        object.__setattr__(self, "directions", readonly(dirs))
        object.__setattr__(self, "groups", grps)
        object.__setattr__(self, "missing", missing)

    @property
    def shape(self) -> tuple[int, int]:
        """(number of alternatives, number of criteria)."""
        return len(self.alternatives), len(self.criteria)

    @property
    def applicable(self) -> NDArray[np.bool_]:
        """Boolean mask: True where the criterion applies to the alternative (the cell is not NaN)."""
        mask = ~np.isnan(self.values)
        mask.setflags(write=False)
        return mask

    @property
    def group_names(self) -> tuple[str, ...]:
        """Peer groups in order of first appearance."""
        return tuple(dict.fromkeys(self.groups))

    def group_index(self) -> dict[str, NDArray[np.int64]]:
        """Row indices of each peer group, in order of first appearance."""
        g = np.array(self.groups, dtype=object)
        return {name: np.flatnonzero(g == name) for name in self.group_names}

    def normalize(self, normalization: RelativeNormalization) -> DecisionMatrix:
        """Apply a named relative normalization column-wise; the result is benefit-oriented (+1 everywhere).

        The caller names the normalization (``vector``, ``minmax``, ``max_``, ``sum_``); there is no default.
        """
        if np.isnan(self.values).any():
            raise ScoringError(
                "relative normalization needs a complete matrix; this one has not-applicable cells"
            )
        out = normalization(np.array(self.values), self.directions)
        return DecisionMatrix(
            self.alternatives,
            self.criteria,
            out,
            directions=np.ones(len(self.criteria), dtype=np.int64),
            groups=self.groups,
            missing=self.missing,
        )

    def with_values(self, values: ArrayLike) -> DecisionMatrix:
        """Same names, directions, groups and policy with new values (validated again)."""
        return DecisionMatrix(
            self.alternatives,
            self.criteria,
            values,
            directions=self.directions,
            groups=self.groups,
            missing=self.missing,
        )
