"""Official outputs: the «لوح تقدیر» certificate of each «رتبه برتر» agency, the press release as DOCX and
text, and the methodology (web page and PDF annex) generated from the framework version in force.

Access follows the ranking's: a certificate is an agency's result, so an officer gets only their own and
nobody gets one before results are published (evaluators see the latest run).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sanjeh.evaluation.models import Period as EvalPeriod
from sanjeh.evaluation.services import default_framework_version
from sanjeh.reports.docx import press_release_docx
from sanjeh.reports.letterhead import letterhead
from sanjeh.reports.methodology import methodology
from sanjeh.reports.models import PressRelease
from sanjeh.reports.pdf import render_pdf
from sanjeh.reports.views import _download, _run_or_404
from sanjeh.scoring.periods import parse_period
from sanjeh.web.choices import Role
from sanjeh.web.permissions import ANY_ROLE, agency_or_404, require_role
from sanjeh.web.results import scorecard

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_role(*ANY_ROLE)
def certificate(request: HttpRequest, period: str, code: str) -> HttpResponse:
    agency = agency_or_404(request.membership, code)  # type: ignore[attr-defined]
    season, run = _run_or_404(request, period)
    if not any(a["agency"] == code and a.get("awarded") for a in run.results["agencies"]):
        raise Http404("این دستگاه در این دوره رتبه برتر نگرفته است.")
    result, _ = scorecard(run, code)
    context = {
        "agency": agency,
        "result": result,
        "period_fa": parse_period(season.name).name_fa,
        "group_name": agency.peer_group.name,
        "letterhead": letterhead(reference=f"{run.id}/{agency.pk}"),
    }
    return _download(
        render_pdf("reports/certificate.html", context), "pdf", f"{season.name}-{code}-certificate"
    )


def _framework_context(period: EvalPeriod | None) -> dict[str, object]:
    version = (period.framework if period is not None else None) or default_framework_version()
    return {
        "m": methodology(version.framework()),
        "period": period,
        "period_fa": parse_period(period.name).name_fa if period is not None else "",
    }


@require_role(*ANY_ROLE)
def methodology_page(request: HttpRequest, period: str | None = None) -> HttpResponse:
    season = get_object_or_404(EvalPeriod, name=period) if period else None
    return render(request, "reports/methodology_page.html", _framework_context(season))


@require_role(*ANY_ROLE)
def methodology_pdf(request: HttpRequest, period: str | None = None) -> HttpResponse:
    season = get_object_or_404(EvalPeriod, name=period) if period else None
    context = {
        **_framework_context(season),
        "letterhead": letterhead(reference=season.name if season else ""),
    }
    return _download(render_pdf("reports/methodology.html", context), "pdf", "methodology")


@require_role(Role.EVALUATOR)
def press_release_file(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    """The saved release (draft or published) as DOCX on the letterhead, or as plain UTF-8 text."""
    season, run = _run_or_404(request, period)
    release = PressRelease.objects.filter(run=run).first()
    if release is None:
        raise Http404("خبر این دوره هنوز تهیه نشده است؛ نخست صفحه خبر اعلام نتایج را باز کنید.")
    if fmt == "docx":
        body = press_release_docx(release.title, release.body, letterhead(reference=str(run.id)))
        response = HttpResponse(body, content_type=DOCX)
    elif fmt == "txt":
        response = HttpResponse(
            f"{release.title}\n\n{release.body}\n", content_type="text/plain; charset=utf-8"
        )
    else:
        raise Http404("قالب پشتیبانی نمی‌شود.")
    response["Content-Disposition"] = f'attachment; filename="{season.name}-press-release.{fmt}"'
    return response


__all__ = ["certificate", "methodology_page", "methodology_pdf", "press_release_file"]
