"""Persian admin for the registry: the evaluator edits agencies, officials and outlets here."""

from django.contrib import admin

from sanjeh.audit.admin import AuditedAdmin
from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0
    fields = ("honorific", "person", "role_title", "is_spokesperson", "start", "end")


@admin.register(PeerGroup)
class PeerGroupAdmin(AuditedAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("name", "code", "peer_group", "province", "active_from", "active_to")
    list_filter = ("peer_group", "province")
    search_fields = ("name", "code", "aliases")
    autocomplete_fields = ("parent",)
    inlines = (OfficialInline,)


@admin.register(Official)
class OfficialAdmin(AuditedAdmin):
    list_display = ("person", "role_title", "agency", "is_spokesperson", "start", "end")
    list_filter = ("agency__peer_group", "is_spokesperson")
    search_fields = ("person", "role_title", "agency__name")
    autocomplete_fields = ("agency",)


@admin.register(Outlet)
class OutletAdmin(AuditedAdmin):
    list_display = ("name", "kind", "tier_weight")
    list_filter = ("kind",)
    search_fields = ("name", "aliases", "domains")
