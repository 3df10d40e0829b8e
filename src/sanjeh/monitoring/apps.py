from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "sanjeh.monitoring"
    label = "monitoring"
    verbose_name = "پایش رسانه"
    default_auto_field = "django.db.models.BigAutoField"
