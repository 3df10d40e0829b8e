"""Pages of the period workflow: evidence forms, rater queue, appeals, publication, evidence downloads.

Views parse, call `evaluation.workflow` and render. Agency-scoped URLs go through `agency_or_404`
(another agency's code is a 404, never a hint), and evidence files are served only through
`evidence_file` after a permission check — never from a public media URL.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import (
    Appeal,
    EvidenceFile,
    Period,
    RaterAssignment,
    Rating,
    Submission,
)
from sanjeh.evaluation.services import _samples, default_framework_version
from sanjeh.registry.models import Agency
from sanjeh.scoring import PeriodState
from sanjeh.scoring.periods import PERIOD_STATE_LABELS_FA
from sanjeh.web.choices import Role
from sanjeh.web.forms_workflow import (
    AppealForm,
    DecisionForm,
    EvidenceForm,
    PublishForm,
    RatingForm,
    SheetUploadForm,
)
from sanjeh.web.models import Membership
from sanjeh.web.permissions import ANY_ROLE, agency_or_404, require_role
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Raw input keys as people read them on an appeal's diff, in this order (others keep their key).
RAW_LABELS = {
    "value": "مقدار",
    "numerator": "صورت کسر",
    "denominator": "مخرج کسر",
    "count": "تعداد",
    "studies": "شمار پژوهش‌ها",
    "active_weeks": "هفته‌های فعال",
    "engagement": "تعامل",
    "mean": "میانگین",
    "n": "شمار پاسخ‌دهندگان",
    "raters": "امتیاز داوران",
    "status": "وضعیت",
}
RAW_STATUS = {"not_submitted": "ارسال نشده", "not_applicable": "موضوعیت ندارد"}


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined,no-any-return]


def _state_label(state: str) -> str:
    return "پیش رو" if state == "upcoming" else PERIOD_STATE_LABELS_FA[PeriodState(state)]


@require_role(*ANY_ROLE)
def home(request: HttpRequest) -> HttpResponse:
    rows = []
    for period in Period.objects.order_by("-start"):
        state = workflow.state_of(period)
        rows.append((period, _state_label(state)))
    return render(request, "web/workflow/home.html", {"rows": rows})


@require_role(*ANY_ROLE)
def period_page(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    membership = _membership(request)
    state = workflow.state_of(season)
    context: dict[str, object] = {
        "period": season,
        "state": _state_label(state),
        "milestones": season.milestones(),
        "publications": season.publications.select_related("run"),
        "role": membership.role,
    }
    if membership.role == Role.AGENCY and membership.agency is not None:
        subs = {s.indicator: s for s in Submission.objects.filter(period=season, agency=membership.agency)}
        context["agency"] = membership.agency
        context["rows"] = [(ind, subs.get(ind.code)) for ind in workflow.submission_indicators(season)]
        context["appeals"] = Appeal.objects.filter(period=season, agency=membership.agency)
    elif membership.role == Role.RATER:
        context["assignments"] = RaterAssignment.objects.filter(
            period=season, user=request.user
        ).select_related("agency")
    elif membership.role == Role.EVALUATOR:
        context["appeals"] = Appeal.objects.filter(period=season).select_related("agency")
        context["run"] = workflow.results_run(season, evaluator=True)
        context["publish_form"] = PublishForm()
    return render(request, "web/workflow/period.html", context)


def _plain(value: float) -> str:
    """A stored value as the officer typed it: 40 (not 40.0), 2.5, 1234567 (never 1.23457e+06)."""
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))


def _period_agency(request: HttpRequest, period: str, code: str) -> tuple[Period, Agency]:
    agency = agency_or_404(_membership(request), code)
    return get_object_or_404(Period, name=period), agency


def _refused(request: HttpRequest, exc: workflow.WorkflowError) -> None:
    messages.error(request, str(exc))


@require_http_methods(["GET", "POST"])
@require_role(Role.AGENCY)
def evidence(request: HttpRequest, period: str, code: str, indicator: str) -> HttpResponse:
    season, agency = _period_agency(request, period, code)
    try:
        ind = workflow.indicator(season, indicator)
    except workflow.WorkflowError:
        raise Http404("شاخص پیدا نشد.") from None
    sub = Submission.objects.filter(period=season, agency=agency, indicator=ind.code).first()
    initial = {}
    if sub is not None:
        parts = workflow.sheet_values(sub.values)
        initial = {f"value_{k}": _plain(v) for k, v in zip((1, 2), parts, strict=False) if v is not None}
        initial |= {
            "evidence_note": sub.evidence_note,
            "evidence_links": " ".join(sub.evidence_links),
            "not_applicable": sub.not_applicable,
        }
    form = EvidenceForm(request.POST or None, request.FILES or None, indicator=ind, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused attachment leaves the submission as it was
                sub = workflow.save_submission(
                    period=season,
                    agency=agency,
                    code=ind.code,
                    values={k: data.get(k, "") for k in ("value_1", "value_2")},
                    evidence_note=data["evidence_note"],
                    evidence_links=data["evidence_links"],
                    not_applicable=data["not_applicable"],
                    submit=request.POST.get("action") == "submit",
                    actor=request.user,
                )
                if data.get("attachment"):
                    workflow.attach_file(upload=data["attachment"], submission=sub, actor=request.user)
        except workflow.WorkflowError as exc:
            _refused(request, exc)
            status = 400
        else:
            messages.success(request, "ارسال شد." if sub.status == "submitted" else "پیش‌نویس ذخیره شد.")
            return redirect("web:wf_evidence", season.name, agency.code, ind.code)
    elif request.method == "POST":
        status = 400
    context = {"period": season, "agency": agency, "indicator": ind, "form": form, "submission": sub}
    return render(request, "web/workflow/evidence.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_role(Role.AGENCY)
def agency_sheet(request: HttpRequest, period: str, code: str) -> HttpResponse:
    """GET: this agency's rows of the period's XLSX template; POST: import the filled sheet."""
    season, agency = _period_agency(request, period, code)
    if request.method == "GET":
        with tempfile.TemporaryDirectory() as tmp:
            path = workflow.agency_template(period=season, agency=agency, out=Path(tmp))
            response = HttpResponse(path.read_bytes(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{path.name}"'
        return response
    form = SheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "برگه XLSX را انتخاب کنید.")
        return redirect("web:wf_period", season.name)
    upload = form.cleaned_data["sheet"]
    if upload.size > settings.CONFIG.max_upload_mb * 1024 * 1024 or workflow.sniff_upload(upload) != ".xlsx":
        limit = settings.CONFIG.max_upload_mb
        messages.error(request, f"فقط برگه XLSX قالب همین دوره، تا {limit} مگابایت، پذیرفته می‌شود.")
        return redirect("web:wf_period", season.name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.xlsx"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            saved = workflow.import_agency_sheet(period=season, agency=agency, path=path, actor=request.user)
        except workflow.WorkflowError as exc:
            _refused(request, exc)
        else:
            messages.success(request, f"{saved} ردیف از برگه ذخیره شد.")
    return redirect("web:wf_period", season.name)


def _may_download(request: HttpRequest, evidence: EvidenceFile) -> bool:
    membership = _membership(request)
    if membership.role == Role.EVALUATOR:
        return True
    if membership.role == Role.AGENCY:
        return membership.agency_id == evidence.agency_id
    if membership.role == Role.RATER and evidence.submission_id is not None:
        sub = evidence.submission
        return RaterAssignment.objects.filter(
            period_id=sub.period_id,
            agency_id=sub.agency_id,
            user=request.user,  # type: ignore[union-attr]
        ).exists()
    return False


@require_role(*ANY_ROLE)
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(EvidenceFile.objects.select_related("submission"), pk=pk)
    if not _may_download(request, evidence):
        raise Http404("پرونده پیدا نشد.")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _rating_rows(
    season: Period, agency: Agency, request: HttpRequest, posted: RatingForm | None = None
) -> list[dict[str, object]]:
    """Per rubric indicator (and sampled item): what this user may see of the ratings, and whether
    they may rate now (in the rating window, their round still empty; round 3 only when the first two
    differ by ≥ 2). A refused POST comes back as `posted`, so its row shows what was typed."""
    membership = _membership(request)
    window = workflow.state_of(season) == PeriodState.RATING
    assignment = RaterAssignment.objects.filter(period=season, agency=agency, user=request.user).first()
    mine = assignment.round if assignment else None
    evaluator = membership.role == Role.EVALUATOR
    inds = workflow.rating_indicators(season)
    samples: dict[str, list[str]] = {}
    if any("sample_size" in i.params for i in inds):
        framework = (season.framework or default_framework_version()).framework()
        samples = _samples(season, framework, [agency])
    subs = {s.indicator: s for s in Submission.objects.filter(period=season, agency=agency)}
    rows: list[dict[str, object]] = []
    for ind in inds:
        for item in samples.get(agency.code, []) if "sample_size" in ind.params else [""]:
            shown = workflow.visible_ratings(
                period=season,
                agency=agency,
                code=ind.code,
                item=item,
                viewer_round=None if evaluator else mine,
            )
            round_ = mine if mine is not None else (3 if evaluator else None)
            can = window and round_ is not None and round_ not in shown
            if round_ == 3:
                can = can and workflow.needs_third(shown)
            # One form per row on the page: the ids must differ, or a click on a later row's label
            # would tick the first row's radio button (a label points at the first element with its id).
            auto_id = f"id_r{len(rows)}_%s"
            form = RatingForm(initial={"indicator": ind.code, "item": item}, auto_id=auto_id)
            if posted is not None and (posted.data.get("indicator"), posted.data.get("item", "")) == (
                ind.code,
                item,
            ):
                form = RatingForm(posted.data, auto_id=auto_id)  # keeps the comment and the score typed
            rows.append({
                "indicator": ind,
                "item": item,
                "ratings": [shown[k] for k in sorted(shown)],
                "submission": subs.get(ind.code),
                "form": form if can else None,
            })  # fmt: skip
    return rows


@require_role(Role.RATER, Role.EVALUATOR)
def rating_queue(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    evaluator = _membership(request).role == Role.EVALUATOR
    # The evaluator oversees every assignment (with how far each rater got); a rater sees their own.
    assignments = RaterAssignment.objects.filter(period=season).select_related("agency", "user")
    if not evaluator:
        assignments = assignments.filter(user=request.user)
    done = defaultdict(int)
    for agency_id, rnd in Rating.objects.filter(period=season).values_list("agency_id", "round"):
        done[(agency_id, rnd)] += 1
    rows = [(a, done[(a.agency_id, a.round)]) for a in assignments]
    disputes: dict[Agency, list[str]] = defaultdict(list)
    if evaluator:
        grouped: dict[tuple[int, str, str], dict[int, Rating]] = defaultdict(dict)
        for r in Rating.objects.filter(period=season).select_related("agency"):
            grouped[(r.agency_id, r.indicator, r.item)][r.round] = r
        for (_, code, item), rounds in sorted(grouped.items()):
            if workflow.needs_third(rounds) and 3 not in rounds:
                disputes[rounds[1].agency].append(f"{code} {item}".strip())
    context = {
        "period": season,
        "rows": rows,
        "disputes": dict(disputes),
        "evaluator": evaluator,
    }
    return render(request, "web/workflow/rating_queue.html", context)


@require_http_methods(["GET", "POST"])
@require_role(Role.RATER, Role.EVALUATOR)
def rating_agency(request: HttpRequest, period: str, code: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    agency = get_object_or_404(Agency, code=code)
    evaluator = _membership(request).role == Role.EVALUATOR
    if (
        not evaluator
        and not RaterAssignment.objects.filter(period=season, agency=agency, user=request.user).exists()
    ):
        raise Http404("این دستگاه در صف داوری شما نیست.")
    status, form = 200, None
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                workflow.rate(
                    period=season,
                    agency=agency,
                    code=data["indicator"],
                    item=data["item"],
                    value=data["value"],
                    comment=data["comment"],
                    actor=request.user,
                    adjudicator=evaluator,
                )
            except workflow.WorkflowError as exc:
                _refused(request, exc)
                status = 400
            else:
                messages.success(request, "امتیاز ثبت شد.")
                return redirect("web:wf_rating_agency", season.name, agency.code)
        else:  # the page shows fresh forms, so say here what was missing
            messages.error(request, "امتیاز ثبت نشد: یکی از امتیازهای ۱ تا ۵ را انتخاب کنید.")
            status = 400
    milestones = season.milestones()
    rows = _rating_rows(season, agency, request, form if status == 400 else None)
    typed = (request.POST.get("comment") or "").strip() if status == 400 else ""
    if typed and not any(row["form"] is not None and row["form"].is_bound for row in rows):
        # no form to put it back in (the window closed meanwhile): say it, so the text is not lost
        messages.info(request, f"توضیحی که نوشته بودید: {typed}")
    context = {
        "period": season,
        "agency": agency,
        "rows": rows,
        "window": workflow.state_of(season) == PeriodState.RATING,
        "opens": milestones["evidence_close"] + dt.timedelta(days=1),
        "closes": milestones["rating_close"],
    }
    return render(request, "web/workflow/rating.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_role(Role.AGENCY, Role.EVALUATOR)
def appeals(request: HttpRequest, period: str, code: str) -> HttpResponse:
    season, agency = _period_agency(request, period, code)
    run = workflow.results_run(season, evaluator=False)
    codes = (
        sorted(next((a["indicators"] for a in run.results["agencies"] if a["agency"] == code), {}))
        if run
        else []
    )
    names = {i.code: i.name_fa for i in run.framework.framework().indicators} if run else {}
    choices = [(c, f"{c} {names.get(c, '')}".strip()) for c in codes]  # the officer reads names, not codes
    form = AppealForm(request.POST or None, request.FILES or None, codes=choices)
    milestones = season.milestones()
    today = timezone.localdate()
    window = milestones["provisional"] < today <= milestones["appeals_close"]
    status = 200
    if request.method == "POST":
        if _membership(request).role != Role.AGENCY:
            raise Http404("فقط دستگاه می‌تواند اعتراض ثبت کند.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():  # a refused attachment files no appeal
                    appeal = workflow.file_appeal(
                        period=season,
                        agency=agency,
                        code=data["indicator"],
                        reason=data["reason"],
                        actor=request.user,
                    )
                    if data.get("attachment"):
                        workflow.attach_file(upload=data["attachment"], appeal=appeal, actor=request.user)
            except workflow.WorkflowError as exc:
                _refused(request, exc)
                status = 400
            else:
                messages.success(request, "اعتراض ثبت شد.")
                return redirect("web:wf_appeal", appeal.pk)
        else:
            status = 400
    context = {
        "period": season,
        "agency": agency,
        "form": form,
        "run": run,
        "window": window,
        "opens": milestones["provisional"] + dt.timedelta(days=1),
        "closes": milestones["appeals_close"],
        "appeals": Appeal.objects.filter(period=season, agency=agency),
    }
    return render(request, "web/workflow/appeals.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_role(Role.AGENCY, Role.EVALUATOR)
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    appeal = get_object_or_404(Appeal.objects.select_related("agency", "period", "new_run"), pk=pk)
    if membership.role == Role.AGENCY and membership.agency_id != appeal.agency_id:
        raise Http404("اعتراض پیدا نشد.")
    evaluator = membership.role == Role.EVALUATOR
    form = DecisionForm(request.POST or None) if evaluator else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404("فقط ارزیاب درباره اعتراض تصمیم می‌گیرد.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                workflow.decide_appeal(
                    appeal=appeal,
                    accept=data["accept"],
                    decision=data["decision"],
                    correction={k: data[k] for k in ("value_1", "value_2", "rating")},
                    actor=request.user,
                )
            except workflow.WorkflowError as exc:
                _refused(request, exc)
                status = 400
            else:
                return redirect("web:wf_appeal", appeal.pk)
        else:
            status = 400
    changed, moved = _appeal_diff(appeal, evaluator=evaluator)
    context = {"appeal": appeal, "form": form, "changed": changed, "moved": moved}
    return render(request, "web/workflow/appeal.html", context, status=status)


def _number(value: object) -> str:
    if isinstance(value, float):  # 40.0 → ۴۰, 31.4394 → ۳۱.۴۴
        return fa_digits(f"{value:.2f}".rstrip("0").rstrip("."))
    if isinstance(value, list | tuple):
        return "، ".join(_number(v) for v in value)
    return fa_digits(RAW_STATUS.get(str(value), value))


def _raw_text(raw: object) -> str:
    """A run's raw input as a sentence (صورت کسر: ۸۰، مخرج کسر: ۴), not a Python dict."""
    if not isinstance(raw, dict):
        return "—" if raw is None else _number(raw)
    order = list(RAW_LABELS)
    keys = sorted(raw, key=lambda k: (order.index(k) if k in order else len(order), k))
    return "، ".join(f"{RAW_LABELS.get(k, k)}: {_number(raw[k])}" for k in keys)


