"""Framework loading and validation: error messages, AVE refusal, AHP weights, tiers, fingerprint."""

import copy
from pathlib import Path

import pytest
import yaml

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.framework import AMEC_LEVELS, MEDIA_MEASURES, SOURCES, Framework, TierScheme
from sanjeh.scoring.framework_yaml import load_default_framework, load_framework, parse_framework

BASE = load_default_framework().to_dict()


def data() -> dict:
    return copy.deepcopy(BASE)


def ind(d: dict, code: str) -> dict:
    return next(i for i in d["indicators"] if i["code"] == code)


def write(tmp_path: Path, d: dict, name: str = "province.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def test_round_trip_through_yaml_keeps_fingerprint(tmp_path: Path) -> None:
    fw = load_framework(write(tmp_path, data()))
    assert fw == load_default_framework()
    assert fw.fingerprint == load_default_framework().fingerprint
    assert len(fw.fingerprint) == 64


def test_fingerprint_changes_with_any_content() -> None:
    fp = parse_framework(data()).fingerprint
    d = data()
    ind(d, "P1")["rubric"][0] += "."
    assert parse_framework(d).fingerprint != fp
    d = data()
    d["version"] = "1.0.1"
    assert parse_framework(d).fingerprint != fp


@pytest.mark.parametrize(
    ("code", "field", "value", "allowed"),
    [
        ("O1", "normalization", "logcap", "log_capped"),
        ("O1", "amec", "objectives", "out-take"),
        ("O1", "source", "twitter", "submission"),
        ("O1", "direction", "up", "higher"),
        ("O1", "group", "Z", "P, R"),
        ("O1", "cap", 1.5, "(0, 1]"),
        ("P1", "rubric", ["یک", "دو"], "5 Persian descriptions"),
        ("O4", "params", {"low": 0.5}, "requires low, high"),
        ("O4", "params", {"low": 0.5, "high": 0.95, "mid": 1}, "parameters of goalposts"),
        ("O4", "params", {"low": 0.9, "high": 0.5}, "use direction: lower"),
        ("R2", "params", {"weights": {"response": 0.6, "on_time": 0.6}}, "summing to 1"),
        ("O1", "target", {"rule": "median"}, "peer_percentile, council"),
        ("O1", "target", {"rule": "peer_percentile", "q": 1.5}, "(0, 1]"),
        ("P3", "target", {"rule": "council", "value": 0}, "> 0"),
        ("O1", "weight", "heavy", "a number"),
        ("O1", "colour", "red", "known fields"),
        ("E3", "direction", "lower", "only with goalposts"),
    ],
)
def test_errors_name_file_indicator_field_value_allowed(
    tmp_path: Path, code: str, field: str, value: object, allowed: str
) -> None:
    d = data()
    ind(d, code)[field] = value
    with pytest.raises(ScoringError) as err:
        load_framework(write(tmp_path, d))
    msg = str(err.value)
    assert msg.startswith("province.yaml: ")
    assert f"indicator {code}" in msg
    assert field in msg
    assert allowed in msg


def test_missing_target_and_missing_rubric(tmp_path: Path) -> None:
    d = data()
    del ind(d, "O1")["target"]
    with pytest.raises(ScoringError, match=r"indicator O1, field 'target'.*needs a target rule"):
        parse_framework(d)
    d = data()
    del ind(d, "O2")["rubric"]
    with pytest.raises(ScoringError, match=r"indicator O2, field 'rubric'"):
        parse_framework(d)


def test_weights_must_sum_to_100() -> None:
    d = data()
    ind(d, "O1")["weight"] = 9
    with pytest.raises(ScoringError, match="sum to 101; they must sum to 100"):
        parse_framework(d, source="x.yaml")


def test_duplicate_codes_and_empty_groups() -> None:
    d = data()
    ind(d, "O2")["code"] = "O1"
    with pytest.raises(ScoringError, match=r"indicator O1, field 'code'.*used once"):
        parse_framework(d)
    d = data()
    d["groups"].append({"code": "X", "name_fa": "خالی", "name_en": "empty"})
    with pytest.raises(ScoringError, match="at least one indicator"):
        parse_framework(d)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit", "AVE"),
        ("unit", "advertising value equivalent"),
        ("normalization", "ave"),
        ("unit", "ارزش ریالی تبلیغات"),
    ],
)
def test_advertising_value_equivalents_are_refused(field: str, value: str) -> None:
    d = data()
    ind(d, "E1")[field] = value
    with pytest.raises(ScoringError, match="Barcelona Principles") as err:
        parse_framework(d, source="ave.yaml")
    assert "indicator E1" in str(err.value) and "ave.yaml" in str(err.value)


