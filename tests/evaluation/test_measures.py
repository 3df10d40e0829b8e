"""Media measures are declared by the framework (`measure:`), not tied to indicator codes."""

from __future__ import annotations

import pytest
import yaml
from tests.evaluation.conftest import Tiny

from sanjeh.evaluation.media import media_values
from sanjeh.evaluation.models import FrameworkVersion, Period
from sanjeh.evaluation.services import create_period, gather_inputs
from sanjeh.scoring import MEDIA_MEASURES, load_default_framework, parse_framework

pytestmark = pytest.mark.django_db


def _renamed() -> FrameworkVersion:
    """The default framework with O1 renamed V9 (and renumbered last): same measure, new code."""
    data = load_default_framework().to_dict()
    o1 = next(i for i in data["indicators"] if i["code"] == "O1")
    data["indicators"].remove(o1)
    data["indicators"].append({**o1, "code": "V9", "name_en": "Official releases"})
    data["code"], data["version"] = "renamed", "9.0.0"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    fw = parse_framework(yaml.safe_load(text))
    return FrameworkVersion.objects.create(
        code=fw.code, version=fw.version, name=fw.name_fa, yaml=text, fingerprint=fw.fingerprint
    )


def _inputs(period: Period) -> dict:
    framework = period.framework.framework()
    return gather_inputs(period=period, framework=framework, method="saw", seed=0, draws=10)


def test_a_framework_that_renames_o1_keeps_its_computation(tiny: Tiny) -> None:
    renamed = _inputs(create_period(name="1403-spring", framework=_renamed()))["values"]
    Period.objects.all().delete()
    default = _inputs(create_period(name="1403-spring"))["values"]
    assert "O1" not in renamed["a"]
    for code in ("a", "b", "c"):
        assert renamed[code]["V9"] == default[code]["O1"]
    assert renamed["a"]["V9"]["raw"] == {"count": 2}  # s1 and s3 come from A's PR office in spring


def test_media_values_compute_every_declared_measure(tiny: Tiny) -> None:
    import datetime as dt

    out = media_values(start=dt.date(2024, 3, 20), end=dt.date(2024, 6, 20), agencies=[tiny.agencies["a"]])
    assert set(out["a"]) == set(MEDIA_MEASURES)


def test_a_media_indicator_without_measure_is_refused_at_evaluation(tiny: Tiny) -> None:
    from sanjeh.evaluation.errors import EvaluationError

    data = load_default_framework().to_dict()
    del next(i for i in data["indicators"] if i["code"] == "E4")["measure"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    fw = parse_framework(yaml.safe_load(text))
    version = FrameworkVersion.objects.create(
        code="legacy", version="1", name="x", yaml=text, fingerprint=fw.fingerprint
    )
    with pytest.raises(EvaluationError, match=r"E4 declare no measure; add `measure:` \(official_news"):
        _inputs(create_period(name="1403-spring", framework=version))
