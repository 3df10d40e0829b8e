"""Fixed choices of background jobs, with Persian labels."""

from django.db import models


class JobKind(models.TextChoices):
    INGEST = "ingest", "دریافت خبر"
    EVALUATE = "evaluate", "ارزیابی دوره"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "در صف"
    RUNNING = "running", "در حال اجرا"
    DONE = "done", "انجام شد"
    FAILED = "failed", "ناموفق"
