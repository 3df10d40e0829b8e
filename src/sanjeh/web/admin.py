"""Users, groups and roles in the admin: every change audited like the rest (`AuditedMixin`)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.http import HttpRequest, HttpResponse

from sanjeh.audit.admin import AuditedAdmin, AuditedMixin
from sanjeh.audit.services import record
from sanjeh.web.models import Membership


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "agency")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("agency",)


class AuditedUserAdmin(AuditedMixin, UserAdmin):
    """Django's user admin, audited; a password change records that it happened, never the hash."""

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            record(
                actor=request.user,
                action="password",
                instance=user,
                after={"password": "changed"},
                via="admin",
            )
        return response


class AuditedGroupAdmin(AuditedMixin, GroupAdmin):
    pass


def _replace(model: Any, model_admin: Any) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


_replace(User, AuditedUserAdmin)
_replace(Group, AuditedGroupAdmin)
