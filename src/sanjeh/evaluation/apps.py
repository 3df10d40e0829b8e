from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sanjeh.evaluation"
    label = "evaluation"
    verbose_name = "ارزیابی روابط عمومی‌ها"
    default_auto_field = "django.db.models.BigAutoField"
