"""Rebuild `Article.search_text` as stems (`sanjeh.text.stemming.index_text`) for databases made before it.

Before, the column held the folded text with ZWNJs deleted, so «میراث فرهنگی» was indexed as one word
and «روستاها» never met «روستا». The FTS5 update trigger and PostgreSQL's expression index follow the
column, so rewriting it rebuilds the index. Rows are read and written in batches by id; re-running (or
running on a database already stemmed) writes the same values.
"""

from django.db import migrations

BATCH = 500


def restem(apps, schema_editor):
    from sanjeh.text.stemming import index_text  # the engine in force: the index must match its queries

    article = apps.get_model("monitoring", "Article")
    last = 0
    while True:
        rows = list(
            article.objects.filter(id__gt=last)
            .order_by("id")
            .values_list("id", "title", "lead", "body")[:BATCH]
        )
        if not rows:
            return
        changed = [
            article(id=pk, search_text=index_text("\n".join((title or "", lead or "", body or ""))))
            for pk, title, lead, body in rows
        ]
        article.objects.bulk_update(changed, ["search_text"])
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_syndication_buckets")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
