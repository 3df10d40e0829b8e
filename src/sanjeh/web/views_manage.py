"""The evaluator's season pages: periods and their calendar, rater assignments, users, the registry and
the notice log — so a governorate runs a season without the command line.

App pages rather than the Django admin: they share the app's Persian right-to-left templates, Jalali
dates and date picker, per-role checks (`require_role`) and audited services; the admin stays the
technician's (superusers). Views parse, call a service, render (docs/web.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sanjeh.audit.models import AuditEntry
from sanjeh.audit.services import save_audited
from sanjeh.evaluation import season as season_services
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.models import Period, RaterAssignment
from sanjeh.evaluation.services import create_period
from sanjeh.jobs.tasks import send_notices_now
from sanjeh.notices.models import Notice
from sanjeh.registry.models import Agency, Official
from sanjeh.scoring.periods import custom_period, season
from sanjeh.web.choices import Role
from sanjeh.web.errors import WebError
from sanjeh.web.forms_manage import (
    AgencyForm,
    AssignmentForm,
    MemberForm,
    OfficialForm,
    PasswordResetForm,
    PeriodCreateForm,
    PeriodEditForm,
)
from sanjeh.web.models import Membership
from sanjeh.web.permissions import require_role
from sanjeh.web.services import reset_password, save_member

evaluator_only = require_role(Role.EVALUATOR)


@evaluator_only
def hub(request: HttpRequest) -> HttpResponse:
    return render(request, "web/manage/hub.html", {"periods": Period.objects.order_by("-start")})


# --- periods ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@evaluator_only
def periods(request: HttpRequest) -> HttpResponse:
    form = PeriodCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            spec = (
                season(data["year"], data["season"])
                if data["season"]
                else custom_period(data["start"], data["end"])
            )
            try:
                period = create_period(
                    name=spec.name, key_messages=data["key_messages"].splitlines(), actor=request.user
                )
            except EvaluationError as exc:
                messages.error(request, _period_error(str(exc), spec.name_fa))
                status = 400
            else:
                messages.success(request, f"دوره {period.label} ساخته شد.")
                return redirect("web:manage_period", period.name)
        else:
            status = 400
    context = {"form": form, "periods": Period.objects.order_by("-start")}
    return render(request, "web/manage/periods.html", context, status=status)


def _period_error(message: str, label: str) -> str:
    if "already exists" in message:
        return f"دوره {label} پیش‌تر ساخته شده است."
    return f"دوره ساخته نشد: {message}"


@require_http_methods(["GET", "POST"])
@evaluator_only
def period_edit(request: HttpRequest, period: str) -> HttpResponse:
    obj = get_object_or_404(Period, name=period)
    initial = {"key_messages": "\n".join(obj.key_messages), "framework": obj.framework, **obj.milestones()}
    form = PeriodEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                season_services.update_period(
                    period=obj,
                    actor=request.user,
                    milestones={k: data[k] for k in season_services.MILESTONES},
                    key_messages=data["key_messages"].splitlines(),
                    framework=data["framework"],
                )
            except season_services.WorkflowError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, "دوره ذخیره شد.")
                return redirect("web:manage_period", obj.name)
        else:
            status = 400
    return render(request, "web/manage/period.html", {"period": obj, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@evaluator_only
def assignments(request: HttpRequest, period: str) -> HttpResponse:
    obj = get_object_or_404(Period, name=period)
    form = AssignmentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                season_services.assign_rater(
                    period=obj,
                    agency=data["agency"],
                    user=data["user"],
                    round_=data["round"],
                    actor=request.user,
                )
            except season_services.WorkflowError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, f"داوری {data['agency'].name} سپرده شد.")
                return redirect("web:manage_raters", obj.name)
        else:
            status = 400
    rows = RaterAssignment.objects.filter(period=obj).select_related("agency", "user")
    context = {"period": obj, "form": form, "rows": rows}
    return render(request, "web/manage/raters.html", context, status=status)


@require_POST
@evaluator_only
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RaterAssignment.objects.select_related("period", "agency"), pk=pk)
    try:
        season_services.remove_assignment(assignment=assignment, actor=request.user)
    except season_services.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "تخصیص داور حذف شد.")
    return redirect("web:manage_raters", assignment.period.name)


# --- users -----------------------------------------------------------------------------------------------


@evaluator_only
def users(request: HttpRequest) -> HttpResponse:
    rows = (
        get_user_model()
        .objects.select_related("membership__agency")
        .filter(is_superuser=False)
        .order_by("membership__role", "username")
    )
    return render(request, "web/manage/users.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@evaluator_only
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk, is_superuser=False) if pk else None
    membership = Membership.objects.filter(user=user).first() if user else None
    initial: dict[str, Any] = {"is_active": True}
    if user is not None:
        initial = {
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "email": user.email,
            "is_active": user.is_active,
            "role": membership.role if membership else "",
            "agency": membership.agency if membership else None,
            "phone": membership.phone if membership else "",
        }
    form = MemberForm(request.POST or None, initial=initial)
    if user is not None:
        form.fields["username"].disabled = True
        del form.fields["password"]  # an existing user's password is reset with its own form below
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if user is None and not data.get("password"):
                form.add_error("password", "برای کاربر تازه گذرواژه لازم است.")
        if form.is_valid():
            try:
                saved = _save_user(request, user, form.cleaned_data)
            except WebError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, f"کاربر «{saved.get_username()}» ذخیره شد.")
                return redirect("web:manage_users")
        else:
            status = 400
    context = {"form": form, "member": user, "password_form": PasswordResetForm() if user else None}
    return render(request, "web/manage/user.html", context, status=status)


def _save_user(request: HttpRequest, user: Any, data: dict[str, Any]) -> Any:
    return save_member(
        actor=request.user,
        user=user,
        username=data["username"],
        role=data["role"],
        agency=data["agency"],
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        is_active=data["is_active"],
        password=data.get("password", ""),
    )


@require_POST
@evaluator_only
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk, is_superuser=False)
    form = PasswordResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "گذرواژه تازه را بنویسید.")
    else:
        try:
            reset_password(user=user, password=form.cleaned_data["password"], actor=request.user)
        except WebError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"گذرواژه «{user.get_username()}» تغییر کرد.")
    return redirect("web:manage_user", user.pk)


# --- registry --------------------------------------------------------------------------------------------


def _save_model_form(request: HttpRequest, form: ModelForm) -> Model | None:
    """Save a registry form through the audited path; model errors land on the form."""
    if not form.is_valid():
        return None
    try:
        return save_audited(form.instance, actor=request.user)
    except ValidationError as exc:
        _add_errors(form, exc)
        return None


def _add_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@evaluator_only
def agencies(request: HttpRequest) -> HttpResponse:
    rows = Agency.objects.select_related("peer_group").order_by("peer_group__order", "name")
    return render(request, "web/manage/agencies.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@evaluator_only
def agency_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code) if code else Agency()
    return _registry_edit(request, AgencyForm, agency, "دستگاه تازه", "web:manage_agencies")


@evaluator_only
def officials(request: HttpRequest) -> HttpResponse:
    rows = Official.objects.select_related("agency")
    agency = request.GET.get("agency", "")
    if agency:
        rows = rows.filter(agency__code=agency)
    context = {"rows": rows, "agencies": Agency.objects.order_by("name"), "chosen": agency}
    return render(request, "web/manage/officials.html", context)


@require_http_methods(["GET", "POST"])
@evaluator_only
def official_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    official = get_object_or_404(Official, pk=pk) if pk else Official()
    return _registry_edit(request, OfficialForm, official, "مقام تازه", "web:manage_officials")


def _registry_edit(
    request: HttpRequest, form_class: type[ModelForm], instance: Model, new_title: str, back: str
) -> HttpResponse:
    """Create or edit one registry row through `save_audited`; model errors land on the form."""
    title = str(instance) if instance.pk else new_title
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST":
        saved = _save_model_form(request, form)
        if saved is not None:
            messages.success(request, f"«{saved}» ذخیره شد.")
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/manage/edit.html", {"form": form, "title": title}, status=status)


# --- audit log -------------------------------------------------------------------------------------------


@evaluator_only
def audit_log(request: HttpRequest) -> HttpResponse:
    """The latest changes, newest first, filtered by who or by what kind of object (read-only)."""
    rows = AuditEntry.objects.order_by("-when", "-id")
    actor, kind = request.GET.get("actor", "").strip(), request.GET.get("type", "").strip()
    if actor:
        rows = rows.filter(actor=actor)
    if kind:
        rows = rows.filter(object_type=kind)
    types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    context = {"rows": rows[:300], "types": types, "chosen": {"actor": actor, "type": kind}}
    return render(request, "web/manage/audit.html", context)


# --- notices ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@evaluator_only
def notices(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        send_notices_now()  # queued; run at once when SANJEH_JOBS=inline
        messages.success(request, "ارسال یادآوری‌ها و اعلان‌ها در صف کارها قرار گرفت.")
        return redirect("web:manage_notices")
    rows = Notice.objects.select_related("user")[:300]
    return render(request, "web/manage/notices.html", {"rows": rows})
