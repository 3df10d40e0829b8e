"""Data migrations on a database that already holds articles (not only on an empty one)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sanjeh.ingest.syndication import Banding, signature

TEXT = "مدیرکل بهزیستی استان لرستان از افتتاح سه مرکز جدید توانبخشی در شهرستان‌های خرم‌آباد خبر داد و گفت"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_articles_stored_before_the_shared_index_are_indexed_by_the_migration() -> None:
    before, after = [("monitoring", "0004_reanalysis_runs")], [("monitoring", "0005_syndication_buckets")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    article = apps.get_model("monitoring", "Article")
    sig = signature(TEXT)
    article.objects.create(raw_digest="a" * 64, source="s", locator="1", kind="text", signature=sig)
    article.objects.create(raw_digest="b" * 64, source="s", locator="2", kind="text", signature=b"")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    bucket = executor.loader.project_state(after).apps.get_model("monitoring", "SyndicationBucket")
    rows = set(bucket.objects.values_list("band", "slot", "bucket", "digest"))
    assert rows == {(b, s, h, "a" * 64) for b, s, h in Banding().own(sig, None)}  # the unsigned one: none
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
