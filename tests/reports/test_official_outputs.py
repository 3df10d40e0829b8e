"""Official outputs: letterhead PDFs, the «لوح تقدیر» certificate, the press release as DOCX, and the
methodology generated from the framework in force. Every produced file is opened and read."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from docx import Document
from PIL import Image
from pypdf import PdfReader
from tests.web.workflow_support import client_for_role as client_for

from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.evaluation.workflow import publish
from sanjeh.monitoring.services import ingest
from sanjeh.registry.services import import_registry
from sanjeh.reports.letterhead import letterhead
from sanjeh.reports.methodology import methodology
from sanjeh.scoring.framework_yaml import default_framework_path, load_framework
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db
BASE = "/reports/evaluation/1403-spring"


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_methodology_is_generated_from_the_framework() -> None:
    framework = load_framework(default_framework_path())
    m = methodology(framework)
    assert len(m["rows"]) == len(framework.indicators) and m["total_weight"] == "۱۰۰"
    p1 = next(r for r in m["rows"] if r.code == "P1")
    assert p1.weight == "۶" and p1.rubric == framework.indicator("P1").rubric and "(r - 1) / 4" in p1.formula
    assert [t["label"] for t in m["tiers"]] == ["عالی", "خوب", "متوسط", "ضعیف"] and m["tiers"][1][
        "min"
    ] == "۷۵"
    assert m["award_min_tier"] == "خوب" and m["award_min_probability"] == "۸۰" and m["third_rater_gap"] == "۲"


@pytest.mark.slow
def test_letterhead_pdfs_certificate_docx_and_methodology(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "teal").save(logo)
    config = dataclasses.replace(
        settings.CONFIG,
        letterhead_org="استانداری لرستان",
        letterhead_logo=logo,
        letter_number_prefix="۷۱۲",
        signatory_name="مریم احمدی",
        signatory_title="مدیرکل روابط عمومی",
    )
    generate_corpus(out=tmp_path, articles=60, seed=3)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    period = create_period(name="1403-spring")
    import_sheet(period=period, path=tmp_path / "submissions" / "1403-spring.csv")
    run = evaluate(period=period, draws=100).run
    publish(
        period=period,
        stage="provisional",
        actor=User.objects.create_user("boss"),
        today=period.milestones()["provisional"],
    )
    # A 60-article synthetic season is too thin for anyone to pass the award rule (tier خوب and
    # P(top-3) ≥ 0.8), so the group leader is marked awarded in the stored results, as a full season would.
    results = run.results
    leader = min(results["agencies"], key=lambda a: (a["rank"], a["agency"]))
    leader["awarded"] = True
    type(run).objects.filter(pk=run.pk).update(results=results)
    run.refresh_from_db()
    awarded = [a for a in run.results["agencies"] if a.get("awarded")]
    assert awarded
    not_awarded = next(a for a in run.results["agencies"] if not a.get("awarded"))
    with override_settings(CONFIG=config):
        viewer = client_for(Role.VIEWER)
        ranking = viewer.get(f"{BASE}/ranking.pdf").content
        text = pdf_text(ranking)
        assert "استانداری لرستان" in text and "مریم احمدی" in text and "مدیرکل روابط عمومی" in text
        number = f"۷۱۲/{run.id}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        today = letterhead(reference="").date
        # pypdf reads a digit run inside right-to-left text in visual order, so either order counts
        assert number in text or number[::-1] in text
        assert "شماره" in text and "تاریخ" in text and (today in text or today[::-1] in text)
        assert any(page.images for page in PdfReader(io.BytesIO(ranking)).pages)  # the logo

        officer = client_for(Role.AGENCY, "telecom")
        card = pdf_text(officer.get(f"{BASE}/agencies/telecom/scorecard.pdf").content)
        assert "کارنامه روابط عمومی" in card and "استانداری لرستان" in card
        other = next(a["agency"] for a in run.results["agencies"] if a["agency"] != "telecom")
        assert officer.get(f"{BASE}/agencies/{other}/scorecard.pdf").status_code == 404
        assert officer.get(f"{BASE}/agencies/{other}/certificate.pdf").status_code == 404

        code = not_awarded["agency"]
        assert viewer.get(f"{BASE}/agencies/{code}/certificate.pdf").status_code == 404
        for agency in awarded:
            response = viewer.get(f"{BASE}/agencies/{agency['agency']}/certificate.pdf")
            certificate = pdf_text(response.content)
            assert "لوح تقدیر" in certificate and "رتبه برتر" in certificate
            assert agency["name"].split()[0] in certificate and "مریم احمدی" in certificate

        evaluator = client_for(Role.EVALUATOR)
        assert evaluator.get(f"{BASE}/press-release.docx").status_code == 404  # no draft yet
        evaluator.get(f"{BASE}/press-release/")
        docx_bytes = evaluator.get(f"{BASE}/press-release.docx").content
        document = Document(io.BytesIO(docx_bytes))
        paragraphs = [p.text for p in document.paragraphs]
        assert paragraphs[0] == "استانداری لرستان" and "اعلام نتایج ارزیابی" in " ".join(paragraphs)
        assert "انتهای پیام/" in paragraphs and paragraphs[-2:] == ["مریم احمدی", "مدیرکل روابط عمومی"]
        xml = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml").decode()
        assert xml.count("<w:bidi/>") == len(paragraphs) + 1  # every paragraph and the section
        assert xml.count("<w:rtl/>") == len(paragraphs) and 'w:cs="Vazirmatn"' in xml
        text_release = evaluator.get(f"{BASE}/press-release.txt").content.decode()
        assert text_release.startswith("اعلام نتایج ارزیابی")
        assert viewer.get(f"{BASE}/press-release.docx").status_code == 403

        page = viewer.get(f"{BASE}/methodology/").content.decode()
        assert "قاعده «رتبه برتر»" in page and "موضوعیت ندارد" in page and "۷۵" in page
        annex = pdf_text(viewer.get(f"{BASE}/methodology.pdf").content)
        assert "روش ارزیابی" in annex and "رتبه برتر" in annex and "استانداری لرستان" in annex


def test_the_methodology_names_every_kind_of_the_framework_in_persian() -> None:
    """Every AMEC level, source and normalization a framework may use has its Persian label, so the
    methodology page never shows a code where a person reads."""
    from sanjeh.reports.methodology import AMEC_FA, NORMALIZATION_FA, SOURCES_FA
    from sanjeh.scoring.framework import AMEC_LEVELS, SOURCES
    from sanjeh.scoring.indicators import NORMALIZATION_KINDS

    assert set(AMEC_FA) == set(AMEC_LEVELS)
    assert set(SOURCES_FA) == set(SOURCES)
    assert set(NORMALIZATION_FA) == set(NORMALIZATION_KINDS)