def test_yaml_and_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("code: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScoringError, match=r"broken\.yaml: not valid YAML"):
        load_framework(bad)
    with pytest.raises(ScoringError, match="cannot read framework file"):
        load_framework(tmp_path / "absent.yaml")
    with pytest.raises(ScoringError, match="a mapping at the top level"):
        parse_framework([1, 2])  # type: ignore[arg-type]


def test_vocabularies() -> None:
    assert AMEC_LEVELS == ("input", "activity", "output", "out-take", "outcome", "impact")
    assert "survey" in SOURCES


# --- AHP ---------------------------------------------------------------------------------------------


def ratio_matrix(values: list[float]) -> list[list[float]]:
    return [[a / b for b in values] for a in values]


def test_ahp_groups_consistent_matrix_reproduces_direct_weights() -> None:
    direct = parse_framework(data())
    gw = [12, 29, 28, 21, 10]
    d = data()
    d["weighting"] = {"method": "ahp", "groups": ratio_matrix(gw)}
    fw = parse_framework(d)
    assert fw.ahp[0].level == "groups"
    assert fw.ahp[0].cr == pytest.approx(0.0, abs=1e-9)
    assert fw.ahp[0].lambda_max == pytest.approx(5.0)
    for code, w in direct.weights.items():
        assert fw.weights[code] == pytest.approx(w, abs=1e-8)
    assert sum(fw.weights.values()) == pytest.approx(100.0)
    assert parse_framework(fw.to_dict()).fingerprint == fw.fingerprint


def test_ahp_within_group_and_fraction_strings() -> None:
    d = data()
    d["weighting"] = {
        "method": "ahp",
        "groups": [
            [1, 2, 2, 2, 2],
            ["1/2", 1, 1, 1, 1],
            ["1/2", 1, 1, 1, 1],
            ["1/2", 1, 1, 1, 1],
            ["1/2", 1, 1, 1, 1],
        ],
        "within": {"P": [[1, "3/2", 3], ["2/3", 1, 2], ["1/3", "1/2", 1]]},
    }
    for i in d["indicators"]:
        if i["group"] == "P":
            del i["weight"]
    fw = parse_framework(d)
    assert [r.level for r in fw.ahp] == ["groups", "P"]
    assert fw.group_weights()["P"] == pytest.approx(100 / 3)
    assert fw.weights["P1"] == pytest.approx(100 / 3 * 0.5)
    assert fw.weights["P3"] == pytest.approx(100 / 3 / 6)
    assert fw.ahp[1].cr == pytest.approx(0.0, abs=1e-9)
    # the serialized form re-parses to the same framework
    assert parse_framework(fw.to_dict()).weights == pytest.approx(fw.weights)


def test_ahp_inconsistent_matrix_is_refused_with_cr() -> None:
    m = [[1.0] * 5 for _ in range(5)]
    for i, j in ((0, 1), (1, 2), (2, 0)):  # A ≫ B ≫ C ≫ A: intransitive
        m[i][j], m[j][i] = 9.0, 1 / 9
    d = data()
    d["weighting"] = {"method": "ahp", "groups": m}
    with pytest.raises(ScoringError) as err:
        parse_framework(d, source="ahp.yaml")
    msg = str(err.value)
    assert msg.startswith("ahp.yaml: weighting, AHP matrix of groups")
    assert "CR = " in msg and "0.10" in msg


def test_ahp_matrix_shape_error() -> None:
    d = data()
    d["weighting"] = {"method": "ahp", "groups": [[1, 2], [0.5, 1]]}
    with pytest.raises(ScoringError, match="5 x 5"):
        parse_framework(d)
    d["weighting"] = {"method": "vote"}
    with pytest.raises(ScoringError, match="direct, ahp"):
        parse_framework(d)


# --- tiers -------------------------------------------------------------------------------------------


def test_default_tiers() -> None:
    t = TierScheme()
    assert [t.tier_for(s).label_fa for s in (100, 90, 89.99, 75, 60, 59.9, 0)] == [
        "عالی",
        "عالی",
        "خوب",
        "خوب",
        "متوسط",
        "ضعیف",
        "ضعیف",
    ]
    with pytest.raises(ScoringError, match="0–100"):
        t.tier_for(101)


def test_configurable_tiers() -> None:
    d = data()
    d["tiers"] = [
        {"label_fa": "سرآمد", "label_en": "leading", "min": 85},
        {"label_fa": "فعال", "label_en": "active", "min": 65},
        {"label_fa": "نیمه\u200cفعال", "label_en": "semi-active", "min": 40},
        {"label_fa": "غیرفعال", "label_en": "inactive", "min": 0},
    ]
    fw = parse_framework(d)
    assert fw.tiers.tier_for(70).label_fa == "فعال"
    assert fw.tiers.tier_for(39).label_en == "inactive"
    d["tiers"][3]["min"] = 10
    with pytest.raises(ScoringError, match="the last one 0"):
        parse_framework(d)


def test_framework_is_frozen() -> None:
    fw = parse_framework(data())
    assert isinstance(fw, Framework)
    with pytest.raises(AttributeError):
        fw.version = "2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        fw.indicators[0].params["x"] = 1  # type: ignore[index]


def test_tier_scheme_agrees_with_ranking_scale() -> None:
    from sanjeh.scoring.ranking import DEFAULT_TIERS

    scale = TierScheme().to_scale()
    assert scale.labels == DEFAULT_TIERS.labels and scale.floors == DEFAULT_TIERS.floors
    for s in (0, 59.999, 60, 74.5, 75, 89.99, 90, 100):
        assert TierScheme().tier_for(s).label_fa == DEFAULT_TIERS.tier_of(s)
    d = data()
    d["tiers"] = [
        {"label_fa": "خوب", "label_en": "a", "min": 50},
        {"label_fa": "خوب", "label_en": "b", "min": 0},
    ]
    with pytest.raises(ScoringError, match="unique tier labels"):
        parse_framework(d)


def test_frameworks_and_indicators_are_hashable() -> None:
    a, b = parse_framework(data()), load_default_framework()
    assert hash(a) == hash(b) and len({a, b}) == 1
    assert len(set(a.indicators)) == 20


def test_media_indicators_declare_their_measure() -> None:
    fw = load_default_framework()
    assert fw.media_measures == {
        "O1": "official_news", "O4": "timeliness", "E1": "pickup", "E2": "share_of_voice",
        "E3": "prominence", "E4": "net_tone", "E5": "key_messages", "E6": "national_presence",
        "R1": "critical_response",
    }  # fmt: skip
    assert set(fw.media_measures.values()) == set(MEDIA_MEASURES)
    assert fw.indicator("O3").measure == ""  # media among other sources: its value comes from the sheet


def test_unknown_measure_is_refused_in_one_line_listing_the_valid_ones() -> None:
    d = data()
    ind(d, "O1")["measure"] = "volume"
    with pytest.raises(ScoringError) as err:
        parse_framework(d, source="p.yaml")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("p.yaml: indicator O1, field 'measure': 'volume' is not allowed; allowed: ")
    assert all(name in message for name in MEDIA_MEASURES)


def test_media_only_indicator_without_measure_is_named_and_a_measure_needs_media() -> None:
    d = data()
    del ind(d, "E4")["measure"]
    assert parse_framework(d).unmeasured == ("E4",)  # stored legacy YAML still parses; evaluate refuses
    d = data()
    ind(d, "P3")["measure"] = "pickup"
    with pytest.raises(ScoringError, match="source includes media"):
        parse_framework(d)
