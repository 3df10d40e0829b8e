"""Downloads of an agency's media report as PDF, XLSX or CSV (same access rules as the agency page)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sanjeh.audit.services import record
from sanjeh.evaluation.models import EvaluationRun
from sanjeh.evaluation.models import Period as EvalPeriod
from sanjeh.evaluation.workflow import results_run
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.reports.letterhead import letterhead
from sanjeh.reports.models import PressRelease
from sanjeh.reports.pdf import render_pdf
from sanjeh.reports.press import draft_press_release
from sanjeh.reports.services import (
    HEADER,
    SCORECARD_HEADER,
    SCORECARD_SUMMARY_HEADER,
    SEASON_HEADER,
    agency_media_report,
    contribution_chart,
    scorecard_rows,
    scorecard_summary,
    season_rows,
)
from sanjeh.reports.tables import csv_bytes, xlsx_bytes
from sanjeh.scoring.periods import parse_period
from sanjeh.web.choices import Role
from sanjeh.web.permissions import ANY_ROLE, agency_or_404, require_role
from sanjeh.web.results import scorecard

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class PressReleaseForm(forms.Form):
    title = forms.CharField(label="تیتر", max_length=300)
    body = forms.CharField(label="متن", widget=forms.Textarea(attrs={"rows": 14}), max_length=20000)


@require_role(*ANY_ROLE)
def agency_media(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("قالب پشتیبانی نمی‌شود.")
    agency = agency_or_404(request.membership, code)  # type: ignore[attr-defined]
    report = agency_media_report(agency=agency)
    if fmt == "pdf":
        body = render_pdf("reports/agency_media.html", {"report": report, "header": HEADER})
    elif fmt == "xlsx":
        body = xlsx_bytes([("پوشش رسانه‌ای", HEADER, report.rows)])
    else:
        body = csv_bytes(HEADER, report.rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-media.{fmt}"'
    return response


def _download(body: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _run_or_404(request: HttpRequest, period_name: str) -> tuple[EvalPeriod, EvaluationRun]:
    """The run this user may see: evaluators the latest; everybody else only published results."""
    period = get_object_or_404(EvalPeriod, name=period_name)
    run = results_run(period, evaluator=request.membership.role == Role.EVALUATOR)  # type: ignore[attr-defined]
    if run is None:
        raise Http404("برای این دوره هنوز نتیجه‌ای منتشر نشده است.")
    return period, run


@require_role(*ANY_ROLE)
def season_report(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("قالب پشتیبانی نمی‌شود.")
    season, run = _run_or_404(request, period)
    groups = dict(PeerGroup.objects.values_list("code", "name"))
    rows = season_rows(run.results, groups)
    if fmt == "pdf":
        context = {
            "run": run,
            "period": season,
            "period_fa": parse_period(season.name).name_fa,
            "header": SEASON_HEADER,
            "rows": rows,
            "groups": groups,
            "letterhead": letterhead(reference=str(run.id)),
        }
        body = render_pdf("reports/season.html", context)
    elif fmt == "xlsx":
        body = xlsx_bytes([("رتبه‌بندی", SEASON_HEADER, rows)])
    else:
        body = csv_bytes(SEASON_HEADER, rows)
    return _download(body, fmt, f"{season.name}-ranking")


@require_role(*ANY_ROLE)
def scorecard_report(request: HttpRequest, period: str, code: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("قالب پشتیبانی نمی‌شود.")
    agency = agency_or_404(request.membership, code)  # type: ignore[attr-defined]
    season, run = _run_or_404(request, period)
    if code not in {a["agency"] for a in run.results["agencies"]}:
        raise Http404("برای این دستگاه در این دوره نتیجه‌ای ثبت نشده است.")
    result, lines = scorecard(run, code)
    rows = scorecard_rows(lines)
    if fmt == "pdf":
        context = {
            "run": run,
            "agency": agency,
            "result": result,
            "header": SCORECARD_HEADER,
            "rows": rows,
            "period_fa": parse_period(season.name).name_fa,
            "chart": contribution_chart(lines),
            "letterhead": letterhead(reference=f"{run.id}/{agency.pk}"),
        }
        body = render_pdf("reports/scorecard.html", context)
    elif fmt == "xlsx":
        summary = scorecard_summary(agency.name, parse_period(season.name).name_fa, result, run.id)
        sheets = [("خلاصه", SCORECARD_SUMMARY_HEADER, [summary]), ("کارنامه", SCORECARD_HEADER, rows)]
        body = xlsx_bytes(sheets)
    else:
        body = csv_bytes(SCORECARD_HEADER, rows)
    return _download(body, fmt, f"{season.name}-{code}-scorecard")


@require_role(Role.EVALUATOR)
def press_release(request: HttpRequest, period: str) -> HttpResponse:
    season, run = _run_or_404(request, period)
    if not run.results.get("agencies"):
        raise Http404("در این دوره هیچ دستگاهی رتبه‌بندی نشد؛ خبر اعلام نتایج تهیه نمی‌شود.")
    release = PressRelease.objects.filter(run=run).first()
    if release is None:
        groups = dict(PeerGroup.objects.values_list("code", "name"))
        provinces = set(Agency.objects.exclude(province="").values_list("province", flat=True))
        title, body = draft_press_release(
            run.results, groups, next(iter(provinces)) if len(provinces) == 1 else ""
        )
        release = PressRelease.objects.create(run=run, title=title, body=body, edited_by="sanjeh")
    if request.method == "POST":
        if release.status == PressRelease.Status.PUBLISHED:
            return HttpResponse("این خبر منتشر شده و دیگر قابل ویرایش نیست.", status=409)
        form = PressReleaseForm(request.POST)
        if form.is_valid():
            before = {"title": release.title, "body": release.body, "status": release.status}
            release.title, release.body = form.cleaned_data["title"], form.cleaned_data["body"]
            release.edited_by = request.user.get_username()
            if request.POST.get("action") == "publish":
                release.status, release.published = PressRelease.Status.PUBLISHED, timezone.now()
            release.save()
            record(
                actor=request.user,
                action="publish" if release.published else "update",
                instance=release,
                before=before,
                after={"title": release.title, "body": release.body, "status": release.status},
            )
            return redirect("reports:press_release", period=season.name)
    else:
        form = PressReleaseForm(initial={"title": release.title, "body": release.body})
    return render(request, "reports/press_release.html", {"period": season, "release": release, "form": form})
