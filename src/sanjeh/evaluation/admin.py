"""Persian admin for evaluation: periods, submissions and ratings are edited (every change audited);
framework versions and runs are read-only (a framework comes from its YAML, a run from `evaluate`)."""

from django.contrib import admin

from sanjeh.audit.admin import AuditedAdmin, ReadOnlyAdmin
from sanjeh.evaluation.models import (
    Appeal,
    EvaluationRun,
    EvidenceFile,
    FrameworkVersion,
    Period,
    Publication,
    RaterAssignment,
    Rating,
    Submission,
)


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ("code", "version", "name", "fingerprint", "created")
    readonly_fields = ("code", "version", "name", "yaml", "fingerprint", "created")


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ("name", "kind", "start", "end")
    search_fields = ("name",)


@admin.register(Submission)
class SubmissionAdmin(AuditedAdmin):
    list_display = ("period", "agency", "indicator", "status", "not_applicable", "late", "submitted_at")
    list_filter = ("period", "indicator", "status", "late")
    search_fields = ("agency__name", "agency__code")


@admin.register(Rating)
class RatingAdmin(AuditedAdmin):
    list_display = ("period", "agency", "indicator", "item", "round", "rater", "value")
    list_filter = ("period", "indicator", "round")
    search_fields = ("agency__name", "rater")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "period",
        "method",
        "seed",
        "draws",
        "reader_version",
        "framework_fingerprint",
        "created",
    )
    list_filter = ("period", "method")


@admin.register(RaterAssignment)
class RaterAssignmentAdmin(AuditedAdmin):
    """The evaluator assigns two raters (rounds 1 and 2) and, where needed, an adjudicator (round 3)."""

    list_display = ("period", "agency", "round", "user")
    list_filter = ("period", "round")
    search_fields = ("agency__name", "agency__code", "user__username")


@admin.register(EvidenceFile, Appeal, Publication)
class WorkflowRecordAdmin(ReadOnlyAdmin):
    """Evidence files, appeals and publications change only through the audited web workflow."""
