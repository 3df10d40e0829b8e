"""Downloads of an agency's media report as PDF, XLSX or CSV (same access rules as the agency page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from sanjeh.reports.pdf import render_pdf
from sanjeh.reports.services import HEADER, agency_media_report
from sanjeh.reports.tables import csv_bytes, xlsx_bytes
from sanjeh.web.permissions import ANY_ROLE, agency_or_404, require_role

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


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
