from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sanjeh.registry"
    label = "registry"
    verbose_name = "ثبت دستگاه‌ها و رسانه‌ها"
    default_auto_field = "django.db.models.BigAutoField"
