from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sanjeh.web"
    label = "web"
    verbose_name = "وب‌گاه سنجه"
    default_auto_field = "django.db.models.BigAutoField"
