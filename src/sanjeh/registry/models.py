"""Agencies, peer groups, officials and outlets: the reference data everything is attributed to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sanjeh.registry.choices import OutletKind
from sanjeh.registry.fields import PlainCharField, PlainListField


class PeerGroup(models.Model):
    code = models.SlugField("کد", max_length=64, unique=True)
    name = PlainCharField("نام", max_length=200, unique=True)
    order = models.PositiveSmallIntegerField("ترتیب", default=0)

    class Meta:
        ordering = ("order", "name")
        verbose_name = "گروه همتا"
        verbose_name_plural = "گروه‌های همتا"

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    code = models.SlugField("کد", max_length=64, unique=True)
    name = PlainCharField("نام", max_length=300, unique=True)
    aliases = PlainListField("نام‌های دیگر", default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="سازمان مادر",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    peer_group = models.ForeignKey(
        PeerGroup, verbose_name="گروه همتا", on_delete=models.PROTECT, related_name="agencies"
    )
    province = PlainCharField("استان", max_length=100, blank=True)
    active_from = models.DateField("فعال از", null=True, blank=True)
    active_to = models.DateField("فعال تا", null=True, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "دستگاه"
        verbose_name_plural = "دستگاه‌ها"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": "پایان فعالیت نباید پیش از آغاز آن باشد."})
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "فهرستی از نام‌ها (رشته) لازم است."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "دستگاه نمی‌تواند سازمان مادر خودش باشد."})

    def is_active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


class OfficialQuerySet(models.QuerySet["Official"]):
    def on(self, day: dt.date) -> OfficialQuerySet:
        """Officials holding their role on `day` (so a role is credited to whoever held it then)."""
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Official(models.Model):
    person = PlainCharField("نام", max_length=200)
    honorific = PlainCharField("عنوان", max_length=100, blank=True)
    role_title = PlainCharField("سمت", max_length=200)
    agency = models.ForeignKey(
        Agency, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="officials"
    )
    is_spokesperson = models.BooleanField("سخنگو", default=False)
    start = models.DateField("از تاریخ", null=True, blank=True)
    end = models.DateField("تا تاریخ", null=True, blank=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ("agency__name", "role_title", "start")
        verbose_name = "مقام"
        verbose_name_plural = "مقامات"
        constraints = [
            models.UniqueConstraint(
                fields=("person", "role_title", "agency", "start"), name="official_unique_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role_title} {self.agency}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "پایان مسئولیت نباید پیش از آغاز آن باشد."})
        if self.agency_id is None:
            return
        overlapping = Official.objects.filter(agency_id=self.agency_id, role_title=self.role_title).exclude(
            pk=self.pk
        )
        if self.end:
            overlapping = overlapping.filter(Q(start__isnull=True) | Q(start__lte=self.end))
        if self.start:
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        other = overlapping.exclude(person=self.person).first()
        if other is not None:
            raise ValidationError(
                {"start": f"این سمت در این بازه در اختیار «{other.person}» است؛ تاریخ پایان او را ثبت کنید."}
            )


class Outlet(models.Model):
    name = PlainCharField("نام", max_length=200, unique=True)
    aliases = PlainListField("نام‌های دیگر", default=list, blank=True)
    domains = PlainListField("دامنه‌ها", default=list, blank=True)
    kind = models.CharField("نوع", max_length=32, choices=OutletKind.choices, default=OutletKind.SITE)
    tier_weight = models.FloatField("وزن سطح", default=1.0)

    class Meta:
        ordering = ("name",)
        verbose_name = "رسانه"
        verbose_name_plural = "رسانه‌ها"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.tier_weight <= 0:
            raise ValidationError({"tier_weight": "وزن سطح باید مثبت باشد."})
        for field in ("aliases", "domains"):
            value = getattr(self, field)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValidationError({field: "فهرستی از رشته‌ها لازم است."})
