"""The period's progress board (agency × indicator: who has submitted, rated, what is late or disputed)
and the evaluator's review of «موضوعیت ندارد» claims.

Statuses per cell come from the submissions and ratings as they are now; filters are plain GET
parameters, so a filtered board is a link one can send. The board is the evaluator's and the manager's
(read-only); approving a claim is the evaluator's alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sanjeh.evaluation import workflow
from sanjeh.evaluation.choices import NotApplicableReview, SubmissionStatus
from sanjeh.evaluation.models import Period, Rating, Submission
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.permissions import require_role

#: Cell statuses, in the order of the legend, with their Persian labels.
STATUSES = {
    "submitted": "ارسال‌شده",
    "late": "با تأخیر",
    "draft": "پیش‌نویس",
    "missing": "ارسال نشده",
    "na_pending": "موضوعیت ندارد — در انتظار تأیید",
    "na_approved": "موضوعیت ندارد — تأییدشده",
    "na_rejected": "موضوعیت ندارد — ردشده",
    "rated": "داوری‌شده",
    "rating": "در حال داوری",
    "unrated": "داوری نشده",
    "third": "نیازمند داور سوم",
}
_NA = {
    NotApplicableReview.PENDING: "na_pending",
    NotApplicableReview.APPROVED: "na_approved",
    NotApplicableReview.REJECTED: "na_rejected",
}


@dataclass
class Cell:
    tags: list[str] = field(default_factory=list)
    submission: Submission | None = None


def _submission_tag(sub: Submission | None) -> str:
    if sub is None:
        return "missing"
    if sub.not_applicable:
        return _NA.get(NotApplicableReview(sub.na_review), "na_pending")
    if sub.status == SubmissionStatus.SUBMITTED:
        return "late" if sub.late else "submitted"
    return "draft"


def _rating_tag(rounds: dict[int, Rating]) -> str:
    if workflow.needs_third(rounds) and 3 not in rounds:
        return "third"
    if {1, 2} <= set(rounds):
        return "rated"
    return "rating" if rounds else "unrated"


def board(period: Period) -> tuple[list[tuple[Agency, list[Cell]]], list[tuple[str, str, bool]]]:
    """Rows of (agency, cells) and the columns (code, name, is a rating column)."""
    sub_codes = [i.code for i in workflow.submission_indicators(period)]
    rate_codes = [i.code for i in workflow.rating_indicators(period)]
    names = {i.code: i.name_fa for i in workflow.sheet_indicators(period)}
    codes = list(dict.fromkeys(sub_codes + rate_codes))
    subs = {(s.agency_id, s.indicator): s for s in Submission.objects.filter(period=period)}
    ratings: dict[tuple[int, str], dict[str, dict[int, Rating]]] = defaultdict(lambda: defaultdict(dict))
    for r in Rating.objects.filter(period=period):
        ratings[(r.agency_id, r.indicator)][r.item][r.round] = r
    rows = []
    for agency in Agency.objects.select_related("peer_group").order_by("peer_group__order", "name"):
        cells = []
        for code in codes:
            cell = Cell(submission=subs.get((agency.id, code)))
            if code in sub_codes:
                cell.tags.append(_submission_tag(cell.submission))
            if code in rate_codes:
                items = ratings.get((agency.id, code), {})
                tags = {_rating_tag(rounds) for rounds in items.values()} or {"unrated"}
                cell.tags.append(next(t for t in ("third", "rating", "unrated", "rated") if t in tags))
            cells.append(cell)
        rows.append((agency, cells))
    return rows, [(c, names.get(c, c), c in rate_codes) for c in codes]


@require_role(Role.EVALUATOR, Role.VIEWER)
def progress(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    rows, columns = board(season)
    counts = Counter(tag for _, cells in rows for cell in cells for tag in cell.tags)
    status, group, indicator = (request.GET.get(k, "") for k in ("status", "group", "indicator"))
    if group:
        rows = [(a, cells) for a, cells in rows if a.peer_group.code == group]
    if indicator in {c for c, _, _ in columns}:
        keep = [i for i, (c, _, _) in enumerate(columns) if c == indicator]
        columns = [columns[i] for i in keep]
        rows = [(a, [cells[i] for i in keep]) for a, cells in rows]
    if status in STATUSES:
        rows = [(a, cells) for a, cells in rows if any(status in cell.tags for cell in cells)]
    pending = (
        Submission.objects.filter(period=season, not_applicable=True, na_review=NotApplicableReview.PENDING)
        .select_related("agency")
        .order_by("agency__name", "indicator")
    )
    context = {
        "period": season,
        "rows": rows,
        "columns": columns,
        "statuses": STATUSES,
        "counts": [(k, label, counts.get(k, 0)) for k, label in STATUSES.items()],
        "groups": PeerGroup.objects.order_by("order"),
        "chosen": {"status": status, "group": group, "indicator": indicator},
        "pending": pending,
        "evaluator": request.membership.role == Role.EVALUATOR,  # type: ignore[attr-defined]
    }
    return render(request, "web/workflow/progress.html", context)


@require_POST
@require_role(Role.EVALUATOR)
def review_not_applicable(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_object_or_404(Submission.objects.select_related("period", "agency"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        workflow.review_not_applicable(submission=sub, approve=approve, actor=request.user)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        verdict = "تأیید شد" if approve else "رد شد"
        name = workflow.indicator(sub.period, sub.indicator).name_fa
        messages.success(request, f"«موضوعیت ندارد» {sub.agency.name} برای «{name}» {verdict}.")
    return redirect("web:wf_progress", sub.period.name)
