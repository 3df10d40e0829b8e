from django.contrib import admin

from sanjeh.audit.admin import AuditedAdmin
from sanjeh.web.models import Membership


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "agency")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("agency",)
