"""Fixed choices of the notices app, with Persian labels."""

from django.db import models


class NoticeKind(models.TextChoices):
    EVIDENCE_DUE = "evidence_due", "یادآوری مهلت مستندات"
    RATING_ASSIGNED = "rating_assigned", "سپردن داوری"
    RESULTS_PUBLISHED = "results_published", "انتشار نتایج"
    APPEAL_DECIDED = "appeal_decided", "تصمیم درباره اعتراض"


class Channel(models.TextChoices):
    EMAIL = "email", "رایانامه"
    SMS = "sms", "پیامک / پیام‌رسان"


class NoticeStatus(models.TextChoices):
    SENT = "sent", "فرستاده شد"
    FAILED = "failed", "ناموفق"
