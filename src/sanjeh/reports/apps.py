from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sanjeh.reports"
    label = "reports"
    verbose_name = "گزارش‌ها"
    default_auto_field = "django.db.models.BigAutoField"
