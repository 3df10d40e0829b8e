"""Search pages: results grouped by story with real totals and paging, the agency autocomplete (htmx),
the export of a result list (XLSX/CSV) and saved searches.

The agency filter takes a Persian name (or an alias, or the code); a name that matches no agency the user
may see is an error and shows no results, never unfiltered ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sanjeh.audit.services import record
from sanjeh.monitoring.search import MAX_PAGE_SIZE, SearchFilters, SearchResult, search_stories
from sanjeh.registry.models import Agency
from sanjeh.registry.services import parse_day
from sanjeh.reports.tables import csv_bytes, xlsx_bytes
from sanjeh.web.choices import Role
from sanjeh.web.forms import SavedSearchForm, SearchForm
from sanjeh.web.models import SavedSearch
from sanjeh.web.permissions import ANY_ROLE, require_role, visible_agencies
from sanjeh.web.templatetags.sanjeh_fa import fa_digits, jalali

EXPORT_HEADER = ("تاریخ", "رسانه", "تیتر", "نشانی", "نسخه‌های منطبق", "شمار رسانه‌ها")
EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
SUGGESTIONS = 10


@dataclass(frozen=True, slots=True)
class ParsedSearch:
    query: str
    filters: SearchFilters | None  # None: the input is wrong and nothing may be shown
    error: str | None
    page: int


def resolve_agency(agencies: QuerySet[Agency], text: str) -> Agency | None:
    """The visible agency named `text` (name, alias or code), else the only one whose name contains it."""
    text = " ".join(text.split())
    exact = agencies.filter(Q(name=text) | Q(code=text)).first()
    if exact is not None:
        return exact
    for agency in agencies.select_related(None).only("id", "code", "name", "aliases"):
        if text in agency.aliases:
            return agency
    partial = list(agencies.filter(name__contains=text)[:2])
    return partial[0] if len(partial) == 1 else None


def parse_search(request: HttpRequest) -> tuple[SearchForm, ParsedSearch]:
    """The form and what it asks for; any wrong field makes `filters` None (an error, no results)."""
    form = SearchForm(request.GET or None)
    if not form.is_valid() or not form.cleaned_data["q"]:
        error = None if form.is_valid() or not request.GET else "ورودی جست‌وجو نادرست است."
        return form, ParsedSearch("", None, error, 1)
    data = form.cleaned_data
    agencies = visible_agencies(request.membership)  # type: ignore[attr-defined]
    page = data["page"] or 1
    agency = None
    if data["agency"]:
        found = resolve_agency(agencies, data["agency"])
        if found is None:
            error = (
                f"دستگاه «{data['agency']}» در میان دستگاه‌های در دسترس شما پیدا نشد؛ "
                "نام کامل را از فهرست برگزینید."
            )
            return form, ParsedSearch(data["q"], None, error, page)
        agency = found.code
    try:
        since, until = parse_day(data["since"] or None), parse_day(data["until"] or None)
    except ValueError:
        error = "تاریخ نادرست است؛ تاریخ را به شکل ۱۴۰۳/۰۱/۱۵ بنویسید."
        return form, ParsedSearch(data["q"], None, error, page)
    filters = SearchFilters(
        agency,
        data["outlet"] or None,
        since,
        until,
        data["tone"] or None,
        data["genre"] or None,
        visible=tuple(agencies.values_list("code", flat=True)),
    )
    return form, ParsedSearch(data["q"], filters, None, page)


@require_role(*ANY_ROLE)
def search(request: HttpRequest) -> HttpResponse:
    form, parsed = parse_search(request)
    result: SearchResult | None = None
    if parsed.filters is not None:
        result = search_stories(parsed.query, parsed.filters, page=parsed.page)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "result": result,
        "error": parsed.error,
        "params": params.urlencode(),
        "saved_form": SavedSearchForm(),
        "saved": SavedSearch.objects.filter(owner=request.user).order_by("name"),
    }
    template = "web/_search_results.html" if request.headers.get("HX-Request") else "web/search.html"
    return render(request, template, context)


@require_role(*ANY_ROLE)
def agency_suggestions(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the agency field's datalist: visible agencies whose name or code contains the text."""
    text = " ".join(request.GET.get("agency", "").split())[:100]
    agencies = visible_agencies(request.membership)  # type: ignore[attr-defined]
    if text:
        agencies = agencies.filter(Q(name__contains=text) | Q(code__contains=text))
    names = agencies.order_by("name").values_list("name", flat=True)[:SUGGESTIONS]
    return render(request, "web/_agency_options.html", {"names": names})


@require_role(*ANY_ROLE)
def search_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every matching story (up to `MAX_PAGE_SIZE`) as a spreadsheet; same input rules as the page."""
    if fmt not in EXPORT_TYPES:
        raise Http404("قالب پشتیبانی نمی‌شود.")
    _, parsed = parse_search(request)
    if parsed.filters is None:
        return HttpResponse(
            parsed.error or "عبارت جست‌وجو خالی است.", status=400, content_type="text/plain; charset=utf-8"
        )
    result = search_stories(parsed.query, parsed.filters, page_size=MAX_PAGE_SIZE)
    rows = [
        (
            jalali(story.hit.published, "short"),
            story.hit.outlet or "",
            story.hit.title,
            story.hit.url or "",
            fa_digits(story.matching),
            fa_digits(story.outlets),
        )
        for story in result.stories
    ]
    body = (
        xlsx_bytes([("نتایج جست‌وجو", EXPORT_HEADER, rows)])
        if fmt == "xlsx"
        else csv_bytes(EXPORT_HEADER, rows)
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="search.{fmt}"'
    return response


@require_POST
@require_role(*ANY_ROLE)
def save_search(request: HttpRequest) -> HttpResponse:
    """Save the current query and filters under a name, with or without the negative-coverage alert."""
    form = SavedSearchForm(request.POST)
    _, parsed = parse_search(request)
    if not form.is_valid() or parsed.filters is None or not parsed.query:
        return HttpResponse(
            parsed.error or "نام جست‌وجو یا عبارت آن نادرست است.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    is_officer = request.membership.role == Role.AGENCY  # type: ignore[attr-defined]
    if form.cleaned_data["alert"] and not (is_officer or parsed.filters.agency):
        return HttpResponse(
            "برای هشدار پوشش منفی، نخست دستگاه را در فیلتر «دستگاه» برگزینید.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    previous = SavedSearch.objects.filter(owner=request.user, name=form.cleaned_data["name"]).first()
    saved, created = SavedSearch.objects.update_or_create(  # the same name again replaces it
        owner=request.user,
        name=form.cleaned_data["name"],
        defaults={
            "query": parsed.query,
            "agency": parsed.filters.agency or "",
            "alert": form.cleaned_data["alert"],
        },
    )
    before = previous.as_dict() if previous else None
    record(
        actor=request.user,
        action="create" if created else "update",
        instance=saved,
        before=before,
        after=saved.as_dict(),
    )
    return redirect(f"{request.path_info.rsplit('saved/', 1)[0]}?{request.GET.urlencode()}")


@require_POST
@require_role(*ANY_ROLE)
def delete_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    record(actor=request.user, action="delete", instance=saved, before=saved.as_dict(), after=None)
    saved.delete()
    return redirect("web:search")
