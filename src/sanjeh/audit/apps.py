from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sanjeh.audit"
    label = "audit"
    verbose_name = "ممیزی"
    default_auto_field = "django.db.models.BigAutoField"
