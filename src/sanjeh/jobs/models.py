"""One row per background job: what it does, its state and outcome, for the CLI and the web to show."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sanjeh.jobs.choices import JobKind, JobStatus


class Job(models.Model):
    """A queued piece of work. `params` are the task's plain arguments (paths, names, numbers), so a job
    can be re-run from its row; `result` is the service's report; `error` the one-line reason of a failure."""

    kind = models.CharField("نوع", max_length=16, choices=JobKind.choices)
    subject = models.CharField("موضوع", max_length=300)
    params = models.JSONField("ورودی", default=dict)
    status = models.CharField("وضعیت", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    result = models.JSONField("نتیجه", default=dict, blank=True)
    error = models.CharField("خطا", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="درخواست‌کننده",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created = models.DateTimeField("ثبت", auto_now_add=True)
    started = models.DateTimeField("آغاز", null=True, blank=True)
    finished = models.DateTimeField("پایان", null=True, blank=True)
    # Renewed by the running process (services.Heartbeat); a running job whose lease ran out has lost its
    # process (killed, machine restarted) and is marked failed when next looked at.
    lease_expires = models.DateTimeField("مهلت اجرا", null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")
        verbose_name = "کار پس‌زمینه"
        verbose_name_plural = "کارهای پس‌زمینه"
        indexes = [models.Index(fields=("kind", "subject", "-created"), name="job_by_subject")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.subject}: {self.status}"

    @property
    def active(self) -> bool:
        """Still queued or running: the web keeps polling its status."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
