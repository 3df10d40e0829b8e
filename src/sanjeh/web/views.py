"""Pages: login/logout, media dashboard, search (htmx partial), article with evidence, agency coverage.

Views only parse input, call services and render; every view checks the role, and agency-scoped data
goes through `visible_agencies` / `agency_or_404`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sanjeh.evaluation.models import Period as EvalPeriod
from sanjeh.evaluation.workflow import results_run
from sanjeh.monitoring.choices import Tone
from sanjeh.monitoring.models import Article, Mention
from sanjeh.registry.models import PeerGroup
from sanjeh.scoring.periods import parse_period
from sanjeh.web.choices import Role
from sanjeh.web.dashboard import media_summary, season_window
from sanjeh.web.errors import WebError
from sanjeh.web.forms import LoginForm, ToneAuditForm
from sanjeh.web.highlight import highlight
from sanjeh.web.models import ToneSample
from sanjeh.web.permissions import ANY_ROLE, agency_or_404, require_role, visible_agencies
from sanjeh.web.results import ranking, scorecard
from sanjeh.web.services import LoginThrottle, client_address
from sanjeh.web.sheet_evidence import sheet_evidence
from sanjeh.web.tone_audit import decide, draw_sample, next_seed, period_agreement
from sanjeh.web.trends import VEGA_CONFIG, agency_chart, rank_chart, run_summary, trends
from sanjeh.web.views_compare import COMPARE_ROLES

throttle = LoginThrottle()


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """The one login of the site, the admin's included (/admin/login/ is routed here), so every
    password guess goes through the same throttle."""
    form = LoginForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = client_address(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            settings.CONFIG.trusted_proxies,
        )
        if throttle.is_locked(username=username, address=address):
            error = "به دلیل تلاش‌های ناموفق پیاپی، ورود موقتاً مسدود است. پانزده دقیقه دیگر دوباره تلاش کنید."
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(username=username, address=address)
                error = "نام کاربری یا گذرواژه درست نیست."
            else:
                throttle.reset(username=username)
                login(request, user)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                    target = "web:dashboard"
                return redirect(target)
    status = 429 if error and "مسدود" in error else (401 if error else 200)
    return render(request, "web/login.html", {"form": form, "error": error}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")


@require_role(*ANY_ROLE)
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = visible_agencies(request.membership)  # type: ignore[attr-defined]
    seasons = list(EvalPeriod.objects.order_by("-start"))
    chosen = next((p for p in seasons if p.name == request.GET.get("season")), None)
    window = season_window(chosen.start, chosen.end) if chosen else None
    summary = media_summary(agencies, window)  # cached per data version and season
    chart = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": summary["monthly"]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "title": "ماه", "sort": None},
            "y": {"field": "items", "type": "quantitative", "title": "اقلام خبری"},
        },
        "width": "container",
        "config": VEGA_CONFIG,
    }
    context = {**summary, "chart": chart, "seasons": seasons, "season": chosen}
    return render(request, "web/dashboard.html", context)


@require_role(*ANY_ROLE)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
    agencies = visible_agencies(request.membership)  # type: ignore[attr-defined]
    mentions = list(article.mentions.filter(agency__in=agencies).select_related("agency"))
    evidence = [sentence for m in mentions for sentence in m.tone_evidence]
    quotes = [q for q in article.analysis.get("quotes", []) if isinstance(q, dict)]
    paragraphs = [highlight(p, evidence, "evidence") for p in article.body.split("\n") if p.strip()]
    context = {
        "article": article,
        "paragraphs": paragraphs,
        "mentions": mentions,
        "quotes": quotes,
        "copies": article.story.articles.exclude(pk=article.pk).select_related("outlet")[:50]
        if article.story
        else [],
    }
    return render(request, "web/article.html", context)


@require_role(*ANY_ROLE)
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request.membership, code)  # type: ignore[attr-defined]
    # Newest first along the `published` index, each article checked against the (article, agency)
    # unique index, so the page stops after 200 hits instead of sorting all of the agency's mentions;
    # only the listed columns are read (a full row carries the body and the analysis JSON).
    articles = list(
        Article.objects.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), agency=agency)))
        .select_related("outlet")
        .only("id", "title", "published", "outlet_name", "outlet__name")
        .order_by("-published", "-id")[:200]
    )
    found = {
        m.article_id: m
        for m in Mention.objects.filter(agency=agency, article__in=articles).only(
            "id", "article_id", "prominence", "tone"
        )
    }
    mentions = []
    for article in articles:
        mention = found[article.id]
        mention.article = article
        mentions.append(mention)
    tone = dict(Mention.objects.filter(agency=agency).values_list("tone").annotate(n=Count("id")))
    return render(request, "web/agency.html", {"agency": agency, "mentions": mentions, "tone": tone})


@require_role(Role.EVALUATOR)
def tone_audit(request: HttpRequest) -> HttpResponse:
    form = ToneAuditForm(request.POST or request.GET or None)
    period, samples, summary, error = None, [], None, None
    if form.is_bound and form.is_valid():
        period = parse_period(form.cleaned_data["period"])
    elif form.is_bound:
        error = " ".join(form.errors.get("period", [])) or "دوره نامعتبر است."
    if period is not None and request.method == "POST":
        try:
            draw_sample(
                period=period,
                size=form.cleaned_data["size"],
                seed=next_seed(period.name),
                actor=request.user,
            )
        except WebError as exc:
            error = str(exc)
        else:
            return redirect(f"{request.path}?period={period.name}")
    if period is not None:
        samples = (
            ToneSample.objects.filter(period=period.name)
            .select_related("mention__agency", "mention__article")
            .order_by("id")
        )
        summary = period_agreement(period.name)
    context = {
        "form": form,
        "period": period,
        "samples": samples,
        "summary": summary,
        "error": error,
        "tones": Tone.choices,
    }
    return render(request, "web/tone_audit.html", context)


@require_POST
@require_role(Role.EVALUATOR)
def tone_decide(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_object_or_404(
        ToneSample.objects.select_related("mention__agency", "mention__article"), pk=pk
    )
    try:
        decide(sample=sample, tone=request.POST.get("tone", ""), actor=request.user)
    except WebError as exc:
        return HttpResponse(str(exc), status=400)
    if request.headers.get("HX-Request"):
        return render(request, "web/_tone_row.html", {"sample": sample, "tones": Tone.choices})
    return redirect(f"{reverse('web:tone_audit')}?period={sample.period}")


@require_role(*ANY_ROLE)
def periods(request: HttpRequest) -> HttpResponse:
    evaluator = request.membership.role == Role.EVALUATOR  # type: ignore[attr-defined]
    rows = [
        (period, results_run(period, evaluator=evaluator)) for period in EvalPeriod.objects.order_by("-start")
    ]
    return render(request, "web/periods.html", {"rows": rows})


TREND_DEFAULT = 10  # lines the trend chart shows when nobody chose: thirty lines are unreadable


@require_role(*ANY_ROLE)
def ranking_view(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(EvalPeriod, name=period)
    membership = request.membership  # type: ignore[attr-defined]
    run = results_run(season, evaluator=membership.role == Role.EVALUATOR)  # published gate
    if run is None and membership.role != Role.EVALUATOR:
        raise Http404("نتایج این دوره هنوز منتشر نشده است.")
    summary = run_summary(run) if run else {"run": {}, "agencies": {}}
    trend = trends(season, run, evaluator=membership.role == Role.EVALUATOR) if run else {}
    overall, groups = ranking(summary["agencies"].values(), trend)
    own = membership.agency.code if membership.role == Role.AGENCY and membership.agency else None
    seasons = [p.label for p in next(iter(trend.values())).points] if trend else []
    group_names = dict(PeerGroup.objects.values_list("code", "name"))
    chosen, trend_group, caption = _trend_choice(request, overall, group_names, own)
    context = {
        "period": season,
        "run": run,
        "overall": overall,
        "groups": groups,
        "group_names": group_names,
        "own": own,
        "results": summary["run"],
        "unranked": summary["run"].get("unranked") or [],
        "seasons": seasons,
        "trend_group": trend_group,
        "trend_agencies": chosen,
        "chart_caption": caption,
        "compare_allowed": membership.role in COMPARE_ROLES and len(overall) > 1,
        "chart": rank_chart({c: trend[c] for c in chosen if c in trend}, {r.agency: r.name for r in overall})
        if len(seasons) > 1
        else None,
    }
    return render(request, "web/ranking.html", context)


def _trend_choice(
    request: HttpRequest, overall: list[Any], group_names: dict[str, str], own: str | None
) -> tuple[list[str], str, str]:
    """Which agencies the trend chart draws: the ones ticked, else a peer group's, else an officer's own
    group, else the first `TREND_DEFAULT`; with the caption that says which."""
    codes = {row.agency: row for row in overall}
    picked = [c for c in request.GET.getlist("agency") if c in codes]
    if picked:
        return picked, "", "دستگاه‌های انتخاب‌شده"
    group = request.GET.get("group", "")
    if not group and own in codes:
        group = codes[own].group
    if group in group_names:
        members = [row.agency for row in overall if row.group == group]
        return members, group, f"گروه «{group_names[group]}»"
    return [row.agency for row in overall[:TREND_DEFAULT]], "", "ده دستگاه نخست این فصل"


@require_role(*ANY_ROLE)
def scorecard_view(request: HttpRequest, period: str, code: str) -> HttpResponse:
    agency = agency_or_404(request.membership, code)  # type: ignore[attr-defined]
    season = get_object_or_404(EvalPeriod, name=period)
    run = results_run(season, evaluator=request.membership.role == Role.EVALUATOR)  # type: ignore[attr-defined]
    if run is None or code not in run_summary(run)["agencies"]:
        raise Http404("برای این دستگاه در این دوره نتیجه‌ای ثبت نشده است.")
    result, lines = scorecard(run, code)
    evaluator = request.membership.role == Role.EVALUATOR  # type: ignore[attr-defined]
    trend = trends(season, run, evaluator=evaluator, agencies={code})[code]
    sheet = sheet_evidence((line.code, line.evidence) for line in lines)
    context = {
        "period": season,
        "run": run,
        "agency": agency,
        "result": result,
        "rows": [(line, trend.score_change(line.code), sheet.get(line.code)) for line in lines],
        # documents open for the evaluator and the agency itself (raters through their own queue)
        "files_linked": request.membership.role in (Role.EVALUATOR, Role.AGENCY),  # type: ignore[attr-defined]
        "trend": trend,
        "chart": agency_chart(trend) if len(trend.points) > 1 else None,
    }
    return render(request, "web/scorecard.html", context)
