"""DecisionMatrix validation and immutability (sanjeh.scoring.matrix)."""

import numpy as np
import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DEFAULT_GROUP, DecisionMatrix
from sanjeh.scoring.normalization import minmax


def make(values: object = ((0.2, 0.4), (0.6, 0.8)), **kwargs: object) -> DecisionMatrix:
    return DecisionMatrix(["a", "b"], ["O1", "R2"], values, **kwargs)  # type: ignore[arg-type]


def test_valid_matrix_is_read_only_and_defaults_are_explicit() -> None:
    m = make()
    assert m.shape == (2, 2)
    assert m.groups == (DEFAULT_GROUP, DEFAULT_GROUP)
    assert m.directions.tolist() == [1, 1]
    assert m.missing == "forbid"
    with pytest.raises(ValueError, match="read-only"):
        m.values[0, 0] = 1.0
    with pytest.raises(AttributeError):
        m.criteria = ("x",)  # type: ignore[misc]


def test_values_are_copied_from_the_caller() -> None:
    raw = np.array([[0.1, 0.2], [0.3, 0.4]])
    m = make(raw)
    raw[0, 0] = 9.0
    assert m.values[0, 0] == 0.1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [[0.1, 0.2]]}, "shape"),
        ({"values": [[0.1, np.inf], [0.1, 0.2]]}, "infinite"),
        ({"values": [[0.1, np.nan], [0.1, 0.2]]}, "missing='forbid'"),
        ({"values": [[np.nan, np.nan], [0.1, 0.2]], "missing": "not_applicable"}, "'a' has no applicable"),
        ({"directions": [1, 2]}, "directions"),
        ({"groups": ["g"]}, "one peer group per alternative"),
        ({"groups": ["g", ""]}, "non-empty"),
        ({"missing": "zero"}, "missing must be"),
    ],
)
def test_invalid_fields_are_named(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        make(**kwargs)


def test_names_must_be_unique_and_non_empty() -> None:
    with pytest.raises(ScoringError, match="'a' appears more than once"):
        DecisionMatrix(["a", "a"], ["O1"], [[1.0], [2.0]])
    with pytest.raises(ScoringError, match="criteria must be non-empty"):
        DecisionMatrix(["a"], [" "], [[1.0]])
    with pytest.raises(ScoringError, match="not one string"):
        DecisionMatrix("ab", ["O1"], [[1.0], [2.0]])


def test_not_applicable_mask_and_groups() -> None:
    m = make([[0.1, np.nan], [0.3, 0.4]], missing="not_applicable", groups=["g1", "g2"])
    assert m.applicable.tolist() == [[True, False], [True, True]]
    assert list(m.group_index()) == ["g1", "g2"]


def test_normalize_is_explicit_and_turns_costs_into_benefits() -> None:
    m = DecisionMatrix(["a", "b", "c"], ["x", "y"], [[1, 10], [2, 20], [3, 30]], directions=[1, -1])
    n = m.normalize(minmax)
    np.testing.assert_allclose(n.values, [[0, 1], [0.5, 0.5], [1, 0]])
    assert n.directions.tolist() == [1, 1]
    with pytest.raises(ScoringError, match="complete matrix"):
        make([[0.1, np.nan], [0.3, 0.4]], missing="not_applicable").normalize(minmax)
