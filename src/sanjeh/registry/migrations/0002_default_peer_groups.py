"""The five default peer groups of provincial evaluations (DOMAIN.md); editable afterwards."""

from django.db import migrations

GROUPS = (
    ("support-health", "حمایتی و سلامت"),
    ("infrastructure-production", "زیربنایی و تولیدی"),
    ("companies-banks-insurance", "شرکت‌ها، بانک‌ها و بیمه‌ها"),
    ("science-culture-education", "علمی، فرهنگی و آموزشی"),
    ("public-social-judicial", "عمومی، اجتماعی و قضایی"),
)


def add_groups(apps, schema_editor):
    peer_group = apps.get_model("registry", "PeerGroup")
    for order, (code, name) in enumerate(GROUPS, start=1):
        peer_group.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def remove_groups(apps, schema_editor):
    apps.get_model("registry", "PeerGroup").objects.filter(
        code__in=[code for code, _ in GROUPS], agencies__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