def _change(pair: object, show: Callable[[object], str] = _number) -> str:
    """`از X به Y` (read right to left, so no arrow can point the wrong way), or X when unchanged."""
    before, after = pair if isinstance(pair, list | tuple) else (pair, pair)
    return show(after) if before == after else f"از {show(before)} به {show(after)}"


def _appeal_diff(appeal: Appeal, *, evaluator: bool) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The new run's diff for people: this agency's changed inputs, and the moves in score, rank and tier
    (every agency's for the evaluator, only its own for the agency), with names instead of codes."""
    run = appeal.new_run
    if run is None:
        return [], []
    diff = run.diff or {}
    names = {i.code: i.name_fa for i in run.framework.framework().indicators}
    changed = [
        {"indicator": f"{c['indicator']} {names.get(c['indicator'], '')}".strip(),
         "before": _raw_text(c["before"]), "after": _raw_text(c["after"])}
        for c in diff.get("inputs_changed", [])
        if c["agency"] == appeal.agency.code
    ]  # fmt: skip
    rows = [a for a in diff.get("agencies", []) if evaluator or a["agency"] == appeal.agency.code]
    agencies = dict(Agency.objects.filter(code__in=[a["agency"] for a in rows]).values_list("code", "name"))
    moved = [
        {"agency": agencies.get(a["agency"], a["agency"]), "score": "تازه", "rank": "", "tier": ""}
        if a.get("new")
        else {"agency": agencies.get(a["agency"], a["agency"]), "score": _change(a["score"]),
              "rank": _change(a["rank"]), "tier": _change(a["tier"], str)}
        for a in rows
    ]  # fmt: skip
    return changed, moved


@require_POST
@require_role(Role.EVALUATOR)
def publish(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "مرحله انتشار نامعتبر است.")
    else:
        try:
            workflow.publish(period=season, stage=form.cleaned_data["stage"], actor=request.user)
        except workflow.WorkflowError as exc:
            _refused(request, exc)
        else:
            messages.success(request, "نتایج منتشر شد.")
    return redirect("web:wf_period", season.name)
