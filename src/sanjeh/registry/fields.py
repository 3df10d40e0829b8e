"""Model fields for names and free text that people type or import: stored without bidi controls.

Every stored name and free text (registry names and aliases, evidence notes, rating comments, appeal
texts, upload names, press releases) goes through `strip_bidi_controls` here, at the model, so the
admin, the workflow forms, the services, the registry import and `bulk_create` all get the same
cleaning without each remembering to call it (an RLO in an agency's name would display it reversed:
"Trojan Source", CVE-2021-42574). `to_python` cleans what forms validate (so uniqueness is checked on
the stored value) and `pre_save` what any save writes.

They deconstruct as Django's own fields: the database columns are unchanged and no migration is needed.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from sanjeh.text.untrusted import strip_bidi_controls


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return strip_bidi_controls(value)
    if isinstance(value, list):
        return [strip_bidi_controls(v) if isinstance(v, str) else v for v in value]
    return value


class _PlainMixin:
    """Strips bidi controls on the way in (forms) and on every save."""

    def to_python(self, value: Any) -> Any:
        return _clean(super().to_python(value))  # type: ignore[misc]

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = _clean(super().pre_save(model_instance, add))  # type: ignore[misc]
        setattr(model_instance, self.attname, value)  # type: ignore[attr-defined]
        return value


class PlainCharField(_PlainMixin, models.CharField):
    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class PlainTextField(_PlainMixin, models.TextField):
    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class PlainListField(_PlainMixin, models.JSONField):
    """A JSON list of names (aliases, domains)."""

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs
