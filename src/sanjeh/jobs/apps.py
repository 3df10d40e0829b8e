from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sanjeh.jobs"
    label = "jobs"
    verbose_name = "کارهای پس‌زمینه"
    default_auto_field = "django.db.models.BigAutoField"
