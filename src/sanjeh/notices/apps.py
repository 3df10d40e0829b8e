from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sanjeh.notices"
    label = "notices"
    verbose_name = "یادآوری‌ها و اعلان‌ها"
    default_auto_field = "django.db.models.BigAutoField"
